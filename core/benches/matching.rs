//! Matching benchmark: 10,000 members and 2,000 seats (issue 4: under a second).
//!
//! `cargo bench -p dangjian --bench matching`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dangjian::post::{solve, Candidate, MatchProblem, MatchWeights, SeatNeed, Skill};
use dangjian::synth::{Rng, SKILLS};

/// `posts` posts of `seats_each` seats; each requires one tag with probability 1/2 and prefers
/// up to two; `members` members with 0 to `max_skills` tags, load 0–2, limit load + 1 or 2.
fn problem(
    tags: &[String],
    members: usize,
    posts: usize,
    seats_each: u32,
    max_skills: i64,
    seed: u64,
) -> MatchProblem {
    let mut rng = Rng::new(seed);
    let pick =
        |rng: &mut Rng| -> Skill { tags[rng.below(tags.len() as u64) as usize].as_str().into() };
    let seats = (0..posts)
        .map(|i| SeatNeed {
            post: format!("P{i:05}").into(),
            seats: seats_each,
            required: if rng.chance(50) {
                vec![pick(&mut rng)]
            } else {
                vec![]
            },
            preferred: (0..rng.range(0, 2)).map(|_| pick(&mut rng)).collect(),
        })
        .collect();
    let candidates = (0..members)
        .map(|i| {
            let load = rng.range(0, 2) as u32;
            Candidate {
                member: format!("M{i:06}").into(),
                skills: (0..rng.range(0, max_skills))
                    .map(|_| pick(&mut rng))
                    .collect(),
                load,
                limit: load + rng.range(1, 2) as u32,
                holds: vec![],
            }
        })
        .collect();
    MatchProblem {
        seats,
        candidates,
        weights: MatchWeights::default(),
    }
}

fn bench(c: &mut Criterion) {
    let community: Vec<String> = SKILLS.iter().map(|s| s.to_string()).collect();
    let diverse: Vec<String> = (0..60).map(|i| format!("技能{i:02}")).collect();
    let cases = [
        // The sample's 12 skill tags: 200 posts × 10 seats.
        (
            "10k_members_2k_seats_12_tags",
            problem(&community, 10_000, 200, 10, 3, 1),
        ),
        // 60 tags, up to 4 per member (nearly every member unique): 400 posts × 5 seats.
        (
            "10k_members_2k_seats_60_tags",
            problem(&diverse, 10_000, 400, 5, 4, 2),
        ),
        // Single-seat posts: 2,000 posts × 1 seat, 60 tags.
        (
            "10k_members_2k_single_seats_60_tags",
            problem(&diverse, 10_000, 2_000, 1, 4, 3),
        ),
    ];
    let mut g = c.benchmark_group("matching");
    g.sample_size(10);
    for (name, p) in &cases {
        let r = solve(p).unwrap();
        eprintln!(
            "{name}: {} of {} seats filled, cost {}",
            r.filled, r.seats, r.cost
        );
        g.bench_function(*name, |b| b.iter(|| solve(black_box(p)).unwrap()));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
