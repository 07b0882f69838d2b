//! Exact matching of members to open seats (社区所需，党员所长): [`solve`] fills the most seats
//! at the least cost, and every assignment explains itself.
//!
//! # Examples
//!
//! ```
//! use dangjian::post::{solve, MatchProblem};
//! let p: MatchProblem = serde_json::from_str(r#"{
//!     "seats": [{"post": "MED", "seats": 1, "required": ["调解"], "preferred": ["法律"]}],
//!     "candidates": [{"member": "A", "skills": ["调解"], "limit": 2},
//!                    {"member": "B", "skills": ["调解", "法律"], "limit": 2}]
//! }"#)?;
//! let r = solve(&p)?;
//! assert_eq!(r.assignments[0].member, "B"); // B also has the preferred skill
//! let why = "B → MED: required 调解 held; preferred matched 法律, missing —; load 0 → 1; \
//!            cost 2×1 + 1×0 = 2";
//! assert_eq!(r.explain()[0], why);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::book::membership_until;
use super::flow::Network;
use super::report::csv_text;
use super::{ClaimRecord, Commitment, PostBook, PostError, PostId, Skill};
use crate::member::MemberId;
use crate::Registry;

/// Most seats or candidates one matching problem may have.
///
/// # Examples
///
/// ```
/// use dangjian::post::{solve, MatchProblem, SeatNeed, MAX_MATCH_ITEMS};
/// let seats = MAX_MATCH_ITEMS as u32 + 1;
/// let huge = SeatNeed { post: "P1".into(), seats, required: vec![], preferred: vec![] };
/// let err = solve(&MatchProblem { seats: vec![huge], ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// ```
pub const MAX_MATCH_ITEMS: usize = 10_000_000;
/// Most eligible (candidate class, post) pairs of one matching problem, and most flow edges of
/// one batch plan.
///
/// # Examples
///
/// ```
/// use dangjian::post::{MAX_MATCH_EDGES, MAX_MATCH_ITEMS};
/// assert_eq!(MAX_MATCH_EDGES, 50_000_000);
/// assert!(MAX_MATCH_EDGES > MAX_MATCH_ITEMS);
/// ```
pub const MAX_MATCH_EDGES: usize = 50_000_000;
/// Most distinct skill tags the seats of one matching problem may require or prefer.
///
/// # Examples
///
/// ```
/// use dangjian::post::{solve, MatchProblem, SeatNeed, MAX_MATCH_TAGS};
/// let seat = |i: usize| SeatNeed {
///     post: format!("P{i}").into(), seats: 1, required: vec![format!("技能{i}").into()], preferred: vec![] };
/// let seats = (0..=MAX_MATCH_TAGS).map(seat).collect(); // one distinct tag too many
/// let err = solve(&MatchProblem { seats, ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// ```
pub const MAX_MATCH_TAGS: usize = 4096;
/// Largest accepted weight.
///
/// # Examples
///
/// ```
/// use dangjian::post::{solve, MatchProblem, MatchWeights, MAX_WEIGHT};
/// let weights = MatchWeights { load: MAX_WEIGHT + 1, missing_preferred: 1 };
/// let err = solve(&MatchProblem { weights, ..Default::default() }).unwrap_err();
/// assert_eq!(err.code(), "bad_field");
/// ```
pub const MAX_WEIGHT: u32 = 1_000_000;
/// Largest accepted `limit` (and `load`) of a candidate.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let mut busy = cand("D", &[]);
/// busy.limit = MAX_LIMIT + 1;
/// let p = MatchProblem { candidates: vec![busy], ..problem };
/// assert_eq!(solve(&p).unwrap_err().code(), "bad_field");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_LIMIT: u32 = 10_000;

/// Open seats of one post to fill: `seats` seats needing all of `required` and preferring
/// `preferred` (社区所需).
///
/// # Examples
///
/// ```
/// use dangjian::post::SeatNeed;
/// let need: SeatNeed = serde_json::from_str(r#"{"post": "MED", "seats": 2, "required": ["调解"]}"#)?;
/// assert_eq!((need.seats, need.required.len(), need.preferred.len()), (2, 1, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatNeed {
    /// The post.
    #[schemars(with = "String")]
    pub post: PostId,
    /// Number of open seats.
    pub seats: u32,
    /// Skills a member must have, all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub required: Vec<Skill>,
    /// Skills that make a better match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub preferred: Vec<Skill>,
}

/// A member who may be given seats (党员所长): skills, posts held now (`load`), the most posts
/// they may hold in all (`limit`), and posts they already hold (never assigned again).
/// An unavailable member is left out, or given `limit` equal to `load`.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let mut a = cand("A", &["调解"]);
/// a.holds = vec!["MED".into()]; // A already mediates: never assigned MED again
/// a.load = 1;
/// let p = MatchProblem { candidates: vec![a, cand("B", &[])], ..problem };
/// let r = solve(&p)?;
/// assert!(r.assignments.iter().all(|x| x.post != "MED"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// Skills and specialties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub skills: Vec<Skill>,
    /// Posts held now.
    #[serde(default)]
    pub load: u32,
    /// Most posts held in all after matching (at most 10,000).
    pub limit: u32,
    /// Posts already held: not assigned again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub holds: Vec<PostId>,
}

/// Weights of the matching cost (see [`solve`]). Defaults: `load` 2, `missing_preferred` 1.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let w = MatchWeights::default();
/// assert_eq!((w.load, w.missing_preferred), (2, 1));
/// let r = solve(&problem)?;
/// assert_eq!(r.cost, 3 + 2 + 2); // A: 2×1 + 1×1 (lacks 法律); B, C: 2×1
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchWeights {
    /// Cost per unit of load of each new seat: a member's k-th post costs `load × k`.
    pub load: u32,
    /// Cost per preferred skill of the seat the member lacks.
    pub missing_preferred: u32,
}

impl Default for MatchWeights {
    fn default() -> Self {
        MatchWeights {
            load: 2,
            missing_preferred: 1,
        }
    }
}

