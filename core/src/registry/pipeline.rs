//! The development pipeline (发展细则 2014): due dates, steps found late or missing, and the
//! 光荣在党50年 list.
//!
//! # Examples
//!
//! ```
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let reg = dangjian::Registry::sample_small();
//! let findings = reg.development_findings(d("2024-06-01"));
//! assert!(findings.iter().all(|f| f.due.is_finding() && f.overdue));
//! assert_eq!(reg.jubilee(2026).len(), 1); // M1: 50 years on 2026-05-01
//! ```

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{MemberIdx, Registry};
use crate::member::{MemberId, MemberState, Stage};

/// The first day the development steps of 中国共产党发展党员工作细则 apply (issued by the
/// General Office of the Central Committee on 2014-05-28; it replaced the 1990 细则（试行）): an
/// application, a designation as candidate or an admission before it is not checked for them.
///
/// # Examples
///
/// ```
/// use dangjian::registry::DEVELOPMENT_RULES_SINCE;
/// assert_eq!(DEVELOPMENT_RULES_SINCE.to_string(), "2014-05-28");
/// ```
pub const DEVELOPMENT_RULES_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2014, 5, 28) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Shortest concentrated training of a candidate in days (发展细则: 一般不少于3天).
///
/// # Examples
///
/// ```
/// use dangjian::registry::{TRAINING_MIN_DAYS, TRAINING_MIN_HOURS};
/// assert_eq!((TRAINING_MIN_DAYS, TRAINING_MIN_HOURS), (3, 24));
/// ```
pub const TRAINING_MIN_DAYS: u8 = 3;
/// Shortest concentrated training of a candidate in class hours (发展细则: 或不少于24个学时).
///
/// # Examples
///
/// ```
/// use dangjian::registry::{DueKind, TRAINING_MIN_HOURS};
/// assert_eq!(TRAINING_MIN_HOURS, 24); // shorter: DueKind::CandidateTrainingShort
/// assert_eq!(DueKind::CandidateTrainingShort.rule(), "candidate_training");
/// ```
pub const TRAINING_MIN_HOURS: u16 = 24;
/// Shortest public notice before admission, in working days (Monday to Friday; public holidays
/// and swapped working weekends are not modelled).
///
/// # Examples
///
/// ```
/// use dangjian::registry::{working_days, NOTICE_MIN_WORKING_DAYS};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// // a notice from Thursday to the next Wednesday is long enough
/// assert!(working_days(d("2026-06-04"), d("2026-06-10")) >= NOTICE_MIN_WORKING_DAYS);
/// ```
pub const NOTICE_MIN_WORKING_DAYS: u32 = 5;

/// The next step a person in the development pipeline or on probation is due for, or a step
/// of the development procedure (发展细则 2014) that was late or missing.
///
/// # Examples
///
/// ```
/// use dangjian::registry::DueKind;
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let due = reg.pipeline_due(d("2023-06-01"));
/// let m2 = due.iter().find(|x| x.member == "M2").ok_or("M2")?;
/// assert_eq!((m2.due, m2.due.label()), (DueKind::ConversionDue, "预备期满，讨论转正"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// The branch talks with the applicant within one month of the application (发展细则 第七条).
    Talk,
    /// The activist may become a candidate after one year of training (发展细则).
    CandidateEligible,
    /// Probation ends; the branch assembly decides on conversion (党章 art. 7).
    ConversionDue,
    /// Finding: the talk was held on `date`, after the month (`actual`: days late).
    TalkLate,
    /// Finding: the person moved on without a recorded talk (`date`: when it was due).
    TalkMissing,
    /// Finding: named candidate on `date` without a recorded activist's training.
    ActivistTrainingMissing,
    /// Finding: admitted on `date` without the candidate's concentrated training.
    CandidateTrainingMissing,
    /// Finding: admitted on `date` after a training shorter than 3 days and 24 class hours
    /// (`actual`: class hours).
    CandidateTrainingShort,
    /// Finding: admitted on `date` without a political review (政治审查).
    PoliticalReviewMissing,
    /// Finding: admitted on `date` without the higher committee's pre-examination (预审).
    PreExaminationMissing,
    /// Finding: admitted on `date` without a public notice (公示).
    PublicNoticeMissing,
    /// Finding: admitted on `date` after a public notice of fewer than 5 working days before
    /// the admission (`actual`: working days).
    PublicNoticeShort,
}

