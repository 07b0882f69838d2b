//! `From<&E> for ErrorReport` for every public core error enum. Each match is exhaustive (no
//! `_ =>`): a new variant does not compile until its report is written here and its row of
//! `docs/errors.md` regenerated.
//!
//! Key vocabulary: `record` (the id of the record the error is about), `position` (0-based
//! position in its input; `null` for a record already in the book), `section` (the data
//! section), `field` (the field, column or JSON path), `reason` (why, in words); other keys are
//! the core's own field names:
//!
//! ```
//! use dangjian::compliance::ComplianceError;
//! use dangjian::ffi::{Detail, ErrorReport};
//! let e = ComplianceError::UnknownOrg { section: "payments", position: 4, org: "B9".into() };
//! let r = ErrorReport::from(&e);
//! assert_eq!(r.details.get("section"), Some(&Detail::Text("payments".into())));
//! assert_eq!(r.details.get("position"), Some(&Detail::Int(4)));
//! assert_eq!(r.details.get("org"), Some(&Detail::Text("B9".into())));
//! ```

use super::{ErrorClass as C, ErrorReport as R};
use crate::compliance::{ComplianceError, MonthError};
use crate::fixed::FixedError;
use crate::io::{DatasetError, ImportError, RowError};
use crate::member::RuleViolation;
use crate::org::OrgError;
use crate::post::PostError;
use crate::privacy::IdentityError;
use crate::registry::RegistryError;
use crate::report::ReportError;
use crate::scope::ScopeError;
use crate::scoring::{PeriodParseError, RuleSetError, ScoringError};
use crate::stats::StatsError;
use crate::table::TableError;

fn rep(variant: &'static str, code: &str, class: C, zh: &str, e: &dyn std::fmt::Display) -> R {
    R::new(variant, code, class, zh, e.to_string())
}

impl From<&RuleSetError> for R {
    fn from(e: &RuleSetError) -> R {
        let c = e.code();
        let k = C::Rule;
        match e {
            RuleSetError::Parse {
                format,
                path,
                line,
                column,
                ..
            } => rep("RuleSetError::Parse", c, k, "规则集无法解析", e)
                .text("format", format)
                .text("field", path)
                .int("line", *line)
                .int("column", *column),
            RuleSetError::Invalid {
                rule_set,
                item,
                field,
                reason,
            } => rep("RuleSetError::Invalid", c, k, "规则集字段无效", e)
                .text("rule_set", rule_set)
                .opt_text("item", item.as_deref())
                .text("field", field)
                .text("reason", reason),
            RuleSetError::DuplicateItem {
                rule_set,
                code,
                position,
                first,
            } => rep("RuleSetError::DuplicateItem", c, k, "规则集项目代码重复", e)
                .text("rule_set", rule_set)
                .text("item", code)
                .int("position", *position)
                .int("first", *first),
            RuleSetError::Book {
                rule_set,
                version,
                reason,
            } => rep("RuleSetError::Book", c, k, "规则册版本不衔接", e)
                .text("rule_set", rule_set)
                .int("version", *version)
                .text("reason", reason),
            RuleSetError::TooLarge { actual, limit } => {
                rep("RuleSetError::TooLarge", c, k, "规则集超出大小上限", e)
                    .int("actual", *actual)
                    .int("limit", *limit)
            }
        }
    }
}

impl From<&ScoringError> for R {
    fn from(e: &ScoringError) -> R {
        let c = e.code();
        let k = C::Scoring;
        // Activity errors: the activity id and position first, then the field.
        let act = |variant, zh, id: &str, position: usize, field: &str| {
            rep(variant, c, k, zh, e)
                .text("record", id)
                .int("position", position)
                .text("field", field)
        };
        match e {
            ScoringError::DuplicateActivity {
                id,
                position,
                first,
            } => rep("ScoringError::DuplicateActivity", c, k, "活动编号重复", e)
                .text("record", id)
                .int("position", *position)
                .int("first", *first),
            ScoringError::UnknownSubject {
                id,
                position,
                subject,
            } => act(
                "ScoringError::UnknownSubject",
                "活动对象不存在",
                id,
                *position,
                "subject",
            )
            .text("subject", subject),
            ScoringError::UnknownItem {
                id,
                position,
                item,
                rule_set,
                version,
            } => act(
                "ScoringError::UnknownItem",
                "积分项目不在规则集中",
                id,
                *position,
                "item",
            )
            .text("item", item)
            .text("rule_set", rule_set)
            .int("version", *version),
            ScoringError::NotASubject {
                id,
                position,
                subject,
                date,
                reason,
            } => act(
                "ScoringError::NotASubject",
                "活动当日不是考核对象",
                id,
                *position,
                "subject",
            )
            .text("subject", subject)
            .text("date", &date.to_string())
            .text("reason", reason),
            ScoringError::Ineligible {
                id,
                position,
                item,
                date,
                category,
                allowed,
            } => act(
                "ScoringError::Ineligible",
                "党员类别不适用该项目",
                id,
                *position,
                "item",
            )
            .text("item", item)
            .text("date", &date.to_string())
            .text("category", category)
            .text("allowed", allowed),
            ScoringError::BadQuantity {
                id,
                position,
                quantity,
                reason,
            } => act(
                "ScoringError::BadQuantity",
                "数量无效",
                id,
                *position,
                "quantity",
            )
            .text("quantity", quantity)
            .text("reason", reason),
            ScoringError::BadReversal {
                id,
                position,
                target,
                reason,
            } => act(
                "ScoringError::BadReversal",
                "冲销记录无效",
                id,
                *position,
                "reverses",
            )
            .text("target", target)
            .text("reason", reason),
            ScoringError::NoRuleInForce { rule_set, date } => {
                rep("ScoringError::NoRuleInForce", c, k, "该日无有效规则版本", e)
                    .text("rule_set", rule_set)
                    .text("date", &date.to_string())
            }
            ScoringError::WrongPeriod {
                period,
                expected,
                rule_set,
            } => rep("ScoringError::WrongPeriod", c, k, "考核周期与规则集不符", e)
                .text("field", "period")
                .text("period", period)
                .text("expected", expected)
                .text("rule_set", rule_set),
            ScoringError::NotScored { subject, period } => {
                rep("ScoringError::NotScored", c, k, "该对象本期无积分", e)
                    .text("record", subject)
                    .text("period", period)
            }
            ScoringError::Incomparable { a, b, reason } => {
                rep("ScoringError::Incomparable", c, k, "两套规则无法比较", e)
                    .text("rule_set", a)
                    .text("other", b)
                    .text("reason", reason)
            }
            ScoringError::BadColumn {
                column,
                position,
                reason,
            } => rep("ScoringError::BadColumn", c, k, "批量输入列无效", e)
                .text("field", column)
                .int("position", *position)
                .text("reason", reason),
            ScoringError::LimitExceeded {
                what,
                limit,
                actual,
            } => rep("ScoringError::LimitExceeded", c, k, "超出限制", e)
                .text("what", what)
                .int("limit", *limit)
                .int("actual", *actual),
            ScoringError::PointsOutOfRange { subject, bound } => rep(
                "ScoringError::PointsOutOfRange",
                c,
                k,
                "积分可能超出范围",
                e,
            )
            .int("position", *subject)
            .text("bound", bound),
            ScoringError::Internal { what } => {
                rep("ScoringError::Internal", c, C::Internal, "内部错误", e).text("what", what)
            }
            ScoringError::RuleSet(r) => R::from(r),
        }
    }
}

