//! Catalogue entries of members: party standing, the 光荣在党50年 medal, discipline and the
//! historical dates a transfer in brings.
//!
//! ```
//! use dangjian::catalogue::{find, Area};
//! let medal = find("jubilee_50_years").ok_or("not in the catalogue")?;
//! assert_eq!(medal.area, Area::Members);
//! assert_eq!(medal.versions[0].from, "2021-01-01"); // first awarded in 2021
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const CHARTER_2022: Source = Source {
    document: "中国共产党章程（2022年修改）",
    article: "第七条",
    adopted: "2022-10-22",
};

const CHARTER_2022_DISCIPLINE: Source = Source {
    document: "中国共产党章程（2022年修改）",
    article: "第四十一条",
    adopted: "2022-10-22",
};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "party_standing",
        area: Area::Members,
        title: "党龄从预备期满转为正式党员之日算起，支部大会讨论转正晚于期满的也从期满之日算起",
        title_en: "Party standing counts from the day probation ends (admission plus one year, plus any extension), even when the conversion meeting is held later",
        configurable: false,
        versions: &[
            RuleVersion {
                from: "",
                to: "",
                source: CHARTER_2022,
                parameters: "预备期一年，自支部大会通过为预备党员之日算起；延长预备期6至12个月；党龄自预备期满转为正式党员之日算起",
            },
        ],
    },
    RuleInfo {
        code: "jubilee_50_years",
        area: Area::Members,
        title: "党龄截至当年7月1日满50周年的健在党员，当年颁发“光荣在党50年”纪念章",
        title_en: "Living members whose standing reaches 50 years on or before 1 July receive the 光荣在党50年 medal that year",
        configurable: false,
        versions: &[RuleVersion {
            from: "2021-01-01",
            to: "",
            source: Source {
                document: "中共中央组织部《“光荣在党50年”纪念章颁发管理办法》（2021年3月印发）；中共中央办公厅《关于做好“光荣在党50年”纪念章颁发工作的通知》",
                article: "",
                adopted: "",
            },
            parameters: "党龄满50周年；计算截止时间为当年7月1日；健在党员；2021年首次颁发（党龄已满50年的健在党员均颁发），此后每年颁发给上年7月2日至当年7月1日期间党龄满50年的党员",
        }],
    },
    RuleInfo {
        code: "discipline_observation_period",
        area: Area::Members,
        title: "留党察看分为一年、二年，一年期满仍不符合恢复党员权利条件的延长一年，最长不超过两年；察看期间没有表决权、选举权和被选举权",
        title_en: "Probation within the party lasts one or two years (a one-year period extended once by a year), never more than two years; during it the member has no vote",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: CHARTER_2022_DISCIPLINE,
            parameters: "一年或二年，自处分决定之日起算，期满之日恢复权利；一年期可延长一年；最长两年（中国共产党纪律处分条例）",
        }],
    },
    RuleInfo {
        code: "discipline_full_members_only",
        area: Area::Members,
        title: "党纪处分（警告、严重警告、撤销党内职务、留党察看）适用于正式党员；预备党员违纪的，批评教育、延长预备期或取消预备党员资格",
        title_en: "Disciplinary measures apply to full members; a probationary member is criticized, has probation extended or cancelled instead",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: Source {
                document: "中国共产党纪律处分条例（2023年修订）",
                article: "",
                adopted: "2023-12-19",
            },
            parameters: "警告、严重警告、撤销党内职务、留党察看只对正式党员",
        }],
    },
    RuleInfo {
        code: "expulsion_final",
        area: Area::Members,
        title: "开除党籍是党内的最高处分，开除后不得再有任何事件（不得转入、转正等）",
        title_en: "Expulsion is the highest disciplinary measure: nothing follows it in the member's log",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: CHARTER_2022_DISCIPLINE,
            parameters: "开除党籍为终局事件；五年内不得重新入党（中国共产党纪律处分条例）",
        }],
    },
    RuleInfo {
        code: "transfer_in_admission_age",
        area: Area::Members,
        title: "转入党员的入党时间须在年满十八岁之后",
        title_en: "A transferred-in member's admission date is on or after their 18th birthday",
        configurable: false,
        versions: &[RuleVersion {
            from: "",
            to: "",
            source: Source {
                document: "中国共产党章程（2022年修改）",
                article: "第一条",
                adopted: "2022-10-22",
            },
            parameters: "年满十八岁",
        }],
    },
    RuleInfo {
        code: "transfer_in_conversion_date",
        area: Area::Members,
        title: "转入党员的转正时间须为预备期满之日：入党一年后，或延长预备期6至12个月后",
        title_en: "A transferred-in member's conversion date is the end of a probation from the admission date: one year, or one year plus an extension of 6-12 months",
        configurable: false,
        versions: &[RuleVersion {
            from: "1982-09-06",
            to: "",
            source: CHARTER_2022,
            parameters: "入党满一年；或延长6至12个月；1982年党章以前的入党时间不检查",
        }],
    },
];
