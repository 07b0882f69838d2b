//! The seeds' community practices (issue 23): 一帮一 pairings with households in difficulty,
//! 网格化管理 (grids, 党员联系户 and their contacts), regular service days (a recurring schedule
//! per post), and 区域党建联建 (co-building units, their agreements and what they did).
//!
//! These are practices the seeds describe, not published rules with article numbers:
//!
//! * seed 000 (来凤县某社区): "经济条件好的党员自愿帮扶一户特困户，其他一般党员联系一名下岗失业居民"
//!   — a [`Pairing`] of kind [`PairingKind::Help`] or [`PairingKind::Contact`] with a
//!   [`Household`], and [`HelpRecord`]s of what was done;
//! * seed 004 (社区网格化管理): the community in grids, each led by a social worker — [`Grid`],
//!   members placed in grids ([`GridAssignment`]) and households in a grid;
//! * seed 002 (周浦镇东南社区): volunteer days on the 5th, 15th and 25th of each month and a
//!   Thursday volunteer studio with 20 members — [`ServiceSchedule`] on a post, whose expected
//!   dates the recorded service ([`crate::post::ServiceRecord`]) is checked against;
//! * seed 002 ("1+13": the community and 13 unit organizations in a joint committee) and seed
//!   001 (7 units signed co-building agreements) — [`CoBuildUnit`], [`Agreement`] with
//!   commitments per period, and [`UnitActivity`].
//!
//! Households are anonymous by design: a household has an id, a kind and an optional grid, and
//! a `label` that must not name anyone (an address-free description such as `孤老户`); the
//! library never stores a household's people. The reports are in [`report`].
//!
//! ```
//! use dangjian::practice::{Practices, PairingKind};
//! let ds = dangjian::synth::sample_community();
//! let p = &ds.practices;
//! assert_eq!(p.grids.len(), 9); // seed 004
//! assert!(p.pairings.iter().any(|x| x.kind == PairingKind::Help));
//! let reg = ds.to_registry().unwrap();
//! p.validate(&reg, &ds.posts).unwrap();
//! ```

pub mod report;
mod schedule;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::fixed::Fixed;
use crate::post::PostRecord;
use crate::registry::Registry;

pub use schedule::{ScheduleDays, ServiceSchedule};

/// Why the practice records are refused. Every message is Chinese first and names the record.
///
/// # Examples
///
/// ```
/// use dangjian::practice::{Pairing, PairingKind, PracticeError};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let mut p = p;
/// p.pairings.push(Pairing { id: "P3".into(), kind: PairingKind::Help, member: "M1".into(),
///     household: "H9".into(), start: d("2026-01-01"), end: None });
/// let err = p.validate(&reg, &[]).unwrap_err();
/// assert!(matches!(err, PracticeError::UnknownReference { target: "帮扶户", .. }));
/// assert_eq!(err.code(), "practice_unknown_reference");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PracticeError {
    /// Two records of one kind share an id.
    #[error("{what}编号 `{id}` 重复 / duplicate {what} id `{id}`")]
    DuplicateId {
        /// The kind of record (Chinese).
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A record refers to something that does not exist.
    #[error("{what} `{id}` 引用的{target} `{reference}` 不存在 / {what} `{id}` refers to unknown {target} `{reference}`")]
    UnknownReference {
        /// The kind of record (Chinese).
        what: &'static str,
        /// The record's id.
        id: String,
        /// The kind of thing referred to (Chinese).
        target: &'static str,
        /// The reference (masked if it could be personal).
        reference: String,
    },
    /// A record's dates are out of order or outside what it refers to.
    #[error("{what} `{id}`：{reason} / {what} `{id}`: bad dates")]
    BadDates {
        /// The kind of record (Chinese).
        what: &'static str,
        /// The record's id.
        id: String,
        /// Why (Chinese).
        reason: String,
    },
    /// A value is out of its range.
    #[error("{what} `{id}`：{reason} / {what} `{id}`: value out of range")]
    BadValue {
        /// The kind of record (Chinese).
        what: &'static str,
        /// The record's id.
        id: String,
        /// Why (Chinese).
        reason: String,
    },
}

