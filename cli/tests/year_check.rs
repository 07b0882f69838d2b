//! The command line's check of a dataset covers the year's records (issue 22): a record added
//! to a dataset whose letters or appraisals are invalid is refused, with every problem listed
//! in Chinese with its section and position.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dangjian"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_dataset_with_bad_year_records_is_refused_with_every_problem() {
    let dir = std::env::temp_dir().join(format!("dangjian-cli-year-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("year.json");
    let d = data.to_str().unwrap();
    assert!(run(&["sample", "--out", d]).status.success());
    let mut ds =
        dangjian::io::Dataset::from_json(&std::fs::read_to_string(&data).unwrap()).unwrap();
    ds.letters[0].valid_days = 0;
    ds.letters[2].serial = 0;
    let first = ds.appraisals[0].decisions[0].clone();
    ds.appraisals[0].decisions.push(first);
    std::fs::write(&data, ds.to_json().unwrap()).unwrap();
    let record = [
        "record",
        "payments",
        "--data",
        d,
        "member=XF001",
        "month=2026-11",
        "金额（元）=16.50",
        "date=2026-11-10",
    ];
    let o = run(&record);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for want in [
        "年度记录有3处错误",
        "appraisals[0].decisions",
        "letters[0]：有效期 0 天无效",
        "letters[2]：介绍信编号",
    ] {
        assert!(err.contains(want), "{want} missing from {err}");
    }
    // the dataset is left as it was
    let after = dangjian::io::Dataset::from_json(&std::fs::read_to_string(&data).unwrap()).unwrap();
    assert_eq!(after.payments.len(), ds.payments.len());
    // fixed, the record is accepted
    ds.letters[0].valid_days = 30;
    ds.letters[2].serial = 99;
    ds.appraisals[0].decisions.pop();
    std::fs::write(&data, ds.to_json().unwrap()).unwrap();
    let o = run(&record);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
