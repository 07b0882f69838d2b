//! The error contract of the bindings (`dangjian::ffi`, issue 19): `docs/errors.md` carries the
//! table generated from the core (`DANGJIAN_BLESS=1` rewrites it), every variant's details have
//! exactly its declared keys whatever the values, and no detail value holds an unmasked phone,
//! ID number or name.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::path::Path;

use dangjian::ffi::{catalogue, variants, Detail, ErrorReport};
use proptest::prelude::*;

const BEGIN: &str = "<!-- errors:begin -->\n";
const END: &str = "<!-- errors:end -->";

#[test]
fn docs_errors_table_is_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let want = dangjian::ffi::docs_table();
    let (start, end) = match (text.find(BEGIN), text.find(END)) {
        (Some(a), Some(b)) if a + BEGIN.len() <= b => (a + BEGIN.len(), b),
        _ => (text.len(), text.len()),
    };
    if text.get(start..end) == Some(want.as_str()) {
        return;
    }
    assert!(
        std::env::var_os("DANGJIAN_BLESS").is_some(),
        "docs/errors.md differs from dangjian::ffi::docs_table(); run \
         `DANGJIAN_BLESS=1 cargo test -p dangjian --test error_reports`"
    );
    let new = format!("{}{want}{}", &text[..start], &text[end..]);
    std::fs::write(&path, new).unwrap();
}

#[test]
fn the_codes_of_the_typescript_union_are_the_cores() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../bindings-wasm/types/error-codes.d.ts");
    let want = format!(
        "// Generated from dangjian::ffi::codes() by core/tests/error_reports.rs \
         (DANGJIAN_BLESS=1 rewrites it).\n\n/** Every code a `DangjianError` can carry. */\nexport type ErrorCode =\n{};\n\n\
         /** The family of a `DangjianError` (the Python exception class). */\nexport type ErrorClass =\n{};\n",
        dangjian::ffi::codes()
            .iter()
            .map(|c| format!("  | '{c}'"))
            .collect::<Vec<_>>()
            .join("\n"),
        dangjian::ffi::ErrorClass::ALL
            .iter()
            .map(|c| format!("  | '{}'", c.as_str()))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    if std::env::var_os("DANGJIAN_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        want,
        "run `DANGJIAN_BLESS=1 cargo test -p dangjian --test error_reports`"
    );
}

#[test]
fn every_variant_is_in_the_catalogue_once_with_its_code() {
    let mut seen = BTreeMap::new();
    for v in variants() {
        assert!(
            seen.insert(v.variant, v.code.clone()).is_none(),
            "{} twice",
            v.variant
        );
        assert!(!v.code.is_empty() && v.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    }
    // Some known variants of each enum.
    for v in [
        "RegistryError::EventRejected",
        "RegistryError::Org(OrgError::Cycle)",
        "ImportError::Rows",
        "ScoringError::Internal",
        "PostError::AlreadyHeld",
        "ComplianceError::BadPeriod",
        "StatsError::WeakKey",
        "TableError::Xlsx",
        "ScopeError::NotScopable",
        "StoreError::Conflict",
        "FixedError::TooPrecise",
        "IdentityError::BadCheckDigit",
        "RuleViolation",
        "MonthError",
        "PeriodParseError",
        "ReportError::BadMonth",
    ] {
        assert!(seen.contains_key(v), "{v} missing");
    }
    assert_eq!(seen["ScoringError::Internal"], "internal");
}

#[test]
fn the_decided_answers_where_the_bindings_disagreed() {
    use dangjian::scoring::ScoringError;
    let r = ErrorReport::from(&ScoringError::UnknownSubject {
        id: "a1".into(),
        position: 0,
        subject: "X".into(),
    });
    assert_eq!(r.detail_keys(), ["record", "position", "field", "subject"]);
    let e = dangjian::registry::RegistryError::EventRejected {
        position: 0,
        member: "M1".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        event_type: dangjian::member::EventType::Died,
        rule: dangjian::member::MemberRule::AfterTerminal,
        reason: "x".into(),
    };
    assert_eq!(
        ErrorReport::from(&e).details.get("rule"),
        Some(&Detail::Text("after_terminal".into()))
    );
    let lim = ErrorReport::from(&ScoringError::LimitExceeded {
        what: "activities",
        limit: 1,
        actual: 2,
    });
    assert_eq!(lim.detail_keys(), ["what", "limit", "actual"]);
    let c = dangjian::report::ReportError::Compliance(
        dangjian::compliance::ComplianceError::BadPeriod {
            from: "b".into(),
            to: "a".into(),
        },
    );
    assert_eq!(
        ErrorReport::from(&c).class.python_class(),
        "ComplianceError"
    );
}

/// Texts typed where an id belongs: phones and ID numbers in the forms people type them.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("13812345678".to_string()),
        Just("138-1234-5678".to_string()),
        Just("１３８１２３４５６７８".to_string()),
        Just("11010519491231002X".to_string()),
        Just("110105 19491231 002X".to_string()),
        "[A-Z][0-9]{0,6}".prop_map(|s| format!("{s}13912345678")),
    ]
}

