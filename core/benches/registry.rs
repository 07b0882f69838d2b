//! Registry benchmarks: loading a synthetic community from JSON and from the binary form, and
//! the as-of membership rollup. Size from `DANGJIAN_BENCH_MEMBERS` (default 100,000); the
//! national-scale one-shot figures come from `cargo run --release --example scale`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use dangjian::io::Dataset;
use dangjian::synth::{generate, SynthConfig};

fn registry(c: &mut Criterion) {
    let n: usize = std::env::var("DANGJIAN_BENCH_MEMBERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let ds = generate(&SynthConfig::new(n, 42));
    let json = serde_json::to_string(&ds).unwrap();
    let bin = ds.to_binary().unwrap();
    let reg = ds.to_registry().unwrap();
    let date = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let mut g = c.benchmark_group(format!("registry-{n}"));
    g.sample_size(10);
    g.bench_function("load-json", |b| {
        b.iter(|| Dataset::from_json(&json).unwrap().into_registry().unwrap())
    });
    g.bench_function("load-binary", |b| {
        b.iter(|| Dataset::from_binary(&bin).unwrap().into_registry().unwrap())
    });
    g.bench_function("build-from-dataset", |b| {
        b.iter(|| ds.to_registry().unwrap())
    });
    g.bench_function("as-of-rollup", |b| {
        b.iter(|| reg.counts_on(date).rolled_up(reg.tree()))
    });
    g.bench_function("flows-one-year", |b| {
        b.iter(|| reg.flows(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), date))
    });
    g.finish();
}

criterion_group!(benches, registry);
criterion_main!(benches);
