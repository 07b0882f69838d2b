//! The scoring invariants of issue 3, each a named property.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod scoring_fixture;

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use dangjian::fixed::Fixed;
use dangjian::scoring::{
    score_columns, score_columns_per_subject, ActivityRecord, BulkInput, BulkOptions, Cap,
    CategoryCaps, Columns, GradeRule, Groups, ItemCategory, Mode, Period, PeriodKind, Quota,
    RankHistogram, RuleItem, RuleSet, ScoreTable, Scorer, SubjectKind, Unit, Window, NO_GROUP,
};
use dangjian::Registry;
use proptest::prelude::*;

/// 12 members (P00–P11) in three branches of 5, 4 and 3, members all through 2024.
static REG: LazyLock<Registry> = LazyLock::new(|| scoring_fixture::registry(&[5, 4, 3]));
const MEMBERS: usize = 12;
const DAYS: u64 = 60; // 2024-01-01 .. 2024-02-29

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

fn jan() -> Period {
    "2024-01".parse().unwrap()
}

fn feb() -> Period {
    "2024-02".parse().unwrap()
}

fn item_strategy() -> impl Strategy<Value = (usize, i64, Option<(i64, usize)>)> {
    (
        0..4usize,
        1..5_000i64,
        proptest::option::of((1..20_000i64, 0..3usize)),
    )
}

fn rules_strategy() -> impl Strategy<Value = RuleSet> {
    (
        proptest::collection::vec(item_strategy(), 1..6),
        0..100i64,
        proptest::option::of(0..60i64),
        proptest::option::of(50..200i64),
        proptest::option::of(1..40i64),
        proptest::option::of(1..40i64),
        (0..80i64, 1..20i64, 1..20i64),
        proptest::option::of(1..100i64),
    )
        .prop_map(
            |(items, base, floor, ceil, cap_r, cap_d, (g2, a, b), quota)| {
                let cats = ItemCategory::ALL;
                let windows = [Window::Day, Window::Week, Window::Month];
                let f = Fixed::from_int;
                RuleSet {
                    id: "prop".into(),
                    version: 1,
                    name: "prop".into(),
                    subject: SubjectKind::Member,
                    period: PeriodKind::Month,
                    effective_from: "2000-01-01".parse().unwrap(),
                    base: f(base),
                    floor: floor.map(f),
                    ceiling: ceil.map(|c| f(floor.unwrap_or(0) + c)),
                    items: items
                        .into_iter()
                        .enumerate()
                        .map(|(k, (c, pts, cap))| {
                            let category = cats[c];
                            let points = match category {
                                ItemCategory::Basic | ItemCategory::Reward => pts,
                                ItemCategory::Deduction => -pts,
                                ItemCategory::Veto => -(pts % 3) * 500,
                            };
                            RuleItem {
                                code: format!("i{k}").into(),
                                name: format!("item {k}").into(),
                                category,
                                points: Fixed::from_raw(points),
                                unit: Unit::Occurrence,
                                cap: cap.map(|(p, w)| Cap {
                                    points: Fixed::from_raw(p),
                                    per: windows[w],
                                }),
                                eligible: None,
                                note: None,
                            }
                        })
                        .collect(),
                    category_caps: CategoryCaps {
                        reward: cap_r.map(f),
                        deduction: cap_d.map(f),
                        ..CategoryCaps::default()
                    },
                    grades: vec![
                        GradeRule {
                            name: "A".into(),
                            min: Some(f(g2 + a + b)),
                        },
                        GradeRule {
                            name: "B".into(),
                            min: Some(f(g2 + a)),
                        },
                        GradeRule {
                            name: "C".into(),
                            min: Some(f(g2)),
                        },
                        GradeRule {
                            name: "D".into(),
                            min: None,
                        },
                    ],
                    stars: vec![f(g2), f(g2 + a)],
                    top_quota: quota.map(|q| Quota { percent: f(q) }),
                    org_kinds: None,
                    source: None,
                }
            },
        )
}

