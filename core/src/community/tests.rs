use super::*;
use crate::compliance::{MeetingRecord, PaymentRecord};
use crate::io::Dataset;
use crate::post::ServiceRecord;
use crate::scoring::{ActivityRecord, RuleSet};
use proptest::prelude::*;

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn sample() -> Community {
    Community::new(crate::synth::sample_community()).unwrap()
}

/// The session scores what a fresh scorer of the same activities gives (the recorded ones and
/// the approved declarations, `Dataset::scored_activities`).
#[test]
fn session_scores_as_a_fresh_scorer() {
    let ds = crate::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let c = Community::new(ds.clone()).unwrap();
    let rules = RuleSet::member_default();
    for mode in [Mode::Strict, Mode::Lenient] {
        for p in ["2026-09", "2026-10"] {
            let p = p.parse().unwrap();
            let fresh = Scorer::new(&reg, &ds.scored_activities(), mode)
                .unwrap()
                .score(&rules, p)
                .unwrap();
            // twice: the second call reuses the kept checks
            for _ in 0..2 {
                let kept = c.scorer(mode).unwrap().score(&rules, p).unwrap();
                assert_eq!(kept.table, fresh.table);
                assert_eq!(kept.diagnostics, fresh.diagnostics);
            }
        }
    }
    assert_eq!(c.dataset(), &ds);
}

#[test]
fn added_activities_score_as_a_rebuilt_dataset() {
    let mut c = sample();
    let rules = RuleSet::member_default();
    let p = "2026-10".parse().unwrap();
    let before = c
        .scorer(Mode::Strict)
        .unwrap()
        .score_table(&rules, p)
        .unwrap();
    let mut a = c
        .dataset()
        .activities
        .iter()
        .find(|a| a.date >= d("2026-10-01") && a.reverses.is_none())
        .cloned()
        .unwrap();
    a.id = "new-1".into();
    c.add(vec![a]).unwrap();
    let after = c
        .scorer(Mode::Strict)
        .unwrap()
        .score_table(&rules, p)
        .unwrap();
    let rebuilt = Community::new(c.dataset().clone()).unwrap();
    let fresh = rebuilt
        .scorer(Mode::Strict)
        .unwrap()
        .score_table(&rules, p)
        .unwrap();
    assert_eq!(after, fresh);
    c.remove::<ActivityRecord>("new-1").unwrap();
    let back = c
        .scorer(Mode::Strict)
        .unwrap()
        .score_table(&rules, p)
        .unwrap();
    assert_eq!(back, before);
}

#[test]
fn the_issue_message() {
    let mut c = sample();
    let mut text = String::from("[");
    for i in 1..=101 {
        let date = if i == 101 { "2026/10/15" } else { "2026-10-15" };
        text.push_str(&format!(
            r#"{{"id": "A{:06}", "subject": "M1", "item": "XF002", "date": "{date}"}}{}"#,
            100 + i,
            if i == 101 { "" } else { "," }
        ));
    }
    text.push(']');
    let err = c.add_json(RecordKind::Activity, &text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "第101条积分记录（A000201，XF002）日期 2026/10/15 应写成 2026-10-15"
    );
    assert_eq!(err.code(), "record_date");
    assert_eq!(err.number(), Some(101));
}

#[test]
fn duplicate_and_unknown_are_named() {
    let mut c = sample();
    let m = c.dataset().members[0].id.clone();
    let a = |id: &str, s: &str| ActivityRecord::new(id, s, "meeting", d("2026-10-20"));
    let e = c.add(vec![a("x1", &m), a("x1", &m)]).unwrap_err();
    assert_eq!(e.code(), "record_duplicate_id");
    assert_eq!(e.number(), Some(2));
    let existing = c.dataset().activities[0].id.clone();
    let e = c.add(vec![a(&existing, &m)]).unwrap_err();
    assert_eq!(e.code(), "record_duplicate_id");
    let e = c.add(vec![a("x1", &m), a("x2", "ghost")]).unwrap_err();
    assert_eq!(e.code(), "record_unknown_subject");
    assert!(
        e.to_string().starts_with("第2条积分记录（x2，meeting）"),
        "{e}"
    );
    // a reversal of nothing
    let mut r = a("x3", &m);
    r.reverses = Some("nothing".into());
    let e = c.add(vec![a("x1", &m), r]).unwrap_err();
    assert_eq!((e.code(), e.number()), ("record_rejected", Some(2)));
    assert_eq!(c, sample());
}

#[test]
fn a_reversed_activity_cannot_be_removed() {
    let mut c = sample();
    let m = c.dataset().members[0].id.clone();
    let mut r = ActivityRecord::new("r1", &m, "meeting", d("2026-10-21"));
    r.reverses = Some("t1".into());
    c.add(vec![
        ActivityRecord::new("t1", &m, "meeting", d("2026-10-20")),
        r,
    ])
    .unwrap();
    let e = c.remove::<ActivityRecord>("t1").unwrap_err();
    assert_eq!(e.code(), "record_rejected");
    c.remove::<ActivityRecord>("r1").unwrap();
    c.remove::<ActivityRecord>("t1").unwrap();
    assert_eq!(c, sample());
}

