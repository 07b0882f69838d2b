//! The post book ([`PostBook`]): posts, claims and service records validated against a
//! registry, changed by batches applied all or nothing.
//!
//! # Examples
//!
//! ```
//! use dangjian::post::{default_kinds, PostBatch, PostBook, PostRecord};
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let reg = dangjian::Registry::sample_small();
//! let kinds = default_kinds();
//! let mut book = PostBook::new(kinds.clone(), Default::default());
//! let post = PostRecord::from_kind("P1", &kinds[0], "Z", 3, d("2024-01-01"));
//! book.apply(&reg, PostBatch { posts: vec![post], ..Default::default() })?;
//! assert_eq!(book.coverage_on(d("2024-01-01")).vacancies, [3]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use compact_str::CompactString;

use super::record::{
    MAX_CAPACITY, MAX_HOURS_PER_MONTH, MAX_HOURS_PER_RECORD, MAX_ID_LEN, MAX_TEXT_CHARS,
};
use super::{
    ClaimRecord, Closure, PostBatch, PostError, PostKind, PostRecord, PostRules, Release,
    ServiceRecord,
};
use crate::fixed::Fixed;
use crate::{MemberIdx, Registry};

/// Most posts, claims or service records one book may hold.
///
/// # Examples
///
/// ```
/// use dangjian::post::MAX_RECORDS;
/// assert_eq!(MAX_RECORDS, 10_000_000); // posts, claims and service records together
/// ```
pub const MAX_RECORDS: usize = 10_000_000;

/// Posts, claims and service records of one community, validated against a [`Registry`].
///
/// Rules checked on every change ([`PostBook::apply`], all or nothing):
/// - a post's id is unique, its kind is defined, its organization exists and the post is open
///   only while the organization exists (founded on or before `opened`; closed by the day the
///   organization is dissolved);
/// - a claim names a known member and post, ends after it starts, lies inside the post's open
///   period, and the person is a party member (probationary or full) on **every** day of the
///   claim: a claim starts on a day of membership and must end (be released) by the day the
///   member exits — a claim never outlives membership;
/// - on every day, a post has at most `capacity` claims, a member holds at most
///   [`PostRules::max_posts_per_member`] posts, and never the same post twice;
/// - a service record names a known member and post, the person is a member on its date and
///   the post open, and hours are more than 0 and at most 24;
/// - releases end an open claim after its start; closures close an open post; verifications
///   mark an unverified record. Nothing is ever deleted: history stays whole.
///
/// When the registry changes (e.g. a member transfers out), [`PostBook::check`] re-validates the
/// book and [`PostBook::releases_due`] lists the claims that must be released.
///
/// ```
/// use dangjian::post::{ClaimRecord, Commitment, PostBatch, PostBook, PostRecord, default_kinds};
/// use dangjian::{fixed::Fixed, Registry};
/// let reg = Registry::sample_small();
/// let d = |s: &str| s.parse().unwrap();
/// let kinds = default_kinds();
/// let mut book = PostBook::new(kinds.clone(), Default::default());
/// let med = kinds.iter().find(|k| k.code == "mediator").unwrap();
/// let c = Commitment::new("每月排查矛盾纠纷", Fixed::from_int(4));
/// book.apply(&reg, PostBatch {
///     posts: vec![PostRecord::from_kind("P1", med, "Z", 1, d("2024-01-01"))],
///     claims: vec![ClaimRecord::new("C1", "M1", "P1", d("2024-01-01"), c.clone())],
///     ..Default::default()
/// }).unwrap();
/// // A second claim on the single seat is refused, and the book is unchanged.
/// let err = book.apply(&reg, PostBatch {
///     claims: vec![ClaimRecord::new("C2", "M3", "P1", d("2024-06-01"), c)],
///     ..Default::default()
/// }).unwrap_err();
/// assert_eq!(err.code(), "over_capacity");
/// assert_eq!(book.claims().len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostBook {
    kinds: Vec<PostKind>,
    rules: PostRules,
    posts: Vec<PostRecord>,
    claims: Vec<ClaimRecord>,
    service: Vec<ServiceRecord>,
    post_index: HashMap<CompactString, u32>,
    claim_index: HashMap<CompactString, u32>,
    service_index: HashMap<CompactString, u32>,
}

/// What a successful batch did.
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
/// let mut s2 = ServiceRecord::new("S2", "M1", "P1", d("2024-03-09"), h);
/// s2.verified = true;
/// let done = book.apply(&reg, PostBatch { service: vec![s2], ..Default::default() })?;
/// assert_eq!((done.service, done.verified, done.claims), (1, 0, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PostSummary {
    /// Posts added.
    pub posts: usize,
    /// Posts closed.
    pub closures: usize,
    /// Claims released.
    pub releases: usize,
    /// Claims added.
    pub claims: usize,
    /// Service records added.
    pub service: usize,
    /// Service records verified.
    pub verified: usize,
}

/// A claim that must be released because its member leaves the party organization.
///
/// # Examples
///
/// ```
/// use dangjian::member::{EventRecord, EventType};
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
/// let mut reg = reg;
/// reg.apply(vec![EventRecord::new("M1", d("2024-06-30"), EventType::Died)])?;
/// let due = book.releases_due(&reg);
/// assert_eq!(due.len(), 1);
/// assert_eq!((due[0].claim.as_str(), due[0].date), ("C1", d("2024-06-30")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseDue {
    /// The claim.
    pub claim: CompactString,
    /// The member.
    pub member: CompactString,
    /// The day membership ends (the release date to record).
    pub date: NaiveDate,
}

fn bad_text(
    section: &'static str,
    position: usize,
    id: &str,
    field: &'static str,
    value: &str,
    required: bool,
) -> Result<(), PostError> {
    let reason = if required && value.trim().is_empty() {
        "is empty".to_string()
    } else if value.chars().count() > MAX_TEXT_CHARS {
        format!("is longer than {MAX_TEXT_CHARS} characters")
    } else {
        return Ok(());
    };
    Err(PostError::BadField {
        section,
        position,
        id: id.into(),
        field,
        reason,
    })
}

