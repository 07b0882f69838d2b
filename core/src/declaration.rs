//! Points declared by members and reviewed (积分申报与审核, issue 23).
//!
//! A member declares an activity with evidence (a text and references to attachments such as
//! photos kept elsewhere); a 党小组长 or the branch secretary reviews it, approving or rejecting
//! it with a reason, on a date. Only approved declarations count: [`approved_activities`] turns
//! them into [`ActivityRecord`]s scored like any other, under the declaration's id, with the
//! review in the note, and [`review_lines`] gives the review of each activity of an
//! explanation. [`pending`] lists a period's declarations not yet reviewed.
//!
//! The rules (no published text fixes them; they are the practice of points systems such as
//! wmxin/dangyuanAPI: group leaders score members, the secretary audits): nobody reviews their
//! own declaration; a review is dated on or after the declaration; a rejection gives a reason;
//! a declaration's id is not an activity's id.
//!
//! ```
//! use dangjian::declaration::{approved_activities, Declaration, Review, ReviewStatus, ReviewerRole};
//! let d = |s: &str| s.parse().unwrap();
//! let mut x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
//! x.evidence = "社区清洁日服务2小时".into();
//! assert!(approved_activities(&[x.clone()]).is_empty()); // pending: does not count
//! x.review = Some(Review { status: ReviewStatus::Approved, by: "M9".into(),
//!     role: ReviewerRole::GroupLeader, on: d("2026-10-08"), reason: String::new() });
//! let acts = approved_activities(&[x]);
//! assert_eq!(acts[0].id, "SB1");
//! assert!(acts[0].note.as_deref().unwrap().contains("党小组长"));
//! ```

use std::collections::BTreeSet;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::fixed::Fixed;
use crate::scoring::ActivityRecord;
use crate::table::{ColumnValues, OwnedColumn, OwnedTable, Role};

/// Why declarations are refused. Messages are Chinese first and name the declaration.
///
/// # Examples
///
/// ```
/// use dangjian::declaration::{validate, Declaration, DeclarationError};
/// let d = |s: &str| s.parse().unwrap();
/// let x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
/// let on_roster = |id: &str| id == "M2"; // M1 is not
/// let err = validate(&[x], &[], on_roster).unwrap_err();
/// assert_eq!(err, DeclarationError::UnknownMember { id: "SB1".into() });
/// assert_eq!(err.to_string(), "申报 `SB1` 的申报人不在名册中 / declaration `SB1`: unknown member");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeclarationError {
    /// Two declarations share an id, or a declaration has an activity's id.
    #[error("申报编号 `{id}` 重复（或与积分记录编号相同） / duplicate declaration id `{id}`")]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// The declaring member is not on the roster.
    #[error("申报 `{id}` 的申报人不在名册中 / declaration `{id}`: unknown member")]
    UnknownMember {
        /// The declaration.
        id: String,
    },
    /// The member reviewed their own declaration.
    #[error("申报 `{id}` 不能由申报人本人审核 / declaration `{id}` reviewed by its declarer")]
    SelfReview {
        /// The declaration.
        id: String,
    },
    /// The dates are out of order.
    #[error("申报 `{id}`：{reason} / declaration `{id}`: bad dates")]
    BadDates {
        /// The declaration.
        id: String,
        /// Why (Chinese).
        reason: String,
    },
    /// A rejection without a reason.
    #[error("申报 `{id}` 被退回，应写明理由 / declaration `{id}` rejected without a reason")]
    NoReason {
        /// The declaration.
        id: String,
    },
}

impl DeclarationError {
    /// A stable machine-readable code for the variant.
    ///
    /// ```
    /// let e = dangjian::declaration::DeclarationError::SelfReview { id: "SB1".into() };
    /// assert_eq!(e.code(), "declaration_self_review");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            DeclarationError::DuplicateId { .. } => "declaration_duplicate_id",
            DeclarationError::UnknownMember { .. } => "declaration_unknown_member",
            DeclarationError::SelfReview { .. } => "declaration_self_review",
            DeclarationError::BadDates { .. } => "declaration_bad_dates",
            DeclarationError::NoReason { .. } => "declaration_no_reason",
        }
    }
}

/// Who reviewed.
///
/// # Examples
///
/// ```
/// use dangjian::declaration::ReviewerRole;
/// let role: ReviewerRole = serde_json::from_str("\"group_leader\"")?;
/// assert_eq!(role, ReviewerRole::GroupLeader);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewerRole {
    /// 党小组长: reviews the members of their group.
    GroupLeader,
    /// 支部书记 (or a committee member charged with it).
    Secretary,
}

