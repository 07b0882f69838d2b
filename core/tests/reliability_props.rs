//! Property tests of all-or-nothing changes (issue 9). `PROPTEST_CASES` sets the number of
//! cases (CI: 1000).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use chrono::NaiveDate;
use dangjian::io::Dataset;
use dangjian::member::{EventRecord, EventType, Gender, MemberRecord, MembershipStatus};
use dangjian::synth::{generate, SynthConfig};
use dangjian::Registry;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256)
}

fn communities() -> &'static [Dataset] {
    static D: std::sync::OnceLock<Vec<Dataset>> = std::sync::OnceLock::new();
    D.get_or_init(|| {
        (0..4u64)
            .map(|seed| {
                let mut cfg = SynthConfig::new(40, seed);
                cfg.branch_size = 10;
                let mut ds = generate(&cfg);
                ds.events.sort_by_key(|e| e.date); // stable: same-day order kept
                ds
            })
            .collect()
    })
}

/// People outside the synthetic log, the only targets of the random batches, so that the
/// random batches cannot change whether a chunk of the real log is valid.
fn extras() -> Vec<MemberRecord> {
    (0..3)
        .map(|i| {
            MemberRecord::new(
                &format!("Y{i}"),
                "额外",
                Gender::Female,
                NaiveDate::from_ymd_opt(1970 + i * 10, 3, 1).unwrap(),
            )
            .unwrap()
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Noise {
    /// A copy of a chunk of the log with a poisoned event inserted: must fail.
    Poisoned { chunk: usize, at: usize, kind: u8 },
    /// Random events of the extra people: may pass or fail.
    Random(Vec<(u8, u16, u8, u8)>),
    /// A roster addition that must fail (duplicate, bad ID, personal number as id).
    BadMembers(u8),
    /// An import (people + events) that must fail.
    BadImport(u8),
}

fn noise() -> impl Strategy<Value = Noise> {
    prop_oneof![
        (0usize..64, 0usize..64, 0u8..4).prop_map(|(chunk, at, kind)| Noise::Poisoned {
            chunk,
            at,
            kind
        }),
        prop::collection::vec((0u8..3, 0u16..3000, 0u8..21, 0u8..4), 0..6).prop_map(Noise::Random),
        (0u8..3).prop_map(Noise::BadMembers),
        (0u8..2).prop_map(Noise::BadImport),
    ]
}

const TYPES: [EventType; 21] = [
    EventType::Applied,
    EventType::Talked,
    EventType::Activist,
    EventType::Candidate,
    EventType::Admitted,
    EventType::ProbationExtended,
    EventType::Converted,
    EventType::ProbationCancelled,
    EventType::TransferredIn,
    EventType::TransferredOut,
    EventType::Moved,
    EventType::GroupAssigned,
    EventType::FloatedOut,
    EventType::Returned,
    EventType::LostContact,
    EventType::Found,
    EventType::CategoryChanged,
    EventType::Died,
    EventType::Expelled,
    EventType::Removed,
    EventType::Withdrew,
];

fn random_event(ds: &Dataset, (m, d, t, o): (u8, u16, u8, u8)) -> EventRecord {
    let date = NaiveDate::from_ymd_opt(2018, 1, 1)
        .unwrap()
        .checked_add_days(chrono::Days::new(u64::from(d)))
        .unwrap();
    let kind = TYPES[usize::from(t)];
    let org = ds.orgs[usize::from(o) * 3 % ds.orgs.len()].id.to_string();
    let mut e = EventRecord::new(&format!("Y{m}"), date, kind);
    match kind {
        EventType::Applied | EventType::Moved | EventType::Admitted => e = e.branch(&org),
        EventType::TransferredIn => {
            e = e.branch(&org).arriving(
                MembershipStatus::Full,
                NaiveDate::from_ymd_opt(2000, 1, 1),
                NaiveDate::from_ymd_opt(2001, 1, 1),
            )
        }
        EventType::ProbationExtended => e = e.months(6 + o),
        EventType::GroupAssigned => e = e.group(&org),
        EventType::CategoryChanged => e = e.category(dangjian::member::Category::Retired, None),
        _ => {}
    }
    e
}

fn poison(ds: &Dataset, kind: u8) -> EventRecord {
    let someone = ds.members[0].id.as_str();
    let group = ds
        .orgs
        .iter()
        .find(|o| o.kind == dangjian::org::OrgKind::Group)
        .unwrap()
        .id
        .to_string();
    match kind {
        // not on the roster
        0 => EventRecord::new(
            "NOBODY",
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            EventType::Died,
        ),
        // before the documented date range
        1 => EventRecord::new(
            someone,
            NaiveDate::from_ymd_opt(1850, 1, 1).unwrap(),
            EventType::Died,
        ),
        // a member cannot be moved into a group (members belong to branches)
        2 => EventRecord::new(
            someone,
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            EventType::Moved,
        )
        .branch(&group),
        // an organization that does not exist
        _ => EventRecord::new(
            someone,
            NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            EventType::Applied,
        )
        .branch("NO-SUCH-ORG"),
    }
}

#[derive(Debug, Clone)]
enum Op {
    Events(Vec<EventRecord>),
    Members(Vec<MemberRecord>),
    Import(Vec<MemberRecord>, Vec<EventRecord>),
}

fn run(reg: &mut Registry, op: &Op) -> bool {
    let before = reg.clone();
    let ok = match op {
        Op::Events(b) => reg.apply(b.clone()).is_ok(),
        Op::Members(m) => reg.add_members(m.clone()).is_ok(),
        Op::Import(m, e) => reg.import(m.clone(), e.clone()).is_ok(),
    };
    if !ok {
        assert!(*reg == before, "a failed change left a trace: {op:?}");
    }
    ok
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// The log of a synthetic community is cut into chronological chunks (each valid after the
    /// ones before) and applied with random batches in between: poisoned copies of chunks,
    /// random events of extra people, bad roster additions and bad imports. Every valid chunk
    /// succeeds, every poisoned batch fails, and the final registry equals the one obtained by
    /// applying only the batches that succeeded — and, for the community's own people, the one
    /// built from the whole log at once.
    #[test]
    fn interleaved_valid_and_invalid_batches_equal_valid_only(
        c in 0usize..4,
        chunks in 1usize..12,
        noise in prop::collection::vec((0usize..12, noise()), 0..12),
    ) {
        let ds = &communities()[c];
        let size = ds.events.len().div_ceil(chunks).max(1);
        let valid: Vec<Vec<EventRecord>> = ds.events.chunks(size).map(<[_]>::to_vec).collect();
        let mut ops: Vec<(Op, Option<bool>)> = vec![
            (Op::Members(ds.members.clone()), Some(true)),
            (Op::Members(extras()), Some(true)),
        ];
        for (k, chunk) in valid.iter().enumerate() {
            for (slot, n) in &noise {
                if slot % valid.len() != k {
                    continue;
                }
                let op = match n {
                    Noise::Poisoned { chunk, at, kind } => {
                        let mut b = valid[chunk % valid.len()].clone();
                        let at = at % (b.len() + 1);
                        b.insert(at, poison(ds, *kind));
                        (Op::Events(b), Some(false))
                    }
                    Noise::Random(evs) => (Op::Events(evs.iter().map(|e| random_event(ds, *e)).collect()), None),
                    Noise::BadMembers(kind) => {
                        let mut m = extras()[0].clone();
                        match kind {
                            0 => {} // duplicate of Y0
                            1 => { m.id = "Y9".into(); m.id_number = "11010519491231002X".parse().ok(); } // born 1949, record says 1970
                            _ => m.id = "13812345678".into(), // a phone as id
                        }
                        let fresh = MemberRecord::new("Y8", "新人", Gender::Male, NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()).unwrap();
                        (Op::Members(vec![fresh, m]), Some(false))
                    }
                    Noise::BadImport(kind) => {
                        let fresh = MemberRecord::new("Y7", "新人", Gender::Male, NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()).unwrap();
                        let bad = if *kind == 0 {
                            poison(ds, 0)
                        } else {
                            EventRecord::new("Y7", NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), EventType::Converted)
                        };
                        (Op::Import(vec![fresh], vec![bad]), Some(false))
                    }
                };
                ops.push(op);
            }
            ops.push((Op::Events(chunk.clone()), Some(true)));
        }

        let mut reg = Registry::with_rules(ds.orgs.clone(), ds.rules).unwrap();
        let mut succeeded = Vec::new();
        for (op, expect) in &ops {
            let ok = run(&mut reg, op);
            if let Some(e) = expect {
                prop_assert_eq!(ok, *e, "{:?}", op);
            }
            if ok {
                succeeded.push(op.clone());
            }
        }
        let mut only_valid = Registry::with_rules(ds.orgs.clone(), ds.rules).unwrap();
        for op in &succeeded {
            prop_assert!(run(&mut only_valid, op));
        }
        prop_assert!(reg == only_valid, "final state differs from applying only the valid batches");
        let whole = ds.to_registry().unwrap();
        for m in &ds.members {
            prop_assert_eq!(reg.history(&m.id).unwrap(), whole.history(&m.id).unwrap());
        }
        let d = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let community_only: u64 = ds
            .members
            .iter()
            .filter(|m| reg.state(&m.id, d).unwrap().is_member())
            .count() as u64;
        prop_assert_eq!(community_only, whole.headcount_on(d));
    }
}