fn check_id(section: &'static str, position: usize, id: &str) -> Result<(), PostError> {
    let reason = if id.trim().is_empty() {
        "is empty".to_string()
    } else if id.len() > MAX_ID_LEN {
        format!("is longer than {MAX_ID_LEN} bytes")
    } else if let Some(reason) = crate::text::id_problem(id) {
        reason
    } else {
        return Ok(());
    };
    Err(PostError::BadField {
        section,
        position,
        id: crate::text::escape_forbidden(id).into(),
        field: "id",
        reason,
    })
}

/// The end (exclusive) of the unbroken stretch of membership that covers `date`, or `None`
/// when the person is not a member on `date`. `NaiveDate::MAX` while membership runs on.
pub(crate) fn membership_until(
    reg: &Registry,
    idx: MemberIdx,
    date: NaiveDate,
) -> Option<NaiveDate> {
    let spells = reg.spells_of(idx);
    let k = spells.iter().position(|s| s.covers(date))?;
    let mut end = spells.get(k)?.to;
    for s in spells.iter().skip(k + 1) {
        if s.from == end {
            end = s.to;
        } else {
            break;
        }
    }
    Some(end)
}

impl PostBook {
    /// An empty book with the given kinds and rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::post::{default_kinds, PostBook, PostRules};
    /// let book = PostBook::new(default_kinds(), PostRules { max_posts_per_member: 1 });
    /// assert!(book.posts().is_empty());
    /// assert_eq!(book.rules().max_posts_per_member, 1);
    /// ```
    pub fn new(kinds: Vec<PostKind>, rules: PostRules) -> Self {
        PostBook {
            kinds,
            rules,
            ..PostBook::default()
        }
    }

    /// Post kinds in force.
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
    /// assert_eq!(book.kinds().len(), 11); // the shipped kinds: 5 + 6
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kinds(&self) -> &[PostKind] {
        &self.kinds
    }

