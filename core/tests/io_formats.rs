//! Data in and out: the JSON dataset format and its schema, roster import from CSV and XLSX.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use dangjian::io::{import_roster_csv, Dataset, DatasetError, Entry, ImportError, RosterOptions};
use dangjian::member::{Category, Education, Stage};
use dangjian::Registry;

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn json_errors_name_the_path_line_and_column() {
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["members"][1]["birth_date"] = "2024-02-30".into();
    let text = serde_json::to_string_pretty(&v).unwrap();
    let err = Dataset::from_json(&text).unwrap_err();
    let DatasetError::Json { path, line, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "members[1].birth_date");
    assert!(*line > 1);
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["orgs"][0]["colour"] = "red".into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["version"] = 99.into();
    assert!(matches!(
        Dataset::from_json(&v.to_string()).unwrap_err(),
        DatasetError::UnsupportedFormat { version: 99, .. }
    ));
    assert!(matches!(
        Dataset::from_json_bytes(b"{\"format\": \"\xff\"}").unwrap_err(),
        DatasetError::Json { .. }
    ));
    let deep = "[".repeat(10_000);
    assert!(matches!(
        Dataset::from_json(&deep).unwrap_err(),
        DatasetError::Json { .. }
    ));
}

#[test]
fn json_errors_cut_huge_echoed_values() {
    // serde echoes an unknown variant whole: a megabyte of it must not become the error.
    let huge = format!("{}13812345678{}", "x".repeat(500_000), "y".repeat(500_000));
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["orgs"][0]["kind"] = huge.as_str().into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err();
    let DatasetError::Json { path, message, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(path, "orgs[0].kind");
    assert!(
        message.chars().count() <= dangjian::scoring::MAX_ECHO_CHARS + 1,
        "{}",
        message.len()
    );
    assert!(message.contains("xxx…yyy"), "{message}");
    assert!(message.starts_with("unknown variant `xxx"), "{message}");
    // A value short enough to echo whole still has its digit runs masked.
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["orgs"][0]["kind"] = "13812345678".into();
    let err = Dataset::from_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        err.contains("138****5678") && !err.contains("13812345678"),
        "{err}"
    );
}

#[test]
fn dataset_content_errors_come_from_the_registry() {
    let mut ds = Dataset::sample_small();
    ds.events[4].date = d("2023-02-01"); // admitted before ... still fine
    ds.events.push(dangjian::member::EventRecord::new(
        "M2",
        d("2023-06-01"),
        dangjian::member::EventType::Converted,
    ));
    let err = ds.to_registry().unwrap_err();
    assert!(err.to_string().contains("probation_not_over"), "{err}");
}

#[test]
fn sample_community_round_trips_through_json() {
    let ds = dangjian::synth::sample_community();
    let text = ds.to_json().unwrap();
    let back = Dataset::from_json(&text).unwrap();
    assert_eq!(back, ds);
    let reg = back.to_registry().unwrap();
    assert_eq!(
        Dataset::from_registry(&reg, ds.community.clone()).members,
        ds.members
    );
}

#[test]
fn json_schema_is_generated_from_the_types_and_checked_in() {
    let schema = serde_json::to_string_pretty(&Dataset::json_schema()).unwrap() + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/schema/dataset.schema.json"
    );
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &schema).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == schema, "docs/schema/dataset.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test -p dangjian --features full --test io_formats`");
    let v: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert!(v["properties"]["members"].is_object());
    assert!(v.to_string().contains("transferred_in"));
}

const HEADER: &str = "编号,姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,人员类别,工作单位,身份证号,联系电话,特长";

#[test]
fn csv_roster_imports_into_the_registry() {
    let mut reg = Registry::sample_small();
    let csv = format!(
        "{HEADER}\nR1,陈静,女,1949/12/31,汉族,大学本科,1975年3月1日,1976.03,第一党支部,离退休,,11010519491231002X,13812345678,调解、宣传\nR2,周强,男,19900102,土家族,大专,2020-06-01,,B2,在职,县人民医院,,,\n"
    );
    let out = import_roster_csv(
        csv.as_bytes(),
        reg.tree(),
        &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn),
    )
    .unwrap();
    assert_eq!(out.members.len(), 2);
    assert_eq!(out.members[0].education, Education::Bachelor);
    assert_eq!(out.members[0].skills, ["调解", "宣传"]);
    assert_eq!(out.members[1].category, Category::InService);
    reg.import(out.members, out.events).unwrap();
    let s = reg.state("R1", d("2021-01-01")).unwrap();
    assert_eq!(s.stage, Stage::Full);
    assert_eq!(s.converted_on, Some(d("1976-03-01")));
    let s = reg.state("R2", d("2021-01-01")).unwrap();
    assert_eq!(s.stage, Stage::Probationary);
    assert_eq!(s.probation_due, Some(d("2021-06-01")));
}

