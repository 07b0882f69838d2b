//! Service in batches on holidays (分批分组, [`plan_batches`]) and teams by specialty (编组设岗,
//! [`form_teams`]), seed 003.
//!
//! # Examples
//!
//! ```
//! use dangjian::post::{plan_batches, BatchProblem};
//! let p: BatchProblem = serde_json::from_str(r#"{
//!     "days": [{"date": "2026-10-01", "seats": [{"post": "PAT", "seats": 2}]},
//!              {"date": "2026-10-02", "seats": [{"post": "PAT", "seats": 2}]}],
//!     "candidates": [{"member": "A"}, {"member": "B"}, {"member": "C"}, {"member": "D"}],
//!     "max_dates": 1
//! }"#)?;
//! let plan = plan_batches(&p)?;
//! assert!(plan.is_complete()); // two batches of two
//! assert_eq!(plan.dates_served().len(), 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::flow::Network;
use super::matching::{
    missing, subset, validate, Candidate, MatchWeights, SkillIndex, MAX_MATCH_EDGES,
};
use super::report::csv_text;
use super::{PostError, PostId, PostKind, SeatNeed, Skill};
use crate::member::MemberId;

/// Most days one batch plan may cover.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
/// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// # let problem = BatchProblem {
/// #     days: vec![day("2026-10-01"), day("2026-10-02")],
/// #     candidates: vec![cand("A"), cand("B"), cand("C")],
/// #     max_dates: 1,
/// #     weights: Default::default(),
/// # };
/// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
/// // members A, B and C, each serving at most 1 day
/// let mut year = problem.clone();
/// let day = |i| BatchDay { date: d("2026-01-01") + dangjian::chrono::Days::new(i), seats: vec![] };
/// year.days = (0..=MAX_BATCH_DAYS as u64).map(day).collect(); // 367 days
/// assert_eq!(plan_batches(&year).unwrap_err().code(), "limit_exceeded");
/// ```
pub const MAX_BATCH_DAYS: usize = 366;

/// The seats to cover on one day of service (e.g. a holiday).
///
/// # Examples
///
/// ```
/// use dangjian::post::BatchDay;
/// let day: BatchDay = serde_json::from_str(r#"{"date": "2026-10-01", "seats": [{"post": "PAT", "seats": 2}]}"#)?;
/// assert_eq!((day.date.to_string(), day.seats[0].seats), ("2026-10-01".to_string(), 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchDay {
    /// The day.
    pub date: NaiveDate,
    /// Seats per post that day (each post once per day).
    pub seats: Vec<SeatNeed>,
}

/// A member who may serve on batch days.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
/// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// # let problem = BatchProblem {
/// #     days: vec![day("2026-10-01"), day("2026-10-02")],
/// #     candidates: vec![cand("A"), cand("B"), cand("C")],
/// #     max_dates: 1,
/// #     weights: Default::default(),
/// # };
/// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
/// // members A, B and C, each serving at most 1 day
/// let mut p = problem.clone();
/// p.max_dates = 2;
/// p.candidates[0].unavailable = vec![d("2026-10-01")]; // A is away on the first day
/// let plan = plan_batches(&p)?;
/// assert!(plan.is_complete());
/// let t = &plan.table;
/// let a_on_day_1 = (0..t.member.len()).any(|i| t.member[i] == "A" && t.date[i] == d("2026-10-01"));
/// assert!(!a_on_day_1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchCandidate {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// Skills and specialties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub skills: Vec<Skill>,
    /// Days the member cannot serve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<NaiveDate>,
}

