//! Rule sets (积分规则): data, validated on load.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{ItemCategory, RuleSet};
//! let rules = RuleSet::member_default();
//! let absent = &rules.items[rules.item_index("absent").unwrap()];
//! assert_eq!((absent.category, absent.points.to_string().as_str()), (ItemCategory::Deduction, "-5"));
//! assert_eq!(RuleSet::from_json(&rules.to_json())?, rules);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::error::RuleSetError;
use super::period::Window;
use crate::calendar::{Period, PeriodKind};
use crate::fixed::Fixed;
use crate::member::Category;
use crate::org::OrgKind;
use crate::privacy::echo_cut;

pub use crate::limits::MAX_ITEMS;
pub use crate::limits::MAX_POINTS;
pub use crate::limits::MAX_POINTS_PER_UNIT;
pub use crate::limits::MAX_RULESET_BYTES;
pub use crate::limits::MAX_RULE_NAME_CHARS;
pub use crate::limits::MAX_RULE_TEXT_CHARS;
/// Longest parser message kept in a [`RuleSetError::Parse`], in characters: a longer one
/// (which echoes a huge offending value) keeps its head and tail around `…`.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, RuleSetError, MAX_PARSE_MESSAGE_CHARS};
/// let text = format!(r#"{{"id": "x", "subject": "{}"}}"#, "m".repeat(5_000));
/// let err = RuleSet::from_json(&text).unwrap_err();
/// // cut in the middle to the limit, `…` included
/// assert!(matches!(&err, RuleSetError::Parse { message, .. }
///     if message.chars().count() == MAX_PARSE_MESSAGE_CHARS && message.contains("mmm…mmm")));
/// ```
pub const MAX_PARSE_MESSAGE_CHARS: usize = 400;

/// Who a rule set scores.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, SubjectKind};
/// assert_eq!(RuleSet::member_default().subject, SubjectKind::Member);
/// assert_eq!(RuleSet::org_default().subject, SubjectKind::Organization);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// Party members (党员积分管理).
    Member,
    /// Organizations (百分目标管理考核, seed 001).
    Organization,
}

/// The category of a rule item. Points per unit are signed: basic and reward items earn
/// (positive points), deduction items cost (negative points), veto items have zero or negative
/// points and force the lowest grade.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ItemCategory, RuleSet};
/// let rules = RuleSet::member_default();
/// let veto: Vec<&str> = rules.items.iter().filter(|i| i.category == ItemCategory::Veto).map(|i| i.code.as_str()).collect();
/// assert_eq!(veto, ["discipline"]);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemCategory {
    /// 基础 — the duties every member has (attending, dues, study).
    Basic,
    /// 奖励 — extra service and commendations.
    Reward,
    /// 扣分 — failures (absence without leave, late dues, broken commitments).
    Deduction,
    /// 一票否决 — a single event forces the lowest grade whatever the points.
    Veto,
}

impl ItemCategory {
    /// Every category, in column order.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::ItemCategory;
    /// assert_eq!(ItemCategory::ALL.map(ItemCategory::label), ["基础", "奖励", "扣分", "一票否决"]);
    /// ```
    pub const ALL: [ItemCategory; 4] = [
        ItemCategory::Basic,
        ItemCategory::Reward,
        ItemCategory::Deduction,
        ItemCategory::Veto,
    ];

    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::scoring::ItemCategory::Deduction.label(), "扣分");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ItemCategory::Basic => "基础",
            ItemCategory::Reward => "奖励",
            ItemCategory::Deduction => "扣分",
            ItemCategory::Veto => "一票否决",
        }
    }

    /// Position in [`ItemCategory::ALL`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::ItemCategory;
    /// assert_eq!(ItemCategory::Reward.index(), 1);
    /// assert!(ItemCategory::ALL.iter().all(|c| ItemCategory::ALL[c.index()] == *c));
    /// ```
    pub fn index(self) -> usize {
        match self {
            ItemCategory::Basic => 0,
            ItemCategory::Reward => 1,
            ItemCategory::Deduction => 2,
            ItemCategory::Veto => 3,
        }
    }

    /// The sign points per unit must have: 1 (positive), -1 (negative) or 0 (zero or negative).
    fn sign_rule(self) -> (&'static str, fn(Fixed) -> bool) {
        match self {
            ItemCategory::Basic | ItemCategory::Reward => {
                ("must be positive for a basic or reward item", |p| {
                    p > Fixed::ZERO
                })
            }
            ItemCategory::Deduction => {
                ("must be negative for a deduction item", |p| p < Fixed::ZERO)
            }
            ItemCategory::Veto => ("must be zero or negative for a veto item", |p| {
                p <= Fixed::ZERO
            }),
        }
    }
}

/// What one unit of an activity is.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, Unit};
/// let rules = RuleSet::member_default();
/// assert_eq!(rules.items[rules.item_index("service_hour").unwrap()].unit, Unit::Hour);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// One occurrence (a meeting attended, a commendation …).
    Occurrence,
    /// One study or training session.
    Session,
    /// One hour (of verified service).
    Hour,
    /// One day.
    Day,
    /// One month (dues paid on time, a post fulfilled).
    Month,
    /// One yuan.
    Yuan,
    /// One level (e.g. commendation level: 1 town, 2 county, 3 city, 4 province).
    Level,
}

