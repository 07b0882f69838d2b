//! The native side of `bindings-wasm/bench/bench.mjs`: the same work as the WASM measurement
//! (`bench/workloads.mjs`) through the core directly — load the dataset JSON and build the
//! registry; score 12 months one call each (checks, kernel, table JSON).
//!
//! `cargo run --release -p dangjian-wasm --example bench_native -- SAMPLE.json EVENTS_100K.json`
//! prints the median times in ms as JSON; with a third argument `--wall`, the 10th percentile
//! and the median of the wall time of single runs (`bench/interleaved.mjs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::time::Instant;

/// CPU time of this thread in ms (Linux `/proc/thread-self/schedstat`; nanoseconds, but the
/// kernel brings it up to date only at scheduler ticks, every 4 ms here: short work is repeated,
/// see [`median`]); wall time where that file does not exist.
fn cpu_ms(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64() * 1000.0, |ns| ns / 1e6)
}

use dangjian::io::Dataset;
use dangjian::scoring::{Mode, RuleSet, Scorer};

const MONTHS: [&str; 12] = [
    "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06",
    "2026-07", "2026-08", "2026-09", "2026-10",
];

/// Median of `runs` timings of `f` after 20 warm-ups; each timing runs `f` `reps` times and
/// divides (so that work of a few ms spans many scheduler ticks).
/// Repetitions per timing of the sample-year workloads (as in `bench/workloads.mjs`).
const SAMPLE_REPS: usize = 25;
/// Repetitions per timing of the 100,000-event workloads (as in `bench/workloads.mjs`).
const BIG_REPS: usize = 4;

fn median(mut f: impl FnMut(), runs: usize, reps: usize) -> f64 {
    // As many warm-ups as the WASM side (`WARM_UPS` in bench/workloads.mjs).
    for _ in 0..20 {
        f();
    }
    let mut xs: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let c0 = cpu_ms(t);
            for _ in 0..reps {
                f();
            }
            (cpu_ms(t) - c0) / reps as f64
        })
        .collect();
    xs.sort_by(|a, b| a.total_cmp(b));
    (xs[xs.len() / 2] * 100.0).round() / 100.0
}

/// Scores month `p` and writes the table JSON, as each wasm call does; the JSON's length.
fn score_month(scorer: &Scorer<'_>, rules: &RuleSet, p: &str) -> usize {
    scorer
        .score_table(rules, p.parse().unwrap())
        .unwrap()
        .to_json()
        .len()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sample_text = std::fs::read_to_string(&args[0]).unwrap();
    let big_text = std::fs::read_to_string(&args[1]).unwrap();
    let rules = RuleSet::member_default().to_json();
    let sample = Dataset::from_json(&sample_text).unwrap();
    let big = Dataset::from_json(&big_text).unwrap();
    // The registry is built once per loaded community (as `Community.fromJson` does).
    let sample_reg = sample.to_registry().unwrap();
    let big_reg = big.to_registry().unwrap();
    // As the wasm `Community` does: the scorer's checks are made once per loaded community;
    // each call parses the rule set JSON, scores and writes the table JSON.
    let sample_scorer = Scorer::new(&sample_reg, &sample.activities, Mode::Strict).unwrap();
    let big_scorer = Scorer::new(&big_reg, &big.activities, Mode::Lenient).unwrap();
    let year = |scorer: &Scorer<'_>| {
        let mut n = 0;
        for p in MONTHS {
            n += score_month(scorer, &RuleSet::from_json(&rules).unwrap(), p);
        }
        std::hint::black_box(n);
    };
    // `community.scorer(rules)`: the rule set parsed once too.
    let parsed = RuleSet::from_json(&rules).unwrap();
    let kept = |scorer: &Scorer<'_>| {
        let mut n = 0;
        for p in MONTHS {
            n += score_month(scorer, &parsed, p);
        }
        std::hint::black_box(n);
    };
    // Each call from scratch (rule set, checks, scoring): the workload before the cache.
    let fresh = |ds: &Dataset, reg: &dangjian::Registry, mode: Mode| {
        let mut n = 0;
        for p in MONTHS {
            let r = RuleSet::from_json(&rules).unwrap();
            let scorer = Scorer::new(reg, &ds.activities, mode).unwrap();
            n += score_month(&scorer, &r, p);
        }
        std::hint::black_box(n);
    };
    if args.get(2).is_some_and(|a| a == "--wall") {
        // Wall time of each run (bench/interleaved.mjs): the 10th percentile and the median.
        let wall = |f: &dyn Fn(), runs: usize| {
            for _ in 0..20 {
                f();
            }
            let mut xs: Vec<f64> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            xs.sort_by(|a, b| a.total_cmp(b));
            format!("[{:.3}, {:.3}]", xs[runs / 10], xs[runs / 2])
        };
        println!(
            "{{\"sampleYear\": {}, \"sampleKept\": {}, \"events100k\": {}}}",
            wall(&|| year(&sample_scorer), 300),
            wall(&|| kept(&sample_scorer), 300),
            wall(&|| year(&big_scorer), 60),
        );
        return;
    }
    let sample_year = median(|| year(&sample_scorer), 5, SAMPLE_REPS);
    let sample_kept = median(|| kept(&sample_scorer), 5, SAMPLE_REPS);
    let sample_fresh = median(|| fresh(&sample, &sample_reg, Mode::Strict), 5, SAMPLE_REPS);
    let big_year = median(|| year(&big_scorer), 5, BIG_REPS);
    let big_load = median(
        || {
            let ds = Dataset::from_json(&big_text).unwrap();
            std::hint::black_box(ds.to_registry().unwrap());
        },
        5,
        BIG_REPS,
    );
    println!(
        "{{\"sampleYear\": {{\"ms\": {sample_year}, \"keptMs\": {sample_kept}, \"freshMs\": {sample_fresh}}}, \"events100k\": {{\"ms\": {big_year}, \"loadMs\": {big_load}}}}}"
    );
}
