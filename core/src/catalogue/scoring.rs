//! Catalogue entries of the points assessment (积分管理). Points tables are local practice, so
//! every rule here is configuration: the parameters are those of the shipped `member-default`
//! rule set (DOMAIN notes, seed 003's 一月一计划一考核一通报), which a community replaces with
//! its own rule set.
//!
//! ```
//! use dangjian::catalogue::{all, find, Area};
//! let veto = find("score_veto").ok_or("not in the catalogue")?;
//! assert_eq!(veto.area, Area::Scoring);
//! assert!(all().iter().filter(|r| r.area == Area::Scoring).all(|r| r.configurable));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const SOURCE: Source = Source {
    document:
        "党员积分管理默认规则集 member-default（本地规定；参照种子文件003 一月一计划一考核一通报）",
    article: "",
    adopted: "2022-11-01",
};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "score_grades",
        area: Area::Scoring,
        title: "积分考核等次：≥90优秀，75–89合格，60–74基本合格，<60不合格",
        title_en: "Grades by total points: >= 90 excellent, 75-89 qualified, 60-74 basically qualified, < 60 unqualified",
        configurable: true,
        versions: &[RuleVersion {
            from: "2022-11-01",
            to: "",
            source: SOURCE,
            parameters: "基础分60；优秀90、合格75、基本合格60",
        }],
    },
    RuleInfo {
        code: "score_item_caps",
        area: Area::Scoring,
        title: "积分项目按次、按小时计分，每月设上限",
        title_en: "Items score per occurrence or hour, capped per month",
        configurable: true,
        versions: &[RuleVersion {
            from: "2022-11-01",
            to: "",
            source: SOURCE,
            parameters: "参加组织生活每次+2、每月最多+8；学习每次+1、最多+4；志愿服务每小时+1、最多+10；受表彰每级+5、最多+20",
        }],
    },
    RuleInfo {
        code: "score_category_caps",
        area: Area::Scoring,
        title: "奖励类积分每月合计设上限",
        title_en: "Reward points are capped per month in total",
        configurable: true,
        versions: &[RuleVersion {
            from: "2022-11-01",
            to: "",
            source: SOURCE,
            parameters: "奖励类每月合计最多30分",
        }],
    },
    RuleInfo {
        code: "score_veto",
        area: Area::Scoring,
        title: "违纪违法一票否决，当期评为最低等次",
        title_en: "A discipline violation vetoes: the lowest grade whatever the points",
        configurable: true,
        versions: &[RuleVersion {
            from: "2022-11-01",
            to: "",
            source: SOURCE,
            parameters: "否决项目：违纪违法（discipline）",
        }],
    },
    RuleInfo {
        code: "score_top_quota",
        area: Area::Scoring,
        title: "优秀等次不超过本支部参评人数的一定比例，名额线上同分者整体降等",
        title_en: "The top grade is limited to a share of each branch; a tie that does not fit is demoted whole",
        configurable: true,
        versions: &[RuleVersion {
            from: "2022-11-01",
            to: "",
            source: SOURCE,
            parameters: "优秀不超过20%（向下取整）",
        }],
    },
    RuleInfo {
        code: "score_stars",
        area: Area::Scoring,
        title: "星级党员：总分每达到一个星级线加一星",
        title_en: "Stars: one star per threshold reached",
        configurable: true,
        versions: &[RuleVersion {
            from: "2022-11-01",
            to: "",
            source: SOURCE,
            parameters: "70、80、90、100、110分各一星",
        }],
    },
];