/// A cap on the points one item may give (or take) per window: the magnitude of a window's
/// points is cut to `points`.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, Window};
/// let rules = RuleSet::member_default();
/// let cap = rules.items[rules.item_index("meeting").unwrap()].cap.unwrap();
/// assert_eq!((cap.points.to_string().as_str(), cap.per), ("8", Window::Month));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    /// Most points (a positive magnitude) per window.
    pub points: Fixed,
    /// The window.
    pub per: Window,
}

/// One rule item (积分项目).
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{ItemCategory, RuleItem, Unit};
/// let item: RuleItem = serde_json::from_str(
///     r#"{"code": "meeting", "name": "参加组织生活", "category": "basic", "points": 2, "unit": "occurrence"}"#)?;
/// assert_eq!((item.category, item.unit, item.cap), (ItemCategory::Basic, Unit::Occurrence, None));
/// assert_eq!(item.points.to_string(), "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleItem {
    /// Code used by activities (`[a-z0-9_]`, at most 64 bytes).
    #[schemars(with = "String")]
    pub code: CompactString,
    /// Display name (Chinese).
    #[schemars(with = "String")]
    pub name: CompactString,
    /// Category.
    pub category: ItemCategory,
    /// Signed points per unit, up to three decimals (see [`ItemCategory`] for the sign).
    pub points: Fixed,
    /// What one unit is.
    pub unit: Unit,
    /// Cap per window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
    /// Member categories the item applies to (all when absent; member rule sets only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible: Option<Vec<Category>>,
    /// Free note (e.g. the local rule it encodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Optional caps (magnitudes) on each category's total in a period.
///
/// # Examples
///
/// ```
/// let caps = dangjian::scoring::RuleSet::member_default().category_caps;
/// assert_eq!(caps.reward.map(|c| c.to_string()).as_deref(), Some("30")); // rewards: at most 30 a month
/// assert_eq!(caps.basic, None);
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct CategoryCaps {
    /// Cap on basic points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<Fixed>,
    /// Cap on reward points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reward: Option<Fixed>,
    /// Cap on the magnitude of deductions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduction: Option<Fixed>,
    /// Cap on the magnitude of veto points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<Fixed>,
}

impl CategoryCaps {
    /// The cap of `c`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{ItemCategory, RuleSet};
    /// let caps = RuleSet::member_default().category_caps;
    /// assert_eq!(caps.get(ItemCategory::Reward), caps.reward);
    /// assert_eq!(caps.get(ItemCategory::Deduction), None);
    /// ```
    pub fn get(&self, c: ItemCategory) -> Option<Fixed> {
        match c {
            ItemCategory::Basic => self.basic,
            ItemCategory::Reward => self.reward,
            ItemCategory::Deduction => self.deduction,
            ItemCategory::Veto => self.veto,
        }
    }

    fn is_empty(&self) -> bool {
        *self == CategoryCaps::default()
    }
}

/// One grade (等次): reached with a total of at least `min`. The last grade has no `min` and
/// takes everyone else (and every vetoed subject).
///
/// # Examples
///
/// ```
/// let grades = dangjian::scoring::RuleSet::member_default().grades;
/// let names: Vec<&str> = grades.iter().map(|g| g.name.as_str()).collect();
/// assert_eq!(names, ["优秀", "合格", "基本合格", "不合格"]);
/// assert_eq!(grades[0].min.map(|m| m.to_string()).as_deref(), Some("90"));
/// assert_eq!(grades[3].min, None); // everyone else
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeRule {
    /// Display name, e.g. `优秀`.
    #[schemars(with = "String")]
    pub name: CompactString,
    /// Lowest total of the grade; absent on the last grade only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Fixed>,
}

/// A quota on the top grade per organization (e.g. 优秀 limited to 20% of each branch).
///
/// # Examples
///
/// ```
/// let quota = dangjian::scoring::RuleSet::member_default().top_quota.unwrap();
/// assert_eq!(quota.percent.to_string(), "20"); // 优秀 for at most 20% of each branch
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// Most top grades, in percent of the organization's scored subjects (rounded down).
    pub percent: Fixed,
}

/// A declarative, versioned rule set: who is scored, over what period, from which base, by
/// which items, into which grades.
///
/// ```
/// use dangjian::scoring::{RuleSet, SubjectKind, PeriodKind};
/// let rs = RuleSet::member_default();
/// assert_eq!(rs.subject, SubjectKind::Member);
/// assert_eq!(rs.period, PeriodKind::Month);
/// assert_eq!(rs.base.to_string(), "60");
/// let bad = r#"{"id":"x","version":1,"name":"x","subject":"member","period":"month",
///   "effective_from":"2026-01-01","base":60,"grades":[{"name":"合格"}],
///   "items":[{"code":"absent","name":"缺席","category":"deduction","points":5,"unit":"occurrence"}]}"#;
/// let err = RuleSet::from_json(bad).unwrap_err();
/// assert_eq!(err.code(), "rule_set_invalid");
/// assert!(err.to_string().contains("item `absent`: field `points` 5 must be negative"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// Identifier of the table (shared by its versions), e.g. `member-default`.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// Version (1, 2, …); a later version has a later `effective_from`.
    pub version: u32,
    /// Display name.
    pub name: String,
    /// Who is scored.
    pub subject: SubjectKind,
    /// The assessment period.
    pub period: PeriodKind,
    /// First day the version is in force.
    pub effective_from: NaiveDate,
    /// Points every subject starts each period with.
    pub base: Fixed,
    /// Lowest total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Fixed>,
    /// Highest total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<Fixed>,
    /// The items.
    pub items: Vec<RuleItem>,
    /// Caps on category totals.
    #[serde(default, skip_serializing_if = "CategoryCaps::is_empty")]
    pub category_caps: CategoryCaps,
    /// Grades, best first.
    pub grades: Vec<GradeRule>,
    /// Star thresholds, ascending: a subject earns one star per threshold its total reaches
    /// (vetoed subjects earn none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stars: Vec<Fixed>,
    /// Quota on the top grade per organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_quota: Option<Quota>,
    /// Kinds of organizations scored (organization rule sets only; all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_kinds: Option<Vec<OrgKind>>,
    /// Where the table comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn parse_err(
    format: &'static str,
    path: String,
    line: usize,
    column: usize,
    message: String,
) -> RuleSetError {
    // Parser messages echo the offending value: cut it, and mask digit runs (a phone or an
    // ID number pasted into the wrong field must not reach a log).
    RuleSetError::Parse {
        format,
        path: echo_cut(&path, 7, MAX_PARSE_MESSAGE_CHARS),
        line,
        column,
        message: echo_cut(&message, 7, MAX_PARSE_MESSAGE_CHARS),
    }
}

