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
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{DisciplineKind, EventRecord, EventType, MemberRule, MAX_OBSERVATION_MONTHS};
/// use dangjian::RegistryError;
/// assert_eq!(MAX_OBSERVATION_MONTHS, 24);
/// // 留党察看 of three years: refused (at most two years in all).
/// let three_years = EventRecord::new("M1", d(2025, 3, 1)?, EventType::Disciplined)
///     .discipline(DisciplineKind::ProbationInParty, Some(d(2028, 3, 1)?));
/// let err = reg.apply(vec![three_years]).unwrap_err();
/// assert!(matches!(err, RegistryError::EventRejected { rule: MemberRule::BadDiscipline, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_OBSERVATION_MONTHS: u32 = 24;
/// The length of a one-year 留党察看, and of its one extension (纪律处分条例).
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{DisciplineKind, EventRecord, EventType, OBSERVATION_YEAR_MONTHS};
/// let from = d(2025, 3, 1)?;
/// let until = from.checked_add_months(dangjian::chrono::Months::new(OBSERVATION_YEAR_MONTHS)).ok_or("overflow")?;
/// let one_year = EventRecord::new("M1", from, EventType::Disciplined).discipline(DisciplineKind::ProbationInParty, Some(until));
/// reg.apply(vec![one_year])?;
/// assert_eq!(reg.state("M1", from)?.observation, Some((from, d(2026, 3, 1)?)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const OBSERVATION_YEAR_MONTHS: u32 = 12;

/// A disciplinary measure short of expulsion (党章 art. 41; 纪律处分条例). 开除党籍 is the
/// `expelled` event.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{DisciplineKind, EventRecord, EventType};
/// reg.apply(vec![EventRecord::new("M3", d(2025, 6, 1)?, EventType::Disciplined).discipline(DisciplineKind::SeriousWarning, None)])?;
/// let s = reg.state("M3", d(2025, 12, 31)?)?;
/// assert_eq!(s.discipline.map(|r| r.kind), Some(DisciplineKind::SeriousWarning));
/// assert!(s.has_voting_rights(d(2025, 12, 31)?)); // only 留党察看 takes the vote away
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::DisciplineKind;
    /// assert_eq!(DisciplineKind::SeriousWarning.label(), "严重警告");
    /// assert_eq!(DisciplineKind::RemovalFromPost.label(), "撤销党内职务");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            DisciplineKind::Warning => "警告",
            DisciplineKind::SeriousWarning => "严重警告",
            DisciplineKind::RemovalFromPost => "撤销党内职务",
            DisciplineKind::ProbationInParty => "留党察看",
        }
    }

    /// The snake_case code used in data files.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::DisciplineKind;
    /// assert_eq!(DisciplineKind::ProbationInParty.code(), "probation_in_party");
    /// let k: DisciplineKind = serde_json::from_str(r#""serious_warning""#)?;
    /// assert_eq!(k.code(), "serious_warning");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{DisciplineKind, DisciplineRecord, EventRecord, EventType};
/// let e = EventRecord::new("M4", d(2026, 1, 10)?, EventType::Disciplined).discipline(DisciplineKind::Warning, None);
/// reg.apply(vec![e])?;
/// let latest = reg.state("M4", d(2026, 10, 31)?)?.discipline;
/// assert_eq!(latest, Some(DisciplineRecord { kind: DisciplineKind::Warning, on: d(2026, 1, 10)?, until: None }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
