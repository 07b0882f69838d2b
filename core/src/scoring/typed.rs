//! The typed API: a [`Registry`] and [`ActivityRecord`]s in, columnar [`ScoreTable`]s out,
//! through the bulk kernel.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
//! let acts = [ActivityRecord::new("a1", "M1", "meeting", d)];
//! let t = Scorer::new(&reg, &acts, Mode::Strict)?.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
//! assert_eq!(t.total[t.row_of("M1").unwrap()].to_string(), "62"); // base 60 + one meeting
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::hash::IdMap as HashMap;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::activity::{ActivityRecord, MAX_QUANTITY};
use super::error::{Diagnostic, ScoringError};
use super::kernel::{
    score_compiled, BulkInput, BulkOptions, Columns, Groups, PeriodScores, NO_GROUP,
};
use super::period::{day_number, DayNum};
use super::rules::{CompiledRules, RuleBook, RuleSet, ScoringRules, SubjectKind};
use crate::calendar::Period;
use crate::fixed::Fixed;
use crate::Registry;

/// What to do with an activity that cannot be scored (unknown subject or item, a member who
/// was not a member that day, an ineligible category, a bad quantity or reversal).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
/// let acts = [ActivityRecord::new("a1", "nobody", "meeting", d)];
/// let (rules, march) = (RuleSet::member_default(), "2024-03".parse()?);
/// assert!(Scorer::new(&reg, &acts, Mode::Strict)?.score(&rules, march).is_err());
/// let lenient = Scorer::new(&reg, &acts, Mode::Lenient)?.score(&rules, march)?;
/// assert_eq!(lenient.diagnostics[0].code, "unknown_subject");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Fail on the first such activity (in input order).
    #[default]
    Strict,
    /// Leave it out and report a [`Diagnostic`].
    Lenient,
}

/// The resolved subject of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subj {
    Member(u32),
    Org(u32),
    Unknown,
}

/// The problems of `a` and `b`, each in input order, in input order.
fn merge_by_position(a: Vec<ScoringError>, b: Vec<ScoringError>) -> Vec<ScoringError> {
    if a.is_empty() {
        return b;
    }
    let pos = |e: &ScoringError| e.activity().map_or(0, |(_, p)| p);
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for e in a {
        while let Some(x) = b.next_if(|x| pos(x) < pos(&e)) {
            out.push(x);
        }
        out.push(e);
    }
    out.extend(b);
    out
}

/// One activity accepted for scoring.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Accepted {
    pub(crate) pos: usize,
    pub(crate) subject: u32,
    pub(crate) item: u16,
    pub(crate) day: DayNum,
    pub(crate) qty: i64,
}

/// Scores of one period under one rule set: one row per subject scored (every member who was
/// a member on at least one day of the period, or every organization of the assessed kinds
/// active in it), in roster (or organization pre-order) order.
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse().unwrap();
/// # let acts = [ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05")),
/// #     ActivityRecord::new("a2", "M3", "absent", d("2024-03-19"))];
/// # let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
/// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
/// let m3 = t.row_of("M3").unwrap();
/// assert_eq!((t.total[m3].to_string().as_str(), t.deduction[m3].to_string().as_str()), ("55", "-5"));
/// assert_eq!((t.grade_name(m3), t.rank_overall[m3]), ("不合格", 4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreTable {
    /// Rule set id.
    #[schemars(with = "String")]
    pub rule_set: CompactString,
    /// Rule set version.
    pub rule_version: u32,
    /// The period.
    pub period: Period,
    /// Members or organizations.
    pub subject_kind: SubjectKind,
    /// Names of the grades, best first; `grade` indexes this list.
    #[schemars(with = "Vec<String>")]
    pub grade_names: Vec<CompactString>,
    /// Subject id.
    #[schemars(with = "Vec<String>")]
    pub subject: Vec<CompactString>,
    /// Organization the subject is ranked in: a member's branch on the last day of the period
    /// they were a member; an organization's parent (`None` for a root).
    #[schemars(with = "Vec<Option<String>>")]
    pub org: Vec<Option<CompactString>>,
    /// Total.
    pub total: Vec<Fixed>,
    /// Basic points.
    pub basic: Vec<Fixed>,
    /// Reward points.
    pub reward: Vec<Fixed>,
    /// Deductions (zero or negative).
    pub deduction: Vec<Fixed>,
    /// Veto items' points (zero or negative).
    pub veto: Vec<Fixed>,
    /// Grade index into `grade_names`.
    pub grade: Vec<u8>,
    /// Stars.
    pub stars: Vec<u8>,
    /// A veto event forced the lowest grade.
    pub vetoed: Vec<bool>,
    /// The top-grade quota demoted the subject to the second grade.
    pub demoted: Vec<bool>,
    /// Competition rank in `org`.
    pub rank_in_org: Vec<u32>,
    /// Competition rank overall.
    pub rank_overall: Vec<u32>,
}

