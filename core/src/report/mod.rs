//! The monthly report (月度党建报告) of a community: membership per organization, the month's
//! flows, structure findings, pipeline due dates and the 光荣在党50年 list — the first thing a
//! secretary prints. Built from the core's own results, rendered as text or JSON.
//!
//! ```
//! use dangjian::report::{MonthlyReport, ReportOptions};
//! let ds = dangjian::synth::sample_community();
//! let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
//! assert_eq!(r.as_of.to_string(), "2026-10-31");
//! assert_eq!(r.orgs[0].members, 158);
//! assert!(r.render_text().contains("翔凤社区"));
//! ```

mod elections;
mod html;
mod layout;
mod official;
mod practices;
mod render;
mod sections;
mod statistics;
mod tables;
#[cfg(feature = "xlsx")]
mod workbook;

pub use elections::ElectionLine;
pub use official::{relationship_here, OfficialStats, AGE_BANDS};
pub use statistics::StatisticsSection;
pub use tables::ReportTables;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use crate::calendar::month_bounds;
use crate::io::Dataset;
use crate::org::{Finding, OrgKind, StructureRules};
use crate::post::{CoverageTable, FeedbackReport, PostBook, PostError};
use crate::registry::{Flows, PipelineDue, RegistryError};
use crate::scoring::{Mode, Period, RuleSet, Scorer, ScoringError};

/// What the report shows.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::io::Dataset::sample_small();
/// let masked = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
/// assert_eq!(masked.jubilee[0].name, "张**");
/// let named = ReportOptions { show_names: true, ..ReportOptions::default() };
/// assert_eq!(MonthlyReport::build(&ds, 2026, 10, &named)?.jubilee[0].name, "张建国");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Show full names in the 光荣在党50年 list (a public honour list); masked (`张*`) otherwise.
    pub show_names: bool,
    /// Structure rule thresholds.
    pub structure: StructureRules,
    /// The member rule set of the points report (default: `member-default`).
    pub member_rules: RuleSet,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            show_names: false,
            structure: StructureRules::default(),
            member_rules: RuleSet::member_default(),
        }
    }
}

/// Posts and service in the report: coverage on the report date and the month's feedback to
/// the in-service members' home units (双向反馈).
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::synth::sample_community();
/// let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
/// let posts = r.posts.as_ref().ok_or("the sample has posts")?;
/// assert_eq!(posts.coverage.date, r.as_of);
/// assert_eq!((posts.feedback.from.to_string(), posts.feedback.to), ("2026-10-01".to_string(), r.as_of));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSection {
    /// Seats filled and vacant per post on the report date.
    pub coverage: CoverageTable,
    /// The month's feedback per home unit, with the members' monthly points.
    pub feedback: FeedbackReport,
}

/// One organization's line in the membership table.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::io::Dataset::sample_small();
/// let r = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?;
/// let lines: Vec<(&str, u32, u64)> = r.orgs.iter().map(|o| (o.org.as_str(), o.depth, o.members)).collect();
/// assert_eq!(lines, [("Z", 0, 4), ("B1", 1, 3), ("B2", 1, 1)]); // groups are not listed
/// assert_eq!((r.orgs[1].full, r.orgs[1].probationary, r.orgs[1].change), (2, 1, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgLine {
    /// Organization id.
    pub org: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: OrgKind,
    /// Depth in the tree (0 for a root).
    pub depth: u32,
    /// Members (full + probationary) in the subtree on the report date.
    pub members: u64,
    /// Full members in the subtree.
    pub full: u64,
    /// Probationary members in the subtree.
    pub probationary: u64,
    /// Change of `members` since the last day of the previous month.
    pub change: i64,
}

/// A member on the report year's 光荣在党50年 list: 50 years of standing complete after 1 July of
/// the year before and on or before 1 July of the report year, living on that 1 July
/// ([`crate::Registry::jubilee`]).
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// let ds = dangjian::io::Dataset::sample_small();
/// let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default())?;
/// let j = &r.jubilee[0]; // M1, full member since 1 May 1976
/// assert_eq!((j.member.as_str(), j.rule.as_str()), ("M1", "jubilee_50_years"));
/// assert_eq!(j.date.to_string(), "2026-05-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JubileeLine {
    /// Member id.
    pub member: String,
    /// Name (masked unless `show_names`).
    pub name: String,
    /// The day 50 years of standing are complete.
    pub date: NaiveDate,
    /// The catalogue rule (`jubilee_50_years`).
    pub rule: String,
}

