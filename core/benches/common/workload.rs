//! The columnar workload of the bulk scoring benchmark (moved out of the public `synth` API:
//! shared by `benches/scoring.rs`, `examples/scoring_bench.rs`, `examples/bench_compare.rs`
//! and `tests/scoring.rs` with `#[path = …] mod workload;`).
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use chrono::NaiveDate;
use dangjian::fixed::Fixed;
use dangjian::scoring::{
    day_number, BulkInput, Cap, CategoryCaps, Columns, GradeRule, Groups, ItemCategory, Period,
    PeriodKind, Quota, RuleItem, RuleSet, SubjectKind, Unit, Window,
};
use dangjian::synth::Rng;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The columnar workload of the bulk scoring benchmark: events in random order, subjects as
/// integer codes, a year scored by month under [`bench_rule_set`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoringWorkload {
    /// Subject index of each event.
    pub subject: Vec<u32>,
    /// Item index of each event.
    pub item: Vec<u16>,
    /// Day number of each event.
    pub day: Vec<i32>,
    /// Quantity in thousandths.
    pub quantity: Vec<i64>,
    /// Branch of each subject (40 subjects per branch).
    pub groups: Vec<u32>,
    /// Number of branches.
    pub n_groups: usize,
    /// The rule set.
    pub rules: RuleSet,
    /// First month scored.
    pub first: Period,
    /// Months scored.
    pub months: usize,
}

impl ScoringWorkload {
    /// The workload as the bulk kernel's input (one group per subject, fixed for the year).
    ///
    /// ```
    /// use dangjian::scoring::{score_columns, BulkOptions};
    /// let w = workload::scoring_workload(400, 2_000, 7);
    /// let out = score_columns(&w.rules, w.first, w.months, &w.input(), BulkOptions::default()).unwrap();
    /// assert_eq!(out.periods.len(), 12);
    /// ```
    pub fn input(&self) -> BulkInput<'_> {
        BulkInput {
            columns: Columns {
                subject: &self.subject,
                item: &self.item,
                day: &self.day,
                quantity: Some(&self.quantity),
            },
            n_subjects: self.groups.len(),
            groups: Groups::Fixed(&self.groups),
            n_groups: self.n_groups,
        }
    }
}

/// The 12-item monthly rule set of the benchmark, with day and month caps.
pub fn bench_rule_set() -> RuleSet {
    let f = Fixed::from_int;
    let item = |code: &str, category, points: i64, unit, cap: Option<(i64, Window)>| RuleItem {
        code: code.into(),
        name: code.into(),
        category,
        points: f(points),
        unit,
        cap: cap.map(|(p, w)| Cap {
            points: f(p),
            per: w,
        }),
        eligible: None,
        note: None,
    };
    use ItemCategory::*;
    RuleSet {
        id: "bench-12".into(),
        version: 1,
        name: "benchmark: 12 items, day and month caps".into(),
        subject: SubjectKind::Member,
        period: PeriodKind::Month,
        effective_from: date(2000, 1, 1),
        base: f(60),
        floor: Some(f(0)),
        ceiling: None,
        items: vec![
            item(
                "meeting",
                Basic,
                2,
                Unit::Occurrence,
                Some((8, Window::Month)),
            ),
            item(
                "dues_on_time",
                Basic,
                1,
                Unit::Month,
                Some((1, Window::Month)),
            ),
            item("study", Basic, 1, Unit::Session, Some((2, Window::Day))),
            item(
                "report_in",
                Basic,
                2,
                Unit::Occurrence,
                Some((4, Window::Month)),
            ),
            item(
                "service_hour",
                Reward,
                1,
                Unit::Hour,
                Some((4, Window::Day)),
            ),
            item(
                "post_fulfilled",
                Reward,
                5,
                Unit::Month,
                Some((5, Window::Month)),
            ),
            item(
                "commended",
                Reward,
                5,
                Unit::Level,
                Some((20, Window::Month)),
            ),
            item(
                "mentoring",
                Reward,
                2,
                Unit::Occurrence,
                Some((6, Window::Month)),
            ),
            item("absent", Deduction, -5, Unit::Occurrence, None),
            item(
                "dues_late",
                Deduction,
                -2,
                Unit::Month,
                Some((2, Window::Month)),
            ),
            item(
                "commitment_broken",
                Deduction,
                -5,
                Unit::Occurrence,
                Some((10, Window::Month)),
            ),
            item("discipline", Veto, 0, Unit::Occurrence, None),
        ],
        category_caps: CategoryCaps {
            reward: Some(f(30)),
            ..CategoryCaps::default()
        },
        grades: vec![
            GradeRule {
                name: "优秀".into(),
                min: Some(f(90)),
            },
            GradeRule {
                name: "合格".into(),
                min: Some(f(75)),
            },
            GradeRule {
                name: "基本合格".into(),
                min: Some(f(60)),
            },
            GradeRule {
                name: "不合格".into(),
                min: None,
            },
        ],
        stars: vec![f(70), f(80), f(90), f(100), f(110)],
        top_quota: Some(Quota { percent: f(20) }),
        org_kinds: None,
        source: None,
    }
}

/// Generates the benchmark workload: `subjects` members in branches of 40, `events` events of
/// 2025 in random order (item mix weighted like the sample community, hours in half-hour
/// steps). Deterministic in `seed`.
///
/// ```
/// let w = workload::scoring_workload(1_000, 24_000, 7);
/// assert_eq!(w.subject.len(), 24_000);
/// assert_eq!(w.rules.items.len(), 12);
/// ```
pub fn scoring_workload(subjects: usize, events: usize, seed: u64) -> ScoringWorkload {
    let mut rng = Rng::new(seed);
    // Cumulative weights in per-ten-thousand, per item.
    const W: [u64; 12] = [2500, 1000, 1500, 500, 2000, 800, 200, 500, 400, 300, 299, 1];
    let mut cum = [0u64; 12];
    let mut acc = 0;
    for (c, w) in cum.iter_mut().zip(W) {
        acc += w;
        *c = acc;
    }
    let first = Period::month(2025, 1)
        .unwrap_or_else(|| Period::containing(PeriodKind::Month, NaiveDate::MIN));
    let d0 = day_number(first.start());
    let mut w = ScoringWorkload {
        subject: Vec::with_capacity(events),
        item: Vec::with_capacity(events),
        day: Vec::with_capacity(events),
        quantity: Vec::with_capacity(events),
        groups: (0..subjects as u32).map(|s| s / 40).collect(),
        n_groups: subjects.div_ceil(40),
        rules: bench_rule_set(),
        first,
        months: 12,
    };
    for _ in 0..events {
        let r = rng.next_u64();
        w.subject
            .push(((u128::from(r) * subjects as u128) >> 64) as u32);
        let x = rng.below(10_000);
        let it = cum.iter().position(|c| x < *c).unwrap_or(0);
        w.item.push(it as u16);
        w.day.push(d0 + rng.below(365) as i32);
        let q = match it {
            4 => 500 * (1 + rng.below(8) as i64),
            6 => 1000 * (1 + rng.below(3) as i64),
            _ => 1000,
        };
        w.quantity.push(q);
    }
    w
}
