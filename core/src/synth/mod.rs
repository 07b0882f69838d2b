//! Deterministic synthetic data: the bundled sample community (shaped like seed 000) and
//! communities of any size for tests and benchmarks.
//!
//! The same seed gives byte-identical data on every platform: the generator is SplitMix64 and
//! all arithmetic is on integers.
//!
//! ```
//! use dangjian::synth::{generate, SynthConfig};
//! let a = generate(&SynthConfig::new(1_000, 7));
//! let b = generate(&SynthConfig::new(1_000, 7));
//! assert_eq!(a, b);
//! assert_eq!(a.members.len(), 1_000);
//! ```

mod people;
mod rng;
mod sample;
mod sample_compliance;
mod sample_post;
mod sample_post_data;
mod sample_practice;
mod sample_scoring;
mod sample_year;
mod scale;

pub use people::SKILLS;
pub use rng::Rng;
pub use sample::{sample_community, HOME_UNITS, SAMPLE_AS_OF, SAMPLE_FOUNDED};
pub use sample_compliance::{COMPLIANCE_FROM, COMPLIANCE_TO, SPECIAL_DUES_TOTAL};
pub use sample_post::{SAMPLE_HOLIDAYS, SECOND_ROUND, SERVICE_YEAR_START};
pub use sample_scoring::golden_sample;
pub use sample_year::SAMPLE_APPRAISAL_YEAR;
pub use scale::{generate, org_tree, SynthConfig};

use crate::io::Dataset;
use crate::member::{EventRecord, EventType, Gender, MemberRecord, MembershipStatus};
use crate::org::{OrgKind, OrgRecord};
use crate::Registry;

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or(chrono::NaiveDate::MIN)
}

impl Dataset {
    /// A tiny fixed dataset for examples and tests: a general branch `Z`, branches `B1`
    /// (with group `G1`) and `B2`, and four members `M1`–`M4` (M2 admitted 2023-03-01 and still
    /// on probation until 2024-03-01; M1 converted 1976-05-01).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::io::Dataset;
    /// let ds = Dataset::sample_small();
    /// assert_eq!(ds.orgs.len(), 4);
    /// let ids: Vec<&str> = ds.members.iter().map(|m| m.id.as_str()).collect();
    /// assert_eq!(ids, ["M1", "M2", "M3", "M4"]);
    /// ```
    pub fn sample_small() -> Dataset {
        let f = day(2020, 1, 1);
        let mut ds = Dataset::new("示例社区");
        ds.orgs = vec![
            OrgRecord::new("Z", "示例社区党总支", OrgKind::GeneralBranch, None, f),
            OrgRecord::new("B1", "第一党支部", OrgKind::Branch, Some("Z"), f),
            OrgRecord::new("G1", "第一党小组", OrgKind::Group, Some("B1"), f),
            OrgRecord::new("B2", "第二党支部", OrgKind::Branch, Some("Z"), f),
        ];
        let person = |id: &str, name: &str, g, birth| MemberRecord::new(id, name, g, birth).ok();
        ds.members = [
            person("M1", "张建国", Gender::Male, day(1950, 3, 2)),
            person("M2", "李红", Gender::Female, day(1995, 8, 9)),
            person("M3", "王志强", Gender::Male, day(1970, 1, 20)),
            person("M4", "赵秀英", Gender::Female, day(1958, 11, 5)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let full = MembershipStatus::Full;
        ds.events = vec![
            EventRecord::new("M1", f, EventType::TransferredIn)
                .branch("B1")
                .arriving(full, Some(day(1975, 5, 1)), Some(day(1976, 5, 1))),
            EventRecord::new("M2", day(2020, 6, 1), EventType::Applied).branch("B1"),
            EventRecord::new("M2", day(2020, 9, 1), EventType::Activist),
            EventRecord::new("M2", day(2021, 10, 1), EventType::Candidate),
            EventRecord::new("M2", day(2023, 3, 1), EventType::Admitted),
            EventRecord::new("M3", day(2021, 1, 1), EventType::TransferredIn)
                .branch("B1")
                .arriving(full, Some(day(1995, 7, 1)), Some(day(1996, 7, 1))),
            EventRecord::new("M4", day(2021, 1, 1), EventType::TransferredIn)
                .branch("B2")
                .arriving(full, Some(day(1985, 7, 1)), Some(day(1986, 7, 1))),
        ];
        ds
    }
}

impl Registry {
    /// The registry of [`Dataset::sample_small`].
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Stage;
    /// use dangjian::{chrono::NaiveDate, Registry};
    /// let reg = Registry::sample_small();
    /// assert_eq!(reg.len(), 4);
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("no such day");
    /// assert_eq!(reg.state("M2", day(2023, 6, 1)?)?.stage, Stage::Probationary);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sample_small() -> Registry {
        // The fixture is fixed and valid (a unit test checks it); an empty registry is the
        // fallback should it ever not be.
        Dataset::sample_small()
            .into_registry()
            .unwrap_or_else(|_| Registry::default())
    }
}
