//! The durable store (issue 17): round trips, all-or-nothing batches, reads as recorded on a
//! date, two writers (threads and processes), kill -9 of the writer at random instants, and a
//! full disk.
//!
//! The process tests re-run this test binary as the child (`child_process` below, a no-op
//! unless `DJ_STORE_CHILD` is set). `DJ_STORE_KILL_RUNS` sets the number of kill runs (default
//! 200), `DJ_STORE_PROCESS_BATCHES` the batches of each of the two writer processes (default
//! 25); the figures are printed with `--nocapture` and recorded in RELIABILITY.md.
#![cfg(feature = "store")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use dangjian::io::Dataset;
use dangjian::member::{EventRecord, EventType};
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::scoring::ActivityRecord;
use dangjian::store::{
    BatchId, BatchKind, Durability, Records, Stamp, Store, StoreError, StoreOptions, APPLICATION_ID,
};

/// A fresh directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!(
            "dangjian-store-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn join(&self, f: &str) -> PathBuf {
        self.0.join(f)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap()
}

fn at(seconds: i64) -> NaiveDateTime {
    t0() + chrono::Duration::seconds(seconds)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn activity(id: &str, subject: &str) -> ActivityRecord {
    ActivityRecord::new(id, subject, "attend", day(2025, 12, 1))
}

fn acts(ids: &[&str]) -> Records {
    Records {
        activities: ids.iter().map(|id| activity(id, "M1")).collect(),
        ..Records::default()
    }
}

#[test]
fn round_trip_of_the_sample_community() {
    let dir = TempDir::new("round-trip");
    let path = dir.join("c.djstore");
    let ds = dangjian::synth::sample_community();
    let store = Store::create(&path, &ds, Stamp::new(t0(), "op-01").note("建库")).unwrap();
    assert_eq!(store.dataset().unwrap(), ds);
    drop(store);
    let store = Store::open(&path).unwrap();
    let back = store.dataset().unwrap();
    assert_eq!(back, ds);
    assert_eq!(store.export_json().unwrap(), ds.to_json().unwrap());
    let reg = back.to_registry().unwrap();
    assert_eq!(reg.headcount_on(dangjian::synth::SAMPLE_AS_OF), 158);
    let v = store.verify().unwrap();
    assert_eq!(v.batches, 1);
    assert_eq!(v.head, BatchId(1));
    let h = store.history().unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].kind, BatchKind::Create);
    assert_eq!(h[0].recorded_by, "op-01");
    assert_eq!(h[0].note, "建库");
    assert_eq!(h[0].base, None);
    assert_eq!(h[0].digest.len(), 64);
    // Debug masks the operator
    assert!(!format!("{:?}", h[0]).contains("op-01"));
}

#[test]
fn import_and_export_json() {
    let dir = TempDir::new("json");
    let json = Dataset::sample_small().to_json().unwrap();
    let path = dir.join("c.djstore");
    let store = Store::import_json(&path, &json, Stamp::new(t0(), "op")).unwrap();
    assert_eq!(store.export_json().unwrap(), json);
    // a bad document: the JSON error, no file
    let bad = dir.join("bad.djstore");
    let e = Store::import_json(&bad, "{\"format\": 1}", Stamp::new(t0(), "op")).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(!bad.exists());
}