impl From<&OrgError> for R {
    fn from(e: &OrgError) -> R {
        let c = e.code();
        let k = C::Validation;
        match e {
            OrgError::DuplicateId {
                id,
                position,
                first,
            } => rep("OrgError::DuplicateId", c, k, "组织编号重复", e)
                .text("record", id)
                .int("position", *position)
                .int("first", *first),
            OrgError::UnknownParent { id, parent } => {
                rep("OrgError::UnknownParent", c, k, "上级组织不存在", e)
                    .text("record", id)
                    .text("field", "parent")
                    .text("parent", parent)
            }
            OrgError::BadNesting {
                id,
                kind,
                parent,
                parent_kind,
            } => rep("OrgError::BadNesting", c, k, "组织隶属关系不合规定", e)
                .text("record", id)
                .text("field", "parent")
                .text("kind", kind.code())
                .text("parent", parent)
                .text("parent_kind", parent_kind.code()),
            OrgError::Cycle { id } => rep("OrgError::Cycle", c, k, "组织隶属关系成环", e)
                .text("record", id)
                .text("field", "parent"),
            OrgError::ReversedDates {
                id,
                founded,
                dissolved,
            } => rep(
                "OrgError::ReversedDates",
                c,
                k,
                "组织撤销日期早于成立日期",
                e,
            )
            .text("record", id)
            .text("field", "dissolved")
            .text("founded", &founded.to_string())
            .text("dissolved", &dissolved.to_string()),
            OrgError::OutlivesParent { id, parent } => rep(
                "OrgError::OutlivesParent",
                c,
                k,
                "组织存续期超出上级组织",
                e,
            )
            .text("record", id)
            .text("field", "parent")
            .text("parent", parent),
            OrgError::BadField {
                position,
                field,
                reason,
            } => rep("OrgError::BadField", c, k, "组织字段无效", e)
                .int("position", *position)
                .text("field", field)
                .text("reason", reason),
            OrgError::TooMany { actual, limit } => {
                rep("OrgError::TooMany", c, k, "组织数量超出上限", e)
                    .int("actual", *actual)
                    .int("limit", *limit)
            }
            OrgError::TooDeep { id, limit } => {
                rep("OrgError::TooDeep", c, k, "组织层级超出上限", e)
                    .text("record", id)
                    .int("limit", *limit)
            }
            OrgError::NotFound { id } => {
                rep("OrgError::NotFound", c, k, "组织不存在", e).text("record", id)
            }
        }
    }
}

