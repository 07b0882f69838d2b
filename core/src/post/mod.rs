//! Posts and service (设岗定责): posts set by organizations, claims with public commitments,
//! service records, the two-way feedback to in-service members' home units, exact matching of
//! members to open seats, batches on holidays and teams by specialty.
//!
//! Seeds 000 and 003 describe the practice: the five posts (五员) of seed 000 and the service
//! posts of seed 003, claimed by members "by the community's needs and the member's strengths"
//! (社区所需, 党员所长) with commitments on goal, time and quality, service in batches on
//! holidays (分批分组), teams of the same specialty (编组设岗), monthly points (积分管理) and
//! two-way feedback to the home units (双向反馈). Post kinds are data ([`default_kinds`]).
//!
//! - [`PostBook`]: posts, claims and service records validated against a [`Registry`](crate::Registry),
//!   changed by [`PostBatch`]es applied all or nothing.
//! - Reports: [`PostBook::coverage_on`], [`PostBook::commitments`], [`PostBook::feedback`].
//! - Points: [`PostBook::activities`] under a [`ServiceMapping`] feeds the scoring engine.
//! - Matching: [`solve`] (min-cost max-flow), [`PostBook::match_problem`],
//!   [`PostBook::claims_from_match`]; batches: [`plan_batches`]; teams: [`form_teams`].
//!
//! ```
//! use dangjian::post::{PostBook, MatchWeights, solve};
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let book = PostBook::from_dataset(&ds, &reg).unwrap();
//! let d = dangjian::synth::SAMPLE_AS_OF;
//! let cov = book.coverage_on(d);
//! let vacancies: u32 = cov.vacancies.iter().sum();
//! // Propose members for the vacancies: never more than there are.
//! let result = solve(&book.match_problem(&reg, d, MatchWeights::default())).unwrap();
//! assert!(result.filled <= u64::from(vacancies));
//! ```

mod batch;
mod book;
mod error;
mod flow;
mod kind;
mod mapping;
mod matching;
mod record;
mod report;

pub use batch::{
    form_teams, plan_batches, BatchCandidate, BatchDay, BatchPlan, BatchProblem, BatchTable, Team,
    TeamMember, TeamPlan, Uncovered, MAX_BATCH_DAYS,
};
pub use book::{PostBook, PostSummary, ReleaseDue, MAX_RECORDS};
pub use error::PostError;
pub use kind::{default_kinds, kinds_in_force, PostKind, Skill};
pub use mapping::ServiceMapping;
pub use matching::{
    solve, Assignment, Candidate, MatchProblem, MatchResult, MatchTable, MatchWeights, SeatNeed,
    Unfilled, MAX_LIMIT, MAX_MATCH_EDGES, MAX_MATCH_ITEMS, MAX_MATCH_TAGS, MAX_WEIGHT,
};
pub use record::{
    ClaimId, ClaimRecord, Closure, Commitment, PostBatch, PostId, PostRecord, PostRules, Release,
    ServiceId, ServiceRecord, MAX_CAPACITY, MAX_HOURS_PER_MONTH, MAX_HOURS_PER_RECORD, MAX_ID_LEN,
    MAX_TEXT_CHARS,
};
pub use report::{CommitmentTable, CoverageTable, FeedbackReport, FeedbackTable, UnitTotals};

/// `YYYY-MM` of a date, as chrono's `%Y-%m` writes it (a sign and at least four digits outside
/// the years 0 to 9999), without linking chrono's format-string machinery.
pub(crate) fn year_month(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let y = d.year();
    if (0..=9999).contains(&y) {
        format!("{y:04}-{:02}", d.month())
    } else {
        format!("{y:+05}-{:02}", d.month())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn year_month_is_chronos_format() {
        for (y, m) in [
            (2026, 1),
            (1, 12),
            (0, 5),
            (9999, 12),
            (10000, 1),
            (-1, 3),
            (-44, 3),
            (262_000, 2),
        ] {
            let d = chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
            assert_eq!(super::year_month(d), d.format("%Y-%m").to_string(), "{d}");
        }
    }
}