/// The monthly report.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportOptions};
/// use dangjian::registry::DueKind;
/// let ds = dangjian::io::Dataset::sample_small();
/// let r = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?;
/// assert_eq!((r.community.as_str(), r.as_of.to_string()), ("示例社区", "2024-03-31".to_string()));
/// assert_eq!((r.flows.start, r.flows.end), (4, 4));
/// // M2's probation ended on 2024-03-01 and no conversion is recorded
/// assert!(r.pipeline.iter().any(|p| p.member == "M2" && p.due == DueKind::ConversionDue && p.overdue));
/// assert!(r.scores.is_none() && r.posts.is_none()); // no activities, no posts
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyReport {
    /// Community name.
    pub community: String,
    /// Year of the report.
    pub year: i32,
    /// Month of the report (1–12).
    pub month: u32,
    /// Last day of the month: every "as of" figure is on this day.
    pub as_of: NaiveDate,
    /// Membership per organization, in tree order, subtree totals.
    pub orgs: Vec<OrgLine>,
    /// Flows during the month, community-wide.
    pub flows: Flows,
    /// Structure findings on `as_of`.
    pub findings: Vec<Finding>,
    /// Pipeline steps overdue or due within 31 days after `as_of`, and the steps of the
    /// development procedure found late or missing (发展细则 2014), each with its rule code.
    pub pipeline: Vec<PipelineDue>,
    /// The report year's 光荣在党50年 list (cut-off 1 July; rule `jubilee_50_years`).
    pub jubilee: Vec<JubileeLine>,
    /// The points report of the month (一月一考核一通报), when the dataset has activities.
    pub scores: Option<crate::scoring::ScoreReport>,
    /// Post coverage and home-unit feedback, when the dataset has posts.
    pub posts: Option<PostSection>,
    /// Dues collection and organization life (三会一课) of the month, when the dataset has
    /// dues profiles, payments or meetings.
    pub compliance: Option<crate::compliance::ComplianceSummary>,
    /// Membership structure, flows since the founding, pipeline and score distribution, rolled
    /// up the organization tree.
    pub statistics: StatisticsSection,
    /// The latest election of each organization up to the report date (换届选举).
    pub elections: Vec<ElectionLine>,
    /// The current term of office of each organization with an election on record, and the
    /// text that set it (chosen by the election day).
    pub terms: Vec<crate::org::TermStatus>,
    /// The community practices of the month (issue 23), when the dataset records any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practices: Option<practices::PracticeSection>,
    /// The year's processes, when the dataset has appraisals, actions or letters or someone
    /// joined or left in the month: the last twelve months' appraisals counted, letters with
    /// their status, the month's 增减名册 and the findings ([`crate::year::YearSection`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_processes: Option<crate::year::YearSection>,
    /// The agenda (待办与提醒) of the report date: what is overdue and what falls due within
    /// 31 days, each with its rule code ([`crate::agenda::Agenda`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<crate::agenda::AgendaItem>,
}

pub use practices::{PracticeSection, IDLE_MONTHS};

