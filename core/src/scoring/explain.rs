//! Explanations: for one subject and period, each item's raw and counted points and each
//! activity's contribution.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let acts: Vec<_> = (1..=5).map(|k| ActivityRecord::new(&format!("a{k}"), "M1", "meeting",
//!     dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, k).unwrap())).collect();
//! let why = Scorer::new(&reg, &acts, Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?;
//! assert_eq!((why.base.to_string(), why.total.to_string()), ("60".into(), "68".into())); // five meetings, capped at +8
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::error::{Diagnostic, ScoringError};
use super::period::{date_of_day, Window};
use super::rules::{ItemCategory, RuleSet, ScoringRules};
use super::semantics::{category_cap, mul_points, total_of, window_points, NO_CAP};
use super::typed::Scorer;
use crate::calendar::Period;
use crate::fixed::Fixed;

/// What happened to one activity.
///
/// # Examples
///
/// The fifth meeting of a month comes after the cap of +8 is reached:
///
/// ```
/// use dangjian::scoring::{ActivityRecord, EventStatus, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts: Vec<_> = (1..=5).map(|k| ActivityRecord::new(&format!("a{k}"), "M1", "meeting",
///     dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, k).unwrap())).collect();
/// let why = Scorer::new(&reg, &acts, Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?;
/// assert_eq!(why.events.status[3], EventStatus::Counted);
/// assert_eq!(why.events.status[4], EventStatus::OverCap);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Counted in full.
    Counted,
    /// Crossed the item's cap: counted in part.
    Partial,
    /// Came after the cap was reached: counted for nothing.
    OverCap,
    /// Cancelled by a later reversal.
    Reversed,
    /// A reversal (cancels its target; never scores itself).
    Reversal,
    /// Left out (lenient mode); see the diagnostics.
    Rejected,
}

/// Category lines of an explanation.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, ItemCategory, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)];
/// let why = Scorer::new(&reg, &acts, Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?;
/// let c = &why.categories;
/// assert_eq!(c.category, ItemCategory::ALL);
/// assert_eq!((c.counted[0].to_string(), c.cap[1].map(|x| x.to_string())), ("2".into(), Some("30".into())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CategoryLines {
    /// The category.
    pub category: Vec<ItemCategory>,
    /// Sum of the items' counted points.
    pub raw: Vec<Fixed>,
    /// After the category cap.
    pub counted: Vec<Fixed>,
    /// The category cap.
    pub cap: Vec<Option<Fixed>>,
}

/// Item lines of an explanation (every item of the rule set, in rule set order).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts: Vec<_> = (1..=5).map(|k| ActivityRecord::new(&format!("a{k}"), "M1", "meeting",
///     dangjian::chrono::NaiveDate::from_ymd_opt(2024, 3, k).unwrap())).collect();
/// let items = Scorer::new(&reg, &acts, Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?.items;
/// assert_eq!((items.code[0].as_str(), items.quantity[0].to_string().as_str()), ("meeting", "5"));
/// assert_eq!((items.raw[0].to_string().as_str(), items.counted[0].to_string().as_str()), ("10", "8"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ItemLines {
    /// Item code.
    #[schemars(with = "Vec<String>")]
    pub code: Vec<CompactString>,
    /// Item name.
    #[schemars(with = "Vec<String>")]
    pub name: Vec<CompactString>,
    /// Category.
    pub category: Vec<ItemCategory>,
    /// Total quantity.
    pub quantity: Vec<Fixed>,
    /// Points before caps (points per unit × quantity, per window).
    pub raw: Vec<Fixed>,
    /// Points after the item's caps.
    pub counted: Vec<Fixed>,
}

