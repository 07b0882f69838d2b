//! The columnar bulk kernel: one implementation of the scoring semantics, used by the typed
//! API, the bindings and the benchmark.
//!
//! Algorithm (no per-row allocation, input in any order):
//! 1. the events are cut into one chunk per thread; each chunk counts its events per bucket
//!    (period × block of subjects) and scatters them, packed into one `u64` each (local subject,
//!    item, day in period, quantity), into its own buffer, bucket by bucket;
//! 2. each bucket (a period and a block of subjects) is counting-sorted by sub-block of
//!    subjects small enough for the L1 cache and streamed (`stream_bucket`): one slot per
//!    (subject, item cap window) keeps the window's running quantity, and each event adds
//!    to its subject's category the change of the window's capped points, which telescopes
//!    to the capped sum; one pass over the rows then applies category caps, total, grade
//!    and stars. When the exactness bound of that path does not hold (very many items or
//!    days), each subject's events are sorted by (item, day) instead and swept once,
//!    summing quantities per (item, cap window) (`process_bucket`);
//! 3. each period is finished: totals clamped to floor and ceiling, grades and stars, a
//!    descending order by total (counting sort when the totals are dense), competition ranks
//!    overall and, after a stable counting sort by organization, per organization, with the
//!    top-grade quota.
//!
//! Extra memory: 8 bytes per event while bucketing, plus the output columns.
//!
//! # Examples
//!
//! Two members of one branch, three meetings on 9 October 2026:
//!
//! ```
//! use dangjian::scoring::{score_columns, day_number, BulkInput, BulkOptions, Columns, Groups, RuleSet};
//! let rules = RuleSet::member_default();
//! let meeting = rules.item_index("meeting").unwrap() as u16;
//! let d = day_number(dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 9).unwrap());
//! let columns = Columns { subject: &[0, 0, 1], item: &[meeting; 3], day: &[d; 3], quantity: None };
//! let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[0, 0]), n_groups: 1 };
//! let out = score_columns(&rules, "2026-10".parse()?, 1, &input, BulkOptions::default())?;
//! assert_eq!(out.periods[0].total, [64_000, 62_000]); // thousandths
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::activity::MAX_QUANTITY;
use super::error::ScoringError;
use super::period::{day_number, DayNum};
use super::rules::{Compiled, CompiledItem, CompiledRules, ScoringRules};
use super::semantics::{
    category_caps, competition_ranks, grade_by, grade_of, mul_points, quota_allowed, quota_cut,
    quota_demotes, stars_of, total_of, window_cap, window_points, NO_CAP,
};
use crate::calendar::Period;

const MAX_QUANTITY_RAW: i64 = MAX_QUANTITY.raw();

/// Group (organization) of an inactive subject: no row in that period.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, BulkOptions, Columns, Groups, RuleSet, NO_GROUP};
/// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
/// // subject 1 was not a member in the period: no row
/// let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[0, NO_GROUP]), n_groups: 1 };
/// let p = &score_columns(&RuleSet::member_default(), "2026-10".parse()?, 1, &input, Default::default())?.periods[0];
/// assert_eq!((p.is_active(0), p.is_active(1)), (true, false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const NO_GROUP: u32 = u32::MAX;
/// Grade of an inactive row.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, Columns, Groups, RuleSet, NO_GRADE, NO_GROUP};
/// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
/// let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[0, NO_GROUP]), n_groups: 1 };
/// let p = &score_columns(&RuleSet::member_default(), "2026-10".parse()?, 1, &input, Default::default())?.periods[0];
/// assert_eq!(p.grade, [2, NO_GRADE]); // 基本合格 (60 points), and no row
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const NO_GRADE: u8 = u8::MAX;
/// Most periods scored in one call.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, Columns, Groups, RuleSet, MAX_PERIODS};
/// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
/// let input = BulkInput { columns, n_subjects: 0, groups: Groups::Fixed(&[]), n_groups: 0 };
/// let err = score_columns(&RuleSet::member_default(), "2026-10".parse()?, MAX_PERIODS + 1, &input, Default::default());
/// assert_eq!(err.unwrap_err().code(), "limit_exceeded");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_PERIODS: usize = 1200;
/// Most events in one call (2^32 − 1).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::MAX_EVENTS;
/// // the kernel numbers the events of a call with `u32`s: every position fits
/// assert_eq!(u32::try_from(MAX_EVENTS - 1).ok(), Some(u32::MAX - 1));
/// ```
pub const MAX_EVENTS: usize = u32::MAX as usize;
/// Most subjects in one call.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, Columns, Groups, RuleSet, MAX_SUBJECTS};
/// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
/// let input = BulkInput { columns, n_subjects: MAX_SUBJECTS + 1, groups: Groups::Fixed(&[]), n_groups: 0 };
/// let err = score_columns(&RuleSet::member_default(), "2026-10".parse()?, 1, &input, Default::default());
/// assert_eq!(err.unwrap_err().code(), "limit_exceeded"); // refused before anything is allocated
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_SUBJECTS: usize = 1 << 31;

const DAY_BITS: u32 = 9;

/// The event columns of a bulk call. Subjects and items are indices (dictionary codes): the
/// subject into `0..n_subjects`, the item into the rule set's `items`.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, day_number, BulkInput, Columns, Groups, RuleSet};
/// let rules = RuleSet::member_default();
/// let hours = rules.item_index("service_hour").unwrap() as u16;
/// let d = day_number(dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 9).unwrap());
/// // 2.5 hours of service: quantities are thousandths
/// let columns = Columns { subject: &[0], item: &[hours], day: &[d], quantity: Some(&[2_500]) };
/// let input = BulkInput { columns, n_subjects: 1, groups: Groups::Fixed(&[0]), n_groups: 1 };
/// let p = &score_columns(&rules, "2026-10".parse()?, 1, &input, Default::default())?.periods[0];
/// assert_eq!(p.reward, [2_500]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// Subject index of each event.
    pub subject: &'a [u32],
    /// Item index of each event.
    pub item: &'a [u16],
    /// Day number of each event (see [`day_number`]).
    pub day: &'a [DayNum],
    /// Quantity in thousandths (1 to 10^9); `None` means 1 for every event.
    pub quantity: Option<&'a [i64]>,
}

/// The organization (ranking and quota group) of each subject; [`NO_GROUP`] marks a subject
/// with no row in a period.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, Columns, Groups, RuleSet};
/// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
/// // October: both subjects in group 0; November: subject 1 has moved to group 1
/// let groups = Groups::PerPeriod(&[0, 0, 0, 1]);
/// let input = BulkInput { columns, n_subjects: 2, groups, n_groups: 2 };
/// let out = score_columns(&RuleSet::member_default(), "2026-10".parse()?, 2, &input, Default::default())?;
/// assert_eq!(out.periods[0].rank_in_org, [1, 1]);
/// assert_eq!(out.periods[1].rank_in_org, [1, 1]); // alone in their groups
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub enum Groups<'a> {
    /// One group per subject, the same in every period.
    Fixed(&'a [u32]),
    /// Period-major: `groups[p * n_subjects + s]`.
    PerPeriod(&'a [u32]),
}

/// Everything a bulk call scores.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, Columns, Groups, RuleSet};
/// let columns = Columns { subject: &[0, 5], item: &[0, 0], day: &[20_735, 20_735], quantity: None };
/// let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[0, 0]), n_groups: 1 };
/// let err = score_columns(&RuleSet::member_default(), "2026-10".parse()?, 1, &input, Default::default());
/// assert_eq!(err.unwrap_err().code(), "bad_column"); // subject 5 is not below n_subjects
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct BulkInput<'a> {
    /// The events.
    pub columns: Columns<'a>,
    /// Number of subjects (rows per period).
    pub n_subjects: usize,
    /// Group of each subject.
    pub groups: Groups<'a>,
    /// Number of groups (group indices are below it).
    pub n_groups: usize,
}

