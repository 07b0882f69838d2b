//! The Rust side of the side-by-side benchmark (issue 8, `benches/compare.py`).
//!
//! The workload is written once as plain little-endian column files, so that every contender
//! (this program, the Python binding, pandas, numpy, zen-engine, node) reads the same bytes:
//!
//! ```text
//! cargo run --release -p dangjian --example bench_compare -- gen DIR MEMBERS EVENTS [SEED]
//! cargo run --release -p dangjian --example bench_compare -- score DIR single|parallel OUT
//! cargo run --release -p dangjian --example bench_compare -- sum DIR OUT
//! cargo run --release -p dangjian --example bench_compare -- extras MEMBERS ORGS [ROSTER_DIR]
//! ```
//!
//! `gen` writes `subject.u32`, `item.u16`, `day.i32`, `quantity.i64` (one value per event),
//! `group.u32` (one per member), `rules.json` and `meta.json` from
//! `benches/common/workload.rs`: `scoring_workload(MEMBERS, EVENTS, SEED)` (seed 2026 by default).
//!
//! `score` scores the workload's months with the bulk kernel and writes the totals
//! (thousandths, `i64`, period-major: `months × members`) to OUT; `sum` sums the quantities
//! per member in one pass (the "physical limit") and writes the sums (`i64` per member).
//! Both print one JSON line with the CPU time (user + system, all threads) of the timed part.
//!
//! `extras` times loading and conversions (dataset JSON and binary in and out, CSV and XLSX
//! of a statistics table), a membership rollup as of a date, roster (花名册) import from CSV
//! and XLSX into a registry (at most 50,000 rows; the files are left in ROSTER_DIR for the
//! Python side), and a rollup over a tree of ORGS organizations, one JSON line each.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../benches/common/workload.rs"]
mod workload;

use std::path::{Path, PathBuf};
use std::time::Instant;

use dangjian::org::OrgTree;
use dangjian::scoring::{score_columns, BulkOptions, RuleSet};
use workload::ScoringWorkload;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Runs `f` at least once and until `MIN_SECONDS` of wall time have passed (so that short
/// workloads are timed to a useful resolution); returns the last result, the number of runs,
/// and the CPU and wall seconds per run.
fn repeat<T>(mut f: impl FnMut() -> T) -> (T, u32, f64, f64) {
    const MIN_SECONDS: f64 = 0.3;
    let t = Instant::now();
    let c0 = cpu_seconds();
    let mut runs = 1u32;
    let mut r = f();
    while t.elapsed().as_secs_f64() < MIN_SECONDS && runs < 100_000 {
        r = f();
        runs += 1;
    }
    let cpu = cpu_seconds() - c0;
    let wall = t.elapsed().as_secs_f64();
    (r, runs, cpu / f64::from(runs), wall / f64::from(runs))
}

/// CPU time (user + system) of the whole process, all threads, in seconds: schedstat
/// (nanoseconds) summed over the threads, after a yield so that the running thread's own
/// figure is brought up to date by the scheduler.
fn cpu_seconds() -> f64 {
    std::thread::yield_now();
    let mut ns = 0u64;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for t in dir.flatten() {
            if let Some(v) = std::fs::read_to_string(t.path().join("schedstat"))
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            {
                ns += v;
            }
        }
    }
    ns as f64 / 1e9
}

fn read_vec<T, const N: usize>(path: &Path, f: fn([u8; N]) -> T) -> Res<Vec<T>> {
    let bytes = std::fs::read(path)?;
    Ok(bytes
        .chunks_exact(N)
        .map(|c| f(c.try_into().unwrap()))
        .collect())
}

