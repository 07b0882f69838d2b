//! Properties of the post module: capacity, membership, all-or-nothing batches, matching
//! (constraints and optimality against brute force), batch plans, feedback totals.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use dangjian::fixed::Fixed;
use dangjian::member::{Category, EventRecord, EventType, Gender, MemberRecord, MembershipStatus};
use dangjian::org::{OrgKind, OrgRecord};
use dangjian::post::{
    default_kinds, plan_batches, solve, BatchCandidate, BatchDay, BatchProblem, Candidate,
    ClaimRecord, Commitment, MatchProblem, MatchWeights, PostBatch, PostBook, PostRecord,
    PostRules, Release, SeatNeed, ServiceMapping, ServiceRecord,
};
use dangjian::Registry;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

const HORIZON: u64 = 150;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

const UNITS: [&str; 3] = ["县医院", "县一中", "供电公司"];

/// One person's history: first arrival, optional departure, optional return; home unit and an
/// optional change of unit (or retirement) during the first stay.
#[derive(Debug, Clone)]
struct Person {
    arrive: u64,
    leave: Option<u64>,
    back: Option<u64>,
    unit: Option<usize>,
    change: Option<(u64, Option<usize>)>,
}

fn person() -> impl Strategy<Value = Person> {
    (
        0u64..40,
        proptest::option::of(1u64..60),
        proptest::option::of(1u64..30),
        proptest::option::of(0usize..3),
        proptest::option::of((0u64..60, proptest::option::of(0usize..3))),
    )
        .prop_map(|(arrive, stay, gap, unit, change)| {
            let leave = stay.map(|s| arrive + s);
            let back = match (leave, gap) {
                (Some(l), Some(g)) => Some(l + g),
                _ => None,
            };
            let change = change.and_then(|(off, u)| {
                let at = arrive + 1 + off;
                let ok = leave.is_none_or(|l| at < l) && u != unit;
                ok.then_some((at, u))
            });
            Person {
                arrive,
                leave,
                back,
                unit,
                change,
            }
        })
}

fn world(people: &[Person]) -> Registry {
    let f = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let orgs = vec![
        OrgRecord::new("Z", "总支", OrgKind::GeneralBranch, None, f),
        OrgRecord::new("B1", "一支部", OrgKind::Branch, Some("Z"), f),
    ];
    let mut members = Vec::new();
    let mut events = Vec::new();
    let born = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let adm = NaiveDate::from_ymd_opt(1995, 1, 1);
    let conv = NaiveDate::from_ymd_opt(1996, 1, 1);
    for (i, p) in people.iter().enumerate() {
        let id = format!("M{i}");
        let mut m = MemberRecord::new(&id, "张三", Gender::Male, born).unwrap();
        if let Some(u) = p.unit {
            m.category = Category::InService;
            m.home_unit = Some(UNITS[u].into());
        }
        members.push(m);
        let arrive = |d| {
            EventRecord::new(&id, day(d), EventType::TransferredIn)
                .branch("B1")
                .arriving(MembershipStatus::Full, adm, conv)
        };
        events.push(arrive(p.arrive));
        if let Some((at, u)) = p.change {
            let cat = if u.is_some() {
                Category::InService
            } else {
                Category::Retired
            };
            events.push(
                EventRecord::new(&id, day(at), EventType::CategoryChanged)
                    .category(cat, u.map(|u| UNITS[u])),
            );
        }
        if let Some(l) = p.leave {
            events.push(EventRecord::new(&id, day(l), EventType::TransferredOut));
        }
        if let Some(b) = p.back {
            events.push(arrive(b));
        }
    }
    Registry::build(orgs, members, events, Default::default()).expect("valid world")
}

fn base_book(reg: &Registry, caps: &[u32], max_posts: u32) -> PostBook {
    let kinds = default_kinds();
    let mut book = PostBook::new(
        kinds.clone(),
        PostRules {
            max_posts_per_member: max_posts,
        },
    );
    let posts = caps
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            PostRecord::from_kind(&format!("P{i}"), &kinds[i % kinds.len()], "Z", c, day(0))
        })
        .collect();
    book.apply(
        reg,
        PostBatch {
            posts,
            ..Default::default()
        },
    )
    .unwrap();
    book
}