/// Seats to fill and candidates to fill them.
///
/// # Examples
///
/// ```
/// use dangjian::post::{solve, MatchProblem};
/// let p: MatchProblem = serde_json::from_str(r#"{
///     "seats": [{"post": "MED", "seats": 1, "required": ["调解"]}],
///     "candidates": [{"member": "A", "skills": ["调解"], "limit": 1},
///                    {"member": "B", "limit": 1}]
/// }"#)?;
/// let r = solve(&p)?;
/// assert_eq!((r.filled, r.assignments[0].member.as_str()), (1, "A"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchProblem {
    /// Open seats per post (each post once).
    pub seats: Vec<SeatNeed>,
    /// Candidates (each member once).
    pub candidates: Vec<Candidate>,
    /// Cost weights.
    #[serde(default)]
    pub weights: MatchWeights,
}

/// One proposed seat for one member, with its explanation.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let r = solve(&problem)?;
/// let a = &r.assignments[0];
/// assert_eq!((a.post.as_str(), a.member.as_str()), ("MED", "A"));
/// assert_eq!((a.matched_required.len(), a.missing_preferred[0].as_str()), (1, "法律"));
/// assert_eq!((a.load_before, a.load_after, a.cost), (0, 1, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Assignment {
    /// The post.
    #[schemars(with = "String")]
    pub post: PostId,
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// Required skills of the seat (all held by the member).
    #[schemars(with = "Vec<String>")]
    pub matched_required: Vec<Skill>,
    /// Preferred skills of the seat the member has.
    #[schemars(with = "Vec<String>")]
    pub matched_preferred: Vec<Skill>,
    /// Preferred skills of the seat the member lacks.
    #[schemars(with = "Vec<String>")]
    pub missing_preferred: Vec<Skill>,
    /// Posts held before this seat (current load plus the member's earlier seats in this
    /// result, by post id).
    pub load_before: u32,
    /// Posts held with this seat.
    pub load_after: u32,
    /// Cost of this seat: `weights.load × load_after + weights.missing_preferred × |missing_preferred|`.
    pub cost: i64,
}

impl Assignment {
    /// The assignment explained in one line.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
    /// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
    /// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
    /// # let cand = |m: &str, sk: &[&str]| Candidate {
    /// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
    /// # let problem = MatchProblem {
    /// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
    /// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
    /// #     weights: MatchWeights::default(),
    /// # };
    /// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
    /// // candidates A (调解), B and C, none holding a post, each allowed 2
    /// let r = solve(&problem)?;
    /// assert_eq!(
    ///     r.assignments[0].explain(&r.weights),
    ///     "A → MED: required 调解 held; preferred matched —, missing 法律; load 0 → 1; cost 2×1 + 1×1 = 3"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, w: &MatchWeights) -> String {
        let list = |v: &[Skill]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、")
            }
        };
        format!(
            "{} → {}: required {} held; preferred matched {}, missing {}; load {} → {}; cost {}×{} + {}×{} = {}",
            self.member,
            self.post,
            list(&self.matched_required),
            list(&self.matched_preferred),
            list(&self.missing_preferred),
            self.load_before,
            self.load_after,
            w.load,
            self.load_after,
            w.missing_preferred,
            self.missing_preferred.len(),
            self.cost
        )
    }
}

/// Seats of a post left open, and why.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let p = MatchProblem { seats: vec![seat("MED", 2, &["调解"], &[])], ..problem };
/// let r = solve(&p)?; // only A mediates
/// assert_eq!((r.filled, r.unfilled.len()), (1, 1));
/// assert_eq!((r.unfilled[0].post.as_str(), r.unfilled[0].seats), ("MED", 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unfilled {
    /// The post.
    #[schemars(with = "String")]
    pub post: PostId,
    /// Seats left open.
    pub seats: u32,
    /// Candidates with the required skills, a free place under their limit and not already
    /// holding the post.
    pub eligible: u32,
    /// Why, in words.
    pub reason: String,
}

/// The optimal assignment of a [`MatchProblem`].
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let r = solve(&problem)?;
/// assert_eq!((r.seats, r.filled), (3, 3));
/// assert!(r.unfilled.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MatchResult {
    /// Seats asked for.
    pub seats: u64,
    /// Seats filled (the maximum possible).
    pub filled: u64,
    /// Total cost (the minimum among assignments filling `filled` seats).
    pub cost: i64,
    /// Weights used.
    pub weights: MatchWeights,
    /// Assignments by post id, then member id.
    pub assignments: Vec<Assignment>,
    /// Posts with seats left open, by post id.
    pub unfilled: Vec<Unfilled>,
}

/// The assignments of a [`MatchResult`] as a columnar table.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
/// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
/// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
/// # let cand = |m: &str, sk: &[&str]| Candidate {
/// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
/// # let problem = MatchProblem {
/// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
/// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
/// #     weights: MatchWeights::default(),
/// # };
/// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
/// // candidates A (调解), B and C, none holding a post, each allowed 2
/// let t = solve(&problem)?.table();
/// assert_eq!(t.member, ["A", "B", "C"]);
/// assert_eq!(t.cost, [3, 2, 2]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MatchTable {
    /// Post id.
    #[schemars(with = "Vec<String>")]
    pub post: Vec<PostId>,
    /// Member id.
    #[schemars(with = "Vec<String>")]
    pub member: Vec<MemberId>,
    /// Required skills held.
    #[schemars(with = "Vec<Vec<String>>")]
    pub matched_required: Vec<Vec<Skill>>,
    /// Preferred skills held.
    #[schemars(with = "Vec<Vec<String>>")]
    pub matched_preferred: Vec<Vec<Skill>>,
    /// Preferred skills lacking.
    #[schemars(with = "Vec<Vec<String>>")]
    pub missing_preferred: Vec<Vec<Skill>>,
    /// Load before.
    pub load_before: Vec<u32>,
    /// Load after.
    pub load_after: Vec<u32>,
    /// Cost of the seat.
    pub cost: Vec<i64>,
}

