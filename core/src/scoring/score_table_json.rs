//! [`ScoreTable::to_json`] written directly: the layout `serde_json::to_string_pretty` writes for
//! the table, ASCII only (characters beyond ASCII as `\uXXXX`, as Python's `json.dumps` writes
//! them; a test compares both), without a serializer call per value — in the wasm build,
//! compiled for size, those calls cost six times the native time. ASCII-only text is also
//! what JavaScript engines turn into a string fastest: node's `TextDecoder` takes 3 µs for
//! the sample's 17.6 KB table, 29 µs when four grade names in Chinese are in it.
//!
//! # Examples
//!
//! ```
//! use dangjian::scoring::{Mode, RuleSet, ScoreTable, Scorer};
//! let reg = dangjian::Registry::sample_small();
//! let t = Scorer::new(&reg, &[], Mode::Strict)?.score(&RuleSet::member_default(), "2024-03".parse()?)?.table;
//! let json = t.to_json();
//! assert!(json.is_ascii() && json.contains("\\u4f18\\u79c0")); // 优秀
//! assert_eq!(serde_json::from_str::<serde_json::Value>(&json)?, serde_json::to_value(&t)?);
//! assert_eq!(ScoreTable::from_json(&json)?, t);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::typed::ScoreTable;
use crate::fixed::{Fixed, SCALE};

crate::speed::hot! {
/// Pretty JSON of `t`: `serde_json::to_string_pretty(t)` with every character beyond ASCII
/// written as a `\u` escape.
pub(crate) fn write(t: &ScoreTable) -> String {
    let rows = t.subject.len();
    let mut w = Out(Vec::with_capacity(512 + rows * 160));
    w.put("{\n  \"rule_set\": ");
    string(&mut w, &t.rule_set);
    w.put(",\n  \"rule_version\": ");
    uint(&mut w, u64::from(t.rule_version));
    w.put(",\n  \"period\": ");
    string(&mut w, &t.period.to_string());
    w.put(",\n  \"subject_kind\": ");
    w.put(&serde_json::to_string(&t.subject_kind).unwrap_or_default());
    field(&mut w, "grade_names", &t.grade_names, |w, s| string(w, s));
    field(&mut w, "subject", &t.subject, |w, s| string(w, s));
    field(&mut w, "org", &t.org, |w, o| match o {
        Some(s) => string(w, s),
        None => w.put("null"),
    });
    field(&mut w, "total", &t.total, fixed);
    field(&mut w, "basic", &t.basic, fixed);
    field(&mut w, "reward", &t.reward, fixed);
    field(&mut w, "deduction", &t.deduction, fixed);
    field(&mut w, "veto", &t.veto, fixed);
    field(&mut w, "grade", &t.grade, |w, v| uint(w, u64::from(*v)));
    field(&mut w, "stars", &t.stars, |w, v| uint(w, u64::from(*v)));
    field(&mut w, "vetoed", &t.vetoed, |w, v| w.put(bool_text(*v)));
    field(&mut w, "demoted", &t.demoted, |w, v| w.put(bool_text(*v)));
    field(&mut w, "rank_in_org", &t.rank_in_org, |w, v| {
        uint(w, u64::from(*v))
    });
    field(&mut w, "rank_overall", &t.rank_overall, |w, v| {
        uint(w, u64::from(*v))
    });
    w.put("\n}");
    // Only whole `&str`s and ASCII bytes were written.
    String::from_utf8(w.0).unwrap_or_default()
}
}

/// The text being written. Most pieces are a few bytes long: they are copied byte by byte,
/// which in WebAssembly is cheaper than a call to `memcpy` (`memory.copy`) each.
struct Out(Vec<u8>);

impl Out {
    crate::speed::hot! {
    /// Appends `s`.
    #[inline(always)]
    fn put(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    }

    crate::speed::hot! {
    /// Appends `b` (whole UTF-8 sequences, or ASCII).
    #[inline(always)]
    fn bytes(&mut self, b: &[u8]) {
        if b.len() <= 16 {
            for &c in b {
                self.0.push(c);
            }
        } else {
            self.0.extend_from_slice(b);
        }
    }
    }

    crate::speed::hot! {
    /// Appends an ASCII byte.
    #[inline(always)]
    fn byte(&mut self, c: u8) {
        self.0.push(c);
    }
    }
}

crate::speed::hot! {
/// `,\n  "name": [` … `]`, one value a line (`[]` when empty).
fn field<T>(w: &mut Out, name: &str, values: &[T], mut one: impl FnMut(&mut Out, &T)) {
    w.put(",\n  \"");
    w.put(name);
    w.put("\": [");
    if values.is_empty() {
        w.byte(b']');
        return;
    }
    for (k, v) in values.iter().enumerate() {
        w.put(if k == 0 { "\n    " } else { ",\n    " });
        one(w, v);
    }
    w.put("\n  ]");
}
}

fn bool_text(v: bool) -> &'static str {
    if v {
        "true"
    } else {
        "false"
    }
}

