//! A person's state on a date ([`MemberState`]), derived by replaying their events ([`replay`]).
//!
//! ```
//! use dangjian::member::Stage;
//! let reg = dangjian::Registry::sample_small();
//! let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
//! // M2: applied 2020-06-01, activist, candidate, admitted 2023-03-01.
//! assert_eq!(reg.state("M2", d("2020-05-31")?)?.stage, Stage::Outsider);
//! assert_eq!(reg.state("M2", d("2021-01-01")?)?.stage, Stage::Activist);
//! let s = reg.state("M2", d("2023-06-30")?)?;
//! assert_eq!((s.stage, s.probation_due), (Stage::Probationary, Some(d("2024-03-01")?)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Months, NaiveDate};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{
    Category, DisciplineKind, DisciplineRecord, Event, EventKind, LifecycleRules, MemberRecord,
    MemberRule, MembershipStatus, RuleViolation, MAX_OBSERVATION_MONTHS, OBSERVATION_YEAR_MONTHS,
};
use crate::org::{OrgIdx, OrgKind, OrgTree};

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
/// Where a person stands in the party on a date.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::Stage;
/// let on = d(2023, 6, 30)?;
/// let stages: Vec<Stage> = ["M1", "M2"].iter().map(|id| reg.state(id, on).map(|s| s.stage)).collect::<Result<_, _>>()?;
/// assert_eq!(stages, [Stage::Full, Stage::Probationary]);
/// assert!(Stage::Candidate < Stage::Probationary); // stages order along the pipeline
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// On the roster, with no event yet on or before the date.
    #[default]
    Outsider,
    /// 入党申请人
    Applicant,
    /// 入党积极分子
    Activist,
    /// 发展对象
    Candidate,
    /// 预备党员
    Probationary,
    /// 正式党员
    Full,
    /// No longer in this community's organization (see [`ExitReason`]).
    Exited,
}

impl Stage {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Stage;
    /// assert_eq!(Stage::Activist.label(), "入党积极分子");
    /// assert_eq!(Stage::Probationary.label(), "预备党员");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Stage::Outsider => "未登记",
            Stage::Applicant => "入党申请人",
            Stage::Activist => "入党积极分子",
            Stage::Candidate => "发展对象",
            Stage::Probationary => "预备党员",
            Stage::Full => "正式党员",
            Stage::Exited => "已减少",
        }
    }
}

/// Why a person left this community's organization.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{EventRecord, EventType, ExitReason, Stage};
/// reg.apply(vec![EventRecord::new("M4", d(2026, 2, 1)?, EventType::TransferredOut).place("区机关工委")])?;
/// let s = reg.state("M4", d(2026, 2, 1)?)?;
/// assert_eq!((s.stage, s.exit), (Stage::Exited, Some(ExitReason::TransferredOut)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    /// 组织关系转出 (may re-enter by transfer in).
    TransferredOut,
    /// 去世 (final).
    Died,
    /// 开除党籍.
    Expelled,
    /// 除名.
    Removed,
    /// 自行脱党 (党章 art. 9).
    Withdrew,
    /// 取消预备党员资格.
    ProbationCancelled,
}

impl ExitReason {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::ExitReason;
    /// assert_eq!(ExitReason::TransferredOut.label(), "转出");
    /// assert_eq!(ExitReason::ProbationCancelled.label(), "取消预备资格");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ExitReason::TransferredOut => "转出",
            ExitReason::Died => "去世",
            ExitReason::Expelled => "开除党籍",
            ExitReason::Removed => "除名",
            ExitReason::Withdrew => "自行脱党",
            ExitReason::ProbationCancelled => "取消预备资格",
        }
    }
}