/// Scores of one period, one row per subject index (dense). Points are in thousandths.
/// Inactive rows have grade [`NO_GRADE`], rank 0 and zero points.
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::{score_columns, day_number, BulkInput, BulkOptions, Columns, Groups, RuleSet};
/// # let rules = RuleSet::member_default();
/// # let meeting = rules.item_index("meeting").unwrap() as u16;
/// # let d = day_number(dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 9).unwrap());
/// # let columns = Columns { subject: &[0, 0, 1], item: &[meeting; 3], day: &[d; 3], quantity: None };
/// # let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[0, 0]), n_groups: 1 };
/// let out = score_columns(&rules, "2026-10".parse()?, 1, &input, BulkOptions::default())?;
/// let p = &out.periods[0];
/// assert_eq!(p.period.map(|p| p.to_string()).as_deref(), Some("2026-10"));
/// assert_eq!((p.basic.as_slice(), p.grade.as_slice(), p.stars.as_slice()), (&[4_000, 2_000][..], &[2, 2][..], &[0, 0][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodScores {
    /// The period.
    pub period: Option<Period>,
    /// Total: base plus category totals, clamped to floor and ceiling.
    pub total: Vec<i64>,
    /// Basic points (after the category cap); empty unless [`BulkOptions::categories`].
    pub basic: Vec<i64>,
    /// Reward points (after the category cap).
    pub reward: Vec<i64>,
    /// Deduction points (negative, after the category cap).
    pub deduction: Vec<i64>,
    /// Veto items' points (zero or negative).
    pub veto: Vec<i64>,
    /// Grade index (0 = best).
    pub grade: Vec<u8>,
    /// Stars.
    pub stars: Vec<u8>,
    /// Whether a veto event forced the lowest grade.
    pub vetoed: Vec<bool>,
    /// Whether the top-grade quota demoted the row.
    pub demoted: Vec<bool>,
    /// Competition rank in the row's group (1, 2, 2, 4 …).
    pub rank_in_org: Vec<u32>,
    /// Competition rank over all rows.
    pub rank_overall: Vec<u32>,
}

impl PeriodScores {
    /// Whether subject `s` has a row.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{score_columns, BulkInput, Columns, Groups, RuleSet, NO_GROUP};
    /// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
    /// let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[NO_GROUP, 0]), n_groups: 1 };
    /// let p = &score_columns(&RuleSet::member_default(), "2026-10".parse()?, 1, &input, Default::default())?.periods[0];
    /// assert!(!p.is_active(0) && p.is_active(1));
    /// assert!(!p.is_active(7)); // out of range
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active(&self, s: usize) -> bool {
        self.rank_overall.get(s).is_some_and(|r| *r > 0)
    }

    /// Heap bytes held.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{score_columns, BulkInput, BulkOptions, Columns, Groups, RuleSet};
    /// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
    /// let input = BulkInput { columns, n_subjects: 1000, groups: Groups::Fixed(&[0; 1000]), n_groups: 1 };
    /// let lean = BulkOptions { categories: false, ..BulkOptions::default() };
    /// let rules = RuleSet::member_default();
    /// let with = score_columns(&rules, "2026-10".parse()?, 1, &input, BulkOptions::default())?;
    /// let without = score_columns(&rules, "2026-10".parse()?, 1, &input, lean)?;
    /// assert!(with.periods[0].heap_bytes() >= without.periods[0].heap_bytes() + 4 * 8 * 1000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn heap_bytes(&self) -> usize {
        (self.total.capacity()
            + self.basic.capacity()
            + self.reward.capacity()
            + self.deduction.capacity()
            + self.veto.capacity())
            * 8
            + self.grade.capacity()
            + self.stars.capacity()
            + self.vetoed.capacity()
            + self.demoted.capacity()
            + (self.rank_in_org.capacity() + self.rank_overall.capacity()) * 4
    }
}

/// The result of a bulk call.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, day_number, BulkInput, Columns, Groups, RuleSet};
/// let d = |m, d| day_number(dangjian::chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap());
/// let columns = Columns { subject: &[0, 0], item: &[0, 0], day: &[d(10, 9), d(12, 1)], quantity: None };
/// let input = BulkInput { columns, n_subjects: 1, groups: Groups::Fixed(&[0]), n_groups: 1 };
/// let out = score_columns(&RuleSet::member_default(), "2026-10".parse()?, 2, &input, Default::default())?;
/// assert_eq!((out.periods.len(), out.events_scored, out.events_skipped), (2, 1, 1)); // December is outside
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BulkScores {
    /// One table per period, in order.
    pub periods: Vec<PeriodScores>,
    /// Events inside the periods.
    pub events_scored: usize,
    /// Events dated outside the periods (ignored).
    pub events_skipped: usize,
}

/// How to run a bulk call.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, BulkInput, BulkOptions, Columns, Groups, RuleSet};
/// let columns = Columns { subject: &[], item: &[], day: &[], quantity: None };
/// let input = BulkInput { columns, n_subjects: 1, groups: Groups::Fixed(&[0]), n_groups: 1 };
/// let opts = BulkOptions { parallel: true, categories: false };
/// let p = &score_columns(&RuleSet::member_default(), "2026-10".parse()?, 1, &input, opts)?.periods[0];
/// assert_eq!((p.total.as_slice(), p.basic.len()), (&[60_000][..], 0)); // totals only
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkOptions {
    /// Use all threads of the rayon pool (needs the `parallel` feature; otherwise ignored).
    pub parallel: bool,
    /// Fill the category columns (`basic`, `reward`, `deduction`, `veto`) of the output;
    /// when false they are left empty (the totals, grades and ranks are the same).
    pub categories: bool,
}

impl Default for BulkOptions {
    /// Single-threaded, with category columns.
    fn default() -> Self {
        BulkOptions {
            parallel: false,
            categories: true,
        }
    }
}