crate::speed::hot! {
/// A string with JSON's escapes, as `serde_json` writes them, and every character beyond ASCII
/// as `\uXXXX` (a surrogate pair above U+FFFF), lowercase, as Python's `json.dumps` writes
/// it.
fn string(w: &mut Out, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex4 = |w: &mut Out, u: u16| {
        w.put("\\u");
        for shift in [12u16, 8, 4, 0] {
            w.byte(
                HEX.get(usize::from((u >> shift) & 15))
                    .copied()
                    .unwrap_or(b'0'),
            );
        }
    };
    w.byte(b'"');
    let mut rest = s;
    // Runs of ASCII written as they are, then one escape. A run ends before an ASCII byte or
    // before the first byte of a character, so on a character boundary.
    while let Some(k) = rest
        .bytes()
        .position(|b| b < 0x20 || b == b'"' || b == b'\\' || b >= 0x80)
    {
        w.put(rest.get(..k).unwrap_or(""));
        rest = rest.get(k..).unwrap_or("");
        let Some(c) = rest.chars().next() else { break };
        match c {
            '"' => w.put("\\\""),
            '\\' => w.put("\\\\"),
            '\n' => w.put("\\n"),
            '\r' => w.put("\\r"),
            '\t' => w.put("\\t"),
            '\u{8}' => w.put("\\b"),
            '\u{c}' => w.put("\\f"),
            c => {
                let mut units = [0u16; 2];
                for &u in c.encode_utf16(&mut units).iter() {
                    hex4(w, u);
                }
            }
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    w.put(rest);
    w.byte(b'"');
}
}

crate::speed::hot! {
/// An unsigned integer in decimal.
fn uint(w: &mut Out, v: u64) {
    // Two digits at a time from a table (scores, ranks and grades are small numbers).
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let pair = |n: u64| {
        let k = (n as usize % 100) * 2;
        [
            PAIRS.get(k).copied().unwrap_or(b'0'),
            PAIRS.get(k + 1).copied().unwrap_or(b'0'),
        ]
    };
    // (32-bit arithmetic below 1000: on wasm32 a 64-bit division is a division instruction,
    // a 32-bit one by a constant a multiplication.)
    if v < 1000 {
        let v = v as u32;
        if v < 10 {
            w.byte(b'0' + v as u8);
        } else if v < 100 {
            w.bytes(&pair(u64::from(v)));
        } else {
            w.byte(b'0' + (v / 100) as u8);
            w.bytes(&pair(u64::from(v % 100)));
        }
        return;
    }
    let mut buf = [0u8; 20];
    let mut k = buf.len();
    let mut v = v;
    loop {
        k -= 1;
        if let Some(d) = buf.get_mut(k) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || k == 0 {
            break;
        }
    }
    w.bytes(buf.get(k..).unwrap_or(&[]));
}
}

crate::speed::hot! {
/// A [`Fixed`] as its `Serialize` writes it: an integer when whole, else the `f64` as
/// `serde_json` writes it.
fn fixed(w: &mut Out, v: &Fixed) {
    let raw = v.raw();
    // The whole number, if it is one; in 32-bit arithmetic when it fits (every score), see
    // `uint`.
    let whole = match i32::try_from(raw) {
        Ok(small) => (small % SCALE as i32 == 0).then(|| i64::from(small / SCALE as i32)),
        Err(_) => (raw % SCALE == 0).then_some(raw / SCALE),
    };
    match whole {
        Some(n) => {
            if n < 0 {
                w.byte(b'-');
            }
            uint(w, n.unsigned_abs());
        }
        None => w.put(&serde_json::to_string(v).unwrap_or_default()),
    }
}
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use crate::fixed::Fixed;
    use crate::scoring::{Mode, RuleSet, Scorer};

    fn same(t: &super::ScoreTable) {
        let ours = super::write(t);
        assert!(ours.is_ascii(), "{ours}");
        // serde_json's bytes, characters beyond ASCII escaped as `\uXXXX`.
        let mut want = String::new();
        for c in serde_json::to_string_pretty(t).unwrap().chars() {
            if c.is_ascii() {
                want.push(c);
            } else {
                for u in c.encode_utf16(&mut [0; 2]).iter() {
                    want.push_str(&format!("\\u{u:04x}"));
                }
            }
        }
        assert_eq!(ours, want);
        assert_eq!(&super::super::ScoreTable::from_json(&ours).unwrap(), t);
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let ds = crate::synth::sample_community();
        let reg = ds.to_registry().unwrap();
        let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient).unwrap();
        let mut n = 0;
        for rules in [
            RuleSet::member_default(),
            RuleSet::member_strict(),
            RuleSet::org_default(),
        ] {
            let first = if rules.period == crate::scoring::PeriodKind::Month {
                "2025-11"
            } else {
                "2025"
            };
            let count = if first == "2025" { 2 } else { 12 };
            for s in scorer
                .score_range(&rules, first.parse().unwrap(), count)
                .unwrap()
            {
                same(&s.table);
                n += s.table.len();
            }
        }
        assert!(n > 1000, "{n}");
        // Fractions, negatives, extremes, escapes and empty columns.
        let mut t = scorer
            .score(&RuleSet::member_default(), "2026-10".parse().unwrap())
            .unwrap()
            .table;
        for (k, v) in t.total.iter_mut().enumerate() {
            let raw = [
                1,
                -1,
                500,
                -1500,
                999,
                123_456_789,
                -7,
                0,
                crate::fixed::MAX_ABS,
                -crate::fixed::MAX_ABS,
            ][k % 10];
            *v = Fixed::from_raw(raw);
        }
        t.subject[0] = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}/é党\u{1f600}\u{ffff}x".into();
        t.org[1] = None;
        t.rank_overall[2] = u32::MAX;
        t.rule_set = "x\u{0}y".into();
        same(&t);
        t.grade_names.clear();
        t.vetoed.clear();
        same(&t);
    }
}