#[test]
fn csv_roster_reports_every_bad_row_with_row_column_and_reason() {
    let reg = Registry::sample_small();
    let csv = format!(
        "{HEADER}\nR1,陈静,女,1950-02-30,汉族,本科,1975-03-01,,第一党支部,,,,,\nR2,,男,1990-01-02,汉族,火箭,2020-06-01,2019-01-01,第九支部,,,110105194912310021,12345,\n"
    );
    let err = import_roster_csv(
        csv.as_bytes(),
        reg.tree(),
        &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn),
    )
    .unwrap_err();
    let ImportError::Rows(rows) = err else {
        panic!("{err}")
    };
    let at = |row: usize, col: &str| rows.iter().any(|e| e.row == row && e.column == col);
    assert!(at(2, "出生日期"));
    assert!(
        at(3, "姓名")
            && at(3, "学历")
            && at(3, "转正时间")
            && at(3, "所在支部")
            && at(3, "身份证号")
            && at(3, "联系电话")
    );
    for e in &rows {
        assert!(
            !e.reason.contains("110105194912310021") && !e.reason.contains("12345,"),
            "unmasked data in {e}"
        );
    }
}

#[test]
fn csv_roster_in_gb18030_with_missing_column() {
    let reg = Registry::sample_small();
    let text = format!(
        "{HEADER}\nR1,陈静,女,1950-02-03,汉族,本科,1975-03-01,1976-03-01,第一党支部,,,,,\n"
    );
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let out = import_roster_csv(
        &gbk,
        reg.tree(),
        &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn),
    )
    .unwrap();
    assert_eq!(out.members[0].name.as_str(), "陈静");
    let err = import_roster_csv(
        "姓名,性别\n张三,男\n".as_bytes(),
        reg.tree(),
        &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn),
    )
    .unwrap_err();
    assert!(
        matches!(err, ImportError::MissingColumn { ref column, .. } if column == "出生日期"),
        "{err}"
    );
    let bom = format!("\u{feff}{text}");
    assert_eq!(
        import_roster_csv(
            bom.as_bytes(),
            reg.tree(),
            &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn)
        )
        .unwrap()
        .members
        .len(),
        1
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn xlsx_roster_with_dates_formulas_and_merged_cells() {
    use dangjian::io::import_roster_xlsx;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let reg = Registry::sample_small();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    let row = ["R1", "陈静", "女", "", "汉族", "本科", "", "", "第一党支部"];
    for (c, v) in row.iter().enumerate() {
        if !v.is_empty() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    ws.write_datetime_with_format(
        1,
        3,
        ExcelDateTime::from_ymd(1950, 2, 3).unwrap(),
        &date_fmt,
    )
    .unwrap();
    ws.write_datetime_with_format(
        1,
        6,
        ExcelDateTime::from_ymd(1975, 3, 1).unwrap(),
        &date_fmt,
    )
    .unwrap();
    ws.write_string(1, 7, "1976-03-01").unwrap();
    // row 3: a formula for the name and a merged branch cell spanning two rows
    ws.write_formula(2, 1, "=\"周\"&\"强\"").unwrap();
    for (c, v) in [
        "R2",
        "",
        "男",
        "1990-01-02",
        "汉族",
        "大专",
        "2020-06-01",
        "",
    ]
    .iter()
    .enumerate()
    {
        if !v.is_empty() {
            ws.write_string(2, c as u16, *v).unwrap();
        }
    }
    ws.merge_range(2, 8, 3, 8, "第一党支部", &Format::new())
        .unwrap();
    ws.write_string(3, 0, "R3").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let err = import_roster_xlsx(
        &bytes,
        reg.tree(),
        &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn),
    )
    .unwrap_err();
    let ImportError::Rows(rows) = err else {
        panic!("{err}")
    };
    // a formula cell is refused (its cached value cannot be trusted);
    // row 4 is a merged continuation with only an id
    assert!(
        rows.iter()
            .any(|e| e.row == 3 && e.column == "姓名" && e.reason.contains("formula")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|e| e.row == 4 && e.column == "所在支部"),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|e| e.row == 2), "row 2 is valid: {rows:?}");
    assert!(import_roster_xlsx(
        b"not a zip",
        reg.tree(),
        &RosterOptions::new(d("2021-01-01")).entry(Entry::TransferredIn)
    )
    .is_err());
}
