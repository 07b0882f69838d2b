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