/// Scores `count` consecutive periods starting with `first` from columns.
///
/// ```
/// use dangjian::scoring::{score_columns, day_number, BulkInput, BulkOptions, Columns, Groups, Period, RuleSet};
/// let rules = RuleSet::member_default();
/// let meeting = rules.item_index("meeting").unwrap() as u16;
/// let d = day_number("2026-10-09".parse().unwrap());
/// let cols = Columns { subject: &[0, 0, 1], item: &[meeting; 3], day: &[d, d, d], quantity: None };
/// let input = BulkInput { columns: cols, n_subjects: 2, groups: Groups::Fixed(&[0, 0]), n_groups: 1 };
/// let out = score_columns(&rules, "2026-10".parse().unwrap(), 1, &input, BulkOptions::default()).unwrap();
/// let p = &out.periods[0];
/// assert_eq!(p.total, vec![64_000, 62_000]); // 60 + 2 × 2 and 60 + 2, in thousandths
/// assert_eq!(p.rank_overall, vec![1, 2]);
/// ```
pub fn score_columns<R: ScoringRules + ?Sized>(
    rules: &R,
    first: Period,
    count: usize,
    input: &BulkInput<'_>,
    opts: BulkOptions,
) -> Result<BulkScores, ScoringError> {
    score_columns_with(&*rules.compiled()?, first, count, input, opts, Path::Auto)
}

/// [`score_columns`] of an already compiled rule set (the typed API's entry: no validation).
pub(crate) fn score_compiled(
    rules: &CompiledRules,
    first: Period,
    count: usize,
    input: &BulkInput<'_>,
    opts: BulkOptions,
) -> Result<BulkScores, ScoringError> {
    score_columns_with(rules, first, count, input, opts, Path::Auto)
}

/// [`score_columns`] forced through the per-subject sort-and-sweep path (the kernel's
/// general path, which the streaming path must match bit for bit). For tests and benchmarks.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{score_columns, score_columns_per_subject, day_number, BulkInput, Columns, Groups, RuleSet};
/// let rules = RuleSet::member_default();
/// let d = day_number(dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 9).unwrap());
/// let columns = Columns { subject: &[0, 1, 0], item: &[0, 7, 0], day: &[d; 3], quantity: None };
/// let input = BulkInput { columns, n_subjects: 2, groups: Groups::Fixed(&[0, 0]), n_groups: 1 };
/// let (oct, opts) = ("2026-10".parse()?, Default::default());
/// assert_eq!(score_columns_per_subject(&rules, oct, 1, &input, opts)?, score_columns(&rules, oct, 1, &input, opts)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(hidden)]
pub fn score_columns_per_subject<R: ScoringRules + ?Sized>(
    rules: &R,
    first: Period,
    count: usize,
    input: &BulkInput<'_>,
    opts: BulkOptions,
) -> Result<BulkScores, ScoringError> {
    score_columns_with(
        &*rules.compiled()?,
        first,
        count,
        input,
        opts,
        Path::PerSubject,
    )
}

/// Which per-bucket algorithm scores the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// The streaming path when its exactness bound holds, else the per-subject path.
    Auto,
    /// Always the per-subject sort and sweep.
    PerSubject,
}

crate::speed::hot! {
fn score_columns_with(
    compiled: &CompiledRules,
    first: Period,
    count: usize,
    input: &BulkInput<'_>,
    opts: BulkOptions,
    path: Path,
) -> Result<BulkScores, ScoringError> {
    let (rules, c) = (compiled.rules(), &compiled.c);
    if first.kind() != rules.period {
        return Err(ScoringError::WrongPeriod {
            period: first.to_string(),
            expected: rules.period.label(),
            rule_set: rules.id.clone(),
        });
    }
    let limit = |what, limit, actual| {
        if actual > limit {
            Err(ScoringError::LimitExceeded {
                what,
                limit,
                actual,
            })
        } else {
            Ok(())
        }
    };
    limit("periods in one call", MAX_PERIODS, count)?;
    limit("subjects in one call", MAX_SUBJECTS, input.n_subjects)?;
    limit("groups in one call", NO_GROUP as usize, input.n_groups)?;
    let cols = input.columns;
    let n_events = cols.subject.len();
    limit("events in one call", MAX_EVENTS, n_events)?;
    for (name, len) in [
        ("item", cols.item.len()),
        ("day", cols.day.len()),
        ("quantity", cols.quantity.map_or(n_events, <[i64]>::len)),
    ] {
        if len != n_events {
            return Err(ScoringError::BadColumn {
                column: name,
                position: len.min(n_events),
                reason: format!("has {len} rows, `subject` has {n_events}"),
            });
        }
    }
    let n = input.n_subjects;
    let group_rows = match input.groups {
        Groups::Fixed(g) => (g, n),
        Groups::PerPeriod(g) => (g, n * count),
    };
    if group_rows.0.len() != group_rows.1 {
        return Err(ScoringError::BadColumn {
            column: "groups",
            position: group_rows.0.len().min(group_rows.1),
            reason: format!("has {} rows, expected {}", group_rows.0.len(), group_rows.1),
        });
    }
    if let Some(pos) = group_rows
        .0
        .iter()
        .position(|g| *g != NO_GROUP && *g as usize >= input.n_groups)
    {
        return Err(ScoringError::BadColumn {
            column: "groups",
            position: pos,
            reason: format!("group index is not below n_groups = {}", input.n_groups),
        });
    }
    let periods = first.sequence(count);
    let layout = Layout::new(&periods, rules.items.len(), n, n_events);

    let parallel = cfg!(feature = "parallel") && opts.parallel;
    let threads = if parallel { thread_count() } else { 1 };
    let chunk_len = n_events.div_ceil(threads.max(1)).max(1);
    let chunks: Vec<(usize, usize)> = (0..n_events)
        .step_by(chunk_len)
        .map(|s| (s, (s + chunk_len).min(n_events)))
        .collect();

    // 1. Bucket the events.
    let bucketed: Vec<Result<Chunk, ScoringError>> = map_maybe_par(parallel, &chunks, |&(s, e)| {
        bucket_chunk(&layout, &cols, s, e, n)
    });
    let mut buckets = Vec::with_capacity(bucketed.len());
    for b in bucketed {
        buckets.push(b?);
    }
    let events_skipped: usize = buckets.iter().map(|b| b.skipped).sum();
    check_points_range(c, &cols, n)?;

    // 2. Score each subject of each bucket: totals, grades, stars (and categories).
    let groups_of = |p: usize| -> &[u32] {
        match input.groups {
            Groups::Fixed(g) => g,
            Groups::PerPeriod(g) => g.get(p * n..(p + 1) * n).unwrap_or(&[]),
        }
    };
    let cats = opts.categories;
    let mut out: Vec<PeriodScores> = periods
        .iter()
        .map(|p| PeriodScores {
            period: Some(*p),
            total: vec![0; n],
            basic: if cats { vec![0; n] } else { Vec::new() },
            reward: if cats { vec![0; n] } else { Vec::new() },
            deduction: if cats { vec![0; n] } else { Vec::new() },
            veto: if cats { vec![0; n] } else { Vec::new() },
            grade: vec![NO_GRADE; n],
            stars: vec![0; n],
            vetoed: vec![false; n],
            demoted: vec![false; n],
            rank_in_org: vec![0; n],
            rank_overall: vec![0; n],
        })
        .collect();
    {
        let mut jobs: Vec<(usize, RowsMut<'_>)> = Vec::with_capacity(layout.n_buckets);
        for (p, ps) in out.iter_mut().enumerate() {
            for (blk, rows) in split_rows(ps, layout.block).into_iter().enumerate() {
                jobs.push((p * layout.n_blocks + blk, rows));
            }
        }
        let stream = if path == Path::Auto {
            Stream::new(c, &layout)
        } else {
            None
        };
        let run = |scratch: &mut Scratch, (b, mut rows): (usize, RowsMut<'_>)| {
            let p = b / layout.n_blocks.max(1);
            let blk = b % layout.n_blocks.max(1);
            let g = groups_of(p);
            let lo = (blk * layout.block).min(g.len());
            let hi = ((blk + 1) * layout.block).min(g.len());
            let Some(g) = g.get(lo..hi) else {
                return;
            };
            match &stream {
                Some(st) => stream_bucket(&buckets, b, p, &mut rows, st, c, &layout, g, scratch),
                None => {
                    if let Some(w) = layout.windows.get(p) {
                        let sc = (&mut scratch.sorted, &mut scratch.cnt);
                        process_bucket(&buckets, b, &mut rows, w, c, &layout, g, sc);
                    }
                }
            }
        };
        for_each_maybe_par(parallel, jobs, Scratch::default, run);
    }
    let events_scored = n_events - events_skipped;
    drop(buckets);

    // 3. Ranks and the quota, period by period.
    let fixed_index = match input.groups {
        Groups::Fixed(g) => Some(GroupIndex::new(g, input.n_groups)),
        Groups::PerPeriod(_) => None,
    };
    let indexed: Vec<(usize, &mut PeriodScores)> = out.iter_mut().enumerate().collect();
    let fin = |scratch: &mut RankScratch, (p, ps): (usize, &mut PeriodScores)| {
        let own;
        let gi = match &fixed_index {
            Some(gi) => gi,
            None => {
                own = GroupIndex::new(groups_of(p), input.n_groups);
                &own
            }
        };
        finalize(ps, c, gi, scratch);
    };
    for_each_maybe_par(parallel, indexed, RankScratch::default, fin);
    Ok(BulkScores {
        periods: out,
        events_scored,
        events_skipped,
    })
}
}

fn thread_count() -> usize {
    #[cfg(feature = "parallel")]
    {
        rayon::current_num_threads().max(1)
    }
    #[cfg(not(feature = "parallel"))]
    {
        1
    }
}

fn map_maybe_par<T: Sync, R: Send>(
    parallel: bool,
    items: &[T],
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    if parallel {
        use rayon::prelude::*;
        return items.par_iter().map(f).collect();
    }
    let _ = parallel;
    items.iter().map(f).collect()
}

fn for_each_maybe_par<T: Send, S>(
    parallel: bool,
    items: Vec<T>,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, T) + Sync + Send,
) {
    #[cfg(feature = "parallel")]
    if parallel {
        use rayon::prelude::*;
        items.into_par_iter().with_max_len(1).for_each_init(init, f);
        return;
    }
    let _ = parallel;
    let mut scratch = init();
    for it in items {
        f(&mut scratch, it);
    }
}