impl ScoreTable {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
    /// assert_eq!(t.len(), 4); // every member of the month, with or without activities
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.subject.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let t = scorer.score(&RuleSet::member_default(), "2019-03".parse()?)?.table;
    /// assert!(t.is_empty()); // no one was a member yet
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.subject.is_empty()
    }

    /// Row of `subject`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
    /// assert_eq!(t.row_of("M1").map(|r| t.subject[r].as_str()), Some("M1"));
    /// assert_eq!(t.row_of("nobody"), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn row_of(&self, subject: &str) -> Option<usize> {
        self.subject.iter().position(|s| s == subject)
    }

    /// Grade name of row `r`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
    /// assert_eq!(t.grade_name(0), "基本合格"); // 60 points: the base
    /// assert_eq!(t.grade_name(99), ""); // no such row
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn grade_name(&self, r: usize) -> &str {
        self.grade
            .get(r)
            .and_then(|g| self.grade_names.get(*g as usize))
            .map_or("", |s| s.as_str())
    }

    /// Pretty, deterministic, ASCII-only JSON: the layout of `serde_json::to_string_pretty`,
    /// characters beyond ASCII written as `\uXXXX` escapes (as Python's `json.dumps` does),
    /// written directly.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
    /// let json = t.to_json();
    /// assert!(json.is_ascii() && json.contains("\\u4f18\\u79c0")); // 优秀, escaped
    /// assert_eq!(dangjian::scoring::ScoreTable::from_json(&json)?, t);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        super::score_table_json::write(self)
    }

    /// Parses the JSON of [`ScoreTable::to_json`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::ScoreTable;
    /// # use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// # let t = Scorer::new(&reg, &[], Mode::Strict)?.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
    /// let back = ScoreTable::from_json(&t.to_json())?;
    /// assert_eq!((back.rule_set.as_str(), back.len()), ("member-default", 4));
    /// assert!(ScoreTable::from_json("{}").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<ScoreTable, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// CSV with a header row; grades by name. A failing writer is an error
    /// (`TableError::Csv`), never a shortened text.
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let scorer = dangjian::scoring::Scorer::new(&reg, &[], dangjian::scoring::Mode::Strict).unwrap();
    /// let t = scorer.score(&dangjian::scoring::RuleSet::member_default(), "2024-03".parse().unwrap()).unwrap().table;
    /// assert!(t.to_csv().unwrap().starts_with("period,subject,org,total,"));
    /// ```
    pub fn to_csv(&self) -> Result<String, crate::table::TableError> {
        let err = |e: &dyn std::fmt::Display| crate::table::TableError::Csv {
            table: "scores".into(),
            message: e.to_string(),
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "period",
            "subject",
            "org",
            "total",
            "basic",
            "reward",
            "deduction",
            "veto",
            "grade",
            "stars",
            "vetoed",
            "demoted",
            "rank_in_org",
            "rank_overall",
        ])
        .map_err(|e| err(&e))?;
        let period = self.period.to_string();
        for r in 0..self.len() {
            let f = |c: &Vec<Fixed>| c.get(r).map(|v| v.to_string()).unwrap_or_default();
            w.write_record(
                [
                    period.clone(),
                    self.subject
                        .get(r)
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    self.org
                        .get(r)
                        .and_then(|o| o.as_ref())
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    f(&self.total),
                    f(&self.basic),
                    f(&self.reward),
                    f(&self.deduction),
                    f(&self.veto),
                    self.grade_name(r).to_string(),
                    self.stars.get(r).map(|v| v.to_string()).unwrap_or_default(),
                    self.vetoed
                        .get(r)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    self.demoted
                        .get(r)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    self.rank_in_org
                        .get(r)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    self.rank_overall
                        .get(r)
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                ]
                .map(crate::table::csv_cell),
            )
            .map_err(|e| err(&e))?;
        }
        let bytes = w.into_inner().map_err(|e| err(&e))?;
        String::from_utf8(bytes).map_err(|e| err(&e))
    }
}

