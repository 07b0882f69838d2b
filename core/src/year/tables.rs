//! The year's tables: the appraisal count per member (never a vote per voter), the
//! 民主评议党员情况 per branch (党内统计), and the letters with their status.
//!
//! # Examples
//!
//! ```
//! # use dangjian::year::*;
//! # let reg = dangjian::Registry::sample_small();
//! # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
//! # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
//! #   "ballots": [
//! #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
//! #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
//! #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
//! #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
//! # let act: AppraisalAction = serde_json::from_str(
//! #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
//! # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
//! # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
//! use dangjian::table::Table;
//! let t = book.appraisal_table(&reg, 2024);
//! assert_eq!((t.name(), t.len()), ("appraisal", 3)); // one row per member, never per voter
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActionKind, ActionOutcome, YearBook};
use crate::registry::Registry;
use crate::table::{Column, ColumnData, Role, Table};

/// The count of a year's appraisals, one row per member appraised: votes per grade (peer and
/// masses together), the grade the count gives, the self-appraisal and the branch's decision.
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// let t = book.appraisal_table(&reg, 2024);
/// assert_eq!(t.member, ["M1", "M2", "M3"]);
/// assert_eq!((t.excellent[0], t.unqualified[2]), (2, 2));
/// assert_eq!(t.name[0], "张**");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalTable {
    /// The year.
    pub year: i32,
    /// Appraisal id.
    pub appraisal: Vec<String>,
    /// Branch.
    pub org: Vec<String>,
    /// Member id.
    pub member: Vec<String>,
    /// Masked name.
    pub name: Vec<String>,
    /// 优秀 votes.
    pub excellent: Vec<u64>,
    /// 合格 votes.
    pub qualified: Vec<u64>,
    /// 基本合格 votes.
    pub basic: Vec<u64>,
    /// 不合格 votes.
    pub unqualified: Vec<u64>,
    /// Votes cast (weighted).
    pub cast: Vec<u64>,
    /// Self-appraisal.
    pub self_grade: Vec<String>,
    /// Grade by the count.
    pub counted: Vec<String>,
    /// Demoted by the quota.
    pub over_quota: Vec<bool>,
    /// The branch's decision.
    pub decided: Vec<String>,
}

impl Table for AppraisalTable {
    fn name(&self) -> &str {
        "appraisal"
    }

    fn title_zh(&self) -> String {
        format!("{}年度民主评议党员计票结果", self.year)
    }

    fn len(&self) -> usize {
        self.member.len()
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let s = strs;
        vec![
            Column::new(
                "appraisal",
                "评议编号",
                Role::Key,
                ColumnData::Str(s(&self.appraisal)),
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
            Column::new(
                "excellent",
                "优秀票",
                Role::Value,
                ColumnData::U64(&self.excellent),
            ),
            Column::new(
                "qualified",
                "合格票",
                Role::Value,
                ColumnData::U64(&self.qualified),
            ),
            Column::new(
                "basic",
                "基本合格票",
                Role::Value,
                ColumnData::U64(&self.basic),
            ),
            Column::new(
                "unqualified",
                "不合格票",
                Role::Value,
                ColumnData::U64(&self.unqualified),
            ),
            Column::new(
                "cast",
                "有效票（加权）",
                Role::Value,
                ColumnData::U64(&self.cast),
            ),
            Column::new(
                "self_grade",
                "自评",
                Role::Text,
                ColumnData::Str(s(&self.self_grade)),
            ),
            Column::new(
                "counted",
                "计票等次",
                Role::Text,
                ColumnData::Str(s(&self.counted)),
            ),
            Column::new(
                "over_quota",
                "超出优秀比例",
                Role::Value,
                ColumnData::Bool(&self.over_quota),
            ),
            Column::new(
                "decided",
                "支部决定等次",
                Role::Text,
                ColumnData::Str(s(&self.decided)),
            ),
        ]
    }
}

/// 民主评议党员情况 of a year, one row per branch with an appraisal (党内统计): members
/// appraised and the final grades (the branch's decision where recorded, else the count), and
/// the handling of 不合格 (限期改正, 劝退, 除名) decided in the year or after it.
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// let s = book.appraisal_stats(&reg, 2024);
/// assert_eq!((s.org.as_slice(), s.org_name.as_slice()), (&["B1".to_string()][..], &["第一党支部".to_string()][..]));
/// assert_eq!((s.appraised[0], s.unqualified[0], s.rectify[0]), (3, 1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalStats {
    /// The year.
    pub year: i32,
    /// Branch.
    pub org: Vec<String>,
    /// Branch name.
    pub org_name: Vec<String>,
    /// Members appraised.
    pub appraised: Vec<u64>,
    /// 优秀.
    pub excellent: Vec<u64>,
    /// 合格.
    pub qualified: Vec<u64>,
    /// 基本合格.
    pub basic: Vec<u64>,
    /// 不合格.
    pub unqualified: Vec<u64>,
    /// 限期改正.
    pub rectify: Vec<u64>,
    /// of which corrected.
    pub corrected: Vec<u64>,
    /// 劝退.
    pub persuade: Vec<u64>,
    /// 除名.
    pub remove: Vec<u64>,
}