/// Removing the last record of each kind of the sample and adding it back gives the sample.
#[test]
fn each_kind_round_trips() {
    fn round<R: Record>(c: &mut Community) {
        let last = c
            .records::<R>()
            .last()
            .cloned()
            .expect("the sample has one");
        let before = c.clone();
        let removed = c.remove::<R>(&last.key()).unwrap();
        assert_eq!(removed, last);
        assert_eq!(c.records::<R>().len() + 1, before.records::<R>().len());
        c.add(vec![last.clone()]).unwrap();
        assert_eq!(*c, before, "{}", R::KIND);
        // a correction to itself changes nothing
        c.correct(&last.key(), last.clone()).unwrap();
        assert_eq!(*c, before);
        let e = c.add(vec![last]).unwrap_err();
        assert_eq!(e.code(), "record_duplicate_id", "{}", R::KIND);
    }
    let mut c = sample();
    round::<ActivityRecord>(&mut c);
    round::<MeetingRecord>(&mut c);
    round::<PaymentRecord>(&mut c);
    round::<ServiceRecord>(&mut c);
    assert_eq!(c, sample());
}

#[test]
fn section_rules_name_the_record() {
    let mut c = sample();
    let mut m = c.records::<MeetingRecord>()[0].clone();
    m.id = "new-m".into();
    let mut bad = m.clone();
    bad.id = "bad-m".into();
    bad.org = "NOWHERE".into();
    let e = c.add(vec![m.clone(), bad]).unwrap_err();
    assert_eq!((e.code(), e.number()), ("record_rejected", Some(2)));
    assert!(e.to_string().starts_with("第2条会议记录（bad-m，"), "{e}");
    let mut s = c.records::<ServiceRecord>()[0].clone();
    s.id = "new-s".into();
    let mut bad = s.clone();
    bad.id = "bad-s".into();
    bad.post = "NOPOST".into();
    let e = c.add(vec![s.clone(), s.clone()]).unwrap_err();
    assert_eq!(e.number(), Some(2));
    let e = c.add(vec![s, bad]).unwrap_err();
    assert_eq!((e.code(), e.number()), ("record_rejected", Some(2)), "{e}");
    let mut p = c.records::<PaymentRecord>()[0].clone();
    p.member = "GHOST".into();
    let e = c.add(vec![p]).unwrap_err();
    assert_eq!((e.code(), e.number()), ("record_rejected", Some(1)), "{e}");
    assert_eq!(c, sample());
    let e = c
        .correct_json(
            RecordKind::Meeting,
            "nope",
            &serde_json::to_string(&m).unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.code(), "record_not_found");
}