/// The text of `bytes`, or a parse error at the first invalid UTF-8 byte (line and column
/// of that byte).
fn utf8<'b>(format: &'static str, bytes: &'b [u8]) -> Result<&'b str, RuleSetError> {
    if bytes.len() > MAX_RULESET_BYTES {
        return Err(RuleSetError::TooLarge {
            actual: bytes.len(),
            limit: MAX_RULESET_BYTES,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let before = bytes.get(..at).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        parse_err(
            format,
            ".".into(),
            1 + before.iter().filter(|&&b| b == b'\n').count(),
            1 + at - line_start,
            format!("invalid UTF-8 at byte {at}"),
        )
    })
}

#[cfg(feature = "toml")]
fn toml_to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

#[cfg(feature = "toml")]
fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = text.get(..byte).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Deserializes a JSON or TOML-derived value with the path of the first error.
#[cfg(feature = "toml")]
fn from_value<T: serde::de::DeserializeOwned>(
    format: &'static str,
    v: serde_json::Value,
) -> Result<T, RuleSetError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        parse_err(format, path, 0, 0, e.into_inner().to_string())
    })
}

fn from_json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, RuleSetError> {
    if text.len() > MAX_RULESET_BYTES {
        return Err(RuleSetError::TooLarge {
            actual: text.len(),
            limit: MAX_RULESET_BYTES,
        });
    }
    crate::json_path::from_str(text)
        .map_err(|(path, e)| parse_err("json", path, e.line(), e.column(), e.to_string()))
}

#[cfg(feature = "toml")]
fn from_toml_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, RuleSetError> {
    if text.len() > MAX_RULESET_BYTES {
        return Err(RuleSetError::TooLarge {
            actual: text.len(),
            limit: MAX_RULESET_BYTES,
        });
    }
    let v: toml::Value = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_col(text, s.start));
        parse_err("toml", ".".into(), line, column, e.message().to_string())
    })?;
    from_value("toml", toml_to_json(v))
}

