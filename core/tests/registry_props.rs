//! Property tests of the registry's invariants (issue: core foundation).
//! `PROPTEST_CASES` sets the number of cases (CI: 1000).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use chrono::{Days, NaiveDate};
use dangjian::io::Dataset;
use dangjian::member::{EventRecord, EventType, Gender, MemberRecord, MembershipStatus, Stage};
use dangjian::org::{OrgKind, OrgRecord};
use dangjian::synth::{generate, SynthConfig};
use dangjian::Registry;
use proptest::prelude::*;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

fn orgs() -> Vec<OrgRecord> {
    let f = day(0);
    let mut v = vec![
        OrgRecord::new("Z", "总支", OrgKind::GeneralBranch, None, f),
        OrgRecord::new("B1", "一支部", OrgKind::Branch, Some("Z"), f),
        OrgRecord::new("G1", "一小组", OrgKind::Group, Some("B1"), f),
        OrgRecord::new("B2", "二支部", OrgKind::Branch, Some("Z"), f),
        OrgRecord::new("B3", "三支部", OrgKind::Branch, Some("Z"), day(400)),
    ];
    v[4].dissolved = Some(day(1500));
    v
}

const N_MEMBERS: usize = 6;

fn members() -> Vec<MemberRecord> {
    (0..N_MEMBERS)
        .map(|i| {
            MemberRecord::new(
                &format!("M{i}"),
                "测试",
                Gender::Male,
                NaiveDate::from_ymd_opt(1980 + i as i32 * 3, 6, 1).unwrap(),
            )
            .unwrap()
        })
        .collect()
}

fn empty_registry() -> Registry {
    let mut r = Registry::new(orgs()).unwrap();
    r.add_members(members()).unwrap();
    r
}

