//! Real rosters (issue 18) and the XLSX hardening of issue 17: messy workbooks and CSVs as
//! secretaries keep them, generated here with rust_xlsxwriter (plus a few zip-level patches for
//! what no writer produces) and committed under `tests/rosters/` for the README and the other
//! languages.
//!
//! `cargo test -p dangjian --features full --test rosters -- --ignored regenerate` rewrites the committed files
//! (`花名册-xls.xls` comes from `tests/rosters/make_xls.py`; no Rust crate writes BIFF8).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity,
    missing_docs
)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dangjian::io::{
    import_roster, import_roster_csv, import_roster_xls, import_roster_xlsx, roster_error_workbook,
    Dataset, Entry, ImportError, RosterImport, RosterOptions,
};
use dangjian::member::{Category, Education, EventType, Gender};
use dangjian::privacy::IdNumber;
use dangjian::synth::{sample_community, SAMPLE_AS_OF};
use dangjian::Registry;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/rosters")
}

/// A valid resident ID number of 来凤县 (422827) for `birth` and a 3-digit sequence (odd: male).
fn id(birth: &str, seq: &str) -> String {
    let first17 = format!("422827{}{seq}", birth.replace('-', ""));
    format!("{first17}{}", IdNumber::check_char(&first17).unwrap())
}

fn community() -> &'static Registry {
    static R: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    R.get_or_init(|| sample_community().into_registry().unwrap())
}

fn transfers() -> RosterOptions {
    RosterOptions::new(SAMPLE_AS_OF).entry(Entry::TransferredIn)
}

fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 10, 1).unwrap());
    wb.set_properties(&props);
    wb
}

fn strings(ws: &mut Worksheet, row: u32, cells: &[&str]) {
    for (c, v) in cells.iter().enumerate() {
        if !v.is_empty() {
            ws.write_string(row, c as u16, *v).unwrap();
        }
    }
}

/// Rewrites the parts of an `.xlsx` named in `patch` (stored, uncompressed).
fn patch_xlsx(bytes: &[u8], patch: &dyn Fn(&str, String) -> String) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = Vec::new();
        f.read_to_end(&mut text).unwrap();
        let text = match String::from_utf8(text) {
            Ok(t) => patch(&name, t).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name, opts).unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------------
// The fixtures.

/// The messy workbook: a hidden first sheet, a merged title and a subtitle above the header,
/// `姓 名` with a space, full-width and aliased headers, 出生年月 month-only with full ID
/// numbers, 无业 and other category synonyms, Excel serial numbers in General cells, real
/// Excel dates, a phone stored as a number.
fn messy_xlsx() -> Vec<u8> {
    let mut wb = workbook();
    let hidden = wb.add_worksheet();
    hidden.set_name("填表说明").unwrap();
    strings(hidden, 0, &["姓名", "性别", "出生日期"]);
    strings(hidden, 1, &["（示例）张三", "男", "1970-01-01"]);
    hidden.set_hidden(true);
    let ws = wb.add_worksheet();
    ws.set_name("党员花名册").unwrap();
    ws.set_active(true);
    ws.merge_range(0, 0, 0, 14, "翔凤社区党员花名册", &Format::new().set_bold())
        .unwrap();
    strings(
        ws,
        1,
        &[
            "填报单位：翔凤社区党总支",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "填报日期：2026年10月",
        ],
    );
    strings(
        ws,
        2,
        &[
            "序号",
            "姓 名",
            "性　别",
            "民族",
            "出生年月",
            "公民身份号码",
            "学　历",
            "入党日期",
            "转正日期",
            "所在党支部",
            "党员类别",
            "工作单位",
            "＊手机号码",
            "编号",
            "特长",
        ],
    );
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // 1: month-only birth + ID, 无业, serial numbers (General) for both party dates.
    strings(
        ws,
        3,
        &[
            "1",
            "田晓燕",
            "女",
            "土家族",
            "1985.03",
            &id("1985-03-12", "024"),
            "大学专科",
            "",
            "",
            "第一党支部",
            "无业",
        ],
    );
    ws.write_number(3, 7, 40330.0).unwrap(); // 2010-06-01
    ws.write_number(3, 8, 40695.0).unwrap(); // 2011-06-01
    ws.write_number(3, 12, 13972301234.0).unwrap();
    strings(
        ws,
        3,
        &[
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "MS01",
            "调解、宣传",
        ],
    );
    // 2: 1962年7月 + ID, 退休, month-only party dates.
    strings(
        ws,
        4,
        &[
            "2",
            "彭建军",
            "男",
            "汉族",
            "1962年7月",
            &id("1962-07-08", "011"),
            "高中",
            "1988.07",
            "1989.07",
            "第二党支部（离退休）",
            "离退休党员",
            "",
            "",
            "MS02",
        ],
    );
    // 3: 在职党员 with real Excel dates.
    strings(
        ws,
        5,
        &[
            "3",
            "杨  帆",
            "男",
            "苗族",
            "",
            &id("1991-10-20", "053"),
            "本科",
            "",
            "",
            "第三党支部",
            "在职党员",
            "县人民医院",
            "139-0718-5566",
            "MS03",
        ],
    );
    ws.write_datetime_with_format(5, 4, ExcelDateTime::from_ymd(1991, 10, 20).unwrap(), &date)
        .unwrap();
    ws.write_datetime_with_format(5, 7, ExcelDateTime::from_ymd(2015, 7, 1).unwrap(), &date)
        .unwrap();
    ws.write_datetime_with_format(5, 8, ExcelDateTime::from_ymd(2016, 7, 1).unwrap(), &date)
        .unwrap();
    wb.save_to_buffer().unwrap()
}

