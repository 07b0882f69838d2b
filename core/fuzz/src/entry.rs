//! Fuzz entry points of the dangjian core.
//!
//! Each function takes arbitrary bytes. It must return normally on every input; it panics only
//! when the library breaks one of its own promises (a round trip that changes the data, a failed
//! change that leaves a trace, a registry that differs from the one rebuilt from its own log).
//!
//! The same file is compiled twice: into the cargo-fuzz crate (`core/fuzz`, one binary per
//! target in `fuzz_targets/`) and into the test `core/tests/fuzz_regressions.rs`, which replays
//! every file of `core/fuzz/regressions/<target>/` through [`TARGETS`]. So a crash found by the
//! fuzzer, once its input is copied there, is a regression test of `cargo test`.
//!
//! Adding a target (e.g. the rule-set loader of the scoring module):
//! 1. write `pub fn rule_set(data: &[u8])` here and add it to [`TARGETS`];
//! 2. add `fuzz_targets/rule_set.rs` (three lines, copy another) and a `[[bin]]` in
//!    `core/fuzz/Cargo.toml`;
//! 3. put a few seed inputs in `core/fuzz/regressions/rule_set/`.

use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate};
use dangjian::io::{import_roster_csv, import_roster_xlsx, Dataset, RosterOptions};
use dangjian::member::{Category, EventRecord, EventType, Gender, MemberRecord, MembershipStatus};
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::Registry;

/// A fuzz entry point.
pub type Entry = fn(&[u8]);

/// Every target, by name. The regression test dispatches on the directory name
/// `core/fuzz/regressions/<name>/`; a directory without an entry here fails the test.
pub const TARGETS: &[(&str, Entry)] = &[
    ("dataset_json", dataset_json),
    ("dataset_binary", dataset_binary),
    ("roster_csv", roster_csv),
    ("roster_xlsx", roster_xlsx),
    ("event_batch", event_batch),
    ("rule_set_json", rule_set_json),
    ("rule_set_toml", rule_set_toml),
    ("scoring", scoring),
];

/// The entry point called `name`.
pub fn target(name: &str) -> Option<Entry> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

struct Fixtures {
    community: Registry,
    small: Registry,
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| Fixtures {
        community: dangjian::synth::sample_community()
            .into_registry()
            .expect("the sample community is valid"),
        small: Registry::sample_small(),
    })
}

/// `Dataset::from_json_bytes`, then a JSON round trip and the registry checks.
pub fn dataset_json(data: &[u8]) {
    let Ok(ds) = Dataset::from_json_bytes(data) else {
        return;
    };
    let text = ds
        .to_json()
        .expect("a dataset that was read can be written");
    let back = Dataset::from_json(&text).expect("written JSON reads back");
    assert_eq!(back, ds, "JSON round trip changed the dataset");
    check_dataset(&ds);
}

/// `Dataset::from_binary`, then a binary round trip and the registry checks.
pub fn dataset_binary(data: &[u8]) {
    let Ok(ds) = Dataset::from_binary(data) else {
        return;
    };
    let bytes = ds
        .to_binary()
        .expect("a dataset that was read can be written");
    let back = Dataset::from_binary(&bytes).expect("written binary reads back");
    assert_eq!(back, ds, "binary round trip changed the dataset");
    check_dataset(&ds);
}

/// CSV roster import against the sample community, then `Registry::import` (all or nothing).
pub fn roster_csv(data: &[u8]) {
    let reg = &fixtures().community;
    let opts = RosterOptions::new(dangjian::synth::SAMPLE_AS_OF);
    if let Ok(out) = import_roster_csv(data, reg.tree(), &opts) {
        import_all_or_nothing(reg, out.members, out.events);
    }
}

/// XLSX roster import against the sample community, then `Registry::import` (all or nothing).
pub fn roster_xlsx(data: &[u8]) {
    let reg = &fixtures().community;
    let opts = RosterOptions::new(dangjian::synth::SAMPLE_AS_OF);
    if let Ok(out) = import_roster_xlsx(data, reg.tree(), &opts) {
        import_all_or_nothing(reg, out.members, out.events);
    }
}

fn import_all_or_nothing(reg: &Registry, members: Vec<MemberRecord>, events: Vec<EventRecord>) {
    let mut r = reg.clone();
    if r.import(members, events).is_err() {
        assert!(&r == reg, "a failed import changed the registry");
    } else {
        check_rebuild(&r);
    }
}

