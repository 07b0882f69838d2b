//! Synthetic communities of any size ([`generate`], [`SynthConfig`]) and organization trees
//! ([`org_tree`]) for tests and benchmarks.
//!
//! ```
//! use dangjian::synth::{generate, SynthConfig};
//! let ds = generate(&SynthConfig::new(120, 9));
//! let reg = ds.to_registry()?;
//! assert_eq!(reg.len(), 120);
//! assert!(reg.headcount_on(SynthConfig::new(120, 9).end) > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Days, Months, NaiveDate};

use super::people::{birth_for_age, person};
use super::Rng;
use crate::io::Dataset;
use crate::member::{Category, EventRecord, EventType, MembershipStatus};
use crate::org::{OrgKind, OrgRecord};

/// Size and seed of a synthetic community.
///
/// # Examples
///
/// ```
/// use dangjian::synth::{generate, SynthConfig};
/// let config = SynthConfig { branch_size: 25, ..SynthConfig::new(100, 7) };
/// let ds = generate(&config);
/// assert_eq!(ds.members.len(), 100);
/// assert!(ds.orgs.len() > 4); // four branches of about 25, and the organizations above them
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthConfig {
    /// People on the roster (members, pipeline and leavers).
    pub members: usize,
    /// Seed: the same seed gives the same dataset.
    pub seed: u64,
    /// Members per branch (about).
    pub branch_size: usize,
    /// First day of the simulated history.
    pub start: NaiveDate,
    /// Last day of the simulated history.
    pub end: NaiveDate,
}

impl SynthConfig {
    /// `members` people, seed `seed`, about 40 per branch, history 2022-01-01 to 2025-12-31.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::SynthConfig;
    /// let config = SynthConfig::new(500, 1);
    /// assert_eq!((config.members, config.seed, config.branch_size), (500, 1, 40));
    /// assert_eq!(config.start.to_string(), "2022-01-01");
    /// assert_eq!(config.end.to_string(), "2025-12-31");
    /// ```
    pub fn new(members: usize, seed: u64) -> Self {
        SynthConfig {
            members,
            seed,
            branch_size: 40,
            start: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or(NaiveDate::MIN),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or(NaiveDate::MIN),
        }
    }
}

/// Organizations for `n_branches` branches: a committee on top, general branches of four
/// branches, and two groups per branch.
fn orgs_for(n_branches: usize, start: NaiveDate) -> (Vec<OrgRecord>, Vec<String>) {
    let mut orgs = vec![OrgRecord::new(
        "C",
        "社区党委",
        OrgKind::Committee,
        None,
        start,
    )];
    let mut branches = Vec::with_capacity(n_branches);
    for g in 0..n_branches.div_ceil(4) {
        let gid = format!("Z{g}");
        orgs.push(OrgRecord::new(
            &gid,
            &format!("第{}党总支", g + 1),
            OrgKind::GeneralBranch,
            Some("C"),
            start,
        ));
        for k in 0..4 {
            let bi = g * 4 + k;
            if bi >= n_branches {
                break;
            }
            let bid = format!("B{bi}");
            let mut r = OrgRecord::new(
                &bid,
                &format!("第{}党支部", bi + 1),
                OrgKind::Branch,
                Some(&gid),
                start,
            );
            r.has_committee = true;
            r.elected = Some(start);
            orgs.push(r);
            for j in 0..2 {
                orgs.push(OrgRecord::new(
                    &format!("G{bi}_{j}"),
                    &format!("第{}党小组", j + 1),
                    OrgKind::Group,
                    Some(&bid),
                    start,
                ));
            }
            branches.push(bid);
        }
    }
    (orgs, branches)
}