/// A person's state on a date, derived by replaying their events up to it.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// let s = reg.state("M1", d(2026, 10, 31)?)?;
/// assert!(s.is_member());
/// assert_eq!(s.branch, reg.tree().index("B1"));
/// assert_eq!(s.converted_on, Some(d(1976, 5, 1)?));
/// assert_eq!(s.standing_years(d(2026, 10, 31)?), Some(50)); // 光荣在党50年
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberState {
    /// Stage.
    pub stage: Stage,
    /// Why they left, when `stage` is `Exited`.
    pub exit: Option<ExitReason>,
    /// Branch (for members and the pipeline); the last branch after an exit.
    pub branch: Option<OrgIdx>,
    /// Group (党小组) inside the branch, if assigned.
    pub group: Option<OrgIdx>,
    /// Current category.
    pub category: Category,
    /// Home unit of an in-service member.
    pub home_unit: Option<CompactString>,
    /// Away from the community (流出).
    pub floating: bool,
    /// Lost contact (失联).
    pub lost_contact: bool,
    /// Date of the application.
    pub applied_on: Option<NaiveDate>,
    /// Date the branch talked with the applicant.
    pub talked_on: Option<NaiveDate>,
    /// Date named activist.
    pub activist_on: Option<NaiveDate>,
    /// Date named candidate.
    pub candidate_on: Option<NaiveDate>,
    /// Date admitted as probationary member (入党时间).
    pub admitted_on: Option<NaiveDate>,
    /// Conversion date (转正时间): the day probation ended (admission + one year, plus any
    /// extension), even when the branch meeting converting the member was held later; party
    /// standing (党龄) counts from here (党章 art. 7; 发展细则 art. 32).
    pub converted_on: Option<NaiveDate>,
    /// The day probation ends (conversion is allowed from this day).
    pub probation_due: Option<NaiveDate>,
    /// Whether probation has been extended.
    pub extended: bool,
    /// Date of the last event applied.
    pub last_event: Option<NaiveDate>,
    /// Development steps recorded (发展细则 2014), see [`DevelopmentSteps`].
    pub steps: DevelopmentSteps,
    // --- Discipline and rights (see `member::discipline`) ---
    /// The latest 党纪处分 (警告, 严重警告, 撤销党内职务, 留党察看).
    pub discipline: Option<DisciplineRecord>,
    /// The latest 留党察看: its first day and the day it is complete (extension included).
    pub observation: Option<(NaiveDate, NaiveDate)>,
    /// 停止党员权利 since this day, until restored.
    pub rights_suspended_on: Option<NaiveDate>,
}

/// The development steps recorded for a person (发展细则 2014): the activist's training, the
/// candidate's concentrated training, political review, pre-examination and public notice.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{EventRecord, EventType, Gender, MemberRecord};
/// reg.add_members(vec![MemberRecord::new("M5", "周敏", Gender::Female, d(1998, 4, 2)?)?])?;
/// reg.apply(vec![
///     EventRecord::new("M5", d(2025, 3, 1)?, EventType::Applied).branch("B2"),
///     EventRecord::new("M5", d(2025, 3, 20)?, EventType::Talked),
///     EventRecord::new("M5", d(2025, 6, 1)?, EventType::Activist),
///     EventRecord::new("M5", d(2025, 9, 15)?, EventType::ActivistTrained),
/// ])?;
/// let steps = reg.state("M5", d(2026, 1, 1)?)?.steps;
/// assert_eq!(steps.activist_trained_on, Some(d(2025, 9, 15)?));
/// assert_eq!((steps.training_days, steps.political_review_on), (0, None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DevelopmentSteps {
    /// Day of the activist's training (the latest).
    pub activist_trained_on: Option<NaiveDate>,
    /// Day of the candidate's concentrated training (the latest).
    pub candidate_trained_on: Option<NaiveDate>,
    /// Longest training recorded, in days.
    pub training_days: u8,
    /// Longest training recorded, in class hours.
    pub training_hours: u16,
    /// Day the political review concluded.
    pub political_review_on: Option<NaiveDate>,
    /// Day of the higher committee's pre-examination.
    pub pre_examined_on: Option<NaiveDate>,
    /// First and last day of the (latest) public notice.
    pub publicized: Option<(NaiveDate, NaiveDate)>,
}