fn write_vec<T: Copy, const N: usize>(path: &Path, v: &[T], f: fn(T) -> [u8; N]) -> Res<()> {
    let mut bytes = Vec::with_capacity(v.len() * N);
    for x in v {
        bytes.extend_from_slice(&f(*x));
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

fn meta_field(meta: &serde_json::Value, k: &str) -> Res<u64> {
    meta.get(k)
        .and_then(|v| v.as_u64())
        .ok_or_else(|| format!("meta.json lacks `{k}`").into())
}

fn load(dir: &Path) -> Res<ScoringWorkload> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json"))?)?;
    let first: dangjian::scoring::Period = meta
        .get("first")
        .and_then(|v| v.as_str())
        .ok_or("meta.json lacks `first`")?
        .parse()?;
    Ok(ScoringWorkload {
        subject: read_vec(&dir.join("subject.u32"), u32::from_le_bytes)?,
        item: read_vec(&dir.join("item.u16"), u16::from_le_bytes)?,
        day: read_vec(&dir.join("day.i32"), i32::from_le_bytes)?,
        quantity: read_vec(&dir.join("quantity.i64"), i64::from_le_bytes)?,
        groups: read_vec(&dir.join("group.u32"), u32::from_le_bytes)?,
        rules: RuleSet::from_json(&std::fs::read_to_string(dir.join("rules.json"))?)?,
        first,
        months: meta_field(&meta, "months")? as usize,
        n_groups: meta_field(&meta, "n_groups")? as usize,
    })
}

fn generate(dir: &Path, members: usize, events: usize, seed: u64) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    let w = workload::scoring_workload(members, events, seed);
    write_vec(&dir.join("subject.u32"), &w.subject, u32::to_le_bytes)?;
    write_vec(&dir.join("item.u16"), &w.item, u16::to_le_bytes)?;
    write_vec(&dir.join("day.i32"), &w.day, i32::to_le_bytes)?;
    write_vec(&dir.join("quantity.i64"), &w.quantity, i64::to_le_bytes)?;
    write_vec(&dir.join("group.u32"), &w.groups, u32::to_le_bytes)?;
    std::fs::write(dir.join("rules.json"), w.rules.to_json())?;
    let meta = serde_json::json!({
        "members": members,
        "events": events,
        "seed": seed,
        "first": w.first.to_string(),
        "first_day": dangjian::scoring::day_number(w.first.start()),
        "months": w.months,
        "n_groups": w.n_groups,
    });
    std::fs::write(dir.join("meta.json"), serde_json::to_string_pretty(&meta)?)?;
    println!("{meta}");
    Ok(())
}

fn score(dir: &Path, parallel: bool, out: &Path) -> Res<()> {
    let w = load(dir)?;
    let input = w.input();
    let opts = BulkOptions {
        parallel,
        categories: false,
    };
    let (scores, runs, cpu, wall) =
        repeat(|| score_columns(&w.rules, w.first, w.months, &input, opts));
    let scores = scores?;
    let totals: Vec<i64> = scores
        .periods
        .iter()
        .flat_map(|p| p.total.iter().copied())
        .collect();
    write_vec(out, &totals, i64::to_le_bytes)?;
    println!(
        "{}",
        serde_json::json!({"cpu": cpu, "wall": wall, "runs": runs, "events": scores.events_scored,
            "threads": if parallel { rayon_threads() } else { 1 }})
    );
    Ok(())
}

fn sum(dir: &Path, out: &Path) -> Res<()> {
    let subject: Vec<u32> = read_vec(&dir.join("subject.u32"), u32::from_le_bytes)?;
    let quantity: Vec<i64> = read_vec(&dir.join("quantity.i64"), i64::from_le_bytes)?;
    let members = read_vec(&dir.join("group.u32"), u32::from_le_bytes)?.len();
    let (sums, runs, cpu, wall) = repeat(|| {
        let mut sums = vec![0i64; members];
        for (s, q) in subject.iter().zip(&quantity) {
            if let Some(x) = sums.get_mut(*s as usize) {
                *x += *q;
            }
        }
        std::hint::black_box(sums)
    });
    write_vec(out, &sums, i64::to_le_bytes)?;
    println!(
        "{}",
        serde_json::json!({"cpu": cpu, "wall": wall, "runs": runs})
    );
    Ok(())
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Times `f` (CPU and wall) and prints one JSON line named `what`.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let c0 = cpu_seconds();
    let r = f();
    let cpu = cpu_seconds() - c0;
    println!(
        "{}",
        serde_json::json!({"what": what, "cpu": cpu, "wall": t.elapsed().as_secs_f64()})
    );
    r
}

fn extras(members: usize, orgs: usize, roster_dir: Option<&Path>) -> Res<()> {
    use dangjian::io::Dataset;
    use dangjian::synth::{generate, SynthConfig};
    let ds = generate(&SynthConfig::new(members, 42));
    let json = timed("dataset-json-out", || ds.to_json()).map_err(|e| e.to_string())?;
    let bin = timed("dataset-binary-out", || ds.to_binary()).map_err(|e| e.to_string())?;
    drop(ds);
    let ds = timed("dataset-json-in", || Dataset::from_json(&json)).map_err(|e| e.to_string())?;
    drop(json);
    timed("dataset-binary-in", || Dataset::from_binary(&bin)).map_err(|e| e.to_string())?;
    drop(bin);
    let reg = timed("registry-build", || ds.into_registry()).map_err(|e| e.to_string())?;
    let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let counts = timed("rollup-as-of-date", || {
        reg.counts_on(date).rolled_up(reg.tree())
    });
    let _ = counts;
    let tl = dangjian::stats::Timelines::build(&reg);
    let m = dangjian::stats::membership_with(&reg, &tl, date, dangjian::stats::Rollup::Subtree);
    let csv = timed("stats-csv-out", || {
        dangjian::table::to_csv(&m, &dangjian::table::CsvOptions::default())
    })?;
    let xlsx = timed("stats-xlsx-out", || {
        dangjian::table::to_xlsx(&[&m], &dangjian::table::XlsxOptions::default())
    })?;
    println!(
        "{}",
        serde_json::json!({"what": "sizes", "members": members, "orgs": reg.tree().len(),
            "csv_bytes": csv.len(), "xlsx_bytes": xlsx.len()})
    );
    drop(reg);
    roster(members, roster_dir)?;
    let recs = dangjian::synth::org_tree(orgs);
    let tree = timed("tree-build-large", || OrgTree::build(recs))?;
    let values: Vec<u64> = (0..tree.len() as u64).map(|i| i % 7).collect();
    let r = timed("rollup-large-tree", || tree.rollup(&values));
    println!(
        "{}",
        serde_json::json!({"what": "large-tree", "orgs": tree.len(), "root": r.first()})
    );
    Ok(())
}

