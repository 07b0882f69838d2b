//! Members and their lifecycle: the record, the append-only event log, and the state derived from
//! it as of any date.
//!
//! A member's history is a list of dated [`EventRecord`]s. [`replay`] folds them, in date order,
//! into a [`MemberState`], checking every rule of the published sources on the way (党章,
//! 发展细则): the development pipeline (applicant ≥ 18, activist ≥ 1 year, candidate, admission),
//! the one-year probation and its single extension of 6–12 months, conversion, transfers,
//! floating, lost contact, category changes and the terminal exits.
//!
//! ```
//! use dangjian::member::{EventRecord, EventType, Stage};
//! use dangjian::Registry;
//! let mut reg = Registry::sample_small();
//! let d = |s: &str| s.parse().unwrap();
//! // M2 was admitted 2023-03-01; converting before probation ends breaks 党章 art. 7.
//! let early = EventRecord::new("M2", d("2023-12-01"), EventType::Converted);
//! let err = reg.apply(vec![early]).unwrap_err();
//! assert!(err.to_string().contains("probation_not_over"));
//! reg.apply(vec![EventRecord::new("M2", d("2024-03-01"), EventType::Converted)]).unwrap();
//! assert_eq!(reg.state("M2", d("2024-03-01")).unwrap().stage, Stage::Full);
//! ```

mod discipline;
mod error;
mod event;
mod record;
mod rules;
mod state;

pub use discipline::{
    DisciplineKind, DisciplineRecord, MAX_OBSERVATION_MONTHS, OBSERVATION_YEAR_MONTHS,
};
pub use error::{MemberRule, RuleViolation};
pub use event::{Event, EventKind, EventRecord, EventType, MembershipStatus};
pub use record::{Category, Education, Gender, MaskedMember, MemberId, MemberRecord};
pub use rules::LifecycleRules;
pub(crate) use state::step;
pub use state::{
    probation_too_short, replay, DevelopmentSteps, ExitReason, MemberState, ReplayContext, Stage,
    PROBATION_RULE_SINCE,
};