impl MemberState {
    /// The initial state of a person on the roster.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{Category, Gender, MemberRecord, MemberState, Stage};
    /// let mut m = MemberRecord::new("M5", "周敏", Gender::Female, "1998-04-02".parse()?)?;
    /// m.category = Category::Student;
    /// let s = MemberState::initial(&m);
    /// assert_eq!((s.stage, s.category, s.branch), (Stage::Outsider, Category::Student, None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn initial(record: &MemberRecord) -> Self {
        MemberState {
            category: record.category,
            home_unit: record.home_unit.clone(),
            ..MemberState::default()
        }
    }

    /// Probationary or full member of this community.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// assert!(reg.state("M2", d(2023, 3, 1)?)?.is_member()); // probationary counts
    /// assert!(!reg.state("M2", d(2023, 2, 28)?)?.is_member()); // still a candidate
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_member(&self) -> bool {
        matches!(self.stage, Stage::Probationary | Stage::Full)
    }

    /// In the development pipeline (applicant, activist or candidate).
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// assert!(reg.state("M2", d(2022, 1, 1)?)?.in_pipeline()); // a candidate
    /// assert!(!reg.state("M2", d(2023, 3, 1)?)?.in_pipeline()); // admitted
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_pipeline(&self) -> bool {
        matches!(
            self.stage,
            Stage::Applicant | Stage::Activist | Stage::Candidate
        )
    }

    /// Whole years of party standing (党龄) on `date`, counted from conversion (党章 art. 7).
    ///
    /// ```
    /// use dangjian::member::MemberState;
    /// let s = MemberState { converted_on: "1976-07-01".parse().ok(), ..Default::default() };
    /// assert_eq!(s.standing_years("2026-06-30".parse().unwrap()), Some(49));
    /// assert_eq!(s.standing_years("2026-07-01".parse().unwrap()), Some(50));
    /// ```
    pub fn standing_years(&self, date: NaiveDate) -> Option<u32> {
        self.converted_on.and_then(|c| date.years_since(c))
    }

    /// Under 留党察看 on `date`: from the decision up to the day before the period is complete
    /// (党章 art. 41; 纪律处分条例). Meaningful for a state replayed up to `date` or later.
    ///
    /// # Examples
    ///
    /// ```
    /// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    /// # let mut reg = dangjian::Registry::sample_small();
    /// use dangjian::member::{DisciplineKind, EventRecord, EventType};
    /// let e = EventRecord::new("M1", d(2025, 3, 1)?, EventType::Disciplined)
    ///     .discipline(DisciplineKind::ProbationInParty, Some(d(2026, 3, 1)?));
    /// reg.apply(vec![e])?;
    /// let s = reg.state("M1", d(2026, 10, 31)?)?;
    /// assert!(s.under_observation(d(2026, 2, 28)?) && !s.has_voting_rights(d(2026, 2, 28)?));
    /// assert!(!s.under_observation(d(2026, 3, 1)?)); // complete on its anniversary
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn under_observation(&self, date: NaiveDate) -> bool {
        self.observation
            .is_some_and(|(from, until)| from <= date && date < until)
    }

    /// Whether the member has the right to vote, to elect and to be elected on `date`: a full
    /// member, not under 留党察看, rights not suspended (党章 art. 7 and art. 41).
    ///
    /// ```
    /// use dangjian::member::{MemberState, Stage};
    /// let d = |s: &str| s.parse().unwrap();
    /// let mut s = MemberState { stage: Stage::Full, ..Default::default() };
    /// assert!(s.has_voting_rights(d("2026-01-01")));
    /// s.rights_suspended_on = Some(d("2025-12-01"));
    /// assert!(!s.has_voting_rights(d("2026-01-01")));
    /// ```
    pub fn has_voting_rights(&self, date: NaiveDate) -> bool {
        self.stage == Stage::Full
            && !self.under_observation(date)
            && self.rights_suspended_on.is_none()
    }
}

/// What [`replay`] needs besides the events: the organization tree, the person's record and
/// the rule numbers.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{replay, ReplayContext, Stage};
/// let m2 = reg.member_index("M2").ok_or("no M2")?;
/// let ctx = ReplayContext { tree: reg.tree(), record: reg.member(m2).ok_or("no record")?, rules: reg.rules() };
/// let s = replay(reg.events_of(m2), ctx, Some(d(2022, 1, 1)?)).map_err(|(_, v)| v)?;
/// assert_eq!(s.stage, Stage::Candidate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ReplayContext<'a> {
    /// Organization tree.
    pub tree: &'a OrgTree,
    /// The person's record.
    pub record: &'a MemberRecord,
    /// Lifecycle rule numbers.
    pub rules: &'a LifecycleRules,
}

/// The current charter (党章, 12th Congress, adopted 1982-09-06) sets a probation of one year
/// without exception; earlier charters did not always (1969 and 1973 had none, 1945 varied
/// by class), so the check of historical dates starts here.
///
/// # Examples
///
/// ```
/// use dangjian::member::{probation_too_short, PROBATION_RULE_SINCE};
/// assert_eq!(PROBATION_RULE_SINCE.to_string(), "1982-09-06");
/// let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>();
/// // Admitted before it: no probation is checked; from it on, a year.
/// assert!(!probation_too_short(d("1982-09-05")?, d("1983-01-01")?, 12));
/// assert!(probation_too_short(PROBATION_RULE_SINCE, d("1983-01-01")?, 12));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const PROBATION_RULE_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(1982, 9, 6) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Whether a conversion on `converted` after an admission on `admitted` (on or after
/// [`PROBATION_RULE_SINCE`]) comes before a probation of `months` months ends (党章 art. 7).
///
/// ```
/// use dangjian::member::probation_too_short;
/// let d = |s: &str| s.parse().unwrap();
/// assert!(probation_too_short(d("2020-03-01"), d("2021-02-28"), 12));
/// assert!(!probation_too_short(d("2020-03-01"), d("2021-03-01"), 12));
/// assert!(!probation_too_short(d("1970-03-01"), d("1970-03-01"), 12)); // 1969 charter: none
/// ```
pub fn probation_too_short(admitted: NaiveDate, converted: NaiveDate, months: u32) -> bool {
    admitted >= PROBATION_RULE_SINCE && converted < add_months(admitted, months)
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

/// Replays `events` (sorted by date; equal dates keep their order) up to and including `until`
/// (all of them when `None`), checking every rule. On a broken rule returns the position of the
/// event in `events` and the violation.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// # let mut reg = dangjian::Registry::sample_small();
/// use dangjian::member::{replay, Event, EventRecord, EventType, MemberRule, ReplayContext};
/// let m2 = reg.member_index("M2").ok_or("no M2")?;
/// let ctx = ReplayContext { tree: reg.tree(), record: reg.member(m2).ok_or("no record")?, rules: reg.rules() };
/// // M2's history plus a conversion three months too early.
/// let mut events = reg.events_of(m2).to_vec();
/// events.push(Event::from_record(&EventRecord::new("M2", d(2023, 12, 1)?, EventType::Converted), reg.tree())?);
/// let (position, violation) = replay(&events, ctx, None).unwrap_err();
/// assert_eq!((position, violation.rule), (4, MemberRule::ProbationNotOver));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn replay(
    events: &[Event],
    ctx: ReplayContext<'_>,
    until: Option<NaiveDate>,
) -> Result<MemberState, (usize, RuleViolation)> {
    let mut state = MemberState::initial(ctx.record);
    for (i, ev) in events.iter().enumerate() {
        if until.is_some_and(|u| ev.date > u) {
            break;
        }
        step(&mut state, ev, ctx).map_err(|v| (i, v))?;
    }
    Ok(state)
}

