//! `dangjian.Store`: the durable append-only store (core `dangjian::store`). Converts in, calls
//! the core, converts out; batches refused by the core's validation raise the core's own error
//! class, storage conditions (`conflict`, `busy`, `disk_full` …) raise `dangjian.StoreError`.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDateTime;
use dangjian::store::{
    BatchId, BatchInfo, Records, Stamp, Store as CoreStore, StoreError as CoreStoreError,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::api::Dataset;
use crate::errors::py_err;

fn stamp(recorded_at: NaiveDateTime, recorded_by: &str, note: &str) -> Stamp {
    Stamp::new(recorded_at, recorded_by).note(note)
}

fn info<'py>(py: Python<'py>, b: &BatchInfo) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", b.id.0)?;
    d.set_item("kind", b.kind.as_str())?;
    d.set_item("recorded_at", b.recorded_at)?;
    d.set_item("recorded_by", &b.recorded_by)?;
    d.set_item("note", &b.note)?;
    d.set_item("base", b.base.map(|x| x.0))?;
    d.set_item("records", b.records)?;
    d.set_item("digest", &b.digest)?;
    Ok(d)
}

/// Records as JSON text (`str`) or a dict of the dataset's section names.
fn records(obj: &Bound<'_, PyAny>) -> PyResult<Records> {
    let text: String = if let Ok(s) = obj.cast::<PyString>() {
        s.extract()?
    } else {
        obj.py()
            .import("json")?
            .call_method1("dumps", (obj,))?
            .extract()?
    };
    dangjian::io::parse_json::<Records>(&text).map_err(py_err)
}

/// The append-only store of one community in one SQLite file (see `docs/store.md`).
///
/// Every change is a batch checked by the core and written all or nothing, stamped with when
/// it was recorded and by whom; `dataset_as_recorded(t)` gives the community as the store held
/// it at `t`. One `Store` object is one connection; several may be open on the same file.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Store {
    inner: Mutex<CoreStore>,
}

impl Store {
    fn with<T>(&self, f: impl FnOnce(&mut CoreStore) -> Result<T, CoreStoreError>) -> PyResult<T> {
        let mut guard = self.inner.lock().map_err(|_| {
            pyo3::exceptions::PyRuntimeError::new_err("store connection poisoned by a panic")
        })?;
        f(&mut guard).map_err(py_err)
    }

    fn new(s: CoreStore) -> Store {
        Store {
            inner: Mutex::new(s),
        }
    }
}

#[pymethods]
impl Store {
    /// Creates a store at `path` holding `dataset` as its first batch (never overwrites a file).
    #[staticmethod]
    #[pyo3(signature = (path, dataset, *, recorded_at, recorded_by, note = ""))]
    fn create(
        py: Python<'_>,
        path: PathBuf,
        dataset: &Dataset,
        recorded_at: NaiveDateTime,
        recorded_by: &str,
        note: &str,
    ) -> PyResult<Store> {
        let st = stamp(recorded_at, recorded_by, note);
        let ds = dataset.ds.clone();
        py.detach(|| CoreStore::create(&path, &ds, st))
            .map(Store::new)
            .map_err(py_err)
    }

    /// Creates a store from a JSON dataset (text).
    #[staticmethod]
    #[pyo3(signature = (path, text, *, recorded_at, recorded_by, note = ""))]
    fn import_json(
        py: Python<'_>,
        path: PathBuf,
        text: &str,
        recorded_at: NaiveDateTime,
        recorded_by: &str,
        note: &str,
    ) -> PyResult<Store> {
        let st = stamp(recorded_at, recorded_by, note);
        py.detach(|| CoreStore::import_json(&path, text, st))
            .map(Store::new)
            .map_err(py_err)
    }

    /// Opens an existing store.
    #[staticmethod]
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<Store> {
        py.detach(|| CoreStore::open(&path))
            .map(Store::new)
            .map_err(py_err)
    }

    /// The file's path.
    #[getter]
    fn path(&self) -> PyResult<String> {
        self.with(|s| Ok(s.path().display().to_string()))
    }

    /// The latest batch, as a dict (`id`, `kind`, `recorded_at`, `recorded_by`, `note`,
    /// `base`, `records`, `digest`).
    fn head<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let h = self.with(|s| s.head())?;
        info(py, &h)
    }

    /// Every batch, oldest first (the audit trail), as dicts like `head()`.
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let h = self.with(|s| s.history())?;
        h.iter().map(|b| info(py, b)).collect()
    }

    /// The latest dataset.
    fn dataset(&self, py: Python<'_>) -> PyResult<Dataset> {
        let ds = py.detach(|| self.with(|s| s.dataset()))?;
        Ok(Dataset::of(ds))
    }

    /// The dataset as recorded on `at` (a naive `datetime.datetime`): every batch recorded at
    /// or before it and none after.
    fn dataset_as_recorded(&self, py: Python<'_>, at: NaiveDateTime) -> PyResult<Dataset> {
        let ds = py.detach(|| self.with(|s| s.dataset_as_recorded(at)))?;
        Ok(Dataset::of(ds))
    }

    /// The dataset after batch number `batch`.
    fn dataset_at(&self, py: Python<'_>, batch: i64) -> PyResult<Dataset> {
        let ds = py.detach(|| self.with(|s| s.dataset_at(BatchId(batch))))?;
        Ok(Dataset::of(ds))
    }

    /// Appends records (a dict of section name to a list of records, or JSON text) as one
    /// batch based on `expected_head`; raises `StoreError` with code `conflict` if another
    /// writer committed first. Returns the new batch as a dict.
    #[pyo3(signature = (records, *, recorded_at, recorded_by, expected_head, note = ""))]
    fn append<'py>(
        &self,
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
        recorded_at: NaiveDateTime,
        recorded_by: &str,
        expected_head: i64,
        note: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let recs = self::records(records)?;
        let st = stamp(recorded_at, recorded_by, note);
        let b = py.detach(|| self.with(|s| s.append(recs, st, BatchId(expected_head))))?;
        info(py, &b)
    }

    /// Replaces the whole dataset (a correction or an import) as one batch based on
    /// `expected_head`; earlier batches stay readable.
    #[pyo3(signature = (dataset, *, recorded_at, recorded_by, expected_head, note = ""))]
    fn replace<'py>(
        &self,
        py: Python<'py>,
        dataset: &Dataset,
        recorded_at: NaiveDateTime,
        recorded_by: &str,
        expected_head: i64,
        note: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let st = stamp(recorded_at, recorded_by, note);
        let ds = dataset.ds.clone();
        let b = py.detach(|| self.with(|s| s.replace(&ds, st, BatchId(expected_head))))?;
        info(py, &b)
    }

    /// The latest dataset as JSON text (the exchange format).
    fn export_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| self.with(|s| s.export_json()))
    }

    /// Checks the whole store (SQLite's integrity check, the digest chain, the core's
    /// validation); returns `{"batches", "records", "head"}`.
    fn verify<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = py.detach(|| self.with(|s| s.verify()))?;
        let d = PyDict::new(py);
        d.set_item("batches", v.batches)?;
        d.set_item("records", v.records)?;
        d.set_item("head", v.head.0)?;
        Ok(d)
    }

    fn __repr__(&self) -> PyResult<String> {
        self.with(|s| Ok(format!("Store({:?})", s.path().display().to_string())))
    }
}
