//! The summary of a year or quarter (`AnnualSummary`) and the rank merge of partitioned
//! scoring: thin wrappers of the core's `scoring::AnnualSummary` and `scoring::RankHistogram`.

use dangjian::scoring as sc;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::table::Table;

/// The summary of a year or quarter scored period by period (积分管理: scored monthly and
/// summed for the year): one row per subject scored in at least one period, with `months`
/// (periods scored), `sum` and `mean` of the period totals, and the grade the **mean**
/// reaches (a member who joined in June is graded on the months they were a member; a veto
/// in any month gives the lowest grade), the top-grade quota per organization and ranks by
/// mean. An Arrow table (`__arrow_c_stream__`): columns span, subject, org, months, sum,
/// mean (exact decimals), grade, grade_index, vetoed, demoted, rank_in_org, rank_overall.
///
/// >>> year = scorer.score_year(dangjian.RuleSet.member_default(), 2026)  # doctest: +SKIP
/// >>> year.span  # doctest: +SKIP
/// '2026-01..2026-12'
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct AnnualSummary {
    s: sc::AnnualSummary,
    table: Py<Table>,
}

impl AnnualSummary {
    pub(crate) fn new(s: sc::AnnualSummary) -> PyResult<AnnualSummary> {
        let table = Python::attach(|py| Py::new(py, crate::table::from_owned(&s.to_table())?))?;
        Ok(AnnualSummary { s, table })
    }
}

#[pymethods]
impl AnnualSummary {
    /// Export as an Arrow C stream (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.table
            .bind(py)
            .call_method1("__arrow_c_stream__", (requested_schema,))
    }

    /// The rows as an Arrow `Table` object.
    #[getter]
    fn table(&self, py: Python<'_>) -> Py<Table> {
        self.table.clone_ref(py)
    }

    fn __len__(&self) -> usize {
        self.s.subject.len()
    }

    /// The rows as a `pandas.DataFrame` (see `Table.to_pandas`).
    #[pyo3(signature = (*, exact = false, header = "en"))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        exact: bool,
        header: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("exact", exact)?;
        kw.set_item("header", header)?;
        self.table.bind(py).call_method("to_pandas", (), Some(&kw))
    }

    /// The rows as a `polars.DataFrame` (see `Table.to_polars`).
    #[pyo3(signature = (*, header = "en"))]
    fn to_polars<'py>(&self, py: Python<'py>, header: &str) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("header", header)?;
        self.table.bind(py).call_method("to_polars", (), Some(&kw))
    }

    /// First and last period summed, e.g. `2026-01..2026-12`.
    #[getter]
    fn span(&self) -> &str {
        &self.s.span
    }

    /// Rule set id.
    #[getter]
    fn rule_set(&self) -> &str {
        &self.s.rule_set
    }

    /// Grade names, best first.
    #[getter]
    fn grade_names(&self) -> Vec<String> {
        self.s.grade_names.iter().map(|g| g.to_string()).collect()
    }

    /// The core's pretty JSON of the summary.
    fn to_json(&self) -> String {
        self.s.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "<dangjian.AnnualSummary '{}' {}: {} rows>",
            self.s.rule_set,
            self.s.span,
            self.s.subject.len()
        )
    }
}

/// The overall competition ranks of partitioned scoring (each partition holding whole
/// organizations): `histograms` is one `(totals, counts)` pair per partition (distinct
/// totals in int64 thousandths and the number of rows with each). Returns the distinct
/// totals of all partitions, ascending, and the rank of each (`1 + rows with a greater
/// total`, as the core's kernel ranks), merged by the core (`scoring::RankHistogram`).
///
/// >>> merge_rank_histograms([([70000, 65000], [1, 2]), ([68000, 65000], [1, 1])])
/// ([65000, 68000, 70000], [3, 2, 1])
#[pyfunction]
pub fn merge_rank_histograms(
    histograms: Vec<(Vec<i64>, Vec<u64>)>,
) -> PyResult<(Vec<i64>, Vec<u32>)> {
    let mut parts = Vec::with_capacity(histograms.len());
    for (k, (totals, counts)) in histograms.iter().enumerate() {
        if totals.len() != counts.len() {
            return Err(crate::errors::py_err(sc::ScoringError::BadColumn {
                column: "counts",
                position: k,
                reason: format!("has {} rows, `totals` has {}", counts.len(), totals.len()),
            }));
        }
        parts.push(sc::RankHistogram::from_counts(totals, counts));
    }
    let merged = sc::RankHistogram::merge(&parts);
    Ok((merged.totals().to_vec(), merged.ranks()))
}