/// Why a report could not be built.
///
/// # Examples
///
/// ```
/// use dangjian::report::{MonthlyReport, ReportError, ReportOptions};
/// let ds = dangjian::io::Dataset::sample_small();
/// let err = MonthlyReport::build(&ds, 2026, 13, &ReportOptions::default()).unwrap_err();
/// assert!(matches!(err, ReportError::BadMonth { year: 2026, month: 13 }));
/// assert!(err.to_string().starts_with("报告月份 2026-13 无效"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The month is not a real month, or lies outside the years 1900 to 2199.
    #[error("报告月份 {year}-{month:02} 无效或超出 1900—2199 年（report month {year}-{month:02} is not a valid month in the years 1900 to 2199）")]
    BadMonth {
        /// Year given.
        year: i32,
        /// Month given.
        month: u32,
    },
    /// The dataset is invalid.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The activities or the rule set are invalid.
    #[error(transparent)]
    Scoring(#[from] ScoringError),
    /// The posts, claims or service records are invalid.
    #[error(transparent)]
    Post(#[from] PostError),
    /// The dues or meeting records are invalid.
    #[error(transparent)]
    Compliance(#[from] crate::compliance::ComplianceError),
    /// A statistics table could not be built.
    #[error(transparent)]
    Stats(#[from] crate::stats::StatsError),
    /// The practice records (pairings, grids, schedules, co-building) are invalid.
    #[error(transparent)]
    Practice(#[from] crate::practice::PracticeError),
    /// The points declarations are invalid.
    #[error(transparent)]
    Declaration(#[from] crate::declaration::DeclarationError),
    /// The appraisals or letters are invalid.
    #[error(transparent)]
    Year(#[from] crate::year::YearError),
}

impl ReportError {
    /// The report's error for an agenda error of the report month (the agenda's own look-ahead
    /// and date errors cannot happen there: they become `bad_month`).
    pub(crate) fn from_agenda(e: crate::agenda::AgendaError, year: i32, month: u32) -> Self {
        use crate::agenda::AgendaError as A;
        match e {
            A::Registry(e) => ReportError::Registry(e),
            A::Compliance(e) => ReportError::Compliance(e),
            A::Year(e) => ReportError::Year(e),
            A::TooManyDays { .. } | A::BadDate { .. } => ReportError::BadMonth { year, month },
        }
    }

    /// A stable machine-readable code for the variant.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{EventRecord, EventType};
    /// use dangjian::report::{MonthlyReport, ReportOptions};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// let mut ds = dangjian::io::Dataset::sample_small();
    /// ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Admitted)); // already a member
    /// let err = MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default()).unwrap_err();
    /// assert_eq!(err.code(), "event_rejected"); // the registry's code, passed through
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::BadMonth { .. } => "bad_month",
            ReportError::Registry(e) => e.code(),
            ReportError::Scoring(e) => e.code(),
            ReportError::Post(e) => e.code(),
            ReportError::Compliance(e) => e.code(),
            ReportError::Stats(e) => e.code(),
            ReportError::Practice(e) => e.code(),
            ReportError::Declaration(e) => e.code(),
            ReportError::Year(e) => e.code(),
        }
    }
}

impl MonthlyReport {
    /// Builds the report of `year`-`month` for a dataset.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let r = MonthlyReport::build(&ds, 2024, 2, &ReportOptions::default())?;
    /// assert_eq!(r.as_of.to_string(), "2024-02-29"); // the last day of the month
    /// assert_eq!(r.orgs[0].members, 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(
        ds: &Dataset,
        year: i32,
        month: u32,
        options: &ReportOptions,
    ) -> Result<MonthlyReport, ReportError> {
        MonthlyReport::build_with(ds, &ds.to_registry()?, year, month, options)
    }

    /// [`MonthlyReport::build`] with the registry already built from `ds` (to reuse it, e.g.
    /// for [`ReportTables`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
    /// let ds = dangjian::io::Dataset::sample_small();
    /// let reg = ds.to_registry()?; // built once, used twice
    /// let r = MonthlyReport::build_with(&ds, &reg, 2024, 3, &ReportOptions::default())?;
    /// let tables = ReportTables::build(&ds, &reg, &r)?;
    /// assert_eq!(r, MonthlyReport::build(&ds, 2024, 3, &ReportOptions::default())?);
    /// assert!(!tables.tables().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build_with(
        ds: &Dataset,
        reg: &crate::registry::Registry,
        year: i32,
        month: u32,
        options: &ReportOptions,
    ) -> Result<MonthlyReport, ReportError> {
        let (first, last) =
            month_bounds(year, month).ok_or(ReportError::BadMonth { year, month })?;
        let tree = reg.tree();
        let now = reg.counts_on(last).rolled_up(tree);
        let before = first
            .pred_opt()
            .map(|d| reg.counts_on(d).rolled_up(tree))
            .unwrap_or_default();
        let mut depth = vec![0u32; tree.len()];
        let mut orgs = Vec::new();
        for (i, rec) in tree.records().iter().enumerate() {
            let d = tree
                .parent(i as u32)
                .and_then(|p| depth.get(p as usize).copied())
                .map_or(0, |p| p + 1);
            if let Some(slot) = depth.get_mut(i) {
                *slot = d;
            }
            if !rec.is_active(last) || rec.kind == OrgKind::Group {
                continue;
            }
            let members = now.members.get(i).copied().unwrap_or(0);
            let full = now.full.get(i).copied().unwrap_or(0);
            let prev = before.members.get(i).copied().unwrap_or(0);
            orgs.push(OrgLine {
                org: rec.id.to_string(),
                name: rec.name.to_string(),
                kind: rec.kind,
                depth: d,
                members,
                full,
                probationary: members - full,
                change: members as i64 - prev as i64,
            });
        }
        let horizon = last.checked_add_days(chrono::Days::new(31)).unwrap_or(last);
        let pipeline: Vec<PipelineDue> = reg
            .pipeline_with_findings(last)
            .into_iter()
            .filter(|p| p.date <= horizon)
            .collect();
        let jubilee = reg
            .jubilee(last.year())
            .into_iter()
            .filter_map(|(i, date)| {
                let m = reg.member(i)?;
                let name = if options.show_names {
                    m.name.to_string()
                } else {
                    m.name.masked()
                };
                Some(JubileeLine {
                    member: m.id.to_string(),
                    name,
                    date,
                    rule: "jubilee_50_years".into(),
                })
            })
            .collect();
        let activities = ds.scored_activities();
        let scores = if activities.is_empty() {
            None
        } else {
            let scorer = Scorer::new(reg, &activities, Mode::Lenient)?;
            let period = Period::month(year, month).ok_or(ReportError::BadMonth { year, month })?;
            Some(crate::scoring::ScoreReport::build(
                &scorer,
                &options.member_rules,
                period,
                &ds.community.name,
            )?)
        };
        let posts = if ds.posts.is_empty() {
            None
        } else {
            let book = PostBook::from_dataset(ds, reg)?;
            let points: HashMap<crate::member::MemberId, crate::fixed::Fixed> = scores
                .as_ref()
                .map(|s| {
                    s.table
                        .subject
                        .iter()
                        .cloned()
                        .zip(s.table.total.iter().copied())
                        .collect()
                })
                .unwrap_or_default();
            Some(PostSection {
                coverage: book.coverage_on(last),
                feedback: book.feedback(reg, first, last, &points),
            })
        };
        let no_compliance_data =
            ds.dues_profiles.is_empty() && ds.payments.is_empty() && ds.meetings.is_empty();
        let compliance = if no_compliance_data {
            None
        } else {
            let c = crate::compliance::Compliance::from_dataset(ds, reg)?;
            let m = crate::compliance::Month::new(year, month)
                .ok_or(ReportError::BadMonth { year, month })?;
            Some(c.summary(reg, m)?)
        };
        let statistics = StatisticsSection::build(reg, last, scores.as_ref())?;
        let elections = elections::latest_elections(ds, reg, last)?;
        let facts = crate::compliance::election_facts(&ds.elections, reg, last)?;
        let terms = crate::org::terms_on(tree, last, &facts);
        let practices = practices::PracticeSection::build(ds, reg, first, last)?;
        let year_processes = crate::year::YearSection::build(ds, reg, first, last)?;
        let agenda = crate::agenda::Agenda::build(ds, reg, last, 31)
            .map_err(|e| ReportError::from_agenda(e, year, month))?
            .items();
        Ok(MonthlyReport {
            community: ds.community.name.clone(),
            year,
            month,
            as_of: last,
            orgs,
            flows: reg.flows(first, last),
            findings: reg.structure_findings_with(last, &options.structure, &facts),
            pipeline,
            jubilee,
            scores,
            posts,
            compliance,
            statistics,
            elections,
            terms,
            practices,
            year_processes,
            agenda,
        })
    }
}
