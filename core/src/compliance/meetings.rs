//! Organization life (三会一课, 主题党日): meeting records, required frequencies, compliance per
//! organization and period, attendance per member with the six-month absence flag.
//!
//! A branch's theme days in the first quarter of 2024, checked against 支部条例 and per member:
//!
//! ```
//! use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord};
//! let reg = dangjian::Registry::sample_small();
//! let theme_day = |id: &str, date: &str| -> Result<MeetingRecord, serde_json::Error> {
//!     serde_json::from_str(&format!(r#"{{"id": "{id}", "org": "B1", "kind": "theme_day",
//!         "date": "{date}", "attendees": ["M1", "M3"]}}"#))
//! };
//! let book = MeetingBook::new(&reg, vec![], vec![theme_day("MT1", "2024-01-05")?, theme_day("MT2", "2024-03-05")?])?;
//! let (from, to, as_of) = ("2024-01".parse()?, "2024-03".parse()?, "2024-03-31".parse()?);
//! let t = book.compliance(&reg, from, to, as_of)?;
//! let row = t.row("B1", MeetingKind::ThemeDay).ok_or("no row")?;
//! assert_eq!(t.missed[row], "2024-02");
//! let attendance = book.attendance(&reg, from, to, as_of, 6)?;
//! assert_eq!(attendance.months[attendance.row("M2").ok_or("no M2")?], "X-X"); // absent twice
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{ComplianceError, Month};
use crate::calendar::PeriodKind;
use crate::member::MemberId;
use crate::org::{OrgId, OrgIdx, OrgKind, OrgTree};
use crate::registry::{MemberIdx, Registry};
use crate::stats::{basis_points, OrgColumns, Rollup, Timelines};
use crate::table::{Column, ColumnData, Equation, Role, Structure, Table};

/// Kinds of organization-life meetings (支部条例).
///
/// # Examples
///
/// ```
/// use dangjian::compliance::{MeetingKind, MeetingRecord};
/// let r: MeetingRecord = serde_json::from_str(
///     r#"{"id": "MT1", "org": "B1", "kind": "party_lecture", "date": "2026-03-05"}"#)?;
/// assert_eq!(r.kind, MeetingKind::PartyLecture);
/// assert_eq!(r.kind.label(), "党课");
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
pub enum MeetingKind {
    /// 支部党员大会: all members of the branch.
    BranchAssembly,
    /// 支部委员会会议: the branch committee.
    BranchCommittee,
    /// 党小组会: the members of a group.
    GroupMeeting,
    /// 党课: a party lecture for all members of the branch.
    PartyLecture,
    /// 主题党日: the monthly theme day.
    ThemeDay,
    /// 组织生活会: the annual organization life meeting.
    OrgLifeMeeting,
    /// 民主评议党员: the annual democratic appraisal of members.
    DemocraticAppraisal,
}

impl MeetingKind {
    /// Every kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MeetingKind;
    /// let codes: Vec<&str> = MeetingKind::ALL.iter().map(|k| k.code()).collect();
    /// assert_eq!(codes[..3], ["branch_assembly", "branch_committee", "group_meeting"]);
    /// assert!(MeetingKind::ALL.iter().all(|k| dangjian::catalogue::find(k.rule()).is_some()));
    /// ```
    pub const ALL: [MeetingKind; 7] = [
        MeetingKind::BranchAssembly,
        MeetingKind::BranchCommittee,
        MeetingKind::GroupMeeting,
        MeetingKind::PartyLecture,
        MeetingKind::ThemeDay,
        MeetingKind::OrgLifeMeeting,
        MeetingKind::DemocraticAppraisal,
    ];

    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MeetingKind;
    /// assert_eq!(MeetingKind::ThemeDay.label(), "主题党日");
    /// assert_eq!(MeetingKind::OrgLifeMeeting.label(), "组织生活会");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::BranchAssembly => "支部党员大会",
            MeetingKind::BranchCommittee => "支部委员会会议",
            MeetingKind::GroupMeeting => "党小组会",
            MeetingKind::PartyLecture => "党课",
            MeetingKind::ThemeDay => "主题党日",
            MeetingKind::OrgLifeMeeting => "组织生活会",
            MeetingKind::DemocraticAppraisal => "民主评议党员",
        }
    }

    /// The snake_case code.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MeetingKind;
    /// assert_eq!(MeetingKind::ThemeDay.code(), "theme_day");
    /// assert_eq!(serde_json::to_string(&MeetingKind::ThemeDay)?, "\"theme_day\""); // as in data
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::BranchAssembly => "branch_assembly",
            MeetingKind::BranchCommittee => "branch_committee",
            MeetingKind::GroupMeeting => "group_meeting",
            MeetingKind::PartyLecture => "party_lecture",
            MeetingKind::ThemeDay => "theme_day",
            MeetingKind::OrgLifeMeeting => "org_life_meeting",
            MeetingKind::DemocraticAppraisal => "democratic_appraisal",
        }
    }

    /// The catalogue code of the rule requiring this kind's frequency (支部条例).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MeetingKind;
    /// assert_eq!(MeetingKind::BranchCommittee.rule(), "meeting_branch_committee");
    /// assert_eq!(MeetingKind::GroupMeeting.rule(), "meeting_group");
    /// ```
    pub fn rule(self) -> &'static str {
        match self {
            MeetingKind::BranchAssembly => "meeting_branch_assembly",
            MeetingKind::BranchCommittee => "meeting_branch_committee",
            MeetingKind::GroupMeeting => "meeting_group",
            MeetingKind::PartyLecture => "meeting_party_lecture",
            MeetingKind::ThemeDay => "meeting_theme_day",
            MeetingKind::OrgLifeMeeting => "meeting_org_life_meeting",
            MeetingKind::DemocraticAppraisal => "meeting_democratic_appraisal",
        }
    }

    /// Whether every member of the organization's subtree is expected (all kinds except the
    /// committee meeting, whose attendees are the committee members).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MeetingKind;
    /// assert!(MeetingKind::BranchAssembly.all_members_expected());
    /// assert!(!MeetingKind::BranchCommittee.all_members_expected()); // the committee only
    /// ```
    pub fn all_members_expected(self) -> bool {
        self != MeetingKind::BranchCommittee
    }
}

fn one() -> u32 {
    1
}

