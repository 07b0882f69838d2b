//! The doc-test count of the crate, checked (issue 21: "every public item documented with an
//! example").
//!
//! Every public item is documented: `missing_docs` warns (`[workspace.lints]` and
//! `#![warn(missing_docs)]` in `lib.rs`) and CI runs clippy with `-D warnings`. This test counts
//! what the documentation shows by example, reading `core/src` as text:
//!
//! - the doc tests (Rust code blocks in `///` and `//!` comments, outside `#[cfg(test)]` modules);
//! - the public items (`pub fn`, `struct`, `enum`, `trait`, `type`, `const`, `static`) whose own
//!   doc comment has one;
//! - the modules whose module doc (`//!`) has one;
//!
//! and fails when a public item or a module doc (of a module outside the crate-private ones
//! `lib.rs` declares with `mod` or `pub(crate) mod`) has no example, or when the number of doc
//! tests falls under its floor. The failure message and
//! `DOC_EXAMPLES_LIST=1 cargo test -p dangjian --test doc_examples -- --nocapture` print the
//! current numbers and what is without an example, file by file.
//! `scripts/test-all.sh` also runs the crate-level walk-through with `--no-default-features`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Doc tests (Rust code blocks) in `core/src`.
const DOC_TESTS_FLOOR: usize = 1390;
/// Items the front page and the docs lean on: each must keep an example (file, item name).
const MUST_HAVE_EXAMPLE: &[(&str, &str)] = &[
    ("table.rs", "rows"),
    ("table.rs", "sorted_by"),
    ("table.rs", "sorted_by_desc"),
    ("table.rs", "values"),
    ("table/rows.rs", "Rows"),
    ("table/rows.rs", "Cell"),
    ("table/rows.rs", "Row"),
    ("scoring/error.rs", "DiagnosticCode"),
    ("fixed.rs", "Fixed"),
    ("io/dataset.rs", "from_json"),
    ("io/dataset.rs", "to_json"),
    ("scoring/typed.rs", "score"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The text of a doc-comment line (`///` or `//!`) without its marker, or `None`.
fn doc_text(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t
        .strip_prefix("///")
        .filter(|r| !r.starts_with('/'))
        .or_else(|| t.strip_prefix("//!"))?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

/// Whether a code block's info string makes it a doc test.
fn is_doc_test(info: &str) -> bool {
    let info = info.trim();
    info.is_empty()
        || info.split(',').map(str::trim).all(|t| {
            matches!(t, "rust" | "no_run" | "should_panic" | "compile_fail")
                || t.starts_with("edition")
        })
}

/// The doc tests of a block of doc-comment lines.
fn doc_tests(lines: &[&str]) -> usize {
    let mut n = 0;
    let mut open = false;
    for l in lines {
        if let Some(info) = l.trim_start().strip_prefix("```") {
            if !open && is_doc_test(info) {
                n += 1;
            }
            open = !open;
        }
    }
    n
}

/// A public item's kind and name, when `line` declares one.
fn public_item(line: &str) -> Option<(&str, &str)> {
    let mut words = line.trim_start().strip_prefix("pub ")?.split_whitespace();
    let mut kind = words.next()?;
    while matches!(kind, "const" | "unsafe" | "async" | "extern") {
        // `pub const fn`, `pub unsafe fn`; a bare `pub const NAME` is a constant.
        let next = words.clone().next()?;
        if matches!(next, "fn" | "unsafe" | "async" | "extern") {
            kind = words.next()?;
        } else {
            break;
        }
    }
    if !matches!(
        kind,
        "fn" | "struct" | "enum" | "trait" | "type" | "const" | "static"
    ) {
        return None;
    }
    let name = words.next()?;
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    Some((kind, &name[..end]))
}

/// The doc-comment lines above line `i` (across attributes, multi-line ones included).
fn doc_above<'a>(lines: &[&'a str], i: usize) -> Vec<&'a str> {
    let mut doc = Vec::new();
    let mut j = i;
    while j > 0 {
        j -= 1;
        let t = lines[j].trim();
        if let Some(d) = doc_text(lines[j]) {
            doc.push(d);
        } else if t.starts_with("#[") || t.starts_with("//") {
        } else if t.ends_with(")]") || t.ends_with(',') || t.ends_with('(') {
            // The inside or the end of a multi-line attribute: go up to its `#[`.
            match (0..j)
                .rev()
                .take(60)
                .find(|&k| lines[k].trim().starts_with("#["))
            {
                Some(k) => j = k,
                None => break,
            }
        } else {
            break;
        }
    }
    doc.reverse();
    doc
}

struct Counts {
    doc_tests: usize,
    items: usize,
    items_with_example: usize,
    modules: usize,
    modules_with_example: usize,
    missing: BTreeMap<String, Vec<String>>,
    modules_missing: Vec<String>,
    with_example: Vec<(String, String)>,
}

/// The crate-private top-level modules (`mod x;`, `pub(crate) mod x;` in `lib.rs`): not on
/// docs.rs, so not counted.
fn private_modules(src: &Path) -> Vec<String> {
    fs::read_to_string(src.join("lib.rs"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("mod ")
                .or_else(|| l.strip_prefix("pub(crate) mod "))
                .and_then(|r| r.strip_suffix(';'))
                .map(str::to_string)
        })
        .collect()
}

