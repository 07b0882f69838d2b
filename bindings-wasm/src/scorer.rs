//! The `Scorer` class: one rule set over one community, the rule set parsed and the
//! activities checked once.

use std::rc::Rc;

use dangjian::scoring::{Mode, RuleSet, Scorer};
use wasm_bindgen::prelude::*;

use crate::community::{with_scorer, Inner};
use crate::convert::{out, period};
use crate::error::ToJs;

/// A scorer for one rule set over one community (made by `community.scorer(rules)`): the rule
/// set is parsed and the activities are checked once, then each period costs only the scoring.
#[wasm_bindgen(js_name = Scorer)]
pub struct JsScorer {
    pub(crate) inner: Rc<Inner>,
    pub(crate) rules: RuleSet,
    pub(crate) mode: Mode,
}

impl JsScorer {
    fn run<T>(&self, f: impl FnOnce(&Scorer<'_>) -> Result<T, JsValue>) -> Result<T, JsValue> {
        with_scorer(&self.inner, self.mode, f)
    }
}

#[wasm_bindgen(js_class = Scorer)]
impl JsScorer {
    /// The rule set (its JSON form).
    #[wasm_bindgen(getter, unchecked_return_type = "RuleSet")]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        out(&self.rules)
    }

    /// Scores `period`.
    #[wasm_bindgen(unchecked_return_type = "Scored")]
    pub fn score(&self, period_text: &str) -> Result<JsValue, JsValue> {
        let p = period(period_text)?;
        let scored = self.run(|s| s.score(&self.rules, p).map_err(|e| e.to_js()))?;
        out(&scored)
    }

    /// The score table of `period` as the core's pretty JSON text (golden form).
    #[wasm_bindgen(js_name = scoreTableJson)]
    pub fn score_table_json(&self, period_text: &str) -> Result<String, JsValue> {
        let p = period(period_text)?;
        let table = self.run(|s| s.score_table(&self.rules, p).map_err(|e| e.to_js()))?;
        let mut json = table.to_json();
        json.push('\n');
        Ok(json)
    }

    /// Why `subject` has its score in `period`.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(&self, period_text: &str, subject: &str) -> Result<JsValue, JsValue> {
        let p = period(period_text)?;
        let e = self.run(|s| s.explain(&self.rules, p, subject).map_err(|e| e.to_js()))?;
        out(&e)
    }
}
