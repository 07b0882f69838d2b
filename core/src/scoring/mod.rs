//! Points-based assessment (积分管理): declarative rule sets, exact scoring, explanations and
//! what-if comparison.

mod activity;

pub use activity::{ActivityRecord, MAX_QUANTITY};
