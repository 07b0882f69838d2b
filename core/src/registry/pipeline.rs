use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{MemberIdx, Registry};
use crate::member::{MemberId, Stage};

/// The next step a person in the development pipeline or on probation is due for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// The branch talks with the applicant within one month of the application (发展细则).
    Talk,
    /// The activist may become a candidate after one year of training (发展细则).
    CandidateEligible,
    /// Probation ends; the branch assembly decides on conversion (党章 art. 7).
    ConversionDue,
}

/// A due date in the pipeline, for the secretary's to-do list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PipelineDue {
    /// The person.
    #[schemars(with = "String")]
    pub member: MemberId,
    /// Their stage on the query date.
    pub stage: Stage,
    /// What is due.
    pub due: DueKind,
    /// When.
    pub date: NaiveDate,
    /// Whether `date` has passed on the query date.
    pub overdue: bool,
}

impl Registry {
    /// Due dates of everyone in the development pipeline or on probation on `date`, earliest first.
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let due = reg.pipeline_due("2023-06-01".parse().unwrap());
    /// assert!(due.iter().any(|d| d.member == "M2" && d.date.to_string() == "2024-03-01"));
    /// ```
    pub fn pipeline_due(&self, date: NaiveDate) -> Vec<PipelineDue> {
        let mut out = Vec::new();
        for (i, s) in self.states_on(date) {
            let Some(m) = self.member(i) else { continue };
            let due = match s.stage {
                Stage::Applicant if s.talked_on.is_none() => s
                    .applied_on
                    .and_then(|a| a.checked_add_months(Months::new(self.rules.talk_within_months)))
                    .map(|d| (DueKind::Talk, d)),
                Stage::Activist => s
                    .activist_on
                    .and_then(|a| a.checked_add_months(Months::new(self.rules.activist_months)))
                    .map(|d| (DueKind::CandidateEligible, d)),
                Stage::Probationary => s.probation_due.map(|d| (DueKind::ConversionDue, d)),
                _ => None,
            };
            if let Some((due, d)) = due {
                out.push(PipelineDue {
                    member: m.id.clone(),
                    stage: s.stage,
                    due,
                    date: d,
                    overdue: d < date,
                });
            }
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.member.cmp(&b.member)));
        out
    }

    /// The 光荣在党50年 medal list of `year`, with each member's anniversary: living members of
    /// this community on 1 July of `year` whose party standing (from the end of probation)
    /// reaches `rules.jubilee_years` (50) years on or before that 1 July and after 1 July of the
    /// year before (中组部《"光荣在党50年"纪念章颁发管理办法》, 2021: standing counted up to 1 July
    /// of the year of the award). The medal was first awarded in [`JUBILEE_FIRST_YEAR`] (2021), to
    /// every living member with 50 years or more by then; there is no list before it.
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let list = reg.jubilee(2026);
    /// assert_eq!(list.len(), 1);
    /// assert_eq!(list[0].1.to_string(), "2026-05-01");
    /// assert!(reg.jubilee(2020).is_empty()); // before the medal existed
    /// ```
    pub fn jubilee(&self, year: i32) -> Vec<(MemberIdx, NaiveDate)> {
        if year < JUBILEE_FIRST_YEAR {
            return Vec::new();
        }
        let (Some(july), Some(last_july)) = (
            NaiveDate::from_ymd_opt(year, 7, 1),
            NaiveDate::from_ymd_opt(year - 1, 7, 1),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, s) in self.states_on(july) {
            if !s.is_member() {
                continue;
            }
            if let Some(c) = s.converted_on {
                if let Some(anniv) =
                    c.checked_add_months(Months::new(self.rules.jubilee_years.saturating_mul(12)))
                {
                    let first = year == JUBILEE_FIRST_YEAR;
                    if anniv <= july && (first || anniv > last_july) {
                        out.push((i, anniv));
                    }
                }
            }
        }
        out
    }
}

/// The year the 光荣在党50年 medal was first awarded (中组部《"光荣在党50年"纪念章颁发管理办法》,
/// 2021), to every living member with 50 years of standing or more on 1 July 2021.
pub const JUBILEE_FIRST_YEAR: i32 = 2021;
