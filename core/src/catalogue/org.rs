//! Catalogue entries of organization structure and terms of office.

use super::{Area, RuleInfo, RuleVersion, Source};

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[RuleInfo {
    code: "term_expired",
    area: Area::Organization,
    title: "党组织任期届满应按期换届",
    title_en: "An organization elects a new committee when its term of office ends",
    configurable: false,
    versions: &[RuleVersion {
        from: "2022-10-22",
        to: "",
        source: Source {
            document: "中国共产党章程（2022年修改）",
            article: "第三十条",
            adopted: "2022-10-22",
        },
        parameters: "基层委员会、总支部委员会、支部委员会每届任期5年",
    }],
}];
