//! Privacy scan (issue 9): every output path of the sample community — `Debug` of every record,
//! state, registry and error, reports as text and JSON, statistics, scoped roster exports,
//! errors of hostile edits of the sample's own data — is searched for the full ID number or
//! phone of any sample member. None may appear.
//!
//! The dataset file itself (JSON or binary) is the storage format and holds the full values by
//! design; it is the one output excluded, and a positive control below shows the scan would
//! find them there.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use dangjian::io::{import_roster_csv, parse_json, Dataset, RosterOptions};
use dangjian::member::{EventRecord, MemberRecord};
use dangjian::org::StructureRules;
use dangjian::privacy::Pseudonymizer;
use dangjian::report::{MonthlyReport, ReportOptions};
use dangjian::scope::RosterExportOptions;
use dangjian::synth::{sample_community, SAMPLE_AS_OF, SAMPLE_FOUNDED};
use dangjian::Registry;
use serde_json::{json, Value};

/// The full ID numbers and phones of the sample.
fn secrets(ds: &Dataset) -> HashSet<String> {
    let mut s = HashSet::new();
    for m in &ds.members {
        if let Some(i) = &m.id_number {
            s.insert(i.expose().to_string());
        }
        if let Some(p) = &m.phone {
            s.insert(p.expose().to_string());
        }
    }
    s
}

/// The secrets found in `text`: every 11- and 18-character window of every run of digits (and
/// `X`) is looked up, so a secret inside a longer run is found too.
fn leaks(text: &str, secrets: &HashSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'X' || bytes[i] == b'x')
        {
            i += 1;
        }
        let run = &text[start..i];
        for w in [11, 18] {
            if run.len() >= w {
                for k in 0..=run.len() - w {
                    let win = run[k..k + w].to_ascii_uppercase();
                    if secrets.contains(&win) {
                        found.push(win);
                    }
                }
            }
        }
    }
    found
}

struct Outputs(Vec<(String, String)>);

impl Outputs {
    fn add(&mut self, what: impl Into<String>, text: impl Into<String>) {
        self.0.push((what.into(), text.into()));
    }
    fn err(&mut self, what: &str, e: &(impl std::fmt::Display + std::fmt::Debug)) {
        self.add(format!("{what} (Display)"), e.to_string());
        self.add(format!("{what} (Debug)"), format!("{e:?}"));
    }
}

