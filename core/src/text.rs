//! Text that must not forge output: the character rules for ids and names.
//!
//! Ids and names are printed into text reports, CSV, errors and logs. A newline in a member id
//! forges a line of the report; a zero-width space makes a second person that looks identical;
//! a right-to-left override (U+202E) reverses what a reader sees; a name of only invisible
//! characters is a blank row. So ids and names refuse:
//!
//! - Unicode category **Cc** (control characters: C0, DEL, C1);
//! - category **Cf** (format characters: zero-width space/joiners, soft hyphen, the bidi
//!   embeddings, overrides, isolates and marks, the byte order mark, tag characters …), from the
//!   explicit list [`FORMAT_RANGES`] (all 170 code points of Cf in Unicode 15.1: checked against
//!   Python's `unicodedata` (Unicode 14, 163 code points) plus the Egyptian hieroglyph format
//!   controls U+13439..U+1343F added in 15.0; a short list was preferred to one more dependency);
//! - **Zl** and **Zp** (U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR), which break lines
//!   like a newline does;
//! - in names, the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the combining grapheme
//!   joiner (U+034F): letters or marks that display as nothing, the usual way to make a "blank"
//!   name pass a non-empty check.
//!
//! Names are normalized to Unicode NFC (`unicode-normalization`), so that `é` typed as one or as
//! two code points is one name. Ids are matched byte for byte between records and events, so an
//! id that is not already NFC is refused rather than silently changed.
//!
//! With the cargo feature `host-nfc` (the WebAssembly package turns it on) the crate does not
//! use `unicode-normalization` (its tables are about 100 KB of the module): the embedding
//! registers its own normalizer once with `set_host_nfc` (the package registers the browser's
//! `String.prototype.normalize("NFC")` when it starts). Strings of characters below U+0300 and
//! CJK Unified Ideographs (U+4E00..U+9FFF) — ASCII ids, Chinese names — are answered without
//! asking it ([`is_nfc_fast`]).
//!
//! ```
//! use dangjian::text::forbidden_char;
//! assert_eq!(forbidden_char("XF001"), None);
//! assert_eq!(forbidden_char("XF\u{200B}001"), Some('\u{200B}'));
//! assert_eq!(forbidden_char("XF001\n伪造"), Some('\n'));
//! ```

#[cfg(not(feature = "host-nfc"))]
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The code points of Unicode general category Cf (format), Unicode 15.1, as inclusive ranges.
///
/// # Examples
///
/// ```
/// use dangjian::text::FORMAT_RANGES;
/// let zero_width_space = '\u{200B}';
/// assert!(FORMAT_RANGES.iter().any(|&(a, b)| (a..=b).contains(&zero_width_space)));
/// let code_points: u32 = FORMAT_RANGES.iter().map(|&(a, b)| b as u32 - a as u32 + 1).sum();
/// assert_eq!(code_points, 170);
/// ```
pub const FORMAT_RANGES: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` is a format character (category Cf).
///
/// ```
/// assert!(dangjian::text::is_format('\u{202E}'));
/// assert!(!dangjian::text::is_format('党'));
/// ```
pub fn is_format(c: char) -> bool {
    FORMAT_RANGES.iter().any(|&(a, b)| a <= c && c <= b)
}

/// Whether `c` is refused in ids and names: Cc, Cf, Zl or Zp.
///
/// ```
/// assert!(dangjian::text::is_forbidden('\u{2028}'));
/// assert!(dangjian::text::is_forbidden('\t'));
/// assert!(!dangjian::text::is_forbidden(' '));
/// ```
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || (c > '\u{AC}' && is_format(c))
}

/// Characters that display as nothing although they are letters or marks (Hangul fillers,
/// combining grapheme joiner): refused in names.
fn is_invisible_letter(c: char) -> bool {
    matches!(
        c,
        '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
    )
}

/// The first forbidden character of `s` ([`is_forbidden`]), if any.
///
/// # Examples
///
/// ```
/// use dangjian::text::forbidden_char;
/// assert_eq!(forbidden_char("张三"), None);
/// // A right-to-left override would reverse what a reader sees.
/// assert_eq!(forbidden_char("张\u{202E}三"), Some('\u{202E}'));
/// ```
pub fn forbidden_char(s: &str) -> Option<char> {
    s.chars().find(|&c| is_forbidden(c))
}