impl RuleSet {
    /// Parses and validates a JSON rule set.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let text = RuleSet::member_default().to_json();
    /// assert_eq!(RuleSet::from_json(&text)?.id, "member-default");
    /// assert_eq!(RuleSet::from_json("{}").unwrap_err().code(), "rule_set_parse");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let rs: RuleSet = from_json_text(text)?;
        rs.validate()?;
        Ok(rs)
    }

    /// Parses and validates a TOML rule set (same fields as JSON; dates may be TOML dates).
    /// Needs the crate feature `toml` (on by default).
    ///
    /// # Examples
    ///
    /// ```
    /// let rules = dangjian::scoring::RuleSet::from_toml(r#"
    /// id = "mini"
    /// version = 1
    /// name = "小规则"
    /// subject = "member"
    /// period = "month"
    /// effective_from = 2026-01-01
    /// base = 60
    /// grades = [{ name = "合格" }]
    /// items = [{ code = "meeting", name = "参加组织生活", category = "basic", points = 2, unit = "occurrence" }]
    /// "#)?;
    /// assert_eq!((rules.items.len(), rules.base.to_string().as_str()), (1, "60"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<RuleSet, RuleSetError> {
        let rs: RuleSet = from_toml_text(text)?;
        rs.validate()?;
        Ok(rs)
    }

    /// [`RuleSet::from_json`] on bytes: invalid UTF-8 is a [`RuleSetError::Parse`] naming the
    /// line, column and byte.
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let e = RuleSet::from_json_bytes(b"{\"id\": \"a\xff\"}").unwrap_err();
    /// assert_eq!(e.code(), "rule_set_parse");
    /// assert!(e.to_string().contains("line 1, column 10): invalid UTF-8 at byte 9"), "{e}");
    /// ```
    pub fn from_json_bytes(bytes: &[u8]) -> Result<RuleSet, RuleSetError> {
        RuleSet::from_json(utf8("json", bytes)?)
    }

    /// [`RuleSet::from_toml`] on bytes: invalid UTF-8 is a [`RuleSetError::Parse`] naming the
    /// line, column and byte. Needs the crate feature `toml`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let e = RuleSet::from_toml_bytes(b"id = \"a\xff\"").unwrap_err();
    /// assert_eq!(e.code(), "rule_set_parse");
    /// assert!(e.to_string().contains("invalid UTF-8 at byte 7"), "{e}");
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml_bytes(bytes: &[u8]) -> Result<RuleSet, RuleSetError> {
        RuleSet::from_toml(utf8("toml", bytes)?)
    }

    /// Pretty JSON (deterministic: fields in declaration order).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let json = RuleSet::member_default().to_json();
    /// assert!(json.starts_with("{\n  \"id\": \"member-default\",\n  \"version\": 1,"));
    /// assert_eq!(RuleSet::from_json(&json)?, RuleSet::member_default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The JSON Schema of the rule set format.
    ///
    /// # Examples
    ///
    /// ```
    /// let schema = dangjian::scoring::RuleSet::json_schema();
    /// assert_eq!(schema["title"], "RuleSet");
    /// assert!(schema["required"].as_array().unwrap().iter().any(|f| f == "items"));
    /// ```
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(RuleSet)).unwrap_or_default()
    }

    /// The shipped member rule set (`core/rulesets/member-default.json`).
    ///
    /// # Examples
    ///
    /// ```
    /// let rules = dangjian::scoring::RuleSet::member_default();
    /// assert_eq!((rules.id.as_str(), rules.items.len(), rules.grades.len()), ("member-default", 11, 4));
    /// ```
    pub fn member_default() -> RuleSet {
        shipped(include_str!("../../rulesets/member-default.json"))
    }

    /// The shipped stricter member rule set for what-if comparisons
    /// (`core/rulesets/member-strict.json`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let (default, strict) = (RuleSet::member_default(), RuleSet::member_strict());
    /// let meeting = |r: &RuleSet| r.items[r.item_index("meeting").unwrap()].points.to_string();
    /// assert_eq!((meeting(&default), meeting(&strict)), ("2".to_string(), "1.5".to_string()));
    /// ```
    pub fn member_strict() -> RuleSet {
        shipped(include_str!("../../rulesets/member-strict.json"))
    }

    /// The shipped organization rule set (`core/rulesets/org-default.json`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{PeriodKind, RuleSet};
    /// let rules = RuleSet::org_default();
    /// assert_eq!((rules.period, rules.base.to_string().as_str()), (PeriodKind::Year, "100")); // 百分目标管理考核
    /// ```
    pub fn org_default() -> RuleSet {
        shipped(include_str!("../../rulesets/org-default.json"))
    }

    /// The index of the item with `code`.
    ///
    /// # Examples
    ///
    /// ```
    /// let rules = dangjian::scoring::RuleSet::member_default();
    /// assert_eq!(rules.item_index("meeting"), Some(0));
    /// assert_eq!(rules.item_index("karaoke"), None);
    /// ```
    pub fn item_index(&self, code: &str) -> Option<usize> {
        self.items.iter().position(|i| i.code == code)
    }

    /// The period of this rule set holding `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let d = dangjian::chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    /// assert_eq!(RuleSet::member_default().period_of(d).to_string(), "2026-10");
    /// assert_eq!(RuleSet::org_default().period_of(d).to_string(), "2026");
    /// ```
    pub fn period_of(&self, date: NaiveDate) -> Period {
        Period::containing(self.period, date)
    }

    /// Checks every field; the first problem is returned with its item and field.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let mut rules = RuleSet::member_default();
    /// assert!(rules.validate().is_ok());
    /// rules.grades.clear();
    /// assert_eq!(rules.validate().unwrap_err().code(), "rule_set_invalid");
    /// ```
    pub fn validate(&self) -> Result<(), RuleSetError> {
        let rs = self.id.to_string();
        let bad = |item: Option<&str>, field: &str, reason: String| {
            Err(RuleSetError::Invalid {
                rule_set: rs.clone(),
                item: item.map(Into::into),
                field: field.into(),
                reason,
            })
        };
        let in_range = |v: Fixed| v.abs() <= MAX_POINTS;
        if self.id.trim().is_empty() || self.id.len() > 64 {
            return bad(None, "id", "must be 1 to 64 bytes".into());
        }
        if self.version == 0 {
            return bad(None, "version", "must be at least 1".into());
        }
        if self.name.trim().is_empty() {
            return bad(None, "name", "is empty".into());
        }
        let too_long = |text: &str, max: usize| {
            let n = text.chars().count();
            (n > max).then(|| format!("is {n} characters long, above the limit of {max}"))
        };
        if let Some(why) = too_long(&self.name, MAX_RULE_NAME_CHARS) {
            return bad(None, "name", why);
        }
        if let Some(why) = self
            .source
            .as_deref()
            .and_then(|t| too_long(t, MAX_RULE_TEXT_CHARS))
        {
            return bad(None, "source", why);
        }
        if !crate::limits::date_in_range(self.effective_from) {
            return bad(
                None,
                "effective_from",
                format!(
                    "{} is outside {} ..= {}",
                    self.effective_from,
                    crate::limits::MIN_DATE,
                    crate::limits::MAX_DATE
                ),
            );
        }
        for (field, v) in [
            ("base", Some(self.base)),
            ("floor", self.floor),
            ("ceiling", self.ceiling),
        ] {
            if v.is_some_and(|v| !in_range(v)) {
                return bad(None, field, format!("is beyond ±{MAX_POINTS}"));
            }
        }
        if let (Some(f), Some(c)) = (self.floor, self.ceiling) {
            if f > c {
                return bad(None, "floor", format!("{f} is above the ceiling {c}"));
            }
        }
        if self.items.is_empty() || self.items.len() > MAX_ITEMS {
            return bad(None, "items", format!("must hold 1 to {MAX_ITEMS} items"));
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (position, it) in self.items.iter().enumerate() {
            let code = it.code.as_str();
            if code.is_empty()
                || code.len() > 64
                || !code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return bad(
                    Some(code),
                    "code",
                    "must be 1 to 64 characters of a-z, 0-9 and _".into(),
                );
            }
            if let Some(first) = seen.insert(code, position) {
                return Err(RuleSetError::DuplicateItem {
                    rule_set: rs.clone(),
                    code: code.into(),
                    position,
                    first,
                });
            }
            if it.name.trim().is_empty() {
                return bad(Some(code), "name", "is empty".into());
            }
            if let Some(why) = too_long(&it.name, MAX_RULE_NAME_CHARS) {
                return bad(Some(code), "name", why);
            }
            if let Some(why) = it
                .note
                .as_deref()
                .and_then(|t| too_long(t, MAX_RULE_TEXT_CHARS))
            {
                return bad(Some(code), "note", why);
            }
            let (why, ok) = it.category.sign_rule();
            if !ok(it.points) {
                return bad(Some(code), "points", format!("{} {why}", it.points));
            }
            if it.points.abs() > MAX_POINTS_PER_UNIT {
                return bad(
                    Some(code),
                    "points",
                    format!("{} is beyond ±{MAX_POINTS_PER_UNIT} per unit", it.points),
                );
            }
            if let Some(cap) = it.cap {
                if cap.points <= Fixed::ZERO || cap.points > MAX_POINTS {
                    return bad(
                        Some(code),
                        "cap.points",
                        format!(
                            "{} must be a positive magnitude up to {MAX_POINTS}",
                            cap.points
                        ),
                    );
                }
                if !cap.per.fits(self.period) {
                    return bad(
                        Some(code),
                        "cap.per",
                        format!(
                            "a {:?} window does not fit in a {} period",
                            cap.per,
                            self.period.label()
                        ),
                    );
                }
            }
            if let Some(e) = &it.eligible {
                if self.subject != SubjectKind::Member {
                    return bad(
                        Some(code),
                        "eligible",
                        "applies to member rule sets only".into(),
                    );
                }
                if e.is_empty() {
                    return bad(Some(code), "eligible", "is an empty list".into());
                }
                if let Some((k, c)) = e
                    .iter()
                    .enumerate()
                    .find(|(k, c)| e.iter().take(*k).any(|o| o == *c))
                {
                    return bad(
                        Some(code),
                        &format!("eligible[{k}]"),
                        format!("repeats `{}`", c.label()),
                    );
                }
            }
        }
        for c in ItemCategory::ALL {
            if let Some(cap) = self.category_caps.get(c) {
                if cap <= Fixed::ZERO || cap > MAX_POINTS {
                    return bad(
                        None,
                        &format!("category_caps.{}", format!("{c:?}").to_lowercase()),
                        format!("{cap} must be a positive magnitude up to {MAX_POINTS}"),
                    );
                }
            }
        }
        if self.grades.is_empty() || self.grades.len() > 32 {
            return bad(None, "grades", "must hold 1 to 32 grades".into());
        }
        let last = self.grades.len() - 1;
        let mut prev: Option<Fixed> = None;
        for (k, g) in self.grades.iter().enumerate() {
            let field = format!("grades[{k}]");
            if g.name.trim().is_empty() {
                return bad(None, &format!("{field}.name"), "is empty".into());
            }
            if let Some(why) = too_long(&g.name, MAX_RULE_NAME_CHARS) {
                return bad(None, &format!("{field}.name"), why);
            }
            if self.grades.iter().take(k).any(|o| o.name == g.name) {
                return bad(
                    None,
                    &format!("{field}.name"),
                    format!("`{}` repeats", g.name),
                );
            }
            match (k == last, g.min) {
                (true, Some(_)) => {
                    return bad(
                        None,
                        &format!("{field}.min"),
                        "must be absent on the last grade, which takes all other totals".into(),
                    )
                }
                (false, None) => {
                    return bad(
                        None,
                        &format!("{field}.min"),
                        "is required on every grade but the last".into(),
                    )
                }
                (false, Some(m)) => {
                    if !in_range(m) {
                        return bad(
                            None,
                            &format!("{field}.min"),
                            format!("is beyond ±{MAX_POINTS}"),
                        );
                    }
                    if prev.is_some_and(|p| m >= p) {
                        return bad(
                            None,
                            &format!("{field}.min"),
                            format!("{m} must be below the previous grade's minimum"),
                        );
                    }
                    prev = Some(m);
                }
                (true, None) => {}
            }
        }
        if self.stars.len() > 16 {
            return bad(None, "stars", "holds more than 16 thresholds".into());
        }
        for (k, s) in self.stars.iter().enumerate() {
            if !in_range(*s) {
                return bad(
                    None,
                    &format!("stars[{k}]"),
                    format!("is beyond ±{MAX_POINTS}"),
                );
            }
            if k > 0 && self.stars.get(k - 1).is_some_and(|p| p >= s) {
                return bad(
                    None,
                    &format!("stars[{k}]"),
                    "thresholds must increase".into(),
                );
            }
        }
        if let Some(q) = self.top_quota {
            if q.percent <= Fixed::ZERO || q.percent > Fixed::from_int(100) {
                return bad(
                    None,
                    "top_quota.percent",
                    format!("{} must be above 0 and at most 100", q.percent),
                );
            }
            if self.grades.len() < 2 {
                return bad(
                    None,
                    "top_quota",
                    "needs at least two grades (the quota demotes to the second)".into(),
                );
            }
        }
        if let Some(k) = &self.org_kinds {
            if self.subject != SubjectKind::Organization {
                return bad(
                    None,
                    "org_kinds",
                    "applies to organization rule sets only".into(),
                );
            }
            if k.is_empty() {
                return bad(None, "org_kinds", "is an empty list".into());
            }
            if let Some((p, kind)) = k
                .iter()
                .enumerate()
                .find(|(p, c)| k.iter().take(*p).any(|o| o == *c))
            {
                return bad(
                    None,
                    &format!("org_kinds[{p}]"),
                    format!("repeats `{kind}`"),
                );
            }
        }
        Ok(())
    }
}

