//! Issue 17, item 10: text that forges output. Member ids, organization and post ids and
//! person names refuse control (Cc), format (Cf, including bidi overrides and zero-width
//! characters) and line/paragraph separator characters; names are NFC-normalized and must hold
//! a visible character; ids must already be NFC.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use dangjian::io::{parse_json, Dataset};
use dangjian::member::MemberRecord;
use dangjian::privacy::PersonName;
use dangjian::Registry;
use serde_json::json;

fn add(id: &str, name: &str) -> Result<(), String> {
    let text = serde_json::to_string(
        &json!([{"id": id, "name": name, "gender": "female", "birth_date": "1990-01-02"}]),
    )
    .unwrap();
    let people: Vec<MemberRecord> = parse_json(&text).map_err(|e| e.to_string())?;
    let mut reg = Registry::sample_small();
    let before = reg.clone();
    let r = reg.add_members(people).map_err(|e| e.to_string());
    if r.is_err() {
        assert!(reg == before);
    }
    r
}

#[test]
fn member_ids_with_newlines_or_invisible_characters_are_refused() {
    for id in [
        "N1\nXF002 王** 100 优秀",
        "N1\r",
        "M\u{200B}1",
        "M1\u{FEFF}",
        "N\u{202E}1",
        "N\u{2066}1",
        "N1\u{2028}",
        "N\u{00AD}1",
        "N\u{E0041}1",
        "N\u{0}1",
        "N\u{85}1",
        " N1",
        "N1 ",
    ] {
        let e = add(id, "新人").unwrap_err();
        assert!(e.contains("field `id`"), "{id:?}: {e}");
        // The error itself does not carry the raw character.
        assert!(
            !e.contains('\n') && !e.contains('\u{200B}') && !e.contains('\u{202E}'),
            "{e:?}"
        );
    }
    // NFD (e + combining acute) is not NFC: refused, since ids are matched byte for byte.
    let e = add("Ne\u{301}", "新人").unwrap_err();
    assert!(e.contains("NFC"), "{e}");
    // Ordinary ids still pass, CJK included.
    add("N1", "新人").unwrap();
    add("翔凤-0001", "新人").unwrap();
    add("Né", "新人").unwrap();
}

#[test]
fn names_of_invisible_or_bidi_characters_are_refused_and_names_are_nfc() {
    for name in [
        "\u{200B}\u{200B}",
        "\u{3164}",
        "\u{115F}\u{1160}",
        "李\u{202E}四",
        "李\u{2066}四\u{2069}",
        "李\u{200D}四",
        "李\u{FEFF}",
        "李\u{2029}四",
        "\u{034F}",
    ] {
        assert!(PersonName::new(name).is_err(), "{name:?} accepted");
        assert!(
            add("N9", name).is_err(),
            "{name:?} accepted by the registry"
        );
    }
    let n = PersonName::new("Jose\u{301}").unwrap();
    assert_eq!(n.as_str(), "Jos\u{e9}");
    // Names with ordinary combining marks and middle dots stay.
    PersonName::new("阿依古丽·买买提").unwrap();
    PersonName::new("Zoë").unwrap();
}

#[test]
fn org_and_post_ids_with_control_or_format_characters_are_refused() {
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["orgs"][3]["id"] = json!("B2\u{200B}");
    let ds = Dataset::from_json(&v.to_string());
    let e = match ds {
        Err(e) => e.to_string(),
        Ok(ds) => ds.to_registry().unwrap_err().to_string(),
    };
    assert!(e.contains("id"), "{e}");
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    v["orgs"][3]["name"] = json!("第二党支部\n伪造行");
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    assert!(ds.to_registry().is_err());
}

#[test]
fn the_text_report_cannot_be_forged_through_a_member_id() {
    // With ids refused at the door, a dataset carrying one does not load.
    let mut v = serde_json::to_value(Dataset::sample_small()).unwrap();
    let forged = "M1\n二、本月党员变动：伪造";
    v["members"][0]["id"] = json!(forged);
    for e in v["events"].as_array_mut().unwrap() {
        if e["member"] == "M1" {
            e["member"] = json!(forged);
        }
    }
    let ds = Dataset::from_json(&v.to_string()).unwrap();
    let e = ds.to_registry().unwrap_err();
    assert_eq!(e.code(), "bad_member");
    assert!(!e.to_string().contains('\n'), "{e}");
}