/// A score table and the activities left out (lenient mode).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", d), ActivityRecord::new("a2", "M9", "meeting", d)];
/// let scored = Scorer::new(&reg, &acts, Mode::Lenient)?.score(&RuleSet::member_default(), "2024-03".parse()?)?;
/// assert_eq!(scored.table.len(), 4);
/// assert_eq!(scored.diagnostics.len(), 1); // a2: M9 is not on the roster
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Scored {
    /// The scores.
    pub table: ScoreTable,
    /// Activities left out, by input position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Scores activities of a registry's members or organizations. Construction checks the
/// activities once (unique ids, subjects, reversals); each call then scores one rule set.
///
/// Semantics (see `docs/scoring.md`): an activity that reverses another cancels it, and both
/// count for nothing; a reversal never scores itself. Activities addressed to the other kind
/// of subject (an organization's activities under a member rule set) are skipped silently.
/// Activities outside the scored periods are not looked at, so the scores of disjoint periods
/// do not depend on each other (a reversal and its target are checked when either falls in the
/// periods).
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// use dangjian::Registry;
/// let reg = Registry::sample_small();
/// let d = |s: &str| s.parse().unwrap();
/// let acts = vec![
///     ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05")),
///     ActivityRecord::new("a2", "M1", "meeting", d("2024-03-19")),
///     ActivityRecord::new("a3", "M3", "absent", d("2024-03-19")),
/// ];
/// let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
/// let t = scorer.score(&RuleSet::member_default(), "2024-03".parse().unwrap()).unwrap().table;
/// let m1 = t.row_of("M1").unwrap();
/// assert_eq!(t.total[m1].to_string(), "64");
/// assert_eq!(t.total[t.row_of("M3").unwrap()].to_string(), "55");
/// assert_eq!(t.grade_name(t.row_of("M3").unwrap()), "不合格");
/// assert_eq!(t.len(), 4); // M1, M2 (probationary), M3, M4: members with no activity get a row
/// ```
#[derive(Debug, Clone)]
pub struct Scorer<'a> {
    reg: &'a Registry,
    acts: &'a [ActivityRecord],
    mode: Mode,
    /// The checks of the activities: made by [`Scorer::new`], or borrowed from the owner of
    /// the registry and the activities ([`crate::community::Community`]), which keeps them
    /// between calls.
    checks: std::borrow::Cow<'a, ScorerChecks>,
}

/// The activities that can score (neither a reversal nor cancelled) by date, and every
/// activity's item code interned: a call looks at the activities of its dates only and
/// resolves each distinct item code once.
#[derive(Debug, Clone, Default)]
struct ActivityIndex {
    /// Positions, sorted by (date, position).
    by_date: Vec<u32>,
    /// Per activity, its item code's index in `items`.
    item_of: Vec<u32>,
    /// The distinct item codes, in order of first use.
    items: Vec<CompactString>,
    /// Per activity, its date, day number and quantity (raw): a call reads these small
    /// columns, not the activity records (about 150 bytes each, a cache miss apiece).
    date: Vec<chrono::NaiveDate>,
    day: Vec<DayNum>,
    qty: Vec<i64>,
}

impl ActivityIndex {
    fn new(acts: &[ActivityRecord], cancelled: &[bool]) -> ActivityIndex {
        let mut by_date: Vec<u32> = (0..acts.len() as u32)
            .filter(|&p| {
                acts.get(p as usize).is_some_and(|a| a.reverses.is_none())
                    && !crate::invariant::at(cancelled, p as usize)
            })
            .collect();
        by_date.sort_by_key(|&p| (acts.get(p as usize).map(|a| a.date), p));
        let mut codes: HashMap<&str, u32> = HashMap::default();
        let mut items = Vec::new();
        let item_of = acts
            .iter()
            .map(|a| {
                *codes.entry(a.item.as_str()).or_insert_with(|| {
                    items.push(a.item.clone());
                    items.len() as u32 - 1
                })
            })
            .collect();
        ActivityIndex {
            by_date,
            item_of,
            items,
            date: acts.iter().map(|a| a.date).collect(),
            day: acts.iter().map(|a| day_number(a.date)).collect(),
            qty: acts.iter().map(|a| a.quantity.raw()).collect(),
        }
    }
}

/// The checks [`Scorer::new`] makes of a registry and its activities (unique ids, subjects
/// resolved, reversals applied, the activity index), kept by their owner
/// ([`crate::community::Community`]) so that later scorers skip them.
#[derive(Debug, Clone)]
pub(crate) struct ScorerChecks {
    subj: Vec<Subj>,
    /// Activities cancelled by a valid reversal (the target and the reversal).
    cancelled: Vec<bool>,
    /// Reversals that cannot be applied: position, target position (if found), error.
    bad_reversals: Vec<(usize, Option<usize>, ScoringError)>,
    /// Members' branches are resolved per period; the member count fixes the subject space.
    n_members: usize,
    /// The index of the activities: by date, the item codes interned.
    index: ActivityIndex,
}

