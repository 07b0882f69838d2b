//! The error contract of the bindings: one [`ErrorReport`] built from every public core error.
//!
//! An `ErrorReport` is what an error looks like outside Rust — in Python (`dangjian.errors`), in
//! JavaScript (`DangjianError`) and in the golden file `tests/golden/error-reports.json`:
//!
//! - `code` — the core's stable snake_case code of the variant (the `code()` of its enum);
//! - `class` — [`ErrorClass`]: which Python exception class (`ValidationError`, `RuleError` …)
//!   and which JS `class` the error has;
//! - `message_zh`, `message_en` — the message as a whole Chinese sentence (what, where, why:
//!   one template per variant, filled from the masked details, no English sentence in it) and
//!   the core's own message;
//! - `details` — what, where and why, with **one fixed key set per variant** (see
//!   `docs/errors.md`, generated from [`catalogue`]): a key whose value is unknown is `null`,
//!   never left out;
//! - `rows` — every bad row of a roster import (`invalid_rows`), else empty.
//!
//! Personal data is masked **here, once**: every text detail passes through
//! [`crate::privacy::echo_id`] (phones and ID numbers however typed, control characters, long
//! texts cut), so a phone typed as an activity's subject never reaches `e.details`.
//!
//! ```
//! use dangjian::ffi::{ErrorClass, ErrorReport};
//! use dangjian::scoring::ScoringError;
//! let e = ScoringError::UnknownSubject { id: "a1".into(), position: 3, subject: "13812345678".into() };
//! let r = ErrorReport::from(&e);
//! assert_eq!(r.code, "unknown_subject");
//! assert_eq!(r.class, ErrorClass::Scoring);
//! assert_eq!(r.detail_keys(), ["record", "position", "field", "subject"]);
//! let json = serde_json::to_string(&r.details).unwrap();
//! assert!(json.contains("138****5678") && !json.contains("13812345678"));
//! ```

mod catalogue;
mod convert;
pub(crate) mod zh;

pub use catalogue::{catalogue, codes, docs_table, variants, VariantInfo};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Which family an error belongs to: the Python exception class of `dangjian.errors` and the
/// `class` property of a JS `DangjianError`.
///
/// # Examples
///
/// ```
/// use dangjian::ffi::{ErrorClass, ErrorReport};
/// let err = dangjian::io::Dataset::from_json("{").unwrap_err();
/// let r = ErrorReport::from(&err);
/// assert_eq!((r.class, r.class.python_class()), (ErrorClass::Validation, "ValidationError"));
/// assert_eq!(serde_json::to_value(&r)?["class"], "validation");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// An invalid dataset, organization, member, lifecycle event or argument.
    Validation,
    /// A rule set or rule book that cannot be loaded.
    Rule,
    /// An activity or bulk column that cannot be scored.
    Scoring,
    /// A roster file that cannot be imported.
    Roster,
    /// A post, claim or service record refused.
    Post,
    /// Dues, meeting or election records that break a rule.
    Compliance,
    /// A scoped view asked about something it cannot see.
    Scope,
    /// The durable store refused an operation.
    Store,
    /// A state the library believes impossible (a bug: please report it).
    Internal,
}

impl ErrorClass {
    /// The snake_case name (`validation`, `rule` …), as serialized.
    ///
    /// ```
    /// assert_eq!(dangjian::ffi::ErrorClass::Rule.as_str(), "rule");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::Validation => "validation",
            ErrorClass::Rule => "rule",
            ErrorClass::Scoring => "scoring",
            ErrorClass::Roster => "roster",
            ErrorClass::Post => "post",
            ErrorClass::Compliance => "compliance",
            ErrorClass::Scope => "scope",
            ErrorClass::Store => "store",
            ErrorClass::Internal => "internal",
        }
    }

    /// The Python exception class of `dangjian.errors` (`ValidationError`, `RuleError` …).
    ///
    /// ```
    /// assert_eq!(dangjian::ffi::ErrorClass::Roster.python_class(), "RosterError");
    /// ```
    pub fn python_class(self) -> &'static str {
        match self {
            ErrorClass::Validation => "ValidationError",
            ErrorClass::Rule => "RuleError",
            ErrorClass::Scoring => "ScoringError",
            ErrorClass::Roster => "RosterError",
            ErrorClass::Post => "PostError",
            ErrorClass::Compliance => "ComplianceError",
            ErrorClass::Scope => "ScopeError",
            ErrorClass::Store => "StoreError",
            ErrorClass::Internal => "InternalError",
        }
    }

    /// The class named by its Python class name (`ValidationError`) or snake_case name.
    ///
    /// ```
    /// use dangjian::ffi::ErrorClass;
    /// assert_eq!(ErrorClass::from_name("StoreError"), Some(ErrorClass::Store));
    /// assert_eq!(ErrorClass::from_name("post"), Some(ErrorClass::Post));
    /// ```
    pub fn from_name(name: &str) -> Option<ErrorClass> {
        ErrorClass::ALL
            .into_iter()
            .find(|c| c.python_class() == name || c.as_str() == name)
    }

    /// Every class.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::ErrorClass;
    /// let python: Vec<&str> = ErrorClass::ALL.iter().map(|c| c.python_class()).collect();
    /// assert_eq!(python.first(), Some(&"ValidationError"));
    /// assert!(ErrorClass::ALL.iter().all(|c| ErrorClass::from_name(c.as_str()) == Some(*c)));
    /// ```
    pub const ALL: [ErrorClass; 9] = [
        ErrorClass::Validation,
        ErrorClass::Rule,
        ErrorClass::Scoring,
        ErrorClass::Roster,
        ErrorClass::Post,
        ErrorClass::Compliance,
        ErrorClass::Scope,
        ErrorClass::Store,
        ErrorClass::Internal,
    ];
}

