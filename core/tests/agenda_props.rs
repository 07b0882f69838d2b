//! Property tests of the agenda, kind by kind (issue 22): every row names a rule of the
//! catalogue, and a row is there exactly while its condition is not met and its due date is
//! within the look-ahead (or past). Each property varies the dates of one kind of record on the
//! conformance base (`tests/conformance/bases/branch10.json`: branch `B`, members M01–M10) and
//! states the condition independently of the agenda's code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use chrono::{Datelike, Days, Months, NaiveDate};
use dangjian::agenda::Agenda;
use dangjian::io::Dataset;
use proptest::prelude::*;
use serde_json::{json, Value};

const BASE: &str = include_str!("../../tests/conformance/bases/branch10.json");

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    ProptestConfig::with_cases(cases)
}

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(n))
        .unwrap()
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap()
}

/// The base with `extend` appended and `merge` replaced (as the conformance runner does).
fn dataset(merge: Value, extend: Value) -> Dataset {
    let mut ds: Value = serde_json::from_str(BASE).unwrap();
    let obj = ds.as_object_mut().unwrap();
    for (k, v) in merge.as_object().unwrap() {
        obj.insert(k.clone(), v.clone());
    }
    for (k, v) in extend.as_object().unwrap() {
        let slot = obj.entry(k.clone()).or_insert_with(|| json!([]));
        slot.as_array_mut()
            .unwrap()
            .extend(v.as_array().unwrap().iter().cloned());
    }
    Dataset::from_json(&ds.to_string()).unwrap()
}

/// The agenda's rows of `rule` (due dates), after checking that every row names a catalogued
/// rule, lies within the look-ahead and carries its days left.
fn rows(ds: &Dataset, as_of: NaiveDate, days: u32, rule: &str) -> Vec<NaiveDate> {
    let reg = ds.to_registry().unwrap();
    let a = Agenda::build(ds, &reg, as_of, days).unwrap();
    let horizon = plus(as_of, u64::from(days));
    for i in 0..a.len() {
        assert!(
            dangjian::catalogue::find(&a.rule[i]).is_some(),
            "{} is not catalogued",
            a.rule[i]
        );
        assert!(a.due[i] <= horizon);
        assert_eq!(a.days_left[i], (a.due[i] - as_of).num_days());
    }
    a.rule
        .iter()
        .zip(&a.due)
        .filter(|(r, _)| *r == rule)
        .map(|(_, d)| *d)
        .collect()
}

fn s(d: NaiveDate) -> String {
    d.to_string()
}

/// [`rows`] of one member (after the same checks on the whole agenda).
fn member_rows(
    ds: &Dataset,
    as_of: NaiveDate,
    days: u32,
    rule: &str,
    member: &str,
) -> Vec<NaiveDate> {
    rows(ds, as_of, days, rule);
    let reg = ds.to_registry().unwrap();
    let a = Agenda::build(ds, &reg, as_of, days).unwrap();
    (0..a.len())
        .filter(|&i| a.rule[i] == rule && a.member[i] == member)
        .map(|i| a.due[i])
        .collect()
}

/// The first day of the `k`-th month after January 2026 (0 = January 2026).
fn month_start(k: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .checked_add_months(Months::new(k))
        .unwrap()
}

/// The last day of the month of `d`.
fn month_end(d: NaiveDate) -> NaiveDate {
    d.with_day(1)
        .unwrap()
        .checked_add_months(Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap()
}

/// Months from January 2026 to the month of `d` (negative before 2026).
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year() - 2026) * 12 + i64::from(d.month0())
}

fn applicant(extra: Vec<Value>) -> Value {
    let mut events =
        vec![json!({"member": "P1", "date": "2024-01-05", "type": "applied", "branch": "B"})];
    events.extend(extra);
    json!({
        "members": [{"id": "P1", "name": "赵一", "gender": "male", "birth_date": "1995-03-01"}],
        "events": events,
    })
}