impl DueKind {
    /// The catalogue code of the rule behind this entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::DueKind;
    /// assert_eq!(DueKind::TalkLate.rule(), "talk_within_one_month");
    /// assert_eq!(DueKind::PublicNoticeShort.rule(), "public_notice");
    /// ```
    pub fn rule(self) -> &'static str {
        match self {
            DueKind::Talk | DueKind::TalkLate | DueKind::TalkMissing => "talk_within_one_month",
            DueKind::CandidateEligible => "activist_one_year",
            DueKind::ConversionDue => "conversion_due",
            DueKind::ActivistTrainingMissing => "activist_training",
            DueKind::CandidateTrainingMissing | DueKind::CandidateTrainingShort => {
                "candidate_training"
            }
            DueKind::PoliticalReviewMissing => "political_review",
            DueKind::PreExaminationMissing => "pre_examination",
            DueKind::PublicNoticeMissing | DueKind::PublicNoticeShort => "public_notice",
        }
    }

    /// Whether this is a finding (a step late or missing) rather than a due date.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::DueKind;
    /// assert!(!DueKind::Talk.is_finding());
    /// assert!(DueKind::TalkMissing.is_finding());
    /// ```
    pub fn is_finding(self) -> bool {
        !matches!(
            self,
            DueKind::Talk | DueKind::CandidateEligible | DueKind::ConversionDue
        )
    }

    /// Chinese label for reports.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::DueKind;
    /// assert_eq!(DueKind::Talk.label(), "一个月内谈话");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            DueKind::Talk => "一个月内谈话",
            DueKind::CandidateEligible => "可列为发展对象",
            DueKind::ConversionDue => "预备期满，讨论转正",
            DueKind::TalkLate => "谈话超过一个月",
            DueKind::TalkMissing => "未记录一个月内谈话",
            DueKind::ActivistTrainingMissing => "列为发展对象前未记录入党积极分子培训",
            DueKind::CandidateTrainingMissing => "接收预备党员前未记录发展对象集中培训",
            DueKind::CandidateTrainingShort => "发展对象集中培训不足3天或24学时",
            DueKind::PoliticalReviewMissing => "接收预备党员前未记录政治审查",
            DueKind::PreExaminationMissing => "接收预备党员前未记录基层党委预审",
            DueKind::PublicNoticeMissing => "接收预备党员前未记录公示",
            DueKind::PublicNoticeShort => "公示不足5个工作日",
        }
    }
}

/// Working days (Monday to Friday) from `from` to `to`, both inclusive; public holidays are not
/// modelled.
///
/// ```
/// use dangjian::registry::working_days;
/// let d = |s: &str| s.parse().unwrap();
/// assert_eq!(working_days(d("2026-10-05"), d("2026-10-09")), 5); // Monday to Friday
/// assert_eq!(working_days(d("2026-10-08"), d("2026-10-14")), 5); // across a weekend
/// assert_eq!(working_days(d("2026-10-08"), d("2026-10-13")), 4);
/// ```
pub fn working_days(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d <= to {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            n += 1;
        }
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    n
}

