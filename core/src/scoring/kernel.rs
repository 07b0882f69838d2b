//! The columnar bulk kernel: one implementation of the scoring semantics, used by the typed
//! API, the bindings and the benchmark.
//!
//! Algorithm (no per-row allocation, input in any order):
//! 1. the events are cut into one chunk per thread; each chunk counts its events per bucket
//!    (period × block of subjects) and scatters them, packed into one `u64` each (local subject,
//!    item, day in period, quantity), into its own buffer, bucket by bucket;
//! 2. each bucket (a period and a block of subjects, small enough for the cache) is
//!    counting-sorted by subject; each subject's few events are sorted by (item, day), and one
//!    sweep sums quantities per (item, cap window), multiplies, cuts to the cap, sums items per
//!    category and cuts to the category caps;
//! 3. each period is finished: totals clamped to floor and ceiling, grades and stars, a
//!    descending order by total (counting sort when the totals are dense), competition ranks
//!    overall and, after a stable counting sort by organization, per organization, with the
//!    top-grade quota.
//!
//! Extra memory: 8 bytes per event while bucketing, plus the output columns.

use super::activity::MAX_QUANTITY;
use super::error::ScoringError;
use super::period::{day_number, DayNum, Period, Window};
use super::rules::{window_points, Compiled, RuleSet, WHOLE};

const MAX_QUANTITY_RAW: i64 = MAX_QUANTITY.raw();

/// Group (organization) of an inactive subject: no row in that period.
pub const NO_GROUP: u32 = u32::MAX;
/// Grade of an inactive row.
pub const NO_GRADE: u8 = u8::MAX;
/// Most periods scored in one call.
pub const MAX_PERIODS: usize = 1200;
/// Most events in one call (2^32 − 1).
pub const MAX_EVENTS: usize = u32::MAX as usize;
/// Most subjects in one call.
pub const MAX_SUBJECTS: usize = 1 << 31;

const DAY_BITS: u32 = 9;

