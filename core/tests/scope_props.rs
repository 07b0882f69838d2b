//! Property tests of scoped access (issue 9): a view restricted to one organization's subtree
//! never reads, counts or exports a person outside it. `PROPTEST_CASES` sets the number of
//! cases (CI: 1000).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use dangjian::org::StructureRules;
use dangjian::privacy::Pseudonymizer;
use dangjian::scope::{RosterExportOptions, ScopeError};
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
            RosterExportOptions::default(),
            RosterExportOptions { show_names: true, pseudonymize: None },
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
        let anon = scope.roster_on(d, &RosterExportOptions::pseudonymized(p.clone()));
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

// ---------------------------------------------------------------------------------------------
// Scoped tables (statistics, compliance, scores): `Scope::restrict` and `Scope::scores`.

fn str_column<'t>(t: &'t dangjian::table::OwnedTable, name: &str) -> &'t [String] {
    let values = t.values(name).unwrap();
    values
        .as_strs()
        .unwrap_or_else(|| panic!("column {name} is {values:?}"))
}

fn u64_column<'t>(t: &'t dangjian::table::OwnedTable, name: &str) -> &'t [u64] {
    let values = t.values(name).unwrap();
    values
        .as_u64s()
        .unwrap_or_else(|| panic!("column {name} is {values:?}"))
}

/// The sample community, its activities' scorer tables for its twelve months.
fn sample_scores() -> &'static (Registry, Vec<dangjian::scoring::ScoreTable>) {
    use dangjian::scoring::{Mode, Period, RuleSet, Scorer};
    static S: std::sync::OnceLock<(Registry, Vec<dangjian::scoring::ScoreTable>)> =
        std::sync::OnceLock::new();
    S.get_or_init(|| {
        let ds = dangjian::synth::sample_community();
        let reg = ds.to_registry().unwrap();
        let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
        let first: Period = "2025-11".parse().unwrap();
        let mut tables: Vec<_> = scorer
            .score_range(&RuleSet::member_default(), first, 12)
            .unwrap()
            .into_iter()
            .map(|s| s.table)
            .collect();
        let year: Period = "2026".parse().unwrap();
        tables.push(scorer.score(&RuleSet::org_default(), year).unwrap().table);
        drop(scorer);
        (reg, tables)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// For a random registry, scope root and date: statistics tables cut to the scope keep
    /// exactly the rows of the organizations whose members the scope sees (in the subtree, and
    /// for a group its branch too), unchanged; the scope root's rolled-up head count equals the
    /// scope's own head count; the member list cut to the scope lists exactly the members the
    /// scope sees; a table with no organization column is refused.
    #[test]
    fn scoped_tables_never_reveal_outside_rows(
        r in 0usize..4,
        root in 0usize..64,
        n in 0u64..1900,
    ) {
        use dangjian::org::OrgKind;
        use dangjian::stats::{flows, member_list, membership, pipeline, Rollup};
        use dangjian::table::OwnedTable;
        let reg = &registries()[r];
        let tree = reg.tree();
        let root = (root % tree.len()) as u32;
        let range = tree.subtree(root);
        let scope = reg.scope(&tree.get(root).unwrap().id).unwrap();
        let d = day(n);
        let visible = |id: &str| {
            let i = tree.index(id).unwrap();
            let branch = if tree.get(i).unwrap().kind == OrgKind::Group { tree.parent(i) } else { Some(i) };
            // a scope rooted at a group sees its own group's rows (issue 23)
            range.contains(&(i as usize))
                && (tree.get(root).unwrap().kind == OrgKind::Group
                    || branch.is_some_and(|b| range.contains(&(b as usize))))
        };
        let ms = membership(reg, d, Rollup::Subtree);
        let fl = flows(reg, d.pred_opt().unwrap(), d, Rollup::Direct).unwrap();
        let pl = pipeline(reg, d, Rollup::Direct);
        for t in [&ms as &dyn dangjian::table::Table, &fl, &pl] {
            let all = OwnedTable::copy_of(t);
            let cut = scope.restrict(t).unwrap();
            let all_orgs = str_column(&all, "org");
            let orgs = str_column(&cut, "org");
            prop_assert_eq!(cut.rows, orgs.len());
            let expected: Vec<&String> = all_orgs.iter().filter(|o| visible(o)).collect();
            prop_assert_eq!(orgs.iter().collect::<Vec<_>>(), expected);
            // every column of a kept row is the row of the whole table
            for (c, ca) in cut.columns.iter().zip(&all.columns) {
                prop_assert_eq!(&c.name, &ca.name);
            }
        }
        let cut = scope.restrict(&ms).unwrap();
        let root_rec = tree.get(root).unwrap();
        let orgs = str_column(&cut, "org");
        if root_rec.kind == OrgKind::Group {
            prop_assert!(orgs.len() <= 1, "a group scope sees only its own group's row");
        }
        if let Some(k) = orgs.iter().position(|o| o == root_rec.id.as_str()) {
            prop_assert_eq!(u64_column(&cut, "headcount")[k], scope.headcount_on(d));
        }
        // member list: exactly the members the scope sees on the date
        let ml = member_list(reg, d);
        let cut = scope.restrict(&ml).unwrap();
        let listed: BTreeSet<&str> = str_column(&cut, "member").iter().map(String::as_str).collect();
        let seen: BTreeSet<&str> = scope
            .states_on(d)
            .into_iter()
            .filter(|(_, s)| s.is_member())
            .map(|(m, _)| m.id.as_str())
            .collect();
        prop_assert_eq!(listed, seen);
    }

    /// Score tables cut to a random scope: exactly the rows of members ranked in a visible
    /// branch (or of visible organizations), unchanged but for the overall rank, which is the
    /// competition rank among the rows kept.
    #[test]
    fn scoped_score_tables_never_reveal_outside_rows(k in 0usize..13, root in 0usize..64) {
        let (reg, tables) = sample_scores();
        let tree = reg.tree();
        let root = (root % tree.len()) as u32;
        let range = tree.subtree(root);
        let scope = reg.scope(&tree.get(root).unwrap().id).unwrap();
        let t = &tables[k];
        let cut = scope.scores(t);
        let in_scope = |id: &str| {
            let i = tree.index(id).unwrap();
            let branch = if tree.get(i).unwrap().kind == dangjian::org::OrgKind::Group { tree.parent(i) } else { Some(i) };
            range.contains(&(i as usize)) && branch.is_some_and(|b| range.contains(&(b as usize)))
        };
        let group_root = tree.get(root).unwrap().kind == dangjian::org::OrgKind::Group;
        let last = t.period.last_day();
        let expected: Vec<usize> = (0..t.len())
            .filter(|&r| match t.subject_kind {
                // a group leader sees the members in her group on the period's last day
                dangjian::scoring::SubjectKind::Member if group_root => {
                    scope.state(&t.subject[r], last).is_ok()
                }
                dangjian::scoring::SubjectKind::Member => t.org[r].as_deref().is_some_and(in_scope),
                dangjian::scoring::SubjectKind::Organization => in_scope(&t.subject[r]),
            })
            .collect();
        prop_assert_eq!(cut.len(), expected.len());
        for (j, &r) in expected.iter().enumerate() {
            prop_assert_eq!(&cut.subject[j], &t.subject[r]);
            prop_assert_eq!(cut.total[j], t.total[r]);
            prop_assert_eq!(cut.grade[j], t.grade[r]);
            let greater = cut.total.iter().filter(|o| **o > cut.total[j]).count() as u32;
            prop_assert_eq!(cut.rank_overall[j], 1 + greater);
            if group_root {
                // ranked among the group only: the branch rank would tell of others
                prop_assert_eq!(cut.rank_in_org[j], 1 + greater);
            } else {
                prop_assert_eq!(cut.rank_in_org[j], t.rank_in_org[r]);
            }
        }
    }
}

/// A table without an `org` or `branch` column cannot be cut: refused, not shown whole.
#[test]
fn a_table_without_organizations_is_refused() {
    struct Loose;
    impl dangjian::table::Table for Loose {
        fn name(&self) -> &str {
            "loose"
        }
        fn title_zh(&self) -> String {
            "散表".into()
        }
        fn len(&self) -> usize {
            1
        }
        fn columns(&self) -> Vec<dangjian::table::Column<'_>> {
            vec![dangjian::table::Column::new(
                "member",
                "党员编号",
                dangjian::table::Role::MemberId,
                dangjian::table::ColumnData::Str(vec!["M1"]),
            )]
        }
    }
    let reg = &registries()[0];
    let e = reg.scope_all().restrict(&Loose).unwrap_err();
    assert_eq!(e.code(), "not_scopable");
    assert!(e.to_string().contains("table `loose`"), "{e}");
}

