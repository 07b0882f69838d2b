//! Member flows over an interval (党员增减变化情况), reconciled for every organization.
//!
//! ```
//! use dangjian::stats::{flows, Rollup};
//! let reg = dangjian::Registry::sample_small();
//! let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let t = flows(&reg, d("2023-01-01"), d("2023-12-31"), Rollup::Subtree)?;
//! let b1 = t.counts.row(t.row_of("B1").unwrap()).unwrap();
//! assert_eq!((b1.opening, b1.admitted, b1.closing), (2, 1, 3)); // M2 admitted in March
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{OrgColumns, Rollup, StatsError, Timelines};
use crate::member::EventType;
use crate::org::{OrgIdx, OrgTree};
use crate::registry::{MemberIdx, Registry};
use crate::table::{Column, ColumnData, Equation, Role, Structure, Table};

count_columns! {
    /// The count columns of [`FlowTable`].
    FlowRow / FlowCounts {
        /// Members on the day before the interval.
        opening: "期初党员数",
        /// Admitted as probationary members (发展党员).
        admitted: "发展党员",
        /// Transferred in from outside the community (组织关系转入, including re-entries).
        transferred_in: "转入",
        /// First registered (初始登记: a roster imported when the records begin), not a transfer.
        registered: "初始登记",
        /// Moved in from another organization of the community (branch moves, group changes).
        moved_in: "内部调入",
        /// Converted to full members (转正; no change in headcount).
        converted: "转正",
        /// Transferred out of the community.
        transferred_out: "转出",
        /// Moved out to another organization of the community.
        moved_out: "内部调出",
        /// Died.
        died: "去世",
        /// Expelled, removed, withdrawn or probation cancelled.
        other_exits: "其他减少",
        /// Members on the last day of the interval.
        closing: "期末党员数",
    }
}

impl FlowRow {
    /// Inflows minus outflows.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::FlowRow;
    /// let row = FlowRow { opening: 10, admitted: 2, transferred_in: 1, died: 1, closing: 12, ..FlowRow::default() };
    /// assert_eq!(row.net(), 2);
    /// ```
    pub fn net(&self) -> i64 {
        (self.admitted + self.transferred_in + self.registered + self.moved_in) as i64
            - (self.transferred_out + self.moved_out + self.died + self.other_exits) as i64
    }

    /// Whether `closing = opening + inflows − outflows`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::FlowRow;
    /// let row = FlowRow { opening: 10, admitted: 2, closing: 12, ..FlowRow::default() };
    /// assert!(row.reconciles());
    /// assert!(!FlowRow { closing: 11, ..row }.reconciles());
    /// ```
    pub fn reconciles(&self) -> bool {
        self.closing as i64 == self.opening as i64 + self.net()
    }
}

/// Member flows per organization over an interval (党员增减变化情况): opening and closing
/// headcounts and every inflow and outflow in between, so that for every row
/// `closing = opening + admitted + transferred_in + registered + moved_in − transferred_out − moved_out − died
/// − other_exits`.
///
/// Members are placed in their unit (group, else branch) at the end of each day. A change of
/// unit inside the community is a move: out of the old unit and into the new one; in a
/// [`Rollup::Subtree`] row it counts only when it crosses the subtree's boundary, so a move
/// between two groups of one branch is invisible in the branch's row.
///
/// ```
/// use dangjian::stats::{flows, Rollup};
/// use dangjian::synth::{sample_community, SAMPLE_AS_OF, SAMPLE_FOUNDED};
/// let reg = sample_community().to_registry().unwrap();
/// let t = flows(&reg, SAMPLE_FOUNDED, SAMPLE_AS_OF, Rollup::Subtree).unwrap();
/// let z = t.orgs.id.iter().position(|o| o == "Z").unwrap();
/// // seed 000: founded with 121 members (registered on the founding day), 21 developed, 158 now.
/// assert_eq!((t.counts.opening[z], t.counts.admitted[z], t.counts.closing[z]), (0, 21, 158));
/// // the 121 founding members are 初始登记 (registered), not transfers in
/// assert_eq!((t.counts.registered[z], t.counts.transferred_in[z]), (121, 24));
/// assert!(t.reconciles());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowTable {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Direct or rolled up.
    pub rollup: Rollup,
    /// Organization keys (organizations active on any day of the interval).
    pub orgs: OrgColumns,
    /// The counts.
    pub counts: FlowCounts,
    /// Net change (`closing − opening`).
    pub net: Vec<i64>,
}