impl From<&RegistryError> for R {
    fn from(e: &RegistryError) -> R {
        let c = e.code();
        let k = C::Validation;
        match e {
            RegistryError::Org(o) => {
                // The registry's code (`org`), the tree rule broken as `org_rule`, then the
                // organization error's own details.
                let inner = R::from(o);
                let mut r = rep("RegistryError::Org", c, k, "", e).text("org_rule", o.code());
                r.message_zh = inner.message_zh;
                r.details.0.extend(inner.details.0);
                r.variant = match o {
                    OrgError::DuplicateId { .. } => "RegistryError::Org(OrgError::DuplicateId)",
                    OrgError::UnknownParent { .. } => "RegistryError::Org(OrgError::UnknownParent)",
                    OrgError::BadNesting { .. } => "RegistryError::Org(OrgError::BadNesting)",
                    OrgError::Cycle { .. } => "RegistryError::Org(OrgError::Cycle)",
                    OrgError::ReversedDates { .. } => "RegistryError::Org(OrgError::ReversedDates)",
                    OrgError::OutlivesParent { .. } => {
                        "RegistryError::Org(OrgError::OutlivesParent)"
                    }
                    OrgError::BadField { .. } => "RegistryError::Org(OrgError::BadField)",
                    OrgError::TooMany { .. } => "RegistryError::Org(OrgError::TooMany)",
                    OrgError::TooDeep { .. } => "RegistryError::Org(OrgError::TooDeep)",
                    OrgError::NotFound { .. } => "RegistryError::Org(OrgError::NotFound)",
                };
                r
            }
            RegistryError::DuplicateMember { id, position } => {
                rep("RegistryError::DuplicateMember", c, k, "党员编号重复", e)
                    .text("record", id)
                    .int("position", *position)
            }
            RegistryError::BadMember {
                id,
                position,
                field,
                reason,
            } => rep("RegistryError::BadMember", c, k, "党员信息字段无效", e)
                .text("record", id)
                .int("position", *position)
                .text("field", field)
                .text("reason", reason),
            RegistryError::EventRejected {
                position,
                member,
                date,
                event_type,
                rule,
                reason,
            } => rep(
                "RegistryError::EventRejected",
                c,
                k,
                "事件不符合规定，整批未登记",
                e,
            )
            .text("record", member)
            .int("position", *position)
            .text("field", "events")
            .text("date", &date.to_string())
            .text("event_type", event_type.code())
            .text("rule", rule.code())
            .text("reason", reason),
            RegistryError::UnknownMember { id } => {
                rep("RegistryError::UnknownMember", c, k, "党员不在名册中", e).text("record", id)
            }
            RegistryError::LimitExceeded {
                what,
                limit,
                actual,
            } => rep("RegistryError::LimitExceeded", c, k, "超出限制", e)
                .text("what", what)
                .int("limit", *limit)
                .int("actual", *actual),
        }
    }
}

impl From<&DatasetError> for R {
    fn from(e: &DatasetError) -> R {
        let c = e.code();
        let k = C::Validation;
        match e {
            DatasetError::Io { path, .. } => rep("DatasetError::Io", c, k, "数据文件无法读写", e)
                .text("field", "path")
                .text("path", path),
            DatasetError::Json {
                path, line, column, ..
            } => rep("DatasetError::Json", c, k, "数据集 JSON 无效", e)
                .text("field", path)
                .int("line", *line)
                .int("column", *column),
            DatasetError::UnsupportedFormat { format, version } => rep(
                "DatasetError::UnsupportedFormat",
                c,
                k,
                "不支持的数据集格式或版本",
                e,
            )
            .text("field", "format")
            .text("format", format)
            .int("version", *version),
            DatasetError::TooLarge { actual, limit } => {
                rep("DatasetError::TooLarge", c, k, "数据集超出大小上限", e)
                    .int("actual", *actual)
                    .int("limit", *limit)
            }
            DatasetError::LimitExceeded {
                path,
                limit,
                actual,
            } => rep(
                "DatasetError::LimitExceeded",
                c,
                k,
                "数据集字段超出长度上限",
                e,
            )
            .text("what", path)
            .int("limit", *limit)
            .int("actual", *actual),
            DatasetError::Binary { .. } => rep(
                "DatasetError::Binary",
                c,
                k,
                "二进制数据集损坏或版本不符",
                e,
            ),
            DatasetError::Registry(r) => R::from(r),
        }
    }
}

fn row(r: &RowError) -> super::Details {
    R::new("", "", C::Roster, "", String::new())
        .int("row", r.row)
        .text("field", &r.column)
        .text("code", r.code)
        .text("value", &r.value)
        .text("reason", &r.reason)
        .details
}

impl From<&ImportError> for R {
    fn from(e: &ImportError) -> R {
        let c = e.code();
        let k = C::Roster;
        match e {
            ImportError::Unreadable(reason) => {
                rep("ImportError::Unreadable", c, k, "", e).text("reason", reason)
            }
            ImportError::MissingColumn {
                column,
                accepted,
                nearest,
            } => rep("ImportError::MissingColumn", c, k, "", e)
                .text("field", column)
                .list("accepted", accepted)
                .opt_text("nearest", nearest.as_deref()),
            ImportError::SheetNotFound { sheet, available } => {
                rep("ImportError::SheetNotFound", c, k, "", e)
                    .text("sheet", sheet)
                    .list("available", available)
            }
            ImportError::BadStringIndex { part, cell, value } => {
                rep("ImportError::BadStringIndex", c, k, "", e)
                    .text("part", part)
                    .text("cell", cell)
                    .text("value", value)
            }
            ImportError::DuplicateCell { sheet, cell } => {
                rep("ImportError::DuplicateCell", c, k, "", e)
                    .text("sheet", sheet)
                    .text("cell", cell)
            }
            ImportError::Rows(rows) => {
                let first = rows.first();
                let mut r = rep("ImportError::Rows", c, k, "", e)
                    .int("count", rows.len())
                    .opt_int("row", first.map(|f| f.row))
                    .opt_text("field", first.map(|f| f.column.as_str()));
                r.rows = rows.iter().map(row).collect();
                r
            }
            ImportError::LimitExceeded {
                what,
                limit,
                actual,
            } => rep("ImportError::LimitExceeded", c, k, "", e)
                .text("what", what)
                .int("limit", *limit)
                .int("actual", *actual),
            ImportError::Registry(r) => {
                // The registry's report, raised as a roster error, with the roster's message.
                let mut inner = R::from(r);
                inner.class = k;
                inner.message_zh = e.to_string();
                inner.message_en = e.to_string();
                inner
            }
        }
    }
}