const TYPES: [EventType; 21] = [
    EventType::Applied,
    EventType::Talked,
    EventType::Activist,
    EventType::Candidate,
    EventType::Admitted,
    EventType::ProbationExtended,
    EventType::Converted,
    EventType::ProbationCancelled,
    EventType::TransferredIn,
    EventType::TransferredOut,
    EventType::Moved,
    EventType::GroupAssigned,
    EventType::FloatedOut,
    EventType::Returned,
    EventType::LostContact,
    EventType::Found,
    EventType::CategoryChanged,
    EventType::Died,
    EventType::Expelled,
    EventType::Removed,
    EventType::Withdrew,
];

const MEMBERS: [&str; 8] = ["M1", "M2", "M3", "M4", "N1", "N2", "N3", "ZZ"];
const ORGS: [&str; 5] = ["Z", "B1", "G1", "B2", "X9"];

/// Reads small numbers off the input; zeros once it is used up.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }
    fn u16(&mut self) -> u16 {
        u16::from(self.u8()) << 8 | u16::from(self.u8())
    }
    fn pick<'s, T>(&mut self, from: &'s [T]) -> &'s T {
        &from[usize::from(self.u8()) % from.len()]
    }
    fn date(&mut self) -> NaiveDate {
        // 1930-01-01 plus up to 65535 days (to 2109)
        NaiveDate::from_ymd_opt(1930, 1, 1)
            .and_then(|d| d.checked_add_days(Days::new(u64::from(self.u16()))))
            .expect("in range")
    }
    fn maybe_date(&mut self) -> Option<NaiveDate> {
        (self.u8() % 2 == 1).then(|| self.date())
    }
    fn text(&mut self) -> Option<String> {
        match self.u8() % 4 {
            0 => None,
            1 => Some("上海".into()),
            2 => Some(String::new()),
            _ => Some("单位".repeat(usize::from(self.u8()))),
        }
    }
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn event(b: &mut Bytes<'_>) -> EventRecord {
    let member = *b.pick(&MEMBERS);
    let date = b.date();
    let kind = *b.pick(&TYPES);
    let mut e = EventRecord::new(member, date, kind);
    let flags = b.u8();
    if flags & 1 != 0 {
        e.branch = Some((*b.pick(&ORGS)).into());
    }
    if flags & 2 != 0 {
        e.group = Some((*b.pick(&ORGS)).into());
    }
    if flags & 4 != 0 {
        e.months = Some(b.u8());
    }
    if flags & 8 != 0 {
        e.status = Some(if b.u8() % 2 == 0 {
            MembershipStatus::Full
        } else {
            MembershipStatus::Probationary
        });
    }
    if flags & 16 != 0 {
        e.admitted_on = b.maybe_date();
        e.converted_on = b.maybe_date();
    }
    if flags & 32 != 0 {
        e.category = Some(*b.pick(&Category::ALL));
    }
    if flags & 64 != 0 {
        e.home_unit = b.text().map(Into::into);
    }
    if flags & 128 != 0 {
        e.place = b.text().map(Into::into);
    }
    e
}

fn member(b: &mut Bytes<'_>) -> MemberRecord {
    let id = *b.pick(&MEMBERS);
    let gender = if b.u8() % 2 == 0 {
        Gender::Male
    } else {
        Gender::Female
    };
    let mut m = MemberRecord::new(id, "测试", gender, b.date()).expect("valid name");
    if b.u8() % 4 == 0 {
        m.home_unit = b.text().map(Into::into);
    }
    m
}

/// Structured: the input is read as a sequence of operations (event batches, roster additions,
/// imports) against the small sample registry. After every operation: a failure left the
/// registry exactly as before; a success gives the registry rebuilt from its own log.
pub fn event_batch(data: &[u8]) {
    let mut b = Bytes(data);
    let mut reg = fixtures().small.clone();
    let mut ops = 0;
    while !b.is_empty() && ops < 32 {
        ops += 1;
        let before = reg.clone();
        let result = match b.u8() % 3 {
            0 => {
                let n = usize::from(b.u8() % 8);
                let batch: Vec<EventRecord> = (0..n).map(|_| event(&mut b)).collect();
                reg.apply(batch).map(|_| ())
            }
            1 => {
                let n = usize::from(b.u8() % 3);
                let people: Vec<MemberRecord> = (0..n).map(|_| member(&mut b)).collect();
                reg.add_members(people)
            }
            _ => {
                let n = usize::from(b.u8() % 2);
                let people: Vec<MemberRecord> = (0..n).map(|_| member(&mut b)).collect();
                let m = usize::from(b.u8() % 4);
                let batch: Vec<EventRecord> = (0..m).map(|_| event(&mut b)).collect();
                reg.import(people, batch).map(|_| ())
            }
        };
        match result {
            Err(e) => {
                assert!(reg == before, "failed change left a trace: {e}");
                let _ = e.code();
            }
            Ok(()) => check_rebuild(&reg),
        }
    }
    check_queries(&reg);
}

