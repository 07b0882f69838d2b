//! Hostile rule sets (JSON and TOML), rule books and scoring requests (entries `rule_set_json`,
//! `rule_set_toml`, `score_json`). Each expectation was worked out from the rules of
//! `core/src/scoring/rules.rs` and `typed.rs` (see `docs/scoring.md`), then checked by the replay.

use super::*;

use dangjian::scoring::{Mode, Period, RuleBook, RuleSet, Scorer};

/// The bundled sample community and its registry (a `score_json` case with `"dataset": null`).
fn sample() -> &'static (Dataset, Registry) {
    static S: std::sync::OnceLock<(Dataset, Registry)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let ds = sample_community();
        let reg = ds.to_registry().unwrap();
        (ds, reg)
    })
}

fn ds_err(e: &dangjian::io::DatasetError) -> (String, String, ErrorReport) {
    fail(e)
}

fn rs_err(e: &dangjian::scoring::RuleSetError) -> (String, String, ErrorReport) {
    fail(e)
}

/// Whether the document's first non-blank byte opens an array (a rule book).
fn is_book(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[')
}

/// `rule_set_json`: a JSON object is one rule set, a JSON array a rule book.
pub(crate) fn rule_set_json(bytes: &[u8]) -> Outcome {
    if is_book(bytes) {
        RuleBook::from_json_bytes(bytes)
            .map(|_| ())
            .map_err(|e| rs_err(&e))
    } else {
        RuleSet::from_json_bytes(bytes)
            .map(|_| ())
            .map_err(|e| rs_err(&e))
    }
}

/// `rule_set_toml`.
pub(crate) fn rule_set_toml(bytes: &[u8]) -> Outcome {
    RuleSet::from_toml_bytes(bytes)
        .map(|_| ())
        .map_err(|e| rs_err(&e))
}

/// `score_json`: load the dataset (or take the sample community), load the rule set (an array
/// is a rule book), read the period, build the typed scorer and score the period.
pub(crate) fn score_json(bytes: &[u8]) -> Outcome {
    let req: Value = serde_json::from_slice(bytes).map_err(|e| request_json(&e))?;
    let own;
    let (ds, reg) = match &req["dataset"] {
        Value::Null => {
            let s = sample();
            (&s.0, &s.1)
        }
        v => {
            let ds = Dataset::from_json(&v.to_string()).map_err(|e| ds_err(&e))?;
            let reg = ds.to_registry().map_err(|e| fail(&e))?;
            own = (ds, reg);
            (&own.0, &own.1)
        }
    };
    let rules = req["rule_set"].to_string();
    let book = if req["rule_set"].is_array() {
        RuleBook::from_json(&rules).map_err(|e| rs_err(&e))?
    } else {
        RuleBook::new(vec![RuleSet::from_json(&rules).map_err(|e| rs_err(&e))?])
            .map_err(|e| rs_err(&e))?
    };
    let period: Period = req["period"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .map_err(|e: dangjian::scoring::PeriodParseError| fail(&e))?;
    let mode = if req["strict"].as_bool().unwrap_or(true) {
        Mode::Strict
    } else {
        Mode::Lenient
    };
    let scorer = Scorer::new(reg, &ds.activities, mode).map_err(|e| fail(&e))?;
    let scored = if req["rule_set"].is_array() {
        scorer.score_book(&book, period)
    } else {
        let rs = book.versions().first().unwrap();
        scorer.score(rs, period)
    };
    scored.map(|_| ()).map_err(|e| fail(&e))
}

// ---------------------------------------------------------------------------------------------
// The cases.

fn member_default() -> Value {
    serde_json::to_value(RuleSet::member_default()).unwrap()
}

fn org_default() -> Value {
    serde_json::to_value(RuleSet::org_default()).unwrap()
}

const TOML: &str = include_str!("../../rulesets/member-default.toml");

impl Cases {
    fn rs(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut Value),
        code: &'static str,
        wh: &[&str],
        why: &[&str],
    ) {
        let mut v = member_default();
        f(&mut v);
        let text = serde_json::to_string_pretty(&v).unwrap();
        self.rs_raw(name, text.as_bytes(), code, wh, why);
    }

    fn rs_raw(&mut self, name: &str, bytes: &[u8], code: &'static str, wh: &[&str], why: &[&str]) {
        self.add(
            &format!("rule-set/{name}.json"),
            "rule_set_json",
            bytes.to_vec(),
            code,
            wh,
            why,
        );
    }

    fn toml(&mut self, name: &str, bytes: &[u8], code: &'static str, wh: &[&str], why: &[&str]) {
        self.add(
            &format!("rule-set-toml/{name}.toml"),
            "rule_set_toml",
            bytes.to_vec(),
            code,
            wh,
            why,
        );
    }

    /// A scoring request: `dataset` (or null), `rule_set`, `period`, `strict`.
    #[allow(clippy::too_many_arguments)]
    fn score(
        &mut self,
        name: &str,
        dataset: Value,
        rule_set: Value,
        period: &str,
        strict: bool,
        code: &'static str,
        wh: &[&str],
        why: &[&str],
    ) {
        let req =
            json!({"dataset": dataset, "rule_set": rule_set, "period": period, "strict": strict});
        let text = serde_json::to_string_pretty(&req).unwrap();
        self.add(
            &format!("score/{name}.json"),
            "score_json",
            text.into_bytes(),
            code,
            wh,
            why,
        );
    }
}

/// Replaces the first occurrence of `from` in the shipped TOML rule set (which must hold it).
fn toml_with(from: &str, to: &str) -> Vec<u8> {
    assert!(TOML.contains(from), "{from}");
    TOML.replacen(from, to, 1).into_bytes()
}

fn set(v: &mut Value, path: &[&str], x: Value) {
    let mut cur = v;
    for p in path {
        cur = match p.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[*p],
        };
    }
    *cur = x;
}