/// A batch in terms of indices: claims (member, post, start, length), releases (claim number,
/// day), service (member, post, day, half-hours, verified).
#[derive(Debug, Clone)]
struct Ops {
    claims: Vec<(usize, usize, u64, Option<u64>)>,
    releases: Vec<(usize, u64)>,
    service: Vec<(usize, usize, u64, i64, bool)>,
    /// Service on an existing claim's member and post: (claim number, days after its start, …).
    on_claims: Vec<(usize, u64, i64, bool)>,
}

fn ops(n_people: usize, n_posts: usize) -> impl Strategy<Value = Ops> {
    (
        proptest::collection::vec(
            (
                0..n_people,
                0..n_posts,
                0u64..100,
                proptest::option::of(1u64..60),
            ),
            0..5,
        ),
        proptest::collection::vec((0usize..12, 0u64..120), 0..2),
        proptest::collection::vec(
            (
                0..n_people,
                0..n_posts,
                0u64..HORIZON,
                1i64..16,
                any::<bool>(),
            ),
            0..6,
        ),
        proptest::collection::vec((0usize..12, 0u64..60, 1i64..16, any::<bool>()), 0..12),
    )
        .prop_map(|(claims, releases, service, on_claims)| Ops {
            claims,
            releases,
            service,
            on_claims,
        })
}

fn to_batch(o: &Ops, book: &PostBook, serial: &mut usize) -> PostBatch {
    let mut b = PostBatch::default();
    for &(m, p, s, len) in &o.claims {
        *serial += 1;
        let mut c = ClaimRecord::new(
            &format!("C{serial}"),
            &format!("M{m}"),
            &format!("P{p}"),
            day(s),
            Commitment::new("服务", Fixed::from_int(2)),
        );
        c.end = len.map(|l| day(s + l));
        b.claims.push(c);
    }
    for &(k, d) in &o.releases {
        if let Some(c) = book.claims().get(k) {
            b.releases.push(Release {
                claim: c.id.clone(),
                date: day(d),
            });
        }
    }
    let on_claims = o.on_claims.iter().filter_map(|&(k, off, half, v)| {
        let c = book.claims().get(k)?;
        let m: usize = c.member.trim_start_matches('M').parse().ok()?;
        let p: usize = c.post.trim_start_matches('P').parse().ok()?;
        let d = (c.start - day(0)).num_days() as u64 + off;
        Some((m, p, d, half, v))
    });
    for (m, p, d, half, v) in o.service.iter().copied().chain(on_claims) {
        *serial += 1;
        let mut s = ServiceRecord::new(
            &format!("S{serial}"),
            &format!("M{m}"),
            &format!("P{p}"),
            day(d),
            // Whole hours mostly (so that commitments are often met exactly), some halves.
            if half % 5 == 0 {
                Fixed::from_raw(half * 100)
            } else {
                Fixed::from_int(half % 3 + 1)
            },
        );
        s.verified = v;
        b.service.push(s);
    }
    b
}

type Scenario = (Vec<Person>, Vec<u32>, u32, Vec<Ops>);

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        proptest::collection::vec(person(), 2..6),
        proptest::collection::vec(1u32..4, 1..4),
        1u32..3,
    )
        .prop_flat_map(|(people, caps, max_posts)| {
            let (n, p) = (people.len(), caps.len());
            (
                Just(people),
                Just(caps),
                Just(max_posts),
                proptest::collection::vec(ops(n, p), 1..5),
            )
        })
}

/// Builds the world and applies every batch; a rejected batch is then tried record by record,
/// so that the book fills up to its limits. Returns the registry, the book and how many
/// batches were accepted whole.
fn run(s: &Scenario) -> (Registry, PostBook, usize) {
    let (people, caps, max_posts, batches) = s;
    let reg = world(people);
    let mut book = base_book(&reg, caps, *max_posts);
    let mut serial = 0;
    let mut accepted = 0;
    for o in batches {
        let b = to_batch(o, &book, &mut serial);
        if book.apply(&reg, b.clone()).is_ok() {
            accepted += 1;
            continue;
        }
        for r in b.releases {
            let _ = book.apply(
                &reg,
                PostBatch {
                    releases: vec![r],
                    ..Default::default()
                },
            );
        }
        for c in b.claims {
            let _ = book.apply(
                &reg,
                PostBatch {
                    claims: vec![c],
                    ..Default::default()
                },
            );
        }
        for sv in b.service {
            let _ = book.apply(
                &reg,
                PostBatch {
                    service: vec![sv],
                    ..Default::default()
                },
            );
        }
    }
    (reg, book, accepted)
}

