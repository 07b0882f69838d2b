//! Catalogue entries of the development pipeline (发展党员): the due dates of the secretary's
//! to-do list and the steps of 中国共产党发展党员工作细则 (2014) whose absence is a finding. The
//! codes are those of [`crate::registry::DueKind::rule`].
//!
//! ```
//! use dangjian::catalogue::{find, Area};
//! let rule = find("activist_one_year").ok_or("not in the catalogue")?;
//! assert_eq!(rule.area, Area::Development);
//! assert_eq!(rule.versions[0].from, "2014-05-28"); // 发展党员工作细则
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const RULES_2014: Source = Source {
    document: "中国共产党发展党员工作细则",
    article: "",
    adopted: "2014-05-28",
};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "talk_within_one_month",
        area: Area::Development,
        title: "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话",
        title_en: "The branch talks with an applicant within one month of the application",
        configurable: true,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: Source {
                document: "中国共产党发展党员工作细则",
                article: "第七条",
                adopted: "2014-05-28",
            },
            parameters: "申请之日起1个月内（到期日当天谈话不算逾期）；未谈话的列入待办，逾期或缺少谈话的记为问题，转为积极分子后仍保留",
        }],
    },
    RuleInfo {
        code: "activist_one_year",
        area: Area::Development,
        title: "入党积极分子经过一年以上培养教育和考察，方可列为发展对象",
        title_en: "An activist is trained and observed for more than one year before becoming a candidate",
        configurable: true,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: RULES_2014,
            parameters: "确定为入党积极分子满12个月后可列为发展对象（待办提示）",
        }],
    },
    RuleInfo {
        code: "conversion_due",
        area: Area::Development,
        title: "预备期满，党支部应当及时讨论其能否转为正式党员",
        title_en: "When probation ends, the branch assembly decides on conversion",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: Source {
                document: "中国共产党章程",
                article: "第七条",
                adopted: "",
            },
            parameters: "预备期1年（延长的加延长月数），期满之日列入待办",
        }],
    },
    RuleInfo {
        code: "activist_training",
        area: Area::Development,
        title: "入党积极分子应当经过培养教育，列为发展对象前应有培训记录",
        title_en: "An activist is trained before becoming a candidate",
        configurable: false,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: RULES_2014,
            parameters: "列为发展对象之日前未记录入党积极分子培训（activist_trained）的，记为问题",
        }],
    },
    RuleInfo {
        code: "candidate_training",
        area: Area::Development,
        title: "发展对象应当经过短期集中培训，一般不少于3天（或不少于24个学时）",
        title_en: "A candidate attends concentrated training of at least 3 days or 24 class hours before admission",
        configurable: false,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: RULES_2014,
            parameters: "接收预备党员前集中培训不少于3天或不少于24学时；未培训或不足的，记为问题（细则：未经培训的，除个别特殊情况外，不能发展入党）",
        }],
    },
    RuleInfo {
        code: "political_review",
        area: Area::Development,
        title: "发展对象应当经过政治审查，未经政治审查的不能发展入党",
        title_en: "A candidate passes a political review before admission",
        configurable: false,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: RULES_2014,
            parameters: "接收预备党员前未记录政治审查（political_review）的，记为问题（警示，不拒绝载入）",
        }],
    },
    RuleInfo {
        code: "pre_examination",
        area: Area::Development,
        title: "支部委员会审查合格的发展对象，报具有审批权限的基层党委预审",
        title_en: "The higher committee pre-examines a candidate before admission",
        configurable: false,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: RULES_2014,
            parameters: "接收预备党员前未记录基层党委预审（pre_examined）的，记为问题",
        }],
    },
    RuleInfo {
        code: "public_notice",
        area: Area::Development,
        title: "接收预备党员前应当对发展对象进行公示，公示不少于5个工作日",
        title_en: "A candidate is publicly announced for at least 5 working days before admission",
        configurable: false,
        versions: &[RuleVersion {
            from: "2014-05-28",
            to: "",
            source: RULES_2014,
            parameters: "公示期在接收之日前的工作日（周一至周五，不计法定节假日及调休）不少于5个；未公示或不足的，记为问题",
        }],
    },
];

#[cfg(test)]
mod tests {
    use crate::registry::DueKind;

    #[test]
    fn every_pipeline_rule_is_catalogued() {
        use DueKind::*;
        for k in [
            Talk,
            CandidateEligible,
            ConversionDue,
            TalkLate,
            TalkMissing,
            ActivistTrainingMissing,
            CandidateTrainingMissing,
            CandidateTrainingShort,
            PoliticalReviewMissing,
            PreExaminationMissing,
            PublicNoticeMissing,
            PublicNoticeShort,
        ] {
            assert!(super::RULES.iter().any(|r| r.code == k.rule()), "{k:?}");
        }
    }
}
