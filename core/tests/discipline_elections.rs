//! Discipline (党纪处分) as lifecycle events, party standing from the end of probation, the
//! 光荣在党50年 list by 1 July, and elections checked against the roster (issue 16, items 1, 2,
//! 4 and 5).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use chrono::NaiveDate;
use dangjian::compliance::{ElectionList, ElectionRecord, RefusalReason};
use dangjian::io::Dataset;
use dangjian::member::{
    DisciplineKind, EventRecord, EventType, Gender, MemberRecord, MemberRule, MembershipStatus,
};
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::{Registry, RegistryError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rule_of(err: RegistryError) -> MemberRule {
    match err {
        RegistryError::EventRejected { rule, .. } => rule,
        other => panic!("expected EventRejected, got {other}"),
    }
}

fn observation(member: &str, on: &str, until: &str) -> EventRecord {
    EventRecord::new(member, d(on), EventType::Disciplined)
        .discipline(DisciplineKind::ProbationInParty, Some(d(until)))
}

#[test]
fn observation_lasts_one_or_two_years_and_extends_once() {
    let mut reg = Registry::sample_small();
    let before = reg.clone();
    for (until, ok) in [
        ("2026-03-01", true),
        ("2026-03-02", false),
        ("2025-03-01", true),
        ("2025-02-28", false),
        ("2024-09-01", false),
    ] {
        let r = reg
            .clone()
            .apply(vec![observation("M1", "2024-03-01", until)]);
        assert_eq!(r.is_ok(), ok, "until {until}");
        if let Err(e) = r {
            assert_eq!(rule_of(e), MemberRule::BadDiscipline);
        }
    }
    // a one-year period extended by a year, decided on the day it is complete
    reg.apply(vec![
        observation("M1", "2024-03-01", "2025-03-01"),
        observation("M1", "2025-03-01", "2026-03-01"),
    ])
    .unwrap();
    let s = reg.state("M1", d("2026-02-28")).unwrap();
    assert!(s.under_observation(d("2026-02-28")));
    assert!(!s.has_voting_rights(d("2026-02-28")));
    let s = reg.state("M1", d("2026-03-01")).unwrap();
    assert!(!s.under_observation(d("2026-03-01")) && s.has_voting_rights(d("2026-03-01")));
    assert_eq!(s.discipline.unwrap().until, Some(d("2026-03-01")));
    // ... but not again
    let err = reg
        .clone()
        .apply(vec![observation("M1", "2025-06-01", "2026-09-01")])
        .unwrap_err();
    assert_eq!(rule_of(err), MemberRule::BadDiscipline);
    // after the period is complete, a new decision is a new period
    assert_ne!(reg, before);
}

#[test]
fn discipline_needs_a_full_member_and_expulsion_is_final() {
    let mut reg = Registry::sample_small();
    // M2 is probationary from 2023-03-01
    let warn = |m: &str, on: &str| {
        EventRecord::new(m, d(on), EventType::Disciplined).discipline(DisciplineKind::Warning, None)
    };
    assert_eq!(
        rule_of(
            reg.clone()
                .apply(vec![warn("M2", "2023-06-01")])
                .unwrap_err()
        ),
        MemberRule::BadDiscipline
    );
    reg.apply(vec![warn("M1", "2024-01-01")]).unwrap();
    reg.apply(vec![EventRecord::new(
        "M3",
        d("2024-01-01"),
        EventType::Expelled,
    )])
    .unwrap();
    let back = EventRecord::new("M3", d("2025-01-01"), EventType::TransferredIn)
        .branch("B1")
        .arriving(
            MembershipStatus::Full,
            Some(d("1995-07-01")),
            Some(d("1996-07-01")),
        );
    assert_eq!(
        rule_of(reg.clone().apply(vec![back]).unwrap_err()),
        MemberRule::AfterTerminal
    );
    // a missing `discipline` or a stray `until`
    let mut bare = EventRecord::new("M1", d("2024-02-01"), EventType::Disciplined);
    assert_eq!(
        rule_of(reg.clone().apply(vec![bare.clone()]).unwrap_err()),
        MemberRule::MissingField
    );
    bare = bare.discipline(DisciplineKind::SeriousWarning, Some(d("2025-02-01")));
    assert_eq!(
        rule_of(reg.clone().apply(vec![bare]).unwrap_err()),
        MemberRule::MissingField
    );
}

#[test]
fn rights_suspended_and_restored() {
    let mut reg = Registry::sample_small();
    let s = |t| EventRecord::new("M1", d("2024-01-01"), t);
    assert_eq!(
        rule_of(
            reg.clone()
                .apply(vec![s(EventType::RightsRestored)])
                .unwrap_err()
        ),
        MemberRule::NoChange
    );
    reg.apply(vec![s(EventType::RightsSuspended)]).unwrap();
    assert!(!reg
        .state("M1", d("2024-06-01"))
        .unwrap()
        .has_voting_rights(d("2024-06-01")));
    reg.apply(vec![EventRecord::new(
        "M1",
        d("2024-07-01"),
        EventType::RightsRestored,
    )])
    .unwrap();
    assert!(reg
        .state("M1", d("2024-07-01"))
        .unwrap()
        .has_voting_rights(d("2024-07-01")));
}

#[test]
fn discipline_events_round_trip_through_the_dataset_and_history() {
    let mut ds = Dataset::sample_small();
    ds.events
        .push(observation("M1", "2024-03-01", "2026-03-01"));
    ds.events.push(EventRecord::new(
        "M3",
        d("2024-05-01"),
        EventType::RightsSuspended,
    ));
    ds.events.push(EventRecord::new(
        "M3",
        d("2024-08-01"),
        EventType::RightsRestored,
    ));
    let text = ds.to_json().unwrap();
    assert!(
        text.contains(r#""discipline": "probation_in_party""#)
            || text.contains(r#""discipline":"probation_in_party""#)
    );
    let back = Dataset::from_json(&text).unwrap();
    assert_eq!(back, ds);
    let reg = back.to_registry().unwrap();
    let h = reg.history("M1").unwrap();
    let e = h.iter().find(|e| e.kind == EventType::Disciplined).unwrap();
    assert_eq!(
        (e.discipline, e.until),
        (
            Some(DisciplineKind::ProbationInParty),
            Some(d("2026-03-01"))
        )
    );
    assert_eq!(reg.event_records().len(), ds.events.len());
    // the roster shows the current discipline while it runs
    let roster = dangjian::stats::member_list(&reg, d("2025-01-01"));
    let m1 = roster.record.iter().position(|r| r.id == "M1").unwrap();
    assert!(roster.discipline[m1].starts_with("留党察看"));
    let roster = dangjian::stats::member_list(&reg, d("2026-03-01"));
    let m1 = roster.record.iter().position(|r| r.id == "M1").unwrap();
    assert!(roster.discipline[m1].is_empty());
    // the schema knows the new types
    let schema = serde_json::to_string(&schemars::schema_for!(Dataset)).unwrap();
    for t in [
        "disciplined",
        "rights_suspended",
        "rights_restored",
        "probation_in_party",
    ] {
        assert!(schema.contains(t), "{t}");
    }
}

fn with_m5(events: Vec<EventRecord>) -> Dataset {
    let mut ds = Dataset::sample_small();
    // B1 founded 2020; give M5 a pipeline in an organization that existed then
    ds.orgs.iter_mut().for_each(|o| o.founded = d("1970-01-01"));
    ds.members
        .push(MemberRecord::new("M5", "陈老", Gender::Male, d("1950-01-01")).unwrap());
    let e = |on: &str, t| EventRecord::new("M5", d(on), t);
    ds.events.extend([
        e("1973-01-10", EventType::Applied).branch("B1"),
        e("1973-01-20", EventType::Talked),
        e("1973-03-01", EventType::Activist),
        e("1974-03-02", EventType::Candidate),
    ]);
    ds.events.extend(events);
    ds
}

#[test]
fn standing_counts_from_the_end_of_probation() {
    let e = |on: &str, t| EventRecord::new("M5", d(on), t);
    // admitted 1975-03-01, converted at a meeting three months after probation ended
    let ds = with_m5(vec![
        e("1975-03-01", EventType::Admitted),
        e("1976-06-01", EventType::Converted),
    ]);
    let reg = ds.to_registry().unwrap();
    let s = reg.state("M5", d("2026-01-01")).unwrap();
    assert_eq!(s.converted_on, Some(d("1976-03-01")));
    assert_eq!(s.standing_years(d("2026-03-01")), Some(50));
    let m5 = reg.member_index("M5").unwrap();
    assert!(reg.jubilee(2026).contains(&(m5, d("2026-03-01"))));
    // an extension of six months moves the start of standing
    let ds = with_m5(vec![
        e("1975-03-01", EventType::Admitted),
        e("1976-02-01", EventType::ProbationExtended).months(6),
        e("1976-09-10", EventType::Converted),
    ]);
    let reg = ds.to_registry().unwrap();
    let s = reg.state("M5", d("2026-01-01")).unwrap();
    assert_eq!(s.converted_on, Some(d("1976-09-01")));
    assert!(reg.jubilee(2026).iter().all(|(i, _)| *i != m5));
    assert!(reg.jubilee(2027).contains(&(m5, d("2026-09-01"))));
}

#[test]
fn jubilee_is_counted_to_1_july_for_living_members() {
    let list = |conv: &str, extra: Vec<EventRecord>, year: i32| {
        let mut ds = Dataset::sample_small();
        ds.members
            .push(MemberRecord::new("M5", "陈老", Gender::Male, d("1930-01-01")).unwrap());
        let adm = d(conv).checked_sub_months(chrono::Months::new(12)).unwrap();
        ds.events.push(
            EventRecord::new("M5", d("2020-01-01"), EventType::TransferredIn)
                .branch("B1")
                .arriving(MembershipStatus::Full, Some(adm), Some(d(conv))),
        );
        ds.events.extend(extra);
        let reg = ds.to_registry().unwrap();
        let m5 = reg.member_index("M5").unwrap();
        reg.jubilee(year)
            .into_iter()
            .filter(|(i, _)| *i == m5)
            .map(|(_, on)| on.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(list("1976-07-01", vec![], 2026), ["2026-07-01"]);
    assert!(list("1976-07-02", vec![], 2026).is_empty());
    assert_eq!(list("1976-07-02", vec![], 2027), ["2026-07-02"]);
    assert!(list("1975-07-01", vec![], 2026).is_empty());
    let died = |on: &str| vec![EventRecord::new("M5", d(on), EventType::Died)];
    assert!(list("1976-03-01", died("2026-06-30"), 2026).is_empty());
    assert_eq!(list("1976-03-01", died("2026-07-02"), 2026), ["2026-03-01"]);
    // first awarded in 2021, to everyone with 50 years by then; nothing before
    assert_eq!(list("1960-07-01", vec![], 2021), ["2010-07-01"]);
    assert!(list("1960-07-01", vec![], 2022).is_empty());
    assert!(list("1970-03-01", vec![], 2020).is_empty());
}

#[test]
fn election_lists_are_checked_against_the_roster() {
    let mut ds = Dataset::sample_small();
    ds.events
        .push(observation("M3", "2023-06-02", "2024-06-02"));
    let rec: ElectionRecord = serde_json::from_str(
        r#"{"id": "E1", "org": "B1", "date": "2023-06-01", "seats": 1,
            "voters": ["M1", "M2", "M3", "M4", "13812345678"],
            "attendees": ["M1", "M2", "M3"], "candidates": ["M1", "M3", "M2"],
            "ballots": [["M1"], ["M3"]]}"#,
    )
    .unwrap();
    ds.elections.push(rec.clone());
    let reg = ds.to_registry().unwrap();
    let c = rec.checked_input(&reg).unwrap();
    let why: Vec<(&str, ElectionList, RefusalReason)> = c
        .refused
        .iter()
        .map(|r| (r.member.as_str(), r.list, r.reason))
        .collect();
    assert_eq!(
        why,
        vec![
            ("M2", ElectionList::Voters, RefusalReason::Probationary),
            ("M4", ElectionList::Voters, RefusalReason::OtherOrganization),
            (
                "138****5678",
                ElectionList::Voters,
                RefusalReason::NotOnRoster
            ),
            ("M2", ElectionList::Attendees, RefusalReason::Probationary),
            ("M2", ElectionList::Candidates, RefusalReason::Probationary),
        ]
    );
    assert!(c.refused.iter().all(|r| r.rule == "election_voting_rights"));
    assert!(dangjian::catalogue::find("election_voting_rights").is_some());
    assert_eq!(c.input.voters, ["M1", "M3"]);
    // M3's 留党察看 starts the day after: a vote on the day; one day later, none
    let mut later = rec.clone();
    later.date = d("2023-06-02");
    let c = later.checked_input(&reg).unwrap();
    assert!(c
        .refused
        .iter()
        .any(|r| r.member == "M3" && r.reason == RefusalReason::UnderObservation));
    // in the monthly report
    let r = MonthlyReport::build(&ds, 2023, 6, &ReportOptions::default()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["elections"][0]["refused"][0]["reason"], "probationary");
    assert_eq!(json["elections"][0]["result"]["eligible"], 2);
    assert!(r.render_text().contains("不予计入"));
}

#[test]
fn sample_elections_still_count_as_before() {
    let ds = dangjian::synth::sample_community();
    let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
    let e = &r.elections[0];
    assert!(e.refused.is_empty());
    assert_eq!(
        (
            e.result.eligible,
            e.result.excused,
            e.result.expected,
            e.result.present
        ),
        (118, 7, 111, 108)
    );
}