impl PracticeError {
    /// A stable machine-readable code for the variant.
    ///
    /// ```
    /// let e = dangjian::practice::PracticeError::DuplicateId { what: "网格", id: "W1".into() };
    /// assert_eq!(e.code(), "practice_duplicate_id");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            PracticeError::DuplicateId { .. } => "practice_duplicate_id",
            PracticeError::UnknownReference { .. } => "practice_unknown_reference",
            PracticeError::BadDates { .. } => "practice_bad_dates",
            PracticeError::BadValue { .. } => "practice_bad_value",
        }
    }
}

/// A household the community helps or keeps contact with (帮扶户 / 联系户). Anonymous: no
/// person's name, ID number, phone or address is kept.
///
/// # Examples
///
/// ```
/// use dangjian::practice::Household;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let h: &Household = &p.households[0];
/// assert_eq!((h.kind.as_str(), h.grid.as_deref(), h.label.as_str()), ("特困户", Some("W1"), "独居老人"));
/// let mut p = p;
/// p.households[0].label = "联系电话13812345678".into(); // a label never carries a phone
/// assert_eq!(p.validate(&reg, &[]).unwrap_err().code(), "practice_bad_value");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Stable identifier, unique among households.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The household's situation, e.g. `特困户`, `下岗失业`, `孤老`, `低保`, `普通居民`.
    #[schemars(with = "String")]
    pub kind: CompactString,
    /// The grid the household lives in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub grid: Option<CompactString>,
    /// A description that names nobody (e.g. `独居老人`); never a name or an address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

/// What a pairing is for.
///
/// # Examples
///
/// ```
/// use dangjian::practice::PairingKind;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let kinds: Vec<PairingKind> = p.pairings.iter().map(|x| x.kind).collect();
/// assert_eq!(kinds, [PairingKind::Help, PairingKind::Contact]);
/// assert_eq!(serde_json::to_string(&PairingKind::Contact)?, r#""contact""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PairingKind {
    /// 一帮一 / 结对帮扶: a member helps a household in difficulty (seed 000).
    Help,
    /// 党员联系户: a member keeps in touch with a household of their grid (seed 004).
    Contact,
}

impl PairingKind {
    /// The Chinese label.
    ///
    /// ```
    /// assert_eq!(dangjian::practice::PairingKind::Help.label_zh(), "一帮一结对帮扶");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            PairingKind::Help => "一帮一结对帮扶",
            PairingKind::Contact => "党员联系户",
        }
    }
}

/// A member paired with a household from `start` until `end` (exclusive, open when absent).
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let in_force = p.pairings.iter().filter(|x| x.active_on(d("2026-06-30"))).count();
/// assert_eq!(in_force, 2);
/// assert_eq!((p.pairings[0].member.as_str(), p.pairings[0].household.as_str()), ("M1", "H1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pairing {
    /// Stable identifier, unique among pairings.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// Help (一帮一) or contact (联系户).
    pub kind: PairingKind,
    /// The member.
    #[schemars(with = "String")]
    pub member: CompactString,
    /// The household.
    #[schemars(with = "String")]
    pub household: CompactString,
    /// First day.
    pub start: NaiveDate,
    /// Day the pairing ended (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

impl Pairing {
    /// Whether the pairing is in force on `date`.
    ///
    /// ```
    /// use dangjian::practice::{Pairing, PairingKind};
    /// let p = Pairing { id: "P1".into(), kind: PairingKind::Help, member: "M1".into(),
    ///     household: "H1".into(), start: "2026-01-01".parse().unwrap(),
    ///     end: Some("2026-07-01".parse().unwrap()) };
    /// assert!(p.active_on("2026-06-30".parse().unwrap()));
    /// assert!(!p.active_on("2026-07-01".parse().unwrap()));
    /// ```
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }
}

