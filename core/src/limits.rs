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
///
/// # Examples
///
/// ```
/// use dangjian::limits::MIN_DATE;
/// use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// let too_early = MIN_DATE.pred_opt().ok_or("no day before")?; // 1899-12-31
/// let err = OrgTree::build(vec![OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, too_early)]).unwrap_err();
/// assert_eq!(err.code(), "bad_org_field");
/// assert!(OrgTree::build(vec![OrgRecord::new("B1", "第一党支部", OrgKind::Branch, None, MIN_DATE)]).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Latest date accepted anywhere. Far enough for planning, near enough that date arithmetic
/// (probation, terms, anniversaries) never leaves chrono's range.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_DATE;
/// use dangjian::member::{Gender, MemberRecord};
/// let mut reg = dangjian::Registry::sample_small();
/// let unborn = MemberRecord::new("M9", "周敏", Gender::Female, MAX_DATE.succ_opt().ok_or("no next day")?)?;
/// assert_eq!(reg.add_members(vec![unborn]).map_err(|e| e.code()), Err("bad_member"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Whether `d` lies in `MIN_DATE ..= MAX_DATE`.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// use dangjian::limits::date_in_range;
/// assert!(date_in_range(d(1921, 7, 1)?));
/// assert!(!date_in_range(d(1899, 12, 31)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn date_in_range(d: NaiveDate) -> bool {
    (MIN_DATE..=MAX_DATE).contains(&d)
}

/// Largest amount of one dues profile, payment or special dues record, in fen: 10^12 fen
/// (10 billion yuan). Sums of amounts are exact up to 9.2 million such records (`i64`) and
/// saturate beyond; a larger amount is refused (`bad_profile` / `bad_payment`), never wrapped.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_AMOUNT_FEN;
/// // 10^12 fen is ten billion yuan, and sums of millions of such amounts still fit in an i64.
/// assert_eq!(MAX_AMOUNT_FEN / 100, 10_000_000_000);
/// assert!(MAX_AMOUNT_FEN.checked_mul(9_000_000).is_some());
/// ```
pub const MAX_AMOUNT_FEN: i64 = 1_000_000_000_000;

/// Longest free text of an event or record (`place`, `home_unit`), in characters.
///
/// # Examples
///
/// ```
/// # let d = |y, m, day| dangjian::chrono::NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
/// use dangjian::limits::MAX_TEXT_CHARS;
/// use dangjian::member::{EventRecord, EventType, MemberRule};
/// let mut reg = dangjian::Registry::sample_small();
/// let far = "远".repeat(MAX_TEXT_CHARS + 1);
/// let err = reg.apply(vec![EventRecord::new("M4", d(2026, 3, 1)?, EventType::FloatedOut).place(&far)]).unwrap_err();
/// assert!(matches!(err, dangjian::RegistryError::EventRejected { rule: MemberRule::OutOfRange, .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_TEXT_CHARS: usize = 200;
/// Longest ethnicity (民族), in characters.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_ETHNICITY_CHARS;
/// use dangjian::member::{Gender, MemberRecord};
/// let mut reg = dangjian::Registry::sample_small();
/// let mut m = MemberRecord::new("M9", "周敏", Gender::Female, "1998-04-02".parse()?)?;
/// m.ethnicity = "族".repeat(MAX_ETHNICITY_CHARS + 1).into();
/// assert_eq!(reg.add_members(vec![m]).map_err(|e| e.code()), Err("bad_member"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ETHNICITY_CHARS: usize = 32;
/// Most skills (党员所长) of one member.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_SKILLS;
/// use dangjian::member::{Gender, MemberRecord};
/// let mut reg = dangjian::Registry::sample_small();
/// let mut m = MemberRecord::new("M9", "周敏", Gender::Female, "1998-04-02".parse()?)?;
/// m.skills = (0..=MAX_SKILLS).map(|i| format!("特长{i}").into()).collect();
/// assert_eq!(reg.add_members(vec![m]).map_err(|e| e.code()), Err("bad_member"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_SKILLS: usize = 64;
/// Longest skill, in characters.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_SKILL_CHARS;
/// use dangjian::member::{Gender, MemberRecord};
/// let mut reg = dangjian::Registry::sample_small();
/// let mut m = MemberRecord::new("M9", "周敏", Gender::Female, "1998-04-02".parse()?)?;
/// m.skills = vec!["政策宣讲".into(), "长".repeat(MAX_SKILL_CHARS + 1).into()];
/// assert_eq!(reg.add_members(vec![m]).map_err(|e| e.code()), Err("bad_member"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_SKILL_CHARS: usize = 64;
/// Longest community name, in characters.
///
/// # Examples
///
/// ```
/// use dangjian::io::Dataset;
/// use dangjian::limits::MAX_COMMUNITY_NAME_CHARS;
/// let long = Dataset::new(&"社".repeat(MAX_COMMUNITY_NAME_CHARS + 1));
/// assert_eq!(Dataset::from_json(&long.to_json()?).map_err(|e| e.code()).err(), Some("limit_exceeded"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_COMMUNITY_NAME_CHARS: usize = 200;
/// Longest community description, in characters.
///
/// # Examples
///
/// ```
/// use dangjian::io::Dataset;
/// use dangjian::limits::MAX_DESCRIPTION_CHARS;
/// let mut ds = Dataset::new("翔凤社区");
/// ds.community.description = "述".repeat(MAX_DESCRIPTION_CHARS);
/// assert!(Dataset::from_json(&ds.to_json()?).is_ok());
/// ds.community.description.push('。');
/// assert_eq!(Dataset::from_json(&ds.to_json()?).map_err(|e| e.code()).err(), Some("limit_exceeded"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;
/// Deepest nesting of JSON arrays and objects (serde_json's recursion limit).
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_JSON_DEPTH;
/// let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
/// assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_JSON_DEPTH - 1)).is_ok());
/// assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_JSON_DEPTH)).is_err());
/// ```
pub const MAX_JSON_DEPTH: usize = 128;
/// Deepest nesting in the binary form (rmp-serde's depth limit).
///
/// # Examples
///
/// ```
/// use dangjian::limits::{MAX_BINARY_DEPTH, MAX_JSON_DEPTH};
/// // The binary form nests as deep as its JSON: well within the decoder's limit.
/// assert!(MAX_JSON_DEPTH < MAX_BINARY_DEPTH);
/// # #[cfg(feature = "binary")] {
/// let ds = dangjian::synth::sample_community();
/// assert_eq!(dangjian::io::Dataset::from_binary(&ds.to_binary()?)?, ds);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_BINARY_DEPTH: usize = 1024;

