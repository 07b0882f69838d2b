//! Hand-computed scoring cases, error coverage and the golden file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

#[path = "../benches/common/workload.rs"]
mod workload;

mod scoring_fixture;

use std::collections::BTreeSet;

use dangjian::fixed::Fixed;
use dangjian::scoring::{
    day_number, score_columns, ActivityRecord, BulkInput, BulkOptions, Columns, EventStatus,
    Groups, Mode, Period, RuleBook, RuleSet, RuleSetError, Scorer, ScoringError, WhatIf,
};
use scoring_fixture::{d, registry};

fn act(id: &str, subject: &str, item: &str, date: &str, qty: &str) -> ActivityRecord {
    let mut a = ActivityRecord::new(id, subject, item, d(date));
    a.quantity = qty.parse().unwrap();
    a
}

fn month(s: &str) -> Period {
    s.parse().unwrap()
}

fn total(t: &dangjian::scoring::ScoreTable, s: &str) -> String {
    t.total[t.row_of(s).unwrap()].to_string()
}

#[test]
fn caps_per_window_and_category() {
    let reg = registry(&[3, 1, 1]);
    let acts = vec![
        // P00: 12 service hours (cap 10/month) + post 5 + commended level 4 (20): reward
        // 10 + 5 + 20 = 35, category cap 30 → 60 + 30 = 90.
        act("a1", "P00", "service_hour", "2024-03-05", "4"),
        act("a2", "P00", "service_hour", "2024-03-15", "4"),
        act("a3", "P00", "service_hour", "2024-03-25", "4"),
        act("a4", "P00", "post_fulfilled", "2024-03-27", "1"),
        act("a5", "P00", "commended", "2024-03-20", "4"),
        // P01: five meetings at +2, cap 8/month → 68; dues twice in the month, cap 1 → 69.
        act("b1", "P01", "meeting", "2024-03-01", "1"),
        act("b2", "P01", "meeting", "2024-03-02", "1"),
        act("b3", "P01", "meeting", "2024-03-03", "1"),
        act("b4", "P01", "meeting", "2024-03-04", "1"),
        act("b5", "P01", "meeting", "2024-03-05", "1"),
        act("b6", "P01", "dues_on_time", "2024-03-05", "1"),
        act("b7", "P01", "dues_on_time", "2024-03-06", "1"),
        // P02: 13 absences at −5 (no cap) = −65 → 60 − 65 = −5, floor 0.
        act("c1", "P02", "absent", "2024-03-07", "13"),
        // P03 (B2): 1.5 hours of service and a study session: 60 + 1.5 + 1 = 62.5.
        act("d1", "P03", "service_hour", "2024-03-09", "1.5"),
        act("d2", "P03", "study", "2024-03-09", "1"),
    ];
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let t = scorer
        .score(&RuleSet::member_default(), month("2024-03"))
        .unwrap()
        .table;
    assert_eq!(total(&t, "P00"), "90");
    assert_eq!(t.reward[t.row_of("P00").unwrap()].to_string(), "30");
    assert_eq!(total(&t, "P01"), "69");
    assert_eq!(total(&t, "P02"), "0");
    assert_eq!(t.deduction[t.row_of("P02").unwrap()].to_string(), "-65");
    assert_eq!(total(&t, "P03"), "62.5");
    assert_eq!(total(&t, "P04"), "60"); // no activity, still a row
                                        // LATE joined 2024-01-20: a row in March, none in 2023-12.
    assert!(t.row_of("LATE").is_some());
    let dec = scorer
        .score(&RuleSet::member_default(), month("2023-12"))
        .unwrap()
        .table;
    assert!(dec.row_of("LATE").is_none());
    assert_eq!(dec.len(), 5);
    // Grades: 90 → 优秀 (one of 4 in B1: 20% of 4 = 0 allowed → demoted to 合格!).
    let r = t.row_of("P00").unwrap();
    assert_eq!(t.grade_name(r), "合格");
    assert!(t.demoted[r]);
    // Stars: one per threshold 70, 80, 90 reached.
    assert_eq!(t.stars[r], 3);
    assert_eq!(t.grade_name(t.row_of("P02").unwrap()), "不合格");
    assert_eq!(t.grade_name(t.row_of("P03").unwrap()), "基本合格");
}

