//! The error of the post module ([`PostError`]), each variant with a stable code.
//!
//! # Examples
//!
//! ```
//! use dangjian::post::PostError;
//! let mut codes = PostError::CODES.to_vec();
//! codes.sort();
//! codes.dedup();
//! assert_eq!(codes.len(), PostError::CODES.len()); // every code names one variant
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;

/// Why a post, claim or service record (or a matching problem) was rejected.
///
/// Every variant says what (the record id), where (the section of the batch — `posts`,
/// `closures`, `claims`, `releases`, `service`, `verify`, `seats`, `candidates`, `days` — and
/// the position in it; `None` for a record already in the book) and why (the rule). Errors
/// never contain names, ID numbers or phones: members appear by id only.
///
/// # Examples
///
/// ```
/// use dangjian::post::PostError;
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
/// let c2 = ClaimRecord::new("C2", "M9", "P1", d("2024-03-01"), Commitment::new("调解", h));
/// let err = book.apply(&reg, PostBatch { claims: vec![c2], ..Default::default() }).unwrap_err();
/// assert!(matches!(err, PostError::UnknownMember { .. }));
/// assert_eq!(err.code(), "unknown_member");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostError {
    /// A field is empty, too long or out of range.
    #[error("{section} #{position} `{id_}`: field `{field}` {reason}", id_ = crate::privacy::echo_id(.id))]
    BadField {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The record id (may be empty when the id itself is the problem).
        id: CompactString,
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Two records share an id.
    #[error("{section} #{position} `{id_}`: duplicate id", id_ = crate::privacy::echo_id(.id))]
    DuplicateId {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The id.
        id: CompactString,
    },
    /// The post names a post kind that is not defined.
    #[error("posts #{position} `{post}`: unknown post kind `{kind}` (define it in `post_kinds`)")]
    UnknownKind {
        /// Position in the batch.
        position: usize,
        /// The post.
        post: CompactString,
        /// The kind code.
        kind: CompactString,
    },
    /// The post names an organization that does not exist.
    #[error("posts #{position} `{post}`: organization `{org}` does not exist")]
    UnknownOrg {
        /// Position in the batch.
        position: usize,
        /// The post.
        post: CompactString,
        /// The organization id.
        org: CompactString,
    },
    /// The post is open outside the lifetime of its organization.
    #[error("posts #{position} `{post}`: organization `{org}` {reason}")]
    OrgInactive {
        /// Position in the batch.
        position: usize,
        /// The post.
        post: CompactString,
        /// The organization id.
        org: CompactString,
        /// Which dates disagree.
        reason: String,
    },
    /// A record names a post that does not exist.
    #[error("{section} #{position} `{id_}`: post `{post}` does not exist", id_ = crate::privacy::echo_id(.id))]
    UnknownPost {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The record id.
        id: CompactString,
        /// The post id.
        post: CompactString,
    },
    /// A record names a member who is not on the roster.
    #[error("{section} #{position} `{id_}`: member `{member_}` is not on the roster", id_ = crate::privacy::echo_id(.id), member_ = crate::privacy::echo_id(.member))]
    UnknownMember {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The record id.
        id: CompactString,
        /// The member id.
        member: CompactString,
    },
    /// The person is not a (probationary or full) member on a day the record needs.
    #[error("{section} #{position} `{id_}`: `{member_}` is not a party member on {date}; {reason}", id_ = crate::privacy::echo_id(.id), member_ = crate::privacy::echo_id(.member))]
    NotAMember {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The record id.
        id: CompactString,
        /// The member id.
        member: CompactString,
        /// The first day not covered.
        date: NaiveDate,
        /// The rule.
        reason: &'static str,
    },
    /// The post is not open on a day the record needs.
    #[error("{section} `{id_}`{at}: post `{post}` is not open on {date} (open {opened} to {closed})", at = at(*.position), closed = .closed.map(|d| format!("before {d}")).unwrap_or_else(|| "onwards".into()), id_ = crate::privacy::echo_id(.id))]
    PostNotOpen {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section (`None`: a record already in the book).
        position: Option<usize>,
        /// The record id.
        id: CompactString,
        /// The post id.
        post: CompactString,
        /// The first day outside the post's open period.
        date: NaiveDate,
        /// The post's opening day.
        opened: NaiveDate,
        /// The post's closing day (exclusive).
        closed: Option<NaiveDate>,
    },
    /// An end date is not after the start date.
    #[error("{section} #{position} `{id_}`: end {end} is not after start {start}", id_ = crate::privacy::echo_id(.id))]
    BadDates {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The record id.
        id: CompactString,
        /// Start (inclusive).
        start: NaiveDate,
        /// End (exclusive).
        end: NaiveDate,
    },
    /// On `date` the post would have more claims than seats.
    #[error("claims `{claim_}`{at}: post `{post}` would hold {held} claims on {date}, more than its {capacity} seats", at = at(*.position), claim_ = crate::privacy::echo_id(.claim))]
    OverCapacity {
        /// The claim that exceeds the capacity.
        claim: CompactString,
        /// Its position in the batch (`None`: a claim already in the book).
        position: Option<usize>,
        /// The post.
        post: CompactString,
        /// The first day over capacity.
        date: NaiveDate,
        /// Claims held that day.
        held: u32,
        /// Seats.
        capacity: u32,
    },
    /// On `date` the member would hold more posts than the rules allow.
    #[error("claims `{claim_}`{at}: member `{member_}` would hold {held} posts on {date}; at most {limit} at once (post rules `max_posts_per_member`)", at = at(*.position), member_ = crate::privacy::echo_id(.member), claim_ = crate::privacy::echo_id(.claim))]
    TooManyPosts {
        /// The claim that exceeds the limit.
        claim: CompactString,
        /// Its position in the batch (`None`: a claim already in the book).
        position: Option<usize>,
        /// The member.
        member: CompactString,
        /// The first day over the limit.
        date: NaiveDate,
        /// Posts held that day.
        held: u32,
        /// The limit.
        limit: u32,
    },
    /// The member already holds the same post over overlapping dates.
    #[error("claims `{claim_}`{at}: member `{member_}` already holds post `{post}` on {date} by claim `{other}`", at = at(*.position), member_ = crate::privacy::echo_id(.member), claim_ = crate::privacy::echo_id(.claim))]
    AlreadyHeld {
        /// The later claim.
        claim: CompactString,
        /// Its position in the batch (`None`: a claim already in the book).
        position: Option<usize>,
        /// The earlier claim.
        other: CompactString,
        /// The member.
        member: CompactString,
        /// The post.
        post: CompactString,
        /// The first day both are held.
        date: NaiveDate,
    },
    /// A release, closure or verification names a record that does not exist.
    #[error("{section} #{position}: `{id_}` does not exist", id_ = crate::privacy::echo_id(.id))]
    NotFound {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The id looked up.
        id: CompactString,
    },
    /// A claim is already released, a post already closed, or a record already verified.
    #[error("{section} #{position} `{id_}`: {reason}", id_ = crate::privacy::echo_id(.id))]
    AlreadyDone {
        /// Section of the batch.
        section: &'static str,
        /// Position in the section.
        position: usize,
        /// The record id.
        id: CompactString,
        /// What was done before.
        reason: String,
    },
    /// An input exceeds a documented limit.
    #[error("{what}: {actual} exceeds the limit of {limit}")]
    LimitExceeded {
        /// What was too large.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// The size found.
        actual: usize,
    },
}