proptest! {
    #![proptest_config(config())]

    /// On every date, no post holds more claims than seats; no member holds more posts than the
    /// rules allow, nor the same post twice.
    #[test]
    fn capacity_holds_on_every_date(s in scenario()) {
        let (_, book, _) = run(&s);
        let limit = book.rules().max_posts_per_member as usize;
        for n in 0..=HORIZON + 60 {
            let d = day(n);
            for p in book.posts() {
                let held = book.claims().iter().filter(|c| c.post == p.id && c.holds_on(d)).count();
                prop_assert!(held <= p.capacity as usize, "post {} holds {} > {} on {}", p.id, held, p.capacity, d);
            }
            let mut per_member: HashMap<&str, Vec<&str>> = HashMap::new();
            for c in book.claims().iter().filter(|c| c.holds_on(d)) {
                per_member.entry(c.member.as_str()).or_default().push(c.post.as_str());
            }
            for (m, posts) in per_member {
                prop_assert!(posts.len() <= limit, "{} holds {} posts on {}", m, posts.len(), d);
                let distinct: BTreeSet<&str> = posts.iter().copied().collect();
                prop_assert_eq!(distinct.len(), posts.len());
            }
        }
    }

    /// No claim is held, and no service recorded, on a day its member is not a party member;
    /// an open-ended claim belongs to a member whose membership runs on.
    #[test]
    fn no_member_holds_a_post_while_not_a_member(s in scenario()) {
        let (reg, book, _) = run(&s);
        for c in book.claims() {
            let idx = reg.member_index(&c.member).unwrap();
            let mut d = c.start;
            while c.holds_on(d) && d <= day(HORIZON + 60) {
                prop_assert!(reg.is_member_on(idx, d), "claim {} held on {} by a non-member", c.id, d);
                d = d.succ_opt().unwrap();
            }
            if c.end.is_none() {
                prop_assert!(reg.spells_of(idx).last().is_some_and(|sp| sp.to == NaiveDate::MAX));
            }
        }
        for sv in book.service() {
            let idx = reg.member_index(&sv.member).unwrap();
            prop_assert!(reg.is_member_on(idx, sv.date));
        }
        prop_assert!(book.check(&reg).is_ok());
        prop_assert!(book.releases_due(&reg).is_empty());
    }

    /// A rejected batch leaves the book exactly as it was; an accepted one adds all its records.
    #[test]
    fn batches_apply_all_or_nothing(s in scenario()) {
        let (people, caps, max_posts, batches) = &s;
        let reg = world(people);
        let mut book = base_book(&reg, caps, *max_posts);
        let mut serial = 0;
        for o in batches {
            let b = to_batch(o, &book, &mut serial);
            let before = book.clone();
            match book.apply(&reg, b.clone()) {
                Err(e) => {
                    prop_assert_eq!(&book, &before, "rejected batch changed the book: {}", e);
                    prop_assert!(dangjian::post::PostError::CODES.contains(&e.code()));
                }
                Ok(sum) => {
                    prop_assert_eq!(book.claims().len(), before.claims().len() + b.claims.len());
                    prop_assert_eq!(book.service().len(), before.service().len() + b.service.len());
                    prop_assert_eq!(sum.releases, b.releases.len());
                    for r in &b.releases {
                        prop_assert_eq!(book.claim(&r.claim).unwrap().end, Some(r.date));
                    }
                }
            }
        }
    }

    /// Interleaved valid and invalid batches (as [`run`] makes them: whole batches, then the
    /// records of a refused batch one by one) end in the book obtained by applying, to a fresh
    /// book, only the batches that were accepted, in order (issue 9: all or nothing).
    #[test]
    fn interleaved_valid_and_invalid_batches_equal_valid_only(s in scenario()) {
        let (people, caps, max_posts, batches) = &s;
        let reg = world(people);
        let mut book = base_book(&reg, caps, *max_posts);
        let fresh = book.clone();
        let mut serial = 0;
        let mut accepted: Vec<PostBatch> = Vec::new();
        let mut refused = 0;
        let mut attempt = |book: &mut PostBook, b: PostBatch| {
            if book.apply(&reg, b.clone()).is_ok() {
                accepted.push(b);
                true
            } else {
                false
            }
        };
        for o in batches {
            let b = to_batch(o, &book, &mut serial);
            if attempt(&mut book, b.clone()) {
                continue;
            }
            refused += 1;
            for r in b.releases {
                attempt(&mut book, PostBatch { releases: vec![r], ..Default::default() });
            }
            for c in b.claims {
                attempt(&mut book, PostBatch { claims: vec![c], ..Default::default() });
            }
            for sv in b.service {
                attempt(&mut book, PostBatch { service: vec![sv], ..Default::default() });
            }
        }
        let mut replay = fresh;
        for b in accepted {
            prop_assert!(replay.apply(&reg, b).is_ok(), "an accepted batch fails on replay");
        }
        prop_assert_eq!(&replay, &book, "{} refused batches left a trace", refused);
    }

    /// Feedback per home unit: each member's hours are the sum of their service records in the
    /// period; unit totals are the sums of their rows; members are listed exactly as defined;
    /// commitment months follow the definition (checked day by day).
    #[test]
    fn feedback_totals_equal_sum_of_service_records(s in scenario(), a in 0u64..80, len in 0u64..90) {
        let (reg, book, _) = run(&s);
        let (from, to) = (day(a), day(a + len));
        let mut scores = HashMap::new();
        scores.insert("M0".into(), Fixed::from_int(7));
        let r = book.feedback(&reg, from, to, &scores);
        let t = &r.table;
        // Listing, day by day.
        let mut expected: Vec<(String, String)> = Vec::new();
        for (i, m) in reg.members().iter().enumerate() {
            let mut last = None;
            let mut d = from;
            while d <= to {
                if reg.is_member_on(i as u32, d) { last = Some(d); }
                d = d.succ_opt().unwrap();
            }
            if let Some(l) = last {
                if let Some(u) = reg.state_of(i as u32, l).home_unit {
                    expected.push((u.to_string(), m.id.to_string()));
                }
            }
        }
        expected.sort();
        let got: Vec<(String, String)> = t.unit.iter().zip(&t.member).map(|(u, m)| (u.to_string(), m.to_string())).collect();
        prop_assert_eq!(&got, &expected);
        // Row hours = sum of service records.
        let in_period: Vec<&ServiceRecord> = book.service().iter().filter(|s| s.date >= from && s.date <= to).collect();
        for i in 0..t.len() {
            let m = &t.member[i];
            let h: Fixed = in_period.iter().filter(|s| s.member == *m).map(|s| s.hours).sum();
            let v: Fixed = in_period.iter().filter(|s| s.member == *m && s.verified).map(|s| s.hours).sum();
            prop_assert_eq!(t.hours[i], h);
            prop_assert_eq!(t.verified_hours[i], v);
            prop_assert_eq!(t.score[i], if m == "M0" { Some(Fixed::from_int(7)) } else { None });
            // Commitment months, by brute force over days.
            let (mut kept, mut due) = (0u32, 0u32);
            for c in book.claims().iter().filter(|c| c.member == *m) {
                let mut d = from;
                while d <= to {
                    if d.day() == 1 {
                        let next = d.checked_add_months(chrono::Months::new(1)).unwrap();
                        let mut all = true;
                        let mut x = d;
                        while x < next { all &= x <= to && c.holds_on(x); x = x.succ_opt().unwrap(); }
                        if all {
                            due += 1;
                            let hv: Fixed = book.service().iter()
                                .filter(|s| s.verified && s.member == c.member && s.post == c.post && s.date >= d && s.date < next)
                                .map(|s| s.hours).sum();
                            if hv >= c.commitment.hours_per_month { kept += 1; }
                        }
                    }
                    d = d.succ_opt().unwrap();
                }
            }
            prop_assert_eq!((t.commitments_kept[i], t.commitments_due[i]), (kept, due));
        }
        // Unit totals = sums of rows; all together = the records of listed members.
        for u in &r.units {
            let rows: Vec<usize> = (0..t.len()).filter(|&i| t.unit[i] == u.unit).collect();
            prop_assert_eq!(u.members as usize, rows.len());
            prop_assert_eq!(u.hours, rows.iter().map(|&i| t.hours[i]).sum::<Fixed>());
            prop_assert_eq!(u.verified_hours, rows.iter().map(|&i| t.verified_hours[i]).sum::<Fixed>());
            prop_assert_eq!(u.claims, rows.iter().map(|&i| t.claims[i]).sum::<u32>());
            prop_assert_eq!(u.commitments_kept, rows.iter().map(|&i| t.commitments_kept[i]).sum::<u32>());
            prop_assert_eq!(u.commitments_due, rows.iter().map(|&i| t.commitments_due[i]).sum::<u32>());
        }
        let listed: BTreeSet<&str> = t.member.iter().map(|m| m.as_str()).collect();
        let total_units: Fixed = r.units.iter().map(|u| u.hours).sum();
        let total_records: Fixed = in_period.iter().filter(|s| listed.contains(s.member.as_str())).map(|s| s.hours).sum();
        prop_assert_eq!(total_units, total_records);
    }

    /// The activities fed to scoring: unique ids; service-hour quantities sum to the verified
    /// hours; one fulfilled-post activity per kept commitment month.
    #[test]
    fn service_mapping_is_faithful(s in scenario(), a in 0u64..80, len in 0u64..90) {
        let (_, book, _) = run(&s);
        let (from, to) = (day(a), day(a + len));
        let mapping = ServiceMapping {
            broken_commitment_item: Some("commitment_broken".into()),
            ..ServiceMapping::default()
        };
        let acts = book.activities(&mapping, from, to);
        let ids: BTreeSet<&str> = acts.iter().map(|x| x.id.as_str()).collect();
        prop_assert_eq!(ids.len(), acts.len());
        let hours: Fixed = acts.iter().filter(|x| x.item == "service_hour").map(|x| x.quantity).sum();
        let verified: Fixed = book.service().iter().filter(|s| s.verified && s.date >= from && s.date <= to).map(|s| s.hours).sum();
        prop_assert_eq!(hours, verified);
        let ct = book.commitments(from, to);
        let kept = ct.kept.iter().filter(|k| **k).count();
        prop_assert_eq!(acts.iter().filter(|x| x.item == "post_fulfilled").count(), kept);
        prop_assert_eq!(acts.iter().filter(|x| x.item == "commitment_broken").count(), ct.len() - kept);
    }
}