/// The registry equals the one rebuilt from its organizations, roster and log in one batch.
fn check_rebuild(reg: &Registry) {
    let again = Registry::build(
        reg.tree().records().to_vec(),
        reg.members().to_vec(),
        reg.event_records(),
        *reg.rules(),
    )
    .expect("a registry's own log is valid");
    assert!(&again == reg, "registry differs from its rebuilt log");
}

fn check_dataset(ds: &Dataset) {
    let Ok(reg) = ds.to_registry() else {
        return;
    };
    check_rebuild(&reg);
    check_queries(&reg);
    let back = Dataset::from_registry(&reg, ds.community.clone());
    let reg2 = back.into_registry().expect("a registry's dataset is valid");
    assert!(
        reg2 == reg,
        "dataset of a registry rebuilds another registry"
    );
    if let Some(last) = reg.event_records().iter().map(|e| e.date).max() {
        let _ = MonthlyReport::build(ds, last.year(), last.month(), &ReportOptions::default())
            .map(|r| (r.render_text(), serde_json::to_string(&r)));
    }
}

/// Queries on a few dates: no panic, and the counts agree with each other.
fn check_queries(reg: &Registry) {
    let dates: Vec<NaiveDate> = reg
        .event_records()
        .iter()
        .map(|e| e.date)
        .take(8)
        .chain([NaiveDate::MIN, NaiveDate::MAX])
        .collect();
    for &d in &dates {
        let counts = reg.counts_on(d);
        assert_eq!(counts.total(), reg.headcount_on(d));
        let members = reg.states_on(d).filter(|(_, s)| s.is_member()).count() as u64;
        assert_eq!(
            members,
            reg.headcount_on(d),
            "spells disagree with replay on {d}"
        );
        let _ = reg.pipeline_due(d);
        let _ = reg.jubilee(d.year());
        let rolled = counts.rolled_up(reg.tree());
        let roots: u64 = (0..reg.tree().len() as u32)
            .filter(|&i| reg.tree().parent(i).is_none())
            .map(|i| rolled.members[i as usize])
            .sum();
        assert_eq!(roots, counts.total());
    }
    // scoped views: each organization's scope counts exactly its rolled-up members, lists only
    // people whose branch lies in its subtree, and the root scopes partition the registry
    if let Some(&d) = dates.first() {
        let tree = reg.tree();
        let rolled = reg.counts_on(d).rolled_up(tree);
        let mut roots_total = 0;
        for i in 0..tree.len() as u32 {
            let Some(rec) = tree.get(i) else { continue };
            let scope = reg.scope(&rec.id).expect("an existing organization");
            let head = scope.headcount_on(d);
            assert_eq!(head, rolled.members[i as usize], "scope {} counts", rec.id);
            if tree.parent(i).is_none() {
                roots_total += head;
            }
            let range = tree.subtree(i);
            for (m, s) in scope.states_on(d) {
                assert!(
                    s.branch.is_some_and(|b| range.contains(&(b as usize))),
                    "{} outside {}",
                    m.id,
                    rec.id
                );
            }
            let f = scope.flows(NaiveDate::MIN, d);
            assert_eq!(
                f.start as i64 + f.net(),
                f.end as i64,
                "scope {} flows",
                rec.id
            );
        }
        assert_eq!(roots_total, reg.headcount_on(d));
    }
    if let (Some(&a), Some(&b)) = (dates.first(), dates.get(1)) {
        let (start, end) = if a <= b { (a, b) } else { (b, a) };
        let f = reg.flows(start, end);
        assert_eq!(
            f.start as i64 + f.net(),
            f.end as i64,
            "flows do not add up"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Rule sets and scoring.

use dangjian::fixed::Fixed;
use dangjian::scoring::{
    day_number, score_columns, ActivityRecord, BulkInput, BulkOptions, Cap, CategoryCaps, Columns,
    GradeRule, Groups, ItemCategory, Mode, Period, PeriodKind, Quota, RuleBook, RuleItem, RuleSet,
    ScoreTable, Scorer, SubjectKind, Unit, Window, NO_GROUP,
};

/// An error message may not hold a run of 11 or more digits (a phone, an ID number) nor be
/// huge, whatever the input.
fn check_error_text(text: &str) {
    assert!(text.len() < 20_000, "error text of {} bytes", text.len());
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run < 11, "a run of 11+ digits in an error: {text}");
    }
}

/// `RuleSet::from_json_bytes` (`RuleBook::from_json_bytes` when the input opens an array); a
/// loaded rule set round-trips through JSON and TOML-free re-validation and is scored against
/// the small sample with a fixed list of activities (invariants of [`check_scores`]).
pub fn rule_set_json(data: &[u8]) {
    if data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        match RuleBook::from_json_bytes(data) {
            Ok(book) => {
                for v in book.versions() {
                    rule_set_loaded(v);
                }
            }
            Err(e) => check_error_text(&e.to_string()),
        }
        return;
    }
    match RuleSet::from_json_bytes(data) {
        Ok(rs) => rule_set_loaded(&rs),
        Err(e) => {
            let _ = e.code();
            check_error_text(&e.to_string());
        }
    }
}