/// A required frequency: organizations of the given kinds hold at least `at_least` meetings of
/// `kind` in every `per` period in which they exist throughout.
///
/// # Examples
///
/// ```
/// use dangjian::calendar::PeriodKind;
/// use dangjian::compliance::{MeetingKind, MeetingRequirement};
/// let lecture = MeetingRequirement::defaults().into_iter()
///     .find(|r| r.kind == MeetingKind::PartyLecture).ok_or("no lecture requirement")?;
/// assert_eq!((lecture.per, lecture.at_least), (PeriodKind::Quarter, 1));
/// let monthly: MeetingRequirement = serde_json::from_str(
///     r#"{"kind": "party_lecture", "per": "month", "applies_to": ["branch"]}"#)?; // a local rule
/// assert_eq!((monthly.per, monthly.at_least), (PeriodKind::Month, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRequirement {
    /// The meeting kind.
    pub kind: MeetingKind,
    /// The period.
    pub per: PeriodKind,
    /// Minimum meetings per period (default 1).
    #[serde(default = "one")]
    pub at_least: u32,
    /// Kinds of organization the requirement applies to.
    pub applies_to: Vec<OrgKind>,
    /// Applies only to organizations with a committee (`has_committee`): a branch of fewer than
    /// seven full members has a secretary and no committee (支部条例).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub committee_only: bool,
}

impl MeetingRequirement {
    /// The defaults of 支部条例 (中国共产党支部工作条例（试行）, 2018): branch assembly at least
    /// once a quarter, branch committee at least once a month (branches with a committee), group
    /// meeting at least once a month, party lecture at least once a quarter, theme day once a
    /// month, organization life meeting and democratic appraisal once a year.
    ///
    /// ```
    /// let r = dangjian::compliance::MeetingRequirement::defaults();
    /// assert_eq!(r.len(), 7);
    /// ```
    pub fn defaults() -> Vec<MeetingRequirement> {
        let req = |kind, per, applies: OrgKind, committee_only| MeetingRequirement {
            kind,
            per,
            at_least: 1,
            applies_to: vec![applies],
            committee_only,
        };
        vec![
            req(
                MeetingKind::BranchAssembly,
                PeriodKind::Quarter,
                OrgKind::Branch,
                false,
            ),
            req(
                MeetingKind::BranchCommittee,
                PeriodKind::Month,
                OrgKind::Branch,
                true,
            ),
            req(
                MeetingKind::GroupMeeting,
                PeriodKind::Month,
                OrgKind::Group,
                false,
            ),
            req(
                MeetingKind::PartyLecture,
                PeriodKind::Quarter,
                OrgKind::Branch,
                false,
            ),
            req(
                MeetingKind::ThemeDay,
                PeriodKind::Month,
                OrgKind::Branch,
                false,
            ),
            req(
                MeetingKind::OrgLifeMeeting,
                PeriodKind::Year,
                OrgKind::Branch,
                false,
            ),
            req(
                MeetingKind::DemocraticAppraisal,
                PeriodKind::Year,
                OrgKind::Branch,
                false,
            ),
        ]
    }
}

/// One meeting held: where, what, when, who attended and who was excused (请假).
///
/// The members expected are, unless listed in `expected`: for a group meeting, the group's
/// members on the day; for the other kinds except committee meetings, every member (full or
/// probationary) in the organization's subtree on the day. Committee meetings expect only the
/// members listed in `expected` (the committee), if any.
///
/// ```json
/// {"id": "MT0001", "org": "B1", "kind": "theme_day", "date": "2026-03-05",
///  "attendees": ["XF001", "XF002"], "excused": ["XF003"]}
/// ```
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// assert_eq!(book.len(), 2);
/// let twice = meeting(r#"{"id": "MT3", "org": "B1", "kind": "theme_day", "date": "2024-03-05",
///     "attendees": ["M1"], "excused": ["M1"]}"#)?;
/// let err = MeetingBook::new(&reg, vec![], vec![twice]).unwrap_err();
/// assert_eq!(err.code(), "bad_meeting"); // present and excused at once
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    /// Unique id.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The organization holding it.
    #[schemars(with = "String")]
    pub org: OrgId,
    /// Kind.
    pub kind: MeetingKind,
    /// Day held.
    pub date: NaiveDate,
    /// Members present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub attendees: Vec<MemberId>,
    /// Members absent with leave (请假).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub excused: Vec<MemberId>,
    /// Members expected, when not derived from the organization (e.g. the committee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub expected: Option<Vec<MemberId>>,
    /// Topic (not personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Meeting {
    org: OrgIdx,
    kind: MeetingKind,
    date: NaiveDate,
    attendees: Vec<MemberIdx>,
    excused: Vec<MemberIdx>,
    expected: Option<Vec<MemberIdx>>,
}

/// One requirement's period in progress on a date ([`MeetingBook::periods_in_progress`]).
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// let progress = book.periods_in_progress(&reg, d("2024-02-20")?);
/// let p = progress.iter().find(|p| p.org == "B1" && p.kind == MeetingKind::ThemeDay)
///     .ok_or("no theme day")?;
/// assert_eq!((p.period.as_str(), p.last.to_string()), ("2024-02", "2024-02-29".to_string()));
/// assert_eq!((p.at_least, p.held), (1, 1)); // February's theme day is held
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodProgress {
    /// Organization id.
    pub org: OrgId,
    /// Organization name.
    pub org_name: CompactString,
    /// Meeting kind.
    pub kind: MeetingKind,
    /// Period of the requirement.
    pub per: PeriodKind,
    /// The period (`2026-10`, `2026-Q4`, `2026`).
    pub period: String,
    /// Its first day.
    pub first: NaiveDate,
    /// Its last day (the meetings are due by then).
    pub last: NaiveDate,
    /// Meetings required in the period.
    pub at_least: u64,
    /// Meetings of the kind held from `first` to the date asked.
    pub held: u64,
}

/// Validated meeting records and requirements of one registry. Queries take the same registry.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// let t = book.compliance(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-30")?)?;
/// let row = t.row("B1", MeetingKind::ThemeDay).ok_or("no row")?;
/// assert_eq!((t.periods_required[row], t.periods_met[row]), (3, 2));
/// assert_eq!(t.missed[row], "2024-03");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingBook {
    requirements: Vec<MeetingRequirement>,
    meetings: Vec<Meeting>,
}

/// How one member stood in organization life in one month.
///
/// # Examples
///
/// ```
/// use dangjian::compliance::AttendanceMonth;
/// assert_eq!(serde_json::to_string(&AttendanceMonth::NoneExpected)?, "\"none_expected\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMonth {
    /// Expected at no meeting.
    NoneExpected,
    /// Attended at least one meeting.
    Attended,
    /// Attended none; every absence excused.
    Excused,
    /// Attended none; at least one absence without leave.
    Absent,
}