/// Service in batches on holidays (分批分组, seed 003: "在节假日集中组织在职党员分批次开展服务"):
/// cover each seat on each day, with no member serving more than `max_dates` days.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
/// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// # let problem = BatchProblem {
/// #     days: vec![day("2026-10-01"), day("2026-10-02")],
/// #     candidates: vec![cand("A"), cand("B"), cand("C")],
/// #     max_dates: 1,
/// #     weights: Default::default(),
/// # };
/// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
/// // members A, B and C, each serving at most 1 day
/// let plan = plan_batches(&problem)?;
/// assert_eq!((plan.seats, plan.covered), (4, 3)); // 3 members × 1 day
/// let more = BatchProblem { max_dates: 2, ..problem };
/// assert!(plan_batches(&more)?.is_complete());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchProblem {
    /// The days and their seats (each date once).
    pub days: Vec<BatchDay>,
    /// The members who may serve (each once).
    pub candidates: Vec<BatchCandidate>,
    /// Most days one member serves.
    pub max_dates: u32,
    /// Cost weights: `load` per day already served (a member's j-th day costs `load × j`),
    /// `missing_preferred` per preferred skill lacking.
    #[serde(default)]
    pub weights: MatchWeights,
}

/// The plan's assignments, columnar: one row per seat covered.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
/// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// # let problem = BatchProblem {
/// #     days: vec![day("2026-10-01"), day("2026-10-02")],
/// #     candidates: vec![cand("A"), cand("B"), cand("C")],
/// #     max_dates: 1,
/// #     weights: Default::default(),
/// # };
/// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
/// // members A, B and C, each serving at most 1 day
/// let t = plan_batches(&problem)?.table;
/// assert_eq!(t.member.len(), 3);
/// assert_eq!((t.date.len(), t.post.len(), t.nth_date), (3, 3, vec![1, 1, 1]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BatchTable {
    /// The day (the batch).
    pub date: Vec<NaiveDate>,
    /// The post.
    #[schemars(with = "Vec<String>")]
    pub post: Vec<PostId>,
    /// The member.
    #[schemars(with = "Vec<String>")]
    pub member: Vec<MemberId>,
    /// The member's day number in the plan (1 for their first day, …).
    pub nth_date: Vec<u32>,
}

/// Seats of a post left uncovered on a day, and why.
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
/// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// # let problem = BatchProblem {
/// #     days: vec![day("2026-10-01"), day("2026-10-02")],
/// #     candidates: vec![cand("A"), cand("B"), cand("C")],
/// #     max_dates: 1,
/// #     weights: Default::default(),
/// # };
/// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
/// // members A, B and C, each serving at most 1 day
/// let plan = plan_batches(&problem)?;
/// let u = &plan.uncovered[0];
/// assert_eq!((plan.uncovered.len(), u.post.as_str(), u.seats), (1, "PAT", 1));
/// assert!(!u.reason.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Uncovered {
    /// The day.
    pub date: NaiveDate,
    /// The post.
    #[schemars(with = "String")]
    pub post: PostId,
    /// Seats uncovered.
    pub seats: u32,
    /// Members available that day with all the required skills.
    pub eligible: u32,
    /// Why, in words.
    pub reason: String,
}

/// The optimal batch plan: the most seats covered, then the least cost (see [`plan_batches`]).
///
/// # Examples
///
/// ```
/// # use dangjian::post::*;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
/// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// # let problem = BatchProblem {
/// #     days: vec![day("2026-10-01"), day("2026-10-02")],
/// #     candidates: vec![cand("A"), cand("B"), cand("C")],
/// #     max_dates: 1,
/// #     weights: Default::default(),
/// # };
/// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
/// // members A, B and C, each serving at most 1 day
/// let plan = plan_batches(&problem)?;
/// assert!(!plan.is_complete());
/// assert_eq!(plan.covered + u64::from(plan.uncovered[0].seats), plan.seats);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BatchPlan {
    /// Seats asked for over all days.
    pub seats: u64,
    /// Seats covered.
    pub covered: u64,
    /// Total cost.
    pub cost: i64,
    /// Assignments by date, post, member.
    pub table: BatchTable,
    /// Seats uncovered, by date and post; empty when the plan is complete.
    pub uncovered: Vec<Uncovered>,
}

impl BatchPlan {
    /// Whether every seat on every day is covered.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
    /// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
    /// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
    /// # let problem = BatchProblem {
    /// #     days: vec![day("2026-10-01"), day("2026-10-02")],
    /// #     candidates: vec![cand("A"), cand("B"), cand("C")],
    /// #     max_dates: 1,
    /// #     weights: Default::default(),
    /// # };
    /// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
    /// // members A, B and C, each serving at most 1 day
    /// assert!(!plan_batches(&problem)?.is_complete()); // 4 seats, 3 member-days
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_complete(&self) -> bool {
        self.covered == self.seats
    }