// ---------------------------------------------------------------- matching

const TAGS: [&str; 3] = ["调解", "宣传", "双语"];

fn tags(mask: u8) -> Vec<dangjian::post::Skill> {
    (0..3)
        .filter(|b| mask & (1 << b) != 0)
        .map(|b| TAGS[b].into())
        .collect()
}

fn small_problem(max_seats: u32) -> impl Strategy<Value = MatchProblem> {
    (
        proptest::collection::vec((0u32..3, 0u8..8, 0u8..8), 1..4),
        proptest::collection::vec((0u8..8, 0u32..3, 0u32..4, 0u8..8), 0..6),
        0u32..4,
        0u32..4,
    )
        .prop_map(move |(seats, cands, wl, wm)| {
            let mut left = max_seats;
            let seats: Vec<SeatNeed> = seats
                .into_iter()
                .enumerate()
                .map(|(i, (n, req, pref))| {
                    let n = n.min(left);
                    left -= n;
                    SeatNeed {
                        post: format!("P{i}").into(),
                        seats: n,
                        required: tags(req & 0b011),
                        preferred: tags(pref),
                    }
                })
                .collect();
            let n_posts = seats.len();
            let candidates = cands
                .into_iter()
                .enumerate()
                .map(|(i, (sk, load, extra, holds))| Candidate {
                    member: format!("M{i}").into(),
                    skills: tags(sk),
                    load,
                    limit: load + extra,
                    holds: (0..n_posts)
                        .filter(|p| holds & (1 << p) != 0)
                        .map(|p| format!("P{p}").into())
                        .collect(),
                })
                .collect();
            MatchProblem {
                seats,
                candidates,
                weights: MatchWeights {
                    load: wl,
                    missing_preferred: wm,
                },
            }
        })
}

