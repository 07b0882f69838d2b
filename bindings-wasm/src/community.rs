//! The `Community` class: the core session (`dangjian::community::Community`) behind an `Rc`,
//! its constructors, counts, lifecycle changes, scoring and the ways into people and scopes.
//! The records of the month are in `records.rs`, the statistics and the year's tables in
//! `outputs.rs`, the reports in `lib.rs`.

use std::rc::Rc;

use dangjian::community::RecordKind;
use dangjian::io::{parse_json, Dataset};
use dangjian::member::{EventRecord, MemberRecord};
use dangjian::scoring::{Mode, Scorer};
use wasm_bindgen::prelude::*;

use crate::convert::{date, json_text, mode, out, period, rule_book, rule_set};
use crate::error::ToJs;
use crate::report_module::{self, next_version};
use crate::scope::{Member, ScopeView};
use crate::scorer::JsScorer;

/// The data of a community: the core session (dataset, registry and the scorer's kept
/// checks). Shared (`Rc`) by the [`Community`] and the [`JsScorer`]s and [`ScopeView`]s made
/// from it; a change to the community makes a new one (copy on write), so those keep the
/// state they were made from.
pub(crate) type Inner = dangjian::community::Community;

fn inner(ds: Dataset) -> Result<Rc<Inner>, JsValue> {
    Ok(Rc::new(Inner::new(ds).map_err(|e| e.to_js())?))
}