impl MeetingBook {
    /// Validates and indexes meetings. An empty `requirements` means
    /// [`MeetingRequirement::defaults`].
    ///
    /// Checks: unique ids; known organizations active on the day; group meetings held by groups
    /// and the other kinds by organizations other than groups (支部条例); known members, none
    /// listed twice or both present and excused.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{MeetingBook, MeetingRecord};
    /// let reg = dangjian::Registry::sample_small();
    /// // A group meeting is held by a group (党小组), not by a branch.
    /// let wrong: MeetingRecord = serde_json::from_str(
    ///     r#"{"id": "MT1", "org": "B1", "kind": "group_meeting", "date": "2024-03-05"}"#)?;
    /// let err = MeetingBook::new(&reg, vec![], vec![wrong]).unwrap_err();
    /// assert_eq!(err.code(), "bad_meeting");
    /// assert!(err.to_string().contains("支部条例"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        reg: &Registry,
        requirements: Vec<MeetingRequirement>,
        meetings: Vec<MeetingRecord>,
    ) -> Result<MeetingBook, ComplianceError> {
        let requirements = if requirements.is_empty() {
            MeetingRequirement::defaults()
        } else {
            requirements
        };
        for (i, r) in requirements.iter().enumerate() {
            if r.at_least == 0 || r.applies_to.is_empty() {
                return Err(ComplianceError::BadRequirement {
                    position: i,
                    reason: "`at_least`（次数）至少为1，`applies_to`（适用组织）不能为空 / `at_least` must be at least 1 and `applies_to` non-empty".into(),
                });
            }
        }
        let tree = reg.tree();
        let mut ids: HashSet<CompactString> = HashSet::with_capacity(meetings.len());
        let mut out = Vec::with_capacity(meetings.len());
        for (position, m) in meetings.into_iter().enumerate() {
            let bad = |reason: String| ComplianceError::BadMeeting {
                position,
                meeting: m.id.clone(),
                reason,
            };
            if m.id.trim().is_empty() {
                return Err(bad("`id` is empty".into()));
            }
            if !ids.insert(m.id.clone()) {
                return Err(ComplianceError::DuplicateId {
                    section: "meetings",
                    position,
                    id: m.id.clone(),
                });
            }
            let org = tree
                .index(&m.org)
                .ok_or_else(|| ComplianceError::UnknownOrg {
                    section: "meetings",
                    position,
                    org: m.org.clone(),
                })?;
            if !tree.is_active(org, m.date) {
                return Err(ComplianceError::OrgInactive {
                    section: "meetings",
                    position,
                    org: m.org.clone(),
                    date: m.date,
                });
            }
            let is_group = tree.kind(org) == Some(OrgKind::Group);
            if is_group != (m.kind == MeetingKind::GroupMeeting) {
                return Err(bad(format!(
                    "a {} is held by {}, but `{}` is a {} (支部条例)",
                    m.kind.label(),
                    if m.kind == MeetingKind::GroupMeeting {
                        "a group (党小组)"
                    } else {
                        "a branch or higher organization, not a group"
                    },
                    m.org,
                    tree.kind(org).map(|k| k.label()).unwrap_or("")
                )));
            }
            let mut seen: HashSet<MemberIdx> = HashSet::new();
            let mut resolve = |list: &[MemberId], field: &str, dedupe: bool| {
                let mut v = Vec::with_capacity(list.len());
                for id in list {
                    let idx =
                        reg.member_index(id)
                            .ok_or_else(|| ComplianceError::UnknownMember {
                                section: "meetings",
                                position,
                                member: id.clone(),
                            })?;
                    if dedupe && !seen.insert(idx) {
                        return Err(bad(format!(
                            "member `{id}` is listed twice in `attendees`/`excused` (at `{field}`)"
                        )));
                    }
                    v.push(idx);
                }
                Ok(v)
            };
            let attendees = resolve(&m.attendees, "attendees", true)?;
            let excused = resolve(&m.excused, "excused", true)?;
            let expected = match &m.expected {
                Some(list) => Some(resolve(list, "expected", false)?),
                None => None,
            };
            out.push(Meeting {
                org,
                kind: m.kind,
                date: m.date,
                attendees,
                excused,
                expected,
            });
        }
        crate::sort::sort_by_key(&mut out, |m| m.date);
        Ok(MeetingBook {
            requirements,
            meetings: out,
        })
    }

    /// The requirements in force.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::{MeetingBook, MeetingRequirement};
    /// let reg = dangjian::Registry::sample_small();
    /// let book = MeetingBook::new(&reg, vec![], vec![])?;
    /// assert_eq!(book.requirements(), MeetingRequirement::defaults()); // none given: 支部条例's
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn requirements(&self) -> &[MeetingRequirement] {
        &self.requirements
    }

    /// Number of meetings.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// assert_eq!(book.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.meetings.len()
    }

    /// Whether there are no meetings.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::MeetingBook;
    /// let reg = dangjian::Registry::sample_small();
    /// assert!(MeetingBook::new(&reg, vec![], vec![])?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty()
    }

    /// Compliance of every organization with every requirement that applies to it, over the
    /// months `from` to `to`, as of `as_of`. A period (month, quarter, year) is required when it
    /// lies wholly inside `from..=to`, has ended by `as_of`, and the organization existed on its
    /// first and last day. Meetings after `as_of` are ignored.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// // March has ended by 30 April: it is required, and B1 held no theme day in it.
    /// let t = book.compliance(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-30")?)?;
    /// let row = t.row("B1", MeetingKind::ThemeDay).ok_or("no row")?;
    /// assert!(!t.compliant[row]);
    /// // On 20 March, March has not ended: January and February are met.
    /// let t = book.compliance(&reg, m("2024-01")?, m("2024-03")?, d("2024-03-20")?)?;
    /// let row = t.row("B1", MeetingKind::ThemeDay).ok_or("no row")?;
    /// assert!(t.compliant[row]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compliance(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
    ) -> Result<ComplianceTable, ComplianceError> {
        if to < from {
            return Err(ComplianceError::BadPeriod {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        let tree = reg.tree();
        let mut held: HashMap<(OrgIdx, MeetingKind), Vec<NaiveDate>> = HashMap::new();
        for m in &self.meetings {
            if m.date <= as_of && m.date >= from.first_day() && m.date <= to.last_day() {
                held.entry((m.org, m.kind)).or_default().push(m.date);
            }
        }
        let mut out = ComplianceTable {
            from,
            to,
            as_of,
            ..ComplianceTable::default()
        };
        for (i, rec) in tree.records().iter().enumerate() {
            let idx = i as OrgIdx;
            for req in &self.requirements {
                if !req.applies_to.contains(&rec.kind) || (req.committee_only && !rec.has_committee)
                {
                    continue;
                }
                let units = periods(req.per, from, to);
                let dates = held.get(&(idx, req.kind)).map(Vec::as_slice).unwrap_or(&[]);
                let (mut required, mut met) = (0u64, 0u64);
                let mut missed = Vec::new();
                for (label, first, last) in units {
                    if last > as_of || !tree.is_active(idx, first) || !tree.is_active(idx, last) {
                        continue;
                    }
                    required += 1;
                    let n = dates.iter().filter(|d| **d >= first && **d <= last).count();
                    if n as u64 >= u64::from(req.at_least) {
                        met += 1;
                    } else {
                        missed.push(label);
                    }
                }
                if required == 0 {
                    continue;
                }
                out.org.push(rec.id.clone());
                out.org_name.push(rec.name.clone());
                out.kind.push(req.kind);
                out.per.push(req.per);
                out.at_least.push(u64::from(req.at_least));
                out.held.push(dates.len() as u64);
                out.periods_required.push(required);
                out.periods_met.push(met);
                out.periods_missed.push(required - met);
                out.missed.push(missed.join("、"));
                out.compliant.push(met == required);
            }
        }
        Ok(out)
    }

    /// The period of every requirement that contains `as_of`, per organization active on
    /// `as_of`, with the meetings of the kind held from its first day to `as_of`: what the
    /// agenda (待办) reports as “not yet held this month / quarter / year” while
    /// `held < at_least`. Periods are calendar months, quarters and years as in
    /// [`MeetingBook::compliance`].
    ///
    /// ```
    /// use dangjian::compliance::MeetingBook;
    /// let reg = dangjian::registry::Registry::sample_small();
    /// let book = MeetingBook::new(&reg, vec![], vec![]).unwrap();
    /// let open = book.periods_in_progress(&reg, "2024-05-10".parse().unwrap());
    /// assert!(open.iter().all(|p| p.held == 0 && p.first <= p.last));
    /// ```
    pub fn periods_in_progress(&self, reg: &Registry, as_of: NaiveDate) -> Vec<PeriodProgress> {
        let tree = reg.tree();
        let month = Month::of(as_of);
        let mut out = Vec::new();
        for (i, rec) in tree.records().iter().enumerate() {
            let idx = i as OrgIdx;
            if !tree.is_active(idx, as_of) {
                continue;
            }
            for req in &self.requirements {
                if !req.applies_to.contains(&rec.kind) || (req.committee_only && !rec.has_committee)
                {
                    continue;
                }
                let (first, last, label) = match req.per {
                    PeriodKind::Month => (month, month, month.to_string()),
                    PeriodKind::Quarter => {
                        let q = month.back(month.month().saturating_sub(1) % 3);
                        (
                            q,
                            q.next().next(),
                            format!("{}-Q{}", month.year(), month.quarter()),
                        )
                    }
                    PeriodKind::Year => (
                        month.back(month.month().saturating_sub(1)),
                        Month::new(month.year(), 12).unwrap_or(month),
                        month.year().to_string(),
                    ),
                };
                let (first, last) = (first.first_day(), last.last_day());
                let held = self
                    .meetings
                    .iter()
                    .filter(|m| m.org == idx && m.kind == req.kind)
                    .filter(|m| m.date >= first && m.date <= as_of)
                    .count() as u64;
                out.push(PeriodProgress {
                    org: rec.id.clone(),
                    org_name: rec.name.clone(),
                    kind: req.kind,
                    per: req.per,
                    period: label,
                    first,
                    last,
                    at_least: u64::from(req.at_least),
                    held,
                });
            }
        }
        out
    }

    fn expected(
        &self,
        m: &Meeting,
        tree: &OrgTree,
        timelines: &Timelines,
        spells: &[Vec<(NaiveDate, NaiveDate, MemberIdx)>],
    ) -> Vec<MemberIdx> {
        if let Some(e) = &m.expected {
            return e
                .iter()
                .copied()
                .filter(|&x| timelines.on(x, m.date).is_some_and(|s| s.is_member()))
                .collect();
        }
        if !m.kind.all_members_expected() {
            return Vec::new();
        }
        let mut out: Vec<MemberIdx> = spells
            .get(tree.subtree(m.org))
            .unwrap_or(&[])
            .iter()
            .flatten()
            .filter(|(from, to, _)| *from <= m.date && m.date < *to)
            .map(|(_, _, x)| *x)
            .collect();
        crate::sort::sort(&mut out);
        out
    }

    /// Attendance per member over the months `from` to `to`, counting meetings held on or before
    /// `as_of`, with the organization-life condition of 党章 art. 9 (rule `art9_org_life`: six
    /// consecutive months without taking part in organization life, without a proper reason).
    ///
    /// The run is the time since the last meeting attended, in months of membership: a month in
    /// which the member attended a meeting ends the run; a month in which every absence was
    /// excused (请假) pauses it (neither counts nor ends it); a month missed without leave counts;
    /// a month in which the member's branch held no meeting the member was expected at counts
    /// too (it does not end the run) and is recorded against the branch (`no_meeting`). A month
    /// in which the person was not a member, or before the month of the earliest meeting recorded
    /// (no data), ends the run. The condition is met at the end of the
    /// last day of the month in which the run reaches `flag_months` (`met_on`), if that day is on
    /// or before `as_of`. A book without any meeting judges nobody (no data).
    ///
    /// ```
    /// use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// let reg = dangjian::registry::Registry::sample_small();
    /// let mt = |id: &str, date: &str, att: &[&str]| MeetingRecord {
    ///     id: id.into(), org: "B1".into(), kind: MeetingKind::ThemeDay,
    ///     date: date.parse().unwrap(), attendees: att.iter().map(|a| (*a).into()).collect(),
    ///     excused: vec![], expected: None, topic: None };
    /// // M1 attends in January only; B1 holds nothing in March and April.
    /// let book = MeetingBook::new(&reg, vec![], vec![
    ///     mt("a", "2024-01-05", &["M1"]), mt("b", "2024-02-05", &[]), mt("c", "2024-05-05", &[]),
    ///     mt("d", "2024-06-05", &[]), mt("e", "2024-07-05", &[]), mt("f", "2024-08-05", &[])]).unwrap();
    /// let m = |s: &str| s.parse::<Month>().unwrap();
    /// let t = book.attendance(&reg, m("2024-01"), m("2024-08"), "2024-08-31".parse().unwrap(), 6).unwrap();
    /// let r = t.row("M1").unwrap();
    /// assert_eq!(t.months[r], "AX--XXXX");
    /// // February to July: six months without taking part, two of them without a meeting.
    /// assert_eq!(t.met_on[r].map(|d| d.to_string()).as_deref(), Some("2024-07-31"));
    /// assert_eq!(t.no_meeting[r].len(), 2);
    /// ```
    pub fn attendance(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
        flag_months: u32,
    ) -> Result<AttendanceTable, ComplianceError> {
        self.attendance_runs(reg, from, to, as_of, flag_months)
            .map(|(t, _)| t)
    }

    /// [`MeetingBook::attendance`], with each row's run still open at the end of the window
    /// (months counted since the last month that ended it; excused months pause it): what the
    /// agenda's `art9_org_life` row reads.
    pub(crate) fn attendance_runs(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
        flag_months: u32,
    ) -> Result<(AttendanceTable, Vec<u64>), ComplianceError> {
        let detail = self.detail(reg, from, to, as_of)?;
        let n = reg.len();
        let months: Vec<Month> = Month::range(from, to).collect();
        let nm = months.len();
        let mut expected = vec![0u64; n];
        let mut attended = vec![0u64; n];
        let mut excused = vec![0u64; n];
        let mut absent = vec![0u64; n];
        let mut status = vec![AttendanceMonth::NoneExpected; n * nm];
        let mut last_unit: Vec<Option<OrgIdx>> = vec![None; n];
        for k in 0..detail.len() {
            let (Some(&m), Some(&date), Some(&st), Some(&unit)) = (
                detail.member.get(k),
                detail.date.get(k),
                detail.status.get(k),
                detail.unit.get(k),
            ) else {
                continue;
            };
            let mi = m as usize;
            if let Some(x) = expected.get_mut(mi) {
                *x += 1;
            }
            let counter = match st {
                Presence::Attended => &mut attended,
                Presence::Excused => &mut excused,
                Presence::Absent => &mut absent,
            };
            if let Some(x) = counter.get_mut(mi) {
                *x += 1;
            }
            if let Some(slot) = last_unit.get_mut(mi) {
                *slot = unit.or(*slot);
            }
            let mk = from.months_until(Month::of(date));
            if let Some(s) = usize::try_from(mk)
                .ok()
                .and_then(|mk| status.get_mut(mi * nm + mk))
            {
                *s = match (*s, st) {
                    (_, Presence::Attended) | (AttendanceMonth::Attended, _) => {
                        AttendanceMonth::Attended
                    }
                    (_, Presence::Absent) | (AttendanceMonth::Absent, _) => AttendanceMonth::Absent,
                    _ => AttendanceMonth::Excused,
                };
            }
        }
        let mut out = AttendanceTable {
            from,
            to,
            as_of,
            ..AttendanceTable::default()
        };
        let tree = reg.tree();
        let flag = u64::from(flag_months.max(1));
        let judged = !self.meetings.is_empty();
        // Meeting records start with the earliest meeting of the book: before its month nothing
        // is known about organization life, so those months end a run like non-membership.
        let coverage = self.meetings.first().map(|x| Month::of(x.date));
        let mut gaps: std::collections::BTreeSet<(Month, OrgIdx)> = Default::default();
        let mut held: HashSet<(Month, OrgIdx)> = HashSet::new();
        let mut runs: Vec<u64> = Vec::new();
        for mi in 0..n {
            let m = mi as MemberIdx;
            let spells = reg.spells_of(m);
            let e = crate::invariant::at(&expected, mi);
            if e == 0 && (!judged || spells.is_empty()) {
                continue;
            }
            let row = status.get(mi * nm..(mi + 1) * nm).unwrap_or(&[]);
            let (mut run, mut longest) = (0u64, 0u64);
            let mut run_start: Option<Month> = None;
            let mut run_gaps: Vec<(Month, OrgIdx)> = Vec::new();
            let mut met: Option<Met> = None;
            for (s, &month) in row.iter().zip(&months) {
                let (first, last) = (month.first_day(), month.last_day());
                let branch = spells
                    .iter()
                    .filter(|sp| sp.from <= last && sp.to > first)
                    .max_by_key(|sp| sp.to)
                    .map(|sp| sp.branch)
                    .filter(|_| coverage.is_some_and(|c| month >= c));
                if let (true, Some(b)) = (*s != AttendanceMonth::NoneExpected, branch) {
                    held.insert((month, b));
                }
                let counts = match (*s, branch) {
                    (AttendanceMonth::Attended, _) | (AttendanceMonth::NoneExpected, None) => {
                        run = 0;
                        run_start = None;
                        run_gaps.clear();
                        false
                    }
                    (AttendanceMonth::Excused, _) => false,
                    (AttendanceMonth::Absent, _) => judged,
                    (AttendanceMonth::NoneExpected, Some(b)) => {
                        if judged {
                            run_gaps.push((month, b));
                            gaps.insert((month, b));
                        }
                        judged
                    }
                };
                if counts {
                    run += 1;
                    run_start = run_start.or(Some(month));
                    longest = longest.max(run);
                    if met.is_none() && run >= flag && last <= as_of {
                        met = Some((last, run_start.unwrap_or(month), month, run_gaps.clone()));
                    }
                }
            }
            let flagged = met.is_some();
            if e == 0 && !flagged {
                continue;
            }
            let rec = reg.member(m);
            let a = crate::invariant::at(&attended, mi);
            runs.push(run);
            out.member.push(m);
            out.member_id
                .push(rec.map(|r| r.id.clone()).unwrap_or_default());
            out.name
                .push(rec.map(|r| r.name.as_str().to_owned()).unwrap_or_default());
            out.org.push(
                last_unit
                    .get(mi)
                    .copied()
                    .flatten()
                    .and_then(|u| tree.get(u))
                    .map(|r| r.id.clone())
                    .unwrap_or_default(),
            );
            out.expected.push(e);
            out.attended.push(a);
            out.excused.push(crate::invariant::at(&excused, mi));
            out.absent.push(crate::invariant::at(&absent, mi));
            out.rate_bp.push(basis_points(a, e));
            out.longest_absent_run.push(longest);
            out.flagged.push(flagged);
            out.months
                .push(row.iter().map(|s| month_char(*s)).collect::<String>());
            out.last_attended.push(
                met.as_ref()
                    .and_then(|(_, start, _, _)| self.last_attended(m, start.first_day())),
            );
            out.met_on.push(met.as_ref().map(|x| x.0));
            out.run_from.push(met.as_ref().map(|x| x.1));
            out.run_to.push(met.as_ref().map(|x| x.2));
            out.no_meeting.push(
                met.map(|x| {
                    x.3.into_iter()
                        .filter_map(|(mo, b)| tree.get(b).map(|r| (mo, r.id.clone())))
                        .collect()
                })
                .unwrap_or_default(),
            );
        }
        out.branch_no_meeting = gaps
            .into_iter()
            .filter(|g| !held.contains(g))
            .filter_map(|(mo, b)| tree.get(b).map(|r| (mo, r.id.clone())))
            .collect();
        Ok((out, runs))
    }

    /// The day of the last meeting `m` attended before `before`, if any.
    fn last_attended(&self, m: MemberIdx, before: NaiveDate) -> Option<NaiveDate> {
        self.meetings
            .iter()
            .filter(|x| x.date < before && x.attendees.contains(&m))
            .map(|x| x.date)
            .max()
    }

    /// One row per expected member per meeting from `from` to `to` held on or before `as_of`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// use dangjian::compliance::Presence;
    /// let detail = book.detail(&reg, m("2024-01")?, m("2024-02")?, d("2024-02-29")?)?;
    /// assert_eq!(detail.len(), 6); // three members expected at two meetings
    /// let m2 = reg.member_index("M2").ok_or("no M2")?;
    /// let m2_rows: Vec<Presence> = (0..detail.len()).filter(|&k| detail.member[k] == m2)
    ///     .map(|k| detail.status[k]).collect();
    /// assert_eq!(m2_rows, [Presence::Attended, Presence::Absent]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn detail(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
    ) -> Result<AttendanceDetail, ComplianceError> {
        if to < from {
            return Err(ComplianceError::BadPeriod {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        let timelines = Timelines::build(reg);
        let tree = reg.tree();
        let spells = timelines.unit_spells(tree.len());
        let mut out = AttendanceDetail::default();
        for (k, m) in self.meetings.iter().enumerate() {
            if m.date < from.first_day() || m.date > to.last_day() || m.date > as_of {
                continue;
            }
            let att: HashSet<MemberIdx> = m.attendees.iter().copied().collect();
            let exc: HashSet<MemberIdx> = m.excused.iter().copied().collect();
            for x in self.expected(m, tree, &timelines, &spells) {
                let st = if att.contains(&x) {
                    Presence::Attended
                } else if exc.contains(&x) {
                    Presence::Excused
                } else {
                    Presence::Absent
                };
                out.meeting.push(k as u32);
                out.member.push(x);
                out.date.push(m.date);
                out.kind.push(m.kind);
                out.org.push(m.org);
                out.unit.push(timelines.unit_on(x, m.date));
                out.status.push(st);
            }
        }
        Ok(out)
    }

    /// Attendance aggregated per organization (member-meetings expected, attended, excused and
    /// absent; each member counted in their unit on the meeting day).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// use dangjian::stats::Rollup;
    /// let t = book.org_attendance(&reg, m("2024-01")?, m("2024-02")?, d("2024-02-29")?, Rollup::Direct)?;
    /// let b1 = t.orgs.id.iter().position(|id| id == "B1").ok_or("no B1 row")?;
    /// assert_eq!((t.expected[b1], t.attended[b1], t.excused[b1], t.absent[b1]), (6, 4, 1, 1));
    /// assert_eq!(t.rate_bp[b1], Some(6_666)); // 4/6, rounded down
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn org_attendance(
        &self,
        reg: &Registry,
        from: Month,
        to: Month,
        as_of: NaiveDate,
        rollup: Rollup,
    ) -> Result<OrgAttendanceTable, ComplianceError> {
        let detail = self.detail(reg, from, to, as_of)?;
        let tree = reg.tree();
        let n = tree.len();
        let (mut e, mut a, mut x, mut ab) =
            (vec![0u64; n], vec![0u64; n], vec![0u64; n], vec![0u64; n]);
        for k in 0..detail.len() {
            let (Some(&unit), Some(&st)) = (detail.unit.get(k), detail.status.get(k)) else {
                continue;
            };
            crate::stats::orgrows::add(&mut e, unit, 1);
            let v = match st {
                Presence::Attended => &mut a,
                Presence::Excused => &mut x,
                Presence::Absent => &mut ab,
            };
            crate::stats::orgrows::add(v, unit, 1);
        }
        let date = to.last_day().min(as_of).max(from.first_day());
        let orgs = OrgColumns::active(tree, date);
        let s = |v: Vec<u64>| orgs.pick(&crate::stats::orgrows::rolled(tree, v, rollup));
        let expected = s(e);
        let attended = s(a);
        let rate_bp = attended
            .iter()
            .zip(&expected)
            .map(|(&a, &e)| basis_points(a, e))
            .collect();
        Ok(OrgAttendanceTable {
            from,
            to,
            as_of,
            rollup,
            expected,
            attended,
            excused: s(x),
            absent: s(ab),
            rate_bp,
            orgs,
        })
    }
}

/// When the organization-life condition was met: the day, the run's first and last months, and
/// the run's months without a meeting with the branch.
type Met = (NaiveDate, Month, Month, Vec<(Month, OrgIdx)>);

fn month_char(s: AttendanceMonth) -> char {
    match s {
        AttendanceMonth::NoneExpected => '-',
        AttendanceMonth::Attended => 'A',
        AttendanceMonth::Excused => 'E',
        AttendanceMonth::Absent => 'X',
    }
}

/// Periods of kind `per` lying wholly within `from..=to`: (label, first day, last day).
fn periods(per: PeriodKind, from: Month, to: Month) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for m in Month::range(from, to) {
        let (starts, len) = match per {
            PeriodKind::Month => (true, 1),
            PeriodKind::Quarter => (m.month() % 3 == 1, 3),
            PeriodKind::Year => (m.month() == 1, 12),
        };
        if !starts {
            continue;
        }
        let mut last = m;
        for _ in 1..len {
            last = last.next();
        }
        if last > to {
            continue;
        }
        let label = match per {
            PeriodKind::Month => m.to_string(),
            PeriodKind::Quarter => format!("{}-Q{}", m.year(), m.quarter()),
            PeriodKind::Year => m.year().to_string(),
        };
        out.push((label, m.first_day(), last.last_day()));
    }
    out
}

/// Whether an expected member attended a meeting.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// use dangjian::compliance::Presence;
/// let detail = book.detail(&reg, m("2024-01")?, m("2024-01")?, d("2024-01-31")?)?;
/// assert_eq!(detail.status, [Presence::Attended, Presence::Attended, Presence::Excused]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Present.
    Attended,
    /// Absent with leave (请假).
    Excused,
    /// Absent without leave.
    Absent,
}

impl Presence {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::compliance::Presence;
    /// assert_eq!(Presence::Excused.label(), "请假");
    /// assert_eq!(Presence::Absent.label(), "缺席");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Presence::Attended => "出席",
            Presence::Excused => "请假",
            Presence::Absent => "缺席",
        }
    }
}