impl Table for AppraisalStats {
    fn name(&self) -> &str {
        "appraisal_stats"
    }

    fn title_zh(&self) -> String {
        format!("民主评议党员情况（{}年度）", self.year)
    }

    fn len(&self) -> usize {
        self.org.len()
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let s = strs;
        vec![
            Column::new("org", "组织", Role::Key, ColumnData::Str(s(&self.org))),
            Column::new(
                "org_name",
                "组织名称",
                Role::Text,
                ColumnData::Str(s(&self.org_name)),
            ),
            Column::new(
                "appraised",
                "参评党员",
                Role::Count,
                ColumnData::U64(&self.appraised),
            ),
            Column::new(
                "excellent",
                "优秀",
                Role::Count,
                ColumnData::U64(&self.excellent),
            ),
            Column::new(
                "qualified",
                "合格",
                Role::Count,
                ColumnData::U64(&self.qualified),
            ),
            Column::new(
                "basic",
                "基本合格",
                Role::Count,
                ColumnData::U64(&self.basic),
            ),
            Column::new(
                "unqualified",
                "不合格",
                Role::Count,
                ColumnData::U64(&self.unqualified),
            ),
            Column::new(
                "rectify",
                "限期改正",
                Role::Count,
                ColumnData::U64(&self.rectify),
            ),
            Column::new(
                "corrected",
                "其中已改正",
                Role::Count,
                ColumnData::U64(&self.corrected),
            ),
            Column::new(
                "persuade",
                "劝退",
                Role::Count,
                ColumnData::U64(&self.persuade),
            ),
            Column::new("remove", "除名", Role::Count, ColumnData::U64(&self.remove)),
        ]
    }
}

/// Letters with their status on a date.
///
/// # Examples
///
/// ```
/// # use dangjian::year::*;
/// # let reg = dangjian::Registry::sample_small();
/// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
/// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
/// #   "ballots": [
/// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
/// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
/// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
/// # let act: AppraisalAction = serde_json::from_str(
/// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
/// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
/// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
/// let t = book.letter_table(&reg, d("2026-11-01"));
/// assert_eq!((t.serial[0].as_str(), t.status[0].as_str()), ("〔2026〕第1号", "已过期"));
/// assert_eq!(t.name[0], "赵**");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterTable {
    /// The date of the status.
    pub as_of: NaiveDate,
    /// `〔2026〕第12号`.
    pub serial: Vec<String>,
    /// Kind (Chinese).
    pub kind: Vec<String>,
    /// Member id.
    pub member: Vec<String>,
    /// Masked name.
    pub name: Vec<String>,
    /// From.
    pub from_org: Vec<String>,
    /// To.
    pub to_org: Vec<String>,
    /// Issue date.
    pub issued: Vec<NaiveDate>,
    /// Validity in days.
    pub valid_days: Vec<u64>,
    /// Last valid day.
    pub valid_until: Vec<NaiveDate>,
    /// Status (Chinese).
    pub status: Vec<String>,
    /// Day of receipt, return or cancellation.
    pub status_date: Vec<Option<NaiveDate>>,
}