/// Activity lines of an explanation, in (item, date, id) order: the order in which activities
/// fill caps.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("b", "M1", "meeting", "2024-03-09".parse()?),
///     ActivityRecord::new("a", "M1", "study", "2024-03-20".parse()?)];
/// let ev = Scorer::new(&reg, &acts, Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?.events;
/// assert_eq!(ev.id, ["b", "a"]); // item order: meeting comes before study
/// assert_eq!(ev.counted.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["2", "1"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventLines {
    /// Activity id.
    #[schemars(with = "Vec<String>")]
    pub id: Vec<CompactString>,
    /// Item code.
    #[schemars(with = "Vec<String>")]
    pub item: Vec<CompactString>,
    /// Date.
    pub date: Vec<chrono::NaiveDate>,
    /// Quantity.
    pub quantity: Vec<Fixed>,
    /// Index of the cap window in the period (0 for the first).
    pub window: Vec<u32>,
    /// Points before caps.
    pub raw: Vec<Fixed>,
    /// Points counted.
    pub counted: Vec<Fixed>,
    /// What happened.
    pub status: Vec<EventStatus>,
    /// The activity's note (empty when none); for a declared activity, its review
    /// (`2026-10-06申报，党小组长XF013于2026-10-08审核通过`, see `crate::declaration`).
    #[serde(default)]
    pub note: Vec<String>,
}

impl EventLines {
    fn push(
        &mut self,
        a: &super::activity::ActivityRecord,
        window: u32,
        raw: i64,
        counted: i64,
        status: EventStatus,
    ) {
        self.id.push(a.id.clone());
        self.item.push(a.item.clone());
        self.date.push(a.date);
        self.quantity.push(a.quantity);
        self.window.push(window);
        self.raw.push(Fixed::from_raw(raw));
        self.counted.push(Fixed::from_raw(counted));
        self.status.push(status);
        self.note.push(a.note.clone().unwrap_or_default());
    }
}

/// Why a subject has its score in a period.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// # let reg = dangjian::Registry::sample_small();
/// let acts = [ActivityRecord::new("a1", "M3", "absent", "2024-03-19".parse()?)];
/// let scorer = Scorer::new(&reg, &acts, Mode::Strict)?;
/// let why = scorer.explain(&RuleSet::member_default(), "2024-03".parse()?, "M3")?;
/// assert_eq!((why.total.to_string().as_str(), why.grade.as_str(), why.rank_overall), ("55", "不合格", 4));
/// assert_eq!(why.events.id, ["a1"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Explanation {
    /// Rule set id.
    #[schemars(with = "String")]
    pub rule_set: CompactString,
    /// Rule set version.
    pub rule_version: u32,
    /// The period.
    pub period: Period,
    /// The subject.
    #[schemars(with = "String")]
    pub subject: CompactString,
    /// Base points.
    pub base: Fixed,
    /// The total (base plus counted categories, clamped to floor and ceiling).
    pub total: Fixed,
    /// Grade name.
    #[schemars(with = "String")]
    pub grade: CompactString,
    /// Stars.
    pub stars: u8,
    /// A veto event forced the lowest grade.
    pub vetoed: bool,
    /// Demoted by the top-grade quota.
    pub demoted: bool,
    /// Rank in the organization.
    pub rank_in_org: u32,
    /// Rank overall.
    pub rank_overall: u32,
    /// Per category.
    pub categories: CategoryLines,
    /// Per item.
    pub items: ItemLines,
    /// Per activity.
    pub events: EventLines,
    /// The subject's activities left out (lenient mode).
    pub diagnostics: Vec<Diagnostic>,
}