/// `s` with each forbidden character written as `\u{XXXX}`, for echoing a refused value in an
/// error without letting it act on the reader's terminal or report.
///
/// ```
/// assert_eq!(dangjian::text::escape_forbidden("M1\n伪造"), "M1\\u{A}伪造");
/// ```
pub fn escape_forbidden(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_forbidden(c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Why an id is refused, in Chinese then English, or `None` when it is acceptable by these
/// character rules (emptiness and length are checked by each module).
///
/// ```
/// assert!(dangjian::text::id_problem("XF001").is_none());
/// assert!(dangjian::text::id_problem(" XF001").is_some());
/// assert!(dangjian::text::id_problem("Xe\u{301}").is_some());
/// ```
pub fn id_problem(id: &str) -> Option<String> {
    if let Some(c) = forbidden_char(id) {
        return Some(format!(
            "含控制字符或格式字符 U+{:04X}（contains the control or format character U+{:04X}）",
            c as u32, c as u32
        ));
    }
    if id.trim() != id {
        return Some("首尾有空白（has leading or trailing white space）".into());
    }
    if !is_nfc(id) {
        return Some(
            "不是 Unicode NFC 规范形式（is not in Unicode NFC; write it composed）".into(),
        );
    }
    None
}

/// Whether every character of `s` is below U+0300 or in the CJK Unified Ideographs block
/// U+4E00..=U+9FFF: then `s` is in NFC, without looking anything up.
///
/// Exact, not a heuristic: no character of these two ranges has `NFC_Quick_Check` other than
/// Yes, none has a canonical combining class other than 0, and none is the second character of
/// a canonical composition pair (the combining marks start at U+0300; the Hangul vowel and
/// trailing jamo, U+1161.., U+11A8.., and the kana voicing marks U+3099/U+309A lie outside
/// both), so no string of them changes under NFC. A unit test checks every character of both
/// ranges against `unicode-normalization`. A `false` only means "ask the normalizer".
///
/// ```
/// use dangjian::text::is_nfc_fast;
/// assert!(is_nfc_fast("XF001 张三 Jos\u{e9}"));
/// assert!(!is_nfc_fast("Jose\u{301}")); // a combining mark: not decided here
/// assert!(!is_nfc_fast("한국")); // Hangul: not decided here (it is NFC)
/// ```
pub fn is_nfc_fast(s: &str) -> bool {
    s.is_ascii()
        || s.chars()
            .all(|c| c < '\u{0300}' || ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The normalizer the embedding registered ([`set_host_nfc`]).
#[cfg(feature = "host-nfc")]
static HOST_NFC: std::sync::OnceLock<fn(&str) -> String> = std::sync::OnceLock::new();

/// Registers the embedding's NFC normalizer (feature `host-nfc`): `f(s)` must return `s` in
/// Unicode NFC. Only the first registration counts; returns whether this one did.
///
/// The WebAssembly package registers `String.prototype.normalize("NFC")` when the module
/// starts, so the browser's Unicode version decides NFC for characters newer than the tables
/// the native build links (assigned characters are stable under the normalization stability
/// policy). Until a normalizer is registered, [`is_nfc`] is [`is_nfc_fast`] alone (an id
/// outside its ranges is refused as not NFC) and [`to_nfc`] returns the text unchanged.
///
/// ```
/// # #[cfg(feature = "host-nfc")] {
/// fn nfc(s: &str) -> String {
///     s.replace("e\u{301}", "\u{e9}") // a real embedding calls its platform's normalizer
/// }
/// dangjian::text::set_host_nfc(nfc);
/// assert_eq!(dangjian::text::to_nfc("Jose\u{301}"), "Jos\u{e9}");
/// # }
/// ```
#[cfg(feature = "host-nfc")]
pub fn set_host_nfc(f: fn(&str) -> String) -> bool {
    HOST_NFC.set(f).is_ok()
}

/// `s` in NFC by the registered normalizer, or `None` when none is registered.
#[cfg(feature = "host-nfc")]
fn host_nfc(s: &str) -> Option<String> {
    HOST_NFC.get().map(|f| f(s))
}

/// Whether `s` is in Unicode NFC.
///
/// With the feature `host-nfc`, strings [`is_nfc_fast`] does not decide are normalized by the
/// registered normalizer and compared (`set_host_nfc`; unregistered: `false`).
///
/// # Examples
///
/// ```
/// use dangjian::text::is_nfc;
/// assert!(is_nfc("Zoé"));         // é as one code point (U+00E9)
/// assert!(!is_nfc("Zoe\u{301}")); // e followed by a combining acute accent
/// ```
pub fn is_nfc(s: &str) -> bool {
    if is_nfc_fast(s) {
        return true;
    }
    #[cfg(feature = "host-nfc")]
    {
        host_nfc(s).is_some_and(|n| n == s)
    }
    #[cfg(not(feature = "host-nfc"))]
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.nfc().eq(s.chars()),
    }
}

/// `s` normalized to NFC (borrowed when it already is).
///
/// With the feature `host-nfc`, by the registered normalizer (`set_host_nfc`; unregistered:
/// `s` unchanged).
///
/// # Examples
///
/// ```
/// use std::borrow::Cow;
/// use dangjian::text::to_nfc;
/// assert_eq!(to_nfc("Zoe\u{301}"), "Zo\u{E9}");
/// assert!(matches!(to_nfc("王芳"), Cow::Borrowed("王芳")));
/// ```
pub fn to_nfc(s: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if is_nfc_fast(s) {
        return Cow::Borrowed(s);
    }
    #[cfg(feature = "host-nfc")]
    {
        match host_nfc(s) {
            Some(n) if n != s => Cow::Owned(n),
            _ => Cow::Borrowed(s),
        }
    }
    #[cfg(not(feature = "host-nfc"))]
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Why a name (already trimmed and NFC) is refused, or `None`.
pub(crate) fn name_problem(s: &str) -> Option<&'static str> {
    if forbidden_char(s).is_some() {
        return Some(
            "name contains control characters or format characters (含控制字符或格式字符)",
        );
    }
    if s.chars()
        .all(|c| c.is_whitespace() || is_invisible_letter(c))
    {
        return Some("name has no visible character (没有可见字符)");
    }
    if s.chars().any(is_invisible_letter) {
        return Some("name contains an invisible filler character (含不可见的填充字符)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_list_is_sorted_and_disjoint_and_has_170_code_points() {
        let mut n = 0;
        let mut last = None;
        for &(a, b) in FORMAT_RANGES {
            assert!(a <= b);
            if let Some(l) = last {
                assert!(l < a);
            }
            last = Some(b);
            n += b as u32 - a as u32 + 1;
        }
        assert_eq!(n, 170);
    }

    /// Every character [`is_nfc_fast`] claims is NFC on its own, has combining class 0 and is
    /// not the second character of any canonical composition, so any string of them is NFC
    /// (checked against `unicode-normalization`, whatever the feature).
    #[test]
    fn the_fast_path_claims_only_characters_that_never_change_under_nfc() {
        use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let claimed: Vec<char> = ('\0'..'\u{0300}').chain('\u{4E00}'..='\u{9FFF}').collect();
        assert_eq!(claimed.len(), 0x300 + 0x5200);
        for &c in &claimed {
            assert!(is_nfc_fast(c.encode_utf8(&mut [0; 4])), "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
        // NFC_Quick_Check is Maybe exactly for the characters that can be the second of a
        // canonical composition pair, so none of the claimed ones can be. Also directly: no
        // claimed character follows the first in the canonical decomposition of any character
        // (where a composition would put it), Hangul syllables included.
        for p in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut d = Vec::new();
            decompose_canonical(p, |x| d.push(x));
            for &x in d.iter().skip(1) {
                assert!(!is_nfc_fast(x.encode_utf8(&mut [0; 4])), "{p:?} -> {d:?}");
            }
        }
        assert_eq!(
            is_nfc_quick(claimed.iter().copied()),
            IsNormalized::Yes,
            "the whole run"
        );
    }

    /// The fast path agrees with `unicode-normalization` on strings around its boundaries.
    #[test]
    fn the_fast_path_agrees_with_the_tables_at_its_edges() {
        use unicode_normalization::UnicodeNormalization;
        for s in [
            "XF001",
            "张三",
            "Jos\u{e9}",
            "Jose\u{301}",
            "\u{2ff}",
            "\u{300}",
            "a\u{300}",
            "\u{4dff}",
            "\u{4e00}\u{9fff}",
            "\u{a000}",
            "한",
            "\u{1112}\u{1161}\u{11ab}",
            "\u{212b}",
            "\u{f900}",
        ] {
            let nfc: String = s.nfc().collect();
            if is_nfc_fast(s) {
                assert_eq!(nfc, s, "{s:?}");
            }
            #[cfg(not(feature = "host-nfc"))]
            {
                assert_eq!(is_nfc(s), nfc == s, "{s:?}");
                assert_eq!(to_nfc(s), nfc, "{s:?}");
            }
        }
    }

    #[test]
    fn escapes_are_ascii_and_visible() {
        assert_eq!(
            escape_forbidden("a\u{202E}b\u{200B}"),
            "a\\u{202E}b\\u{200B}"
        );
        assert_eq!(escape_forbidden("党员"), "党员");
    }
}