    /// Days served per member (members serving at least one day), by member id.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
    /// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
    /// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
    /// # let problem = BatchProblem {
    /// #     days: vec![day("2026-10-01"), day("2026-10-02")],
    /// #     candidates: vec![cand("A"), cand("B"), cand("C")],
    /// #     max_dates: 1,
    /// #     weights: Default::default(),
    /// # };
    /// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
    /// // members A, B and C, each serving at most 1 day
    /// let served = plan_batches(&BatchProblem { max_dates: 2, ..problem })?.dates_served();
    /// assert_eq!(served.values().sum::<u32>(), 4);
    /// assert!(served.values().all(|&n| n <= 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dates_served(&self) -> BTreeMap<MemberId, u32> {
        let mut m: BTreeMap<MemberId, u32> = BTreeMap::new();
        for id in &self.table.member {
            *m.entry(id.clone()).or_default() += 1;
        }
        m
    }

    /// The assignments as CSV (a failed write is an error, never a shortened text).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::post::*;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
    /// # let day = |s: &str| BatchDay { date: d(s), seats: vec![patrol.clone()] };
    /// # let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
    /// # let problem = BatchProblem {
    /// #     days: vec![day("2026-10-01"), day("2026-10-02")],
    /// #     candidates: vec![cand("A"), cand("B"), cand("C")],
    /// #     max_dates: 1,
    /// #     weights: Default::default(),
    /// # };
    /// // `problem`: 2 patrol seats (post PAT) on each of 2026-10-01 and 2026-10-02;
    /// // members A, B and C, each serving at most 1 day
    /// let csv = plan_batches(&problem)?.to_csv()?;
    /// assert!(csv.starts_with("date,post,member,nth_date\n2026-10-01,PAT,"));
    /// assert_eq!(csv.lines().count(), 4); // header and 3 assignments
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, crate::table::TableError> {
        let t = &self.table;
        csv_text(
            "batch_plan",
            &["date", "post", "member", "nth_date"],
            (0..t.member.len()).map(|i| {
                vec![
                    t.date.get(i).map(|d| d.to_string()).unwrap_or_default(),
                    t.post.get(i).map(|p| p.to_string()).unwrap_or_default(),
                    t.member.get(i).map(|m| m.to_string()).unwrap_or_default(),
                    t.nth_date.get(i).map(|n| n.to_string()).unwrap_or_default(),
                ]
            }),
        )
    }
}