/// A due date in the pipeline, for the secretary's to-do list.
///
/// # Examples
///
/// ```
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// let reg = dangjian::Registry::sample_small();
/// let due = reg.pipeline_due(d("2024-06-01"));
/// assert_eq!(due.len(), 1);
/// assert_eq!((due[0].member.as_str(), due[0].rule.as_str()), ("M2", "conversion_due"));
/// assert!(due[0].overdue); // due on 2024-03-01, no conversion recorded
/// ```
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
    /// Whether `date` has passed on the query date (always, for a finding).
    pub overdue: bool,
    /// The catalogue code of the rule ([`DueKind::rule`]).
    pub rule: String,
    /// The number observed, where the rule counts (days late, class hours, working days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<u32>,
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
        self.pipeline_entries(date, true, false)
    }

    /// [`Registry::pipeline_due`] and [`Registry::development_findings`] in one pass over the
    /// roster, earliest first (a person's due date before their findings on the same day): the
    /// monthly report's pipeline section.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::registry::DueKind;
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let reg = dangjian::Registry::sample_small();
    /// let all = reg.pipeline_with_findings(d("2024-06-01"));
    /// assert!(all.iter().any(|x| x.due == DueKind::ConversionDue));
    /// // M2 was admitted in 2023 with no recorded talk, trainings, review or notice
    /// assert!(all.iter().any(|x| x.due == DueKind::PublicNoticeMissing && x.member == "M2"));
    /// ```
    pub fn pipeline_with_findings(&self, date: NaiveDate) -> Vec<PipelineDue> {
        self.pipeline_entries(date, true, true)
    }

    fn pipeline_entries(&self, date: NaiveDate, due: bool, findings: bool) -> Vec<PipelineDue> {
        let mut out = Vec::new();
        for (i, s) in self.states_on(date) {
            let Some(m) = self.member(i) else { continue };
            if due {
                self.push_due(&m.id, &s, date, &mut out);
            }
            if findings {
                self.push_findings(&m.id, &s, &mut out);
            }
        }
        crate::sort::sort_by(&mut out, |a, b| {
            a.date.cmp(&b.date).then_with(|| a.member.cmp(&b.member))
        });
        out
    }

    fn push_due(
        &self,
        member: &MemberId,
        s: &MemberState,
        date: NaiveDate,
        out: &mut Vec<PipelineDue>,
    ) {
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
                member: member.clone(),
                stage: s.stage,
                due,
                date: d,
                overdue: d < date,
                rule: due.rule().to_string(),
                actual: None,
            });
        }
    }

    /// Steps of the development procedure (发展细则 2014) found late or missing, for everyone in
    /// the pipeline or on probation on `date`, earliest first. A late or missing talk stays
    /// found after the person moves on; the steps before admission (activist's training,
    /// concentrated training of at least 3 days or 24 class hours, political review,
    /// pre-examination, public notice of at least 5 working days) are checked for admissions
    /// from [`DEVELOPMENT_RULES_SINCE`]. Each entry names its rule ([`DueKind::rule`]).
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// // M2 was admitted in 2023 without any of the recorded steps
    /// let f = reg.development_findings("2023-06-01".parse().unwrap());
    /// assert!(f.iter().any(|x| x.member == "M2" && x.rule == "public_notice"));
    /// ```
    pub fn development_findings(&self, date: NaiveDate) -> Vec<PipelineDue> {
        self.pipeline_entries(date, false, true)
    }

    fn push_findings(&self, member: &MemberId, s: &MemberState, out: &mut Vec<PipelineDue>) {
        if !matches!(
            s.stage,
            Stage::Applicant | Stage::Activist | Stage::Candidate | Stage::Probationary
        ) {
            return;
        }
        let mut push = |due: DueKind, d: NaiveDate, actual: Option<u32>| {
            out.push(PipelineDue {
                member: member.clone(),
                stage: s.stage,
                due,
                date: d,
                overdue: true,
                rule: due.rule().to_string(),
                actual,
            });
        };
        // The talk within one month of the application (发展细则 第七条).
        if let Some(applied) = s.applied_on.filter(|a| *a >= DEVELOPMENT_RULES_SINCE) {
            let due = applied
                .checked_add_months(Months::new(self.rules.talk_within_months))
                .unwrap_or(NaiveDate::MAX);
            match s.talked_on {
                Some(t) if t > due => {
                    let late = (t - due).num_days().clamp(0, i64::from(u32::MAX)) as u32;
                    push(DueKind::TalkLate, t, Some(late));
                }
                Some(_) => {}
                None if s.stage != Stage::Applicant => push(DueKind::TalkMissing, due, None),
                None => {}
            }
        }
        // The activist's training before being named candidate.
        if let Some(c) = s.candidate_on.filter(|c| *c >= DEVELOPMENT_RULES_SINCE) {
            if s.steps.activist_trained_on.is_none_or(|t| t > c) {
                push(DueKind::ActivistTrainingMissing, c, None);
            }
        }
        // The steps before admission, for members admitted here (after being candidates).
        let admitted = s
            .admitted_on
            .filter(|a| *a >= DEVELOPMENT_RULES_SINCE && s.stage == Stage::Probationary)
            .filter(|a| s.candidate_on.is_some_and(|c| c <= *a));
        if let Some(a) = admitted {
            let st = &s.steps;
            if st.candidate_trained_on.is_none() {
                push(DueKind::CandidateTrainingMissing, a, None);
            } else if st.training_days < TRAINING_MIN_DAYS && st.training_hours < TRAINING_MIN_HOURS
            {
                push(
                    DueKind::CandidateTrainingShort,
                    a,
                    Some(u32::from(st.training_hours)),
                );
            }
            if st.political_review_on.is_none() {
                push(DueKind::PoliticalReviewMissing, a, None);
            }
            if st.pre_examined_on.is_none() {
                push(DueKind::PreExaminationMissing, a, None);
            }
            match st.publicized {
                None => push(DueKind::PublicNoticeMissing, a, None),
                Some((from, until)) => {
                    // only the days before the admission count
                    let last = a.pred_opt().unwrap_or(a).min(until);
                    let n = working_days(from, last);
                    if n < NOTICE_MIN_WORKING_DAYS {
                        push(DueKind::PublicNoticeShort, a, Some(n));
                    }
                }
            }
        }
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
///
/// # Examples
///
/// ```
/// use dangjian::registry::JUBILEE_FIRST_YEAR;
/// let reg = dangjian::Registry::sample_small();
/// assert_eq!(JUBILEE_FIRST_YEAR, 2021);
/// assert!(reg.jubilee(JUBILEE_FIRST_YEAR - 1).is_empty()); // no medal list before 2021
/// ```
pub const JUBILEE_FIRST_YEAR: i32 = 2021;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::member::{EventRecord, EventType, Gender, MemberRecord};
    use crate::org::{OrgKind, OrgRecord};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn reg(extra: Vec<EventRecord>) -> Registry {
        let b = OrgRecord::new("B", "支部", OrgKind::Branch, None, d("2010-01-01"));
        let p = MemberRecord::new("P", "赵一", Gender::Male, d("1995-01-01")).unwrap();
        let mut events = vec![
            EventRecord::new("P", d("2024-01-05"), EventType::Applied).branch("B"),
            EventRecord::new("P", d("2024-01-20"), EventType::Talked),
            EventRecord::new("P", d("2024-03-01"), EventType::Activist),
            EventRecord::new("P", d("2024-06-01"), EventType::ActivistTrained),
            EventRecord::new("P", d("2025-03-05"), EventType::Candidate),
            EventRecord::new("P", d("2025-03-20"), EventType::PoliticalReview),
            EventRecord::new("P", d("2026-05-20"), EventType::PreExamined),
        ];
        events.extend(extra);
        events.push(EventRecord::new("P", d("2026-06-20"), EventType::Admitted));
        Registry::build(vec![b], vec![p], events, Default::default()).unwrap()
    }

    fn training(hours: u16) -> EventRecord {
        let mut e = EventRecord::new("P", d("2025-04-10"), EventType::CandidateTrained);
        e.hours = Some(hours);
        e
    }

    fn notice(from: &str, until: &str) -> EventRecord {
        let mut e = EventRecord::new("P", d(from), EventType::Publicized);
        e.until = Some(d(until));
        e
    }

    fn kinds(r: &Registry) -> Vec<DueKind> {
        r.development_findings(d("2026-10-31"))
            .iter()
            .map(|f| f.due)
            .collect()
    }

    #[test]
    fn a_complete_admission_has_no_findings() {
        let r = reg(vec![training(24), notice("2026-06-04", "2026-06-10")]);
        assert!(kinds(&r).is_empty());
    }

    #[test]
    fn short_training_and_notice_are_found() {
        let r = reg(vec![training(23), notice("2026-06-04", "2026-06-09")]);
        assert_eq!(
            kinds(&r),
            [DueKind::CandidateTrainingShort, DueKind::PublicNoticeShort]
        );
        let r = reg(vec![]);
        assert_eq!(
            kinds(&r),
            [
                DueKind::CandidateTrainingMissing,
                DueKind::PublicNoticeMissing
            ]
        );
    }
}
