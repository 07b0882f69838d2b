//! Catalogue entries of dues (党费): the rates of 党费规定 2008, the fixed amounts, special dues,
//! and the dues condition of 党章 art. 9 with its accepted reasons and catch-up limit.
//!
//! The rates are chosen by the month judged ([`crate::compliance::DuesSchedule`], a month uses
//! the schedule in force on its last day): 党费规定 2008 applies from February 2008 on.
//!
//! ```
//! use dangjian::catalogue::{find, Area};
//! use dangjian::chrono::NaiveDate;
//! let rule = find("dues_salary_rate").ok_or("not in the catalogue")?;
//! assert_eq!(rule.area, Area::Dues);
//! let before = NaiveDate::from_ymd_opt(2008, 1, 31).ok_or("no such day")?;
//! assert!(rule.version_on(before).is_none()); // 党费规定 2008 applies from February 2008
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

/// 《关于中国共产党党费收缴、使用和管理的规定》, 中共中央组织部, 中组发〔2008〕3号.
const DUES_2008: Source = Source {
    document: "关于中国共产党党费收缴、使用和管理的规定（中组发〔2008〕3号）",
    article: "一、党费的收缴",
    adopted: "2008-02-28",
};

const CHARTER_2017: Source = Source {
    document: "中国共产党章程（2017年修改）",
    article: "第九条",
    adopted: "2017-10-24",
};

const CHARTER_2022: Source = Source {
    document: "中国共产党章程（2022年修改）",
    article: "第九条",
    adopted: "2022-10-22",
};

/// The two 党章 versions of art. 9 the library keeps (same text on the point encoded).
const fn art9(parameters: &'static str) -> [RuleVersion; 2] {
    [
        RuleVersion {
            from: "2017-10-24",
            to: "2022-10-21",
            source: CHARTER_2017,
            parameters,
        },
        RuleVersion {
            from: "2022-10-22",
            to: "",
            source: CHARTER_2022,
            parameters,
        },
    ]
}

const fn dues2008(parameters: &'static str) -> [RuleVersion; 1] {
    [RuleVersion {
        from: "2008-02-28",
        to: "",
        source: DUES_2008,
        parameters,
    }]
}

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "dues_salary_rate",
        area: Area::Dues,
        title: "在职党员按月工资收入（税后）的比例交纳党费，比例按收入档次适用于全部收入",
        title_en: "In-service members pay a percentage of their monthly after-tax salary, the band's rate applying to the whole salary",
        configurable: true,
        versions: &dues2008(
            "3000元以下（含3000元）0.5%；3000元以上至5000元（含）1%；5000元以上至10000元（含）1.5%；10000元以上2%；按月计算，四舍五入到分（取整方式为本地做法，可配置）",
        ),
    },
    RuleInfo {
        code: "dues_pension_rate",
        area: Area::Dues,
        title: "离退休党员按月离退休费（养老金）的比例交纳党费",
        title_en: "Retired members pay a percentage of their monthly pension",
        configurable: true,
        versions: &dues2008("5000元以下（含5000元）0.5%；5000元以上1%；四舍五入到分"),
    },
    RuleInfo {
        code: "dues_farmer_fixed",
        area: Area::Dues,
        title: "农民党员每月交纳党费0.2元至1元",
        title_en: "Farmer members pay a fixed 0.2 to 1 yuan a month",
        configurable: true,
        versions: &dues2008("每人每月定额0.20–1.00元（各地在此范围内确定）；超出范围的定额不予登记"),
    },
    RuleInfo {
        code: "dues_minimum",
        area: Area::Dues,
        title: "学生党员、下岗失业党员、依靠抚恤或救济生活的党员、领取最低生活保障金的党员每月交纳党费0.2元",
        title_en: "Students, unemployed members and members living on relief or the minimum living allowance pay 0.2 yuan a month",
        configurable: false,
        versions: &dues2008("每月0.20元"),
    },
    RuleInfo {
        code: "special_dues",
        area: Area::Dues,
        title: "特殊党费为党员自愿交纳，单独记录，不计入按月应交党费",
        title_en: "Special dues are voluntary and recorded apart from the monthly dues",
        configurable: false,
        versions: &dues2008("自愿交纳；不抵顶、不计入每月应交党费和收缴率；党组织不得要求党员交纳规定以外的“特殊党费”"),
    },
    RuleInfo {
        code: "art9_dues",
        area: Area::Dues,
        title: "党员没有正当理由，连续六个月不交纳党费，就被认为是自行脱党",
        title_en: "A member who, without a proper reason, pays no dues for six consecutive months is regarded as having withdrawn",
        configurable: false,
        versions: &art9(
            "连续6个月；未足额交纳的月份视为未交（交1分钱不中断）；无党费标准、应交额未知的月份为“数据缺失”，不视为未交；满六个月之日为第六个月交纳期限后的次日，其后补交不改变已满六个月的事实",
        ),
    },
    RuleInfo {
        code: "dues_excuse_reason",
        area: Area::Dues,
        title: "只有正当理由才能免于认定未交党费；其他理由按未交处理",
        title_en: "Only an accepted reason excuses a month's dues; any other reason leaves the month unpaid",
        configurable: true,
        versions: &art9(
            "认可的理由（默认，依通行做法，可配置）：病、因病、住院、出国(境)工作学习、经批准缓交、经批准免交；理由以其中之一开头即认可，如“忘了”不认可",
        ),
    },
    RuleInfo {
        code: "dues_monthly",
        area: Area::Dues,
        title: "党员应按月交纳党费；过了交纳期限仍未交足的月份即为欠交",
        title_en: "Members pay dues monthly; a month not paid in full by its deadline is in arrears",
        configurable: true,
        versions: &dues2008(
            "按月交纳；交纳期限为当月最后一天加宽限天数（默认0天，可配置）；待办中列出欠交月份最早的交纳期限",
        ),
    },
    RuleInfo {
        code: "dues_catch_up_limit",
        area: Area::Dues,
        title: "补交党费的时间一般不得超过6个月",
        title_en: "Dues are caught up within six months as a rule",
        configurable: true,
        versions: &dues2008(
            "默认6个月：为某月补交的党费，交纳月份晚于该月6个月以上即为超期补交（自所欠月份起算至交纳月份为本地做法，可配置；条文序号未经核对）",
        ),
    },
];
