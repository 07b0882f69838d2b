//! The layer order of the library's top-level modules (docs/architecture.md): a module may
//! name (`crate::<module>`) only modules of a lower layer or of its own layer's earlier
//! entries... more precisely, only modules listed before it in [`LAYERS`]. Unit tests
//! (`#[cfg(test)]` modules) may use anything (the sample community is a fixture).
//!
//! A new top-level module must be added to [`LAYERS`]: the test fails until it has a place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom to top. A module may use the modules before it, never one after it.
const LAYERS: &[&str] = &[
    // Foundations: no domain knowledge.
    "speed",
    "invariant",
    "sort",
    "text",
    "hash",
    "fixed",
    "limits",
    "json_path",
    "privacy",
    "calendar",
    "table",
    // The domain model.
    "org",
    "member",
    "registry",
    "catalogue",
    // Rules over the model.
    "scoring",
    "declaration",
    "post",
    "practice",
    "stats",
    "compliance",
    "year",
    // The dataset format and what is built on it.
    "io",
    "scope",
    "assessment",
    "agenda",
    "report",
    "synth",
    "community",
    "store",
    // The boundary: every error as one report for the bindings.
    "ffi",
];

// No arrow is allowed to point up: there is no list of exceptions. The last two (session 8)
// were removed by moving code down: the constructors reading the year's records from an
// `io::Dataset` live in `io/books.rs` with the other books', and the election facts read by
// both the monthly report and the agenda live in `compliance` (below both).

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source of `text` without comments, string contents and `#[cfg(test)]` items.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0i32;
    let mut pending_test = false;
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let t = code.trim();
        if t.starts_with("#[cfg(test)]") || (t.starts_with("#[cfg(all(test") && t.ends_with("]")) {
            pending_test = true;
            continue;
        }
        let opens = code.matches('{').count() as i32;
        let closes = code.matches('}').count() as i32;
        if pending_test && skip_depth.is_none() {
            if t.ends_with(';') {
                pending_test = false;
                continue;
            }
            if opens > 0 {
                skip_depth = Some(depth);
                pending_test = false;
            }
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        // Drop string literals (messages may mention paths).
        let mut s = String::new();
        let mut in_str = false;
        let mut prev = ' ';
        for c in code.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                s.push(c);
            }
            prev = c;
        }
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// Root-level re-exports of lib.rs (`pub use registry::{MemberIdx, Registry}`): name → module.
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for stmt in lib.split(';') {
        let t = stmt.trim();
        let Some(rest) = t.strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_start_matches("crate::");
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        for n in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            let n = n.trim().rsplit(" as ").next().unwrap_or("").trim();
            if !n.is_empty() {
                m.insert(n.to_string(), module.to_string());
            }
        }
    }
    m
}

/// Top-level modules named by `code`: `crate::x::…`, `crate::{x::…, y::…}`, `crate::Name`.
fn named_modules(code: &str, roots: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            // A group: every first segment at brace depth 0.
            let mut depth = 0;
            let mut seg = String::new();
            let mut first = true;
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        first = true;
                        seg.clear();
                        continue;
                    }
                    _ => {}
                }
                if first && depth == 0 {
                    if c.is_alphanumeric() || c == '_' {
                        seg.push(c);
                    } else if !seg.is_empty() {
                        out.push(seg.clone());
                        first = false;
                    }
                }
            }
            if first && !seg.is_empty() {
                out.push(seg);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out.into_iter()
        .map(|n| roots.get(&n).cloned().unwrap_or(n))
        .collect()
}

