//! Dues reports built from a [`DuesLedger`]: arrears per member with the six-month flag,
//! collection per organization, and special dues.
//!
//! The sample community's arrears, with the members flagged under 党章 art. 9:
//!
//! ```
//! use dangjian::compliance::Compliance;
//! use dangjian::synth::{sample_community, SAMPLE_AS_OF};
//! let ds = sample_community();
//! let reg = ds.to_registry()?;
//! let c = Compliance::from_dataset(&ds, &reg)?;
//! let arrears = c.arrears(&reg, "2025-01".parse()?, "2026-09".parse()?, SAMPLE_AS_OF)?;
//! assert_eq!(arrears.flagged_ids(), ["XF016", "XF091"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use compact_str::CompactString;

use super::{DuesBook, DuesLedger, DuesPolicy, Fen, Month, MonthStatus};
use crate::org::{OrgId, OrgIdx};
use crate::registry::{MemberIdx, Registry};
use crate::stats::{basis_points, OrgColumns, Rollup, Timelines};
use crate::table::{Column, ColumnData, Role, Structure, Table};

/// Members in arrears (欠缴党费) in a period, one row each, with the run of consecutive months
/// not paid and the dues condition of 党章 art. 9 (rule `art9_dues`: six consecutive months
/// without paying dues and without a proper reason — regarded as having withdrawn; the branch
/// must look into it).
///
/// A month is in arrears when it is not paid in full by the report date (a part payment, even
/// of one fen, does not pay the month), no accepted reason is recorded, and its deadline has
/// passed. A month whose amount due is unknown (no dues profile) is *unknown*, never unpaid: it
/// breaks a run and is reported as missing data. Excused, exempt, not-yet-due and non-member
/// months break a run.
///
/// The condition is judged day by day: it is met on the first day `D` on which the six months
/// of a run were all past their deadline and none of them paid in full or excused by `D`
/// (`met_on`). A catch-up payment made later does not undo it: the row keeps `met_on` and shows
/// the day the run's months were all paid (`caught_up_on`).
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{ArrearsTable, DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let pension = DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
/// #     basis: DuesBasis::Pension, amount: Some(400_000) };
/// # let book = DuesBook::new(&reg, vec![], vec![pension], vec![], vec![])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// # let policy = DuesPolicy::default();
/// // M1 owes 20 yuan a month and has paid nothing since January.
/// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-06")?, d("2024-07-15")?, &policy)?;
/// let t = ArrearsTable::from_ledger(&reg, &ledger, &policy);
/// assert_eq!((t.member_id[0].as_str(), t.months_unpaid[0], t.owed[0]), ("M1", 6, 12_000));
/// assert!(t.flagged[0]); // six consecutive months: 党章 art. 9
/// assert_eq!(t.met_on[0].map(|d| d.to_string()), Some("2024-07-01".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArrearsTable {
    /// Report date.
    pub as_of: NaiveDate,
    /// Member index.
    pub member: Vec<MemberIdx>,
    /// Member id.
    pub member_id: Vec<CompactString>,
    /// Name (姓名).
    pub name: Vec<String>,
    /// Unit (group or branch) in the member's last month of the period.
    pub org: Vec<OrgId>,
    /// Months unpaid.
    pub months_unpaid: Vec<u64>,
    /// Months part paid.
    pub months_partial: Vec<u64>,
    /// Amount owed for unpaid and part-paid months whose dues are known, in fen.
    pub owed: Vec<Fen>,
    /// Months whose dues are unknown (no dues profile) and nothing was paid.
    pub months_unknown_due: Vec<u64>,
    /// First unpaid or part-paid month.
    pub first_unpaid: Vec<String>,
    /// Last unpaid or part-paid month.
    pub last_unpaid: Vec<String>,
    /// Longest run of consecutive months unpaid or part paid on the report date.
    pub longest_run: Vec<u64>,
    /// Run of months unpaid or part paid ending at the member's latest overdue month.
    pub current_run: Vec<u64>,
    /// The art. 9 dues condition was met on some day of the period (see `met_on`).
    pub flagged: Vec<bool>,
    /// The first day the condition was met.
    pub met_on: Vec<Option<NaiveDate>>,
    /// First month of the run that met it.
    pub run_from: Vec<Option<Month>>,
    /// Last month of the run that met it.
    pub run_to: Vec<Option<Month>>,
    /// Months of that run paid in full after `met_on`, with the day each was paid.
    pub paid_later: Vec<Vec<(Month, NaiveDate)>>,
    /// The day the last month of that run was paid in full, when all were by the report date.
    pub caught_up_on: Vec<Option<NaiveDate>>,
}

