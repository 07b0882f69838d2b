//! Issue 17, item 9: arithmetic at the limits. Scores: intermediate sums are exact (i64
//! thousandths), published category totals and totals saturate at the documented ±10^12;
//! special dues: sums that do not fit are a typed error, never a wrap.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod scoring_fixture;

use dangjian::scoring::{ActivityRecord, Mode, Period, RuleSet, ScoreTable, Scorer};
use scoring_fixture::{d, registry};

fn rules(items: &str) -> RuleSet {
    RuleSet::from_json(&format!(
        r#"{{"id":"big","version":1,"name":"大数","subject":"member","period":"month",
        "effective_from":"2022-01-01","base":0,"items":[{items}],
        "grades":[{{"name":"合格","min":0}},{{"name":"不合格"}}]}}"#
    ))
    .unwrap()
}

fn acts(item: &str, n: usize, day0: u32) -> Vec<ActivityRecord> {
    (0..n)
        .map(|i| {
            let mut a = ActivityRecord::new(
                &format!("{item}{i}"),
                "P00",
                item,
                d(&format!("2024-03-{:02}", day0 + (i as u32 % 10))),
            );
            a.quantity = "1000000".parse().unwrap();
            a
        })
        .collect()
}

fn score(rs: &RuleSet, acts: &[ActivityRecord]) -> ScoreTable {
    let reg = registry(&[1]);
    let scorer = Scorer::new(&reg, acts, Mode::Strict).unwrap();
    let p: Period = "2024-03".parse().unwrap();
    scorer.score(rs, p).unwrap().table
}

fn score_err(rs: &RuleSet, acts: &[ActivityRecord]) -> dangjian::scoring::ScoringError {
    let reg = registry(&[1]);
    let scorer = Scorer::new(&reg, acts, Mode::Strict).unwrap();
    let p: Period = "2024-03".parse().unwrap();
    scorer.score(rs, p).unwrap_err()
}

#[test]
fn points_that_could_leave_ten_to_the_twelve_are_a_typed_error_not_a_wrong_total() {
    // basic: 200 activities × 10^6 × 10^4 points = 2×10^12 in one window; deduction: 150 ×
    // −10^10 = −1.5×10^12. Before: each window was cut to ±10^12 and the total came out 0
    // (the exact total is 5×10^11).
    let rs = rules(
        r#"{"code":"b","name":"基本","category":"basic","points":10000,"unit":"occurrence"},
           {"code":"x","name":"扣分","category":"deduction","points":-10000,"unit":"occurrence"}"#,
    );
    let mut a = acts("b", 200, 1);
    a.extend(acts("x", 150, 11));
    let e = score_err(&rs, &a);
    assert_eq!(e.code(), "points_out_of_range", "{e}");
    assert!(e.to_string().contains("10^12"), "{e}");
    // Before: a total of 2×10^12, beyond the documented range, that ScoreTable::from_json
    // then refused.
    let rs = rules(
        r#"{"code":"b","name":"基本","category":"basic","points":10000,"unit":"occurrence"},
           {"code":"r","name":"奖励","category":"reward","points":10000,"unit":"occurrence"}"#,
    );
    let mut a = acts("b", 150, 1);
    a.extend(acts("r", 150, 11));
    assert_eq!(score_err(&rs, &a).code(), "points_out_of_range");
}

#[test]
fn points_just_inside_the_range_are_exact_and_the_table_reads_back() {
    // 99 activities × 10^10 = 9.9×10^11 basic, −9.9×10^11 deduction: total exactly 0, and a
    // lone 9.9×10^11 reads back through JSON.
    let rs = rules(
        r#"{"code":"b","name":"基本","category":"basic","points":10000,"unit":"occurrence"},
           {"code":"x","name":"扣分","category":"deduction","points":-10000,"unit":"occurrence"}"#,
    );
    let t = score(&rs, &acts("b", 99, 1));
    assert_eq!(t.total[0].to_string(), "990000000000");
    assert_eq!(ScoreTable::from_json(&t.to_json()).unwrap(), t);
    let mut a = acts("b", 49, 1);
    a.extend(acts("x", 49, 11));
    let t = score(&rs, &a);
    assert_eq!(t.total[0].to_string(), "0");
    assert_eq!(t.basic[0].to_string(), "490000000000");
}

#[test]
fn a_capped_item_with_huge_quantities_is_not_refused() {
    // The bound takes the cap into account: 10^4 points per unit, capped at 10 a month.
    let rs = rules(
        r#"{"code":"b","name":"基本","category":"basic","points":10000,"unit":"occurrence","cap":{"points":10,"per":"month"}}"#,
    );
    let t = score(&rs, &acts("b", 500, 1));
    assert_eq!(t.total[0].to_string(), "10");
}

#[test]
fn special_dues_of_i64_max_are_refused_not_wrapped() {
    use dangjian::io::Dataset;
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    let sp = |amount: i64| serde_json::json!({"member": "M1", "date": "2024-03-01", "amount": amount, "campaign": "抗震救灾"});
    v["special_dues"] = serde_json::json!([sp(i64::MAX), sp(i64::MAX)]);
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    let reg = ds.to_registry().unwrap();
    let e = dangjian::compliance::Compliance::from_dataset(&ds, &reg).unwrap_err();
    assert_eq!(e.code(), "bad_payment", "{e}");
    assert!(e.to_string().contains("amount"), "{e}");
    // The largest accepted amount, twice, sums exactly.
    let max = dangjian::limits::MAX_AMOUNT_FEN;
    v["special_dues"] = serde_json::json!([sp(max), sp(max)]);
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    let reg = ds.to_registry().unwrap();
    dangjian::compliance::Compliance::from_dataset(&ds, &reg).unwrap();
    // Payments and profiles have the same ceiling.
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["payments"] = serde_json::json!([{"member": "M1", "month": "2024-03", "amount": i64::MAX, "paid_on": "2024-03-05"}]);
    if let Ok(ds) = Dataset::from_json(&v.to_string()) {
        let reg = ds.to_registry().unwrap();
        assert!(dangjian::compliance::Compliance::from_dataset(&ds, &reg).is_err());
    }
}
