//! Scopes rooted at a 党小组 (issue 23): a group leader sees the members of their group, with
//! the same guarantees as a branch scope — nobody outside the group, the same refusal for an
//! outsider as for an id that does not exist, counts that add up.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::NaiveDate;
use dangjian::org::OrgKind;
use dangjian::scope::ScopeError;
use dangjian::synth::{generate, SynthConfig};
use dangjian::Registry;

/// The sample community (its members are assigned to groups), or a synthetic one.
fn registry(seed: u64) -> Registry {
    if seed == 0 {
        return dangjian::synth::sample_community().to_registry().unwrap();
    }
    let mut cfg = SynthConfig::new(120, seed);
    cfg.branch_size = 15;
    generate(&cfg).into_registry().unwrap()
}

fn dates() -> Vec<NaiveDate> {
    ["2023-01-01", "2024-06-30", "2025-12-31", "2026-10-31"]
        .iter()
        .map(|d| d.parse().unwrap())
        .collect()
}

#[test]
fn a_group_scope_sees_exactly_the_members_of_its_group() {
    for seed in 0..3 {
        let reg = registry(seed);
        let groups: Vec<_> = reg
            .tree()
            .records()
            .iter()
            .filter(|o| o.kind == OrgKind::Group)
            .collect();
        assert!(!groups.is_empty(), "the synthetic community has groups");
        let mut seen_someone = false;
        for g in &groups {
            let gi = reg.tree().index(&g.id).unwrap();
            let parent = reg.tree().records()[reg.tree().parent(gi).unwrap() as usize]
                .id
                .clone();
            let scope = reg.scope(&g.id).unwrap();
            let branch = reg.scope(&parent).unwrap();
            for d in dates() {
                let inside: Vec<String> = scope
                    .states_on(d)
                    .iter()
                    .map(|(m, _)| m.id.to_string())
                    .collect();
                // everyone the group sees is in the group that day, and in its branch's view
                let expected: Vec<String> = branch
                    .states_on(d)
                    .iter()
                    .filter(|(_, s)| s.group == Some(gi))
                    .map(|(m, _)| m.id.to_string())
                    .collect();
                assert_eq!(inside, expected, "group {} on {d}", g.id);
                seen_someone |= !inside.is_empty();
                // the head count is the members among them
                let members = scope
                    .states_on(d)
                    .iter()
                    .filter(|(_, s)| s.is_member())
                    .count();
                assert_eq!(scope.headcount_on(d), members as u64);
                // an outsider of the group is refused exactly like an unknown id
                for (m, s) in branch.states_on(d) {
                    if s.group != Some(gi) {
                        let e = scope.state(&m.id, d).unwrap_err();
                        assert!(matches!(e, ScopeError::NotFound { .. }));
                        assert_eq!(e.code(), scope.state("NO-SUCH-ID", d).unwrap_err().code());
                    }
                }
            }
        }
        if seed == 0 {
            assert!(seen_someone, "the sample's group scopes see their members");
        }
    }
}

#[test]
fn group_head_counts_never_exceed_their_branch() {
    let reg = registry(0);
    for d in dates() {
        for b in reg
            .tree()
            .records()
            .iter()
            .filter(|o| o.kind == OrgKind::Branch)
        {
            let bi = reg.tree().index(&b.id).unwrap();
            let sum: u64 = reg
                .tree()
                .records()
                .iter()
                .filter(|o| o.kind == OrgKind::Group)
                .filter(|o| reg.tree().parent(reg.tree().index(&o.id).unwrap()) == Some(bi))
                .map(|o| reg.scope(&o.id).unwrap().headcount_on(d))
                .sum();
            assert!(sum <= reg.scope(&b.id).unwrap().headcount_on(d));
        }
    }
}

#[test]
fn a_group_leader_scores_her_own_group() {
    use dangjian::scoring::{Mode, Period, RuleSet, Scorer};
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let oct: Period = "2026-10".parse().unwrap();
    let last = oct.last_day();
    let mut scored_groups = 0;
    for g in reg
        .tree()
        .records()
        .iter()
        .filter(|o| o.kind == OrgKind::Group)
    {
        let gi = reg.tree().index(&g.id).unwrap();
        let scope = reg.scope(&g.id).unwrap();
        let acts = scope.activities(&ds.activities);
        let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
        let table = scope.scores(&scorer.score(&RuleSet::member_default(), oct).unwrap().table);
        let in_group: std::collections::BTreeSet<String> = scope
            .states_on(last)
            .iter()
            .filter(|(_, s)| s.group == Some(gi))
            .map(|(m, _)| m.id.to_string())
            .collect();
        let rows: std::collections::BTreeSet<String> =
            table.subject.iter().map(|s| s.to_string()).collect();
        assert!(
            rows.is_subset(&in_group),
            "group {}: only its members",
            g.id
        );
        // ranks are among the group's rows only: 1 … n
        if !table.total.is_empty() {
            scored_groups += 1;
            assert!(table.rank_overall.contains(&1));
            assert!(table
                .rank_in_org
                .iter()
                .all(|r| *r as usize <= table.total.len()));
        }
        // the group's activities are those of its members on their days
        for a in &acts {
            let i = reg.member_index(&a.subject);
            assert!(i.is_none() || scope.state(&a.subject, a.date).is_ok());
        }
    }
    assert!(scored_groups > 0, "some group has scored members");
}
