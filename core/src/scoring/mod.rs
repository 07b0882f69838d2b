//! Points-based assessment (积分管理): declarative rule sets, exact scoring, explanations and
//! what-if comparison.
//!
//! - [`RuleSet`]: a JSON or TOML document (who is scored, the period, base points, items with
//!   signed points per unit and caps per window, category caps, grades, stars, a top-grade
//!   quota), validated on load; [`RuleBook`] holds its versions over the years.
//! - [`Scorer`]: the typed API over a [`crate::Registry`] and [`ActivityRecord`]s, strict or
//!   lenient, producing columnar [`ScoreTable`]s; [`Scorer::explain`] and [`Scorer::what_if`].
//! - [`score_columns`]: the columnar bulk kernel over plain slices (the fast path of the
//!   typed API, the bindings and the benchmark), optionally parallel (feature `parallel`).
//!
//! All points are exact [`crate::fixed::Fixed`] thousandths. The semantics are documented in
//! `docs/scoring.md`; the default tables follow DOMAIN.md (积分管理; 百分目标管理考核, seed 001).
//!
//! ```
//! use dangjian::scoring::{Mode, RuleSet, Scorer, Period};
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
//! let oct: Period = "2026-10".parse().unwrap();
//! let t = scorer.score(&RuleSet::member_default(), oct).unwrap().table;
//! assert_eq!(t.len(), 158); // every member of the month gets a row
//! ```

mod activity;
mod annual;
mod error;
mod explain;
mod kernel;
mod period;
mod report;
mod rules;
mod score_table_json;
mod semantics;
mod tables;
mod typed;
mod whatif;

pub use crate::calendar::{Period, PeriodKind, PeriodParseError};
pub use activity::{ActivityRecord, MAX_QUANTITY};
pub use annual::AnnualSummary;
pub use error::{Diagnostic, DiagnosticCode, RuleSetError, ScoringError, MAX_ECHO_CHARS};
pub use explain::{CategoryLines, EventLines, EventStatus, Explanation, ItemLines};
pub use kernel::{
    score_columns, score_columns_per_subject, BulkInput, BulkOptions, BulkScores, Columns, Groups,
    PeriodScores, MAX_EVENTS, MAX_PERIODS, MAX_SUBJECTS, NO_GRADE, NO_GROUP,
};
pub use period::{date_of_day, day_number, DayNum, Window};
pub use report::{Mover, ScoreReport};
pub use rules::{
    Cap, CategoryCaps, CompiledRules, GradeRule, ItemCategory, Quota, RuleBook, RuleItem, RuleSet,
    ScoringRules, SubjectKind, Unit, MAX_ITEMS, MAX_PARSE_MESSAGE_CHARS, MAX_POINTS,
    MAX_POINTS_PER_UNIT, MAX_RULESET_BYTES, MAX_RULE_NAME_CHARS, MAX_RULE_TEXT_CHARS,
};
pub use semantics::RankHistogram;
pub use tables::{ActivityTable, ExplanationPart, ExplanationTable, MoversTable};
pub(crate) use typed::ScorerChecks;
pub use typed::{Mode, ScoreTable, Scored, Scorer};
pub use whatif::{Ratio, WhatIf};
