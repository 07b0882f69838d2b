use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{PostKind, Skill};
use crate::fixed::Fixed;
use crate::member::MemberId;
use crate::org::OrgId;

/// The stable identifier of a post (e.g. `"P-MED"`).
pub type PostId = CompactString;
/// The stable identifier of a claim (e.g. `"C0001"`).
pub type ClaimId = CompactString;
/// The stable identifier of a service record (e.g. `"S00001"`).
pub type ServiceId = CompactString;

/// Longest accepted id, in bytes.
pub const MAX_ID_LEN: usize = 64;
/// Longest accepted text field (names, goals, notes), in characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Most seats one post may have.
pub const MAX_CAPACITY: u32 = 100_000;
/// Most hours one service record may carry (one day).
pub const MAX_HOURS_PER_RECORD: Fixed = Fixed::from_int(24);
/// Most hours a commitment may promise per month (31 days of 24 hours).
pub const MAX_HOURS_PER_MONTH: Fixed = Fixed::from_int(744);

/// A post (岗位) set by an organization (设岗定责): `capacity` seats, open from `opened`
/// (inclusive) until `closed` (exclusive; open-ended when absent).
///
/// `skills` must all be held by a member who claims a seat through [matching](super::solve);
/// `preferred` skills make a better match. Skills are not checked on manual claims: the
/// organization may seat whom it decides.
///
/// ```
/// use dangjian::post::{default_kinds, PostRecord};
/// let kinds = default_kinds();
/// let med = kinds.iter().find(|k| k.code == "mediator").unwrap();
/// let p = PostRecord::from_kind("P-MED", med, "Z", 6, "2025-11-01".parse().unwrap());
/// assert_eq!((p.name.as_str(), p.capacity, p.skills.len()), ("矛盾纠纷调解员", 6, 1));
/// assert!(p.is_open("2026-01-01".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostRecord {
    /// Stable identifier, unique among posts.
    #[schemars(with = "String")]
    pub id: PostId,
    /// Display name, e.g. `矛盾纠纷调解员`.
    #[schemars(with = "String")]
    pub name: CompactString,
    /// Code of the post kind.
    #[schemars(with = "String")]
    pub kind: CompactString,
    /// The organization that set the post and owns it.
    #[schemars(with = "String")]
    pub org: OrgId,
    /// Number of seats (people who may hold the post on one day), 1 to 100,000.
    pub capacity: u32,
    /// Skills required (all of them) for matching.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub skills: Vec<Skill>,
    /// Skills preferred for matching.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub preferred: Vec<Skill>,
    /// First day the post is open.
    pub opened: NaiveDate,
    /// Day the post closes (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// Duties (岗位职责).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl PostRecord {
    /// A post of `kind`, taking its name, skills and duties from the kind.
    pub fn from_kind(
        id: &str,
        kind: &PostKind,
        org: &str,
        capacity: u32,
        opened: NaiveDate,
    ) -> Self {
        PostRecord {
            id: id.into(),
            name: kind.name.clone(),
            kind: kind.code.clone(),
            org: org.into(),
            capacity,
            skills: kind.skills.clone(),
            preferred: kind.preferred.clone(),
            opened,
            closed: None,
            description: kind.description.clone(),
        }
    }

    /// Whether the post is open on `date`.
    pub fn is_open(&self, date: NaiveDate) -> bool {
        self.opened <= date && self.closed.is_none_or(|c| date < c)
    }
}

/// A public commitment (承诺) made when claiming a post: service goal, time and quality
/// (seed 003: 就服务目标、服务时间和服务质量等做出切合实际的服务承诺, shown publicly).
///
/// `hours_per_month` is the measurable part: a month counts as kept when the verified service
/// hours on the post in that month reach it (see [`PostBook::commitments`](super::PostBook::commitments)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Service goal (服务目标), e.g. `每月排查一次矛盾纠纷`.
    pub goal: String,
    /// Hours of service promised per calendar month, more than 0 and at most 744.
    pub hours_per_month: Fixed,
    /// Service time (服务时间), e.g. `每周六上午`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// Service quality (服务质量), e.g. `群众满意率不低于95%`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quality: String,
}