impl MatchResult {
    /// The assignments as a columnar table.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
    /// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
    /// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
    /// # let cand = |m: &str, sk: &[&str]| Candidate {
    /// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
    /// # let problem = MatchProblem {
    /// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
    /// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
    /// #     weights: MatchWeights::default(),
    /// # };
    /// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
    /// // candidates A (调解), B and C, none holding a post, each allowed 2
    /// let r = solve(&problem)?;
    /// let t = r.table();
    /// assert_eq!(t.post.len(), r.assignments.len());
    /// assert_eq!(t.load_after, [1, 1, 1]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self) -> MatchTable {
        let mut t = MatchTable::default();
        for a in &self.assignments {
            t.post.push(a.post.clone());
            t.member.push(a.member.clone());
            t.matched_required.push(a.matched_required.clone());
            t.matched_preferred.push(a.matched_preferred.clone());
            t.missing_preferred.push(a.missing_preferred.clone());
            t.load_before.push(a.load_before);
            t.load_after.push(a.load_after);
            t.cost.push(a.cost);
        }
        t
    }

    /// The assignments as CSV (skill lists joined by `;`; a failed write is an error, never a
    /// shortened text).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
    /// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
    /// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
    /// # let cand = |m: &str, sk: &[&str]| Candidate {
    /// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
    /// # let problem = MatchProblem {
    /// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
    /// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
    /// #     weights: MatchWeights::default(),
    /// # };
    /// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
    /// // candidates A (调解), B and C, none holding a post, each allowed 2
    /// let csv = solve(&problem)?.to_csv()?;
    /// let mut lines = csv.lines();
    /// assert_eq!(lines.next(), Some("post,member,matched_required,matched_preferred,missing_preferred,load_before,load_after,cost"));
    /// assert_eq!(lines.next(), Some("MED,A,调解,,法律,0,1,3"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, crate::table::TableError> {
        let j = |v: &[Skill]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(";");
        csv_text(
            "matching",
            &[
                "post",
                "member",
                "matched_required",
                "matched_preferred",
                "missing_preferred",
                "load_before",
                "load_after",
                "cost",
            ],
            self.assignments.iter().map(|a| {
                vec![
                    a.post.to_string(),
                    a.member.to_string(),
                    j(&a.matched_required),
                    j(&a.matched_preferred),
                    j(&a.missing_preferred),
                    a.load_before.to_string(),
                    a.load_after.to_string(),
                    a.cost.to_string(),
                ]
            }),
        )
    }

    /// One line of explanation per assignment.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let tags = |v: &[&str]| v.iter().map(|s| Skill::from(*s)).collect::<Vec<_>>();
    /// # let seat = |p: &str, n, req: &[&str], pref: &[&str]| SeatNeed {
    /// #     post: p.into(), seats: n, required: tags(req), preferred: tags(pref) };
    /// # let cand = |m: &str, sk: &[&str]| Candidate {
    /// #     member: m.into(), skills: tags(sk), load: 0, limit: 2, holds: vec![] };
    /// # let problem = MatchProblem {
    /// #     seats: vec![seat("MED", 1, &["调解"], &["法律"]), seat("PAT", 2, &[], &[])],
    /// #     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
    /// #     weights: MatchWeights::default(),
    /// # };
    /// // `problem`: post MED (1 seat, requires 调解, prefers 法律) and post PAT (2 seats);
    /// // candidates A (调解), B and C, none holding a post, each allowed 2
    /// let lines = solve(&problem)?.explain();
    /// assert_eq!(lines.len(), 3);
    /// assert!(lines[1].starts_with("B → PAT: required — held"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self) -> Vec<String> {
        self.assignments
            .iter()
            .map(|a| a.explain(&self.weights))
            .collect()
    }
}

fn check_id(section: &'static str, position: usize, id: &str) -> Result<(), PostError> {
    if id.trim().is_empty() || id.len() > super::record::MAX_ID_LEN {
        return Err(PostError::BadField {
            section,
            position,
            id: id.into(),
            field: if section == "seats" { "post" } else { "member" },
            reason: "is empty or longer than 64 bytes".into(),
        });
    }
    Ok(())
}

fn check_tags(
    section: &'static str,
    position: usize,
    id: &str,
    tags: &[&[Skill]],
) -> Result<(), PostError> {
    if tags
        .iter()
        .any(|t| t.len() > 64 || t.iter().any(|s| s.chars().count() > 64))
    {
        return Err(PostError::BadField {
            section,
            position,
            id: id.into(),
            field: "skills",
            reason: "标签超过64个或标签超过64个字 / a list has more than 64 tags or a tag longer than 64 characters".into(),
        });
    }
    Ok(())
}