/// An event: subject, item (any number, taken modulo the items), day, quantity in
/// thousandths, and whether it is reversed (by a same-day reversal).
type Ev = (usize, usize, u64, i64, bool);

fn events_strategy(max: usize) -> impl Strategy<Value = Vec<Ev>> {
    proptest::collection::vec(
        (
            0..MEMBERS,
            0..64usize,
            0..DAYS,
            1..5_000i64,
            proptest::bool::weighted(0.15),
        ),
        0..max,
    )
}

fn day(k: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(k)
}

fn acts_of(rules: &RuleSet, evs: &[Ev], prefix: &str) -> Vec<ActivityRecord> {
    let mut out = Vec::new();
    for (k, (s, it, dd, q, rev)) in evs.iter().enumerate() {
        let code = rules.items[it % rules.items.len()].code.clone();
        let mut a = ActivityRecord::new(
            &format!("{prefix}{k}"),
            &format!("P{s:02}"),
            &code,
            day(*dd),
        );
        a.quantity = Fixed::from_raw(*q);
        if *rev {
            let mut r = a.clone();
            r.id = format!("{prefix}r{k}").into();
            r.reverses = Some(a.id.clone());
            out.push(r);
        }
        out.push(a);
    }
    out
}

/// Kernel event columns from drawn `(subject, item, day offset, quantity)` tuples: items taken
/// modulo the rule set's, days counted from `start`.
fn event_columns(
    cols: &[(u32, u16, i32, i64)],
    rules: &RuleSet,
    start: &str,
) -> (Vec<u32>, Vec<u16>, Vec<i32>, Vec<i64>) {
    let d0 = dangjian::scoring::day_number(start.parse().unwrap());
    (
        cols.iter().map(|c| c.0).collect(),
        cols.iter()
            .map(|c| c.1 % rules.items.len() as u16)
            .collect(),
        cols.iter().map(|c| d0 + c.2).collect(),
        cols.iter().map(|c| c.3).collect(),
    )
}

fn score(rules: &RuleSet, acts: &[ActivityRecord], p: Period) -> ScoreTable {
    Scorer::new(&REG, acts, Mode::Strict)
        .unwrap()
        .score(rules, p)
        .unwrap()
        .table
}

/// The totals of a table by subject.
fn totals(t: &ScoreTable) -> BTreeMap<String, Fixed> {
    t.subject
        .iter()
        .map(|s| s.to_string())
        .zip(t.total.iter().copied())
        .collect()
}

fn raw(v: Option<Fixed>) -> Option<i64> {
    v.map(Fixed::raw)
}