/// One row per expected member per meeting (columnar).
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// let detail = book.detail(&reg, m("2024-02")?, m("2024-02")?, d("2024-02-29")?)?;
/// assert_eq!(detail.meeting, [1, 1, 1]); // the second meeting in date order
/// assert!(detail.date.iter().all(|day| day.to_string() == "2024-02-05"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AttendanceDetail {
    /// Meeting (position in date order).
    pub meeting: Vec<u32>,
    /// Member.
    pub member: Vec<MemberIdx>,
    /// Meeting day.
    pub date: Vec<NaiveDate>,
    /// Meeting kind.
    pub kind: Vec<MeetingKind>,
    /// Organization holding the meeting.
    pub org: Vec<OrgIdx>,
    /// The member's unit on the day.
    pub unit: Vec<Option<OrgIdx>>,
    /// Presence.
    pub status: Vec<Presence>,
}

impl AttendanceDetail {
    /// Rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// assert_eq!(book.detail(&reg, m("2024-01")?, m("2024-03")?, d("2024-03-31")?)?.len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.member.len()
    }

    /// Whether empty.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// assert!(book.detail(&reg, m("2024-03")?, m("2024-03")?, d("2024-03-31")?)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.member.is_empty()
    }
}

/// Meeting compliance (三会一课落实情况): one row per organization and requirement.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// use dangjian::table::Table;
/// let t = book.compliance(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-30")?)?;
/// let row = t.row("B1", MeetingKind::ThemeDay).ok_or("no row")?;
/// assert_eq!((t.org_name[row].as_str(), t.held[row]), ("第一党支部", 2));
/// assert!(t.title_zh().contains("三会一课"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ComplianceTable {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Report date.
    pub as_of: NaiveDate,
    /// Organization id.
    pub org: Vec<OrgId>,
    /// Organization name.
    pub org_name: Vec<CompactString>,
    /// Meeting kind.
    pub kind: Vec<MeetingKind>,
    /// Period of the requirement.
    pub per: Vec<PeriodKind>,
    /// Meetings required per period.
    pub at_least: Vec<u64>,
    /// Meetings of the kind held in the window.
    pub held: Vec<u64>,
    /// Periods required.
    pub periods_required: Vec<u64>,
    /// Periods with enough meetings.
    pub periods_met: Vec<u64>,
    /// Periods without enough meetings.
    pub periods_missed: Vec<u64>,
    /// The missed periods (`2025-07`, `2025-Q3`, `2025`), joined with `、`.
    pub missed: Vec<String>,
    /// No period missed.
    pub compliant: Vec<bool>,
}

