//! Lifecycle events: as a dataset writes them ([`EventRecord`], by [`EventType`]) and as the
//! registry stores them once validated ([`Event`]).
//!
//! ```
//! use dangjian::member::{EventRecord, EventType, Stage};
//! let mut reg = dangjian::Registry::sample_small();
//! let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
//! // M2's probation ends on 2024-03-01: the branch converts her that day.
//! reg.apply(vec![EventRecord::new("M2", d("2024-03-01")?, EventType::Converted)])?;
//! assert_eq!(reg.state("M2", d("2024-03-01")?)?.stage, Stage::Full);
//! assert_eq!(reg.history("M2")?.last().map(|e| e.kind), Some(EventType::Converted));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{Category, DisciplineKind, MemberId, MemberRule, RuleViolation};
use crate::org::{OrgId, OrgIdx, OrgTree};

/// The kind of a lifecycle event, as written in data files (`"type"`).
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{EventRecord, EventType};
/// let types: Vec<EventType> = reg.history("M2")?.iter().map(|e| e.kind).collect();
/// assert_eq!(types, [EventType::Applied, EventType::Activist, EventType::Candidate, EventType::Admitted]);
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
pub enum EventType {
    /// 递交入党申请书: becomes an applicant of `branch` (at least 18 years old).
    Applied,
    /// The branch talked with the applicant (谈话, due within one month of the application).
    Talked,
    /// 确定为入党积极分子.
    Activist,
    /// 确定为发展对象 (after more than one year as activist).
    Candidate,
    /// 接收为预备党员 by the branch assembly; probation of one year starts.
    Admitted,
    /// 延长预备期 by `months` (6–12), once.
    ProbationExtended,
    /// 转正: full member, not before probation ends. Party standing counts from here.
    Converted,
    /// 取消预备党员资格.
    ProbationCancelled,
    /// 组织关系转入 into `branch`, with `status` and the historical `admitted_on`/`converted_on`.
    TransferredIn,
    /// 组织关系转出 to `place`.
    TransferredOut,
    /// Moved to another `branch` of the community.
    Moved,
    /// Assigned to `group` (a 党小组 of the current branch), or removed from groups when absent.
    GroupAssigned,
    /// 外出流动 to `place`.
    FloatedOut,
    /// Returned from floating.
    Returned,
    /// 失去联系.
    LostContact,
    /// Contact restored (双找).
    Found,
    /// Category changed to `category` (e.g. retirement), with `home_unit` for in-service members.
    CategoryChanged,
    /// 去世.
    Died,
    /// 开除党籍.
    Expelled,
    /// 除名.
    Removed,
    /// 自行脱党 (党章 art. 9: six months without organization life, dues or work).
    Withdrew,
    // --- Development steps (发展细则 2014), recorded so that an admission without them is found.
    /// 入党积极分子培训: the activist's training.
    ActivistTrained,
    /// 发展对象短期集中培训 of `days` days and/or `hours` class hours (at least 3 days or 24 hours).
    CandidateTrained,
    /// 政治审查 of the candidate, concluded.
    PoliticalReview,
    /// 预审 of the candidate by the higher committee (基层党委).
    PreExamined,
    /// 公示 from this date to `until` (inclusive): at least 5 working days before admission.
    Publicized,
    // --- Discipline and rights (党章 art. 41; 纪律处分条例; see `member::discipline`) ---
    /// 党纪处分 of a full member: `discipline`, and for 留党察看 `until` (the day the one- or
    /// two-year period is complete). 开除党籍 is `expelled`.
    Disciplined,
    /// 停止党员权利: no vote, no election, until `rights_restored`.
    RightsSuspended,
    /// 恢复党员权利 after a suspension.
    RightsRestored,
    // --- initial registration (roster import) ---
    /// 初始登记: first registered in `branch` when the organization's records begin (a roster
    /// imported on the founding day), with `status` and the historical `admitted_on` /
    /// `converted_on`, as `transferred_in` has. Not a transfer: flows count it apart (初始登记).
    Registered,
}