fn violation(rule: MemberRule, reason: String) -> Result<(), RuleViolation> {
    Err(RuleViolation::new(rule, reason))
}

fn check_branch(tree: &OrgTree, b: OrgIdx, date: NaiveDate) -> Result<(), RuleViolation> {
    let rec = tree.get(b).ok_or_else(|| {
        RuleViolation::new(
            MemberRule::UnknownOrganization,
            format!("组织 #{b} 不存在 / organization #{b} does not exist"),
        )
    })?;
    if rec.kind != OrgKind::Branch {
        return violation(
            MemberRule::WrongOrganizationKind,
            format!(
                "「{}」是{}，党员只能编入党支部 / `{}` is a {}, members belong to branches (党支部)",
                rec.id,
                rec.kind.label(),
                rec.id,
                rec.kind
            ),
        );
    }
    if !rec.is_active(date) {
        return violation(
            MemberRule::OrganizationInactive,
            format!(
                "党支部「{}」在 {date} 不存在 / branch `{}` does not exist on {date}",
                rec.id, rec.id
            ),
        );
    }
    Ok(())
}

fn need_stage(state: &MemberState, ok: &[Stage], what: &str) -> Result<(), RuleViolation> {
    if ok.contains(&state.stage) {
        return Ok(());
    }
    let (what_zh, what_en) = what.split_once(" / ").unwrap_or((what, what));
    let ok_zh: Vec<&str> = ok.iter().map(|s| s.label()).collect();
    violation(
        MemberRule::WrongStage,
        format!(
            "{what_zh}须为{}，此人现为{} / {what_en} needs stage {:?}, but the person is {:?}",
            ok_zh.join("或"),
            state.stage.label(),
            ok,
            state.stage
        ),
    )
}