impl ComplianceTable {
    /// Rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// let t = book.compliance(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-30")?)?;
    /// assert_eq!(t.len(), t.org.len()); // one row per organization and requirement
    /// assert!(t.len() > 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.org.len()
    }

    /// Whether empty.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// // Before the organizations were founded (2020-01-01) nothing is required.
    /// let t = book.compliance(&reg, m("2019-01")?, m("2019-12")?, d("2020-06-30")?)?;
    /// assert!(t.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.org.is_empty()
    }

    /// The row of `org` and `kind`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// let t = book.compliance(&reg, m("2024-01")?, m("2024-03")?, d("2024-04-30")?)?;
    /// assert!(t.row("B1", MeetingKind::ThemeDay).is_some());
    /// assert!(t.row("B1", MeetingKind::GroupMeeting).is_none()); // groups hold those
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row(&self, org: &str, kind: MeetingKind) -> Option<usize> {
        (0..self.len())
            .find(|&r| self.org.get(r).is_some_and(|o| o == org) && self.kind.get(r) == Some(&kind))
    }
}

impl Table for ComplianceTable {
    fn name(&self) -> &str {
        "meeting_compliance"
    }
    fn title_zh(&self) -> String {
        format!(
            "“三会一课”落实情况（{}至{}，截至{}）",
            self.from, self.to, self.as_of
        )
    }
    fn len(&self) -> usize {
        self.org.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        vec![
            Column::new(
                "org",
                "组织编号",
                Role::Key,
                ColumnData::Str(self.org.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "org_name",
                "组织名称",
                Role::Text,
                ColumnData::Str(self.org_name.iter().map(|s| s.as_str()).collect()),
            ),
            Column::new(
                "kind",
                "会议类型",
                Role::Key,
                ColumnData::Str(self.kind.iter().map(|k| k.label()).collect()),
            ),
            Column::new(
                "per",
                "频次要求",
                Role::Text,
                ColumnData::Str(self.per.iter().map(|p| p.every_label()).collect()),
            ),
            Column::new(
                "at_least",
                "至少次数",
                Role::Value,
                ColumnData::U64(&self.at_least),
            ),
            Column::new("held", "召开次数", Role::Value, ColumnData::U64(&self.held)),
            Column::new(
                "periods_required",
                "应开期数",
                Role::Value,
                ColumnData::U64(&self.periods_required),
            ),
            Column::new(
                "periods_met",
                "达标期数",
                Role::Value,
                ColumnData::U64(&self.periods_met),
            ),
            Column::new(
                "periods_missed",
                "未达标期数",
                Role::Value,
                ColumnData::U64(&self.periods_missed),
            ),
            Column::new(
                "missed",
                "未达标期间",
                Role::Text,
                ColumnData::Str(self.missed.iter().map(String::as_str).collect()),
            ),
            Column::new(
                "compliant",
                "是否达标",
                Role::Value,
                ColumnData::Bool(&self.compliant),
            ),
        ]
    }
}

/// Attendance per member (党员参加组织生活情况), with the six-month absence flag.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// let t = book.attendance(&reg, m("2024-01")?, m("2024-03")?, d("2024-03-31")?, 6)?;
/// let m3 = t.row("M3").ok_or("no M3")?;
/// assert_eq!(t.months[m3], "EA-"); // excused, attended, no meeting in March
/// assert_eq!((t.expected[m3], t.attended[m3], t.excused[m3]), (2, 1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AttendanceTable {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
    /// Report date.
    pub as_of: NaiveDate,
    /// Member index.
    pub member: Vec<MemberIdx>,
    /// Member id.
    pub member_id: Vec<CompactString>,
    /// Name.
    pub name: Vec<String>,
    /// Unit at the member's last expected meeting.
    pub org: Vec<OrgId>,
    /// Meetings at which the member was expected.
    pub expected: Vec<u64>,
    /// Attended.
    pub attended: Vec<u64>,
    /// Absent with leave.
    pub excused: Vec<u64>,
    /// Absent without leave.
    pub absent: Vec<u64>,
    /// `attended / expected` in basis points, rounded down.
    pub rate_bp: Vec<Option<u64>>,
    /// Longest run of months without taking part (see [`MeetingBook::attendance`]: months
    /// absent without leave or without a meeting count, excused months pause).
    pub longest_absent_run: Vec<u64>,
    /// The art. 9 organization-life condition was met (see `met_on`).
    pub flagged: Vec<bool>,
    /// The day the condition was first met (the last day of the run's sixth month).
    pub met_on: Vec<Option<NaiveDate>>,
    /// First month of that run.
    pub run_from: Vec<Option<Month>>,
    /// Last month of that run.
    pub run_to: Vec<Option<Month>>,
    /// The last meeting attended before that run (looking back over every meeting recorded).
    pub last_attended: Vec<Option<NaiveDate>>,
    /// Months of that run in which the member's branch held no meeting the member was
    /// expected at, with the branch.
    pub no_meeting: Vec<Vec<(Month, OrgId)>>,
    /// Every month of the window in which none of a branch's members was expected at any
    /// meeting (the branch held none; reported against the branch; not a column).
    pub branch_no_meeting: Vec<(Month, OrgId)>,
    /// One character per month of the window: `A` attended, `E` excused, `X` absent without
    /// leave, `-` no meeting expected.
    pub months: Vec<String>,
}