/// Rows of the roster import benchmark: a roster is at most `MAX_ROSTER_ROWS` rows (header
/// included), so larger communities import one roster per organization.
const ROSTER_ROWS: usize = 50_000;

/// Roster (花名册) import: the member list of `min(members, ROSTER_ROWS)` synthetic members
/// exported as CSV and XLSX with Chinese headers (ID numbers and phones left out), parsed
/// against the organizations and imported into a registry holding only those organizations.
/// With `dir`, also writes `roster.csv`, `roster.xlsx` and `orgs.json` (that empty registry's
/// dataset) there for the Python side.
fn roster(members: usize, dir: Option<&Path>) -> Res<()> {
    use dangjian::io::{import_roster_csv, import_roster_xlsx, Dataset, Entry, RosterOptions};
    use dangjian::stats::{member_list, prepare, ExportOptions};
    use dangjian::synth::{generate, SynthConfig};
    use dangjian::table::{CsvOptions, HeaderLang, XlsxOptions};
    let n = members.min(ROSTER_ROWS);
    let src = generate(&SynthConfig::new(n, 7)).into_registry()?;
    let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let list = member_list(&src, date);
    let opts = ExportOptions {
        drop_contacts: true,
        ..ExportOptions::form()
    };
    let table = prepare(&list, &opts)?;
    let csv = dangjian::table::to_csv(
        &table,
        &CsvOptions {
            header: HeaderLang::Zh,
            ..CsvOptions::default()
        },
    )?;
    let xlsx = dangjian::table::to_xlsx(&[&table], &XlsxOptions::default())?;
    let mut empty = Dataset::new("roster benchmark");
    empty.orgs = src.tree().records().to_vec();
    let base = empty.to_registry()?;
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    // dated after the organizations' founding: the members are transfers in
    let ro = RosterOptions::new(as_of).entry(Entry::TransferredIn);
    let parsed = timed("roster-csv-parse", || {
        import_roster_csv(csv.as_bytes(), base.tree(), &ro)
    })?;
    let x = timed("roster-xlsx-parse", || {
        import_roster_xlsx(&xlsx, base.tree(), &ro)
    })?;
    assert_eq!(x.members.len(), parsed.members.len());
    let rows = parsed.members.len();
    let mut reg = base.clone();
    timed("roster-import", || {
        reg.import(parsed.members, parsed.events)
    })?;
    println!(
        "{}",
        serde_json::json!({"what": "roster", "rows": rows, "registry_members": reg.len(),
            "csv_bytes": csv.len(), "xlsx_bytes": xlsx.len()})
    );
    if let Some(d) = dir {
        std::fs::create_dir_all(d)?;
        std::fs::write(d.join("roster.csv"), &csv)?;
        std::fs::write(d.join("roster.xlsx"), &xlsx)?;
        std::fs::write(d.join("orgs.json"), empty.to_json()?)?;
    }
    Ok(())
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| -> Res<&str> {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("missing argument {i}; see the module doc").into())
    };
    match arg(0)? {
        "gen" => generate(
            &PathBuf::from(arg(1)?),
            arg(2)?.parse()?,
            arg(3)?.parse()?,
            args.get(4).map_or(Ok(2026), |s| s.parse())?,
        ),
        "score" => score(
            &PathBuf::from(arg(1)?),
            arg(2)? == "parallel",
            &PathBuf::from(arg(3)?),
        ),
        "sum" => sum(&PathBuf::from(arg(1)?), &PathBuf::from(arg(2)?)),
        "extras" => extras(
            arg(1)?.parse()?,
            arg(2)?.parse()?,
            args.get(3).map(Path::new),
        ),
        other => Err(format!("unknown command `{other}`").into()),
    }
}