/// One detail value: text (masked), an integer, a list of texts, or nothing (`null`).
///
/// # Examples
///
/// ```
/// use dangjian::ffi::{Detail, ErrorReport};
/// let r = ErrorReport::bad_argument("mode", "must be `strict` or `lenient`");
/// assert_eq!(r.details.get("argument"), Some(&Detail::Text("mode".into())));
/// // Serialized untagged: the values themselves.
/// assert_eq!(serde_json::to_string(&Detail::Int(3))?, "3");
/// assert_eq!(serde_json::to_string(&Detail::Null)?, "null");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Detail {
    /// Text, already masked.
    Text(String),
    /// A count, position, limit or number.
    Int(i64),
    /// A list of texts, each masked.
    List(Vec<String>),
    /// Not known for this error (the key is still there: one key set per variant).
    Null,
}

/// The details of an error, in a fixed key order; serialized as a JSON object.
///
/// # Examples
///
/// ```
/// use dangjian::ffi::{Detail, Details};
/// let d = Details(vec![("field", Detail::Text("as_of".into())), ("limit", Detail::Null)]);
/// // A JSON object, keys in their fixed order.
/// assert_eq!(serde_json::to_string(&d)?, r#"{"field":"as_of","limit":null}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details(pub Vec<(&'static str, Detail)>);

impl Details {
    /// The value of `key`, if present.
    ///
    /// ```
    /// use dangjian::ffi::{Detail, Details};
    /// let d = Details(vec![("limit", Detail::Int(3))]);
    /// assert_eq!(d.get("limit"), Some(&Detail::Int(3)));
    /// ```
    pub fn get(&self, key: &str) -> Option<&Detail> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The keys, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::ErrorReport;
    /// let r = ErrorReport::internal("serialising a table failed");
    /// assert_eq!(r.details.keys(), ["what"]);
    /// ```
    pub fn keys(&self) -> Vec<&'static str> {
        self.0.iter().map(|(k, _)| *k).collect()
    }
}

impl Serialize for Details {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A core error as the bindings see it. See the [module documentation](self).
///
/// # Examples
///
/// ```
/// use dangjian::ffi::{ErrorClass, ErrorReport};
/// let mut reg = dangjian::Registry::sample_small();
/// let early = dangjian::member::EventRecord::new("M2", "2023-12-01".parse()?, dangjian::member::EventType::Converted);
/// let r = ErrorReport::from(&reg.apply(vec![early]).unwrap_err());
/// assert_eq!((r.code.as_str(), r.class), ("event_rejected", ErrorClass::Validation));
/// assert_eq!(r.variant, "RegistryError::EventRejected");
/// assert!(r.detail_keys().contains(&"rule"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorReport {
    /// Stable snake_case code.
    pub code: String,
    /// The Python class / JS `class` of the error.
    pub class: ErrorClass,
    /// The message in Chinese: what, where and why (one template per variant).
    pub message_zh: String,
    /// The core's message (English, or Chinese first with English in parentheses).
    pub message_en: String,
    /// What, where and why: one fixed key set per variant.
    pub details: Details,
    /// Every bad row of a roster import (`row`, `field`, `code`, `value`, `reason`).
    pub rows: Vec<Details>,
    /// The Rust variant the report was built from (`ScoringError::UnknownSubject`); it names
    /// the variant's row of `docs/errors.md`. Not serialized.
    #[serde(skip)]
    pub variant: &'static str,
}

/// Whether `s` starts (after punctuation and ASCII) with a Chinese character.
pub(crate) fn starts_chinese(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| !c.is_ascii())
}