impl FlowTable {
    /// Whether every row reconciles.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{flows, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// assert!(flows(&reg, d("2020-01-01"), d("2024-12-31"), Rollup::Subtree)?.reconciles());
    /// assert!(flows(&reg, d("2020-01-01"), d("2024-12-31"), Rollup::Direct)?.reconciles());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reconciles(&self) -> bool {
        (0..self.orgs.len()).all(|r| self.counts.row(r).is_some_and(|x| x.reconciles()))
    }

    /// The row of organization `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::stats::{flows, Rollup};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let t = flows(&reg, d("2023-01-01"), d("2023-12-31"), Rollup::Subtree)?;
    /// assert_eq!(t.counts.closing[t.row_of("Z").unwrap()], 4);
    /// assert_eq!(t.row_of("B9"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row_of(&self, id: &str) -> Option<usize> {
        self.orgs.id.iter().position(|o| o == id)
    }
}

/// Flows per organization from `start` to `end` (both inclusive). See [`FlowTable`].
///
/// # Examples
///
/// ```
/// use dangjian::stats::{flows, Rollup};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let t = flows(&reg, d("2021-01-01"), d("2021-12-31"), Rollup::Subtree)?;
/// let z = t.row_of("Z").unwrap();
/// assert_eq!((t.counts.opening[z], t.counts.transferred_in[z], t.counts.closing[z]), (1, 2, 3)); // M3, M4
/// assert_eq!(flows(&reg, d("2021-12-31"), d("2021-01-01"), Rollup::Subtree).unwrap_err().code(), "bad_interval");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn flows(
    reg: &Registry,
    start: NaiveDate,
    end: NaiveDate,
    rollup: Rollup,
) -> Result<FlowTable, StatsError> {
    flows_with(reg, &Timelines::build(reg), start, end, rollup)
}

fn ancestors(tree: &OrgTree, mut o: OrgIdx) -> Vec<OrgIdx> {
    let mut v = vec![o];
    while let Some(p) = tree.parent(o) {
        v.push(p);
        o = p;
    }
    v
}

