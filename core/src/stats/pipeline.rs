//! The development pipeline per organization (入党申请人, 积极分子, 发展对象, 预备党员) on a date.
//!
//! ```
//! use dangjian::stats::{pipeline, Rollup};
//! let reg = dangjian::Registry::sample_small();
//! let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let t = pipeline(&reg, d("2022-06-01"), Rollup::Subtree);
//! let b1 = t.counts.row(1).unwrap(); // Z, B1, G1, B2 in pre-order
//! assert_eq!((b1.candidates, b1.in_pipeline), (1, 1)); // M2, 发展对象 since 2021-10-01
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{OrgColumns, Rollup, Timelines};
use crate::member::Stage;
use crate::registry::{MemberIdx, Registry};
use crate::table::{Column, Equation, Structure, Table};

count_columns! {
    /// The count columns of [`PipelineTable`].
    PipelineRow / PipelineCounts {
        /// Applicants (入党申请人).
        applicants: "入党申请人",
        /// Activists (入党积极分子).
        activists: "入党积极分子",
        /// Candidates (发展对象).
        candidates: "发展对象",
        /// In the development pipeline (the three stages above).
        in_pipeline: "发展阶段合计",
        /// Probationary members (预备党员).
        probationary: "预备党员",
        /// Probationary members whose probation has ended on the date: conversion is due (党章 art. 7).
        conversion_due: "预备期满待转正",
    }
}

/// The development pipeline per organization on a date (发展党员工作情况): people at each stage,
/// placed in the branch they applied to (probationary members in their unit).
///
/// ```
/// use dangjian::stats::{pipeline, Rollup};
/// let reg = dangjian::synth::sample_community().to_registry().unwrap();
/// let t = pipeline(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
/// let z = t.orgs.id.iter().position(|o| o == "Z").unwrap();
/// assert_eq!(t.counts.in_pipeline[z], 6); // six people currently in the pipeline
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineTable {
    /// The date.
    pub as_of: NaiveDate,
    /// Direct or rolled up.
    pub rollup: Rollup,
    /// Organization keys.
    pub orgs: OrgColumns,
    /// The counts.
    pub counts: PipelineCounts,
}

/// The pipeline of `reg` on `date` (see [`PipelineTable`]).
///
/// # Examples
///
/// ```
/// use dangjian::stats::{pipeline, Rollup};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let t = pipeline(&reg, d("2020-10-01"), Rollup::Direct);
/// assert_eq!(t.counts.activists[1], 1); // M2 in B1
/// let t = pipeline(&reg, d("2023-06-01"), Rollup::Direct);
/// assert_eq!((t.counts.in_pipeline[1], t.counts.probationary[1]), (0, 1)); // admitted
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pipeline(reg: &Registry, date: NaiveDate, rollup: Rollup) -> PipelineTable {
    pipeline_with(reg, &Timelines::build(reg), date, rollup)
}

/// [`pipeline`] with prebuilt timelines.
///
/// # Examples
///
/// ```
/// use dangjian::stats::{pipeline, pipeline_with, Rollup, Timelines};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let timelines = Timelines::build(&reg);
/// let day = d("2021-06-01");
/// assert_eq!(pipeline_with(&reg, &timelines, day, Rollup::Subtree), pipeline(&reg, day, Rollup::Subtree));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pipeline_with(
    reg: &Registry,
    timelines: &Timelines,
    date: NaiveDate,
    rollup: Rollup,
) -> PipelineTable {
    let tree = reg.tree();
    let mut rows = vec![PipelineRow::default(); tree.len()];
    for m in 0..reg.len() as MemberIdx {
        let Some(s) = timelines.on(m, date) else {
            continue;
        };
        let place = if s.is_member() { s.unit() } else { s.branch };
        let Some(r) = place.and_then(|p| rows.get_mut(p as usize)) else {
            continue;
        };
        match s.stage {
            Stage::Applicant => r.applicants += 1,
            Stage::Activist => r.activists += 1,
            Stage::Candidate => r.candidates += 1,
            Stage::Probationary => {
                r.probationary += 1;
                if s.probation_due.is_some_and(|d| d <= date) {
                    r.conversion_due += 1;
                }
            }
            _ => {}
        }
        if s.stage < Stage::Probationary && s.stage > Stage::Outsider {
            r.in_pipeline += 1;
        }
    }
    if rollup == Rollup::Subtree {
        super::membership::rollup_rows(tree, &mut rows);
    }
    let orgs = OrgColumns::active(tree, date);
    let mut counts = PipelineCounts::default();
    for &i in &orgs.idx {
        counts.push(&rows.get(i as usize).copied().unwrap_or_default());
    }
    PipelineTable {
        as_of: date,
        rollup,
        orgs,
        counts,
    }
}

impl Table for PipelineTable {
    fn name(&self) -> &str {
        "pipeline"
    }
    fn title_zh(&self) -> String {
        format!(
            "发展党员工作情况（截至{}，{}）",
            self.as_of,
            self.rollup.label()
        )
    }
    fn len(&self) -> usize {
        self.orgs.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = self.orgs.columns();
        c.extend(self.counts.columns());
        c
    }
    fn structure(&self) -> Structure {
        let (parent, remainder) = self.orgs.hierarchy_for_members(self.rollup);
        Structure {
            equations: vec![Equation::sum(
                "in_pipeline",
                &["applicants", "activists", "candidates"],
            )],
            parent,
            remainder,
            derived: Vec::new(),
            not_additive: Vec::new(),
        }
    }
}