impl From<&PostError> for R {
    fn from(e: &PostError) -> R {
        let c = e.code();
        let k = C::Post;
        let at = |variant, zh, section: &str, position: Option<usize>, id: &str| {
            rep(variant, c, k, zh, e)
                .text("section", section)
                .opt_int("position", position)
                .text("record", id)
        };
        match e {
            PostError::BadField {
                section,
                position,
                id,
                field,
                reason,
            } => at(
                "PostError::BadField",
                "字段无效",
                section,
                Some(*position),
                id,
            )
            .text("field", field)
            .text("reason", reason),
            PostError::DuplicateId {
                section,
                position,
                id,
            } => at(
                "PostError::DuplicateId",
                "编号重复",
                section,
                Some(*position),
                id,
            ),
            PostError::UnknownKind {
                position,
                post,
                kind,
            } => at(
                "PostError::UnknownKind",
                "岗位类型未定义",
                "posts",
                Some(*position),
                post,
            )
            .text("kind", kind),
            PostError::UnknownOrg {
                position,
                post,
                org,
            } => at(
                "PostError::UnknownOrg",
                "岗位所属组织不存在",
                "posts",
                Some(*position),
                post,
            )
            .text("org", org),
            PostError::OrgInactive {
                position,
                post,
                org,
                reason,
            } => at(
                "PostError::OrgInactive",
                "岗位设立期超出组织存续期",
                "posts",
                Some(*position),
                post,
            )
            .text("org", org)
            .text("reason", reason),
            PostError::UnknownPost {
                section,
                position,
                id,
                post,
            } => at(
                "PostError::UnknownPost",
                "岗位不存在",
                section,
                Some(*position),
                id,
            )
            .text("post", post),
            PostError::UnknownMember {
                section,
                position,
                id,
                member,
            } => at(
                "PostError::UnknownMember",
                "党员不在名册中",
                section,
                Some(*position),
                id,
            )
            .text("member", member),
            PostError::NotAMember {
                section,
                position,
                id,
                member,
                date,
                reason,
            } => at(
                "PostError::NotAMember",
                "当日不是党员",
                section,
                Some(*position),
                id,
            )
            .text("member", member)
            .text("date", &date.to_string())
            .text("reason", reason),
            PostError::PostNotOpen {
                section,
                position,
                id,
                post,
                date,
                opened,
                closed,
            } => at(
                "PostError::PostNotOpen",
                "岗位当日未开放",
                section,
                *position,
                id,
            )
            .text("post", post)
            .text("date", &date.to_string())
            .text("opened", &opened.to_string())
            .opt_text("closed", closed.map(|d| d.to_string()).as_deref()),
            PostError::BadDates {
                section,
                position,
                id,
                start,
                end,
            } => at(
                "PostError::BadDates",
                "结束日期不晚于开始日期",
                section,
                Some(*position),
                id,
            )
            .text("start", &start.to_string())
            .text("end", &end.to_string()),
            PostError::OverCapacity {
                claim,
                position,
                post,
                date,
                held,
                capacity,
            } => at(
                "PostError::OverCapacity",
                "认领人数超过岗位数",
                "claims",
                *position,
                claim,
            )
            .text("post", post)
            .text("date", &date.to_string())
            .int("held", *held)
            .int("capacity", *capacity),
            PostError::TooManyPosts {
                claim,
                position,
                member,
                date,
                held,
                limit,
            } => at(
                "PostError::TooManyPosts",
                "同时认领岗位过多",
                "claims",
                *position,
                claim,
            )
            .text("member", member)
            .text("date", &date.to_string())
            .int("held", *held)
            .int("limit", *limit),
            PostError::AlreadyHeld {
                claim,
                position,
                other,
                member,
                post,
                date,
            } => at(
                "PostError::AlreadyHeld",
                "已认领同一岗位",
                "claims",
                *position,
                claim,
            )
            .text("other", other)
            .text("member", member)
            .text("post", post)
            .text("date", &date.to_string()),
            PostError::NotFound {
                section,
                position,
                id,
            } => at(
                "PostError::NotFound",
                "记录不存在",
                section,
                Some(*position),
                id,
            ),
            PostError::AlreadyDone {
                section,
                position,
                id,
                reason,
            } => at(
                "PostError::AlreadyDone",
                "已处理过",
                section,
                Some(*position),
                id,
            )
            .text("reason", reason),
            PostError::LimitExceeded {
                what,
                limit,
                actual,
            } => rep("PostError::LimitExceeded", c, k, "超出限制", e)
                .text("what", what)
                .int("limit", *limit)
                .int("actual", *actual),
        }
    }
}