/// Plans service in batches (分批分组) exactly.
///
/// **Constraints.** On each day a member covers at most one seat, only on a day they are
/// available, only a seat whose required skills they all have, and at most `max_dates` days in
/// all. **Objective**, lexicographic: cover the most seats; then minimise
/// `Σ_members Σ_{j=1..days_m} weights.load × j + Σ_seats weights.missing_preferred × |preferred \ skills|`,
/// which spreads the days over the members (convex) and prefers better skill matches.
///
/// **Method.** A minimum-cost maximum flow on source → member (chain of unit edges of cost
/// `load × j`, `j ≤ max_dates`) → member-day (capacity 1) → day-post → sink. When not every
/// seat can be covered, [`BatchPlan::uncovered`] names each day and post short of members with
/// the count and the reason. Deterministic: days by date, posts by id, members by id.
///
/// ```
/// use dangjian::post::{plan_batches, BatchCandidate, BatchDay, BatchProblem, SeatNeed};
/// let d = |s: &str| s.parse().unwrap();
/// let patrol = SeatNeed { post: "PAT".into(), seats: 2, required: vec![], preferred: vec![] };
/// let days = ["2026-01-01", "2026-05-01", "2026-10-01"]
///     .map(|s| BatchDay { date: d(s), seats: vec![patrol.clone()] }).to_vec();
/// let cand = |m: &str| BatchCandidate { member: m.into(), skills: vec![], unavailable: vec![] };
/// let p = BatchProblem { days, candidates: vec![cand("A"), cand("B"), cand("C")], max_dates: 2,
///                        weights: Default::default() };
/// let plan = plan_batches(&p).unwrap();
/// assert!(plan.is_complete()); // 6 seats, 3 members × 2 days
/// assert!(plan.dates_served().values().all(|&n| n == 2));
/// ```
pub fn plan_batches(problem: &BatchProblem) -> Result<BatchPlan, PostError> {
    let w = problem.weights;
    if problem.days.len() > MAX_BATCH_DAYS {
        return Err(PostError::LimitExceeded {
            what: "days in one batch plan",
            limit: MAX_BATCH_DAYS,
            actual: problem.days.len(),
        });
    }
    // Validate candidates and weights with the matching rules, each day's seats likewise.
    let as_cands: Vec<Candidate> = problem
        .candidates
        .iter()
        .map(|c| Candidate {
            member: c.member.clone(),
            skills: c.skills.clone(),
            load: 0,
            limit: 0,
            holds: Vec::new(),
        })
        .collect();
    validate(&[], &as_cands, &w)?;
    let mut seen_days: HashSet<NaiveDate> = HashSet::new();
    for (i, day) in problem.days.iter().enumerate() {
        validate(&day.seats, &[], &w)?;
        if !seen_days.insert(day.date) {
            return Err(PostError::DuplicateId {
                section: "days",
                position: i,
                id: day.date.to_string().into(),
            });
        }
    }
    let mut days: Vec<&BatchDay> = problem.days.iter().collect();
    crate::sort::sort_by_key(&mut days, |d| d.date);
    let mut cands: Vec<&BatchCandidate> = problem.candidates.iter().collect();
    crate::sort::sort_by(&mut cands, |a, b| a.member.cmp(&b.member));
    // Day-post groups in (date, post) order.
    let mut groups: Vec<(NaiveDate, &SeatNeed)> = Vec::new();
    let mut day_groups: Vec<std::ops::Range<usize>> = Vec::new();
    for d in &days {
        let start = groups.len();
        let mut seats: Vec<&SeatNeed> = d.seats.iter().filter(|s| s.seats > 0).collect();
        crate::sort::sort_by(&mut seats, |a, b| a.post.cmp(&b.post));
        groups.extend(seats.into_iter().map(|s| (d.date, s)));
        day_groups.push(start..groups.len());
    }
    let skills = SkillIndex::new(groups.iter().map(|(_, s)| *s));
    let req: Vec<Vec<u32>> = groups
        .iter()
        .map(|(_, s)| skills.ids(&s.required))
        .collect();
    let pref: Vec<Vec<u32>> = groups
        .iter()
        .map(|(_, s)| skills.ids(&s.preferred))
        .collect();
    let cand_skills: Vec<Vec<u32>> = cands.iter().map(|c| skills.ids(&c.skills)).collect();
    let available = |c: &BatchCandidate, date: NaiveDate| !c.unavailable.contains(&date);
    let eligible = |m: usize, g: usize| -> bool {
        matches!((req.get(g), cand_skills.get(m)), (Some(r), Some(s)) if subset(r, s))
    };
    // Estimate edges before building.
    let mut estimate = groups.len();
    for (m, c) in cands.iter().enumerate() {
        for (d, range) in days.iter().zip(&day_groups) {
            if available(c, d.date) {
                estimate += range.clone().filter(|&g| eligible(m, g)).count() + 2;
            }
        }
    }
    if estimate > MAX_MATCH_EDGES {
        return Err(PostError::LimitExceeded {
            what: "flow edges of one batch plan (split it by days or members)",
            limit: MAX_MATCH_EDGES,
            actual: estimate,
        });
    }
    let (s, t) = (0usize, 1usize);
    let mut net = Network::new(2 + groups.len());
    let group_node = |g: usize| 2 + g;
    for (g, (_, seat)) in groups.iter().enumerate() {
        net.add_edge(group_node(g), t, i64::from(seat.seats), 0);
    }
    // (member, group, edge) of every member-day → group edge.
    let mut md_edges: Vec<(usize, usize, usize)> = Vec::new();
    for (m, c) in cands.iter().enumerate() {
        let mnode = net.add_node();
        let mut served_days = 0u32;
        for (d, range) in days.iter().zip(&day_groups) {
            if !available(c, d.date) {
                continue;
            }
            let gs: Vec<usize> = range.clone().filter(|&g| eligible(m, g)).collect();
            if gs.is_empty() {
                continue;
            }
            served_days += 1;
            let dnode = net.add_node();
            net.add_edge(mnode, dnode, 1, 0);
            for g in gs {
                let miss = match (pref.get(g), cand_skills.get(m)) {
                    (Some(p), Some(sk)) => missing(p, sk),
                    _ => 0,
                };
                let e = net.add_edge(
                    dnode,
                    group_node(g),
                    1,
                    i64::from(w.missing_preferred) * miss as i64,
                );
                md_edges.push((m, g, e));
            }
        }
        for j in 1..=served_days.min(problem.max_dates) {
            net.add_edge(s, mnode, 1, i64::from(w.load) * i64::from(j));
        }
    }
    let outcome = net.solve(s, t);
    // Rows: (group, member) with flow; number each member's days in date order.
    let mut rows: Vec<(usize, usize)> = md_edges
        .iter()
        .filter(|(_, _, e)| net.flow_on(*e) > 0)
        .map(|(m, g, _)| (*g, *m))
        .collect();
    crate::sort::sort(&mut rows);
    let mut nth: Vec<u32> = vec![0; cands.len()];
    let mut plan = BatchPlan {
        seats: groups.iter().map(|(_, s)| u64::from(s.seats)).sum(),
        covered: outcome.flow as u64,
        cost: outcome.cost,
        ..BatchPlan::default()
    };
    let mut covered_per_group = vec![0u32; groups.len()];
    for (g, m) in rows {
        let (Some((date, seat)), Some(c)) = (groups.get(g), cands.get(m)) else {
            continue;
        };
        let k = nth.get_mut(m).map(|k| {
            *k += 1;
            *k
        });
        plan.table.date.push(*date);
        plan.table.post.push(seat.post.clone());
        plan.table.member.push(c.member.clone());
        plan.table.nth_date.push(k.unwrap_or(0));
        if let Some(x) = covered_per_group.get_mut(g) {
            *x += 1;
        }
    }
    for (g, (date, seat)) in groups.iter().enumerate() {
        let got = covered_per_group.get(g).copied().unwrap_or(0);
        if got >= seat.seats {
            continue;
        }
        let eligible_n = cands
            .iter()
            .enumerate()
            .filter(|(m, c)| available(c, *date) && eligible(*m, g))
            .count() as u32;
        let reason = if eligible_n == 0 {
            "no member available that day has all the required skills".to_string()
        } else if eligible_n < seat.seats {
            format!(
                "only {eligible_n} eligible members available that day for {} seats",
                seat.seats
            )
        } else {
            format!(
                "the eligible members serve other seats that day or have reached {} days",
                problem.max_dates
            )
        };
        plan.uncovered.push(Uncovered {
            date: *date,
            post: seat.post.clone(),
            seats: seat.seats - got,
            eligible: eligible_n,
            reason,
        });
    }
    Ok(plan)
}