/// What was done for a household within a pairing on one day (帮扶记录 / 走访记录).
///
/// # Examples
///
/// ```
/// use dangjian::practice::HelpRecord;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let r: &HelpRecord = &p.help[1];
/// assert_eq!((r.pairing.as_str(), r.what.as_str(), r.amount_fen), ("P1", "代购生活用品", Some(5000)));
/// assert_eq!(p.help[0].hours, Some("2".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpRecord {
    /// Stable identifier, unique among help records.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The pairing.
    #[schemars(with = "String")]
    pub pairing: CompactString,
    /// The day.
    pub date: NaiveDate,
    /// What was done (`走访`, `代购生活用品`, `调解纠纷` …); never a person's name.
    pub what: String,
    /// Hours given (0 to 24, up to three decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Fixed>,
    /// Money or goods given, in fen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
}

/// A grid (网格) of the community, led by a social worker (seed 004).
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let g = &p.grids[0];
/// assert_eq!((g.name.as_str(), g.org.as_str(), g.leader_role.as_str()), ("第一网格", "B1", "社工"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// Stable identifier, unique among grids.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// Display name, e.g. `第一网格`.
    pub name: String,
    /// The organization the grid belongs to.
    #[schemars(with = "String")]
    pub org: CompactString,
    /// The leader's role (e.g. `社工`), not a name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub leader_role: String,
}

/// A member placed in a grid from `start` until `end` (exclusive).
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let a = &p.grid_members[0];
/// assert_eq!((a.member.as_str(), a.grid.as_str(), a.end), ("M1", "W1", None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridAssignment {
    /// The member.
    #[schemars(with = "String")]
    pub member: CompactString,
    /// The grid.
    #[schemars(with = "String")]
    pub grid: CompactString,
    /// First day.
    pub start: NaiveDate,
    /// Last day (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

impl GridAssignment {
    /// Whether the assignment is in force on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::practice::GridAssignment;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let a = GridAssignment { member: "M1".into(), grid: "W1".into(),
    ///     start: d("2026-01-01"), end: Some(d("2026-05-01")) };
    /// assert!(a.active_on(d("2026-04-30")));
    /// assert!(!a.active_on(d("2026-05-01"))); // `end` is exclusive
    /// ```
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }
}

/// A unit organization in the area that co-builds with the community (共建单位).
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let u = &p.units[0];
/// assert_eq!((u.name.as_str(), u.joined), ("县人民医院党支部", d("2025-06-01")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoBuildUnit {
    /// Stable identifier, unique among units.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The unit's name (an organization, not a person), e.g. `周浦镇第三小学党支部`.
    pub name: String,
    /// Joined the joint committee (联席会议) on this day.
    pub joined: NaiveDate,
}

/// What a unit commits to in an agreement: `count` activities of `what` per `per`.
///
/// # Examples
///
/// ```
/// use dangjian::practice::{AgreementCommitment, CommitmentPeriod};
/// let c: AgreementCommitment = serde_json::from_str(r#"{"what": "开放活动场地", "count": 2, "per": "month"}"#)?;
/// assert_eq!((c.count, c.per), (2, CommitmentPeriod::Month));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementCommitment {
    /// The kind of activity, e.g. `开放活动场地`, `进社区服务`, `专题调研`.
    pub what: String,
    /// How many per period.
    pub count: u32,
    /// The period: `month`, `quarter` or `year`.
    pub per: CommitmentPeriod,
}

/// The period a commitment counts over.
///
/// # Examples
///
/// ```
/// use dangjian::practice::CommitmentPeriod;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let per = p.agreements[0].commitments[0].per;
/// assert_eq!((per, per.label_zh(), per.months()), (CommitmentPeriod::Quarter, "每季度", 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentPeriod {
    /// Each calendar month (seed 002: 每月有活动).
    Month,
    /// Each calendar quarter.
    Quarter,
    /// Each calendar year.
    Year,
}