/// `RuleSet::from_toml_bytes`; a loaded rule set is checked as in [`rule_set_json`].
pub fn rule_set_toml(data: &[u8]) {
    match RuleSet::from_toml_bytes(data) {
        Ok(rs) => rule_set_loaded(&rs),
        Err(e) => {
            let _ = e.code();
            check_error_text(&e.to_string());
        }
    }
}

fn rule_set_loaded(rs: &RuleSet) {
    let back = RuleSet::from_json(&rs.to_json()).expect("a loaded rule set writes valid JSON");
    assert_eq!(&back, rs, "JSON round trip changed the rule set");
    let codes: Vec<&str> = rs.items.iter().map(|i| i.code.as_str()).take(4).collect();
    let subjects: &[&str] = match rs.subject {
        SubjectKind::Member => &["M1", "M2", "M3", "M4"],
        SubjectKind::Organization => &["Z", "B1", "G1", "B2"],
    };
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("valid");
    let mut acts = Vec::new();
    for (k, code) in codes.iter().enumerate() {
        for (j, s) in subjects.iter().enumerate() {
            let mut a =
                ActivityRecord::new(&format!("a{k}-{j}"), s, code, d(2024, 3, 1 + j as u32 * 7));
            a.quantity = Fixed::from_int(1 + k as i64);
            acts.push(a);
        }
    }
    let period = Period::containing(rs.period, d(2024, 3, 1));
    let reg = &fixtures().small;
    let scorer = Scorer::new(reg, &acts, Mode::Lenient).expect("unique ids");
    match scorer.score(rs, period) {
        Ok(s) => check_scores(rs, &s.table),
        Err(e) => check_error_text(&e.to_string()),
    }
}