fn shipped(text: &str) -> RuleSet {
    // The shipped files are checked by unit tests; this fallback is never taken.
    RuleSet::from_json(text).unwrap_or_else(|_| RuleSet {
        id: "invalid".into(),
        version: 1,
        name: "invalid".into(),
        subject: SubjectKind::Member,
        period: PeriodKind::Month,
        effective_from: NaiveDate::MIN,
        base: Fixed::ZERO,
        floor: None,
        ceiling: None,
        items: Vec::new(),
        category_caps: CategoryCaps::default(),
        grades: Vec::new(),
        stars: Vec::new(),
        top_quota: None,
        org_kinds: None,
        source: None,
    })
}

/// The versions of one rule table over the years. Scoring a period uses the version in force
/// on the period's first day (the latest `effective_from` on or before it), so last year's
/// report is reproduced with last year's table.
///
/// ```
/// use dangjian::scoring::{RuleBook, RuleSet, Period};
/// let v1 = RuleSet::member_default();
/// let mut v2 = v1.clone();
/// v2.version = 2;
/// v2.effective_from = "2026-07-01".parse().unwrap();
/// let book = RuleBook::new(vec![v2, v1]).unwrap();
/// let june: Period = "2026-06".parse().unwrap();
/// assert_eq!(book.for_period(june).unwrap().version, 1);
/// assert_eq!(book.for_period(june.next()).unwrap().version, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "Vec<RuleSet>", into = "Vec<RuleSet>")]
pub struct RuleBook {
    sets: Vec<RuleSet>,
}

