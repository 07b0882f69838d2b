//! Property tests of the year's processes and the agenda: an appraisal's counts reconcile with
//! its ballots; a letter's status follows its dates; every agenda row names a catalogued rule
//! and disappears exactly when its condition is met.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::needless_range_loop,
    missing_docs
)]

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use dangjian::agenda::Agenda;
use dangjian::io::Dataset;
use dangjian::member::{EventRecord, EventType, Gender, MemberRecord, MembershipStatus};
use dangjian::org::{OrgKind, OrgRecord};
use dangjian::year::{
    count_appraisal, AppraisalRecord, AppraisalRules, Grade, InvalidReason, LetterKind,
    LetterStatus, PeerBallot, TransferLetter,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(128);
    ProptestConfig::with_cases(cases)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn day(n: u64) -> NaiveDate {
    d("2024-01-01").checked_add_days(Days::new(n)).unwrap()
}

fn grade() -> impl Strategy<Value = Grade> {
    prop_oneof![
        Just(Grade::Excellent),
        Just(Grade::Qualified),
        Just(Grade::BasicallyQualified),
        Just(Grade::Unqualified),
    ]
}

/// A branch of `n` full members M00.. registered on 2020-01-01.
fn branch(n: usize) -> Dataset {
    let mut ds = Dataset::new("测试社区");
    let mut b = OrgRecord::new("B", "测试支部", OrgKind::Branch, None, d("2020-01-01"));
    b.elected = Some(d("2024-06-01"));
    ds.orgs = vec![b];
    for i in 0..n {
        let id = format!("M{i:02}");
        ds.members
            .push(MemberRecord::new(&id, "王某", Gender::Male, d("1970-01-01")).unwrap());
        let mut e = EventRecord::new(&id, d("2020-01-01"), EventType::TransferredIn).branch("B");
        e.status = Some(MembershipStatus::Full);
        e.admitted_on = Some(d("2000-01-01"));
        e.converted_on = Some(d("2001-01-01"));
        ds.events.push(e);
    }
    ds
}

proptest! {
    #![proptest_config(config())]

    /// The count reconciles with the ballots: counted + invalid = returned; every valid vote
    /// appears once in its member's tally; 优秀 never exceeds the quota.
    #[test]
    fn appraisal_counts_reconcile_with_ballots(
        n in 1usize..12,
        raw in prop::collection::vec((0usize..14, prop::collection::vec((0usize..13, grade()), 0..12)), 0..20),
        masses in prop::collection::vec(prop::collection::vec((0usize..12, grade()), 0..8), 0..6),
        share in 0u32..10_001,
    ) {
        let id = |i: usize| format!("M{i:02}");
        let appraised: Vec<_> = (0..n).map(|i| id(i).as_str().into()).collect();
        let ballots: Vec<PeerBallot> = raw
            .iter()
            .map(|(v, votes)| PeerBallot {
                voter: id(*v).as_str().into(),
                votes: votes.iter().map(|(m, g)| (id(*m).as_str().into(), *g)).collect(),
            })
            .collect();
        let masses: Vec<BTreeMap<_, _>> = masses
            .iter()
            .map(|b| b.iter().map(|(m, g)| (id(*m).as_str().into(), *g)).collect())
            .collect();
        let rec = AppraisalRecord {
            id: "P".into(), org: "B".into(), year: 2026, date: d("2026-12-20"),
            voters: None, self_grades: vec![], ballots: ballots.clone(), masses: masses.clone(),
            decisions: vec![], points_grades: vec![],
        };
        let rules = AppraisalRules { excellent_share_bp: share, ..AppraisalRules::default() };
        let c = count_appraisal(&rec, &appraised, &appraised, &rules);
        let invalid: u64 = c.invalid.values().sum();
        prop_assert_eq!(c.valid + c.masses_valid + invalid, (ballots.len() + masses.len()) as u64);
        // recount the valid peer ballots by hand
        let mut seen = std::collections::HashSet::new();
        let mut tally: BTreeMap<String, [u64; 4]> = BTreeMap::new();
        let mut valid = 0u64;
        for b in &ballots {
            let eligible = appraised.contains(&b.voter);
            if !eligible || !seen.insert(b.voter.clone()) || b.votes.is_empty()
                || b.votes.keys().any(|m| !appraised.contains(m)) {
                continue;
            }
            valid += 1;
            for (m, g) in &b.votes {
                tally.entry(m.to_string()).or_default()[g.index()] += 1;
            }
        }
        prop_assert_eq!(valid, c.valid);
        for m in &c.members {
            prop_assert_eq!(m.peer, tally.get(&m.member).copied().unwrap_or_default());
            prop_assert_eq!(m.cast, m.weighted.iter().sum::<u64>());
        }
        let excellent = c.members.iter().filter(|m| m.counted == Grade::Excellent).count() as u64;
        prop_assert!(excellent <= c.excellent_quota);
        prop_assert_eq!(c.excellent_quota, n as u64 * u64::from(share) / 10_000);
        // no output of the count names a voter
        let json = serde_json::to_string(&c).unwrap();
        prop_assert!(!json.contains("\"voter\""));
        prop_assert_eq!(c.invalid.get(&InvalidReason::Duplicate).copied().unwrap_or(0),
            ballots.iter().enumerate().filter(|(i, b)| appraised.contains(&b.voter)
                && ballots[..*i].iter().any(|p| p.voter == b.voter)).count() as u64);
    }

    /// A letter's status follows its dates.
    #[test]
    fn letter_status_follows_its_dates(
        issued in 0u64..400,
        valid in 1u32..120,
        received in prop::option::of(0u64..200),
        returned in prop::option::of(0u64..200),
        cancelled in prop::option::of(0u64..200),
        at in 0u64..800,
    ) {
        let mut l = TransferLetter::new(2024, 1, LetterKind::WithinSystem, "M00", "B", "外地", day(issued), valid);
        l.received_on = received.map(|r| day(issued + r));
        l.returned_on = returned.map(|r| day(issued + r));
        l.cancelled_on = cancelled.map(|r| day(issued + r));
        let date = day(at);
        let s = l.status_on(date);
        let last = day(issued + u64::from(valid));
        prop_assert_eq!(l.last_valid_day(), last);
        let first_done = [(l.received_on, LetterStatus::Received), (l.returned_on, LetterStatus::Returned), (l.cancelled_on, LetterStatus::Cancelled)]
            .into_iter()
            .filter_map(|(x, st)| x.filter(|x| *x <= date).map(|x| (x, st)))
            .min();
        let want = if date < day(issued) {
            LetterStatus::NotIssued
        } else if let Some((_, st)) = first_done {
            st
        } else if date > last {
            LetterStatus::Expired
        } else {
            LetterStatus::Issued
        };
        prop_assert_eq!(s, want);
        // once received, returned or cancelled, it stays so
        if matches!(s, LetterStatus::Received | LetterStatus::Returned | LetterStatus::Cancelled) {
            prop_assert_eq!(l.status_on(date.checked_add_days(Days::new(365)).unwrap()), s);
        }
    }

    /// Every agenda row names a catalogued rule; a probationary member's conversion row is
    /// there exactly while they are not converted and the day is within the look-ahead, and a
    /// letter's row exactly while it is not received.
    #[test]
    fn agenda_rows_name_rules_and_disappear_when_met(
        admitted in 0u64..700,
        converted_after in prop::option::of(0u64..200),
        issued in 0u64..900,
        received_after in prop::option::of(0u64..60),
        at in 0u64..1000,
        days in 0u32..120,
    ) {
        let mut ds = branch(3);
        ds.members.push(MemberRecord::new("P", "李某", Gender::Female, d("1990-01-01")).unwrap());
        let mut e = EventRecord::new("P", day(admitted), EventType::TransferredIn).branch("B");
        e.status = Some(MembershipStatus::Probationary);
        e.admitted_on = Some(day(admitted));
        ds.events.push(e);
        let due = day(admitted).checked_add_months(chrono::Months::new(12)).unwrap();
        let conv = converted_after.map(|c| due.checked_add_days(Days::new(c)).unwrap());
        if let Some(c) = conv {
            ds.events.push(EventRecord::new("P", c, EventType::Converted));
        }
        let mut l = TransferLetter::new(0, 1, LetterKind::Temporary, "M00", "B", "外地", day(issued), 30);
        l.year = chrono::Datelike::year(&l.issued);
        l.received_on = received_after.map(|r| day(issued + r));
        ds.letters.push(l.clone());
        let reg = ds.to_registry().unwrap();
        let as_of = day(at);
        let a = Agenda::build(&ds, &reg, as_of, days).unwrap();
        for r in &a.rule {
            prop_assert!(dangjian::catalogue::find(r).is_some(), "{} not catalogued", r);
        }
        let horizon = as_of.checked_add_days(Days::new(u64::from(days))).unwrap();
        let probationary = day(admitted) <= as_of && conv.is_none_or(|c| c > as_of);
        let want_conv = probationary && due <= horizon;
        let has_conv = a.rule.iter().zip(&a.member).any(|(r, m)| r == "conversion_due" && m == "P");
        prop_assert_eq!(has_conv, want_conv);
        let outstanding = l.issued <= as_of && l.received_on.is_none_or(|r| r > as_of);
        let want_letter = outstanding && l.last_valid_day() <= horizon;
        let has_letter = a.rule.iter().any(|r| r == "transfer_letter_expiry");
        prop_assert_eq!(has_letter, want_letter);
        // rows are sorted by due date and days_left matches
        for i in 0..a.len() {
            prop_assert_eq!(a.days_left[i], (a.due[i] - as_of).num_days());
            prop_assert!(a.due[i] <= horizon);
            if i > 0 { prop_assert!(a.due[i - 1] <= a.due[i]); }
        }
    }
}

#[test]
fn the_sample_agenda_names_catalogued_rules_and_masks_names() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let a = Agenda::build(&ds, &reg, d("2026-10-31"), 365).unwrap();
    assert!(a.len() > 10);
    for (r, name) in a.rule.iter().zip(&a.name) {
        assert!(dangjian::catalogue::find(r).is_some(), "{r}");
        assert!(name.is_empty() || name.contains('*'), "{name}");
    }
    // the agenda as a core Table
    let csv = dangjian::table::to_csv(&a, &dangjian::table::CsvOptions::zh()).unwrap();
    assert!(csv.starts_with("到期日,剩余天数,状态,规则代码"));
}

