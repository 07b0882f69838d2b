//! 党员增减名册: the additions to and removals from the community's membership in a period, each
//! with its coded reason (the 党员增减 table of 党内统计 counts them by reason).
//!
//! # Examples
//!
//! ```
//! use dangjian::year::{ChangeReason, ChangeRegister};
//! let ds = dangjian::io::Dataset::sample_small();
//! let reg = ds.to_registry()?;
//! let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! let r = ChangeRegister::from_events(&ds.events, &reg, d("2023-01-01"), d("2023-12-31"));
//! assert_eq!((r.member.as_slice(), r.reason.as_slice()), (&["M2".to_string()][..], &[ChangeReason::Admitted][..]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::member::{EventRecord, EventType};
use crate::registry::Registry;
use crate::table::{Column, ColumnData, Role, Table};

/// Addition or removal.
///
/// # Examples
///
/// ```
/// # use dangjian::member::{EventRecord, EventType};
/// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let mut ds = dangjian::io::Dataset::sample_small();
/// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
/// # let reg = ds.to_registry()?;
/// let r = ChangeRegister::from_events(&ds.events, &reg, d("2024-01-01"), d("2024-12-31"));
/// assert_eq!(r.direction, [ChangeDirection::Removed]); // M4 died
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
pub enum ChangeDirection {
    /// 增加.
    Added,
    /// 减少.
    Removed,
}

impl ChangeDirection {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::ChangeDirection::Removed.label(), "减少");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ChangeDirection::Added => "增加",
            ChangeDirection::Removed => "减少",
        }
    }
}

/// The coded reason of an addition or removal.
///
/// # Examples
///
/// ```
/// # use dangjian::member::{EventRecord, EventType};
/// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let mut ds = dangjian::io::Dataset::sample_small();
/// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
/// # let reg = ds.to_registry()?;
/// let r = ChangeRegister::from_events(&ds.events, &reg, d("2021-01-01"), d("2024-12-31"));
/// use ChangeReason::*;
/// assert_eq!(r.reason, [TransferredIn, TransferredIn, Admitted, Died]); // M3, M4, M2, M4
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
pub enum ChangeReason {
    /// 发展党员: admitted as probationary member.
    Admitted,
    /// 转入: organizational relationship transferred in.
    TransferredIn,
    /// 初始登记: registered when the records begin.
    Registered,
    /// 转出.
    TransferredOut,
    /// 死亡.
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

impl ChangeReason {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(dangjian::year::ChangeReason::ProbationCancelled.label(), "取消预备党员资格");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            ChangeReason::Admitted => "发展党员",
            ChangeReason::TransferredIn => "组织关系转入",
            ChangeReason::Registered => "初始登记",
            ChangeReason::TransferredOut => "组织关系转出",
            ChangeReason::Died => "死亡",
            ChangeReason::Expelled => "开除党籍",
            ChangeReason::Removed => "除名",
            ChangeReason::Withdrew => "自行脱党",
            ChangeReason::ProbationCancelled => "取消预备党员资格",
        }
    }

    /// The stable code (`admitted`, `transferred_in` …).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::year::ChangeReason;
    /// assert_eq!(ChangeReason::TransferredOut.code(), "transferred_out");
    /// assert_eq!(serde_json::to_string(&ChangeReason::TransferredOut)?, "\"transferred_out\"");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            ChangeReason::Admitted => "admitted",
            ChangeReason::TransferredIn => "transferred_in",
            ChangeReason::Registered => "registered",
            ChangeReason::TransferredOut => "transferred_out",
            ChangeReason::Died => "died",
            ChangeReason::Expelled => "expelled",
            ChangeReason::Removed => "removed",
            ChangeReason::Withdrew => "withdrew",
            ChangeReason::ProbationCancelled => "probation_cancelled",
        }
    }

    fn of(kind: EventType) -> Option<ChangeReason> {
        Some(match kind {
            EventType::Admitted => ChangeReason::Admitted,
            EventType::TransferredIn => ChangeReason::TransferredIn,
            EventType::Registered => ChangeReason::Registered,
            EventType::TransferredOut => ChangeReason::TransferredOut,
            EventType::Died => ChangeReason::Died,
            EventType::Expelled => ChangeReason::Expelled,
            EventType::Removed => ChangeReason::Removed,
            EventType::Withdrew => ChangeReason::Withdrew,
            EventType::ProbationCancelled => ChangeReason::ProbationCancelled,
            _ => return None,
        })
    }
}