/// Invariants of one score table under `rs`: floor ≤ total ≤ ceiling; the total is the base
/// plus the (capped) categories, clamped; category signs and caps; grades, stars, veto and
/// quota; competition ranks overall and within each organization.
fn check_scores(rs: &RuleSet, t: &ScoreTable) {
    let n = t.len();
    for col in [
        t.total.len(),
        t.basic.len(),
        t.reward.len(),
        t.deduction.len(),
        t.veto.len(),
        t.grade.len(),
        t.stars.len(),
        t.vetoed.len(),
        t.demoted.len(),
        t.rank_in_org.len(),
        t.rank_overall.len(),
        t.org.len(),
    ] {
        assert_eq!(col, n, "columns of unequal length");
    }
    let floor = rs.floor.map_or(i64::MIN, Fixed::raw);
    let ceiling = rs.ceiling.map_or(i64::MAX, Fixed::raw);
    let last = (rs.grades.len() - 1) as u8;
    for r in 0..n {
        let total = t.total[r].raw();
        assert!(
            floor <= total && total <= ceiling,
            "total outside floor..ceiling"
        );
        let cats = [t.basic[r], t.reward[r], t.deduction[r], t.veto[r]];
        let sum = cats
            .iter()
            .fold(rs.base.raw(), |acc, c| acc.saturating_add(c.raw()));
        assert_eq!(
            total,
            sum.clamp(floor, ceiling),
            "total is not base + categories"
        );
        assert!(t.basic[r] >= Fixed::ZERO && t.reward[r] >= Fixed::ZERO);
        assert!(t.deduction[r] <= Fixed::ZERO && t.veto[r] <= Fixed::ZERO);
        for (c, v) in ItemCategory::ALL.iter().zip(cats) {
            if let Some(cap) = rs.category_caps.get(*c) {
                assert!(v.abs() <= cap, "category {c:?} beyond its cap");
            }
        }
        let natural = rs
            .grades
            .iter()
            .position(|g| g.min.is_some_and(|m| t.total[r] >= m))
            .unwrap_or(last as usize) as u8;
        let stars = rs.stars.iter().filter(|s| t.total[r] >= **s).count() as u8;
        if t.vetoed[r] {
            assert_eq!(t.grade[r], last, "a vetoed row is not in the last grade");
            assert_eq!(t.stars[r], 0);
            assert!(!t.demoted[r]);
        } else if t.demoted[r] {
            assert!(rs.top_quota.is_some() && natural == 0 && t.grade[r] == 1);
        } else {
            assert_eq!(t.grade[r], natural, "grade does not follow the thresholds");
        }
        if !t.vetoed[r] {
            assert_eq!(t.stars[r], stars, "stars do not follow the thresholds");
        }
        let greater = t.total.iter().filter(|o| **o > t.total[r]).count() as u32;
        assert_eq!(t.rank_overall[r], 1 + greater, "overall rank");
        let greater_in_org = (0..n)
            .filter(|&o| t.org[o] == t.org[r] && t.total[o] > t.total[r])
            .count() as u32;
        assert_eq!(t.rank_in_org[r], 1 + greater_in_org, "rank in organization");
    }
    if let Some(q) = rs.top_quota {
        let mut orgs: Vec<&Option<_>> = t.org.iter().collect();
        orgs.sort();
        orgs.dedup();
        for o in orgs {
            let rows: Vec<usize> = (0..n).filter(|&r| &t.org[r] == o).collect();
            let allowed = (rows.len() as i128 * i128::from(q.percent.raw()) / 100_000) as usize;
            let top = rows.iter().filter(|&&r| t.grade[r] == 0).count();
            assert!(top <= allowed, "top-grade quota exceeded");
        }
    }
}

// --- a rule set and activities read off the fuzz input

const CODES: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];
const SUBJECTS: [&str; 10] = [
    "M1",
    "M2",
    "M3",
    "M4",
    "Z",
    "B1",
    "G1",
    "B2",
    "X9",
    "13812345678",
];
const IDS: [&str; 12] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];

impl Bytes<'_> {
    /// A point value: mostly small (up to ±64, sometimes with three decimals), one time in
    /// sixteen huge (to reach the limits and the saturating arithmetic).
    fn points(&mut self) -> Fixed {
        let v = i64::from(self.u16() as i16);
        match self.u8() % 16 {
            0 => Fixed::from_raw(v.saturating_mul(1_000_000_000)),
            1 => Fixed::from_int(v.saturating_mul(100_000)),
            2..=5 => Fixed::from_raw(v % 64_000),
            _ => Fixed::from_int(v % 64),
        }
    }

    /// A positive magnitude (caps), mostly valid.
    fn magnitude(&mut self) -> Fixed {
        let p = self.points();
        if self.u8() % 16 == 0 {
            p
        } else {
            Fixed::from_raw(p.raw().abs().clamp(1, 1_000_000_000_000))
        }
    }
}