impl EventType {
    /// The snake_case code used in data files.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::EventType;
    /// assert_eq!(EventType::ProbationExtended.code(), "probation_extended");
    /// assert_eq!(serde_json::to_string(&EventType::FloatedOut)?, format!("\"{}\"", EventType::FloatedOut.code()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            EventType::Applied => "applied",
            EventType::Talked => "talked",
            EventType::Activist => "activist",
            EventType::Candidate => "candidate",
            EventType::Admitted => "admitted",
            EventType::ProbationExtended => "probation_extended",
            EventType::Converted => "converted",
            EventType::ProbationCancelled => "probation_cancelled",
            EventType::TransferredIn => "transferred_in",
            EventType::TransferredOut => "transferred_out",
            EventType::Moved => "moved",
            EventType::GroupAssigned => "group_assigned",
            EventType::FloatedOut => "floated_out",
            EventType::Returned => "returned",
            EventType::LostContact => "lost_contact",
            EventType::Found => "found",
            EventType::CategoryChanged => "category_changed",
            EventType::Died => "died",
            EventType::Expelled => "expelled",
            EventType::Removed => "removed",
            EventType::Withdrew => "withdrew",
            EventType::ActivistTrained => "activist_trained",
            EventType::CandidateTrained => "candidate_trained",
            EventType::PoliticalReview => "political_review",
            EventType::PreExamined => "pre_examined",
            EventType::Publicized => "publicized",
            EventType::Disciplined => "disciplined",
            EventType::RightsSuspended => "rights_suspended",
            EventType::RightsRestored => "rights_restored",
            // initial registration
            EventType::Registered => "registered",
        }
    }
}

/// Whether a transferred-in member arrives as full or probationary.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{EventRecord, EventType, MembershipStatus, Stage};
/// // A probationary member admitted elsewhere on 2026-01-15 transfers in.
/// reg.add_members(vec![dangjian::member::MemberRecord::new("M5", "周敏", dangjian::member::Gender::Female, d(1998, 4, 2)?)?])?;
/// let arrival = EventRecord::new("M5", d(2026, 5, 1)?, EventType::TransferredIn)
///     .branch("B2")
///     .arriving(MembershipStatus::Probationary, Some(d(2026, 1, 15)?), None);
/// reg.apply(vec![arrival])?;
/// let s = reg.state("M5", d(2026, 5, 1)?)?;
/// assert_eq!((s.stage, s.probation_due), (Stage::Probationary, Some(d(2027, 1, 15)?)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// 正式党员
    Full,
    /// 预备党员
    Probationary,
}

/// One lifecycle event as written in a dataset: flat, with the fields its `type` needs.
///
/// | type | fields |
/// |---|---|
/// | `applied`, `moved`, `admitted` | `branch` (optional for `admitted`: defaults to the applicant's branch) |
/// | `probation_extended` | `months` (6–12) |
/// | `transferred_in` | `branch`, `status`, optional `admitted_on`, `converted_on`, `place` (from) |
/// | `registered` (初始登记) | as `transferred_in` |
/// | `transferred_out`, `floated_out` | optional `place` |
/// | `group_assigned` | optional `group` |
/// | `category_changed` | `category`, optional `home_unit` |
/// | `candidate_trained` | `days` and/or `hours` |
/// | `publicized` | `until` (last day of the notice) |
/// | `disciplined` | `discipline`; `until` for `probation_in_party` (留党察看) |
///
/// ```
/// use dangjian::member::{EventRecord, EventType};
/// let e: EventRecord = serde_json::from_str(
///     r#"{"member":"M1","date":"2024-07-01","type":"moved","branch":"B2"}"#).unwrap();
/// assert_eq!(e.kind, EventType::Moved);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The day it took effect.
    pub date: NaiveDate,
    /// What happened.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Branch (for `applied`, `admitted`, `transferred_in`, `moved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub branch: Option<OrgId>,
    /// Group (for `group_assigned`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub group: Option<OrgId>,
    /// Months of extension (for `probation_extended`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u8>,
    /// Status on arrival (for `transferred_in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MembershipStatus>,
    /// Historical admission date (for `transferred_in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admitted_on: Option<NaiveDate>,
    /// Historical conversion date (for `transferred_in` of a full member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_on: Option<NaiveDate>,
    /// New category (for `category_changed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Home unit (for `category_changed` to in-service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub home_unit: Option<CompactString>,
    /// Where from / where to (for transfers and floating).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub place: Option<CompactString>,
    /// Days of training (for `candidate_trained`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u8>,
    /// Class hours of training (for `candidate_trained`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u16>,
    // --- Discipline (for `disciplined`) ---
    /// The measure (for `disciplined`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discipline: Option<DisciplineKind>,
    /// The last day of a public notice (for `publicized`), or the day a 留党察看 period is
    /// complete (for `disciplined` with `probation_in_party`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