/// Issue 17, class 6: a branch's strict scoring sees only the branch's records. Another
/// branch's bad activity fails the community's strict scoring but not the branch's, and the
/// branch's error (when its own record is bad) names nothing of the other branch.
#[test]
fn a_scopes_strict_scoring_sees_only_its_own_records() {
    use dangjian::scoring::{ActivityRecord, Mode, Period, RuleSet, Scorer};
    let mut ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let oct: Period = "2026-10".parse().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
    let b1 = reg.scope("B1").unwrap();
    let b2 = reg.scope("B2").unwrap();
    let in_b2 = b2.states_on(day)[0].0.id.to_string();
    let in_b1 = b1.states_on(day)[0].0.id.to_string();
    let bad: ActivityRecord = serde_json::from_value(serde_json::json!({
        "id": "BAD-B2", "subject": in_b2, "item": "no_such_item", "date": "2026-10-05"
    }))
    .unwrap();
    ds.activities.push(bad);
    let rules = RuleSet::member_default();
    // the whole community, strictly: refused for the other branch's record
    let whole = Scorer::new(&reg, &ds.activities, Mode::Strict)
        .and_then(|s| s.score(&rules, oct).map(|_| ()));
    assert!(whole.is_err());
    // branch B1 sees none of B2's activities, and scores
    let acts = b1.activities(&ds.activities);
    assert!(acts.iter().all(|a| a.subject.as_str() != in_b2));
    assert!(acts.iter().any(|a| a.subject.as_str() == in_b1));
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let table = b1.scores(&scorer.score(&rules, oct).unwrap().table);
    assert!(table.subject.iter().all(|s| s.as_str() != in_b2));
    // branch B2's own scoring is refused for its own record
    let acts = b2.activities(&ds.activities);
    assert!(Scorer::new(&reg, &acts, Mode::Strict)
        .and_then(|s| s.score(&rules, oct).map(|_| ()))
        .is_err());
    // a lookup of someone never in the scope is refused like an unknown id
    assert_eq!(
        b1.member(&in_b2, day).unwrap_err().code(),
        b1.member("NO-SUCH-ID", day).unwrap_err().code()
    );
    assert!(b1.history(&in_b2).is_err());
}