impl From<&ComplianceError> for R {
    fn from(e: &ComplianceError) -> R {
        use ComplianceError as E;
        let c = e.code();
        let k = C::Compliance;
        let at = |variant, zh, section: &str, position: usize| {
            rep(variant, c, k, zh, e)
                .text("section", section)
                .int("position", position)
        };
        match e {
            E::UnknownMember {
                section,
                position,
                member,
            } => at(
                "ComplianceError::UnknownMember",
                "党员不在名册中",
                section,
                *position,
            )
            .text("member", member),
            E::UnknownOrg {
                section,
                position,
                org,
            } => at(
                "ComplianceError::UnknownOrg",
                "组织不存在",
                section,
                *position,
            )
            .text("org", org),
            E::OrgInactive {
                section,
                position,
                org,
                date,
            } => at(
                "ComplianceError::OrgInactive",
                "组织当日不存在",
                section,
                *position,
            )
            .text("org", org)
            .text("date", &date.to_string()),
            E::BadSchedule {
                position,
                effective_from,
                reason,
            } => at(
                "ComplianceError::BadSchedule",
                "党费标准无效",
                "dues_schedules",
                *position,
            )
            .text("effective_from", &effective_from.to_string())
            .text("reason", reason),
            E::NoSchedule { month, earliest } => {
                rep("ComplianceError::NoSchedule", c, k, "该月无有效党费标准", e)
                    .text("month", month)
                    .text("earliest", &earliest.to_string())
            }
            E::BadProfile {
                position,
                member,
                reason,
            } => at(
                "ComplianceError::BadProfile",
                "党费基数记录无效",
                "dues_profiles",
                *position,
            )
            .text("member", member)
            .text("reason", reason),
            E::BadPayment {
                section,
                position,
                member,
                reason,
            } => at(
                "ComplianceError::BadPayment",
                "党费缴纳记录无效",
                section,
                *position,
            )
            .text("member", member)
            .text("reason", reason),
            E::BadMeeting {
                position,
                meeting,
                reason,
            } => at(
                "ComplianceError::BadMeeting",
                "会议记录无效",
                "meetings",
                *position,
            )
            .text("record", meeting)
            .text("reason", reason),
            E::BadRequirement { position, reason } => at(
                "ComplianceError::BadRequirement",
                "会议要求无效",
                "meeting_requirements",
                *position,
            )
            .text("reason", reason),
            E::BadElection {
                election,
                field,
                reason,
            } => rep("ComplianceError::BadElection", c, k, "选举数据无效", e)
                .text("record", election)
                .text("field", field)
                .text("reason", reason),
            E::DuplicateId {
                section,
                position,
                id,
            } => at(
                "ComplianceError::DuplicateId",
                "编号重复",
                section,
                *position,
            )
            .text("record", id),
            E::BadPeriod { from, to } => rep("ComplianceError::BadPeriod", c, k, "查询期间为空", e)
                .text("from", from)
                .text("to", to),
        }
    }
}

impl From<&MonthError> for R {
    fn from(e: &MonthError) -> R {
        rep(
            "MonthError",
            "bad_month",
            C::Validation,
            "月份应写作 YYYY-MM",
            e,
        )
        .text("field", "month")
        .text("month", &crate::privacy::redact_digits(&e.0))
    }
}

impl From<&PeriodParseError> for R {
    fn from(e: &PeriodParseError) -> R {
        rep(
            "PeriodParseError",
            e.code(),
            C::Validation,
            "考核周期无效",
            e,
        )
        .text("field", "period")
        .text("period", &e.0)
    }
}

impl From<&ReportError> for R {
    fn from(e: &ReportError) -> R {
        match e {
            ReportError::BadMonth { year, month } => rep(
                "ReportError::BadMonth",
                e.code(),
                C::Validation,
                "报告月份无效",
                e,
            )
            .text("field", "month")
            .int("year", *year)
            .int("month", *month),
            ReportError::Registry(r) => R::from(r),
            ReportError::Scoring(r) => R::from(r),
            ReportError::Post(r) => R::from(r),
            ReportError::Compliance(r) => R::from(r),
            ReportError::Stats(r) => R::from(r),
            ReportError::Practice(r) => R::from(r),
            ReportError::Year(r) => R::from(r),
            ReportError::Declaration(r) => R::from(r),
        }
    }
}

impl From<&StatsError> for R {
    fn from(e: &StatsError) -> R {
        let c = e.code();
        let k = C::Validation;
        match e {
            StatsError::BadInterval { start, end } => {
                rep("StatsError::BadInterval", c, k, "统计区间起止颠倒", e)
                    .text("start", &start.to_string())
                    .text("end", &end.to_string())
            }
            StatsError::UnknownOrg { position, org } => {
                rep("StatsError::UnknownOrg", c, k, "组织不存在", e)
                    .int("position", *position)
                    .text("org", org)
            }
            StatsError::BadBands { thresholds, labels } => {
                rep("StatsError::BadBands", c, k, "分档设置无效", e)
                    .int("thresholds", *thresholds)
                    .int("labels", *labels)
            }
            StatsError::BadThreshold { k: t } => {
                rep("StatsError::BadThreshold", c, k, "抑制阈值无效", e).int("k", *t)
            }
            StatsError::WeakKey { got, min } => rep("StatsError::WeakKey", c, k, "", e)
                .int("got", *got)
                .int("min", *min),
            StatsError::Table(t) => R::from(t),
        }
    }
}

impl From<&TableError> for R {
    fn from(e: &TableError) -> R {
        let c = e.code();
        let k = C::Validation;
        match e {
            TableError::Ragged {
                table,
                column,
                expected,
                actual,
            } => rep("TableError::Ragged", c, k, "表格列长度不一致", e)
                .text("table", table)
                .text("field", column)
                .int("expected", *expected)
                .int("actual", *actual),
            TableError::UnknownColumn { table, column } => rep(
                "TableError::UnknownColumn",
                c,
                k,
                "表格结构引用了不存在的列",
                e,
            )
            .text("table", table)
            .text("field", column),
            TableError::BadStructure {
                table,
                expected,
                actual,
            } => rep("TableError::BadStructure", c, k, "表格结构行数不符", e)
                .text("table", table)
                .int("expected", *expected)
                .int("actual", *actual),
            TableError::Csv { table, message } => rep("TableError::Csv", c, k, "CSV 输出失败", e)
                .text("table", table)
                .text("reason", message),
            TableError::Xlsx { table, message } => {
                rep("TableError::Xlsx", c, k, "xlsx 输出失败", e)
                    .text("table", table)
                    .text("reason", message)
            }
        }
    }
}