fn months() -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (SAMPLE_FOUNDED.year(), SAMPLE_FOUNDED.month());
    while (y, m) <= (SAMPLE_AS_OF.year(), SAMPLE_AS_OF.month()) {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn collect(ds: &Dataset) -> Outputs {
    let reg = ds.to_registry().unwrap();
    let mut o = Outputs(Vec::new());
    let d = SAMPLE_AS_OF;
    // Debug of everything that holds people
    o.add("Dataset Debug", format!("{ds:?}"));
    o.add("Registry Debug", format!("{reg:?}"));
    for m in &ds.members {
        o.add(format!("{} Debug", m.id), format!("{m:?}"));
        o.add(format!("{} name Display", m.id), m.name.to_string());
        if let Some(i) = &m.id_number {
            o.add(
                format!("{} id_number Display/Debug", m.id),
                format!("{i} {i:?} {}", i.masked()),
            );
        }
        if let Some(p) = &m.phone {
            o.add(
                format!("{} phone Display/Debug", m.id),
                format!("{p} {p:?} {}", p.masked()),
            );
        }
        o.add(
            format!("{} state", m.id),
            format!("{:?}", reg.state(&m.id, d).unwrap()),
        );
        let h = reg.history(&m.id).unwrap();
        o.add(
            format!("{} history", m.id),
            format!("{h:?} {}", serde_json::to_string(&h).unwrap()),
        );
    }
    o.add(
        "states_on",
        format!("{:?}", reg.states_on(d).collect::<Vec<_>>()),
    );
    // statistics
    o.add(
        "counts",
        format!("{:?}", reg.counts_on(d).rolled_up(reg.tree())),
    );
    o.add(
        "flows",
        serde_json::to_string(&reg.flows(SAMPLE_FOUNDED, d)).unwrap(),
    );
    o.add(
        "pipeline",
        serde_json::to_string(&reg.pipeline_due(d)).unwrap(),
    );
    o.add("jubilee", format!("{:?}", reg.jubilee(2026)));
    o.add(
        "findings",
        serde_json::to_string(&reg.structure_findings(d, &StructureRules::default())).unwrap(),
    );
    // every monthly report, names masked and shown
    for (y, m) in months() {
        for show_names in [false, true] {
            let opts = ReportOptions {
                show_names,
                ..ReportOptions::default()
            };
            let r = MonthlyReport::build(ds, y, m, &opts).unwrap();
            o.add(format!("report {y}-{m} text"), r.render_text());
            o.add(
                format!("report {y}-{m} json"),
                serde_json::to_string(&r).unwrap(),
            );
            o.add(format!("report {y}-{m} debug"), format!("{r:?}"));
            if !show_names {
                let tables = dangjian::report::ReportTables::build(ds, &reg, &r).unwrap();
                for (kind, export) in [
                    ("form", dangjian::stats::ExportOptions::form()),
                    (
                        "analysis",
                        dangjian::stats::ExportOptions::analysis(b"privacy-scan key, 16+", 5),
                    ),
                ] {
                    for (name, csv) in tables.to_csv_files(&export).unwrap() {
                        o.add(format!("report {y}-{m} {kind} {name}"), csv);
                    }
                }
            }
        }
    }
    // scoped views and roster exports
    let mut scopes = vec![reg.scope_all()];
    scopes.extend(
        reg.tree()
            .records()
            .iter()
            .map(|r| reg.scope(&r.id).unwrap()),
    );
    for s in &scopes {
        let name = s.root().map_or("all".to_string(), |r| r.id.to_string());
        for opts in [
            RosterExportOptions::default(),
            RosterExportOptions {
                show_names: true,
                pseudonymize: None,
            },
            RosterExportOptions::pseudonymized(Pseudonymizer::new(b"privacy-scan")),
        ] {
            let t = s.roster_on(d, &opts);
            o.add(format!("roster {name} csv"), t.to_csv().unwrap());
            o.add(
                format!("roster {name} json"),
                serde_json::to_string(&t).unwrap(),
            );
            o.add(format!("roster {name} debug"), format!("{t:?}"));
        }
        o.add(
            format!("scope {name} states"),
            format!("{:?}", s.states_on(d)),
        );
        o.add(format!("scope {name} debug"), format!("{s:?}"));
    }
    errors(ds, &reg, &mut o);
    module_tables(ds, &reg, &mut o);
    o
}

/// The text of every part of an `.xlsx` (the sheets and shared strings are XML in a zip).
fn xlsx_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut part = Vec::new();
        f.read_to_end(&mut part).unwrap();
        out.push_str(&String::from_utf8_lossy(&part));
    }
    out
}