/// Per-period lookup tables: window index of each day offset, for each window kind.
struct PeriodWindows {
    /// Indexed by window slot: [`Window::ALL`] then the whole period.
    tables: [Vec<u16>; 6],
}

struct Layout {
    range_start: DayNum,
    /// Period index of each day of the range.
    period_of: Vec<u16>,
    /// First day of each period, as an offset from `range_start`.
    period_off: Vec<u32>,
    windows: Vec<PeriodWindows>,
    item_bits: u32,
    n_items: usize,
    block_shift: u32,
    block: usize,
    n_blocks: usize,
    n_buckets: usize,
}

impl Layout {
    fn new(periods: &[Period], n_items: usize, n_subjects: usize, n_events: usize) -> Layout {
        let range_start = periods.first().map_or(0, |p| day_number(p.start()));
        let mut period_of = Vec::new();
        let mut period_off = Vec::with_capacity(periods.len());
        let mut windows = Vec::with_capacity(periods.len());
        for (k, p) in periods.iter().enumerate() {
            period_off.push(period_of.len() as u32);
            let days = p.days() as usize;
            period_of.extend(std::iter::repeat_n(k as u16, days));
            windows.push(PeriodWindows {
                tables: super::period::window_tables(p.start(), days),
            });
        }
        let item_bits = (usize::BITS - n_items.saturating_sub(1).leading_zeros()).max(1);
        let local_bits = 32 - DAY_BITS - item_bits;
        let per_row = n_events / (n_subjects.max(1) * periods.len().max(1));
        // About 64 Ki events (512 KiB) per bucket: few enough buckets that scattering into
        // them keeps its write streams in the cache, small enough that a bucket stays in L2.
        let target = (65_536 / per_row.max(1)).clamp(64, 1 << local_bits);
        let block_shift = usize::BITS - 1 - target.leading_zeros();
        let block = 1usize << block_shift;
        let n_blocks = n_subjects.div_ceil(block);
        Layout {
            range_start,
            period_of,
            period_off,
            windows,
            item_bits,
            n_items,
            block_shift,
            block,
            n_blocks,
            n_buckets: n_blocks * periods.len(),
        }
    }

    #[inline]
    fn local_shift(&self) -> u32 {
        32 + DAY_BITS + self.item_bits
    }
}

/// One chunk of the input, bucketed: `buf[start[b]..start[b + 1]]` holds bucket `b`.
struct Chunk {
    start: Vec<u32>,
    buf: Vec<u64>,
    skipped: usize,
}

impl Chunk {
    crate::speed::hot! {
    #[inline]
    fn bucket(&self, b: usize) -> &[u64] {
        let s = crate::invariant::at(&self.start, b) as usize;
        let e = crate::invariant::at(&self.start, b + 1) as usize;
        crate::invariant::rows(&self.buf, s..e)
    }
    }
}