/// Applies one event to `state`, checking the rules. On error `state` may be partly changed;
/// callers replay from a saved state.
pub(crate) fn step(
    state: &mut MemberState,
    ev: &Event,
    ctx: ReplayContext<'_>,
) -> Result<(), RuleViolation> {
    let date = ev.date;
    let rules = ctx.rules;
    if date < ctx.record.birth_date {
        return violation(
            MemberRule::BeforeBirth,
            format!("事件日期 {date} 早于出生日期 / dated {date}, before the birth date"),
        );
    }
    if state.stage == Stage::Exited {
        let reentry = matches!(ev.kind, EventKind::TransferredIn { .. });
        if state.exit == Some(ExitReason::Expelled) {
            // 开除党籍是党内的最高处分 (党章 art. 41): final in this log.
            return violation(
                MemberRule::AfterTerminal,
                format!(
                    "已于 {} 开除党籍，其后不得再有任何事件 / expelled on {}; nothing may follow",
                    state.last_event.map(|d| d.to_string()).unwrap_or_default(),
                    state.last_event.map(|d| d.to_string()).unwrap_or_default()
                ),
            );
        }
        if !reentry || state.exit == Some(ExitReason::Died) {
            return violation(MemberRule::AfterTerminal, {
                let left = state.last_event.map(|d| d.to_string()).unwrap_or_default();
                let why = state.exit.map(|e| e.label()).unwrap_or("");
                format!("此人已于 {left}（{why}）减少，其后只能登记转入，去世后不得再有事件 / the person left on {left} ({why}); only a transfer in may follow, and nothing after death")
            });
        }
    }
    let members = [Stage::Probationary, Stage::Full];
    match &ev.kind {
        EventKind::Applied { branch } => {
            need_stage(state, &[Stage::Outsider], "申请入党 / applying")?;
            let age = ctx.record.age_on(date);
            if age < rules.min_age {
                return violation(
                    MemberRule::UnderAge,
                    format!(
                        "{date} 时年仅 {age} 岁，申请入党须年满 {} 岁（党章第一条） / aged {age} on {date}; an applicant must be at least {}",
                        rules.min_age,
                        rules.min_age
                    ),
                );
            }
            check_branch(ctx.tree, *branch, date)?;
            state.stage = Stage::Applicant;
            state.branch = Some(*branch);
            state.applied_on = Some(date);
        }
        EventKind::Talked => {
            need_stage(
                state,
                &[Stage::Applicant],
                "入党谈话 / the application talk",
            )?;
            if state.talked_on.is_some() {
                return violation(
                    MemberRule::NoChange,
                    "谈话已登记过 / the talk is already recorded".into(),
                );
            }
            state.talked_on = Some(date);
        }
        EventKind::Activist => {
            need_stage(
                state,
                &[Stage::Applicant],
                "列为入党积极分子 / becoming an activist",
            )?;
            state.stage = Stage::Activist;
            state.activist_on = Some(date);
        }
        EventKind::Candidate => {
            need_stage(
                state,
                &[Stage::Activist],
                "列为发展对象 / becoming a candidate",
            )?;
            if let Some(a) = state.activist_on {
                let earliest = add_months(a, rules.activist_months);
                if date < earliest {
                    return violation(MemberRule::ActivistTooShort, format!("{a} 列为入党积极分子，经过 {} 个月培养教育后（{earliest} 起）才能列为发展对象 / activist since {a}; candidate not before {earliest} ({} months of training)", rules.activist_months, rules.activist_months));
                }
            }
            state.stage = Stage::Candidate;
            state.candidate_on = Some(date);
        }
        EventKind::Admitted { branch } => {
            need_stage(state, &[Stage::Candidate], "接收为预备党员 / admission")?;
            let age = ctx.record.age_on(date);
            if age < rules.min_age {
                return violation(
                    MemberRule::UnderAge,
                    format!(
                        "{date} 时年仅 {age} 岁，入党须年满 {} 岁（党章第一条） / aged {age} on {date}; a member must be at least {}",
                        rules.min_age,
                        rules.min_age
                    ),
                );
            }
            let b = branch.or(state.branch).ok_or_else(|| {
                RuleViolation::new(
                    MemberRule::MissingField,
                    "须填写 `branch`（党支部）：此人尚无所在支部 / field `branch` is required: the person has no branch".into(),
                )
            })?;
            check_branch(ctx.tree, b, date)?;
            if state.branch != Some(b) {
                state.group = None;
            }
            state.stage = Stage::Probationary;
            state.branch = Some(b);
            state.admitted_on = Some(date);
            state.probation_due = Some(add_months(date, rules.probation_months));
            state.extended = false;
        }
        EventKind::ProbationExtended { months } => {
            need_stage(
                state,
                &[Stage::Probationary],
                "延长预备期 / extending probation",
            )?;
            if state.extended {
                return violation(
                    MemberRule::BadExtension,
                    "预备期已延长过一次，不能再延长 / probation has already been extended once"
                        .into(),
                );
            }
            if *months < rules.min_extension_months || *months > rules.max_extension_months {
                return violation(
                    MemberRule::BadExtension,
                    format!(
                        "延长预备期 {months} 个月；只能延长 {} 至 {} 个月 / extension of {months} months; allowed {} to {}",
                        rules.min_extension_months,
                        rules.max_extension_months,
                        rules.min_extension_months,
                        rules.max_extension_months
                    ),
                );
            }
            if let Some(due) = state.probation_due {
                if date > due {
                    return violation(
                        MemberRule::BadExtension,
                        format!("{date} 决定延长，但预备期已于 {due} 期满 / decided on {date}, after probation ended on {due}"),
                    );
                }
                state.probation_due = Some(add_months(due, u32::from(*months)));
            }
            state.extended = true;
        }
        EventKind::Converted => {
            need_stage(state, &[Stage::Probationary], "转为正式党员 / conversion")?;
            if let Some(due) = state.probation_due {
                if date < due {
                    return violation(
                        MemberRule::ProbationNotOver,
                        format!("{date} 转正，但预备期到 {due} 才满 / converted on {date}, but probation ends on {due}"),
                    );
                }
            }
            state.stage = Stage::Full;
            // Standing counts from the end of probation, not from the meeting (党章 art. 7;
            // 发展细则 art. 32).
            state.converted_on = Some(state.probation_due.unwrap_or(date));
        }
        EventKind::ProbationCancelled => {
            need_stage(
                state,
                &[Stage::Probationary],
                "取消预备党员资格 / cancelling probation",
            )?;
            exit(state, ExitReason::ProbationCancelled);
        }
        EventKind::TransferredIn {
            branch,
            status,
            admitted_on,
            converted_on,
            ..
        }
        | EventKind::Registered {
            branch,
            status,
            admitted_on,
            converted_on,
            ..
        } => {
            // 初始登记 registers a person the records never held; a re-entry is a transfer in.
            if matches!(ev.kind, EventKind::Registered { .. }) {
                need_stage(state, &[Stage::Outsider], "初始登记 / initial registration")?;
            }
            need_stage(
                state,
                &[
                    Stage::Outsider,
                    Stage::Exited,
                    Stage::Applicant,
                    Stage::Activist,
                    Stage::Candidate,
                ],
                "转入 / transfer in",
            )?;
            if state.in_pipeline() {
                return violation(
                    MemberRule::WrongStage,
                    "发展对象等入党过程中的人应登记为接收预备党员，而不是转入 / a person in the development pipeline is admitted, not transferred in".into(),
                );
            }
            check_branch(ctx.tree, *branch, date)?;
            if let Some(a) = admitted_on {
                if *a > date || *a < ctx.record.birth_date {
                    return violation(MemberRule::InconsistentDates, format!("入党时间 {a} 应在出生日期与转入日期 {date} 之间 / admitted_on {a} must lie between the birth date and the transfer date {date}"));
                }
                let age = ctx.record.age_on(*a);
                if age < rules.min_age {
                    return violation(
                        MemberRule::UnderAge,
                        format!(
                            "入党时间 {a} 时年仅 {age} 岁，入党须年满 {} 岁（党章第一条） / aged {age} on admitted_on {a}; a member must be at least {}",
                            rules.min_age, rules.min_age
                        ),
                    );
                }
            }
            if let Some(c) = converted_on {
                if *c > date || admitted_on.is_some_and(|a| *c < a) {
                    return violation(MemberRule::InconsistentDates, format!("转正时间 {c} 应在入党时间与转入日期 {date} 之间 / converted_on {c} must lie between admitted_on and the transfer date {date}"));
                }
                if *status == MembershipStatus::Probationary {
                    return violation(
                        MemberRule::InconsistentDates,
                        "预备党员没有转正时间 / a probationary member has no converted_on".into(),
                    );
                }
                if let Some(a) = admitted_on {
                    if probation_too_short(*a, *c, rules.probation_months) {
                        return violation(
                            MemberRule::ProbationNotOver,
                            format!("转正时间 {c} 早于预备期满：自入党 {a} 起预备期为 {} 个月 / converted_on {c} is before the probation of {} months from admitted_on {a} ends", rules.probation_months, rules.probation_months),
                        );
                    }
                    if !conversion_at_probation_end(*a, *c, rules) {
                        let due = add_months(*a, rules.probation_months);
                        return violation(
                            MemberRule::ConversionNotAtProbationEnd,
                            format!(
                                "转正时间 {c} 不是预备期满之日：入党 {a} 的预备期满于 {due}，或延长{}至{}个月后期满；党龄从预备期满之日算起（党章第七条） / converted_on {c} is not the end of a probation from admitted_on {a} ({due}, or {}-{} months later after an extension)",
                                rules.min_extension_months,
                                rules.max_extension_months,
                                rules.min_extension_months,
                                rules.max_extension_months
                            ),
                        );
                    }
                }
            }
            state.stage = if *status == MembershipStatus::Full {
                Stage::Full
            } else {
                Stage::Probationary
            };
            state.exit = None;
            state.branch = Some(*branch);
            state.group = None;
            state.floating = false;
            state.lost_contact = false;
            state.admitted_on = *admitted_on;
            state.converted_on = *converted_on;
            state.extended = false;
            state.probation_due = match status {
                MembershipStatus::Probationary => {
                    admitted_on.map(|a| add_months(a, rules.probation_months))
                }
                MembershipStatus::Full => None,
            };
        }
        EventKind::TransferredOut { .. } => {
            need_stage(state, &members, "转出 / transfer out")?;
            exit(state, ExitReason::TransferredOut);
        }
        EventKind::Moved { branch } => {
            need_stage(state, &members, "调整支部 / moving branch")?;
            check_branch(ctx.tree, *branch, date)?;
            if state.branch == Some(*branch) {
                return violation(
                    MemberRule::NoChange,
                    "已在该支部 / already in that branch".into(),
                );
            }
            state.branch = Some(*branch);
            state.group = None;
        }
        EventKind::GroupAssigned { group } => {
            need_stage(state, &members, "编入党小组 / group assignment")?;
            if let Some(g) = group {
                let rec = ctx.tree.get(*g).ok_or_else(|| {
                    RuleViolation::new(
                        MemberRule::UnknownOrganization,
                        format!("组织 #{g} 不存在 / organization #{g} does not exist"),
                    )
                })?;
                if rec.kind != OrgKind::Group || ctx.tree.parent(*g) != state.branch {
                    return violation(
                        MemberRule::WrongOrganizationKind,
                        format!(
                            "「{}」不是此人所在支部的党小组 / `{}` is not a group (党小组) of the member's branch",
                            rec.id,
                            rec.id
                        ),
                    );
                }
                if !rec.is_active(date) {
                    return violation(
                        MemberRule::OrganizationInactive,
                        format!(
                            "党小组「{}」在 {date} 不存在 / group `{}` does not exist on {date}",
                            rec.id, rec.id
                        ),
                    );
                }
            }
            if state.group == *group {
                return violation(
                    MemberRule::NoChange,
                    "已在该党小组 / already in that group".into(),
                );
            }
            state.group = *group;
        }
        EventKind::FloatedOut { .. } => {
            need_stage(state, &members, "外出流动 / floating out")?;
            if state.floating {
                return violation(
                    MemberRule::NoChange,
                    "已是流动党员 / already floating".into(),
                );
            }
            state.floating = true;
        }
        EventKind::Returned => {
            need_stage(state, &members, "流动返回 / returning")?;
            if !state.floating {
                return violation(MemberRule::NoChange, "不是流动党员 / not floating".into());
            }
            state.floating = false;
        }
        EventKind::LostContact => {
            need_stage(state, &members, "失去联系 / losing contact")?;
            if state.lost_contact {
                return violation(
                    MemberRule::NoChange,
                    "已失去联系 / contact already lost".into(),
                );
            }
            state.lost_contact = true;
        }
        EventKind::Found => {
            need_stage(state, &members, "恢复联系 / restoring contact")?;
            if !state.lost_contact {
                return violation(
                    MemberRule::NoChange,
                    "未失去联系 / contact was not lost".into(),
                );
            }
            state.lost_contact = false;
        }
        EventKind::CategoryChanged {
            category,
            home_unit,
        } => {
            if state.stage == Stage::Outsider {
                return violation(
                    MemberRule::WrongStage,
                    "人员类别变更只适用于党员或入党过程中的人 / a category change needs a member or a person in the pipeline".into(),
                );
            }
            if state.category == *category && state.home_unit == *home_unit {
                return violation(
                    MemberRule::NoChange,
                    "人员类别和单位都没有变化 / category and home unit unchanged".into(),
                );
            }
            state.category = *category;
            state.home_unit = home_unit.clone();
        }
        EventKind::Died => {
            need_stage(
                state,
                &[
                    Stage::Applicant,
                    Stage::Activist,
                    Stage::Candidate,
                    Stage::Probationary,
                    Stage::Full,
                ],
                "去世 / death",
            )?;
            exit(state, ExitReason::Died);
        }
        EventKind::Expelled => {
            need_stage(state, &members, "开除党籍 / expulsion")?;
            exit(state, ExitReason::Expelled);
        }
        EventKind::Removed => {
            need_stage(state, &members, "除名 / removal")?;
            exit(state, ExitReason::Removed);
        }
        EventKind::Withdrew => {
            need_stage(state, &members, "自行脱党 / withdrawal")?;
            exit(state, ExitReason::Withdrew);
        }
        EventKind::ActivistTrained => {
            need_stage(
                state,
                &[Stage::Activist],
                "积极分子培养 / the activist's training",
            )?;
            state.steps.activist_trained_on = Some(date);
        }
        EventKind::CandidateTrained { days, hours } => {
            need_stage(
                state,
                &[Stage::Candidate],
                "发展对象培训 / the candidate's training",
            )?;
            let s = &mut state.steps;
            s.candidate_trained_on = Some(date);
            s.training_days = s.training_days.max(days.unwrap_or(0));
            s.training_hours = s.training_hours.max(hours.unwrap_or(0));
        }
        EventKind::PoliticalReview => {
            need_stage(state, &[Stage::Candidate], "政治审查 / political review")?;
            state.steps.political_review_on = Some(date);
        }
        EventKind::PreExamined => {
            need_stage(state, &[Stage::Candidate], "预审 / pre-examination")?;
            state.steps.pre_examined_on = Some(date);
        }
        EventKind::Publicized { until } => {
            need_stage(state, &[Stage::Candidate], "公示 / public notice")?;
            state.steps.publicized = Some((date, *until));
        }
        EventKind::Disciplined { discipline, until } => {
            discipline_step(state, date, *discipline, *until)?
        }
        EventKind::RightsSuspended => {
            need_stage(state, &members, "停止党员权利 / suspending rights")?;
            if let Some(since) = state.rights_suspended_on {
                return violation(
                    MemberRule::NoChange,
                    format!("党员权利已于 {since} 停止 / rights already suspended since {since}"),
                );
            }
            state.rights_suspended_on = Some(date);
        }
        EventKind::RightsRestored => {
            need_stage(state, &members, "恢复党员权利 / restoring rights")?;
            if state.rights_suspended_on.is_none() {
                return violation(
                    MemberRule::NoChange,
                    "党员权利未被停止 / rights are not suspended".into(),
                );
            }
            state.rights_suspended_on = None;
        }
    }
    state.last_event = Some(date);
    Ok(())
}

