//! Branch assessment from the records (issue 23): every deduction derived from the data names
//! its branch, item and reason, reconciles with the compliance and coverage tables it comes
//! from, and shows item by item in the explanation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use dangjian::assessment::{assess, derive};
use dangjian::calendar::Month;
use dangjian::compliance::Compliance;
use dangjian::org::OrgKind;
use dangjian::scoring::{Mode, Period, RuleSet, Scorer};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn derived_deductions_are_branch_items_of_the_rule_set_with_reasons() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let rules = RuleSet::org_default();
    let derived = derive(&ds, &reg, 2026, d("2026-10-31")).unwrap();
    assert!(!derived.is_empty());
    let mut ids = BTreeSet::new();
    for x in &derived {
        let a = &x.activity;
        assert!(ids.insert(a.id.clone()), "unique id {}", a.id);
        let i = reg.tree().index(&a.subject).unwrap();
        assert_eq!(reg.tree().kind(i), Some(OrgKind::Branch));
        assert!(
            rules.item_index(&a.item).is_some(),
            "{} in org-default",
            a.item
        );
        assert!(a.date <= d("2026-10-31") && a.date >= d("2026-01-01"));
        assert_eq!(a.note.as_deref(), Some(x.reason_zh.as_str()));
        assert!(!x.reason_zh.is_empty());
    }
}

#[test]
fn meeting_deductions_reconcile_with_the_compliance_table() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    for as_of in ["2026-03-31", "2026-06-30", "2026-09-29", "2026-10-31"] {
        let as_of = d(as_of);
        let derived = derive(&ds, &reg, 2026, as_of).unwrap();
        let c = Compliance::from_dataset(&ds, &reg).unwrap();
        let t = c
            .meetings
            .compliance(&reg, Month::new(2026, 1).unwrap(), Month::of(as_of), as_of)
            .unwrap();
        let missed: u64 = (0..t.len())
            .filter(|&r| {
                let i = reg.tree().index(&t.org[r]).unwrap();
                reg.tree().kind(i) == Some(OrgKind::Branch)
            })
            .map(|r| t.periods_missed[r])
            .sum();
        let n = derived
            .iter()
            .filter(|x| x.activity.item == "org_building_failed")
            .count() as u64;
        assert_eq!(n, missed, "as of {as_of}");
    }
}

#[test]
fn a_deduction_appears_once_its_period_has_ended_and_not_before() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let all = derive(&ds, &reg, 2026, d("2026-10-31")).unwrap();
    for x in all
        .iter()
        .filter(|x| x.activity.item != "member_mgmt_failed")
    {
        let day = x.activity.date;
        let on = derive(&ds, &reg, 2026, day).unwrap();
        assert!(
            on.iter().any(|y| y.activity.id == x.activity.id),
            "{} on {day}",
            x.activity.id
        );
        let before = derive(&ds, &reg, 2026, day.pred_opt().unwrap()).unwrap();
        assert!(
            !before.iter().any(|y| y.activity.id == x.activity.id),
            "{} before {day}",
            x.activity.id
        );
    }
}

#[test]
fn the_assessment_explains_each_derived_deduction_and_compares_quarters() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let rules = RuleSet::org_default();
    let a = assess(&ds, &reg, &rules, 2026, d("2026-10-31")).unwrap();
    // the year's scores are the recorded plus the derived organization activities
    let mut acts: Vec<_> = ds
        .scored_activities()
        .iter()
        .filter(|x| reg.tree().index(&x.subject).is_some() && x.date <= d("2026-10-31"))
        .cloned()
        .collect();
    acts.extend(a.derived.iter().map(|x| x.activity.clone()));
    let scorer = Scorer::new(&reg, &acts, Mode::Lenient).unwrap();
    let year = Period::year(2026).unwrap();
    assert_eq!(
        scorer.score(&rules, year).unwrap().table.total,
        a.scores.total
    );
    // the explanation of a branch lists its derived items by id
    let b3 = scorer.explain(&rules, year, "B3").unwrap();
    let shown: BTreeSet<String> = b3.events.id.iter().map(|s| s.to_string()).collect();
    for x in a.derived.iter().filter(|x| x.activity.subject == "B3") {
        assert!(
            shown.contains(x.activity.id.as_str()),
            "{} explained",
            x.activity.id
        );
    }
    // the quarters: three ended by 31 October, the fourth empty
    assert_eq!(a.quarters.rows, a.scores.len());
    let q4 = a.quarters.column("q4").unwrap();
    match &q4.values {
        dangjian::table::ColumnValues::OptFixed(v) => assert!(v.iter().all(Option::is_none)),
        other => panic!("{other:?}"),
    }
    let q3 = a.quarters.column("q3").unwrap();
    match &q3.values {
        dangjian::table::ColumnValues::OptFixed(v) => assert!(v.iter().all(Option::is_some)),
        other => panic!("{other:?}"),
    }
}
