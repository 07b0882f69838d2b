//! Issue 17, item 11: lenient parsing. Each of these was silently accepted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod scoring_fixture;

use dangjian::io::parse_roster_date;
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::scoring::{ActivityRecord, Mode, Period, RuleSet, Scorer};
use scoring_fixture::{d, registry};

#[test]
fn a_signed_or_padded_roster_date_is_not_read_as_another_date() {
    assert_eq!(parse_roster_date("-1990-02-03"), None);
    assert_eq!(parse_roster_date("+1990-02-03"), None);
    assert_eq!(parse_roster_date("1990-02-03-"), None);
    assert_eq!(parse_roster_date("x1990-02-03"), None);
    // The accepted spellings still are.
    for s in [
        "1990-02-03",
        "1990/2/3",
        "1990.02.03",
        "19900203",
        "1990年2月3日",
        " 1990-02-03 ",
    ] {
        assert_eq!(parse_roster_date(s), d("1990-02-03").into(), "{s}");
    }
    assert_eq!(parse_roster_date("1990-02"), d("1990-02-01").into());
    assert_eq!(parse_roster_date("1990年2月"), d("1990-02-01").into());
}

#[test]
fn a_report_month_beyond_2199_is_refused() {
    let ds = dangjian::io::Dataset::sample_small();
    let reg = ds.to_registry().unwrap();
    for (y, m) in [(9999, 12), (2200, 1), (1899, 12), (-1, 1)] {
        let e = MonthlyReport::build_with(&ds, &reg, y, m, &ReportOptions::default()).unwrap_err();
        assert_eq!(e.code(), "bad_month", "{y}-{m}");
    }
    MonthlyReport::build_with(&ds, &reg, 2199, 12, &ReportOptions::default()).unwrap();
    assert!("9999-12".parse::<Period>().is_err());
    assert!("2200".parse::<Period>().is_err());
    assert!("2199-Q4".parse::<Period>().is_ok());
}

fn act(id: &str, date: &str) -> ActivityRecord {
    ActivityRecord::new(id, "P00", "meeting", d(date))
}

#[test]
fn a_reversal_dated_far_after_its_target_is_refused_not_silently_applied() {
    let reg = registry(&[1]);
    let rs = RuleSet::member_default();
    let p: Period = "2026-10".parse().unwrap();
    let mut far = act("r", "2199-12-31");
    far.reverses = Some("a".into());
    let acts = vec![act("a", "2026-10-09"), far];
    let e = Scorer::new(&reg, &acts, Mode::Strict)
        .unwrap()
        .score(&rs, p)
        .unwrap_err();
    assert_eq!(e.code(), "bad_reversal", "{e}");
    assert!(e.to_string().contains("more than a year"), "{e}");
    // Lenient: a diagnostic, and October keeps the meeting.
    let s = Scorer::new(&reg, &acts, Mode::Lenient)
        .unwrap()
        .score(&rs, p)
        .unwrap();
    assert_eq!(s.diagnostics[0].code, "bad_reversal");
    assert_eq!(s.table.total[0].to_string(), "62");
    // A year and a day later is refused, a year later is fine.
    let mut late = act("r", "2027-10-10");
    late.reverses = Some("a".into());
    let e = Scorer::new(&reg, &[act("a", "2026-10-09"), late], Mode::Strict)
        .unwrap()
        .score(&rs, p)
        .unwrap_err();
    assert_eq!(e.code(), "bad_reversal");
    let mut ok = act("r", "2027-10-09");
    ok.reverses = Some("a".into());
    let t = Scorer::new(&reg, &[act("a", "2026-10-09"), ok], Mode::Strict)
        .unwrap()
        .score(&rs, p)
        .unwrap()
        .table;
    assert_eq!(t.total[0].to_string(), "60");
}
