//! The records of the post book — posts, claims with their public commitments, service
//! records — and the batches that change them, with the limits each field is checked against.
//!
//! # Examples
//!
//! ```
//! use dangjian::post::PostBatch;
//! let batch: PostBatch = serde_json::from_str(r#"{
//!     "releases": [{"claim": "C1", "date": "2026-07-01"}],
//!     "verify": ["S1", "S2"]
//! }"#)?;
//! assert_eq!((batch.releases.len(), batch.verify.len(), batch.posts.len()), (1, 2, 0));
//! assert_eq!(serde_json::to_string(&PostBatch::default())?, "{}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{PostKind, Skill};
use crate::fixed::Fixed;
use crate::member::MemberId;
use crate::org::OrgId;

/// The stable identifier of a post (e.g. `"P-MED"`).
///
/// # Examples
///
/// ```
/// use dangjian::post::{PostBook, PostId};
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let id: PostId = "P1".into();
/// assert_eq!(book.post(&id).map(|p| p.capacity), Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type PostId = CompactString;
/// The stable identifier of a claim (e.g. `"C0001"`).
///
/// # Examples
///
/// ```
/// use dangjian::post::ClaimId;
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let id: ClaimId = "C1".into();
/// assert_eq!(book.claim(&id).map(|c| c.member.as_str()), Some("M1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ClaimId = CompactString;
/// The stable identifier of a service record (e.g. `"S00001"`).
///
/// # Examples
///
/// ```
/// use dangjian::post::ServiceId;
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let verified: Vec<&ServiceId> = book.service().iter().filter(|s| s.verified).map(|s| &s.id).collect();
/// assert_eq!(verified, ["S1"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ServiceId = CompactString;

/// Longest accepted id, in bytes.
///
/// # Examples
///
/// ```
/// use dangjian::post::{PostBatch, PostRecord, MAX_ID_LEN};
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let long = "P".repeat(MAX_ID_LEN + 1);
/// let post = PostRecord::from_kind(&long, med, "Z", 1, d("2024-01-01"));
/// let err = book.apply(&reg, PostBatch { posts: vec![post], ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "bad_field");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ID_LEN: usize = 64;
/// Longest accepted text field (names, goals, notes), in characters.
///
/// # Examples
///
/// ```
/// use dangjian::post::{PostBatch, PostRecord, MAX_TEXT_CHARS};
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let mut post = PostRecord::from_kind("P2", med, "Z", 1, d("2024-01-01"));
/// post.description = "调".repeat(MAX_TEXT_CHARS + 1);
/// let err = book.apply(&reg, PostBatch { posts: vec![post], ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "bad_field");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_TEXT_CHARS: usize = 500;
/// Most seats one post may have.
///
/// # Examples
///
/// ```
/// use dangjian::post::{PostBatch, PostRecord, MAX_CAPACITY};
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let post = PostRecord::from_kind("P2", med, "Z", MAX_CAPACITY + 1, d("2024-01-01"));
/// let err = book.apply(&reg, PostBatch { posts: vec![post], ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "bad_field");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_CAPACITY: u32 = 100_000;
/// Most hours one service record may carry (one day).
///
/// # Examples
///
/// ```
/// use dangjian::post::{PostBatch, ServiceRecord, MAX_HOURS_PER_RECORD};
/// use dangjian::fixed::Fixed;
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let day = ServiceRecord::new("S2", "M1", "P1", d("2024-03-02"), MAX_HOURS_PER_RECORD + Fixed::from_int(1));
/// let err = book.apply(&reg, PostBatch { service: vec![day], ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "bad_field");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_HOURS_PER_RECORD: Fixed = Fixed::from_int(24);
/// Most hours a commitment may promise per month (31 days of 24 hours).
///
/// # Examples
///
/// ```
/// use dangjian::post::{ClaimRecord, Commitment, PostBatch, MAX_HOURS_PER_MONTH};
/// use dangjian::fixed::Fixed;
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let too_much = Commitment::new("全天值守", MAX_HOURS_PER_MONTH + Fixed::from_int(1));
/// let claim = ClaimRecord::new("C2", "M3", "P1", d("2024-03-01"), too_much);
/// let err = book.apply(&reg, PostBatch { claims: vec![claim], ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "bad_field");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::post::{default_kinds, PostRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let kinds = default_kinds();
    /// let patrol = kinds.iter().find(|k| k.code == "patrol").ok_or("no patrol kind")?;
    /// let p = PostRecord::from_kind("P-PAT", patrol, "B1", 20, d("2026-01-01"));
    /// assert_eq!((p.kind.as_str(), p.org.as_str(), p.closed), ("patrol", "B1", None));
    /// assert_eq!(p.name, patrol.name);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::post::{default_kinds, PostRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut p = PostRecord::from_kind("P1", &default_kinds()[0], "Z", 1, d("2026-01-01"));
    /// p.closed = Some(d("2026-07-01")); // exclusive
    /// assert!(!p.is_open(d("2025-12-31")));
    /// assert!(p.is_open(d("2026-06-30")));
    /// assert!(!p.is_open(d("2026-07-01")));
    /// ```
    pub fn is_open(&self, date: NaiveDate) -> bool {
        self.opened <= date && self.closed.is_none_or(|c| date < c)
    }
}