// ---- Input files and rosters (`io`)

/// Largest dataset input accepted, in bytes (1 GiB).
///
/// # Examples
///
/// ```
/// use dangjian::limits::{MAX_INPUT_BYTES, MAX_ROSTER_BYTES};
/// assert_eq!(MAX_INPUT_BYTES, 1 << 30); // 1 GiB
/// // The sample community's JSON is a tiny fraction of it.
/// let text = dangjian::synth::sample_community().to_json()?;
/// assert!(text.len() < MAX_ROSTER_BYTES && MAX_ROSTER_BYTES < MAX_INPUT_BYTES);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// Largest roster file accepted, in bytes (64 MiB).
///
/// # Examples
///
/// ```
/// use dangjian::io::{import_roster_csv_with, RosterOptions};
/// use dangjian::limits::MAX_ROSTER_BYTES;
/// assert_eq!(MAX_ROSTER_BYTES, 64 << 20); // 64 MiB
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse()?);
/// let huge = vec![b' '; MAX_ROSTER_BYTES + 1];
/// let err = import_roster_csv_with(&huge, reg.tree(), &opts, &|_| None).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ROSTER_BYTES: usize = 64 << 20;

/// Most rows of a roster, header included (split larger rosters by organization).
///
/// # Examples
///
/// ```
/// use dangjian::io::{import_roster_csv_with, RosterOptions};
/// use dangjian::limits::MAX_ROSTER_ROWS;
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse()?);
/// let rows = "x\n".repeat(MAX_ROSTER_ROWS + 1);
/// let err = import_roster_csv_with(rows.as_bytes(), reg.tree(), &opts, &|_| None).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ROSTER_ROWS: usize = 100_000;

/// Most columns of a roster: cells right of column 64 (`BL`) must be empty.
///
/// # Examples
///
/// ```
/// use dangjian::io::{import_roster_csv_with, RosterOptions};
/// use dangjian::limits::MAX_ROSTER_COLUMNS;
/// let reg = dangjian::Registry::sample_small();
/// let opts = RosterOptions::new("2024-01-01".parse()?);
/// let header = vec!["列"; MAX_ROSTER_COLUMNS + 1].join(",");
/// let err = import_roster_csv_with(header.as_bytes(), reg.tree(), &opts, &|_| None).unwrap_err();
/// assert_eq!(err.code(), "limit_exceeded");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ROSTER_COLUMNS: usize = 64;

/// Largest total uncompressed size of the parts of an `.xlsx` file, as declared in its zip
/// directory (256 MiB): a zip bomb is refused before anything is inflated.
///
/// # Examples
///
/// ```
/// use dangjian::limits::{MAX_ROSTER_BYTES, MAX_XLSX_UNCOMPRESSED_BYTES};
/// assert_eq!(MAX_XLSX_UNCOMPRESSED_BYTES, 256 << 20); // 256 MiB
/// // Four times the largest roster file: room for XML's verbosity, not for a zip bomb.
/// assert_eq!(MAX_XLSX_UNCOMPRESSED_BYTES, 4 * MAX_ROSTER_BYTES as u64);
/// ```
pub const MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 256 << 20;