/// The first day the dues condition of art. 9 is met in rows `rows` of a ledger (one member,
/// month order): `(met_on, first row, last row)` of the run.
fn art9_met(
    ledger: &DuesLedger,
    rows: std::ops::Range<usize>,
    flag: u64,
) -> Option<(NaiveDate, usize, usize)> {
    let owed_on = |j: usize, day: NaiveDate| -> bool {
        // A month whose amount due is unknown is never owed (unknown, not unpaid).
        let (Some(st), Some(deadline), Some(settled), Some(Some(_))) = (
            ledger.status.get(j),
            ledger.deadline.get(j),
            ledger.settled_on.get(j),
            ledger.due.get(j),
        ) else {
            return false;
        };
        let assessed = matches!(
            st,
            MonthStatus::Paid | MonthStatus::Late | MonthStatus::Partial | MonthStatus::Unpaid
        );
        assessed && *deadline < day && settled.is_none_or(|s| s > day)
    };
    let adjacent = |j: usize| {
        j > rows.start
            && matches!((ledger.month.get(j - 1), ledger.month.get(j)), (Some(a), Some(b)) if a.next() == *b)
    };
    for k in rows.clone() {
        let Some(day) = ledger.deadline.get(k).and_then(|d| d.succ_opt()) else {
            continue;
        };
        if day > ledger.as_of || !owed_on(k, day) {
            continue;
        }
        let mut first = k;
        let mut len = 1u64;
        while len < flag && adjacent(first) && owed_on(first - 1, day) {
            first -= 1;
            len += 1;
        }
        if len >= flag {
            return Some((day, first, k));
        }
    }
    None
}