impl AttendanceTable {
    /// Ids of the flagged members.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// let t = book.attendance(&reg, m("2024-01")?, m("2024-03")?, d("2024-03-31")?, 6)?;
    /// assert!(t.flagged_ids().is_empty()); // nobody six months away
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

    /// The row of member `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
    /// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
    /// # let book = MeetingBook::new(&reg, vec![], vec![
    /// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
    /// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
    /// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
    /// #         "attendees": ["M1", "M3"]}"#)?,
    /// # ])?;
    /// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
    /// let t = book.attendance(&reg, m("2024-01")?, m("2024-02")?, d("2024-02-29")?, 6)?;
    /// let m2 = t.row("M2").ok_or("no M2")?;
    /// assert_eq!((t.attended[m2], t.absent[m2]), (1, 1));
    /// assert_eq!(t.row("M9"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row(&self, id: &str) -> Option<usize> {
        self.member_id.iter().position(|m| m == id)
    }
}

impl Table for AttendanceTable {
    fn name(&self) -> &str {
        "attendance"
    }
    fn title_zh(&self) -> String {
        format!(
            "党员参加组织生活情况（{}至{}，截至{}）",
            self.from, self.to, self.as_of
        )
    }
    fn len(&self) -> usize {
        self.member.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut cols = super::member_key_columns(&self.member_id, &self.name, &self.org);
        cols.extend([
            Column::new(
                "expected",
                "应参加次数",
                Role::Value,
                ColumnData::U64(&self.expected),
            ),
            Column::new(
                "attended",
                "出席次数",
                Role::Value,
                ColumnData::U64(&self.attended),
            ),
            Column::new(
                "excused",
                "请假次数",
                Role::Value,
                ColumnData::U64(&self.excused),
            ),
            Column::new(
                "absent",
                "无故缺席次数",
                Role::Value,
                ColumnData::U64(&self.absent),
            ),
            Column::new(
                "rate_bp",
                "出席率（万分比）",
                Role::Value,
                ColumnData::OptU64(&self.rate_bp),
            ),
            Column::new(
                "longest_absent_run",
                "最长连续无故缺席月数",
                Role::Value,
                ColumnData::U64(&self.longest_absent_run),
            ),
            Column::new(
                "flagged",
                "连续六个月未参加组织生活（党章第九条）",
                Role::Value,
                ColumnData::Bool(&self.flagged),
            ),
            Column::new(
                "months",
                "逐月情况",
                Role::Text,
                ColumnData::Str(self.months.iter().map(String::as_str).collect()),
            ),
        ]);
        cols
    }
}