#[test]
fn day_caps_and_weeks_cut_at_the_period() {
    let reg = registry(&[2, 0, 0]);
    // member-strict caps service at 2 per day: 1.5 + 1 on the 9th → 2; 1 on the 10th → 1.
    let acts = vec![
        act("a1", "P00", "service_hour", "2024-03-09", "1.5"),
        act("a2", "P00", "service_hour", "2024-03-09", "1"),
        act("a3", "P00", "service_hour", "2024-03-10", "1"),
    ];
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let t = scorer
        .score(&RuleSet::member_strict(), month("2024-03"))
        .unwrap()
        .table;
    assert_eq!(t.reward[t.row_of("P00").unwrap()].to_string(), "3");
    // A weekly cap of 3: 2024-02-26 (Mon) to 2024-03-03 (Sun) is one ISO week, cut at 1 March:
    // the 1st-3rd are window 0 of March; the 4th starts window 1.
    let mut rs = RuleSet::member_default();
    let k = rs.item_index("study").unwrap();
    rs.items[k].cap = Some(dangjian::scoring::Cap {
        points: Fixed::from_int(3),
        per: dangjian::scoring::Window::Week,
    });
    let acts = vec![
        act("s1", "P00", "study", "2024-02-27", "2"), // February: its own period
        act("s2", "P00", "study", "2024-03-01", "2"),
        act("s3", "P00", "study", "2024-03-03", "2"), // window 0: 4 → 3
        act("s4", "P00", "study", "2024-03-04", "2"), // window 1: 2
    ];
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let t = scorer.score(&rs, month("2024-03")).unwrap().table;
    assert_eq!(t.basic[t.row_of("P00").unwrap()].to_string(), "5");
    let e = scorer.explain(&rs, month("2024-03"), "P00").unwrap();
    assert_eq!(e.events.window, vec![0, 0, 1]);
    assert_eq!(
        e.events.status,
        vec![
            EventStatus::Counted,
            EventStatus::Partial,
            EventStatus::Counted
        ]
    );
    assert_eq!(
        e.events
            .counted
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>(),
        ["2", "1", "2"]
    );
}

#[test]
fn quota_demotes_a_boundary_tie_whole_and_ranks_compete() {
    // Ten members in B1; 20% → 2 优秀 allowed.
    let reg = registry(&[10, 0, 0]);
    let mut acts = Vec::new();
    let mut n = 0;
    let mut give = |who: &str, points: i64| {
        // `points` above 60: commendations (5 per level, cap 20), meetings (2, cap 8), study
        // (1, cap 4), service (1 per hour, cap 10); the reward category cap (30) is not hit.
        let mut left = points;
        for (item, step, cap) in [
            ("commended", 5, 20),
            ("meeting", 2, 8),
            ("study", 1, 4),
            ("service_hour", 1, 10),
        ] {
            let take = left.min(cap) / step * step;
            if take > 0 {
                n += 1;
                let mut a = act(&format!("x{n}"), who, item, "2024-05-10", "1");
                a.quantity = Fixed::from_int(take / step);
                acts.push(a);
                left -= take;
            }
        }
        assert_eq!(left, 0, "cannot give {points}");
    };
    // Totals: P00 95, P01 93, P02 93, P03 91, P04 80, others 60.
    give("P00", 35);
    give("P01", 33);
    give("P02", 33);
    give("P03", 31);
    give("P04", 20);
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let mut rs = RuleSet::member_default();
    let t = scorer.score(&rs, month("2024-05")).unwrap().table;
    let row = |s: &str| t.row_of(s).unwrap();
    assert_eq!(
        ["P00", "P01", "P02", "P03", "P04", "P05"].map(|s| total(&t, s)),
        ["95", "93", "93", "91", "80", "60"].map(String::from)
    );
    // Holders 95, 93, 93, 91 and 2 allowed: the 3rd holder (93) is the boundary, and the tie
    // at 93 does not fit entirely, so 93, 93 and 91 are demoted.
    assert_eq!(t.grade_name(row("P00")), "优秀");
    for s in ["P01", "P02", "P03"] {
        assert_eq!(t.grade_name(row(s)), "合格", "{s}");
        assert!(t.demoted[row(s)]);
    }
    assert_eq!(
        ["P00", "P01", "P02", "P03", "P04", "P05", "P09"].map(|s| t.rank_in_org[row(s)]),
        [1, 2, 2, 4, 5, 6, 6]
    );
    assert_eq!(t.rank_overall[row("P09")], 6);
    // With 30% (3 allowed) the boundary is the 4th holder (91): the tie at 93 fits.
    rs.top_quota = Some(dangjian::scoring::Quota {
        percent: Fixed::from_int(30),
    });
    let t = scorer.score(&rs, month("2024-05")).unwrap().table;
    let row = |s: &str| t.row_of(s).unwrap();
    assert_eq!(
        ["P00", "P01", "P02", "P03"].map(|s| t.grade_name(row(s)).to_string()),
        ["优秀", "优秀", "优秀", "合格"].map(String::from)
    );
}