impl ArrearsTable {
    /// Builds the table from a ledger (rows of one member must be consecutive and in month
    /// order, as [`DuesBook::ledger`] produces them).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{ArrearsTable, DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let pension = DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) };
    /// # let book = DuesBook::new(&reg, vec![], vec![pension], vec![], vec![])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// # let policy = DuesPolicy::default();
    /// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-05")?, d("2024-06-15")?, &policy)?;
    /// let t = ArrearsTable::from_ledger(&reg, &ledger, &policy);
    /// assert_eq!((t.months_unpaid[0], t.current_run[0]), (5, 5));
    /// assert!(!t.flagged[0]); // five months: in arrears, not yet flagged
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_ledger(reg: &Registry, ledger: &DuesLedger, policy: &DuesPolicy) -> ArrearsTable {
        let mut out = ArrearsTable {
            as_of: ledger.as_of,
            ..ArrearsTable::default()
        };
        let flag = u64::from(policy.flag_months.max(1));
        let n = ledger.len();
        let mut start = 0;
        while start < n {
            let m = ledger.member.get(start).copied().unwrap_or(0);
            let mut end = start;
            while ledger.member.get(end) == Some(&m) {
                end += 1;
            }
            let (mut unpaid, mut partial, mut unknown) = (0u64, 0u64, 0u64);
            let mut owed: Fen = 0;
            let (mut first, mut last): (Option<Month>, Option<Month>) = (None, None);
            let (mut run, mut longest, mut current) = (0u64, 0u64, 0u64);
            let mut prev: Option<Month> = None;
            for k in start..end {
                let (Some(&month), Some(&status), Some(&due), Some(&paid)) = (
                    ledger.month.get(k),
                    ledger.status.get(k),
                    ledger.due.get(k),
                    ledger.paid.get(k),
                ) else {
                    continue;
                };
                let adjacent = prev.is_some_and(|p| p.next() == month);
                prev = Some(month);
                if status == MonthStatus::Unknown {
                    unknown += 1;
                }
                if status.is_arrears() {
                    if let Some(d) = due {
                        owed = owed.saturating_add((d - paid).max(0));
                    }
                    if status == MonthStatus::Partial {
                        partial += 1;
                    } else {
                        unpaid += 1;
                    }
                    first = first.or(Some(month));
                    last = Some(month);
                    run = if adjacent { run + 1 } else { 1 };
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
                if status != MonthStatus::Open {
                    current = run;
                }
            }
            let met = art9_met(ledger, start..end, flag);
            if unpaid + partial > 0 || met.is_some() {
                let unit_org = ledger
                    .unit
                    .get(end.saturating_sub(1))
                    .copied()
                    .flatten()
                    .and_then(|u| reg.tree().get(u))
                    .map(|r| r.id.clone())
                    .unwrap_or_default();
                let rec = reg.member(m);
                out.member.push(m);
                out.member_id
                    .push(rec.map(|r| r.id.clone()).unwrap_or_default());
                out.name
                    .push(rec.map(|r| r.name.as_str().to_owned()).unwrap_or_default());
                out.org.push(unit_org);
                out.months_unpaid.push(unpaid);
                out.months_partial.push(partial);
                out.owed.push(owed);
                out.months_unknown_due.push(unknown);
                out.first_unpaid
                    .push(first.map(|m| m.to_string()).unwrap_or_default());
                out.last_unpaid
                    .push(last.map(|m| m.to_string()).unwrap_or_default());
                out.longest_run.push(longest);
                out.current_run.push(current);
                out.flagged.push(met.is_some());
                out.met_on.push(met.map(|(d, _, _)| d));
                out.run_from
                    .push(met.and_then(|(_, a, _)| ledger.month.get(a).copied()));
                out.run_to
                    .push(met.and_then(|(_, _, b)| ledger.month.get(b).copied()));
                let mut later = Vec::new();
                let mut all_settled = met.is_some();
                let mut caught: Option<NaiveDate> = None;
                if let Some((_, a, b)) = met {
                    for j in a..=b {
                        match (
                            ledger.month.get(j),
                            ledger.settled_on.get(j).copied().flatten(),
                        ) {
                            (Some(mo), Some(day)) => {
                                later.push((*mo, day));
                                caught = caught.max(Some(day));
                            }
                            _ => all_settled = false,
                        }
                    }
                }
                out.paid_later.push(later);
                out.caught_up_on
                    .push(if all_settled { caught } else { None });
            }
            start = end;
        }
        out
    }

    /// Ids of the flagged members.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{ArrearsTable, DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let pension = DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) };
    /// # let book = DuesBook::new(&reg, vec![], vec![pension], vec![], vec![])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// # let policy = DuesPolicy::default();
    /// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-06")?, d("2024-07-15")?, &policy)?;
    /// assert_eq!(ArrearsTable::from_ledger(&reg, &ledger, &policy).flagged_ids(), ["M1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn flagged_ids(&self) -> Vec<&str> {
        self.member_id
            .iter()
            .zip(&self.flagged)
            .filter(|(_, f)| **f)
            .map(|(id, _)| id.as_str())
            .collect()
    }
}

impl Table for ArrearsTable {
    fn name(&self) -> &str {
        "dues_arrears"
    }
    fn title_zh(&self) -> String {
        format!("欠缴党费党员名单（截至{}）", self.as_of)
    }
    fn len(&self) -> usize {
        self.member.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut cols = super::member_key_columns(&self.member_id, &self.name, &self.org);
        cols.extend([
            Column::new(
                "months_unpaid",
                "未交月数",
                Role::Value,
                ColumnData::U64(&self.months_unpaid),
            ),
            Column::new(
                "months_partial",
                "未交足月数",
                Role::Value,
                ColumnData::U64(&self.months_partial),
            ),
            Column::new(
                "owed",
                "欠缴金额（元）",
                Role::Value,
                ColumnData::Fen(&self.owed),
            ),
            Column::new(
                "months_unknown_due",
                "应交额未知月数",
                Role::Value,
                ColumnData::U64(&self.months_unknown_due),
            ),
            Column::new(
                "first_unpaid",
                "最早未交月份",
                Role::Value,
                ColumnData::Str(self.first_unpaid.iter().map(String::as_str).collect()),
            ),
            Column::new(
                "last_unpaid",
                "最近未交月份",
                Role::Value,
                ColumnData::Str(self.last_unpaid.iter().map(String::as_str).collect()),
            ),
            Column::new(
                "longest_run",
                "最长连续未交月数",
                Role::Value,
                ColumnData::U64(&self.longest_run),
            ),
            Column::new(
                "current_run",
                "当前连续未交月数",
                Role::Value,
                ColumnData::U64(&self.current_run),
            ),
            Column::new(
                "flagged",
                "连续六个月未交（党章第九条）",
                Role::Value,
                ColumnData::Bool(&self.flagged),
            ),
            Column::new(
                "met_on",
                "满六个月之日",
                Role::Value,
                ColumnData::OptDate(&self.met_on),
            ),
            Column::new(
                "caught_up_on",
                "补交完毕日期",
                Role::Value,
                ColumnData::OptDate(&self.caught_up_on),
            ),
        ]);
        cols
    }
}