impl ErrorReport {
    /// A report of `class` with `code`: `title_zh` is the Chinese title of the variant, put
    /// before `message` (the core's message) unless that is already Chinese first; a variant
    /// with a Chinese template gets its whole Chinese sentence instead as details are added.
    ///
    /// ```
    /// use dangjian::ffi::{ErrorClass, ErrorReport};
    /// let r = ErrorReport::new("X::Y", "bad_thing", ErrorClass::Validation, "参数无效", "bad thing".into());
    /// assert_eq!(r.message_zh, "参数无效：bad thing");
    /// assert_eq!(r.message_en, "bad thing");
    /// ```
    pub fn new(
        variant: &'static str,
        code: &str,
        class: ErrorClass,
        title_zh: &str,
        message: String,
    ) -> ErrorReport {
        let message_zh = if starts_chinese(&message) || title_zh.is_empty() {
            message.clone()
        } else {
            format!("{title_zh}：{message}")
        };
        ErrorReport {
            code: code.to_string(),
            class,
            message_zh,
            message_en: message,
            details: Details::default(),
            rows: Vec::new(),
            variant,
        }
        .fill_zh()
    }

    /// Rewrites `message_zh` from the variant's Chinese template (`zh::message`) and the
    /// details so far; called after every detail is added, so the last call sees them all.
    #[must_use]
    fn fill_zh(mut self) -> ErrorReport {
        if let Some(m) = zh::message(self.variant, &self.details, &self.message_en) {
            self.message_zh = m;
        }
        self
    }

    /// Adds a text detail, masked ([`crate::privacy::echo_id`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{Detail, ErrorReport};
    /// let r = ErrorReport::invalid("bad_phone", "phone", "`phone` 不是手机号".into()).text("value", "13812345678");
    /// // Masked on the way in.
    /// assert_eq!(r.details.get("value"), Some(&Detail::Text("138****5678".into())));
    /// ```
    #[must_use]
    pub fn text(mut self, key: &'static str, value: &str) -> ErrorReport {
        self.details
            .0
            .push((key, Detail::Text(crate::privacy::echo_id(value))));
        self.fill_zh()
    }

    /// Adds a text detail or `null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{Detail, ErrorReport};
    /// let r = ErrorReport::internal("x").opt_text("nearest", None).opt_text("sheet", Some("花名册"));
    /// assert_eq!(r.details.get("nearest"), Some(&Detail::Null)); // the key is there, its value null
    /// assert_eq!(r.details.get("sheet"), Some(&Detail::Text("花名册".into())));
    /// ```
    #[must_use]
    pub fn opt_text(self, key: &'static str, value: Option<&str>) -> ErrorReport {
        match value {
            Some(v) => self.text(key, v),
            None => self.null(key),
        }
    }

    /// Adds an integer detail (saturating at `i64::MAX`).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{Detail, ErrorReport};
    /// let r = ErrorReport::internal("x").int("limit", 200_usize).int("huge", u64::MAX);
    /// assert_eq!(r.details.get("limit"), Some(&Detail::Int(200)));
    /// assert_eq!(r.details.get("huge"), Some(&Detail::Int(i64::MAX))); // saturated
    /// ```
    #[must_use]
    pub fn int<T: TryInto<i64>>(mut self, key: &'static str, value: T) -> ErrorReport {
        let v = value.try_into().unwrap_or(i64::MAX);
        self.details.0.push((key, Detail::Int(v)));
        self.fill_zh()
    }

    /// Adds an integer detail or `null`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{Detail, ErrorReport};
    /// let r = ErrorReport::internal("x").opt_int("row", Some(3_u32)).opt_int::<u32>("position", None);
    /// assert_eq!(r.detail_keys(), ["what", "row", "position"]);
    /// assert_eq!(r.details.get("position"), Some(&Detail::Null));
    /// ```
    #[must_use]
    pub fn opt_int<T: TryInto<i64>>(self, key: &'static str, value: Option<T>) -> ErrorReport {
        match value {
            Some(v) => self.int(key, v),
            None => self.null(key),
        }
    }