/// Attendance per organization: member-meetings expected, attended, excused and absent.
///
/// # Examples
///
/// ```
/// # use dangjian::compliance::{MeetingBook, MeetingKind, MeetingRecord, Month};
/// # let reg = dangjian::Registry::sample_small();
/// # let meeting = |json: &str| serde_json::from_str::<MeetingRecord>(json);
/// # // B1 (M1, M2, M3) holds its theme day in January and February 2024, not in March.
/// # let book = MeetingBook::new(&reg, vec![], vec![
/// #     meeting(r#"{"id": "MT1", "org": "B1", "kind": "theme_day", "date": "2024-01-05",
/// #         "attendees": ["M1", "M2"], "excused": ["M3"]}"#)?,
/// #     meeting(r#"{"id": "MT2", "org": "B1", "kind": "theme_day", "date": "2024-02-05",
/// #         "attendees": ["M1", "M3"]}"#)?,
/// # ])?;
/// # let (m, d) = (|s: &str| s.parse::<Month>(), |s: &str| s.parse::<dangjian::chrono::NaiveDate>());
/// use dangjian::stats::Rollup;
/// let t = book.org_attendance(&reg, m("2024-01")?, m("2024-02")?, d("2024-02-29")?, Rollup::Subtree)?;
/// assert_eq!(t.orgs.id[0], "Z"); // the root covers its branches
/// assert_eq!((t.expected[0], t.attended[0]), (6, 4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrgAttendanceTable {
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
    /// Member-meetings expected.
    pub expected: Vec<u64>,
    /// Attended.
    pub attended: Vec<u64>,
    /// Excused.
    pub excused: Vec<u64>,
    /// Absent without leave.
    pub absent: Vec<u64>,
    /// `attended / expected` in basis points, rounded down.
    pub rate_bp: Vec<Option<u64>>,
}