impl ReviewerRole {
    /// The Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::declaration::ReviewerRole;
    /// assert_eq!(ReviewerRole::GroupLeader.label_zh(), "党小组长");
    /// assert_eq!(ReviewerRole::Secretary.label_zh(), "支部书记");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            ReviewerRole::GroupLeader => "党小组长",
            ReviewerRole::Secretary => "支部书记",
        }
    }
}

/// The outcome of a review.
///
/// # Examples
///
/// ```
/// use dangjian::declaration::ReviewStatus;
/// assert_eq!(serde_json::to_string(&ReviewStatus::Rejected)?, "\"rejected\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// 审核通过: the declaration counts.
    Approved,
    /// 退回: it does not count; the reason says why.
    Rejected,
}

/// A review of a declaration.
///
/// # Examples
///
/// ```
/// use dangjian::declaration::{validate, Declaration, Review, ReviewStatus, ReviewerRole};
/// let d = |s: &str| s.parse().unwrap();
/// let mut x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
/// x.review = Some(Review { status: ReviewStatus::Rejected, by: "M9".into(),
///     role: ReviewerRole::Secretary, on: d("2026-10-08"), reason: String::new() });
/// let err = validate(&[x], &[], |_| true).unwrap_err();
/// assert_eq!(err.code(), "declaration_no_reason"); // a rejection says why
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Approved or rejected.
    pub status: ReviewStatus,
    /// The reviewer's member id.
    #[schemars(with = "String")]
    pub by: CompactString,
    /// The reviewer's role.
    pub role: ReviewerRole,
    /// The day of the review.
    pub on: NaiveDate,
    /// Why (required for a rejection).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// A member's declaration of an activity for points (积分申报).
///
/// # Examples
///
/// ```
/// use dangjian::declaration::Declaration;
/// let x: Declaration = serde_json::from_str(r#"{"id": "SB1", "member": "M1",
///     "item": "service_hour", "date": "2026-10-05", "declared_on": "2026-10-06",
///     "evidence": "社区清洁日服务2小时", "attachments": ["清洁日.jpg"]}"#)?;
/// assert_eq!(x.quantity.to_string(), "1"); // the default
/// assert_eq!(x.status_zh(), "待审核");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Stable identifier, unique among declarations and activities.
    #[schemars(with = "String")]
    pub id: CompactString,
    /// The declaring member.
    #[schemars(with = "String")]
    pub member: CompactString,
    /// The rule item (as in an activity).
    #[schemars(with = "String")]
    pub item: CompactString,
    /// The day of the activity.
    pub date: NaiveDate,
    /// Units (as in an activity), default 1.
    #[serde(default = "one")]
    pub quantity: Fixed,
    /// The day it was declared.
    pub declared_on: NaiveDate,
    /// What the member says they did (no personal data of others).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// References to attachments kept elsewhere (photo file names, links).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    /// The review, once done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

fn one() -> Fixed {
    Fixed::ONE
}

impl Declaration {
    /// A pending declaration of quantity 1 without evidence.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::declaration::Declaration;
    /// let d = |s: &str| s.parse().unwrap();
    /// let x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
    /// assert_eq!((x.quantity.to_string(), x.review), ("1".to_string(), None));
    /// assert!(x.evidence.is_empty() && x.attachments.is_empty());
    /// ```
    pub fn new(
        id: &str,
        member: &str,
        item: &str,
        date: NaiveDate,
        declared_on: NaiveDate,
    ) -> Self {
        Declaration {
            id: id.into(),
            member: member.into(),
            item: item.into(),
            date,
            quantity: Fixed::ONE,
            declared_on,
            evidence: String::new(),
            attachments: Vec::new(),
            review: None,
        }
    }

