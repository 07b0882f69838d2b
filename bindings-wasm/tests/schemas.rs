//! The JSON schemas of every core type that crosses the wasm boundary, checked in as
//! `bindings-wasm/types/schemas.json`; `types/types.d.ts` is generated from that file by
//! `types/generate.mjs` (json-schema-to-typescript) and the node test `types.test.mjs` checks
//! that it is up to date. This test fails when a core type changes and the file was not
//! regenerated: run it with `UPDATE_SCHEMAS=1` to rewrite the file.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use dangjian::compliance::CountedElection;
use dangjian::io::Dataset;
use dangjian::member::MaskedMember;
use dangjian::registry::{BatchSummary, Flows, PipelineDue};
use dangjian::scope::RosterTable;
use dangjian::scoring::{Explanation, RuleSet, ScoreReport, Scored, WhatIf};
use dangjian::stats::{Rollup, ScoreBands};
use dangjian::table::OwnedTable;
use schemars::schema_for;

fn schemas() -> String {
    let all = serde_json::json!({
        "Dataset": schema_for!(Dataset),
        "RuleSet": schema_for!(RuleSet),
        "Scored": schema_for!(Scored),
        "Explanation": schema_for!(Explanation),
        "WhatIf": schema_for!(WhatIf),
        "MonthlyReport": schema_for!(ScoreReport),
        "StatTable": schema_for!(OwnedTable),
        "Rollup": schema_for!(Rollup),
        "ScoreBands": schema_for!(ScoreBands),
        "BatchSummary": schema_for!(BatchSummary),
        "RosterTable": schema_for!(RosterTable),
        "Flows": schema_for!(Flows),
        "PipelineDue": schema_for!(PipelineDue),
        "CountedElection": schema_for!(CountedElection),
        "MaskedMember": schema_for!(MaskedMember),
    });
    let mut all = all;
    // the doc comments' Rust examples are not for the TypeScript hover docs
    dangjian::io::schema_without_doc_examples(&mut all);
    let mut text = serde_json::to_string_pretty(&all).unwrap();
    text.push('\n');
    text
}

#[test]
fn checked_in_schemas_are_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/types/schemas.json");
    let now = schemas();
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(path, &now).unwrap();
    }
    let file = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        file == now,
        "{path} is stale: run `UPDATE_SCHEMAS=1 cargo test -p dangjian-wasm --test schemas` \
         then `node bindings-wasm/types/generate.mjs`"
    );
}