/// [`flows`] with prebuilt timelines.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{flows, flows_with, Rollup, Timelines};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let timelines = Timelines::build(&reg); // once, for many intervals
/// for year in 2021..=2024 {
///     let (start, end) = (d(&format!("{year}-01-01")), d(&format!("{year}-12-31")));
///     assert_eq!(flows_with(&reg, &timelines, start, end, Rollup::Subtree)?, flows(&reg, start, end, Rollup::Subtree)?);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn flows_with(
    reg: &Registry,
    timelines: &Timelines,
    start: NaiveDate,
    end: NaiveDate,
    rollup: Rollup,
) -> Result<FlowTable, StatsError> {
    if end < start {
        return Err(StatsError::BadInterval { start, end });
    }
    let tree = reg.tree();
    let n = tree.len();
    let mut rows = vec![FlowRow::default(); n];
    let mut moves_in = vec![0u64; n];
    let mut moves_out = vec![0u64; n];
    let day_before = start.pred_opt().unwrap_or(start);
    let bump = |rows: &mut [FlowRow], o: Option<OrgIdx>, f: fn(&mut FlowRow)| {
        if let Some(r) = o.and_then(|o| rows.get_mut(o as usize)) {
            f(r);
        }
    };
    for m in 0..reg.len() as MemberIdx {
        let snaps = timelines.of(m);
        let mut prev = if start > NaiveDate::MIN {
            timelines.on(m, day_before).and_then(|s| s.unit())
        } else {
            None
        };
        bump(&mut rows, prev, |r| r.opening += 1);
        let first = snaps.partition_point(|s| s.from < start);
        for s in snaps.get(first..).unwrap_or(&[]) {
            if s.from > end {
                break;
            }
            let now = s.unit();
            match (prev, now) {
                (None, Some(_)) => {
                    if s.had(EventType::Admitted) {
                        bump(&mut rows, now, |r| r.admitted += 1);
                    } else if s.had(EventType::Registered) {
                        bump(&mut rows, now, |r| r.registered += 1);
                    } else {
                        bump(&mut rows, now, |r| r.transferred_in += 1);
                    }
                }
                (Some(_), None) => {
                    if s.had(EventType::TransferredOut) {
                        bump(&mut rows, prev, |r| r.transferred_out += 1);
                    } else if s.had(EventType::Died) {
                        bump(&mut rows, prev, |r| r.died += 1);
                    } else {
                        bump(&mut rows, prev, |r| r.other_exits += 1);
                    }
                }
                (Some(a), Some(b)) if a != b => match rollup {
                    Rollup::Direct => {
                        super::orgrows::add(&mut moves_out, Some(a), 1);
                        super::orgrows::add(&mut moves_in, Some(b), 1);
                    }
                    Rollup::Subtree => {
                        let (aa, bb) = (ancestors(tree, a), ancestors(tree, b));
                        for x in aa.iter().filter(|x| !bb.contains(x)) {
                            super::orgrows::add(&mut moves_out, Some(*x), 1);
                        }
                        for x in bb.iter().filter(|x| !aa.contains(x)) {
                            super::orgrows::add(&mut moves_in, Some(*x), 1);
                        }
                    }
                },
                _ => {}
            }
            if now.is_some() && s.had(EventType::Converted) {
                bump(&mut rows, now, |r| r.converted += 1);
            }
            prev = now;
        }
        bump(&mut rows, prev, |r| r.closing += 1);
    }
    if rollup == Rollup::Subtree {
        super::membership::rollup_rows(tree, &mut rows);
    }
    for (i, r) in rows.iter_mut().enumerate() {
        r.moved_in = crate::invariant::at(&moves_in, i);
        r.moved_out = crate::invariant::at(&moves_out, i);
    }
    // Rows: organizations active on some day of the interval.
    let mut orgs = OrgColumns::active(tree, end);
    let extra = OrgColumns::active(tree, start);
    if extra.idx != orgs.idx {
        let mut all: Vec<OrgIdx> = orgs.idx.iter().chain(&extra.idx).copied().collect();
        crate::sort::sort(&mut all);
        all.dedup();
        orgs = OrgColumns::of(tree, &all);
    }
    let mut counts = FlowCounts::default();
    let mut net = Vec::with_capacity(orgs.len());
    for &i in &orgs.idx {
        let r = crate::invariant::at(&rows, i as usize);
        net.push(r.net());
        counts.push(&r);
    }
    Ok(FlowTable {
        start,
        end,
        rollup,
        orgs,
        counts,
        net,
    })
}

impl Table for FlowTable {
    fn name(&self) -> &str {
        "flows"
    }
    fn title_zh(&self) -> String {
        format!(
            "党员增减变化情况（{}至{}，{}）",
            self.start,
            self.end,
            self.rollup.label()
        )
    }
    fn len(&self) -> usize {
        self.orgs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = self.orgs.columns();
        c.extend(self.counts.columns());
        c.push(Column::new(
            "net",
            "净增减",
            Role::Measure,
            ColumnData::I64(&self.net),
        ));
        c
    }
    fn structure(&self) -> Structure {
        let (parent, remainder) = self.orgs.hierarchy_for_members(self.rollup);
        // Every count column adds up over the hierarchy except the moves: a move between two
        // children of an organization cancels in its row.
        Structure {
            equations: vec![Equation::balance(
                &[
                    "closing",
                    "transferred_out",
                    "moved_out",
                    "died",
                    "other_exits",
                ],
                &[
                    "opening",
                    "admitted",
                    "transferred_in",
                    "registered",
                    "moved_in",
                ],
            )],
            parent,
            remainder,
            not_additive: vec!["moved_in".into(), "moved_out".into()],
            derived: Vec::new(),
        }
    }
}
