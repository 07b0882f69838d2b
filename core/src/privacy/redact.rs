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
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        if n >= 11 {
            out.push_str(&super::mask(run, 3, 4));
        } else if n >= 7 {
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
