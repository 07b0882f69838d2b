//! Party organizations: committees, working committees, general branches, branches and groups,
//! arranged in a dated tree.
//!
//! ```
//! use dangjian::org::{OrgKind, OrgRecord, OrgTree};
//! use chrono::NaiveDate;
//! let d = |s: &str| s.parse::<NaiveDate>().unwrap();
//! let tree = OrgTree::build(vec![
//!     OrgRecord::new("Z", "翔凤社区党总支", OrgKind::GeneralBranch, None, d("2022-11-01")),
//!     OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), d("2022-11-01")),
//!     OrgRecord::new("G1", "第一党小组", OrgKind::Group, Some("B1"), d("2022-11-01")),
//! ]).unwrap();
//! assert_eq!(tree.subtree_ids("Z").unwrap(), vec!["Z", "B1", "G1"]);
//! ```

mod checks;
mod error;
mod kind;
mod record;
mod term;
mod tree;

pub use checks::{
    check_structure, check_structure_with, terms_on, ElectionFacts, Finding, Severity,
    StructureRule, StructureRules, TermStatus,
};
pub use error::OrgError;
pub use kind::OrgKind;
pub use record::{OrgId, OrgRecord};
pub use term::{
    term_in_force, term_text_on, TermInForce, TermRange, TermText, MAX_TERM_EXTENSION_MONTHS,
    TERM_TEXTS,
};
pub use tree::{
    OrgIdx, OrgTree, MAX_ID_LEN as MAX_ORG_ID_LEN, MAX_NAME_CHARS as MAX_ORG_NAME_CHARS, MAX_ORGS,
    MAX_ORG_DEPTH,
};
