//! One-shot measurement at national scale (figures for BENCHMARKS.md):
//! `cargo run --release --example scale -- 1000000 5000000`
//! (members, organizations). Prints one line per measurement.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::time::Instant;

use chrono::NaiveDate;
use dangjian::io::Dataset;
use dangjian::org::OrgTree;
use dangjian::synth::{generate, org_tree, SynthConfig};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let members = args.first().copied().unwrap_or(1_000_000);
    let orgs = args.get(1).copied().unwrap_or(5_000_000);

    println!(
        "sizes: MemberRecord {} B, Event {} B, Spell {} B",
        std::mem::size_of::<dangjian::member::MemberRecord>(),
        std::mem::size_of::<dangjian::member::Event>(),
        std::mem::size_of::<dangjian::registry::Spell>()
    );
    let t = Instant::now();
    let ds = generate(&SynthConfig::new(members, 42));
    println!(
        "generate {members} members ({} events): {:.2?}",
        ds.events.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let json = serde_json::to_string(&ds).unwrap();
    println!(
        "to JSON: {:.2?} ({} MB)",
        t.elapsed(),
        json.len() / 1_000_000
    );
    drop(ds);

    let rss0 = rss_kib();
    let t = Instant::now();
    let ds = Dataset::from_json(&json).unwrap();
    let parse = t.elapsed();
    let bin = ds.to_binary().unwrap();
    let tb = Instant::now();
    let from_bin = Dataset::from_binary(&bin).unwrap();
    println!(
        "binary form: {} MB, parse {:.2?}",
        bin.len() / 1_000_000,
        tb.elapsed()
    );
    drop((bin, from_bin));
    let t1 = Instant::now();
    let mut reg = dangjian::Registry::with_rules(ds.orgs, ds.rules).unwrap();
    let orgs_t = t1.elapsed();
    reg.add_members(ds.members).unwrap();
    let members_t = t1.elapsed() - orgs_t;
    reg.apply(ds.events).unwrap();
    println!(
        "load from JSON: parse {parse:.2?}, tree {orgs_t:.2?}, roster {members_t:.2?}, events {:.2?}, total {:.2?}",
        t1.elapsed() - orgs_t - members_t,
        t.elapsed()
    );
    drop(json);
    let rss1 = rss_kib();
    println!(
        "registry memory: approx {} bytes/member (structures), RSS delta {} bytes/member",
        reg.approx_bytes() / members.max(1),
        (rss1.saturating_sub(rss0)) * 1024 / members.max(1) as u64
    );
    let date = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let t = Instant::now();
    let n = 20;
    let mut total = 0;
    for _ in 0..n {
        let c = reg.counts_on(date).rolled_up(reg.tree());
        total += c.members[0];
    }
    println!(
        "as-of rollup (counts per branch + subtree sums), {} orgs: {:.2?} per call (total {})",
        reg.tree().len(),
        t.elapsed() / n,
        total / n as u64
    );

    let t = Instant::now();
    let recs = org_tree(orgs);
    println!("generate {orgs} organizations: {:.2?}", t.elapsed());
    let t = Instant::now();
    let tree = OrgTree::build(recs).unwrap();
    println!(
        "build tree of {} organizations: {:.2?}",
        tree.len(),
        t.elapsed()
    );
    let values: Vec<u64> = (0..tree.len() as u64).map(|i| i % 7).collect();
    let t = Instant::now();
    let r = tree.rollup(&values);
    println!(
        "rollup over {} organizations: {:.2?} (root {})",
        tree.len(),
        t.elapsed(),
        r[0]
    );
    let t = Instant::now();
    let mut s = 0usize;
    for i in (0..tree.len() as u32).step_by(997) {
        s += tree.subtree(i).len();
    }
    println!(
        "subtree range queries: {:.2?} for {} queries (sum {s})",
        t.elapsed(),
        tree.len() / 997
    );
}
