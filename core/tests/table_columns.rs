//! Every output table of the library, walked once: column names are unique snake_case, Chinese
//! headers are present and unique within each table (issue 21: `veto` and `vetoed` were both
//! 一票否决), every column has the table's row count, and the columns the vocabulary knows carry
//! the vocabulary's header. The Python binding's test `test_table_schemas.py` checks that the
//! Arrow schemas it exports are exactly these columns.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashSet;

use dangjian::registry::{OrgCountsTable, OrgRecordsTable};
use dangjian::report::{MonthlyReport, ReportOptions, ReportTables};
use dangjian::scoring::{ActivityTable, ExplanationPart, Mode, RuleSet, Scorer};
use dangjian::stats::{membership, Rollup};
use dangjian::table::{check_shape, label_zh_of, Table};

fn check(t: &dyn Table) {
    check_shape(t).unwrap();
    let cols = t.columns();
    let mut names = HashSet::new();
    let mut heads = HashSet::new();
    for c in &cols {
        assert!(
            names.insert(c.name.to_string()),
            "{}: column `{}` twice",
            t.name(),
            c.name
        );
        assert!(
            c.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_'),
            "{}: `{}` is not snake_case",
            t.name(),
            c.name
        );
        assert!(
            !c.label_zh.is_empty(),
            "{}: `{}` has no header",
            t.name(),
            c.name
        );
        assert!(
            !c.label_zh.is_ascii(),
            "{}: `{}` has no Chinese header (`{}`)",
            t.name(),
            c.name,
            c.label_zh
        );
        assert!(
            heads.insert(c.label_zh.to_string()),
            "{}: header `{}` twice",
            t.name(),
            c.label_zh
        );
    }
}

/// The scoring, organization and activity tables the bindings return take their headers from
/// the vocabulary.
fn check_vocabulary(t: &dyn Table) {
    check(t);
    for c in t.columns() {
        assert_eq!(
            label_zh_of(&c.name),
            Some(c.label_zh.as_ref()),
            "{}: `{}`",
            t.name(),
            c.name
        );
    }
}

#[test]
fn every_output_table_has_unique_names_and_chinese_headers() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let as_of = dangjian::synth::SAMPLE_AS_OF;
    let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient).unwrap();
    let rules = RuleSet::member_default();
    let period = "2026-10".parse().unwrap();
    let scored = scorer.score(&rules, period).unwrap().table;
    check_vocabulary(&scored);
    assert!(!scored.is_empty());
    let report =
        dangjian::scoring::ScoreReport::build(&scorer, &rules, period, "翔凤社区").unwrap();
    check_vocabulary(&report);
    check_vocabulary(&report.movers_table());
    let mut other = rules.clone();
    other.id = "other".into();
    let b = scorer.score(&other, period).unwrap().table;
    let w = dangjian::scoring::WhatIf::compare(&scored, &b).unwrap();
    check_vocabulary(&w);
    let subject = scored.subject[0].to_string();
    let e = scorer.explain(&rules, period, &subject).unwrap();
    for part in [
        ExplanationPart::Events,
        ExplanationPart::Items,
        ExplanationPart::Categories,
    ] {
        check_vocabulary(&e.table(part));
    }
    check_vocabulary(&ActivityTable::new(&ds.activities));
    check_vocabulary(&OrgRecordsTable::new(reg.tree().records()));
    check_vocabulary(&OrgCountsTable::new(
        reg.tree(),
        &reg.counts_on(as_of),
        true,
        None,
        as_of,
    ));
    check(&membership(&reg, as_of, Rollup::Subtree));
    check(&dangjian::catalogue::CatalogueTable::build());
    let r = MonthlyReport::build(&ds, 2026, 10, &ReportOptions::default()).unwrap();
    let tables = ReportTables::build(&ds, &reg, &r).unwrap();
    let names: Vec<&str> = tables.tables().iter().map(|t| t.name()).collect();
    assert!(
        names.contains(&"report"),
        "the workbook has the score table: {names:?}"
    );
    for t in tables.tables() {
        check(t);
    }
}

#[test]
fn the_membership_table_says_which_rows_to_sum() {
    let ds = dangjian::synth::sample_community();
    let reg = ds.to_registry().unwrap();
    let t = membership(&reg, dangjian::synth::SAMPLE_AS_OF, Rollup::Subtree);
    let root = t.row_of("Z").unwrap();
    assert_eq!(t.org_level[root], 0);
    // Summing the branches (level-independent: by kind) gives the community's headcount.
    let branches: u64 = (0..t.orgs.len())
        .filter(|&r| t.orgs.kind[r] == dangjian::org::OrgKind::Branch)
        .map(|r| t.counts.headcount[r])
        .sum();
    assert_eq!(branches, t.counts.headcount[root]);
    let all: u64 = t.counts.headcount.iter().sum();
    assert!(
        all > branches,
        "rows roll up: a plain sum counts people twice"
    );
}
