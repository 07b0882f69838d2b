//! Property tests and hand-computed cases of compliance: dues, organization life, elections.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::needless_range_loop,
    missing_docs
)]

use chrono::NaiveDate;
use dangjian::compliance::{
    count_election, ArrearsTable, Ballot, Bracket, CollectionTable, Compliance, DuesBasis,
    DuesBook, DuesPolicy, DuesProfile, DuesSchedule, ElectionInput, ElectionRules, MeetingBook,
    MeetingKind, MeetingRecord, Month, MonthStatus, PaymentRecord, Rounding,
};
use dangjian::stats::Rollup;
use dangjian::table::Table;
use dangjian::Registry;
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256);
    ProptestConfig::with_cases(cases)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn m(s: &str) -> Month {
    s.parse().unwrap()
}

fn rounding() -> impl Strategy<Value = Rounding> {
    prop_oneof![
        Just(Rounding::HalfUp),
        Just(Rounding::HalfEven),
        Just(Rounding::Down),
        Just(Rounding::Up)
    ]
}

fn salary(member: &str, from: &str, base: i64) -> DuesProfile {
    DuesProfile {
        member: member.into(),
        effective_from: d(from),
        basis: DuesBasis::Salary,
        amount: Some(base),
    }
}

fn pay(member: &str, month: Month, amount: i64, on: NaiveDate) -> PaymentRecord {
    PaymentRecord {
        member: member.into(),
        month,
        amount,
        paid_on: on,
        reason: None,
    }
}