impl CommitmentPeriod {
    /// Months in the period.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::practice::CommitmentPeriod;
    /// assert_eq!(CommitmentPeriod::Month.months(), 1);
    /// assert_eq!(CommitmentPeriod::Year.months(), 12);
    /// ```
    pub fn months(self) -> u32 {
        match self {
            CommitmentPeriod::Month => 1,
            CommitmentPeriod::Quarter => 3,
            CommitmentPeriod::Year => 12,
        }
    }

    /// The Chinese label (`每月`, `每季度`, `每年`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::practice::CommitmentPeriod;
    /// assert_eq!(CommitmentPeriod::Year.label_zh(), "每年");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            CommitmentPeriod::Month => "每月",
            CommitmentPeriod::Quarter => "每季度",
            CommitmentPeriod::Year => "每年",
        }
    }
}

/// A co-building agreement (共建协议) of a unit with an organization of the community.
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let a = &p.agreements[0];
/// assert_eq!((a.unit.as_str(), a.org.as_str(), a.commitments.len()), ("U1", "Z", 1));
/// assert!(a.active_on(d("2026-10-31")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Stable identifier, unique among agreements.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The unit.
    #[schemars(with = "String")]
    pub unit: CompactString,
    /// The community's organization that signed.
    #[schemars(with = "String")]
    pub org: CompactString,
    /// Signed (first day in force).
    pub signed: NaiveDate,
    /// Last day in force (inclusive); open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// What the unit commits to.
    pub commitments: Vec<AgreementCommitment>,
}

impl Agreement {
    /// Whether the agreement is in force on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
    /// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
    /// #   "pairings": [
    /// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
    /// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
    /// #   "help": [
    /// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
    /// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
    /// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
    /// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
    /// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
    /// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
    /// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
    /// #   "unit_activities": [
    /// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
    /// # }"#)?;
    /// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
    /// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
    /// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
    /// let mut a = p.agreements[0].clone();
    /// a.until = Some(d("2026-12-31")); // inclusive
    /// assert!(a.active_on(d("2026-12-31")) && !a.active_on(d("2027-01-01")));
    /// assert!(!a.active_on(d("2025-12-31")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.signed <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// An activity a co-building unit carried out for the community.
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// let act = &p.unit_activities[0];
/// assert_eq!((act.unit.as_str(), act.what.as_str(), act.participants), ("U1", "进社区服务", 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitActivity {
    /// Stable identifier, unique among unit activities.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The unit.
    #[schemars(with = "String")]
    pub unit: CompactString,
    /// The day.
    pub date: NaiveDate,
    /// The kind of activity (matched against the commitments' `what`).
    pub what: String,
    /// Members of the community who took part (in-service members of the unit included).
    #[serde(default)]
    pub participants: u32,
}

/// All practice records of a community (the dataset's `practices` object).
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
/// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
/// #   "pairings": [
/// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
/// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
/// #   "help": [
/// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
/// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
/// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
/// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
/// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
/// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
/// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
/// #   "unit_activities": [
/// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
/// # }"#)?;
/// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
/// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
/// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
/// p.validate(&reg, &[])?;
/// assert_eq!((p.households.len(), p.pairings.len(), p.help.len()), (1, 2, 2));
/// let json = serde_json::to_string(&p)?;
/// assert!(!json.contains("schedules")); // empty lists are left out
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Practices {
    /// Households helped or contacted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub households: Vec<Household>,
    /// Pairings of members with households.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairings: Vec<Pairing>,
    /// What was done within the pairings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help: Vec<HelpRecord>,
    /// Grids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grids: Vec<Grid>,
    /// Members placed in grids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grid_members: Vec<GridAssignment>,
    /// Recurring service schedules of posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<ServiceSchedule>,
    /// Co-building units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<CoBuildUnit>,
    /// Co-building agreements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    /// What the units did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_activities: Vec<UnitActivity>,
}

/// Hours a help record may give at most.
const MAX_HOURS: Fixed = Fixed::from_int(24);