fn has_all(skills: &[dangjian::post::Skill], need: &[dangjian::post::Skill]) -> bool {
    need.iter().all(|t| skills.contains(t))
}

/// Best (filled, cost) by trying every assignment of every seat to a candidate or to nobody.
fn brute_force(p: &MatchProblem) -> (u64, i64) {
    let units: Vec<usize> = p
        .seats
        .iter()
        .enumerate()
        .flat_map(|(i, s)| std::iter::repeat_n(i, s.seats as usize))
        .collect();
    let m = p.candidates.len();
    let mut best: (u64, i64) = (0, 0);
    let total = (m + 1).pow(units.len() as u32);
    'outer: for code in 0..total {
        let mut x = code;
        let mut got: Vec<Vec<usize>> = vec![Vec::new(); m];
        let mut filled = 0u64;
        let mut cost = 0i64;
        for &post in &units {
            let who = x % (m + 1);
            x /= m + 1;
            if who == m {
                continue;
            }
            let c = &p.candidates[who];
            let s = &p.seats[post];
            if !has_all(&c.skills, &s.required)
                || c.holds.contains(&s.post)
                || got[who].contains(&post)
            {
                continue 'outer;
            }
            got[who].push(post);
            filled += 1;
            let miss = s.preferred.iter().filter(|t| !c.skills.contains(t)).count() as i64;
            cost += i64::from(p.weights.missing_preferred) * miss;
        }
        for (who, g) in got.iter().enumerate() {
            let c = &p.candidates[who];
            if g.len() as u32 > c.limit.saturating_sub(c.load) {
                continue 'outer;
            }
            for k in 1..=g.len() as u32 {
                cost += i64::from(p.weights.load) * i64::from(c.load + k);
            }
        }
        if filled > best.0 || (filled == best.0 && cost < best.1) {
            best = (filled, cost);
        }
    }
    best
}

