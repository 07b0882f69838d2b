//! The Chinese message (`message_zh`) of every error report: one template per variant, filled
//! from the report's details (already masked), so the message a person reads says in Chinese
//! what is wrong, where and why — `会议记录第1条：组织 B9 不存在` — while `message_en` keeps the
//! core's own message.
//!
//! Free texts of the core (a `reason` written in English, a limit's `what`) are put in the
//! Chinese message only when they are Chinese or a short value: a sentence in English stays in
//! `message_en` (and in `details`), never in `message_zh`. A core message that is already
//! Chinese first keeps its Chinese part (the English in parentheses after it is left out).
//!
//! What an application sees of it, in [`super::ErrorReport::message_zh`]:
//!
//! ```
//! use dangjian::compliance::ComplianceError;
//! use dangjian::ffi::ErrorReport;
//! let e = ComplianceError::UnknownOrg { section: "meetings", position: 0, org: "B9".into() };
//! let r = ErrorReport::from(&e);
//! assert_eq!(r.message_zh, "会议记录第1条：组织 B9 不存在");
//! assert!(r.message_en.contains("B9")); // the core's own message
//! ```

use super::{Detail, Details};

/// The Chinese name of a data section (`meetings` → `会议记录`); a name already Chinese, or
/// one not known, as given.
pub(crate) fn section_zh(section: &str) -> String {
    let zh = match section {
        "meetings" => "会议记录",
        "payments" => "党费记录",
        "special_dues" => "特殊党费记录",
        "dues_schedules" => "党费标准",
        "dues_profiles" => "党费基数",
        "meeting_requirements" => "会议要求",
        "elections" => "选举记录",
        "candidates" => "候选人",
        "posts" => "岗位",
        "post_kinds" => "岗位类型",
        "claims" => "岗位认领",
        "releases" => "岗位退出",
        "service" | "services" => "服务记录",
        "verify" => "服务核实",
        "closures" => "岗位关闭",
        "seats" => "席位",
        "weights" => "权重",
        "days" => "日程",
        "appraisals" => "民主评议",
        "appraisal_actions" => "评议处置",
        "appraisal_rules" => "评议计票规则",
        "letters" => "组织关系介绍信",
        "activities" => "积分记录",
        "members" => "党员名册",
        "organizations" | "orgs" => "组织",
        "scores" => "积分",
        "events" => "党员事件",
        other => other,
    };
    zh.to_string()
}