crate::speed::hot! {
fn bucket_chunk(
    l: &Layout,
    cols: &Columns<'_>,
    from: usize,
    to: usize,
    n_subjects: usize,
) -> Result<Chunk, ScoringError> {
    let subject = crate::invariant::rows(cols.subject, from..to);
    let item = crate::invariant::rows(cols.item, from..to);
    let day = crate::invariant::rows(cols.day, from..to);
    let qty = cols.quantity.and_then(|q| q.get(from..to));
    let span = l.period_of.len() as i64;
    let bad = |column, k: usize, reason: String| ScoringError::BadColumn {
        column,
        position: from + k,
        reason,
    };
    // Pass 1: count per bucket (subjects and days only; the other columns are checked in
    // pass 2).
    let mut count = vec![0u32; l.n_buckets + 1];
    let mut skipped = 0usize;
    for (k, (&s, &d)) in subject.iter().zip(day).enumerate() {
        if s as usize >= n_subjects {
            return Err(bad("subject", k, format!("{s} is not below {n_subjects}")));
        }
        let off = i64::from(d) - i64::from(l.range_start);
        if off < 0 || off >= span {
            skipped += 1;
            continue;
        }
        let p = crate::invariant::at(&l.period_of, off as usize) as usize;
        let b = p * l.n_blocks + (s as usize >> l.block_shift);
        if let Some(c) = count.get_mut(b + 1) {
            *c += 1;
        }
    }
    for b in 0..l.n_buckets {
        let prev = crate::invariant::at(&count, b);
        if let Some(c) = count.get_mut(b + 1) {
            *c += prev;
        }
    }
    let start = count.clone();
    let kept = start.last().copied().unwrap_or(0) as usize;
    let mut buf = vec![0u64; kept];
    let mut cursor = count;
    // Pass 2: check items and quantities, scatter, packed.
    let mask = (1u32 << l.block_shift) - 1;
    let n_items = l.n_items;
    for (k, ((&s, &it), &d)) in subject.iter().zip(item).zip(day).enumerate() {
        if it as usize >= n_items {
            return Err(bad(
                "item",
                k,
                format!("{it} is not below the {n_items} items"),
            ));
        }
        let q = match qty {
            Some(q) => crate::invariant::at(q, k),
            None => 1000,
        };
        if q <= 0 || q > MAX_QUANTITY_RAW {
            return Err(bad(
                "quantity",
                k,
                format!("{q} thousandths: must be above 0 and at most {MAX_QUANTITY_RAW}"),
            ));
        }
        let off = i64::from(d) - i64::from(l.range_start);
        if off < 0 || off >= span {
            continue;
        }
        let p = crate::invariant::at(&l.period_of, off as usize) as usize;
        let day_off = off as u32 - crate::invariant::at(&l.period_off, p);
        let b = p * l.n_blocks + (s as usize >> l.block_shift);
        let key = ((s & mask) << (DAY_BITS + l.item_bits)) | (u32::from(it) << DAY_BITS) | day_off;
        if let Some(c) = cursor.get_mut(b) {
            if let Some(slot) = buf.get_mut(*c as usize) {
                *slot = (u64::from(key) << 32) | q as u64;
            }
            *c += 1;
        }
    }
    Ok(Chunk {
        start,
        buf,
        skipped,
    })
}
}

/// Mutable views of the output columns of one block of rows.
struct RowsMut<'a> {
    total: &'a mut [i64],
    grade: &'a mut [u8],
    stars: &'a mut [u8],
    vetoed: &'a mut [bool],
    cats: Option<[&'a mut [i64]; 4]>,
}

fn split_rows(ps: &mut PeriodScores, block: usize) -> Vec<RowsMut<'_>> {
    let block = block.max(1);
    let cats_on = !ps.basic.is_empty() || ps.total.is_empty();
    let mut basic = ps.basic.chunks_mut(block);
    let mut reward = ps.reward.chunks_mut(block);
    let mut deduction = ps.deduction.chunks_mut(block);
    let mut veto = ps.veto.chunks_mut(block);
    ps.total
        .chunks_mut(block)
        .zip(ps.grade.chunks_mut(block))
        .zip(ps.stars.chunks_mut(block))
        .zip(ps.vetoed.chunks_mut(block))
        .map(|(((total, grade), stars), vetoed)| {
            let cats = if cats_on {
                match (basic.next(), reward.next(), deduction.next(), veto.next()) {
                    (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
                    _ => None,
                }
            } else {
                None
            };
            RowsMut {
                total,
                grade,
                stars,
                vetoed,
                cats,
            }
        })
        .collect()
}

/// Reusable buffers of the per-bucket step.
#[derive(Default)]
struct Scratch {
    /// The bucket's events, sorted by (sub-block, day).
    sorted: Vec<u64>,
    /// Counting-sort histogram.
    cnt: Vec<u32>,
    /// Per (subject in the sub-block, cap window): the generation of the sub-block that
    /// last wrote it and the quantity summed in the window so far.
    slots: Vec<(u64, i64)>,
    /// Per subject of the bucket: running category totals (zeroed again when read).
    cats: Vec<[i64; 4]>,
    /// Per subject of the bucket: whether a veto item occurred (cleared when read).
    veto: Vec<bool>,
    /// Generation of the current sub-block (stamps of older sub-blocks never match).
    generation: u64,
}

/// One item as the streaming path needs it.
#[derive(Debug, Clone, Copy)]
struct StreamItem {
    points: i64,
    /// Cap magnitude, `i64::MAX` without a cap (the clamp is then the identity).
    cap: i64,
    cat: usize,
}

/// The rule set compiled for the streaming path (see [`stream_bucket`]), per period.
struct Stream {
    items: Vec<StreamItem>,
    periods: Vec<StreamPeriod>,
    /// Category caps, `i64::MAX` when none.
    cat_caps: [i64; 4],
    /// Whether the grade minimums descend (validated rule sets: they do).
    grades_descend: bool,
}

/// The cap windows of one period.
struct StreamPeriod {
    /// Days of the period.
    days: usize,
    /// `slot_of[item * days + day]`: the slot of that item's cap window on that day among
    /// one subject's `windows` slots.
    slot_of: Vec<u32>,
    /// Cap windows of all items in the period (slots per subject).
    windows: usize,
    /// Subjects of a sub-block: `1 << sub_shift`.
    sub_shift: u32,
}

impl Stream {
    /// `None` when the streaming path's exactness bound does not hold: every partial sum of
    /// window points of one subject must fit in an `i64` (`items × days × MAX_ABS`), so that
    /// summing per-event increments gives the same integers as the per-subject path's
    /// saturating sums (which then never saturate).
    fn new(c: &Compiled, l: &Layout) -> Option<Stream> {
        let n_items = c.items.len();
        let days_of = |w: &PeriodWindows| w.tables.get(5).map_or(0, Vec::len);
        let max_days = l.windows.iter().map(days_of).max().unwrap_or(0);
        let bound = (n_items.max(1) as i128)
            * (max_days.max(1) as i128)
            * i128::from(crate::fixed::MAX_ABS);
        if bound > i128::from(i64::MAX) || max_days >= 1 << DAY_BITS {
            return None;
        }
        let items: Vec<StreamItem> = c
            .items
            .iter()
            .map(|it| StreamItem {
                points: it.points,
                cap: it.cap.unwrap_or(NO_CAP),
                cat: usize::from(it.cat).min(3),
            })
            .collect();
        let mut periods = Vec::with_capacity(l.windows.len());
        for w in &l.windows {
            let days = days_of(w);
            let mut slot_of = Vec::with_capacity(n_items * days);
            let mut windows = 0u32;
            for it in &c.items {
                let tab = w
                    .tables
                    .get(usize::from(it.window))
                    .map_or(&[][..], |t| &t[..]);
                let base = windows;
                let mut last = 0u32;
                for k in 0..days {
                    let win = u32::from(crate::invariant::at(tab, k));
                    last = last.max(win);
                    slot_of.push(base + win);
                }
                windows = base + last + 1;
            }
            let windows = (windows as usize).max(1);
            // A sub-block's slots (16 bytes per subject and window) and running category
            // totals (33 bytes per subject) take at most 32 KiB, so they stay in a typical
            // L1 data cache from one sub-block to the next.
            let per_sub = (32_768 / (16 * windows + 33)).clamp(1, l.block.max(1));
            periods.push(StreamPeriod {
                days,
                slot_of,
                windows,
                sub_shift: usize::BITS - 1 - per_sub.leading_zeros(),
            });
        }
        Some(Stream {
            items,
            periods,
            cat_caps: c.cat_caps.map(|x| x.unwrap_or(NO_CAP)),
            grades_descend: c.grade_mins.windows(2).all(|w| w.first() >= w.last()),
        })
    }
}

