//! The scoring outputs as [`Table`]s: the score table, the monthly report's leaderboard and
//! movers, a what-if comparison, the three parts of an explanation, and the activities. Each
//! column is declared once here, with its Chinese header from the vocabulary
//! ([`crate::table::label_zh_of`]) and its privacy role; the CSV and Excel writers and the
//! language bindings (Arrow in Python, JSON in WASM) all read these declarations, so an output
//! column is added in one place.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{Mode, RuleSet, Scorer};
//! use dangjian::table::Table;
//! let reg = dangjian::Registry::sample_small();
//! let t = Scorer::new(&reg, &[], Mode::Strict)?.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
//! let total = t.columns().into_iter().find(|c| c.name == "total").unwrap();
//! assert_eq!(total.label_zh, "总分");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;

use super::activity::ActivityRecord;
use super::explain::Explanation;
use super::report::ScoreReport;
use super::rules::SubjectKind;
use super::typed::ScoreTable;
use super::whatif::WhatIf;
use crate::table::{Column, ColumnData, Role, Table};

/// The snake_case code of an enum value (its serde name).
fn code_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn strs<S: AsRef<str>>(v: &[S]) -> ColumnData<'_> {
    ColumnData::Str(v.iter().map(AsRef::as_ref).collect())
}

fn opt_strs<S: AsRef<str>>(v: &[Option<S>]) -> ColumnData<'_> {
    ColumnData::Str(
        v.iter()
            .map(|s| s.as_ref().map_or("", AsRef::as_ref))
            .collect(),
    )
}

/// The role of a subject column: member ids are pseudonymized by analysis exports,
/// organization ids are keys.
fn subject_role(kind: SubjectKind) -> Role {
    match kind {
        SubjectKind::Member => Role::MemberId,
        _ => Role::Key,
    }
}

impl ScoreTable {
    /// The score columns shared by the score table and the monthly report.
    fn score_columns(&self) -> Vec<Column<'_>> {
        let n = self.len();
        vec![
            Column::known(
                "period",
                Role::Key,
                ColumnData::Text(vec![self.period.to_string(); n]),
            ),
            Column::known(
                "subject",
                subject_role(self.subject_kind),
                strs(&self.subject),
            ),
            Column::known("org", Role::Key, opt_strs(&self.org)),
            Column::known("total", Role::Value, ColumnData::Fixed(&self.total)),
            Column::known("basic", Role::Value, ColumnData::Fixed(&self.basic)),
            Column::known("reward", Role::Value, ColumnData::Fixed(&self.reward)),
            Column::known("deduction", Role::Value, ColumnData::Fixed(&self.deduction)),
            Column::known("veto", Role::Value, ColumnData::Fixed(&self.veto)),
            Column::known(
                "grade",
                Role::Text,
                ColumnData::Str((0..n).map(|r| self.grade_name(r)).collect()),
            ),
            Column::known("grade_index", Role::Value, ColumnData::U8(&self.grade)),
            Column::known("stars", Role::Value, ColumnData::U8(&self.stars)),
            Column::known("vetoed", Role::Value, ColumnData::Bool(&self.vetoed)),
            Column::known("demoted", Role::Value, ColumnData::Bool(&self.demoted)),
            Column::known(
                "rank_in_org",
                Role::Value,
                ColumnData::U32(&self.rank_in_org),
            ),
            Column::known(
                "rank_overall",
                Role::Value,
                ColumnData::U32(&self.rank_overall),
            ),
        ]
    }
}

/// The score table: one row per subject (`scores`).
///
/// ```
/// use dangjian::scoring::{Mode, RuleSet, Scorer};
/// use dangjian::table::{to_csv, CsvOptions};
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient).unwrap();
/// let t = scorer.score(&RuleSet::member_default(), "2026-10".parse().unwrap()).unwrap().table;
/// let csv = to_csv(&t, &CsvOptions::zh()).unwrap();
/// assert!(csv.starts_with("考核期,考核对象,组织编号,总分,基础分,奖励分,扣分,否决项分,等次,"));
/// ```
impl Table for ScoreTable {
    fn name(&self) -> &str {
        "scores"
    }
    fn title_zh(&self) -> String {
        format!("积分考核表（{}，{}）", self.period, self.rule_set)
    }
    fn len(&self) -> usize {
        self.subject.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        self.score_columns()
    }
}

