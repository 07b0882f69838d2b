//! The statistics sections of the monthly report and the export of every report table.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::io::Cursor;

use calamine::Reader;
use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
use dangjian::stats::{membership, ExportOptions, Rollup};
use dangjian::synth::{sample_community, SAMPLE_AS_OF};

fn sample_report() -> (dangjian::io::Dataset, MonthlyReport) {
    let ds = sample_community();
    let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
    (ds, r)
}

#[test]
fn statistics_section_matches_seed_000() {
    let (_, r) = sample_report();
    let st = &r.statistics;
    assert_eq!(st.founded.to_string(), "2022-11-01");
    let z = st.membership.row_of("Z").unwrap();
    let c = &st.membership.counts;
    // seed 000: 158 members, 32 aged 35 or under (20.3%)
    assert_eq!(c.headcount[z], 158);
    assert_eq!(c.age_35_or_under[z], 32);
    assert_eq!(st.membership.age_35_or_under_permille[z], Some(203)); // 32/158 = 0.2025…
                                                                      // founded with 121 members, 21 developed in four years, 158 now
    let f = st.flows_since_founding.row_of("Z").unwrap();
    let fc = &st.flows_since_founding.counts;
    assert_eq!(
        (fc.opening[f], fc.admitted[f], fc.closing[f]),
        (121, 21, 158)
    );
    assert!(st.flows_since_founding.reconciles());
    // the score distribution counts every scored member once
    let scores = st.scores.as_ref().unwrap();
    let zs = scores.orgs.id.iter().position(|o| o == "Z").unwrap();
    assert_eq!(
        scores.n[zs],
        r.scores.as_ref().unwrap().table.subject.len() as u64
    );
    let banded: u64 = scores.bands.iter().map(|b| b[zs]).sum();
    assert_eq!(banded, scores.n[zs]);
}

#[test]
fn report_rows_roll_up_their_children() {
    let (ds, r) = sample_report();
    let reg = ds.to_registry().unwrap();
    let direct = membership(&reg, SAMPLE_AS_OF, Rollup::Direct);
    let m = &r.statistics.membership;
    for (row, id) in m.orgs.id.iter().enumerate() {
        let idx = reg.tree().index(id).unwrap();
        let sum: u64 = reg
            .tree()
            .subtree(idx)
            .filter_map(|i| direct.orgs.idx.iter().position(|&x| x as usize == i))
            .map(|d| direct.counts.headcount[d])
            .sum();
        assert_eq!(m.counts.headcount[row], sum, "{id}");
    }
}

#[test]
fn text_report_shows_every_statistics_section() {
    let (_, r) = sample_report();
    let text = r.render_text();
    for heading in [
        "十、党员队伍结构",
        "年龄结构",
        "党龄结构",
        "党员类别",
        "十一、党员增减（2022-11-01 成立至 2026-10-31",
        "十二、发展党员工作",
        "十三、本月积分分布",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    // the 35-or-under cell of the community row: 32 of 158 = 20.3%
    let line = text
        .lines()
        .skip_while(|l| !l.starts_with("十、"))
        .find(|l| l.starts_with("翔凤社区党总支"))
        .unwrap();
    assert!(line.contains("32(20.3%)"), "{line}");
}

#[test]
fn every_table_exports_to_csv_with_chinese_headers() {
    let (ds, r) = sample_report();
    let t = ReportTables::build(&ds, &ds.to_registry().unwrap(), &r).unwrap();
    let files = t.to_csv_files(&ExportOptions::form()).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "01-membership.csv",
            "02-flows_month.csv",
            "03-flows_since_founding.csv",
            "04-pipeline.csv",
            "05-score_distribution.csv",
            "06-dues_collection.csv",
            "07-dues_arrears.csv",
            "08-meeting_compliance.csv",
            "09-org_attendance.csv",
            "10-orgs.csv",
            "11-findings.csv",
            "12-pipeline_due.csv",
            "13-jubilee.csv",
            "14-leaderboard.csv",
            "15-post_coverage.csv",
            "16-unit_feedback.csv",
            "17-elections.csv",
            "18-scores.csv",
            "19-appraisal_stats.csv",
            "20-appraisal.csv",
            "21-letters.csv",
            "22-change_register.csv",
            "23-agenda.csv",
            "24-practice_pairings.csv",
            "25-practice_idle.csv",
            "26-practice_grids.csv",
            "27-practice_service_days.csv",
            "28-practice_cobuild.csv",
            "29-practice_declarations.csv",
        ]
    );
    for (name, csv) in &files {
        let csv = csv.strip_prefix('\u{feff}').expect("byte-order mark");
        let header = csv.lines().next().unwrap();
        assert!(
            header
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {header}"
        );
        let width = header.split(',').count();
        for l in csv.lines().skip(1) {
            assert!(l.split(',').count() >= width, "{name}: short row {l}");
        }
    }
    // the community row of the membership table: 158 members
    let membership = &files[0].1;
    assert!(membership
        .lines()
        .any(|l| l.starts_with("Z,翔凤社区党总支,党总支,0,158,")));
}

