//! 民主评议党员: the annual democratic appraisal of a branch's members — ballots, counting with
//! configurable weights and thresholds, the branch's decision, and the handling of 不合格.
//!
//! # Examples
//!
//! Three members of `B1` appraise each other; one ballot comes from outside:
//!
//! ```
//! # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
//! # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
//! #   "ballots": [
//! #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
//! #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
//! #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
//! #     {"voter": "M9", "votes": {"M1": "excellent"}}],
//! #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
//! # let ids = ["M1", "M2", "M3"].map(Into::into);
//! let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
//! assert_eq!((c.ballots, c.valid), (4, 3));
//! assert_eq!(c.by_grade(), [0, 2, 0, 1]); // 优秀 over the 20% quota counts 合格
//! assert_eq!(c.final_by_grade(), [0, 2, 1, 0]); // the branch decided 基本合格 for M3
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::member::MemberId;

/// A grade of the appraisal (支部条例: 优秀、合格、基本合格、不合格), best first.
///
/// # Examples
///
/// ```
/// use dangjian::year::Grade;
/// assert_eq!(serde_json::from_str::<Grade>("\"basically_qualified\"")?, Grade::BasicallyQualified);
/// assert!(Grade::Excellent < Grade::Unqualified); // best first
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
pub enum Grade {
    /// 优秀.
    Excellent,
    /// 合格.
    Qualified,
    /// 基本合格.
    BasicallyQualified,
    /// 不合格.
    Unqualified,
}

impl Grade {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::Grade::BasicallyQualified.label(), "基本合格");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Qualified => "合格",
            Grade::BasicallyQualified => "基本合格",
            Grade::Unqualified => "不合格",
        }
    }

    /// Position (0 = 优秀 … 3 = 不合格).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::year::Grade;
    /// assert_eq!(Grade::Unqualified.index(), 3);
    /// assert!(Grade::ALL.iter().all(|g| Grade::ALL[g.index()] == *g));
    /// ```
    pub fn index(self) -> usize {
        match self {
            Grade::Excellent => 0,
            Grade::Qualified => 1,
            Grade::BasicallyQualified => 2,
            Grade::Unqualified => 3,
        }
    }

    /// All grades, best first.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::year::Grade;
    /// assert_eq!(Grade::ALL.map(Grade::label), ["优秀", "合格", "基本合格", "不合格"]);
    /// ```
    pub const ALL: [Grade; 4] = [
        Grade::Excellent,
        Grade::Qualified,
        Grade::BasicallyQualified,
        Grade::Unqualified,
    ];
}

/// One ballot of the peer appraisal (党员互评): the voter and a grade per member appraised. The
/// voter is recorded only to check who may vote and that each votes once; no output shows a
/// vote by voter.
///
/// # Examples
///
/// ```
/// use dangjian::year::{Grade, PeerBallot};
/// let b: PeerBallot = serde_json::from_str(r#"{"voter": "M1", "votes": {"M2": "excellent", "M3": "qualified"}}"#)?;
/// assert_eq!(b.votes.get("M2"), Some(&Grade::Excellent));
/// assert_eq!(b.to_string(), "ballot of M1 (2 votes)"); // never the votes themselves
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeerBallot {
    /// The voter.
    #[schemars(with = "String")]
    pub voter: MemberId,
    /// Grade per member appraised (members left out are not voted on by this ballot).
    #[schemars(with = "BTreeMap<String, Grade>")]
    pub votes: BTreeMap<MemberId, Grade>,
}

impl std::fmt::Display for PeerBallot {
    /// Never shows the votes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ballot of {} ({} votes)", self.voter, self.votes.len())
    }
}

/// A self-appraisal or the branch's decision for one member.
///
/// # Examples
///
/// ```
/// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
/// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
/// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
/// # let ids = ["M1", "M2", "M3"].map(Into::into);
/// let decided = &rec.decisions[0];
/// assert_eq!((decided.member.as_str(), decided.grade), ("M3", Grade::BasicallyQualified));
/// let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
/// assert_eq!(c.members[2].decided, Some(Grade::BasicallyQualified));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberGrade {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The grade.
    pub grade: Grade,
}