impl Table for LetterTable {
    fn name(&self) -> &str {
        "letters"
    }

    fn title_zh(&self) -> String {
        format!("组织关系介绍信（截至{}）", self.as_of)
    }

    fn len(&self) -> usize {
        self.serial.len()
    }

    fn columns(&self) -> Vec<Column<'_>> {
        let s = strs;
        vec![
            Column::new(
                "serial",
                "介绍信编号",
                Role::Key,
                ColumnData::Str(s(&self.serial)),
            ),
            Column::new("kind", "类型", Role::Text, ColumnData::Str(s(&self.kind))),
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
            Column::new(
                "from_org",
                "转出组织",
                Role::Text,
                ColumnData::Str(s(&self.from_org)),
            ),
            Column::new(
                "to_org",
                "接收组织",
                Role::Text,
                ColumnData::Str(s(&self.to_org)),
            ),
            Column::new(
                "issued",
                "开具日期",
                Role::Value,
                ColumnData::Date(&self.issued),
            ),
            Column::new(
                "valid_days",
                "有效天数",
                Role::Value,
                ColumnData::U64(&self.valid_days),
            ),
            Column::new(
                "valid_until",
                "有效期至",
                Role::Value,
                ColumnData::Date(&self.valid_until),
            ),
            Column::new(
                "status",
                "状态",
                Role::Text,
                ColumnData::Str(s(&self.status)),
            ),
            Column::new(
                "status_date",
                "状态日期",
                Role::Value,
                ColumnData::OptDate(&self.status_date),
            ),
        ]
    }
}

impl YearBook {
    /// The count of `year`'s appraisals per member.
    ///
    /// ```
    /// let ds = dangjian::synth::sample_community();
    /// let reg = ds.to_registry().unwrap();
    /// let book = dangjian::year::YearBook::from_dataset(&ds, &reg).unwrap();
    /// let t = book.appraisal_table(&reg, 2025);
    /// assert!(t.member.len() > 0);
    /// ```
    pub fn appraisal_table(&self, reg: &Registry, year: i32) -> AppraisalTable {
        let mut t = AppraisalTable {
            year,
            ..AppraisalTable::default()
        };
        for c in self.counts(reg, year) {
            for m in &c.members {
                let at = |k: usize| {
                    m.peer.get(k).copied().unwrap_or(0) + m.masses.get(k).copied().unwrap_or(0)
                };
                t.appraisal.push(c.id.clone());
                t.org.push(c.org.clone());
                t.member.push(m.member.clone());
                t.name.push(
                    reg.member_index(&m.member)
                        .and_then(|i| reg.member(i))
                        .map(|r| r.name.masked())
                        .unwrap_or_default(),
                );
                t.excellent.push(at(0));
                t.qualified.push(at(1));
                t.basic.push(at(2));
                t.unqualified.push(at(3));
                t.cast.push(m.cast);
                t.self_grade.push(
                    m.self_grade
                        .map(|g| g.label().to_string())
                        .unwrap_or_default(),
                );
                t.counted.push(m.counted.label().to_string());
                t.over_quota.push(m.over_quota);
                t.decided
                    .push(m.decided.map(|g| g.label().to_string()).unwrap_or_default());
            }
        }
        t
    }

