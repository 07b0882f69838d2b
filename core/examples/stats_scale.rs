//! Scale figures of statistics, suppression and compliance (for BENCHMARKS.md):
//! `cargo run --release -p dangjian --example stats_scale -- 100000`
//! Prints one line per measurement on a synthetic community of the given size.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::time::Instant;

use chrono::NaiveDate;
use dangjian::compliance::{DuesBook, DuesPolicy, MeetingBook, MeetingKind, MeetingRecord, Month};
use dangjian::org::OrgKind;
use dangjian::stats::{flows_with, membership_with, suppression_mask, Rollup, Timelines};
use dangjian::synth::{generate, SynthConfig};
use dangjian::table::{to_csv, CsvOptions};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let reg = generate(&SynthConfig::new(n, 7)).into_registry().unwrap();
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let date = d("2025-06-30");
    println!(
        "{n} people, {} organizations, {} events",
        reg.tree().len(),
        reg.event_count()
    );

    let t = Instant::now();
    let tl = Timelines::build(&reg);
    println!("timelines: {:.2?}", t.elapsed());
    let t = Instant::now();
    let m = membership_with(&reg, &tl, date, Rollup::Subtree);
    println!("membership as of a date (rolled up): {:.2?}", t.elapsed());
    let t = Instant::now();
    let f = flows_with(&reg, &tl, d("2024-07-01"), date, Rollup::Subtree).unwrap();
    println!(
        "flows over a year (rolled up): {:.2?}; reconciles: {}",
        t.elapsed(),
        f.reconciles()
    );
    let t = Instant::now();
    let csv = to_csv(&m, &CsvOptions::zh()).unwrap();
    println!("membership CSV ({} bytes): {:.2?}", csv.len(), t.elapsed());
    for k in [3u64, 5, 10] {
        let t = Instant::now();
        let mask = suppression_mask(&m, k).unwrap();
        let withheld: usize = mask.iter().map(|c| c.iter().filter(|x| **x).count()).sum();
        println!(
            "suppression k={k} of {} rows × 38 counts: {:.2?} ({withheld} cells withheld incl. measures)",
            m.orgs.len(),
            t.elapsed()
        );
    }
    let t = Instant::now();
    let book = DuesBook::new(&reg, vec![], vec![], vec![], vec![]).unwrap();
    let ledger = book
        .ledger(
            &reg,
            "2024-07".parse::<Month>().unwrap(),
            "2025-06".parse::<Month>().unwrap(),
            date,
            &DuesPolicy::default(),
        )
        .unwrap();
    println!(
        "dues ledger, 12 months: {:.2?} ({} member-months)",
        t.elapsed(),
        ledger.len()
    );
    // One theme day per branch per month with nobody marked present: a timing run (everyone
    // ends up flagged).
    let mut meetings = Vec::new();
    for rec in reg
        .tree()
        .records()
        .iter()
        .filter(|r| r.kind == OrgKind::Branch)
    {
        for mo in Month::range("2024-07".parse().unwrap(), "2025-06".parse().unwrap()) {
            meetings.push(MeetingRecord {
                id: format!("{}-{mo}", rec.id).into(),
                org: rec.id.clone(),
                kind: MeetingKind::ThemeDay,
                date: mo.first_day(),
                attendees: vec![],
                excused: vec![],
                expected: None,
                topic: None,
            });
        }
    }
    let nm = meetings.len();
    let mb = MeetingBook::new(&reg, vec![], meetings).unwrap();
    let t = Instant::now();
    let a = mb
        .attendance(
            &reg,
            "2024-07".parse().unwrap(),
            "2025-06".parse().unwrap(),
            date,
            6,
        )
        .unwrap();
    println!(
        "attendance over {nm} meetings: {:.2?} ({} members, {} flagged)",
        t.elapsed(),
        a.member.len(),
        a.flagged.iter().filter(|x| **x).count()
    );
}
