//! Catalogue entries of transfers of organizational relationships (组织关系转接): introduction
//! letters and the register of additions and removals.
//!
//! Source: 《中国共产党党员教育管理工作条例》（中共中央, 2019）, on the management of
//! organizational relationships (chapter numbers not checked against the text, so not given);
//! periods counted as 《中华人民共和国民法典》 第二百零一条 counts them.
//!
//! ```
//! use dangjian::catalogue::find;
//! let expiry = find("transfer_letter_expiry").ok_or("not in the catalogue")?;
//! assert_eq!(expiry.versions[0].source.document, "中国共产党党员教育管理工作条例");
//! assert!(expiry.versions[0].parameters.contains("民法典第二百零一条"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

const EDUCATION_2019: Source = Source {
    document: "中国共产党党员教育管理工作条例",
    article: "",
    adopted: "2019-05-06",
};

const fn education(parameters: &'static str) -> [RuleVersion; 1] {
    [RuleVersion {
        from: "2019-05-06",
        to: "",
        source: EDUCATION_2019,
        parameters,
    }]
}

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: "transfer_letter_expiry",
        area: Area::Members,
        title: "党员应在组织关系介绍信有效期内到接收党组织报到；超过有效期未报到的介绍信应予跟踪处理",
        title_en: "A member reports to the receiving organization within the letter's validity; a letter past it is followed up",
        configurable: false,
        versions: &education("有效期以介绍信所载天数为准；开具当日不计入，自次日起算（民法典第二百零一条），如10月1日开具、有效期30天，有效至10月31日；状态依日期：作废、退回、报到（先发生者），否则过有效期为已过期"),
    },
    RuleInfo {
        code: "transfer_letter_linked",
        area: Area::Members,
        title: "组织关系转出、转入应凭介绍信办理，转出记录与介绍信开具、转入记录与报到相对应",
        title_en: "A transfer out or in goes with its introduction letter: out on the issue day, in on the day of receipt",
        configurable: false,
        versions: &education("转出介绍信（本组织开往外部）对应开具当日的组织关系转出记录；转入介绍信（外部开来）对应报到当日的组织关系转入记录；临时组织关系介绍信不转移正式组织关系；自首封介绍信开具之日起核对"),
    },
    RuleInfo {
        code: "membership_register",
        area: Area::Members,
        title: "党员增减名册逐人登记增加和减少的原因",
        title_en: "The register of additions and removals records each person with a coded reason",
        configurable: false,
        versions: &education("增加：发展党员、组织关系转入、初始登记；减少：组织关系转出、死亡、开除党籍、除名、自行脱党、取消预备党员资格；本社区内支部间调动不计；按事件前一日与当日的党员身份判断"),
    },
];
