//! Catalogue entries of organization structure and terms of office.
//!
//! The codes are those of [`crate::org::StructureRule::code`]; the dated term table the checks
//! use is [`crate::org::TERM_TEXTS`] (the entry `term_expired` lists the same versions).
//!
//! ```
//! use dangjian::catalogue::find;
//! use dangjian::chrono::NaiveDate;
//! let terms = find("term_expired").ok_or("not in the catalogue")?;
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("no such day");
//! let v2016 = terms.version_on(day(2016, 5, 1)?).ok_or("no version")?;
//! assert_eq!(v2016.source.document, "中国共产党章程（2012年修改）");
//! let v2019 = terms.version_on(day(2019, 5, 1)?).ok_or("no version")?;
//! assert!(v2019.source.document.contains("关于党的基层组织任期的意见"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const BRANCH_REGULATIONS: Source = Source {
    document: "中国共产党支部工作条例（试行）",
    article: "",
    adopted: "",
};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "branch_min_full_members",
        area: Area::Organization,
        title: "正式党员3人以上的，应当成立党支部",
        title_en: "A branch has at least 3 full members",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: BRANCH_REGULATIONS,
            parameters: "党支部正式党员不少于3人",
        }],
    },
    RuleInfo {
        code: "branch_committee",
        area: Area::Organization,
        title: "正式党员7人以上的党支部，应当设立支部委员会",
        title_en: "A branch with 7 or more full members elects a branch committee",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: BRANCH_REGULATIONS,
            parameters: "正式党员达到7人应设支部委员会",
        }],
    },
    RuleInfo {
        code: "branch_committee_needs_seven",
        area: Area::Organization,
        title: "正式党员不足7人的党支部，设书记，不设支部委员会",
        title_en: "A branch with fewer than 7 full members has a secretary, not a committee",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: BRANCH_REGULATIONS,
            parameters: "正式党员不足7人而设支部委员会的，提示（警示）",
        }],
    },
    RuleInfo {
        code: "branch_committee_size",
        area: Area::Organization,
        title: "支部委员会一般设委员3至5人，最多不超过7人",
        title_en: "A branch committee has 3 to 5 members, at most 7 (seats of the latest election)",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: BRANCH_REGULATIONS,
            parameters: "应选名额3至5名不提示；6至7名提示（一般3至5名）；超过7名警示。应选1至2名为书记、副书记，不作支部委员会计",
        }],
    },
    RuleInfo {
        code: "general_branch_threshold",
        area: Area::Organization,
        title: "党员人数超过50人的，可以成立党总支",
        title_en: "A branch with more than 50 members may become a general branch",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: BRANCH_REGULATIONS,
            parameters: "党员（含预备党员）超过50人提示",
        }],
    },
    RuleInfo {
        code: "committee_threshold",
        area: Area::Organization,
        title: "党员人数100人以上的，可以设立党的基层委员会",
        title_en: "An organization with 100 or more members may form a grassroots committee",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: Source {
                document: "中国共产党章程（2022年修改）；中国共产党支部工作条例（试行）",
                article: "",
                adopted: "",
            },
            parameters: "党员（含预备党员）达到100人提示，经上级党组织批准设立",
        }],
    },
    RuleInfo {
        code: "term_expired",
        area: Area::Organization,
        title: "党组织任期届满应按期换届；任期按换届选举之日有效的规定确定",
        title_en: "An organization elects a new committee when its term ends; the term is set by the text in force on the election day",
        configurable: true,
        versions: &[
            RuleVersion {
                from: "",
                to: "2017-10-23",
                source: Source {
                    document: "中国共产党章程（2012年修改）",
                    article: "第三十条",
                    adopted: "2012-11-14",
                },
                parameters: "基层委员会每届任期3至5年（默认5年），总支部委员会、支部委员会每届任期2年或3年（默认3年）；可按组织配置，超出范围按最近的允许值",
            },
            RuleVersion {
                from: "2017-10-24",
                to: "2018-06-30",
                source: Source {
                    document: "中国共产党章程（2017年修改）",
                    article: "第三十条",
                    adopted: "2017-10-24",
                },
                parameters: "基层委员会、总支部委员会、支部委员会每届任期3至5年（默认：基层委员会5年，总支部、支部3年，村、社区党组织5年）；可按组织配置",
            },
            RuleVersion {
                from: "2018-07-01",
                to: "2022-10-21",
                source: Source {
                    document: "中共中央办公厅《关于党的基层组织任期的意见》",
                    article: "",
                    adopted: "",
                },
                parameters: "基层委员会5年；总支部委员会、支部委员会3年；村、社区党组织（含其下属组织）5年。印发日期仅知为2018年7月，按2018-07-01起适用",
            },
            RuleVersion {
                from: "2022-10-22",
                to: "",
                source: Source {
                    document: "中国共产党章程（2022年修改）",
                    article: "第三十条",
                    adopted: "2022-10-22",
                },
                parameters: "基层委员会、总支部委员会、支部委员会每届任期5年",
            },
        ],
    },
    RuleInfo {
        code: "term_extension_too_long",
        area: Area::Organization,
        title: "延期换届须经上级党组织批准，延长期限一般不超过1年",
        title_en: "An approved extension of a term is at most one year",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: Source {
                document: "中国共产党基层组织选举工作条例（2020年）",
                article: "",
                adopted: "",
            },
            parameters: "延期最多12个月；超过的警示，只计12个月",
        }],
    },
];

#[cfg(test)]
mod tests {
    use crate::org::{StructureRule, TERM_TEXTS};

    #[test]
    fn every_structure_rule_is_catalogued() {
        use StructureRule::*;
        for r in [
            BranchMinFullMembers,
            BranchCommittee,
            GeneralBranchThreshold,
            CommitteeThreshold,
            TermExpired,
            TermExtensionTooLong,
            BranchCommitteeNeedsSeven,
            BranchCommitteeSize,
        ] {
            assert!(super::RULES.iter().any(|x| x.code == r.code()), "{r:?}");
        }
    }

    #[test]
    fn term_versions_are_the_code_table() {
        let entry = super::RULES
            .iter()
            .find(|r| r.code == "term_expired")
            .unwrap();
        assert_eq!(entry.versions.len(), TERM_TEXTS.len());
        for (v, t) in entry.versions.iter().zip(TERM_TEXTS.iter()) {
            assert_eq!(v.source.document, t.document);
            assert_eq!(v.source.article, t.article);
            if !v.from.is_empty() {
                assert_eq!(v.from, t.from.to_string());
            }
            let in_force = entry.version_on(t.from).unwrap();
            assert_eq!(in_force.source.document, t.document);
        }
    }
}
