//! Replays the fuzz regression corpus (`core/fuzz/regressions/<target>/*`) through the very
//! entry points the cargo-fuzz targets call (`core/fuzz/src/entry.rs`): no input may panic,
//! and every all-or-nothing and round-trip check of the entry points must hold.
//!
//! The directory name selects the target; a directory with no target fails the test, so a new
//! corpus cannot be silently skipped. `cargo test -p dangjian --features full --test fuzz_regressions -- --ignored
//! write_seeds` rewrites the hand-made seed inputs (files named `seed-*`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../fuzz/src/entry.rs"]
mod entry;

use std::path::{Path, PathBuf};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

#[test]
fn every_regression_input_replays_without_panic() {
    let mut total = 0;
    let mut dirs: Vec<_> = std::fs::read_dir(corpus_root())
        .expect("core/fuzz/regressions exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let names: Vec<String> = dirs
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for (name, _) in entry::TARGETS {
        assert!(
            names.iter().any(|n| n == name),
            "target `{name}` has no regression corpus"
        );
    }
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let run = entry::target(&name)
            .unwrap_or_else(|| panic!("regressions/{name}: no fuzz target of that name"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "regressions/{name} is empty");
        for f in files {
            let data = std::fs::read(&f).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(
                outcome.is_ok(),
                "regressions/{name}/{} panicked",
                f.file_name().unwrap().to_string_lossy()
            );
            total += 1;
        }
    }
    assert!(total >= 5 * 10, "only {total} regression inputs");
}

#[test]
fn event_batch_reads_past_the_end_as_zeros() {
    // An empty input and a one-byte input are valid (and do nothing harmful).
    entry::event_batch(&[]);
    entry::event_batch(&[0]);
    entry::event_batch(&[0, 7, 1, 2, 3]);
}

/// The structured `scoring` target on 600 pseudo-random inputs (xorshift, fixed seed): a quick
/// stand-in for the fuzzer under `cargo test` (rule sets, activities, strict versus lenient,
/// typed versus kernel versus the naive reference, explanations).
#[test]
fn scoring_target_survives_pseudo_random_inputs() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..600 {
        let data: Vec<u8> = (0..16 + i % 300)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        entry::scoring(&data);
    }
}

/// Writes the hand-made seeds (`seed-*`) of every target. Run with `--ignored write_seeds`.
#[test]
#[ignore = "rewrites the seed files"]
fn write_seeds() {
    use dangjian::io::Dataset;
    let root = corpus_root();
    let put = |target: &str, name: &str, bytes: &[u8]| {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{name}")), bytes).unwrap();
    };
    let small = Dataset::sample_small();
    put(
        "dataset_json",
        "sample-small.json",
        small.to_json().unwrap().as_bytes(),
    );
    put(
        "dataset_json",
        "compact.json",
        serde_json::to_string(&small).unwrap().as_bytes(),
    );
    put(
        "dataset_binary",
        "sample-small.bin",
        &small.to_binary().unwrap(),
    );
    let header = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,编号,人员类别,工作单位,身份证号,联系电话,特长";
    let csv = format!(
        "{header}\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,第一党支部,R1,居民,,,,唱歌、书法\n\
         钱七,男,1985/3/4,回族,大专,2010年7月1日,2011.07,B2,R2,在职,县人民医院,,13800000000,\n"
    );
    put("roster_csv", "roster.csv", csv.as_bytes());
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    put("roster_xlsx", "roster.xlsx", &wb.save_to_buffer().unwrap());
    // event_batch: op 0 (events) with 2 events: M2 converted on 2024-03-01; M4 moved to B1.
    let day = |y, m, d| {
        (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
            - chrono::NaiveDate::from_ymd_opt(1930, 1, 1).unwrap())
        .num_days() as u16
    };
    let mut ops = vec![0u8, 2];
    ops.extend([1u8]); // M2
    ops.extend(day(2024, 3, 1).to_be_bytes());
    ops.extend([6u8, 0]); // converted, no optional fields
    ops.extend([3u8]); // M4
    ops.extend(day(2024, 6, 1).to_be_bytes());
    ops.extend([10u8, 1, 1]); // moved, branch = ORGS[1] = B1
    put("event_batch", "convert-and-move.bin", &ops);
}