crate::speed::hot! {
/// Scores one bucket by streaming its events.
///
/// The bucket is counting-sorted by sub-block of subjects (small enough for the cache).
/// Each subject of a sub-block has one slot per cap window of each item (a month scored
/// with day caps has 31 for each day-capped item, one for each other item), holding the
/// window's running quantity. Each event adds to its subject's category the increment
/// `points(window quantity after) − points(window quantity before)` (both cut to the cap):
/// these telescope to exactly the sum of the capped window points, with no sort per subject
/// and no branch on the data. Slots carry the generation of the sub-block that last wrote
/// them, so they are never cleared.
#[allow(clippy::too_many_arguments)]
fn stream_bucket(
    chunks: &[Chunk],
    b: usize,
    p: usize,
    rows: &mut RowsMut<'_>,
    st: &Stream,
    c: &Compiled,
    l: &Layout,
    groups: &[u32],
    sc: &mut Scratch,
) {
    let Some(sp) = st.periods.get(p) else {
        return;
    };
    let nrows = rows.total.len();
    let days = sp.days.max(1);
    let windows = sp.windows;
    let slot_of = sp.slot_of.as_slice();
    let ls = l.local_shift();
    let sub_shift = sp.sub_shift;
    let sub = 1usize << sub_shift;
    let n_sub = nrows.div_ceil(sub).max(1);
    let day_mask = (1u64 << DAY_BITS) - 1;
    let total: usize = chunks.iter().map(|ch| ch.bucket(b).len()).sum();
    // Counting sort by sub-block.
    let cnt = &mut sc.cnt;
    cnt.clear();
    cnt.resize(n_sub + 1, 0);
    for ch in chunks {
        for &v in ch.bucket(b) {
            if let Some(x) = cnt.get_mut(((v >> ls) as usize >> sub_shift) + 1) {
                *x += 1;
            }
        }
    }
    let mut acc = 0u32;
    for x in cnt.iter_mut() {
        acc += *x;
        *x = acc;
    }
    if sc.sorted.len() < total {
        sc.sorted.resize(total, 0);
    }
    let sorted = sc.sorted.as_mut_slice();
    for ch in chunks {
        for &v in ch.bucket(b) {
            if let Some(x) = cnt.get_mut((v >> ls) as usize >> sub_shift) {
                if let Some(slot) = sorted.get_mut(*x as usize) {
                    *slot = v;
                }
                *x += 1;
            }
        }
    }
    // Now cnt[k] is the end of sub-block k.
    let slots_len = sub * windows;
    if sc.slots.len() < slots_len {
        sc.slots.resize(slots_len, (u64::MAX, 0));
    }
    if sc.cats.len() < sub {
        sc.cats.resize(sub, [0; 4]);
        sc.veto.resize(sub, false);
    }
    let item_mask = (1u64 << l.item_bits) - 1;
    let sub_mask = sub - 1;
    let caps = st.cat_caps;
    let mut start = 0usize;
    let mut cat_cols = rows.cats.as_mut().map(|[a, b, c, d]| {
        [
            a.chunks_mut(sub),
            b.chunks_mut(sub),
            c.chunks_mut(sub),
            d.chunks_mut(sub),
        ]
    });
    let row_chunks = groups
        .chunks(sub)
        .zip(rows.total.chunks_mut(sub))
        .zip(rows.grade.chunks_mut(sub))
        .zip(rows.stars.chunks_mut(sub))
        .zip(rows.vetoed.chunks_mut(sub))
        .enumerate();
    for (k, ((((groups, total), grade), stars), vetoed)) in row_chunks {
        let end = crate::invariant::at(cnt, k) as usize;
        let evs = crate::invariant::rows(&sc.sorted, start..end);
        start = end;
        sc.generation += 1;
        let stamp = sc.generation;
        for &v in evs {
            let local = (v >> ls) as usize & sub_mask;
            let item = ((v >> (32 + DAY_BITS)) & item_mask) as usize;
            let day = ((v >> 32) & day_mask) as usize;
            let q = i64::from(v as u32);
            let Some(it) = st.items.get(item) else {
                continue;
            };
            let win = crate::invariant::at(slot_of, item * days + day) as usize;
            let Some(slot) = sc.slots.get_mut(local * windows + win) else {
                continue;
            };
            let old = if slot.0 == stamp { slot.1 } else { 0 };
            let new = old + q;
            *slot = (stamp, new);
            // Most windows get one event: then there is nothing to take back.
            let before = if old == 0 {
                0
            } else {
                window_cap(mul_points(it.points, old), it.cap)
            };
            let delta = window_cap(mul_points(it.points, new), it.cap) - before;
            if let Some(x) = sc.cats.get_mut(local).and_then(|cs| cs.get_mut(it.cat)) {
                *x += delta;
            }
            if it.cat == 3 {
                if let Some(x) = sc.veto.get_mut(local) {
                    *x = true;
                }
            }
        }
        // The rows of the sub-block: category caps, total, grade, stars.
        let mut cols = cat_cols
            .as_mut()
            .and_then(|[a, b, c, d]| Some([a.next()?, b.next()?, c.next()?, d.next()?]));
        let per_row = sc
            .cats
            .iter_mut()
            .zip(sc.veto.iter_mut())
            .zip(groups)
            .zip(total.iter_mut())
            .zip(grade.iter_mut())
            .zip(stars.iter_mut())
            .zip(vetoed.iter_mut())
            .enumerate();
        for (i, ((((((cs, vt), g), tot), grade), stars), vetoed)) in per_row {
            let cats = std::mem::take(cs);
            let v = std::mem::take(vt);
            if *g == NO_GROUP {
                continue;
            }
            let cats = category_caps(cats, caps);
            let t = total_of(c, cats);
            *tot = t;
            *grade = if !v && st.grades_descend {
                // With descending minimums the first one reached is after all those above
                // the total: count them, without a branch per threshold (the same index as
                // `grade_of`).
                c.grade_mins.iter().filter(|m| t < **m).count() as u8
            } else {
                grade_by(&c.grade_mins, v, |m| t >= m)
            };
            *stars = stars_of(c, t, v);
            *vetoed = v;
            if let Some([c0, c1, c2, c3]) = cols.as_mut() {
                let [x0, x1, x2, x3] = cats;
                let put = |col: &mut [i64], x: i64| {
                    if let Some(slot) = col.get_mut(i) {
                        *slot = x;
                    }
                };
                put(c0, x0);
                put(c1, x1);
                put(c2, x2);
                put(c3, x3);
            }
        }
    }
}
}

