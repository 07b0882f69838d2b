//! Every documented limit of the library in one place (see `docs/limits.md`).
//!
//! Inputs beyond a limit are refused with a typed error naming the limit, never by running out
//! of memory, stack or time. Limits are generous for real communities (and for a national
//! registry partitioned by organization) and tight enough that a hostile file cannot exhaust a
//! machine of 2 cores and a few GiB.
//!
//! ```
//! use dangjian::limits;
//! assert_eq!(limits::MIN_DATE.to_string(), "1900-01-01");
//! assert_eq!(limits::MAX_DATE.to_string(), "2199-12-31");
//! assert!(limits::date_in_range(limits::MAX_DATE));
//! assert!(!limits::date_in_range("2200-01-01".parse().unwrap()));
//! ```

use chrono::NaiveDate;

pub use crate::io::{
    MAX_INPUT_BYTES, MAX_ROSTER_BYTES, MAX_ROSTER_COLUMNS, MAX_ROSTER_ROWS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
};
pub use crate::org::{MAX_ORGS, MAX_ORG_DEPTH, MAX_ORG_ID_LEN, MAX_ORG_NAME_CHARS};
pub use crate::privacy::MAX_PERSON_NAME_CHARS;
pub use crate::registry::{MAX_EVENTS_PER_MEMBER, MAX_MEMBERS, MAX_MEMBER_ID_LEN};
pub use crate::scoring::{
    MAX_ITEMS, MAX_POINTS, MAX_POINTS_PER_UNIT, MAX_QUANTITY, MAX_RULESET_BYTES,
    MAX_RULE_NAME_CHARS, MAX_RULE_TEXT_CHARS,
};

/// Earliest date accepted anywhere (organizations, birth dates, events, historical dates).
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Latest date accepted anywhere. Far enough for planning, near enough that date arithmetic
/// (probation, terms, anniversaries) never leaves chrono's range.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Whether `d` lies in `MIN_DATE ..= MAX_DATE`.
pub fn date_in_range(d: NaiveDate) -> bool {
    (MIN_DATE..=MAX_DATE).contains(&d)
}

/// Largest amount of one dues profile, payment or special dues record, in fen: 10^12 fen
/// (10 billion yuan). Sums of amounts are exact up to 9.2 million such records (`i64`) and
/// saturate beyond; a larger amount is refused (`bad_profile` / `bad_payment`), never wrapped.
pub const MAX_AMOUNT_FEN: i64 = 1_000_000_000_000;

/// Longest free text of an event or record (`place`, `home_unit`), in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest ethnicity (民族), in characters.
pub const MAX_ETHNICITY_CHARS: usize = 32;
/// Most skills (党员所长) of one member.
pub const MAX_SKILLS: usize = 64;
/// Longest skill, in characters.
pub const MAX_SKILL_CHARS: usize = 64;
/// Longest community name, in characters.
pub const MAX_COMMUNITY_NAME_CHARS: usize = 200;
/// Longest community description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;
/// Deepest nesting of JSON arrays and objects (serde_json's recursion limit).
pub const MAX_JSON_DEPTH: usize = 128;
/// Deepest nesting in the binary form (rmp-serde's depth limit).
pub const MAX_BINARY_DEPTH: usize = 1024;