    /// Adds a list of texts, each masked.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{Detail, ErrorReport};
    /// let r = ErrorReport::internal("x").list("sheets", &["花名册".into(), "电话 13812345678".into()]);
    /// let Some(Detail::List(sheets)) = r.details.get("sheets") else { return Err("no list".into()) };
    /// assert_eq!(sheets, &["花名册", "电话 138****5678"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn list(mut self, key: &'static str, values: &[String]) -> ErrorReport {
        let v = values.iter().map(|s| crate::privacy::echo_id(s)).collect();
        self.details.0.push((key, Detail::List(v)));
        self.fill_zh()
    }

    /// Adds a `null` detail.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::ErrorReport;
    /// let r = ErrorReport::internal("x").null("record");
    /// assert_eq!(r.to_json_value()["details"]["record"], serde_json::Value::Null);
    /// ```
    #[must_use]
    pub fn null(mut self, key: &'static str) -> ErrorReport {
        self.details.0.push((key, Detail::Null));
        self.fill_zh()
    }

    /// The detail keys, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::ErrorReport;
    /// let err = dangjian::org::OrgTree::default().require("B9").unwrap_err();
    /// assert_eq!(ErrorReport::from(&err).detail_keys(), ["record"]); // the organization looked up
    /// ```
    pub fn detail_keys(&self) -> Vec<&'static str> {
        self.details.keys()
    }

    /// Builds the report of any core error (the same as `ErrorReport::from(e)`).
    ///
    /// ```
    /// use dangjian::ffi::ErrorReport;
    /// let e = "2026-13".parse::<dangjian::scoring::Period>().unwrap_err();
    /// assert_eq!(ErrorReport::from_error(&e).code, "bad_period");
    /// ```
    pub fn from_error<'a, E>(e: &'a E) -> ErrorReport
    where
        ErrorReport: From<&'a E>,
    {
        ErrorReport::from(e)
    }

    /// A bad argument of a binding function (not a core error): code `bad_argument`, class
    /// validation, details `{argument, reason}`.
    ///
    /// ```
    /// let r = dangjian::ffi::ErrorReport::bad_argument("mode", "must be `strict` or `lenient`");
    /// assert_eq!(r.detail_keys(), ["argument", "reason"]);
    /// ```
    pub fn bad_argument(argument: &str, reason: &str) -> ErrorReport {
        ErrorReport::new(
            "binding::bad_argument",
            "bad_argument",
            ErrorClass::Validation,
            "参数无效",
            format!("argument `{argument}` {reason}"),
        )
        .text("argument", argument)
        .text("reason", reason)
    }

    /// A JSON argument of the wrong shape for a core type: code `json`, class validation,
    /// details `{argument, line, column}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{Detail, ErrorReport};
    /// let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": }").unwrap_err();
    /// let r = ErrorReport::json("rules", &e);
    /// assert_eq!((r.code.as_str(), r.detail_keys()), ("json", vec!["argument", "line", "column"]));
    /// assert_eq!(r.details.get("line"), Some(&Detail::Int(2)));
    /// ```
    pub fn json(argument: &str, e: &serde_json::Error) -> ErrorReport {
        ErrorReport::new(
            "binding::json",
            "json",
            ErrorClass::Validation,
            "JSON 参数无效",
            crate::privacy::echo_cut(
                &format!(
                    "argument `{argument}` (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
                7,
                crate::scoring::MAX_ECHO_CHARS,
            ),
        )
        .text("argument", argument)
        .int("line", e.line())
        .int("column", e.column())
    }

    /// A binding argument refused with its own `code` (`bad_date`, `bad_mode` …): class
    /// validation, details `{field}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{ErrorClass, ErrorReport};
    /// let r = ErrorReport::invalid("bad_date", "as_of", "`as_of`：`31/10/2026` 不是日期".into());
    /// assert_eq!((r.code.as_str(), r.class), ("bad_date", ErrorClass::Validation));
    /// assert_eq!(r.message_zh, "`as_of`：`31/10/2026` 不是日期");
    /// ```
    pub fn invalid(code: &str, field: &str, message: String) -> ErrorReport {
        ErrorReport::new(
            "binding::invalid",
            code,
            ErrorClass::Validation,
            // the bindings write these messages Chinese first (`period`：… 不是周期 …)
            "",
            message,
        )
        .text("field", field)
    }

    /// A state that should not happen (serialising a core value failed …): code `internal`,
    /// class internal, details `{what}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::{ErrorClass, ErrorReport};
    /// let r = ErrorReport::internal("serialising a table failed");
    /// assert_eq!((r.code.as_str(), r.class.python_class()), ("internal", "InternalError"));
    /// assert!(r.message_zh.starts_with("内部错误"));
    /// ```
    pub fn internal(what: &str) -> ErrorReport {
        ErrorReport::new(
            "binding::internal",
            "internal",
            ErrorClass::Internal,
            "内部错误（请报告此问题）",
            format!("internal error: {what}"),
        )
        .text("what", what)
    }

    /// The report as a JSON value: `{code, class, message_zh, message_en, details, rows}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::ffi::ErrorReport;
    /// let v = ErrorReport::bad_argument("mode", "must be `strict` or `lenient`").to_json_value();
    /// assert_eq!(v["code"], "bad_argument");
    /// assert_eq!(v["details"]["argument"], "mode");
    /// assert_eq!(v["rows"], serde_json::json!([]));
    /// ```
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}