/// The counting rules (configurable; the defaults are the commonly published ones).
///
/// Each valid vote weighs `peer_weight` (党员互评) or `masses_weight` (群众评议); for a member,
/// the weighted votes of each grade are compared with the weighted votes cast for them:
/// - 不合格 when the 不合格 votes are more than `unqualified_bp` (default 5000: more than half);
/// - else 优秀 when the 优秀 votes are more than `excellent_bp` (default 5000: more than half);
/// - else 基本合格 when the 基本合格 and 不合格 votes together are more than `basic_bp`
///   (default 5000);
/// - else 合格.
///
/// 优秀 is limited to `excellent_share_bp` of the members appraised (default 2000: 20%, rounded
/// down); members over the quota, fewest 优秀 votes first, are counted 合格, and a tie that does
/// not fit is demoted whole (as the points quota, `score_top_quota`). With `use_points`, a
/// member's grade is at most their grade of the year's points assessment when one is given.
///
/// # Examples
///
/// ```
/// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
/// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
/// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
/// # let ids = ["M1", "M2", "M3"].map(Into::into);
/// // with an 优秀 share of 50%, one of three members may be 优秀
/// let generous = AppraisalRules { excellent_share_bp: 5000, ..AppraisalRules::default() };
/// let c = count_appraisal(&rec, &ids, &ids, &generous);
/// assert_eq!((c.excellent_quota, c.members[0].counted), (1, Grade::Excellent));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AppraisalRules {
    /// Weight of a peer vote.
    pub peer_weight: u32,
    /// Weight of a vote of the masses.
    pub masses_weight: u32,
    /// 优秀: share of the weighted votes cast (basis points) to exceed.
    pub excellent_bp: u32,
    /// 基本合格: share of 基本合格 and 不合格 votes to exceed.
    pub basic_bp: u32,
    /// 不合格: share of 不合格 votes to exceed.
    pub unqualified_bp: u32,
    /// 优秀 at most this share of the members appraised (basis points, rounded down).
    pub excellent_share_bp: u32,
    /// Cap the grade at the year's points grade (when given).
    pub use_points: bool,
    /// Whether probationary members vote in the peer appraisal (they are appraised either way).
    pub probationary_vote: bool,
    /// Days allowed for 限期改正 when an action gives no deadline.
    pub rectification_days: u32,
}

impl Default for AppraisalRules {
    fn default() -> Self {
        AppraisalRules {
            peer_weight: 1,
            masses_weight: 1,
            excellent_bp: 5000,
            basic_bp: 5000,
            unqualified_bp: 5000,
            excellent_share_bp: 2000,
            use_points: false,
            probationary_vote: true,
            rectification_days: 180,
        }
    }
}

impl AppraisalRules {
    /// Whether these are the defaults (not written to a dataset).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::year::AppraisalRules;
    /// assert!(AppraisalRules::default().is_default());
    /// assert!(!AppraisalRules { probationary_vote: false, ..AppraisalRules::default() }.is_default());
    /// ```
    pub fn is_default(&self) -> bool {
        *self == AppraisalRules::default()
    }
}

/// An appraisal of one branch for one year (民主评议党员), held on `date`.
///
/// The members appraised are the full and probationary members of the branch (its subtree) on
/// `date`. Voters are those members (probationary ones when `probationary_vote`), or the list
/// given. The masses' ballots (群众评议) carry no voter. The branch's decision (`decisions`) is
/// recorded apart from the count, and the report shows both.
///
/// Source: 《中国共产党支部工作条例（试行）》（2018）: the branch appraises its members once a
/// year; grades 优秀、合格、基本合格、不合格 as commonly published.
///
/// # Examples
///
/// ```
/// use dangjian::year::{AppraisalRecord, Grade};
/// let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
///     "masses": [{"M1": "excellent", "M3": "qualified"}]}"#)?;
/// assert_eq!((rec.year, rec.ballots.len()), (2024, 0));
/// assert_eq!(rec.masses[0].get("M1"), Some(&Grade::Excellent)); // 群众评议: no voter
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppraisalRecord {
    /// Identifier.
    pub id: String,
    /// The branch.
    pub org: String,
    /// The year appraised.
    pub year: i32,
    /// Day of the appraisal meeting.
    pub date: NaiveDate,
    /// Who may vote in the peer appraisal (default: the members appraised).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub voters: Option<Vec<MemberId>>,
    /// Self-appraisals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub self_grades: Vec<MemberGrade>,
    /// Peer ballots, one per voter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ballots: Vec<PeerBallot>,
    /// Ballots of the masses (群众评议), anonymous: a grade per member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<BTreeMap<String, Grade>>")]
    pub masses: Vec<BTreeMap<MemberId, Grade>>,
    /// The branch's decision per member (支部大会决定), recorded apart from the count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<MemberGrade>,
    /// The year's points grade per member, for `use_points`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points_grades: Vec<MemberGrade>,
}