impl<'a> Scorer<'a> {
    /// Checks ids (unique, in both modes), resolves subjects and reversals.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, Scorer};
    /// let reg = dangjian::Registry::sample_small();
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    /// let acts = [ActivityRecord::new("a1", "M1", "meeting", d)];
    /// assert!(Scorer::new(&reg, &acts, Mode::Strict).is_ok());
    /// let twice = [acts[0].clone(), acts[0].clone()];
    /// assert_eq!(Scorer::new(&reg, &twice, Mode::Lenient).unwrap_err().code(), "duplicate_activity");
    /// ```
    pub fn new(
        reg: &'a Registry,
        acts: &'a [ActivityRecord],
        mode: Mode,
    ) -> Result<Scorer<'a>, ScoringError> {
        Ok(Scorer {
            reg,
            acts,
            mode,
            checks: std::borrow::Cow::Owned(ScorerChecks::new(reg, acts)?),
        })
    }

    /// A scorer using checks made by [`ScorerChecks::new`] on this very registry and
    /// activity slice, unchanged since (the session that owns all three guarantees it).
    pub(crate) fn with_checks(
        reg: &'a Registry,
        acts: &'a [ActivityRecord],
        mode: Mode,
        checks: &'a ScorerChecks,
    ) -> Scorer<'a> {
        debug_assert!(checks.n_members == reg.len() && checks.subj.len() == acts.len());
        Scorer {
            reg,
            acts,
            mode,
            checks: std::borrow::Cow::Borrowed(checks),
        }
    }
}

impl ScorerChecks {
    /// Reversals that cannot be applied: position, target position (if found), error.
    pub(crate) fn bad_reversals(&self) -> &[(usize, Option<usize>, ScoringError)] {
        &self.bad_reversals
    }

    /// Checks ids (unique, in both modes), resolves subjects and reversals.
    pub(crate) fn new(
        reg: &Registry,
        acts: &[ActivityRecord],
    ) -> Result<ScorerChecks, ScoringError> {
        if acts.len() > super::kernel::MAX_EVENTS {
            return Err(ScoringError::LimitExceeded {
                what: "activities",
                limit: super::kernel::MAX_EVENTS,
                actual: acts.len(),
            });
        }
        let mut index: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(acts.len(), Default::default());
        for (position, a) in acts.iter().enumerate() {
            if let Some(first) = index.insert(a.id.as_str(), position) {
                return Err(ScoringError::DuplicateActivity {
                    id: a.id.clone(),
                    position,
                    first,
                });
            }
        }
        let subj = acts
            .iter()
            .map(|a| {
                if let Some(i) = reg.member_index(&a.subject) {
                    Subj::Member(i)
                } else if let Some(o) = reg.tree().index(&a.subject) {
                    Subj::Org(o)
                } else {
                    Subj::Unknown
                }
            })
            .collect();
        // Reversals in (date, id) order: the first valid one of a target wins.
        let mut revs: Vec<usize> = (0..acts.len())
            .filter(|&p| acts.get(p).is_some_and(|a| a.reverses.is_some()))
            .collect();
        crate::sort::sort_by(&mut revs, |&x, &y| {
            let (a, b) = (acts.get(x), acts.get(y));
            a.map(|a| (a.date, &a.id)).cmp(&b.map(|b| (b.date, &b.id)))
        });
        let mut cancelled = vec![false; acts.len()];
        let mut reversed_by: HashMap<usize, usize> = HashMap::default();
        let mut bad_reversals = Vec::new();
        for r in revs {
            let Some(a) = acts.get(r) else { continue };
            let target = a.reverses.clone().unwrap_or_default();
            let fail = |reason: String| ScoringError::BadReversal {
                id: a.id.clone(),
                position: r,
                target: target.clone(),
                reason,
            };
            let Some(&t) = index.get(target.as_str()) else {
                bad_reversals.push((r, None, fail("no activity has that id".into())));
                continue;
            };
            let Some(ta) = acts.get(t) else { continue };
            let problem = if t == r {
                Some("an activity cannot reverse itself".to_string())
            } else if ta.reverses.is_some() {
                Some("the target is itself a reversal; record the activity again instead".into())
            } else if ta.subject != a.subject || ta.item != a.item {
                Some(format!(
                    "the target is `{}` / `{}`, the reversal names `{}` / `{}` (subject and item must match)",
                    ta.subject, ta.item, a.subject, a.item
                ))
            } else if a.date < ta.date {
                Some(format!("dated {}, before the target's {}", a.date, ta.date))
            } else if ta
                .date
                .checked_add_months(chrono::Months::new(12))
                .is_some_and(|limit| a.date > limit)
            {
                Some(format!(
                    "dated {}, more than a year after the target's {} (冲销须在被冲销记录后一年内)",
                    a.date, ta.date
                ))
            } else {
                reversed_by.get(&t).and_then(|first| {
                    acts.get(*first)
                        .map(|f| format!("the target is already reversed by `{}`", f.id))
                })
            };
            match problem {
                Some(reason) => bad_reversals.push((r, Some(t), fail(reason))),
                None => {
                    reversed_by.insert(t, r);
                    if let Some(c) = cancelled.get_mut(t) {
                        *c = true;
                    }
                    if let Some(c) = cancelled.get_mut(r) {
                        *c = true;
                    }
                }
            }
        }
        crate::sort::sort_by_key(&mut bad_reversals, |(p, _, _)| *p);
        let index = ActivityIndex::new(acts, &cancelled);
        Ok(ScorerChecks {
            subj,
            cancelled,
            bad_reversals,
            n_members: reg.len(),
            index,
        })
    }
}

