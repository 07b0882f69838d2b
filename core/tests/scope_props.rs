//! Property tests of scoped access (issue 9): a view restricted to one organization's subtree
//! never reads, counts or exports a person outside it. `PROPTEST_CASES` sets the number of
//! cases (CI: 1000).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use dangjian::org::StructureRules;
use dangjian::privacy::Pseudonymizer;
use dangjian::scope::{ExportOptions, ScopeError};
use dangjian::synth::{generate, SynthConfig};
use dangjian::{MemberIdx, Registry};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
}

/// A few synthetic communities (8 branches in 2 general branches under a committee, groups),
/// built once.
fn registries() -> &'static [Registry] {
    static R: std::sync::OnceLock<Vec<Registry>> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        (0..4u64)
            .map(|seed| {
                let mut cfg = SynthConfig::new(120, seed);
                cfg.branch_size = 15;
                generate(&cfg).into_registry().unwrap()
            })
            .collect()
    })
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 6, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// For a random registry, scope root and date: every read of the scoped view (lookups,
    /// states, counts, head count, flows, pipeline, jubilee, findings, history, roster export)
    /// sees exactly the people whose branch on that date lies in the subtree, and a lookup of
    /// anyone else fails exactly as a lookup of an id that does not exist.
    #[test]
    fn scoped_view_never_reveals_outside_members(
        r in 0usize..4,
        root in 0usize..64,
        n in 0u64..1900,
        span in 0u64..400,
        probe in 0usize..200,
    ) {
        let reg = &registries()[r];
        let tree = reg.tree();
        let root = (root % tree.len()) as u32;
        let range = tree.subtree(root);
        let scope = reg.scope(&tree.get(root).unwrap().id).unwrap();
        let d = day(n);
        let inside = |i: MemberIdx, d: NaiveDate| {
            reg.state_of(i, d).branch.is_some_and(|b| range.contains(&(b as usize)))
        };
        let expected: BTreeSet<MemberIdx> =
            (0..reg.len() as MemberIdx).filter(|&i| inside(i, d)).collect();

        // lookups: visible exactly when inside; outside looks like a missing id
        for i in 0..reg.len() as MemberIdx {
            let id = reg.member(i).unwrap().id.as_str();
            let st = scope.state(id, d);
            let rec = scope.member(id, d);
            if expected.contains(&i) {
                prop_assert_eq!(st.unwrap(), reg.state_of(i, d));
                prop_assert_eq!(rec.unwrap().id.as_str(), id);
            } else {
                prop_assert_eq!(st.unwrap_err(), ScopeError::NotFound { id: id.into() });
                prop_assert_eq!(rec.unwrap_err(), ScopeError::NotFound { id: id.into() });
            }
        }
        let ghost = format!("X{probe:08}");
        prop_assert_eq!(scope.state(&ghost, d).unwrap_err(), ScopeError::NotFound { id: ghost.as_str().into() });
        prop_assert_eq!(scope.history(&ghost).unwrap_err(), ScopeError::NotFound { id: ghost.as_str().into() });

        // listing
        let listed: BTreeSet<MemberIdx> = scope
            .states_on(d)
            .iter()
            .map(|(m, _)| reg.member_index(&m.id).unwrap())
            .collect();
        prop_assert_eq!(&listed, &expected);

        // counts: equal to the whole registry's inside, zero outside
        let all = reg.counts_on(d);
        let mine = scope.counts_on(d);
        for i in 0..tree.len() {
            if range.contains(&i) {
                prop_assert_eq!(mine.members[i], all.members[i]);
                prop_assert_eq!(mine.full[i], all.full[i]);
            } else {
                prop_assert_eq!((mine.members[i], mine.full[i]), (0, 0));
            }
        }
        let members_inside = expected.iter().filter(|&&i| reg.state_of(i, d).is_member()).count() as u64;
        prop_assert_eq!(scope.headcount_on(d), members_inside);

        // flows add up and end at the head count
        let end = d.checked_add_days(Days::new(span)).unwrap();
        let f = scope.flows(d, end);
        prop_assert_eq!(f.start as i64 + f.net(), f.end as i64);
        prop_assert_eq!(f.end, scope.headcount_on(end));
        prop_assert_eq!(f.start, scope.headcount_on(d.pred_opt().unwrap()));

        // pipeline and jubilee only list people inside
        let due = scope.pipeline_due(d);
        let expected_due: Vec<_> = reg
            .pipeline_due(d)
            .into_iter()
            .filter(|p| expected.contains(&reg.member_index(&p.member).unwrap()))
            .collect();
        prop_assert_eq!(due, expected_due);
        let july = NaiveDate::from_ymd_opt(d.year(), 7, 1).unwrap();
        for (m, _) in scope.jubilee(d.year()) {
            prop_assert!(inside(reg.member_index(&m.id).unwrap(), july));
        }
        for finding in scope.structure_findings(d, &StructureRules::default()) {
            prop_assert!(range.contains(&(tree.index(&finding.org).unwrap() as usize)));
        }

        // history: never for someone who was never inside; only around days they were inside
        for i in 0..reg.len() as MemberIdx {
            let id = reg.member(i).unwrap().id.as_str();
            let days: Vec<NaiveDate> = reg.events_of(i).iter().map(|e| e.date).collect();
            let ever = days.iter().any(|&e| inside(i, e) || inside(i, e.pred_opt().unwrap()));
            match scope.history(id) {
                Err(e) => {
                    prop_assert!(!ever, "{id} was inside but has no history");
                    prop_assert_eq!(e, ScopeError::NotFound { id: id.into() });
                }
                Ok(events) => {
                    prop_assert!(!events.is_empty());
                    for e in events {
                        prop_assert!(
                            inside(i, e.date) || inside(i, e.date.pred_opt().unwrap()),
                            "{} shown an event of {} outside the scope", id, e.date
                        );
                    }
                }
            }
        }

        // exports: only people inside, and no outside id anywhere in the CSV
        for options in [
            ExportOptions::default(),
            ExportOptions { show_names: true, pseudonymize: None },
        ] {
            let t = scope.roster_on(d, &options);
            for id in &t.id {
                prop_assert!(expected.contains(&reg.member_index(id).unwrap()));
            }
            let csv = t.to_csv().unwrap();
            for i in 0..reg.len() as MemberIdx {
                if !expected.contains(&i) {
                    prop_assert!(!csv.contains(reg.member(i).unwrap().id.as_str()));
                }
            }
        }
        let p = Pseudonymizer::new(b"scope-test");
        let anon = scope.roster_on(d, &ExportOptions::pseudonymized(p.clone()));
        let expected_ids: BTreeSet<String> = expected
            .iter()
            .filter(|&&i| {
                let s = reg.state_of(i, d);
                s.is_member() || s.in_pipeline()
            })
            .map(|&i| p.pseudonym(&reg.member(i).unwrap().id))
            .collect();
        prop_assert_eq!(anon.id.iter().cloned().collect::<BTreeSet<_>>(), expected_ids);
    }
}