#[test]
fn veto_forces_the_lowest_grade_and_no_stars() {
    let reg = registry(&[2, 0, 0]);
    let acts = vec![
        act("a", "P00", "service_hour", "2024-05-10", "10"),
        act("b", "P00", "post_fulfilled", "2024-05-10", "1"),
        act("c", "P00", "discipline", "2024-05-12", "1"),
    ];
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let t = scorer
        .score(&RuleSet::member_default(), month("2024-05"))
        .unwrap()
        .table;
    let r = t.row_of("P00").unwrap();
    assert_eq!(t.total[r].to_string(), "75"); // the veto item contributes its 0 points
    assert!(t.vetoed[r]);
    assert_eq!(t.grade_name(r), "不合格");
    assert_eq!(t.stars[r], 0);
    assert_eq!(t.rank_overall[r], 1); // ranks follow totals
}

#[test]
fn reversals_cancel_both_and_bad_ones_are_reported() {
    let reg = registry(&[2, 0, 0]);
    let mut rev = act("r1", "P00", "service_hour", "2024-05-11", "4");
    rev.reverses = Some("a1".into());
    let acts = vec![act("a1", "P00", "service_hour", "2024-05-10", "4"), rev];
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let t = scorer
        .score(&RuleSet::member_default(), month("2024-05"))
        .unwrap()
        .table;
    assert_eq!(total(&t, "P00"), "60");
    let e = scorer
        .explain(&RuleSet::member_default(), month("2024-05"), "P00")
        .unwrap();
    assert_eq!(
        e.events.status,
        vec![EventStatus::Reversed, EventStatus::Reversal]
    );

    // Mismatched item: strict fails, lenient keeps the target and reports the reversal.
    let mut bad = act("r1", "P00", "study", "2024-05-11", "1");
    bad.reverses = Some("a1".into());
    let acts = vec![act("a1", "P00", "service_hour", "2024-05-10", "4"), bad];
    let err = Scorer::new(&reg, &acts, Mode::Strict)
        .unwrap()
        .score(&RuleSet::member_default(), month("2024-05"))
        .unwrap_err();
    assert_eq!(err.code(), "bad_reversal");
    assert_eq!(err.activity(), Some(("r1", 1)));
    let s = Scorer::new(&reg, &acts, Mode::Lenient)
        .unwrap()
        .score(&RuleSet::member_default(), month("2024-05"))
        .unwrap();
    assert_eq!(total(&s.table, "P00"), "64");
    assert_eq!(s.diagnostics.len(), 1);
    assert_eq!(s.diagnostics[0].code, "bad_reversal");
    // A reversal dated in June cancels a May activity (resolved before periods are cut).
    let mut late = act("r2", "P00", "service_hour", "2024-06-02", "4");
    late.reverses = Some("a1".into());
    let acts = vec![act("a1", "P00", "service_hour", "2024-05-10", "4"), late];
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    assert_eq!(
        total(
            &scorer
                .score(&RuleSet::member_default(), month("2024-05"))
                .unwrap()
                .table,
            "P00"
        ),
        "60"
    );
}