impl TryFrom<Vec<RuleSet>> for RuleBook {
    type Error = RuleSetError;
    fn try_from(v: Vec<RuleSet>) -> Result<Self, RuleSetError> {
        RuleBook::new(v)
    }
}

impl From<RuleBook> for Vec<RuleSet> {
    fn from(b: RuleBook) -> Self {
        b.sets
    }
}

impl RuleBook {
    /// A book of versions: each valid, all of one id, subject and period, versions rising with
    /// `effective_from`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleBook, RuleSet};
    /// let v1 = RuleSet::member_default();
    /// let v2 = RuleSet { version: 2, effective_from: "2026-07-01".parse()?, ..v1.clone() };
    /// assert_eq!(RuleBook::new(vec![v2, v1.clone()])?.versions().len(), 2);
    /// let twin = RuleSet { version: 2, ..v1.clone() }; // same effective date
    /// assert_eq!(RuleBook::new(vec![v1, twin]).unwrap_err().code(), "rule_book");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(mut sets: Vec<RuleSet>) -> Result<RuleBook, RuleSetError> {
        for (k, s) in sets.iter().enumerate() {
            s.validate().map_err(|e| RuleSetError::Book {
                rule_set: s.id.to_string(),
                version: s.version,
                reason: format!(
                    "规则册第{}个版本无效：{e} / entry #{k} of the book is invalid: {e}",
                    k + 1
                ),
            })?;
        }
        crate::sort::sort_by_key(&mut sets, |s| (s.effective_from, s.version));
        let book_err = |s: &RuleSet, reason: String| RuleSetError::Book {
            rule_set: s.id.to_string(),
            version: s.version,
            reason,
        };
        let Some(first) = sets.first() else {
            return Err(RuleSetError::Book {
                rule_set: String::new(),
                version: 0,
                reason: "the book is empty".into(),
            });
        };
        for w in sets.windows(2) {
            if let [a, b] = w {
                if b.id != first.id || b.subject != first.subject || b.period != first.period {
                    return Err(book_err(b, format!("differs from `{}` in id, subject or period; a book holds versions of one table", first.id)));
                }
                if b.effective_from == a.effective_from {
                    return Err(book_err(
                        b,
                        format!(
                            "takes effect on {}, like version {}",
                            b.effective_from, a.version
                        ),
                    ));
                }
                if b.version <= a.version {
                    return Err(book_err(
                        b,
                        format!(
                            "takes effect after version {} but is not numbered above it",
                            a.version
                        ),
                    ));
                }
            }
        }
        Ok(RuleBook { sets })
    }

    /// Parses a JSON array of rule sets.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleBook, RuleSet};
    /// let book = RuleBook::from_json(&format!("[{}]", RuleSet::member_default().to_json()))?;
    /// assert_eq!(book.versions()[0].id, "member-default");
    /// assert_eq!(RuleBook::from_json("[]").unwrap_err().code(), "rule_book"); // an empty book
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<RuleBook, RuleSetError> {
        let sets: Vec<RuleSet> = from_json_text(text)?;
        RuleBook::new(sets)
    }

    /// [`RuleBook::from_json`] on bytes (invalid UTF-8 is a [`RuleSetError::Parse`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleBook, RuleSet};
    /// let text = format!("[{}]", RuleSet::member_default().to_json());
    /// assert_eq!(RuleBook::from_json_bytes(text.as_bytes())?.versions().len(), 1);
    /// assert_eq!(RuleBook::from_json_bytes(b"[\xff]").unwrap_err().code(), "rule_set_parse");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_bytes(bytes: &[u8]) -> Result<RuleBook, RuleSetError> {
        RuleBook::from_json(utf8("json", bytes)?)
    }

    /// The versions, oldest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleBook, RuleSet};
    /// let v1 = RuleSet::member_default();
    /// let v2 = RuleSet { version: 2, effective_from: "2026-07-01".parse()?, ..v1.clone() };
    /// let book = RuleBook::new(vec![v2, v1])?;
    /// assert_eq!(book.versions().iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn versions(&self) -> &[RuleSet] {
        &self.sets
    }

    /// The version in force on `date`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleBook, RuleSet};
    /// let v1 = RuleSet::member_default(); // in force from 2022-11-01
    /// let v2 = RuleSet { version: 2, effective_from: "2026-07-01".parse()?, ..v1.clone() };
    /// let book = RuleBook::new(vec![v1, v2])?;
    /// let d = |y, m, d| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(book.in_force(d(2026, 6, 30)).map(|r| r.version), Some(1));
    /// assert_eq!(book.in_force(d(2026, 7, 1)).map(|r| r.version), Some(2));
    /// assert!(book.in_force(d(2022, 10, 31)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn in_force(&self, date: NaiveDate) -> Option<&RuleSet> {
        self.sets.iter().rev().find(|s| s.effective_from <= date)
    }

    /// The version used to score `period`: the one in force on its first day.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{Period, RuleBook, RuleSet};
    /// let book = RuleBook::new(vec![RuleSet::member_default()])?;
    /// let oct: Period = "2026-10".parse()?;
    /// assert_eq!(book.for_period(oct).map(|r| r.version), Some(1));
    /// assert!(book.for_period("2022-10".parse()?).is_none()); // before version 1
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_period(&self, period: Period) -> Option<&RuleSet> {
        self.in_force(period.start())
    }
}