#[test]
fn analysis_export_pseudonymizes_and_suppresses() {
    let (ds, r) = sample_report();
    let t = ReportTables::build(&ds, &ds.to_registry().unwrap(), &r).unwrap();
    let form = t.to_csv_files(&ExportOptions::form()).unwrap();
    let analysis = t
        .to_csv_files(&ExportOptions::analysis(b"key of sixteen bytes", 5))
        .unwrap();
    let arrears_form = &form.iter().find(|(n, _)| n.contains("arrears")).unwrap().1;
    let arrears = &analysis
        .iter()
        .find(|(n, _)| n.contains("arrears"))
        .unwrap()
        .1;
    assert!(arrears_form.contains("XF016"));
    assert!(!arrears.contains("XF0"), "member ids must be pseudonymized");
    assert!(!arrears.contains("姓名"), "names are dropped");
    let membership = &analysis[0].1;
    assert!(membership.contains(",*,"), "small cells suppressed");
}

#[test]
fn every_table_goes_into_one_workbook() {
    let (ds, r) = sample_report();
    let t = ReportTables::build(&ds, &ds.to_registry().unwrap(), &r).unwrap();
    let bytes = t.to_xlsx(&ExportOptions::form()).unwrap();
    let mut wb = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheets = wb.sheet_names().to_vec();
    assert_eq!(sheets.len(), t.tables().len());
    // sheets in the order of the text report's sections
    assert_eq!(sheets[0], "党员队伍");
    let structure = wb.worksheet_range("队伍结构").unwrap();
    let cells: Vec<String> = structure.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "党员总数"));
    assert!(cells.iter().any(|c| c == "翔凤社区党总支"));
}

#[test]
fn report_counts_the_founding_election_by_the_rules() {
    let (ds, r) = sample_report();
    assert_eq!(r.elections.len(), 1);
    let e = &r.elections[0];
    let res = &e.result;
    // Hand count from the sample's construction: 121 registered on the founding day, 3 of them
    // probationary (no vote) → 118 eligible; 7 excused → 111 expected; 3 more absent → 108.
    assert_eq!(
        (res.eligible, res.excused, res.expected, res.present),
        (118, 7, 111, 108)
    );
    assert!(res.quorum_met); // 108 > 4/5 × 111 = 88.8
    assert!(res.competitive); // 6 candidates ≥ 5 × 1.2
                              // 105 five-mark ballots, 2 blank, 1 with six marks for five seats
    assert_eq!(
        (res.ballots, res.valid_ballots, res.invalid_too_many),
        (108, 107, 1)
    );
    assert_eq!(res.votes_needed, 55); // more than half of 108
    let rec = &ds.elections[0];
    // the first four candidates are on every five-mark ballot (105 votes); the fifth on two of
    // every three (70), the sixth on one of three (35 < 55)
    let expect: Vec<&str> = rec.candidates[..5].iter().map(|c| c.as_str()).collect();
    let mut got: Vec<&str> = res.elected.iter().map(|c| c.as_str()).collect();
    got.sort_unstable();
    let mut want = expect.clone();
    want.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(res.unfilled, 0);
    let text = r.render_text();
    assert!(text.contains("十四、换届选举"));
    assert!(text.contains("应到111人（有选举权118人，请假7人），实到108人"));
}