/// A workbook in the 1904 date system (Mac Excel's former default): the same days are serials
/// 1,462 smaller; both the General numbers and the formatted dates must come out right.
fn xlsx_1904() -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    strings(
        ws,
        0,
        &[
            "编号",
            "姓名",
            "性别",
            "出生日期",
            "民族",
            "学历",
            "入党时间",
            "转正时间",
            "所在支部",
        ],
    );
    strings(
        ws,
        1,
        &["W01", "龚丽", "女", "", "汉族", "本科", "", "", "B1"],
    );
    // 1985-03-01 is 31107 in the 1900 system, 29645 in the 1904 one.
    ws.write_number(1, 3, 29645.0).unwrap();
    // 2010-06-01 and 2011-06-01 as formatted dates: serials 38868 and 39233 (1904).
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_number_with_format(1, 6, 38868.0, &date).unwrap();
    ws.write_number_with_format(1, 7, 39233.0, &date).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    patch_xlsx(&bytes, &|name, text| {
        if name == "xl/workbook.xml" {
            text.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
        } else {
            text
        }
    })
}

const CSV_HEADER: &str =
    "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,人员类别,身份证号,联系电话";

fn csv_text() -> String {
    format!(
        "{CSV_HEADER}\nC01,冉光明,男,1956年11月,土家族,初中,1980.10,1981.10,第一党支部,退休,{},13807181111\nC02,黄丽萍,女,1988-02-14,汉族,大专,40330,40695,第四党支部（流动党员）,待业,,\n",
        id("1956-11-23", "017")
    )
}

fn gb18030_csv() -> Vec<u8> {
    encoding_rs::GB18030.encode(&csv_text()).0.into_owned()
}

