//! The full bulk-scoring measurement of issue 3, run once: 1 million members, 24 million
//! events in random order, a 12-item rule set with day and month caps, a year scored by month.
//!
//! `cargo run --release -p dangjian --example scoring_bench [-- MEMBERS EVENTS [one|floor]]`
//! (`one`: only the single-threaded totals mode; `floor`: the cost of one counting sort of the
//! events and of writing the output rows, the floor of any exact kernel, see BENCHMARKS.md)
//!
//! Prints the time of a plain sum of quantities per subject (the "physical limit" reference),
//! of full scoring single-threaded and in parallel, and the peak memory beyond the input
//! columns (Linux: VmHWM after resetting it through /proc/self/clear_refs).

#[path = "../benches/common/workload.rs"]
mod workload;

use std::time::Instant;

use dangjian::scoring::{score_columns, BulkOptions};

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
    let w = workload::scoring_workload(members, events, 2026);
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

    let input = w.input();
    let mode = args.next();
    if mode.as_deref() == Some("floor") {
        floor(&w, reference_cpu);
        return Ok(());
    }
    let only_one = mode.is_some_and(|a| a == "one");
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

/// The floor of any exact kernel on this workload, measured piece by piece: the events must
/// be brought together by (subject, period) — caps are per subject and window, and the input
/// is in random order — so at least one counting-sort pass (count, then scatter into a fresh
/// buffer, 8 bytes per event) is needed, and 12 million output rows must be written (20 bytes
/// each: total, two ranks, grade, stars, two flags). Neither includes any scoring.
fn floor(w: &workload::ScoringWorkload, reference_cpu: f64) {
    let periods = w.first.sequence(w.months);
    let start = periods
        .first()
        .map_or(0, |p| dangjian::scoring::day_number(p.start()));
    let mut period_of: Vec<u16> = Vec::new();
    for (k, p) in periods.iter().enumerate() {
        period_of.extend(std::iter::repeat_n(k as u16, p.days() as usize));
    }
    let n = w.groups.len();
    let block_shift = 15u32;
    let n_blocks = (n >> block_shift) + 1;
    let n_buckets = n_blocks * periods.len();
    let bucket = |s: u32, d: i32| -> Option<usize> {
        let off = usize::try_from(d - start).ok()?;
        let p = usize::from(*period_of.get(off)?);
        Some(p * n_blocks + (s as usize >> block_shift))
    };
    // 1. One counting sort of the events by (period, block of 32,768 subjects).
    let c0 = cpu_seconds();
    let mut count = vec![0u32; n_buckets + 1];
    for (&s, &d) in w.subject.iter().zip(&w.day) {
        if let Some(c) = bucket(s, d).and_then(|b| count.get_mut(b + 1)) {
            *c += 1;
        }
    }
    for b in 0..n_buckets {
        let prev = count.get(b).copied().unwrap_or(0);
        if let Some(c) = count.get_mut(b + 1) {
            *c += prev;
        }
    }
    let mut buf = vec![0u64; count.last().copied().unwrap_or(0) as usize];
    for (((&s, &d), &it), &q) in w.subject.iter().zip(&w.day).zip(&w.item).zip(&w.quantity) {
        if let Some(b) = bucket(s, d) {
            if let Some(c) = count.get_mut(b) {
                if let Some(x) = buf.get_mut(*c as usize) {
                    *x = (u64::from(s & 0x7fff) << 48)
                        | (u64::from(it) << 40)
                        | (q as u64 & 0xff_ffff_ffff);
                }
                *c += 1;
            }
        }
    }
    let sort_cpu = cpu_seconds() - c0;
    let check: u64 = buf.iter().step_by(4096).fold(0, |a, x| a ^ x);
    drop(buf);
    // 2. Writing the output rows once into fresh memory.
    let c0 = cpu_seconds();
    let mut outs = Vec::with_capacity(periods.len());
    for p in 0..periods.len() {
        let total: Vec<i64> = (0..n).map(|s| (s + p) as i64).collect();
        let rank_org: Vec<u32> = (0..n).map(|s| s as u32).collect();
        let rank_all: Vec<u32> = (0..n).map(|s| (s ^ p) as u32).collect();
        let small: Vec<[u8; 4]> = (0..n).map(|s| [s as u8; 4]).collect();
        outs.push((total, rank_org, rank_all, small));
    }
    let out_cpu = cpu_seconds() - c0;
    let rows: usize = outs.iter().map(|o| o.0.len()).sum();
    drop(outs);
    println!(
        "floor: counting sort by (period, block) {sort_cpu:.3} s CPU ({} buckets, check {check}), \
         writing {rows} output rows {out_cpu:.3} s CPU; floor {:.3} s = {:.1}x the reference pass ({reference_cpu:.3} s)",
        n_buckets,
        sort_cpu + out_cpu,
        (sort_cpu + out_cpu) / reference_cpu.max(1e-9)
    );
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