impl From<&ScopeError> for R {
    fn from(e: &ScopeError) -> R {
        let c = e.code();
        let k = C::Scope;
        match e {
            ScopeError::UnknownOrg { id } => {
                rep("ScopeError::UnknownOrg", c, k, "组织不存在", e).text("record", id)
            }
            ScopeError::NotFound { id } => {
                rep("ScopeError::NotFound", c, k, "未找到该党员", e).text("record", id)
            }
            ScopeError::NotScopable { table } => {
                rep("ScopeError::NotScopable", c, k, "该表无法按组织范围裁剪", e)
                    .text("table", table)
            }
        }
    }
}

impl From<&FixedError> for R {
    fn from(e: &FixedError) -> R {
        let k = C::Validation;
        match e {
            FixedError::NotANumber(v) => rep(
                "FixedError::NotANumber",
                "not_a_number",
                k,
                "不是十进制数",
                e,
            )
            .text("value", v),
            FixedError::TooPrecise(v) => rep(
                "FixedError::TooPrecise",
                "too_precise",
                k,
                "小数超过三位",
                e,
            )
            .text("value", v),
            FixedError::OutOfRange(v) => rep(
                "FixedError::OutOfRange",
                "out_of_range",
                k,
                "数值超出范围",
                e,
            )
            .text("value", v),
        }
    }
}

impl From<&IdentityError> for R {
    fn from(e: &IdentityError) -> R {
        let k = C::Validation;
        match e {
            IdentityError::MalformedIdNumber { masked, reason } => rep(
                "IdentityError::MalformedIdNumber",
                "malformed_id_number",
                k,
                "身份证号码格式无效",
                e,
            )
            .text("value", masked)
            .text("reason", reason),
            IdentityError::BadCheckDigit {
                masked,
                expected,
                found,
            } => rep(
                "IdentityError::BadCheckDigit",
                "bad_check_digit",
                k,
                "身份证号码校验码不符",
                e,
            )
            .text("value", masked)
            .text("expected", &expected.to_string())
            .text("found", &found.to_string()),
            IdentityError::MalformedPhone { masked, reason } => rep(
                "IdentityError::MalformedPhone",
                "malformed_phone",
                k,
                "电话号码格式无效",
                e,
            )
            .text("value", masked)
            .text("reason", reason),
            IdentityError::MalformedName { reason } => rep(
                "IdentityError::MalformedName",
                "malformed_name",
                k,
                "姓名无效",
                e,
            )
            .text("reason", reason),
        }
    }
}

impl From<&RuleViolation> for R {
    fn from(e: &RuleViolation) -> R {
        rep(
            "RuleViolation",
            "rule_violation",
            C::Validation,
            "违反党员发展管理规定",
            e,
        )
        .text("rule", e.rule.code())
        .text("reason", &e.reason)
    }
}

#[cfg(feature = "store")]
impl From<&crate::store::StoreError> for R {
    fn from(e: &crate::store::StoreError) -> R {
        use crate::store::StoreError as E;
        let c = e.code();
        let k = C::Store;
        let v = |variant| rep(variant, c, k, "", e);
        match e {
            E::NotFound { path } => v("StoreError::NotFound").text("path", path),
            E::AlreadyExists { path } => v("StoreError::AlreadyExists").text("path", path),
            E::NotAStore { path, reason } => v("StoreError::NotAStore")
                .text("path", path)
                .text("reason", reason),
            E::NewerSchema { found, supported } => v("StoreError::NewerSchema")
                .int("found", *found)
                .int("supported", *supported),
            E::Conflict { expected, actual } => v("StoreError::Conflict")
                .int("expected", expected.0)
                .int("actual", actual.0),
            E::Busy { waited_ms } => v("StoreError::Busy").int("waited_ms", *waited_ms),
            E::DiskFull => v("StoreError::DiskFull"),
            E::BadStamp { reason } => v("StoreError::BadStamp").text("reason", reason),
            E::RecordedBeforeHead { at, head_at } => v("StoreError::RecordedBeforeHead")
                .text("at", &at.to_string())
                .text("head_at", &head_at.to_string()),
            E::EmptyBatch => v("StoreError::EmptyBatch"),
            E::NotRecorded { what } => v("StoreError::NotRecorded").text("what", what),
            E::Corrupt { reason } => v("StoreError::Corrupt").text("reason", reason),
            E::Storage { message } => v("StoreError::Storage").text("reason", message),
            // A batch refused by the core's validation: the core's own report and class.
            E::Dataset(x) => R::from(x),
            E::Registry(x) => R::from(x),
            E::Post(x) => R::from(x),
            E::Compliance(x) => R::from(x),
            E::Scoring(x) => R::from(x),
            E::Year(x) => R::from(x),
        }
    }
}

/// `From<E>` (by value) for every error with `From<&E>`, so `?` and `.into()` work.
macro_rules! by_value {
    ($($t:ty),* $(,)?) => {
        $(impl From<$t> for R {
            fn from(e: $t) -> R {
                R::from(&e)
            }
        })*
    };
}