/// UTF-16 little-endian with a BOM and tabs, as Excel's "Unicode text" saves it.
fn utf16_csv() -> Vec<u8> {
    let text = csv_text().replace(',', "\t");
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

/// The realistic roster of the README walk-through: 20 people joining 翔凤社区 on 2026-10-31
/// (most by transfer in), with a merged title, aliased headers and month-only 出生年月.
fn sample_xlsx() -> Vec<u8> {
    // name, gender, ethnicity, birth (exact), month-only?, education, admitted, converted,
    // branch, category, unit, phone, skills, entry
    #[rustfmt::skip]
    let people: [(&str, &str, &str, &str, bool, &str, &str, &str, &str, &str, &str, &str, &str, &str); 20] = [
        ("覃志刚", "男", "土家族", "1968-05-14", true, "高中", "1992-07-01", "1993-07-01", "第一党支部", "居民", "", "13907181201", "调解", "转入"),
        ("向红英", "女", "土家族", "1972-09-03", false, "大专", "1998-06-15", "1999-06-15", "第一党支部", "无业", "", "13907181202", "宣传、文艺", "转入"),
        ("张德明", "男", "汉族", "1949-12-01", true, "初中", "1975-03-01", "1976-03-01", "第二党支部", "退休", "", "", "书法", "转入"),
        ("田桂兰", "女", "土家族", "1953-02-20", false, "小学", "1980-10-01", "1981-10-01", "第二党支部", "离退休", "", "0718-6281234", "", "转入"),
        ("李卫东", "男", "汉族", "1982-11-11", false, "本科", "2006-05-20", "2007-05-20", "第三党支部", "在职党员", "县人民医院", "13972301203", "医疗", "转入"),
        ("彭小琴", "女", "苗族", "1990-04-08", true, "本科", "2013-06-01", "2014-06-01", "第三党支部", "在职", "县第一中学", "15872301204", "教学", "转入"),
        ("杨建华", "男", "土家族", "1975-07-30", false, "中专", "2001-07-01", "2002-07-01", "第四党支部", "流动党员", "", "18671801205", "电工", "转入"),
        ("黄春燕", "女", "侗族", "1987-01-25", false, "大学专科", "2012-12-10", "2013-12-10", "第四党支部", "流动", "", "13507181206", "", "转入"),
        ("冉启明", "男", "土家族", "1958-08-18", true, "高中", "1984-09-01", "1985-09-01", "第二党支部", "退休", "", "", "", "转入"),
        ("王秀芝", "女", "汉族", "1961-03-06", false, "初中", "1990-07-01", "1991-07-01", "第一党支部", "居民", "", "13477181207", "环境卫生", "转入"),
        ("谭光辉", "男", "土家族", "1979-10-10", false, "大专", "2005-11-01", "2006-11-01", "第一党支部", "待业", "", "13807181208", "治安巡逻", "转入"),
        ("龚雪梅", "女", "土家族", "1995-06-16", false, "本科", "2018-06-20", "2019-06-20", "第三党支部", "在职党员", "县农商银行", "17707181209", "金融", "转入"),
        ("舒永刚", "男", "汉族", "1966-12-24", true, "高中", "1995-07-01", "1996-07-01", "第一党支部", "居民", "", "13907181210", "", "转入"),
        ("邓玉兰", "女", "土家族", "1956-04-12", false, "小学", "1985-03-08", "1986-03-08", "第二党支部", "离退休", "", "", "腰鼓", "转入"),
        ("胡国庆", "男", "汉族", "1970-10-01", false, "中专", "1996-07-01", "1997-07-01", "第四党支部", "流动", "", "15907181211", "驾驶", "转入"),
        ("罗丹", "女", "苗族", "1998-03-22", false, "研究生", "2021-05-15", "2022-05-15", "第三党支部", "在职", "县人民政府", "18807181212", "法律咨询", "转入"),
        ("陈友谊", "男", "汉族", "1985-08-08", true, "本科", "2009-06-01", "2010-06-01", "第一党支部", "居民", "", "13607181213", "计算机", "转入"),
        ("姚翠华", "女", "土家族", "1964-11-30", false, "初中", "1993-10-01", "1994-10-01", "第一党支部", "低保", "", "13307181214", "", "转入"),
        ("石磊", "男", "土家族", "2001-01-09", false, "本科", "2025-12-01", "", "第一党支部", "居民", "", "19907181215", "志愿服务", "转入"),
        ("吴佳", "女", "汉族", "1993-07-07", false, "本科", "2016-06-01", "2017-06-01", "第三党支部", "在职党员", "县税务局", "13807181216", "财务", "转入"),
    ];
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.set_name("花名册").unwrap();
    let title = Format::new().set_bold().set_font_size(16);
    ws.merge_range(0, 0, 0, 15, "翔凤社区党员花名册（2026年10月）", &title)
        .unwrap();
    let head = Format::new().set_bold();
    let headers = [
        "序号",
        "编号",
        "姓 名",
        "性别",
        "民族",
        "出生年月",
        "公民身份号码",
        "学历",
        "入党时间",
        "转正时间",
        "所在党支部",
        "人员类别",
        "工作单位",
        "联系电话",
        "特长",
        "登记方式",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &head).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, p) in people.iter().enumerate() {
        let r = i as u32 + 2;
        let (
            name,
            g,
            eth,
            birth,
            month_only,
            edu,
            adm,
            conv,
            branch,
            cat,
            unit,
            phone,
            skills,
            entry,
        ) = *p;
        let seq = format!("{:02}{}", i + 10, if g == "男" { 1 } else { 2 });
        let birth_text = if month_only {
            format!("{}.{}", &birth[..4], &birth[5..7])
        } else {
            birth.to_string()
        };
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        strings(
            ws,
            r,
            &[
                "",
                &format!("HM{:03}", i + 1),
                name,
                g,
                eth,
                &birth_text,
                &id(birth, &seq),
                edu,
            ],
        );
        let dt = |s: &str| {
            let x = d(s);
            use chrono::Datelike;
            ExcelDateTime::from_ymd(x.year() as u16, x.month() as u8, x.day() as u8).unwrap()
        };
        ws.write_datetime_with_format(r, 8, dt(adm), &date).unwrap();
        if !conv.is_empty() {
            ws.write_datetime_with_format(r, 9, dt(conv), &date)
                .unwrap();
        }
        strings(
            ws,
            r,
            &[
                "", "", "", "", "", "", "", "", "", "", branch, cat, unit, phone, skills, entry,
            ],
        );
    }
    ws.set_column_width(6, 22).unwrap();
    wb.save_to_buffer().unwrap()
}

fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("花名册-示例.xlsx", sample_xlsx()),
        ("花名册-杂乱.xlsx", messy_xlsx()),
        ("花名册-1904.xlsx", xlsx_1904()),
        ("花名册-gb18030.csv", gb18030_csv()),
        ("花名册-utf16.csv", utf16_csv()),
    ]
}

