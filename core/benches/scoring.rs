//! Bulk scoring benchmark (criterion): a year scored by month under a 12-item rule set with
//! day and month caps, events in random order, against a plain sum of quantities per subject
//! over the same columns (the "physical limit" reference).
//!
//! Default size: 50,000 members and 1.2 million events (24 per member, as in the full
//! workload). Set `DANGJIAN_BENCH_MEMBERS` (events scale with it) for another size; the full
//! 1M-member, 24M-event measurement is `cargo run --release -p dangjian --example
//! scoring_bench`.

#[path = "common/workload.rs"]
mod workload;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dangjian::scoring::{score_columns, BulkOptions};

fn bench(c: &mut Criterion) {
    let members: usize = std::env::var("DANGJIAN_BENCH_MEMBERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let events = members * 24;
    let w = workload::scoring_workload(members, events, 2026);
    let input = w.input();
    let mut g = c.benchmark_group("scoring");
    g.sample_size(10);
    g.throughput(Throughput::Elements(events as u64));
    g.bench_function(BenchmarkId::new("reference_sum_per_subject", events), |b| {
        b.iter(|| {
            let mut sums = vec![0i64; members];
            for (s, q) in w.subject.iter().zip(&w.quantity) {
                if let Some(x) = sums.get_mut(*s as usize) {
                    *x += *q;
                }
            }
            sums
        })
    });
    for (name, parallel, categories) in [
        ("score_single_thread", false, false),
        ("score_single_thread_with_categories", false, true),
        ("score_parallel", true, false),
    ] {
        g.bench_function(BenchmarkId::new(name, events), |b| {
            b.iter(|| {
                score_columns(
                    &w.rules,
                    w.first,
                    w.months,
                    &input,
                    BulkOptions {
                        parallel,
                        categories,
                    },
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