pub(crate) fn rule_set_cases(c: &mut Cases) {
    // member-default items: #0 meeting (basic +2, cap 8/month), #1 dues_on_time, #2 study,
    // #3 report_in (in_service only), #4 service_hour (reward), #5 post_fulfilled,
    // #6 commended, #7 absent (deduction -5), #8 dues_late, #9 commitment_broken,
    // #10 discipline (veto 0). Grades 优秀 ≥90, 合格 ≥75, 基本合格 ≥60, 不合格.
    // --- malformed documents
    c.rs_raw(
        "001-empty",
        b"",
        "rule_set_parse",
        &["line 1"],
        &["EOF while parsing a value"],
    );
    c.rs_raw(
        "002-string",
        b"\"member-default\"",
        "rule_set_parse",
        &["line 1"],
        &["invalid type: string"],
    );
    c.rs_raw(
        "003-trailing-garbage",
        format!("{} xyz", serde_json::to_string(&member_default()).unwrap()).as_bytes(),
        "rule_set_parse",
        &["line 1"],
        &["trailing characters"],
    );
    let mut bytes = serde_json::to_string(&member_default())
        .unwrap()
        .into_bytes();
    let at = bytes.iter().position(|b| *b == b'm').unwrap(); // inside "member-default"
    bytes[at] = 0xff;
    c.rs_raw(
        "004-utf8-error",
        &bytes,
        "rule_set_parse",
        &[&format!("line 1, column {}", at + 1)],
        &[&format!("invalid UTF-8 at byte {at}")],
    );
    c.rs(
        "005-unknown-field",
        |v| v["bonus"] = json!(5),
        "rule_set_parse",
        &["`bonus`"],
        &["unknown field `bonus`"],
    );
    c.rs(
        "006-missing-items",
        |v| {
            v.as_object_mut().unwrap().remove("items");
        },
        "rule_set_parse",
        &["line"],
        &["missing field `items`"],
    );
    // --- numbers
    c.rs(
        "007-points-four-decimals",
        |v| set(v, &["items", "0", "points"], json!(2.0005)),
        "rule_set_parse",
        &["items[0].points"],
        &["has more than three decimals"],
    );
    c.rs(
        "008-points-four-decimals-as-string",
        |v| set(v, &["items", "4", "points"], json!("1.2345")),
        "rule_set_parse",
        &["items[4].points"],
        &["`1.2345` has more than three decimals"],
    );
    c.rs_raw(
        "009-points-i64-overflow",
        serde_json::to_string(&member_default())
            .unwrap()
            .replacen("\"points\":2,", "\"points\":9223372036854775808,", 1)
            .as_bytes(),
        "rule_set_parse",
        &["items[0].points"],
        &["out of range"],
    );
    c.rs_raw(
        "010-points-beyond-u64",
        serde_json::to_string(&member_default())
            .unwrap()
            .replacen("\"points\":2,", "\"points\":-99999999999999999999999,", 1)
            .as_bytes(),
        "rule_set_parse",
        &["items[0].points"],
        &["out of range"],
    );
    c.rs(
        "011-points-per-unit-too-large",
        |v| set(v, &["items", "4", "points"], json!(10_001)),
        "rule_set_invalid",
        &["rule set `member-default`, item `service_hour`: field `points`"],
        &["is beyond ±10000 per unit"],
    );
    c.rs(
        "012-deduction-with-positive-points",
        |v| set(v, &["items", "7", "points"], json!(5)),
        "rule_set_invalid",
        &["item `absent`: field `points`"],
        &["5 must be negative for a deduction item"],
    );
    c.rs(
        "013-reward-with-negative-points",
        |v| set(v, &["items", "4", "points"], json!(-1)),
        "rule_set_invalid",
        &["item `service_hour`: field `points`"],
        &["-1 must be positive for a basic or reward item"],
    );
    c.rs(
        "014-veto-with-positive-points",
        |v| set(v, &["items", "10", "points"], json!(1)),
        "rule_set_invalid",
        &["item `discipline`: field `points`"],
        &["must be zero or negative for a veto item"],
    );
    c.rs(
        "015-huge-base",
        |v| v["base"] = json!(2_000_000_000),
        "rule_set_invalid",
        &["rule set `member-default`: field `base`"],
        &["is beyond ±1000000000"],
    );
    c.rs(
        "016-base-beyond-fixed",
        |v| v["base"] = json!(1e15),
        "rule_set_parse",
        &["`base`"],
        &["out of range (at most 10^12 in magnitude)"],
    );
    c.rs(
        "017-floor-above-ceiling",
        |v| {
            v["floor"] = json!(80);
            v["ceiling"] = json!(70);
        },
        "rule_set_invalid",
        &["field `floor`"],
        &["80 is above the ceiling 70"],
    );
    // --- caps
    c.rs(
        "018-negative-cap",
        |v| set(v, &["items", "0", "cap", "points"], json!(-8)),
        "rule_set_invalid",
        &["item `meeting`: field `cap.points`"],
        &["-8 must be a positive magnitude up to 1000000000"],
    );
    c.rs(
        "019-zero-cap",
        |v| set(v, &["items", "2", "cap", "points"], json!(0)),
        "rule_set_invalid",
        &["item `study`: field `cap.points`"],
        &["0 must be a positive magnitude"],
    );
    c.rs(
        "020-cap-beyond-max-points",
        |v| {
            set(
                v,
                &["items", "0", "cap", "points"],
                json!(999_999_999_999i64),
            )
        },
        "rule_set_invalid",
        &["item `meeting`: field `cap.points`"],
        &["must be a positive magnitude up to 1000000000"],
    );
    c.rs(
        "021-cap-i64-overflow",
        |v| set(v, &["items", "0", "cap", "points"], json!(u64::MAX)),
        "rule_set_parse",
        &["items[0].cap.points"],
        &["out of range"],
    );
    c.rs(
        "022-quarter-cap-window-in-a-monthly-rule-set",
        |v| set(v, &["items", "0", "cap", "per"], json!("quarter")),
        "rule_set_invalid",
        &["item `meeting`: field `cap.per`"],
        &["a Quarter window does not fit in a 月度 period"],
    );
    c.rs(
        "023-year-cap-window-in-a-quarterly-rule-set",
        |v| {
            v["period"] = json!("quarter");
            set(v, &["items", "4", "cap", "per"], json!("year"));
        },
        "rule_set_invalid",
        &["item `service_hour`: field `cap.per`"],
        &["a Year window does not fit in a 季度 period"],
    );
    c.rs(
        "024-unknown-cap-window",
        |v| set(v, &["items", "0", "cap", "per"], json!("fortnight")),
        "rule_set_parse",
        &["items[0].cap.per"],
        &["unknown variant `fortnight`"],
    );
    c.rs(
        "025-negative-category-cap",
        |v| v["category_caps"] = json!({"reward": -30}),
        "rule_set_invalid",
        &["field `category_caps.reward`"],
        &["-30 must be a positive magnitude"],
    );
    c.rs(
        "026-unknown-category-cap",
        |v| v["category_caps"] = json!({"bonus": 30}),
        "rule_set_parse",
        &["category_caps.bonus"],
        &["unknown field `bonus`"],
    );
    // --- unknown names, duplicates
    c.rs(
        "027-unknown-category",
        |v| set(v, &["items", "0", "category"], json!("bonus")),
        "rule_set_parse",
        &["items[0].category"],
        &["unknown variant `bonus`"],
    );
    c.rs(
        "028-unknown-unit",
        |v| set(v, &["items", "4", "unit"], json!("minute")),
        "rule_set_parse",
        &["items[4].unit"],
        &["unknown variant `minute`"],
    );
    c.rs(
        "029-unknown-period",
        |v| v["period"] = json!("fortnight"),
        "rule_set_parse",
        &["period"],
        &["unknown variant `fortnight`"],
    );
    c.rs(
        "030-unknown-eligible-category",
        |v| set(v, &["items", "3", "eligible"], json!(["astronaut"])),
        "rule_set_parse",
        &["items[3].eligible[0]"],
        &["unknown variant `astronaut`"],
    );
    c.rs(
        "031-duplicate-item-code",
        |v| {
            let first = v["items"][0].clone();
            v["items"].as_array_mut().unwrap().push(first);
        },
        "duplicate_item",
        &["rule set `member-default`: item #11 `meeting`"],
        &["repeats the code of item #0"],
    );
    c.rs(
        "032-bad-item-code",
        |v| set(v, &["items", "0", "code"], json!("Meeting!")),
        "rule_set_invalid",
        &["item `Meeting!`: field `code`"],
        &["must be 1 to 64 characters of a-z, 0-9 and _"],
    );
    c.rs(
        "033-no-items",
        |v| v["items"] = json!([]),
        "rule_set_invalid",
        &["field `items`"],
        &["must hold 1 to 4096 items"],
    );
    c.rs(
        "034-duplicate-eligible-category",
        |v| {
            set(
                v,
                &["items", "3", "eligible"],
                json!(["in_service", "in_service"]),
            )
        },
        "rule_set_invalid",
        &["item `report_in`: field `eligible[1]`"],
        &["repeats"],
    );
    c.rs(
        "035-org-kinds-on-a-member-rule-set",
        |v| v["org_kinds"] = json!(["branch"]),
        "rule_set_invalid",
        &["field `org_kinds`"],
        &["applies to organization rule sets only"],
    );
    c.rs(
        "036-eligible-on-an-organization-rule-set",
        |v| {
            *v = org_default();
            v["items"][0]["eligible"] = json!(["retired"]);
        },
        "rule_set_invalid",
        &["rule set `org-default`, item `org_building_failed`: field `eligible`"],
        &["applies to member rule sets only"],
    );
    // --- grades, stars, quota
    c.rs(
        "037-grades-unordered",
        |v| {
            v["grades"] = json!([
                {"name": "合格", "min": 75}, {"name": "优秀", "min": 90},
                {"name": "基本合格", "min": 60}, {"name": "不合格"}
            ]);
        },
        "rule_set_invalid",
        &["field `grades[1].min`"],
        &["90 must be below the previous grade's minimum"],
    );
    c.rs(
        "038-duplicate-grade-threshold",
        |v| set(v, &["grades", "1", "min"], json!(90)),
        "rule_set_invalid",
        &["field `grades[1].min`"],
        &["90 must be below the previous grade's minimum"],
    );
    c.rs(
        "039-duplicate-grade-name",
        |v| set(v, &["grades", "1", "name"], json!("优秀")),
        "rule_set_invalid",
        &["field `grades[1].name`"],
        &["`优秀` repeats"],
    );
    c.rs(
        "040-last-grade-with-minimum",
        |v| set(v, &["grades", "3", "min"], json!(0)),
        "rule_set_invalid",
        &["field `grades[3].min`"],
        &["must be absent on the last grade"],
    );
    c.rs(
        "041-middle-grade-without-minimum",
        |v| {
            v["grades"][1].as_object_mut().unwrap().remove("min");
        },
        "rule_set_invalid",
        &["field `grades[1].min`"],
        &["is required on every grade but the last"],
    );
    c.rs(
        "042-no-grades",
        |v| v["grades"] = json!([]),
        "rule_set_invalid",
        &["field `grades`"],
        &["must hold 1 to 32 grades"],
    );
    c.rs(
        "043-thirty-three-grades",
        |v| {
            let mut g: Vec<Value> = (0..32)
                .map(|k| json!({"name": format!("g{k}"), "min": 1000 - k}))
                .collect();
            g.push(json!({"name": "last"}));
            v["grades"] = Value::Array(g);
        },
        "rule_set_invalid",
        &["field `grades`"],
        &["must hold 1 to 32 grades"],
    );
    c.rs(
        "044-stars-not-increasing",
        |v| v["stars"] = json!([70, 70, 90]),
        "rule_set_invalid",
        &["field `stars[1]`"],
        &["thresholds must increase"],
    );
    c.rs(
        "045-quota-zero",
        |v| v["top_quota"] = json!({"percent": 0}),
        "rule_set_invalid",
        &["field `top_quota.percent`"],
        &["0 must be above 0 and at most 100"],
    );
    c.rs(
        "046-quota-above-hundred",
        |v| v["top_quota"] = json!({"percent": 150}),
        "rule_set_invalid",
        &["field `top_quota.percent`"],
        &["150 must be above 0 and at most 100"],
    );
    c.rs(
        "047-quota-negative",
        |v| v["top_quota"] = json!({"percent": -5}),
        "rule_set_invalid",
        &["field `top_quota.percent`"],
        &["-5 must be above 0 and at most 100"],
    );
    c.rs(
        "048-quota-with-one-grade",
        |v| v["grades"] = json!([{"name": "合格"}]),
        "rule_set_invalid",
        &["field `top_quota`"],
        &["needs at least two grades"],
    );
    // --- dates, ids, versions
    c.rs(
        "049-effective-from-february-30",
        |v| v["effective_from"] = json!("2024-02-30"),
        "rule_set_parse",
        &["effective_from"],
        &["input is out of range"],
    );
    c.rs(
        "050-effective-from-month-13",
        |v| v["effective_from"] = json!("2024-13-01"),
        "rule_set_parse",
        &["effective_from"],
        &["input is out of range"],
    );
    c.rs(
        "051-effective-from-far-future",
        |v| v["effective_from"] = json!("2300-01-01"),
        "rule_set_invalid",
        &["field `effective_from`"],
        &["2300-01-01 is outside 1900-01-01 ..= 2199-12-31"],
    );
    c.rs(
        "052-version-zero",
        |v| v["version"] = json!(0),
        "rule_set_invalid",
        &["field `version`"],
        &["must be at least 1"],
    );
    c.rs(
        "053-version-negative",
        |v| v["version"] = json!(-1),
        "rule_set_parse",
        &["version"],
        &["invalid value: integer `-1`"],
    );
    c.rs(
        "054-blank-id",
        |v| v["id"] = json!("  "),
        "rule_set_invalid",
        &["field `id`"],
        &["must be 1 to 64 bytes"],
    );
    c.rs(
        "055-phone-as-id",
        |v| {
            v["id"] = json!("13812345678");
            v["top_quota"] = json!({"percent": 0});
        },
        "rule_set_invalid",
        &["rule set `138****5678`: field `top_quota.percent`"],
        &["must be above 0"],
    );
    // --- sizes and nesting
    c.rs(
        "056-name-too-long",
        |v| v["name"] = json!("党".repeat(201)),
        "rule_set_invalid",
        &["field `name`"],
        &["is 201 characters long, above the limit of 200"],
    );
    c.rs(
        "057-item-note-too-long",
        |v| set(v, &["items", "0", "note"], json!("x".repeat(10_001))),
        "rule_set_invalid",
        &["item `meeting`: field `note`"],
        &["is 10001 characters long, above the limit of 10000"],
    );
    c.rs(
        "058-source-too-long",
        |v| v["source"] = json!("x".repeat(10_001)),
        "rule_set_invalid",
        &["field `source`"],
        &["above the limit of 10000"],
    );
    c.rs(
        "059-grade-name-too-long",
        |v| set(v, &["grades", "0", "name"], json!("优".repeat(300))),
        "rule_set_invalid",
        &["field `grades[0].name`"],
        &["is 300 characters long"],
    );
    c.rs(
        "060-huge-unknown-category-is-cut",
        |v| set(v, &["items", "0", "category"], json!("b".repeat(20_000))),
        "rule_set_parse",
        &["items[0].category"],
        &["unknown variant `bbbb", "…", "expected one of `basic`"],
    );
    c.rs(
        "061-nesting-bomb-ten-levels-in-items",
        |v| {
            let mut x = json!({"code": "a"});
            for _ in 0..10 {
                x = json!([x]);
            }
            v["items"] = x;
        },
        "rule_set_parse",
        &["items[0][0]"],
        &["invalid type: sequence, expected a string"],
    );
    c.rs(
        "062-nesting-bomb-ten-levels-in-a-cap",
        |v| {
            let mut x = json!(8);
            for _ in 0..10 {
                x = json!({"points": x});
            }
            set(v, &["items", "0", "cap"], x);
        },
        "rule_set_parse",
        &["items[0].cap.points"],
        &["expected a decimal number"],
    );
    let deep = format!("{{\"id\": {}1{}}}", "[".repeat(20_000), "]".repeat(20_000));
    c.rs_raw(
        "063-nesting-bomb-twenty-thousand-levels",
        deep.as_bytes(),
        "rule_set_parse",
        &["`id`"],
        &["invalid type: sequence, expected a string"],
    );
    c.rs(
        "064-id-number-as-points-is-masked",
        |v| set(v, &["items", "0", "points"], json!("110101199003070011")),
        "rule_set_parse",
        &["items[0].points"],
        &["110***********0011", "out of range"],
    );
    // --- rule books (a JSON array of versions)
    let v1 = member_default();
    let version = |n: u32, from: &str| {
        let mut v = member_default();
        v["version"] = json!(n);
        v["effective_from"] = json!(from);
        v
    };
    c.rs_raw(
        "065-book-empty",
        b"[]",
        "rule_book",
        &["rule book"],
        &["the book is empty"],
    );
    c.rs_raw(
        "066-book-reversed-versions",
        serde_json::to_string_pretty(&json!([version(2, "2022-01-01"), version(1, "2024-01-01")]))
            .unwrap()
            .as_bytes(),
        "rule_book",
        &["rule book: version 1 of `member-default`"],
        &["takes effect after version 2 but is not numbered above it"],
    );
    c.rs_raw(
        "067-book-overlapping-versions",
        serde_json::to_string_pretty(&json!([v1, version(2, "2022-11-01")]))
            .unwrap()
            .as_bytes(),
        "rule_book",
        &["rule book: version 2 of `member-default`"],
        &["takes effect on 2022-11-01, like version 1"],
    );
    c.rs_raw(
        "068-book-duplicate-version-numbers",
        serde_json::to_string_pretty(&json!([v1, version(1, "2025-01-01")]))
            .unwrap()
            .as_bytes(),
        "rule_book",
        &["rule book: version 1 of `member-default`"],
        &["takes effect after version 1 but is not numbered above it"],
    );
    let mut other = version(2, "2025-01-01");
    other["id"] = json!("member-other");
    c.rs_raw(
        "069-book-mixed-tables",
        serde_json::to_string_pretty(&json!([v1, other]))
            .unwrap()
            .as_bytes(),
        "rule_book",
        &["version 2 of `member-other`"],
        &["differs from `member-default` in id, subject or period"],
    );
    let mut quarterly = version(2, "2025-01-01");
    quarterly["period"] = json!("quarter");
    c.rs_raw(
        "070-book-mixed-periods",
        serde_json::to_string_pretty(&json!([v1, quarterly]))
            .unwrap()
            .as_bytes(),
        "rule_book",
        &["version 2 of `member-default`"],
        &["differs from `member-default` in id, subject or period"],
    );
    let mut broken = version(2, "2025-01-01");
    broken["items"][0]["cap"]["points"] = json!(-1);
    c.rs_raw(
        "071-book-invalid-version",
        serde_json::to_string_pretty(&json!([v1, broken]))
            .unwrap()
            .as_bytes(),
        "rule_book",
        &["version 2 of `member-default`", "entry #1 of the book"],
        &["field `cap.points` -1 must be a positive magnitude"],
    );
    let mut bad_date = version(2, "2025-01-01");
    bad_date["effective_from"] = json!("2025-02-29");
    c.rs_raw(
        "072-book-version-dated-february-29-of-a-common-year",
        serde_json::to_string_pretty(&json!([v1, bad_date]))
            .unwrap()
            .as_bytes(),
        "rule_set_parse",
        &["[1].effective_from"],
        &["input is out of range"],
    );
}