fn insertion_sort(v: &mut [u64]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            match (v.get(j - 1).copied(), v.get(j).copied()) {
                (Some(a), Some(b)) if a > b => {
                    v.swap(j - 1, j);
                    j -= 1;
                }
                _ => break,
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn process_bucket(
    chunks: &[Chunk],
    b: usize,
    rows: &mut RowsMut<'_>,
    w: &PeriodWindows,
    c: &Compiled,
    l: &Layout,
    groups: &[u32],
    (scratch, cnt): (&mut Vec<u64>, &mut Vec<u32>),
) {
    let nrows = rows.total.len();
    let total: usize = chunks.iter().map(|ch| ch.bucket(b).len()).sum();
    let ls = l.local_shift();
    // Counting sort by local subject.
    cnt.clear();
    cnt.resize(nrows + 1, 0);
    if total > 0 {
        for ch in chunks {
            for &v in ch.bucket(b) {
                if let Some(x) = cnt.get_mut((v >> ls) as usize + 1) {
                    *x += 1;
                }
            }
        }
        for i in 0..nrows {
            let prev = crate::invariant::at(cnt, i);
            if let Some(x) = cnt.get_mut(i + 1) {
                *x += prev;
            }
        }
        scratch.clear();
        scratch.resize(total, 0);
        for ch in chunks {
            for &v in ch.bucket(b) {
                if let Some(x) = cnt.get_mut((v >> ls) as usize) {
                    if let Some(slot) = scratch.get_mut(*x as usize) {
                        *slot = v;
                    }
                    *x += 1;
                }
            }
        }
    }
    // Now cnt[i] is the end of subject i's events.
    let item_mask = (1u64 << l.item_bits) - 1;
    let mut start = 0usize;
    for i in 0..nrows {
        let end = crate::invariant::at(cnt, i) as usize;
        let evs = scratch.get_mut(start..end).unwrap_or(&mut []);
        start = end;
        if groups.get(i).copied().unwrap_or(NO_GROUP) == NO_GROUP {
            continue;
        }
        let (cats, vetoed) = if evs.is_empty() {
            ([0i64; 4], false)
        } else {
            score_subject(evs, w, c, item_mask)
        };
        let t = total_of(c, cats);
        if let Some(x) = rows.total.get_mut(i) {
            *x = t;
        }
        if let Some(x) = rows.grade.get_mut(i) {
            *x = grade_of(c, t, vetoed);
        }
        if let Some(x) = rows.stars.get_mut(i) {
            *x = stars_of(c, t, vetoed);
        }
        if let Some(x) = rows.vetoed.get_mut(i) {
            *x = vetoed;
        }
        if let Some(cols) = rows.cats.as_mut() {
            for (col, v) in cols.iter_mut().zip(cats) {
                if let Some(slot) = col.get_mut(i) {
                    *slot = v;
                }
            }
        }
    }
}

/// Category totals (capped) and the veto flag of one subject's events in one period.
#[inline]
fn score_subject(
    evs: &mut [u64],
    w: &PeriodWindows,
    c: &Compiled,
    item_mask: u64,
) -> ([i64; 4], bool) {
    if evs.len() <= 32 {
        insertion_sort(evs);
    } else {
        evs.sort_unstable();
    }
    let item_of = |v: u64| ((v >> (32 + DAY_BITS)) & item_mask) as usize;
    let day_of = |v: u64| ((v >> 32) & ((1 << DAY_BITS) - 1)) as usize;
    let qty_of = |v: u64| i64::from(v as u32);
    let mut cats = [0i64; 4];
    let mut vetoed = false;
    let mut i = 0;
    while let Some(&v0) = evs.get(i) {
        let item = item_of(v0);
        let Some(ci) = c.items.get(item) else {
            i += 1;
            continue;
        };
        let tab: &[u16] = w.tables.get(ci.window as usize).map_or(&[], |t| &t[..]);
        let mut item_pts = 0i64;
        while let Some(&v) = evs.get(i).filter(|v| item_of(**v) == item) {
            let win = tab.get(day_of(v)).copied().unwrap_or(0);
            let mut q = 0i64;
            while let Some(&u) = evs.get(i) {
                if item_of(u) != item || tab.get(day_of(u)).copied().unwrap_or(0) != win {
                    break;
                }
                q += qty_of(u);
                i += 1;
            }
            item_pts = item_pts.saturating_add(window_points(ci.points, q, ci.cap));
        }
        if let Some(slot) = cats.get_mut(ci.cat as usize) {
            *slot = slot.saturating_add(item_pts);
        }
        if ci.cat == 3 {
            vetoed = true;
        }
    }
    (
        category_caps(cats, c.cat_caps.map(|k| k.unwrap_or(NO_CAP))),
        vetoed,
    )
}

/// Refuses inputs whose points could leave ±10^12 (`fixed::MAX_ABS`), before scoring: the
/// bound of a subject is `|base|` plus, per event, `|points| × quantity` (rounded up) or the
/// item's cap if smaller (a window's points never exceed the sum of these). Within the bound
/// no window, category total or total saturates, so every published value is exact. A quick
/// bound from the largest event first: the per-subject pass runs only when it fails (never
/// for realistic tables), and neither touches the scoring loops.
fn check_points_range(
    c: &Compiled,
    cols: &Columns<'_>,
    n_subjects: usize,
) -> Result<(), ScoringError> {
    const MAX: i128 = crate::fixed::MAX_ABS as i128;
    let event_bound = |item: &CompiledItem, q: i64| -> i128 {
        let b = i128::from(item.points).abs() * i128::from(q) / 1000 + 1;
        item.cap.map_or(b, |cap| b.min(i128::from(cap)))
    };
    let worst = c
        .items
        .iter()
        .map(|it| event_bound(it, MAX_QUANTITY_RAW))
        .max()
        .unwrap_or(0);
    let base = i128::from(c.base).abs();
    let n_events = cols.subject.len() as i128;
    if base + n_events * worst <= MAX {
        return Ok(());
    }
    let mut sums = vec![0i128; n_subjects];
    for (k, (&s, &it)) in cols.subject.iter().zip(cols.item).enumerate() {
        let q = cols
            .quantity
            .and_then(|q| q.get(k).copied())
            .unwrap_or(1000);
        let (Some(item), Some(sum)) = (c.items.get(it as usize), sums.get_mut(s as usize)) else {
            continue;
        };
        *sum += event_bound(item, q);
        if base + *sum > MAX {
            return Err(ScoringError::PointsOutOfRange {
                subject: s as usize,
                bound: crate::fixed::Fixed::from_raw(
                    i64::try_from(base + *sum).unwrap_or(i64::MAX),
                )
                .to_string(),
            });
        }
    }
    Ok(())
}

/// The active subjects of each group, in subject order: `order[bounds[g]..bounds[g + 1]]`.
struct GroupIndex {
    order: Vec<u32>,
    bounds: Vec<u32>,
}

impl GroupIndex {
    crate::speed::hot! {
    fn new(groups: &[u32], n_groups: usize) -> GroupIndex {
        let mut bounds = vec![0u32; n_groups + 1];
        for &g in groups {
            // `NO_GROUP + 1` must not wrap to 0 where usize is 32 bits (wasm32).
            if let Some(x) = (g as usize).checked_add(1).and_then(|i| bounds.get_mut(i)) {
                *x += 1;
            }
        }
        for g in 0..n_groups {
            let prev = crate::invariant::at(&bounds, g);
            if let Some(x) = bounds.get_mut(g + 1) {
                *x += prev;
            }
        }
        let mut cursor = bounds.clone();
        let mut order = vec![0u32; bounds.last().copied().unwrap_or(0) as usize];
        for (s, &g) in groups.iter().enumerate() {
            if let Some(x) = cursor.get_mut(g as usize) {
                if let Some(slot) = order.get_mut(*x as usize) {
                    *slot = s as u32;
                }
                *x += 1;
            }
        }
        GroupIndex { order, bounds }
    }
    }

    fn groups(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.bounds.windows(2).filter_map(|w| match w {
            [a, b] => self.order.get(*a as usize..*b as usize),
            _ => None,
        })
    }
}

/// Reusable buffers of the ranking step.
#[derive(Default)]
struct RankScratch {
    hist: Vec<u32>,
    pairs: Vec<(i64, u32)>,
    totals: Vec<i64>,
    narrow: Vec<i32>,
}

/// Largest group ranked by direct comparison (above it, by sorting).
const SMALL_GROUP: usize = 96;

crate::speed::hot! {
#[inline(never)]
fn finalize(ps: &mut PeriodScores, c: &Compiled, gi: &GroupIndex, sc: &mut RankScratch) {
    let active = gi.order.len();
    if active == 0 {
        return;
    }
    let total = &ps.total;
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for &s in &gi.order {
        let t = crate::invariant::at(total, s as usize);
        lo = lo.min(t);
        hi = hi.max(t);
    }
    // Overall competition ranks: 1 + the number of rows with a greater total.
    let range = (hi as i128 - lo as i128 + 1) as u128;
    if range <= (4 * active as u128).max(1 << 10) && range <= 1 << 26 {
        let r = range as usize;
        sc.hist.clear();
        sc.hist.resize(r + 1, 0);
        for &s in &gi.order {
            let k = (hi - crate::invariant::at(total, s as usize)) as usize;
            if let Some(h) = sc.hist.get_mut(k + 1) {
                *h += 1;
            }
        }
        for k in 0..r {
            let prev = crate::invariant::at(&sc.hist, k);
            if let Some(h) = sc.hist.get_mut(k + 1) {
                *h += prev;
            }
        }
        // hist[k] is now the number of rows with total > hi - k.
        for &s in &gi.order {
            let k = (hi - crate::invariant::at(total, s as usize)) as usize;
            if let Some(x) = ps.rank_overall.get_mut(s as usize) {
                *x = 1 + crate::invariant::at(&sc.hist, k);
            }
        }
    } else {
        sc.pairs.clear();
        sc.pairs.extend(
            gi.order
                .iter()
                .map(|&s| (crate::invariant::at(total, s as usize), s)),
        );
        sc.pairs.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
        assign_sorted(&sc.pairs, &mut ps.rank_overall);
    }
    // Ranks in each group and the top-grade quota.
    for members in gi.groups() {
        if members.is_empty() {
            continue;
        }
        let allowed = c.quota.map(|q| quota_allowed(members.len(), q));
        if members.len() <= SMALL_GROUP {
            sc.totals.clear();
            sc.totals.extend(
                members
                    .iter()
                    .map(|&s| crate::invariant::at(total, s as usize)),
            );
            let ts = &sc.totals;
            let lo = ts.iter().copied().min().unwrap_or(0);
            let hi = ts.iter().copied().max().unwrap_or(0);
            if i128::from(hi) - i128::from(lo) <= i128::from(i32::MAX) {
                // Compare as 32-bit offsets from the group's minimum: four per SSE2 compare.
                sc.narrow.clear();
                sc.narrow.extend(ts.iter().map(|&t| (t - lo) as i32));
                let ns = &sc.narrow;
                for (&s, &t) in members.iter().zip(ns) {
                    // A 32-bit count (not `count()`'s usize) keeps the compares four to
                    // a vector register.
                    let greater = ns.iter().fold(0u32, |a, &o| a + u32::from(o > t));
                    if let Some(x) = ps.rank_in_org.get_mut(s as usize) {
                        *x = 1 + greater;
                    }
                }
            } else {
                for (&s, &t) in members.iter().zip(ts) {
                    let greater = ts.iter().filter(|&&o| o > t).count() as u32;
                    if let Some(x) = ps.rank_in_org.get_mut(s as usize) {
                        *x = 1 + greater;
                    }
                }
            }
            if let Some(allowed) = allowed {
                let is_top = |s: u32| ps.grade.get(s as usize).copied() == Some(0);
                let holders = members.iter().filter(|&&s| is_top(s)).count();
                if holders > allowed {
                    // The quota's rule on the holders, best first (rare: only when they do
                    // not fit).
                    sc.pairs.clear();
                    sc.pairs.extend(
                        members
                            .iter()
                            .zip(ts)
                            .filter(|&(&s, _)| is_top(s))
                            .map(|(&s, &t)| (t, s)),
                    );
                    sc.pairs.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
                    apply_quota(&sc.pairs, allowed, &mut ps.grade, &mut ps.demoted);
                    sc.pairs.clear();
                }
            }
        } else {
            sc.pairs.clear();
            sc.pairs.extend(
                members
                    .iter()
                    .map(|&s| (crate::invariant::at(total, s as usize), s)),
            );
            sc.pairs.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
            assign_sorted(&sc.pairs, &mut ps.rank_in_org);
            if let Some(allowed) = allowed {
                apply_quota(&sc.pairs, allowed, &mut ps.grade, &mut ps.demoted);
            }
        }
    }
}
}

/// Competition ranks (1, 2, 2, 4) of `(total, subject)` pairs sorted by descending total.
fn assign_sorted(sorted: &[(i64, u32)], rank: &mut [u32]) {
    competition_ranks(sorted.iter().map(|&(t, s)| (t, s as usize)), rank);
}

/// Demotes, in one organization (`sorted` by descending total), the top-grade holders beyond
/// `allowed`; a tie at the boundary is demoted whole.
fn apply_quota(sorted: &[(i64, u32)], allowed: usize, grade: &mut [u8], demoted: &mut [bool]) {
    let is_top = |s: u32, grade: &[u8]| grade.get(s as usize).copied() == Some(0);
    let holders = sorted.iter().filter(|(_, s)| is_top(*s, grade));
    let Some(cut) = quota_cut(holders.map(|(t, _)| *t), allowed) else {
        return;
    };
    for &(t, s) in sorted {
        if quota_demotes(&t, &cut) && is_top(s, grade) {
            if let Some(x) = grade.get_mut(s as usize) {
                *x = 1;
            }
            if let Some(x) = demoted.get_mut(s as usize) {
                *x = true;
            }
        }
    }
}