impl Table for OrgAttendanceTable {
    fn name(&self) -> &str {
        "org_attendance"
    }
    fn title_zh(&self) -> String {
        format!(
            "组织生活出席情况统计（{}至{}，{}，截至{}）",
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
        c.extend([
            Column::new(
                "expected",
                "应出席（人次）",
                Role::Count,
                ColumnData::U64(&self.expected),
            ),
            Column::new(
                "attended",
                "出席（人次）",
                Role::Count,
                ColumnData::U64(&self.attended),
            ),
            Column::new(
                "excused",
                "请假（人次）",
                Role::Count,
                ColumnData::U64(&self.excused),
            ),
            Column::new(
                "absent",
                "无故缺席（人次）",
                Role::Count,
                ColumnData::U64(&self.absent),
            ),
            Column::new(
                "rate_bp",
                "出席率（万分比）",
                Role::Measure,
                ColumnData::OptU64(&self.rate_bp),
            ),
        ]);
        c
    }
    fn structure(&self) -> Structure {
        let (parent, remainder) = self.orgs.hierarchy_for_members(self.rollup);
        Structure {
            equations: vec![Equation::sum(
                "expected",
                &["attended", "excused", "absent"],
            )],
            parent,
            remainder,
            derived: vec![("rate_bp".into(), vec!["expected".into(), "attended".into()])],
            not_additive: Vec::new(),
        }
    }
}
