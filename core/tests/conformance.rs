//! The conformance suite (`tests/conformance/`, format in its README): cases written from the
//! published texts, replayed here through the Rust core, and by pytest and node through the
//! bindings. Every rule of the catalogue must have at least two cases.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dangjian::io::Dataset;
use dangjian::report::{MonthlyReport, ReportOptions};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance")
}

/// Every case file under `tests/conformance/` except the bases.
fn case_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "bases") {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|e| e == "json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root(), &mut out);
    out.sort();
    out
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The dataset of a case: its `dataset`, or the file's (or case's) `base` with `merge` then
/// `extend` applied.
fn case_dataset(file: &Value, case: &Value) -> Result<Value, String> {
    let mut ds = if let Some(ds) = case.get("dataset") {
        ds.clone()
    } else {
        let base = case
            .get("base")
            .or_else(|| file.get("base"))
            .and_then(Value::as_str)
            .ok_or("no dataset and no base")?;
        read_json(&root().join("bases").join(format!("{base}.json")))?
    };
    let obj = ds.as_object_mut().ok_or("the dataset is not an object")?;
    if let Some(merge) = case.get("merge") {
        let merge = merge.as_object().ok_or("merge is not an object")?;
        for (k, v) in merge {
            obj.insert(k.clone(), v.clone());
        }
    }
    if let Some(extend) = case.get("extend") {
        let extend = extend.as_object().ok_or("extend is not an object")?;
        for (k, v) in extend {
            let add = v
                .as_array()
                .ok_or_else(|| format!("extend.{k} is not an array"))?;
            let slot = obj
                .entry(k.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            slot.as_array_mut()
                .ok_or_else(|| format!("{k} is not an array in the dataset"))?
                .extend(add.iter().cloned());
        }
    }
    Ok(ds)
}

/// What a query gives: `Ok(value)`, or `Err(code)` when the core refuses.
fn run_query(dataset: &Value, query: &Value) -> Result<Result<Value, String>, String> {
    let text = serde_json::to_string(dataset).map_err(|e| e.to_string())?;
    let kind = query
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("report");
    let ds = match Dataset::from_json(&text) {
        Ok(ds) => ds,
        Err(e) => return Ok(Err(e.code().to_string())),
    };
    match kind {
        "load" => Ok(match ds.to_registry() {
            Ok(_) => Ok(Value::from("ok")),
            Err(e) => Err(e.code().to_string()),
        }),
        "report" => {
            let month = query
                .get("month")
                .and_then(Value::as_str)
                .ok_or("report query without month")?;
            let (y, m) = month.split_once('-').ok_or("month is not YYYY-MM")?;
            let y: i32 = y.parse().map_err(|_| "bad year")?;
            let m: u32 = m.parse().map_err(|_| "bad month")?;
            let report = match MonthlyReport::build(&ds, y, m, &ReportOptions::default()) {
                Ok(r) => r,
                Err(e) => return Ok(Err(e.code().to_string())),
            };
            let value = serde_json::to_value(&report).map_err(|e| e.to_string())?;
            select(&value, query).map(Ok)
        }
        other => Err(format!("unknown query kind {other:?}")),
    }
}

/// `path`, then `where`, `pluck` and `count` (see the README).
fn select(value: &Value, query: &Value) -> Result<Value, String> {
    let path = query.get("path").and_then(Value::as_str).unwrap_or("");
    let mut v = value
        .pointer(path)
        .cloned()
        .ok_or_else(|| format!("path not found: {path}"))?;
    if let Some(cond) = query.get("where") {
        let cond = cond.as_object().ok_or("where is not an object")?;
        let items = v.as_array().ok_or("where needs an array at path")?;
        v = Value::Array(
            items
                .iter()
                .filter(|item| cond.iter().all(|(k, want)| item.get(k) == Some(want)))
                .cloned()
                .collect(),
        );
    }
    if let Some(field) = query.get("pluck").and_then(Value::as_str) {
        let items = v.as_array().ok_or("pluck needs an array at path")?;
        v = Value::Array(
            items
                .iter()
                .map(|item| item.get(field).cloned().unwrap_or(Value::Null))
                .collect(),
        );
    }
    if query.get("count").and_then(Value::as_bool) == Some(true) {
        let n = v.as_array().ok_or("count needs an array")?.len();
        v = Value::from(n);
    }
    Ok(v)
}

#[test]
fn conformance_cases_hold() {
    let files = case_files();
    let mut failures = Vec::new();
    let mut total = 0usize;
    for path in &files {
        let rel = path
            .strip_prefix(root())
            .unwrap_or(path)
            .display()
            .to_string();
        let file = match read_json(path) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{rel}: {e}"));
                continue;
            }
        };
        let cases = file
            .get("cases")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for case in &cases {
            total += 1;
            let name = case.get("name").and_then(Value::as_str).unwrap_or("?");
            let outcome = case_dataset(&file, case)
                .and_then(|ds| run_query(&ds, case.get("query").unwrap_or(&Value::Null)));
            let want_error = case.get("error").and_then(Value::as_str);
            let expected = case.get("expected");
            match (outcome, want_error, expected) {
                (Err(e), _, _) => failures.push(format!("{rel} «{name}»: case error: {e}")),
                (Ok(Ok(got)), None, Some(want)) if &got == want => {}
                (Ok(Err(code)), Some(want), _) if code == want => {}
                (Ok(got), _, _) => failures.push(format!(
                    "{rel} «{name}»: expected {} got {}",
                    want_error.map_or_else(
                        || expected.map_or("nothing".into(), |v| v.to_string()),
                        |c| format!("error {c}")
                    ),
                    match got {
                        Ok(v) => v.to_string(),
                        Err(c) => format!("error {c}"),
                    }
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} conformance cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_catalogued_rule_has_two_cases_and_every_case_a_catalogued_rule() {
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut unknown = Vec::new();
    for path in case_files() {
        let Ok(file) = read_json(&path) else { continue };
        let file_rule = file.get("rule").and_then(Value::as_str);
        for case in file
            .get("cases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let rule = case.get("rule").and_then(Value::as_str).or(file_rule);
            match rule {
                Some(r) if dangjian::catalogue::find(r).is_some() => {
                    *per_rule.entry(r.to_string()).or_default() += 1;
                }
                other => unknown.push(format!("{}: {other:?}", path.display())),
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "cases naming no catalogued rule: {unknown:#?}"
    );
    let missing: Vec<String> = dangjian::catalogue::all()
        .iter()
        .filter(|r| per_rule.get(r.code).copied().unwrap_or(0) < 2)
        .map(|r| {
            format!(
                "{} ({} cases)",
                r.code,
                per_rule.get(r.code).copied().unwrap_or(0)
            )
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules with fewer than two cases: {missing:#?}"
    );
}

#[test]
fn the_runner_detects_a_wrong_expectation() {
    // A case that must fail: the base community has ten members, not eleven.
    let file = serde_json::json!({"base": "branch10"});
    let case = serde_json::json!({});
    let ds = case_dataset(&file, &case).unwrap_or_default();
    let q = serde_json::json!({"kind": "report", "month": "2026-10", "path": "/orgs/0/members"});
    let got = run_query(&ds, &q);
    assert_eq!(got, Ok(Ok(Value::from(10))));
    assert_ne!(got, Ok(Ok(Value::from(11))));
    let missing = serde_json::json!({"kind": "report", "month": "2026-10", "path": "/nope"});
    assert!(run_query(&ds, &missing).is_err());
}
