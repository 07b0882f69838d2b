//! Python bindings for `dangjian` (placeholder).
//!
//! Built by maturin into the extension module `dangjian._dangjian`; the pure
//! Python package in `python/dangjian/` re-exports its contents.

use pyo3::prelude::*;

/// Native part of the `dangjian` Python package.
#[pymodule(name = "_dangjian")]
mod dangjian_py {
    use pyo3::prelude::*;

    /// Return the version of the underlying Rust core.
    #[pyfunction]
    fn version() -> &'static str {
        dangjian::VERSION
    }

    /// Set module-level constants.
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", dangjian::VERSION)
    }
}