    /// Whether it was approved.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::declaration::{Declaration, Review, ReviewStatus, ReviewerRole};
    /// let d = |s: &str| s.parse().unwrap();
    /// let mut x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
    /// assert!(!x.approved()); // pending
    /// x.review = Some(Review { status: ReviewStatus::Approved, by: "M9".into(),
    ///     role: ReviewerRole::GroupLeader, on: d("2026-10-08"), reason: String::new() });
    /// assert!(x.approved());
    /// ```
    pub fn approved(&self) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.status == ReviewStatus::Approved)
    }

    /// The Chinese status: `待审核`, `审核通过` or `退回`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::declaration::{Declaration, Review, ReviewStatus, ReviewerRole};
    /// let d = |s: &str| s.parse().unwrap();
    /// let mut x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
    /// assert_eq!(x.status_zh(), "待审核");
    /// x.review = Some(Review { status: ReviewStatus::Rejected, by: "M9".into(),
    ///     role: ReviewerRole::Secretary, on: d("2026-10-08"), reason: "无佐证".into() });
    /// assert_eq!(x.status_zh(), "退回");
    /// ```
    pub fn status_zh(&self) -> &'static str {
        match self.review.as_ref().map(|r| r.status) {
            None => "待审核",
            Some(ReviewStatus::Approved) => "审核通过",
            Some(ReviewStatus::Rejected) => "退回",
        }
    }

    /// The review in one Chinese sentence, e.g. `2026-10-06申报，党小组长M9于2026-10-08审核通过`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::declaration::{Declaration, Review, ReviewStatus, ReviewerRole};
    /// let d = |s: &str| s.parse().unwrap();
    /// let mut x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
    /// x.review = Some(Review { status: ReviewStatus::Rejected, by: "M9".into(),
    ///     role: ReviewerRole::Secretary, on: d("2026-10-08"), reason: "无佐证".into() });
    /// assert_eq!(x.review_zh(), "2026-10-06申报，支部书记M9于2026-10-08退回（无佐证）");
    /// ```
    pub fn review_zh(&self) -> String {
        match &self.review {
            None => format!("{}申报，待审核", self.declared_on),
            Some(r) => {
                let mut s = format!(
                    "{}申报，{}{}于{}{}",
                    self.declared_on,
                    r.role.label_zh(),
                    crate::privacy::redact_runs(&r.by, 11),
                    r.on,
                    self.status_zh()
                );
                if !r.reason.is_empty() {
                    s.push_str(&format!("（{}）", r.reason));
                }
                s
            }
        }
    }
}

/// Checks declarations: unique ids (and none an activity's id), declaring members on the
/// roster (`is_member_id`), no self-review, a review on or after the declaration, which is
/// on or after the activity, and a reason for every rejection.
///
/// ```
/// use dangjian::declaration::{validate, Declaration};
/// let d = |s: &str| s.parse().unwrap();
/// let x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-04"));
/// let e = validate(&[x], &[], |_| true).unwrap_err();
/// assert_eq!(e.code(), "declaration_bad_dates");
/// ```
pub fn validate(
    declarations: &[Declaration],
    activities: &[ActivityRecord],
    is_member_id: impl Fn(&str) -> bool,
) -> Result<(), DeclarationError> {
    let mut ids: BTreeSet<&str> = crate::sort::btree_set(activities.iter().map(|a| a.id.as_str()));
    for x in declarations {
        let id = || crate::privacy::redact_runs(&x.id, 11);
        if !ids.insert(x.id.as_str()) {
            return Err(DeclarationError::DuplicateId { id: id() });
        }
        if !is_member_id(&x.member) {
            return Err(DeclarationError::UnknownMember { id: id() });
        }
        if x.declared_on < x.date {
            return Err(DeclarationError::BadDates {
                id: id(),
                reason: format!("申报日期 {} 早于活动日期 {}", x.declared_on, x.date),
            });
        }
        if let Some(r) = &x.review {
            if r.by == x.member {
                return Err(DeclarationError::SelfReview { id: id() });
            }
            if r.on < x.declared_on {
                return Err(DeclarationError::BadDates {
                    id: id(),
                    reason: format!("审核日期 {} 早于申报日期 {}", r.on, x.declared_on),
                });
            }
            if r.status == ReviewStatus::Rejected && r.reason.trim().is_empty() {
                return Err(DeclarationError::NoReason { id: id() });
            }
        }
    }
    Ok(())
}

/// The approved declarations as activities (id, member, item, date and quantity of the
/// declaration; the review in the note), ready to score with the recorded activities.
///
/// # Examples
///
/// ```
/// use dangjian::declaration::{approved_activities, Declaration, Review, ReviewStatus, ReviewerRole};
/// let d = |s: &str| s.parse().unwrap();
/// let mut x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
/// let pending = Declaration::new("SB2", "M1", "service_hour", d("2026-10-12"), d("2026-10-12"));
/// x.review = Some(Review { status: ReviewStatus::Approved, by: "M9".into(),
///     role: ReviewerRole::GroupLeader, on: d("2026-10-08"), reason: String::new() });
/// let acts = approved_activities(&[x, pending]);
/// assert_eq!(acts.len(), 1); // only the approved one counts
/// assert_eq!((acts[0].id.as_str(), acts[0].subject.as_str()), ("SB1", "M1"));
/// assert_eq!(acts[0].note.as_deref(), Some("2026-10-06申报，党小组长M9于2026-10-08审核通过"));
/// ```
pub fn approved_activities(declarations: &[Declaration]) -> Vec<ActivityRecord> {
    declarations
        .iter()
        .filter(|x| x.approved())
        .map(|x| {
            let mut a = ActivityRecord::new(&x.id, &x.member, &x.item, x.date);
            a.quantity = x.quantity;
            a.note = Some(x.review_zh());
            a
        })
        .collect()
}