#[test]
fn registry_changes_keep_the_dataset_in_step() {
    let mut c = Community::new(Dataset::sample_small()).unwrap();
    c.add(vec![ActivityRecord::new(
        "a1",
        "M1",
        "meeting",
        d("2024-03-05"),
    )])
    .unwrap();
    let batch: Vec<crate::member::EventRecord> =
        crate::io::parse_json(r#"[{"member": "M1", "date": "2024-03-10", "type": "died"}]"#)
            .unwrap();
    c.apply(batch).unwrap();
    assert_eq!(c.dataset().activities.len(), 1);
    let rebuilt = Community::new(c.dataset().clone()).unwrap();
    assert_eq!(rebuilt.registry().event_count(), c.registry().event_count());
    assert_eq!(
        Dataset::from_registry(c.registry(), c.dataset().clone()),
        *c.dataset()
    );
}

/// Every kept output (compliance records, the year's book, the check of the practices)
/// equals what a fresh session of the same dataset makes, before and after changes of each
/// kind; and each table equals the one built from the dataset directly.
#[test]
fn kept_outputs_follow_the_changes() {
    fn same(c: &Community) {
        let fresh = Community::new(c.dataset().clone()).unwrap();
        assert_eq!(c.compliance().unwrap(), fresh.compliance().unwrap());
        assert_eq!(c.year_book().unwrap(), fresh.year_book().unwrap());
        let (a, b) = (d("2026-10-01"), d("2026-10-31"));
        for code in PracticeTable::CODES {
            let t = PracticeTable::from_code(code).unwrap();
            assert_eq!(t.code(), code);
            assert_eq!(
                c.practice_table(t, a, b).unwrap(),
                fresh.practice_table(t, a, b).unwrap(),
                "{code}"
            );
        }
        let csv = |t: &dyn crate::table::Table| {
            crate::table::to_csv(t, &crate::table::CsvOptions::en()).unwrap()
        };
        assert_eq!(
            csv(&c.member_counts(b, true)),
            csv(&fresh.member_counts(b, true))
        );
        assert_eq!(c.elections().unwrap(), fresh.elections().unwrap());
        // the agenda from the kept books is the agenda built from the dataset
        assert_eq!(
            csv(&c.agenda(b, 60).unwrap()),
            csv(&crate::agenda::Agenda::build(c.dataset(), c.registry(), b, 60).unwrap())
        );
    }
    let mut c = sample();
    same(&c);
    // the session's tables are the core's tables of the dataset
    let (ds, reg) = (c.dataset().clone(), c.registry().clone());
    let year = crate::year::YearBook::from_dataset(&ds, &reg).unwrap();
    assert_eq!(
        c.appraisal_stats(2025).unwrap(),
        year.appraisal_stats(&reg, 2025)
    );
    assert_eq!(
        c.letters(d("2026-10-31")).unwrap(),
        year.letter_table(&reg, d("2026-10-31"))
    );
    let t = crate::registry::OrgCountsTable::new(
        reg.tree(),
        &reg.counts_on(d("2026-10-31")),
        false,
        None,
        d("2026-10-31"),
    );
    let csv = |t: &dyn crate::table::Table| {
        crate::table::to_csv(t, &crate::table::CsvOptions::en()).unwrap()
    };
    assert_eq!(csv(&c.member_counts(d("2026-10-31"), false)), csv(&t));
    assert_eq!(
        c.assessment(2026, d("2026-10-31")).unwrap(),
        crate::assessment::assess(&ds, &reg, &RuleSet::org_default(), 2026, d("2026-10-31"))
            .unwrap()
    );
    // a change of each kind, then the roster
    let last = c.records::<MeetingRecord>().last().cloned().unwrap();
    c.remove::<MeetingRecord>(&last.id).unwrap();
    same(&c);
    let last = c.records::<PaymentRecord>().last().cloned().unwrap();
    c.remove::<PaymentRecord>(&last.key()).unwrap();
    same(&c);
    let last = c.records::<ServiceRecord>().last().cloned().unwrap();
    c.remove::<ServiceRecord>(&last.id).unwrap();
    same(&c);
    let someone = c.registry().members()[0].id.to_string();
    let batch: Vec<crate::member::EventRecord> = crate::io::parse_json(&format!(
        r#"[{{"member": "{someone}", "date": "2026-10-20", "type": "died"}}]"#
    ))
    .unwrap();
    c.apply(batch).unwrap();
    same(&c);
}

#[test]
fn practice_tables_check_the_practices() {
    let mut ds = crate::synth::sample_community();
    let mut bad = ds.practices.pairings[0].clone();
    bad.id = "P-bad".into();
    bad.member = "NOBODY".into();
    ds.practices.pairings.push(bad);
    let c = Community::new(ds).unwrap();
    let (a, b) = (d("2026-10-01"), d("2026-10-31"));
    let e = c.practice_table(PracticeTable::Pairings, a, b).unwrap_err();
    assert!(e.to_string().contains("P-bad"), "{e}");
    // the declarations are not practices
    assert!(c.practice_table(PracticeTable::Declarations, a, b).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A failed batch leaves the session exactly as it was; a good one appends it.
    #[test]
    fn a_failed_batch_changes_nothing(
        spec in prop::collection::vec(
            (0u8..6, 0u8..5, 1u32..28, prop::option::of(0u8..6)), 1..6)
    ) {
        let mut c = Community::new(Dataset::sample_small()).unwrap();
        c.add(vec![ActivityRecord::new("b0", "M1", "meeting", d("2024-03-01"))]).unwrap();
        let subjects = ["M1", "M2", "M3", "B1", "ghost"];
        let batch: Vec<ActivityRecord> = spec
            .iter()
            .map(|&(id, s, day, rev)| {
                let mut a = ActivityRecord::new(
                    &format!("b{id}"),
                    subjects[s as usize],
                    "meeting",
                    chrono::NaiveDate::from_ymd_opt(2024, 3, day).unwrap(),
                );
                a.reverses = rev.map(|r| format!("b{r}").into());
                a
            })
            .collect();
        let before = c.clone();
        let rules = RuleSet::member_default();
        let p = "2024-03".parse().unwrap();
        let scored_before = before.scorer(Mode::Lenient).unwrap().score(&rules, p).unwrap();
        match c.add(batch.clone()) {
            Err(e) => {
                prop_assert!(RecordError::CODES.contains(&e.code()));
                prop_assert!(e.number().is_some());
                prop_assert_eq!(&c, &before);
                let again = c.scorer(Mode::Lenient).unwrap().score(&rules, p).unwrap();
                prop_assert_eq!(again.table, scored_before.table);
            }
            Ok(n) => {
                prop_assert_eq!(n, batch.len());
                let mut want = before.dataset().activities.clone();
                want.extend(batch);
                prop_assert_eq!(&c.dataset().activities, &want);
                // the kept checks were dropped: the session scores as a rebuilt one
                let fresh = Community::new(c.dataset().clone()).unwrap();
                prop_assert_eq!(
                    c.scorer(Mode::Strict).map(|s| s.score_table(&rules, p)).ok(),
                    fresh.scorer(Mode::Strict).map(|s| s.score_table(&rules, p)).ok()
                );
            }
        }
    }
}