/// Validates seats, candidates and weights (shared with batch planning).
pub(crate) fn validate(
    seats: &[SeatNeed],
    candidates: &[Candidate],
    w: &MatchWeights,
) -> Result<(), PostError> {
    if seats.len() > MAX_MATCH_ITEMS || candidates.len() > MAX_MATCH_ITEMS {
        return Err(PostError::LimitExceeded {
            what: "seats or candidates in one matching problem",
            limit: MAX_MATCH_ITEMS,
            actual: seats.len().max(candidates.len()),
        });
    }
    let total: u64 = seats.iter().map(|s| u64::from(s.seats)).sum();
    if total > MAX_MATCH_ITEMS as u64 {
        return Err(PostError::LimitExceeded {
            what: "seats in one matching problem",
            limit: MAX_MATCH_ITEMS,
            actual: total as usize,
        });
    }
    if w.load > MAX_WEIGHT || w.missing_preferred > MAX_WEIGHT {
        return Err(PostError::BadField {
            section: "weights",
            position: 0,
            id: CompactString::default(),
            field: "weights",
            reason: format!("权重超过 {MAX_WEIGHT} / a weight is above {MAX_WEIGHT}"),
        });
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(seats.len());
    for (i, s) in seats.iter().enumerate() {
        check_id("seats", i, &s.post)?;
        check_tags("seats", i, &s.post, &[&s.required, &s.preferred])?;
        if !seen.insert(s.post.as_str()) {
            return Err(PostError::DuplicateId {
                section: "seats",
                position: i,
                id: s.post.clone(),
            });
        }
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(candidates.len());
    for (i, c) in candidates.iter().enumerate() {
        check_id("candidates", i, &c.member)?;
        check_tags("candidates", i, &c.member, &[&c.skills, &c.holds])?;
        if c.limit > MAX_LIMIT || c.load > MAX_LIMIT {
            return Err(PostError::BadField {
                section: "candidates",
                position: i,
                id: c.member.clone(),
                field: "limit",
                reason: format!("已承担 {} 或上限 {} 超过 {MAX_LIMIT} / load {} or limit {} is above {MAX_LIMIT}", c.load, c.limit, c.load, c.limit),
            });
        }
        if !seen.insert(c.member.as_str()) {
            return Err(PostError::DuplicateId {
                section: "candidates",
                position: i,
                id: c.member.clone(),
            });
        }
    }
    Ok(())
}

/// Interned skills of the problem: only tags some seat requires or prefers matter.
pub(crate) struct SkillIndex<'a> {
    ids: BTreeMap<&'a str, u32>,
}

impl<'a> SkillIndex<'a> {
    pub(crate) fn new(seats: impl Iterator<Item = &'a SeatNeed>) -> Self {
        let mut ids = BTreeMap::new();
        for s in seats {
            for t in s.required.iter().chain(&s.preferred) {
                ids.insert(t.as_str(), 0);
            }
        }
        for (k, v) in ids.values_mut().enumerate() {
            *v = k as u32;
        }
        SkillIndex { ids }
    }

    /// Number of relevant tags.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Sorted, deduplicated ids of the relevant tags in `tags`.
    pub(crate) fn ids(&self, tags: &[Skill]) -> Vec<u32> {
        let mut v: Vec<u32> = tags
            .iter()
            .filter_map(|t| self.ids.get(t.as_str()).copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// Whether sorted `a` ⊆ sorted `b`.
pub(crate) fn subset(a: &[u32], b: &[u32]) -> bool {
    let mut j = 0;
    for x in a {
        while b.get(j).is_some_and(|y| y < x) {
            j += 1;
        }
        if b.get(j) != Some(x) {
            return false;
        }
        j += 1;
    }
    true
}

/// Number of elements of sorted `a` not in sorted `b`.
pub(crate) fn missing(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_err()).count()
}

/// Splits tags of a seat into (required, matched preferred, missing preferred) for a member.
pub(crate) fn explain_skills(
    seat: &SeatNeed,
    skills: &[Skill],
) -> (Vec<Skill>, Vec<Skill>, Vec<Skill>) {
    let has = |t: &Skill| skills.iter().any(|s| s == t);
    let mut req: Vec<Skill> = seat.required.clone();
    req.sort();
    req.dedup();
    let mut pref: Vec<Skill> = seat.preferred.clone();
    pref.sort();
    pref.dedup();
    let (m, x): (Vec<Skill>, Vec<Skill>) = pref.into_iter().partition(has);
    (req, m, x)
}

/// Solves a matching problem exactly (社区所需, 党员所长).
///
/// **Constraints.** A candidate gets a seat of a post only if they have every `required` skill
/// of it and do not already hold it; at most one seat of each post; at most `limit − load` new
/// seats in all.
///
/// **Objective**, lexicographic: (1) fill as many seats as possible; (2) among those, minimise
/// the total cost
///
/// `Σ_members Σ_{k=1..n_m} weights.load × (load_m + k)  +  Σ_assignments weights.missing_preferred × |preferred \ skills|`
///
/// where `n_m` is the number of new seats of member `m`. The first term is convex in `n_m`: a
/// member's k-th post costs more than their (k−1)-th, counting the posts already held, so load
/// is spread; the second prefers members with more of the preferred skills.
///
/// **Method.** A minimum-cost maximum flow (primal–dual with Dinic blocking flows, exact integer
/// arithmetic; not a greedy loop) on source → candidate class → post → sink. Candidates with the
/// same relevant skills, load, limit and held posts form one class; the convex load cost is a
/// chain of parallel edges (`weights.load × (load + j)`, capacity = class size), and a class's
/// flow is dealt to its members round-robin, which gives each member ⌊t/n⌋ or ⌈t/n⌉ seats —
/// the cheapest split by convexity — so the aggregation is exact. The network first offers each
/// post only its cheapest classes (by edge cost plus first-seat load cost, up to its seats plus 8
/// members); the solution is then checked against every eligible pair left out, using the
/// optimality certificate of the flow (node potentials: no residual arc of negative reduced cost;
/// residual reachability: no augmenting path), and the violating pairs are added and the network
/// solved again until none remain — column generation, exact like the full network.
///
/// **Determinism.** Seats are processed in post-id order and candidates in member-id order, so
/// the result does not depend on input order; among equally good assignments, the one this
/// order leads to is returned.
///
/// ```
/// use dangjian::post::{solve, Candidate, MatchProblem, SeatNeed};
/// let seat = |p: &str, n, req: &[&str]| SeatNeed {
///     post: p.into(), seats: n, required: req.iter().map(|s| (*s).into()).collect(), preferred: vec![] };
/// let cand = |m: &str, sk: &[&str]| Candidate {
///     member: m.into(), skills: sk.iter().map(|s| (*s).into()).collect(), load: 0, limit: 2, holds: vec![] };
/// let r = solve(&MatchProblem {
///     seats: vec![seat("MED", 1, &["调解"]), seat("PAT", 2, &[])],
///     candidates: vec![cand("A", &["调解"]), cand("B", &[]), cand("C", &[])],
///     weights: Default::default(),
/// }).unwrap();
/// // All three seats filled, one each (load spread): A mediates, B and C patrol.
/// assert_eq!(r.filled, 3);
/// let pairs: Vec<_> = r.assignments.iter().map(|a| (a.post.as_str(), a.member.as_str())).collect();
/// assert_eq!(pairs, [("MED", "A"), ("PAT", "B"), ("PAT", "C")]);
/// assert_eq!(r.cost, 3 * 2);
/// ```
pub fn solve(problem: &MatchProblem) -> Result<MatchResult, PostError> {
    solve_with_margin(problem, Some(PRUNING_MARGIN))
}

/// Members beyond a post's open seats offered to it in the first, pruned network.
const PRUNING_MARGIN: u32 = 8;

/// Skills as bitsets over the problem's relevant tags, `words` 64-bit words each.
struct Bits {
    words: usize,
}

impl Bits {
    fn of(&self, ids: &[u32]) -> Vec<u64> {
        let mut v = vec![0u64; self.words];
        for &i in ids {
            if let Some(w) = v.get_mut(i as usize / 64) {
                *w |= 1u64 << (i % 64);
            }
        }
        v
    }
}

/// Candidate classes (members with the same relevant skills, load, spare and held posts), laid
/// out flat for fast pricing.
struct Classes {
    words: usize,
    bits: Vec<u64>,
    load: Vec<u32>,
    spare: Vec<u32>,
    holds: Vec<Vec<u32>>,
    members: Vec<Vec<usize>>,
}

impl Classes {
    fn len(&self) -> usize {
        self.load.len()
    }

    fn size(&self, k: usize) -> usize {
        self.members.get(k).map_or(0, Vec::len)
    }

    /// Missing preferred tags of class `k` on a seat with `req`/`pref` bitsets and index `g`,
    /// or `None` when the class lacks a required tag or holds the post.
    fn missing(&self, k: usize, req: &[u64], pref: &[u64], g: u32) -> Option<u32> {
        let s = self
            .bits
            .get(k * self.words..(k + 1) * self.words)
            .unwrap_or_default();
        if req.iter().zip(s).any(|(r, s)| r & !s != 0) {
            return None;
        }
        if self
            .holds
            .get(k)
            .is_some_and(|h| !h.is_empty() && h.binary_search(&g).is_ok())
        {
            return None;
        }
        Some(pref.iter().zip(s).map(|(p, s)| (p & !s).count_ones()).sum())
    }
}

/// [`solve`] with the pruning margin given (`None`: the full network from the start). The
/// result is the same optimum either way; the margin only changes the work done.
pub(crate) fn solve_with_margin(
    problem: &MatchProblem,
    margin: Option<u32>,
) -> Result<MatchResult, PostError> {
    let w = problem.weights;
    validate(&problem.seats, &problem.candidates, &w)?;
    // Canonical orders.
    let mut seats: Vec<&SeatNeed> = problem.seats.iter().collect();
    seats.sort_by(|a, b| a.post.cmp(&b.post));
    let mut cands: Vec<&Candidate> = problem.candidates.iter().collect();
    cands.sort_by(|a, b| a.member.cmp(&b.member));

    let groups: Vec<&SeatNeed> = seats.iter().copied().filter(|s| s.seats > 0).collect();
    let group_of: HashMap<&str, u32> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.post.as_str(), i as u32))
        .collect();
    let skills = SkillIndex::new(groups.iter().copied());
    if skills.len() > MAX_MATCH_TAGS {
        return Err(PostError::LimitExceeded {
            what: "distinct skill tags required or preferred in one matching problem",
            limit: MAX_MATCH_TAGS,
            actual: skills.len(),
        });
    }
    let bits = Bits {
        words: skills.len().div_ceil(64).max(1),
    };
    let req: Vec<Vec<u64>> = groups
        .iter()
        .map(|g| bits.of(&skills.ids(&g.required)))
        .collect();
    let pref: Vec<Vec<u64>> = groups
        .iter()
        .map(|g| bits.of(&skills.ids(&g.preferred)))
        .collect();
    let empty: Vec<u64> = Vec::new();
    let req_of = |g: usize| req.get(g).unwrap_or(&empty);
    let pref_of = |g: usize| pref.get(g).unwrap_or(&empty);
    // Candidate classes, in order of their first member.
    let mut class_index: HashMap<(Vec<u64>, u32, u32, Vec<u32>), usize> = HashMap::new();
    let mut cl = Classes {
        words: bits.words,
        bits: Vec::new(),
        load: Vec::new(),
        spare: Vec::new(),
        holds: Vec::new(),
        members: Vec::new(),
    };
    for (ci, c) in cands.iter().enumerate() {
        let spare = c.limit.saturating_sub(c.load);
        if spare == 0 {
            continue;
        }
        let mut holds: Vec<u32> = c
            .holds
            .iter()
            .filter_map(|p| group_of.get(p.as_str()).copied())
            .collect();
        holds.sort_unstable();
        holds.dedup();
        let key = (bits.of(&skills.ids(&c.skills)), c.load, spare, holds);
        let k = match class_index.get(&key) {
            Some(&k) => k,
            None => {
                let k = cl.len();
                cl.bits.extend_from_slice(&key.0);
                cl.load.push(key.1);
                cl.spare.push(key.2);
                cl.holds.push(key.3.clone());
                cl.members.push(Vec::new());
                class_index.insert(key, k);
                k
            }
        };
        if let Some(m) = cl.members.get_mut(k) {
            m.push(ci);
        }
    }
    let n_classes = cl.len();
    let edge_cost = |k: usize, g: usize| -> Option<i64> {
        cl.missing(k, req_of(g), pref_of(g), g as u32)
            .map(|m| i64::from(w.missing_preferred) * i64::from(m))
    };
    let first_seat =
        |k: usize| i64::from(w.load) * i64::from(crate::invariant::at(&cl.load, k) + 1);
    // One scan of every (group, class) pair: eligibility counts and the first edge set — all
    // eligible classes, or (pruned) the cheapest by edge cost plus first-seat load cost until
    // the post's seats plus the margin are reached in members.
    let mut elig_groups = vec![0u32; n_classes];
    let mut elig_members = vec![0u32; groups.len()];
    let mut included: Vec<Vec<u32>> = vec![Vec::new(); groups.len()];
    let mut buf: Vec<(i64, u32)> = Vec::new();
    let mut pairs = 0usize;
    for (g, group) in groups.iter().enumerate() {
        buf.clear();
        for k in 0..n_classes {
            if let Some(cost) = edge_cost(k, g) {
                buf.push((cost + first_seat(k), k as u32));
                if let Some(x) = elig_groups.get_mut(k) {
                    *x += 1;
                }
                if let Some(x) = elig_members.get_mut(g) {
                    *x += cl.size(k) as u32;
                }
            }
        }
        pairs += buf.len();
        let need = margin.map(|m| (group.seats + m) as usize);
        if let Some(need) = need.filter(|&n| n < buf.len()) {
            // Each class has at least one member: the `need` cheapest classes suffice.
            buf.select_nth_unstable(need);
            buf.truncate(need);
            buf.sort_unstable();
            let mut have = 0usize;
            let mut cut = buf.len();
            for (i, &(_, k)) in buf.iter().enumerate() {
                have += cl.size(k as usize);
                if have >= need {
                    cut = i + 1;
                    break;
                }
            }
            buf.truncate(cut);
        }
        if let Some(inc) = included.get_mut(g) {
            inc.extend(buf.iter().map(|&(_, k)| k));
            inc.sort_unstable();
        }
    }
    if pairs > MAX_MATCH_EDGES {
        return Err(PostError::LimitExceeded {
            what: "eligible (candidate class, post) pairs of one matching problem (split it, e.g. by organization)",
            limit: MAX_MATCH_EDGES,
            actual: pairs,
        });
    }
    let total_seats: i64 = groups.iter().map(|g| i64::from(g.seats)).sum();
    // Network: 0 = source, 1 = sink, then classes, then groups. Solve; then price the pairs
    // left out against the optimality certificate of the flow and add violators, until none:
    // - reduced cost: a pair with `cost + π(class) − π(post) < 0` could lower the cost; each
    //   round adds the most negative few per post;
    // - reachability: when seats stay open, a search of the residual network extended by the
    //   pairs left out; if it reaches the sink, the pairs it used are added.
    let (s, t) = (0usize, 1usize);
    let class_node = |k: usize| 2 + k;
    let group_node = |g: usize| 2 + n_classes + g;
    let per_round = margin.unwrap_or(0).max(4) as usize;
    let (net, class_edges, outcome) = loop {
        let mut net = Network::new(2 + n_classes + groups.len());
        let mut class_edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_classes];
        for (g, group) in groups.iter().enumerate() {
            for &k in included.get(g).map(Vec::as_slice).unwrap_or_default() {
                let k = k as usize;
                let Some(cost) = edge_cost(k, g) else {
                    continue;
                };
                let n = cl.size(k) as i64;
                let e = net.add_edge(
                    class_node(k),
                    group_node(g),
                    n.min(i64::from(group.seats)),
                    cost,
                );
                if let Some(v) = class_edges.get_mut(k) {
                    v.push((g, e));
                }
            }
            net.add_edge(group_node(g), t, i64::from(group.seats), 0);
        }
        for k in 0..n_classes {
            let n = cl.size(k) as i64;
            let kmax = cl
                .spare
                .get(k)
                .copied()
                .unwrap_or(0)
                .min(crate::invariant::at(&elig_groups, k));
            let load = crate::invariant::at(&cl.load, k);
            for j in 1..=kmax {
                net.add_edge(s, class_node(k), n, i64::from(w.load) * i64::from(load + j));
            }
        }
        let outcome = net.solve(s, t);
        if margin.is_none() {
            break (net, class_edges, outcome);
        }
        let pot = net.potentials();
        let pot_of = |v: usize| crate::invariant::at(pot, v);
        // Reduced costs: classes by potential, so each post stops at its own potential.
        let mut order: Vec<u32> = (0..n_classes as u32).collect();
        order.sort_by_key(|&k| (pot_of(class_node(k as usize)), k));
        let order_pot: Vec<i64> = order
            .iter()
            .map(|&k| pot_of(class_node(k as usize)))
            .collect();
        let mut added = 0usize;
        let mut best: Vec<(i64, u32)> = Vec::new();
        for (g, inc) in included.iter_mut().enumerate() {
            let pg = pot_of(group_node(g));
            best.clear();
            for (&k, &pk) in order.iter().zip(&order_pot) {
                if pk >= pg {
                    break;
                }
                let Some(cost) = edge_cost(k as usize, g) else {
                    continue;
                };
                let rc = cost + pk - pg;
                if rc < 0 && inc.binary_search(&k).is_err() {
                    best.push((rc, k));
                }
            }
            if best.len() > per_round {
                best.select_nth_unstable(per_round);
                best.truncate(per_round);
            }
            if !best.is_empty() {
                added += best.len();
                inc.extend(best.iter().map(|&(_, k)| k));
                inc.sort_unstable();
            }
        }
        if added == 0 && outcome.flow < total_seats {
            // Extended residual search from the source.
            let mut reached = net.reachable(s);
            let mut used: Vec<(usize, u32)> = Vec::new();
            loop {
                let mut fresh: Vec<usize> = Vec::new();
                for (g, inc) in included.iter().enumerate() {
                    if reached.get(group_node(g)).copied().unwrap_or(true) {
                        continue;
                    }
                    let via = (0..n_classes).find(|&k| {
                        reached.get(class_node(k)).copied().unwrap_or(false)
                            && inc.binary_search(&(k as u32)).is_err()
                            && edge_cost(k, g).is_some()
                    });
                    if let Some(k) = via {
                        used.push((g, k as u32));
                        fresh.push(group_node(g));
                    }
                }
                if fresh.is_empty() {
                    break;
                }
                for &v in &fresh {
                    if let Some(x) = reached.get_mut(v) {
                        *x = true;
                    }
                }
                net.extend_reach(&mut reached, fresh);
                if crate::invariant::at(&reached, t) {
                    break;
                }
            }
            if crate::invariant::at(&reached, t) {
                for (g, k) in used {
                    if let Some(inc) = included.get_mut(g) {
                        if let Err(p) = inc.binary_search(&k) {
                            inc.insert(p, k);
                            added += 1;
                        }
                    }
                }
            }
        }
        if added == 0 {
            break (net, class_edges, outcome);
        }
    };

    // Deal each class's flow to its members round-robin, group by group.
    let mut per_member: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, edges) in class_edges.iter().enumerate() {
        let Some(ms) = cl.members.get(k) else {
            continue;
        };
        if ms.is_empty() {
            continue;
        }
        let mut ptr = 0usize;
        for &(g, e) in edges {
            for _ in 0..net.flow_on(e) {
                if let Some(&m) = ms.get(ptr % ms.len()) {
                    per_member.entry(m).or_default().push(g);
                }
                ptr += 1;
            }
        }
    }
    let mut assignments: Vec<(usize, usize, Assignment)> = Vec::new();
    let mut filled_per_group = vec![0u32; groups.len()];
    let mut total_cost: i64 = 0;
    for (m, mut gs) in per_member {
        let Some(c) = cands.get(m) else { continue };
        gs.sort_unstable();
        for (k, &g) in gs.iter().enumerate() {
            let Some(seat) = groups.get(g) else { continue };
            let (req, matched, miss) = explain_skills(seat, &c.skills);
            let after = c.load + k as u32 + 1;
            let cost = i64::from(w.load) * i64::from(after)
                + i64::from(w.missing_preferred) * miss.len() as i64;
            total_cost += cost;
            if let Some(f) = filled_per_group.get_mut(g) {
                *f += 1;
            }
            assignments.push((
                g,
                m,
                Assignment {
                    post: seat.post.clone(),
                    member: c.member.clone(),
                    matched_required: req,
                    matched_preferred: matched,
                    missing_preferred: miss,
                    load_before: after - 1,
                    load_after: after,
                    cost,
                },
            ));
        }
    }
    assignments.sort_by_key(|(g, m, _)| (*g, *m));
    debug_assert_eq!(total_cost, outcome.cost);
    let mut unfilled = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let f = crate::invariant::at(&filled_per_group, g);
        if f >= group.seats {
            continue;
        }
        let eligible = crate::invariant::at(&elig_members, g);
        let reason = if eligible == 0 {
            "no candidate has all the required skills and a free place under their limit"
                .to_string()
        } else if eligible < group.seats {
            format!(
                "only {eligible} eligible candidates for {} seats",
                group.seats
            )
        } else {
            "the eligible candidates are at their limits or needed for other seats".to_string()
        };
        unfilled.push(Unfilled {
            post: group.post.clone(),
            seats: group.seats - f,
            eligible,
            reason,
        });
    }
    Ok(MatchResult {
        seats: seats.iter().map(|s| u64::from(s.seats)).sum(),
        filled: outcome.flow as u64,
        cost: total_cost,
        weights: w,
        assignments: assignments.into_iter().map(|(_, _, a)| a).collect(),
        unfilled,
    })
}