/// Longest run of `true`.
fn longest(v: &[bool]) -> u64 {
    let (mut run, mut best) = (0u64, 0u64);
    for &x in v {
        run = if x { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pay {
    OnTime,
    Late,
    Partial,
    Excused,
    Unpaid,
}

fn pay_kind() -> impl Strategy<Value = Pay> {
    prop_oneof![
        4 => Just(Pay::OnTime),
        1 => Just(Pay::Late),
        1 => Just(Pay::Partial),
        1 => Just(Pay::Excused),
        4 => Just(Pay::Unpaid),
    ]
}

proptest! {
    #![proptest_config(config())]

    /// Within a bracket, more base never means less dues; with the published (ascending) rates
    /// this holds across brackets too.
    #[test]
    fn dues_monotone_in_base_within_a_bracket(a in 0i64..2_000_000, b in 0i64..2_000_000, r in rounding(), pension in any::<bool>()) {
        let mut s = DuesSchedule::published();
        s.rounding = r;
        let basis = if pension { DuesBasis::Pension } else { DuesBasis::Salary };
        let brackets = if pension { &s.pension } else { &s.salary };
        let (lo, hi) = (a.min(b), a.max(b));
        let same = DuesSchedule::rate(brackets, lo) == DuesSchedule::rate(brackets, hi);
        let (dl, dh) = (s.dues(basis, Some(lo)).unwrap(), s.dues(basis, Some(hi)).unwrap());
        if same {
            prop_assert!(dl <= dh);
        }
        prop_assert!(dl <= dh, "published rates ascend, so dues are monotone overall");
    }

    /// Dues are the exact product rounded to a whole fen: off by less than one fen, by at most
    /// half a fen when rounding to nearest.
    #[test]
    fn dues_within_one_fen_of_exact(base in 0i64..100_000_000, r in rounding()) {
        let mut s = DuesSchedule::published();
        s.rounding = r;
        let rate = DuesSchedule::rate(&s.salary, base).unwrap() as i128;
        let exact = base as i128 * rate; // in 1/10000 fen
        let got = s.dues(DuesBasis::Salary, Some(base)).unwrap() as i128 * 10_000;
        let err = (got - exact).abs();
        prop_assert!(err < 10_000);
        if matches!(r, Rounding::HalfUp | Rounding::HalfEven) {
            prop_assert!(err <= 5_000);
        }
        if r == Rounding::Down { prop_assert!(got <= exact); }
        if r == Rounding::Up { prop_assert!(got >= exact); }
    }

    /// Each month uses the schedule in force on it: the latest starting on or before its last day.
    #[test]
    fn dues_use_the_schedule_in_force_on_the_month(change in 0i64..2400, base in 0i64..2_000_000, rate2 in 1u32..400) {
        let reg = Registry::sample_small();
        let old = DuesSchedule::published();
        let mut new = DuesSchedule::published();
        new.effective_from = d("2021-01-01") + chrono::Days::new(change as u64);
        for b in new.salary.iter_mut() { b.rate_bp = rate2; }
        new.rounding = Rounding::Down;
        let book = DuesBook::new(&reg, vec![new.clone(), old.clone()],
            vec![salary("M1", "2020-01-01", base)], vec![], vec![]).unwrap();
        let ledger = book.ledger(&reg, m("2020-06"), m("2027-12"), d("2028-06-30"), &DuesPolicy::default()).unwrap();
        let mut months = 0;
        for k in 0..ledger.len() {
            if ledger.member_id[k] != "M1" { continue; }
            months += 1;
            let month = ledger.month[k];
            let in_force = if new.effective_from <= month.last_day() { &new } else { &old };
            prop_assert_eq!(ledger.due[k], in_force.dues(DuesBasis::Salary, Some(base)));
            prop_assert_eq!(book.schedule_for(month).unwrap(), in_force);
        }
        prop_assert_eq!(months, 91); // 2020-06 .. 2027-12
    }

    /// The art. 9 flag is raised exactly when six consecutive months are unpaid without a
    /// reason; the arrears count and amount match the pattern.
    #[test]
    fn six_month_flag_iff_six_consecutive_unpaid(pattern in prop::collection::vec(pay_kind(), 1..30), base in 100_000i64..1_500_000) {
        let reg = Registry::sample_small();
        let start = m("2023-01");
        let mut payments = Vec::new();
        let mut month = start;
        for p in &pattern {
            match p {
                Pay::OnTime => payments.push(pay("M1", month, 1_000_000, month.first_day())),
                Pay::Late => payments.push(pay("M1", month, 1_000_000, month.next().first_day() + chrono::Days::new(3))),
                Pay::Partial => payments.push(pay("M1", month, 1, month.last_day())),
                Pay::Excused => payments.push(PaymentRecord { reason: Some("住院".into()), ..pay("M1", month, 0, month.last_day()) }),
                Pay::Unpaid => {}
            }
            month = month.next();
        }
        let end = month.prev();
        let book = DuesBook::new(&reg, vec![], vec![salary("M1", "2020-01-01", base)], payments, vec![]).unwrap();
        let policy = DuesPolicy::default();
        let ledger = book.ledger(&reg, start, end, d("2030-01-01"), &policy).unwrap();
        let arrears = ArrearsTable::from_ledger(&reg, &ledger, &policy);
        // A part payment (here 1 fen) does not pay the month: it stays in arrears.
        let arrears_months: Vec<bool> = pattern.iter().map(|p| matches!(p, Pay::Unpaid | Pay::Partial)).collect();
        let unpaid: Vec<bool> = pattern.iter().map(|p| *p == Pay::Unpaid).collect();
        let run = longest(&arrears_months);
        // Judged day by day: met on the day after the deadline of a month still owed then (unpaid,
        // part paid, or paid late after that day) preceded by five months still unpaid.
        let met_at = (5..pattern.len()).find(|&k| {
            matches!(pattern[k], Pay::Unpaid | Pay::Partial | Pay::Late)
                && arrears_months[k - 5..k].iter().all(|x| *x)
        });
        let row = arrears.member_id.iter().position(|x| x == "M1");
        let n_unpaid = unpaid.iter().filter(|x| **x).count() as u64;
        let n_partial = pattern.iter().filter(|p| **p == Pay::Partial).count() as u64;
        match row {
            None => prop_assert!(n_unpaid + n_partial == 0 && met_at.is_none()),
            Some(r) => {
                prop_assert_eq!(arrears.flagged[r], met_at.is_some());
                let mut mo = start;
                for _ in 0..met_at.unwrap_or(0) { mo = mo.next(); }
                prop_assert_eq!(arrears.met_on[r], met_at.map(|_| mo.next().first_day()));
                prop_assert_eq!(arrears.longest_run[r], run);
                prop_assert_eq!(arrears.months_unpaid[r], n_unpaid);
                prop_assert_eq!(arrears.months_partial[r], n_partial);
                let due = DuesSchedule::published().dues(DuesBasis::Salary, Some(base)).unwrap();
                prop_assert_eq!(arrears.owed[r], n_unpaid as i64 * due + n_partial as i64 * (due - 1).max(0));
                prop_assert_eq!(arrears.current_run[r], arrears_months.iter().rev().take_while(|x| **x).count() as u64);
            }
        }
        // Statuses match the pattern month by month.
        let mine: Vec<MonthStatus> = (0..ledger.len()).filter(|&k| ledger.member_id[k] == "M1").map(|k| ledger.status[k]).collect();
        let due = DuesSchedule::published().dues(DuesBasis::Salary, Some(base)).unwrap();
        for (p, s) in pattern.iter().zip(&mine) {
            let want = match p {
                Pay::OnTime => MonthStatus::Paid,
                Pay::Late => MonthStatus::Late,
                Pay::Partial if due <= 1 => MonthStatus::Paid,
                Pay::Partial => MonthStatus::Partial,
                Pay::Excused => MonthStatus::Excused,
                Pay::Unpaid => MonthStatus::Unpaid,
            };
            prop_assert_eq!(*s, want);
        }
    }

    /// Collection accounts for every member-month, never collects more than is due, and rolls up.
    #[test]
    fn collection_accounts_for_every_member_month(patterns in prop::collection::vec(prop::collection::vec(pay_kind(), 18), 4), as_of_offset in 0u64..700) {
        let reg = Registry::sample_small();
        let from = m("2023-01");
        let to = m("2024-06");
        let as_of = d("2023-01-01") + chrono::Days::new(as_of_offset);
        let ids = ["M1", "M2", "M3", "M4"];
        let mut payments = Vec::new();
        for (id, pat) in ids.iter().zip(&patterns) {
            let mut month = from;
            for p in pat {
                match p {
                    Pay::OnTime => payments.push(pay(id, month, 2_000, month.first_day())),
                    Pay::Late => payments.push(pay(id, month, 2_000, month.next().last_day())),
                    Pay::Partial => payments.push(pay(id, month, 100, month.last_day())),
                    Pay::Excused => payments.push(PaymentRecord { reason: Some("外出".into()), ..pay(id, month, 0, month.first_day()) }),
                    Pay::Unpaid => {}
                }
                month = month.next();
            }
        }
        let profiles = vec![salary("M1", "2020-01-01", 300_000), salary("M2", "2020-01-01", 120_000),
            DuesProfile { member: "M3".into(), effective_from: d("2020-01-01"), basis: DuesBasis::Pension, amount: Some(500_001) }];
        let book = DuesBook::new(&reg, vec![], profiles, payments, vec![]).unwrap();
        let policy = DuesPolicy::default();
        let ledger = book.ledger(&reg, from, to, as_of, &policy).unwrap();
        // M2 pays from the month of admission (2023-03): 16 months; the others 18.
        prop_assert_eq!(ledger.len(), 18 + 16 + 18 + 18);
        let dir = CollectionTable::from_ledger(&reg, &ledger, from, to, Rollup::Direct);
        let sub = CollectionTable::from_ledger(&reg, &ledger, from, to, Rollup::Subtree);
        let z = 0; // the root, first in pre-order
        let total = sub.months_paid[z] + sub.months_late[z] + sub.months_partial[z] + sub.months_unpaid[z]
            + sub.months_excused[z] + sub.months_exempt[z] + sub.months_open[z] + sub.months_unknown_due[z];
        prop_assert_eq!(total, ledger.len() as u64);
        prop_assert_eq!(sub.members[z], 4);
        for r in 0..sub.orgs.len() {
            prop_assert!(sub.fen_collected[r] <= sub.fen_due[r]);
            prop_assert!(sub.rate_bp[r].unwrap_or(0) <= 10_000);
        }
        let tree = reg.tree();
        for c in ["members", "months_paid", "months_late", "months_partial", "months_unpaid", "months_excused", "months_open", "months_unknown_due"] {
            let col = |t: &CollectionTable| {
                let cols = t.columns();
                let cc = cols.iter().find(|x| x.name == c).unwrap();
                (0..t.orgs.len()).map(|r| cc.data.count_at(r).unwrap()).collect::<Vec<_>>()
            };
            prop_assert_eq!(col(&sub), tree.rollup(&col(&dir)));
        }
        let sum: i64 = dir.fen_due.iter().sum();
        prop_assert_eq!(sub.fen_due[z], sum);
    }

    /// Required periods met = periods with enough meetings, counted independently.
    #[test]
    fn meeting_compliance_counts_periods(days in prop::collection::vec((0u64..730, 0usize..3), 0..40)) {
        let reg = Registry::sample_small();
        let kinds = [MeetingKind::ThemeDay, MeetingKind::BranchAssembly, MeetingKind::PartyLecture];
        let meetings: Vec<MeetingRecord> = days.iter().enumerate().map(|(i, (off, k))| MeetingRecord {
            id: format!("T{i}").into(),
            org: "B1".into(),
            kind: kinds[*k],
            date: d("2024-01-01") + chrono::Days::new(*off),
            attendees: vec![],
            excused: vec![],
            expected: None,
            topic: None,
        }).collect();
        let book = MeetingBook::new(&reg, vec![], meetings).unwrap();
        let t = book.compliance(&reg, m("2024-01"), m("2025-12"), d("2025-12-31")).unwrap();
        for (k, kind) in kinds.iter().enumerate() {
            let row = t.row("B1", *kind).unwrap();
            let monthly = *kind == MeetingKind::ThemeDay;
            let units: u64 = if monthly { 24 } else { 8 };
            let met = (0..units).filter(|u| {
                days.iter().any(|(off, kk)| {
                    let date = d("2024-01-01") + chrono::Days::new(*off);
                    let mo = Month::of(date);
                    let idx = (mo.year() - 2024) as u64 * 12 + u64::from(mo.month()) - 1;
                    *kk == k && if monthly { idx == *u } else { idx / 3 == *u }
                })
            }).count() as u64;
            prop_assert_eq!(t.periods_required[row], units);
            prop_assert_eq!(t.periods_met[row], met);
            prop_assert_eq!(t.compliant[row], met == units);
        }
        // B2 holds nothing: it misses everything that applies to it (no committee: no committee meetings).
        prop_assert!(t.row("B2", MeetingKind::BranchCommittee).is_none());
        prop_assert_eq!(t.periods_met[t.row("B2", MeetingKind::ThemeDay).unwrap()], 0);
    }

    /// Absent without leave six months running is flagged exactly when the pattern has such a run.
    #[test]
    fn attendance_flag_iff_six_months_absent(pattern in prop::collection::vec(0u8..3, 1..24)) {
        let reg = Registry::sample_small();
        let mut meetings = Vec::new();
        let mut month = m("2024-01");
        for (i, p) in pattern.iter().enumerate() {
            let (att, exc) = match p {
                0 => (vec!["M1".into(), "M3".into()], vec![]),
                1 => (vec!["M1".into()], vec!["M3".into()]),
                _ => (vec!["M1".into()], vec![]),
            };
            meetings.push(MeetingRecord { id: format!("T{i}").into(), org: "B1".into(), kind: MeetingKind::ThemeDay,
                date: month.first_day() + chrono::Days::new(4), attendees: att, excused: exc, expected: None, topic: None });
            month = month.next();
        }
        let book = MeetingBook::new(&reg, vec![], meetings).unwrap();
        let t = book.attendance(&reg, m("2024-01"), month.prev(), d("2030-01-01"), 6).unwrap();
        let r = t.row("M3").unwrap();
        // Time since the last meeting attended: attending ends the run, an excused month pauses it.
        let (mut run, mut best) = (0u64, 0u64);
        for p in &pattern {
            match p { 0 => run = 0, 1 => {}, _ => { run += 1; best = best.max(run); } }
        }
        prop_assert_eq!(t.longest_absent_run[r], best);
        prop_assert_eq!(t.flagged[r], best >= 6);
        prop_assert_eq!(t.attended[r], pattern.iter().filter(|p| **p == 0).count() as u64);
        prop_assert_eq!(t.expected[r], pattern.len() as u64);
        // M2 (probationary from 2023-03) is expected too: probationary members attend.
        prop_assert!(t.row("M2").is_some());
        // M4 is in B2 and never expected at B1's meetings. B2 holds none: those months count as
        // time without organization life (they do not end a run) and are held against B2, so M4
        // has a row only once six such months meet 党章 art. 9.
        if let Some(r4) = t.row("M4") {
            prop_assert_eq!(t.expected[r4], 0);
            prop_assert!(t.flagged[r4]);
        }
        prop_assert_eq!(t.row("M4").is_some(), pattern.len() >= 6);
        prop_assert!(t.branch_no_meeting.iter().all(|(_, b)| b == "B2"));
        prop_assert_eq!(t.branch_no_meeting.len(), pattern.len());
    }

    /// Election invariants on random inputs.
    #[test]
    fn election_invariants(n in 1usize..40, seats in 1u32..6, ex in prop::collection::vec(any::<bool>(), 40),
                           absent in prop::collection::vec(any::<bool>(), 40), cand in prop::collection::vec(any::<bool>(), 40),
                           ballots in prop::collection::vec(prop::collection::vec(0usize..45, 0..7), 0..50)) {
        let ids: Vec<String> = (0..n).map(|i| format!("V{i:02}")).collect();
        let excused: Vec<String> = ids.iter().enumerate().filter(|(i, _)| ex[*i]).map(|(_, s)| s.clone()).collect();
        let attendees: Vec<String> = ids.iter().enumerate().filter(|(i, _)| !ex[*i] && !absent[*i]).map(|(_, s)| s.clone()).collect();
        let candidates: Vec<String> = ids.iter().enumerate().filter(|(i, _)| cand[*i]).map(|(_, s)| s.clone()).collect();
        let ballots: Vec<Ballot> = ballots.iter().map(|b| Ballot { marks: b.iter().map(|k| format!("V{k:02}").into()).collect() }).collect();
        let input = ElectionInput {
            id: "P".into(), seats,
            voters: ids.iter().map(|s| s.as_str().into()).collect(),
            excused: excused.iter().map(|s| s.as_str().into()).collect(),
            attendees: attendees.iter().map(|s| s.as_str().into()).collect(),
            candidates: candidates.iter().map(|s| s.as_str().into()).collect(),
            ballots,
        };
        let r = count_election(&input, &ElectionRules::default()).unwrap();
        prop_assert_eq!(r.expected, r.eligible - r.excused);
        prop_assert_eq!(r.quorum_met, 5 * r.present > 4 * r.expected);
        prop_assert_eq!(r.competitive, 5 * r.candidates >= 6 * r.seats);
        prop_assert_eq!(r.void, r.ballots > r.present);
        prop_assert_eq!(r.valid_ballots + r.invalid_ballots, r.ballots);
        prop_assert!(r.elected.len() as u64 <= r.seats);
        prop_assert_eq!(r.unfilled, r.seats - r.elected.len() as u64);
        if !r.is_valid() {
            prop_assert!(r.elected.is_empty() && r.tied.is_empty());
        }
        let votes = |p: &str| r.tally.person.iter().position(|x| x == p).map(|i| r.tally.votes[i]).unwrap_or(0);
        for e in &r.elected {
            prop_assert!(2 * votes(e) > r.present, "elected with more than half of the voting attendees");
        }
        if !r.tied.is_empty() {
            let v = votes(&r.tied[0]);
            prop_assert!(r.tied.iter().all(|t| votes(t) == v));
            prop_assert!(r.elected.iter().all(|e| votes(e) > v));
            prop_assert!(r.elected.len() + r.tied.len() > r.seats as usize);
        }
        // Nobody left out has more votes than someone elected (unless tied out).
        if let Some(min_elected) = r.elected.iter().map(|e| votes(e)).min() {
            for (i, p) in r.tally.person.iter().enumerate() {
                if !r.tally.elected[i] && !r.tally.tied[i] {
                    prop_assert!(r.tally.votes[i] <= min_elected || r.elected.len() as u64 == r.seats);
                    prop_assert!(r.tally.votes[i] < min_elected || r.elected.len() as u64 == r.seats, "{} left out", p);
                }
            }
        }
        // Votes counted equal the marks on valid ballots.
        let total: u64 = r.tally.votes.iter().sum();
        let marks: u64 = input.ballots.iter().filter(|b| {
            b.marks.len() as u32 <= seats
                && { let mut s = b.marks.clone(); s.sort(); s.dedup(); s.len() == b.marks.len() }
                && b.marks.iter().all(|x| ids.iter().any(|i| i == x.as_str()))
        }).map(|b| b.marks.len() as u64).sum();
        prop_assert_eq!(total, marks);
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-computed cases.

#[test]
fn probationary_members_pay_from_the_month_of_admission() {
    // M2 was admitted on 2023-03-01: the ledger starts in 2023-03.
    let reg = Registry::sample_small();
    let book = DuesBook::new(
        &reg,
        vec![],
        vec![salary("M2", "2020-01-01", 450_000)],
        vec![],
        vec![],
    )
    .unwrap();
    let l = book
        .ledger(
            &reg,
            m("2023-01"),
            m("2023-06"),
            d("2023-07-15"),
            &DuesPolicy::default(),
        )
        .unwrap();
    let months: Vec<String> = (0..l.len())
        .filter(|&k| l.member_id[k] == "M2")
        .map(|k| l.month[k].to_string())
        .collect();
    assert_eq!(months, ["2023-03", "2023-04", "2023-05", "2023-06"]);
    // 4,500 yuan × 1% = 45 yuan.
    let k = (0..l.len()).find(|&k| l.member_id[k] == "M2").unwrap();
    assert_eq!(l.due[k], Some(4_500));
    // M1 and M3 have no profile and are residents: the amount is unknown, and so is the month
    // (never unpaid: 党章 art. 9 cannot be judged without dues data).
    let k1 = (0..l.len()).find(|&k| l.member_id[k] == "M1").unwrap();
    assert_eq!((l.due[k1], l.status[k1]), (None, MonthStatus::Unknown));
}

#[test]
fn bracket_boundaries_through_the_ledger() {
    // 3,000 / 5,000 / 10,000 yuan inclusive, and one fen above each.
    let cases = [
        (300_000, 1_500),
        (300_001, 3_000),
        (500_000, 5_000),
        (500_001, 7_500),
        (1_000_000, 15_000),
        (1_000_001, 20_000),
    ];
    let reg = Registry::sample_small();
    for (base, want) in cases {
        let book = DuesBook::new(
            &reg,
            vec![],
            vec![salary("M1", "2020-01-01", base)],
            vec![],
            vec![],
        )
        .unwrap();
        let l = book
            .ledger(
                &reg,
                m("2024-01"),
                m("2024-01"),
                d("2024-01-15"),
                &DuesPolicy::default(),
            )
            .unwrap();
        let k = (0..l.len()).find(|&k| l.member_id[k] == "M1").unwrap();
        assert_eq!(l.due[k], Some(want), "base {base}");
        assert_eq!(
            l.status[k],
            MonthStatus::Open,
            "deadline not passed on 2024-01-15"
        );
    }
}

#[test]
fn farmer_fixed_dues_are_bounded() {
    let reg = Registry::sample_small();
    let fixed = |a| DuesProfile {
        member: "M1".into(),
        effective_from: d("2020-01-01"),
        basis: DuesBasis::Fixed,
        amount: Some(a),
    };
    assert!(DuesBook::new(&reg, vec![], vec![fixed(20)], vec![], vec![]).is_ok());
    // 党费规定 2008: farmers pay 0.2–1 yuan a month.
    assert!(DuesBook::new(&reg, vec![], vec![fixed(100)], vec![], vec![]).is_ok());
    assert_eq!(
        DuesBook::new(&reg, vec![], vec![fixed(101)], vec![], vec![])
            .unwrap_err()
            .code(),
        "bad_profile"
    );
    assert_eq!(
        DuesBook::new(&reg, vec![], vec![fixed(19)], vec![], vec![])
            .unwrap_err()
            .code(),
        "bad_profile"
    );
}

#[test]
fn data_errors_have_codes() {
    let reg = Registry::sample_small();
    let e = DuesBook::new(
        &reg,
        vec![],
        vec![salary("NOPE", "2020-01-01", 1)],
        vec![],
        vec![],
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_member");
    let e = DuesBook::new(
        &reg,
        vec![],
        vec![],
        vec![pay("M1", m("2024-01"), 0, d("2024-01-02"))],
        vec![],
    )
    .unwrap_err();
    assert_eq!(e.code(), "bad_payment");
    let mut bad = DuesSchedule::published();
    bad.salary = vec![
        Bracket {
            up_to: None,
            rate_bp: 50,
        },
        Bracket {
            up_to: None,
            rate_bp: 50,
        },
    ];
    assert_eq!(
        DuesBook::new(&reg, vec![bad], vec![], vec![], vec![])
            .unwrap_err()
            .code(),
        "bad_schedule"
    );
    let e = DuesBook::new(
        &reg,
        vec![DuesSchedule::published()],
        vec![],
        vec![],
        vec![],
    )
    .unwrap()
    .schedule_for(m("2007-12"))
    .unwrap_err();
    assert_eq!(e.code(), "no_schedule");
    let meeting = |org: &str, kind| MeetingRecord {
        id: "X".into(),
        org: org.into(),
        kind,
        date: d("2024-01-05"),
        attendees: vec![],
        excused: vec![],
        expected: None,
        topic: None,
    };
    assert_eq!(
        MeetingBook::new(&reg, vec![], vec![meeting("G1", MeetingKind::ThemeDay)])
            .unwrap_err()
            .code(),
        "bad_meeting"
    );
    assert_eq!(
        MeetingBook::new(&reg, vec![], vec![meeting("B1", MeetingKind::GroupMeeting)])
            .unwrap_err()
            .code(),
        "bad_meeting"
    );
    assert_eq!(
        MeetingBook::new(&reg, vec![], vec![meeting("B9", MeetingKind::ThemeDay)])
            .unwrap_err()
            .code(),
        "unknown_org"
    );
    let mut twice = meeting("B1", MeetingKind::ThemeDay);
    twice.attendees = vec!["M1".into()];
    twice.excused = vec!["M1".into()];
    assert_eq!(
        MeetingBook::new(&reg, vec![], vec![twice])
            .unwrap_err()
            .code(),
        "bad_meeting"
    );
    let mut early = meeting("B1", MeetingKind::ThemeDay);
    early.date = d("2019-06-01");
    assert_eq!(
        MeetingBook::new(&reg, vec![], vec![early])
            .unwrap_err()
            .code(),
        "org_inactive"
    );
    assert_eq!(
        MeetingBook::new(
            &reg,
            vec![],
            vec![
                meeting("B1", MeetingKind::ThemeDay),
                meeting("B1", MeetingKind::ThemeDay)
            ]
        )
        .unwrap_err()
        .code(),
        "duplicate_id"
    );
    assert_eq!(book_period_error(&reg), "bad_period");
    let req = dangjian::compliance::MeetingRequirement {
        kind: MeetingKind::ThemeDay,
        per: dangjian::calendar::PeriodKind::Month,
        at_least: 0,
        applies_to: vec![dangjian::org::OrgKind::Branch],
        committee_only: false,
    };
    assert_eq!(
        MeetingBook::new(&reg, vec![req], vec![])
            .unwrap_err()
            .code(),
        "bad_requirement"
    );
}

fn book_period_error(reg: &Registry) -> &'static str {
    let book = MeetingBook::new(reg, vec![], vec![]).unwrap();
    book.compliance(reg, m("2024-05"), m("2024-04"), d("2024-06-01"))
        .unwrap_err()
        .code()
}

#[test]
fn meeting_compliance_by_hand() {
    // B1 holds theme days in 2024-01, 2024-02 and 2024-04 (none in March), one assembly on
    // 2024-02-10 (covers Q1, not Q2), and nothing else. Window 2024-01..2024-06, report date
    // 2024-06-30: theme days 3 of 6 months; assembly 1 of 2 quarters.
    let reg = Registry::sample_small();
    let mt = |id: &str, kind, date: &str| MeetingRecord {
        id: id.into(),
        org: "B1".into(),
        kind,
        date: d(date),
        attendees: vec!["M1".into()],
        excused: vec![],
        expected: None,
        topic: None,
    };
    let book = MeetingBook::new(
        &reg,
        vec![],
        vec![
            mt("a", MeetingKind::ThemeDay, "2024-01-05"),
            mt("b", MeetingKind::ThemeDay, "2024-02-05"),
            mt("c", MeetingKind::ThemeDay, "2024-04-05"),
            mt("d", MeetingKind::BranchAssembly, "2024-02-10"),
        ],
    )
    .unwrap();
    let t = book
        .compliance(&reg, m("2024-01"), m("2024-06"), d("2024-06-30"))
        .unwrap();
    let th = t.row("B1", MeetingKind::ThemeDay).unwrap();
    assert_eq!((t.periods_required[th], t.periods_met[th]), (6, 3));
    assert_eq!(t.missed[th], "2024-03、2024-05、2024-06");
    let asm = t.row("B1", MeetingKind::BranchAssembly).unwrap();
    assert_eq!(
        (
            t.periods_required[asm],
            t.periods_met[asm],
            t.missed[asm].as_str()
        ),
        (2, 1, "2024-Q2")
    );
    // Yearly requirements need a whole calendar year inside the window: none here.
    assert!(t.row("B1", MeetingKind::OrgLifeMeeting).is_none());
    // On 2024-05-31, June has not ended: 5 months, Q2 not yet required.
    let t = book
        .compliance(&reg, m("2024-01"), m("2024-06"), d("2024-05-31"))
        .unwrap();
    let th = t.row("B1", MeetingKind::ThemeDay).unwrap();
    assert_eq!(t.periods_required[th], 5);
    let asm = t.row("B1", MeetingKind::BranchAssembly).unwrap();
    assert_eq!(t.periods_required[asm], 1);
    // Attendance: M1 attended all four; M2 and M3 were expected at all four and absent.
    let a = book
        .attendance(&reg, m("2024-01"), m("2024-06"), d("2024-06-30"), 6)
        .unwrap();
    let r1 = a.row("M1").unwrap();
    assert_eq!(
        (a.expected[r1], a.attended[r1], a.rate_bp[r1]),
        (4, 4, Some(10_000))
    );
    let r3 = a.row("M3").unwrap();
    // B1 held no meeting in March, May and June: those months do not end M3's run (time since
    // the last meeting attended), so the six months meet 党章 art. 9 at the end of June, and the
    // months without a meeting are recorded against B1.
    assert_eq!(
        (a.absent[r3], a.longest_absent_run[r3], a.flagged[r3]),
        (4, 6, true)
    );
    assert_eq!(a.months[r3], "XX-X--");
    assert_eq!(a.met_on[r3], Some(d("2024-06-30")));
    let gaps: Vec<String> = a.no_meeting[r3]
        .iter()
        .map(|(mo, b)| format!("{mo} {b}"))
        .collect();
    assert_eq!(gaps, ["2024-03 B1", "2024-05 B1", "2024-06 B1"]);
}

#[test]
fn sample_community_compliance_by_hand() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let c = Compliance::from_dataset(&ds, &reg).unwrap();
    let (from, to, as_of) = (
        dangjian::synth::COMPLIANCE_FROM,
        dangjian::synth::COMPLIANCE_TO,
        dangjian::synth::SAMPLE_AS_OF,
    );
    // Special dues: 7,155 yuan (seed 000).
    let sp = c.special_dues(&reg, from.first_day(), as_of, Rollup::Subtree);
    assert_eq!(sp.total("抗震救灾"), dangjian::synth::SPECIAL_DUES_TOTAL);
    assert_eq!(dangjian::synth::SPECIAL_DUES_TOTAL, 715_500);
    // Two members six or more months unpaid; four members in arrears in all.
    let a = c.arrears(&reg, from, to, as_of).unwrap();
    assert_eq!(a.flagged_ids().len(), 2);
    assert_eq!(a.member.len(), 4);
    // The planned missed periods, and nothing else.
    let t = c.meetings.compliance(&reg, from, to, as_of).unwrap();
    let mut missed: Vec<String> = (0..t.len())
        .filter(|&k| !t.compliant[k])
        .map(|k| format!("{} {} {}", t.org[k], t.kind[k].code(), t.missed[k]))
        .collect();
    missed.sort();
    assert_eq!(
        missed,
        [
            "B1 party_lecture 2026-Q2",
            "B2 branch_committee 2026-02",
            "B3 democratic_appraisal 2025",
            "B4 branch_assembly 2025-Q3",
            "B4 theme_day 2025-08",
            "G22 group_meeting 2025-11",
            "G41 group_meeting 2026-03、2026-04",
        ]
    );
    // B4 has no committee (fewer than seven full members at founding): no committee meetings required.
    assert!(t.row("B4", MeetingKind::BranchCommittee).is_none());
    // Absent six months running: the member absent 2025-03..09 and the lost-contact member.
    let att = c.meetings.attendance(&reg, from, to, as_of, 6).unwrap();
    assert_eq!(att.flagged_ids().len(), 2);
    // The founding election: 118 full members, 7 excused: 111 expected, 108 present > 4/5.
    let e = &c.election_results(&reg, &ElectionRules::default()).unwrap()[0];
    assert_eq!(
        (e.eligible, e.excused, e.expected, e.present),
        (118, 7, 111, 108)
    );
    assert!(e.quorum_met && e.competitive && !e.void);
    assert_eq!((e.valid_ballots, e.invalid_ballots), (107, 1));
    assert_eq!(e.elected.len(), 5);
    assert_eq!(e.votes_needed, 55);
}

#[test]
fn seed_004_election() {
    // 152 members, 11 unable to attend (excused), 141 expected, 141 present; more than 4/5.
    let ids: Vec<String> = (1..=152).map(|i| format!("M{i:03}")).collect();
    let input = ElectionInput {
        id: "seed004".into(),
        seats: 7,
        voters: ids.iter().map(|s| s.as_str().into()).collect(),
        excused: ids[141..].iter().map(|s| s.as_str().into()).collect(),
        attendees: ids[..141].iter().map(|s| s.as_str().into()).collect(),
        candidates: ids[..9].iter().map(|s| s.as_str().into()).collect(),
        ballots: (0..141)
            .map(|i| Ballot {
                marks: ids[..9]
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| (i + k) % 9 < 7)
                    .map(|(_, s)| s.as_str().into())
                    .collect(),
            })
            .collect(),
    };
    let r = count_election(&input, &ElectionRules::default()).unwrap();
    assert_eq!(
        (r.eligible, r.excused, r.expected, r.present),
        (152, 11, 141, 141)
    );
    assert!(r.quorum_met);
    // 9 candidates for 7 seats: 9 ≥ 8.4, competitive.
    assert!(r.competitive);
    // Ballot i marks candidate k (k = 0..8) when (i + k) mod 9 < 7: seven marks, all valid.
    // Over 141 = 15 × 9 + 6 ballots candidate k gets 105 + #{j < 6 : (j + k) mod 9 < 7}:
    // k = 0, 1 → 111; k = 2, 8 → 110; k = 3..7 → 109. All exceed 70.5 (71 needed).
    // Seven seats: the cut is at 109 and five candidates share it, so M001, M002, M003 and M009
    // are elected, M004–M008 tie for the last three seats, which go to a further round.
    assert_eq!(r.votes_needed, 71);
    let v = |p: &str| r.tally.votes[r.tally.person.iter().position(|x| x == p).unwrap()];
    assert_eq!(
        (
            v("M001"),
            v("M002"),
            v("M003"),
            v("M009"),
            v("M004"),
            v("M008")
        ),
        (111, 111, 110, 110, 109, 109)
    );
    let mut elected: Vec<&str> = r.elected.iter().map(|s| s.as_str()).collect();
    elected.sort();
    assert_eq!(elected, ["M001", "M002", "M003", "M009"]);
    assert_eq!(r.tied.len(), 5);
    assert_eq!(r.unfilled, 3);
}

/// 党章 art. 9, dues: a catch-up after the condition was met keeps the day it was met and shows
/// the day of the catch-up; a reason that is not accepted leaves the month unpaid; a month of
/// unknown dues is never owed.
#[test]
fn art9_dues_catch_up_reasons_and_unknown_months() {
    let reg = Registry::sample_small();
    let policy = DuesPolicy::default();
    // M1: 2024-01..06 unpaid, all caught up on 2024-08-10; 2024-03 carries the reason 忘了.
    let mut payments: Vec<PaymentRecord> = Month::range(m("2024-01"), m("2024-06"))
        .map(|mo| pay("M1", mo, 1_500, d("2024-08-10")))
        .collect();
    payments.push(PaymentRecord {
        reason: Some("忘了".into()),
        ..pay("M1", m("2024-03"), 0, d("2024-03-20"))
    });
    let book = DuesBook::new(
        &reg,
        vec![],
        vec![salary("M1", "2020-01-01", 300_000)],
        payments,
        vec![],
    )
    .unwrap();
    let ledger = book
        .ledger(&reg, m("2024-01"), m("2024-06"), d("2024-09-30"), &policy)
        .unwrap();
    let a = ArrearsTable::from_ledger(&reg, &ledger, &policy);
    let r = a.member_id.iter().position(|x| x == "M1").unwrap();
    assert!(a.flagged[r]);
    assert_eq!(a.met_on[r], Some(d("2024-07-01")));
    assert_eq!(
        (a.run_from[r], a.run_to[r]),
        (Some(m("2024-01")), Some(m("2024-06")))
    );
    assert_eq!(a.caught_up_on[r], Some(d("2024-08-10")));
    assert_eq!(a.paid_later[r].len(), 6);
    // Paid in full by the report date: no months in arrears, the finding stays.
    assert_eq!(a.months_unpaid[r] + a.months_partial[r], 0);
    let k = (0..ledger.len())
        .find(|&k| ledger.member_id[k] == "M1" && ledger.month[k] == m("2024-03"))
        .unwrap();
    assert_eq!(ledger.reason_not_accepted[k].as_deref(), Some("忘了"));
    assert_eq!(ledger.status[k], MonthStatus::Late);
    // M3 has no profile: every month is unknown, nobody is flagged.
    let r3 = a.member_id.iter().position(|x| x == "M3");
    assert!(r3.is_none());
    let k3 = (0..ledger.len())
        .find(|&k| ledger.member_id[k] == "M3")
        .unwrap();
    assert_eq!(ledger.status[k3], MonthStatus::Unknown);
    // Catch-ups beyond six months: January paid in August (7 months later) is one; February
    // (6 months) is not.
    let late: Vec<(Month, i64)> = book
        .catch_ups(d("2024-01-01"), d("2024-12-31"), &policy)
        .into_iter()
        .map(|(_, mo, _, gap)| (mo, gap))
        .collect();
    assert_eq!(late, [(m("2024-01"), 7)]);
}