fn check_constraints(
    p: &MatchProblem,
    r: &dangjian::post::MatchResult,
) -> Result<(), TestCaseError> {
    let mut per_post: HashMap<&str, u32> = HashMap::new();
    let mut per_member: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut cost = 0i64;
    for a in &r.assignments {
        let s = p.seats.iter().find(|s| s.post == a.post).unwrap();
        let c = p.candidates.iter().find(|c| c.member == a.member).unwrap();
        prop_assert!(
            has_all(&c.skills, &s.required),
            "{} lacks a required skill of {}",
            a.member,
            a.post
        );
        prop_assert!(!c.holds.contains(&s.post));
        *per_post.entry(a.post.as_str()).or_default() += 1;
        per_member
            .entry(a.member.as_str())
            .or_default()
            .push(a.post.as_str());
        prop_assert_eq!(a.load_after, a.load_before + 1);
        cost += a.cost;
    }
    for s in &p.seats {
        prop_assert!(
            per_post.get(s.post.as_str()).copied().unwrap_or(0) <= s.seats,
            "post {} over capacity",
            s.post
        );
    }
    for (m, posts) in &per_member {
        let c = p.candidates.iter().find(|c| c.member == *m).unwrap();
        prop_assert!(c.load + posts.len() as u32 <= c.limit, "{} over limit", m);
        let distinct: BTreeSet<&&str> = posts.iter().collect();
        prop_assert_eq!(distinct.len(), posts.len());
    }
    prop_assert_eq!(cost, r.cost);
    prop_assert_eq!(r.assignments.len() as u64, r.filled);
    let open: u32 = r.unfilled.iter().map(|u| u.seats).sum();
    prop_assert_eq!(u64::from(open), r.seats - r.filled);
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Matching never assigns a member without a required skill, never exceeds a post's seats
    /// or a member's limit, never gives a post to a member twice or to one who holds it.
    #[test]
    fn matching_respects_skills_capacity_and_limits(p in small_problem(8)) {
        let r = solve(&p).unwrap();
        check_constraints(&p, &r)?;
    }

    /// Matching is optimal: the most seats filled, then the least cost, as found by brute force
    /// on small cases (≤ 5 candidates, ≤ 4 seats).
    #[test]
    fn matching_is_optimal_against_brute_force(p in small_problem(4)) {
        let mut p = p;
        p.candidates.truncate(5);
        let r = solve(&p).unwrap();
        check_constraints(&p, &r)?;
        prop_assert_eq!((r.filled, r.cost), brute_force(&p));
    }

    /// The result does not depend on the order of seats and candidates.
    #[test]
    fn matching_is_deterministic(p in small_problem(8), rot in 0usize..6) {
        let r1 = solve(&p).unwrap();
        let mut q = p.clone();
        q.seats.reverse();
        if !q.candidates.is_empty() {
            let k = rot % q.candidates.len();
            q.candidates.rotate_left(k);
        }
        prop_assert_eq!(r1, solve(&q).unwrap());
    }
}

// ---------------------------------------------------------------- batches