impl PostBook {
    /// The matching problem of `date`: every post open that day with seats free from then on
    /// ([`PostBook::free_from`]) and every party member of that day who is neither floating
    /// (流出) nor out of contact, with their roster skills, the posts they hold from then on
    /// ([`PostBook::load_from`]), the rules' limit and the posts they hold.
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
    /// let volunteer = book.kind("volunteer").ok_or("kind")?.clone();
    /// let p2 = PostRecord::from_kind("P2", &volunteer, "Z", 2, d("2024-01-01"));
    /// book.apply(&reg, PostBatch { posts: vec![p2], ..Default::default() })?;
    /// let problem = book.match_problem(&reg, d("2024-06-01"), MatchWeights::default());
    /// let seats: Vec<(&str, u32)> = problem.seats.iter().map(|s| (s.post.as_str(), s.seats)).collect();
    /// assert_eq!(seats, [("P1", 1), ("P2", 2)]);
    /// assert_eq!(problem.candidates.len(), 4); // M1–M4 are members on 2024-06-01
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn match_problem(
        &self,
        reg: &Registry,
        date: NaiveDate,
        weights: MatchWeights,
    ) -> MatchProblem {
        let seats = self
            .posts()
            .iter()
            .filter(|p| p.is_open(date))
            .filter_map(|p| {
                let free = self.free_from(&p.id, date);
                (free > 0).then(|| SeatNeed {
                    post: p.id.clone(),
                    seats: free,
                    required: p.skills.clone(),
                    preferred: p.preferred.clone(),
                })
            })
            .collect();
        let mut holds: HashMap<&str, Vec<PostId>> = HashMap::new();
        for c in self
            .claims()
            .iter()
            .filter(|c| c.end.is_none_or(|e| e > date))
        {
            holds
                .entry(c.member.as_str())
                .or_default()
                .push(c.post.clone());
        }
        let candidates = reg
            .states_on(date)
            .filter(|(_, st)| st.is_member() && !st.floating && !st.lost_contact)
            .filter_map(|(i, _)| reg.member(i))
            .map(|m| Candidate {
                member: m.id.clone(),
                skills: m.skills.clone(),
                load: self.load_from(&m.id, date),
                limit: self.rules().max_posts_per_member,
                holds: holds.get(m.id.as_str()).cloned().unwrap_or_default(),
            })
            .collect();
        MatchProblem {
            seats,
            candidates,
            weights,
        }
    }