impl EventRecord {
    /// An event with no optional fields set.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::member::{EventRecord, EventType};
    /// let e = EventRecord::new("M3", d(2026, 9, 30)?, EventType::Died);
    /// assert_eq!((e.member.as_str(), e.kind), ("M3", EventType::Died));
    /// assert_eq!(serde_json::to_string(&e)?, r#"{"member":"M3","date":"2026-09-30","type":"died"}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(member: &str, date: NaiveDate, kind: EventType) -> Self {
        EventRecord {
            member: member.into(),
            date,
            kind,
            branch: None,
            group: None,
            months: None,
            status: None,
            admitted_on: None,
            converted_on: None,
            category: None,
            home_unit: None,
            place: None,
            days: None,
            hours: None,
            discipline: None,
            until: None,
        }
    }

    /// Sets `discipline` and `until` (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::member::{DisciplineKind, EventRecord, EventType};
    /// let e = EventRecord::new("M1", d(2026, 3, 1)?, EventType::Disciplined)
    ///     .discipline(DisciplineKind::ProbationInParty, Some(d(2027, 3, 1)?));
    /// assert_eq!((e.discipline, e.until), (Some(DisciplineKind::ProbationInParty), Some(d(2027, 3, 1)?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn discipline(mut self, kind: DisciplineKind, until: Option<NaiveDate>) -> Self {
        self.discipline = Some(kind);
        self.until = until;
        self
    }

    /// Sets `branch` (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{EventRecord, EventType};
    /// reg.apply(vec![EventRecord::new("M3", d(2026, 4, 1)?, EventType::Moved).branch("B2")])?;
    /// let s = reg.state("M3", d(2026, 4, 1)?)?;
    /// assert_eq!(s.branch, reg.tree().index("B2"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn branch(mut self, branch: &str) -> Self {
        self.branch = Some(branch.into());
        self
    }

    /// Sets `group` (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{EventRecord, EventType};
    /// reg.apply(vec![EventRecord::new("M3", d(2026, 4, 1)?, EventType::GroupAssigned).group("G1")])?;
    /// assert_eq!(reg.state("M3", d(2026, 4, 1)?)?.group, reg.tree().index("G1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn group(mut self, group: &str) -> Self {
        self.group = Some(group.into());
        self
    }

    /// Sets `months` (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{EventRecord, EventType};
    /// // M2's probation (due 2024-03-01) is extended by six months, once.
    /// reg.apply(vec![EventRecord::new("M2", d(2024, 2, 20)?, EventType::ProbationExtended).months(6)])?;
    /// let s = reg.state("M2", d(2024, 3, 1)?)?;
    /// assert_eq!((s.probation_due, s.extended), (Some(d(2024, 9, 1)?), true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn months(mut self, months: u8) -> Self {
        self.months = Some(months);
        self
    }

    /// Sets `status`, `admitted_on` and `converted_on` of a transfer in (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// use dangjian::member::{EventRecord, EventType, MembershipStatus};
    /// let e = EventRecord::new("M9", d(2026, 5, 1)?, EventType::TransferredIn)
    ///     .branch("B1")
    ///     .arriving(MembershipStatus::Full, Some(d(2001, 7, 1)?), Some(d(2002, 7, 1)?));
    /// assert_eq!((e.status, e.converted_on), (Some(MembershipStatus::Full), Some(d(2002, 7, 1)?)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn arriving(
        mut self,
        status: MembershipStatus,
        admitted_on: Option<NaiveDate>,
        converted_on: Option<NaiveDate>,
    ) -> Self {
        self.status = Some(status);
        self.admitted_on = admitted_on;
        self.converted_on = converted_on;
        self
    }

    /// Sets `category` and `home_unit` (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{Category, EventRecord, EventType};
    /// // M3 retires.
    /// reg.apply(vec![EventRecord::new("M3", d(2030, 1, 20)?, EventType::CategoryChanged).category(Category::Retired, None)])?;
    /// assert_eq!(reg.state("M3", d(2030, 1, 20)?)?.category, Category::Retired);
    /// assert_eq!(reg.state("M3", d(2030, 1, 19)?)?.category, Category::Resident);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn category(mut self, category: Category, home_unit: Option<&str>) -> Self {
        self.category = Some(category);
        self.home_unit = home_unit.map(Into::into);
        self
    }

    /// Sets `place` (builder style).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{EventRecord, EventType};
    /// reg.apply(vec![EventRecord::new("M4", d(2026, 3, 1)?, EventType::FloatedOut).place("深圳")])?;
    /// assert!(reg.state("M4", d(2026, 3, 1)?)?.floating);
    /// assert_eq!(reg.history("M4")?.last().and_then(|e| e.place.as_deref()), Some("深圳"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn place(mut self, place: &str) -> Self {
        self.place = Some(place.into());
        self
    }
}