by_value!(
    RuleSetError,
    ScoringError,
    OrgError,
    RegistryError,
    DatasetError,
    ImportError,
    PostError,
    ComplianceError,
    MonthError,
    PeriodParseError,
    ReportError,
    StatsError,
    TableError,
    ScopeError,
    FixedError,
    IdentityError,
    RuleViolation,
    crate::year::YearErrors,
);
#[cfg(feature = "store")]
by_value!(crate::store::StoreError);

impl From<&crate::practice::PracticeError> for R {
    fn from(e: &crate::practice::PracticeError) -> R {
        use crate::practice::PracticeError as P;
        let c = e.code();
        let k = C::Validation;
        match e {
            P::DuplicateId { what, id } => {
                rep("PracticeError::DuplicateId", c, k, "实践记录编号重复", e)
                    .text("section", what)
                    .text("record", id)
            }
            P::UnknownReference {
                what,
                id,
                target,
                reference,
            } => rep(
                "PracticeError::UnknownReference",
                c,
                k,
                "实践记录引用的对象不存在",
                e,
            )
            .text("section", what)
            .text("record", id)
            .text("target", target)
            .text("reference", reference),
            P::BadDates { what, id, reason } => {
                rep("PracticeError::BadDates", c, k, "实践记录日期有误", e)
                    .text("section", what)
                    .text("record", id)
                    .text("reason", reason)
            }
            P::BadValue { what, id, reason } => {
                rep("PracticeError::BadValue", c, k, "实践记录数值有误", e)
                    .text("section", what)
                    .text("record", id)
                    .text("reason", reason)
            }
        }
    }
}

impl From<&crate::declaration::DeclarationError> for R {
    fn from(e: &crate::declaration::DeclarationError) -> R {
        use crate::declaration::DeclarationError as D;
        let c = e.code();
        let k = C::Validation;
        match e {
            D::DuplicateId { id } => rep("DeclarationError::DuplicateId", c, k, "申报编号重复", e)
                .text("record", id)
                .text("reason", ""),
            D::UnknownMember { id } => rep(
                "DeclarationError::UnknownMember",
                c,
                k,
                "申报人不在名册中",
                e,
            )
            .text("record", id)
            .text("reason", ""),
            D::SelfReview { id } => rep("DeclarationError::SelfReview", c, k, "不能本人审核", e)
                .text("record", id)
                .text("reason", ""),
            D::BadDates { id, reason } => {
                rep("DeclarationError::BadDates", c, k, "申报日期有误", e)
                    .text("record", id)
                    .text("reason", reason)
            }
            D::NoReason { id } => rep("DeclarationError::NoReason", c, k, "退回未写明理由", e)
                .text("record", id)
                .text("reason", ""),
        }
    }
}

impl From<&crate::assessment::AssessmentError> for R {
    fn from(e: &crate::assessment::AssessmentError) -> R {
        use crate::assessment::AssessmentError as A;
        match e {
            A::BadYear { year } => rep(
                "AssessmentError::BadYear",
                e.code(),
                C::Validation,
                "考核年度无效",
                e,
            )
            .text("field", "year")
            .int("year", *year),
            A::Compliance(r) => R::from(r),
            A::Scoring(r) => R::from(r),
        }
    }
}

impl From<&crate::community::RecordError> for R {
    fn from(e: &crate::community::RecordError) -> R {
        use crate::community::RecordError as E;
        let c = e.code();
        let k = C::Validation;
        let pos = |n: &Option<usize>| n.map(|n| n.saturating_sub(1));
        match e {
            E::Json {
                kind,
                number,
                label,
                ..
            } => rep("RecordError::Json", c, k, "记录无法读取", e)
                .text("section", kind.name_zh())
                .opt_int("position", pos(number))
                .text("record", label),
            E::BadDate {
                kind,
                number,
                label,
                field,
                value,
                expected,
            } => rep("RecordError::BadDate", c, k, "日期写法有误", e)
                .text("section", kind.name_zh())
                .opt_int("position", pos(number))
                .text("record", label)
                .text("field", field)
                .text("value", value)
                .text("expected", expected),
            E::DuplicateId {
                kind,
                number,
                label,
            } => rep("RecordError::DuplicateId", c, k, "记录编号重复", e)
                .text("section", kind.name_zh())
                .opt_int("position", pos(number))
                .text("record", label),
            E::UnknownSubject {
                kind,
                number,
                label,
                subject,
            } => rep("RecordError::UnknownSubject", c, k, "对象不在名册中", e)
                .text("section", kind.name_zh())
                .opt_int("position", pos(number))
                .text("record", label)
                .text("subject", subject),
            E::Rejected {
                kind,
                number,
                label,
                rule,
                reason,
                by,
            } => {
                let mut r = rep("RecordError::Rejected", c, k, "记录不符合规则", e)
                    .text("section", kind.name_zh())
                    .opt_int("position", pos(number))
                    .text("record", label)
                    .text("rule", rule)
                    .text("reason", reason);
                r.message_zh = super::zh::rejected(&r.message_en, by);
                r
            }
            E::NotFound { kind, id } => rep("RecordError::NotFound", c, k, "没有该记录", e)
                .text("section", kind.name_zh())
                .text("record", id),
            E::TooMany {
                kind,
                limit,
                actual,
            } => rep("RecordError::TooMany", c, k, "一批记录过多", e)
                .text("section", kind.name_zh())
                .int("limit", *limit)
                .int("actual", *actual),
        }
    }
}