impl Commitment {
    /// A commitment with a goal and monthly hours; no time or quality text.
    pub fn new(goal: &str, hours_per_month: Fixed) -> Self {
        Commitment {
            goal: goal.into(),
            hours_per_month,
            time: String::new(),
            quality: String::new(),
        }
    }
}

/// A member's claim (认领) of a seat of a post, from `start` (inclusive) until `end`
/// (exclusive: the day the post is released; open-ended when absent).
///
/// A claim is never deleted: releasing sets `end`, and claiming again makes a new claim, so the
/// history of who held which post stays whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Stable identifier, unique among claims.
    #[schemars(with = "String")]
    pub id: ClaimId,
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The post.
    #[schemars(with = "String")]
    pub post: PostId,
    /// First day held.
    pub start: NaiveDate,
    /// Day released (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// The public commitment.
    pub commitment: Commitment,
}

impl ClaimRecord {
    /// An open-ended claim.
    pub fn new(
        id: &str,
        member: &str,
        post: &str,
        start: NaiveDate,
        commitment: Commitment,
    ) -> Self {
        ClaimRecord {
            id: id.into(),
            member: member.into(),
            post: post.into(),
            start,
            end: None,
            commitment,
        }
    }

    /// Whether the claim is held on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }

    /// Whether the claim is held on some day of `from..=to`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end.is_none_or(|e| e > from)
    }
}

/// Hours of service (服务记录) a member gave on a post on one day; `verified` once the
/// organization has confirmed it. Only verified hours count for commitments and points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    /// Stable identifier, unique among service records.
    #[schemars(with = "String")]
    pub id: ServiceId,
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// The post served.
    #[schemars(with = "String")]
    pub post: PostId,
    /// The day.
    pub date: NaiveDate,
    /// Hours, more than 0 and at most 24, up to three decimals.
    pub hours: Fixed,
    /// Confirmed by the organization.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verified: bool,
    /// Free note (not personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ServiceRecord {
    /// An unverified record without a note.
    pub fn new(id: &str, member: &str, post: &str, date: NaiveDate, hours: Fixed) -> Self {
        ServiceRecord {
            id: id.into(),
            member: member.into(),
            post: post.into(),
            date,
            hours,
            verified: false,
            note: None,
        }
    }
}

/// Local rule numbers for posts. No published source fixes them; the defaults are documented
/// choices.
///
/// ```
/// let r = dangjian::post::PostRules::default();
/// assert_eq!(r.max_posts_per_member, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostRules {
    /// Most posts one member may hold on any one day (default 2), at least 1.
    #[serde(default = "default_max_posts")]
    pub max_posts_per_member: u32,
}

fn default_max_posts() -> u32 {
    2
}

impl Default for PostRules {
    fn default() -> Self {
        PostRules {
            max_posts_per_member: default_max_posts(),
        }
    }
}

impl PostRules {
    /// Whether these are the default numbers (used to omit them from datasets).
    pub fn is_default(&self) -> bool {
        *self == PostRules::default()
    }
}

/// Releases a claim: the member no longer holds the post from `date` (exclusive end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The claim.
    #[schemars(with = "String")]
    pub claim: ClaimId,
    /// First day no longer held.
    pub date: NaiveDate,
}

/// Closes a post from `date` (exclusive end); every claim must end by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    /// The post.
    #[schemars(with = "String")]
    pub post: PostId,
    /// First day closed.
    pub date: NaiveDate,
}

/// A batch of changes to a [`PostBook`](super::PostBook), applied all or nothing, in this
/// order: new posts, closures, releases, new claims, new service records, verifications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostBatch {
    /// New posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<PostRecord>,
    /// Posts closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<Closure>,
    /// Claims released.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<Release>,
    /// New claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRecord>,
    /// New service records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<ServiceRecord>,
    /// Ids of service records now verified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub verify: Vec<ServiceId>,
}
