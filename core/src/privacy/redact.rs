//! Masking of phone and ID numbers in free text, so that no error or report carries one.
//!
//! # Examples
//!
//! ```
//! use dangjian::privacy::{redact_digits, redact_personal};
//! assert_eq!(redact_digits("bad value 13812345678"), "bad value 138****5678");
//! assert_eq!(redact_personal("张三 13812345678"), "张三 138****5678");
//! ```

/// Masks every run of 7 or more digits in `text` (a trailing `X`/`x` belongs to the run, as in
/// ID numbers): runs of 11 or more characters keep their first 3 and last 4, shorter runs are
/// masked whole.
///
/// Error messages of parsers echo the offending value (`invalid type: integer
/// `13812345678``); a phone or ID number typed into the wrong field or column must not appear
/// in an error. Every error built from such a message passes through here.
///
/// ```
/// use dangjian::privacy::redact_digits;
/// assert_eq!(redact_digits("invalid type: integer `13812345678`"), "invalid type: integer `138****5678`");
/// assert_eq!(redact_digits("`11010519491231002X` is not a valid date"), "`110***********002X` is not a valid date");
/// assert_eq!(redact_digits("tel 5551234, on 2024-02-30"), "tel *******, on 2024-02-30");
/// ```
pub fn redact_digits(text: &str) -> String {
    redact_runs(text, 7)
}

/// `text` as an error may echo it: longer than `max_chars` characters, it is cut in the middle
/// to `max_chars` characters in all (its first `(max_chars - 1) / 2` and its last
/// `max_chars / 2` characters kept around `…`), then runs of `min_run` or more digits are
/// masked ([`redact_runs`]). Parsers echo offending values whole, so a huge value would
/// otherwise make a huge error.
///
/// ```
/// use dangjian::privacy::echo_cut;
/// assert_eq!(echo_cut("abcdefghij", 7, 4), "a…ij");
/// assert_eq!(echo_cut("abcdefghij", 7, 5), "ab…ij");
/// assert_eq!(echo_cut("abcdefghij", 7, 10), "abcdefghij");
/// assert_eq!(echo_cut("call 13812345678", 7, 400), "call 138****5678");
/// ```
pub fn echo_cut(text: &str, min_run: usize, max_chars: usize) -> String {
    // (A text of at most `max_chars` bytes has at most as many characters.)
    if text.len() <= max_chars {
        return redact_runs(text, min_run);
    }
    let n = text.chars().count();
    if n <= max_chars {
        return redact_runs(text, min_run);
    }
    // at most `max_chars` characters with the `…`
    let keep_tail = max_chars / 2;
    let keep_head = max_chars.saturating_sub(1 + keep_tail);
    let head: String = text.chars().take(keep_head).collect();
    let tail: String = text.chars().skip(n - keep_tail).collect();
    redact_runs(&format!("{head}…{tail}"), min_run)
}

/// Masks, like [`redact_digits`], the runs of at least `min_run` digits. Member ids are echoed
/// in errors with `min_run = 11`: an id that could be valid (no run of 11 or more digits) is
/// shown as given, anything longer could be a phone or an ID number and is masked.
///
/// ```
/// use dangjian::privacy::redact_runs;
/// assert_eq!(redact_runs("M00000001", 11), "M00000001");
/// assert_eq!(redact_runs("13812345678", 11), "138****5678");
/// ```
pub fn redact_runs(text: &str, min_run: usize) -> String {
    // Runs are ASCII (digits, `X`, `x`) and UTF-8 never uses ASCII bytes inside a multi-byte
    // character, so the text is scanned as bytes and copied in slices between the runs masked.
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        if !at(i).is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (at(i).is_ascii_digit() || (matches!(at(i), b'X' | b'x') && i - start >= 17))
        {
            i += 1;
        }
        let n = i - start;
        if n < min_run.max(1) {
            continue;
        }
        out.push_str(text.get(copied..start).unwrap_or(""));
        if n >= 11 && n >= min_run {
            out.push_str(&super::mask(text.get(start..i).unwrap_or(""), 3, 4));
        } else {
            out.extend(std::iter::repeat_n('*', n));
        }
        copied = i;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// The digit value of an ASCII or full-width digit (`０`–`９`).
fn digit_of(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')),
        _ => None,
    }
}

/// Separators people type inside a phone or an ID number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | '_' | '/' | '\u{3000}' | '\u{FF0D}' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}'
    )
}