#[test]
fn the_sample_ships_a_year_of_each() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    assert_eq!(reg.headcount_on(dangjian::synth::SAMPLE_AS_OF), 158);
    let book = dangjian::year::YearBook::from_dataset(&ds, &reg).unwrap();
    let stats = book.appraisal_stats(&reg, dangjian::synth::SAMPLE_APPRAISAL_YEAR);
    assert_eq!(stats.org.len(), 4);
    assert_eq!(stats.unqualified.iter().sum::<u64>(), 1);
    assert_eq!(stats.rectify.iter().sum::<u64>(), 1);
    assert!(book.letters.len() >= 8);
    let letters = book.letter_table(&reg, dangjian::synth::SAMPLE_AS_OF);
    assert!(letters.status.iter().any(|s| s == "已过期"));
    let r = dangjian::year::ChangeRegister::build(&ds, &reg, d("2022-11-01"), d("2026-10-31"));
    assert!(r.added() > 0);
}

#[test]
fn errors_have_codes() {
    let ds = branch(3);
    let reg = ds.to_registry().unwrap();
    let mut l = TransferLetter::new(
        2025,
        1,
        LetterKind::Temporary,
        "M00",
        "B",
        "外地",
        d("2026-01-01"),
        30,
    );
    let e = dangjian::year::YearBook::new(
        &reg,
        vec![],
        vec![],
        vec![l.clone()],
        AppraisalRules::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "letter_serial");
    l.year = 2026;
    l.valid_days = 0;
    let e = dangjian::year::YearBook::new(
        &reg,
        vec![],
        vec![],
        vec![l.clone()],
        AppraisalRules::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "letter_validity");
    l.valid_days = 30;
    l.received_on = Some(d("2025-12-31"));
    let e = dangjian::year::YearBook::new(
        &reg,
        vec![],
        vec![],
        vec![l.clone()],
        AppraisalRules::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "letter_dates");
    l.received_on = None;
    l.from_org = "X".into();
    let e = dangjian::year::YearBook::new(
        &reg,
        vec![],
        vec![],
        vec![l.clone()],
        AppraisalRules::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "letter_orgs");
    let e = Agenda::build(&ds, &reg, d("2026-01-01"), 100_000).unwrap_err();
    assert_eq!(e.code(), "agenda_too_many_days");
}