/// Why a ballot was not counted.
///
/// # Examples
///
/// ```
/// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
/// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
/// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
/// # let ids = ["M1", "M2", "M3"].map(Into::into);
/// use dangjian::year::InvalidReason;
/// let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
/// assert_eq!(c.invalid.get(&InvalidReason::NotEligible), Some(&1)); // M9 is not of the branch
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
pub enum InvalidReason {
    /// The voter may not vote.
    NotEligible,
    /// A second ballot of the same voter (only the first counts).
    Duplicate,
    /// A vote for someone not appraised.
    UnknownSubject,
    /// No vote at all.
    Empty,
}

impl InvalidReason {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::InvalidReason::Duplicate.label(), "重复投票");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            InvalidReason::NotEligible => "无评议资格",
            InvalidReason::Duplicate => "重复投票",
            InvalidReason::UnknownSubject => "评议对象不在参评名单",
            InvalidReason::Empty => "空票",
        }
    }
}

/// The count of one member: votes per grade (weighted and not), the grade the count gives, and
/// the branch's decision.
///
/// # Examples
///
/// ```
/// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
/// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
/// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
/// # let ids = ["M1", "M2", "M3"].map(Into::into);
/// let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
/// let m1 = &c.members[0];
/// assert_eq!((m1.peer, m1.cast), ([2, 1, 0, 0], 3));
/// assert_eq!((m1.by_votes, m1.counted, m1.over_quota), (Grade::Excellent, Grade::Qualified, true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberCount {
    /// The member.
    pub member: String,
    /// Peer votes per grade (优秀, 合格, 基本合格, 不合格).
    pub peer: [u64; 4],
    /// Votes of the masses per grade.
    pub masses: [u64; 4],
    /// Weighted votes per grade.
    pub weighted: [u64; 4],
    /// Weighted votes cast.
    pub cast: u64,
    /// Self-appraisal.
    pub self_grade: Option<Grade>,
    /// The grade by the votes alone (before the quota and points).
    pub by_votes: Grade,
    /// The grade the count gives (quota and points applied).
    pub counted: Grade,
    /// Demoted from 优秀 by the quota.
    pub over_quota: bool,
    /// The branch's decision, if recorded.
    pub decided: Option<Grade>,
}

/// The count of an appraisal: ballots cast, valid and invalid by reason, and one
/// [`MemberCount`] per member appraised (in member id order).
///
/// # Examples
///
/// ```
/// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
/// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
/// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
/// # let ids = ["M1", "M2", "M3"].map(Into::into);
/// let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
/// assert_eq!((c.appraised, c.voters, c.ballots, c.valid), (3, 3, 4, 3));
/// assert_eq!(c.excellent_quota, 0); // 20% of 3, rounded down
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalCount {
    /// Appraisal id.
    pub id: String,
    /// Branch.
    pub org: String,
    /// Year.
    pub year: i32,
    /// Meeting day.
    pub date: NaiveDate,
    /// Members appraised.
    pub appraised: u64,
    /// Voters allowed.
    pub voters: u64,
    /// Peer ballots returned.
    pub ballots: u64,
    /// Peer ballots counted.
    pub valid: u64,
    /// Ballots not counted, by reason (peer and masses).
    pub invalid: BTreeMap<InvalidReason, u64>,
    /// Ballots of the masses counted.
    pub masses_valid: u64,
    /// 优秀 allowed by the quota.
    pub excellent_quota: u64,
    /// Per member.
    pub members: Vec<MemberCount>,
}

