//! Catalogue entries of this area (see [`super::RuleInfo`]).

use super::RuleInfo;

/// The rules of this area.
pub(super) const RULES: &[RuleInfo] = &[];
