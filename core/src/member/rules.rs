//! The configurable numbers of the lifecycle rules ([`LifecycleRules`]), read from a rule file
//! or left at the published defaults.
//!
//! ```
//! use dangjian::member::LifecycleRules;
//! let r: LifecycleRules = serde_json::from_str(r#"{"probation_months": 12, "min_age": 18}"#)?;
//! assert_eq!(r, LifecycleRules::default());
//! assert!(serde_json::from_str::<LifecycleRules>(r#"{"min_years": 18}"#).is_err()); // unknown field
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

/// The configurable numbers of the lifecycle rules; defaults are the published ones.
///
/// ```
/// let r = dangjian::member::LifecycleRules::default();
/// assert_eq!((r.min_age, r.activist_months, r.probation_months), (18, 12, 12));
/// assert_eq!((r.min_extension_months, r.max_extension_months), (6, 12));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LifecycleRules {
    /// Minimum age of an applicant (党章 art. 1: 18).
    pub min_age: u32,
    /// Months the branch has to talk with an applicant (发展细则: 1).
    pub talk_within_months: u32,
    /// Minimum months as activist before becoming a candidate (发展细则: more than one year).
    pub activist_months: u32,
    /// Probation length in months (党章 art. 7: one year).
    pub probation_months: u32,
    /// Shortest extension of probation (党章 art. 7: six months).
    pub min_extension_months: u8,
    /// Longest extension of probation (党章 art. 7: one year).
    pub max_extension_months: u8,
    /// Years of standing for the 光荣在党50年 medal (中组部《"光荣在党50年"纪念章颁发管理办法》,
    /// 2021: 50, counted up to 1 July of the year).
    pub jubilee_years: u32,
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules {
            min_age: 18,
            talk_within_months: 1,
            activist_months: 12,
            probation_months: 12,
            min_extension_months: 6,
            max_extension_months: 12,
            jubilee_years: 50,
        }
    }
}