/// A rule set in the form the kernel uses: thousandths and indices.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) items: Vec<CompiledItem>,
    pub(crate) base: i64,
    pub(crate) floor: i64,
    pub(crate) ceiling: i64,
    pub(crate) cat_caps: [Option<i64>; 4],
    /// Minimum of each grade but the last, best first.
    pub(crate) grade_mins: Vec<i64>,
    pub(crate) stars: Vec<i64>,
    /// Top-grade quota in thousandths of a percent.
    pub(crate) quota: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct CompiledItem {
    pub(crate) points: i64,
    pub(crate) cap: Option<i64>,
    /// Window index into the per-period tables: 0..5 = [`Window::ALL`], 5 = the whole period.
    pub(crate) window: u8,
    pub(crate) cat: u8,
}

/// Window slot for items without a cap (the whole period is one window).
pub(crate) const WHOLE: u8 = 5;

/// A rule set validated once and compiled to the kernel's form (thousandths and indices).
///
/// Every scoring function ([`score_columns`](super::score_columns),
/// [`Scorer::score`](super::Scorer::score), [`Scorer::explain`](super::Scorer::explain),
/// [`Scorer::what_if`](super::Scorer::what_if), [`AnnualSummary`](super::AnnualSummary)) takes
/// either a [`RuleSet`] (validated and compiled once per call) or a `CompiledRules` (validated
/// once, when made, and never again): compile a rule set that is used for many calls. A
/// `CompiledRules` cannot be changed (its rule set is read through `Deref`), so it stays valid.
///
/// ```
/// use dangjian::scoring::{Mode, RuleSet, Scorer};
/// let rules = RuleSet::member_default().compile().unwrap();
/// assert_eq!(rules.id, "member-default"); // the rule set's fields, read-only
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
/// let t = scorer.score(&rules, "2026-10".parse().unwrap()).unwrap().table;
/// assert_eq!(t, scorer.score(&RuleSet::member_default(), "2026-10".parse().unwrap()).unwrap().table);
///
/// let mut bad = RuleSet::member_default();
/// bad.base = dangjian::fixed::Fixed::from_int(-2_000_000_000);
/// assert_eq!(bad.compile().unwrap_err().code(), "rule_set_invalid");
/// ```
#[derive(Debug, Clone)]
pub struct CompiledRules {
    rules: RuleSet,
    pub(crate) c: Compiled,
}

impl CompiledRules {
    /// Validates `rules` and compiles them.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{CompiledRules, RuleSet};
    /// let compiled = CompiledRules::new(RuleSet::member_default())?;
    /// assert_eq!(compiled.items.len(), 11);
    /// let empty = RuleSet { grades: vec![], ..RuleSet::member_default() };
    /// assert_eq!(CompiledRules::new(empty).unwrap_err().code(), "rule_set_invalid");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(rules: RuleSet) -> Result<CompiledRules, RuleSetError> {
        let c = Compiled::new(&rules)?;
        Ok(CompiledRules { rules, c })
    }

    /// The rule set.
    ///
    /// # Examples
    ///
    /// ```
    /// let compiled = dangjian::scoring::RuleSet::member_strict().compile()?;
    /// assert_eq!(compiled.rules().id, "member-strict");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The rule set back (to change it and compile it again).
    ///
    /// # Examples
    ///
    /// ```
    /// let compiled = dangjian::scoring::RuleSet::member_default().compile()?;
    /// let mut rules = compiled.into_rules();
    /// rules.base = dangjian::fixed::Fixed::from_int(70);
    /// assert_eq!(rules.compile()?.base.to_string(), "70");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_rules(self) -> RuleSet {
        self.rules
    }
}