#[test]
fn organizations_are_assessed_out_of_100() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    let t = scorer
        .score(&RuleSet::org_default(), "2026".parse().unwrap())
        .unwrap()
        .table;
    // Only branches are assessed (org_kinds); ranked within their parent Z.
    assert_eq!(t.subject, ["B1", "B2", "B3", "B4"]);
    assert!(t.org.iter().all(|o| o.as_deref() == Some("Z")));
    // B1: 100 − 5 + 5 = 100; B2: 100 + 10 = 110 (ceiling 110); B3: 100 − 3 − 4 = 93;
    // B4: 100 − 2×5 − 3×4 − 5 − 5 = 68.
    assert_eq!(
        t.total.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
        ["100", "110", "93", "68"]
    );
    assert_eq!(
        (0..4)
            .map(|r| t.grade_name(r).to_string())
            .collect::<Vec<_>>(),
        ["好", "好", "好", "一般"]
    );
    assert_eq!(t.rank_in_org, [2, 1, 3, 4]);
}

#[test]
fn rule_book_reproduces_last_years_report() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    let v1 = RuleSet::member_default();
    let mut v2 = v1.clone();
    v2.version = 2;
    v2.effective_from = d("2026-07-01");
    let k = v2.item_index("meeting").unwrap();
    v2.items[k].points = Fixed::from_int(3);
    let book = RuleBook::new(vec![v1.clone(), v2.clone()]).unwrap();
    let june = month("2026-06");
    assert_eq!(
        scorer.score_book(&book, june).unwrap(),
        scorer.score(&v1, june).unwrap()
    );
    let oct = month("2026-10");
    let by_book = scorer.score_book(&book, oct).unwrap();
    assert_eq!(by_book.table.rule_version, 2);
    assert_ne!(
        by_book.table.total,
        scorer.score(&v1, oct).unwrap().table.total
    );
    // Before the first version: no rule in force.
    assert_eq!(
        scorer
            .score_book(&book, month("2020-01"))
            .unwrap_err()
            .code(),
        "no_rule_in_force"
    );
    // The book round-trips through JSON.
    let json = serde_json::to_string(&book).unwrap();
    assert_eq!(RuleBook::from_json(&json).unwrap(), book);
}

#[test]
fn explanations_add_up_for_every_sample_member() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    let rs = RuleSet::member_default();
    let p = month("2026-10");
    let t = scorer.score(&rs, p).unwrap().table;
    let mut partial = 0;
    for (r, s) in t.subject.iter().enumerate() {
        let e = scorer.explain(&rs, p, s).unwrap();
        assert_eq!(e.total, t.total[r], "{s}");
        for (k, code) in e.items.code.iter().enumerate() {
            let sum: Fixed = (0..e.events.id.len())
                .filter(|&j| e.events.item[j] == *code)
                .map(|j| e.events.counted[j])
                .sum();
            assert_eq!(sum, e.items.counted[k], "{s} {code}");
        }
        partial += e
            .events
            .status
            .iter()
            .filter(|s| **s == EventStatus::Partial)
            .count();
    }
    assert!(partial > 0, "the sample should cross a cap somewhere");
}

