//! Property tests of the community practices (issue 23): help records and contacts reconcile
//! with their statistics, a schedule's coverage counts exactly the recorded service on its
//! dates, an idle pairing disappears exactly when help is recorded inside the window, and
//! broken references are refused. `PROPTEST_CASES` sets the number of cases (CI: 1000).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use dangjian::io::Dataset;
use dangjian::practice::report::{
    cobuild_report, grid_report, idle_pairings, pairing_activity, schedule_coverage, schedule_days,
};
use dangjian::practice::{HelpRecord, PairingKind};
use dangjian::table::{ColumnValues, OwnedTable};
use dangjian::Registry;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(128)
}

fn sample() -> &'static (Dataset, Registry) {
    static S: std::sync::OnceLock<(Dataset, Registry)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let ds = dangjian::synth::sample_community();
        let reg = ds.to_registry().unwrap();
        (ds, reg)
    })
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

fn u64s<'t>(t: &'t OwnedTable, name: &str) -> &'t [u64] {
    t.values(name).and_then(ColumnValues::as_u64s).unwrap()
}

fn strs(t: &OwnedTable, name: &str) -> Vec<String> {
    t.values(name)
        .and_then(ColumnValues::as_strs)
        .unwrap()
        .to_vec()
}

#[test]
fn the_sample_practices_validate_and_follow_the_seeds() {
    let (ds, reg) = sample();
    let p = &ds.practices;
    p.validate(reg, &ds.posts).unwrap();
    assert_eq!(p.grids.len(), 9, "seed 004: 9 grids");
    assert_eq!(p.units.len(), 13, "seed 002: 1+13");
    assert_eq!(p.agreements.len(), 7, "seed 001: 7 agreements");
    let mediated = p.help.iter().filter(|h| h.what == "调解邻里纠纷").count();
    assert!(
        (5..=7).contains(&mediated),
        "seed 000: about 25 in four years"
    );
    assert!(p
        .schedules
        .iter()
        .any(|s| s.days == dangjian::practice::ScheduleDays::MonthDays(vec![5, 15, 25])));
    // it round-trips through the dataset JSON
    let back = Dataset::from_json(&ds.to_json().unwrap()).unwrap();
    assert_eq!(&back.practices, p);
}