#[test]
fn validation_lists_every_problem_with_its_position() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    dangjian::year::validate_records(
        &reg,
        &ds.appraisals,
        &ds.appraisal_actions,
        &ds.letters,
        &ds.appraisal_rules,
    )
    .unwrap();
    let mut appraisals = ds.appraisals.clone();
    let a = &mut appraisals[1];
    let voter = ds.members[0].id.clone();
    a.voters = Some(vec![voter.clone(), voter, "NOBODY".into()]);
    let g = a.decisions[0].clone();
    a.decisions.push(g.clone());
    a.self_grades = vec![g.clone(), g];
    let mut letters = ds.letters.clone();
    letters[3].received_on = Some(d("1999-01-01"));
    let mut actions = ds.appraisal_actions.clone();
    actions[0].appraisal = "NONE".into();
    let e = dangjian::year::validate_records(
        &reg,
        &appraisals,
        &actions,
        &letters,
        &ds.appraisal_rules,
    )
    .unwrap_err();
    let codes: Vec<&str> = e.errors().iter().map(|x| x.code()).collect();
    assert_eq!(
        codes,
        [
            "appraisal_duplicate_voter",
            "unknown_member",
            "appraisal_duplicate_grade",
            "appraisal_duplicate_grade",
            "unknown_appraisal",
            "letter_dates"
        ]
    );
    let text = e.to_string();
    assert!(text.starts_with("年度记录有6处错误"), "{text}");
    for want in [
        "appraisals[1]：评议资格名单中党员",
        "appraisals[1].self_grades",
        "appraisals[1].decisions",
        "appraisal_actions[0]",
        "letters[3]",
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    // the book refuses on the first problem
    let first =
        dangjian::year::YearBook::new(&reg, appraisals, actions, letters, ds.appraisal_rules)
            .unwrap_err();
    assert_eq!(first.code(), "appraisal_duplicate_voter");
    // the bindings' report: the first problem, every problem in rows
    let r = dangjian::ffi::ErrorReport::from(&e);
    assert_eq!(r.code, "appraisal_duplicate_voter");
    assert_eq!(r.rows.len(), 6);
    assert!(r.message_zh.starts_with("年度记录有6处错误"));
}
