//! The one conversion point from core errors to Python exceptions: the core builds the
//! [`ErrorReport`] (code, class, messages, details with one fixed key set per variant, masked;
//! see `docs/errors.md`), and this file only raises it as an instance of its class of
//! `dangjian.errors` (`ValidationError`, `RuleError` …) with `.code`, `.details`, `.rows`.

use dangjian::ffi::{Detail, Details, ErrorClass, ErrorReport};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A core error on its way to Python.
pub(crate) struct CoreError(pub(crate) ErrorReport);

impl CoreError {
    /// An error of the Python class `class` (`"ValidationError"` …) with `code` and no details.
    pub(crate) fn new(class: &str, code: &str, message: String) -> CoreError {
        let class = ErrorClass::from_name(class).unwrap_or(ErrorClass::Validation);
        CoreError(ErrorReport::new("binding", code, class, "", message))
    }

    /// A `ValidationError` about an argument (bad date, period, column …): details `{field}`.
    pub(crate) fn invalid(code: &str, field: &str, message: String) -> CoreError {
        CoreError(ErrorReport::invalid(code, field, message))
    }
}

fn dict<'py>(py: Python<'py>, d: &Details) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (k, v) in &d.0 {
        match v {
            Detail::Text(s) => out.set_item(k, s)?,
            Detail::Int(i) => out.set_item(k, i)?,
            Detail::List(l) => out.set_item(k, l)?,
            Detail::Null => out.set_item(k, py.None())?,
        }
    }
    Ok(out)
}

impl From<CoreError> for PyErr {
    fn from(CoreError(r): CoreError) -> PyErr {
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                // a missing file is both a dangjian.Error and FileNotFoundError
                let class = if r.code == "file_not_found" {
                    "MissingFileError"
                } else {
                    r.class.python_class()
                };
                let cls = py.import("dangjian.errors")?.getattr(class)?;
                let rows = r
                    .rows
                    .iter()
                    .map(|row| dict(py, row))
                    .collect::<PyResult<Vec<_>>>()?;
                let args = (
                    r.message_zh.as_str(),
                    r.code.as_str(),
                    dict(py, &r.details)?,
                );
                let kwargs = PyDict::new(py);
                kwargs.set_item("rows", rows)?;
                kwargs.set_item("message_en", r.message_en.as_str())?;
                Ok(PyErr::from_value(cls.call(args, Some(&kwargs))?))
            };
            build().unwrap_or_else(|err| err)
        })
    }
}

/// A file that could not be read or written, as a Python `OSError` naming the path.
/// A missing file is `dangjian.errors.MissingFileError` (a `dangjian.Error` and a
/// `FileNotFoundError`, code `file_not_found`, `filename` and `details["path"]` the path).
pub(crate) fn file_err(verb: &str, path: &std::path::Path, e: std::io::Error) -> PyErr {
    if e.kind() == std::io::ErrorKind::NotFound {
        let shown = path.display().to_string();
        let message = if verb == "write" {
            format!("无法写入文件 `{shown}`：所在的文件夹不存在 (cannot write `{shown}`: no such directory)")
        } else {
            format!("文件不存在：`{shown}` (cannot {verb} `{shown}`: no such file)")
        };
        let err = PyErr::from(CoreError(
            CoreError::new("MissingFileError", "file_not_found", message)
                .0
                .text("path", &shown),
        ));
        Python::attach(|py| {
            let v = err.value(py);
            // errno and filename as `open()` sets them (best effort: the class is an OSError).
            let _ = v.setattr("errno", 2);
            let _ = v.setattr("strerror", "No such file or directory");
            let _ = v.setattr("filename", shown.as_str());
        });
        return err;
    }
    pyo3::exceptions::PyOSError::new_err(format!("cannot {verb} `{}`: {e}", path.display()))
}

/// Converts a core error (the only conversion point used by the bindings): every core error
/// has its report (`ErrorReport: From<&E>`, built in the core).
pub(crate) fn py_err<E>(e: E) -> PyErr
where
    for<'a> &'a E: Into<ErrorReport>,
{
    PyErr::from(CoreError((&e).into()))
}

impl From<&CoreError> for ErrorReport {
    fn from(e: &CoreError) -> ErrorReport {
        e.0.clone()
    }
}
