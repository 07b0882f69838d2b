//! The `Scope` class (one organization's subtree, what its secretary may see) and the
//! `Member` class (a person on the roster, shown masked).

use std::rc::Rc;

use dangjian::member::MemberRecord;
use dangjian::scoring::Scorer;
use dangjian::stats::Rollup;
use wasm_bindgen::prelude::*;

use crate::community::Inner;
use crate::convert::{date, field, mode, out, period, rollup, rule_set, table_out};
use crate::error::ToJs;

/// A person on the roster. `toString()` and `toJSON()` show the name, ID number and phone
/// masked only (`张*`, `110***********002X`, `138****5678`).
#[wasm_bindgen]
pub struct Member {
    pub(crate) rec: MemberRecord,
}

#[wasm_bindgen]
impl Member {
    /// Member id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.rec.id.to_string()
    }

    /// Masked name (`张*`).
    #[wasm_bindgen(getter, js_name = maskedName)]
    pub fn masked_name(&self) -> String {
        self.rec.name.masked()
    }

    /// Masked ID number, if any.
    #[wasm_bindgen(getter, js_name = maskedIdNumber)]
    pub fn masked_id_number(&self) -> Option<String> {
        self.rec.id_number.as_ref().map(|n| n.masked())
    }

    /// Masked phone, if any.
    #[wasm_bindgen(getter, js_name = maskedPhone)]
    pub fn masked_phone(&self) -> Option<String> {
        self.rec.phone.as_ref().map(|p| p.masked())
    }

    /// The record as the core's `Debug` shows it (personal fields masked).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("{:?}", self.rec)
    }

    /// What `JSON.stringify` shows: the id and the masked fields (the core's `MaskedMember`).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "MaskedMember")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        out(&self.rec.masked())
    }
}

/// A read-only view of one organization's subtree (made by `community.scope(org)`): people
/// outside it cannot be read, counted or exported — a lookup fails exactly as for an id that
/// does not exist (`not_found`).
#[wasm_bindgen(js_name = Scope)]
pub struct ScopeView {
    pub(crate) inner: Rc<Inner>,
    pub(crate) org: String,
    /// The version of the community's state it was made from (`Community.version`).
    pub(crate) version: f64,
}

impl ScopeView {
    fn view(&self) -> Result<dangjian::scope::Scope<'_>, JsValue> {
        self.inner
            .registry()
            .scope(&self.org)
            .map_err(|e| e.to_js())
    }
}

#[wasm_bindgen(js_class = Scope)]
impl ScopeView {
    /// The root organization's id.
    #[wasm_bindgen(getter)]
    pub fn org(&self) -> String {
        self.org.clone()
    }

    /// The organizations in scope, in pre-order.
    #[wasm_bindgen(unchecked_return_type = "OrgRecord[]")]
    pub fn orgs(&self) -> Result<JsValue, JsValue> {
        out(&self.view()?.orgs())
    }

    /// Members visible on `date`.
    #[wasm_bindgen(js_name = headcountOn)]
    pub fn headcount_on(&self, date_text: &str) -> Result<f64, JsValue> {
        Ok(self.view()?.headcount_on(date(date_text, "date")?) as f64)
    }

    /// Members per organization of the scope on `date`: the core's `counts` table of the
    /// scope's organizations (as `Community.memberCounts`).
    #[wasm_bindgen(js_name = memberCounts, unchecked_return_type = "StatTable")]
    pub fn member_counts(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rolled_up = rollup(&field(&options, "rollup")?)? == Rollup::Subtree;
        let t = self
            .view()?
            .counts_table(date(date_text, "date")?, rolled_up);
        table_out(&t, &options)
    }

    /// The roster on `date`: ID numbers and phones masked always, names unless `showNames`.
    #[wasm_bindgen(unchecked_return_type = "RosterTable")]
    pub fn roster(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "RosterOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut opts = dangjian::scope::RosterExportOptions {
            show_names: field(&options, "showNames")?.is_truthy(),
            ..Default::default()
        };
        if let Some(key) = field(&options, "pseudonymKey")?.as_string() {
            let p = dangjian::privacy::Pseudonymizer::new(key.as_bytes());
            dangjian::stats::check_key(&p).map_err(|e| e.to_js())?;
            opts.pseudonymize = Some(p);
        }
        out(&self.view()?.roster_on(date(date_text, "date")?, &opts))
    }

    /// Scores `period` under `rules` and keeps the rows ranked in the scope (the core's
    /// `Scope::scores`): members ranked in a branch of the scope, or its organizations for an
    /// organization rule set. The overall rank is recomputed among the rows kept; the rank
    /// within an organization is kept. Diagnostics are not returned (they may name people
    /// outside the scope).
    #[wasm_bindgen(unchecked_return_type = "ScoreTable")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let view = self.view()?;
        // Only the scope's records are scored: another branch's activities neither fail a
        // strict scoring here nor appear in its errors.
        let activities = view.activities(&self.inner.dataset().activities);
        let scorer = Scorer::new(self.inner.registry(), &activities, mode(&options)?)
            .map_err(|e| e.to_js())?;
        let scored = scorer.score(&rules, p).map_err(|e| e.to_js())?;
        out(&view.scores(&scored.table))
    }

    /// The counted elections of the organizations in scope (as `community.elections()`). Built
    /// by the package's second module: `await loadReportModule()` first.
    #[wasm_bindgen(unchecked_return_type = "CountedElection[]")]
    pub fn elections(&self) -> Result<JsValue, JsValue> {
        crate::report_module::ensure_loaded()?;
        self.view()?;
        crate::report_module::call(
            &self.inner,
            self.version,
            "elections",
            serde_json::json!({ "org": self.org }),
        )
    }

    /// The person `id` if visible on `date` (else `not_found`, as for an unknown id).
    pub fn member(&self, id: &str, date_text: &str) -> Result<Member, JsValue> {
        let rec = self
            .view()?
            .member(id, date(date_text, "date")?)
            .map_err(|e| e.to_js())?;
        Ok(Member { rec: rec.clone() })
    }

    /// The events of `id` while inside the scope (else `not_found`).
    #[wasm_bindgen(unchecked_return_type = "EventRecord[]")]
    pub fn history(&self, id: &str) -> Result<JsValue, JsValue> {
        out(&self.view()?.history(id).map_err(|e| e.to_js())?)
    }

    /// Flows of the scope from `start` to `end` (moves across its border count as transfers).
    #[wasm_bindgen(unchecked_return_type = "Flows")]
    pub fn flows(&self, start: &str, end: &str) -> Result<JsValue, JsValue> {
        out(&self.view()?.flows(date(start, "start")?, date(end, "end")?))
    }

    /// Membership statistics on `date` of the organizations in scope only (the community's
    /// table cut to the subtree by the core, then its privacy layer).
    #[wasm_bindgen(js_name = statsMembership, unchecked_return_type = "StatTable")]
    pub fn stats_membership(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::membership(
            self.inner.registry(),
            date(date_text, "date")?,
            rollup(&field(&options, "rollup")?)?,
        );
        let cut = self.view()?.restrict(&t).map_err(|e| e.to_js())?;
        table_out(&cut, &options)
    }

    /// Pipeline steps due on `date` for people in scope.
    #[wasm_bindgen(js_name = pipelineDue, unchecked_return_type = "PipelineDue[]")]
    pub fn pipeline_due(&self, date_text: &str) -> Result<JsValue, JsValue> {
        out(&self.view()?.pipeline_due(date(date_text, "date")?))
    }

    /// A short description (no personal data).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("Scope({})", self.org)
    }
}