/// A line of the register in the report JSON.
///
/// # Examples
///
/// ```
/// # use dangjian::member::{EventRecord, EventType};
/// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let mut ds = dangjian::io::Dataset::sample_small();
/// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
/// # let reg = ds.to_registry()?;
/// let r = ChangeRegister::from_events(&ds.events, &reg, d("2024-01-01"), d("2024-12-31"));
/// let line = &r.lines()[0];
/// assert_eq!((line.member.as_str(), line.name.as_str(), line.org.as_str()), ("M4", "赵**", "B2"));
/// assert_eq!((line.reason, line.rule.as_str()), (ChangeReason::Died, "membership_register"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLine {
    /// Day of the change.
    pub date: NaiveDate,
    /// Added or removed.
    pub direction: ChangeDirection,
    /// Reason code.
    pub reason: ChangeReason,
    /// The member.
    pub member: String,
    /// Masked name.
    pub name: String,
    /// The branch (after an addition, before a removal).
    pub org: String,
    /// Catalogue rule (`membership_register`).
    pub rule: String,
}

/// The register of additions and removals (党员增减名册) of `from..=to`: every event that made
/// someone a member of the community (发展, 转入, 初始登记) or ended their membership (转出, 死亡,
/// 开除党籍, 除名, 自行脱党, 取消预备党员资格), judged by the member's state the day before and
/// the day of the event. Moves between branches of the community are not in it.
///
/// ```
/// use dangjian::year::ChangeRegister;
/// let ds = dangjian::synth::sample_community();
/// let reg = ds.to_registry().unwrap();
/// let d = |s: &str| s.parse().unwrap();
/// let r = ChangeRegister::build(&ds, &reg, d("2026-01-01"), d("2026-10-31"));
/// // the register reconciles with the headcount
/// let net = r.added() as i64 - r.removed() as i64;
/// assert_eq!(net, reg.headcount_on(d("2026-10-31")) as i64 - reg.headcount_on(d("2025-12-31")) as i64);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRegister {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Day of each change.
    pub date: Vec<NaiveDate>,
    /// Direction.
    pub direction: Vec<ChangeDirection>,
    /// Reason.
    pub reason: Vec<ChangeReason>,
    /// Member id.
    pub member: Vec<String>,
    /// Masked name.
    pub name: Vec<String>,
    /// Branch.
    pub org: Vec<String>,
    /// Direction label.
    pub direction_label: Vec<String>,
    /// Reason code.
    pub reason_code: Vec<String>,
    /// Reason label.
    pub reason_label: Vec<String>,
}