/// Every table of the statistics, compliance and scoring modules, through every output path:
/// `Debug`, JSON, plain CSV, the privacy-layer CSV exports (form and analysis), the `.xlsx`
/// workbook (both option sets), and the same tables cut to every scope.
fn module_tables(ds: &Dataset, reg: &Registry, o: &mut Outputs) {
    use dangjian::compliance::{Compliance, Month};
    use dangjian::scoring::{Mode, Period, RuleSet, Scorer};
    use dangjian::stats::{self, Rollup};
    use dangjian::table::{self, Table};
    let d = SAMPLE_AS_OF;
    let membership = [
        stats::membership(reg, d, Rollup::Direct),
        stats::membership(reg, d, Rollup::Subtree),
    ];
    let flows = stats::flows(reg, SAMPLE_FOUNDED, d, Rollup::Subtree).unwrap();
    let pipeline = stats::pipeline(reg, d, Rollup::Subtree);
    let members = stats::member_list(reg, d);
    let c = Compliance::from_dataset(ds, reg).unwrap();
    let (from, to) = (Month::new(2025, 11).unwrap(), Month::new(2026, 10).unwrap());
    let ledger = c.ledger(reg, from, to, d).unwrap();
    let arrears = c.arrears(reg, from, to, d).unwrap();
    let collection = c.collection(reg, from, to, d, Rollup::Subtree).unwrap();
    let special = c.special_dues(reg, SAMPLE_FOUNDED, d, Rollup::Subtree);
    let meetings = c.meetings.compliance(reg, from, to, d).unwrap();
    let attendance = c.meetings.attendance(reg, from, to, d, 3).unwrap();
    let org_attendance = c
        .meetings
        .org_attendance(reg, from, to, d, Rollup::Subtree)
        .unwrap();
    o.add("compliance summary", {
        let s = c.summary(reg, to).unwrap();
        format!("{} {s:?}", s.render_text())
    });
    o.add("ledger debug", format!("{ledger:?}"));
    let tables: Vec<&dyn Table> = vec![
        &membership[0],
        &membership[1],
        &flows,
        &pipeline,
        &members,
        &ledger,
        &arrears,
        &collection,
        &special,
        &meetings,
        &attendance,
        &org_attendance,
    ];
    let form = stats::ExportOptions::form();
    let analysis = stats::ExportOptions::analysis(b"privacy-scan key, 16+", 3);
    for t in &tables {
        let name = t.name().to_string();
        o.add(
            format!("{name} csv"),
            table::to_csv(*t, &table::CsvOptions::default()).unwrap(),
        );
        for (label, opts) in [("form", &form), ("analysis", &analysis)] {
            o.add(
                format!("{name} export {label}"),
                stats::export_csv(*t, opts, &table::CsvOptions::default()).unwrap(),
            );
        }
        o.add(
            format!("{name} owned json"),
            serde_json::to_string(&table::OwnedTable::copy_of(*t)).unwrap(),
        );
    }
    for (label, opts) in [("form", &form), ("analysis", &analysis)] {
        let bytes = stats::export_xlsx(&tables, opts, &table::XlsxOptions::default()).unwrap();
        o.add(format!("xlsx export {label}"), xlsx_text(&bytes));
    }
    o.add(
        "xlsx plain",
        xlsx_text(&table::to_xlsx(&tables, &table::XlsxOptions::default()).unwrap()),
    );
    o.add("membership debug", format!("{:?}", membership[1]));
    o.add("members debug", format!("{members:?}"));
    // scoring: every month's table, explanations of every member, what-if, annual scores
    let scorer = Scorer::new(reg, &ds.activities, Mode::Lenient).unwrap();
    let first: Period = "2025-11".parse().unwrap();
    let md = RuleSet::member_default();
    let scored = scorer.score_range(&md, first, 12).unwrap();
    for s in &scored {
        let t = &s.table;
        o.add(format!("scores {} json", t.period), t.to_json());
        o.add(format!("scores {} csv", t.period), t.to_csv().unwrap());
        o.add(format!("scores {} debug", t.period), format!("{s:?}"));
    }
    let oct: Period = "2026-10".parse().unwrap();
    let t = &scored.last().unwrap().table;
    // (one member in eight: each explanation scores the whole month again)
    for m in t.subject.iter().step_by(8) {
        let x = scorer.explain(&md, oct, m).unwrap();
        o.add(
            format!("explain {m}"),
            format!("{} {} {x:?}", x.to_json(), x.events_csv()),
        );
    }
    let w = scorer.what_if(&md, &RuleSet::member_strict(), oct).unwrap();
    o.add(
        "what-if",
        format!("{} {} {w:?}", w.to_json(), w.to_csv().unwrap()),
    );
    let year: Period = "2026".parse().unwrap();
    let org = scorer.score(&RuleSet::org_default(), year).unwrap();
    o.add(
        "org scores",
        format!("{} {}", org.table.to_json(), org.table.to_csv().unwrap()),
    );
    // the same tables through every scope
    let mut scopes = vec![reg.scope_all()];
    scopes.extend(
        reg.tree()
            .records()
            .iter()
            .map(|r| reg.scope(&r.id).unwrap()),
    );
    for sc in &scopes {
        let name = sc.root().map_or("all".to_string(), |r| r.id.to_string());
        for t in &tables {
            if let Ok(cut) = sc.restrict(*t) {
                o.add(
                    format!("scope {name} {}", t.name()),
                    format!(
                        "{} {}",
                        table::to_csv(&cut, &table::CsvOptions::default()).unwrap(),
                        serde_json::to_string(&cut).unwrap()
                    ),
                );
            }
        }
        let cut = sc.scores(t);
        o.add(
            format!("scope {name} scores"),
            format!("{} {}", cut.to_json(), cut.to_csv().unwrap()),
        );
    }
}