#[test]
fn an_invalid_batch_leaves_the_store_unchanged() {
    let dir = TempDir::new("invalid");
    let path = dir.join("c.djstore");
    let ds = Dataset::sample_small();
    let store = Store::create(&path, &ds, Stamp::new(t0(), "op")).unwrap();
    let head = store.head().unwrap();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open(&path).unwrap();

    // an event after death breaks a lifecycle rule; the good activity with it is not written
    let mut bad = acts(&["A1"]);
    bad.events = vec![
        EventRecord::new("M4", day(2024, 1, 1), EventType::Died),
        EventRecord::new("M4", day(2024, 2, 1), EventType::Died),
    ];
    let e = store
        .append(bad, Stamp::new(at(1), "op"), head.id)
        .unwrap_err();
    assert!(e.is_validation(), "{e}");
    assert!(e.to_string().starts_with("本批未通过校验"), "{e}");
    // a member unknown to the registry
    let bad = Records {
        events: vec![EventRecord::new("NOBODY", day(2024, 1, 1), EventType::Died)],
        ..Records::default()
    };
    assert!(store
        .append(bad, Stamp::new(at(1), "op"), head.id)
        .unwrap_err()
        .is_validation());
    // duplicate activity ids (the scorer's check)
    let e = store
        .append(acts(&["A1", "A1"]), Stamp::new(at(1), "op"), head.id)
        .unwrap_err();
    assert_eq!(e.code(), "duplicate_activity");
    // a whole dataset of another format
    let mut other = ds.clone();
    other.version = 99;
    let e = store
        .replace(&other, Stamp::new(at(1), "op"), head.id)
        .unwrap_err();
    assert_eq!(e.code(), "unsupported_format");
    // no records, bad stamps, time going backwards
    let e = store
        .append(Records::default(), Stamp::new(at(1), "op"), head.id)
        .unwrap_err();
    assert_eq!(e, StoreError::EmptyBatch);
    let e = store
        .append(acts(&["A2"]), Stamp::new(at(1), "  "), head.id)
        .unwrap_err();
    assert_eq!(e.code(), "bad_stamp");
    let e = store
        .append(acts(&["A2"]), Stamp::new(at(1), &"x".repeat(201)), head.id)
        .unwrap_err();
    assert_eq!(e.code(), "bad_stamp");
    let e = store
        .append(acts(&["A2"]), Stamp::new(at(-1), "op"), head.id)
        .unwrap_err();
    assert_eq!(e.code(), "recorded_before_head");

    assert_eq!(store.head().unwrap(), head);
    assert_eq!(store.history().unwrap().len(), 1);
    assert_eq!(store.dataset().unwrap(), ds);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.dataset().unwrap(), ds);
    store.verify().unwrap();
    drop(store);
    // not a byte of the database file changed (the WAL is checkpointed on close)
    assert!(std::fs::read(&path).unwrap() == before);
}

#[test]
fn reads_as_recorded_reproduce_an_earlier_report() {
    let dir = TempDir::new("as-recorded");
    let path = dir.join("c.djstore");
    let ds = dangjian::synth::sample_community();
    let mut store = Store::create(&path, &ds, Stamp::new(at(0), "op")).unwrap();
    let filed = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();

    // later: a death recorded late (valid time 2026-09-01, recorded one day after the report)
    let died = ds
        .members
        .iter()
        .find(|m| {
            let reg = ds.to_registry().unwrap();
            let i = reg.member_index(m.id.as_str()).unwrap();
            reg.state_of(i, day(2026, 9, 1)).is_member()
        })
        .unwrap()
        .id
        .clone();
    let late = Records {
        events: vec![EventRecord::new(&died, day(2026, 9, 1), EventType::Died)],
        ..Records::default()
    };
    let b2 = store
        .append(
            late,
            Stamp::new(at(86_400), "op").note("补录去世"),
            BatchId(1),
        )
        .unwrap();
    assert_eq!(b2.id, BatchId(2));
    assert_eq!(b2.base, Some(BatchId(1)));
    let now = store.dataset().unwrap();
    let corrected = MonthlyReport::build(&now, 2026, 10, &ReportOptions::default()).unwrap();
    assert_ne!(
        serde_json::to_string(&corrected).unwrap(),
        serde_json::to_string(&filed).unwrap()
    );

    // then a whole-dataset correction (an import) that also drops the activities
    let mut fixed = now.clone();
    fixed.activities.clear();
    let b3 = store
        .replace(&fixed, Stamp::new(at(2 * 86_400), "op").note("更正"), b2.id)
        .unwrap();
    assert_eq!(b3.kind, BatchKind::Replace);

    // as recorded on the day of the report: exactly the filed report
    let then = store.dataset_as_recorded(at(3_600)).unwrap();
    assert_eq!(then, ds);
    let again = MonthlyReport::build(&then, 2026, 10, &ReportOptions::default()).unwrap();
    assert_eq!(
        serde_json::to_string(&again).unwrap(),
        serde_json::to_string(&filed).unwrap()
    );
    // instants on batch boundaries belong to the batch recorded then
    assert_eq!(store.dataset_as_recorded(at(86_400)).unwrap(), now);
    assert_eq!(store.dataset_as_recorded(at(86_399)).unwrap(), ds);
    assert_eq!(store.dataset_as_recorded(at(10 * 86_400)).unwrap(), fixed);
    assert_eq!(store.dataset().unwrap(), fixed);
    assert_eq!(store.dataset_at(BatchId(2)).unwrap(), now);
    // before the first batch, or a batch that does not exist
    let e = store.dataset_as_recorded(at(-1)).unwrap_err();
    assert_eq!(e.code(), "not_recorded");
    assert_eq!(
        store.dataset_at(BatchId(4)).unwrap_err().code(),
        "not_recorded"
    );
    // valid time on top: the dead member is a member on 31 August, not on 1 September
    let reg = fixed.to_registry().unwrap();
    let i = reg.member_index(died.as_str()).unwrap();
    assert!(reg.state_of(i, day(2026, 8, 31)).is_member());
    assert!(!reg.state_of(i, day(2026, 9, 1)).is_member());
    let h = store.history().unwrap();
    assert_eq!(
        h.iter().map(|b| b.kind).collect::<Vec<_>>(),
        [BatchKind::Create, BatchKind::Add, BatchKind::Replace]
    );
    assert_eq!(h[1].records, 1);
    store.verify().unwrap();
}