/// Dues collection per organization over a period (党费收缴情况): member-months by status and
/// amounts due and collected, with the collection rate as an exact fraction
/// (`fen_collected / fen_due`) and in basis points rounded down.
///
/// Collection counts only assessed months — paid, late, part-paid or unpaid, with a known
/// amount; excused, exempt and not-yet-due months are left out of `fen_due`. `fen_collected`
/// caps each month at its dues, so one member's overpayment cannot hide another's arrears;
/// `fen_received` is everything paid for the period's months.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{CollectionTable, DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
/// # use dangjian::stats::Rollup;
/// # let reg = dangjian::Registry::sample_small();
/// # let pension = DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
/// #     basis: DuesBasis::Pension, amount: Some(400_000) };
/// # let paid = PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
/// #     paid_on: "2024-01-20".parse()?, reason: None };
/// # let book = DuesBook::new(&reg, vec![], vec![pension], vec![paid], vec![])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// # let policy = DuesPolicy::default();
/// // M1 owes 20 yuan a month, paid January only; the others' dues are unknown.
/// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-15")?, &policy)?;
/// let t = CollectionTable::from_ledger(&reg, &ledger, m("2024-01")?, m("2024-03")?, Rollup::Direct);
/// let b1 = t.orgs.id.iter().position(|id| id == "B1").ok_or("no B1 row")?;
/// assert_eq!((t.fen_due[b1], t.fen_collected[b1]), (6_000, 2_000));
/// assert_eq!(t.rate_bp[b1], Some(3_333)); // 1/3, rounded down
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CollectionTable {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Report date.
    pub as_of: NaiveDate,
    /// Direct or rolled up.
    pub rollup: Rollup,
    /// Organization keys.
    pub orgs: OrgColumns,
    /// Members with at least one member-month, counted in their unit of their last month.
    pub members: Vec<u64>,
    /// Member-months paid in full on time.
    pub months_paid: Vec<u64>,
    /// Member-months paid in full late.
    pub months_late: Vec<u64>,
    /// Member-months part paid.
    pub months_partial: Vec<u64>,
    /// Member-months unpaid.
    pub months_unpaid: Vec<u64>,
    /// Member-months excused with a recorded reason.
    pub months_excused: Vec<u64>,
    /// Member-months exempt.
    pub months_exempt: Vec<u64>,
    /// Member-months not yet due.
    pub months_open: Vec<u64>,
    /// Member-months whose dues are unknown (no profile) and for which nothing was paid
    /// (neither paid nor unpaid).
    pub months_unknown_due: Vec<u64>,
    /// Dues of the assessed months with known amounts, in fen.
    pub fen_due: Vec<i64>,
    /// Collected towards those dues (each month capped at its dues), in fen.
    pub fen_collected: Vec<i64>,
    /// Everything paid for the period's months, in fen.
    pub fen_received: Vec<i64>,
    /// `fen_collected / fen_due` in basis points, rounded down.
    pub rate_bp: Vec<Option<u64>>,
}