pub(crate) fn toml_cases(c: &mut Cases) {
    let mut bytes = TOML.as_bytes().to_vec();
    let name_at = TOML.find("name = \"党员").unwrap() + "name = \"".len();
    bytes[name_at] = 0xff;
    let line = 1 + TOML[..name_at].matches('\n').count();
    let col = name_at - TOML[..name_at].rfind('\n').map_or(0, |p| p + 1) + 1;
    c.toml(
        "001-utf8-error-in-a-string",
        &bytes,
        "rule_set_parse",
        &[&format!("line {line}, column {col}")],
        &[&format!("invalid UTF-8 at byte {name_at}")],
    );
    let mut bytes = TOML.as_bytes().to_vec();
    let truncated_at = TOML.find("党员积分").unwrap() + 1; // the middle of a 3-byte character
    bytes.truncate(truncated_at);
    c.toml(
        "002-utf8-cut-in-a-character",
        &bytes,
        "rule_set_parse",
        &[&format!("line {line}")],
        &[&format!("invalid UTF-8 at byte {}", truncated_at - 1)],
    );
    let mut bytes = b"\xef\xbb".to_vec();
    bytes.extend_from_slice(TOML.as_bytes());
    c.toml(
        "003-utf8-broken-bom",
        &bytes,
        "rule_set_parse",
        &["line 1, column 1"],
        &["invalid UTF-8 at byte 0"],
    );
    c.toml(
        "004-syntax-error",
        &toml_with("base = 60", "base = "),
        "rule_set_parse",
        &["line 8, column 8"],
        &["string values must be quoted"],
    );
    c.toml(
        "005-duplicate-key",
        &toml_with("base = 60", "base = 60\nbase = 70"),
        "rule_set_parse",
        &["line 9, column 1"],
        &["duplicate key"],
    );
    c.toml(
        "006-base-four-decimals",
        &toml_with("base = 60", "base = 60.0001"),
        "rule_set_parse",
        &["`base`"],
        &["has more than three decimals"],
    );
    c.toml(
        "007-base-i64-overflow",
        &toml_with("base = 60", "base = 9223372036854775808"),
        "rule_set_parse",
        &["line 8, column 8"],
        &["value was too large"],
    );
    c.toml(
        "008-effective-from-february-30",
        &toml_with("effective_from = 2022-11-01", "effective_from = 2024-02-30"),
        "rule_set_parse",
        &["line 7, column 18"],
        &["invalid date, expected day between 01 and 29"],
    );
    c.toml(
        "009-effective-from-a-string-february-30",
        &toml_with(
            "effective_from = 2022-11-01",
            "effective_from = \"2024-02-30\"",
        ),
        "rule_set_parse",
        &["`effective_from`"],
        &["input is out of range"],
    );
    c.toml(
        "010-unknown-category",
        &toml_with("category = \"basic\"", "category = \"bonus\""),
        "rule_set_parse",
        &["items[0].category"],
        &["unknown variant `bonus`"],
    );
    c.toml(
        "011-unknown-window",
        &toml_with("per = \"month\"", "per = \"decade\""),
        "rule_set_parse",
        &["items[0].cap.per"],
        &["unknown variant `decade`"],
    );
    c.toml(
        "012-year-window-in-a-monthly-rule-set",
        &toml_with("per = \"month\"", "per = \"year\""),
        "rule_set_invalid",
        &["item `meeting`: field `cap.per`"],
        &["a Year window does not fit in a 月度 period"],
    );
    c.toml(
        "013-negative-cap",
        &toml_with("cap = { points = 8,", "cap = { points = -8,"),
        "rule_set_invalid",
        &["item `meeting`: field `cap.points`"],
        &["-8 must be a positive magnitude"],
    );
    c.toml(
        "014-duplicate-item-code",
        &toml_with("code = \"study\"", "code = \"meeting\""),
        "duplicate_item",
        &["item #2 `meeting`"],
        &["repeats the code of item #0"],
    );
    c.toml(
        "015-quota-out-of-range",
        &toml_with(
            "top_quota = { percent = 20 }",
            "top_quota = { percent = 101 }",
        ),
        "rule_set_invalid",
        &["field `top_quota.percent`"],
        &["101 must be above 0 and at most 100"],
    );
    c.toml(
        "016-grades-unordered",
        &toml_with("min = 75", "min = 95"),
        "rule_set_invalid",
        &["field `grades[1].min`"],
        &["95 must be below the previous grade's minimum"],
    );
    c.toml(
        "017-nan-base",
        &toml_with("base = 60", "base = nan"),
        "rule_set_parse",
        &["`base`"],
        &["invalid type: null"],
    );
    c.toml(
        "018-infinite-base",
        &toml_with("base = 60", "base = inf"),
        "rule_set_parse",
        &["`base`"],
        &["invalid type: null"],
    );
    let deep = format!(
        "{}\nsource = {}1{}\n",
        TOML.lines()
            .filter(|l| !l.starts_with("source"))
            .collect::<Vec<_>>()
            .join("\n"),
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    c.toml(
        "019-nesting-bomb-twenty-thousand-levels",
        deep.as_bytes(),
        "rule_set_parse",
        &["line"],
        &["max recursion depth met"],
    );
    let mut cap = "8".to_string();
    for _ in 0..10 {
        cap = format!("{{ points = {cap} }}");
    }
    c.toml(
        "020-nesting-bomb-ten-levels-in-a-cap",
        &toml_with(
            "cap = { points = 8, per = \"month\" }",
            &format!("cap = {cap}"),
        ),
        "rule_set_parse",
        &["items[0].cap.points"],
        &["expected a decimal number"],
    );
    c.toml(
        "021-name-too-long",
        &toml_with(
            "name = \"党员积分管理（月度考核）\"",
            &format!("name = \"{}\"", "党".repeat(201)),
        ),
        "rule_set_invalid",
        &["field `name`"],
        &["is 201 characters long, above the limit of 200"],
    );
    c.toml(
        "022-unknown-unit",
        &toml_with("unit = \"hour\"", "unit = \"minute\""),
        "rule_set_parse",
        &["items[4].unit"],
        &["unknown variant `minute`"],
    );
    c.toml(
        "023-points-four-decimals-in-an-item",
        &toml_with(
            "points = 2\nunit = \"occurrence\"",
            "points = 2.0005\nunit = \"occurrence\"",
        ),
        "rule_set_parse",
        &["items[0].points"],
        &["has more than three decimals"],
    );
}

/// The small sample (M1 full in B1 since 2020-01-01, M2 admitted 2023-03-01 in B1, M3 full in
/// B1 and M4 full in B2 since 2021-01-01) with `acts` as its activities.
fn small(acts: Value) -> Value {
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["activities"] = acts;
    v
}

fn act(id: &str, subject: &str, item: &str, date: &str) -> Value {
    json!({"id": id, "subject": subject, "item": item, "date": date})
}

pub(crate) fn score_cases(c: &mut Cases) {
    let md = member_default();
    let mar = "2024-03";
    let ok = act("a0", "M1", "meeting", "2024-03-05");
    c.score(
        "001-duplicate-activity-id",
        small(json!([
            ok,
            act("a1", "M3", "meeting", "2024-03-05"),
            act("a1", "M3", "study", "2024-03-06")
        ])),
        md.clone(),
        mar,
        true,
        "duplicate_activity",
        &["activity #2 `a1`"],
        &["duplicate id (first at #1)"],
    );
    c.score(
        "002-duplicate-activity-id-lenient",
        small(json!([ok, act("a0", "M3", "meeting", "2024-03-05")])),
        md.clone(),
        mar,
        false,
        "duplicate_activity",
        &["activity #1 `a0`"],
        &["duplicate id (first at #0)"],
    );
    let mut rev = act("r1", "M1", "meeting", "2024-03-06");
    rev["reverses"] = json!("zz");
    c.score(
        "003-reversal-of-unknown-id",
        small(json!([ok, rev])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #1 `r1` reverses `zz`"],
        &["no activity has that id"],
    );
    let mut r1 = act("r1", "M1", "meeting", "2024-03-06");
    r1["reverses"] = json!("a0");
    let mut r2 = act("r2", "M1", "meeting", "2024-03-07");
    r2["reverses"] = json!("r1");
    c.score(
        "004-reversal-chain",
        small(json!([ok, r1, r2])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #2 `r2` reverses `r1`"],
        &["the target is itself a reversal"],
    );
    let mut r2b = act("r2", "M1", "meeting", "2024-03-07");
    r2b["reverses"] = json!("a0");
    c.score(
        "005-reversed-twice",
        small(json!([ok, r1, r2b])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #2 `r2` reverses `a0`"],
        &["the target is already reversed by `r1`"],
    );
    let mut early = act("r1", "M1", "meeting", "2024-03-01");
    early["reverses"] = json!("a0");
    c.score(
        "006-reversal-before-its-target",
        small(json!([ok, early])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #1 `r1` reverses `a0`"],
        &["dated 2024-03-01, before the target's 2024-03-05"],
    );
    let mut other_item = act("r1", "M1", "study", "2024-03-06");
    other_item["reverses"] = json!("a0");
    c.score(
        "007-reversal-of-another-item",
        small(json!([ok, other_item])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #1 `r1` reverses `a0`"],
        &["subject and item must match"],
    );
    let mut itself = act("r1", "M1", "meeting", "2024-03-06");
    itself["reverses"] = json!("r1");
    c.score(
        "008-reversal-of-itself",
        small(json!([ok, itself])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #1 `r1` reverses `r1`"],
        &["an activity cannot reverse itself"],
    );
    c.score(
        "009-unknown-subject",
        small(json!([ok, act("a1", "M9", "meeting", "2024-03-05")])),
        md.clone(),
        mar,
        true,
        "unknown_subject",
        &["activity #1 `a1`"],
        &["subject `M9` is not on the roster nor in the organization tree"],
    );
    c.score(
        "010-phone-as-subject-is-masked",
        small(json!([act("a1", "13812345678", "meeting", "2024-03-05")])),
        md.clone(),
        mar,
        true,
        "unknown_subject",
        &["activity #0 `a1`"],
        &["subject `138****5678`"],
    );
    c.score(
        "011-unknown-item",
        small(json!([ok, act("a1", "M3", "karaoke", "2024-03-05")])),
        md.clone(),
        mar,
        true,
        "unknown_item",
        &["activity #1 `a1`"],
        &["item `karaoke` is not in rule set `member-default` version 1"],
    );
    c.score(
        "012-activity-before-admission",
        small(json!([act("a1", "M2", "meeting", "2023-01-10")])),
        md.clone(),
        "2023-01",
        true,
        "not_a_subject",
        &["activity #0 `a1`: `M2` on 2023-01-10"],
        &["not a member of this community that day"],
    );
    let mut died = small(json!([act("a1", "M1", "meeting", "2024-03-20")]));
    died["events"]
        .as_array_mut()
        .unwrap()
        .push(json!({"member": "M1", "date": "2024-03-10", "type": "died"}));
    c.score(
        "013-activity-after-death",
        died,
        md.clone(),
        mar,
        true,
        "not_a_subject",
        &["activity #0 `a1`: `M1` on 2024-03-20"],
        &["not a member of this community that day"],
    );
    let qty = |q: Value| {
        let mut a = act("a1", "M1", "service_hour", "2024-03-05");
        a["quantity"] = q;
        small(json!([a]))
    };
    c.score(
        "014-zero-quantity",
        qty(json!(0)),
        md.clone(),
        mar,
        true,
        "bad_quantity",
        &["activity #0 `a1`: quantity 0"],
        &["must be above 0 and at most 1000000"],
    );
    c.score(
        "015-negative-quantity",
        qty(json!(-2)),
        md.clone(),
        mar,
        true,
        "bad_quantity",
        &["activity #0 `a1`: quantity -2"],
        &["use a reversal to cancel"],
    );
    c.score(
        "016-quantity-above-a-million",
        qty(json!(1_000_001)),
        md.clone(),
        mar,
        true,
        "bad_quantity",
        &["activity #0 `a1`: quantity 1000001"],
        &["must be above 0 and at most 1000000"],
    );
    c.score(
        "017-quantity-four-decimals",
        qty(json!(1.0005)),
        md.clone(),
        mar,
        true,
        "json",
        &["activities[0].quantity"],
        &["has more than three decimals"],
    );
    c.score(
        "018-quantity-i64-overflow",
        qty(json!(u64::MAX)),
        md.clone(),
        mar,
        true,
        "json",
        &["activities[0].quantity"],
        &["out of range"],
    );
    c.score(
        "019-period-bad-format",
        small(json!([ok])),
        md.clone(),
        "2024/03",
        true,
        "bad_period",
        &["`2024/03`"],
        &["is not a period (expected `2026-10`, `2026-Q4` or `2026`)"],
    );
    c.score(
        "020-period-month-13",
        small(json!([ok])),
        md.clone(),
        "2024-13",
        true,
        "bad_period",
        &["`2024-13`"],
        &["is not a period"],
    );
    c.score(
        "021-period-quarter-5",
        Value::Null,
        md.clone(),
        "2026-Q5",
        true,
        "bad_period",
        &["`2026-Q5`"],
        &["is not a period"],
    );
    c.score(
        "022-period-huge-string-is-cut",
        Value::Null,
        md.clone(),
        &"2026-10".repeat(10_000),
        true,
        "bad_period",
        &["`2026-102026-102026-102026-102026…`"],
        &["is not a period"],
    );
    c.score(
        "023-quarter-for-a-monthly-rule-set",
        Value::Null,
        md.clone(),
        "2026-Q4",
        true,
        "wrong_period",
        &["period 2026-Q4"],
        &["is not a 月度 period of rule set `member-default`"],
    );
    c.score(
        "024-month-for-a-yearly-rule-set",
        Value::Null,
        org_default(),
        "2026-10",
        false,
        "wrong_period",
        &["period 2026-10"],
        &["is not a 年度 period of rule set `org-default`"],
    );
    c.score(
        "025-ineligible-category",
        small(json!([act("a1", "M1", "report_in", "2024-03-05")])),
        md.clone(),
        mar,
        true,
        "ineligible",
        &["activity #0 `a1`: item `report_in`"],
        &["is only for 在职"],
    );
    c.score(
        "026-activity-dated-february-30",
        small(json!([act("a1", "M1", "meeting", "2024-02-30")])),
        md.clone(),
        mar,
        true,
        "json",
        &["activities[0].date"],
        &["input is out of range"],
    );
    let mut bad_rules = md.clone();
    bad_rules["items"][0]["cap"]["per"] = json!("quarter");
    c.score(
        "027-invalid-rule-set",
        Value::Null,
        bad_rules,
        "2026-10",
        true,
        "rule_set_invalid",
        &["item `meeting`: field `cap.per`"],
        &["does not fit in a 月度 period"],
    );
    let mut later = md.clone();
    later["effective_from"] = json!("2025-01-01");
    c.score(
        "028-no-rule-in-force",
        small(json!([ok])),
        json!([later]),
        mar,
        true,
        "no_rule_in_force",
        &["rule set `member-default`"],
        &["is in force on 2024-03-01"],
    );
    let mut no_service = md.clone();
    no_service["items"]
        .as_array_mut()
        .unwrap()
        .retain(|i| i["code"] != "service_hour");
    no_service["category_caps"] = json!({});
    c.score(
        "029-sample-community-item-not-in-rule-set",
        Value::Null,
        no_service,
        "2026-10",
        true,
        "unknown_item",
        &["activity #"],
        &["item `service_hour` is not in rule set `member-default` version 1"],
    );
    c.score(
        "030-organization-before-it-was-founded",
        small(json!([act(
            "a1",
            "B1",
            "org_building_failed",
            "2019-05-01"
        )])),
        org_default(),
        "2019",
        true,
        "not_a_subject",
        &["activity #0 `a1`: `B1` on 2019-05-01"],
        &["the organization does not exist that day"],
    );
    c.score(
        "031-huge-activity-id-is-cut",
        small(json!([act(
            &"a".repeat(20_000),
            "M9",
            "meeting",
            "2024-03-05"
        )])),
        md.clone(),
        mar,
        true,
        "unknown_subject",
        &["activity #0 `aaaa", "…"],
        &["subject `M9`"],
    );
    let mut bomb = json!({"id": "a1"});
    for _ in 0..10 {
        bomb = json!([bomb]);
    }
    c.score(
        "032-nesting-bomb-in-activities",
        small(json!([bomb])),
        md.clone(),
        mar,
        true,
        "json",
        &["activities[0][0]"],
        &["invalid type: sequence, expected a string"],
    );
    let mut extra = act("a1", "M1", "meeting", "2024-03-05");
    extra["points"] = json!(100);
    c.score(
        "033-activity-with-its-own-points",
        small(json!([extra])),
        md.clone(),
        mar,
        true,
        "json",
        &["activities[0]"],
        &["unknown field `points`"],
    );
    c.score(
        "034-rule-set-four-decimals-in-a-request",
        Value::Null,
        {
            let mut r = md.clone();
            r["base"] = json!(60.0001);
            r
        },
        "2026-10",
        true,
        "rule_set_parse",
        &["`base`"],
        &["has more than three decimals"],
    );
    // Issue 17: arithmetic at the limits and lenient parsing.
    let mut far = act("r1", "M1", "meeting", "2199-12-31");
    far["reverses"] = json!("a0");
    c.score(
        "035-reversal-dated-2199",
        small(json!([ok, far])),
        md.clone(),
        mar,
        true,
        "bad_reversal",
        &["activity #1 `r1` reverses `a0`"],
        &["more than a year after the target's 2024-03-05"],
    );
    let mut huge = md.clone();
    huge["items"][0]["points"] = json!(10000);
    huge["items"][0]["cap"] = Value::Null;
    let many: Vec<Value> = (0..200)
        .map(|i| {
            let mut a = act(&format!("h{i}"), "M1", "meeting", "2024-03-05");
            a["quantity"] = json!(1_000_000);
            a
        })
        .collect();
    c.score(
        "036-points-beyond-ten-to-the-twelve",
        small(json!(many)),
        huge,
        mar,
        true,
        "points_out_of_range",
        &["subject #"],
        &["10^12"],
    );
    c.score(
        "037-period-beyond-2199",
        small(json!([ok])),
        md.clone(),
        "9999-12",
        true,
        "bad_period",
        &["9999-12"],
        &[],
    );
}