    /// 民主评议党员情况 of `year` per branch.
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// let s = book.appraisal_stats(&reg, 2024);
    /// assert_eq!((s.excellent[0], s.qualified[0], s.basic[0], s.unqualified[0]), (0, 2, 0, 1));
    /// assert!(book.appraisal_stats(&reg, 2023).org.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn appraisal_stats(&self, reg: &Registry, year: i32) -> AppraisalStats {
        let tree = reg.tree();
        let mut t = AppraisalStats {
            year,
            ..AppraisalStats::default()
        };
        for c in self.counts(reg, year) {
            let [g_ex, g_q, g_b, g_u] = c.final_by_grade();
            let acts = |k: ActionKind| {
                self.actions
                    .iter()
                    .filter(|a| a.appraisal == c.id && a.kind == k)
                    .count() as u64
            };
            t.org.push(c.org.clone());
            t.org_name.push(
                tree.index(&c.org)
                    .and_then(|i| tree.get(i))
                    .map(|r| r.name.to_string())
                    .unwrap_or_default(),
            );
            t.appraised.push(c.appraised);
            t.excellent.push(g_ex);
            t.qualified.push(g_q);
            t.basic.push(g_b);
            t.unqualified.push(g_u);
            t.rectify.push(acts(ActionKind::Rectify));
            t.corrected.push(
                self.actions
                    .iter()
                    .filter(|a| a.appraisal == c.id && a.outcome == Some(ActionOutcome::Corrected))
                    .count() as u64,
            );
            t.persuade.push(acts(ActionKind::Persuade));
            t.remove.push(acts(ActionKind::Remove));
        }
        t
    }

    /// The letters with their status on `as_of` (issued on or before it).
    ///
    /// # Examples
    ///
    /// ```
    /// # use dangjian::year::*;
    /// # let reg = dangjian::Registry::sample_small();
    /// # let d = |s: &str| s.parse::<dangjian::chrono::NaiveDate>().unwrap();
    /// # let rec: AppraisalRecord = serde_json::from_str(r#"{"id": "P2024", "org": "B1", "year": 2024, "date": "2024-12-20",
    /// #   "ballots": [
    /// #     {"voter": "M1", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M2", "votes": {"M1": "excellent", "M2": "qualified", "M3": "unqualified"}},
    /// #     {"voter": "M3", "votes": {"M1": "qualified", "M2": "qualified", "M3": "qualified"}}],
    /// #   "decisions": [{"member": "M3", "grade": "unqualified"}]}"#)?;
    /// # let act: AppraisalAction = serde_json::from_str(
    /// #     r#"{"member": "M3", "appraisal": "P2024", "kind": "rectify", "date": "2025-01-10"}"#)?;
    /// # let letter = TransferLetter::new(2026, 1, LetterKind::WithinSystem, "M4", "B2", "某街道党工委", d("2026-10-01"), 30);
    /// # let book = YearBook::new(&reg, vec![rec], vec![act], vec![letter], AppraisalRules::default())?;
    /// assert!(book.letter_table(&reg, d("2026-09-30")).serial.is_empty()); // not issued yet
    /// assert_eq!(book.letter_table(&reg, d("2026-10-31")).status, ["已开具"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn letter_table(&self, reg: &Registry, as_of: NaiveDate) -> LetterTable {
        let mut t = LetterTable {
            as_of,
            ..LetterTable::default()
        };
        let mut letters: Vec<_> = self.letters.iter().filter(|l| l.issued <= as_of).collect();
        crate::sort::sort_by_key(&mut letters, |l| (l.year, l.serial));
        for l in letters {
            let status = l.status_on(as_of);
            t.serial.push(l.serial_label());
            t.kind.push(l.kind.label().to_string());
            t.member.push(l.member.to_string());
            t.name.push(
                reg.member_index(&l.member)
                    .and_then(|i| reg.member(i))
                    .map(|r| r.name.masked())
                    .unwrap_or_default(),
            );
            t.from_org.push(l.from_org.clone());
            t.to_org.push(l.to_org.clone());
            t.issued.push(l.issued);
            t.valid_days.push(u64::from(l.valid_days));
            t.valid_until.push(l.last_valid_day());
            t.status.push(status.label().to_string());
            let date = match status {
                super::LetterStatus::Received => l.received_on,
                super::LetterStatus::Returned => l.returned_on,
                super::LetterStatus::Cancelled => l.cancelled_on,
                _ => None,
            };
            t.status_date.push(date);
        }
        t
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}
