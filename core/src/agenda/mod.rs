//! The agenda (待办与提醒): as of any date, what falls due in the next `days` days and what is
//! already overdue, one row per item, each naming the catalogued rule behind it
//! ([`crate::catalogue`]), the organization, the member (name masked), the due date and the days
//! left (negative when overdue).
//!
//! What the agenda holds, by rule:
//!
//! | rule | row | due date | gone when |
//! |---|---|---|---|
//! | `conversion_due` | a probationary member | the day probation ends (党章 art. 7) | converted, extended past the window, or cancelled |
//! | `talk_within_one_month` | an applicant not yet talked with | application + 1 month (发展细则 第七条) | the talk is recorded |
//! | `activist_one_year` | an activist | designation + 1 year (发展细则) | named candidate |
//! | `activist_training`, `candidate_training`, `political_review`, `pre_examination`, `public_notice` | a candidate with the step not yet recorded | the day named candidate (the step is due before admission; no later deadline) | the step is recorded |
//! | `term_expired` | an organization whose term ends | the first day after the term (党章 art. 30) | an election is recorded |
//! | `art9_dues` | a member with five consecutive months unpaid | the deadline of the sixth month (党章 art. 9) | a month of the run, or the sixth, is paid |
//! | `art9_org_life` | a member five months without organization life | the last day of the sixth month (党章 art. 9) | the member attends a meeting |
//! | `dues_monthly` | a member (on the date) with months unpaid past their deadline in the twelve months to the date | the deadline of the first such month (党费规定) | every such month paid or excused |
//! | `meeting_*` | an organization short of a meeting this month, quarter or year (an appraisal recorded counts as the year's 民主评议党员) | the period's last day (支部条例) | enough meetings held |
//! | `jubilee_50_years` | a member on this or next year's medal list | 1 July of the award year (中组部 2021) | 1 July has passed |
//! | `transfer_letter_expiry` | an introduction letter not yet received | issue date + validity days | received, returned or cancelled |
//! | `appraisal_rectification` | a 限期改正 under way | its deadline | an outcome is recorded |
//! | `practice_cobuild_commitment` | a co-building unit short of its commitment in the month, quarter or year in progress (seed 002) | the period's last day in force | enough activities recorded |
//! | `cobuild_agreement_end` | a co-building agreement ending (seed 002) | its last day in force | renewed by a later agreement of the unit with the organization, or the day passes |
//! | `post_claim_end` | a post claim (认领) with its release day recorded (seed 003) | the last day held | the seat is taken over on the release day (renewed or claimed by another), the post closes, or the day comes |
//!
//! ```
//! use dangjian::agenda::Agenda;
//! let ds = dangjian::synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let a = Agenda::build(&ds, &reg, "2026-10-31".parse().unwrap(), 30).unwrap();
//! assert!(!a.is_empty());
//! // every row names a rule of the catalogue
//! assert!(a.rule.iter().all(|r| dangjian::catalogue::find(r).is_some()));
//! ```

mod build;
mod practice;
mod table;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::compliance::ComplianceError;
use crate::registry::RegistryError;

/// The longest look-ahead the agenda accepts, in days (ten years).
///
/// # Examples
///
/// ```
/// use dangjian::agenda::{Agenda, MAX_DAYS};
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// let as_of = "2024-02-15".parse()?;
/// assert!(Agenda::build(&ds, &reg, as_of, MAX_DAYS).is_ok());
/// let err = Agenda::build(&ds, &reg, as_of, MAX_DAYS + 1).unwrap_err();
/// assert_eq!(err.code(), "agenda_too_many_days");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_DAYS: u32 = 3660;

/// The state of an agenda row on its date.
///
/// # Examples
///
/// ```
/// use dangjian::agenda::{Agenda, AgendaStatus};
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// // M2's probation ends on 2024-03-01.
/// let before = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
/// assert_eq!(before.items()[0].status, AgendaStatus::Upcoming);
/// let after = Agenda::build(&ds, &reg, "2024-03-10".parse()?, 30)?;
/// assert_eq!(after.items()[0].status, AgendaStatus::Overdue);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgendaStatus {
    /// The due date has passed (`days_left < 0`).
    Overdue,
    /// Due today.
    Today,
    /// Due within the look-ahead.
    Upcoming,
}