impl std::ops::Deref for CompiledRules {
    type Target = RuleSet;
    fn deref(&self) -> &RuleSet {
        &self.rules
    }
}

impl PartialEq for CompiledRules {
    fn eq(&self, other: &Self) -> bool {
        self.rules == other.rules
    }
}

impl Eq for CompiledRules {}

impl TryFrom<RuleSet> for CompiledRules {
    type Error = RuleSetError;
    fn try_from(rules: RuleSet) -> Result<Self, RuleSetError> {
        CompiledRules::new(rules)
    }
}

mod sealed {
    /// The seal: no type outside the crate can implement [`ScoringRules`](super::ScoringRules).
    ///
    /// ```compile_fail
    /// struct MyRules;
    /// impl dangjian::scoring::ScoringRules for MyRules {
    ///     fn compiled(&self) -> Result<std::borrow::Cow<'_, dangjian::scoring::CompiledRules>, dangjian::scoring::RuleSetError> { todo!() }
    ///     fn rule_set(&self) -> &dangjian::scoring::RuleSet { todo!() }
    /// }
    /// ```
    pub trait Sealed {}
    impl Sealed for super::RuleSet {}
    impl Sealed for super::CompiledRules {}
}

/// What the scoring functions take: a [`RuleSet`] (validated and compiled once per call) or a
/// [`CompiledRules`] (already validated: nothing is checked again). Sealed.
///
/// # Examples
///
/// ```
/// use dangjian::scoring::{RuleSet, ScoringRules};
/// fn base_of(rules: &impl ScoringRules) -> String {
///     rules.rule_set().base.to_string()
/// }
/// let rules = RuleSet::member_default();
/// assert_eq!(base_of(&rules), "60");
/// assert_eq!(base_of(&rules.compile()?), "60");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ScoringRules: sealed::Sealed {
    /// The compiled form: borrowed from a [`CompiledRules`], made (validated) from a
    /// [`RuleSet`].
    ///
    /// ```
    /// use dangjian::scoring::{RuleSet, ScoringRules};
    /// let rs = RuleSet::member_default();
    /// let c = rs.compiled().unwrap(); // validated here, once
    /// assert_eq!(c.rules(), &rs);
    /// ```
    fn compiled(&self) -> Result<std::borrow::Cow<'_, CompiledRules>, RuleSetError>;

    /// The rule set (not validated by this call).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::scoring::{RuleSet, ScoringRules};
    /// let rules = RuleSet::member_default();
    /// assert_eq!(rules.compile()?.rule_set(), &rules);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn rule_set(&self) -> &RuleSet;
}

impl ScoringRules for RuleSet {
    fn compiled(&self) -> Result<std::borrow::Cow<'_, CompiledRules>, RuleSetError> {
        self.compile().map(std::borrow::Cow::Owned)
    }

    fn rule_set(&self) -> &RuleSet {
        self
    }
}

impl ScoringRules for CompiledRules {
    fn compiled(&self) -> Result<std::borrow::Cow<'_, CompiledRules>, RuleSetError> {
        Ok(std::borrow::Cow::Borrowed(self))
    }

    fn rule_set(&self) -> &RuleSet {
        &self.rules
    }
}

impl RuleSet {
    /// Validates the rule set and compiles it for scoring (see [`CompiledRules`]).
    ///
    /// ```
    /// use dangjian::scoring::RuleSet;
    /// let c = RuleSet::member_default().compile().unwrap();
    /// assert_eq!(c.items.len(), RuleSet::member_default().items.len());
    /// ```
    pub fn compile(&self) -> Result<CompiledRules, RuleSetError> {
        CompiledRules::new(self.clone())
    }
}

impl Compiled {
    pub(crate) fn new(rs: &RuleSet) -> Result<Compiled, RuleSetError> {
        rs.validate()?;
        Ok(Compiled {
            items: rs
                .items
                .iter()
                .map(|it| CompiledItem {
                    points: it.points.raw(),
                    cap: it.cap.map(|c| c.points.raw()),
                    window: it
                        .cap
                        .and_then(|c| Window::ALL.iter().position(|w| *w == c.per))
                        .map_or(WHOLE, |p| p as u8),
                    cat: it.category.index() as u8,
                })
                .collect(),
            base: rs.base.raw(),
            floor: rs.floor.map_or(i64::MIN, Fixed::raw),
            ceiling: rs.ceiling.map_or(i64::MAX, Fixed::raw),
            cat_caps: ItemCategory::ALL.map(|c| rs.category_caps.get(c).map(Fixed::raw)),
            grade_mins: rs
                .grades
                .iter()
                .filter_map(|g| g.min.map(Fixed::raw))
                .collect(),
            stars: rs.stars.iter().map(|s| s.raw()).collect(),
            quota: rs.top_quota.map(|q| q.percent.raw()),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn shipped_rule_sets_load() {
        for text in [
            include_str!("../../rulesets/member-default.json"),
            include_str!("../../rulesets/member-strict.json"),
            include_str!("../../rulesets/org-default.json"),
        ] {
            let rs = RuleSet::from_json(text).unwrap();
            assert_eq!(RuleSet::from_json(&rs.to_json()).unwrap(), rs);
        }
        #[cfg(feature = "toml")]
        {
            let toml =
                RuleSet::from_toml(include_str!("../../rulesets/member-default.toml")).unwrap();
            assert_eq!(toml, RuleSet::member_default());
        }
    }
}