/// Errors provoked with the sample's own ID numbers and phones in the wrong places.
fn errors(ds: &Dataset, reg: &Registry, o: &mut Outputs) {
    let base = serde_json::to_value(ds).unwrap();
    // every eighth member: the paths are the same for all, the parses are slow in debug builds
    for (i, m) in ds.members.iter().enumerate().step_by(8) {
        let idn = m.id_number.as_ref().unwrap().expose().to_string();
        let phone = m.phone.as_ref().unwrap().expose().to_string();
        let edits: Vec<(&str, Value)> = vec![
            (
                "id_number",
                json!(format!(
                    "{}{}",
                    &idn[..17],
                    if idn.ends_with('0') { '1' } else { '0' }
                )),
            ),
            ("id_number", json!(format!("{idn}9"))),
            ("phone", json!(format!("{phone}9"))),
            ("phone", json!(phone.parse::<u64>().unwrap())),
            ("ethnicity", json!(phone.parse::<u64>().unwrap())),
            ("gender", json!(phone)),
            ("birth_date", json!(idn)),
            ("name", json!(phone.parse::<u64>().unwrap())),
        ];
        for (field, value) in edits {
            let mut v = base.clone();
            v["members"][i][field] = value;
            let text = serde_json::to_string(&v).unwrap();
            match Dataset::from_json(&text) {
                Err(e) => o.err(&format!("{} {field} json", m.id), &e),
                Ok(_) => panic!("{} {field}: edit accepted", m.id),
            }
        }
        // a personal number as a member id, in the roster and in events
        let mut rec = m.clone();
        rec.id = idn.as_str().into();
        let mut r = reg.clone();
        o.err(
            &format!("{} id as member id", m.id),
            &r.add_members(vec![rec]).unwrap_err(),
        );
        let e = r
            .apply(vec![EventRecord::new(
                &phone,
                SAMPLE_AS_OF,
                dangjian::member::EventType::Died,
            )])
            .unwrap_err();
        o.err(&format!("{} phone as event member", m.id), &e);
        // lookups by a personal number, whole registry and scoped
        o.err(
            &format!("{} lookup by phone", m.id),
            &reg.state(&phone, SAMPLE_AS_OF).unwrap_err(),
        );
        o.err(
            &format!("{} history by ID number", m.id),
            &reg.history(&idn).unwrap_err(),
        );
        let b1 = reg.scope("B1").unwrap();
        o.err(
            &format!("{} scoped lookup by phone", m.id),
            &b1.state(&phone, SAMPLE_AS_OF).unwrap_err(),
        );
        o.err(
            &format!("{} scoped history by ID number", m.id),
            &b1.history(&idn).unwrap_err(),
        );
        // the ID number of another person (birth date or gender disagree)
        let other = &ds.members[(i + 1) % ds.members.len()];
        let mut rec = m.clone();
        rec.id = "NEW".into();
        rec.id_number = other.id_number.clone();
        if rec.birth_date != other.birth_date || rec.gender != other.gender {
            o.err(
                &format!("{} foreign id number", m.id),
                &r.add_members(vec![rec]).unwrap_err(),
            );
        }
    }
    // binary form with an ID number where a string belongs
    let mut v = base.clone();
    v["members"][0]["id_number"] = json!(ds.members[0]
        .id_number
        .as_ref()
        .unwrap()
        .expose()
        .parse::<u64>()
        .ok());
    let mut bytes = b"DJDS\x01\x00\x00\x00".to_vec();
    bytes.extend(rmp_serde::to_vec_named(&v).unwrap());
    o.err(
        "binary id number as integer",
        &Dataset::from_binary(&bytes).unwrap_err(),
    );
    // a roster of the sample's people with shifted and mistyped columns
    let header = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,编号,人员类别,工作单位,身份证号,联系电话,特长";
    let mut csv = String::from(header);
    for (k, m) in ds.members.iter().enumerate() {
        let idn = m.id_number.as_ref().unwrap().expose();
        let phone = m.phone.as_ref().unwrap().expose();
        let (gender, birth, idcol, phonecol) = match k % 4 {
            0 => (
                phone.to_string(),
                idn.to_string(),
                String::new(),
                String::new(),
            ),
            1 => (
                "女".into(),
                "1990-01-01".into(),
                format!("{}0", &idn[..17]),
                phone.to_string(),
            ),
            2 => (
                "男".into(),
                m.birth_date.to_string(),
                idn.to_string(),
                format!("{phone}12"),
            ),
            _ => (
                idn.to_string(),
                phone.to_string(),
                phone.to_string(),
                idn.to_string(),
            ),
        };
        csv.push_str(&format!(
            "\n{},{gender},{birth},汉族,本科,2015-06-01,2016-06-01,B1,{},居民,,{idcol},{phonecol},",
            m.name, phone
        ));
    }
    let e = import_roster_csv(
        csv.as_bytes(),
        reg.tree(),
        &RosterOptions::new(SAMPLE_AS_OF),
    )
    .unwrap_err();
    o.err("roster import", &e);
    if let dangjian::io::ImportError::Rows(rows) = &e {
        assert!(rows.len() > ds.members.len() / 2);
        for r in rows {
            o.add("roster row error", r.to_string());
            o.add("roster row error json", serde_json::to_string(r).unwrap());
        }
    }
    // batches of member records parsed from JSON
    let people = json!([{"id": "N1", "name": "新人", "gender": "male", "birth_date": "1990-01-01",
        "phone": ds.members[0].phone.as_ref().unwrap().expose().parse::<u64>().unwrap()}]);
    o.err(
        "parse_json members",
        &parse_json::<Vec<MemberRecord>>(&people.to_string()).unwrap_err(),
    );
}