/// A validated event in compact form, as the registry stores it (organizations by index).
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// let m2 = reg.member_index("M2").ok_or("no M2")?;
/// let events = reg.events_of(m2);
/// assert_eq!(events.len(), 4);
/// assert_eq!(events.last().map(|e| e.date), Some(d(2023, 3, 1)?)); // admitted
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The day it took effect.
    pub date: NaiveDate,
    /// What happened, with its payload.
    pub kind: EventKind,
}

/// The payload of a validated event.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::EventKind;
/// let m4 = reg.member_index("M4").ok_or("no M4")?;
/// let first = reg.events_of(m4).first().ok_or("no events")?;
/// // Organizations by index: B2 is the fourth organization of the tree.
/// assert!(matches!(first.kind, EventKind::TransferredIn { branch: 3, .. }));
/// assert_eq!(reg.tree().get(3).map(|o| o.id.as_str()), Some("B2"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    Applied {
        branch: OrgIdx,
    },
    Talked,
    Activist,
    Candidate,
    Admitted {
        branch: Option<OrgIdx>,
    },
    ProbationExtended {
        months: u8,
    },
    Converted,
    ProbationCancelled,
    TransferredIn {
        branch: OrgIdx,
        status: MembershipStatus,
        admitted_on: Option<NaiveDate>,
        converted_on: Option<NaiveDate>,
        place: Option<CompactString>,
    },
    TransferredOut {
        place: Option<CompactString>,
    },
    Moved {
        branch: OrgIdx,
    },
    GroupAssigned {
        group: Option<OrgIdx>,
    },
    FloatedOut {
        place: Option<CompactString>,
    },
    Returned,
    LostContact,
    Found,
    CategoryChanged {
        category: Category,
        home_unit: Option<CompactString>,
    },
    Died,
    Expelled,
    Removed,
    Withdrew,
    // Development steps (发展细则 2014).
    ActivistTrained,
    CandidateTrained {
        days: Option<u8>,
        hours: Option<u16>,
    },
    PoliticalReview,
    PreExamined,
    Publicized {
        until: NaiveDate,
    },
    Disciplined {
        discipline: DisciplineKind,
        until: Option<NaiveDate>,
    },
    RightsSuspended,
    RightsRestored,
    // --- initial registration: the payload of `transferred_in` ---
    Registered {
        branch: OrgIdx,
        status: MembershipStatus,
        admitted_on: Option<NaiveDate>,
        converted_on: Option<NaiveDate>,
        place: Option<CompactString>,
    },
}

