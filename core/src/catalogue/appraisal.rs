//! Catalogue entries of the annual democratic appraisal of members (民主评议党员) and the
//! handling of members graded 不合格.
//!
//! The appraisal itself is required by 支部条例 (once a year, `meeting_democratic_appraisal`);
//! the counting thresholds are common published practice and configurable
//! ([`crate::year::AppraisalRules`]). The handling of 不合格 follows 中共中央组织部
//! 《关于稳妥有序开展不合格党员组织处置工作的意见》; its article numbers are not given here (not
//! checked against the text).
//!
//! ```
//! use dangjian::catalogue::{find, Area};
//! let quota = find("appraisal_excellent_quota").ok_or("not in the catalogue")?;
//! assert_eq!(quota.area, Area::OrganizationLife);
//! assert!(quota.configurable); // 20% is common practice, not the text
//! let handling = find("appraisal_unqualified_handling").ok_or("not in the catalogue")?;
//! assert!(!handling.configurable);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const BRANCH_2018: Source = Source {
    document: "中国共产党支部工作条例（试行）",
    article: "",
    adopted: "2018-10-28",
};

const HANDLING: Source = Source {
    document: "中共中央组织部《关于稳妥有序开展不合格党员组织处置工作的意见》",
    article: "",
    adopted: "",
};

const fn branch(parameters: &'static str) -> [RuleVersion; 1] {
    [RuleVersion {
        from: "2018-10-28",
        to: "",
        source: BRANCH_2018,
        parameters,
    }]
}

const fn handling(parameters: &'static str) -> [RuleVersion; 1] {
    [RuleVersion {
        from: "",
        to: "",
        source: HANDLING,
        parameters,
    }]
}

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "appraisal_ballots",
        area: Area::OrganizationLife,
        title: "民主评议党员互评：有评议资格的党员每人一票，重复、越权、空白或评议名单外人员的选票无效",
        title_en: "Peer appraisal: one ballot per eligible voter; duplicate, ineligible, empty ballots or votes for someone not appraised are invalid",
        configurable: true,
        versions: &branch("参评对象为评议当日本支部的正式党员和预备党员；评议资格默认同参评对象（可配置预备党员不参加互评或给出名单）；每名党员一票，第二张起无效；群众评议票不记名"),
    },
    RuleInfo {
        code: "appraisal_grades",
        area: Area::OrganizationLife,
        title: "民主评议党员分优秀、合格、基本合格、不合格四个等次，由计票提出、支部党员大会决定",
        title_en: "Grades 优秀/合格/基本合格/不合格: proposed by the count, decided by the branch",
        configurable: true,
        versions: &branch("默认（通行做法，可配置）：不合格票超过有效票半数为不合格；优秀票超过半数为优秀；基本合格与不合格票合计超过半数为基本合格；其余合格；党员互评与群众评议票权重默认各为1；可选与年度积分等次取低者；支部决定与计票结果分别记录"),
    },
    RuleInfo {
        code: "appraisal_excellent_quota",
        area: Area::OrganizationLife,
        title: "评为优秀的党员不超过本支部参评党员的一定比例，名额线上同票者整体降为合格",
        title_en: "优秀 is limited to a share of the members appraised; a tie that does not fit is counted 合格 whole",
        configurable: true,
        versions: &branch("默认不超过20%（向下取整，通行做法，可配置）；按优秀票占有效票比例排序"),
    },
    RuleInfo {
        code: "appraisal_unqualified_handling",
        area: Area::OrganizationLife,
        title: "评为不合格的党员，视情况限期改正；限期改正仍无转变的劝其退党；劝而不退的予以除名",
        title_en: "A member graded 不合格 is given a time to correct; one who does not correct is advised to leave; one who refuses is removed",
        configurable: false,
        versions: &handling("顺序：限期改正（逾期未改正）→劝退（拒不退党）→除名；限期改正逾期未改正的也可除名；每一步为有日期的处置记录"),
    },
    RuleInfo {
        code: "appraisal_rectification",
        area: Area::OrganizationLife,
        title: "限期改正应在期限届满时作出结论（已改正或逾期未改正）",
        title_en: "A period to correct ends with an outcome (corrected or not) by its deadline",
        configurable: true,
        versions: &handling("期限以处置记录为准；未给出时默认自决定之日起180天（本地做法，可配置）；到期未记录结果即为逾期"),
    },
];