fn fuzz_rule_set(b: &mut Bytes<'_>) -> RuleSet {
    let mut rs = RuleSet::member_default();
    let flags = b.u8();
    rs.subject = if flags & 1 == 0 {
        SubjectKind::Member
    } else {
        SubjectKind::Organization
    };
    rs.period = *b.pick(&[PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year]);
    rs.base = b.points();
    rs.floor = (flags & 2 != 0).then(|| b.points());
    rs.ceiling = (flags & 4 != 0).then(|| b.points());
    if let (Some(f), Some(c)) = (rs.floor, rs.ceiling) {
        if f > c && b.u8() % 8 != 0 {
            rs.floor = Some(c);
            rs.ceiling = Some(f);
        }
    }
    let n_items = 1 + usize::from(b.u8() % 8);
    rs.items = (0..n_items)
        .map(|k| {
            let category = *b.pick(&ItemCategory::ALL);
            let mut points = b.points();
            if b.u8() % 8 != 0 {
                // mostly of the sign the category wants
                points = match category {
                    ItemCategory::Basic | ItemCategory::Reward => {
                        Fixed::from_raw(points.raw().abs().max(1))
                    }
                    _ => Fixed::from_raw(-points.raw().abs()),
                };
            }
            let cap = (b.u8() % 2 == 0).then(|| {
                let mut per = *b.pick(&Window::ALL);
                if !per.fits(rs.period) && b.u8() % 8 != 0 {
                    per = Window::Month;
                }
                Cap {
                    points: b.magnitude(),
                    per,
                }
            });
            let eligible = (b.u8() % 4 == 0).then(|| vec![*b.pick(&Category::ALL)]);
            RuleItem {
                code: CODES[k % CODES.len()].into(),
                name: "项".into(),
                category,
                points,
                unit: Unit::Occurrence,
                cap,
                eligible,
                note: None,
            }
        })
        .collect();
    rs.category_caps = CategoryCaps {
        basic: (flags & 8 != 0).then(|| b.magnitude()),
        reward: (flags & 16 != 0).then(|| b.magnitude()),
        deduction: (flags & 32 != 0).then(|| b.magnitude()),
        veto: None,
    };
    let n_grades = 1 + usize::from(b.u8() % 4);
    let mut min = i64::from(b.u8()) + 40;
    rs.grades = (0..n_grades)
        .map(|k| {
            let g = GradeRule {
                name: format!("g{k}").into(),
                min: (k + 1 < n_grades).then(|| Fixed::from_int(min)),
            };
            min -= 1 + i64::from(b.u8() % 16);
            g
        })
        .collect();
    let n_stars = usize::from(b.u8() % 4);
    let mut s = i64::from(b.u8()) + 30;
    rs.stars = (0..n_stars)
        .map(|_| {
            s += 1 + i64::from(b.u8() % 16);
            Fixed::from_int(s)
        })
        .collect();
    rs.top_quota = (flags & 64 != 0).then(|| Quota {
        percent: Fixed::from_raw(i64::from(b.u16() % 101) * 1000),
    });
    rs.org_kinds = None;
    if rs.subject == SubjectKind::Organization {
        for it in &mut rs.items {
            it.eligible = None;
        }
    }
    rs
}

fn fuzz_activities(b: &mut Bytes<'_>, period: Period) -> Vec<ActivityRecord> {
    let n = usize::from(b.u8() % 32);
    (0..n)
        .map(|_| {
            let id = *b.pick(&IDS);
            let subject = *b.pick(&SUBJECTS);
            let item = *b.pick(&[CODES[0], CODES[1], CODES[2], CODES[3], "zz"]);
            // mostly inside the period, sometimes a little before or after
            let off = i64::from(b.u8()) * i64::from(period.days()) / 256 - 3;
            let date = period
                .start()
                .checked_add_signed(chrono::TimeDelta::days(off + i64::from(b.u8() % 8)))
                .expect("in range");
            let mut a = ActivityRecord::new(id, subject, item, date);
            a.quantity = match b.u8() % 8 {
                0 => Fixed::from_raw(i64::from(b.u16())),
                1 => Fixed::from_int(i64::from(b.u16() as i16)),
                2 => Fixed::from_int(1_000_000),
                3 => Fixed::from_int(1_000_001),
                _ => Fixed::from_int(1 + i64::from(b.u8() % 4)),
            };
            if b.u8() % 6 == 0 {
                a.reverses = Some((*b.pick(&IDS)).into());
            }
            a
        })
        .collect()
}