impl EventKind {
    /// The data-file type of this payload.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::EventType;
    /// let m1 = reg.member_index("M1").ok_or("no M1")?;
    /// let types: Vec<EventType> = reg.events_of(m1).iter().map(|e| e.kind.event_type()).collect();
    /// assert_eq!(types, [EventType::TransferredIn]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::Applied { .. } => EventType::Applied,
            EventKind::Talked => EventType::Talked,
            EventKind::Activist => EventType::Activist,
            EventKind::Candidate => EventType::Candidate,
            EventKind::Admitted { .. } => EventType::Admitted,
            EventKind::ProbationExtended { .. } => EventType::ProbationExtended,
            EventKind::Converted => EventType::Converted,
            EventKind::ProbationCancelled => EventType::ProbationCancelled,
            EventKind::TransferredIn { .. } => EventType::TransferredIn,
            EventKind::TransferredOut { .. } => EventType::TransferredOut,
            EventKind::Moved { .. } => EventType::Moved,
            EventKind::GroupAssigned { .. } => EventType::GroupAssigned,
            EventKind::FloatedOut { .. } => EventType::FloatedOut,
            EventKind::Returned => EventType::Returned,
            EventKind::LostContact => EventType::LostContact,
            EventKind::Found => EventType::Found,
            EventKind::CategoryChanged { .. } => EventType::CategoryChanged,
            EventKind::Died => EventType::Died,
            EventKind::Expelled => EventType::Expelled,
            EventKind::Removed => EventType::Removed,
            EventKind::Withdrew => EventType::Withdrew,
            EventKind::ActivistTrained => EventType::ActivistTrained,
            EventKind::CandidateTrained { .. } => EventType::CandidateTrained,
            EventKind::PoliticalReview => EventType::PoliticalReview,
            EventKind::PreExamined => EventType::PreExamined,
            EventKind::Publicized { .. } => EventType::Publicized,
            EventKind::Disciplined { .. } => EventType::Disciplined,
            EventKind::RightsSuspended => EventType::RightsSuspended,
            EventKind::RightsRestored => EventType::RightsRestored,
            // initial registration
            EventKind::Registered { .. } => EventType::Registered,
        }
    }
}