const UNMASKED: [&str; 6] = [
    "13812345678",
    "12345678",
    "19491231",
    "１２３４５６７８",
    "1234-5678",
    "1234 5678",
];

fn assert_masked(r: &ErrorReport) {
    let json =
        serde_json::to_string(&r.details).unwrap() + &serde_json::to_string(&r.rows).unwrap();
    for bad in UNMASKED {
        assert!(!json.contains(bad), "{}: `{bad}` in {json}", r.variant);
    }
    assert!(!json.contains("张三") && !json.contains("李四"), "{json}");
}

/// Every sample of the catalogue with each text field replaced by `text`, through the JSON
/// form of the core errors is not possible (they are not Deserialize): instead the errors with
/// free-text ids are rebuilt here from the hostile text.
fn reports_with(text: &str) -> Vec<ErrorReport> {
    use dangjian::compliance::ComplianceError as C;
    use dangjian::post::PostError as P;
    use dangjian::registry::RegistryError as G;
    use dangjian::scoring::{RuleSetError as RS, ScoringError as S};
    let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let t = || text.to_string();
    let c = || compact_str::CompactString::from(text);
    vec![
        S::UnknownSubject {
            id: c(),
            position: 0,
            subject: c(),
        }
        .into(),
        S::DuplicateActivity {
            id: c(),
            position: 1,
            first: 0,
        }
        .into(),
        S::UnknownItem {
            id: c(),
            position: 0,
            item: c(),
            rule_set: c(),
            version: 1,
        }
        .into(),
        S::NotASubject {
            id: c(),
            position: 0,
            subject: c(),
            date: d,
            reason: t(),
        }
        .into(),
        S::BadQuantity {
            id: c(),
            position: 0,
            quantity: t(),
            reason: "r",
        }
        .into(),
        S::BadReversal {
            id: c(),
            position: 0,
            target: c(),
            reason: t(),
        }
        .into(),
        S::NotScored {
            subject: c(),
            period: t(),
        }
        .into(),
        RS::Invalid {
            rule_set: t(),
            item: Some(t()),
            field: t(),
            reason: t(),
        }
        .into(),
        RS::Parse {
            format: "json",
            path: t(),
            line: 1,
            column: 1,
            message: t(),
        }
        .into(),
        G::UnknownMember { id: c() }.into(),
        G::DuplicateMember {
            id: c(),
            position: 0,
        }
        .into(),
        G::BadMember {
            id: c(),
            position: 0,
            field: "id",
            reason: t(),
        }
        .into(),
        P::UnknownMember {
            section: "claims",
            position: 0,
            id: c(),
            member: c(),
        }
        .into(),
        P::AlreadyHeld {
            claim: c(),
            position: None,
            other: c(),
            member: c(),
            post: c(),
            date: d,
        }
        .into(),
        C::BadPayment {
            section: "payments",
            position: 0,
            member: c(),
            reason: t(),
        }
        .into(),
        C::DuplicateId {
            section: "meetings",
            position: 0,
            id: c(),
        }
        .into(),
        dangjian::scope::ScopeError::NotFound { id: c() }.into(),
        dangjian::io::ImportError::MissingColumn {
            column: t(),
            accepted: vec![t()],
            nearest: Some(t()),
        }
        .into(),
        dangjian::io::ImportError::Rows(vec![dangjian::io::RowError {
            row: 1,
            column: t(),
            code: "bad_date",
            value: t(),
            reason: t(),
        }])
        .into(),
        dangjian::io::DatasetError::Json {
            path: t(),
            line: 1,
            column: 1,
            message: t(),
        }
        .into(),
        dangjian::fixed::FixedError::NotANumber(t()).into(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the values, a variant's details have exactly the keys of its catalogue row, and
    /// a phone or ID number typed as any id, subject or text reaches no detail unmasked.
    #[test]
    fn details_have_their_declared_keys_and_no_personal_data(text in hostile()) {
        let declared: BTreeMap<&str, Vec<&str>> =
            variants().into_iter().map(|v| (v.variant, v.keys)).collect();
        for r in reports_with(&text) {
            prop_assert_eq!(Some(&r.detail_keys()), declared.get(r.variant), "{}", r.variant);
            assert_masked(&r);
        }
    }
}

#[test]
fn the_catalogue_holds_no_personal_data_and_the_golden_none_either() {
    for r in catalogue() {
        assert_masked(&r);
        // Chinese first
        assert!(
            !r.message_zh.is_empty() && !r.message_en.is_empty(),
            "{}",
            r.variant
        );
    }
    let golden = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/error-reports.json"),
    )
    .unwrap();
    for bad in ["13812345678", "11010519491231002X", "张三"] {
        assert!(!golden.contains(bad), "{bad} in the golden error reports");
    }
}

/// Whether `s` holds a run of three or more ASCII words (an English phrase); words are joined by
/// spaces or ASCII punctuation only.
fn english_phrase(s: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for w in
        s.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'' && c != '_'))
    {
        if w.is_empty() {
            continue;
        }
        if w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') && (w.len() >= 2 || w == "a") {
            run.push(w);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

fn assert_chinese(r: &ErrorReport) {
    let first = r.message_zh.chars().find(|c| c.is_alphanumeric());
    assert!(
        first.is_some_and(|c| !c.is_ascii()),
        "{}: message_zh does not start with Chinese: {}",
        r.variant,
        r.message_zh
    );
    assert!(
        english_phrase(&r.message_zh).is_none(),
        "{}: English in message_zh ({:?}): {}",
        r.variant,
        english_phrase(&r.message_zh),
        r.message_zh
    );
    for bad in UNMASKED {
        assert!(
            !r.message_zh.contains(bad),
            "{}: `{bad}` in {}",
            r.variant,
            r.message_zh
        );
    }
}

/// Issue 20: every error a person reads is Chinese — `message_zh` of every variant starts with
/// Chinese and holds no English sentence, whatever the values; `message_en` stays the core's.
#[test]
fn every_message_zh_is_a_chinese_sentence() {
    for r in catalogue() {
        assert_chinese(&r);
    }
    for text in [
        "13812345678",
        "138-1234-5678",
        "11010519491231002X",
        "A113912345678",
        "B404",
    ] {
        for r in reports_with(text) {
            assert_chinese(&r);
        }
    }
}

#[test]
fn message_zh_names_section_position_and_value() {
    let e = dangjian::compliance::ComplianceError::UnknownOrg {
        section: "meetings",
        position: 363,
        org: "B404".into(),
    };
    let r = ErrorReport::from(&e);
    assert_eq!(r.message_zh, "会议记录第364条：组织 B404 不存在");
    assert_eq!(r.message_en, e.to_string());
}

/// A record refused by its section's rules (`record_rejected`) carries the section's error:
/// its `message_zh` is the record's place and that error's Chinese message, not English.
#[test]
fn a_rejected_record_reads_in_chinese() {
    use dangjian::community::Community;
    use dangjian::compliance::{MeetingRecord, PaymentRecord};
    use dangjian::scoring::ActivityRecord;
    let mut c = Community::new(dangjian::synth::sample_community()).unwrap();
    let mut m = c.records::<MeetingRecord>()[0].clone();
    m.id = "bad-m".into();
    m.org = "NOWHERE".into();
    let r = ErrorReport::from(&c.add(vec![m]).unwrap_err());
    assert_eq!(r.code, "record_rejected");
    assert!(
        r.message_zh.starts_with("第1条会议记录（bad-m，")
            && r.message_zh.contains("组织 NOWHERE 不存在"),
        "{}",
        r.message_zh
    );
    assert_chinese(&r);
    let mut p = c.records::<PaymentRecord>()[0].clone();
    p.member = "13812345678".into();
    let r = ErrorReport::from(&c.add(vec![p]).unwrap_err());
    assert_eq!(r.code, "record_rejected");
    assert_chinese(&r);
    assert!(r.message_zh.contains("不在名册中"), "{}", r.message_zh);
    let who = c.dataset().members[0].id.clone();
    let mut a = ActivityRecord::new(
        "x3",
        &who,
        "meeting",
        chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(),
    );
    a.reverses = Some("nothing".into());
    let r = ErrorReport::from(&c.add(vec![a]).unwrap_err());
    assert_eq!(r.code, "record_rejected");
    assert_chinese(&r);
    assert!(r.message_zh.contains("冲销"), "{}", r.message_zh);
}

/// A refused lifecycle event says why in Chinese too: the rule's reason is written
/// "中文 / English" at its source (`member/state.rs`, `member/event.rs`), so `message_zh` carries
/// the dates and numbers a secretary needs to correct the event, not only the rule's name.
#[test]
fn a_refused_event_says_why_in_chinese() {
    use dangjian::chrono::NaiveDate;
    use dangjian::member::{EventRecord, EventType};
    let ds = dangjian::synth::sample_community();
    let mut reg = ds.to_registry().unwrap();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let as_of = dangjian::synth::SAMPLE_AS_OF;
    // a full member converted again, and a member floated out twice
    let full = (0..reg.len() as u32)
        .find(|&i| {
            let s = reg.state_of(i, as_of);
            s.stage == dangjian::member::Stage::Full && !s.floating
        })
        .and_then(|i| reg.member(i))
        .map(|m| m.id.clone())
        .unwrap();
    let cases: Vec<(Vec<EventRecord>, &str)> = vec![
        (
            vec![EventRecord::new(
                &full,
                d(2026, 10, 20),
                EventType::Converted,
            )],
            "转为正式党员须为预备党员，此人现为正式党员",
        ),
        (
            vec![
                EventRecord::new(&full, d(2026, 10, 20), EventType::FloatedOut),
                EventRecord::new(&full, d(2026, 10, 21), EventType::FloatedOut),
            ],
            "已是流动党员",
        ),
    ];
    for (events, why) in cases {
        let e = reg.apply(events).unwrap_err();
        let r = ErrorReport::from(&e);
        assert!(r.message_zh.contains(why), "{}", r.message_zh);
        assert!(r.message_en.contains(" / "), "{}", r.message_en);
        assert_chinese(&r);
    }
}