/// A person to place in a team: id and skills, the first skill being their main specialty.
///
/// # Examples
///
/// ```
/// use dangjian::post::{form_teams, TeamMember};
/// let m: TeamMember = serde_json::from_str(r#"{"member": "A", "skills": ["双语", "家政"]}"#)?;
/// let plan = form_teams(&[m], &dangjian::post::default_kinds(), 5);
/// assert_eq!(plan.teams[0].specialty, "双语"); // the first skill is the specialty
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// The member.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// Skills, main specialty first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub skills: Vec<Skill>,
}

/// A team of members sharing a specialty (编组设岗), with the post kinds it suits.
///
/// # Examples
///
/// ```
/// use dangjian::post::{default_kinds, form_teams, TeamMember};
/// let tm = |m: &str| TeamMember { member: m.into(), skills: vec!["家政".into()] };
/// let plan = form_teams(&[tm("A"), tm("B"), tm("C")], &default_kinds(), 2);
/// let ids: Vec<&str> = plan.teams.iter().map(|t| t.id.as_str()).collect();
/// assert_eq!(ids, ["家政-1", "家政-2"]);
/// assert_eq!(plan.teams[0].kinds, ["housekeeping"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Team {
    /// `{specialty}-{n}`, n = 1, 2, … per specialty.
    pub id: String,
    /// The shared specialty.
    #[schemars(with = "String")]
    pub specialty: Skill,
    /// Members, by id.
    #[schemars(with = "Vec<String>")]
    pub members: Vec<MemberId>,
    /// Codes of the post kinds that require or prefer the specialty, in kind order.
    #[schemars(with = "Vec<String>")]
    pub kinds: Vec<CompactString>,
}