    /// Rule numbers in force.
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
    /// assert_eq!(book.rules().max_posts_per_member, 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rules(&self) -> &PostRules {
        &self.rules
    }

    /// All posts, in the order added.
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
    /// let names: Vec<&str> = book.posts().iter().map(|p| p.name.as_str()).collect();
    /// assert_eq!(names, ["矛盾纠纷调解员"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn posts(&self) -> &[PostRecord] {
        &self.posts
    }

    /// All claims (released ones included), in the order added.
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
    /// let c = &book.claims()[0];
    /// assert_eq!((c.id.as_str(), c.member.as_str(), c.post.as_str()), ("C1", "M1", "P1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claims(&self) -> &[ClaimRecord] {
        &self.claims
    }

    /// All service records, in the order added.
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
    /// let hours: dangjian::fixed::Fixed = book.service().iter().map(|s| s.hours).sum();
    /// assert_eq!(hours, "4".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn service(&self) -> &[ServiceRecord] {
        &self.service
    }

    /// The post with `id`.
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
    /// assert_eq!(book.post("P1").map(|p| p.org.as_str()), Some("Z"));
    /// assert!(book.post("P9").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn post(&self, id: &str) -> Option<&PostRecord> {
        self.post_index
            .get(id)
            .and_then(|&i| self.posts.get(i as usize))
    }

    /// The claim with `id`.
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
    /// let c = book.claim("C1").ok_or("no claim C1")?;
    /// assert_eq!(c.commitment.hours_per_month, "4".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claim(&self, id: &str) -> Option<&ClaimRecord> {
        self.claim_index
            .get(id)
            .and_then(|&i| self.claims.get(i as usize))
    }

    /// The kind with `code`.
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
    /// let k = book.kind("mediator").ok_or("no kind")?;
    /// assert_eq!(k.name, "矛盾纠纷调解员");
    /// assert!(book.kind("astronaut").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self, code: &str) -> Option<&PostKind> {
        self.kinds.iter().find(|k| k.code == code)
    }

    /// Claims held on `date`.
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
    /// assert_eq!(book.claims_on(d("2024-06-01")).count(), 1);
    /// assert_eq!(book.claims_on(d("2023-12-31")).count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claims_on(&self, date: NaiveDate) -> impl Iterator<Item = &ClaimRecord> + '_ {
        self.claims.iter().filter(move |c| c.holds_on(date))
    }

    /// Number of claims of post `post` held on `date`.
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
    /// assert_eq!(book.filled_on("P1", d("2024-06-01")), 1); // of 2 seats
    /// assert_eq!(book.filled_on("P9", d("2024-06-01")), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn filled_on(&self, post: &str, date: NaiveDate) -> u32 {
        self.claims_on(date).filter(|c| c.post == post).count() as u32
    }

    /// Seats of `post` free on `date` and every later day, as far as the claims already
    /// recorded (including future ones) go: what an open-ended claim starting on `date` may take.
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
    /// // M3 will take the second seat from 2024-09-01
    /// let c2 = ClaimRecord::new("C2", "M3", "P1", d("2024-09-01"), Commitment::new("调解", h));
    /// book.apply(&reg, PostBatch { claims: vec![c2], ..Default::default() })?;
    /// assert_eq!(book.filled_on("P1", d("2024-06-01")), 1);
    /// assert_eq!(book.free_from("P1", d("2024-06-01")), 0); // an open-ended claim would collide
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn free_from(&self, post: &str, date: NaiveDate) -> u32 {
        let Some(p) = self.post(post) else { return 0 };
        if !p.is_open(date) {
            return 0;
        }
        let peak = peak_from(
            self.claims
                .iter()
                .filter(|c| c.post == post)
                .map(|c| (c.start, c.end)),
            date,
        );
        p.capacity.saturating_sub(peak)
    }

    /// Posts held by `member` on `date` or on some later day at once, at the peak: the load that
    /// an open-ended claim starting on `date` adds to.
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
    /// assert_eq!(book.load_from("M1", d("2024-06-01")), 1);
    /// assert_eq!(book.load_from("M3", d("2024-06-01")), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load_from(&self, member: &str, date: NaiveDate) -> u32 {
        peak_from(
            self.claims
                .iter()
                .filter(|c| c.member == member)
                .map(|c| (c.start, c.end)),
            date,
        )
    }

    /// Re-validates the whole book against `reg` (e.g. after lifecycle events were added):
    /// the first broken rule, as if the book were built afresh.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType};
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
    /// let mut reg = reg;
    /// reg.apply(vec![EventRecord::new("M1", d("2024-06-30"), EventType::Died)])?;
    /// // C1 now outlives M1's membership: the book must record its release
    /// assert_eq!(book.check(&reg).unwrap_err().code(), "not_a_member");
    /// let release = Release { claim: "C1".into(), date: d("2024-06-30") };
    /// book.apply(&reg, PostBatch { releases: vec![release], ..Default::default() })?;
    /// assert!(book.check(&reg).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, reg: &Registry) -> Result<(), PostError> {
        let mut fresh = PostBook::new(self.kinds.clone(), self.rules);
        fresh.apply(
            reg,
            PostBatch {
                posts: self.posts.clone(),
                claims: self.claims.clone(),
                service: self.service.clone(),
                ..PostBatch::default()
            },
        )?;
        Ok(())
    }

    /// Claims that must be released because their member's membership ends while the claim
    /// runs (transfer out, death, …): the claim and the day membership ends. Record them as
    /// [`Release`]s to keep the book valid.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType};
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
    /// assert!(book.releases_due(&reg).is_empty());
    /// let mut reg = reg;
    /// reg.apply(vec![EventRecord::new("M1", d("2024-06-30"), EventType::Died)])?;
    /// let due = book.releases_due(&reg);
    /// assert_eq!((due[0].member.as_str(), due[0].date), ("M1", d("2024-06-30")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn releases_due(&self, reg: &Registry) -> Vec<ReleaseDue> {
        let mut out = Vec::new();
        for c in &self.claims {
            let Some(idx) = reg.member_index(&c.member) else {
                continue;
            };
            let Some(until) = membership_until(reg, idx, c.start) else {
                continue;
            };
            let end = c.end.unwrap_or(NaiveDate::MAX);
            if until < end {
                out.push(ReleaseDue {
                    claim: c.id.clone(),
                    member: c.member.clone(),
                    date: until,
                });
            }
        }
        out
    }

    /// Applies a batch all or nothing: on the first broken rule the book is left exactly as it
    /// was and the error says which record, where in the batch and why.
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
    /// let c2 = ClaimRecord::new("C2", "M2", "P1", d("2022-06-01"), Commitment::new("调解", h));
    /// let err = book.apply(&reg, PostBatch { claims: vec![c2], ..Default::default() }).unwrap_err();
    /// assert_eq!(err.code(), "post_not_open"); // P1 opens on 2024-01-01
    /// assert_eq!(book.claims().len(), 1); // all or nothing
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, reg: &Registry, batch: PostBatch) -> Result<PostSummary, PostError> {
        let total = self.posts.len() + self.claims.len() + self.service.len();
        let added = batch.posts.len() + batch.claims.len() + batch.service.len();
        if total + added > MAX_RECORDS {
            return Err(PostError::LimitExceeded {
                what: "posts, claims and service records in one book",
                limit: MAX_RECORDS,
                actual: total + added,
            });
        }
        let mut next = self.clone();
        let summary = next.apply_in_place(reg, batch)?;
        *self = next;
        Ok(summary)
    }

    fn apply_in_place(
        &mut self,
        reg: &Registry,
        batch: PostBatch,
    ) -> Result<PostSummary, PostError> {
        let summary = PostSummary {
            posts: batch.posts.len(),
            closures: batch.closures.len(),
            releases: batch.releases.len(),
            claims: batch.claims.len(),
            service: batch.service.len(),
            verified: batch.verify.len(),
        };
        let mut touched_posts: BTreeSet<u32> = BTreeSet::new();
        let mut touched_members: BTreeSet<CompactString> = BTreeSet::new();
        // Batch position of each new claim, for error reports.
        let mut claim_pos: HashMap<u32, usize> = HashMap::new();

        for (position, p) in batch.posts.into_iter().enumerate() {
            self.check_post(reg, position, &p)?;
            if self.post_index.contains_key(&p.id) {
                return Err(PostError::DuplicateId {
                    section: "posts",
                    position,
                    id: p.id,
                });
            }
            self.post_index
                .insert(p.id.clone(), self.posts.len() as u32);
            self.posts.push(p);
        }
        for (position, Closure { post, date }) in batch.closures.into_iter().enumerate() {
            let i = *self
                .post_index
                .get(&post)
                .ok_or_else(|| PostError::NotFound {
                    section: "closures",
                    position,
                    id: post.clone(),
                })?;
            let Some(p) = self.posts.get_mut(i as usize) else {
                continue;
            };
            let at = ("closures", position, post);
            end_interval(at, p.opened, &mut p.closed, date, |c| {
                format!("the post is already closed from {c}")
            })?;
            touched_posts.insert(i);
        }
        for (position, Release { claim, date }) in batch.releases.into_iter().enumerate() {
            let i = *self
                .claim_index
                .get(&claim)
                .ok_or_else(|| PostError::NotFound {
                    section: "releases",
                    position,
                    id: claim.clone(),
                })?;
            let Some(c) = self.claims.get_mut(i as usize) else {
                continue;
            };
            let at = ("releases", position, claim);
            end_interval(at, c.start, &mut c.end, date, |e| {
                format!("the claim was already released on {e}")
            })?;
        }
        for (position, c) in batch.claims.into_iter().enumerate() {
            let post_i = self.check_claim(reg, position, &c)?;
            if self.claim_index.contains_key(&c.id) {
                return Err(PostError::DuplicateId {
                    section: "claims",
                    position,
                    id: c.id,
                });
            }
            let ci = self.claims.len() as u32;
            self.claim_index.insert(c.id.clone(), ci);
            claim_pos.insert(ci, position);
            touched_posts.insert(post_i);
            touched_members.insert(c.member.clone());
            self.claims.push(c);
        }
        for (position, s) in batch.service.into_iter().enumerate() {
            self.check_service(reg, position, &s)?;
            if self.service_index.contains_key(&s.id) {
                return Err(PostError::DuplicateId {
                    section: "service",
                    position,
                    id: s.id,
                });
            }
            self.service_index
                .insert(s.id.clone(), self.service.len() as u32);
            self.service.push(s);
        }
        for (position, id) in batch.verify.into_iter().enumerate() {
            let i = *self
                .service_index
                .get(&id)
                .ok_or_else(|| PostError::NotFound {
                    section: "verify",
                    position,
                    id: id.clone(),
                })?;
            if let Some(s) = self.service.get_mut(i as usize) {
                if s.verified {
                    return Err(PostError::AlreadyDone {
                        section: "verify",
                        position,
                        id,
                        reason: "the service record is already verified".into(),
                    });
                }
                s.verified = true;
            }
        }
        if !touched_posts.is_empty() || !touched_members.is_empty() {
            self.check_sweeps(&touched_posts, &touched_members, &claim_pos)?;
        }
        Ok(summary)
    }

    fn check_post(&self, reg: &Registry, position: usize, p: &PostRecord) -> Result<(), PostError> {
        const S: &str = "posts";
        check_id(S, position, &p.id)?;
        bad_text(S, position, &p.id, "name", &p.name, true)?;
        bad_text(S, position, &p.id, "description", &p.description, false)?;
        if p.capacity == 0 || p.capacity > MAX_CAPACITY {
            return Err(PostError::BadField {
                section: S,
                position,
                id: p.id.clone(),
                field: "capacity",
                reason: format!("为 {}；岗位名额应为 1 至 {MAX_CAPACITY} 个 / is {}; a post has 1 to {MAX_CAPACITY} seats", p.capacity, p.capacity),
            });
        }
        if p.skills.len() + p.preferred.len() > 64
            || p.skills
                .iter()
                .chain(&p.preferred)
                .any(|s| s.trim().is_empty() || s.chars().count() > 64)
        {
            return Err(PostError::BadField {
                section: S,
                position,
                id: p.id.clone(),
                field: "skills",
                reason: "标签超过64个、有空标签或标签超过64个字 / has more than 64 tags, an empty tag or a tag longer than 64 characters"
                    .into(),
            });
        }
        if self.kind(&p.kind).is_none() {
            return Err(PostError::UnknownKind {
                position,
                post: p.id.clone(),
                kind: p.kind.clone(),
            });
        }
        if let Some(c) = p.closed {
            if c <= p.opened {
                return Err(PostError::BadDates {
                    section: S,
                    position,
                    id: p.id.clone(),
                    start: p.opened,
                    end: c,
                });
            }
        }
        let org = reg
            .tree()
            .index(&p.org)
            .and_then(|i| reg.tree().get(i))
            .ok_or_else(|| PostError::UnknownOrg {
                position,
                post: p.id.clone(),
                org: p.org.clone(),
            })?;
        let inactive = |reason: String| PostError::OrgInactive {
            position,
            post: p.id.clone(),
            org: p.org.clone(),
            reason,
        };
        if p.opened < org.founded {
            return Err(inactive(format!(
                "was founded on {}, after the post opens on {}",
                org.founded, p.opened
            )));
        }
        if let Some(d) = org.dissolved {
            if p.closed.is_none_or(|c| c > d) {
                return Err(inactive(format!(
                    "is dissolved on {d}; the post must close by then"
                )));
            }
        }
        Ok(())
    }

    /// Checks a new claim on its own; returns the post's index.
    fn check_claim(
        &self,
        reg: &Registry,
        position: usize,
        c: &ClaimRecord,
    ) -> Result<u32, PostError> {
        const S: &str = "claims";
        check_id(S, position, &c.id)?;
        bad_text(
            S,
            position,
            &c.id,
            "commitment.goal",
            &c.commitment.goal,
            true,
        )?;
        bad_text(
            S,
            position,
            &c.id,
            "commitment.time",
            &c.commitment.time,
            false,
        )?;
        bad_text(
            S,
            position,
            &c.id,
            "commitment.quality",
            &c.commitment.quality,
            false,
        )?;
        let h = c.commitment.hours_per_month;
        if h <= Fixed::ZERO || h > MAX_HOURS_PER_MONTH {
            return Err(PostError::BadField {
                section: S,
                position,
                id: c.id.clone(),
                field: "commitment.hours_per_month",
                reason: format!("为 {h}；承诺时长应大于0且每月不超过 {MAX_HOURS_PER_MONTH} 小时 / is {h}; a commitment promises more than 0 and at most {MAX_HOURS_PER_MONTH} hours a month"),
            });
        }
        if let Some(e) = c.end {
            if e <= c.start {
                return Err(PostError::BadDates {
                    section: S,
                    position,
                    id: c.id.clone(),
                    start: c.start,
                    end: e,
                });
            }
        }
        let idx = reg
            .member_index(&c.member)
            .ok_or_else(|| PostError::UnknownMember {
                section: S,
                position,
                id: c.id.clone(),
                member: c.member.clone(),
            })?;
        let post_i = *self
            .post_index
            .get(&c.post)
            .ok_or_else(|| PostError::UnknownPost {
                section: S,
                position,
                id: c.id.clone(),
                post: c.post.clone(),
            })?;
        let post = self
            .posts
            .get(post_i as usize)
            .ok_or_else(|| PostError::UnknownPost {
                section: S,
                position,
                id: c.id.clone(),
                post: c.post.clone(),
            })?;
        let not_open = |date| PostError::PostNotOpen {
            section: S,
            position: Some(position),
            id: c.id.clone(),
            post: c.post.clone(),
            date,
            opened: post.opened,
            closed: post.closed,
        };
        if c.start < post.opened {
            return Err(not_open(c.start));
        }
        if let Some(closed) = post.closed {
            match c.end {
                None => return Err(not_open(closed)),
                Some(e) if e > closed => return Err(not_open(closed)),
                _ => {}
            }
        }
        let until = membership_until(reg, idx, c.start).ok_or_else(|| PostError::NotAMember {
            section: S,
            position,
            id: c.id.clone(),
            member: c.member.clone(),
            date: c.start,
            reason: "only a member on the start date may claim a post",
        })?;
        if until < c.end.unwrap_or(NaiveDate::MAX) {
            return Err(PostError::NotAMember {
                section: S,
                position,
                id: c.id.clone(),
                member: c.member.clone(),
                date: until,
                reason: "a claim must be released by the day membership ends",
            });
        }
        Ok(post_i)
    }

    fn check_service(
        &self,
        reg: &Registry,
        position: usize,
        s: &ServiceRecord,
    ) -> Result<(), PostError> {
        const S: &str = "service";
        check_id(S, position, &s.id)?;
        if let Some(n) = &s.note {
            bad_text(S, position, &s.id, "note", n, false)?;
        }
        if s.hours <= Fixed::ZERO || s.hours > MAX_HOURS_PER_RECORD {
            return Err(PostError::BadField {
                section: S,
                position,
                id: s.id.clone(),
                field: "hours",
                reason: format!(
                    "is {}; one record carries more than 0 and at most 24 hours",
                    s.hours
                ),
            });
        }
        let idx = reg
            .member_index(&s.member)
            .ok_or_else(|| PostError::UnknownMember {
                section: S,
                position,
                id: s.id.clone(),
                member: s.member.clone(),
            })?;
        let post = self.post(&s.post).ok_or_else(|| PostError::UnknownPost {
            section: S,
            position,
            id: s.id.clone(),
            post: s.post.clone(),
        })?;
        if !post.is_open(s.date) {
            return Err(PostError::PostNotOpen {
                section: S,
                position: Some(position),
                id: s.id.clone(),
                post: s.post.clone(),
                date: s.date,
                opened: post.opened,
                closed: post.closed,
            });
        }
        if !reg.is_member_on(idx, s.date) {
            return Err(PostError::NotAMember {
                section: S,
                position,
                id: s.id.clone(),
                member: s.member.clone(),
                date: s.date,
                reason: "only members record service",
            });
        }
        Ok(())
    }

    /// Capacity and open period of the touched posts; post limits and same-post overlaps of the
    /// touched members.
    fn check_sweeps(
        &self,
        posts: &BTreeSet<u32>,
        members: &BTreeSet<CompactString>,
        claim_pos: &HashMap<u32, usize>,
    ) -> Result<(), PostError> {
        let mut by_post: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut by_member: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, c) in self.claims.iter().enumerate() {
            if let Some(&pi) = self.post_index.get(&c.post) {
                if posts.contains(&pi) {
                    by_post.entry(pi).or_default().push(i as u32);
                }
            }
            if members.contains(c.member.as_str()) {
                by_member
                    .entry(c.member.as_str())
                    .or_default()
                    .push(i as u32);
            }
        }
        let claim = |i: u32| self.claims.get(i as usize);
        for &pi in posts {
            let Some(post) = self.posts.get(pi as usize) else {
                continue;
            };
            let list = by_post.get(&pi).map(Vec::as_slice).unwrap_or_default();
            // Every claim inside the open period (a closure may have cut it short).
            for &ci in list {
                let Some(c) = claim(ci) else { continue };
                if let Some(closed) = post.closed {
                    if c.end.is_none_or(|e| e > closed) {
                        return Err(PostError::PostNotOpen {
                            section: "claims",
                            position: claim_pos.get(&ci).copied(),
                            id: c.id.clone(),
                            post: post.id.clone(),
                            date: closed,
                            opened: post.opened,
                            closed: post.closed,
                        });
                    }
                }
            }
            if let Some((ci, date, held)) = first_excess(list, &self.claims, post.capacity) {
                return Err(PostError::OverCapacity {
                    claim: claim(ci).map(|c| c.id.clone()).unwrap_or_default(),
                    position: claim_pos.get(&ci).copied(),
                    post: post.id.clone(),
                    date,
                    held,
                    capacity: post.capacity,
                });
            }
        }
        let limit = self.rules.max_posts_per_member.max(1);
        for m in members {
            let list = by_member
                .get(m.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            // Same post twice at once.
            let mut sorted: Vec<u32> = list.to_vec();
            crate::sort::sort_by(&mut sorted, |&a, &b| {
                let (ca, cb) = (claim(a), claim(b));
                (ca.map(|c| (&c.post, c.start)), a).cmp(&(cb.map(|c| (&c.post, c.start)), b))
            });
            for w in sorted.windows(2) {
                if let (Some(&a), Some(&b)) = (w.first(), w.get(1)) {
                    if let (Some(ca), Some(cb)) = (claim(a), claim(b)) {
                        if ca.post == cb.post && ca.end.is_none_or(|e| e > cb.start) {
                            return Err(PostError::AlreadyHeld {
                                claim: cb.id.clone(),
                                position: claim_pos.get(&b).copied(),
                                other: ca.id.clone(),
                                member: m.clone(),
                                post: cb.post.clone(),
                                date: cb.start,
                            });
                        }
                    }
                }
            }
            if let Some((ci, date, held)) = first_excess(list, &self.claims, limit) {
                return Err(PostError::TooManyPosts {
                    claim: claim(ci).map(|c| c.id.clone()).unwrap_or_default(),
                    position: claim_pos.get(&ci).copied(),
                    member: m.clone(),
                    date,
                    held,
                    limit,
                });
            }
        }
        Ok(())
    }
}