#[test]
#[ignore = "rewrites tests/rosters"]
fn regenerate() {
    for (name, bytes) in fixtures() {
        std::fs::write(dir().join(name), bytes).unwrap();
    }
}

#[test]
fn committed_fixtures_are_current() {
    for (name, bytes) in fixtures() {
        let on_disk = std::fs::read(dir().join(name)).unwrap();
        assert!(
            on_disk == bytes,
            "tests/rosters/{name} is stale: run the ignored `regenerate`"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Reading real rosters.

fn member<'a>(out: &'a RosterImport, id: &str) -> &'a dangjian::member::MemberRecord {
    out.members.iter().find(|m| m.id == id).unwrap()
}

#[test]
fn messy_workbook_reads_the_visible_sheet_under_its_titles() {
    let out = import_roster_xlsx(&messy_xlsx(), community().tree(), &transfers()).unwrap();
    assert_eq!(
        out.sheet.as_deref(),
        Some("党员花名册"),
        "the hidden first sheet is skipped"
    );
    assert_eq!(out.header_row, 3);
    assert_eq!(out.members.len(), 3);
    let a = member(&out, "MS01");
    // 出生年月 1985.03 + a valid ID number of 1985-03-12: the exact day from the ID number
    assert_eq!(a.birth_date, d("1985-03-12"));
    assert_eq!(a.category, Category::Unemployed);
    assert_eq!(a.education, Education::JuniorCollege);
    assert_eq!(a.phone.as_ref().unwrap().expose(), "13972301234");
    assert_eq!(a.skills, ["调解", "宣传"]);
    assert!(out
        .notes
        .iter()
        .any(|n| n.row == 4 && n.code == "birth_from_id_number"));
    let e = out.events.iter().find(|e| e.member == "MS01").unwrap();
    // serial numbers in General cells
    assert_eq!(e.admitted_on, Some(d("2010-06-01")));
    assert_eq!(e.converted_on, Some(d("2011-06-01")));
    assert_eq!(e.kind, EventType::TransferredIn);
    let b = member(&out, "MS02");
    assert_eq!(b.birth_date, d("1962-07-08"));
    assert_eq!(b.category, Category::Retired);
    let eb = out.events.iter().find(|e| e.member == "MS02").unwrap();
    assert_eq!(eb.admitted_on, Some(d("1988-07-01")));
    assert_eq!(eb.branch.as_deref(), Some("B2"));
    let c = member(&out, "MS03");
    assert_eq!((c.gender, c.birth_date), (Gender::Male, d("1991-10-20")));
    assert_eq!(c.name.as_str(), "杨  帆");
    assert_eq!(c.category, Category::InService);
    let mut reg = community().clone();
    reg.import(out.members, out.events).unwrap();
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_is_a_typed_error() {
    let opts = transfers().sheet("填表说明");
    let e = import_roster_xlsx(&messy_xlsx(), community().tree(), &opts).unwrap_err();
    // the instructions sheet has only three headers
    assert_eq!(e.code(), "missing_column", "{e}");
    let e = import_roster_xlsx(
        &messy_xlsx(),
        community().tree(),
        &transfers().sheet("Sheet9"),
    )
    .unwrap_err();
    assert_eq!(e.code(), "sheet_not_found");
    assert!(e.to_string().contains("党员花名册"), "{e}");
}

#[test]
fn the_1904_date_system_is_honoured() {
    let out = import_roster_xlsx(&xlsx_1904(), community().tree(), &transfers()).unwrap();
    assert!(out.date1904);
    assert_eq!(out.members[0].birth_date, d("1985-03-01"));
    let e = &out.events[0];
    assert_eq!(
        (e.admitted_on, e.converted_on),
        (Some(d("2010-06-01")), Some(d("2011-06-01")))
    );
}

#[test]
fn gb18030_and_utf16_csv_read_alike() {
    let a = import_roster_csv(&gb18030_csv(), community().tree(), &transfers()).unwrap();
    let b = import_roster_csv(&utf16_csv(), community().tree(), &transfers()).unwrap();
    let c = import_roster_csv(csv_text().as_bytes(), community().tree(), &transfers()).unwrap();
    assert_eq!(a, c);
    assert_eq!(b, c);
    // UTF-16 without its BOM is recognized too
    let bomless = &utf16_csv()[2..];
    assert_eq!(
        import_roster_csv(bomless, community().tree(), &transfers()).unwrap(),
        c
    );
    assert_eq!(member(&c, "C01").birth_date, d("1956-11-23"));
    assert_eq!(member(&c, "C02").category, Category::Unemployed);
    // five-digit numbers in a date column of a CSV are Excel serials (40330 = 2010-06-01)
    let e = c.events.iter().find(|e| e.member == "C02").unwrap();
    assert_eq!(e.admitted_on, Some(d("2010-06-01")));
}

#[test]
fn an_xls_workbook_is_read_by_content() {
    let bytes = std::fs::read(dir().join("花名册-xls.xls")).unwrap();
    let out = import_roster_xls(&bytes, community().tree(), &transfers()).unwrap();
    assert_eq!(out.sheet.as_deref(), Some("花名册"));
    assert_eq!(out.members.len(), 2);
    assert_eq!(member(&out, "XLS01").birth_date, d("1958-04-16"));
    let e = out.events.iter().find(|e| e.member == "XLS02").unwrap();
    assert_eq!(e.admitted_on, Some(d("2006-07-01")));
    assert_eq!(member(&out, "XLS02").birth_date, d("1979-11-02"));
    // the same through the sniffing entry point (a WPS `.et` in compound-file form likewise)
    assert_eq!(
        import_roster(&bytes, community().tree(), &transfers()).unwrap(),
        out
    );
}

#[test]
fn the_sample_roster_imports_into_the_sample_community() {
    let bytes = std::fs::read(dir().join("花名册-示例.xlsx")).unwrap();
    let mut ds = sample_community();
    let reg = ds.to_registry().unwrap();
    let out = import_roster(&bytes, reg.tree(), &RosterOptions::new(SAMPLE_AS_OF)).unwrap();
    assert_eq!(out.members.len(), 20);
    assert!(out
        .events
        .iter()
        .all(|e| e.kind == EventType::TransferredIn));
    let merged = ds.merge_roster(out).unwrap();
    assert_eq!(merged.added.len(), 20);
    let reg = ds.to_registry().unwrap();
    assert_eq!(reg.headcount_on(SAMPLE_AS_OF), 158 + 20);
}

// ---------------------------------------------------------------------------------------------
// Ids, merging, registration.

#[test]
fn ids_derive_from_id_numbers_with_a_key_else_the_row_is_an_error() {
    let csv = format!(
        "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,身份证号\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,{}\n",
        id("1990-01-02", "002")
    );
    let e = import_roster_csv(csv.as_bytes(), community().tree(), &transfers()).unwrap_err();
    let ImportError::Rows(rows) = e else { panic!() };
    assert_eq!(rows[0].code, "no_member_id");
    let opts = transfers().id_key(b"community key");
    let a = import_roster_csv(csv.as_bytes(), community().tree(), &opts).unwrap();
    let b = import_roster_csv(csv.as_bytes(), community().tree(), &opts).unwrap();
    assert_eq!(a.members[0].id, b.members[0].id, "stable across imports");
    assert!(a.members[0].id.starts_with('R'));
    let other = transfers().id_key(b"another key");
    let c = import_roster_csv(csv.as_bytes(), community().tree(), &other).unwrap();
    assert_ne!(a.members[0].id, c.members[0].id);
    let mut reg = community().clone();
    reg.import(a.members, a.events).unwrap();
}

#[test]
fn an_updated_roster_merges_by_person_and_reports_the_changes() {
    let header = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,人员类别,联系电话";
    let first = format!("{header}\nU1,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,居民,13800000001\nU2,钱七,男,1980-01-02,汉族,大专,2005-06-01,2006-06-01,B1,在职,\n");
    let second = format!("{header}\nU1,赵六,女,1990-01-02,汉族,研究生,2015-06-01,2016-06-01,B1,居民,13900000002\nU2,钱七,男,1980-01-02,汉族,大专,2005-06-01,2006-06-01,第三党支部,在职,\nU3,孙八,男,1970-03-04,汉族,高中,1995-06-01,1996-06-01,B2,退休,\n");
    let mut ds = sample_community();
    let reg = ds.to_registry().unwrap();
    let r1 = ds
        .merge_roster(import_roster_csv(first.as_bytes(), reg.tree(), &transfers()).unwrap())
        .unwrap();
    assert_eq!(r1.added, ["U1", "U2"]);
    let r2 = ds
        .merge_roster(import_roster_csv(second.as_bytes(), reg.tree(), &transfers()).unwrap())
        .unwrap();
    assert_eq!(r2.added, ["U3"]);
    assert_eq!(r2.updated, ["U1", "U2"]);
    let fields: Vec<(&str, &str)> = r2
        .changes
        .iter()
        .map(|c| (c.member.as_str(), c.field))
        .collect();
    assert_eq!(
        fields,
        [("U1", "学历"), ("U1", "联系电话"), ("U2", "所在支部")]
    );
    assert_eq!(r2.changes[1].before, "138****0001");
    assert_eq!(r2.changes[2].after, "B3");
    assert!(r2.summary_zh().starts_with("新增 1 人，更新 2 人"));
    let reg = ds.to_registry().unwrap();
    let s = reg.state("U2", SAMPLE_AS_OF).unwrap();
    assert_eq!(reg.tree().get(s.branch.unwrap()).unwrap().id, "B3");
    // one person twice in a roster is an error, not an update
    let twice = format!("{header}\nU9,周九,男,1970-03-04,汉族,高中,1995-06-01,1996-06-01,B2,退休,\nU9,周九,男,1970-03-04,汉族,高中,1995-06-01,1996-06-01,B2,退休,\n");
    let e = ds
        .clone()
        .merge_roster(import_roster_csv(twice.as_bytes(), reg.tree(), &transfers()).unwrap())
        .unwrap_err();
    assert_eq!(e.code(), "duplicate_member");
    // the same roster again changes nothing
    let r3 = ds
        .merge_roster(import_roster_csv(second.as_bytes(), reg.tree(), &transfers()).unwrap())
        .unwrap();
    assert_eq!((r3.added.len(), r3.updated.len(), r3.unchanged), (0, 0, 3));
}

#[test]
fn a_roster_on_the_founding_day_registers_and_a_later_one_asks() {
    let header = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部";
    let csv = format!("{header}\nF1,赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1\n");
    let mut ds = Dataset::sample_small();
    ds.members.clear();
    ds.events.clear();
    let reg = ds.to_registry().unwrap();
    // sample_small is founded 2020-01-01
    let out = import_roster_csv(
        csv.as_bytes(),
        reg.tree(),
        &RosterOptions::new(d("2020-01-01")),
    )
    .unwrap();
    assert_eq!(out.events[0].kind, EventType::Registered);
    ds.merge_roster(out).unwrap();
    let reg = ds.to_registry().unwrap();
    let f = reg.flows(d("2020-01-01"), d("2020-12-31"));
    assert_eq!((f.registered, f.transferred_in, f.end), (1, 0, 1));
    // a roster dated after the founding: which members are transfers in?
    let later = RosterOptions::new(d("2024-01-01"));
    let e = import_roster_csv(csv.replace("F1", "F2").as_bytes(), reg.tree(), &later).unwrap_err();
    let ImportError::Rows(rows) = e else { panic!() };
    assert_eq!(
        (rows[0].code, rows[0].column.as_str()),
        ("entry_unknown", "登记方式")
    );
    // answered per row by the 登记方式 column
    let answered = format!("{header},登记方式\nF2,钱七,男,1980-01-02,汉族,本科,2005-06-01,2006-06-01,B1,转入\nF3,孙八,男,1981-01-02,汉族,本科,2005-06-01,2006-06-01,B2,初始登记\n");
    let out = import_roster_csv(answered.as_bytes(), reg.tree(), &later).unwrap();
    let kinds: Vec<EventType> = out.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventType::TransferredIn, EventType::Registered]);
}