/// Structured: a rule set and activities read off the input, scored against the small sample
/// (members M1–M4, organizations Z, B1, G1, B2) in one period, strict and lenient.
///
/// Checks: no panic; an invalid rule set is refused the same way by every call; strict fails
/// exactly when lenient reports a diagnostic (with the first diagnostic's code), and otherwise
/// gives the same table; every table meets [`check_scores`]; the typed scorer equals the bulk
/// kernel fed the same activities as columns, and both equal a naive reference computation;
/// the explanation of each row adds up to its total; a what-if against itself changes nothing.
pub fn scoring(data: &[u8]) {
    let mut b = Bytes(data);
    let rs = fuzz_rule_set(&mut b);
    let year = 2021 + i32::from(b.u8() % 5);
    let month = 1 + u32::from(b.u8() % 12);
    let period = Period::containing(
        rs.period,
        NaiveDate::from_ymd_opt(year, month, 1).expect("valid"),
    );
    let acts = fuzz_activities(&mut b, period);
    let reg = &fixtures().small;
    let valid = rs.validate();
    let strict = Scorer::new(reg, &acts, Mode::Strict);
    let lenient = Scorer::new(reg, &acts, Mode::Lenient);
    let (strict, lenient) = match (strict, lenient) {
        (Ok(s), Ok(l)) => (s, l),
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            assert_eq!(a.code(), "duplicate_activity");
            check_error_text(&a.to_string());
            return;
        }
        _ => panic!("strict and lenient scorers disagree on construction"),
    };
    let l = lenient.score(&rs, period);
    let s = strict.score(&rs, period);
    if let Err(e) = &valid {
        let l = l.expect_err("an invalid rule set was scored");
        assert_eq!(l.code(), e.code());
        check_error_text(&l.to_string());
        return;
    }
    let l = l.expect("a valid rule set scores leniently");
    match &s {
        Ok(s) => {
            assert!(l.diagnostics.is_empty(), "strict passed, lenient reported");
            assert_eq!(s.table, l.table, "strict and lenient tables differ");
        }
        Err(e) => {
            check_error_text(&e.to_string());
            let first = l
                .diagnostics
                .first()
                .expect("strict failed, lenient did not report");
            assert_eq!(
                first.code,
                e.code(),
                "strict error is not the first diagnostic"
            );
            assert_eq!(first.message, e.to_string());
        }
    }
    for d in &l.diagnostics {
        check_error_text(&d.message);
    }
    let t = &l.table;
    check_scores(&rs, t);
    check_against_kernel(&rs, period, &acts, &l.diagnostics, t);
    // explanation of each row: the categories and the total agree with the table
    for r in 0..t.len() {
        let x = lenient
            .explain(&rs, period, &t.subject[r])
            .expect("a scored subject can be explained");
        assert_eq!(x.total, t.total[r], "explained total differs");
        assert_eq!(x.vetoed, t.vetoed[r]);
        assert_eq!(x.stars, t.stars[r]);
        assert_eq!(x.grade.as_str(), t.grade_name(r));
        let counted: Vec<Fixed> = x.categories.counted.clone();
        assert_eq!(
            counted,
            vec![t.basic[r], t.reward[r], t.deduction[r], t.veto[r]],
            "explained categories differ"
        );
        let _ = x.to_json();
        let _ = x.events_csv();
    }
    let w = lenient
        .what_if(&rs, &rs, period)
        .expect("a rule set compares with itself");
    assert_eq!(w.grade_changes, 0);
    assert_eq!(w.rank_changes, 0);
    let _ = (t.to_json(), t.to_csv(), w.to_csv());
}

/// The window (of `per`) holding `date`, as a comparable key.
fn window_key(per: Option<Window>, date: NaiveDate) -> (i32, u32) {
    match per {
        None => (0, 0),
        Some(Window::Day) => (date.year(), date.ordinal()),
        Some(Window::Week) => (date.iso_week().year(), date.iso_week().week()),
        Some(Window::Month) => (date.year(), date.month()),
        Some(Window::Quarter) => (date.year(), date.month0() / 3),
        Some(Window::Year) => (date.year(), 0),
    }
}