#[test]
fn the_second_of_two_writers_gets_a_conflict() {
    let dir = TempDir::new("conflict");
    let path = dir.join("c.djstore");
    let ds = Dataset::sample_small();
    drop(Store::create(&path, &ds, Stamp::new(t0(), "op")).unwrap());
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    let seen_a = a.head().unwrap().id;
    let seen_b = b.head().unwrap().id;
    a.append(acts(&["A1"]), Stamp::new(at(1), "a"), seen_a)
        .unwrap();
    let e = b
        .append(acts(&["B1"]), Stamp::new(at(2), "b"), seen_b)
        .unwrap_err();
    assert_eq!(
        e,
        StoreError::Conflict {
            expected: BatchId(1),
            actual: BatchId(2)
        }
    );
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().starts_with("写入冲突"), "{e}");
    // b reads again and commits: nothing is lost
    let head = b.head().unwrap().id;
    b.append(acts(&["B1"]), Stamp::new(at(2), "b"), head)
        .unwrap();
    let now = a.dataset().unwrap();
    let ids: Vec<&str> = now.activities.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["A1", "B1"]);
    a.verify().unwrap();
}

/// Appends `count` batches of one activity each, named `{name}-{i}`, retrying on conflicts;
/// returns the number of conflicts met.
fn write_with_retries(path: &Path, name: &str, count: usize) -> usize {
    let mut store = Store::open(path).unwrap();
    let mut conflicts = 0;
    for i in 0..count {
        loop {
            let head = store.head().unwrap();
            let recs = acts(&[&format!("{name}-{i}")]);
            // the head's time: never before it (equal times are allowed)
            match store.append(recs, Stamp::new(head.recorded_at, name), head.id) {
                Ok(_) => break,
                Err(StoreError::Conflict { .. }) | Err(StoreError::Busy { .. }) => conflicts += 1,
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
    conflicts
}

fn check_writers(path: &Path, names: &[String], count: usize) {
    let store = Store::open(path).unwrap();
    let v = store.verify().unwrap();
    assert_eq!(v.batches as usize, 1 + names.len() * count);
    let ds = store.dataset().unwrap();
    assert_eq!(ds.activities.len(), names.len() * count);
    for name in names {
        for i in 0..count {
            let id = format!("{name}-{i}");
            assert_eq!(
                ds.activities.iter().filter(|a| a.id == id.as_str()).count(),
                1,
                "{id}"
            );
        }
    }
}

#[test]
fn writers_in_threads_lose_nothing() {
    let dir = TempDir::new("threads");
    let path = dir.join("c.djstore");
    drop(Store::create(&path, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap());
    let names: Vec<String> = (0..4).map(|i| format!("T{i}")).collect();
    let conflicts: usize = std::thread::scope(|s| {
        let hs: Vec<_> = names
            .iter()
            .map(|n| s.spawn(|| write_with_retries(&path, n, 8)))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    });
    println!("threads: 4 writers x 8 batches, {conflicts} conflicts retried");
    check_writers(&path, &names, 8);
}

/// The child side of the process tests: a no-op unless `DJ_STORE_CHILD` is set.
#[test]
fn child_process() {
    let Ok(role) = std::env::var("DJ_STORE_CHILD") else {
        return;
    };
    let path = PathBuf::from(std::env::var("DJ_STORE_PATH").unwrap());
    match role.as_str() {
        "writer" => {
            let name = std::env::var("DJ_STORE_NAME").unwrap();
            let count: usize = std::env::var("DJ_STORE_COUNT").unwrap().parse().unwrap();
            let conflicts = write_with_retries(&path, &name, count);
            println!("conflicts {conflicts}");
        }
        "looper" => kill_loop(&path, Path::new(&std::env::var("DJ_STORE_LOG").unwrap())),
        _ => panic!("unknown child role {role}"),
    }
}

fn spawn_child(role: &str, envs: &[(&str, &str)]) -> std::process::Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "child_process",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("DJ_STORE_CHILD", role)
    .stdout(Stdio::piped())
    .stderr(if role == "writer" {
        Stdio::inherit()
    } else {
        Stdio::null()
    });
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = TempDir::new("processes");
    let path = dir.join("c.djstore");
    drop(Store::create(&path, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap());
    let p = path.to_str().unwrap();
    let count: usize = std::env::var("DJ_STORE_PROCESS_BATCHES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(25);
    let names = ["P0".to_string(), "P1".to_string()];
    let children: Vec<_> = names
        .iter()
        .map(|n| {
            spawn_child(
                "writer",
                &[
                    ("DJ_STORE_PATH", p),
                    ("DJ_STORE_NAME", n),
                    ("DJ_STORE_COUNT", &count.to_string()),
                ],
            )
        })
        .collect();
    let mut conflicts = 0usize;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        let n = text
            .lines()
            .find_map(|l| l.split("conflicts ").nth(1))
            .unwrap_or_else(|| panic!("the child reports its conflicts: {text}"));
        conflicts += n.trim().parse::<usize>().unwrap();
    }
    println!("processes: 2 writers x {count} batches, {conflicts} conflicts retried");
    check_writers(&path, &names, count);
}

// ---- kill -9 at random instants ----

/// The records of batch `k` of the kill test: activities `K{k}-{j}`.
fn kill_records(k: i64) -> Records {
    Records {
        activities: (0..3)
            .map(|j| activity(&format!("K{k}-{j}"), if j == 0 { "M1" } else { "M3" }))
            .collect(),
        ..Records::default()
    }
}

/// The dataset after batch `n` of the kill test. Every fifth batch is a correction replacing
/// the whole dataset by the base with only its own records (so the dataset stays small and
/// the history grows linearly); the batches after it add theirs.
fn kill_expected(n: i64) -> Dataset {
    let mut ds = Dataset::sample_small();
    let from = (n - n % 5).max(2);
    for k in from..=n {
        kill_records(k).append_to(&mut ds);
    }
    ds
}

/// The child: appends batch after batch (every fifth a whole-dataset replacement) and logs each
/// committed batch number, until killed; says `ready` after its first commit.
fn kill_loop(path: &Path, log: &Path) {
    let sync = match std::env::var("DJ_STORE_SYNC").as_deref() {
        Ok("normal") => Durability::Normal,
        _ => Durability::Full,
    };
    let options = StoreOptions {
        sync,
        ..StoreOptions::default()
    };
    let mut store = Store::open_with(path, &options).unwrap();
    let mut head = store.head().unwrap().id.0;
    assert_eq!(store.dataset().unwrap(), kill_expected(head));
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(log)
        .unwrap();
    let mut first = true;
    loop {
        let k = head + 1;
        let stamp = Stamp::new(at(k), "looper");
        let recs = kill_records(k);
        let info = if k % 5 == 0 {
            let mut whole = Dataset::sample_small();
            recs.append_to(&mut whole);
            store.replace(&whole, stamp, BatchId(head)).unwrap()
        } else {
            store.append(recs, stamp, BatchId(head)).unwrap()
        };
        assert_eq!(info.id, BatchId(k));
        log.write_all(format!("{k}\n").as_bytes()).unwrap();
        head = k;
        if first {
            // the parent's random delay starts once a batch went in: the kill lands in the loop
            println!("ready");
            std::io::stdout().flush().unwrap();
            first = false;
        }
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn kill_9_at_random_instants_keeps_the_old_or_the_new_batch() {
    let runs: usize = std::env::var("DJ_STORE_KILL_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let max_delay_us: u64 = std::env::var("DJ_STORE_KILL_MAX_DELAY_US")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30_000);
    let dir = TempDir::new("kill");
    let path = dir.join("c.djstore");
    let log = dir.join("committed.log");
    drop(Store::create(&path, &Dataset::sample_small(), Stamp::new(at(1), "op")).unwrap());
    let p = path.to_str().unwrap();
    let l = log.to_str().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    let (mut in_flight_kept, mut none_in_flight) = (0usize, 0usize);
    let mut last_head = 1i64;
    let mut full_checks = 0;
    for run in 0..runs {
        // one run in four with every commit flushed (the default), the others flushed at
        // checkpoints: a kill then lands anywhere in the write path, not mostly in an fsync
        let sync = if run % 4 == 0 { "full" } else { "normal" };
        let mut child = spawn_child(
            "looper",
            &[
                ("DJ_STORE_PATH", p),
                ("DJ_STORE_LOG", l),
                ("DJ_STORE_SYNC", sync),
            ],
        );
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        // wait until the child has committed its first batch of the run
        loop {
            line.clear();
            if out.read_line(&mut line).unwrap() == 0 || line.trim_end().ends_with("ready") {
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.next() % max_delay_us));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let logged = std::fs::read_to_string(&log).unwrap_or_default();
        let last_logged = logged
            .lines()
            .filter_map(|l| l.parse::<i64>().ok())
            .max()
            .unwrap_or(1)
            .max(last_head);
        let store = Store::open(&path).unwrap();
        // the whole check (SQLite's integrity check, the digest chain of the whole history) every
        // tenth run and the last; every run: the head, the dataset and the core's validation
        let n = if run % 10 == 9 || run + 1 == runs {
            full_checks += 1;
            store
                .verify()
                .unwrap_or_else(|e| panic!("run {run}: {e}"))
                .head
                .0
        } else {
            store.head().unwrap().id.0
        };
        // every commit that returned is there; at most the one in flight beyond it
        assert!(
            n == last_logged || n == last_logged + 1,
            "run {run}: head {n}, last logged {last_logged}"
        );
        if n == last_logged + 1 {
            in_flight_kept += 1;
        } else {
            none_in_flight += 1;
        }
        let ds = store.dataset().unwrap();
        dangjian::store::validate(&ds).unwrap_or_else(|e| panic!("run {run}: {e}"));
        assert_eq!(ds, kill_expected(n), "run {run}");
        drop(store);
        last_head = n;
    }
    println!(
        "kill -9: {runs} runs in {:.1} s, {last_head} batches committed, \
         {in_flight_kept} runs kept a batch committed but not yet logged, \
         {none_in_flight} runs ended on the last logged batch; every run opened, validated and \
         held exactly the old or the new batch; {full_checks} full verifications passed",
        started.elapsed().as_secs_f64()
    );
    assert!(
        last_head > runs as i64,
        "each run commits a batch: {last_head}"
    );
}

// ---- full disk ----

fn big_batch(tag: &str, n: usize) -> Records {
    Records {
        activities: (0..n)
            .map(|i| {
                let mut a = activity(&format!("{tag}-{i}"), "M1");
                a.note = Some("填充".repeat(40));
                a
            })
            .collect(),
        ..Records::default()
    }
}

#[test]
fn a_full_store_refuses_the_batch_whole() {
    let dir = TempDir::new("max-pages");
    let path = dir.join("c.djstore");
    let ds = Dataset::sample_small();
    drop(Store::create(&path, &ds, Stamp::new(t0(), "op")).unwrap());
    let pages = {
        let s = Store::open(&path).unwrap();
        drop(s);
        let len = std::fs::metadata(&path).unwrap().len();
        (len / 4096) as u32
    };
    let options = StoreOptions {
        max_pages: Some(pages + 4),
        ..StoreOptions::default()
    };
    let mut store = Store::open_with(&path, &options).unwrap();
    let head = store.head().unwrap();
    let e = store
        .append(big_batch("F", 400), Stamp::new(at(1), "op"), head.id)
        .unwrap_err();
    assert_eq!(e, StoreError::DiskFull);
    assert_eq!(e.code(), "disk_full");
    assert!(e.to_string().starts_with("磁盘已满"), "{e}");
    assert_eq!(store.head().unwrap(), head);
    assert_eq!(store.dataset().unwrap(), ds);
    // a small batch still fits; the store is whole
    store
        .append(big_batch("S", 1), Stamp::new(at(2), "op"), head.id)
        .unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    store.verify().unwrap();
    // without the limit the big batch goes in
    let head = store.head().unwrap().id;
    store
        .append(big_batch("F", 400), Stamp::new(at(3), "op"), head)
        .unwrap();
    assert_eq!(store.dataset().unwrap().activities.len(), 401);
}

/// A tiny tmpfs, unmounted when dropped; none where mounting is not allowed.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_refuses_the_batch_whole() {
    let dir = TempDir::new("tmpfs");
    let mnt = dir.join("mnt");
    std::fs::create_dir_all(&mnt).unwrap();
    let Some(_fs) = Tmpfs::mount(&mnt, "1m") else {
        println!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    // room made by deleting this later
    let filler = mnt.join("filler");
    std::fs::write(&filler, vec![0u8; 256 * 1024]).unwrap();
    let path = mnt.join("c.djstore");
    let ds = Dataset::sample_small();
    let mut store = Store::create(&path, &ds, Stamp::new(t0(), "op")).unwrap();
    let mut expected = ds.clone();
    let mut full = None;
    for k in 1..200 {
        let head = store.head().unwrap().id;
        let recs = big_batch(&format!("D{k}"), 50);
        match store.append(recs.clone(), Stamp::new(at(k), "op"), head) {
            Ok(_) => recs.append_to(&mut expected),
            Err(e) => {
                full = Some((k, e));
                break;
            }
        }
    }
    let (k, e) = full.expect("the disk filled up");
    assert_eq!(e, StoreError::DiskFull, "batch {k}");
    println!("tmpfs of 1 MiB: disk full at batch {k}, refused whole");
    assert_eq!(store.dataset().unwrap(), expected);
    let head = store.head().unwrap();
    assert_eq!(head.id, BatchId(k));
    drop(store);
    // reopened: whole, the refused batch absent
    let mut store = Store::open(&path).unwrap();
    store.verify().unwrap();
    assert_eq!(store.dataset().unwrap(), expected);
    // room again: the same batch goes in
    std::fs::remove_file(&filler).unwrap();
    let recs = big_batch(&format!("D{k}"), 50);
    store
        .append(recs.clone(), Stamp::new(at(k), "op"), head.id)
        .unwrap();
    recs.append_to(&mut expected);
    assert_eq!(store.dataset().unwrap(), expected);
    store.verify().unwrap();
}

// ---- files that are not stores, and tampering ----

#[test]
fn opening_and_creating_refuse_what_is_not_theirs() {
    let dir = TempDir::new("files");
    let missing = dir.join("missing.djstore");
    assert_eq!(Store::open(&missing).unwrap_err().code(), "not_found");
    assert!(!missing.exists());

    let text = dir.join("text.djstore");
    std::fs::write(
        &text,
        "这不是数据库 not a database at all, padded ".repeat(200),
    )
    .unwrap();
    assert_eq!(Store::open(&text).unwrap_err().code(), "not_a_store");
    let e = Store::create(&text, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap_err();
    assert_eq!(e.code(), "already_exists");

    // another application's SQLite database: refused and untouched
    let other = dir.join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    assert_eq!(Store::open(&other).unwrap_err().code(), "not_a_store");
    let e = Store::create(&other, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap_err();
    assert_eq!(e.code(), "already_exists");
    assert_eq!(std::fs::read(&other).unwrap(), before);

    // an existing store is never overwritten
    let path = dir.join("c.djstore");
    drop(Store::create(&path, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap());
    let e = Store::create(&path, &Dataset::new("另一个"), Stamp::new(t0(), "op")).unwrap_err();
    assert_eq!(e.code(), "already_exists");
    // a store from a newer version
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        let app: i64 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
    }
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "newer_schema");
    // an empty file (a crashed create) may be created anew
    let empty = dir.join("empty.djstore");
    std::fs::write(&empty, b"").unwrap();
    Store::create(&empty, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap();
}

#[test]
fn the_history_is_append_only_and_tampering_is_found() {
    let dir = TempDir::new("tamper");
    let path = dir.join("c.djstore");
    let mut store = Store::create(&path, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap();
    store
        .append(acts(&["A1"]), Stamp::new(at(1), "op"), BatchId(1))
        .unwrap();
    drop(store);
    let c = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE records SET body = body",
        "DELETE FROM records",
        "UPDATE batches SET note = 'x'",
        "DELETE FROM batches WHERE id = 2",
    ] {
        let e = c.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
    // someone drops the guard and edits a record: verify finds it
    c.execute_batch(
        "DROP TRIGGER records_no_update;
         UPDATE records SET body = replace(body, '2025-12-01', '2025-12-02')
             WHERE batch = 2 AND section = 'activities';",
    )
    .unwrap();
    drop(c);
    let store = Store::open(&path).unwrap();
    let e = store.verify().unwrap_err();
    assert_eq!(e.code(), "corrupt");
    assert!(e.to_string().contains("第 2 批"), "{e}");
}

#[test]
fn a_writer_locked_out_past_the_timeout_gets_busy() {
    let dir = TempDir::new("busy");
    let path = dir.join("c.djstore");
    drop(Store::create(&path, &Dataset::sample_small(), Stamp::new(t0(), "op")).unwrap());
    let options = StoreOptions {
        busy_timeout: Duration::from_millis(100),
        ..StoreOptions::default()
    };
    let mut store = Store::open_with(&path, &options).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let e = store
        .append(acts(&["A1"]), Stamp::new(at(1), "op"), BatchId(1))
        .unwrap_err();
    assert_eq!(e, StoreError::Busy { waited_ms: 100 });
    assert_eq!(e.code(), "busy");
    // readers are not blocked by a writer (WAL)
    assert_eq!(store.head().unwrap().id, BatchId(1));
    other.execute_batch("ROLLBACK").unwrap();
    store
        .append(acts(&["A1"]), Stamp::new(at(1), "op"), BatchId(1))
        .unwrap();
}

#[test]
fn every_part_of_the_core_validation_guards_the_store() {
    let dir = TempDir::new("validation");
    let path = dir.join("c.djstore");
    let ds = dangjian::synth::sample_community();
    assert!(!ds.posts.is_empty() && !ds.elections.is_empty());
    let mut store = Store::create(&path, &ds, Stamp::new(t0(), "op")).unwrap();
    // a post entered twice: the post book's check
    let e = store
        .append(
            Records {
                posts: vec![ds.posts[0].clone()],
                ..Records::default()
            },
            Stamp::new(at(1), "op"),
            BatchId(1),
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Post(_)), "{e:?}");
    // an election entered twice: the compliance check
    let e = store
        .append(
            Records {
                elections: vec![ds.elections[0].clone()],
                ..Records::default()
            },
            Stamp::new(at(1), "op"),
            BatchId(1),
        )
        .unwrap_err();
    assert!(matches!(e, StoreError::Compliance(_)), "{e:?}");
    assert_eq!(e.code(), "duplicate_id");
    // a member entered twice: the registry
    let e = store
        .append(
            Records {
                members: vec![ds.members[0].clone()],
                ..Records::default()
            },
            Stamp::new(at(1), "op"),
            BatchId(1),
        )
        .unwrap_err();
    assert_eq!(e.code(), "duplicate_member");
    assert_eq!(store.history().unwrap().len(), 1);
    // a storage error: a directory where the file should be
    let e = Store::create(&dir.0, &ds, Stamp::new(t0(), "op")).unwrap_err();
    assert_eq!(e.code(), "storage", "{e:?}");
    assert!(e.to_string().starts_with("存储读写错误"), "{e}");
}
