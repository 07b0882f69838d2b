//! The full bulk-scoring measurement of issue 3, run once: 1 million members, 24 million
//! events in random order, a 12-item rule set with day and month caps, a year scored by month.
//!
//! `cargo run --release -p dangjian --example scoring_bench [-- MEMBERS EVENTS]`
//!
//! Prints the time of a plain sum of quantities per subject (the "physical limit" reference),
//! of full scoring single-threaded and in parallel, and the peak memory beyond the input
//! columns (Linux: VmHWM after resetting it through /proc/self/clear_refs).

use std::time::Instant;

use dangjian::scoring::{score_columns, BulkInput, BulkOptions, Columns, Groups};

fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time of all threads of the process, in seconds (Linux schedstat), so that the figures
/// mean something on a machine shared with other work.
fn cpu_seconds() -> f64 {
    let mut ns = 0u64;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for t in dir.flatten() {
            let p = t.path().join("schedstat");
            if let Some(v) = std::fs::read_to_string(p).ok().and_then(|s| {
                s.split_whitespace()
                    .next()
                    .and_then(|x| x.parse::<u64>().ok())
            }) {
                ns += v;
            }
        }
    }
    ns as f64 / 1e9
}

fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let members: usize = args.next().map_or(Ok(1_000_000), |a| a.parse())?;
    let events: usize = args.next().map_or(Ok(24_000_000), |a| a.parse())?;
    let t = Instant::now();
    let w = dangjian::synth::scoring_workload(members, events, 2026);
    println!(
        "generated {members} members, {events} events in {:.2?}",
        t.elapsed()
    );
    let input_bytes = events * (4 + 2 + 4 + 8) + members * 4;
    println!("input columns: {:.1} MB", input_bytes as f64 / 1e6);

    // Reference: one pass summing quantities per subject (no items, caps, periods or ranks).
    let t = Instant::now();
    let c0 = cpu_seconds();
    let mut sums = vec![0i64; members];
    for (s, q) in w.subject.iter().zip(&w.quantity) {
        if let Some(x) = sums.get_mut(*s as usize) {
            *x += *q;
        }
    }
    let reference = t.elapsed();
    let reference_cpu = cpu_seconds() - c0;
    println!("reference single pass (sum per subject): {reference:.3?} wall, {reference_cpu:.3} s CPU (check {})", sums.iter().sum::<i64>());
    drop(sums);

    let input = BulkInput {
        columns: Columns {
            subject: &w.subject,
            item: &w.item,
            day: &w.day,
            quantity: Some(&w.quantity),
        },
        n_subjects: members,
        groups: Groups::Fixed(&w.groups),
        n_groups: w.n_groups,
    };
    let only_one = args.next().is_some_and(|a| a == "one");
    let configs: &[(bool, bool)] = if only_one {
        &[(false, false)]
    } else {
        &[(false, false), (false, true), (true, false), (true, true)]
    };
    for &(parallel, categories) in configs {
        let base = status_kib("VmRSS:").unwrap_or(0);
        let peak_ok = reset_peak();
        let t = Instant::now();
        let c0 = cpu_seconds();
        let out = score_columns(
            &w.rules,
            w.first,
            w.months,
            &input,
            BulkOptions {
                parallel,
                categories,
            },
        )?;
        let took = t.elapsed();
        let cpu = cpu_seconds() - c0;
        let peak = status_kib("VmHWM:").unwrap_or(0);
        let rows: usize = out.periods.iter().map(|p| p.total.len()).sum();
        let top: usize = out
            .periods
            .iter()
            .map(|p| p.grade.iter().filter(|g| **g == 0).count())
            .sum();
        let mode = if parallel {
            format!("parallel, {} threads", rayon_threads())
        } else {
            "single-threaded".into()
        };
        let what = if categories {
            "with category columns"
        } else {
            "totals, grades, ranks"
        };
        println!(
            "full scoring ({mode}, {what}): {took:.3?} wall, {cpu:.3} s CPU for {} events, {rows} rows ({top} top grades); {:.1}x the reference pass in CPU time",
            out.events_scored,
            cpu / reference_cpu.max(1e-9)
        );
        if peak_ok {
            let extra = peak.saturating_sub(base) * 1024;
            println!(
                "  peak memory beyond the input: {:.1} MB = {:.1} bytes/event (output tables included: {:.1} MB)",
                extra as f64 / 1e6,
                extra as f64 / events as f64,
                out.periods.iter().map(|p| p.heap_bytes()).sum::<usize>() as f64 / 1e6
            );
        }
        drop(out);
    }
    Ok(())
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
