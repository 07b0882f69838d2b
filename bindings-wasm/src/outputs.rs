//! The statistics, the year's tables, the practices, the assessment, the agenda and the
//! elections of a community. The statistics are each one call into the core session, converted
//! by [`table_out`] (a core table through the core's privacy layer). The practices, the
//! assessment, the agenda, the year's tables and the elections are built by the package's
//! second module (`report_module.rs`, loaded by `loadReportModule()`): their arguments are
//! checked here, in the order they always were, and the module's JSON comes back as it is.

use dangjian::community::PracticeTable;
use dangjian::io::parse_json;
use dangjian::stats::{Rollup, ScoreBands, ScoreEntry};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::community::Community;
use crate::convert::{
    date, field, json_text, month, period, rollup, rule_set, table_options_json, table_out,
};
use crate::error::{Fail, ToJs};
use crate::report_module::ensure_loaded;

#[wasm_bindgen]
impl Community {
    /// Members per organization on `date` (`YYYY-MM-DD`): the core's `counts` table (org, name,
    /// kind, parent, members, full, probationary), summed over each subtree unless
    /// `options.rollup` is `"direct"` (as Python's `Registry.counts_on`).
    ///
    /// ```js
    /// const t = Community.sample().memberCounts("2026-10-31");
    /// t.columns.find((c) => c.name === "members").values.values[0]; // 158 (the community)
    /// ```
    #[wasm_bindgen(js_name = memberCounts, unchecked_return_type = "StatTable")]
    pub fn member_counts(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rolled_up = rollup(&field(&options, "rollup")?)? == Rollup::Subtree;
        table_out(
            &self
                .inner
                .member_counts(date(date_text, "date")?, rolled_up),
            &options,
        )
    }