impl<'a> Scorer<'a> {
    /// The registry.
    ///
    /// # Examples
    ///
    /// ```
    /// let reg = dangjian::Registry::sample_small();
    /// let scorer = dangjian::scoring::Scorer::new(&reg, &[], dangjian::scoring::Mode::Strict)?;
    /// assert_eq!(scorer.registry().len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn registry(&self) -> &Registry {
        self.reg
    }

    /// The activities.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, Scorer};
    /// let reg = dangjian::Registry::sample_small();
    /// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)];
    /// assert_eq!(Scorer::new(&reg, &acts, Mode::Strict)?.activities()[0].id, "a1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn activities(&self) -> &[ActivityRecord] {
        self.acts
    }

    /// Whether activity `pos` is cancelled (a reversed target or a valid reversal).
    pub(crate) fn is_cancelled(&self, pos: usize) -> bool {
        crate::invariant::at(&self.checks.cancelled, pos)
    }

    /// Scores one period.
    ///
    /// `rules` is a [`RuleSet`] (validated once for the call) or a [`CompiledRules`]
    /// (validated when made). The period must be of the rule set's kind (a month for a monthly
    /// rule set; a year of months is [`Scorer::summarize`]).
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleSet, Scorer};
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    /// let october = scorer.score(&RuleSet::member_default(), "2026-10".parse().unwrap()).unwrap();
    /// assert_eq!(october.table.len(), 158);
    /// assert!(october.diagnostics.is_empty());
    /// let year = scorer.score(&RuleSet::member_default(), "2026".parse().unwrap());
    /// assert_eq!(year.unwrap_err().code(), "wrong_period");
    /// ```
    pub fn score<R: ScoringRules + ?Sized>(
        &self,
        rules: &R,
        period: Period,
    ) -> Result<Scored, ScoringError> {
        self.score_one(&*rules.compiled()?, period, true)
    }

    /// One period through [`Scorer::score_periods`].
    pub(crate) fn score_one(
        &self,
        rules: &CompiledRules,
        period: Period,
        describe: bool,
    ) -> Result<Scored, ScoringError> {
        let mut v = self.score_periods(rules, period, 1, describe)?;
        debug_assert_eq!(v.len(), 1, "score_periods(.., 1, ..) gives one period");
        v.pop().ok_or(ScoringError::Internal {
            what: "score_periods gave no period for a count of 1",
        })
    }

    /// Scores one period with the version of `book` in force on its first day.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Mode, RuleBook, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let book = RuleBook::new(vec![RuleSet::member_default()])?; // in force from 2022-11-01
    /// let scorer = Scorer::new(&reg, &[], Mode::Strict)?;
    /// assert_eq!(scorer.score_book(&book, "2024-03".parse()?)?.table.rule_version, 1);
    /// assert_eq!(scorer.score_book(&book, "2022-10".parse()?).unwrap_err().code(), "no_rule_in_force");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn score_book(&self, book: &RuleBook, period: Period) -> Result<Scored, ScoringError> {
        let rules = book
            .for_period(period)
            .ok_or_else(|| ScoringError::NoRuleInForce {
                rule_set: book
                    .versions()
                    .first()
                    .map(|r| r.id.clone())
                    .unwrap_or_default(),
                date: period.start(),
            })?;
        self.score(rules, period)
    }

    /// The score table of one period, as [`Scorer::score`] makes it, without the diagnostics:
    /// in lenient mode the same activities are left out, but not described (no message is
    /// written), which is faster when only the table is wanted.
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
    /// let reg = dangjian::Registry::sample_small();
    /// let d = |s: &str| s.parse().unwrap();
    /// let acts = vec![
    ///     ActivityRecord::new("a1", "M1", "meeting", d("2024-03-05")),
    ///     ActivityRecord::new("a2", "nobody", "meeting", d("2024-03-06")),
    /// ];
    /// let scorer = Scorer::new(&reg, &acts, Mode::Lenient).unwrap();
    /// let rules = RuleSet::member_default();
    /// let p = "2024-03".parse().unwrap();
    /// let scored = scorer.score(&rules, p).unwrap();
    /// assert_eq!(scored.diagnostics.len(), 1);
    /// assert_eq!(scorer.score_table(&rules, p).unwrap(), scored.table);
    /// ```
    pub fn score_table<R: ScoringRules + ?Sized>(
        &self,
        rules: &R,
        period: Period,
    ) -> Result<ScoreTable, ScoringError> {
        self.score_one(&*rules.compiled()?, period, false)
            .map(|s| s.table)
    }

    /// Scores `count` consecutive periods from `first` in one kernel call.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-02-05".parse()?)];
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
    /// let q1 = scorer.score_range(&RuleSet::member_default(), "2024-01".parse()?, 3)?;
    /// let m1: Vec<String> = q1.iter().map(|s| s.table.total[s.table.row_of("M1").unwrap()].to_string()).collect();
    /// assert_eq!(m1, ["60", "62", "60"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn score_range<R: ScoringRules + ?Sized>(
        &self,
        rules: &R,
        first: Period,
        count: usize,
    ) -> Result<Vec<Scored>, ScoringError> {
        self.score_periods(&*rules.compiled()?, first, count, true)
    }

    crate::speed::hot! {
    /// [`Scorer::score_range`], the diagnostics written when `describe`.
    pub(crate) fn score_periods(
        &self,
        compiled: &CompiledRules,
        first: Period,
        count: usize,
        describe: bool,
    ) -> Result<Vec<Scored>, ScoringError> {
        let rules = compiled.rules();
        if first.kind() != rules.period {
            return Err(ScoringError::WrongPeriod {
                period: first.to_string(),
                expected: rules.period.label(),
                rule_set: rules.id.clone(),
            });
        }
        let periods = first.sequence(count);
        let start = first.start();
        let end = periods.last().map_or(start, |p| p.end());
        let (accepted, diagnostics) = self.collect(rules, start, end, describe)?;
        let (n, groups, n_groups) = self.groups(rules, &periods);
        let cols_subject: Vec<u32> = accepted.iter().map(|a| a.subject).collect();
        let cols_item: Vec<u16> = accepted.iter().map(|a| a.item).collect();
        let cols_day: Vec<DayNum> = accepted.iter().map(|a| a.day).collect();
        let cols_qty: Vec<i64> = accepted.iter().map(|a| a.qty).collect();
        let input = BulkInput {
            columns: Columns {
                subject: &cols_subject,
                item: &cols_item,
                day: &cols_day,
                quantity: Some(&cols_qty),
            },
            n_subjects: n,
            groups: Groups::PerPeriod(&groups),
            n_groups,
        };
        let bulk = score_compiled(compiled, first, count, &input, BulkOptions::default())?;
        Ok(bulk
            .periods
            .iter()
            .zip(&periods)
            .enumerate()
            .map(|(k, (ps, p))| Scored {
                table: self.to_table(rules, *p, ps, groups.get(k * n..(k + 1) * n).unwrap_or(&[])),
                diagnostics: diagnostics.clone(),
            })
            .collect())
    }
    }

    crate::speed::hot! {
    /// The subject space, the group of each subject in each period and the number of groups.
    fn groups(&self, rules: &RuleSet, periods: &[Period]) -> (usize, Vec<u32>, usize) {
        let tree = self.reg.tree();
        let root_group = tree.len() as u32;
        match rules.subject {
            SubjectKind::Member => {
                let n = self.checks.n_members;
                let mut g = vec![NO_GROUP; n * periods.len()];
                for (k, p) in periods.iter().enumerate() {
                    let (ps, pe) = (p.start(), p.end());
                    for m in 0..n {
                        let best = self
                            .reg
                            .spells_of(m as u32)
                            .iter()
                            .filter(|s| s.from < pe && s.to > ps)
                            .max_by_key(|s| s.to.min(pe));
                        if let (Some(s), Some(slot)) = (best, g.get_mut(k * n + m)) {
                            *slot = s.branch;
                        }
                    }
                }
                (n, g, tree.len() + 1)
            }
            SubjectKind::Organization => {
                let n = tree.len();
                let mut g = vec![NO_GROUP; n * periods.len()];
                for (k, p) in periods.iter().enumerate() {
                    for (o, r) in tree.records().iter().enumerate() {
                        let active =
                            r.founded < p.end() && r.dissolved.is_none_or(|d| d > p.start());
                        let kind_ok = rules
                            .org_kinds
                            .as_ref()
                            .is_none_or(|ks| ks.contains(&r.kind));
                        if active && kind_ok {
                            if let Some(slot) = g.get_mut(k * n + o) {
                                *slot = tree.parent(o as u32).unwrap_or(root_group);
                            }
                        }
                    }
                }
                (n, g, tree.len() + 1)
            }
        }
    }
    }

    crate::speed::hot! {
    /// The activities of `[start, end)` accepted under `rules`, and the diagnostics (lenient
    /// mode, when `describe`: without it the same activities are left out, undescribed); in
    /// strict mode the first problem in input order is the error.
    pub(crate) fn collect(
        &self,
        rules: &RuleSet,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        describe: bool,
    ) -> Result<(Vec<Accepted>, Vec<Diagnostic>), ScoringError> {
        // Problems are kept to be reported (lenient, described) or for the first of them to be
        // the error (strict).
        let keep = describe || self.mode == Mode::Strict;
        let items: HashMap<&str, usize> = rules
            .items
            .iter()
            .enumerate()
            .map(|(k, it)| (it.code.as_str(), k))
            .collect();
        let in_range = |d: chrono::NaiveDate| start <= d && d < end;
        let mut problems: Vec<ScoringError> = Vec::new();
        if keep {
            for (r, t, e) in &self.checks.bad_reversals {
                let target_in = t
                    .and_then(|t| self.acts.get(t))
                    .is_some_and(|a| in_range(a.date));
                if self.acts.get(*r).is_some_and(|a| in_range(a.date)) || target_in {
                    problems.push(e.clone());
                }
            }
        }
        // The activities of [start, end) that can score, in input order.
        let ix = &self.checks.index;
        let before = |d: chrono::NaiveDate| {
            ix.by_date
                .partition_point(|&p| ix.date.get(p as usize).is_some_and(|&a| a < d))
        };
        // (Marked in a bit set and read back in order: cheaper than sorting.)
        let mut marks = vec![0u64; self.acts.len().div_ceil(64)];
        let range = ix.by_date.get(before(start)..before(end)).unwrap_or(&[]);
        for &p in range {
            if let Some(w) = marks.get_mut(p as usize / 64) {
                *w |= 1 << (p % 64);
            }
        }
        // Each distinct item code looked up once.
        let item_index: Vec<Option<usize>> = ix
            .items
            .iter()
            .map(|c| items.get(c.as_str()).copied())
            .collect();
        let from_reversals = problems.len();
        let mut accepted = Vec::with_capacity(range.len());
        let tree = self.reg.tree();
        for (k, &word) in marks.iter().enumerate() {
            let mut w = word;
            while w != 0 {
                let pos = k * 64 + w.trailing_zeros() as usize;
                w &= w - 1;
                if let Some(a) = self.check(rules, &item_index, tree, pos, keep, &mut problems) {
                    accepted.push(a);
                }
            }
        }
        // Both runs are in input order: merged, not sorted.
        let found = problems.split_off(from_reversals);
        let problems = merge_by_position(problems, found);
        match self.mode {
            Mode::Strict => match problems.into_iter().next() {
                Some(e) => Err(e),
                None => Ok((accepted, Vec::new())),
            },
            Mode::Lenient => Ok((
                accepted,
                problems.iter().map(Diagnostic::from_error).collect(),
            )),
        }
    }
    }

    crate::speed::hot! {
    /// Activity `pos` as scored under `rules`, or `None` when it does not score (another kind
    /// of subject, or a problem: pushed to `problems` when `keep`).
    #[inline]
    fn check(
        &self,
        rules: &RuleSet,
        item_index: &[Option<usize>],
        tree: &crate::org::OrgTree,
        pos: usize,
        keep: bool,
        problems: &mut Vec<ScoringError>,
    ) -> Option<Accepted> {
        let ix = &self.checks.index;
        let date = ix.date.get(pos).copied()?;
        let qty = ix.qty.get(pos).copied()?;
        // The activity record itself is read only to describe a problem.
        let mut problem = |e: &dyn Fn(&ActivityRecord) -> ScoringError| {
            if let (true, Some(a)) = (keep, self.acts.get(pos)) {
                problems.push(e(a));
            }
            None
        };
        let subject = match (rules.subject, self.checks.subj.get(pos).copied()) {
            (SubjectKind::Member, Some(Subj::Member(i)))
            | (SubjectKind::Organization, Some(Subj::Org(i))) => i,
            (_, Some(Subj::Member(_) | Subj::Org(_))) => return None,
            _ => {
                return problem(&|a| ScoringError::UnknownSubject {
                    id: a.id.clone(),
                    position: pos,
                    subject: a.subject.clone(),
                })
            }
        };
        let item = ix
            .item_of
            .get(pos)
            .and_then(|&k| item_index.get(k as usize).copied().flatten());
        let Some(item) = item else {
            return problem(&|a| ScoringError::UnknownItem {
                id: a.id.clone(),
                position: pos,
                item: a.item.clone(),
                rule_set: rules.id.clone(),
                version: rules.version,
            });
        };
        if qty <= 0 || qty > MAX_QUANTITY.raw() {
            return problem(&|a| ScoringError::BadQuantity {
                id: a.id.clone(),
                position: pos,
                quantity: a.quantity.to_string(),
                reason: "应大于0且不超过1000000（撤销请登记冲销记录） / must be above 0 and at most 1000000 (use a reversal to cancel)",
            });
        }
        let not_subject = |a: &ActivityRecord, reason: String| ScoringError::NotASubject {
            id: a.id.clone(),
            position: pos,
            subject: a.subject.clone(),
            date: a.date,
            reason,
        };
        match rules.subject {
            SubjectKind::Member => {
                if !self.reg.spells_of(subject).iter().any(|s| s.covers(date)) {
                    return problem(&|a| {
                        not_subject(a, "not a member of this community that day".into())
                    });
                }
                if let Some(el) = rules.items.get(item).and_then(|it| it.eligible.as_ref()) {
                    let cat = self.reg.state_of(subject, date).category;
                    if !el.contains(&cat) {
                        return problem(&|a| ScoringError::Ineligible {
                            id: a.id.clone(),
                            position: pos,
                            item: a.item.clone(),
                            date: a.date,
                            category: cat.label(),
                            allowed: el.iter().map(|c| c.label()).collect::<Vec<_>>().join("、"),
                        });
                    }
                }
            }
            SubjectKind::Organization => {
                let rec = tree.get(subject)?;
                if !rec.is_active(date) {
                    return problem(&|a| {
                        not_subject(a, "the organization does not exist that day".into())
                    });
                }
                if rules
                    .org_kinds
                    .as_ref()
                    .is_some_and(|ks| !ks.contains(&rec.kind))
                {
                    return problem(&|a| {
                        not_subject(
                            a,
                            format!("rule set `{}` does not assess a {}", rules.id, rec.kind),
                        )
                    });
                }
            }
        }
        Some(Accepted {
            pos,
            subject,
            item: item as u16,
            day: ix.day.get(pos).copied()?,
            qty,
        })
    }
    }

    fn subject_id(&self, kind: SubjectKind, s: usize) -> CompactString {
        match kind {
            SubjectKind::Member => self
                .reg
                .member(s as u32)
                .map(|m| m.id.clone())
                .unwrap_or_default(),
            SubjectKind::Organization => self
                .reg
                .tree()
                .get(s as u32)
                .map(|r| r.id.clone())
                .unwrap_or_default(),
        }
    }

    crate::speed::hot! {
    fn to_table(
        &self,
        rules: &RuleSet,
        period: Period,
        ps: &PeriodScores,
        groups: &[u32],
    ) -> ScoreTable {
        let mut t = ScoreTable {
            rule_set: rules.id.clone(),
            rule_version: rules.version,
            period,
            subject_kind: rules.subject,
            grade_names: rules.grades.iter().map(|g| g.name.clone()).collect(),
            subject: Vec::new(),
            org: Vec::new(),
            total: Vec::new(),
            basic: Vec::new(),
            reward: Vec::new(),
            deduction: Vec::new(),
            veto: Vec::new(),
            grade: Vec::new(),
            stars: Vec::new(),
            vetoed: Vec::new(),
            demoted: Vec::new(),
            rank_in_org: Vec::new(),
            rank_overall: Vec::new(),
        };
        let tree = self.reg.tree();
        for (s, g) in groups.iter().enumerate() {
            if *g == NO_GROUP {
                continue;
            }
            let fx = |c: &Vec<i64>| Fixed::from_raw(crate::invariant::at(c, s));
            t.subject.push(self.subject_id(rules.subject, s));
            t.org.push(tree.get(*g).map(|r| r.id.clone()));
            t.total.push(fx(&ps.total));
            t.basic.push(fx(&ps.basic));
            t.reward.push(fx(&ps.reward));
            t.deduction.push(fx(&ps.deduction));
            t.veto.push(fx(&ps.veto));
            t.grade.push(crate::invariant::at(&ps.grade, s));
            t.stars.push(crate::invariant::at(&ps.stars, s));
            t.vetoed.push(crate::invariant::at(&ps.vetoed, s));
            t.demoted.push(crate::invariant::at(&ps.demoted, s));
            t.rank_in_org
                .push(crate::invariant::at(&ps.rank_in_org, s));
            t.rank_overall
                .push(crate::invariant::at(&ps.rank_overall, s));
        }
        t
    }
    }
}