/// The monthly report's leaderboard (`report`): the score columns plus the masked `name` and
/// the organization's name.
impl Table for ScoreReport {
    fn name(&self) -> &str {
        "report"
    }
    fn title_zh(&self) -> String {
        format!("{}积分通报（{}）", self.community, self.table.period)
    }
    fn len(&self) -> usize {
        self.table.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let mut c = self.table.score_columns();
        c.push(Column::known("name", Role::PersonName, strs(&self.names)));
        c.push(Column::known("org_name", Role::Text, strs(&self.org_names)));
        c
    }
}

/// The monthly report's top movers as a table (`movers`), from [`ScoreReport::movers_table`].
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, ScoreReport, Scorer};
/// use dangjian::table::Table;
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)];
/// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
/// let report = ScoreReport::build(&scorer, &RuleSet::member_default(), "2024-03".parse()?, "示例社区")?;
/// let movers = report.movers_table();
/// assert_eq!((movers.name(), movers.len()), ("movers", report.movers.len()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoversTable<'a> {
    period: String,
    role: Role,
    subject: Vec<&'a str>,
    rank_before: Vec<u32>,
    rank_now: Vec<u32>,
    gained: Vec<i64>,
}

impl ScoreReport {
    /// The top movers as a table: subject, rank_before, rank_now, gained.
    ///
    /// ```
    /// use dangjian::scoring::{Mode, ScoreReport, RuleSet, Scorer};
    /// use dangjian::table::Table;
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient).unwrap();
    /// let r = ScoreReport::build(&scorer, &RuleSet::member_default(), "2026-10".parse().unwrap(), "翔凤社区").unwrap();
    /// assert_eq!(r.movers_table().len(), r.movers.len());
    /// ```
    pub fn movers_table(&self) -> MoversTable<'_> {
        let m = &self.movers;
        MoversTable {
            period: self.table.period.to_string(),
            role: subject_role(self.table.subject_kind),
            subject: m.iter().map(|x| x.subject.as_str()).collect(),
            rank_before: m.iter().map(|x| x.rank_before).collect(),
            rank_now: m.iter().map(|x| x.rank_now).collect(),
            gained: m.iter().map(|x| x.gained).collect(),
        }
    }
}

impl Table for MoversTable<'_> {
    fn name(&self) -> &str {
        "movers"
    }
    fn title_zh(&self) -> String {
        format!("排名变化（{}）", self.period)
    }
    fn len(&self) -> usize {
        self.subject.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        vec![
            Column::known("subject", self.role, ColumnData::Str(self.subject.clone())),
            Column::known(
                "rank_before",
                Role::Value,
                ColumnData::U32(&self.rank_before),
            ),
            Column::known("rank_now", Role::Value, ColumnData::U32(&self.rank_now)),
            Column::known("gained", Role::Value, ColumnData::I64(&self.gained)),
        ]
    }
}

/// A what-if comparison (`what_if`): one row per subject scored under both rule sets.
impl Table for WhatIf {
    fn name(&self) -> &str {
        "what_if"
    }
    fn title_zh(&self) -> String {
        format!(
            "方案比较（{}：方案一 {}，方案二 {}）",
            self.period, self.rule_set_a, self.rule_set_b
        )
    }
    fn len(&self) -> usize {
        self.subject.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        vec![
            Column::known("subject", Role::Key, strs(&self.subject)),
            Column::known("org", Role::Key, opt_strs(&self.org)),
            Column::known("total_a", Role::Value, ColumnData::Fixed(&self.total_a)),
            Column::known("total_b", Role::Value, ColumnData::Fixed(&self.total_b)),
            Column::known("grade_a", Role::Text, strs(&self.grade_a)),
            Column::known("grade_b", Role::Text, strs(&self.grade_b)),
            Column::known("rank_a", Role::Value, ColumnData::U32(&self.rank_a)),
            Column::known("rank_b", Role::Value, ColumnData::U32(&self.rank_b)),
            Column::known(
                "rank_in_org_a",
                Role::Value,
                ColumnData::U32(&self.rank_in_org_a),
            ),
            Column::known(
                "rank_in_org_b",
                Role::Value,
                ColumnData::U32(&self.rank_in_org_b),
            ),
        ]
    }
}

