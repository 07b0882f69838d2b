//! Post kinds (岗位类别) as data: the shipped defaults ([`default_kinds`]) and a dataset's own
//! ([`kinds_in_force`]).
//!
//! # Examples
//!
//! ```
//! use dangjian::post::{default_kinds, kinds_in_force};
//! let kinds = kinds_in_force(&[]); // no kinds of the dataset's own
//! assert_eq!(kinds, default_kinds());
//! assert!(kinds.iter().any(|k| k.code == "bilingual_training" && k.skills == ["双语"]));
//! ```

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A skill or specialty tag (党员所长), compared by exact text (e.g. `调解`).
///
/// # Examples
///
/// ```
/// use dangjian::post::{default_kinds, Skill};
/// let mediator = &default_kinds()[0];
/// let skill: Skill = "调解".into();
/// assert!(mediator.skills.contains(&skill));
/// ```
pub type Skill = CompactString;

/// The default post kinds as shipped in `core/data/post-kinds.json`.
const DEFAULT_KINDS_JSON: &str = include_str!("../../data/post-kinds.json");

/// A kind of post (岗位类别): data, not code. Posts name their kind by `code`.
///
/// Two sets ship as defaults ([`default_kinds`]): the five posts (五员) of seed 000 —
/// 矛盾纠纷调解员, 社会治安联防员, 计划生育信息员, 城建城管监督员, 文明创建宣传员 — and the
/// service posts of seed 003 for in-service members — 治安巡逻, 志愿服务, 家政服务, 政策宣传,
/// 双语培训, 就业引导 — set "by the community's needs and the member's strengths"
/// (社区所需, 党员所长). A dataset may add kinds or replace a default by its code
/// ([`kinds_in_force`]).
///
/// ```
/// use dangjian::post::default_kinds;
/// let kinds = default_kinds();
/// assert_eq!(kinds.iter().filter(|k| k.set == "five_posts").count(), 5);
/// assert_eq!(kinds.iter().filter(|k| k.set == "service_posts").count(), 6);
/// let m = kinds.iter().find(|k| k.code == "mediator").unwrap();
/// assert_eq!((m.name.as_str(), m.skills[0].as_str()), ("矛盾纠纷调解员", "调解"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostKind {
    /// Stable code, e.g. `mediator`.
    #[schemars(with = "String")]
    pub code: CompactString,
    /// Display name (Chinese), e.g. `矛盾纠纷调解员`.
    #[schemars(with = "String")]
    pub name: CompactString,
    /// The set the kind belongs to, e.g. `five_posts` (五员) or `service_posts`.
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    #[schemars(with = "String")]
    pub set: CompactString,
    /// Skills a member must have, all of them, to hold a post of this kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub skills: Vec<Skill>,
    /// Skills that make a member a better match, none required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub preferred: Vec<Skill>,
    /// Where the kind comes from (a seed document or a local rule).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Duties of the post (岗位职责).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The shipped post kinds: the five posts of seed 000 and the six service posts of seed 003.
///
/// The file is part of the crate and checked by a unit test; should it ever fail to parse the
/// list is empty rather than a panic.
///
/// # Examples
///
/// ```
/// let kinds = dangjian::post::default_kinds();
/// assert_eq!(kinds.len(), 11);
/// assert_eq!((kinds[0].code.as_str(), kinds[0].name.as_str()), ("mediator", "矛盾纠纷调解员"));
/// ```
pub fn default_kinds() -> Vec<PostKind> {
    serde_json::from_str(DEFAULT_KINDS_JSON).unwrap_or_default()
}

/// The kinds in force for a dataset: the defaults, with each kind of `custom` replacing the
/// default of the same code or, when new, appended in order.
///
/// ```
/// use dangjian::post::{kinds_in_force, PostKind};
/// let mut k: PostKind = serde_json::from_str(r#"{"code":"mediator","name":"人民调解员"}"#).unwrap();
/// let all = kinds_in_force(&[k.clone()]);
/// assert_eq!(all.len(), 11);
/// assert_eq!(all.iter().find(|x| x.code == "mediator").unwrap().name, "人民调解员");
/// k.code = "grid".into();
/// assert_eq!(kinds_in_force(&[k]).len(), 12);
/// ```
pub fn kinds_in_force(custom: &[PostKind]) -> Vec<PostKind> {
    let mut out = default_kinds();
    for k in custom {
        match out.iter_mut().find(|d| d.code == k.code) {
            Some(slot) => *slot = k.clone(),
            None => out.push(k.clone()),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn shipped_file_parses_with_both_seed_sets() {
        let kinds: Vec<PostKind> = serde_json::from_str(DEFAULT_KINDS_JSON).unwrap();
        let names: Vec<&str> = kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "矛盾纠纷调解员",
                "社会治安联防员",
                "计划生育信息员",
                "城建城管监督员",
                "文明创建宣传员",
                "治安巡逻",
                "志愿服务",
                "家政服务",
                "政策宣传",
                "双语培训",
                "就业引导"
            ]
        );
        let mut codes: Vec<&str> = kinds.iter().map(|k| k.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 11, "codes are unique");
        // Every skill tag used by a kind is one the synthetic generator hands out.
        for k in &kinds {
            for s in k.skills.iter().chain(&k.preferred) {
                assert!(crate::synth::SKILLS.contains(&s.as_str()), "{s}");
            }
        }
    }
}