proptest! {
    #![proptest_config(config())]

    /// `talk_within_one_month`: due one month after the application; gone once talked.
    #[test]
    fn talk_row_until_talked(applied in 0u64..400, talk in prop::option::of(0u64..90),
                             at in 0u64..600, days in 0u32..90) {
        let a = day(applied);
        let mut events = vec![json!({"member": "P1", "date": s(a), "type": "applied", "branch": "B"})];
        let talked = talk.map(|t| plus(a, t));
        if let Some(t) = talked {
            events.push(json!({"member": "P1", "date": s(t), "type": "talked"}));
        }
        let ds = dataset(json!({}), json!({
            "members": [{"id": "P1", "name": "赵一", "gender": "male", "birth_date": "1995-03-01"}],
            "events": events,
        }));
        let as_of = day(at);
        let due = a.checked_add_months(Months::new(1)).unwrap();
        let open = a <= as_of && talked.is_none_or(|t| t > as_of);
        let want = open && due <= plus(as_of, u64::from(days));
        let got = rows(&ds, as_of, days, "talk_within_one_month");
        prop_assert_eq!(got, if want { vec![due] } else { vec![] });
    }

    /// `activist_one_year`: due a year after designation; gone once named a candidate.
    #[test]
    fn activist_row_until_candidate(activist in 30u64..400, named in prop::option::of(366u64..700),
                                    at in 0u64..1000, days in 0u32..120) {
        let x = day(activist);
        let named = named.map(|n| plus(x, n));
        let mut extra = vec![
            json!({"member": "P1", "date": "2024-01-20", "type": "talked"}),
            json!({"member": "P1", "date": s(x), "type": "activist"}),
        ];
        if let Some(n) = named {
            extra.push(json!({"member": "P1", "date": s(n), "type": "candidate"}));
        }
        let ds = dataset(json!({}), applicant(extra));
        let as_of = day(at);
        let due = x.checked_add_months(Months::new(12)).unwrap();
        let open = x <= as_of && named.is_none_or(|n| n > as_of);
        let want = open && due <= plus(as_of, u64::from(days));
        let got = rows(&ds, as_of, days, "activist_one_year");
        prop_assert_eq!(got, if want { vec![due] } else { vec![] });
    }

    /// `political_review` (a candidate's step): due the day named; gone once recorded.
    #[test]
    fn candidate_step_row_until_recorded(named in 400u64..500, review in prop::option::of(0u64..200),
                                         at in 300u64..800, days in 0u32..60) {
        let n = day(named);
        let reviewed = review.map(|r| plus(n, r));
        let mut extra = vec![
            json!({"member": "P1", "date": "2024-01-20", "type": "talked"}),
            json!({"member": "P1", "date": "2024-02-01", "type": "activist"}),
            json!({"member": "P1", "date": s(n), "type": "candidate"}),
        ];
        if let Some(r) = reviewed {
            extra.push(json!({"member": "P1", "date": s(r), "type": "political_review"}));
        }
        let ds = dataset(json!({}), applicant(extra));
        let as_of = day(at);
        let want = n <= as_of && reviewed.is_none_or(|r| r > as_of);
        let got = rows(&ds, as_of, days, "political_review");
        prop_assert_eq!(got, if want { vec![n] } else { vec![] });
    }

    /// `jubilee_50_years`: due 1 July of the year the standing reaches 50 years (by 1 July);
    /// there while that 1 July is within the look-ahead and not passed.
    #[test]
    fn jubilee_row_on_its_first_of_july(converted in 0u64..2000, at in 700u64..1400, days in 0u32..400) {
        let c = NaiveDate::from_ymd_opt(1973, 1, 1).unwrap().checked_add_days(Days::new(converted)).unwrap();
        let admitted = c.checked_sub_months(Months::new(12)).unwrap();
        let ds = dataset(json!({}), json!({
            "members": [{"id": "M11", "name": "老党员", "gender": "male", "birth_date": "1948-03-01"}],
            "events": [{"member": "M11", "date": "2020-01-01", "type": "transferred_in", "branch": "B",
                        "status": "full", "admitted_on": s(admitted), "converted_on": s(c)}],
        }));
        let as_of = day(at);
        let horizon = plus(as_of, u64::from(days));
        let anniv = c.checked_add_months(Months::new(600)).unwrap();
        // the first 1 July on or after the fiftieth anniversary
        let mut july = NaiveDate::from_ymd_opt(anniv.year(), 7, 1).unwrap();
        if july < anniv {
            july = NaiveDate::from_ymd_opt(anniv.year() + 1, 7, 1).unwrap();
        }
        // the medal was first awarded in 2021, to everyone with 50 years by then
        if july.year() < 2021 {
            july = NaiveDate::from_ymd_opt(2021, 7, 1).unwrap();
        }
        let want = as_of <= july && july <= horizon;
        let got: Vec<NaiveDate> = rows(&ds, as_of, days, "jubilee_50_years");
        prop_assert_eq!(got, if want { vec![july] } else { vec![] });
    }

    /// `dues_monthly`: months paid on time from January 2026 up to month `paid`; the first
    /// unpaid month's deadline (its last day) is a row once it has passed; gone when paid.
    #[test]
    fn dues_row_until_paid(paid in 0u32..12, at in 0u64..330) {
        let payments: Vec<Value> = (1..=paid)
            .map(|m| json!({"member": "M01", "month": format!("2026-{m:02}"), "amount": 1500,
                            "paid_on": format!("2026-{m:02}-05")}))
            .collect();
        let profiles = vec![json!({"member": "M01", "effective_from": "2026-01-01",
                                   "basis": "salary", "amount": 300000})];
        let ds = dataset(json!({}), json!({"dues_profiles": profiles, "payments": payments}));
        let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().checked_add_days(Days::new(at)).unwrap();
        let first_unpaid = NaiveDate::from_ymd_opt(2026, paid + 1, 1).unwrap();
        let deadline = first_unpaid.checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap();
        let got: Vec<NaiveDate> = {
            let reg = ds.to_registry().unwrap();
            let a = Agenda::build(&ds, &reg, as_of, 0).unwrap();
            a.rule.iter().zip(&a.due).zip(&a.member)
                .filter(|((r, _), m)| *r == "dues_monthly" && *m == "M01")
                .map(|((_, d), _)| *d).collect()
        };
        let want = deadline < as_of;
        prop_assert_eq!(got, if want { vec![deadline] } else { vec![] });
    }

    /// `meeting_theme_day`: a month without a theme day is a row due the month's last day;
    /// gone once one is held in the month (on or before the agenda's date).
    #[test]
    fn meeting_row_until_held(held in prop::option::of(1u32..29), at in 1u32..31, month in 1u32..12) {
        let first = NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
        let last = first.checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, month, at.min(last.day())).unwrap();
        let meetings: Vec<Value> = held
            .map(|h| json!({"id": "T", "org": "B", "kind": "theme_day",
                            "date": s(NaiveDate::from_ymd_opt(2026, month, h).unwrap()), "attendees": ["M01"]}))
            .into_iter()
            .collect();
        // a meeting of another kind, so that there are compliance records when none is held
        let mut all = meetings.clone();
        all.push(json!({"id": "L", "org": "B", "kind": "party_lecture", "date": "2025-12-10", "attendees": []}));
        let ds = dataset(json!({}), json!({"meetings": all}));
        let done = held.is_some_and(|h| h <= as_of.day());
        let want = !done && last <= plus(as_of, 31);
        let got = rows(&ds, as_of, 31, "meeting_theme_day");
        prop_assert_eq!(got, if want { vec![last] } else { vec![] });
    }

    /// `appraisal_rectification`: a 限期改正 decided on a day is due its deadline; gone once its
    /// outcome is recorded.
    #[test]
    fn rectification_row_until_outcome(decided in 0u64..60, deadline in 1u64..200,
                                       outcome in prop::option::of(0u64..250),
                                       at in 0u64..400, days in 0u32..120) {
        let appraised = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let d = plus(appraised, decided);
        let due = plus(d, deadline);
        let out = outcome.map(|o| plus(d, o));
        let ballots: Vec<Value> = (1..=10)
            .map(|v| {
                let votes: serde_json::Map<String, Value> = (1..=10)
                    .map(|m| (format!("M{m:02}"), json!(if m == 10 { "unqualified" } else { "qualified" })))
                    .collect();
                json!({"voter": format!("M{v:02}"), "votes": votes})
            })
            .collect();
        let mut act = json!({"appraisal": "PY", "member": "M10", "kind": "rectify",
                             "date": s(d), "deadline": s(due)});
        if let Some(o) = out {
            act["outcome"] = json!("corrected");
            act["outcome_date"] = json!(s(o));
        }
        let ds = dataset(json!({}), json!({
            "appraisals": [{"id": "PY", "org": "B", "year": 2025, "date": s(appraised),
                            "ballots": ballots,
                            "decisions": [{"member": "M10", "grade": "unqualified"}]}],
            "appraisal_actions": [act],
        }));
        let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap().checked_add_days(Days::new(at)).unwrap();
        let open = d <= as_of && out.is_none_or(|o| o > as_of);
        let want = open && due <= plus(as_of, u64::from(days));
        let got = rows(&ds, as_of, days, "appraisal_rectification");
        prop_assert_eq!(got, if want { vec![due] } else { vec![] });
    }

    /// `practice_cobuild_commitment`: a monthly commitment without an activity in the month is
    /// due the month's last day; gone once one is recorded in the month on or before the date.
    #[test]
    fn cobuild_row_until_done(act in prop::option::of(0u64..365), at in 0u64..365) {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let acts: Vec<Value> = act
            .map(|x| json!({"id": "X", "unit": "U1", "date": s(plus(start, x)), "what": "进社区服务"}))
            .into_iter()
            .collect();
        let ds = dataset(json!({"practices": {
            "units": [{"id": "U1", "name": "共建单位", "joined": "2025-01-01"}],
            "agreements": [{"id": "A1", "unit": "U1", "org": "B", "signed": "2026-01-01",
                            "commitments": [{"what": "进社区服务", "count": 1, "per": "month"}]}],
            "unit_activities": acts,
        }}), json!({}));
        let as_of = plus(start, at);
        let first = as_of.with_day(1).unwrap();
        let last = first.checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap();
        let done = act.map(|x| plus(start, x)).is_some_and(|x| first <= x && x <= as_of);
        let got = rows(&ds, as_of, 31, "practice_cobuild_commitment");
        prop_assert_eq!(got, if done { vec![] } else { vec![last] });
    }

    /// `cobuild_agreement_end`: due the agreement's last day while it has not passed; gone when
    /// renewed by the day after.
    #[test]
    fn agreement_row_until_renewed(until in 30u64..400, renewal in prop::option::of(0u64..4),
                                   at in 0u64..450, days in 0u32..90) {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let u = plus(start, until);
        let mut agreements = vec![json!({"id": "A1", "unit": "U1", "org": "B", "signed": "2026-01-01",
                                         "until": s(u), "commitments": []})];
        if let Some(r) = renewal {
            agreements.push(json!({"id": "A2", "unit": "U1", "org": "B", "signed": s(plus(u, r)),
                                   "commitments": []}));
        }
        let ds = dataset(json!({"practices": {
            "units": [{"id": "U1", "name": "共建单位", "joined": "2025-01-01"}],
            "agreements": agreements,
        }}), json!({}));
        let as_of = plus(start, at);
        let renewed = renewal.is_some_and(|r| r <= 1);
        let want = !renewed && start <= as_of && as_of <= u && u <= plus(as_of, u64::from(days));
        let got = rows(&ds, as_of, days, "cobuild_agreement_end");
        prop_assert_eq!(got, if want { vec![u] } else { vec![] });
    }

    /// `post_claim_end`: a claim with its release day is due its last day while held; gone when
    /// another claim holds the seat from the release day.
    #[test]
    fn claim_row_until_taken_over(end in 10u64..300, next in prop::option::of(0u64..4),
                                  at in 0u64..330, days in 0u32..60) {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let e = plus(start, end);
        let commitment = json!({"goal": "志愿服务", "hours_per_month": 2});
        let mut claims = vec![json!({"id": "C1", "member": "M01", "post": "P1", "start": "2026-01-01",
                                     "end": s(e), "commitment": commitment})];
        if let Some(n) = next {
            claims.push(json!({"id": "C2", "member": "M02", "post": "P1", "start": s(plus(e, n)),
                               "commitment": commitment}));
        }
        let ds = dataset(json!({
            "posts": [{"id": "P1", "name": "志愿服务岗", "kind": "volunteer", "org": "B",
                       "capacity": 1, "opened": "2026-01-01"}],
            "claims": claims,
        }), json!({}));
        let as_of = plus(start, at);
        let last = e.pred_opt().unwrap();
        let taken = next == Some(0);
        let want = !taken && as_of <= last && last <= plus(as_of, u64::from(days));
        let got = rows(&ds, as_of, days, "post_claim_end");
        prop_assert_eq!(got, if want { vec![last] } else { vec![] });
    }

    /// `term_expired`: due the day the term of the latest election on or before the date ends
    /// (the base's branch was elected on 2020-01-01; a branch elected from 2018-07-01 serves 3
    /// years, 中办《关于党的基层组织任期的意见》2018; from 2022-10-22, 5 years, 党章 2022 art. 30);
    /// there while that day is within the look-ahead or past; a valid election recorded on or
    /// before the date starts a new term and moves it.
    #[test]
    fn term_row_until_reelected(elected in prop::option::of(0u64..2400), at in 0u64..3300,
                                days in 0u32..120) {
        let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        let e = elected.map(|x| plus(start, x));
        let members: Vec<String> = (1..=10).map(|m| format!("M{m:02}")).collect();
        let elections: Vec<Value> = e
            .map(|e| json!({"id": "E", "org": "B", "date": s(e), "seats": 3,
                            "attendees": members, "candidates": ["M01", "M02", "M03", "M04"],
                            "ballots": vec![json!(["M01", "M02", "M03"]); 10]}))
            .into_iter()
            .collect();
        let ds = dataset(json!({}), json!({"elections": elections}));
        let as_of = plus(start, at);
        let latest = match e {
            Some(e) if e <= as_of => e,
            _ => NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        };
        let years = if latest < NaiveDate::from_ymd_opt(2022, 10, 22).unwrap() { 3 } else { 5 };
        let ends = latest.checked_add_months(Months::new(12 * years)).unwrap();
        let want = ends <= plus(as_of, u64::from(days));
        let got = rows(&ds, as_of, days, "term_expired");
        prop_assert_eq!(got, if want { vec![ends] } else { vec![] });
    }

    /// `art9_dues` (党章 art. 9: six consecutive months without paying dues): M01 pays on time
    /// from January 2026 up to month `paid`, then nothing but, perhaps, the sixth month after
    /// (on a day of that month or later). While the five months before the month in progress
    /// are unpaid (their deadlines passed) and the month in progress is not paid, the row is due
    /// its last day; gone once that month is paid, and once it passes (six months: the finding).
    #[test]
    fn art9_dues_row_until_paid(paid in 0u32..7, sixth in prop::option::of(0u64..70),
                                at in 0u64..420, days in 0u32..60) {
        let mut payments: Vec<Value> = (1..=paid)
            .map(|m| json!({"member": "M01", "month": format!("2026-{m:02}"), "amount": 1500,
                            "paid_on": format!("2026-{m:02}-05")}))
            .collect();
        let six = paid + 5;
        let six_paid = sixth.map(|x| plus(month_start(six), x));
        if let Some(p) = six_paid {
            let m = month_start(six);
            payments.push(json!({"member": "M01", "month": format!("{}-{:02}", m.year(), m.month()),
                                 "amount": 1500, "paid_on": s(p)}));
        }
        let profiles = vec![json!({"member": "M01", "effective_from": "2026-01-01",
                                   "basis": "salary", "amount": 300000})];
        let ds = dataset(json!({}), json!({"dues_profiles": profiles, "payments": payments}));
        let as_of = plus(month_start(0), at);
        let now = month_index(as_of);
        let is_paid = |k: i64| {
            k < i64::from(paid) || (k == i64::from(six) && six_paid.is_some_and(|p| p <= as_of))
        };
        // consecutive months unpaid past their deadline (their last day), back from last month
        let mut run = 0;
        let mut k = now - 1;
        while k >= 0 && !is_paid(k) {
            run += 1;
            k -= 1;
        }
        let due = month_end(as_of);
        let want = run == 5 && !is_paid(now) && due <= plus(as_of, u64::from(days));
        let got = member_rows(&ds, as_of, days, "art9_dues", "M01");
        prop_assert_eq!(got, if want { vec![due] } else { vec![] });
    }

    /// `art9_org_life` (党章 art. 9: six consecutive months without taking part in organization
    /// life, without a proper reason), through `Agenda::build` at any day of the month: M01
    /// attends in December 2025, then in each month up to the one before the month in progress
    /// attends (A), is excused (E: the month pauses the count), is absent without leave (X) or
    /// the branch holds nothing (-: counts). After five counted months, the row is due the last
    /// day of the month in progress while M01 has not attended in it; on that last day a sixth
    /// counted month meets the condition and the finding replaces the row.
    #[test]
    fn art9_org_life_row_until_attended(past in prop::collection::vec(0u8..8, 5..12),
                                        now in prop::option::of((0u8..3, 1u32..29)),
                                        at in 1u32..32, days in 0u32..40) {
        let others: Vec<String> = (2..=10).map(|m| format!("M{m:02}")).collect();
        let mut all = others.clone();
        all.push("M01".to_string());
        let mut meetings = vec![json!({"id": "T0", "org": "B", "kind": "theme_day",
                                       "date": "2025-12-10", "attendees": all})];
        let meeting = |id: String, date: NaiveDate, st: char| {
            let mut att = others.clone();
            if st == 'A' {
                att.push("M01".to_string());
            }
            let excused: Vec<&str> = if st == 'E' { vec!["M01"] } else { vec![] };
            json!({"id": id, "org": "B", "kind": "theme_day", "date": s(date),
                   "attendees": att, "excused": excused})
        };
        let code = |c: u8| match c { 0 => 'A', 1 => 'E', 2 => '-', _ => 'X' };
        let mut run = 0;
        for (i, &c) in past.iter().enumerate() {
            let st = code(c);
            if st != '-' {
                meetings.push(meeting(format!("T{}", i + 1), plus(month_start(i as u32), 9), st));
            }
            run = match st { 'A' => 0, 'E' => run, _ => run + 1 };
        }
        let cur = month_start(past.len() as u32);
        let last = month_end(cur);
        let as_of = NaiveDate::from_ymd_opt(cur.year(), cur.month(), at.min(last.day())).unwrap();
        if let Some((c, h)) = now {
            meetings.push(meeting("TC".to_string(), plus(cur, u64::from(h - 1)), code(c)));
        }
        let ds = dataset(json!({}), json!({"meetings": meetings}));
        // the month in progress as of the date: what M01 did at a meeting held by then
        let so_far = now.filter(|&(_, h)| h <= as_of.day()).map_or('-', |(c, _)| code(c));
        let counted = so_far == 'X' || so_far == '-';
        let met = run + usize::from(counted) >= 6 && as_of == last;
        let want = run == 5 && so_far != 'A' && !met && last <= plus(as_of, u64::from(days));
        let got = member_rows(&ds, as_of, days, "art9_org_life", "M01");
        prop_assert_eq!(got, if want { vec![last] } else { vec![] });
    }
}