impl ChangeRegister {
    /// Builds the register of `from..=to` from the membership `events` (normally a dataset's:
    /// `ChangeRegister::build`, in `io`, reads them from one).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::member::{EventRecord, EventType};
    /// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
    /// # let reg = ds.to_registry()?;
    /// let r = ChangeRegister::from_events(&ds.events, &reg, d("2023-01-01"), d("2024-12-31"));
    /// assert_eq!((r.added(), r.removed()), (1, 1)); // M2 admitted, M4 died
    /// let net = r.added() as i64 - r.removed() as i64;
    /// assert_eq!(net, reg.headcount_on(d("2024-12-31")) as i64 - reg.headcount_on(d("2022-12-31")) as i64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_events(
        events: &[EventRecord],
        reg: &Registry,
        from: NaiveDate,
        to: NaiveDate,
    ) -> ChangeRegister {
        let mut rows: Vec<(
            NaiveDate,
            String,
            ChangeDirection,
            ChangeReason,
            String,
            String,
        )> = Vec::new();
        let tree = reg.tree();
        for e in events.iter().filter(|e| e.date >= from && e.date <= to) {
            let Some(reason) = ChangeReason::of(e.kind) else {
                continue;
            };
            let Some(i) = reg.member_index(&e.member) else {
                continue;
            };
            let before = e
                .date
                .pred_opt()
                .map(|d| reg.state_of(i, d))
                .unwrap_or_default();
            let after = reg.state_of(i, e.date);
            let direction = match (before.is_member(), after.is_member()) {
                (false, true) => ChangeDirection::Added,
                (true, false) => ChangeDirection::Removed,
                _ => continue,
            };
            let branch = if direction == ChangeDirection::Added {
                after.branch
            } else {
                before.branch
            };
            let org = branch
                .and_then(|b| tree.get(b))
                .map(|r| r.id.to_string())
                .unwrap_or_default();
            let name = reg.member(i).map(|m| m.name.masked()).unwrap_or_default();
            rows.push((e.date, e.member.to_string(), direction, reason, name, org));
        }
        crate::sort::sort(&mut rows);
        rows.dedup_by(|a, b| (a.0, &a.1, a.2) == (b.0, &b.1, b.2));
        let mut out = ChangeRegister {
            from,
            to,
            ..ChangeRegister::default()
        };
        for (date, member, direction, reason, name, org) in rows {
            out.date.push(date);
            out.direction.push(direction);
            out.reason.push(reason);
            out.member.push(member);
            out.name.push(name);
            out.org.push(org);
            out.direction_label.push(direction.label().to_string());
            out.reason_code.push(reason.code().to_string());
            out.reason_label.push(reason.label().to_string());
        }
        out
    }

    /// Additions.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::member::{EventRecord, EventType};
    /// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
    /// # let reg = ds.to_registry()?;
    /// let r = ChangeRegister::from_events(&ds.events, &reg, d("2020-01-01"), d("2023-12-31"));
    /// assert_eq!(r.added(), 4); // M1, M3, M4 transferred in; M2 admitted
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn added(&self) -> usize {
        self.direction
            .iter()
            .filter(|d| **d == ChangeDirection::Added)
            .count()
    }

    /// Removals.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::member::{EventRecord, EventType};
    /// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
    /// # let reg = ds.to_registry()?;
    /// let r = ChangeRegister::from_events(&ds.events, &reg, d("2020-01-01"), d("2024-12-31"));
    /// assert_eq!(r.removed(), 1); // M4
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn removed(&self) -> usize {
        self.direction.len() - self.added()
    }

    /// The lines for the report JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::member::{EventRecord, EventType};
    /// # use dangjian::year::{ChangeDirection, ChangeReason, ChangeRegister};
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let mut ds = dangjian::io::Dataset::sample_small();
    /// # ds.events.push(EventRecord::new("M4", d("2024-01-10"), EventType::Died));
    /// # let reg = ds.to_registry()?;
    /// let r = ChangeRegister::from_events(&ds.events, &reg, d("2021-01-01"), d("2021-12-31"));
    /// let lines = r.lines();
    /// assert_eq!(lines.len(), 2);
    /// assert!(lines.iter().all(|l| l.direction == ChangeDirection::Added && l.date == d("2021-01-01")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lines(&self) -> Vec<RegisterLine> {
        (0..self.date.len())
            .filter_map(|i| {
                Some(RegisterLine {
                    date: *self.date.get(i)?,
                    direction: *self.direction.get(i)?,
                    reason: *self.reason.get(i)?,
                    member: self.member.get(i)?.clone(),
                    name: self.name.get(i)?.clone(),
                    org: self.org.get(i)?.clone(),
                    rule: "membership_register".into(),
                })
            })
            .collect()
    }
}

impl Table for ChangeRegister {
    fn name(&self) -> &str {
        "change_register"
    }

    fn title_zh(&self) -> String {
        format!("党员增减名册（{}至{}）", self.from, self.to)
    }

    fn len(&self) -> usize {
        self.date.len()
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let s = strs;
        vec![
            Column::new("date", "日期", Role::Value, ColumnData::Date(&self.date)),
            Column::new(
                "direction",
                "增减",
                Role::Text,
                ColumnData::Str(s(&self.direction_label)),
            ),
            Column::new(
                "reason_code",
                "原因代码",
                Role::Text,
                ColumnData::Str(s(&self.reason_code)),
            ),
            Column::new(
                "reason",
                "原因",
                Role::Text,
                ColumnData::Str(s(&self.reason_label)),
            ),
            Column::new("org", "组织", Role::Key, ColumnData::Str(s(&self.org))),
            Column::new(
                "member",
                "党员编号",
                Role::MemberId,
                ColumnData::Str(s(&self.member)),
            ),
            Column::new(
                "name",
                "姓名",
                Role::PersonName,
                ColumnData::Str(s(&self.name)),
            ),
        ]
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}