/// Whether `converted` is the end of a probation from `admitted`: one year, or one year plus one
/// extension of 6–12 months (党章 art. 7; 发展细则 art. 32). Admissions before
/// [`PROBATION_RULE_SINCE`] are not checked.
fn conversion_at_probation_end(
    admitted: NaiveDate,
    converted: NaiveDate,
    rules: &LifecycleRules,
) -> bool {
    if admitted < PROBATION_RULE_SINCE {
        return true;
    }
    let due = add_months(admitted, rules.probation_months);
    converted == due
        || (rules.min_extension_months..=rules.max_extension_months)
            .any(|m| converted == add_months(due, u32::from(m)))
}

/// 党纪处分 (党章 art. 41; 纪律处分条例): full members only (a probationary member is criticized,
/// has probation extended or cancelled instead); 留党察看 lasts one or two years from the decision,
/// and a one-year period may be extended once, by a year (to two years from the first decision,
/// decided before that day): never more than two years in all. Rights return on the day a period
/// is complete; an extension decided after that day takes them away again from its date.
fn discipline_step(
    state: &mut MemberState,
    date: NaiveDate,
    kind: DisciplineKind,
    until: Option<NaiveDate>,
) -> Result<(), RuleViolation> {
    if state.stage != Stage::Full {
        return violation(
            MemberRule::BadDiscipline,
            format!(
                "党纪处分只适用于正式党员，此人为{}；预备党员违纪的，批评教育、延长预备期或取消预备党员资格（纪律处分条例） / discipline applies to full members; the person is {:?}",
                state.stage.label(),
                state.stage
            ),
        );
    }
    if kind == DisciplineKind::ProbationInParty {
        let until = until.ok_or_else(|| {
            RuleViolation::new(
                MemberRule::MissingField,
                "留党察看须填写 `until` / field `until` is required".into(),
            )
        })?;
        let one_year = |from: NaiveDate| add_months(from, OBSERVATION_YEAR_MONTHS);
        let two_years = |from: NaiveDate| add_months(from, MAX_OBSERVATION_MONTHS);
        match state.observation {
            // The extension of a one-year period by a year, decided before the extended period
            // would end (纪律处分条例: "期满后仍不符合恢复党员权利条件的，应当延长一年").
            Some((from, end))
                if end == one_year(from) && until == two_years(from) && date < until =>
            {
                state.observation = Some((from, until));
            }
            // Anything else while a period runs.
            Some((from, end)) if date < end => {
                if end != one_year(from) || until != two_years(from) {
                    return violation(
                        MemberRule::BadDiscipline,
                        format!(
                            "留党察看自 {from} 起至 {end} 期满；只能对一年期的留党察看延长一年（至 {}），留党察看最长不超过两年（党章第四十一条） / only a one-year period may be extended, by one year, to {}; given {until}",
                            two_years(from),
                            two_years(from)
                        ),
                    );
                }
                state.observation = Some((from, until));
            }
            _ => {
                if until != one_year(date) && until != two_years(date) {
                    let over = until > two_years(date);
                    return violation(
                        MemberRule::BadDiscipline,
                        format!(
                            "留党察看分为一年、二年{}：{date} 决定的留党察看应于 {} 或 {} 期满，所填为 {until} / probation in the party lasts one or two years{}: expected {} or {}, given {until}",
                            if over { "，最长不超过两年（党章第四十一条）" } else { "" },
                            one_year(date),
                            two_years(date),
                            if over { ", at most two years" } else { "" },
                            one_year(date),
                            two_years(date)
                        ),
                    );
                }
                state.observation = Some((date, until));
            }
        }
    }
    state.discipline = Some(DisciplineRecord {
        kind,
        on: date,
        until: state
            .observation
            .filter(|_| kind == DisciplineKind::ProbationInParty)
            .map(|o| o.1),
    });
    Ok(())
}

fn exit(state: &mut MemberState, reason: ExitReason) {
    state.stage = Stage::Exited;
    state.exit = Some(reason);
    state.group = None;
    state.floating = false;
    state.lost_contact = false;
}
