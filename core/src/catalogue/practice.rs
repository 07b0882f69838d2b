//! Catalogue entries of the community practices (社区实践, issue 23). No published text fixes
//! these numbers: they are the seeds' practices with documented defaults, so every rule here is
//! configuration (docs/practices.md).
//!
//! ```
//! use dangjian::catalogue::{all, Area};
//! let practices: Vec<_> = all().into_iter().filter(|r| r.area == Area::Practice).collect();
//! let service_day = practices.iter().find(|r| r.code == "practice_service_day");
//! assert!(service_day.is_some_and(|r| r.configurable)); // a seed's practice, configurable
//! assert!(practices.iter().all(|r| r.versions[0].source.article.is_empty()));
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const SEED_000: Source = Source {
    document: "种子文件000：来凤县某社区党总支四年工作总结（一帮一：经济条件好的党员帮扶一户特困户，一般党员联系一名下岗失业居民）",
    article: "",
    adopted: "",
};

const SEED_002: Source = Source {
    document: "种子文件002：浦东新区周浦镇东南社区党建（每月5日、15日、25日志愿服务日；“1+13”区域党建联建，每月有活动）",
    article: "",
    adopted: "",
};

const SEED_003: Source = Source {
    document: "种子文件003：在职党员到社区报到，按“社区所需、党员所长”认领服务岗位并作出服务承诺",
    article: "",
    adopted: "",
};

const LOCAL: Source = Source {
    document: "积分申报审核办法（本地规定；党小组长评分、支部书记审核的通行做法）",
    article: "",
    adopted: "",
};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "practice_idle_pairing",
        area: Area::Practice,
        title: "结对帮扶、党员联系户连续3个月未开展帮扶或走访的，列入提醒",
        title_en: "A pairing with no help or visit for 3 whole months is flagged",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: SEED_000,
            parameters: "最近一次帮扶（无记录时为结对日期）不晚于报告日前推3个月的同一天即列入",
        }],
    },
    RuleInfo {
        code: "practice_service_day",
        area: Area::Practice,
        title: "固定服务日当天有经核实的服务记录且人数达到要求，方为到岗",
        title_en: "A regular service day is covered when enough members have verified service on the post that day",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: SEED_002,
            parameters: "每次应到人数默认1人；本月没有的日期（如30天月份的31日）不计",
        }],
    },
    RuleInfo {
        code: "practice_cobuild_commitment",
        area: Area::Practice,
        title: "共建单位承诺事项按月、季、年到期，期满未开展的计入差额",
        title_en: "A co-building commitment falls due at the end of each month, quarter or year",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: SEED_002,
            parameters: "只计协议有效期内、截至报告日已结束的自然月、季、年",
        }],
    },
    RuleInfo {
        code: "cobuild_agreement_end",
        area: Area::Practice,
        title: "共建协议到期前应续签或终止，到期日列入提醒",
        title_en: "A co-building agreement coming to its last day is flagged until renewed",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: SEED_002,
            parameters: "协议截止日（含）未过即列入；同一共建单位与同一党组织另签协议、不晚于截止日次日生效且有效期更长的，视为续签",
        }],
    },
    RuleInfo {
        code: "post_claim_end",
        area: Area::Practice,
        title: "岗位认领到期、岗位仍开放的，应续认或另行认领，到期日列入提醒",
        title_en: "A post claim coming to its end while the post stays open is flagged until the seat is taken over",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: SEED_003,
            parameters: "到期日为认领的最后一天（解除日前一天）；解除日该岗位的在岗人数不少于最后一天（本人续认或他人认领），或岗位于解除日前关闭的，不列入",
        }],
    },
    RuleInfo {
        code: "declaration_review",
        area: Area::Practice,
        title: "党员自行申报的积分须经党小组长或支部书记审核通过方计入，不得本人审核，退回须写明理由",
        title_en: "Declared points count only once approved by a group leader or the secretary; no self-review; a rejection gives a reason",
        configurable: true,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: LOCAL,
            parameters: "待审核、退回的申报不计分；审核日期不早于申报日期，申报日期不早于活动日期",
        }],
    },
];