impl Explanation {
    /// Pretty JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Explanation, Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let why = Scorer::new(&reg, &[], Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M4")?;
    /// let json = why.to_json();
    /// assert!(json.contains("\"subject\": \"M4\""));
    /// assert_eq!(serde_json::from_str::<Explanation>(&json)?, why);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The activity lines as CSV.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
    /// # let reg = dangjian::Registry::sample_small();
    /// let acts = [ActivityRecord::new("a1", "M1", "meeting", "2024-03-05".parse()?)];
    /// let why = Scorer::new(&reg, &acts, Mode::Strict)?.explain(&RuleSet::member_default(), "2024-03".parse()?, "M1")?;
    /// let csv = why.events_csv();
    /// let lines: Vec<&str> = csv.lines().collect();
    /// assert_eq!(lines, ["id,item,date,quantity,window,raw,counted,status", "a1,meeting,2024-03-05,1,0,2,2,counted"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "id", "item", "date", "quantity", "window", "raw", "counted", "status",
        ]);
        let e = &self.events;
        for k in 0..e.id.len() {
            let s = |v: Option<String>| v.unwrap_or_default();
            let _ = w.write_record(
                [
                    s(e.id.get(k).map(|v| v.to_string())),
                    s(e.item.get(k).map(|v| v.to_string())),
                    s(e.date.get(k).map(|v| v.to_string())),
                    s(e.quantity.get(k).map(|v| v.to_string())),
                    s(e.window.get(k).map(|v| v.to_string())),
                    s(e.raw.get(k).map(|v| v.to_string())),
                    s(e.counted.get(k).map(|v| v.to_string())),
                    s(e.status.get(k).map(|v| format!("{v:?}").to_lowercase())),
                ]
                .map(crate::table::csv_cell),
            );
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

impl Scorer<'_> {
    /// Explains `subject`'s score in `period`: activities fill each item's cap window in date,
    /// then id, order; the one that crosses the cap counts in part (`partial`), later ones not
    /// at all (`over_cap`). The per-activity points of a window add up to the window's points
    /// exactly, and the explanation's total equals the score table's.
    ///
    /// ```
    /// use dangjian::scoring::{ActivityRecord, EventStatus, Mode, RuleSet, Scorer};
    /// use dangjian::fixed::Fixed;
    /// let reg = dangjian::Registry::sample_small();
    /// let d = |s: &str| s.parse().unwrap();
    /// let mut acts = Vec::new();
    /// for (k, h) in [4, 4, 4].iter().enumerate() {
    ///     let mut a = ActivityRecord::new(&format!("s{k}"), "M1", "service_hour", d("2024-03-10"));
    ///     a.quantity = Fixed::from_int(*h);
    ///     acts.push(a);
    /// }
    /// let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    /// let e = scorer.explain(&RuleSet::member_default(), "2024-03".parse().unwrap(), "M1").unwrap();
    /// // 12 hours at +1, capped at 10 a month: 4 + 4 + 2.
    /// assert_eq!(e.events.status, vec![EventStatus::Counted, EventStatus::Counted, EventStatus::Partial]);
    /// assert_eq!(e.events.counted[2].to_string(), "2");
    /// assert_eq!(e.total.to_string(), "70");
    /// ```
    pub fn explain<R: ScoringRules + ?Sized>(
        &self,
        rules: &R,
        period: Period,
        subject: &str,
    ) -> Result<Explanation, ScoringError> {
        let compiled = rules.compiled()?;
        let (rules, c) = (compiled.rules(), &compiled.c);
        let scored = self.score_one(&compiled, period, true)?;
        let t = &scored.table;
        let row = t.row_of(subject).ok_or_else(|| ScoringError::NotScored {
            subject: subject.into(),
            period: period.to_string(),
        })?;
        // The same activities as the table (in strict mode `score` has already succeeded).
        let (accepted, _) = self.collect(rules, period.start(), period.end(), false)?;
        let acts = self.activities();
        let sidx = self.subject_index(rules, subject);
        let mut mine: Vec<_> = accepted
            .iter()
            .filter(|a| Some(a.subject) == sidx)
            .collect();
        crate::sort::sort_by(&mut mine, |x, y| {
            let (ax, ay) = (acts.get(x.pos), acts.get(y.pos));
            (x.item, ax.map(|a| (a.date, &a.id))).cmp(&(y.item, ay.map(|a| (a.date, &a.id))))
        });
        let mut items = ItemLines::default();
        let mut events = EventLines::default();
        let mut cat_raw = [0i64; 4];
        for (k, it) in rules.items.iter().enumerate() {
            let ci = c.items.get(k).copied();
            let (mut qty, mut raw, mut counted) = (0i64, 0i64, 0i64);
            let mut win: Option<u32> = None;
            let (mut wq, mut wraw, mut wcount) = (0i64, 0i64, 0i64);
            for a in mine.iter().filter(|a| a.item as usize == k) {
                let Some(rec) = acts.get(a.pos) else { continue };
                let date = date_of_day(a.day).unwrap_or(rec.date);
                let w = it
                    .cap
                    .map_or(0, |cap| Window::index_in(cap.per, period.start(), date));
                if win != Some(w) {
                    win = Some(w);
                    (wq, wraw, wcount) = (0, 0, 0);
                }
                let points = ci.map_or(0, |ci| ci.points);
                let cap = ci.and_then(|ci| ci.cap);
                wq += a.qty;
                let new_raw = mul_points(points, wq);
                let new_count = window_points(points, wq, cap);
                let (er, ec) = (new_raw - wraw, new_count - wcount);
                (wraw, wcount) = (new_raw, new_count);
                qty += a.qty;
                raw += er;
                counted += ec;
                let status = if ec == er {
                    EventStatus::Counted
                } else if ec == 0 {
                    EventStatus::OverCap
                } else {
                    EventStatus::Partial
                };
                events.push(rec, w, er, ec, status);
            }
            items.code.push(it.code.clone());
            items.name.push(it.name.clone());
            items.category.push(it.category);
            items.quantity.push(Fixed::from_raw(qty));
            items.raw.push(Fixed::from_raw(raw));
            items.counted.push(Fixed::from_raw(counted));
            if let Some(s) = cat_raw.get_mut(it.category.index()) {
                *s = s.saturating_add(counted);
            }
        }
        // Cancelled and rejected activities of the subject, for the record.
        let diagnostics: Vec<Diagnostic> = scored
            .diagnostics
            .iter()
            .filter(|d| acts.get(d.position).is_some_and(|a| a.subject == subject))
            .cloned()
            .collect();
        for (pos, a) in acts.iter().enumerate() {
            if a.subject != subject || !period.contains(a.date) {
                continue;
            }
            if self.is_cancelled(pos) {
                let st = if a.reverses.is_some() {
                    EventStatus::Reversal
                } else {
                    EventStatus::Reversed
                };
                events.push(a, 0, 0, 0, st);
            } else if diagnostics.iter().any(|d| d.position == pos) {
                events.push(a, 0, 0, 0, EventStatus::Rejected);
            }
        }
        let mut categories = CategoryLines::default();
        let mut cat_counted = [0i64; 4];
        for (k, cat) in ItemCategory::ALL.iter().enumerate() {
            let r = crate::invariant::at(&cat_raw, k);
            let cap = c.cat_caps.get(k).copied().flatten();
            let v = category_cap(r, cap.unwrap_or(NO_CAP));
            if let Some(s) = cat_counted.get_mut(k) {
                *s = v;
            }
            categories.category.push(*cat);
            categories.raw.push(Fixed::from_raw(r));
            categories.counted.push(Fixed::from_raw(v));
            categories.cap.push(cap.map(Fixed::from_raw));
        }
        let total = Fixed::from_raw(total_of(c, cat_counted));
        Ok(Explanation {
            rule_set: rules.id.clone(),
            rule_version: rules.version,
            period,
            subject: subject.into(),
            base: rules.base,
            total,
            grade: t.grade_name(row).into(),
            stars: crate::invariant::at(&t.stars, row),
            vetoed: crate::invariant::at(&t.vetoed, row),
            demoted: crate::invariant::at(&t.demoted, row),
            rank_in_org: crate::invariant::at(&t.rank_in_org, row),
            rank_overall: crate::invariant::at(&t.rank_overall, row),
            categories,
            items,
            events,
            diagnostics,
        })
    }

    fn subject_index(&self, rules: &RuleSet, subject: &str) -> Option<u32> {
        match rules.subject {
            super::rules::SubjectKind::Member => self.registry().member_index(subject),
            super::rules::SubjectKind::Organization => self.registry().tree().index(subject),
        }
    }
}
