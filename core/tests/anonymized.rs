//! Issue 17, item 8: "anonymized" exports that identify people. Pseudonymized person-level
//! tables publish years, not dates, and no combination of published quasi-identifiers has
//! fewer than k rows; keys shorter than 16 bytes are refused; a row describing fewer than k
//! people publishes none of its counts, zeros included.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeMap;

use dangjian::stats::{member_list, membership, prepare, ExportOptions, Rollup};
use dangjian::table::{cell_text, HeaderLang, Role, Table};

const KEY: &[u8] = b"a key of 16 byte";

#[test]
fn keys_shorter_than_sixteen_bytes_are_refused() {
    let reg = dangjian::synth::sample_community().to_registry().unwrap();
    let t = membership(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
    for key in [&b""[..], b"k", b"fifteen bytes!!"] {
        let e = prepare(&t, &ExportOptions::analysis(key, 3)).unwrap_err();
        assert_eq!(e.code(), "weak_key", "{e}");
    }
    prepare(&t, &ExportOptions::analysis(KEY, 3)).unwrap();
}

#[test]
fn pseudonymized_member_lists_publish_years_and_are_k_anonymous() {
    let reg = dangjian::synth::sample_community().to_registry().unwrap();
    let list = member_list(&reg, dangjian::synth::SAMPLE_AS_OF);
    for k in [2u64, 3, 5] {
        let safe = prepare(&list, &ExportOptions::analysis(KEY, k)).unwrap();
        // No exact date of a person.
        for c in safe.columns() {
            assert!(
                !matches!(
                    c.data,
                    dangjian::table::ColumnData::Date(_) | dangjian::table::ColumnData::OptDate(_)
                ),
                "column {} still holds dates",
                c.name
            );
            assert_ne!(c.name, "age", "exact ages published");
        }
        // Every combination of published quasi-identifiers (everything but the pseudonym) has
        // at least k rows.
        let cols = safe.columns();
        let mut classes: BTreeMap<Vec<String>, usize> = BTreeMap::new();
        for r in 0..safe.len() {
            let key: Vec<String> = cols
                .iter()
                .filter(|c| c.role != Role::MemberId)
                .map(|c| cell_text(c, r, HeaderLang::En, "").into_owned())
                .collect();
            *classes.entry(key).or_default() += 1;
        }
        for (key, n) in &classes {
            assert!(*n as u64 >= k, "k = {k}: {n} row(s) with {key:?}");
        }
    }
    // Without pseudonyms (forms) nothing is generalized or left out.
    let form = prepare(&list, &ExportOptions::form()).unwrap();
    assert_eq!(form.len(), list.len());
}

#[test]
fn a_one_member_branch_publishes_no_count_not_even_its_zeros() {
    // sample_small: branch B2 has one member (M4).
    let reg = dangjian::Registry::sample_small();
    let d = "2024-06-01".parse().unwrap();
    let t = membership(&reg, d, Rollup::Subtree);
    let safe = prepare(&t, &ExportOptions::analysis(KEY, 3)).unwrap();
    let row = (0..safe.len())
        .find(|&r| cell_text(&safe.columns()[0], r, HeaderLang::En, "") == "B2")
        .unwrap();
    for c in safe.columns() {
        if c.role == Role::Count {
            assert!(c.is_suppressed(row), "B2: {} published", c.name);
        }
    }
}