/// Masks phones and ID numbers however they are typed: the ASCII runs of [`redact_runs`] (11
/// or more digits) and also sequences spelled with full-width digits (`１３８１２３４５６７８`)
/// or grouped with single separators (`138-1234-5678`, `138 1234 5678`,
/// `110105 19491231 002X`) whose digits make a mobile number (11 digits starting with `1`) or
/// an ID number (15 digits, or 17 and a check digit or `X`). Grouped dates and amounts
/// (`2024-01-01 2024-12-31`: 16 digits) are left alone.
///
/// This is the one masking pass for text that leaves the library: errors echoing ids, report
/// text, table cells, exported names.
///
/// ```
/// use dangjian::privacy::redact_personal;
/// assert_eq!(redact_personal("tel 138-1234-5678"), "tel 138******5678");
/// assert_eq!(redact_personal("１３８１２３４５６７８"), "１３８****５６７８");
/// assert_eq!(redact_personal("2024-01-01 2024-12-31"), "2024-01-01 2024-12-31");
/// assert_eq!(redact_personal("M0001"), "M0001");
/// ```
pub fn redact_personal(text: &str) -> String {
    redact_spelled(&redact_runs(text, 11))
}

/// The second half of [`redact_personal`]: only the phones and ID numbers spelled with
/// separators or full-width digits (plain ASCII runs are left to the caller's rule).
pub(crate) fn redact_spelled(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        if digit_of(c).is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        // The longest sequence of digits with single separators between them; a trailing
        // X/x/Ｘ after 17 digits belongs to it.
        let start = i;
        let mut digits = 0usize;
        let mut spelled = false;
        let mut end = i;
        while let Some(&c) = chars.get(i) {
            if digit_of(c).is_some() {
                digits += 1;
                spelled |= !c.is_ascii_digit();
                i += 1;
                end = i;
            } else if matches!(c, 'X' | 'x' | '\u{FF38}' | '\u{FF58}') && digits == 17 {
                digits += 1;
                i += 1;
                end = i;
                break;
            } else if is_separator(c) && chars.get(i + 1).copied().and_then(digit_of).is_some() {
                spelled = true;
                i += 1;
            } else {
                break;
            }
        }
        let first = chars.get(start).copied().and_then(digit_of);
        let personal =
            spelled && ((digits == 11 && first == Some('1')) || digits == 15 || digits == 18);
        let seq: String = chars.get(start..end).unwrap_or(&[]).iter().collect();
        if personal {
            out.push_str(&super::mask(&seq, 3, 4));
        } else {
            out.push_str(&seq);
        }
        i = end;
    }
    out
}

/// An id as an error echoes it: [`redact_personal`], control and format characters written as
/// `\u{…}` ([`crate::text::escape_forbidden`]), cut to 400 characters.
///
/// ```
/// assert_eq!(dangjian::privacy::echo_id("138 1234 5678"), "138******5678");
/// assert_eq!(dangjian::privacy::echo_id("M1\n"), "M1\\u{A}");
/// ```
pub fn echo_id(id: &str) -> String {
    crate::text::escape_forbidden(&redact_personal(&echo_cut(id, 11, 400)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The character-by-character definition `redact_runs` was first written as.
    fn reference(text: &str, min_run: usize) -> String {
        let mut out = String::new();
        let mut run = String::new();
        let flush = |run: &mut String, out: &mut String| {
            let n = run.chars().count();
            if n >= 11 && n >= min_run {
                out.push_str(&crate::privacy::mask(run, 3, 4));
            } else if n >= min_run.max(1) {
                out.extend(std::iter::repeat_n('*', n));
            } else {
                out.push_str(run);
            }
            run.clear();
        };
        for c in text.chars() {
            if c.is_ascii_digit() || ((c == 'X' || c == 'x') && run.len() >= 17) {
                run.push(c);
            } else {
                flush(&mut run, &mut out);
                out.push(c);
            }
        }
        flush(&mut run, &mut out);
        out
    }

    proptest! {
        /// The byte scan masks exactly what the character-by-character definition masks.
        #[test]
        fn redact_runs_matches_its_definition(
            text in "[0-9Xx a-z党员，`-]{0,60}",
            min_run in 0usize..14,
        ) {
            prop_assert_eq!(super::redact_runs(&text, min_run), reference(&text, min_run));
        }

        /// Long runs of digits and ID-number check characters.
        #[test]
        fn redact_runs_matches_on_long_runs(
            text in "([0-9]{5,20}[Xx]{0,3}[ 党a]?){0,4}",
            min_run in 0usize..14,
        ) {
            prop_assert_eq!(super::redact_runs(&text, min_run), reference(&text, min_run));
        }
    }
}