impl CollectionTable {
    /// Aggregates a ledger per organization.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{CollectionTable, DuesBasis, DuesBook, DuesPolicy, DuesProfile, Month, PaymentRecord};
    /// # use dangjian::stats::Rollup;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let pension = DuesProfile { member: "M1".into(), effective_from: "2024-01-01".parse()?,
    /// #     basis: DuesBasis::Pension, amount: Some(400_000) };
    /// # let paid = PaymentRecord { member: "M1".into(), month: "2024-01".parse()?, amount: 2_000,
    /// #     paid_on: "2024-01-20".parse()?, reason: None };
    /// # let book = DuesBook::new(&reg, vec![], vec![pension], vec![paid], vec![])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// # let policy = DuesPolicy::default();
    /// let ledger = book.ledger(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-15")?, &policy)?;
    /// let t = CollectionTable::from_ledger(&reg, &ledger, m("2024-01")?, m("2024-03")?, Rollup::Subtree);
    /// assert_eq!(t.orgs.id[0], "Z"); // the root, rolled up over its subtree
    /// assert_eq!((t.fen_due[0], t.months_unknown_due[0]), (6_000, 9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_ledger(
        reg: &Registry,
        ledger: &DuesLedger,
        from: Month,
        to: Month,
        rollup: Rollup,
    ) -> CollectionTable {
        let tree = reg.tree();
        let n = tree.len();
        let z = || vec![0u64; n];
        let (mut members, mut paid, mut late, mut partial, mut unpaid) = (z(), z(), z(), z(), z());
        let (mut excused, mut exempt, mut open, mut unknown) = (z(), z(), z(), z());
        let (mut due, mut coll, mut recv) = (vec![0i64; n], vec![0i64; n], vec![0i64; n]);
        use crate::stats::orgrows::{add, add_i64};
        for k in 0..ledger.len() {
            let (Some(&unit), Some(&status), Some(&d), Some(&p)) = (
                ledger.unit.get(k),
                ledger.status.get(k),
                ledger.due.get(k),
                ledger.paid.get(k),
            ) else {
                continue;
            };
            if ledger.member.get(k + 1) != ledger.member.get(k) {
                add(&mut members, unit, 1);
            }
            add_i64(&mut recv, unit, p);
            let v = match status {
                MonthStatus::Paid => &mut paid,
                MonthStatus::Late => &mut late,
                MonthStatus::Partial => &mut partial,
                MonthStatus::Unpaid => &mut unpaid,
                MonthStatus::Excused => &mut excused,
                MonthStatus::Exempt => &mut exempt,
                MonthStatus::Open => &mut open,
                MonthStatus::Unknown => &mut unknown,
            };
            add(v, unit, 1);
            let assessed = matches!(
                status,
                MonthStatus::Paid | MonthStatus::Late | MonthStatus::Partial | MonthStatus::Unpaid
            );
            if let (true, Some(d)) = (assessed, d) {
                add_i64(&mut due, unit, d);
                add_i64(&mut coll, unit, p.min(d));
            }
        }
        let orgs = OrgColumns::active(tree, to.last_day().min(ledger.as_of.max(from.first_day())));
        let s = |v: Vec<u64>| orgs.pick(&crate::stats::orgrows::rolled(tree, v, rollup));
        let si = |v: Vec<i64>| orgs.pick(&crate::stats::orgrows::rolled_i64(tree, v, rollup));
        let fen_due = si(due);
        let fen_collected = si(coll);
        let rate_bp = fen_due
            .iter()
            .zip(&fen_collected)
            .map(|(&d, &c)| basis_points(c.max(0) as u64, d.max(0) as u64))
            .collect();
        CollectionTable {
            from,
            to,
            as_of: ledger.as_of,
            rollup,
            members: s(members),
            months_paid: s(paid),
            months_late: s(late),
            months_partial: s(partial),
            months_unpaid: s(unpaid),
            months_excused: s(excused),
            months_exempt: s(exempt),
            months_open: s(open),
            months_unknown_due: s(unknown),
            fen_due,
            fen_collected,
            fen_received: si(recv),
            rate_bp,
            orgs,
        }
    }
}

