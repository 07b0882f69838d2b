//! Messages and help text in Chinese (default) or English, from the Fluent catalogues in
//! `cli/i18n/<lang>/cli.ftl` (compiled into the binary).
//!
//! The language is `--lang zh|en` when given, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`:
//! English when it starts with `en`), else Chinese.

use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

/// The two languages of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文 (the default).
    Zh,
    /// English.
    En,
}

const ZH: &str = include_str!("../i18n/zh-CN/cli.ftl");
const EN: &str = include_str!("../i18n/en/cli.ftl");

static LANG: OnceLock<Lang> = OnceLock::new();
thread_local! {
    static BUNDLE: FluentBundle<FluentResource> = bundle(lang());
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let (tag, text) = match lang {
        Lang::Zh => ("zh-CN", ZH),
        Lang::En => ("en", EN),
    };
    let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
    let mut b = FluentBundle::new(vec![id]);
    // No Unicode isolation marks around placeables: the output is a terminal or a file.
    b.set_use_isolating(false);
    // The catalogues are compiled in and checked by a test; a bad entry is skipped.
    let res = match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = b.add_resource(res);
    b
}

/// Sets the language from the arguments (`--lang X` or `--lang=X`) or the locale. Call once,
/// before any message.
pub fn init(args: &[std::ffi::OsString]) {
    let mut from_args = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--lang" {
            from_args = it.next().map(|v| v.to_string());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            from_args = Some(v.to_string());
        }
    }
    let pick = |v: &str| {
        let v = v.to_ascii_lowercase();
        if v.starts_with("en") {
            Some(Lang::En)
        } else if v.starts_with("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    };
    let lang = from_args
        .as_deref()
        .and_then(pick)
        .or_else(|| {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .and_then(|v| pick(&v))
        })
        .unwrap_or(Lang::Zh);
    let _ = LANG.set(lang);
}

/// The language in use.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Zh)
}

/// The message `key` with arguments; the key itself when the catalogue lacks it.
pub fn tr(key: &str, args: &[(&str, String)]) -> String {
    BUNDLE.with(|b| {
        let Some(msg) = b.get_message(key) else {
            return key.to_string();
        };
        let Some(pattern) = msg.value() else {
            return key.to_string();
        };
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, FluentValue::from(v.clone()));
        }
        let mut errors = Vec::new();
        b.format_pattern(pattern, Some(&fa), &mut errors)
            .into_owned()
    })
}

/// The message `key` when the catalogue has it.
pub fn try_tr(key: &str) -> Option<String> {
    BUNDLE
        .with(|b| b.get_message(key).and_then(|m| m.value()).is_some())
        .then(|| tr(key, &[]))
}

/// Message with arguments: `t!("key")`, `t!("key", name = value, …)`.
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::tr($key, &[])
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr($key, &[$((stringify!($name), $value.to_string())),+])
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let mut k: Vec<String> = text
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_string()))
            .collect();
        k.sort();
        k
    }

    /// Both catalogues parse and hold the same keys.
    #[test]
    fn catalogues_agree() {
        for text in [ZH, EN] {
            assert!(FluentResource::try_new(text.to_string()).is_ok());
        }
        assert_eq!(keys(ZH), keys(EN));
        assert!(keys(ZH).len() > 50);
    }
}