// ---- Organizations (`org`)

/// Longest accepted organization name, in characters.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_ORG_NAME_CHARS;
/// use dangjian::org::{OrgError, OrgKind, OrgRecord, OrgTree};
/// let name = "党".repeat(MAX_ORG_NAME_CHARS + 1);
/// let err = OrgTree::build(vec![OrgRecord::new("B1", &name, OrgKind::Branch, None, "2020-01-01".parse()?)]).unwrap_err();
/// assert!(matches!(err, OrgError::BadField { field: "name", .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ORG_NAME_CHARS: usize = 200;

/// Most organizations one tree holds (China has about 5 million grassroots organizations).
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_ORGS;
/// // Room for every grassroots organization of the country (about five million) in one tree.
/// assert!(MAX_ORGS >= 5_000_000);
/// assert!(u32::try_from(MAX_ORGS).is_ok()); // an organization's index is a u32
/// ```
pub const MAX_ORGS: usize = 10_000_000;

/// Deepest nesting of organizations (a root is at depth 0). A real hierarchy from a provincial
/// committee down to a group has about ten levels.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_ORG_DEPTH;
/// use dangjian::org::{OrgKind, OrgRecord, OrgTree};
/// let day = "2020-01-01".parse()?;
/// // Committees may nest in committees: a chain one level deeper than allowed.
/// let chain: Vec<OrgRecord> = (0..=MAX_ORG_DEPTH + 1)
///     .map(|i| {
///         let parent = (i > 0).then(|| format!("C{}", i - 1));
///         OrgRecord::new(&format!("C{i}"), "党委", OrgKind::Committee, parent.as_deref(), day)
///     })
///     .collect();
/// assert_eq!(OrgTree::build(chain).map_err(|e| e.code()).err(), Some("org_too_deep"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ORG_DEPTH: usize = 32;

/// Longest accepted organization id, in bytes.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_ORG_ID_LEN;
/// use dangjian::org::{OrgError, OrgKind, OrgRecord, OrgTree};
/// let id = "B".repeat(MAX_ORG_ID_LEN + 1);
/// let err = OrgTree::build(vec![OrgRecord::new(&id, "第一党支部", OrgKind::Branch, None, "2020-01-01".parse()?)]).unwrap_err();
/// assert!(matches!(err, OrgError::BadField { field: "id", .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ORG_ID_LEN: usize = 64;

// ---- Personal data (`privacy`)

/// Longest accepted name, in characters.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_PERSON_NAME_CHARS;
/// use dangjian::member::{Gender, MemberRecord};
/// let birth = "1990-01-02".parse()?;
/// assert!(MemberRecord::new("M9", &"名".repeat(MAX_PERSON_NAME_CHARS), Gender::Male, birth).is_ok());
/// assert!(MemberRecord::new("M9", &"名".repeat(MAX_PERSON_NAME_CHARS + 1), Gender::Male, birth).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_PERSON_NAME_CHARS: usize = 64;

// ---- The registry (`registry`)

/// Longest accepted member id, in bytes.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_MEMBER_ID_LEN;
/// use dangjian::member::{Gender, MemberRecord};
/// let mut reg = dangjian::Registry::sample_small();
/// let m = MemberRecord::new(&"M".repeat(MAX_MEMBER_ID_LEN + 1), "周敏", Gender::Female, "1998-04-02".parse()?)?;
/// assert_eq!(reg.add_members(vec![m]).map_err(|e| e.code()), Err("bad_member"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_MEMBER_ID_LEN: usize = 64;

/// Most members one registry holds (partition larger populations by organization).
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_MEMBERS;
/// // Ten times the party's membership would not fit: partition by organization well before.
/// assert_eq!(MAX_MEMBERS, 50_000_000);
/// assert!(u32::try_from(MAX_MEMBERS).is_ok()); // a member's index is a u32
/// ```
pub const MAX_MEMBERS: usize = 50_000_000;

/// Most events one member may have.
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_EVENTS_PER_MEMBER;
/// use dangjian::member::{EventRecord, EventType};
/// let mut reg = dangjian::Registry::sample_small();
/// let day = "2026-10-08".parse()?;
/// let flood = vec![EventRecord::new("M1", day, EventType::Talked); MAX_EVENTS_PER_MEMBER];
/// assert_eq!(reg.apply(flood).map_err(|e| e.code()).err(), Some("limit_exceeded"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_EVENTS_PER_MEMBER: usize = 10_000;

// ---- Rule sets and scoring (`scoring`)