    /// Membership statistics on `date` per organization: headcount, full and probationary,
    /// gender, ethnicity, education, age bands, party standing, category, floating and lost
    /// contact (`options`: roll-up and privacy, see `StatOptions`).
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
        table_out(&t, &options)
    }

    /// Flows from `start` to `end` (inclusive) per organization: admissions, conversions,
    /// transfers and moves in and out, deaths and other exits; `closing = opening + in − out`.
    #[wasm_bindgen(js_name = statsFlows, unchecked_return_type = "StatTable")]
    pub fn stats_flows(
        &self,
        start: &str,
        end: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::flows(
            self.inner.registry(),
            date(start, "start")?,
            date(end, "end")?,
            rollup(&field(&options, "rollup")?)?,
        )
        .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// People at each stage of the development pipeline on `date`, per organization.
    #[wasm_bindgen(js_name = statsPipeline, unchecked_return_type = "StatTable")]
    pub fn stats_pipeline(
        &self,
        date_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t = dangjian::stats::pipeline(
            self.inner.registry(),
            date(date_text, "date")?,
            rollup(&field(&options, "rollup")?)?,
        );
        table_out(&t, &options)
    }

    /// The distribution of the scores of `period` per organization: count, bands, sum, min,
    /// max, mean, median (each subject under the organization it is ranked in).
    #[wasm_bindgen(js_name = statsScores, unchecked_return_type = "StatTable")]
    pub fn stats_scores(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | string")] rules: JsValue,
        period_text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ScoreStatsOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let rules = rule_set(&rules)?;
        let p = period(period_text)?;
        let bands_arg = field(&options, "bands")?;
        let bands: ScoreBands = if bands_arg.is_undefined() || bands_arg.is_null() {
            ScoreBands::default()
        } else {
            parse_json(&json_text(&bands_arg, "options.bands")?).map_err(|e| e.to_js())?
        };
        let scored = self.score_with(&options, |s| s.score(&rules, p).map_err(|e| e.to_js()))?;
        let t = dangjian::stats::score_distribution(
            self.inner.registry().tree(),
            &ScoreEntry::from_scores(&scored.table),
            &bands,
            rollup(&field(&options, "rollup")?)?,
        )
        .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// The community practices (社区实践, issue 23) as tables: `kind` is `pairings`,
    /// `idle_pairings` (3 whole months without help as of `last`), `grids`, `service_days`,
    /// `cobuild`, `declarations` or `pending_declarations`, over `first`..`last`
    /// (`YYYY-MM-DD`). The core's tables (`options`: privacy, see `StatOptions`).
    ///
    /// ```js
    /// const t = Community.sample().practices("grids", "2026-10-01", "2026-10-31");
    /// ```
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(unchecked_return_type = "StatTable")]
    pub fn practices(
        &self,
        kind: &str,
        first: &str,
        last: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        ensure_loaded()?;
        let table = PracticeTable::from_code(kind).ok_or_else(|| {
            Fail::bad_argument(
                "kind",
                "应为 pairings、idle_pairings、grids、service_days、cobuild、declarations 或 pending_declarations",
            )
            .to_js()
        })?;
        let (first, last) = (date(first, "first")?, date(last, "last")?);
        let options = table_options_json(&options)?;
        self.second(
            "practices",
            json!({ "kind": table.code(), "first": first, "last": last, "options": options }),
        )
    }

    /// The branch assessment (支部考核, `org-default`) of `year` as of `asOf`, derived from
    /// the records: `[scores by quarter, the derived deductions with their reasons]`.
    ///
    /// ```js
    /// const [quarters, deductions] = Community.sample().assessment(2026, "2026-10-31");
    /// ```
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(unchecked_return_type = "[StatTable, StatTable]")]
    pub fn assessment(
        &self,
        year: i32,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        ensure_loaded()?;
        let as_of = date(as_of, "asOf")?;
        let options = table_options_json(&options)?;
        self.second(
            "assessment",
            json!({ "year": year, "asOf": as_of, "options": options }),
        )
    }

    /// The agenda (待办与提醒) as of `asOf` (`YYYY-MM-DD`): what is overdue and what falls due
    /// within `days` days, one row per item with its rule code, organization, member (name
    /// masked), due date and days left — the core's `Agenda` table (`options`: privacy, see
    /// `StatOptions`).
    ///
    /// ```js
    /// const t = Community.sample().agenda("2026-10-31", 30);
    /// ```
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(unchecked_return_type = "StatTable")]
    pub fn agenda(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        days: u32,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        ensure_loaded()?;
        let as_of = date(as_of, "asOf")?;
        let options = table_options_json(&options)?;
        self.second(
            "agenda",
            json!({ "asOf": as_of, "days": days, "options": options }),
        )
    }

    /// 民主评议党员情况 of `year` per branch (members appraised, grades, 限期改正, 劝退, 除名).
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(js_name = appraisalStats, unchecked_return_type = "StatTable")]
    pub fn appraisal_stats(
        &self,
        year: i32,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        ensure_loaded()?;
        let options = table_options_json(&options)?;
        self.second(
            "appraisalStats",
            json!({ "year": year, "options": options }),
        )
    }

    /// The introduction letters (组织关系介绍信) with their status on `asOf`.
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(unchecked_return_type = "StatTable")]
    pub fn letters(
        &self,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        ensure_loaded()?;
        let as_of = date(as_of, "asOf")?;
        let options = table_options_json(&options)?;
        self.second("letters", json!({ "asOf": as_of, "options": options }))
    }

    /// The register of additions and removals (党员增减名册) from `first` to `last`.
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(js_name = changeRegister, unchecked_return_type = "StatTable")]
    pub fn change_register(
        &self,
        first: &str,
        last: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        ensure_loaded()?;
        let (first, last) = (date(first, "first")?, date(last, "last")?);
        let options = table_options_json(&options)?;
        self.second(
            "changeRegister",
            json!({ "first": first, "last": last, "options": options }),
        )
    }

    /// Every recorded election (换届选举) counted by the rules of 选举条例, in record order:
    /// organization, day, verdict (`valid`, `findings`), the counts and the votes per person
    /// (`tally`). Voters not listed in a record are the full members of its organization's
    /// subtree on the day.
    ///
    /// Built by the package's second module: `await loadReportModule()` once first (otherwise a
    /// `bad_argument` error naming `loadReportModule`).
    #[wasm_bindgen(unchecked_return_type = "CountedElection[]")]
    pub fn elections(&self) -> Result<JsValue, JsValue> {
        self.second("elections", json!({}))
    }

    /// Dues collection per organization over the months `from`..=`to` (`YYYY-MM`) as of `asOf`:
    /// members due, paid, in arrears, amounts due and paid (fen).
    #[wasm_bindgen(js_name = statsDues, unchecked_return_type = "StatTable")]
    pub fn stats_dues(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .collection(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
                rollup(&field(&options, "rollup")?)?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// Members in dues arrears over `from`..=`to` as of `asOf`, with the six-consecutive-months
    /// flag of 党章 art. 9 (names masked unless `options.names` says otherwise).
    #[wasm_bindgen(js_name = statsArrears, unchecked_return_type = "StatTable")]
    pub fn stats_arrears(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .arrears(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// Organization-life compliance (三会一课, 主题党日) per organization and requirement over
    /// `from`..=`to` as of `asOf`: required, held, compliant.
    #[wasm_bindgen(js_name = statsMeetings, unchecked_return_type = "StatTable")]
    pub fn stats_meetings(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .meetings
            .compliance(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }

    /// Meeting attendance per organization over `from`..=`to` as of `asOf`: member-meetings
    /// expected, attended, excused and absent.
    #[wasm_bindgen(js_name = statsAttendance, unchecked_return_type = "StatTable")]
    pub fn stats_attendance(
        &self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "StatOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let c = self.inner.compliance().map_err(|e| e.to_js())?;
        let t = c
            .meetings
            .org_attendance(
                self.inner.registry(),
                month(from)?,
                month(to)?,
                date(as_of, "asOf")?,
                rollup(&field(&options, "rollup")?)?,
            )
            .map_err(|e| e.to_js())?;
        table_out(&t, &options)
    }
}