#[test]
fn broken_references_are_refused_with_chinese_messages() {
    let (ds, reg) = sample();
    let mut p = ds.practices.clone();
    p.pairings[0].member = "NOBODY".into();
    let e = p.validate(reg, &ds.posts).unwrap_err();
    assert_eq!(e.code(), "practice_unknown_reference");
    assert!(e.to_string().starts_with("结对"));
    let mut p = ds.practices.clone();
    p.help[0].date = p.pairings[0].start.pred_opt().unwrap();
    p.help[0].pairing = p.pairings[0].id.clone();
    assert_eq!(
        p.validate(reg, &ds.posts).unwrap_err().code(),
        "practice_bad_dates"
    );
    let mut p = ds.practices.clone();
    p.households[0].label = "电话13812345678".into();
    assert_eq!(
        p.validate(reg, &ds.posts).unwrap_err().code(),
        "practice_bad_value"
    );
    let mut p = ds.practices.clone();
    p.schedules[0].days = dangjian::practice::ScheduleDays::Weekdays(vec![8]);
    assert_eq!(
        p.validate(reg, &ds.posts).unwrap_err().code(),
        "practice_bad_value"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// The pairing table's counts, hours and money add up to the help records of the period,
    /// and the grid table's contacts to the contact records of each grid.
    #[test]
    fn help_and_contacts_reconcile_with_their_statistics(a in 0u64..400, len in 0u64..400) {
        let (ds, reg) = sample();
        let p = &ds.practices;
        let (from, to) = (day(a), day(a + len));
        let t = pairing_activity(p, reg, from, to);
        let in_period: Vec<&HelpRecord> =
            p.help.iter().filter(|h| from <= h.date && h.date <= to).collect();
        prop_assert_eq!(u64s(&t, "records").iter().sum::<u64>(), in_period.len() as u64);
        let hours: dangjian::fixed::Fixed =
            t.values("hours").and_then(ColumnValues::as_fixeds).unwrap().iter().copied().sum();
        prop_assert_eq!(hours, in_period.iter().filter_map(|h| h.hours).sum::<dangjian::fixed::Fixed>());
        let g = grid_report(p, reg, from, to);
        let contact_ids: BTreeSet<&str> = p
            .pairings
            .iter()
            .filter(|x| x.kind == PairingKind::Contact)
            .map(|x| x.id.as_str())
            .collect();
        let contacts = in_period.iter().filter(|h| contact_ids.contains(h.pairing.as_str())).count();
        prop_assert_eq!(u64s(&g, "contacts").iter().sum::<u64>(), contacts as u64);
        // reached + missed never exceed the households of the grid
        for ((r, m), h) in u64s(&g, "households_reached").iter()
            .zip(u64s(&g, "households_missed"))
            .zip(u64s(&g, "households"))
        {
            prop_assert!(r + m <= *h);
        }
    }

    /// A schedule's coverage counts exactly the verified service on its expected dates.
    #[test]
    fn coverage_counts_exactly_the_service_on_the_schedule_days(a in 0u64..400, len in 0u64..120) {
        let (ds, _) = sample();
        let p = &ds.practices;
        let (from, to) = (day(a), day(a + len));
        let cov = schedule_coverage(p, &ds.posts, &ds.service, from, to);
        let days = schedule_days(p, &ds.posts, &ds.service, from, to);
        for (i, s) in p.schedules.iter().enumerate() {
            let post = ds.posts.iter().find(|x| x.id == s.post).unwrap();
            // independently: every day of the range that is a schedule day with the post open
            let mut expected = 0u64;
            let mut people_days = 0u64;
            let mut covered = 0u64;
            let mut d = from.max(s.start);
            while d <= to {
                if s.days.falls_on(d) && post.is_open(d) && s.end.is_none_or(|e| d < e) {
                    expected += 1;
                    let people: BTreeSet<&str> = ds.service.iter()
                        .filter(|r| r.verified && r.post == s.post && r.date == d)
                        .map(|r| r.member.as_str())
                        .collect();
                    people_days += people.len() as u64;
                    covered += u64::from(people.len() as u64 >= u64::from(s.min_people));
                }
                d = d.succ_opt().unwrap();
            }
            prop_assert_eq!(u64s(&cov, "expected")[i], expected);
            prop_assert_eq!(u64s(&cov, "people_days")[i], people_days);
            prop_assert_eq!(u64s(&cov, "covered")[i], covered);
            let rows = strs(&days, "schedule").iter().filter(|x| **x == s.id.as_str()).count();
            prop_assert_eq!(rows as u64, expected);
        }
    }

    /// An idle pairing is listed exactly when no help falls in the window, and disappears the
    /// moment one is recorded on the window's first day (not on the cut-off day).
    #[test]
    fn an_idle_pairing_disappears_exactly_when_help_is_recorded(a in 30u64..400, months in 1u32..7) {
        let (ds, _) = sample();
        let as_of = day(a);
        let mut p = ds.practices.clone();
        let listed = strs(&idle_pairings(&p, as_of, months), "pairing");
        let cutoff = as_of.checked_sub_months(chrono::Months::new(months)).unwrap();
        for x in p.pairings.iter().filter(|x| x.active_on(as_of)) {
            let last = p.help.iter().filter(|h| h.pairing == x.id && h.date <= as_of)
                .map(|h| h.date).max().unwrap_or(x.start);
            prop_assert_eq!(listed.contains(&x.id.to_string()), last <= cutoff);
        }
        if let Some(id) = listed.first().cloned() {
            let pairing = p.pairings.iter().find(|x| x.id == id.as_str()).unwrap().clone();
            let record = |date| HelpRecord { id: "NEW".into(), pairing: pairing.id.clone(),
                date, what: "走访".into(), hours: None, amount_fen: None };
            if pairing.active_on(cutoff) {
                p.help.push(record(cutoff));
                prop_assert!(strs(&idle_pairings(&p, as_of, months), "pairing").contains(&id));
                p.help.pop();
            }
            p.help.push(record(cutoff.succ_opt().unwrap()));
            prop_assert!(!strs(&idle_pairings(&p, as_of, months), "pairing").contains(&id));
        }
    }

    /// What the units did never exceeds their activities, and the expected counts follow the
    /// calendar periods.
    #[test]
    fn cobuild_counts_follow_the_activities(a in 0u64..400, len in 0u64..400) {
        let (ds, _) = sample();
        let p = &ds.practices;
        let (from, to) = (day(a), day(a + len));
        let t = cobuild_report(p, from, to);
        let done: u64 = u64s(&t, "done").iter().sum();
        let acts = p.unit_activities.iter().filter(|x| from <= x.date && x.date <= to).count();
        prop_assert!(done <= acts as u64);
        for ((e, d), s) in u64s(&t, "expected").iter().zip(u64s(&t, "done")).zip(u64s(&t, "shortfall")) {
            prop_assert_eq!(*s, e.saturating_sub(*d));
        }
    }
}

/// A commitment is due for each calendar period that has ended: on 30 September three
/// quarters, on 29 September two; on 31 October ten months, on 30 October nine.
#[test]
fn commitments_fall_due_when_their_period_ends() {
    let (ds, _) = sample();
    let p = &ds.practices;
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let expected = |to: &str, what: &str| {
        let t = cobuild_report(p, d("2026-01-01"), d(to));
        let whats = strs(&t, "what");
        let units = strs(&t, "unit");
        let e = u64s(&t, "expected");
        (0..t.rows)
            .find(|&r| whats[r] == what && units[r] == "U01")
            .map(|r| e[r])
            .unwrap()
    };
    assert_eq!(expected("2026-09-30", "专题调研"), 3);
    assert_eq!(expected("2026-09-29", "专题调研"), 2);
    assert_eq!(expected("2026-10-31", "进社区服务"), 10);
    assert_eq!(expected("2026-10-30", "进社区服务"), 9);
}

/// Only approved declarations count: a rejected or pending one changes no score, an approved
/// one scores like the same recorded activity.
#[test]
fn only_approved_declarations_count() {
    use dangjian::declaration::{Declaration, Review, ReviewStatus, ReviewerRole};
    use dangjian::scoring::{Mode, Period, RuleSet, Scorer};
    let (ds, reg) = sample();
    let oct: Period = "2026-10".parse().unwrap();
    let score = |ds: &Dataset| {
        let acts = ds.scored_activities();
        let scorer = Scorer::new(reg, &acts, Mode::Strict).unwrap();
        scorer.score(&RuleSet::member_default(), oct).unwrap().table
    };
    let base = score(ds);
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    // a member whose score a recorded study activity would change
    let recorded_for = |member: &str| {
        let mut r = ds.clone();
        r.activities.push(dangjian::scoring::ActivityRecord::new(
            "SB-T",
            member,
            "study",
            d("2026-10-20"),
        ));
        r
    };
    let member = base
        .subject
        .iter()
        .map(|s| s.to_string())
        .find(|m| score(&recorded_for(m)).total != base.total)
        .expect("some member's score moves with one more study");
    let mut x = Declaration::new("SB-T", &member, "study", d("2026-10-20"), d("2026-10-21"));
    let mut with = ds.clone();
    with.declarations.push(x.clone());
    assert_eq!(score(&with).total, base.total, "pending counts nothing");
    x.review = Some(Review {
        status: ReviewStatus::Rejected,
        by: "XF999".into(),
        role: ReviewerRole::Secretary,
        on: d("2026-10-22"),
        reason: "不属实".into(),
    });
    with.declarations.pop();
    with.declarations.push(x.clone());
    assert_eq!(score(&with).total, base.total, "rejected counts nothing");
    if let Some(r) = x.review.as_mut() {
        r.status = ReviewStatus::Approved;
    }
    with.declarations.pop();
    with.declarations.push(x);
    // the explanation shows the review on the declared activity's line
    {
        let acts = with.scored_activities();
        let scorer = Scorer::new(reg, &acts, Mode::Strict).unwrap();
        let e = scorer
            .explain(&RuleSet::member_default(), oct, &member)
            .unwrap();
        let i = e.events.id.iter().position(|x| x == "SB-T").unwrap();
        assert!(
            e.events.note[i].contains("审核通过"),
            "{}",
            e.events.note[i]
        );
        assert!(e.events.note[i].contains("支部书记"));
    }
    let approved = score(&with).total;
    assert_ne!(approved, base.total, "approved counts");
    assert_eq!(
        approved,
        score(&recorded_for(&member)).total,
        "approved scores as recorded"
    );
}