impl Event {
    /// Resolves organization ids and checks that the record has the fields its type needs.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{Event, EventKind, EventRecord, EventType, MemberRule};
    /// let moved = EventRecord::new("M3", d(2026, 4, 1)?, EventType::Moved).branch("B2");
    /// let ev = Event::from_record(&moved, reg.tree())?;
    /// assert!(matches!(ev.kind, EventKind::Moved { branch: 3 }));
    /// // A move needs its branch.
    /// let bare = EventRecord::new("M3", d(2026, 4, 1)?, EventType::Moved);
    /// assert_eq!(Event::from_record(&bare, reg.tree()).map_err(|v| v.rule), Err(MemberRule::MissingField));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_record(r: &EventRecord, tree: &OrgTree) -> Result<Event, RuleViolation> {
        let dates = [
            ("date", Some(r.date)),
            ("admitted_on", r.admitted_on),
            ("converted_on", r.converted_on),
            ("until", r.until),
        ];
        for (field, d) in dates {
            if let Some(d) = d.filter(|d| !crate::limits::date_in_range(*d)) {
                return Err(RuleViolation::new(
                    MemberRule::OutOfRange,
                    format!(
                        "{field} 的日期 {d} 超出 {} 至 {} 的范围 / {field} {d} lies outside {} ..= {}",
                        crate::limits::MIN_DATE,
                        crate::limits::MAX_DATE,
                        crate::limits::MIN_DATE,
                        crate::limits::MAX_DATE
                    ),
                ));
            }
        }
        for (field, text) in [("place", &r.place), ("home_unit", &r.home_unit)] {
            let max = crate::limits::MAX_TEXT_CHARS;
            if text.as_ref().is_some_and(|t| t.chars().count() > max) {
                return Err(RuleViolation::new(
                    MemberRule::OutOfRange,
                    format!("{field} 超过 {max} 个字 / {field} is longer than {max} characters"),
                ));
            }
        }
        let org = |field: &'static str, id: &Option<OrgId>| -> Result<OrgIdx, RuleViolation> {
            let id = id.as_ref().ok_or_else(|| {
                RuleViolation::new(
                    MemberRule::MissingField,
                    format!(
                        "此类事件须填写 `{field}` / field `{field}` is required for type `{}`",
                        r.kind.code()
                    ),
                )
            })?;
            tree.index(id).ok_or_else(|| {
                RuleViolation::new(
                    MemberRule::UnknownOrganization,
                    format!("{field} 所填组织「{id}」不存在 / {field} `{id}` does not exist"),
                )
            })
        };
        let opt_org = |id: &Option<OrgId>| -> Result<Option<OrgIdx>, RuleViolation> {
            match id {
                None => Ok(None),
                Some(id) => tree.index(id).map(Some).ok_or_else(|| {
                    RuleViolation::new(
                        MemberRule::UnknownOrganization,
                        format!("组织「{id}」不存在 / organization `{id}` does not exist"),
                    )
                }),
            }
        };
        let kind = match r.kind {
            EventType::Applied => EventKind::Applied {
                branch: org("branch", &r.branch)?,
            },
            EventType::Talked => EventKind::Talked,
            EventType::Activist => EventKind::Activist,
            EventType::Candidate => EventKind::Candidate,
            EventType::Admitted => EventKind::Admitted {
                branch: opt_org(&r.branch)?,
            },
            EventType::ProbationExtended => EventKind::ProbationExtended {
                months: r.months.ok_or_else(|| {
                    RuleViolation::new(
                        MemberRule::MissingField,
                        "延长预备期须填写 `months`（延长月数） / field `months` is required for type `probation_extended`".into(),
                    )
                })?,
            },
            EventType::Converted => EventKind::Converted,
            EventType::ProbationCancelled => EventKind::ProbationCancelled,
            EventType::TransferredIn => EventKind::TransferredIn {
                branch: org("branch", &r.branch)?,
                status: r.status.unwrap_or(if r.converted_on.is_some() {
                    MembershipStatus::Full
                } else {
                    MembershipStatus::Probationary
                }),
                admitted_on: r.admitted_on,
                converted_on: r.converted_on,
                place: r.place.clone(),
            },
            EventType::TransferredOut => EventKind::TransferredOut {
                place: r.place.clone(),
            },
            EventType::Moved => EventKind::Moved {
                branch: org("branch", &r.branch)?,
            },
            EventType::GroupAssigned => EventKind::GroupAssigned {
                group: opt_org(&r.group)?,
            },
            EventType::FloatedOut => EventKind::FloatedOut {
                place: r.place.clone(),
            },
            EventType::Returned => EventKind::Returned,
            EventType::LostContact => EventKind::LostContact,
            EventType::Found => EventKind::Found,
            EventType::CategoryChanged => EventKind::CategoryChanged {
                category: r.category.ok_or_else(|| {
                    RuleViolation::new(
                        MemberRule::MissingField,
                        "人员类别变更须填写 `category`（人员类别） / field `category` is required for type `category_changed`".into(),
                    )
                })?,
                home_unit: r.home_unit.clone(),
            },
            EventType::Died => EventKind::Died,
            EventType::Expelled => EventKind::Expelled,
            EventType::Removed => EventKind::Removed,
            EventType::Withdrew => EventKind::Withdrew,
            EventType::ActivistTrained => EventKind::ActivistTrained,
            EventType::CandidateTrained => {
                if r.days.is_none() && r.hours.is_none() {
                    return Err(RuleViolation::new(
                        MemberRule::MissingField,
                        "发展对象培训须填写 `days`（天数）或 `hours`（学时） / field `days` or `hours` is required for type `candidate_trained`".into(),
                    ));
                }
                EventKind::CandidateTrained {
                    days: r.days,
                    hours: r.hours,
                }
            }
            EventType::PoliticalReview => EventKind::PoliticalReview,
            EventType::PreExamined => EventKind::PreExamined,
            EventType::Publicized => {
                let until = r.until.ok_or_else(|| {
                    RuleViolation::new(
                        MemberRule::MissingField,
                        "公示须填写 `until`（公示截止日） / field `until` is required for type `publicized`".into(),
                    )
                })?;
                if until < r.date {
                    return Err(RuleViolation::new(
                        MemberRule::InconsistentDates,
                        format!("公示截止日 {until} 早于公示开始日 {} / the notice ends on {until}, before it starts on {}", r.date, r.date),
                    ));
                }
                EventKind::Publicized { until }
            }
            EventType::Disciplined => {
                let discipline = r.discipline.ok_or_else(|| {
                    RuleViolation::new(
                        MemberRule::MissingField,
                        "类型 `disciplined` 须填写 `discipline`（处分种类） / field `discipline` is required for type `disciplined`".into(),
                    )
                })?;
                if discipline == DisciplineKind::ProbationInParty && r.until.is_none() {
                    return Err(RuleViolation::new(
                        MemberRule::MissingField,
                        "留党察看须填写 `until`（察看期满之日） / field `until` is required for `probation_in_party`".into(),
                    ));
                }
                if discipline != DisciplineKind::ProbationInParty && r.until.is_some() {
                    return Err(RuleViolation::new(
                        MemberRule::MissingField,
                        format!("`until` 只用于留党察看，不用于{} / field `until` belongs to `probation_in_party` only", discipline.label()),
                    ));
                }
                EventKind::Disciplined {
                    discipline,
                    until: r.until,
                }
            }
            EventType::RightsSuspended => EventKind::RightsSuspended,
            EventType::RightsRestored => EventKind::RightsRestored,
            // initial registration: the fields of a transfer in
            EventType::Registered => EventKind::Registered {
                branch: org("branch", &r.branch)?,
                status: r.status.unwrap_or(if r.converted_on.is_some() {
                    MembershipStatus::Full
                } else {
                    MembershipStatus::Probationary
                }),
                admitted_on: r.admitted_on,
                converted_on: r.converted_on,
                place: r.place.clone(),
            },
        };
        Ok(Event { date: r.date, kind })
    }

    /// The data-file form of this event for `member`.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{Event, EventRecord, EventType};
    /// let moved = EventRecord::new("M3", d(2026, 4, 1)?, EventType::Moved).branch("B2");
    /// let ev = Event::from_record(&moved, reg.tree())?;
    /// assert_eq!(ev.to_record(&moved.member, reg.tree()), moved);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_record(&self, member: &MemberId, tree: &OrgTree) -> EventRecord {
        let id = |i: OrgIdx| tree.get(i).map(|r| r.id.clone());
        let mut r = EventRecord::new(member, self.date, self.kind.event_type());
        match &self.kind {
            EventKind::Applied { branch } | EventKind::Moved { branch } => r.branch = id(*branch),
            EventKind::Admitted { branch } => r.branch = branch.and_then(id),
            EventKind::ProbationExtended { months } => r.months = Some(*months),
            EventKind::TransferredIn {
                branch,
                status,
                admitted_on,
                converted_on,
                place,
            }
            | EventKind::Registered {
                branch,
                status,
                admitted_on,
                converted_on,
                place,
            } => {
                r.branch = id(*branch);
                r.status = Some(*status);
                r.admitted_on = *admitted_on;
                r.converted_on = *converted_on;
                r.place = place.clone();
            }
            EventKind::TransferredOut { place } | EventKind::FloatedOut { place } => {
                r.place = place.clone()
            }
            EventKind::GroupAssigned { group } => r.group = group.and_then(id),
            EventKind::CategoryChanged {
                category,
                home_unit,
            } => {
                r.category = Some(*category);
                r.home_unit = home_unit.clone();
            }
            EventKind::CandidateTrained { days, hours } => {
                r.days = *days;
                r.hours = *hours;
            }
            EventKind::Publicized { until } => r.until = Some(*until),
            EventKind::ActivistTrained | EventKind::PoliticalReview | EventKind::PreExamined => {}
            EventKind::Disciplined { discipline, until } => {
                r.discipline = Some(*discipline);
                r.until = *until;
            }
            EventKind::RightsSuspended | EventKind::RightsRestored => {}
            EventKind::Talked
            | EventKind::Activist
            | EventKind::Candidate
            | EventKind::Converted
            | EventKind::ProbationCancelled
            | EventKind::Returned
            | EventKind::LostContact
            | EventKind::Found
            | EventKind::Died
            | EventKind::Expelled
            | EventKind::Removed
            | EventKind::Withdrew => {}
        }
        r
    }
}