fn count() -> Counts {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut c = Counts {
        doc_tests: 0,
        items: 0,
        items_with_example: 0,
        modules: 0,
        modules_with_example: 0,
        missing: BTreeMap::new(),
        modules_missing: Vec::new(),
        with_example: Vec::new(),
    };
    let private = private_modules(&src);
    for f in files {
        let rel = f
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel.split(['/', '.']).next().unwrap_or_default();
        if private.iter().any(|m| m == top) {
            continue;
        }
        let text = fs::read_to_string(&f).unwrap();
        let all: Vec<&str> = text.lines().collect();
        // Unit tests are not documentation: stop at `#[cfg(test)] mod …`.
        let end = (0..all.len())
            .find(|&k| {
                all[k].trim() == "#[cfg(test)]"
                    && all
                        .get(k + 1)
                        .is_some_and(|n| n.trim_start().starts_with("mod "))
            })
            .unwrap_or(all.len());
        let lines = &all[..end];
        let docs: Vec<&str> = lines.iter().filter_map(|l| doc_text(l)).collect();
        c.doc_tests += doc_tests(&docs);
        let module: Vec<&str> = lines
            .iter()
            .filter(|l| l.trim_start().starts_with("//!"))
            .filter_map(|l| doc_text(l))
            .collect();
        if !module.is_empty() {
            c.modules += 1;
            if doc_tests(&module) > 0 {
                c.modules_with_example += 1;
            } else {
                c.modules_missing.push(rel.clone());
            }
        }
        // The closing line of the public trait being read: its methods are public items.
        let mut in_trait: Option<String> = None;
        for (i, l) in lines.iter().enumerate() {
            if in_trait.as_deref() == Some(l.trim_end()) {
                in_trait = None;
            }
            let item = public_item(l).or_else(|| {
                in_trait.as_ref()?;
                let rest = l.trim_start().strip_prefix("fn ")?;
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                Some(("fn", &rest[..end]))
            });
            let Some((kind, name)) = item else {
                continue;
            };
            if kind == "trait" && l.trim_end().ends_with('{') {
                let indent = &l[..l.len() - l.trim_start().len()];
                in_trait = Some(format!("{indent}}}"));
            }
            c.items += 1;
            if doc_tests(&doc_above(lines, i)) > 0 {
                c.items_with_example += 1;
                c.with_example.push((rel.clone(), name.to_string()));
            } else {
                c.missing
                    .entry(rel.clone())
                    .or_default()
                    .push(format!("{kind} {name} (line {})", i + 1));
            }
        }
    }
    c
}

#[test]
fn every_public_item_and_module_has_an_example() {
    let c = count();
    let summary = format!(
        "doc tests: {} (floor {DOC_TESTS_FLOOR}); public items with an example: {} of {}; \
         modules with an example: {} of {}",
        c.doc_tests, c.items_with_example, c.items, c.modules_with_example, c.modules
    );
    println!("{summary}");
    let mut missing = String::new();
    for (file, items) in &c.missing {
        missing.push_str(&format!("{file}: {}\n", items.join(", ")));
    }
    for file in &c.modules_missing {
        missing.push_str(&format!("{file}: the module doc (//!)\n"));
    }
    if std::env::var_os("DOC_EXAMPLES_LIST").is_some() {
        print!("{missing}");
    }
    for (file, name) in MUST_HAVE_EXAMPLE {
        assert!(
            c.with_example.iter().any(|(f, n)| f == file && n == name),
            "`{name}` in core/src/{file} has no example in its doc comment"
        );
    }
    assert!(
        missing.is_empty(),
        "every public item and every module doc has an example (issue 21); without one:\n{missing}"
    );
    assert!(
        c.items > 1000 && c.modules > 100,
        "the counter found too few items to be reading core/src: {summary}"
    );
    assert!(
        c.doc_tests >= DOC_TESTS_FLOOR,
        "fewer doc tests than the floor of core/tests/doc_examples.rs: {summary}"
    );
}

#[test]
fn the_counter_reads_doc_comments_as_rustdoc_does() {
    let src = [
        "/// Adds.",
        "///",
        "/// ```",
        "/// assert_eq!(1 + 1, 2);",
        "/// ```",
        "#[derive(",
        "    Debug, Clone,",
        ")]",
        "#[must_use]",
        "pub const fn add() {}",
        "/// ```text",
        "/// not a test",
        "/// ```",
        "pub struct S;",
        "//// not a doc comment",
        "pub(crate) fn hidden() {}",
        "pub const N: u8 = 1;",
    ];
    assert_eq!(doc_tests(&doc_above(&src, 9)), 1);
    assert_eq!(public_item(src[9]), Some(("fn", "add")));
    assert_eq!(doc_tests(&doc_above(&src, 13)), 0);
    assert_eq!(public_item(src[13]), Some(("struct", "S")));
    assert_eq!(public_item(src[15]), None);
    assert_eq!(public_item(src[16]), Some(("const", "N")));
    assert_eq!(doc_text(src[14]), None);
    assert!(is_doc_test("rust,no_run") && !is_doc_test("json") && !is_doc_test("ignore"));
}
