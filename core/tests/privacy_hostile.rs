//! Issue 17, item 5: full ID numbers and phones in errors and reports, however they are typed
//! (grouped with spaces or hyphens, in full-width digits) and in whichever free-text field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use dangjian::io::Dataset;
use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
use dangjian::scope::RosterExportOptions;
use dangjian::stats::ExportOptions as TableExport;
use serde_json::{json, Value};

/// Hostile spellings of one phone and one ID number, and the digits that must never show.
const PHONE_FORMS: [&str; 4] = [
    "13812345678",
    "138-1234-5678",
    "138 1234 5678",
    "１３８１２３４５６７８",
];
const ID_FORMS: [&str; 3] = [
    "11010519491231002X",
    "110105 19491231 002X",
    "110105-19491231-002X",
];

/// Whether `text` shows the middle digits of the phone or the ID number in any spelling.
fn leaks(text: &str) -> Option<String> {
    let folded: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30),
            ' ' | '-' | '\u{3000}' => None,
            c => Some(c),
        })
        .collect();
    for secret in ["12345678", "19491231", "1234567", "4912310"] {
        if folded.contains(secret) {
            return Some(secret.to_string());
        }
    }
    None
}

fn sample() -> Value {
    serde_json::to_value(dangjian::synth::sample_community()).unwrap()
}

#[test]
fn member_ids_spelling_a_phone_or_an_id_number_are_refused_masked() {
    for id in PHONE_FORMS.iter().chain(ID_FORMS.iter()) {
        let people: Vec<dangjian::member::MemberRecord> = serde_json::from_value(json!([
            {"id": id, "name": "新人", "gender": "female", "birth_date": "1990-01-02"}
        ]))
        .unwrap();
        let mut reg = dangjian::Registry::sample_small();
        let e = reg.add_members(people).unwrap_err();
        assert_eq!(e.code(), "bad_member", "{id}: {e}");
        assert_eq!(leaks(&e.to_string()), None, "{e}");
    }
}

#[test]
fn errors_naming_an_unknown_member_mask_it() {
    for id in PHONE_FORMS.iter().chain(ID_FORMS.iter()) {
        // Compliance: a payment.
        let mut v = sample();
        v["payments"][0]["member"] = json!(id);
        let ds = Dataset::from_json(&v.to_string()).unwrap();
        let e = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap_err();
        assert_eq!(e.code(), "unknown_member", "{e}");
        assert_eq!(leaks(&e.to_string()), None, "{e}");
        // Posts: a claim.
        let mut v = sample();
        v["claims"][0]["member"] = json!(id);
        let ds = Dataset::from_json(&v.to_string()).unwrap();
        let e = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap_err();
        assert_eq!(leaks(&e.to_string()), None, "{e}");
        // Registry: an event.
        let mut v = sample();
        v["events"][0]["member"] = json!(id);
        let e = Dataset::from_json(&v.to_string())
            .unwrap()
            .to_registry()
            .unwrap_err();
        assert_eq!(leaks(&e.to_string()), None, "{e}");
    }
}

#[test]
fn personal_numbers_in_free_text_fields_do_not_reach_any_report() {
    for secret in PHONE_FORMS.iter().chain(ID_FORMS.iter()) {
        let mut v = sample();
        let members = v["members"].as_array_mut().unwrap();
        for m in members.iter_mut() {
            if m["home_unit"].is_string() {
                m["home_unit"] = json!(format!("单位{secret}"));
            }
        }
        members[0]["name"] = json!(format!("张{secret}"));
        members[1]["ethnicity"] = json!(format!("汉{secret}"));
        members[2]["skills"] = json!([format!("技能{secret}")]);
        v["special_dues"][0]["campaign"] = json!(format!("捐款{secret}"));
        let ds = Dataset::from_json(&v.to_string()).unwrap();
        let reg = ds.to_registry().unwrap();
        for show_names in [false, true] {
            let opts = ReportOptions {
                show_names,
                ..ReportOptions::default()
            };
            let r = MonthlyReport::build_with(&ds, &reg, 2026, 10, &opts).unwrap();
            let text = r.render_text();
            assert_eq!(leaks(&text), None, "{secret}: text report");
            let js = serde_json::to_string(&r).unwrap();
            assert_eq!(leaks(&js), None, "{secret}: JSON report");
            let tables = ReportTables::build(&ds, &reg, &r).unwrap();
            for (name, csv) in tables.to_csv_files(&TableExport::form()).unwrap() {
                assert_eq!(leaks(&csv), None, "{secret}: {name}");
            }
        }
        let d = "2026-10-31".parse().unwrap();
        let opts = RosterExportOptions {
            show_names: true,
            ..RosterExportOptions::default()
        };
        let roster = reg.scope_all().roster_on(d, &opts);
        assert_eq!(leaks(&roster.to_csv().unwrap()), None, "{secret}: roster");
        assert_eq!(
            leaks(&serde_json::to_string(&roster).unwrap()),
            None,
            "{secret}: roster JSON"
        );
    }
}