impl AgendaStatus {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::agenda::AgendaStatus;
    /// assert_eq!(AgendaStatus::Overdue.label(), "已逾期");
    /// assert_eq!(AgendaStatus::Today.label(), "今日到期");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            AgendaStatus::Overdue => "已逾期",
            AgendaStatus::Today => "今日到期",
            AgendaStatus::Upcoming => "即将到期",
        }
    }

    fn of(days_left: i64) -> AgendaStatus {
        match days_left {
            d if d < 0 => AgendaStatus::Overdue,
            0 => AgendaStatus::Today,
            _ => AgendaStatus::Upcoming,
        }
    }
}

/// One row of the agenda.
///
/// # Examples
///
/// ```
/// use dangjian::agenda::{Agenda, AgendaStatus};
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
/// let row = &agenda.items()[0];
/// assert_eq!((row.rule.as_str(), row.item.as_str()), ("conversion_due", "预备期满，讨论转正"));
/// assert_eq!((row.member.as_str(), row.name.as_str()), ("M2", "李*")); // the name masked
/// assert_eq!((row.due.to_string(), row.days_left), ("2024-03-01".to_string(), 15));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Catalogue code of the rule.
    pub rule: String,
    /// What is due, in Chinese.
    pub item: String,
    /// Organization id (the member's branch or group, or the organization concerned).
    pub org: String,
    /// Organization name.
    pub org_name: String,
    /// Member id (empty for an organization's item).
    pub member: String,
    /// Name, masked (`张*`; empty for an organization's item).
    pub name: String,
    /// Due date.
    pub due: NaiveDate,
    /// Days from the agenda's date to `due` (negative: overdue).
    pub days_left: i64,
    /// Overdue, today or upcoming.
    pub status: AgendaStatus,
}

/// The agenda of a date: rows sorted by due date, then rule, organization and member.
///
/// # Examples
///
/// ```
/// use dangjian::agenda::Agenda;
/// use dangjian::io::Dataset;
/// let ds = Dataset::sample_small();
/// let reg = ds.to_registry()?;
/// let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
/// assert_eq!(agenda.rule, ["conversion_due"]); // one column per field, one row per item
/// assert_eq!(agenda.org_name, ["第一党支部"]);
/// assert_eq!(agenda.days_left, [15]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The agenda's date.
    pub as_of: NaiveDate,
    /// Look-ahead in days: rows due on or before `as_of + days` (and every overdue row).
    pub days: u32,
    /// Rule codes.
    pub rule: Vec<String>,
    /// What is due.
    pub item: Vec<String>,
    /// Organization ids.
    pub org: Vec<String>,
    /// Organization names.
    pub org_name: Vec<String>,
    /// Member ids.
    pub member: Vec<String>,
    /// Masked names.
    pub name: Vec<String>,
    /// Due dates.
    pub due: Vec<NaiveDate>,
    /// Days left (negative: overdue).
    pub days_left: Vec<i64>,
    /// Status labels (Chinese).
    pub status: Vec<String>,
}

/// Why an agenda could not be built.
///
/// # Examples
///
/// ```
/// use dangjian::agenda::{Agenda, AgendaError};
/// # let ds = dangjian::io::Dataset::sample_small();
/// # let reg = ds.to_registry()?;
/// let long_ago = dangjian::chrono::NaiveDate::from_ymd_opt(1850, 1, 1).ok_or("no such day")?;
/// let err = Agenda::build(&ds, &reg, long_ago, 30).unwrap_err();
/// assert!(matches!(err, AgendaError::BadDate { .. }));
/// assert_eq!(err.to_string(), "日期 1850-01-01 超出 1900—2199 年（date 1850-01-01 is outside the years 1900 to 2199）");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    /// The look-ahead is longer than [`MAX_DAYS`].
    #[error("提前天数 {days} 超过上限 {max}（look-ahead of {days} days exceeds {max}）")]
    TooManyDays {
        /// Days asked.
        days: u32,
        /// The limit.
        max: u32,
    },
    /// The date lies outside the years the library keeps.
    #[error("日期 {date} 超出 1900—2199 年（date {date} is outside the years 1900 to 2199）")]
    BadDate {
        /// The date asked.
        date: NaiveDate,
    },
    /// The dataset is invalid.
    #[error(transparent)]
    Registry(#[from] RegistryError),
    /// The dues or meeting records are invalid.
    #[error(transparent)]
    Compliance(#[from] ComplianceError),
    /// The appraisals or letters are invalid.
    #[error(transparent)]
    Year(#[from] crate::year::YearError),
}

impl AgendaError {
    /// A stable machine-readable code for the variant.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::agenda::AgendaError;
    /// let err = AgendaError::TooManyDays { days: 5000, max: dangjian::agenda::MAX_DAYS };
    /// assert_eq!(err.code(), "agenda_too_many_days");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            AgendaError::TooManyDays { .. } => "agenda_too_many_days",
            AgendaError::BadDate { .. } => "bad_date",
            AgendaError::Registry(e) => e.code(),
            AgendaError::Compliance(e) => e.code(),
            AgendaError::Year(e) => e.code(),
        }
    }
}