fn at(position: Option<usize>) -> String {
    position
        .map(|p| format!(" (#{p} of the batch)"))
        .unwrap_or_else(|| " (already recorded)".into())
}

impl PostError {
    /// A stable machine-readable code for the variant, used by the bindings.
    ///
    /// ```
    /// use dangjian::post::PostError;
    /// let e = PostError::LimitExceeded { what: "seats", limit: 1, actual: 2 };
    /// assert_eq!(e.code(), "limit_exceeded");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            PostError::BadField { .. } => "bad_field",
            PostError::DuplicateId { .. } => "duplicate_id",
            PostError::UnknownKind { .. } => "unknown_kind",
            PostError::UnknownOrg { .. } => "unknown_org",
            PostError::OrgInactive { .. } => "org_inactive",
            PostError::UnknownPost { .. } => "unknown_post",
            PostError::UnknownMember { .. } => "unknown_member",
            PostError::NotAMember { .. } => "not_a_member",
            PostError::PostNotOpen { .. } => "post_not_open",
            PostError::BadDates { .. } => "bad_dates",
            PostError::OverCapacity { .. } => "over_capacity",
            PostError::TooManyPosts { .. } => "too_many_posts",
            PostError::AlreadyHeld { .. } => "already_held",
            PostError::NotFound { .. } => "not_found",
            PostError::AlreadyDone { .. } => "already_done",
            PostError::LimitExceeded { .. } => "limit_exceeded",
        }
    }

    /// Every code [`PostError::code`] can return, for binding authors and tests.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::post::PostError;
    /// let e = PostError::LimitExceeded { what: "seats", limit: 1, actual: 2 };
    /// assert!(PostError::CODES.contains(&e.code()));
    /// assert_eq!(PostError::CODES.len(), 16);
    /// ```
    pub const CODES: [&'static str; 16] = [
        "bad_field",
        "duplicate_id",
        "unknown_kind",
        "unknown_org",
        "org_inactive",
        "unknown_post",
        "unknown_member",
        "not_a_member",
        "post_not_open",
        "bad_dates",
        "over_capacity",
        "too_many_posts",
        "already_held",
        "not_found",
        "already_done",
        "limit_exceeded",
    ];
}
