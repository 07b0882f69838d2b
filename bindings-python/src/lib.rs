//! Python bindings for `dangjian`: thin wrappers that convert in, call the core and convert
//! out. Tables leave as Arrow (see [`table`]); errors leave through [`errors`], the one
//! conversion point. No domain decision is taken here.
//!
//! Built by maturin into the extension module `dangjian._dangjian`; the pure Python package
//! in `python/dangjian/` re-exports its contents.

mod annual;
mod api;
mod bulk;
mod convert;
mod errors;
mod registry;
mod reports;
mod store;
mod table;

use pyo3::prelude::*;

/// Native part of the `dangjian` Python package.
#[pymodule(name = "_dangjian")]
fn dangjian_py(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", dangjian::VERSION)?;
    m.add_function(wrap_pyfunction!(api::version, m)?)?;
    m.add_function(wrap_pyfunction!(table::write_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(table::label_zh, m)?)?;
    m.add_function(wrap_pyfunction!(api::golden_sample, m)?)?;
    m.add_function(wrap_pyfunction!(api::rules, m)?)?;
    m.add_function(wrap_pyfunction!(bulk::score_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(annual::merge_rank_histograms, m)?)?;
    m.add_class::<table::Table>()?;
    m.add_class::<api::Dataset>()?;
    m.add_class::<registry::Registry>()?;
    m.add_class::<registry::RegistryScope>()?;
    m.add_class::<registry::Privacy>()?;
    m.add_class::<reports::Compliance>()?;
    m.add_class::<reports::PostBook>()?;
    m.add_class::<api::RuleBook>()?;
    m.add_class::<api::RuleSet>()?;
    m.add_class::<api::Scorer>()?;
    m.add_class::<api::ScoreTable>()?;
    m.add_class::<annual::AnnualSummary>()?;
    m.add_class::<api::Explanation>()?;
    m.add_class::<api::WhatIf>()?;
    m.add_class::<api::ScoreReport>()?;
    m.add_class::<store::Store>()?;
    Ok(())
}