const TYPES: [EventType; 21] = [
    EventType::Talked,
    EventType::Applied,
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

/// A random, often invalid, event.
fn any_event() -> impl Strategy<Value = EventRecord> {
    (
        0..N_MEMBERS,
        0u64..2200,
        0..TYPES.len(),
        0usize..4,
        0u8..16,
        any::<bool>(),
    )
        .prop_map(|(m, d, t, b, months, full)| {
            let kind = TYPES[t];
            let branch = ["B1", "B2", "B3", "G1"][b];
            let mut e = EventRecord::new(&format!("M{m}"), day(d), kind);
            match kind {
                EventType::Applied | EventType::Moved => e = e.branch(branch),
                EventType::Admitted if b == 0 => e = e.branch(branch),
                EventType::TransferredIn => {
                    let adm = NaiveDate::from_ymd_opt(2005, 3, 1);
                    e = e.branch(branch).arriving(
                        if full {
                            MembershipStatus::Full
                        } else {
                            MembershipStatus::Probationary
                        },
                        adm,
                        if full {
                            NaiveDate::from_ymd_opt(2006, 3, 1)
                        } else {
                            None
                        },
                    )
                }
                EventType::ProbationExtended => e = e.months(months),
                EventType::GroupAssigned => e = e.group("G1"),
                EventType::CategoryChanged => {
                    e = e.category(
                        if full {
                            dangjian::member::Category::Retired
                        } else {
                            dangjian::member::Category::InService
                        },
                        None,
                    )
                }
                _ => {}
            }
            e
        })
}

/// Applies events one at a time, keeping the accepted ones (a valid random history).
fn valid_history(events: Vec<EventRecord>) -> (Registry, Vec<EventRecord>) {
    let mut events = events;
    events.sort_by_key(|e| e.date); // mostly forward in time, so more of them are accepted
    let mut reg = empty_registry();
    let mut accepted = Vec::new();
    for e in events {
        if reg.apply(vec![e.clone()]).is_ok() {
            accepted.push(e);
        }
    }
    (reg, accepted)
}

/// A plausible life for member `m`: a random walk over the lifecycle that proposes mostly
/// valid events (the registry still decides), with gaps of 0..400 days.
fn scripted_life(m: usize, seed: u64) -> Vec<EventRecord> {
    let mut rng = dangjian::synth::Rng::new(seed);
    let id = format!("M{m}");
    let mut d = rng.below(300);
    let mut out = Vec::new();
    let branches = ["B1", "B2", "B3"];
    let mut member = false;
    if rng.chance(50) {
        let b = branches[rng.below(3) as usize];
        out.push(
            EventRecord::new(&id, day(d), EventType::TransferredIn)
                .branch(b)
                .arriving(
                    MembershipStatus::Full,
                    NaiveDate::from_ymd_opt(2005, 3, 1),
                    NaiveDate::from_ymd_opt(2006, 3, 1),
                ),
        );
        member = true;
    } else {
        out.push(
            EventRecord::new(&id, day(d), EventType::Applied)
                .branch(branches[rng.below(2) as usize]),
        );
        d += 20 + rng.below(40);
        out.push(EventRecord::new(&id, day(d), EventType::Activist));
        d += 365 + rng.below(60);
        out.push(EventRecord::new(&id, day(d), EventType::Candidate));
        d += rng.below(90);
        out.push(EventRecord::new(&id, day(d), EventType::Admitted));
        if rng.chance(20) {
            out.push(
                EventRecord::new(&id, day(d + 300), EventType::ProbationExtended)
                    .months(6 + rng.below(7) as u8),
            );
            d += 366 + 200;
        } else {
            d += 366;
        }
        if rng.chance(90) {
            out.push(EventRecord::new(&id, day(d), EventType::Converted));
            member = true;
        }
    }
    for _ in 0..rng.below(8) {
        d += rng.below(400);
        let kind = [
            EventType::Moved,
            EventType::GroupAssigned,
            EventType::FloatedOut,
            EventType::Returned,
            EventType::LostContact,
            EventType::Found,
            EventType::CategoryChanged,
        ][rng.below(7) as usize];
        let mut e = EventRecord::new(&id, day(d), kind);
        match kind {
            EventType::Moved => e = e.branch(branches[rng.below(3) as usize]),
            EventType::GroupAssigned => e = e.group("G1"),
            EventType::CategoryChanged => e = e.category(dangjian::member::Category::Retired, None),
            _ => {}
        }
        out.push(e);
    }
    if member && rng.chance(40) {
        d += rng.below(300);
        let kind = [
            EventType::TransferredOut,
            EventType::Died,
            EventType::Expelled,
            EventType::Removed,
            EventType::Withdrew,
        ][rng.below(5) as usize];
        out.push(EventRecord::new(&id, day(d), kind));
        if kind == EventType::TransferredOut && rng.chance(50) {
            out.push(
                EventRecord::new(&id, day(d + rng.below(300)), EventType::TransferredIn)
                    .branch("B2")
                    .arriving(MembershipStatus::Full, None, None),
            );
        }
    }
    out
}

fn histories() -> impl Strategy<Value = (Registry, Vec<EventRecord>)> {
    (any::<u64>(), prop::collection::vec(any_event(), 0..40)).prop_map(|(seed, noise)| {
        let mut events: Vec<EventRecord> = (0..N_MEMBERS)
            .flat_map(|m| scripted_life(m, seed.wrapping_add(m as u64 * 7919)))
            .collect();
        events.extend(noise);
        valid_history(events)
    })
}

proptest! {
    #[test]
    fn member_is_in_at_most_one_branch_on_any_date((reg, _) in histories(), d in 0u64..2300) {
        let date = day(d);
        for i in 0..reg.len() as u32 {
            let covering: Vec<_> = reg.spells_of(i).iter().filter(|s| s.covers(date)).collect();
            prop_assert!(covering.len() <= 1);
            let state = reg.state_of(i, date);
            match covering.first() {
                Some(s) => {
                    prop_assert!(state.is_member());
                    prop_assert_eq!(state.branch, Some(s.branch));
                    prop_assert_eq!(state.stage == Stage::Full, s.full);
                }
                None => prop_assert!(!state.is_member()),
            }
        }
    }

    #[test]
    fn counts_equal_admissions_plus_transfers_in_minus_exits((reg, _) in histories(), d in 0u64..2300) {
        let date = day(d);
        let f = reg.flows(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(), date);
        prop_assert_eq!(f.start, 0);
        let inflow = f.admitted + f.transferred_in;
        let outflow = f.transferred_out + f.died + f.other_exits;
        prop_assert_eq!(reg.headcount_on(date), inflow - outflow);
        prop_assert_eq!(reg.counts_on(date).total(), reg.headcount_on(date));
        // and over any sub-interval
        let mid = day(d / 2);
        let g = reg.flows(mid, date);
        prop_assert_eq!(g.end as i64, g.start as i64 + g.net());
    }

    #[test]
    fn moves_conserve_membership_counts((mut reg, _) in histories(), d in 0u64..2200, target in 0usize..3) {
        let date = day(d);
        let branch = ["B1", "B2", "B3"][target];
        let before = reg.counts_on(date);
        let mover = (0..reg.len() as u32).find(|&i| {
            let s = reg.state_of(i, date);
            s.is_member() && s.last_event.is_some_and(|l| l <= date)
                && reg.events_of(i).iter().all(|e| e.date <= date)
        });
        if let Some(i) = mover {
            let id = reg.member(i).unwrap().id.clone();
            let from = reg.state_of(i, date).branch.unwrap() as usize;
            if reg.apply(vec![EventRecord::new(&id, date, EventType::Moved).branch(branch)]).is_ok() {
                let after = reg.counts_on(date);
                prop_assert_eq!(before.total(), after.total());
                let to = reg.tree().index(branch).unwrap() as usize;
                prop_assert_eq!(after.members[from] + 1, before.members[from]);
                prop_assert_eq!(after.members[to], before.members[to] + 1);
            }
        }
    }

    #[test]
    fn equal_date_independent_events_replay_in_any_order((reg, accepted) in histories(), seed in any::<u64>()) {
        // Shuffle across members while keeping each member's own order: the same registry.
        let mut rng = dangjian::synth::Rng::new(seed);
        let mut queues: Vec<Vec<EventRecord>> = vec![Vec::new(); N_MEMBERS];
        for e in &accepted {
            let m: usize = e.member[1..].parse().unwrap();
            queues[m].push(e.clone());
        }
        for q in &mut queues { q.reverse(); }
        let mut shuffled = Vec::new();
        while queues.iter().any(|q| !q.is_empty()) {
            let nonempty: Vec<usize> = (0..N_MEMBERS).filter(|&m| !queues[m].is_empty()).collect();
            let m = nonempty[rng.below(nonempty.len() as u64) as usize];
            shuffled.push(queues[m].pop().unwrap());
        }
        let mut other = empty_registry();
        other.apply(shuffled).unwrap();
        prop_assert_eq!(&other, &reg);
        // and split into random batches
        let mut batched = empty_registry();
        let mut rest = accepted.clone();
        while !rest.is_empty() {
            let k = 1 + rng.below(rest.len() as u64) as usize;
            let tail = rest.split_off(k);
            batched.apply(rest).unwrap();
            rest = tail;
        }
        prop_assert_eq!(&batched, &reg);
    }

    #[test]
    fn nothing_follows_a_terminal_event_but_a_transfer_in((reg, _) in histories(), extra in any_event()) {
        let Some(i) = (0..reg.len() as u32).find(|&i| reg.events_of(i).last().is_some_and(|e| matches!(
            e.kind.event_type(),
            EventType::TransferredOut | EventType::Died | EventType::Expelled | EventType::Removed | EventType::Withdrew | EventType::ProbationCancelled
        ))) else { return Ok(()) };
        let last = reg.events_of(i).last().unwrap().clone();
        let mut e = extra.clone();
        e.member = reg.member(i).unwrap().id.clone();
        e.date = last.date.checked_add_days(Days::new(1 + e.date.day0() as u64)).unwrap();
        let mut probe = reg.clone();
        let ok = probe.apply(vec![e.clone()]).is_ok();
        if ok {
            prop_assert_eq!(e.kind, EventType::TransferredIn);
            prop_assert_ne!(last.kind.event_type(), EventType::Died);
        }
    }

    #[test]
    fn invalid_batch_changes_nothing((reg, _) in histories(), batch in prop::collection::vec(any_event(), 1..12)) {
        let mut probe = reg.clone();
        match probe.apply(batch.clone()) {
            Ok(_) => {
                // a valid batch equals applying its events one by one in date order
                let mut one_by_one = reg.clone();
                let mut sorted = batch.clone();
                sorted.sort_by_key(|e| e.date);
                for e in sorted { one_by_one.apply(vec![e]).unwrap(); }
                prop_assert_eq!(&one_by_one, &probe);
            }
            Err(err) => {
                prop_assert_eq!(&probe, &reg);
                let shown = err.to_string();
                prop_assert!(shown.contains("event #"), "{}", shown);
            }
        }
    }

    #[test]
    fn serialize_then_deserialize_gives_the_same_registry((reg, _) in histories()) {
        let ds = Dataset::from_registry(&reg, dangjian::io::CommunityInfo::default());
        let json = ds.to_json().unwrap();
        let back = Dataset::from_json(&json).unwrap();
        prop_assert_eq!(&back, &ds);
        let reg2 = back.into_registry().unwrap();
        prop_assert_eq!(&reg2, &reg);
    }

    #[test]
    fn synthetic_communities_are_valid_and_deterministic(n in 1usize..400, seed in any::<u64>()) {
        let a = generate(&SynthConfig::new(n, seed));
        prop_assert_eq!(&a, &generate(&SynthConfig::new(n, seed)));
        let reg = a.to_registry();
        prop_assert!(reg.is_ok(), "{:?}", reg.err());
    }
}

use chrono::Datelike;

#[test]
fn random_histories_are_rich_enough_to_test_something() {
    // Guard against a generator that makes the properties above vacuous.
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut events, mut members, mut terminal) = (0, 0, 0);
    for _ in 0..200 {
        let (reg, accepted) = histories().new_tree(&mut runner).unwrap().current();
        events += accepted.len();
        members += reg.headcount_on(day(1000));
        terminal += accepted
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventType::Died | EventType::TransferredOut | EventType::Expelled
                )
            })
            .count();
    }
    println!("events {events} members {members} terminal {terminal}");
    assert!(events > 200 * 4, "too few accepted events: {events}");
    assert!(members > 200, "too few members: {members}");
    assert!(terminal > 50, "too few exits: {terminal}");
}