// ---------------------------------------------------------------------------------------------
// Errors.

#[test]
fn every_bad_cell_is_reported_in_chinese_with_its_code_and_masked_value() {
    let header =
        "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,身份证号,联系电话,登记方式";
    let csv = format!(
        "{header}\nE1,赵六,女,1990.02,汉族,本科,2015-06-01,2016-06-01,B1,{},12345,\nE2,钱七,男,1980-01-02,汉族,本科,2015-06-01,2016-06-01,B1,,,调入\n",
        id("1990-03-05", "002")
    );
    let e = import_roster_csv(csv.as_bytes(), community().tree(), &transfers()).unwrap_err();
    let ImportError::Rows(rows) = e else { panic!() };
    let codes: Vec<(usize, &str, &str)> = rows
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.code))
        .collect();
    assert_eq!(
        codes,
        [
            (2, "联系电话", "bad_phone"),
            (2, "身份证号", "id_birth_mismatch"),
            (3, "登记方式", "bad_entry"),
        ]
    );
    let mismatch = &rows[1];
    let idn = id("1990-03-05", "002");
    assert_eq!(mismatch.value, format!("422***********{}", &idn[14..]));
    assert!(
        mismatch
            .to_string()
            .starts_with("第2行「身份证号」列（值 422"),
        "{mismatch}"
    );
    assert!(mismatch.reason.contains("出生年月 1990-02"), "{mismatch}");
}