/// The declarations of activities dated in `from..=to` not yet reviewed, in (date, id) order.
///
/// ```
/// use dangjian::declaration::{pending, Declaration};
/// let d = |s: &str| s.parse().unwrap();
/// let x = Declaration::new("SB1", "M1", "service_hour", d("2026-10-05"), d("2026-10-06"));
/// assert_eq!(pending(&[x], d("2026-10-01"), d("2026-10-31")).rows, 1);
/// ```
pub fn pending(declarations: &[Declaration], from: NaiveDate, to: NaiveDate) -> OwnedTable {
    let mut xs: Vec<&Declaration> = declarations
        .iter()
        .filter(|x| x.review.is_none() && from <= x.date && x.date <= to)
        .collect();
    crate::sort::sort_by(&mut xs, |a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    table(
        "pending_declarations",
        format!("待审核的积分申报（{from}至{to}）"),
        &xs,
    )
}

/// Every declaration of activities dated in `from..=to` with its review, in (date, id) order:
/// the review of each declared activity an explanation lists.
///
/// # Examples
///
/// ```
/// use dangjian::declaration::{review_lines, Declaration};
/// let d = |s: &str| s.parse().unwrap();
/// let xs = [
///     Declaration::new("SB2", "M1", "service_hour", d("2026-10-12"), d("2026-10-12")),
///     Declaration::new("SB1", "M2", "service_hour", d("2026-10-05"), d("2026-10-06")),
///     Declaration::new("SB0", "M2", "service_hour", d("2026-09-28"), d("2026-09-30")),
/// ];
/// let t = review_lines(&xs, d("2026-10-01"), d("2026-10-31"));
/// assert_eq!(t.title_zh, "积分申报与审核（2026-10-01至2026-10-31）");
/// let ids = t.values("id").and_then(|v| v.as_strs()).ok_or("no id column")?;
/// assert_eq!(ids, ["SB1", "SB2"]); // October's, by date
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn review_lines(declarations: &[Declaration], from: NaiveDate, to: NaiveDate) -> OwnedTable {
    let mut xs: Vec<&Declaration> = declarations
        .iter()
        .filter(|x| from <= x.date && x.date <= to)
        .collect();
    crate::sort::sort_by(&mut xs, |a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    table(
        "declarations",
        format!("积分申报与审核（{from}至{to}）"),
        &xs,
    )
}

fn table(name: &str, title: String, xs: &[&Declaration]) -> OwnedTable {
    let s = |f: &dyn Fn(&Declaration) -> String| xs.iter().map(|x| f(x)).collect::<Vec<_>>();
    let columns = vec![
        OwnedColumn::new(
            "id",
            "申报编号",
            Role::Key,
            ColumnValues::Str(s(&|x| x.id.to_string())),
        ),
        OwnedColumn::new(
            "member",
            "申报人",
            Role::MemberId,
            ColumnValues::Str(s(&|x| x.member.to_string())),
        ),
        OwnedColumn::new(
            "item",
            "积分项目",
            Role::Key,
            ColumnValues::Str(s(&|x| x.item.to_string())),
        ),
        OwnedColumn::new(
            "date",
            "活动日期",
            Role::Value,
            ColumnValues::Date(xs.iter().map(|x| x.date).collect()),
        ),
        OwnedColumn::new(
            "quantity",
            "数量",
            Role::Value,
            ColumnValues::Fixed(xs.iter().map(|x| x.quantity).collect()),
        ),
        OwnedColumn::new(
            "declared_on",
            "申报日期",
            Role::Value,
            ColumnValues::Date(xs.iter().map(|x| x.declared_on).collect()),
        ),
        OwnedColumn::new(
            "evidence",
            "佐证",
            Role::Text,
            ColumnValues::Str(s(&|x| crate::privacy::redact_runs(&x.evidence, 11))),
        ),
        OwnedColumn::new(
            "attachments",
            "附件",
            Role::Value,
            ColumnValues::U64(xs.iter().map(|x| x.attachments.len() as u64).collect()),
        ),
        OwnedColumn::new(
            "status",
            "状态",
            Role::Text,
            ColumnValues::Str(s(&|x| x.status_zh().to_string())),
        ),
        OwnedColumn::new(
            "review",
            "审核",
            Role::Text,
            ColumnValues::Str(s(&|x| x.review_zh())),
        ),
    ];
    OwnedTable {
        name: name.into(),
        title_zh: title,
        rows: xs.len(),
        columns,
    }
}