/// Largest rule set document accepted, in bytes (4 MiB).
///
/// # Examples
///
/// ```
/// use dangjian::limits::MAX_RULESET_BYTES;
/// use dangjian::scoring::RuleSet;
/// let padded = format!("{}{}", " ".repeat(MAX_RULESET_BYTES), serde_json::to_string(&RuleSet::member_default())?);
/// assert!(RuleSet::from_json(&padded).is_err()); // refused before parsing
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_RULESET_BYTES: usize = 4 << 20;

/// Most items in one rule set.
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::RuleSet;
/// # let mut rules = serde_json::to_value(RuleSet::member_default())?;
/// use dangjian::limits::MAX_ITEMS;
/// let item = rules["items"][0].clone();
/// rules["items"] = (0..=MAX_ITEMS).map(|i| { let mut it = item.clone(); it["code"] = format!("item{i}").into(); it }).collect();
/// assert_eq!(RuleSet::from_json(&rules.to_string()).map_err(|e| e.code()).err(), Some("rule_set_invalid"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ITEMS: usize = 4096;

/// Largest magnitude of points per unit (10,000).
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::RuleSet;
/// # let mut rules = serde_json::to_value(RuleSet::member_default())?;
/// use dangjian::limits::MAX_POINTS_PER_UNIT;
/// rules["items"][0]["points"] = MAX_POINTS_PER_UNIT.raw().into(); // 10,000,000 points per unit
/// assert_eq!(RuleSet::from_json(&rules.to_string()).map_err(|e| e.code()).err(), Some("rule_set_invalid"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_POINTS_PER_UNIT: Fixed = Fixed::from_int(10_000);

/// Largest magnitude of a base, floor, ceiling, cap or threshold (10^9 points).
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::RuleSet;
/// # let mut rules = serde_json::to_value(RuleSet::member_default())?;
/// use dangjian::limits::MAX_POINTS;
/// rules["base"] = (MAX_POINTS.raw() / 1000 + 1).into(); // one point above the limit
/// assert_eq!(RuleSet::from_json(&rules.to_string()).map_err(|e| e.code()).err(), Some("rule_set_invalid"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_POINTS: Fixed = Fixed::from_int(1_000_000_000);

/// Longest display name of a rule set, an item or a grade, in characters.
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::RuleSet;
/// # let mut rules = serde_json::to_value(RuleSet::member_default())?;
/// use dangjian::limits::MAX_RULE_NAME_CHARS;
/// rules["name"] = "名".repeat(MAX_RULE_NAME_CHARS + 1).into();
/// let err = RuleSet::from_json(&rules.to_string()).unwrap_err();
/// assert!(err.to_string().contains("above the limit of 200"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_RULE_NAME_CHARS: usize = 200;

/// Longest free text of a rule set (`source`, an item's `note`), in characters.
///
/// # Examples
///
/// ```
/// # use dangjian::scoring::RuleSet;
/// # let mut rules = serde_json::to_value(RuleSet::member_default())?;
/// use dangjian::limits::MAX_RULE_TEXT_CHARS;
/// rules["items"][0]["note"] = "注".repeat(MAX_RULE_TEXT_CHARS + 1).into();
/// assert_eq!(RuleSet::from_json(&rules.to_string()).map_err(|e| e.code()).err(), Some("rule_set_invalid"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_RULE_TEXT_CHARS: usize = 10_000;

/// Largest quantity one activity may carry (one million units).
///
/// # Examples
///
/// ```
/// use dangjian::fixed::Fixed;
/// use dangjian::limits::MAX_QUANTITY;
/// use dangjian::scoring::{ActivityRecord, Mode, RuleSet, Scorer};
/// let reg = dangjian::Registry::sample_small();
/// let mut a = ActivityRecord::new("A1", "M1", "service_hour", "2026-10-08".parse()?);
/// a.quantity = MAX_QUANTITY + Fixed::ONE;
/// let activities = [a];
/// let scorer = Scorer::new(&reg, &activities, Mode::Strict)?;
/// assert!(scorer.score(&RuleSet::member_default(), "2026-10".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_QUANTITY: Fixed = Fixed::from_int(1_000_000);

/// Longest id, code, reason or parser message echoed in a scoring, rule set or dataset error, in
/// characters (longer ones are cut in the middle).
///
/// # Examples
///
/// ```
/// use dangjian::io::Dataset;
/// use dangjian::limits::MAX_ECHO_CHARS;
/// // An unknown field of 5,000 characters: the error echoes a cut of it, never the whole.
/// let err = Dataset::from_json(&format!("{{\"{}\": 1}}", "k".repeat(5_000))).unwrap_err();
/// let shown = err.to_string();
/// assert!(shown.contains('…'));
/// assert!(shown.chars().count() < 3 * MAX_ECHO_CHARS);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const MAX_ECHO_CHARS: usize = 400;