#[test]
fn a_header_error_lists_the_accepted_names_and_the_nearest_match() {
    let csv = "编号,名字,性别,生日,民族,学历,入党时间,转正时间,支部名称\n";
    let e = import_roster_csv(csv.as_bytes(), community().tree(), &transfers()).unwrap_err();
    let ImportError::MissingColumn {
        column,
        accepted,
        nearest,
    } = &e
    else {
        panic!("{e}")
    };
    assert_eq!(column, "所在支部");
    assert!(accepted.contains(&"所在党支部".to_string()));
    assert_eq!(nearest.as_deref(), Some("支部名称"));
    assert!(e.to_string().contains("最接近的表头是「支部名称」"), "{e}");
}

#[test]
fn the_error_list_is_an_excel_file_with_the_bad_cells_marked() {
    let csv = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部\nE1,赵六,?,1990-02-30,汉族,本科,2015-06-01,2016-06-01,B1\n";
    let ImportError::Rows(rows) =
        import_roster_csv(csv.as_bytes(), community().tree(), &transfers()).unwrap_err()
    else {
        panic!()
    };
    let xlsx = roster_error_workbook(csv.as_bytes(), &transfers(), &rows).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    assert_eq!(wb.sheet_names(), ["花名册（标注错误）", "错误清单"]);
    let marked = wb.worksheet_range("花名册（标注错误）").unwrap();
    assert_eq!(marked.get_value((0, 9)).unwrap().to_string(), "错误说明");
    assert!(marked
        .get_value((1, 9))
        .unwrap()
        .to_string()
        .contains("性别"));
    let list = wb.worksheet_range("错误清单").unwrap();
    assert_eq!(list.height(), 1 + rows.len());
    assert_eq!(list.get_value((1, 2)).unwrap().to_string(), "bad_gender");
}