/// A direct, slow reading of the documented semantics, for comparison with the kernel.
fn reference(rules: &RuleSet, acts: &[ActivityRecord], p: Period) -> ScoreTable {
    let mut t = score(rules, acts, p); // only for the row set, org and names; columns recomputed
    let cancelled: std::collections::HashSet<&str> = acts
        .iter()
        .filter_map(|a| a.reverses.as_deref().map(|r| [a.id.as_str(), r]))
        .flatten()
        .collect();
    // (subject, item, window) → quantity
    let mut windows: BTreeMap<(String, usize, u32), i128> = BTreeMap::new();
    let mut vetoed: HashMap<String, bool> = HashMap::new();
    for a in acts {
        if cancelled.contains(a.id.as_str()) || !p.contains(a.date) {
            continue;
        }
        let k = rules.item_index(&a.item).unwrap();
        let it = &rules.items[k];
        let w = it.cap.map_or(0, |c| c.per.index_in(p.start(), a.date));
        *windows.entry((a.subject.to_string(), k, w)).or_default() += i128::from(a.quantity.raw());
        if it.category == ItemCategory::Veto {
            vetoed.insert(a.subject.to_string(), true);
        }
    }
    for (r, s) in t.subject.clone().iter().enumerate() {
        let mut cats = [0i128; 4];
        for ((subj, k, _), q) in &windows {
            if subj != s.as_str() {
                continue;
            }
            let it = &rules.items[*k];
            let prod = i128::from(it.points.raw()) * q;
            let mut pts = if prod >= 0 {
                (prod + 500) / 1000
            } else {
                (prod - 500) / 1000
            };
            if let Some(c) = it.cap {
                let c = i128::from(c.points.raw());
                pts = pts.clamp(-c, c);
            }
            cats[it.category.index()] += pts;
        }
        for (k, c) in ItemCategory::ALL.iter().enumerate() {
            if let Some(cap) = raw(rules.category_caps.get(*c)) {
                cats[k] = cats[k].clamp(-i128::from(cap), i128::from(cap));
            }
        }
        let mut total = i128::from(rules.base.raw()) + cats.iter().sum::<i128>();
        if let Some(f) = raw(rules.floor) {
            total = total.max(i128::from(f));
        }
        if let Some(c) = raw(rules.ceiling) {
            total = total.min(i128::from(c));
        }
        let total = Fixed::from_raw(total as i64);
        let v = vetoed.get(s.as_str()).copied().unwrap_or(false);
        let last = rules.grades.len() - 1;
        let grade = if v {
            last
        } else {
            rules
                .grades
                .iter()
                .position(|g| g.min.is_none_or(|m| total >= m))
                .unwrap()
        };
        t.basic[r] = Fixed::from_raw(cats[0] as i64);
        t.reward[r] = Fixed::from_raw(cats[1] as i64);
        t.deduction[r] = Fixed::from_raw(cats[2] as i64);
        t.veto[r] = Fixed::from_raw(cats[3] as i64);
        t.total[r] = total;
        t.vetoed[r] = v;
        t.grade[r] = grade as u8;
        t.demoted[r] = false;
        t.stars[r] = if v {
            0
        } else {
            rules.stars.iter().filter(|x| total >= **x).count() as u8
        };
    }
    let n = t.len();
    for r in 0..n {
        t.rank_overall[r] = 1 + (0..n).filter(|&o| t.total[o] > t.total[r]).count() as u32;
        t.rank_in_org[r] = 1
            + (0..n)
                .filter(|&o| t.org[o] == t.org[r] && t.total[o] > t.total[r])
                .count() as u32;
    }
    if let Some(q) = rules.top_quota {
        let orgs: Vec<_> = t.org.clone();
        for org in orgs.iter().collect::<std::collections::BTreeSet<_>>() {
            let members: Vec<usize> = (0..n).filter(|&r| &t.org[r] == org).collect();
            let allowed = (members.len() as i64 * q.percent.raw() / 100_000) as usize;
            let mut holders: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&r| t.grade[r] == 0)
                .collect();
            holders.sort_by(|a, b| t.total[*b].cmp(&t.total[*a]));
            if holders.len() > allowed {
                let boundary = t.total[holders[allowed]];
                for r in holders {
                    if t.total[r] <= boundary {
                        t.grade[r] = 1;
                        t.demoted[r] = true;
                    }
                }
            }
        }
    }
    t
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn order_of_events_does_not_matter(
        (rules, acts, shuffled) in (rules_strategy(), events_strategy(40)).prop_flat_map(|(r, e)| {
            let acts = acts_of(&r, &e, "e");
            (Just(r), Just(acts.clone()), Just(acts).prop_shuffle())
        })
    ) {
        prop_assert_eq!(score(&rules, &acts, jan()), score(&rules, &shuffled, jan()));
    }

    #[test]
    fn an_event_plus_its_reversal_changes_nothing(
        rules in rules_strategy(),
        evs in events_strategy(30),
        extra in (0..MEMBERS, 0..64usize, 0..31u64, 1..5_000i64),
        later in 0..5u64,
    ) {
        let acts = acts_of(&rules, &evs, "e");
        let before = score(&rules, &acts, jan());
        let mut more = acts.clone();
        let code = rules.items[extra.1 % rules.items.len()].code.clone();
        let mut x = ActivityRecord::new("x", &format!("P{:02}", extra.0), &code, day(extra.2));
        x.quantity = Fixed::from_raw(extra.3);
        let mut r = x.clone();
        r.id = "x-reversal".into();
        r.reverses = Some("x".into());
        r.date = day((extra.2 + later).min(30));
        more.push(x);
        more.push(r);
        prop_assert_eq!(before, score(&rules, &more, jan()));
    }

    #[test]
    fn adding_a_basic_or_reward_event_never_lowers_a_total(
        rules in rules_strategy(),
        evs in events_strategy(30),
        extra in (0..MEMBERS, 0..64usize, 0..31u64, 1..5_000i64),
    ) {
        let earning: Vec<_> = rules.items.iter().filter(|i| matches!(i.category, ItemCategory::Basic | ItemCategory::Reward)).collect();
        prop_assume!(!earning.is_empty());
        let acts = acts_of(&rules, &evs, "e");
        let before = totals(&score(&rules, &acts, jan()));
        let mut more = acts;
        let mut x = ActivityRecord::new("x", &format!("P{:02}", extra.0), &earning[extra.1 % earning.len()].code, day(extra.2));
        x.quantity = Fixed::from_raw(extra.3);
        more.push(x);
        let after = totals(&score(&rules, &more, jan()));
        for (s, t) in &before {
            prop_assert!(after[s] >= *t, "{} fell from {} to {}", s, t, after[s]);
        }
    }

    #[test]
    fn adding_a_deduction_never_raises_a_total(
        rules in rules_strategy(),
        evs in events_strategy(30),
        extra in (0..MEMBERS, 0..64usize, 0..31u64, 1..5_000i64),
    ) {
        let costing: Vec<_> = rules.items.iter().filter(|i| matches!(i.category, ItemCategory::Deduction | ItemCategory::Veto)).collect();
        prop_assume!(!costing.is_empty());
        let acts = acts_of(&rules, &evs, "e");
        let before = totals(&score(&rules, &acts, jan()));
        let mut more = acts;
        let mut x = ActivityRecord::new("x", &format!("P{:02}", extra.0), &costing[extra.1 % costing.len()].code, day(extra.2));
        x.quantity = Fixed::from_raw(extra.3);
        more.push(x);
        let after = totals(&score(&rules, &more, jan()));
        for (s, t) in &before {
            prop_assert!(after[s] <= *t, "{} rose from {} to {}", s, t, after[s]);
        }
    }

    #[test]
    fn no_item_exceeds_its_cap_in_any_window_and_no_category_its_cap(
        rules in rules_strategy(),
        evs in events_strategy(40),
    ) {
        let acts = acts_of(&rules, &evs, "e");
        let scorer = Scorer::new(&REG, &acts, Mode::Strict).unwrap();
        let t = scorer.score(&rules, jan()).unwrap().table;
        for (r, s) in t.subject.iter().enumerate() {
            for (k, c) in ItemCategory::ALL.iter().enumerate() {
                let v = [t.basic[r], t.reward[r], t.deduction[r], t.veto[r]][k];
                if let Some(cap) = rules.category_caps.get(*c) {
                    prop_assert!(v.abs() <= cap, "{} {:?} {} over {}", s, c, v, cap);
                }
            }
            let e = scorer.explain(&rules, jan(), s).unwrap();
            prop_assert_eq!(e.total, t.total[r]);
            let mut per_window: BTreeMap<(String, u32), Fixed> = BTreeMap::new();
            for j in 0..e.events.id.len() {
                *per_window.entry((e.events.item[j].to_string(), e.events.window[j])).or_default() =
                    per_window.get(&(e.events.item[j].to_string(), e.events.window[j])).copied().unwrap_or_default() + e.events.counted[j];
            }
            for ((code, w), v) in per_window {
                let it = &rules.items[rules.item_index(&code).unwrap()];
                if let Some(cap) = it.cap {
                    prop_assert!(v.abs() <= cap.points, "{} {} window {}: {} over {}", s, code, w, v, cap.points);
                }
            }
        }
    }

    #[test]
    fn floor_le_total_le_ceiling(rules in rules_strategy(), evs in events_strategy(40)) {
        let t = score(&rules, &acts_of(&rules, &evs, "e"), jan());
        for v in &t.total {
            prop_assert!(rules.floor.is_none_or(|f| *v >= f));
            prop_assert!(rules.ceiling.is_none_or(|c| *v <= c));
        }
    }

    #[test]
    fn total_is_clamped_base_plus_category_totals(rules in rules_strategy(), evs in events_strategy(40)) {
        let t = score(&rules, &acts_of(&rules, &evs, "e"), jan());
        for r in 0..t.len() {
            let mut sum = rules.base + t.basic[r] + t.reward[r] + t.deduction[r] + t.veto[r];
            if let Some(f) = rules.floor { sum = sum.max(f); }
            if let Some(c) = rules.ceiling { sum = sum.min(c); }
            prop_assert_eq!(t.total[r], sum);
        }
    }

    #[test]
    fn top_grade_quota_holds_in_every_organization(rules in rules_strategy(), evs in events_strategy(60)) {
        let t = score(&rules, &acts_of(&rules, &evs, "e"), jan());
        if let Some(q) = rules.top_quota {
            let mut size: BTreeMap<Option<String>, (i64, i64)> = BTreeMap::new();
            for r in 0..t.len() {
                let e = size.entry(t.org[r].as_ref().map(|s| s.to_string())).or_default();
                e.0 += 1;
                if t.grade[r] == 0 { e.1 += 1; }
            }
            for (org, (n, top)) in size {
                prop_assert!(top * 100_000 <= n * q.percent.raw(), "{:?}: {} of {} top", org, top, n);
            }
        }
    }

    #[test]
    fn ranks_are_consistent_with_totals(rules in rules_strategy(), evs in events_strategy(60)) {
        let t = score(&rules, &acts_of(&rules, &evs, "e"), jan());
        let n = t.len();
        for a in 0..n {
            prop_assert_eq!(t.rank_overall[a] as usize, 1 + (0..n).filter(|&b| t.total[b] > t.total[a]).count());
            for b in 0..n {
                prop_assert_eq!(t.total[a] > t.total[b], t.rank_overall[a] < t.rank_overall[b]);
                if t.org[a] == t.org[b] {
                    prop_assert_eq!(t.total[a] > t.total[b], t.rank_in_org[a] < t.rank_in_org[b]);
                    prop_assert_eq!(t.total[a] == t.total[b], t.rank_in_org[a] == t.rank_in_org[b]);
                }
            }
        }
    }

    #[test]
    fn scores_of_disjoint_periods_do_not_depend_on_each_other(rules in rules_strategy(), evs in events_strategy(60)) {
        let acts = acts_of(&rules, &evs, "e");
        let only = |p: Period| acts.iter().filter(|a| p.contains(a.date)).cloned().collect::<Vec<_>>();
        prop_assert_eq!(score(&rules, &acts, jan()), score(&rules, &only(jan()), jan()));
        prop_assert_eq!(score(&rules, &acts, feb()), score(&rules, &only(feb()), feb()));
        // And scoring both months in one call equals scoring each.
        let both = Scorer::new(&REG, &acts, Mode::Strict).unwrap().score_range(&rules, jan(), 2).unwrap();
        prop_assert_eq!(&both[1].table, &score(&rules, &acts, feb()));
    }

    #[test]
    fn rule_sets_and_results_survive_a_json_round_trip(rules in rules_strategy(), evs in events_strategy(30)) {
        let back = RuleSet::from_json(&rules.to_json()).unwrap();
        prop_assert_eq!(&back, &rules);
        let acts = acts_of(&rules, &evs, "e");
        let t = score(&rules, &acts, jan());
        prop_assert_eq!(ScoreTable::from_json(&t.to_json()).unwrap(), t);
        let json = serde_json::to_string(&acts).unwrap();
        let acts_back: Vec<ActivityRecord> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&acts_back, &acts);
        let scorer = Scorer::new(&REG, &acts, Mode::Strict).unwrap();
        let e = scorer.explain(&rules, jan(), "P00").unwrap();
        prop_assert_eq!(serde_json::from_str::<dangjian::scoring::Explanation>(&e.to_json()).unwrap(), e);
    }

    #[test]
    fn kernel_matches_the_reference_model(rules in rules_strategy(), evs in events_strategy(60)) {
        let acts = acts_of(&rules, &evs, "e");
        prop_assert_eq!(score(&rules, &acts, jan()), reference(&rules, &acts, jan()));
    }

    #[test]
    fn parallel_mode_equals_sequential(
        rules in rules_strategy(),
        cols in proptest::collection::vec((0..50u32, 0..64u16, 0..120i32, 1..5_000i64), 0..400),
        groups in proptest::collection::vec(prop_oneof![4 => 0..5u32, 1 => Just(NO_GROUP)], 50),
    ) {
        let (subject, item, day, qty) = event_columns(&cols, &rules, "2024-01-01");
        let input = BulkInput {
            columns: Columns { subject: &subject, item: &item, day: &day, quantity: Some(&qty) },
            n_subjects: 50,
            groups: Groups::Fixed(&groups),
            n_groups: 5,
        };
        let a = score_columns(&rules, jan(), 3, &input, BulkOptions { parallel: false, ..Default::default() }).unwrap();
        let b = score_columns(&rules, jan(), 3, &input, BulkOptions { parallel: true, ..Default::default() }).unwrap();
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.events_scored + a.events_skipped, cols.len());
    }

    #[test]
    fn streaming_path_equals_per_subject_path(
        rules in rules_strategy(),
        cols in proptest::collection::vec(
            (0..300u32, 0..64u16, 0..120i32, prop_oneof![3 => 1..5_000i64, 1 => 1..=1_000_000_000i64]),
            0..800,
        ),
        groups in proptest::collection::vec(prop_oneof![6 => 0..7u32, 1 => Just(NO_GROUP)], 300),
        categories in any::<bool>(),
    ) {
        let (subject, item, day, qty) = event_columns(&cols, &rules, "2024-12-20");
        let input = BulkInput {
            columns: Columns { subject: &subject, item: &item, day: &day, quantity: Some(&qty) },
            n_subjects: 300,
            groups: Groups::Fixed(&groups),
            n_groups: 7,
        };
        let opts = BulkOptions { parallel: false, categories };
        let a = score_columns(&rules, jan(), 3, &input, opts).unwrap();
        let b = score_columns_per_subject(&rules, jan(), 3, &input, opts).unwrap();
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(config())]

    /// Issue 19: the explanation restates no rule. For every member, with the rule set compiled
    /// once, its categories, total, grade and flags are the score table's, its items add up to
    /// its categories and its activities to its items.
    #[test]
    fn kernel_and_explanation_agree_on_every_member(rules in rules_strategy(), evs in events_strategy(60)) {
        let acts = acts_of(&rules, &evs, "e");
        let compiled = rules.compile().unwrap();
        let scorer = Scorer::new(&REG, &acts, Mode::Strict).unwrap();
        let t = scorer.score(&compiled, jan()).unwrap().table;
        prop_assert_eq!(&t, &scorer.score(&rules, jan()).unwrap().table);
        for (r, s) in t.subject.iter().enumerate() {
            let e = scorer.explain(&compiled, jan(), s).unwrap();
            prop_assert_eq!(e.total, t.total[r]);
            prop_assert_eq!(&e.categories.counted, &vec![t.basic[r], t.reward[r], t.deduction[r], t.veto[r]]);
            prop_assert_eq!(e.grade.as_str(), t.grade_name(r));
            prop_assert_eq!((e.stars, e.vetoed, e.demoted), (t.stars[r], t.vetoed[r], t.demoted[r]));
            prop_assert_eq!((e.rank_in_org, e.rank_overall), (t.rank_in_org[r], t.rank_overall[r]));
            for (k, cat) in ItemCategory::ALL.iter().enumerate() {
                let items: Fixed = (0..e.items.code.len())
                    .filter(|&i| e.items.category[i] == *cat)
                    .map(|i| e.items.counted[i])
                    .fold(Fixed::ZERO, |a, b| a + b);
                prop_assert_eq!(items, e.categories.raw[k]);
            }
            for i in 0..e.items.code.len() {
                let evs: Fixed = (0..e.events.id.len())
                    .filter(|&j| e.events.item[j] == e.items.code[i])
                    .map(|j| e.events.counted[j])
                    .fold(Fixed::ZERO, |a, b| a + b);
                prop_assert_eq!(evs, e.items.counted[i]);
            }
        }
    }

    /// Issue 19: scoring partitions of whole organizations apart and merging their histograms
    /// of totals (`RankHistogram`, the merge `distributed.py` uses through the binding) gives
    /// the whole scoring's rows: every column the same, the overall rank from the merge.
    #[test]
    fn partitioned_scoring_and_merge_equal_whole_scoring(
        rules in rules_strategy(),
        cols in proptest::collection::vec((0..60u32, 0..64u16, 0..62i32, 1..5_000i64), 0..500),
        groups in proptest::collection::vec(prop_oneof![6 => 0..6u32, 1 => Just(NO_GROUP)], 60),
        part_of_group in proptest::collection::vec(0..3usize, 6),
    ) {
        let (subject, item, day, qty) = event_columns(&cols, &rules, "2024-01-01");
        let input = BulkInput {
            columns: Columns { subject: &subject, item: &item, day: &day, quantity: Some(&qty) },
            n_subjects: 60,
            groups: Groups::Fixed(&groups),
            n_groups: 6,
        };
        let compiled = rules.compile().unwrap();
        let whole = score_columns(&compiled, jan(), 2, &input, BulkOptions::default()).unwrap();
        let mut parts = Vec::new();
        for part in 0..3 {
            // The partition's subjects (in the same subject space) and only their events.
            let mine = |s: u32| groups[s as usize] != NO_GROUP && part_of_group[groups[s as usize] as usize] == part;
            let g: Vec<u32> = (0..60u32).map(|s| if mine(s) { groups[s as usize] } else { NO_GROUP }).collect();
            let keep: Vec<usize> = (0..subject.len()).filter(|&k| mine(subject[k])).collect();
            fn pick<T: Copy>(v: &[T], keep: &[usize]) -> Vec<T> {
                keep.iter().map(|&k| v[k]).collect()
            }
            let (ps, pi, pd, pq) = (pick(&subject, &keep), pick(&item, &keep), pick(&day, &keep), pick(&qty, &keep));
            let input = BulkInput {
                columns: Columns { subject: &ps, item: &pi, day: &pd, quantity: Some(&pq) },
                n_subjects: 60,
                groups: Groups::Fixed(&g),
                n_groups: 6,
            };
            parts.push((g.clone(), score_columns(&compiled, jan(), 2, &input, BulkOptions::default()).unwrap()));
        }
        for p in 0..2 {
            let w = &whole.periods[p];
            let hists: Vec<RankHistogram> = parts
                .iter()
                .map(|(g, out)| {
                    let totals: Vec<i64> = (0..60).filter(|&s| g[s] != NO_GROUP).map(|s| out.periods[p].total[s]).collect();
                    RankHistogram::from_totals(&totals)
                })
                .collect();
            let merged = RankHistogram::merge(&hists);
            for (g, out) in &parts {
                let o = &out.periods[p];
                for s in (0..60).filter(|&s| g[s] != NO_GROUP) {
                    prop_assert_eq!(o.total[s], w.total[s]);
                    prop_assert_eq!((o.grade[s], o.stars[s], o.vetoed[s], o.demoted[s]), (w.grade[s], w.stars[s], w.vetoed[s], w.demoted[s]));
                    prop_assert_eq!((o.basic[s], o.reward[s], o.deduction[s], o.veto[s]), (w.basic[s], w.reward[s], w.deduction[s], w.veto[s]));
                    prop_assert_eq!(o.rank_in_org[s], w.rank_in_org[s]);
                    prop_assert_eq!(merged.rank_of(o.total[s]), Some(w.rank_overall[s]));
                }
            }
            prop_assert_eq!(merged.rows() as usize, (0..60).filter(|&s| groups[s] != NO_GROUP).count());
        }
    }
}