/// Runs `f` with a scorer of the session (its checks made once and kept by the session).
pub(crate) fn with_scorer<T>(
    inner: &Inner,
    mode: Mode,
    f: impl FnOnce(&Scorer<'_>) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    f(&inner.scorer(mode).map_err(|e| e.to_js())?)
}

/// A community loaded from a dataset: the registry built once, then scored many times.
#[wasm_bindgen]
pub struct Community {
    pub(crate) inner: Rc<Inner>,
    /// This state's version (`report_module::next_version`): the report module keeps the
    /// community it was last given by its version, and every change makes a new one.
    pub(crate) version: f64,
}

impl Community {
    fn of(ds: Dataset) -> Result<Community, JsValue> {
        Ok(Community {
            inner: inner(ds)?,
            version: next_version(),
        })
    }

    /// Changes the session with `f`, all or nothing (the core's changes are). Any change,
    /// even a refused one, gives the community a new version.
    pub(crate) fn change<T, E: ToJs>(
        &mut self,
        f: impl FnOnce(&mut Inner) -> Result<T, E>,
    ) -> Result<T, JsValue> {
        self.version = next_version();
        f(Rc::make_mut(&mut self.inner)).map_err(|e| e.to_js())
    }

    /// Runs `op` of the report module on this community (see `report_module::call`).
    pub(crate) fn second(&self, op: &str, args: serde_json::Value) -> Result<JsValue, JsValue> {
        report_module::call(&self.inner, self.version, op, args)
    }

    pub(crate) fn score_with<T>(
        &self,
        options: &JsValue,
        f: impl FnOnce(&Scorer<'_>) -> Result<T, JsValue>,
    ) -> Result<T, JsValue> {
        with_scorer(&self.inner, mode(options)?, f)
    }

    pub(crate) fn add_records(
        &mut self,
        kind: RecordKind,
        records: &JsValue,
    ) -> Result<usize, JsValue> {
        let text = json_text(records, "records")?;
        self.change(|c| c.add_json(kind, &text))
    }

    pub(crate) fn correct_record(
        &mut self,
        kind: RecordKind,
        id: &str,
        record: &JsValue,
    ) -> Result<(), JsValue> {
        let text = json_text(record, "record")?;
        self.change(|c| c.correct_json(kind, id, &text))
    }
}

#[wasm_bindgen]
impl Community {
    /// Loads a dataset (format `dangjian-dataset` v1) from JSON text or a plain object.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | Dataset")] dataset: JsValue,
    ) -> Result<Community, JsValue> {
        Community::of(Dataset::from_json(&json_text(&dataset, "dataset")?).map_err(|e| e.to_js())?)
    }

    /// Loads a dataset from the bytes of a JSON file (UTF-8, as read from a dropped file).
    #[wasm_bindgen(js_name = fromJsonBytes)]
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Community, JsValue> {
        Community::of(Dataset::from_json_bytes(bytes).map_err(|e| e.to_js())?)
    }

    /// Loads a dataset from its compact binary form (`Dataset::to_binary` in Rust). Only in a
    /// package built with the crate feature `binary` (`WASM_FEATURES=binary build.sh`).
    #[cfg(feature = "binary")]
    #[wasm_bindgen(js_name = fromBinary)]
    pub fn from_binary(bytes: &[u8]) -> Result<Community, JsValue> {
        Community::of(Dataset::from_binary(bytes).map_err(|e| e.to_js())?)
    }

    /// The bundled sample community (翔凤社区).
    pub fn sample() -> Result<Community, JsValue> {
        Community::of(dangjian::synth::sample_community())
    }

    /// The tiny fixture of the core's tests (`Dataset::sample_small()`: branches B1, B2, four
    /// people M1..M4), the base the hostile-input corpus applies event batches to.
    #[wasm_bindgen(js_name = sampleSmall)]
    pub fn sample_small() -> Result<Community, JsValue> {
        Community::of(Dataset::sample_small())
    }

    /// Community name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.dataset().community.name.clone()
    }

    /// Number of members on the roster (all stages and dates).
    #[wasm_bindgen(getter, js_name = memberCount)]
    pub fn member_count(&self) -> usize {
        self.inner.registry().len()
    }

    /// Members (full and probationary) on `date` (`YYYY-MM-DD`), as `Scope.headcountOn`.
    #[wasm_bindgen(js_name = headcountOn)]
    pub fn headcount_on(&self, date_text: &str) -> Result<f64, JsValue> {
        Ok(self.inner.registry().headcount_on(date(date_text, "date")?) as f64)
    }

    /// Number of events in the lifecycle log.
    #[wasm_bindgen(getter, js_name = eventCount)]
    pub fn event_count(&self) -> usize {
        self.inner.registry().event_count()
    }

    /// Number of scored activities.
    #[wasm_bindgen(getter, js_name = activityCount)]
    pub fn activity_count(&self) -> usize {
        self.inner.dataset().activities.len()
    }

    /// The dataset as JSON text (after changes: the current roster and event log). This is the
    /// storage format and holds ID numbers and phones in full; scopes never export it.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        self.inner.dataset().to_json().map_err(|e| e.to_js())
    }

    /// A short description (counts only, no personal data).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!(
            "Community({}: {} orgs, {} people, {} events, {} activities)",
            self.inner.dataset().community.name,
            self.inner.registry().tree().len(),
            self.inner.registry().len(),
            self.inner.registry().event_count(),
            self.inner.dataset().activities.len()
        )
    }

    // --- changes (all or nothing) ----------------------------------------------------------

    /// Applies a batch of lifecycle events, all or nothing: after an error the community is
    /// exactly as before.
    #[wasm_bindgen(unchecked_return_type = "BatchSummary")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EventRecord[] | string")] events: JsValue,
    ) -> Result<JsValue, JsValue> {
        let batch: Vec<EventRecord> =
            parse_json(&json_text(&events, "events")?).map_err(|e| e.to_js())?;
        let summary = self.change(|c| c.apply(batch))?;
        out(&summary)
    }

    /// Adds people to the roster (no events yet), all or nothing.
    #[wasm_bindgen(js_name = addMembers)]
    pub fn add_members(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MemberRecord[] | string")] members: JsValue,
    ) -> Result<(), JsValue> {
        let people: Vec<MemberRecord> =
            parse_json(&json_text(&members, "members")?).map_err(|e| e.to_js())?;
        self.change(|c| c.add_members(people))
    }

    // --- scoring ---------------------------------------------------------------------------

    /// A scorer for one rule set, kept across calls (the rule set parsed and the activities
    /// checked once): `community.scorer(rules).score("2026-10")`.
    pub fn scorer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsScorer, JsValue> {
        let rules = rule_set(&rules)?;
        let mode = mode(&options)?;
        with_scorer(&self.inner, mode, |_| Ok(()))?;
        Ok(JsScorer {
            inner: Rc::clone(&self.inner),
            rules,
            mode,
        })
    }

    /// Scores `period` (e.g. `"2026-10"`, `"2026-Q4"`, `"2026"`) under `rules`.
    #[wasm_bindgen(unchecked_return_type = "Scored")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let scored = self.score_with(&options, |s| s.score(&rules, p).map_err(|e| e.to_js()))?;
        out(&scored)
    }

    /// Scores `period` with the version of the rule book `book` in force on its first day.
    #[wasm_bindgen(js_name = scoreBook, unchecked_return_type = "Scored")]
    pub fn score_book(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet[] | string")] book: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let book = rule_book(&book)?;
        let p = period(period_text)?;
        let scored =
            self.score_with(&options, |s| s.score_book(&book, p).map_err(|e| e.to_js()))?;
        out(&scored)
    }

    /// The score table of `period` as pretty JSON text, exactly as the core writes it (the
    /// form of the golden files).
    #[wasm_bindgen(js_name = scoreTableJson)]
    pub fn score_table_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let table = self.score_with(&options, |s| {
            s.score_table(&rules, p).map_err(|e| e.to_js())
        })?;
        let mut json = table.to_json();
        json.push('\n');
        Ok(json)
    }

    /// Why `subject` has its score in `period`: every item, every activity.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        subject: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let e = self.score_with(&options, |s| {
            s.explain(&rules, p, subject).map_err(|e| e.to_js())
        })?;
        out(&e)
    }

    /// Scores `period` under rule sets `a` and `b`: who changes grade or rank.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] b: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (a, b) = (rule_set(&a)?, rule_set(&b)?);
        let p = period(period_text)?;
        let w = self.score_with(&options, |s| s.what_if(&a, &b, p).map_err(|e| e.to_js()))?;
        out(&w)
    }

    // --- people and scopes -----------------------------------------------------------------

    /// The roster record of member `id` (its `toString` masks name, ID number and phone).
    pub fn member(&self, id: &str) -> Result<Member, JsValue> {
        let reg = self.inner.registry();
        reg.member_index(id)
            .and_then(|i| reg.member(i))
            .map(|r| Member { rec: r.clone() })
            .ok_or_else(|| dangjian::RegistryError::UnknownMember { id: id.into() }.to_js())
    }

    /// The view of the subtree of organization `org` (what its secretary may see): a snapshot
    /// of the community as it is now.
    pub fn scope(&self, org: &str) -> Result<ScopeView, JsValue> {
        self.inner.registry().scope(org).map_err(|e| e.to_js())?;
        Ok(ScopeView {
            inner: Rc::clone(&self.inner),
            org: org.to_string(),
            version: self.version,
        })
    }
}