/// Sweeps the intervals of `list` (claim indices) in date order; returns the first claim whose
/// start makes the count exceed `limit`, with the day and the count.
fn first_excess(list: &[u32], claims: &[ClaimRecord], limit: u32) -> Option<(u32, NaiveDate, u32)> {
    // (date, +1 start / -1 end, claim): ends sort before starts on the same day (end exclusive).
    let mut ev: Vec<(NaiveDate, i8, u32)> = Vec::with_capacity(list.len() * 2);
    for &ci in list {
        let c = claims.get(ci as usize)?;
        ev.push((c.start, 1, ci));
        if let Some(e) = c.end {
            ev.push((e, -1, ci));
        }
    }
    crate::sort::sort(&mut ev);
    let mut held: u32 = 0;
    for (date, delta, ci) in ev {
        if delta < 0 {
            held = held.saturating_sub(1);
        } else {
            held += 1;
            if held > limit {
                return Some((ci, date, held));
            }
        }
    }
    None
}

/// The largest number of intervals `[start, end)` held at once on `date` or any later day.
fn peak_from(
    intervals: impl Iterator<Item = (NaiveDate, Option<NaiveDate>)>,
    date: NaiveDate,
) -> u32 {
    let mut ev: Vec<(NaiveDate, i8)> = Vec::new();
    for (s, e) in intervals {
        if e.is_some_and(|e| e <= date) {
            continue;
        }
        ev.push((s.max(date), 1));
        if let Some(e) = e {
            ev.push((e, -1));
        }
    }
    crate::sort::sort(&mut ev);
    let (mut held, mut peak) = (0i64, 0i64);
    for (_, d) in ev {
        held += i64::from(d);
        peak = peak.max(held);
    }
    peak.max(0) as u32
}