// ---------------------------------------------------------------------------------------------
// Issue 17: XLSX hardening.

/// A small workbook with one 1 MiB shared string used by 10,000 cells would need about 10 GiB
/// if every cell copied it: refused by the limits before any copy.
#[test]
fn a_shared_string_bomb_is_refused_before_copying() {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1, 0, "X").unwrap();
    let base = wb.save_to_buffer().unwrap();
    let big = "党".repeat((1 << 20) / 3);
    let bytes = patch_xlsx(&base, &|name, text| match name {
        "xl/sharedStrings.xml" => text.replacen(">X<", &format!(">{big}<"), 1),
        "xl/worksheets/sheet1.xml" => {
            let cells: String = (3..=10_002)
                .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>1</v></c></row>"))
                .collect();
            text.replacen("</sheetData>", &format!("{cells}</sheetData>"), 1)
        }
        _ => text,
    });
    let started = std::time::Instant::now();
    let e = import_roster_xlsx(&bytes, community().tree(), &transfers()).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded", "{e}");
    assert!(started.elapsed().as_secs() < 20);
}

fn one_row_xlsx() -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    strings(
        ws,
        0,
        &[
            "编号",
            "姓名",
            "性别",
            "出生日期",
            "民族",
            "学历",
            "入党时间",
            "转正时间",
            "所在支部",
        ],
    );
    strings(
        ws,
        1,
        &[
            "X1",
            "赵六",
            "女",
            "1990-01-02",
            "汉族",
            "本科",
            "2015-06-01",
            "2016-06-01",
            "B1",
        ],
    );
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_shared_string_index_that_is_not_a_number_is_a_typed_error() {
    for bad in ["-1", "abc", ""] {
        let bytes = patch_xlsx(&one_row_xlsx(), &|name, text| {
            if name == "xl/worksheets/sheet1.xml" {
                // B2 (赵六) is the first shared-string cell of row 2
                let at = text.find("r=\"B2\"").unwrap();
                let v = at + text[at..].find("<v>").unwrap() + 3;
                let end = v + text[v..].find("</v>").unwrap();
                format!("{}{bad}{}", &text[..v], &text[end..])
            } else {
                text
            }
        });
        let e = import_roster_xlsx(&bytes, community().tree(), &transfers()).unwrap_err();
        assert_eq!(e.code(), "bad_string_index", "{bad}: {e}");
        assert!(e.to_string().contains("B2"), "{e}");
    }
}

#[test]
fn a_duplicated_cell_is_a_typed_error() {
    let bytes = patch_xlsx(&one_row_xlsx(), &|name, text| {
        if name == "xl/worksheets/sheet1.xml" {
            let at = text.find("<c r=\"B2\"").unwrap();
            let end = at + text[at..].find("</c>").unwrap() + 4;
            let cell = text[at..end].to_string();
            format!("{}{cell}{}", &text[..end], &text[end..])
        } else {
            text
        }
    });
    let e = import_roster_xlsx(&bytes, community().tree(), &transfers()).unwrap_err();
    assert_eq!(e.code(), "duplicate_cell", "{e}");
    assert!(e.to_string().contains("B2"), "{e}");
}

