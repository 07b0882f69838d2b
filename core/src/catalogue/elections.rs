//! Catalogue entries of elections (换届选举).
//!
//! ```
//! use dangjian::catalogue::{find, Area};
//! use dangjian::compliance::VOTING_RIGHTS_RULE;
//! let rule = find(VOTING_RIGHTS_RULE).ok_or("not in the catalogue")?;
//! assert_eq!(rule.area, Area::Elections);
//! assert!(!rule.configurable);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{Area, RuleInfo, RuleVersion, Source};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[RuleInfo {
    code: "election_voting_rights",
    area: Area::Elections,
    title: "选举人和被选举人须为选举之日本组织的正式党员；预备党员、受留党察看处分期间和被停止党员权利的党员没有表决权、选举权和被选举权",
    title_en: "Voters and candidates are full members of the electing organization on the election day, not under probation within the party and with their rights not suspended",
    configurable: false,
    versions: &[RuleVersion {
        from: "",
        to: "",
        source: Source {
            document: "中国共产党章程（2022年修改）",
            article: "第七条、第四十一条",
            adopted: "2022-10-22",
        },
        parameters: "正式党员；不在留党察看期间；未被停止党员权利；选举人、请假人、到会人和候选人名单逐一与党员名册核对，不符合的不予计入并说明原因（中国共产党基层组织选举工作条例，2020）",
    }],
}];