impl AppraisalCount {
    /// Members per counted grade.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
    /// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
    /// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
    /// # let ids = ["M1", "M2", "M3"].map(Into::into);
    /// let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
    /// assert_eq!(c.by_grade(), [0, 2, 0, 1]); // 优秀, 合格, 基本合格, 不合格
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_grade(&self) -> [u64; 4] {
        let mut out = [0; 4];
        for m in &self.members {
            if let Some(slot) = out.get_mut(m.counted.index()) {
                *slot += 1;
            }
        }
        out
    }

    /// Members per final grade: the branch's decision where recorded, else the count.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade};
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}},
    /// #     {"voter": "M9", "votes": {"M1": "excellent"}}],
    /// #   "decisions": [{"member": "M3", "grade": "basically_qualified"}]}"#)?;
    /// # let ids = ["M1", "M2", "M3"].map(Into::into);
    /// let c = count_appraisal(&rec, &ids, &ids, &AppraisalRules::default());
    /// assert_eq!(c.final_by_grade(), [0, 2, 1, 0]); // M3: the branch's 基本合格, not the count's 不合格
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn final_by_grade(&self) -> [u64; 4] {
        let mut out = [0; 4];
        for m in &self.members {
            if let Some(slot) = out.get_mut(m.decided.unwrap_or(m.counted).index()) {
                *slot += 1;
            }
        }
        out
    }
}

