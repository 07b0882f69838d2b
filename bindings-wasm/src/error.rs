//! The one error conversion point of the bindings: the core builds the [`ErrorReport`] (code,
//! class, messages, details with one fixed key set per variant, masked; see `docs/errors.md`)
//! and this file only throws it as a JS `DangjianError` (`js/error.js`: extends `Error`, with
//! `code`, `class`, `details`, `rows`, `messageEn`; exported with the `isDangjianError` guard).

use dangjian::ffi::ErrorReport;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = r#"
/** The `Error` thrown by every function of this package (`docs/errors.md`). */
export class DangjianError extends Error {
  name: "DangjianError";
  /** Stable snake_case code of the core's error variant (e.g. `unknown_item`). */
  code: ErrorCode;
  /** The family of the error (the Python exception class). */
  class: ErrorClass;
  /** What, where and why: one fixed key set per variant (`null`: not known). */
  details: Record<string, string | number | string[] | null>;
  /** Every bad row of a roster import (code `invalid_rows`), else empty. */
  rows: { row: number; field: string; code: string; value: string; reason: string }[];
  /** The core's message (`message` is Chinese first). */
  messageEn: string;
}
/** Whether `e` is a `DangjianError`. */
export function isDangjianError(e: unknown): e is DangjianError;
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_CODES: &str = include_str!("../types/error-codes.d.ts");

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// The JS error class, re-exported from the package as it is (a class is a function; its
    /// declaration is `TS_ERROR`). Never called from Rust.
    #[wasm_bindgen(reexport, skip_typescript, js_name = DangjianError)]
    pub fn dangjian_error_class();

    /// Whether a value is a `DangjianError`, re-exported from the package.
    #[wasm_bindgen(reexport, skip_typescript, js_name = isDangjianError)]
    pub fn is_dangjian_error(value: &JsValue) -> bool;

    #[wasm_bindgen(js_name = makeDangjianError)]
    fn make_error(
        message: &str,
        code: &str,
        class: &str,
        details: &str,
        rows: &str,
        message_en: &str,
    ) -> JsValue;
}

/// A failure on its way to JavaScript: the core's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Fail(pub ErrorReport);

impl Fail {
    /// A bad argument of a binding function (not a core error): `{argument, reason}`.
    pub fn bad_argument(argument: &str, reason: &str) -> Fail {
        Fail(ErrorReport::bad_argument(argument, reason))
    }

    /// A JSON value of the wrong shape for a core type: `{argument, line, column}`.
    pub fn json(argument: &str, e: &serde_json::Error) -> Fail {
        Fail(ErrorReport::json(argument, e))
    }

    /// Something that should not happen (serialisation of a core value failed).
    pub fn internal(message: String) -> Fail {
        Fail(ErrorReport::internal(&message))
    }

    /// The JS `DangjianError`.
    pub fn to_js(&self) -> JsValue {
        let r = &self.0;
        make_error(
            &r.message_zh,
            &r.code,
            r.class.as_str(),
            &json(&r.details),
            &json(&r.rows),
            &r.message_en,
        )
    }
}

/// JSON text of a report's details or rows (they always serialize).
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "{}".into())
}

/// Conversion of a core error into a [`Fail`], then a JS `DangjianError`.
pub trait ToJs {
    /// The failure: the core's report.
    fn fail(&self) -> Fail;

    /// The JS `DangjianError`.
    fn to_js(&self) -> JsValue {
        self.fail().to_js()
    }
}

/// Every core error converts: the core builds its report (`ErrorReport: From<&E>`).
impl<E> ToJs for E
where
    for<'a> &'a E: Into<ErrorReport>,
{
    fn fail(&self) -> Fail {
        Fail(self.into())
    }
}