fn unique<'a>(
    what: &'static str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<BTreeSet<&'a str>, PracticeError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(PracticeError::DuplicateId {
                what,
                id: crate::privacy::redact_runs(id, 11),
            });
        }
    }
    Ok(seen)
}

fn unknown(what: &'static str, id: &str, target: &'static str, reference: &str) -> PracticeError {
    PracticeError::UnknownReference {
        what,
        id: crate::privacy::redact_runs(id, 11),
        target,
        reference: crate::privacy::redact_runs(reference, 11),
    }
}

impl Practices {
    /// Whether there are no practice records at all.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::practice::Practices;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let reg = dangjian::Registry::sample_small();
    /// # let p: dangjian::practice::Practices = serde_json::from_str(r#"{
    /// #   "households": [{"id": "H1", "kind": "特困户", "grid": "W1", "label": "独居老人"}],
    /// #   "pairings": [
    /// #     {"id": "P1", "kind": "help", "member": "M1", "household": "H1", "start": "2026-01-01"},
    /// #     {"id": "P2", "kind": "contact", "member": "M3", "household": "H1", "start": "2026-01-01"}],
    /// #   "help": [
    /// #     {"id": "R1", "pairing": "P1", "date": "2026-03-05", "what": "走访", "hours": "2"},
    /// #     {"id": "R2", "pairing": "P1", "date": "2026-09-10", "what": "代购生活用品", "amount_fen": 5000}],
    /// #   "grids": [{"id": "W1", "name": "第一网格", "org": "B1", "leader_role": "社工"}],
    /// #   "grid_members": [{"member": "M1", "grid": "W1", "start": "2026-01-01"}],
    /// #   "units": [{"id": "U1", "name": "县人民医院党支部", "joined": "2025-06-01"}],
    /// #   "agreements": [{"id": "A1", "unit": "U1", "org": "Z", "signed": "2026-01-01",
    /// #     "commitments": [{"what": "进社区服务", "count": 1, "per": "quarter"}]}],
    /// #   "unit_activities": [
    /// #     {"id": "UA1", "unit": "U1", "date": "2026-02-14", "what": "进社区服务", "participants": 3}]
    /// # }"#)?;
    /// // `p`: household H1 (grid W1 of branch B1) helped by M1 (pairing P1; help R1 on 2026-03-05,
    /// // 2 hours, and R2 on 2026-09-10, 50 yuan) and contacted by M3 (P2); M1 placed in W1; unit U1
    /// // with agreement A1 (进社区服务 once a quarter) and one activity; `reg`: Registry::sample_small()
    /// assert!(Practices::default().is_empty());
    /// assert!(!p.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self == &Practices::default()
    }

    /// Checks ids, references (members of `reg`, organizations, posts, households, grids,
    /// units) and dates. All or nothing: the first problem is returned.
    ///
    /// ```
    /// use dangjian::practice::{Practices, Household};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let mut p = ds.practices.clone();
    /// p.households.push(p.households[0].clone());
    /// assert_eq!(p.validate(&reg, &ds.posts).unwrap_err().code(), "practice_duplicate_id");
    /// ```
    pub fn validate(&self, reg: &Registry, posts: &[PostRecord]) -> Result<(), PracticeError> {
        let households = unique("帮扶户", self.households.iter().map(|h| h.id.as_str()))?;
        let grids = unique("网格", self.grids.iter().map(|g| g.id.as_str()))?;
        let pairings = unique("结对", self.pairings.iter().map(|p| p.id.as_str()))?;
        unique("帮扶记录", self.help.iter().map(|h| h.id.as_str()))?;
        unique("服务日程", self.schedules.iter().map(|s| s.id.as_str()))?;
        let units = unique("共建单位", self.units.iter().map(|u| u.id.as_str()))?;
        unique("共建协议", self.agreements.iter().map(|a| a.id.as_str()))?;
        unique(
            "共建活动",
            self.unit_activities.iter().map(|a| a.id.as_str()),
        )?;
        let org = |id: &str| reg.tree().index(id).is_some();
        for h in &self.households {
            if let Some(g) = &h.grid {
                if !grids.contains(g.as_str()) {
                    return Err(unknown("帮扶户", &h.id, "网格", g));
                }
            }
            if crate::privacy::redact_runs(&h.label, 11) != h.label {
                return Err(PracticeError::BadValue {
                    what: "帮扶户",
                    id: h.id.to_string(),
                    reason: "说明中不得含身份证号或电话号码".into(),
                });
            }
        }
        for g in &self.grids {
            if !org(&g.org) {
                return Err(unknown("网格", &g.id, "党组织", &g.org));
            }
        }
        let by_pairing: BTreeMap<&str, &Pairing> =
            crate::sort::btree_map(self.pairings.iter().map(|p| (p.id.as_str(), p)));
        for p in &self.pairings {
            if reg.member_index(&p.member).is_none() {
                return Err(unknown("结对", &p.id, "党员", &p.member));
            }
            if !households.contains(p.household.as_str()) {
                return Err(unknown("结对", &p.id, "帮扶户", &p.household));
            }
            if p.end.is_some_and(|e| e <= p.start) {
                return Err(PracticeError::BadDates {
                    what: "结对",
                    id: p.id.to_string(),
                    reason: "结束日期应晚于开始日期".into(),
                });
            }
        }
        let _ = pairings;
        for h in &self.help {
            let Some(p) = by_pairing.get(h.pairing.as_str()) else {
                return Err(unknown("帮扶记录", &h.id, "结对", &h.pairing));
            };
            if !p.active_on(h.date) {
                return Err(PracticeError::BadDates {
                    what: "帮扶记录",
                    id: h.id.to_string(),
                    reason: format!("日期 {} 不在结对 `{}` 的起止日期内", h.date, p.id),
                });
            }
            if h.hours.is_some_and(|x| x <= Fixed::ZERO || x > MAX_HOURS) {
                return Err(PracticeError::BadValue {
                    what: "帮扶记录",
                    id: h.id.to_string(),
                    reason: "时长应大于0且不超过24小时".into(),
                });
            }
            if h.amount_fen
                .is_some_and(|a| !(0..=100_000_000).contains(&a))
            {
                return Err(PracticeError::BadValue {
                    what: "帮扶记录",
                    id: h.id.to_string(),
                    reason: "金额应在0至100万元之间".into(),
                });
            }
        }
        for a in &self.grid_members {
            if reg.member_index(&a.member).is_none() {
                return Err(unknown("网格分配", &a.grid, "党员", &a.member));
            }
            if !grids.contains(a.grid.as_str()) {
                return Err(unknown("网格分配", &a.member, "网格", &a.grid));
            }
            if a.end.is_some_and(|e| e <= a.start) {
                return Err(PracticeError::BadDates {
                    what: "网格分配",
                    id: a.grid.to_string(),
                    reason: "结束日期应晚于开始日期".into(),
                });
            }
        }
        for s in &self.schedules {
            s.validate(posts)?;
        }
        for a in &self.agreements {
            if !units.contains(a.unit.as_str()) {
                return Err(unknown("共建协议", &a.id, "共建单位", &a.unit));
            }
            if !org(&a.org) {
                return Err(unknown("共建协议", &a.id, "党组织", &a.org));
            }
            if a.until.is_some_and(|u| u < a.signed) {
                return Err(PracticeError::BadDates {
                    what: "共建协议",
                    id: a.id.to_string(),
                    reason: "截止日期早于签订日期".into(),
                });
            }
            if a.commitments.iter().any(|c| c.count == 0 || c.count > 366) {
                return Err(PracticeError::BadValue {
                    what: "共建协议",
                    id: a.id.to_string(),
                    reason: "承诺次数应在1至366之间".into(),
                });
            }
        }
        for a in &self.unit_activities {
            if !units.contains(a.unit.as_str()) {
                return Err(unknown("共建活动", &a.id, "共建单位", &a.unit));
            }
        }
        Ok(())
    }
}