/// The event columns of a bulk call. Subjects and items are indices (dictionary codes): the
/// subject into `0..n_subjects`, the item into the rule set's `items`.
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
#[derive(Debug, Clone, Copy)]
pub enum Groups<'a> {
    /// One group per subject, the same in every period.
    Fixed(&'a [u32]),
    /// Period-major: `groups[p * n_subjects + s]`.
    PerPeriod(&'a [u32]),
}

/// Everything a bulk call scores.
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodScores {
    /// The period.
    pub period: Option<Period>,
    /// Total: base plus category totals, clamped to floor and ceiling.
    pub total: Vec<i64>,
    /// Basic points (after the category cap).
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
    pub fn is_active(&self, s: usize) -> bool {
        self.rank_overall.get(s).is_some_and(|r| *r > 0)
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.total.capacity() * 8 * 5
            + self.grade.capacity()
            + self.stars.capacity()
            + self.vetoed.capacity()
            + self.demoted.capacity()
            + self.rank_in_org.capacity() * 4 * 2
    }
}

/// The result of a bulk call.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BulkOptions {
    /// Use all threads of the rayon pool (needs the `parallel` feature; otherwise ignored).
    pub parallel: bool,
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
pub fn score_columns(
    rules: &RuleSet,
    first: Period,
    count: usize,
    input: &BulkInput<'_>,
    opts: BulkOptions,
) -> Result<BulkScores, ScoringError> {
    let c = Compiled::new(rules)?;
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

    // 2. Sum per subject, item and window into the category columns.
    let mut out: Vec<PeriodScores> = periods
        .iter()
        .map(|p| PeriodScores {
            period: Some(*p),
            basic: vec![0; n],
            reward: vec![0; n],
            deduction: vec![0; n],
            veto: vec![0; n],
            vetoed: vec![false; n],
            ..PeriodScores::default()
        })
        .collect();
    {
        let mut jobs: Vec<(usize, RowsMut<'_>)> = Vec::new();
        for (p, ps) in out.iter_mut().enumerate() {
            for (blk, rows) in split_rows(ps, layout.block).into_iter().enumerate() {
                jobs.push((p * layout.n_blocks + blk, rows));
            }
        }
        let run = |scratch: &mut (Vec<u64>, Vec<u32>), (b, mut rows): (usize, RowsMut<'_>)| {
            let p = b / layout.n_blocks.max(1);
            if let Some(w) = layout.windows.get(p) {
                process_bucket(&buckets, b, &mut rows, w, &c, &layout, scratch);
            }
        };
        for_each_maybe_par(parallel, jobs, || (Vec::new(), Vec::new()), run);
    }
    let events_scored = n_events - events_skipped;
    drop(buckets);

    // 3. Finish each period.
    let groups_of = |p: usize| -> &[u32] {
        match input.groups {
            Groups::Fixed(g) => g,
            Groups::PerPeriod(g) => g.get(p * n..(p + 1) * n).unwrap_or(&[]),
        }
    };
    let indexed: Vec<(usize, &mut PeriodScores)> = out.iter_mut().enumerate().collect();
    let fin = |_: &mut (), (p, ps): (usize, &mut PeriodScores)| {
        finalize(ps, &c, groups_of(p), input.n_groups);
    };
    for_each_maybe_par(parallel, indexed, || (), fin);
    Ok(BulkScores {
        periods: out,
        events_scored,
        events_skipped,
    })
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
            let mut tables: [Vec<u16>; 6] = Default::default();
            for (slot, t) in tables.iter_mut().enumerate() {
                *t = (0..days)
                    .map(|o| match Window::ALL.get(slot) {
                        Some(w) => {
                            let date = p.start() + chrono::Days::new(o as u64);
                            w.index_in(p.start(), date) as u16
                        }
                        None => 0,
                    })
                    .collect();
            }
            windows.push(PeriodWindows { tables });
        }
        let item_bits = (usize::BITS - n_items.saturating_sub(1).leading_zeros()).max(1);
        let local_bits = 32 - DAY_BITS - item_bits;
        let per_row = n_events / (n_subjects.max(1) * periods.len().max(1));
        let target = (32_768 / per_row.max(1)).clamp(64, 1 << local_bits);
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
    fn bucket(&self, b: usize) -> &[u64] {
        let s = self.start.get(b).copied().unwrap_or(0) as usize;
        let e = self.start.get(b + 1).copied().unwrap_or(0) as usize;
        self.buf.get(s..e).unwrap_or(&[])
    }
}

fn bucket_chunk(
    l: &Layout,
    cols: &Columns<'_>,
    from: usize,
    to: usize,
    n_subjects: usize,
) -> Result<Chunk, ScoringError> {
    let subject = cols.subject.get(from..to).unwrap_or(&[]);
    let item = cols.item.get(from..to).unwrap_or(&[]);
    let day = cols.day.get(from..to).unwrap_or(&[]);
    let qty = cols.quantity.and_then(|q| q.get(from..to));
    let span = l.period_of.len() as i64;
    let bad = |column, k: usize, reason: String| ScoringError::BadColumn {
        column,
        position: from + k,
        reason,
    };
    // Pass 1: validate and count per bucket.
    let mut count = vec![0u32; l.n_buckets + 1];
    let mut skipped = 0usize;
    for (k, ((&s, &it), &d)) in subject.iter().zip(item).zip(day).enumerate() {
        if s as usize >= n_subjects {
            return Err(bad("subject", k, format!("{s} is not below {n_subjects}")));
        }
        if it as usize >= l.n_items {
            return Err(bad(
                "item",
                k,
                format!("{it} is not below the {} items", l.n_items),
            ));
        }
        if let Some(q) = qty.and_then(|q| q.get(k)) {
            if *q <= 0 || *q > MAX_QUANTITY_RAW {
                return Err(bad(
                    "quantity",
                    k,
                    format!("{q} thousandths: must be above 0 and at most {MAX_QUANTITY_RAW}"),
                ));
            }
        }
        let off = i64::from(d) - i64::from(l.range_start);
        if off < 0 || off >= span {
            skipped += 1;
            continue;
        }
        let p = l.period_of.get(off as usize).copied().unwrap_or(0) as usize;
        let b = p * l.n_blocks + (s as usize >> l.block_shift);
        if let Some(c) = count.get_mut(b + 1) {
            *c += 1;
        }
    }
    for b in 0..l.n_buckets {
        let prev = count.get(b).copied().unwrap_or(0);
        if let Some(c) = count.get_mut(b + 1) {
            *c += prev;
        }
    }
    let start = count.clone();
    let kept = start.last().copied().unwrap_or(0) as usize;
    let mut buf = vec![0u64; kept];
    let mut cursor = count;
    // Pass 2: scatter, packed.
    let mask = (1u32 << l.block_shift) - 1;
    for (k, ((&s, &it), &d)) in subject.iter().zip(item).zip(day).enumerate() {
        let off = i64::from(d) - i64::from(l.range_start);
        if off < 0 || off >= span {
            continue;
        }
        let p = l.period_of.get(off as usize).copied().unwrap_or(0) as usize;
        let day_off = off as u32 - l.period_off.get(p).copied().unwrap_or(0);
        let b = p * l.n_blocks + (s as usize >> l.block_shift);
        let q = qty.and_then(|q| q.get(k)).copied().unwrap_or(1000) as u32;
        let key = ((s & mask) << (DAY_BITS + l.item_bits)) | (u32::from(it) << DAY_BITS) | day_off;
        if let Some(c) = cursor.get_mut(b) {
            if let Some(slot) = buf.get_mut(*c as usize) {
                *slot = (u64::from(key) << 32) | u64::from(q);
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

/// Mutable views of the category columns of one block of rows.
struct RowsMut<'a> {
    cats: [&'a mut [i64]; 4],
    vetoed: &'a mut [bool],
}

fn split_rows(ps: &mut PeriodScores, block: usize) -> Vec<RowsMut<'_>> {
    let mut out = Vec::new();
    let mut cats: [&mut [i64]; 4] = [
        &mut ps.basic[..],
        &mut ps.reward[..],
        &mut ps.deduction[..],
        &mut ps.veto[..],
    ];
    let mut vetoed: &mut [bool] = &mut ps.vetoed[..];
    while !vetoed.is_empty() {
        let k = block.min(vetoed.len());
        let (v1, v2) = std::mem::take(&mut vetoed).split_at_mut(k);
        vetoed = v2;
        let mut heads: [&mut [i64]; 4] = Default::default();
        for (h, c) in heads.iter_mut().zip(cats.iter_mut()) {
            let (a, b) = std::mem::take(c).split_at_mut(k);
            *h = a;
            *c = b;
        }
        out.push(RowsMut {
            cats: heads,
            vetoed: v1,
        });
    }
    out
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

fn process_bucket(
    chunks: &[Chunk],
    b: usize,
    rows: &mut RowsMut<'_>,
    w: &PeriodWindows,
    c: &Compiled,
    l: &Layout,
    (scratch, cnt): &mut (Vec<u64>, Vec<u32>),
) {
    let nrows = rows.vetoed.len();
    let total: usize = chunks.iter().map(|ch| ch.bucket(b).len()).sum();
    if total == 0 {
        return;
    }
    let ls = l.local_shift();
    // Counting sort by local subject.
    cnt.clear();
    cnt.resize(nrows + 1, 0);
    for ch in chunks {
        for &v in ch.bucket(b) {
            if let Some(x) = cnt.get_mut((v >> ls) as usize + 1) {
                *x += 1;
            }
        }
    }
    for i in 0..nrows {
        let prev = cnt.get(i).copied().unwrap_or(0);
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
    // Now cnt[i] is the end of subject i's events.
    let item_mask = (1u64 << l.item_bits) - 1;
    let mut start = 0usize;
    for i in 0..nrows {
        let end = cnt.get(i).copied().unwrap_or(0) as usize;
        if end > start {
            if let Some(evs) = scratch.get_mut(start..end) {
                let (cats, vetoed) = score_subject(evs, w, c, item_mask);
                for (col, v) in rows.cats.iter_mut().zip(cats) {
                    if let Some(slot) = col.get_mut(i) {
                        *slot = v;
                    }
                }
                if let Some(slot) = rows.vetoed.get_mut(i) {
                    *slot = vetoed;
                }
            }
        }
        start = end;
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
    let n = evs.len();
    while let Some(&v0) = evs.get(i) {
        let item = item_of(v0);
        let Some(ci) = c.items.get(item) else {
            i += 1;
            continue;
        };
        let tab: &[u16] = w
            .tables
            .get(ci.window as usize)
            .or_else(|| w.tables.get(WHOLE as usize))
            .map_or(&[], |t| &t[..]);
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
        debug_assert!(i <= n);
    }
    for (v, cap) in cats.iter_mut().zip(c.cat_caps) {
        if let Some(cap) = cap {
            *v = (*v).clamp(-cap, cap);
        }
    }
    (cats, vetoed)
}

/// Total of one row from its category totals.
pub(crate) fn total_of(c: &Compiled, cats: [i64; 4]) -> i64 {
    let mut t = c.base;
    for v in cats {
        t = t.saturating_add(v);
    }
    t.clamp(c.floor, c.ceiling)
}

/// Grade index of a total.
pub(crate) fn grade_of(c: &Compiled, total: i64, vetoed: bool) -> u8 {
    let last = c.grade_mins.len();
    if vetoed {
        return last as u8;
    }
    c.grade_mins
        .iter()
        .position(|m| total >= *m)
        .unwrap_or(last) as u8
}

/// Stars of a total.
pub(crate) fn stars_of(c: &Compiled, total: i64, vetoed: bool) -> u8 {
    if vetoed {
        return 0;
    }
    c.stars.iter().filter(|s| total >= **s).count() as u8
}

fn finalize(ps: &mut PeriodScores, c: &Compiled, groups: &[u32], n_groups: usize) {
    let n = ps.vetoed.len();
    ps.total = vec![0; n];
    ps.grade = vec![NO_GRADE; n];
    ps.stars = vec![0; n];
    ps.demoted = vec![false; n];
    ps.rank_in_org = vec![0; n];
    ps.rank_overall = vec![0; n];
    let mut active = 0usize;
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for s in 0..n {
        let g = groups.get(s).copied().unwrap_or(NO_GROUP);
        if g == NO_GROUP {
            for col in [
                &mut ps.basic,
                &mut ps.reward,
                &mut ps.deduction,
                &mut ps.veto,
            ] {
                if let Some(x) = col.get_mut(s) {
                    *x = 0;
                }
            }
            if let Some(x) = ps.vetoed.get_mut(s) {
                *x = false;
            }
            continue;
        }
        let cats = [&ps.basic, &ps.reward, &ps.deduction, &ps.veto]
            .map(|col| col.get(s).copied().unwrap_or(0));
        let vetoed = ps.vetoed.get(s).copied().unwrap_or(false);
        let t = total_of(c, cats);
        if let Some(x) = ps.total.get_mut(s) {
            *x = t;
        }
        if let Some(x) = ps.grade.get_mut(s) {
            *x = grade_of(c, t, vetoed);
        }
        if let Some(x) = ps.stars.get_mut(s) {
            *x = stars_of(c, t, vetoed);
        }
        active += 1;
        lo = lo.min(t);
        hi = hi.max(t);
    }
    if active == 0 {
        return;
    }
    // Descending order by total, ties by subject index.
    let mut order: Vec<u32> = Vec::with_capacity(active);
    let range = (hi as i128 - lo as i128 + 1) as u128;
    if range <= (2 * active as u128).max(4096) && range <= 1 << 26 {
        let r = range as usize;
        let mut hist = vec![0u32; r + 1];
        for s in 0..n {
            if groups.get(s).is_some_and(|g| *g != NO_GROUP) {
                let k = (hi - ps.total.get(s).copied().unwrap_or(0)) as usize;
                if let Some(h) = hist.get_mut(k + 1) {
                    *h += 1;
                }
            }
        }
        for k in 0..r {
            let prev = hist.get(k).copied().unwrap_or(0);
            if let Some(h) = hist.get_mut(k + 1) {
                *h += prev;
            }
        }
        order.resize(active, 0);
        for s in 0..n {
            if groups.get(s).is_some_and(|g| *g != NO_GROUP) {
                let k = (hi - ps.total.get(s).copied().unwrap_or(0)) as usize;
                if let Some(h) = hist.get_mut(k) {
                    if let Some(slot) = order.get_mut(*h as usize) {
                        *slot = s as u32;
                    }
                    *h += 1;
                }
            }
        }
    } else {
        order.extend(
            (0..n as u32).filter(|s| groups.get(*s as usize).is_some_and(|g| *g != NO_GROUP)),
        );
        let total = &ps.total;
        order.sort_unstable_by(|a, b| {
            let ta = total.get(*a as usize).copied().unwrap_or(0);
            let tb = total.get(*b as usize).copied().unwrap_or(0);
            tb.cmp(&ta).then(a.cmp(b))
        });
    }
    // Overall competition ranks.
    assign_ranks(&order, &ps.total, &mut ps.rank_overall);
    // Stable counting sort by group.
    let mut gstart = vec![0u32; n_groups + 1];
    for &s in &order {
        let g = groups.get(s as usize).copied().unwrap_or(0) as usize;
        if let Some(x) = gstart.get_mut(g + 1) {
            *x += 1;
        }
    }
    for g in 0..n_groups {
        let prev = gstart.get(g).copied().unwrap_or(0);
        if let Some(x) = gstart.get_mut(g + 1) {
            *x += prev;
        }
    }
    let bounds = gstart.clone();
    let mut grouped = vec![0u32; active];
    for &s in &order {
        let g = groups.get(s as usize).copied().unwrap_or(0) as usize;
        if let Some(x) = gstart.get_mut(g) {
            if let Some(slot) = grouped.get_mut(*x as usize) {
                *slot = s;
            }
            *x += 1;
        }
    }
    drop(order);
    for g in 0..n_groups {
        let (a, b) = (
            bounds.get(g).copied().unwrap_or(0) as usize,
            bounds.get(g + 1).copied().unwrap_or(0) as usize,
        );
        let Some(members) = grouped.get(a..b) else {
            continue;
        };
        if members.is_empty() {
            continue;
        }
        assign_ranks(members, &ps.total, &mut ps.rank_in_org);
        if let Some(q) = c.quota {
            apply_quota(members, q, &ps.total, &mut ps.grade, &mut ps.demoted);
        }
    }
}

/// Competition ranks (1, 2, 2, 4) of `order` (descending by total).
fn assign_ranks(order: &[u32], total: &[i64], rank: &mut [u32]) {
    let mut prev: Option<(i64, u32)> = None;
    for (pos, &s) in order.iter().enumerate() {
        let t = total.get(s as usize).copied().unwrap_or(0);
        let r = match prev {
            Some((pt, pr)) if pt == t => pr,
            _ => pos as u32 + 1,
        };
        prev = Some((t, r));
        if let Some(x) = rank.get_mut(s as usize) {
            *x = r;
        }
    }
}

/// Demotes, in one organization (`members` descending by total), the top-grade holders beyond
/// `floor(size × percent / 100)`; a tie at the boundary is demoted whole.
fn apply_quota(members: &[u32], quota: i64, total: &[i64], grade: &mut [u8], demoted: &mut [bool]) {
    let allowed = (members.len() as i128 * i128::from(quota) / 100_000) as usize;
    let is_top = |s: u32, grade: &[u8]| grade.get(s as usize).copied() == Some(0);
    let mut seen = 0usize;
    let mut boundary: Option<i64> = None;
    for &s in members {
        if is_top(s, grade) {
            if seen == allowed {
                boundary = total.get(s as usize).copied();
                break;
            }
            seen += 1;
        }
    }
    let Some(t) = boundary else {
        return;
    };
    for &s in members {
        if is_top(s, grade) && total.get(s as usize).copied().unwrap_or(0) <= t {
            if let Some(x) = grade.get_mut(s as usize) {
                *x = 1;
            }
            if let Some(x) = demoted.get_mut(s as usize) {
                *x = true;
            }
        }
    }
}