/// Counts one appraisal: `appraised` are the members appraised, `eligible` those who may vote
/// (both sorted or not; ids). A pure function, so that the count reconciles with the ballots:
/// every valid ballot's votes appear once in `peer`, and `valid + invalid = ballots`.
///
/// ```
/// use std::collections::BTreeMap;
/// use dangjian::year::{count_appraisal, AppraisalRecord, AppraisalRules, Grade, PeerBallot};
/// let ids = ["A", "B", "C"];
/// let ballot = |v: &str, g: [Grade; 3]| PeerBallot {
///     voter: v.into(),
///     votes: ids.iter().zip(g).map(|(m, g)| ((*m).into(), g)).collect::<BTreeMap<_, _>>(),
/// };
/// use Grade::*;
/// let rec = AppraisalRecord {
///     id: "P".into(), org: "B".into(), year: 2026, date: "2026-12-20".parse().unwrap(),
///     voters: None, self_grades: vec![], masses: vec![], decisions: vec![], points_grades: vec![],
///     ballots: vec![
///         ballot("A", [Excellent, Excellent, Qualified]),
///         ballot("B", [Excellent, Qualified, Unqualified]),
///         ballot("C", [Qualified, Qualified, Unqualified]),
///         ballot("C", [Excellent, Excellent, Excellent]), // a second ballot: not counted
///     ],
/// };
/// let rules = AppraisalRules { excellent_share_bp: 5000, ..AppraisalRules::default() };
/// let c = count_appraisal(&rec, &ids.map(Into::into), &ids.map(Into::into), &rules);
/// assert_eq!((c.ballots, c.valid), (4, 3));
/// assert_eq!(c.members[0].counted, Excellent);   // 2 of 3 votes
/// assert_eq!(c.members[1].counted, Qualified);   // 1 of 3
/// assert_eq!(c.members[2].counted, Unqualified); // 2 of 3
/// ```
pub fn count_appraisal(
    rec: &AppraisalRecord,
    appraised: &[MemberId],
    eligible: &[MemberId],
    rules: &AppraisalRules,
) -> AppraisalCount {
    let mut subjects: Vec<MemberId> = appraised.to_vec();
    crate::sort::sort(&mut subjects);
    subjects.dedup();
    let eligible: HashSet<&MemberId> = eligible.iter().collect();
    let pos = |m: &MemberId| subjects.binary_search(m).ok();
    let mut peer = vec![[0u64; 4]; subjects.len()];
    let mut masses = vec![[0u64; 4]; subjects.len()];
    let mut invalid: BTreeMap<InvalidReason, u64> = BTreeMap::new();
    let mut seen: HashSet<&MemberId> = HashSet::new();
    let mut valid = 0u64;
    let check = |votes: &BTreeMap<MemberId, Grade>| -> Option<InvalidReason> {
        if votes.is_empty() {
            return Some(InvalidReason::Empty);
        }
        if votes.keys().any(|m| pos(m).is_none()) {
            return Some(InvalidReason::UnknownSubject);
        }
        None
    };
    for b in &rec.ballots {
        let reason = if !eligible.contains(&b.voter) {
            Some(InvalidReason::NotEligible)
        } else if !seen.insert(&b.voter) {
            Some(InvalidReason::Duplicate)
        } else {
            check(&b.votes)
        };
        match reason {
            Some(r) => *invalid.entry(r).or_default() += 1,
            None => {
                valid += 1;
                for (m, g) in &b.votes {
                    if let Some(slot) = pos(m).and_then(|i| peer.get_mut(i)) {
                        if let Some(c) = slot.get_mut(g.index()) {
                            *c += 1;
                        }
                    }
                }
            }
        }
    }
    let mut masses_valid = 0u64;
    for votes in &rec.masses {
        match check(votes) {
            Some(r) => *invalid.entry(r).or_default() += 1,
            None => {
                masses_valid += 1;
                for (m, g) in votes {
                    if let Some(slot) = pos(m).and_then(|i| masses.get_mut(i)) {
                        if let Some(c) = slot.get_mut(g.index()) {
                            *c += 1;
                        }
                    }
                }
            }
        }
    }
    let lookup = |list: &[MemberGrade], m: &MemberId| {
        list.iter().rev().find(|g| g.member == *m).map(|g| g.grade)
    };
    let (pw, mw) = (u64::from(rules.peer_weight), u64::from(rules.masses_weight));
    let over = |votes: u64, cast: u64, bp: u32| cast > 0 && votes * 10_000 > cast * u64::from(bp);
    let mut members: Vec<MemberCount> = Vec::with_capacity(subjects.len());
    for (i, m) in subjects.iter().enumerate() {
        let p = peer.get(i).copied().unwrap_or_default();
        let q = masses.get(i).copied().unwrap_or_default();
        let mut weighted = [0u64; 4];
        for (k, w) in weighted.iter_mut().enumerate() {
            *w = p.get(k).copied().unwrap_or(0) * pw + q.get(k).copied().unwrap_or(0) * mw;
        }
        let cast: u64 = weighted.iter().sum();
        let [ex, _, basic, unq] = weighted;
        let by_votes = if over(unq, cast, rules.unqualified_bp) {
            Grade::Unqualified
        } else if over(ex, cast, rules.excellent_bp) {
            Grade::Excellent
        } else if over(basic + unq, cast, rules.basic_bp) {
            Grade::BasicallyQualified
        } else {
            Grade::Qualified
        };
        let mut counted = by_votes;
        if rules.use_points {
            if let Some(pg) = lookup(&rec.points_grades, m) {
                counted = counted.max(pg);
            }
        }
        members.push(MemberCount {
            member: m.to_string(),
            peer: p,
            masses: q,
            weighted,
            cast,
            self_grade: lookup(&rec.self_grades, m),
            by_votes,
            counted,
            over_quota: false,
            decided: lookup(&rec.decisions, m),
        });
    }
    // The quota of 优秀: the best by weighted 优秀 share; a tie that does not fit is demoted whole.
    let quota = (subjects.len() as u64) * u64::from(rules.excellent_share_bp) / 10_000;
    let mut top: Vec<usize> = (0..members.len())
        .filter(|i| {
            members
                .get(*i)
                .is_some_and(|m| m.counted == Grade::Excellent)
        })
        .collect();
    if top.len() as u64 > quota {
        // compare ex_a / cast_a with ex_b / cast_b exactly
        let key = |i: usize| {
            members
                .get(i)
                .map(|m| (m.weighted.first().copied().unwrap_or(0), m.cast.max(1)))
                .unwrap_or((0, 1))
        };
        let cmp = |a: usize, b: usize| {
            let ((ea, ca), (eb, cb)) = (key(a), key(b));
            (eb as u128 * ca as u128).cmp(&(ea as u128 * cb as u128))
        };
        crate::sort::sort_by(&mut top, |a, b| cmp(*a, *b).then(a.cmp(b)));
        let mut keep = quota as usize;
        // a tie across the boundary is demoted whole
        if let (Some(&last_in), Some(&first_out)) = (
            top.get(keep.wrapping_sub(1)).filter(|_| keep > 0),
            top.get(keep),
        ) {
            if cmp(last_in, first_out) == std::cmp::Ordering::Equal {
                while keep > 0
                    && top
                        .get(keep - 1)
                        .is_some_and(|&i| cmp(i, first_out) == std::cmp::Ordering::Equal)
                {
                    keep -= 1;
                }
            }
        }
        for &i in top.iter().skip(keep) {
            if let Some(m) = members.get_mut(i) {
                m.counted = Grade::Qualified;
                m.over_quota = true;
            }
        }
    }
    AppraisalCount {
        id: rec.id.clone(),
        org: rec.org.clone(),
        year: rec.year,
        date: rec.date,
        appraised: subjects.len() as u64,
        voters: eligible.len() as u64,
        ballots: rec.ballots.len() as u64,
        valid,
        invalid,
        masses_valid,
        excellent_quota: quota,
        members,
    }
}