fn small_batch() -> impl Strategy<Value = BatchProblem> {
    (
        proptest::collection::vec(
            proptest::collection::vec((0u32..3, 0u8..4, 0u8..8), 1..4),
            1..3,
        ),
        proptest::collection::vec((0u8..8, 0u8..4), 0..4),
        prop_oneof![1 => Just(0u32), 4 => 1u32..3],
        0u32..3,
        0u32..3,
    )
        .prop_map(|(days, cands, max_dates, wl, wm)| {
            let mut left = 4u32;
            let days: Vec<BatchDay> = days
                .into_iter()
                .enumerate()
                .map(|(d, seats)| BatchDay {
                    date: day(d as u64 * 30),
                    seats: seats
                        .into_iter()
                        .enumerate()
                        .map(|(i, (n, req, pref))| {
                            let n = n.min(left);
                            left -= n;
                            SeatNeed {
                                post: format!("P{i}").into(),
                                seats: n,
                                required: tags(req & 0b011),
                                preferred: tags(pref),
                            }
                        })
                        .collect(),
                })
                .collect();
            let n_days = days.len();
            let candidates = cands
                .into_iter()
                .enumerate()
                .map(|(i, (sk, off))| BatchCandidate {
                    member: format!("M{i}").into(),
                    skills: tags(sk),
                    unavailable: (0..n_days)
                        .filter(|d| off & (1 << d) != 0)
                        .map(|d| day(d as u64 * 30))
                        .collect(),
                })
                .collect();
            BatchProblem {
                days,
                candidates,
                max_dates,
                weights: MatchWeights {
                    load: wl,
                    missing_preferred: wm,
                },
            }
        })
}

fn brute_force_batch(p: &BatchProblem) -> (u64, i64) {
    let units: Vec<(usize, usize)> = p
        .days
        .iter()
        .enumerate()
        .flat_map(|(d, day)| {
            day.seats
                .iter()
                .enumerate()
                .flat_map(move |(i, s)| std::iter::repeat_n((d, i), s.seats as usize))
        })
        .collect();
    let m = p.candidates.len();
    let mut best = (0u64, 0i64);
    'outer: for code in 0..(m + 1).pow(units.len() as u32) {
        let mut x = code;
        let mut days_of: Vec<Vec<usize>> = vec![Vec::new(); m];
        let (mut filled, mut cost) = (0u64, 0i64);
        for &(d, i) in &units {
            let who = x % (m + 1);
            x /= m + 1;
            if who == m {
                continue;
            }
            let c = &p.candidates[who];
            let s = &p.days[d].seats[i];
            if !has_all(&c.skills, &s.required)
                || c.unavailable.contains(&p.days[d].date)
                || days_of[who].contains(&d)
            {
                continue 'outer;
            }
            days_of[who].push(d);
            filled += 1;
            cost += i64::from(p.weights.missing_preferred)
                * s.preferred.iter().filter(|t| !c.skills.contains(t)).count() as i64;
        }
        for ds in &days_of {
            if ds.len() as u32 > p.max_dates {
                continue 'outer;
            }
            for j in 1..=ds.len() as i64 {
                cost += i64::from(p.weights.load) * j;
            }
        }
        if filled > best.0 || (filled == best.0 && cost < best.1) {
            best = (filled, cost);
        }
    }
    best
}

proptest! {
    #![proptest_config(config())]

    /// Batch plans cover each seat at most once, a member at most once a day, only when
    /// available and skilled, at most `max_dates` days; they are optimal against brute force and
    /// report every uncovered seat.
    #[test]
    fn batch_plans_are_feasible_and_optimal(p in small_batch()) {
        let plan = plan_batches(&p).unwrap();
        let t = &plan.table;
        let mut per_member_day: BTreeSet<(String, NaiveDate)> = BTreeSet::new();
        for i in 0..t.member.len() {
            let c = p.candidates.iter().find(|c| c.member == t.member[i]).unwrap();
            let d = p.days.iter().find(|d| d.date == t.date[i]).unwrap();
            let s = d.seats.iter().find(|s| s.post == t.post[i]).unwrap();
            prop_assert!(has_all(&c.skills, &s.required));
            prop_assert!(!c.unavailable.contains(&d.date));
            prop_assert!(per_member_day.insert((c.member.to_string(), d.date)), "twice the same day");
        }
        for n in plan.dates_served().values() {
            prop_assert!(*n <= p.max_dates);
        }
        let open: u32 = plan.uncovered.iter().map(|u| u.seats).sum();
        prop_assert_eq!(u64::from(open), plan.seats - plan.covered);
        prop_assert_eq!((plan.covered, plan.cost), brute_force_batch(&p));
    }
}