/// Whether `s` holds a run of three or more ASCII words (an English phrase).
pub(crate) fn has_english_phrase(s: &str) -> bool {
    let mut run = 0;
    let seps = |c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'' && c != '_');
    for w in s.split(seps).filter(|w| !w.is_empty()) {
        let word = w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
            && (w.len() >= 2 || w == "a" || w == "A");
        if word {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The Chinese part of a message that is Chinese first: parenthesized English (`（…）`, ` (…)`)
/// and an English half after ` / ` left out.
pub(crate) fn chinese_part(s: &str) -> String {
    let s = match s.split_once(" / ") {
        Some((head, _)) if has_cjk(head) => head,
        _ => s,
    };
    let mut out = String::new();
    // the text of an open parenthesized group, its parentheses included
    let mut group = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => {
                depth += 1;
                group.push(c);
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                group.push(c);
                if depth == 0 {
                    let n = group.chars().count();
                    let inner: String = group.chars().skip(1).take(n.saturating_sub(2)).collect();
                    if has_english_phrase(&inner) || (!has_cjk(&inner) && inner.contains(' ')) {
                        // left out, and the space before it
                        while out.ends_with(' ') {
                            out.pop();
                        }
                    } else {
                        out.push_str(&group);
                    }
                    group.clear();
                }
            }
            _ if depth > 0 => group.push(c),
            _ => out.push(c),
        }
    }
    out.push_str(&group);
    out.trim().to_string()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A free text of the core (a reason) in Chinese: Chinese texts as they are (their English
/// part left out), known English phrases translated, other English left out (`None`).
fn reason_zh(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if super::starts_chinese(s) || has_cjk(s) && !has_english_phrase(&chinese_part(s)) {
        let c = chinese_part(s);
        return (!c.is_empty() && !has_english_phrase(&c)).then_some(c);
    }
    let known = [
        ("is empty", "为空"),
        ("name is empty", "姓名为空"),
        ("too short", "太短"),
        ("must be positive", "应为正数"),
        ("not a number", "不是数字"),
        ("negative amount", "金额为负"),
        ("negative base", "基数为负"),
        ("different subjects", "考核对象种类不同"),
        ("they differ in subject kind or period", "考核对象种类或周期不同"),
        (
            "the tables score different kinds of subjects",
            "两表考核的对象种类不同",
        ),
        ("no such activity", "没有该活动"),
        ("already released", "已退出"),
        ("the service record is already verified", "服务记录已核实"),
        ("the book is empty", "规则册为空"),
        ("only members record service", "只有党员可登记服务"),
        ("a claim needs a member", "认领岗位须为党员"),
        (
            "only a member on the start date may claim a post",
            "开始日须为党员才能认领岗位",
        ),
        (
            "a claim must be released by the day membership ends",
            "党籍终止之日前须退出岗位",
        ),
        ("the first 17 characters must be digits", "前17位须为数字"),
        ("must have 18 characters", "应为18位"),
        ("digits 7-14 are not a valid birth date", "第7至14位不是有效的出生日期"),
        ("only digits and '-' are allowed", "只能含数字和“-”"),
        (
            "expected an 11-digit mobile starting with 1 or a 7-12 digit landline",
            "应为以1开头的11位手机号或7至12位固定电话",
        ),
        ("name is longer than 64 characters", "姓名超过64个字符"),
        ("is empty or longer than 64 bytes", "为空或超过64字节"),
        (
            "another schedule takes effect on the same day",
            "另一党费标准同日生效",
        ),
        (
            "looks like a resident ID number or a phone; ids appear in reports and errors, use a roster number",
            "像是身份证号或电话号码；编号会出现在报表和错误信息中，请改用名册编号",
        ),
        ("not a member on that day", "当日不是党员"),
        ("more votes than voters", "票数多于投票人数"),
        ("brackets must ascend", "分档应递增"),
        ("kind not held by a group", "党小组不开此类会议"),
        ("zero per period", "每期次数为零"),
        (
            "opens before the organization is founded",
            "岗位设立早于组织成立",
        ),
    ];
    if let Some((_, zh)) = known.iter().find(|(en, _)| *en == s) {
        return Some((*zh).to_string());
    }
    if let Some(zh) = binding_reason(s) {
        return Some(zh);
    }
    // a short value (`1.5`, `B9`) may stand; an English phrase may not
    (!has_english_phrase(s) && s.chars().count() <= 24 && !s.contains(' ')).then(|| s.to_string())
}

struct D<'a>(&'a Details);

impl D<'_> {
    /// The value of `key` as text (`?` when unknown).
    fn t(&self, key: &str) -> String {
        match self.0.get(key) {
            Some(Detail::Text(s)) => s.clone(),
            Some(Detail::Int(n)) => n.to_string(),
            Some(Detail::List(v)) => v.join("、"),
            Some(Detail::Null) | None => "?".to_string(),
        }
    }

    /// `第N条` from a 0-based `position` (empty when unknown).
    fn nth(&self) -> String {
        match self.0.get("position") {
            Some(Detail::Int(n)) => format!("第{}条", n.saturating_add(1)),
            _ => String::new(),
        }
    }

    /// `{section}第N条` (the section in Chinese).
    fn at(&self, section: &str) -> String {
        format!("{}{}", section_zh(section), self.nth())
    }

    /// `{section of the details}第N条`.
    fn here(&self) -> String {
        self.at(&self.t("section"))
    }

    /// `：{reason}` in Chinese, or nothing.
    fn why(&self) -> String {
        self.why_of("reason")
    }

    fn why_of(&self, key: &str) -> String {
        match self.0.get(key) {
            Some(Detail::Text(s)) => reason_zh(s).map(|r| format!("：{r}")).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// The Chinese message of `variant` from its details, or `None` (the variant keeps the message
/// it was built with).
pub(crate) fn message(variant: &str, details: &Details, message_en: &str) -> Option<String> {
    let d = D(details);
    let t = |k: &str| d.t(k);
    let org_variant = variant
        .strip_prefix("RegistryError::Org(")
        .and_then(|v| v.strip_suffix(')'))
        .unwrap_or(variant);
    let m = match org_variant {
        "RecordError::Json" => {
            let (place, said) = message_en
                .split_once("无法读取：")
                .unwrap_or((message_en, ""));
            format!("{}无法读取{}", chinese_part(place), parser_zh(said))
        }
        // organizations
        "OrgError::DuplicateId" => format!(
            "组织第{}条：编号 {} 重复（第{}条已使用）",
            int1(&t("position")),
            t("record"),
            int1(&t("first"))
        ),
        "OrgError::UnknownParent" => {
            format!("组织 {}：上级组织 {} 不存在", t("record"), t("parent"))
        }
        "OrgError::BadNesting" => format!(
            "组织 {}：{}不能隶属于{} {}（按《中国共产党支部工作条例》，党小组只能设在党支部内）",
            t("record"),
            kind_zh(&t("kind")),
            kind_zh(&t("parent_kind")),
            t("parent")
        ),
        "OrgError::Cycle" => format!("组织 {}：上级隶属关系成环", t("record")),
        "OrgError::ReversedDates" => format!(
            "组织 {}：撤销日期 {} 不晚于成立日期 {}",
            t("record"),
            t("dissolved"),
            t("founded")
        ),
        "OrgError::OutlivesParent" => format!(
            "组织 {}：存续期超出上级组织 {} 的存续期",
            t("record"),
            t("parent")
        ),
        "OrgError::BadField" => format!(
            "组织第{}条：字段 {} 无效{}",
            int1(&t("position")),
            t("field"),
            d.why()
        ),
        "OrgError::TooMany" => format!("组织数 {} 超过上限 {}", t("actual"), t("limit")),
        "OrgError::TooDeep" => format!("组织 {}：层级超过 {} 层上限", t("record"), t("limit")),
        "OrgError::NotFound" | "ScopeError::UnknownOrg" => {
            format!("组织 {} 不存在", t("record"))
        }
        // the roster
        "RegistryError::DuplicateMember" => format!(
            "党员名册第{}条：编号 {} 重复（名册中已有）",
            int1(&t("position")),
            t("record")
        ),
        "RegistryError::BadMember" => format!(
            "党员名册第{}条（{}）：字段 {} 无效{}",
            int1(&t("position")),
            t("record"),
            t("field"),
            d.why()
        ),
        "RegistryError::EventRejected" => format!(
            "党员 {} 的第{}个事件（{}，{}）不符合规定：{}{}，整批未登记",
            t("record"),
            int1(&t("position")),
            event_zh(&t("event_type")),
            t("date"),
            member_rule_zh(&t("rule")),
            d.why()
        ),
        "RegistryError::UnknownMember" => format!("党员 {} 不在名册中", t("record")),
        "RegistryError::LimitExceeded"
        | "ScoringError::LimitExceeded"
        | "PostError::LimitExceeded"
        | "ImportError::LimitExceeded" => format!(
            "超出限制：{}{} 超过上限 {}",
            what_zh(&t("what")),
            t("actual"),
            t("limit")
        ),
        // roster files
        "ImportError::Unreadable" => format!("花名册文件无法读取{}", d.why()),
        "ImportError::MissingColumn" => {
            let near = match details.get("nearest") {
                Some(Detail::Text(n)) => format!("；最接近的表头是「{n}」"),
                _ => String::new(),
            };
            format!(
                "花名册表头缺少必需列「{}」（可用列名：{}）{}",
                t("field"),
                t("accepted"),
                near
            )
        }
        "ImportError::BadStringIndex" => format!(
            "工作簿已损坏：{} 的单元格 {} 的共享字符串序号 {} 不是非负整数",
            t("part"),
            t("cell"),
            t("value")
        ),
        "ImportError::DuplicateCell" => format!(
            "工作簿已损坏：工作表「{}」的单元格 {} 出现了两次",
            t("sheet"),
            t("cell")
        ),
        "ImportError::Rows" => format!(
            "花名册有 {} 处错误，未导入任何记录；第一处在第{}行「{}」列（每处见 rows）",
            t("count"),
            t("row"),
            t("field")
        ),
        "ImportError::SheetNotFound" => format!(
            "工作簿中没有名为「{}」的工作表（现有工作表：{}）",
            t("sheet"),
            t("available")
        ),
        // datasets
        "DatasetError::Io" => format!("数据文件 {} 无法读写", t("path")),
        "DatasetError::Json" => format!(
            "数据集 JSON 第{}行第{}列{}无效{}",
            t("line"),
            t("column"),
            path_zh(&t("field")),
            serde_why(message_en)
        ),
        "DatasetError::UnsupportedFormat" => format!(
            "不支持数据集格式 {} 第{}版（应为 dangjian-dataset 第1版）",
            t("format"),
            t("version")
        ),
        "DatasetError::TooLarge" => {
            format!("数据集 {} 字节，超过上限 {} 字节", t("actual"), t("limit"))
        }
        "DatasetError::LimitExceeded" => format!(
            "数据集字段 {}：{} 个字符，超过上限 {}",
            t("what"),
            t("actual"),
            t("limit")
        ),
        "DatasetError::Binary" => "二进制数据集已损坏或版本不符".to_string(),
        // scoring
        "ScoringError::DuplicateActivity" => format!(
            "积分记录第{}条：编号 {} 重复（第{}条已使用）",
            int1(&t("position")),
            t("record"),
            int1(&t("first"))
        ),
        "ScoringError::UnknownSubject" => format!(
            "积分记录第{}条（{}）：对象 {} 既不在名册中也不是组织",
            int1(&t("position")),
            t("record"),
            t("subject")
        ),
        "ScoringError::UnknownItem" => format!(
            "积分记录第{}条（{}）：项目 {} 不在规则集 {} 第{}版中",
            int1(&t("position")),
            t("record"),
            t("item"),
            t("rule_set"),
            t("version")
        ),
        "ScoringError::NotASubject" => format!(
            "积分记录第{}条（{}）：{} 在 {} 不是考核对象{}",
            int1(&t("position")),
            t("record"),
            t("subject"),
            t("date"),
            d.why()
        ),
        "ScoringError::Ineligible" => format!(
            "积分记录第{}条（{}）：项目 {} 只适用于{}，该党员 {} 的类别是{}",
            int1(&t("position")),
            t("record"),
            t("item"),
            t("allowed"),
            t("date"),
            t("category")
        ),
        "ScoringError::BadQuantity" => format!(
            "积分记录第{}条（{}）：数量 {} 无效{}",
            int1(&t("position")),
            t("record"),
            t("quantity"),
            d.why()
        ),
        "ScoringError::BadReversal" => format!(
            "积分记录第{}条（{}）：冲销的记录 {} 无效{}",
            int1(&t("position")),
            t("record"),
            t("target"),
            d.why()
        ),
        "ScoringError::NoRuleInForce" => {
            format!("规则集 {} 在 {} 没有有效版本", t("rule_set"), t("date"))
        }
        "ScoringError::WrongPeriod" => format!(
            "考核周期 {} 不是规则集 {} 的{}周期",
            t("period"),
            t("rule_set"),
            period_kind_zh(&t("expected"))
        ),
        "ScoringError::NotScored" => {
            format!("对象 {} 在 {} 没有积分", t("record"), t("period"))
        }
        "ScoringError::Incomparable" => format!(
            "规则集 {} 与 {} 无法比较{}",
            t("rule_set"),
            t("other"),
            d.why()
        ),
        "ScoringError::BadColumn" => format!(
            "批量输入第{}行的列 {} 无效{}",
            t("position"),
            t("field"),
            d.why()
        ),
        "RuleSetError::Parse" => format!(
            "规则集（{}）第{}行第{}列{}无法解析{}",
            t("format"),
            t("line"),
            t("column"),
            path_zh(&t("field")),
            serde_why(message_en)
        ),
        "RuleSetError::Invalid" => {
            let item = match details.get("item") {
                Some(Detail::Text(s)) => format!("项目 {s} 的"),
                _ => String::new(),
            };
            format!(
                "规则集 {}：{}字段 {} 无效{}",
                t("rule_set"),
                item,
                t("field"),
                d.why()
            )
        }
        "RuleSetError::DuplicateItem" => format!(
            "规则集 {}：第{}个项目的代码 {} 与第{}个重复",
            t("rule_set"),
            int1(&t("position")),
            t("item"),
            int1(&t("first"))
        ),
        "RuleSetError::Book" => format!(
            "规则册：{} 第{}版与其他版本不衔接{}",
            t("rule_set"),
            t("version"),
            d.why()
        ),
        "RuleSetError::TooLarge" => {
            format!("规则集 {} 字节，超过上限 {} 字节", t("actual"), t("limit"))
        }
        "PeriodParseError" => format!(
            "考核周期 {} 无效（应写作 2026-10、2026-Q4 或 2026）",
            t("period")
        ),
        "MonthError" => format!("月份 {} 无效（应写作 YYYY-MM）", t("month")),
        // posts
        "PostError::BadField" => format!(
            "{}（{}）：字段 {} 无效{}",
            d.here(),
            t("record"),
            t("field"),
            d.why()
        ),
        "PostError::DuplicateId" => format!("{}：编号 {} 重复", d.here(), t("record")),
        "PostError::UnknownKind" => format!(
            "{}（{}）：岗位类型 {} 未定义（请在 post_kinds 中定义）",
            d.here(),
            t("record"),
            t("kind")
        ),
        "PostError::UnknownOrg" => {
            format!("{}（{}）：组织 {} 不存在", d.here(), t("record"), t("org"))
        }
        "PostError::OrgInactive" => format!(
            "{}（{}）：岗位设立期超出组织 {} 的存续期{}",
            d.here(),
            t("record"),
            t("org"),
            d.why()
        ),
        "PostError::UnknownPost" => {
            format!("{}（{}）：岗位 {} 不存在", d.here(), t("record"), t("post"))
        }
        "PostError::UnknownMember" => format!(
            "{}（{}）：党员 {} 不在名册中",
            d.here(),
            t("record"),
            t("member")
        ),
        "PostError::NotAMember" => format!(
            "{}（{}）：{} 在 {} 不是党员{}",
            d.here(),
            t("record"),
            t("member"),
            t("date"),
            d.why()
        ),
        "PostError::PostNotOpen" => {
            let closed = match details.get("closed") {
                Some(Detail::Text(c)) => format!("，{c} 前关闭"),
                _ => String::new(),
            };
            format!(
                "{}（{}）：岗位 {} 在 {} 未开放（{} 开放{}）",
                d.here(),
                t("record"),
                t("post"),
                t("date"),
                t("opened"),
                closed
            )
        }
        "PostError::BadDates" => format!(
            "{}（{}）：结束日期 {} 不晚于开始日期 {}",
            d.here(),
            t("record"),
            t("end"),
            t("start")
        ),
        "PostError::OverCapacity" => format!(
            "{}（{}）：岗位 {} 在 {} 将有 {} 人认领，超过 {} 个岗位数",
            d.here(),
            t("record"),
            t("post"),
            t("date"),
            t("held"),
            t("capacity")
        ),
        "PostError::TooManyPosts" => format!(
            "{}（{}）：党员 {} 在 {} 将同时认领 {} 个岗位，最多 {} 个",
            d.here(),
            t("record"),
            t("member"),
            t("date"),
            t("held"),
            t("limit")
        ),
        "PostError::AlreadyHeld" => format!(
            "{}（{}）：党员 {} 在 {} 已通过认领 {} 担任岗位 {}",
            d.here(),
            t("record"),
            t("member"),
            t("date"),
            t("other"),
            t("post")
        ),
        "PostError::NotFound" => format!("{}：{} 不存在", d.here(), t("record")),
        "PostError::AlreadyDone" => format!("{}（{}）：已处理过{}", d.here(), t("record"), d.why()),
        // compliance
        "ComplianceError::UnknownMember" => {
            format!("{}：党员 {} 不在名册中", d.here(), t("member"))
        }
        "ComplianceError::UnknownOrg" => format!("{}：组织 {} 不存在", d.here(), t("org")),
        "ComplianceError::OrgInactive" => {
            format!("{}：组织 {} 在 {} 不存在", d.here(), t("org"), t("date"))
        }
        "ComplianceError::BadSchedule" => format!(
            "{}（{} 起）：党费标准无效{}",
            d.here(),
            t("effective_from"),
            d.why()
        ),
        "ComplianceError::NoSchedule" => format!(
            "月份 {} 没有有效的党费标准（最早的标准自 {} 起）",
            t("month"),
            t("earliest")
        ),
        "ComplianceError::BadProfile" => format!(
            "{}（党员 {}）：党费基数记录无效{}",
            d.here(),
            t("member"),
            d.why()
        ),
        "ComplianceError::BadPayment" => format!(
            "{}（党员 {}）：缴纳记录无效{}",
            d.here(),
            t("member"),
            d.why()
        ),
        "ComplianceError::BadMeeting" => {
            format!("{}（{}）：会议记录无效{}", d.here(), t("record"), d.why())
        }
        "ComplianceError::BadRequirement" => {
            format!("{}：会议要求无效{}", d.here(), d.why())
        }
        "ComplianceError::BadElection" => {
            format!("选举 {} 的字段 {} 无效{}", t("record"), t("field"), d.why())
        }
        "ComplianceError::DuplicateId" => {
            format!("{}：编号 {} 重复", d.here(), t("record"))
        }
        "ComplianceError::BadPeriod" => {
            format!("查询期间 {} 至 {} 为空", t("from"), t("to"))
        }
        // statistics and tables
        "StatsError::BadInterval" => format!("统计区间 {} 至 {} 起止颠倒", t("start"), t("end")),
        "StatsError::UnknownOrg" => {
            format!("积分第{}条：组织 {} 不存在", int1(&t("position")), t("org"))
        }
        "StatsError::BadBands" => format!(
            "积分分档：{} 个分界需要比它多一个标签，给出了 {} 个，且分界应递增",
            t("thresholds"),
            t("labels")
        ),
        "StatsError::BadThreshold" => {
            format!("抑制阈值 k = {} 无效：至少为 2（1 不抑制任何数据）", t("k"))
        }
        "TableError::Ragged" => format!(
            "表格 {}：列 {} 有 {} 个值，表格有 {} 行",
            t("table"),
            t("field"),
            t("actual"),
            t("expected")
        ),
        "TableError::UnknownColumn" => format!(
            "表格 {}：结构引用的列 {} 不是该表的计数列",
            t("table"),
            t("field")
        ),
        "TableError::BadStructure" => format!(
            "表格 {}：结构有 {} 行，表格有 {} 行",
            t("table"),
            t("actual"),
            t("expected")
        ),
        "TableError::Csv" => format!("表格 {} 输出 CSV 失败{}", t("table"), d.why()),
        "TableError::Xlsx" => format!("表格 {} 输出 xlsx 失败{}", t("table"), d.why()),
        "ScopeError::NotFound" => format!("未找到党员 {}", t("record")),
        "ScopeError::NotScopable" => {
            format!("表格 {} 没有组织或支部列，无法按组织范围裁剪", t("table"))
        }
        // numbers and identities
        "FixedError::NotANumber" => format!("数值 {} 不是十进制数", t("value")),
        "FixedError::TooPrecise" => format!("数值 {} 的小数超过三位", t("value")),
        "FixedError::OutOfRange" => {
            format!("数值 {} 超出范围（绝对值至多 10^12）", t("value"))
        }
        "IdentityError::MalformedIdNumber" => {
            format!("身份证号码 {} 格式无效{}", t("value"), d.why())
        }
        "IdentityError::BadCheckDigit" => format!(
            "身份证号码 {} 的校验码不符（GB 11643-1999）：应为 {}，实为 {}",
            t("value"),
            t("expected"),
            t("found")
        ),
        "IdentityError::MalformedPhone" => {
            format!("电话号码 {} 格式无效{}", t("value"), d.why())
        }
        "IdentityError::MalformedName" => format!("姓名无效{}", d.why()),
        "RuleViolation" => format!(
            "违反党员发展管理规定：{}{}",
            member_rule_zh(&t("rule")),
            d.why()
        ),
        // the bindings
        "binding::bad_argument" => format!("参数 {} 无效{}", t("argument"), d.why()),
        "binding::json" => format!(
            "参数 {} 的 JSON 无效（第{}行第{}列）{}",
            t("argument"),
            t("line"),
            t("column"),
            serde_why(message_en)
        ),
        "StoreError::NotRecorded" => format!("存储中尚无 {} 的记录", t("what")),
        "binding::invalid" => {
            let c = chinese_part(message_en);
            if has_cjk(&c) && !has_english_phrase(&c) {
                c
            } else {
                format!("参数 {} 的值无效", t("field"))
            }
        }
        "binding::internal" => format!("内部错误（请报告此问题）{}", d.why_of("what")),
        // year records
        "YearError::DuplicateAppraisal" => format!(
            "{}：民主评议 {} 重复（同一编号，或同一支部同一年度已有评议）",
            d.at("appraisals"),
            t("record")
        ),
        "YearError::UnknownOrg" => format!("{}：组织 {} 不存在", d.here(), t("org")),
        "YearError::NotABranch" => format!(
            "{}：{} 不是评议当日存在的党支部",
            d.at("appraisals"),
            t("org")
        ),
        "YearError::AppraisalDate" => format!(
            "{}：评议日期 {} 不在 {} 年或次年",
            d.at("appraisals"),
            t("date"),
            t("year")
        ),
        "YearError::NotAppraised" => {
            format!("{}：党员 {} 不在参评名单", d.at("appraisals"), t("record"))
        }
        "YearError::BadRules" => {
            "民主评议计票规则无效：权重不能全为0，比例不超过10000个基点，限期改正天数为1至366"
                .to_string()
        }
        "YearError::UnknownAppraisal" => format!(
            "{}：民主评议 {} 不存在",
            d.at("appraisal_actions"),
            t("record")
        ),
        "YearError::ActionDates" => format!(
            "{}：处置日期早于评议日期，或期限、结果日期早于处置日期，或结果与结果日期不成对",
            d.at("appraisal_actions")
        ),
        "YearError::ActionOutcome" => {
            format!("{}：处置结果与处置方式不符", d.at("appraisal_actions"))
        }
        "YearError::NotUnqualified" => format!(
            "{}：党员 {} 未被支部评定为不合格",
            d.at("appraisal_actions"),
            t("record")
        ),
        "YearError::UnknownMember" => format!("{}：党员 {} 不在名册中", d.here(), t("record")),
        "YearError::BadSerial" => format!(
            "{}：介绍信编号 {} 无效或重复（编号年份须为开具年份，序号从1起）",
            d.at("letters"),
            t("serial")
        ),
        "YearError::BadValidity" => format!(
            "{}：有效期 {} 天无效（应为1至366天）",
            d.at("letters"),
            t("days")
        ),
        "YearError::LetterDates" => {
            format!("{}：报到、退回或作废日期早于开具日期", d.at("letters"))
        }
        "YearError::LetterOrgs" => {
            format!("{}：介绍信的开出和接收组织都不在本数据中", d.at("letters"))
        }
        _ => {
            // Chinese-first messages of the core keep their Chinese part.
            if super::starts_chinese(message_en) {
                return Some(chinese_part(message_en));
            }
            return None;
        }
    };
    Some(m)
}

/// `n + 1` of a 0-based position written as text (`?` stays `?`).
fn int1(s: &str) -> String {
    s.parse::<i64>()
        .map(|n| n.saturating_add(1).to_string())
        .unwrap_or_else(|_| s.to_string())
}

fn kind_zh(code: &str) -> String {
    crate::org::OrgKind::parse(code)
        .map(|k| k.label().to_string())
        .unwrap_or_else(|| code.to_string())
}

fn event_zh(code: &str) -> String {
    match code {
        "applied" => "递交入党申请",
        "activist" => "确定为入党积极分子",
        "candidate" => "确定为发展对象",
        "admitted" => "接收为预备党员",
        "converted" => "转为正式党员",
        "probation_extended" => "延长预备期",
        "disqualified" => "取消预备党员资格",
        "transferred_in" => "转入",
        "transferred_out" => "转出",
        "died" => "去世",
        "expelled" => "开除党籍",
        "removed" => "除名",
        "withdrew" => "退党",
        "talked" => "入党谈话",
        "probation_cancelled" => "取消预备党员资格",
        "moved" => "组织内调动",
        "group_assigned" => "编入党小组",
        "floated_out" => "外出流动",
        "returned" => "流动返回",
        "lost_contact" => "失去联系",
        "found" => "恢复联系",
        "category_changed" => "类别变更",
        "disciplined" => "受党纪处分",
        "rights_suspended" => "停止党员权利",
        "rights_restored" => "恢复党员权利",
        "registered" => "初始登记",
        other => other,
    }
    .to_string()
}

fn period_kind_zh(code: &str) -> String {
    match code {
        "month" => "月度",
        "quarter" => "季度",
        "year" => "年度",
        other => other,
    }
    .to_string()
}

/// The Chinese name of what a limit counts (`rows` → `行数 `); Chinese as given; other English
/// left out.
fn what_zh(what: &str) -> String {
    let zh = match what {
        "rows" => "花名册行数",
        "seats" => "席位数",
        "activities" => "积分记录数",
        "members in one registry" => "名册党员数",
        "events of one member" => "一名党员的事件数",
        "posts, claims and service records in one book" => "岗位、认领和服务记录数",
        "days in one batch plan" => "一次排班的天数",
        "seats in one matching problem" => "一次匹配的席位数",
        "seats or candidates in one matching problem" => "一次匹配的席位或候选人数",
        w if has_cjk(w) && !has_english_phrase(w) => w,
        _ => "数量",
    };
    format!("{zh} ")
}

/// The Chinese message of a record refused by its section: where (the record, from the core's
/// message, masked there) and why (the section error's own Chinese message).
pub(crate) fn rejected(message_en: &str, by: &crate::community::RejectedBy) -> String {
    use crate::community::RejectedBy as B;
    let place = message_en
        .split_once("不符合规则")
        .map(|(p, _)| p.to_string())
        .unwrap_or_else(|| "记录".to_string());
    let why = match by {
        B::Scoring(e) => super::ErrorReport::from(e).message_zh,
        B::Compliance(e) => super::ErrorReport::from(e).message_zh,
        B::Post(e) => super::ErrorReport::from(e).message_zh,
        B::Other(s) => chinese_part(s),
    };
    format!("{place}不符合规则：{why}")
}

/// `（字段 members[3].birth_date）`, or nothing for the root (`.`, empty).
fn path_zh(path: &str) -> String {
    match path {
        "" | "." | "?" => String::new(),
        p => format!("（字段 {p}）"),
    }
}

/// What a JSON parser said (the end of the core's message, after its last `): `), in Chinese:
/// `：缺少字段 orgs`; nothing when the parser's words are not known.
fn serde_why(message_en: &str) -> String {
    let said = message_en
        .rsplit_once("): ")
        .map(|(_, m)| m)
        .unwrap_or(message_en);
    parser_zh(said)
}

/// A JSON parser's words (`missing field `org` at line 1 column 2`) in Chinese after `：`.
fn parser_zh(said: &str) -> String {
    let said = said.split(" at line ").next().unwrap_or(said).trim();
    let name = |rest: &str| {
        rest.split('`')
            .nth(1)
            .map(crate::privacy::echo_id)
            .unwrap_or_default()
    };
    let zh = if said.starts_with("missing field") {
        format!("缺少字段 {}", name(said))
    } else if said.starts_with("unknown field") {
        format!("没有字段 {}", name(said))
    } else if said.starts_with("duplicate field") {
        format!("字段 {} 重复", name(said))
    } else if said.starts_with("unknown variant") {
        format!("取值 {} 不在可选范围内", name(said))
    } else if said.starts_with("invalid type") {
        "值的类型不对".to_string()
    } else if said.starts_with("invalid value") {
        "值无效".to_string()
    } else if said.starts_with("invalid length") {
        "元素个数不对".to_string()
    } else if said.starts_with("invalid date") || said.contains("input contains invalid characters")
    {
        "日期无效".to_string()
    } else if said.starts_with("EOF while parsing") {
        "内容不完整（提前结束）".to_string()
    } else if said.starts_with("expected value") {
        "此处应有一个值".to_string()
    } else if said.starts_with("trailing characters") || said.starts_with("trailing comma") {
        "末尾有多余字符".to_string()
    } else if said.starts_with("key must be a string") {
        "对象的键应为字符串".to_string()
    } else if said.starts_with("control character") {
        "字符串中有控制字符".to_string()
    } else if said.starts_with("recursion limit exceeded") {
        "嵌套层数过多".to_string()
    } else if said.starts_with("number out of range") {
        "数值超出范围".to_string()
    } else if said.starts_with("invalid escape") || said.starts_with("invalid unicode") {
        "字符串转义无效".to_string()
    } else if said.starts_with("expected") {
        "此处的符号不对".to_string()
    } else {
        return String::new();
    };
    format!("：{zh}")
}

/// The reasons the bindings give for a bad argument, in Chinese: the fixed ones, and `must be
/// "a" or "b"` / `is neither "a" nor "b"` with their choices.
fn binding_reason(s: &str) -> Option<String> {
    let fixed = [
        ("cannot be converted to JSON", "无法转换为 JSON"),
        ("is not a YYYY-MM-DD date", "不是 YYYY-MM-DD 格式的日期"),
        (
            "is neither a string nor a Uint8Array",
            "既不是字符串也不是 Uint8Array",
        ),
        ("is not a built-in rule set", "不是内置规则集"),
        ("is not a count", "不是计数"),
        ("is not an object", "不是对象"),
        (
            "\"toml\" is not in this package (built without the crate feature `toml`)",
            "本包不含 \"toml\"（构建时未启用 crate 特性 `toml`）",
        ),
    ];
    if let Some((_, zh)) = fixed.iter().find(|(en, _)| *en == s) {
        return Some((*zh).to_string());
    }
    if s.starts_with("must be ") || s.starts_with("is neither ") {
        let choices: Vec<&str> = s.split(['"', '`']).skip(1).step_by(2).collect();
        if let Some((last, rest)) = choices.split_last() {
            let rest: Vec<String> = rest.iter().map(|c| format!("\"{c}\"")).collect();
            return Some(if rest.is_empty() {
                format!("应为 \"{last}\"")
            } else {
                format!("应为 {} 或 \"{last}\"", rest.join("、"))
            });
        }
    }
    None
}

/// A lifecycle rule (`MemberRule` code) in Chinese, its code after it.
fn member_rule_zh(code: &str) -> String {
    let zh = match code {
        "unknown_member" => "党员不在名册中",
        "unknown_organization" => "组织不存在",
        "missing_field" => "缺少必需的字段或取值超出范围",
        "wrong_organization_kind" => "组织类型不符（应为党支部或本支部的党小组）",
        "organization_inactive" => "组织在该日不存在",
        "before_birth" => "事件日期早于出生日期",
        "under_age" => "申请入党须年满十八岁（党章第一条）",
        "wrong_stage" => "党员所处阶段不能发生该事件",
        "activist_too_short" => "入党积极分子须经一年以上培养教育和考察（发展党员工作细则）",
        "probation_not_over" => "预备期未满不能转正（党章第七条）",
        "bad_extension" => "预备期只能延长一次，时间为半年至一年（党章第七条、发展党员工作细则）",
        "after_terminal" => "党员已终止（去世、出党等）后不能再有事件",
        "no_change" => "该事件没有改变任何情况",
        "inconsistent_dates" => "转入时给出的历史日期互相矛盾或与事件日期矛盾",
        "identity_mismatch" => "身份证号与出生日期或性别不符（GB 11643-1999）",
        "out_of_range" => "日期或文字超出规定范围",
        "bad_discipline" => "党纪处分只适用于正式党员，留党察看为一年或两年（党章第四十一条）",
        "conversion_not_at_probation_end" => "转正日期不是预备期满之日（党章第七条）",
        other => return other.to_string(),
    };
    format!("{zh}（{code}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binding_reasons_read_in_chinese() {
        assert_eq!(
            reason_zh("must be \"mask\", \"keep\" or \"drop\"").as_deref(),
            Some("应为 \"mask\"、\"keep\" 或 \"drop\"")
        );
        assert_eq!(
            reason_zh(
                "文件既不是 UTF-8 也不是 GB18030 文本 (the file is neither UTF-8 nor GB18030 text)"
            )
            .as_deref(),
            Some("文件既不是 UTF-8 也不是 GB18030 文本")
        );
        assert_eq!(reason_zh("probation ends on 2027-01-01"), None);
        assert_eq!(section_zh("payments"), "党费记录");
        assert!(has_english_phrase("the quick fox") && !has_english_phrase("no_such_item B9"));
    }
}