/// A public commitment (承诺) made when claiming a post: service goal, time and quality
/// (seed 003: 就服务目标、服务时间和服务质量等做出切合实际的服务承诺, shown publicly).
///
/// `hours_per_month` is the measurable part: a month counts as kept when the verified service
/// hours on the post in that month reach it (see [`PostBook::commitments`](super::PostBook::commitments)).
///
/// # Examples
///
/// ```
/// use dangjian::post::Commitment;
/// let c: Commitment = serde_json::from_str(
///     r#"{"goal": "每月排查一次矛盾纠纷", "hours_per_month": "4.5", "time": "每周六上午"}"#,
/// )?;
/// assert_eq!(c.hours_per_month, "4.5".parse()?);
/// assert!(c.quality.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::{fixed::Fixed, post::Commitment};
    /// let mut c = Commitment::new("每月排查一次矛盾纠纷", Fixed::from_int(4));
    /// c.quality = "群众满意率不低于95%".into();
    /// assert_eq!((c.hours_per_month, c.time.as_str()), (Fixed::from_int(4), ""));
    /// ```
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
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// // M1 holds P1 from 2024-01-01; releasing ends the claim, it is never deleted
/// let release = Release { claim: "C1".into(), date: d("2024-07-01") };
/// book.apply(&reg, PostBatch { releases: vec![release], ..Default::default() })?;
/// let c = book.claim("C1").ok_or("C1")?;
/// assert_eq!(c.end, Some(d("2024-07-01")));
/// assert!(c.holds_on(d("2024-06-30")) && !c.holds_on(d("2024-07-01")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::{fixed::Fixed, post::{ClaimRecord, Commitment}};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let promise = Commitment::new("巡逻", Fixed::from_int(8));
    /// let c = ClaimRecord::new("C7", "M3", "P1", d("2026-03-01"), promise);
    /// assert_eq!((c.member.as_str(), c.end), ("M3", None)); // open-ended
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::{fixed::Fixed, post::{ClaimRecord, Commitment}};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let promise = Commitment::new("巡逻", Fixed::from_int(8));
    /// let mut c = ClaimRecord::new("C1", "M1", "P1", d("2026-03-01"), promise);
    /// c.end = Some(d("2026-09-01"));
    /// assert!(c.holds_on(d("2026-03-01")) && c.holds_on(d("2026-08-31")));
    /// assert!(!c.holds_on(d("2026-09-01")));
    /// ```
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }

    /// Whether the claim is held on some day of `from..=to`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::{fixed::Fixed, post::{ClaimRecord, Commitment}};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let promise = Commitment::new("巡逻", Fixed::from_int(8));
    /// let mut c = ClaimRecord::new("C1", "M1", "P1", d("2026-03-15"), promise);
    /// c.end = Some(d("2026-04-01"));
    /// assert!(c.overlaps(d("2026-03-01"), d("2026-03-31")));
    /// assert!(!c.overlaps(d("2026-04-01"), d("2026-04-30")));
    /// ```
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end.is_none_or(|e| e > from)
    }
}