impl Agenda {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::agenda::Agenda;
    /// # let ds = dangjian::io::Dataset::sample_small();
    /// # let reg = ds.to_registry()?;
    /// let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
    /// assert_eq!(agenda.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.rule.len()
    }

    /// Whether there are no rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::agenda::Agenda;
    /// # let ds = dangjian::io::Dataset::sample_small();
    /// # let reg = ds.to_registry()?;
    /// let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 7)?; // M2's conversion is 15 days off
    /// assert!(agenda.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rule.is_empty()
    }

    /// The rows as records (for JSON).
    ///
    /// ```
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let a = dangjian::agenda::Agenda::build(&ds, &reg, "2026-10-31".parse().unwrap(), 30).unwrap();
    /// assert_eq!(a.items().len(), a.len());
    /// ```
    pub fn items(&self) -> Vec<AgendaItem> {
        (0..self.len())
            .filter_map(|i| {
                let days_left = *self.days_left.get(i)?;
                Some(AgendaItem {
                    rule: self.rule.get(i)?.clone(),
                    item: self.item.get(i)?.clone(),
                    org: self.org.get(i)?.clone(),
                    org_name: self.org_name.get(i)?.clone(),
                    member: self.member.get(i)?.clone(),
                    name: self.name.get(i)?.clone(),
                    due: *self.due.get(i)?,
                    days_left,
                    status: AgendaStatus::of(days_left),
                })
            })
            .collect()
    }

    /// The agenda as JSON: `{"as_of", "days", "items": [...]}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::agenda::Agenda;
    /// # let ds = dangjian::io::Dataset::sample_small();
    /// # let reg = ds.to_registry()?;
    /// let agenda = Agenda::build(&ds, &reg, "2024-02-15".parse()?, 30)?;
    /// let json: serde_json::Value = serde_json::from_str(&agenda.to_json())?;
    /// assert_eq!(json["as_of"], "2024-02-15");
    /// assert_eq!(json["items"][0]["rule"], "conversion_due");
    /// assert_eq!(json["items"][0]["status"], "upcoming");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        let v = serde_json::json!({
            "as_of": self.as_of,
            "days": self.days,
            "items": self.items(),
        });
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }

    /// The agenda as Chinese text, one line per row.
    ///
    /// ```
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let a = dangjian::agenda::Agenda::build(&ds, &reg, "2026-10-31".parse().unwrap(), 30).unwrap();
    /// assert!(a.render_text().starts_with("待办与提醒"));
    /// ```
    pub fn render_text(&self) -> String {
        let mut out = format!(
            "待办与提醒（截至 {}，未来 {} 天及已逾期）：共 {} 项\n",
            self.as_of,
            self.days,
            self.len()
        );
        for it in self.items() {
            let when = match it.status {
                AgendaStatus::Overdue => format!("已逾期 {} 天", -it.days_left),
                AgendaStatus::Today => "今日到期".to_string(),
                AgendaStatus::Upcoming => format!("还有 {} 天", it.days_left),
            };
            let who = if it.member.is_empty() {
                String::new()
            } else {
                format!(" {} {}", it.member, it.name)
            };
            out.push_str(&format!(
                "- {} {}（{}）{} {}{}［{}］\n",
                it.due, it.item, when, it.org_name, it.org, who, it.rule
            ));
        }
        out
    }

    fn push(&mut self, row: Row) {
        let days_left = (row.due - self.as_of).num_days();
        self.rule.push(row.rule.to_string());
        self.item.push(row.item);
        self.org.push(row.org);
        self.org_name.push(row.org_name);
        self.member.push(row.member);
        self.name.push(row.name);
        self.due.push(row.due);
        self.days_left.push(days_left);
        self.status
            .push(AgendaStatus::of(days_left).label().to_string());
    }
}

/// A row before it is placed in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    rule: &'static str,
    item: String,
    org: String,
    org_name: String,
    member: String,
    name: String,
    due: NaiveDate,
}