/// Which part of an [`Explanation`] a [`ExplanationTable`] shows.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ExplanationPart, Mode, RuleSet, Scorer};
/// use dangjian::table::Table;
/// # let reg = dangjian::Registry::sample_small();
/// let why = Scorer::new(&reg, &[], Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?;
/// assert_eq!(why.table(ExplanationPart::Items).len(), 11); // every item of the rule set
/// assert_eq!(why.table(ExplanationPart::Events).len(), 0); // no activity
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExplanationPart {
    /// One row per activity (`explanation_events`).
    Events,
    /// One row per item (`explanation_items`).
    Items,
    /// One row per category (`explanation_categories`).
    Categories,
}

/// One part of an explanation as a table, from [`Explanation::table`].
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ExplanationPart, Mode, RuleSet, Scorer};
/// use dangjian::table::Table;
/// # let reg = dangjian::Registry::sample_small();
/// let why = Scorer::new(&reg, &[], Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?;
/// let t = why.table(ExplanationPart::Categories);
/// assert_eq!((t.name(), t.len()), ("explanation_categories", 4));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ExplanationTable<'a> {
    e: &'a Explanation,
    part: ExplanationPart,
}

impl Explanation {
    /// One part of the explanation as a table.
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, ExplanationPart, Mode, RuleSet, Scorer};
    /// use dangjian::table::{to_csv, CsvOptions};
    /// let reg = dangjian::Registry::sample_small();
    /// let acts = vec![ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse().unwrap())];
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    /// let e = scorer.explain(&RuleSet::member_default(), "2024-03".parse().unwrap(), "M1").unwrap();
    /// let csv = to_csv(&e.table(ExplanationPart::Events), &CsvOptions::en()).unwrap();
    /// assert!(csv.starts_with("id,item,date,quantity,window,raw,counted,status,note\na1,meeting,2024-03-05,"));
    /// ```
    pub fn table(&self, part: ExplanationPart) -> ExplanationTable<'_> {
        ExplanationTable { e: self, part }
    }
}