#[test]
fn whole_scope_equals_the_registry() {
    let reg = &registries()[0];
    let all = reg.scope_all();
    for n in [0u64, 400, 900, 1600] {
        let d = day(n);
        assert_eq!(all.counts_on(d), reg.counts_on(d));
        assert_eq!(all.headcount_on(d), reg.headcount_on(d));
        assert_eq!(all.states_on(d).len(), reg.len());
        assert_eq!(all.pipeline_due(d), reg.pipeline_due(d));
        let end = day(n + 200);
        assert_eq!(all.flows(d, end).end, reg.flows(d, end).end);
        assert_eq!(all.flows(d, end).start, reg.flows(d, end).start);
    }
    let id = reg.member(0).unwrap().id.clone();
    assert_eq!(all.history(&id).unwrap(), reg.history(&id).unwrap());
}

#[test]
fn unknown_scope_root_is_a_typed_error() {
    let reg = Registry::sample_small();
    let e = reg.scope("NOPE").unwrap_err();
    assert_eq!(e.code(), "scope_org_not_found");
    assert!(e.to_string().contains("NOPE"));
}

/// Hand-checked: in the small sample, M4 is B2's only member; M1–M3 belong to B1; M1 and M3
/// are full, M2 probationary until 2024-03-01.
#[test]
fn branch_scopes_of_the_small_sample() {
    let reg = Registry::sample_small();
    let d: NaiveDate = "2024-01-15".parse().unwrap();
    let b1 = reg.scope("B1").unwrap();
    let b2 = reg.scope("B2").unwrap();
    let ids = |s: &dangjian::scope::Scope<'_>| {
        s.states_on(d)
            .iter()
            .map(|(m, _)| m.id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&b1), ["M1", "M2", "M3"]);
    assert_eq!(ids(&b2), ["M4"]);
    assert_eq!((b1.headcount_on(d), b2.headcount_on(d)), (3, 1));
    let b1i = reg.tree().index("B1").unwrap() as usize;
    assert_eq!(
        (b1.counts_on(d).members[b1i], b1.counts_on(d).full[b1i]),
        (3, 2)
    );
    assert_eq!(b2.counts_on(d).members[b1i], 0);
    // M2's conversion is due 2024-03-01: B1 sees it, B2 does not
    assert_eq!(b1.pipeline_due(d).len(), 1);
    assert!(b2.pipeline_due(d).is_empty());
    assert_eq!(b1.history("M2").unwrap().len(), 4);
    // a lookup by something that could be a phone does not echo it
    assert_eq!(
        b1.state("13812345678", d).unwrap_err().to_string(),
        "member `138****5678` not found"
    );
    assert!(b2.history("M2").is_err());
    // a move of M4 to B1 on 2024-06-01: B2 sees it as the last event, B1 from then on
    let mut reg = reg.clone();
    reg.apply(vec![dangjian::member::EventRecord::new(
        "M4",
        "2024-06-01".parse().unwrap(),
        dangjian::member::EventType::Moved,
    )
    .branch("B1")])
        .unwrap();
    let b1 = reg.scope("B1").unwrap();
    let b2 = reg.scope("B2").unwrap();
    let before: NaiveDate = "2024-05-31".parse().unwrap();
    let after: NaiveDate = "2024-06-01".parse().unwrap();
    assert!(b2.state("M4", before).is_ok() && b2.state("M4", after).is_err());
    assert!(b1.state("M4", before).is_err() && b1.state("M4", after).is_ok());
    assert_eq!(b2.history("M4").unwrap().len(), 2); // transfer in, move out
    assert_eq!(b1.history("M4").unwrap().len(), 1); // move in
    let f = b2.flows(after, after);
    assert_eq!((f.start, f.transferred_out, f.end), (1, 1, 0));
    let f = b1.flows(after, after);
    assert_eq!((f.start, f.transferred_in, f.end), (3, 1, 4));
}