#[test]
fn sample_community_posts_validate() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let book = PostBook::from_dataset(&ds, &reg).unwrap();
    assert!(book.check(&reg).is_ok());
    // The dataset round-trips through JSON with its new sections.
    let back = dangjian::io::Dataset::from_json(&ds.to_json().unwrap()).unwrap();
    assert_eq!(back.claims, ds.claims);
    assert_eq!(back.service.len(), ds.service.len());
    let schema = dangjian::io::Dataset::json_schema().to_string();
    assert!(schema.contains("hours_per_month"));
}

/// Every `PostError` code is provoked by some input (and only documented codes exist).
#[test]
fn every_error_code_is_provoked() {
    let reg = Registry::sample_small();
    let kinds = default_kinds();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let book = || {
        let mut b = PostBook::new(kinds.clone(), PostRules::default());
        let mut one = PostRecord::from_kind("P1", &kinds[0], "Z", 1, d("2023-01-01"));
        one.capacity = 1;
        b.apply(
            &reg,
            PostBatch {
                posts: vec![
                    one,
                    PostRecord::from_kind("P2", &kinds[1], "Z", 5, d("2023-01-01")),
                    PostRecord::from_kind("P3", &kinds[2], "Z", 5, d("2023-01-01")),
                ],
                claims: vec![ClaimRecord::new(
                    "C1",
                    "M1",
                    "P1",
                    d("2023-01-01"),
                    Commitment::new("g", Fixed::ONE),
                )],
                service: vec![ServiceRecord::new(
                    "S1",
                    "M1",
                    "P1",
                    d("2023-02-01"),
                    Fixed::ONE,
                )],
                ..Default::default()
            },
        )
        .unwrap();
        b
    };
    let claim = |id: &str, m: &str, p: &str, s: &str| {
        ClaimRecord::new(id, m, p, d(s), Commitment::new("g", Fixed::ONE))
    };
    let post = |id: &str, kind: usize, org: &str, opened: &str| {
        PostRecord::from_kind(id, &kinds[kind], org, 1, d(opened))
    };
    let mut codes: BTreeSet<&str> = BTreeSet::new();
    let mut try_batch = |b: PostBatch| {
        let e = book().apply(&reg, b).unwrap_err();
        codes.insert(e.code());
    };
    let mut bad_cap = post("P9", 0, "Z", "2023-01-01");
    bad_cap.capacity = 0;
    try_batch(PostBatch {
        posts: vec![bad_cap],
        ..Default::default()
    });
    try_batch(PostBatch {
        posts: vec![post("P1", 0, "Z", "2023-01-01")],
        ..Default::default()
    });
    let mut unknown_kind = post("P9", 0, "Z", "2023-01-01");
    unknown_kind.kind = "nope".into();
    try_batch(PostBatch {
        posts: vec![unknown_kind],
        ..Default::default()
    });
    try_batch(PostBatch {
        posts: vec![post("P9", 0, "NOPE", "2023-01-01")],
        ..Default::default()
    });
    try_batch(PostBatch {
        posts: vec![post("P9", 0, "Z", "2019-01-01")],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![claim("C9", "M3", "P9", "2023-01-01")],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![claim("C9", "MX", "P2", "2023-01-01")],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![claim("C9", "M2", "P2", "2023-01-01")],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![claim("C9", "M3", "P2", "2022-01-01")],
        ..Default::default()
    });
    let mut reversed = claim("C9", "M3", "P2", "2023-05-01");
    reversed.end = Some(d("2023-04-01"));
    try_batch(PostBatch {
        claims: vec![reversed],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![claim("C9", "M3", "P1", "2023-05-01")],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![
            claim("C8", "M1", "P2", "2023-05-01"),
            claim("C9", "M1", "P3", "2023-05-01"),
        ],
        ..Default::default()
    });
    try_batch(PostBatch {
        claims: vec![
            claim("C8", "M3", "P2", "2023-05-01"),
            claim("C9", "M3", "P2", "2023-06-01"),
        ],
        ..Default::default()
    });
    try_batch(PostBatch {
        releases: vec![Release {
            claim: "C9".into(),
            date: d("2024-01-01"),
        }],
        ..Default::default()
    });
    try_batch(PostBatch {
        verify: vec!["S1".into(), "S1".into()],
        ..Default::default()
    });
    let e = plan_batches(&BatchProblem {
        days: (0..400)
            .map(|k| BatchDay {
                date: day(k),
                seats: vec![],
            })
            .collect(),
        ..Default::default()
    })
    .unwrap_err();
    codes.insert(e.code());
    let all: BTreeSet<&str> = dangjian::post::PostError::CODES.into_iter().collect();
    assert_eq!(codes, all);
}