#[test]
fn what_if_reports_changes() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    let p = month("2026-10");
    let same = scorer
        .what_if(&RuleSet::member_default(), &RuleSet::member_default(), p)
        .unwrap();
    assert_eq!((same.grade_changes, same.rank_changes), (0, 0));
    assert_eq!(same.spearman.unwrap().per_mille(), 1000);
    let w = scorer
        .what_if(&RuleSet::member_default(), &RuleSet::member_strict(), p)
        .unwrap();
    assert!(w.grade_changes > 0);
    assert_eq!(
        w.changed().count(),
        (0..w.subject.len())
            .filter(|&r| w.grade_a[r] != w.grade_b[r] || w.rank_a[r] != w.rank_b[r])
            .count()
    );
    assert!(w.to_csv().unwrap().starts_with("subject,org,total_a"));
    let err = scorer
        .what_if(&RuleSet::member_default(), &RuleSet::org_default(), p)
        .unwrap_err();
    assert_eq!(err.code(), "incomparable");
    let ta = scorer.score(&RuleSet::member_default(), p).unwrap().table;
    let tb = scorer
        .score(&RuleSet::member_default(), p.prev())
        .unwrap()
        .table;
    assert_eq!(
        WhatIf::compare(&ta, &tb).unwrap_err().code(),
        "incomparable"
    );
}

#[test]
fn csv_and_json_outputs() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    let t = scorer
        .score(&RuleSet::member_default(), month("2026-10"))
        .unwrap()
        .table;
    let csv = t.to_csv().unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "period,subject,org,total,basic,reward,deduction,veto,grade,stars,vetoed,demoted,rank_in_org,rank_overall");
    assert_eq!(lines.count(), t.len());
    assert_eq!(
        dangjian::scoring::ScoreTable::from_json(&t.to_json()).unwrap(),
        t
    );
}

#[test]
fn golden_sample_scores_match_the_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/golden/sample-scores-2026-10.json"
    );
    let got = dangjian::synth::golden_sample().unwrap();
    if std::env::var_os("DANGJIAN_BLESS").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/golden")).unwrap();
        std::fs::write(path, &got).unwrap();
    }
    let want =
        std::fs::read_to_string(path).expect("golden file (regenerate with DANGJIAN_BLESS=1)");
    assert!(
        got == want,
        "golden file differs; inspect and regenerate with DANGJIAN_BLESS=1"
    );
}

#[test]
fn bulk_columns_are_checked() {
    let rs = RuleSet::member_default();
    let p = month("2026-10");
    let day = day_number(d("2026-10-05"));
    let run = |subject: &[u32], item: &[u16], days: &[i32], qty: Option<&[i64]>, groups: &[u32]| {
        let input = BulkInput {
            columns: Columns {
                subject,
                item,
                day: days,
                quantity: qty,
            },
            n_subjects: 2,
            groups: Groups::Fixed(groups),
            n_groups: 1,
        };
        score_columns(&rs, p, 1, &input, BulkOptions::default())
    };
    let e = run(&[0, 2], &[0, 0], &[day, day], None, &[0, 0]).unwrap_err();
    assert!(
        matches!(
            e,
            ScoringError::BadColumn {
                column: "subject",
                position: 1,
                ..
            }
        ),
        "{e}"
    );
    let e = run(&[0], &[99], &[day], None, &[0, 0]).unwrap_err();
    assert!(matches!(e, ScoringError::BadColumn { column: "item", .. }));
    let e = run(&[0], &[0], &[day], Some(&[0]), &[0, 0]).unwrap_err();
    assert!(matches!(
        e,
        ScoringError::BadColumn {
            column: "quantity",
            ..
        }
    ));
    let e = run(&[0], &[0, 1], &[day], None, &[0, 0]).unwrap_err();
    assert!(matches!(e, ScoringError::BadColumn { column: "item", .. }));
    let e = run(&[0], &[0], &[day], None, &[0, 5]).unwrap_err();
    assert!(matches!(
        e,
        ScoringError::BadColumn {
            column: "groups",
            position: 1,
            ..
        }
    ));
    // Outside the period: skipped.
    let out = run(&[0, 1], &[0, 0], &[day, day + 40], None, &[0, 0]).unwrap();
    assert_eq!((out.events_scored, out.events_skipped), (1, 1));
    let e = score_columns(
        &rs,
        "2026".parse().unwrap(),
        1,
        &BulkInput {
            columns: Columns {
                subject: &[],
                item: &[],
                day: &[],
                quantity: None,
            },
            n_subjects: 0,
            groups: Groups::Fixed(&[]),
            n_groups: 0,
        },
        BulkOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "wrong_period");
}

