//! Determinism (issue 9): the same inputs give byte-identical outputs across runs, threads and
//! builds. Golden files in `tests/golden/` pin the outputs of the sample community; the Python
//! and WASM bindings check the same digests, so a platform or language that differs fails.
//!
//! `DANGJIAN_BLESS=1 cargo test -p dangjian --features full --test determinism` rewrites the golden files
//! (review the diff of `report-2026-10.txt` by eye before committing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dangjian::io::Dataset;
use dangjian::privacy::Pseudonymizer;
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::scope::RosterExportOptions;
use dangjian::synth::{generate, sample_community, SynthConfig, SAMPLE_AS_OF};
use sha2::{Digest, Sha256};

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden")
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every pinned output, by name.
fn outputs() -> BTreeMap<&'static str, Vec<u8>> {
    let ds = sample_community();
    let reg = ds.to_registry().unwrap();
    let report = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
    let mut out = BTreeMap::new();
    out.insert("sample_dataset_json", ds.to_json().unwrap().into_bytes());
    out.insert("sample_dataset_binary", ds.to_binary().unwrap());
    out.insert("report_2026_10_text", report.render_text().into_bytes());
    out.insert("report_2026_10_json", serde_json::to_vec(&report).unwrap());
    let tables = dangjian::report::ReportTables::build(&ds, &reg, &report).unwrap();
    let csv: String = tables
        .to_csv_files(&dangjian::stats::ExportOptions::form())
        .unwrap()
        .into_iter()
        .map(|(name, csv)| format!("== {name}\n{csv}"))
        .collect();
    out.insert("report_2026_10_tables_csv", csv.into_bytes());
    out.insert(
        "roster_2026_10_31_csv",
        reg.scope_all()
            .roster_on(SAMPLE_AS_OF, &RosterExportOptions::default())
            .to_csv()
            .unwrap()
            .into_bytes(),
    );
    out.insert(
        "roster_b3_pseudonymized_csv",
        reg.scope("B3")
            .unwrap()
            .roster_on(
                SAMPLE_AS_OF,
                &RosterExportOptions::pseudonymized(Pseudonymizer::new(b"golden-key")),
            )
            .to_csv()
            .unwrap()
            .into_bytes(),
    );
    out.insert(
        "synth_1000_seed_7_json",
        generate(&SynthConfig::new(1000, 7))
            .to_json()
            .unwrap()
            .into_bytes(),
    );
    out
}

#[test]
fn outputs_match_the_golden_digests() {
    let now: BTreeMap<&str, String> = outputs().iter().map(|(k, v)| (*k, hex(v))).collect();
    let path = golden().join("digests.json");
    let report_path = golden().join("report-2026-10.txt");
    let report_now = String::from_utf8(outputs()["report_2026_10_text"].clone()).unwrap();
    if std::env::var_os("DANGJIAN_BLESS").is_some() {
        std::fs::create_dir_all(golden()).unwrap();
        std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
        std::fs::write(&report_path, &report_now).unwrap();
    }
    let pinned: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for (k, v) in &now {
        assert_eq!(
            pinned.get(*k),
            Some(v),
            "output `{k}` differs from tests/golden/digests.json"
        );
    }
    assert_eq!(pinned.len(), now.len());
    assert_eq!(std::fs::read_to_string(&report_path).unwrap(), report_now);
}

#[test]
fn outputs_are_identical_across_runs_and_threads() {
    let first = outputs();
    let threads: Vec<_> = (0..2).map(|_| std::thread::spawn(outputs)).collect();
    for t in threads {
        assert!(t.join().unwrap() == first);
    }
    // a dataset read back writes the same bytes
    let ds =
        Dataset::from_json(std::str::from_utf8(&first["sample_dataset_json"]).unwrap()).unwrap();
    assert_eq!(
        ds.to_json().unwrap().as_bytes(),
        &first["sample_dataset_json"][..]
    );
    assert_eq!(
        Dataset::from_binary(&first["sample_dataset_binary"]).unwrap(),
        ds
    );
}