/// The typed table against (1) `score_columns` fed the activities the typed API accepted, as
/// plain columns, and (2) a naive per-window computation. Ranks and quota depend on the
/// organizations and are checked by [`check_scores`]; here totals, categories, veto and stars.
fn check_against_kernel(
    rs: &RuleSet,
    period: Period,
    acts: &[ActivityRecord],
    diagnostics: &[dangjian::scoring::Diagnostic],
    t: &ScoreTable,
) {
    // Comparable only without reversals (the typed API resolves them; the kernel has none).
    if acts.iter().any(|a| a.reverses.is_some()) {
        return;
    }
    let reg = &fixtures().small;
    let rejected: Vec<usize> = diagnostics.iter().map(|d| d.position).collect();
    let n = match rs.subject {
        SubjectKind::Member => reg.len(),
        SubjectKind::Organization => reg.tree().len(),
    };
    let index = |id: &str| match rs.subject {
        SubjectKind::Member => reg.member_index(id),
        SubjectKind::Organization => reg.tree().index(id),
    };
    let accepted: Vec<(usize, &ActivityRecord)> = acts
        .iter()
        .enumerate()
        .filter(|(p, a)| !rejected.contains(p) && period.contains(a.date))
        .filter_map(|(_, a)| Some((index(&a.subject)? as usize, a)))
        .collect();
    let subject: Vec<u32> = accepted.iter().map(|(s, _)| *s as u32).collect();
    let item: Vec<u16> = accepted
        .iter()
        .map(|(_, a)| rs.item_index(&a.item).expect("accepted items exist") as u16)
        .collect();
    let day: Vec<i32> = accepted.iter().map(|(_, a)| day_number(a.date)).collect();
    let qty: Vec<i64> = accepted.iter().map(|(_, a)| a.quantity.raw()).collect();
    let rows: Vec<Option<usize>> = (0..n)
        .map(|s| {
            let id = match rs.subject {
                SubjectKind::Member => reg.member(s as u32).map(|m| m.id.clone()),
                SubjectKind::Organization => reg.tree().get(s as u32).map(|r| r.id.clone()),
            };
            id.and_then(|id| t.row_of(&id))
        })
        .collect();
    let groups: Vec<u32> = rows
        .iter()
        .map(|r| if r.is_some() { 0 } else { NO_GROUP })
        .collect();
    let input = BulkInput {
        columns: Columns {
            subject: &subject,
            item: &item,
            day: &day,
            quantity: Some(&qty),
        },
        n_subjects: n,
        groups: Groups::Fixed(&groups),
        n_groups: 1,
    };
    let bulk = score_columns(rs, period, 1, &input, BulkOptions::default())
        .expect("the kernel scores what the typed API scored");
    let ps = &bulk.periods[0];
    for (s, row) in rows.iter().enumerate() {
        let Some(r) = *row else {
            assert!(!ps.is_active(s), "kernel row without a typed row");
            continue;
        };
        assert_eq!(
            ps.total[s],
            t.total[r].raw(),
            "kernel total differs from typed"
        );
        assert_eq!(ps.basic[s], t.basic[r].raw());
        assert_eq!(ps.reward[s], t.reward[r].raw());
        assert_eq!(ps.deduction[s], t.deduction[r].raw());
        assert_eq!(ps.veto[s], t.veto[r].raw());
        assert_eq!(ps.vetoed[s], t.vetoed[r]);
        assert_eq!(ps.stars[s], t.stars[r]);
        // naive reference: per item and window, points × summed quantity, rounded half away
        // from zero, cut to the cap; per category summed and cut to the category cap
        let mut cats = [0i128; 4];
        let mut vetoed = false;
        for (k, it) in rs.items.iter().enumerate() {
            let mut windows: Vec<((i32, u32), i128)> = Vec::new();
            for (j, (subj, a)) in accepted.iter().enumerate() {
                if *subj != s || item[j] as usize != k {
                    continue;
                }
                let key = window_key(it.cap.map(|c| c.per), a.date);
                match windows.iter_mut().find(|(w, _)| *w == key) {
                    Some((_, q)) => *q += i128::from(a.quantity.raw()),
                    None => windows.push((key, i128::from(a.quantity.raw()))),
                }
            }
            for (_, q) in windows {
                let p = i128::from(it.points.raw()) * q;
                let mut v = if p >= 0 {
                    (p + 500) / 1000
                } else {
                    (p - 500) / 1000
                };
                let max = i128::from(dangjian::fixed::MAX_ABS);
                v = v.clamp(-max, max);
                if let Some(c) = it.cap {
                    v = v.clamp(-i128::from(c.points.raw()), i128::from(c.points.raw()));
                }
                cats[it.category.index()] += v;
                if it.category == ItemCategory::Veto {
                    vetoed = true;
                }
            }
        }
        for (c, v) in ItemCategory::ALL.iter().zip(cats.iter_mut()) {
            if let Some(cap) = rs.category_caps.get(*c) {
                *v = (*v).clamp(-i128::from(cap.raw()), i128::from(cap.raw()));
            }
        }
        let mut total = i128::from(rs.base.raw());
        for v in cats {
            total += v;
        }
        let floor = rs
            .floor
            .map_or(i128::from(i64::MIN), |f| i128::from(f.raw()));
        let ceiling = rs
            .ceiling
            .map_or(i128::from(i64::MAX), |c| i128::from(c.raw()));
        let total = total.clamp(floor, ceiling);
        assert_eq!(i128::from(t.total[r].raw()), total, "naive total differs");
        assert_eq!(t.vetoed[r], vetoed, "naive veto differs");
    }
}