    /// Claims for the assignments of `result`, starting on `start`, each with `commitment` and
    /// an id `{prefix}{n}` (n = 1, 2, … in assignment order, zero-padded to 4 digits). A claim
    /// of a member whose membership ends later is released on that day.
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
    /// let volunteer = book.kind("volunteer").ok_or("kind")?.clone();
    /// let p2 = PostRecord::from_kind("P2", &volunteer, "Z", 2, d("2024-01-01"));
    /// book.apply(&reg, PostBatch { posts: vec![p2], ..Default::default() })?;
    /// let start = d("2024-06-01");
    /// let result = solve(&book.match_problem(&reg, start, MatchWeights::default()))?;
    /// let claims = book.claims_from_match(&reg, &result, start, &Commitment::new("志愿服务", h), "M-");
    /// assert_eq!(claims.len(), 2); // P1 needs 调解, which nobody has
    /// assert_eq!(claims[0].id, "M-0001");
    /// book.apply(&reg, PostBatch { claims, ..Default::default() })?;
    /// assert_eq!(book.filled_on("P2", start), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claims_from_match(
        &self,
        reg: &Registry,
        result: &MatchResult,
        start: NaiveDate,
        commitment: &Commitment,
        prefix: &str,
    ) -> Vec<ClaimRecord> {
        self.claims_from_pairs(
            reg,
            result
                .assignments
                .iter()
                .map(|a| (a.member.as_str(), a.post.as_str())),
            start,
            commitment,
            prefix,
        )
    }

    /// [`PostBook::claims_from_match`] for `(member, post)` pairs in assignment order: what the
    /// sample generator uses for its tabled rounds, without linking the solver.
    pub(crate) fn claims_from_pairs<'a>(
        &self,
        reg: &Registry,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        start: NaiveDate,
        commitment: &Commitment,
        prefix: &str,
    ) -> Vec<ClaimRecord> {
        pairs
            .into_iter()
            .enumerate()
            .map(|(k, (member, post))| {
                let mut c = ClaimRecord::new(
                    &format!("{prefix}{:04}", k + 1),
                    member,
                    post,
                    start,
                    commitment.clone(),
                );
                c.end = reg
                    .member_index(member)
                    .and_then(|i| membership_until(reg, i, start))
                    .filter(|&u| u != NaiveDate::MAX);
                c
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn seat(p: &str, n: u32, req: &[&str], pref: &[&str]) -> SeatNeed {
        SeatNeed {
            post: p.into(),
            seats: n,
            required: req.iter().map(|s| (*s).into()).collect(),
            preferred: pref.iter().map(|s| (*s).into()).collect(),
        }
    }

    fn cand(m: &str, sk: &[&str], load: u32, limit: u32) -> Candidate {
        Candidate {
            member: m.into(),
            skills: sk.iter().map(|s| (*s).into()).collect(),
            load,
            limit,
            holds: vec![],
        }
    }

    #[test]
    fn spreads_load_over_members_with_current_load() {
        // Two seats (different posts), two members.
        // A holds two posts already, B none. Both seats to B cost 2·1 + 2·2 = 6; one each
        // costs 2·3 (A's third post) + 2·1 = 8; both to A 2·3 + 2·4 = 14. B takes both.
        let p = MatchProblem {
            seats: vec![seat("P1", 1, &[], &[]), seat("P2", 1, &[], &[])],
            candidates: vec![cand("A", &[], 2, 5), cand("B", &[], 0, 5)],
            weights: MatchWeights::default(),
        };
        let r = solve(&p).unwrap();
        assert_eq!((r.filled, r.cost), (2, 6));
        assert!(r.assignments.iter().all(|a| a.member == "B"));
        assert_eq!(
            (r.assignments[1].load_before, r.assignments[1].load_after),
            (1, 2)
        );
    }

    #[test]
    fn prefers_preferred_skills_and_reports_unfilled() {
        let p = MatchProblem {
            seats: vec![
                seat("MED", 1, &["调解"], &["法律"]),
                seat("BIL", 2, &["双语"], &[]),
            ],
            candidates: vec![
                cand("A", &["调解"], 0, 1),
                cand("B", &["调解", "法律"], 0, 1),
                cand("C", &["双语"], 0, 1),
            ],
            weights: MatchWeights::default(),
        };
        let r = solve(&p).unwrap();
        assert_eq!(r.filled, 2);
        // Assignments come by post id: BIL before MED.
        assert_eq!(
            (
                r.assignments[0].post.as_str(),
                r.assignments[0].member.as_str()
            ),
            ("BIL", "C")
        );
        let med = &r.assignments[1];
        assert_eq!(med.member, "B");
        assert_eq!(med.matched_preferred, vec![CompactString::from("法律")]);
        assert_eq!(r.cost, 2 + 2);
        assert_eq!(r.unfilled.len(), 1);
        assert_eq!(
            (
                r.unfilled[0].post.as_str(),
                r.unfilled[0].seats,
                r.unfilled[0].eligible
            ),
            ("BIL", 1, 1)
        );
        let line = med.explain(&r.weights);
        assert!(
            line.contains("B → MED") && line.contains("调解") && line.contains("= 2"),
            "{line}"
        );
    }

    #[test]
    fn maximum_fill_first() {
        // A can take MED (needs 调解) or PAT; B only PAT. Filling both needs A on MED even
        // though A lacks MED's preferred skill.
        let p = MatchProblem {
            seats: vec![
                seat("MED", 1, &["调解"], &["法律", "心理"]),
                seat("PAT", 1, &[], &[]),
            ],
            candidates: vec![cand("A", &["调解"], 0, 1), cand("B", &[], 0, 1)],
            weights: MatchWeights::default(),
        };
        let r = solve(&p).unwrap();
        assert_eq!((r.filled, r.cost), (2, 2 + 2 + 2));
    }

    #[test]
    fn holds_and_duplicates() {
        let mut a = cand("A", &[], 1, 3);
        a.holds = vec!["P1".into()];
        let p = MatchProblem {
            seats: vec![seat("P1", 1, &[], &[])],
            candidates: vec![a.clone()],
            weights: MatchWeights::default(),
        };
        assert_eq!(solve(&p).unwrap().filled, 0);
        let dup = MatchProblem {
            candidates: vec![a.clone(), a],
            ..p
        };
        assert_eq!(solve(&dup).unwrap_err().code(), "duplicate_id");
    }

    #[test]
    fn input_order_does_not_matter() {
        let seats = vec![
            seat("P1", 2, &[], &["宣传"]),
            seat("P2", 1, &["调解"], &[]),
            seat("P3", 3, &[], &[]),
        ];
        let cands = vec![
            cand("A", &["宣传"], 0, 2),
            cand("B", &["调解"], 1, 2),
            cand("C", &[], 0, 2),
            cand("D", &["宣传", "调解"], 0, 1),
        ];
        let r1 = solve(&MatchProblem {
            seats: seats.clone(),
            candidates: cands.clone(),
            weights: MatchWeights::default(),
        })
        .unwrap();
        let mut s2 = seats;
        s2.reverse();
        let mut c2 = cands;
        c2.rotate_left(2);
        let r2 = solve(&MatchProblem {
            seats: s2,
            candidates: c2,
            weights: MatchWeights::default(),
        })
        .unwrap();
        assert_eq!(r1, r2);
    }

    fn tags(mask: u8) -> Vec<Skill> {
        ["调解", "宣传", "双语", "法律"]
            .iter()
            .enumerate()
            .filter(|(b, _)| mask & (1 << b) != 0)
            .map(|(_, t)| (*t).into())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256),
            ..Default::default()
        })]

        /// Pricing is exact: the most aggressive pruning (no margin) reaches the optimum of the
        /// full network, on problems with many more candidates than seats.
        #[test]
        fn pruned_network_reaches_the_full_optimum(
            seats in proptest::collection::vec((1u32..4, 0u8..16, 0u8..16), 1..6),
            cands in proptest::collection::vec((0u8..16, 0u32..3, 0u32..3, 0u8..64), 0..24),
            wl in 0u32..4,
            wm in 0u32..4,
        ) {
            let seats: Vec<SeatNeed> = seats.into_iter().enumerate()
                .map(|(i, (n, r, p))| seat_t(&format!("P{i}"), n, tags(r & 0b0101), tags(p)))
                .collect();
            let candidates: Vec<Candidate> = cands.into_iter().enumerate()
                .map(|(i, (sk, load, extra, holds))| Candidate {
                    member: format!("M{i:02}").into(),
                    skills: tags(sk),
                    load,
                    limit: load + extra,
                    holds: (0..6).filter(|p| holds & (1 << p) != 0).map(|p| format!("P{p}").into()).collect(),
                })
                .collect();
            let p = MatchProblem { seats, candidates, weights: MatchWeights { load: wl, missing_preferred: wm } };
            let full = solve_with_margin(&p, None).unwrap();
            let pruned = solve_with_margin(&p, Some(0)).unwrap();
            proptest::prop_assert_eq!((pruned.filled, pruned.cost), (full.filled, full.cost));
            let default = solve(&p).unwrap();
            proptest::prop_assert_eq!((default.filled, default.cost), (full.filled, full.cost));
        }
    }

    fn seat_t(p: &str, n: u32, required: Vec<Skill>, preferred: Vec<Skill>) -> SeatNeed {
        SeatNeed {
            post: p.into(),
            seats: n,
            required,
            preferred,
        }
    }

    #[test]
    fn subset_and_missing() {
        assert!(subset(&[1, 3], &[0, 1, 2, 3]));
        assert!(!subset(&[1, 4], &[0, 1, 2, 3]));
        assert!(subset(&[], &[]));
        assert_eq!(missing(&[1, 2, 5], &[2, 3]), 2);
    }
}