#[test]
fn excel_serial_60_is_the_fictitious_leap_day_and_59_is_february_28() {
    use dangjian::io::{excel_serial_date, SerialError};
    assert_eq!(excel_serial_date(59.0, false), Ok(d("1900-02-28")));
    assert_eq!(excel_serial_date(60.0, false), Err(SerialError::Fictitious));
    assert_eq!(excel_serial_date(61.0, false), Ok(d("1900-03-01")));
    assert_eq!(excel_serial_date(1.0, false), Ok(d("1900-01-01")));
    assert_eq!(excel_serial_date(0.0, true), Ok(d("1904-01-01")));
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    strings(
        ws,
        0,
        &[
            "编号",
            "姓名",
            "性别",
            "出生日期",
            "民族",
            "学历",
            "入党时间",
            "转正时间",
            "所在支部",
        ],
    );
    strings(
        ws,
        1,
        &[
            "X1",
            "赵六",
            "女",
            "",
            "汉族",
            "本科",
            "2015-06-01",
            "2016-06-01",
            "B1",
        ],
    );
    ws.write_number(1, 3, 60.0).unwrap();
    let e = import_roster_xlsx(
        &wb.save_to_buffer().unwrap(),
        community().tree(),
        &transfers(),
    )
    .unwrap_err();
    let ImportError::Rows(rows) = e else {
        panic!("{e}")
    };
    assert_eq!(
        (rows[0].column.as_str(), rows[0].code),
        ("出生日期", "fictitious_date")
    );
}

#[test]
fn a_month_typed_as_a_number_that_lost_its_zero_is_reported() {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    strings(
        ws,
        0,
        &[
            "编号",
            "姓名",
            "性别",
            "出生年月",
            "民族",
            "学历",
            "入党时间",
            "转正时间",
            "所在支部",
        ],
    );
    strings(
        ws,
        1,
        &[
            "X1",
            "赵六",
            "女",
            "",
            "汉族",
            "本科",
            "2015-06-01",
            "2016-06-01",
            "B1",
        ],
    );
    strings(
        ws,
        2,
        &[
            "X2",
            "钱七",
            "女",
            "",
            "汉族",
            "本科",
            "2015-06-01",
            "2016-06-01",
            "B1",
        ],
    );
    ws.write_number(1, 3, 1985.1).unwrap(); // typed 1985.10 or 1985.1?
    ws.write_number(2, 3, 1985.03).unwrap(); // March, unambiguous
    let e = import_roster_xlsx(
        &wb.save_to_buffer().unwrap(),
        community().tree(),
        &transfers(),
    )
    .unwrap_err();
    let ImportError::Rows(rows) = e else {
        panic!("{e}")
    };
    let codes: Vec<(usize, &str)> = rows.iter().map(|r| (r.row, r.code)).collect();
    assert_eq!(codes, [(2, "ambiguous_month")]);
}

#[test]
fn an_id_number_stored_as_a_number_is_reported() {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    strings(
        ws,
        0,
        &[
            "编号",
            "姓名",
            "性别",
            "出生日期",
            "民族",
            "学历",
            "入党时间",
            "转正时间",
            "所在支部",
            "身份证号",
        ],
    );
    strings(
        ws,
        1,
        &[
            "X1",
            "赵六",
            "女",
            "1990-01-02",
            "汉族",
            "本科",
            "2015-06-01",
            "2016-06-01",
            "B1",
        ],
    );
    ws.write_number(1, 9, 422827199001020000.0).unwrap();
    let e = import_roster_xlsx(
        &wb.save_to_buffer().unwrap(),
        community().tree(),
        &transfers(),
    )
    .unwrap_err();
    let ImportError::Rows(rows) = e else {
        panic!("{e}")
    };
    assert_eq!(rows[0].code, "id_number_as_number");
}

/// The library's own member list (党员类别 = 正式党员/预备党员 before 人员类别) reads back as a
/// roster: the canonical 人员类别 column is the category, not the 党员类别 column before it.
#[test]
fn the_member_list_export_reads_back_as_a_roster() {
    use dangjian::io::{import_roster_csv, Dataset, Entry, RosterOptions};
    use dangjian::stats::{member_list, prepare, ExportOptions};
    use dangjian::table::{CsvOptions, HeaderLang};
    let src = dangjian::synth::generate(&dangjian::synth::SynthConfig::new(200, 7))
        .into_registry()
        .unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let opts = ExportOptions {
        drop_contacts: true,
        ..ExportOptions::form()
    };
    let table = prepare(&member_list(&src, date), &opts).unwrap();
    let csv = dangjian::table::to_csv(
        &table,
        &CsvOptions {
            header: HeaderLang::Zh,
            ..CsvOptions::default()
        },
    )
    .unwrap();
    assert!(csv.find("党员类别").unwrap() < csv.find("人员类别").unwrap());
    let mut empty = Dataset::new("x");
    empty.orgs = src.tree().records().to_vec();
    let base = empty.to_registry().unwrap();
    let ro = RosterOptions::new(chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
        .entry(Entry::TransferredIn);
    let got = import_roster_csv(csv.as_bytes(), base.tree(), &ro).unwrap();
    assert_eq!(got.members.len(), src.headcount_on(date) as usize);
}