impl Table for CollectionTable {
    fn name(&self) -> &str {
        "dues_collection"
    }
    fn title_zh(&self) -> String {
        format!(
            "党费收缴情况统计表（{}至{}，{}，截至{}）",
            self.from,
            self.to,
            self.rollup.label(),
            self.as_of
        )
    }
    fn len(&self) -> usize {
        self.orgs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = self.orgs.columns();
        let cnt = |n, z, v| Column::new(n, z, Role::Count, ColumnData::U64(v));
        c.extend([
            cnt("members", "党员数", &self.members),
            cnt("months_paid", "按时交纳（人月）", &self.months_paid),
            cnt("months_late", "逾期交纳（人月）", &self.months_late),
            cnt("months_partial", "未交足（人月）", &self.months_partial),
            cnt("months_unpaid", "未交（人月）", &self.months_unpaid),
            cnt("months_excused", "有理由未交（人月）", &self.months_excused),
            cnt("months_exempt", "免交（人月）", &self.months_exempt),
            cnt("months_open", "未到期（人月）", &self.months_open),
            cnt(
                "months_unknown_due",
                "应交额未知（人月）",
                &self.months_unknown_due,
            ),
            Column::new(
                "fen_due",
                "应交金额（元）",
                Role::Measure,
                ColumnData::Fen(&self.fen_due),
            ),
            Column::new(
                "fen_collected",
                "已收金额（元）",
                Role::Measure,
                ColumnData::Fen(&self.fen_collected),
            ),
            Column::new(
                "fen_received",
                "实收金额（元）",
                Role::Measure,
                ColumnData::Fen(&self.fen_received),
            ),
            Column::new(
                "rate_bp",
                "收缴率（万分比）",
                Role::Measure,
                ColumnData::OptU64(&self.rate_bp),
            ),
        ]);
        c
    }
    fn structure(&self) -> Structure {
        let (parent, remainder) = self.orgs.hierarchy_for_members(self.rollup);
        Structure {
            equations: Vec::new(),
            parent,
            remainder,
            derived: ["fen_due", "fen_collected", "fen_received", "rate_bp"]
                .iter()
                .map(|n| (n.to_string(), vec!["members".to_string()]))
                .collect(),
            not_additive: Vec::new(),
        }
    }
}

/// A special-dues payment: payer, their unit, amount.
type Paid = (MemberIdx, Option<OrgIdx>, i64);

/// Special dues (特殊党费) per campaign and organization: payers, payments and amount.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{DuesBook, SpecialDuesRecord, SpecialDuesTable};
/// # use dangjian::stats::Rollup;
/// # let reg = dangjian::Registry::sample_small();
/// # let gift = |member: &str, amount| -> Result<SpecialDuesRecord, dangjian::chrono::ParseError> {
/// #     Ok(SpecialDuesRecord { member: member.into(), date: "2024-05-12".parse()?, amount,
/// #         campaign: "抗洪救灾".into() })
/// # };
/// # let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![gift("M3", 10_000)?, gift("M4", 5_000)?])?;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
/// let t = SpecialDuesTable::build(&book, &reg, d("2024-01-01")?, d("2024-12-31")?, Rollup::Subtree);
/// assert_eq!(t.orgs.id, ["Z", "B1", "G1", "B2"]);
/// assert_eq!(t.amount, [15_000, 10_000, 0, 5_000]); // M3 in B1, M4 in B2
/// assert_eq!(t.payers[0], 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpecialDuesTable {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Direct or rolled up.
    pub rollup: Rollup,
    /// Campaign of each row.
    pub campaign: Vec<String>,
    /// Organization keys of each row (one block of organizations per campaign).
    pub orgs: OrgColumns,
    /// Distinct members who paid.
    pub payers: Vec<u64>,
    /// Payments.
    pub payments: Vec<u64>,
    /// Amount in fen.
    pub amount: Vec<i64>,
}