/// Hours of service (服务记录) a member gave on a post on one day; `verified` once the
/// organization has confirmed it. Only verified hours count for commitments and points.
///
/// # Examples
///
/// ```
/// use dangjian::post::ServiceRecord;
/// let s: ServiceRecord = serde_json::from_str(
///     r#"{"id": "S9", "member": "M1", "post": "P1", "date": "2026-10-03", "hours": "2.5", "verified": true}"#,
/// )?;
/// assert_eq!(s.hours, "2.5".parse()?);
/// assert!(s.verified && s.note.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::{fixed::Fixed, post::ServiceRecord};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let s = ServiceRecord::new("S2", "M1", "P1", d("2026-10-03"), Fixed::from_int(3));
    /// assert!(!s.verified); // counts once the organization verifies it
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::post::PostRules;
    /// assert!(PostRules::default().is_default());
    /// assert!(!PostRules { max_posts_per_member: 3 }.is_default());
    /// ```
    pub fn is_default(&self) -> bool {
        *self == PostRules::default()
    }
}

/// Releases a claim: the member no longer holds the post from `date` (exclusive end).
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let release = Release { claim: "C1".into(), date: d("2024-07-01") };
/// book.apply(&reg, PostBatch { releases: vec![release.clone()], ..Default::default() })?;
/// assert_eq!(book.filled_on("P1", d("2024-07-01")), 0);
/// // a claim is released once
/// let again = book.apply(&reg, PostBatch { releases: vec![release], ..Default::default() });
/// assert_eq!(again.unwrap_err().code(), "already_done");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// // P1's claim must end first: closing a post with a running claim is refused
/// let close = Closure { post: "P1".into(), date: d("2024-12-31") };
/// let err = book.apply(&reg, PostBatch { closures: vec![close.clone()], ..Default::default() });
/// assert_eq!(err.unwrap_err().code(), "post_not_open"); // C1 would run past it
/// let release = Release { claim: "C1".into(), date: d("2024-12-31") };
/// book.apply(&reg, PostBatch { closures: vec![close], releases: vec![release], ..Default::default() })?;
/// assert!(!book.post("P1").ok_or("P1")?.is_open(d("2024-12-31")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use dangjian::post::PostBatch;
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let reg = dangjian::Registry::sample_small();
/// # let kinds = default_kinds();
/// # let med = kinds.iter().find(|k| k.code == "mediator").ok_or("kind")?;
/// # let mut book = PostBook::new(kinds.clone(), PostRules::default());
/// # let h = dangjian::fixed::Fixed::from_int(4);
/// # let mut s1 = ServiceRecord::new("S1", "M1", "P1", d("2024-02-10"), h);
/// # s1.verified = true;
/// # book.apply(&reg, PostBatch {
/// #     posts: vec![PostRecord::from_kind("P1", med, "Z", 2, d("2024-01-01"))],
/// #     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"),
/// #         Commitment::new("每月排查矛盾纠纷", h))],
/// #     service: vec![s1],
/// #     ..Default::default()
/// # })?;
/// // `book`: post P1 (a mediator post, 2 seats, from 2024-01-01) held by M1 (claim C1,
/// // 4 hours a month) with 4 verified hours on 2024-02-10 (S1); `reg`: Registry::sample_small()
/// let batch: PostBatch = serde_json::from_str(r#"{
///     "claims": [{"id": "C2", "member": "M3", "post": "P1", "start": "2024-03-01",
///                 "commitment": {"goal": "调解邻里纠纷", "hours_per_month": "2"}}]
/// }"#)?;
/// let done = book.apply(&reg, batch)?;
/// assert_eq!((done.claims, book.filled_on("P1", d("2024-03-01"))), (1, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