#[test]
fn no_output_path_shows_a_full_id_number_or_phone() {
    let ds = sample_community();
    let secrets = secrets(&ds);
    assert_eq!(
        secrets.len(),
        2 * ds.members.len(),
        "every sample member has an ID number and a phone"
    );
    let outputs = collect(&ds);
    let mut problems = Vec::new();
    let mut bytes = 0;
    for (what, text) in &outputs.0 {
        bytes += text.len();
        let found = leaks(text, &secrets);
        if !found.is_empty() {
            problems.push(format!(
                "{what}: {} full value(s), e.g. …{}",
                found.len(),
                &found[0][found[0].len() - 4..]
            ));
        }
    }
    eprintln!("privacy scan: {} outputs, {bytes} bytes", outputs.0.len());
    assert!(
        outputs.0.len() > 1500,
        "only {} outputs scanned",
        outputs.0.len()
    );
    assert!(bytes > 1_000_000, "only {bytes} bytes scanned");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The storage format holds the full values (by design), and the scan finds them there: the
/// scan is able to fail.
#[test]
fn positive_control_the_dataset_file_holds_the_full_values() {
    let ds = sample_community();
    let secrets = secrets(&ds);
    let json = ds.to_json().unwrap();
    assert_eq!(leaks(&json, &secrets).len(), secrets.len());
    let bin = ds.to_binary().unwrap();
    assert_eq!(
        leaks(&String::from_utf8_lossy(&bin), &secrets).len(),
        secrets.len()
    );
}

#[test]
fn leak_finder_finds_a_value_inside_a_longer_run() {
    let s: HashSet<String> = ["13812345678".to_string()].into();
    assert_eq!(leaks("tel:9913812345678x", &s), ["13812345678"]);
    assert!(leaks("138****5678", &s).is_empty());
    let d: NaiveDate = "2026-10-31".parse().unwrap();
    assert_eq!(d.year(), 2026);
}

/// A phone or an ID number typed into an organization's name leaves every report masked: the
/// text report, the printable HTML and the 党内统计 tables (issue 17, class 5).
#[test]
fn personal_numbers_in_organization_names_leave_the_reports_masked() {
    let mut ds = dangjian::synth::sample_community();
    for (i, org) in ds.orgs.iter_mut().enumerate() {
        org.name = if i % 2 == 0 {
            format!("{}（联系人13812345678）", org.name).into()
        } else {
            format!("{}（11010519491231002X）", org.name).into()
        };
    }
    let r = dangjian::report::MonthlyReport::build(
        &ds,
        2026,
        10,
        &dangjian::report::ReportOptions::default(),
    )
    .unwrap();
    for out in [r.render_text(), r.render_html()] {
        assert!(!out.contains("13812345678"), "phone leaked");
        assert!(!out.contains("11010519491231002X"), "ID number leaked");
    }
    // the workbook of every section: each cell read back
    let reg = ds.to_registry().unwrap();
    let tables = dangjian::report::ReportTables::build(&ds, &reg, &r).unwrap();
    let bytes = tables
        .to_xlsx(&dangjian::stats::ExportOptions::form())
        .unwrap();
    use calamine::{Reader, Xlsx};
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut cells = 0;
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            let text = c.2.to_string();
            cells += 1;
            assert!(!text.contains("13812345678"), "{name}: phone leaked");
            assert!(
                !text.contains("11010519491231002X"),
                "{name}: ID number leaked"
            );
        }
    }
    assert!(cells > 100);
}