impl SpecialDuesTable {
    /// Special dues paid from `from` to `to` (inclusive), attributed to the payer's unit on the
    /// day of payment (members no longer in the community on that day count at the root).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{DuesBook, SpecialDuesRecord, SpecialDuesTable};
    /// # use dangjian::stats::Rollup;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let gift = |member: &str, amount| -> Result<SpecialDuesRecord, dangjian::chrono::ParseError> {
    /// #     Ok(SpecialDuesRecord { member: member.into(), date: "2024-05-12".parse()?, amount,
    /// #         campaign: "抗洪救灾".into() })
    /// # };
    /// # let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![gift("M3", 10_000)?, gift("M4", 5_000)?])?;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
    /// let may = SpecialDuesTable::build(&book, &reg, d("2024-05-01")?, d("2024-05-31")?, Rollup::Subtree);
    /// assert_eq!(may.total("抗洪救灾"), 15_000);
    /// let june = SpecialDuesTable::build(&book, &reg, d("2024-06-01")?, d("2024-06-30")?, Rollup::Subtree);
    /// assert_eq!(june.total("抗洪救灾"), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(
        book: &DuesBook,
        reg: &Registry,
        from: NaiveDate,
        to: NaiveDate,
        rollup: Rollup,
    ) -> SpecialDuesTable {
        let tree = reg.tree();
        let timelines = Timelines::build(reg);
        let mut by_campaign: BTreeMap<&str, Vec<Paid>> = BTreeMap::new();
        for (m, r) in book.special() {
            if r.date < from || r.date > to {
                continue;
            }
            let unit = timelines
                .unit_on(*m, r.date)
                .or_else(|| timelines.on(*m, r.date).and_then(|s| s.branch));
            by_campaign
                .entry(r.campaign.as_str())
                .or_default()
                .push((*m, unit, r.amount));
        }
        let base = OrgColumns::active(tree, to);
        let mut out = SpecialDuesTable {
            from,
            to,
            rollup,
            ..SpecialDuesTable::default()
        };
        for (campaign, rows) in by_campaign {
            let n = tree.len();
            let (mut payers, mut payments, mut amount) =
                (vec![0u64; n], vec![0u64; n], vec![0i64; n]);
            let mut seen: Vec<(Option<OrgIdx>, MemberIdx)> = Vec::new();
            for (m, unit, a) in rows {
                let unit = unit.or(if tree.is_empty() { None } else { Some(0) });
                if !seen.contains(&(unit, m)) {
                    seen.push((unit, m));
                    crate::stats::orgrows::add(&mut payers, unit, 1);
                }
                crate::stats::orgrows::add(&mut payments, unit, 1);
                crate::stats::orgrows::add_i64(&mut amount, unit, a);
            }
            out.campaign
                .extend(std::iter::repeat_n(campaign.to_string(), base.len()));
            out.orgs.append(&base);
            out.payers
                .extend(base.pick(&crate::stats::orgrows::rolled(tree, payers, rollup)));
            out.payments
                .extend(base.pick(&crate::stats::orgrows::rolled(tree, payments, rollup)));
            out.amount
                .extend(base.pick(&crate::stats::orgrows::rolled_i64(tree, amount, rollup)));
        }
        out
    }

    /// Total amount of `campaign` over the root rows, in fen.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{DuesBook, SpecialDuesRecord, SpecialDuesTable};
    /// # use dangjian::stats::Rollup;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let gift = |member: &str, amount| -> Result<SpecialDuesRecord, dangjian::chrono::ParseError> {
    /// #     Ok(SpecialDuesRecord { member: member.into(), date: "2024-05-12".parse()?, amount,
    /// #         campaign: "抗洪救灾".into() })
    /// # };
    /// # let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![gift("M3", 10_000)?, gift("M4", 5_000)?])?;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
    /// let t = SpecialDuesTable::build(&book, &reg, d("2024-01-01")?, d("2024-12-31")?, Rollup::Subtree);
    /// assert_eq!(t.total("抗洪救灾"), 15_000); // 150 yuan
    /// assert_eq!(t.total("抗震救灾"), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total(&self, campaign: &str) -> i64 {
        (0..self.campaign.len())
            .filter(|&r| {
                self.campaign.get(r).is_some_and(|c| c == campaign)
                    && self.orgs.parent_row.get(r).copied().flatten().is_none()
            })
            .filter_map(|r| self.amount.get(r))
            .fold(0i64, |a, b| a.saturating_add(*b))
    }
}

impl Table for SpecialDuesTable {
    fn name(&self) -> &str {
        "special_dues"
    }
    fn title_zh(&self) -> String {
        format!(
            "特殊党费交纳情况（{}至{}，{}）",
            self.from,
            self.to,
            self.rollup.label()
        )
    }
    fn len(&self) -> usize {
        self.campaign.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = vec![Column::new(
            "campaign",
            "项目",
            Role::Key,
            ColumnData::Str(self.campaign.iter().map(String::as_str).collect()),
        )];
        c.extend(self.orgs.columns());
        c.extend([
            Column::new(
                "payers",
                "交纳人数",
                Role::Count,
                ColumnData::U64(&self.payers),
            ),
            Column::new(
                "payments",
                "交纳笔数",
                Role::Count,
                ColumnData::U64(&self.payments),
            ),
            Column::new(
                "amount",
                "金额（元）",
                Role::Measure,
                ColumnData::Fen(&self.amount),
            ),
        ]);
        c
    }
    fn structure(&self) -> Structure {
        // Payments may be attributed to any organization (the root for former members).
        let (parent, remainder) = self.orgs.hierarchy(self.rollup, |_| true);
        Structure {
            equations: Vec::new(),
            parent,
            remainder,
            derived: vec![("amount".into(), vec!["payers".into()])],
            not_additive: Vec::new(),
        }
    }
}