/// A synthetic community of any size: 85% of the roster registered as members on the first day,
/// 8% developed through the pipeline during the history, 4% still in the pipeline; some move
/// branches, float out, retire, transfer out or die. Deterministic in `config.seed`.
///
/// # Examples
///
/// ```
/// use dangjian::synth::{generate, SynthConfig};
/// let ds = generate(&SynthConfig::new(200, 42));
/// assert_eq!(ds.members.len(), 200);
/// assert_eq!(ds, generate(&SynthConfig::new(200, 42))); // deterministic in the seed
/// assert_ne!(ds, generate(&SynthConfig::new(200, 43)));
/// let reg = ds.to_registry()?;
/// assert_eq!(reg.len(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generate(config: &SynthConfig) -> Dataset {
    let mut rng = Rng::new(config.seed);
    let n_branches = config.members.div_ceil(config.branch_size.max(1)).max(1);
    let (orgs, branches) = orgs_for(n_branches, config.start);
    let mut ds = Dataset::new("合成社区");
    ds.orgs = orgs;
    ds.members.reserve(config.members);
    ds.events.reserve(config.members * 2 + config.members / 4);
    let span = (config.end - config.start).num_days().max(400);
    let day = |rng: &mut Rng, lo: i64, hi: i64| {
        config
            .start
            .checked_add_days(Days::new(rng.range(lo, hi).max(0) as u64))
            .unwrap_or(config.start)
    };
    for i in 0..config.members {
        let id = format!("M{i:08}");
        let branch = branches
            .get(i / config.branch_size.max(1) % branches.len().max(1))
            .map(String::as_str)
            .unwrap_or("B0");
        let roll = rng.below(100);
        let age = if roll < 30 {
            rng.range(62, 90)
        } else {
            rng.range(22, 61)
        } as i32;
        let category = if age >= 62 {
            Category::Retired
        } else if rng.chance(20) {
            Category::InService
        } else {
            Category::Resident
        };
        let unit = if category == Category::InService {
            super::HOME_UNITS.get(i % super::HOME_UNITS.len()).copied()
        } else {
            None
        };
        let birth = birth_for_age(&mut rng, age, config.end);
        ds.members
            .push(person(&mut rng, &id, birth, category, unit));
        let age_at_start = i64::from(config.start.years_since(birth).unwrap_or(0));
        if (roll < 85 || age > 55) && age_at_start >= 21 {
            let adm_age = rng.range(19, age_at_start - 2) as u32;
            let admitted = birth
                .checked_add_months(Months::new(adm_age * 12))
                .unwrap_or(birth);
            let converted = admitted
                .checked_add_months(Months::new(12))
                .unwrap_or(admitted);
            ds.events.push(
                EventRecord::new(&id, config.start, EventType::TransferredIn)
                    .branch(branch)
                    .arriving(MembershipStatus::Full, Some(admitted), Some(converted)),
            );
            let r = rng.below(100);
            let when = day(&mut rng, 30, span);
            match r {
                0..=2 => ds
                    .events
                    .push(EventRecord::new(&id, when, EventType::TransferredOut)),
                3 if age > 70 => ds.events.push(EventRecord::new(&id, when, EventType::Died)),
                4..=5 => {
                    let other = branches
                        .get(rng.below(branches.len() as u64) as usize)
                        .map(String::as_str)
                        .unwrap_or(branch);
                    if other != branch {
                        ds.events
                            .push(EventRecord::new(&id, when, EventType::Moved).branch(other));
                    }
                }
                6..=7 => ds
                    .events
                    .push(EventRecord::new(&id, when, EventType::FloatedOut)),
                _ => {}
            }
        } else {
            let applied = day(&mut rng, 0, span / 4);
            let activist = applied
                .checked_add_months(Months::new(2))
                .unwrap_or(applied);
            let candidate = activist
                .checked_add_months(Months::new(12))
                .unwrap_or(activist);
            let admitted = candidate
                .checked_add_months(Months::new(3))
                .unwrap_or(candidate);
            let converted = admitted
                .checked_add_months(Months::new(12))
                .unwrap_or(admitted);
            ds.events
                .push(EventRecord::new(&id, applied, EventType::Applied).branch(branch));
            ds.events
                .push(EventRecord::new(&id, activist, EventType::Activist));
            if roll < 93 {
                ds.events
                    .push(EventRecord::new(&id, candidate, EventType::Candidate));
                ds.events
                    .push(EventRecord::new(&id, admitted, EventType::Admitted));
                if converted <= config.end {
                    ds.events
                        .push(EventRecord::new(&id, converted, EventType::Converted));
                }
            }
        }
    }
    ds
}

/// An organization tree of exactly `n` organizations (for rollup benchmarks at national scale):
/// committees of ten general branches, each of eight branches with three groups.
///
/// # Examples
///
/// ```
/// use dangjian::synth::org_tree;
/// use dangjian::Registry;
/// let orgs = org_tree(1_000);
/// assert_eq!(orgs.len(), 1_000);
/// let reg = Registry::new(orgs)?; // a valid tree
/// assert_eq!(reg.tree().len(), 1_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn org_tree(n: usize) -> Vec<OrgRecord> {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let mut out = Vec::with_capacity(n);
    let (mut c, mut z, mut b) = (0usize, 0usize, 0usize);
    let (mut cur_c, mut cur_z, mut cur_b) = (String::new(), String::new(), String::new());
    let (mut zs, mut bs, mut gs) = (10usize, 8usize, 3usize);
    while out.len() < n {
        if zs == 10 && bs == 8 && gs == 3 {
            cur_c = format!("C{c}");
            out.push(OrgRecord::new(
                &cur_c,
                "党委",
                OrgKind::Committee,
                None,
                start,
            ));
            c += 1;
            zs = 0;
        } else if bs == 8 && gs == 3 {
            cur_z = format!("Z{z}");
            out.push(OrgRecord::new(
                &cur_z,
                "党总支",
                OrgKind::GeneralBranch,
                Some(&cur_c),
                start,
            ));
            z += 1;
            zs += 1;
            bs = 0;
        } else if gs == 3 {
            cur_b = format!("B{b}");
            out.push(OrgRecord::new(
                &cur_b,
                "党支部",
                OrgKind::Branch,
                Some(&cur_z),
                start,
            ));
            b += 1;
            bs += 1;
            gs = 0;
        } else {
            out.push(OrgRecord::new(
                &format!("{cur_b}G{gs}"),
                "党小组",
                OrgKind::Group,
                Some(&cur_b),
                start,
            ));
            gs += 1;
        }
    }
    out
}