/// What is done about a member graded 不合格 (《关于稳妥有序开展不合格党员组织处置工作的意见》,
/// 中共中央组织部: 限期改正, 劝退, 除名).
///
/// # Examples
///
/// ```
/// use dangjian::year::ActionKind;
/// assert_eq!(serde_json::from_str::<ActionKind>("\"rectify\"")?, ActionKind::Rectify);
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
pub enum ActionKind {
    /// 限期改正: a deadline to correct, then an outcome.
    Rectify,
    /// 劝退: advised to leave the party.
    Persuade,
    /// 除名: removed from the party.
    Remove,
}

impl ActionKind {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::ActionKind::Persuade.label(), "劝退");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Rectify => "限期改正",
            ActionKind::Persuade => "劝退",
            ActionKind::Remove => "除名",
        }
    }
}

/// The outcome of an action.
///
/// # Examples
///
/// ```
/// use dangjian::year::ActionOutcome;
/// assert_eq!(serde_json::from_str::<ActionOutcome>("\"not_corrected\"")?, ActionOutcome::NotCorrected);
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
pub enum ActionOutcome {
    /// 限期改正: corrected (转化).
    Corrected,
    /// 限期改正: not corrected by the deadline.
    NotCorrected,
    /// 劝退: the member left (退党).
    Left,
    /// 劝退: the member refused.
    Refused,
}

impl ActionOutcome {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::ActionOutcome::Refused.label(), "拒不退党");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ActionOutcome::Corrected => "已改正",
            ActionOutcome::NotCorrected => "逾期未改正",
            ActionOutcome::Left => "已退党",
            ActionOutcome::Refused => "拒不退党",
        }
    }
}

/// A dated step in handling a member graded 不合格: 限期改正 with its deadline and outcome, 劝退,
/// 除名. The sequence the 意见 sets is checked ([`crate::year::YearBook`] findings): 劝退 after a
/// 限期改正 not corrected, 除名 after a 劝退 refused (or a 限期改正 not corrected).
///
/// # Examples
///
/// ```
/// use dangjian::year::{ActionKind, AppraisalAction};
/// let act: AppraisalAction = serde_json::from_str(
///     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// assert_eq!((act.kind, act.deadline, act.outcome), (ActionKind::Rectify, None, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppraisalAction {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The appraisal that graded the member 不合格.
    pub appraisal: String,
    /// What was done.
    pub kind: ActionKind,
    /// When it was decided.
    pub date: NaiveDate,
    /// 限期改正: the deadline (default: `date` + the rules' `rectification_days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// The outcome, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ActionOutcome>,
    /// The day of the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_date: Option<NaiveDate>,
}