impl Table for ExplanationTable<'_> {
    fn name(&self) -> &str {
        match self.part {
            ExplanationPart::Events => "explanation_events",
            ExplanationPart::Items => "explanation_items",
            ExplanationPart::Categories => "explanation_categories",
        }
    }
    fn title_zh(&self) -> String {
        let what = match self.part {
            ExplanationPart::Events => "积分明细（逐项活动）",
            ExplanationPart::Items => "积分明细（逐个项目）",
            ExplanationPart::Categories => "积分明细（逐个类别）",
        };
        format!("{what}：{}（{}）", self.e.subject, self.e.period)
    }
    fn len(&self) -> usize {
        match self.part {
            ExplanationPart::Events => self.e.events.id.len(),
            ExplanationPart::Items => self.e.items.code.len(),
            ExplanationPart::Categories => self.e.categories.category.len(),
        }
    }
    fn columns(&self) -> Vec<Column<'_>> {
        match self.part {
            ExplanationPart::Events => {
                let ev = &self.e.events;
                vec![
                    Column::known("id", Role::Key, strs(&ev.id)),
                    Column::known("item", Role::Key, strs(&ev.item)),
                    Column::known("date", Role::Value, ColumnData::Date(&ev.date)),
                    Column::known("quantity", Role::Value, ColumnData::Fixed(&ev.quantity)),
                    Column::known("window", Role::Value, ColumnData::U32(&ev.window)),
                    Column::known("raw", Role::Value, ColumnData::Fixed(&ev.raw)),
                    Column::known("counted", Role::Value, ColumnData::Fixed(&ev.counted)),
                    Column::known(
                        "status",
                        Role::Text,
                        ColumnData::Text(ev.status.iter().map(code_of).collect()),
                    ),
                    Column::known("note", Role::Text, ColumnData::Text(ev.note.clone())),
                ]
            }
            ExplanationPart::Items => {
                let it = &self.e.items;
                vec![
                    Column::known("code", Role::Key, strs(&it.code)),
                    Column::known("name", Role::Text, strs(&it.name)),
                    Column::known(
                        "category",
                        Role::Key,
                        ColumnData::Text(it.category.iter().map(code_of).collect()),
                    ),
                    Column::known("quantity", Role::Value, ColumnData::Fixed(&it.quantity)),
                    Column::known("raw", Role::Value, ColumnData::Fixed(&it.raw)),
                    Column::known("counted", Role::Value, ColumnData::Fixed(&it.counted)),
                ]
            }
            ExplanationPart::Categories => {
                let c = &self.e.categories;
                vec![
                    Column::known(
                        "category",
                        Role::Key,
                        ColumnData::Text(c.category.iter().map(code_of).collect()),
                    ),
                    Column::known("raw", Role::Value, ColumnData::Fixed(&c.raw)),
                    Column::known("counted", Role::Value, ColumnData::Fixed(&c.counted)),
                    Column::known("cap", Role::Value, ColumnData::OptFixed(&c.cap)),
                ]
            }
        }
    }
}

/// Activities (scoring input) as a table (`activities`), from [`ActivityTable::new`].
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, ActivityTable};
/// use dangjian::table::Table;
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)];
/// let t = ActivityTable::new(&acts);
/// assert_eq!((t.name(), t.len()), ("activities", 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ActivityTable<'a> {
    acts: &'a [ActivityRecord],
    date: Vec<chrono::NaiveDate>,
    quantity: Vec<crate::fixed::Fixed>,
}

impl<'a> ActivityTable<'a> {
    /// The activities `acts` as a table: id, subject, item, date, quantity, reverses.
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, ActivityTable};
    /// use dangjian::table::{to_csv, CsvOptions};
    /// let acts = vec![ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse().unwrap())];
    /// let csv = to_csv(&ActivityTable::new(&acts), &CsvOptions::en()).unwrap();
    /// assert_eq!(csv, "id,subject,item,date,quantity,reverses\na1,M1,meeting,2024-03-05,1,\n");
    /// ```
    pub fn new(acts: &'a [ActivityRecord]) -> ActivityTable<'a> {
        ActivityTable {
            acts,
            date: acts.iter().map(|x| x.date).collect(),
            quantity: acts.iter().map(|x| x.quantity).collect(),
        }
    }
}

impl Table for ActivityTable<'_> {
    fn name(&self) -> &str {
        "activities"
    }
    fn title_zh(&self) -> String {
        "积分活动记录".into()
    }
    fn len(&self) -> usize {
        self.acts.len()
    }
    fn columns(&self) -> Vec<Column<'_>> {
        let a = self.acts;
        vec![
            Column::known(
                "id",
                Role::Key,
                ColumnData::Str(a.iter().map(|x| x.id.as_str()).collect()),
            ),
            Column::known(
                "subject",
                Role::MemberId,
                ColumnData::Str(a.iter().map(|x| x.subject.as_str()).collect()),
            ),
            Column::known(
                "item",
                Role::Key,
                ColumnData::Str(a.iter().map(|x| x.item.as_str()).collect()),
            ),
            Column::known("date", Role::Value, ColumnData::Date(&self.date)),
            Column::known("quantity", Role::Value, ColumnData::Fixed(&self.quantity)),
            Column::known(
                "reverses",
                Role::Key,
                ColumnData::Str(
                    a.iter()
                        .map(|x| x.reverses.as_ref().map_or("", |s| s.as_str()))
                        .collect(),
                ),
            ),
        ]
    }
}
