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

use crate::fixed::Fixed;

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

// ---- Input files and rosters (`io`)

/// Largest dataset input accepted, in bytes (1 GiB).
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// Largest roster file accepted, in bytes (64 MiB).
pub const MAX_ROSTER_BYTES: usize = 64 << 20;

/// Most rows of a roster, header included (split larger rosters by organization).
pub const MAX_ROSTER_ROWS: usize = 100_000;

/// Most columns of a roster: cells right of column 64 (`BL`) must be empty.
pub const MAX_ROSTER_COLUMNS: usize = 64;

/// Largest total uncompressed size of the parts of an `.xlsx` file, as declared in its zip
/// directory (256 MiB): a zip bomb is refused before anything is inflated.
pub const MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 256 << 20;

// ---- Organizations (`org`)

/// Longest accepted organization name, in characters.
pub const MAX_ORG_NAME_CHARS: usize = 200;

/// Most organizations one tree holds (China has about 5 million grassroots organizations).
pub const MAX_ORGS: usize = 10_000_000;

/// Deepest nesting of organizations (a root is at depth 0). A real hierarchy from a provincial
/// committee down to a group has about ten levels.
pub const MAX_ORG_DEPTH: usize = 32;

/// Longest accepted organization id, in bytes.
pub const MAX_ORG_ID_LEN: usize = 64;

// ---- Personal data (`privacy`)

/// Longest accepted name, in characters.
pub const MAX_PERSON_NAME_CHARS: usize = 64;

// ---- The registry (`registry`)

/// Longest accepted member id, in bytes.
pub const MAX_MEMBER_ID_LEN: usize = 64;

/// Most members one registry holds (partition larger populations by organization).
pub const MAX_MEMBERS: usize = 50_000_000;

/// Most events one member may have.
pub const MAX_EVENTS_PER_MEMBER: usize = 10_000;

// ---- Rule sets and scoring (`scoring`)

/// Largest rule set document accepted, in bytes (4 MiB).
pub const MAX_RULESET_BYTES: usize = 4 << 20;

/// Most items in one rule set.
pub const MAX_ITEMS: usize = 4096;

/// Largest magnitude of points per unit (10,000).
pub const MAX_POINTS_PER_UNIT: Fixed = Fixed::from_int(10_000);

/// Largest magnitude of a base, floor, ceiling, cap or threshold (10^9 points).
pub const MAX_POINTS: Fixed = Fixed::from_int(1_000_000_000);

/// Longest display name of a rule set, an item or a grade, in characters.
pub const MAX_RULE_NAME_CHARS: usize = 200;

/// Longest free text of a rule set (`source`, an item's `note`), in characters.
pub const MAX_RULE_TEXT_CHARS: usize = 10_000;

/// Largest quantity one activity may carry (one million units).
pub const MAX_QUANTITY: Fixed = Fixed::from_int(1_000_000);

/// Longest id, code, reason or parser message echoed in a scoring, rule set or dataset error, in
/// characters (longer ones are cut in the middle).
pub const MAX_ECHO_CHARS: usize = 400;