/// Teams and the members left out.
///
/// # Examples
///
/// ```
/// use dangjian::post::{default_kinds, form_teams, TeamMember};
/// let people = [
///     TeamMember { member: "A".into(), skills: vec!["调解".into()] },
///     TeamMember { member: "B".into(), skills: vec![] },
/// ];
/// let plan = form_teams(&people, &default_kinds(), 4);
/// assert_eq!(plan.teams.len(), 1);
/// assert_eq!(plan.unplaced, ["B"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TeamPlan {
    /// Teams by specialty, then number.
    pub teams: Vec<Team>,
    /// Members with no skill recorded, by id.
    #[schemars(with = "Vec<String>")]
    pub unplaced: Vec<MemberId>,
}

/// Groups members with the same specialty into teams (编组设岗, seed 003: "将特长相同、职业经历
/// 相似的在职党员编成一组，分工协作").
///
/// Rule, kept simple: a member's specialty is the first skill in their list; the members of one
/// specialty, by id, are split into `⌈n / max_size⌉` teams of sizes differing by at most one
/// (the first teams take the extra members), in id order. Members with no skill are returned as
/// `unplaced`. Each team lists the post kinds whose required or preferred skills include the
/// specialty. `max_size` 0 is taken as 1.
///
/// ```
/// use dangjian::post::{form_teams, default_kinds, TeamMember};
/// let tm = |m: &str, s: &[&str]| TeamMember { member: m.into(), skills: s.iter().map(|x| (*x).into()).collect() };
/// let people = [tm("A", &["调解"]), tm("B", &["调解", "法律"]), tm("C", &["调解"]), tm("D", &[])];
/// let plan = form_teams(&people, &default_kinds(), 2);
/// assert_eq!(plan.teams.len(), 2);
/// assert_eq!(plan.teams[0].members, ["A", "B"]);
/// assert_eq!(plan.teams[1].members, ["C"]);
/// assert_eq!(plan.teams[0].kinds, ["mediator"]);
/// assert_eq!(plan.unplaced, ["D"]);
/// ```
pub fn form_teams(people: &[TeamMember], kinds: &[PostKind], max_size: u32) -> TeamPlan {
    let max = max_size.max(1) as usize;
    let mut by_specialty: BTreeMap<Skill, Vec<MemberId>> = BTreeMap::new();
    let mut plan = TeamPlan::default();
    for p in people {
        match p.skills.first() {
            Some(s) => by_specialty
                .entry(s.clone())
                .or_default()
                .push(p.member.clone()),
            None => plan.unplaced.push(p.member.clone()),
        }
    }
    crate::sort::sort(&mut plan.unplaced);
    plan.unplaced.dedup();
    for (specialty, mut members) in by_specialty {
        crate::sort::sort(&mut members);
        members.dedup();
        let n = members.len();
        let teams = n.div_ceil(max);
        let suits: Vec<CompactString> = kinds
            .iter()
            .filter(|k| k.skills.contains(&specialty) || k.preferred.contains(&specialty))
            .map(|k| k.code.clone())
            .collect();
        let mut rest = members.into_iter();
        for k in 0..teams {
            let size = n / teams + usize::from(k < n % teams);
            plan.teams.push(Team {
                id: format!("{specialty}-{}", k + 1),
                specialty: specialty.clone(),
                members: rest.by_ref().take(size).collect(),
                kinds: suits.clone(),
            });
        }
    }
    plan
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn seat(p: &str, n: u32, req: &[&str]) -> SeatNeed {
        SeatNeed {
            post: p.into(),
            seats: n,
            required: req.iter().map(|s| (*s).into()).collect(),
            preferred: vec![],
        }
    }

    fn cand(m: &str, sk: &[&str], off: &[&str]) -> BatchCandidate {
        BatchCandidate {
            member: m.into(),
            skills: sk.iter().map(|s| (*s).into()).collect(),
            unavailable: off.iter().map(|s| d(s)).collect(),
        }
    }

    #[test]
    fn reports_uncovered_precisely() {
        // Two days, each: 2 patrol seats and 1 bilingual seat (needs 双语).
        // Members: A (双语), B, C; A is away on the first day; each may serve 1 day.
        let days = vec![
            BatchDay {
                date: d("2026-01-01"),
                seats: vec![seat("PAT", 2, &[]), seat("BIL", 1, &["双语"])],
            },
            BatchDay {
                date: d("2026-05-01"),
                seats: vec![seat("PAT", 2, &[]), seat("BIL", 1, &["双语"])],
            },
        ];
        let p = BatchProblem {
            days,
            candidates: vec![
                cand("A", &["双语"], &["2026-01-01"]),
                cand("B", &[], &[]),
                cand("C", &[], &[]),
            ],
            max_dates: 1,
            weights: MatchWeights::default(),
        };
        let plan = plan_batches(&p).unwrap();
        // 6 seats, 3 members × 1 day = at most 3 covered.
        assert_eq!((plan.seats, plan.covered), (6, 3));
        assert!(!plan.is_complete());
        // Day 1: BIL has no eligible member (A away).
        let bil1 = plan
            .uncovered
            .iter()
            .find(|u| u.date == d("2026-01-01") && u.post == "BIL")
            .unwrap();
        assert_eq!((bil1.seats, bil1.eligible), (1, 0));
        let total: u32 = plan.uncovered.iter().map(|u| u.seats).sum();
        assert_eq!(u64::from(total), plan.seats - plan.covered);
        assert!(plan.dates_served().values().all(|&n| n == 1));
        // A must cover BIL on day 2 (the only way to use A).
        assert!(plan.to_csv().unwrap().contains("2026-05-01,BIL,A,1"));
    }

    #[test]
    fn one_seat_per_member_per_day() {
        // One member, one day, two posts with a seat each: only one can be covered.
        let p = BatchProblem {
            days: vec![BatchDay {
                date: d("2026-01-01"),
                seats: vec![seat("A", 1, &[]), seat("B", 1, &[])],
            }],
            candidates: vec![cand("M", &[], &[])],
            max_dates: 3,
            weights: MatchWeights::default(),
        };
        let plan = plan_batches(&p).unwrap();
        assert_eq!((plan.seats, plan.covered, plan.cost), (2, 1, 2));
        assert_eq!(plan.uncovered.len(), 1);
        assert_eq!(plan.uncovered[0].post, "B");
    }

    #[test]
    fn duplicate_days_rejected() {
        let day = BatchDay {
            date: d("2026-01-01"),
            seats: vec![seat("PAT", 1, &[])],
        };
        let p = BatchProblem {
            days: vec![day.clone(), day],
            candidates: vec![],
            max_dates: 1,
            weights: MatchWeights::default(),
        };
        assert_eq!(plan_batches(&p).unwrap_err().code(), "duplicate_id");
    }

    #[test]
    fn teams_balanced() {
        let people: Vec<TeamMember> = (0..7)
            .map(|i| TeamMember {
                member: format!("M{i}").into(),
                skills: vec!["宣传".into()],
            })
            .collect();
        let plan = form_teams(&people, &[], 3);
        let sizes: Vec<usize> = plan.teams.iter().map(|t| t.members.len()).collect();
        assert_eq!(sizes, [3, 2, 2]);
        assert_eq!(plan.teams[2].id, "宣传-3");
    }
}