impl From<&crate::year::YearError> for R {
    fn from(e: &crate::year::YearError) -> R {
        use crate::year::YearError as Y;
        let c = e.code();
        let k = C::Validation;
        let r = |v: &'static str, zh: &str| rep(v, c, k, zh, e);
        match e {
            Y::DuplicateAppraisal { position, id } => {
                r("YearError::DuplicateAppraisal", "民主评议编号重复")
                    .text("section", "appraisals")
                    .int("position", *position)
                    .text("record", id)
            }
            Y::UnknownOrg {
                section,
                position,
                org,
            } => r("YearError::UnknownOrg", "组织不存在")
                .text("section", section)
                .int("position", *position)
                .text("org", org),
            Y::NotABranch { position, org } => {
                r("YearError::NotABranch", "民主评议应以党支部为单位")
                    .text("section", "appraisals")
                    .int("position", *position)
                    .text("org", org)
            }
            Y::AppraisalDate {
                position,
                date,
                year,
            } => r("YearError::AppraisalDate", "民主评议日期与年度不符")
                .text("section", "appraisals")
                .int("position", *position)
                .text("date", &date.to_string())
                .int("year", *year),
            Y::NotAppraised { position, member } => {
                r("YearError::NotAppraised", "该党员不在评议名单中")
                    .text("section", "appraisals")
                    .int("position", *position)
                    .text("record", member)
            }
            Y::DuplicateVoter { position, member } => {
                r("YearError::DuplicateVoter", "评议资格名单重复")
                    .text("section", "appraisals")
                    .int("position", *position)
                    .text("record", member)
            }
            Y::DuplicateGrade {
                position,
                list,
                member,
            } => r("YearError::DuplicateGrade", "同一党员有两个等次")
                .text("section", "appraisals")
                .int("position", *position)
                .text("field", list)
                .text("record", member),
            Y::BadRules => {
                r("YearError::BadRules", "民主评议计票规则无效").text("section", "appraisal_rules")
            }
            Y::UnknownAppraisal { position, id } => {
                r("YearError::UnknownAppraisal", "民主评议不存在")
                    .text("section", "appraisal_actions")
                    .int("position", *position)
                    .text("record", id)
            }
            Y::ActionDates { position } => r("YearError::ActionDates", "处置日期有误")
                .text("section", "appraisal_actions")
                .int("position", *position),
            Y::ActionOutcome { position } => r("YearError::ActionOutcome", "处置结果有误")
                .text("section", "appraisal_actions")
                .int("position", *position),
            Y::NotUnqualified { position, member } => {
                r("YearError::NotUnqualified", "该党员未被评为不合格")
                    .text("section", "appraisal_actions")
                    .int("position", *position)
                    .text("record", member)
            }
            Y::UnknownMember {
                section,
                position,
                member,
            } => r("YearError::UnknownMember", "党员不在名册中")
                .text("section", section)
                .int("position", *position)
                .text("record", member),
            Y::BadSerial { position, serial } => r("YearError::BadSerial", "介绍信编号有误")
                .text("section", "letters")
                .int("position", *position)
                .text("serial", serial),
            Y::BadValidity { position, days } => r("YearError::BadValidity", "介绍信有效期有误")
                .text("section", "letters")
                .int("position", *position)
                .int("days", *days),
            Y::LetterDates { position } => r("YearError::LetterDates", "介绍信日期有误")
                .text("section", "letters")
                .int("position", *position),
            Y::LetterOrgs { position } => r("YearError::LetterOrgs", "介绍信的转出、转入组织有误")
                .text("section", "letters")
                .int("position", *position),
        }
    }
}

/// The first problem's report, with every problem in `rows` (`section`, `position`, `code`,
/// `reason`).
impl From<&crate::year::YearErrors> for R {
    fn from(e: &crate::year::YearErrors) -> R {
        let mut r = match e.errors().first() {
            Some(first) => R::from(first),
            None => rep("YearErrors", e.code(), C::Validation, "年度记录有误", e),
        };
        r.message_zh = e.to_string();
        r.message_en = e.to_string();
        r.rows = e
            .errors()
            .iter()
            .map(|x| {
                let one = R::from(x);
                let mut d = crate::ffi::Details::default();
                for key in ["section", "position"] {
                    if let Some(v) = one.details.get(key) {
                        d.0.push((key, v.clone()));
                    }
                }
                d.0.push(("code", crate::ffi::Detail::Text(x.code().to_string())));
                d.0.push(("reason", crate::ffi::Detail::Text(x.to_string())));
                d
            })
            .collect();
        r
    }
}

impl From<&crate::agenda::AgendaError> for R {
    fn from(e: &crate::agenda::AgendaError) -> R {
        use crate::agenda::AgendaError as A;
        match e {
            A::TooManyDays { days, max } => rep(
                "AgendaError::TooManyDays",
                e.code(),
                C::Validation,
                "提醒天数过多",
                e,
            )
            .text("field", "days")
            .int("days", *days)
            .int("max", *max),
            A::BadDate { date } => rep(
                "AgendaError::BadDate",
                e.code(),
                C::Validation,
                "日期超出范围",
                e,
            )
            .text("field", "as_of")
            .text("date", &date.to_string()),
            A::Registry(r) => R::from(r),
            A::Compliance(r) => R::from(r),
            A::Year(r) => R::from(r),
        }
    }
}