/// Ends the interval that started on `start` on `date` (exclusive): the one rule shared by
/// post closures and claim releases. Fails when it has already ended (`done` says when) or
/// when `date` is not after `start`. `at` is the batch section, position and record id.
fn end_interval(
    (section, position, id): (&'static str, usize, CompactString),
    start: NaiveDate,
    end: &mut Option<NaiveDate>,
    date: NaiveDate,
    done: impl FnOnce(NaiveDate) -> String,
) -> Result<(), PostError> {
    if let Some(e) = *end {
        return Err(PostError::AlreadyDone {
            section,
            position,
            id,
            reason: done(e),
        });
    }
    if date <= start {
        return Err(PostError::BadDates {
            section,
            position,
            id,
            start,
            end: date,
        });
    }
    *end = Some(date);
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::member::{EventRecord, EventType};
    use crate::post::{default_kinds, Commitment};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn c4() -> Commitment {
        Commitment::new("每月服务", Fixed::from_int(4))
    }

    fn setup() -> (Registry, PostBook) {
        let reg = Registry::sample_small();
        let kinds = default_kinds();
        let mut book = PostBook::new(kinds.clone(), PostRules::default());
        let k = |c: &str| kinds.iter().find(|k| k.code == c).unwrap().clone();
        book.apply(
            &reg,
            PostBatch {
                posts: vec![
                    PostRecord::from_kind("P1", &k("mediator"), "Z", 2, d("2023-01-01")),
                    PostRecord::from_kind("P2", &k("patrol"), "B1", 3, d("2023-01-01")),
                    PostRecord::from_kind("P3", &k("volunteer"), "B2", 3, d("2023-01-01")),
                ],
                ..Default::default()
            },
        )
        .unwrap();
        (reg, book)
    }

    fn claim(id: &str, m: &str, p: &str, s: &str) -> ClaimRecord {
        ClaimRecord::new(id, m, p, d(s), c4())
    }

    fn one(c: ClaimRecord) -> PostBatch {
        PostBatch {
            claims: vec![c],
            ..Default::default()
        }
    }

    #[test]
    fn capacity_counts_releases_exclusively() {
        let (reg, mut book) = setup();
        // P1 has 2 seats. M1 holds from 2023-01-01 to 2024-01-01 (exclusive), M3 from 2023-06-01.
        let mut a = claim("C1", "M1", "P1", "2023-01-01");
        a.end = Some(d("2024-01-01"));
        book.apply(
            &reg,
            PostBatch {
                claims: vec![a, claim("C2", "M3", "P1", "2023-06-01")],
                ..Default::default()
            },
        )
        .unwrap();
        // M4 on 2023-12-31 would make three.
        let e = book
            .apply(&reg, one(claim("C3", "M4", "P1", "2023-12-31")))
            .unwrap_err();
        assert_eq!(e.code(), "over_capacity");
        assert!(matches!(
            e,
            PostError::OverCapacity {
                held: 3,
                capacity: 2,
                position: Some(0),
                ..
            }
        ));
        // On 2024-01-01 the first seat is free again (end is exclusive).
        book.apply(&reg, one(claim("C3", "M4", "P1", "2024-01-01")))
            .unwrap();
        assert_eq!(book.filled_on("P1", d("2023-12-31")), 2);
        assert_eq!(book.filled_on("P1", d("2024-01-01")), 2);
        assert_eq!(book.free_from("P1", d("2023-02-01")), 0);
    }

    #[test]
    fn closures_and_releases_end_once_and_after_their_start() {
        let (reg, mut book) = setup();
        book.apply(&reg, one(claim("C1", "M1", "P1", "2023-02-01")))
            .unwrap();
        let close = |post: &str, date: &str| PostBatch {
            closures: vec![Closure {
                post: post.into(),
                date: d(date),
            }],
            ..Default::default()
        };
        let release = |date: &str| PostBatch {
            releases: vec![Release {
                claim: "C1".into(),
                date: d(date),
            }],
            ..Default::default()
        };
        // Ending on the first day is refused, for a post and for a claim.
        let e = book.apply(&reg, close("P2", "2023-01-01")).unwrap_err();
        assert_eq!(e.code(), "bad_dates");
        assert_eq!(
            e.to_string(),
            "closures #0 `P2`: end 2023-01-01 is not after start 2023-01-01"
        );
        let e = book.apply(&reg, release("2023-02-01")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "releases #0 `C1`: end 2023-02-01 is not after start 2023-02-01"
        );
        // Ending twice is refused, and says when it ended.
        book.apply(&reg, close("P2", "2023-03-01")).unwrap();
        let e = book.apply(&reg, close("P2", "2023-04-01")).unwrap_err();
        assert_eq!(e.code(), "already_done");
        assert_eq!(
            e.to_string(),
            "closures #0 `P2`: the post is already closed from 2023-03-01"
        );
        book.apply(&reg, release("2023-03-01")).unwrap();
        let e = book.apply(&reg, release("2023-05-01")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "releases #0 `C1`: the claim was already released on 2023-03-01"
        );
        assert_eq!(book.claims()[0].end, Some(d("2023-03-01")));
    }

    #[test]
    fn member_limit_and_same_post() {
        let (reg, mut book) = setup();
        book.apply(
            &reg,
            PostBatch {
                claims: vec![
                    claim("C1", "M1", "P1", "2023-01-01"),
                    claim("C2", "M1", "P2", "2023-01-01"),
                ],
                ..Default::default()
            },
        )
        .unwrap();
        let e = book
            .apply(&reg, one(claim("C3", "M1", "P3", "2023-05-01")))
            .unwrap_err();
        assert!(
            matches!(
                e,
                PostError::TooManyPosts {
                    held: 3,
                    limit: 2,
                    ..
                }
            ),
            "{e}"
        );
        let e = book
            .apply(&reg, one(claim("C3", "M1", "P1", "2023-05-01")))
            .unwrap_err();
        assert_eq!(e.code(), "already_held");
        // Release and re-claim keeps history: two claims of P1 by M1.
        book.apply(
            &reg,
            PostBatch {
                releases: vec![Release {
                    claim: "C1".into(),
                    date: d("2023-05-01"),
                }],
                ..Default::default()
            },
        )
        .unwrap();
        book.apply(&reg, one(claim("C3", "M1", "P1", "2023-09-01")))
            .unwrap();
        let held: Vec<_> = book
            .claims()
            .iter()
            .filter(|c| c.member == "M1" && c.post == "P1")
            .collect();
        assert_eq!(held.len(), 2);
        assert_eq!(held[0].end, Some(d("2023-05-01")));
        // A second release of C1 is refused.
        let e = book
            .apply(
                &reg,
                PostBatch {
                    releases: vec![Release {
                        claim: "C1".into(),
                        date: d("2023-06-01"),
                    }],
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert_eq!(e.code(), "already_done");
    }

    #[test]
    fn membership_on_every_day() {
        let (mut reg, mut book) = setup();
        // M2 is an applicant until admitted on 2023-03-01.
        let e = book
            .apply(&reg, one(claim("C1", "M2", "P2", "2023-02-01")))
            .unwrap_err();
        assert!(
            matches!(e, PostError::NotAMember { date, .. } if date == d("2023-02-01")),
            "{e}"
        );
        book.apply(&reg, one(claim("C1", "M2", "P2", "2023-03-01")))
            .unwrap();
        // M4 transfers out on 2025-01-01: an open claim is then invalid, a released one fine.
        reg.apply(vec![EventRecord::new(
            "M4",
            d("2025-01-01"),
            EventType::TransferredOut,
        )])
        .unwrap();
        let e = book
            .apply(&reg, one(claim("C2", "M4", "P3", "2024-01-01")))
            .unwrap_err();
        assert!(
            matches!(e, PostError::NotAMember { date, .. } if date == d("2025-01-01")),
            "{e}"
        );
        let mut c = claim("C2", "M4", "P3", "2024-01-01");
        c.end = Some(d("2025-01-01"));
        book.apply(&reg, one(c)).unwrap();
        assert!(book.check(&reg).is_ok());
        assert!(book.releases_due(&reg).is_empty());
    }

    #[test]
    fn releases_due_after_exit() {
        let (mut reg, mut book) = setup();
        book.apply(&reg, one(claim("C1", "M4", "P3", "2024-01-01")))
            .unwrap();
        reg.apply(vec![EventRecord::new(
            "M4",
            d("2025-01-01"),
            EventType::TransferredOut,
        )])
        .unwrap();
        assert_eq!(book.check(&reg).unwrap_err().code(), "not_a_member");
        let due = book.releases_due(&reg);
        assert_eq!(
            due,
            vec![ReleaseDue {
                claim: "C1".into(),
                member: "M4".into(),
                date: d("2025-01-01")
            }]
        );
        book.apply(
            &reg,
            PostBatch {
                releases: vec![Release {
                    claim: "C1".into(),
                    date: d("2025-01-01"),
                }],
                ..Default::default()
            },
        )
        .unwrap();
        assert!(book.check(&reg).is_ok());
    }

    #[test]
    fn moving_branch_keeps_membership_unbroken() {
        let (mut reg, mut book) = setup();
        // M3 moves from B1 to B2: two spells, one unbroken membership.
        reg.apply(vec![EventRecord::new(
            "M3",
            d("2024-05-01"),
            EventType::Moved,
        )
        .branch("B2")])
            .unwrap();
        book.apply(&reg, one(claim("C1", "M3", "P2", "2023-01-01")))
            .unwrap();
    }

    #[test]
    fn posts_are_checked() {
        let (reg, mut book) = setup();
        let k = default_kinds();
        let mut p = PostRecord::from_kind("P9", &k[0], "NOPE", 1, d("2023-01-01"));
        let add = |book: &mut PostBook, p: PostRecord| {
            book.apply(
                &reg,
                PostBatch {
                    posts: vec![p],
                    ..Default::default()
                },
            )
        };
        assert_eq!(add(&mut book, p.clone()).unwrap_err().code(), "unknown_org");
        p.org = "Z".into();
        p.opened = d("2019-01-01");
        assert_eq!(
            add(&mut book, p.clone()).unwrap_err().code(),
            "org_inactive"
        );
        p.opened = d("2023-01-01");
        p.kind = "astronaut".into();
        assert_eq!(
            add(&mut book, p.clone()).unwrap_err().code(),
            "unknown_kind"
        );
        p.kind = "mediator".into();
        p.capacity = 0;
        assert_eq!(add(&mut book, p.clone()).unwrap_err().code(), "bad_field");
        p.capacity = 1;
        p.id = "P1".into();
        assert_eq!(
            add(&mut book, p.clone()).unwrap_err().code(),
            "duplicate_id"
        );
        p.id = "P9".into();
        p.closed = Some(d("2023-01-01"));
        assert_eq!(add(&mut book, p.clone()).unwrap_err().code(), "bad_dates");
        p.closed = None;
        add(&mut book, p).unwrap();
    }

    #[test]
    fn closures_cut_claims() {
        let (reg, mut book) = setup();
        book.apply(&reg, one(claim("C1", "M1", "P2", "2023-01-01")))
            .unwrap();
        let close = PostBatch {
            closures: vec![Closure {
                post: "P2".into(),
                date: d("2024-01-01"),
            }],
            ..Default::default()
        };
        let e = book.apply(&reg, close.clone()).unwrap_err();
        assert!(
            matches!(e, PostError::PostNotOpen { position: None, .. }),
            "{e}"
        );
        let mut both = close;
        both.releases.push(Release {
            claim: "C1".into(),
            date: d("2023-12-01"),
        });
        book.apply(&reg, both).unwrap();
        assert_eq!(book.post("P2").unwrap().closed, Some(d("2024-01-01")));
        let e = book
            .apply(&reg, one(claim("C2", "M3", "P2", "2023-06-01")))
            .unwrap_err();
        assert_eq!(e.code(), "post_not_open");
    }

    #[test]
    fn service_rules_and_verification() {
        let (reg, mut book) = setup();
        let s = |id: &str, m: &str, date: &str, h: i64| {
            ServiceRecord::new(id, m, "P2", d(date), Fixed::from_int(h))
        };
        let add = |book: &mut PostBook, v: Vec<ServiceRecord>| {
            book.apply(
                &reg,
                PostBatch {
                    service: v,
                    ..Default::default()
                },
            )
        };
        assert_eq!(
            add(&mut book, vec![s("S1", "M1", "2023-02-01", 0)])
                .unwrap_err()
                .code(),
            "bad_field"
        );
        assert_eq!(
            add(&mut book, vec![s("S1", "M1", "2023-02-01", 25)])
                .unwrap_err()
                .code(),
            "bad_field"
        );
        assert_eq!(
            add(&mut book, vec![s("S1", "M2", "2023-02-01", 2)])
                .unwrap_err()
                .code(),
            "not_a_member"
        );
        assert_eq!(
            add(&mut book, vec![s("S1", "M1", "2022-02-01", 2)])
                .unwrap_err()
                .code(),
            "post_not_open"
        );
        assert_eq!(
            add(&mut book, vec![s("S1", "MX", "2023-02-01", 2)])
                .unwrap_err()
                .code(),
            "unknown_member"
        );
        add(&mut book, vec![s("S1", "M1", "2023-02-01", 2)]).unwrap();
        assert_eq!(
            add(&mut book, vec![s("S1", "M1", "2023-02-02", 2)])
                .unwrap_err()
                .code(),
            "duplicate_id"
        );
        let v = |id: &str| PostBatch {
            verify: vec![id.into()],
            ..Default::default()
        };
        assert_eq!(book.apply(&reg, v("S9")).unwrap_err().code(), "not_found");
        book.apply(&reg, v("S1")).unwrap();
        assert!(book.service()[0].verified);
        assert_eq!(
            book.apply(&reg, v("S1")).unwrap_err().code(),
            "already_done"
        );
    }

    #[test]
    fn batch_is_all_or_nothing() {
        let (reg, mut book) = setup();
        let before = book.clone();
        let batch = PostBatch {
            claims: vec![
                claim("C1", "M1", "P1", "2023-01-01"),
                claim("C2", "MX", "P1", "2023-01-01"),
            ],
            ..Default::default()
        };
        let e = book.apply(&reg, batch).unwrap_err();
        assert!(matches!(e, PostError::UnknownMember { position: 1, .. }));
        assert_eq!(book, before);
    }

    #[test]
    fn peaks_look_ahead() {
        let (reg, mut book) = setup();
        // A future claim from 2025-01-01 takes one of P1's two seats from then on.
        book.apply(
            &reg,
            PostBatch {
                claims: vec![
                    claim("C1", "M1", "P1", "2025-01-01"),
                    claim("C2", "M3", "P2", "2023-01-01"),
                ],
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(book.free_from("P1", d("2024-01-01")), 1);
        assert_eq!(book.load_from("M1", d("2024-01-01")), 1);
        assert_eq!(book.load_from("M3", d("2024-01-01")), 1);
        assert_eq!(book.load_from("M4", d("2024-01-01")), 0);
        assert_eq!(book.free_from("NOPE", d("2024-01-01")), 0);
    }
}
