//! The `dangjian` command line, run as a program: init from a roster, the record templates
//! written, filled and imported, report errors and defaults, a closed pipe, `--lang en`, the
//! workbook's sections and the printable HTML.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader, Cursor};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use calamine::{Data, Reader, Xlsx};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dangjian"));
    // Chinese unless a test says otherwise, whatever the machine's locale
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env_remove("PAGER");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli_fixtures")
        .join(name)
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dangjian-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut wb = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            let rows = r
                .rows()
                .map(|row| row.iter().map(|c| c.to_string()).collect())
                .collect();
            (n, rows)
        })
        .collect()
}

#[test]
fn report_without_data_says_how_to_start_in_chinese() {
    let o = run(&["report"]);
    assert_ne!(o.status.code(), Some(0));
    let err = text(&o.stderr);
    assert!(err.contains("错误 [no_data]"), "{err}");
    assert!(
        err.contains("--sample") && err.contains("dangjian init"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn english_with_lang_or_locale() {
    let o = run(&["--lang", "en", "report"]);
    assert_ne!(o.status.code(), Some(0));
    let err = text(&o.stderr);
    assert!(err.contains("error [no_data]: No data given"), "{err}");
    let o = bin()
        .env("LANG", "en_US.UTF-8")
        .args(["report"])
        .output()
        .unwrap();
    assert!(text(&o.stderr).contains("No data given"));
    // the help is Chinese by default and English on request
    let zh = text(&run(&["report", "--help"]).stdout);
    assert!(zh.contains("用法：") && zh.contains("报告月份"), "{zh}");
    let en = text(&run(&["report", "--help", "--lang", "en"]).stdout);
    assert!(en.contains("Usage:") && en.contains("Report month"), "{en}");
    // a usage error: translated, exit code 2
    let o = run(&["report", "--bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("无法识别的参数：--bogus"));
}

#[test]
fn the_sample_report_defaults_to_the_latest_complete_month_and_says_so() {
    let o = run(&["report", "--sample"]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("翔凤社区 月度党建报告 2026年10月（截至 2026-10-31）")
    );
    assert!(lines.next().unwrap().contains("数据覆盖的最近完整月份"));
    // an explicit month prints the report alone
    let o = run(&["report", "--sample", "--month", "2026-10"]);
    let out = text(&o.stdout);
    assert!(!out.contains("最近完整月份"));
    assert!(out.contains("一、党员队伍"));
}

#[test]
fn a_month_outside_the_data_warns() {
    let o = run(&["report", "--sample", "--month", "2021-05"]);
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("早于社区成立（2022-11-01）"));
    let o = run(&[
        "report", "--sample", "--month", "2027-01", "--format", "json",
    ]);
    assert!(o.status.success());
    assert!(text(&o.stderr).contains("晚于最后一条记录（2026-10-31）"));
    let o = run(&["report", "--sample", "--month", "2026-13"]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("错误 [bad_month]"));
}

#[test]
fn a_closed_pipe_ends_the_report_quietly() {
    for args in [
        &["report", "--sample"][..],
        &["report", "--sample", "--format", "json"][..],
        &["sample"][..],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        {
            let stdout = child.stdout.take().unwrap();
            BufReader::new(stdout).read_line(&mut first).unwrap();
            // `head -1`: the reader goes away
        }
        let o = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        let err = text(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert!(
                o.status.success() || o.status.signal() == Some(13),
                "{args:?}: {:?} {err}",
                o.status
            );
        }
        #[cfg(not(unix))]
        assert!(o.status.success());
    }
}

#[test]
fn init_from_a_roster_creates_branches_and_groups() {
    let out = tmp("init.json");
    let _ = std::fs::remove_file(&out);
    let roster = fixture("roster.csv");
    let args = [
        "init",
        "--name",
        "测试社区",
        "--roster",
        roster.to_str().unwrap(),
        "--as-of",
        "2026-01-31",
        "--out",
        out.to_str().unwrap(),
    ];
    // without --yes and without a terminal: the plan, then an error, nothing written
    let o = run(&args);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(err.contains("将建立社区 “测试社区”"), "{err}");
    assert!(err.contains("B2 第二党支部"), "{err}");
    assert!(err.contains("G1-2 第二党小组"), "{err}");
    assert!(err.contains("共 6 个组织，4 名党员"), "{err}");
    assert!(!out.exists());
    let mut yes = args.to_vec();
    yes.push("--yes");
    let o = run(&yes);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ds = dangjian::io::Dataset::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = ds.orgs.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["Z", "B1", "G1-1", "G1-2", "B2", "G2-1"]);
    assert_eq!(ds.orgs[0].name, "测试社区党总支");
    assert_eq!(ds.members.len(), 4);
    let grouped = ds
        .events
        .iter()
        .filter(|e| e.kind == dangjian::member::EventType::GroupAssigned)
        .count();
    assert_eq!(grouped, 3);
    // init never overwrites
    let o = run(&yes);
    assert!(text(&o.stderr).contains("错误 [exists]"));
    // and the new community reports its month
    let o = run(&["report", "--data", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("测试社区 月度党建报告 2026年1月"));
}

#[test]
fn init_from_a_toml_list_of_organizations() {
    let out = tmp("orgs.json");
    let _ = std::fs::remove_file(&out);
    let orgs = fixture("orgs.toml");
    let o = run(&[
        "init",
        "--name",
        "示例社区",
        "--orgs",
        orgs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--yes",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ds = dangjian::io::Dataset::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(ds.orgs.len(), 3);
    assert_eq!(ds.community.name, "示例社区");
}

/// Writes `rows` under the template's header row into a new workbook.
fn fill(template: &Path, rows: &[Vec<&str>], out: &Path) {
    let header = &sheets(template)[0].1[0];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in header.iter().enumerate() {
        ws.write_string(0, j as u16, h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            ws.write_string(i as u32 + 1, j as u16, *v).unwrap();
        }
    }
    wb.save(out).unwrap();
}

#[test]
fn templates_round_trip_into_the_dataset() {
    let data = tmp("rt.json");
    assert!(run(&["sample", "--out", data.to_str().unwrap()])
        .status
        .success());
    let before =
        dangjian::io::Dataset::from_json(&std::fs::read_to_string(&data).unwrap()).unwrap();
    let cases: [(&str, Vec<Vec<&str>>); 4] = [
        (
            "activities",
            vec![
                vec!["", "XF001", "meeting", "2026-11-03", "", "", "支部大会"],
                vec!["T2", "XF002", "meeting", "2026/11/5", "2", "", ""],
            ],
        ),
        (
            "meetings",
            vec![vec![
                "",
                "B1",
                "主题党日",
                "2026-11-05",
                "XF001、XF002，XF003",
                "XF005",
                "学习",
            ]],
        ),
        (
            "payments",
            vec![
                vec!["XF001", "2026-11", "16.50", "2026-11-10", ""],
                vec!["XF002", "2026-11", "0", "2026-11-10", "外出务工"],
            ],
        ),
        (
            "service",
            vec![vec!["", "XF070", "P-CIV", "2026-11-02", "2.5", "是", ""]],
        ),
    ];
    for (kind, rows) in &cases {
        let template = tmp(&format!("{kind}-template.xlsx"));
        let o = run(&["template", kind, "--out", template.to_str().unwrap()]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let header = &sheets(&template)[0].1[0];
        assert!(
            header.iter().all(|h| h.chars().any(|c| c > '\u{2e80}')),
            "{header:?}"
        );
        let filled = tmp(&format!("{kind}-filled.xlsx"));
        fill(&template, rows, &filled);
        let o = run(&[
            "import",
            kind,
            filled.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{kind}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains(&format!("已导入 {} 条", rows.len())));
    }
    let after = dangjian::io::Dataset::from_json(&std::fs::read_to_string(&data).unwrap()).unwrap();
    assert_eq!(after.activities.len(), before.activities.len() + 2);
    assert_eq!(after.meetings.len(), before.meetings.len() + 1);
    assert_eq!(after.payments.len(), before.payments.len() + 2);
    assert_eq!(after.service.len(), before.service.len() + 1);
    let m = after.meetings.last().unwrap();
    assert_eq!(m.attendees.len(), 3);
    assert_eq!(after.payments[before.payments.len()].amount, 1650);
    let a = &after.activities[before.activities.len() + 1];
    assert_eq!(
        (a.id.as_str(), a.quantity.to_string().as_str()),
        ("T2", "2")
    );
    // the template itself (header and note row, no data) imports nothing and is no error
    let template = tmp("activities-template.xlsx");
    let o = run(&[
        "import",
        "activities",
        template.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn a_bad_sheet_imports_nothing_and_names_every_bad_cell() {
    let data = tmp("bad.json");
    assert!(run(&["sample", "--out", data.to_str().unwrap()])
        .status
        .success());
    let before = std::fs::read(&data).unwrap();
    let template = tmp("pay-template.xlsx");
    assert!(
        run(&["template", "payments", "--out", template.to_str().unwrap()])
            .status
            .success()
    );
    let filled = tmp("pay-bad.xlsx");
    fill(
        &template,
        &[
            vec!["XF001", "2026-11", "16.50", "2026-11-10", ""],
            vec!["NOBODY", "2026-13", "1.234", "2026-02-30", ""],
            vec!["XF003", "2026-11", "0", "2026-11-10", ""],
        ],
        &filled,
    );
    let o = run(&[
        "import",
        "payments",
        filled.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    for want in [
        "第 3 行，“党员编号” 列：没有编号为 “NOBODY” 的党员",
        "第 3 行，“所属月份” 列",
        "第 3 行，“金额（元）” 列",
        "第 3 行，“缴纳日期” 列：“2026-02-30” 不是日期",
        "第 4 行，“未交原因” 列：金额为 0 时须填写未交原因",
        "错误 [invalid_rows]：党费收缴有 5 处错误，未导入任何记录",
    ] {
        assert!(err.contains(want), "missing {want}: {err}");
    }
    assert_eq!(std::fs::read(&data).unwrap(), before, "nothing written");
}

#[test]
fn the_workbook_holds_every_section() {
    let path = tmp("report.xlsx");
    let o = run(&[
        "report",
        "--sample",
        "--month",
        "2026-10",
        "--xlsx",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let wb = sheets(&path);
    let names: Vec<&str> = wb.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "党员队伍",
        "本月变动",
        "组织建设提示",
        "发展与预备期",
        "光荣在党50年",
        "积分通报",
        "岗位认领",
        "单位反馈",
        "党费收缴",
        "三会一课",
        "队伍结构",
        "成立以来增减",
        "发展阶段",
        "积分分布",
        "换届选举",
    ] {
        assert!(names.contains(&want), "missing sheet {want}: {names:?}");
    }
    for (name, rows) in &wb {
        assert!(name.chars().count() <= 31);
        // row 0: the title; row 1: distinct Chinese headers
        let header = &rows[1];
        let mut seen = std::collections::HashSet::new();
        for h in header {
            assert!(seen.insert(h), "{name}: header {h} twice");
            assert!(h.chars().any(|c| c > '\u{2e80}'), "{name}: header {h}");
        }
    }
    let board = &wb.iter().find(|(n, _)| n == "积分通报").unwrap().1;
    assert_eq!(board.len(), 2 + 158, "every member's row");
    let name_col = board[1].iter().position(|h| h == "姓名").unwrap();
    // names masked as in the text report
    assert!(board[2..].iter().all(|r| r[name_col].contains('*')));
    // every name column of every sheet masked, as in the text report
    for (sheet, rows) in &wb {
        if let Some(c) = rows[1].iter().position(|h| h == "姓名") {
            for r in &rows[2..] {
                assert!(r[c].is_empty() || r[c].contains('*'), "{sheet}: {}", r[c]);
            }
        }
    }
    // with --show-names the honour list names in full
    let full = tmp("report-names.xlsx");
    let o = run(&[
        "report",
        "--sample",
        "--month",
        "2026-10",
        "--show-names",
        "--xlsx",
        full.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let jub = sheets(&full)
        .into_iter()
        .find(|(n, _)| n == "光荣在党50年")
        .unwrap()
        .1;
    assert!(jub[2..].iter().all(|r| !r[1].contains('*')), "{jub:?}");
    let jubilee = &wb.iter().find(|(n, _)| n == "光荣在党50年").unwrap().1;
    // title and header rows, then the four members of the 2026 list (cut-off 1 July)
    assert_eq!(jubilee.len(), 2 + 4);
    // shares as percentages, not 万分比
    let bytes = std::fs::read(&path).unwrap();
    let mut x = Xlsx::new(Cursor::new(bytes)).unwrap();
    let dues = x.worksheet_range("党费收缴").unwrap();
    let head: Vec<String> = dues
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(head.iter().all(|h| !h.contains("万分比")), "{head:?}");
    let rate = head.iter().position(|h| h.contains("收缴率")).unwrap();
    let v = dues.rows().nth(2).unwrap()[rate].clone();
    match v {
        Data::Float(f) => assert!(f > 0.0 && f <= 1.0, "{f}"),
        other => panic!("rate cell {other:?}"),
    }
}

#[test]
fn the_printable_report_has_every_member_row_and_page_numbers() {
    let path = tmp("report.html");
    let o = run(&[
        "report",
        "--sample",
        "--month",
        "2026-10",
        "--html",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("size: A4"));
    assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
    assert!(html.contains("Noto Serif CJK SC"));
    assert!(html.contains("翔凤社区 月度党建报告 2026年10月"));
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let members: Vec<String> = reg
        .states_on(on)
        .filter(|(_, s)| {
            matches!(
                s.stage,
                dangjian::member::Stage::Full | dangjian::member::Stage::Probationary
            )
        })
        .map(|(i, _)| reg.member(i).unwrap().id.to_string())
        .collect();
    assert_eq!(members.len(), 158);
    for id in &members {
        assert!(html.contains(&format!("<td>{id}</td>")), "row of {id}");
    }
    // --format html to stdout is the same page
    let o = run(&[
        "report", "--sample", "--month", "2026-10", "--format", "html",
    ]);
    assert_eq!(text(&o.stdout), html);
    // a PDF when Chromium is installed
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok());
    if let Some(c) = chromium {
        let pdf = tmp("report.pdf");
        let o = Command::new(c)
            .args(["--headless", "--no-sandbox", "--disable-gpu"])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", path.display()))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    } else {
        eprintln!("chromium not installed: PDF rendering skipped");
    }
}

#[test]
fn the_statistics_tables_carry_their_official_titles() {
    let path = tmp("stats.xlsx");
    let o = run(&["stats", "--sample", "--xlsx", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for want in [
        "党员基本情况",
        "发展党员情况",
        "党员增减情况",
        "党组织情况",
        "30岁及以下",
        "61岁及以上",
    ] {
        assert!(out.contains(want), "missing {want}");
    }
    assert!(out.contains("2026年度党内统计（截至 2026-10-31）"), "{out}");
    let wb = sheets(&path);
    let names: Vec<&str> = wb.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["党员基本情况", "发展党员", "党员增减", "党组织"]);
}

#[test]
fn one_record_by_command() {
    let data = tmp("record.json");
    assert!(run(&["sample", "--out", data.to_str().unwrap()])
        .status
        .success());
    let before =
        dangjian::io::Dataset::from_json(&std::fs::read_to_string(&data).unwrap()).unwrap();
    let d = data.to_str().unwrap();
    let o = run(&[
        "record",
        "payments",
        "--data",
        d,
        "member=XF001",
        "month=2026-11",
        "金额（元）=16.50",
        "date=2026-11-10",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&[
        "record",
        "meetings",
        "--data",
        d,
        "org=B1",
        "kind=党课",
        "date=2026-11-12",
        "attendees=XF001、XF002",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let after = dangjian::io::Dataset::from_json(&std::fs::read_to_string(&data).unwrap()).unwrap();
    assert_eq!(after.payments.len(), before.payments.len() + 1);
    assert_eq!(after.meetings.len(), before.meetings.len() + 1);
    // an unknown field names the fields there are; a bad value names the column
    let o = run(&["record", "payments", "--data", d, "月份=2026-11"]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("month（所属月份）"));
    let o = run(&[
        "record",
        "service",
        "--data",
        d,
        "member=XF070",
        "post=P-CIV",
        "date=2026-11-02",
        "hours=25",
    ]);
    assert!(
        text(&o.stderr).contains("“时长（小时）”：“25” 不是"),
        "{}",
        text(&o.stderr)
    );
    let o = run(&[
        "--lang",
        "en",
        "record",
        "service",
        "--data",
        d,
        "member=XF070",
        "post=P-CIV",
        "date=2026-11-02",
        "hours=25",
    ]);
    assert!(
        text(&o.stderr).contains("is not a number of hours"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn init_from_an_xlsx_roster_with_a_title_row() {
    let csv = std::fs::read_to_string(fixture("roster.csv")).unwrap();
    let xlsx = tmp("花名册.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "某社区党员花名册").unwrap();
    for (i, line) in csv.lines().enumerate() {
        for (j, v) in line.split(',').enumerate() {
            ws.write_string(i as u32 + 1, j as u16, v).unwrap();
        }
    }
    wb.save(&xlsx).unwrap();
    let out = tmp("init-xlsx.json");
    let _ = std::fs::remove_file(&out);
    let o = run(&[
        "init",
        "--name",
        "测试社区",
        "--roster",
        xlsx.to_str().unwrap(),
        "--as-of",
        "2026-01-31",
        "--root-kind",
        "committee",
        "--out",
        out.to_str().unwrap(),
        "--yes",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ds = dangjian::io::Dataset::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(ds.orgs[0].name, "测试社区党委");
    assert_eq!(ds.orgs.len(), 6);
    assert_eq!(ds.members.len(), 4);
    // a roster without the branch column says which column is missing
    let bad = tmp("no-branch.csv");
    std::fs::write(&bad, "姓名,性别\n张三,男\n").unwrap();
    let o = run(&[
        "init",
        "--name",
        "x",
        "--roster",
        bad.to_str().unwrap(),
        "--as-of",
        "2026-01-31",
        "--out",
        tmp("never.json").to_str().unwrap(),
        "--yes",
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("缺少必需列「所在支部」")
            && text(&o.stderr).contains("所在党支部"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn rules_prints_the_catalogue_in_every_format() {
    let o = run(&["rules"]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert!(out.starts_with("规则目录"), "{out}");
    for r in dangjian::catalogue::all() {
        assert!(out.contains(r.code), "{} missing", r.code);
        assert!(out.contains(r.title), "{} title missing", r.code);
    }
    // the dated versions of the term of office, each with its text
    assert!(out.contains("2017-10-24 至 2018-06-30"), "{out}");
    let md = run(&["rules", "--format", "markdown"]);
    assert_eq!(text(&md.stdout), dangjian::catalogue::render_markdown());
    let csv = run(&["rules", "--format", "csv"]);
    let csv = text(&csv.stdout);
    assert!(
        csv.trim_start_matches('\u{feff}').starts_with("规则代码,"),
        "{csv}"
    );
    let json = run(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        dangjian::catalogue::all().len()
    );
    let en = run(&["--lang", "en", "rules"]);
    assert!(text(&en.stdout).contains("An organization elects a new committee"));
}

#[test]
fn import_roster_merges_by_person_and_writes_the_error_workbook_beside_a_bad_roster() {
    let rosters = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/rosters");
    let dir = tmp("import-roster");
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("s.json");
    assert!(run(&["sample", "--out", data.to_str().unwrap()])
        .status
        .success());
    // A messy roster dated after the founding without 登记方式: refused whole, every bad row
    // named in Chinese, and the error list written beside the roster.
    let messy = dir.join("花名册.xlsx");
    std::fs::copy(rosters.join("花名册-杂乱.xlsx"), &messy).unwrap();
    let out = dir.join("m.json");
    let o = run(&[
        "import-roster",
        messy.to_str().unwrap(),
        "--as-of",
        "2026-10-31",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(err.contains("登记方式"), "{err}");
    assert!(!out.exists(), "nothing is written when a row is bad");
    let errors = dir.join("花名册.错误.xlsx");
    assert!(errors.exists(), "{err}");
    assert!(sheets(&errors).iter().any(|(n, _)| n == "错误清单"));
    // Saying who are transfers in, the same roster goes in; imported again, nobody is added.
    let args = |from: &Path, to: &Path| {
        run(&[
            "import-roster",
            messy.to_str().unwrap(),
            "--as-of",
            "2026-10-31",
            "--data",
            from.to_str().unwrap(),
            "--out",
            to.to_str().unwrap(),
            "--entry",
            "转入",
        ])
    };
    let o = args(&data, &out);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("新增 3 人"), "{}", text(&o.stderr));
    let again = dir.join("m2.json");
    let o = args(&out, &again);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("新增 0 人"), "{}", text(&o.stderr));
    let report = run(&[
        "report",
        "--data",
        again.to_str().unwrap(),
        "--month",
        "2026-10",
    ]);
    assert!(
        text(&report.stdout).contains("转入 3"),
        "{}",
        text(&report.stdout)
    );
}

#[test]
fn a_store_keeps_the_community_reports_as_recorded_and_audits_every_batch() {
    let dir = tmp("store");
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("s.json");
    assert!(run(&["sample", "--out", data.to_str().unwrap()])
        .status
        .success());
    let store = dir.join("c.djstore");
    let _ = std::fs::remove_file(&store);
    let s = store.to_str().unwrap();
    let o = run(&[
        "store",
        "init",
        "--data",
        data.to_str().unwrap(),
        "--store",
        s,
        "--by",
        "书记",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // a second init never overwrites
    let again = run(&[
        "store",
        "init",
        "--data",
        data.to_str().unwrap(),
        "--store",
        s,
    ]);
    assert!(!again.status.success());
    // the report from the store is the report from the file
    let from_file = run(&[
        "report",
        "--data",
        data.to_str().unwrap(),
        "--month",
        "2026-10",
    ]);
    let from_store = run(&["report", "--store", s, "--month", "2026-10"]);
    assert!(from_store.status.success(), "{}", text(&from_store.stderr));
    assert_eq!(text(&from_file.stdout), text(&from_store.stdout));
    // a correction a second later: twenty members from the example roster
    let log = text(&run(&["store", "log", "--store", s]).stdout);
    let first = log.lines().nth(1).unwrap().to_string();
    let recorded = first.split_whitespace().nth(2).unwrap().to_string()
        + "T"
        + first.split_whitespace().nth(3).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/rosters/花名册-示例.xlsx");
    let merged = dir.join("merged.json");
    let o = run(&[
        "import-roster",
        roster.to_str().unwrap(),
        "--as-of",
        "2026-10-31",
        "--data",
        data.to_str().unwrap(),
        "--out",
        merged.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&[
        "store",
        "replace",
        "--store",
        s,
        "--data",
        merged.to_str().unwrap(),
        "--note",
        "补录花名册",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let now = run(&[
        "report", "--store", s, "--month", "2026-10", "--format", "json",
    ]);
    let now: serde_json::Value = serde_json::from_slice(&now.stdout).unwrap();
    assert_eq!(now["orgs"][0]["members"], 178);
    // as recorded before the correction: the report filed then, exactly
    let then = run(&[
        "report",
        "--store",
        s,
        "--month",
        "2026-10",
        "--as-recorded",
        &recorded,
    ]);
    assert!(then.status.success(), "{}", text(&then.stderr));
    assert_eq!(text(&then.stdout), text(&from_file.stdout));
    // the audit trail names both batches, who and why; the store verifies
    let log = text(&run(&["store", "log", "--store", s]).stdout);
    assert_eq!(log.lines().count(), 3, "{log}");
    assert!(log.contains("书记") && log.contains("补录花名册"), "{log}");
    let v = run(&["store", "verify", "--store", s]);
    assert!(
        v.status.success() && text(&v.stdout).contains("校验通过"),
        "{}",
        text(&v.stdout)
    );
    // a missing store says how to create one
    let missing = run(&[
        "report",
        "--store",
        dir.join("none.djstore").to_str().unwrap(),
    ]);
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("store init"),
        "{}",
        text(&missing.stderr)
    );
}

/// Issue 18's journey, as a secretary makes it: from her messy roster (an `.xlsx` with a title
/// row, `姓 名`, 所在党支部, month-only dates, 无业 …, or a GB18030 CSV with Excel serials) to the
/// month's text report, workbook and printable page, through commands only: no JSON written by
/// hand.
#[test]
fn a_secretary_goes_from_her_messy_roster_to_the_printed_report() {
    let rosters = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/rosters");
    for (k, roster) in ["花名册-杂乱.xlsx", "花名册-gb18030.csv"]
        .iter()
        .enumerate()
    {
        let dir = tmp(&format!("journey-{k}"));
        std::fs::create_dir_all(&dir).unwrap();
        let p = |name: &str| dir.join(name).to_str().unwrap().to_string();
        let _ = std::fs::remove_file(p("community.json"));
        // 1. the community from the roster
        let o = run(&[
            "init",
            "--name",
            "来凤社区",
            "--roster",
            rosters.join(roster).to_str().unwrap(),
            "--as-of",
            "2026-09-30",
            "--out",
            &p("community.json"),
            "--yes",
        ]);
        assert!(o.status.success(), "{roster}: {}", text(&o.stderr));
        let ds: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p("community.json")).unwrap()).unwrap();
        let first = ds["members"][0]["id"].as_str().unwrap().to_string();
        // registered, not transferred in
        assert!(ds["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["type"] != "transferred_in"));
        // 2. the month's activities from the sheet template
        let template = p("积分记录模板.xlsx");
        assert!(run(&["template", "activities", "--out", &template])
            .status
            .success());
        let filled = p("积分记录.xlsx");
        fill(
            Path::new(&template),
            &[
                vec![
                    "",
                    first.as_str(),
                    "meeting",
                    "2026-10-12",
                    "",
                    "",
                    "主题党日",
                ],
                vec!["", first.as_str(), "study", "2026/10/20", "", "", ""],
            ],
            Path::new(&filled),
        );
        let o = run(&[
            "import",
            "activities",
            &filled,
            "--data",
            &p("community.json"),
        ]);
        assert!(o.status.success(), "{roster}: {}", text(&o.stderr));
        // 3. the report: text, workbook, printable page
        let o = run(&[
            "report",
            "--data",
            &p("community.json"),
            "--month",
            "2026-10",
            "--xlsx",
            &p("通报.xlsx"),
            "--html",
            &p("通报.html"),
        ]);
        assert!(o.status.success(), "{roster}: {}", text(&o.stderr));
        let report = text(&o.stdout);
        assert!(
            report.starts_with("来凤社区 月度党建报告 2026年10月"),
            "{report}"
        );
        assert!(report.contains("初始登记"), "{report}");
        assert!(
            !report.contains("转入 1") && !report.contains("转入 2"),
            "{report}"
        );
        let wb = sheets(Path::new(&p("通报.xlsx")));
        assert!(
            wb.len() >= 5,
            "{:?}",
            wb.iter().map(|(n, _)| n).collect::<Vec<_>>()
        );
        let html = std::fs::read_to_string(p("通报.html")).unwrap();
        assert!(
            html.contains("来凤社区") && html.contains("@page"),
            "{roster}"
        );
    }
}

#[test]
fn assess_scores_the_branches_by_quarter_from_the_records_in_chinese() {
    let o = run(&["assess", "--sample", "--as-of", "2026-10-31"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let s = text(&o.stdout);
    assert!(s.starts_with("2026年支部考核得分（按季度累计）"));
    assert!(s.contains("截至第三季度末"));
    // every branch is a row; every derived deduction gives its reason
    for b in ["第一党支部", "第二党支部", "第三党支部", "第四党支部"] {
        assert!(s.contains(b), "{b}");
    }
    assert!(s.contains("未按要求召开") && s.contains("不足一半"));
    // CSV for Excel: BOM and Chinese headers
    let o = run(&["assess", "--sample", "--as-of", "2026-10-31", "--csv"]);
    assert!(o.status.success());
    assert!(o.stdout.starts_with("\u{feff}党组织,".as_bytes()));
    // a bad date is refused in Chinese
    let o = run(&["assess", "--sample", "--as-of", "2026-13-01"]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("--as-of") && text(&o.stderr).contains("2026-13-01"),
        "{}",
        text(&o.stderr)
    );
}