#[test]
fn parallel_equals_sequential() {
    let w = workload::scoring_workload(5_000, 120_000, 11);
    let input = w.input();
    let a = score_columns(
        &w.rules,
        w.first,
        w.months,
        &input,
        BulkOptions {
            parallel: false,
            ..Default::default()
        },
    )
    .unwrap();
    let b = score_columns(
        &w.rules,
        w.first,
        w.months,
        &input,
        BulkOptions {
            parallel: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(a, b);
    assert_eq!(a.events_scored, 120_000);
    let grades: BTreeSet<u8> = a
        .periods
        .iter()
        .flat_map(|p| p.grade.iter().copied())
        .collect();
    assert!(grades.len() >= 2);
}

#[test]
fn every_rule_set_error_is_provoked() {
    let mut codes = BTreeSet::new();
    let base = RuleSet::member_default();
    let mut note = |e: RuleSetError| {
        codes.insert(e.code());
        e
    };
    let e = note(RuleSet::from_json(r#"{"id": "x", "version": "one"}"#).unwrap_err());
    assert!(
        matches!(&e, RuleSetError::Parse { format: "json", path, .. } if path == "version"),
        "{e}"
    );
    let e = note(RuleSet::from_toml("id = \"x\"\nversion = 1\nbase = [").unwrap_err());
    assert!(
        matches!(
            &e,
            RuleSetError::Parse {
                format: "toml",
                line: 3,
                ..
            }
        ),
        "{e}"
    );
    let mut twin = base
        .to_json()
        .replace("\"points\": 2,", "\"points\": 2.0005,");
    let e = note(RuleSet::from_json(&twin).unwrap_err());
    assert!(e.to_string().contains("items[0].points"), "{e}");
    twin = base
        .to_json()
        .replace("\"per\": \"month\"", "\"per\": \"year\"");
    let e = note(RuleSet::from_json(&twin).unwrap_err());
    assert_eq!(e.to_string(), "rule set `member-default`, item `meeting`: field `cap.per` a Year window does not fit in a 月度 period");
    let mut dup = base.clone();
    dup.items.push(dup.items[0].clone());
    let e = note(dup.validate().unwrap_err());
    assert!(matches!(
        e,
        RuleSetError::DuplicateItem {
            position: 11,
            first: 0,
            ..
        }
    ));
    let mut grades = base.clone();
    grades.grades[1].min = Some(Fixed::from_int(95));
    assert!(note(grades.validate().unwrap_err())
        .to_string()
        .contains("grades[1].min"));
    let mut v2 = base.clone();
    v2.effective_from = d("2030-01-01");
    let e = note(RuleBook::new(vec![base.clone(), v2]).unwrap_err());
    assert!(e.to_string().contains("not numbered above"), "{e}");
    let big = " ".repeat(dangjian::scoring::MAX_RULESET_BYTES + 1);
    note(RuleSet::from_json(&big).unwrap_err());
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [
            "duplicate_item",
            "rule_book",
            "rule_set_invalid",
            "rule_set_parse",
            "too_large"
        ]
    );
}

#[test]
fn every_scoring_error_is_provoked() {
    let reg = registry(&[2, 1, 0]);
    let rs = RuleSet::member_default();
    let p = month("2024-05");
    let mut codes = BTreeSet::new();
    let mut strict = |acts: Vec<ActivityRecord>| -> ScoringError {
        let e = match Scorer::new(&reg, &acts, Mode::Strict) {
            Err(e) => e,
            Ok(s) => s.score(&rs, p).unwrap_err(),
        };
        codes.insert(e.code());
        e
    };
    let e = strict(vec![
        act("a", "P00", "study", "2024-05-01", "1"),
        act("a", "P01", "study", "2024-05-01", "1"),
    ]);
    assert!(matches!(
        e,
        ScoringError::DuplicateActivity {
            position: 1,
            first: 0,
            ..
        }
    ));
    let e = strict(vec![act("a", "NOBODY", "study", "2024-05-01", "1")]);
    assert_eq!(
        e.to_string(),
        "activity #0 `a`: subject `NOBODY` is not on the roster nor in the organization tree"
    );
    let e = strict(vec![
        act("a", "P00", "study", "2024-05-01", "1"),
        act("b", "P00", "karaoke", "2024-05-01", "1"),
    ]);
    assert_eq!(e.activity(), Some(("b", 1)));
    assert_eq!(e.code(), "unknown_item");
    let e = strict(vec![act("a", "P00", "report_in", "2024-05-01", "1")]);
    assert!(e.to_string().contains("only for 在职报到"), "{e}");
    let e = strict(vec![act("a", "P00", "study", "2024-05-01", "0")]);
    assert_eq!(e.code(), "bad_quantity");
    let mut r = act("r", "P00", "study", "2024-05-02", "1");
    r.reverses = Some("zzz".into());
    assert_eq!(strict(vec![r]).code(), "bad_reversal");

    // Not a member that day.
    let acts = vec![act("a", "LATE", "study", "2024-01-19", "1")];
    let e = Scorer::new(&reg, &acts, Mode::Strict)
        .unwrap()
        .score(&rs, month("2024-01"))
        .unwrap_err();
    assert_eq!(e.code(), "not_a_subject");
    codes.insert(e.code());
    // Lenient: the same activity is a diagnostic.
    let s = Scorer::new(&reg, &acts, Mode::Lenient)
        .unwrap()
        .score(&rs, month("2024-01"))
        .unwrap();
    assert_eq!(s.diagnostics[0].code, "not_a_subject");
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let e = scorer.score(&rs, "2024-Q1".parse().unwrap()).unwrap_err();
    codes.insert(e.code());
    let e = scorer.explain(&rs, month("2023-12"), "LATE").unwrap_err();
    assert_eq!(e.code(), "not_scored");
    codes.insert(e.code());
    let book = RuleBook::new(vec![rs.clone()]).unwrap();
    codes.insert(
        scorer
            .score_book(&book, month("2000-01"))
            .unwrap_err()
            .code(),
    );
    codes.insert(
        scorer
            .what_if(&rs, &RuleSet::org_default(), p)
            .unwrap_err()
            .code(),
    );
    let day = [day_number(d("2024-05-01"))];
    let cols = Columns {
        subject: &[0],
        item: &[0],
        day: &day,
        quantity: None,
    };
    let bad = BulkInput {
        columns: cols,
        n_subjects: 0,
        groups: Groups::Fixed(&[]),
        n_groups: 0,
    };
    codes.insert(
        score_columns(&rs, p, 1, &bad, BulkOptions::default())
            .unwrap_err()
            .code(),
    );
    let ok = BulkInput {
        columns: cols,
        n_subjects: 1,
        groups: Groups::Fixed(&[0]),
        n_groups: 1,
    };
    codes.insert(
        score_columns(&rs, p, 5000, &ok, BulkOptions::default())
            .unwrap_err()
            .code(),
    );
    // 200 events of 10^6 units at 10^4 points: beyond ±10^12 (issue 17).
    let mut huge = rs.clone();
    huge.items[0].points = Fixed::from_int(10_000);
    huge.items[0].cap = None;
    let days = [day_number(d("2024-05-01")); 200];
    let big = BulkInput {
        columns: Columns {
            subject: &[0; 200],
            item: &[0; 200],
            day: &days,
            quantity: Some(&[1_000_000_000; 200]),
        },
        n_subjects: 1,
        groups: Groups::Fixed(&[0]),
        n_groups: 1,
    };
    codes.insert(
        score_columns(&huge, p, 1, &big, BulkOptions::default())
            .unwrap_err()
            .code(),
    );
    let mut broken = rs.clone();
    broken.grades.clear();
    codes.insert(scorer.score(&broken, p).unwrap_err().code());
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        [
            "bad_column",
            "bad_quantity",
            "bad_reversal",
            "duplicate_activity",
            "incomparable",
            "ineligible",
            "limit_exceeded",
            "no_rule_in_force",
            "not_a_subject",
            "not_scored",
            "points_out_of_range",
            "rule_set_invalid",
            "unknown_item",
            "unknown_subject",
            "wrong_period"
        ]
    );
}

#[test]
fn scores_of_the_sample_year() {
    // A year by month in one kernel call equals month by month.
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Strict).unwrap();
    let rs = RuleSet::member_default();
    let first = month("2025-11");
    let year = scorer.score_range(&rs, first, 12).unwrap();
    for (k, p) in first.sequence(12).into_iter().enumerate() {
        assert_eq!(year[k], scorer.score(&rs, p).unwrap(), "{p}");
    }
    // One veto in the year (May 2026).
    let vetoes: usize = year
        .iter()
        .map(|s| s.table.vetoed.iter().filter(|v| **v).count())
        .sum();
    assert_eq!(vetoes, 1);
    assert!(year[6].table.vetoed.iter().any(|v| *v));
}

#[test]
fn annual_summary_grades_the_exact_mean() {
    let reg = registry(&[10, 0, 0]);
    let mut acts = Vec::new();
    let mut n = 0;
    let mut add = |who: &str, month: u32, item: &str, qty: &str| {
        n += 1;
        acts.push(act(
            &format!("y{n}"),
            who,
            item,
            &format!("2024-{month:02}-10"),
            qty,
        ));
    };
    for m in 1..=3 {
        // P00: +30 every month → 90, 90, 90: mean 90 → 优秀.
        add("P00", m, "commended", "4");
        add("P00", m, "service_hour", "10");
        // P01: 90, 90, 89.5 → sum 269.5 < 3 × 90 → 合格 (mean 89.833).
        add("P01", m, "commended", "4");
        add("P01", m, "service_hour", if m == 3 { "9.5" } else { "10" });
        // P02: 91, 90, 89 → mean exactly 90 → 优秀.
        add("P02", m, "commended", "4");
        add("P02", m, "service_hour", "10");
        if m == 1 {
            add("P02", m, "study", "1");
        }
        if m == 3 {
            add("P02", m, "absent", "0.2");
        }
        // P03: 90 every month but vetoed in February → 不合格.
        add("P03", m, "commended", "4");
        add("P03", m, "service_hour", "10");
    }
    add("P03", 2, "discipline", "1");
    let scorer = Scorer::new(&reg, &acts, Mode::Strict).unwrap();
    let rules = RuleSet::member_default();
    let tables: Vec<_> = scorer
        .score_range(&rules, month("2024-01"), 3)
        .unwrap()
        .into_iter()
        .map(|s| s.table)
        .collect();
    let y = dangjian::scoring::AnnualSummary::from_tables(&tables, &rules).unwrap();
    let row = |s: &str| y.subject.iter().position(|x| x == s).unwrap();
    let g = |s: &str| y.grade_names[y.grade[row(s)] as usize].to_string();
    assert_eq!(y.sum[row("P00")].to_string(), "270");
    assert_eq!(y.sum[row("P01")].to_string(), "269.5");
    assert_eq!(y.mean[row("P01")].to_string(), "89.833");
    assert_eq!(y.sum[row("P02")].to_string(), "270");
    assert_eq!(
        (g("P00"), g("P01"), g("P02"), g("P03")),
        ("优秀".into(), "合格".into(), "优秀".into(), "不合格".into())
    );
    // 11 members in B1 (LATE joined in January): 2 优秀 allowed, both kept.
    assert_eq!(y.months[row("LATE")], 3);
    assert!(!y.demoted.iter().any(|d| *d));
    assert_eq!(
        [
            y.rank_overall[row("P00")],
            y.rank_overall[row("P02")],
            y.rank_overall[row("P03")],
            y.rank_overall[row("P01")]
        ],
        [1, 1, 1, 4]
    );
}