/// Every arrow pointing up in `files` (each: the top-level module it belongs to, its path as
/// shown, its source), or a module without a place in [`LAYERS`].
fn arrows_up(files: &[(String, String, String)], roots: &BTreeMap<String, String>) -> Vec<String> {
    let rank: BTreeMap<&str, usize> = LAYERS.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut problems = Vec::new();
    for (name, shown, text) in files {
        let Some(&mine) = rank.get(name.as_str()) else {
            problems.push(format!(
                "`{name}` has no place in the layer order: add it to LAYERS in core/tests/layers.rs and to docs/architecture.md"
            ));
            continue;
        };
        for m in named_modules(&code_of(text), roots) {
            if m == *name || m == "self" || m == "super" {
                continue;
            }
            if let Some(&theirs) = rank.get(m.as_str()) {
                if theirs > mine {
                    problems.push(format!(
                        "{shown}: `{name}` uses `crate::{m}`, a higher layer"
                    ));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

#[test]
fn layers_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    let roots = root_names(&code_of(&lib));
    let mut sources = Vec::new();
    for e in fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if name == "lib" || name == "bin" {
            continue;
        }
        let mut files = Vec::new();
        if p.is_dir() {
            rust_files(&p, &mut files);
        } else {
            files.push(p.clone());
        }
        for f in files {
            let shown = f.strip_prefix(&src).unwrap_or(&f).display().to_string();
            sources.push((name.clone(), shown, fs::read_to_string(&f).unwrap()));
        }
    }
    let problems = arrows_up(&sources, &roots);
    assert!(
        problems.is_empty(),
        "arrows pointing up:\n{}",
        problems.join("\n")
    );
}

#[test]
fn an_upward_arrow_fails() {
    let roots = root_names("pub use report::{MonthlyReport, ReportError};");
    let file = |m: &str, code: &str| (m.to_string(), format!("{m}/mod.rs"), code.to_string());
    // The two arrows removed in session 8, written back: both are reported; the arrows that
    // point down (the report carries the agenda, the agenda reads the election facts) are not.
    let problems = arrows_up(
        &[
            file("year", "use crate::io::Dataset;\nfn f(ds: &Dataset) {}"),
            file(
                "agenda",
                "let f = crate::report::election_facts(ds, reg, as_of);",
            ),
            file("agenda", "fn e(e: Box<crate::ReportError>) {}"),
            file(
                "report",
                "let a = crate::agenda::Agenda::build(ds, reg, last, 31);",
            ),
            file(
                "agenda",
                "use crate::{compliance::election_facts, io::Dataset};",
            ),
            file("newroom", "use crate::org::OrgId;"),
        ],
        &roots,
    );
    assert_eq!(
        problems,
        [
            "`newroom` has no place in the layer order: add it to LAYERS in core/tests/layers.rs and to docs/architecture.md",
            "agenda/mod.rs: `agenda` uses `crate::report`, a higher layer",
            "year/mod.rs: `year` uses `crate::io`, a higher layer",
        ]
    );
    // Inside a unit test module, anything goes.
    let test_only = "#[cfg(test)]\nmod tests {\n    use crate::synth::sample_community;\n}\n";
    assert!(arrows_up(&[file("year", test_only)], &roots).is_empty());
}

#[test]
fn the_parser_sees_groups_and_root_names() {
    let roots = root_names("pub use registry::{MemberIdx, Registry, RegistryError};");
    let code =
        "use crate::{io::Dataset, org::{OrgId, OrgTree}, Registry};\nlet x = crate::stats::f();";
    assert_eq!(
        named_modules(code, &roots),
        ["io", "org", "registry", "stats"]
    );
    let skipped =
        code_of("use crate::io::X;\n#[cfg(test)]\nmod tests {\n    use crate::synth::Y;\n}\n");
    assert_eq!(named_modules(&skipped, &roots), ["io"]);
}

#[test]
fn public_type_names_are_unique() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in files {
        for line in fs::read_to_string(&f).unwrap().lines() {
            let t = line.trim_start();
            for kw in ["pub struct ", "pub enum ", "pub trait ", "pub type "] {
                if let Some(rest) = t.strip_prefix(kw) {
                    let n: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if n.is_empty() {
                        continue;
                    }
                    seen.entry(n)
                        .or_default()
                        .push(f.strip_prefix(&src).unwrap_or(&f).display().to_string());
                }
            }
        }
    }
    let dups: Vec<String> = seen
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(n, v)| format!("{n}: {}", v.join(", ")))
        .collect();
    assert!(
        dups.is_empty(),
        "public type names defined twice:\n{}",
        dups.join("\n")
    );
}

#[test]
fn speed_tuning_stays_in_its_place() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let speed = fs::read_to_string(src.join("speed.rs")).unwrap();
    // The table of core/src/speed.rs: `| `file` | count |`.
    let mut listed = BTreeMap::new();
    for line in speed.lines() {
        let cells: Vec<&str> = line
            .trim_start_matches("//!")
            .split('|')
            .map(|c| c.trim().trim_matches('`'))
            .collect();
        if let [_, file, n, _] = cells[..] {
            if let Ok(n) = n.parse::<usize>() {
                listed.insert(file.to_string(), n);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = BTreeMap::new();
    let mut stray = Vec::new();
    for f in files {
        let shown = f
            .strip_prefix(&src)
            .unwrap_or(&f)
            .display()
            .to_string()
            .replace('\\', "/");
        let code = code_of(&fs::read_to_string(&f).unwrap());
        let hot = code.matches("hot! {").count();
        if hot > 0 && shown != "speed.rs" {
            found.insert(shown.clone(), hot);
        }
        if code.contains("dangjian_speed") && shown != "speed.rs" && shown != "lib.rs" {
            stray.push(shown);
        }
    }
    assert!(
        stray.is_empty(),
        "`dangjian_speed` named outside speed.rs: {stray:?}"
    );
    assert_eq!(
        found, listed,
        "the `hot!` functions (left) and the list in core/src/speed.rs (right) disagree"
    );
}
