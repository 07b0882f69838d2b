//! Party discipline (党纪处分) and the suspension of a member's rights (停止党员权利).
//!
//! 党章 (2022), chapter 7 (党的纪律), art. 41, and 中国共产党纪律处分条例 (2023 revision) name five
//! disciplinary measures: 警告, 严重警告, 撤销党内职务, 留党察看 and 开除党籍. The first four are
//! recorded with the `disciplined` event ([`DisciplineKind`]); 开除党籍 is the terminal `expelled`
//! event, after which nothing may follow. 留党察看 lasts one or two years (a one-year period may
//! be extended once by a year; never more than two years in all, 纪律处分条例); during it the member
//! has no right to vote, to elect or to be elected (党章 art. 41). A member whose rights are
//! suspended (停止/中止党员权利, e.g. while detained: the organization suspends the right to vote,
//! to elect and to be elected; 纪律处分条例, 中国共产党党员权利保障条例) — `rights_suspended` until
//! `rights_restored` — has no vote either.
//!
//! ```
//! use dangjian::member::{DisciplineKind, MemberState};
//! let d = |s: &str| s.parse().unwrap();
//! let s = MemberState { observation: Some((d("2025-03-01"), d("2026-03-01"))), ..Default::default() };
//! assert!(s.under_observation(d("2026-02-28")));
//! assert!(!s.under_observation(d("2026-03-01"))); // the period is complete on its anniversary
//! assert_eq!(DisciplineKind::ProbationInParty.label(), "留党察看");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest 留党察看 in months, extension included (纪律处分条例: 留党察看期限最长不得超过两年).
pub const MAX_OBSERVATION_MONTHS: u32 = 24;
/// The length of a one-year 留党察看, and of its one extension (纪律处分条例).
pub const OBSERVATION_YEAR_MONTHS: u32 = 12;

/// A disciplinary measure short of expulsion (党章 art. 41; 纪律处分条例). 开除党籍 is the
/// `expelled` event.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DisciplineKind {
    /// 警告.
    Warning,
    /// 严重警告.
    SeriousWarning,
    /// 撤销党内职务.
    RemovalFromPost,
    /// 留党察看, one or two years (the event's `until`: the day the period is complete).
    ProbationInParty,
}

impl DisciplineKind {
    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            DisciplineKind::Warning => "警告",
            DisciplineKind::SeriousWarning => "严重警告",
            DisciplineKind::RemovalFromPost => "撤销党内职务",
            DisciplineKind::ProbationInParty => "留党察看",
        }
    }

    /// The snake_case code used in data files.
    pub fn code(self) -> &'static str {
        match self {
            DisciplineKind::Warning => "warning",
            DisciplineKind::SeriousWarning => "serious_warning",
            DisciplineKind::RemovalFromPost => "removal_from_post",
            DisciplineKind::ProbationInParty => "probation_in_party",
        }
    }
}

/// The latest disciplinary measure of a member, as the state keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DisciplineRecord {
    /// The measure.
    pub kind: DisciplineKind,
    /// The day it was decided.
    pub on: NaiveDate,
    /// For 留党察看: the day the period is complete (rights return on that day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}
