//! The seats the optimal matcher gives in the sample's posts ([`super::sample_post`]), as data:
//! the sample is built from these tables, so the solver is not linked where only the sample is
//! needed (the WebAssembly package).
//!
//! Generated. The test `synth::sample_post::tests::tables_are_what_the_solver_chooses` rebuilds
//! the five problems as the generator does, solves them and compares; when the generator or the
//! solver changes it fails and prints this file anew: replace the file by it and run `cargo fmt`.
//!
//! The first round's seats are the sample's claims made on the first day of the service year:
//!
//! ```
//! use dangjian::synth::{sample_community, SERVICE_YEAR_START};
//! let ds = sample_community();
//! let mediators = ds.claims.iter().filter(|c| c.post == "P-MED" && c.start == SERVICE_YEAR_START);
//! assert!(mediators.count() <= 6); // the mediator post has six seats
//! ```

/// The seats given in one matching round: per post, the members given a seat, in the solver's
/// assignment order.
pub(super) type Round = &'static [(&'static str, &'static [&'static str])];

/// Round 1a (2025-11-01): in-service members of B3 on the service posts.
pub(super) const ROUND_1A: Round = &[
    ("S-BIL", &["XF109", "XF135"]),
    ("S-HSK", &["XF106", "XF141"]),
    ("S-JOB", &["XF093", "XF102"]),
    ("S-PAT", &["XF089", "XF090", "XF095", "XF127"]),
    ("S-POL", &["XF088", "XF094", "XF100"]),
    (
        "S-VOL",
        &["XF096", "XF097", "XF098", "XF101", "XF105", "XF133"],
    ),
];

/// Round 1b (2025-11-01): willing members on the five posts.
pub(super) const ROUND_1B: Round = &[
    (
        "P-CIV",
        &[
            "XF005", "XF007", "XF012", "XF014", "XF015", "XF017", "XF019", "XF021", "XF023",
            "XF025", "XF028", "XF037", "XF042", "XF044", "XF046", "XF050", "XF052", "XF053",
            "XF055", "XF056", "XF057", "XF058", "XF060", "XF062", "XF063", "XF064", "XF070",
            "XF072", "XF074", "XF077", "XF080", "XF085", "XF086", "XF103", "XF107", "XF110",
            "XF119", "XF142", "XF144", "XF151",
        ],
    ),
    (
        "P-FPI",
        &[
            "XF016", "XF018", "XF022", "XF049", "XF087", "XF104", "XF112", "XF132",
        ],
    ),
    ("P-MED", &["XF034", "XF065", "XF121", "XF150", "XF156"]),
    (
        "P-PAT",
        &[
            "XF001", "XF035", "XF038", "XF048", "XF067", "XF071", "XF115", "XF116", "XF117",
            "XF122", "XF124", "XF128", "XF131", "XF134", "XF136", "XF137", "XF145", "XF146",
            "XF158", "XF163",
        ],
    ),
    (
        "P-URB",
        &["XF002", "XF009", "XF114", "XF126", "XF138", "XF149"],
    ),
];

/// Round 2a (2026-05-01): in-service members of B3 on the vacant service posts.
pub(super) const ROUND_2A: Round = &[
    ("S-BIL", &["XF109"]),
    ("S-PAT", &["XF127"]),
    ("S-VOL", &["XF123"]),
];

/// Round 2b (2026-05-01): the few volunteers on the vacant five posts.
pub(super) const ROUND_2B: Round = &[("P-CIV", &["XF038", "XF089"]), ("P-FPI", &["XF012"])];

/// The matching rounds in the generator's order.
pub(super) const ROUNDS: [Round; 4] = [ROUND_1A, ROUND_1B, ROUND_2A, ROUND_2B];

/// The rows of a batch plan: per day (year, month, day) and post, the members serving, in the
/// plan's order.
pub(super) type Batches = &'static [((i32, u32, u32), &'static str, &'static [&'static str])];

/// The holiday batches (分批分组).
pub(super) const HOLIDAY_BATCHES: Batches = &[
    ((2026, 1, 1), "S-PAT", &["XF088", "XF089", "XF090"]),
    ((2026, 1, 1), "S-VOL", &["XF093", "XF094", "XF095", "XF096"]),
    ((2026, 2, 17), "S-PAT", &["XF097", "XF098", "XF100"]),
    (
        (2026, 2, 17),
        "S-VOL",
        &["XF101", "XF102", "XF103", "XF104"],
    ),
    ((2026, 4, 5), "S-PAT", &["XF105", "XF106", "XF107"]),
    ((2026, 4, 5), "S-VOL", &["XF109", "XF123", "XF127", "XF129"]),
    ((2026, 5, 1), "S-PAT", &["XF133", "XF135", "XF139"]),
    ((2026, 5, 1), "S-VOL", &["XF141", "XF145", "XF147", "XF151"]),
    ((2026, 6, 19), "S-PAT", &["XF155", "XF159", "XF163"]),
    (
        (2026, 6, 19),
        "S-VOL",
        &["XF088", "XF089", "XF090", "XF093"],
    ),
    ((2026, 10, 1), "S-PAT", &["XF094", "XF095", "XF096"]),
    (
        (2026, 10, 1),
        "S-VOL",
        &["XF097", "XF098", "XF100", "XF101"],
    ),
];
