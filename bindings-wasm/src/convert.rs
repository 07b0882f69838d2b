//! Conversions at the boundary: arguments in (JSON text, dates, periods, options), core
//! values out (serde JSON, then `JSON.parse`), and every core table out through one helper,
//! [`table_out`], with the core's privacy layer.

use chrono::NaiveDate;
use dangjian::compliance::Month;
use dangjian::scoring::{Mode, Period, RuleBook, RuleSet};
use dangjian::stats::Rollup;
use dangjian::table::{OwnedTable, Table};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{Fail, ToJs};

/// Serialises a core value to JSON and parses it into a plain JS object.
pub(crate) fn out<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| Fail::internal(e.to_string()).to_js())?;
    js_sys::JSON::parse(&text).map_err(|_| Fail::internal("JSON.parse failed".into()).to_js())
}

/// JSON text of a JS value: a string is taken as JSON text, anything else is `JSON.stringify`ed.
pub(crate) fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Fail::bad_argument(what, "cannot be converted to JSON").to_js())
}

pub(crate) fn rule_set(value: &JsValue) -> Result<RuleSet, JsValue> {
    RuleSet::from_json(&json_text(value, "rules")?).map_err(|e| e.to_js())
}

pub(crate) fn period(text: &str) -> Result<Period, JsValue> {
    text.parse::<Period>().map_err(|e| e.to_js())
}

pub(crate) fn date(text: &str, argument: &str) -> Result<NaiveDate, JsValue> {
    dangjian::calendar::parse_date(text)
        .map_err(|_| Fail::bad_argument(argument, "is not a YYYY-MM-DD date").to_js())
}

pub(crate) fn month(text: &str) -> Result<Month, JsValue> {
    text.parse::<Month>().map_err(|e| e.to_js())
}

/// An optional snake_case enum argument (`rollup`, `options.mode`), by its serde name.
pub(crate) fn enum_arg<T: serde::de::DeserializeOwned + Default>(
    value: &JsValue,
    argument: &str,
    allowed: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let text = value
        .as_string()
        .ok_or_else(|| Fail::bad_argument(argument, allowed).to_js())?;
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|_| Fail::bad_argument(argument, allowed).to_js())
}

pub(crate) fn rollup(value: &JsValue) -> Result<Rollup, JsValue> {
    enum_arg(value, "rollup", "must be \"direct\" or \"subtree\"")
}

/// A field of an options object (`undefined` when the object or the field is absent).
pub(crate) fn field(options: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(JsValue::UNDEFINED);
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .map_err(|_| Fail::bad_argument("options", "is not an object").to_js())
}

/// The privacy options of a table (`StatOptions`: `names`, `minCount`, `pseudonymKey`),
/// checked: the name policy's code, the threshold, the pseudonym key.
pub(crate) fn table_options(
    options: &JsValue,
) -> Result<(&'static str, Option<u64>, Option<String>), JsValue> {
    let names = match field(options, "names")?.as_string().as_deref() {
        None | Some("mask") => "mask",
        Some("keep") => "keep",
        Some("drop") => "drop",
        Some(_) => {
            return Err(Fail::bad_argument(
                "options.names",
                "must be \"mask\", \"keep\" or \"drop\"",
            )
            .to_js())
        }
    };
    let min_count = field(options, "minCount")?;
    let min_count = if min_count.is_undefined() || min_count.is_null() {
        None
    } else {
        let k = min_count
            .as_f64()
            .filter(|k| k.fract() == 0.0 && *k >= 0.0 && *k < 1e15);
        Some(
            k.ok_or_else(|| Fail::bad_argument("options.minCount", "is not a count").to_js())?
                as u64,
        )
    };
    Ok((
        names,
        min_count,
        field(options, "pseudonymKey")?.as_string(),
    ))
}

/// The privacy options of a table as the report module takes them (JSON), checked.
pub(crate) fn table_options_json(options: &JsValue) -> Result<serde_json::Value, JsValue> {
    let (names, min_count, key) = table_options(options)?;
    Ok(serde_json::json!({ "names": names, "minCount": min_count, "pseudonymKey": key }))
}

/// Any table of the core as a plain object, through the core's privacy layer
/// ([`dangjian::stats::prepare`] with the `StatOptions` in `options`): the [`OwnedTable`] JSON,
/// columnar (one `{name, label_zh, role, values: {type, values}}` per column).
pub(crate) fn table_out(table: &dyn Table, options: &JsValue) -> Result<JsValue, JsValue> {
    use dangjian::stats::{ExportOptions, NamePolicy};
    let (names, min_count, key) = table_options(options)?;
    let opts = ExportOptions {
        pseudonymizer: key.map(|k| dangjian::privacy::Pseudonymizer::new(k.as_bytes())),
        min_count,
        names: match names {
            "keep" => NamePolicy::Keep,
            "drop" => NamePolicy::Drop,
            _ => NamePolicy::Mask,
        },
        drop_contacts: false,
    };
    let prepared: OwnedTable = dangjian::stats::prepare(table, &opts).map_err(|e| e.to_js())?;
    out(&prepared)
}

pub(crate) fn mode(options: &JsValue) -> Result<Mode, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Mode::Strict);
    }
    enum_arg(
        &field(options, "mode")?,
        "options.mode",
        "must be \"strict\" or \"lenient\"",
    )
}

pub(crate) fn bytes_arg(value: &JsValue, argument: &str) -> Result<Vec<u8>, JsValue> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| Fail::bad_argument(argument, "is neither a string nor a Uint8Array").to_js())
}

pub(crate) fn rule_book(value: &JsValue) -> Result<RuleBook, JsValue> {
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return RuleBook::from_json_bytes(&bytes_arg(value, "book")?).map_err(|e| e.to_js());
    }
    RuleBook::from_json(&json_text(value, "book")?).map_err(|e| e.to_js())
}
