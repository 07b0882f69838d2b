//! Catalogue entries of organization life: the meeting frequencies of 支部条例 (中国共产党支部
//! 工作条例（试行）, in force from 2018-10-28) and the organization-life condition of 党章
//! art. 9.
//!
//! Article numbers of 支部条例 are given only where checked against a reproduction of the text;
//! the party-lecture frequency is common practice (the text asks for lectures without a
//! quarterly number), hence configurable.
//!
//! ```
//! use dangjian::catalogue::{find, Area};
//! let committee = find("meeting_branch_committee").ok_or("not in the catalogue")?;
//! assert_eq!(committee.area, Area::OrganizationLife);
//! assert_eq!(committee.versions[0].source.article, "第十二条");
//! let lecture = find("meeting_party_lecture").ok_or("not in the catalogue")?;
//! assert!(lecture.configurable); // quarterly is common practice
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const fn branch2018(article: &'static str, parameters: &'static str) -> [RuleVersion; 1] {
    [RuleVersion {
        from: "2018-10-28",
        to: "",
        source: Source {
            document: "中国共产党支部工作条例（试行）",
            article,
            adopted: "2018-10-28",
        },
        parameters,
    }]
}

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "art9_org_life",
        area: Area::OrganizationLife,
        title: "党员没有正当理由，连续六个月不参加党的组织生活，就被认为是自行脱党",
        title_en: "A member who, without a proper reason, takes no part in organization life for six consecutive months is regarded as having withdrawn",
        configurable: false,
        versions: &[
            RuleVersion {
                from: "2017-10-24",
                to: "2022-10-21",
                source: Source {
                    document: "中国共产党章程（2017年修改）",
                    article: "第九条",
                    adopted: "2017-10-24",
                },
                parameters: ART9_LIFE,
            },
            RuleVersion {
                from: "2022-10-22",
                to: "",
                source: Source {
                    document: "中国共产党章程（2022年修改）",
                    article: "第九条",
                    adopted: "2022-10-22",
                },
                parameters: ART9_LIFE,
            },
        ],
    },
    RuleInfo {
        code: "meeting_branch_assembly",
        area: Area::OrganizationLife,
        title: "党支部党员大会一般每季度召开1次",
        title_en: "The branch assembly meets at least once a quarter",
        configurable: true,
        versions: &branch2018("", "每季度至少1次（支部）"),
    },
    RuleInfo {
        code: "meeting_branch_committee",
        area: Area::OrganizationLife,
        title: "党支部委员会会议一般每月召开1次",
        title_en: "The branch committee meets at least once a month",
        configurable: true,
        versions: &branch2018("第十二条", "每月至少1次（设支部委员会的支部）"),
    },
    RuleInfo {
        code: "meeting_group",
        area: Area::OrganizationLife,
        title: "党小组会一般每月召开1次",
        title_en: "A party group meets at least once a month",
        configurable: true,
        versions: &branch2018("第十三条", "每月至少1次（党小组）"),
    },
    RuleInfo {
        code: "meeting_party_lecture",
        area: Area::OrganizationLife,
        title: "党支部按期组织党员上党课",
        title_en: "The branch holds party lectures regularly",
        configurable: true,
        versions: &branch2018("", "默认每季度至少1次（通行做法，可配置）"),
    },
    RuleInfo {
        code: "meeting_theme_day",
        area: Area::OrganizationLife,
        title: "党支部每月相对固定1天开展主题党日",
        title_en: "The branch holds a theme day every month",
        configurable: true,
        versions: &branch2018("", "每月1次（支部）"),
    },
    RuleInfo {
        code: "meeting_org_life_meeting",
        area: Area::OrganizationLife,
        title: "党支部每年至少召开1次组织生活会",
        title_en: "The branch holds an organization life meeting at least once a year",
        configurable: true,
        versions: &branch2018("第十七条", "每年至少1次（支部），一般安排在第四季度"),
    },
    RuleInfo {
        code: "meeting_democratic_appraisal",
        area: Area::OrganizationLife,
        title: "党支部每年开展1次民主评议党员",
        title_en: "The branch appraises its members once a year",
        configurable: true,
        versions: &branch2018("", "每年1次（支部）"),
    },
];

const ART9_LIFE: &str = "连续6个月，按距最后一次参加组织生活的时间计算；请假（缺席经批准）的月份暂停计算；支部当月未召开党员应参加的会议，不中断计算，并记入该支部；满六个月之日为第六个月的最后一天；最早一次会议记录之前的月份无数据，不计算";
