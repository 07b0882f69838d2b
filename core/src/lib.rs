//! # dangjian — community party-organization domain library
//!
//! A pure Rust core that models Chinese community party organizations (社区党组织) exactly and
//! with history: the organization tree ([`org`]), members and their lifecycle ([`member`]) held
//! in a [`Registry`] whose state can be asked for as of any date, data in and out ([`io`]),
//! personal-data masking ([`privacy`]) and a deterministic synthetic community ([`synth`]).
//!
//! Dates are [`chrono::NaiveDate`] and always explicit: nothing here reads the clock.
//!
//! ```
//! use dangjian::{synth, Registry};
//! let ds = synth::sample_community();
//! let reg = ds.to_registry().unwrap();
//! let d = synth::SAMPLE_AS_OF;
//! assert_eq!(reg.headcount_on(d), 158); // seed 000: 158 members after four years
//! ```
//!
//! ## Walk-through: load → apply → score → explain → save
//!
//! With `default-features = false` (no file system, no workbooks: JSON text in and out), an
//! application reads its dataset, applies a batch of lifecycle events to the registry (all or
//! nothing), scores a month (and reads the table by rows), explains one member's points and
//! saves the dataset back:
//!
//! ```
//! use dangjian::chrono::NaiveDate;
//! use dangjian::io::Dataset;
//! use dangjian::member::{EventRecord, EventType};
//! use dangjian::scoring::{Mode, Period, RuleSet, Scorer};
//! use dangjian::table::{Cell, Table};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // 1. Load: a dataset as JSON (here the bundled sample community, written out and read back).
//! let text = dangjian::synth::sample_community().to_json()?;
//! let ds = Dataset::from_json(&text)?;
//! let mut reg = ds.to_registry()?;
//!
//! // 2. Apply: a batch of events, checked against every rule of the member's history; a
//! //    rejected batch leaves the registry unchanged and names the event and the rule.
//! let member = reg.members().first().map(|m| m.id.clone()).unwrap_or_default();
//! let date = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
//! match reg.apply(vec![EventRecord::new(&member, date, EventType::Died)]) {
//!     Ok(summary) => println!("applied: {summary:?}"),
//!     Err(e) => println!("refused ({}): {e}", e.code()),
//! }
//!
//! // 3. Score: October 2026 under the default member rule set.
//! let scorer = Scorer::new(&reg, &ds.activities, Mode::Lenient)?;
//! let october: Period = "2026-10".parse()?;
//! let rules = RuleSet::member_default();
//! let scored = scorer.score(&rules, october)?;
//! assert!(!scored.table.is_empty());
//! // Every report table reads as rows of typed cells too, in table order or sorted.
//! for row in scored.table.sorted_by_desc("total").ok_or("no total column")?.take(3) {
//!     let (who, total) = (row.get("subject"), row.fixed("total"));
//!     println!("{} {}", who.unwrap_or(Cell::Empty), total.unwrap_or_default());
//! }
//!
//! // 4. Explain: where the best member's points come from.
//! let best = scored.table.sorted_by_desc("total").and_then(|mut rows| rows.next());
//! let subject = best.and_then(|r| r.text("subject").map(|s| s.into_owned())).unwrap_or_default();
//! let why = scorer.explain(&rules, october, &subject)?;
//! println!("{}", serde_json::to_string(&why)?);
//!
//! // 5. Save: the dataset as JSON again (`Dataset::to_json`; with the `fs` feature
//! //    `io::write_atomic` writes it to a file without ever leaving half a file).
//! let saved = ds.to_json()?;
//! assert_eq!(Dataset::from_json(&saved)?, ds);
//! # Ok(())
//! # }
//! ```
// The WebAssembly build (bindings-wasm/build.sh) compiles the core for size and the hot
// functions for speed (`#[optimize(speed)]`, an unstable attribute: `--cfg dangjian_speed`),
// all marked through one macro, `speed::hot!`.
#![cfg_attr(dangjian_speed, feature(optimize_attribute))]
// Every public item is documented (also set in `[workspace.lints]`; CI denies warnings), and
// core/tests/doc_examples.rs keeps the count of doc tests from shrinking.
#![warn(missing_docs)]

pub mod agenda;
pub mod assessment;
pub mod calendar;
pub mod catalogue;
pub mod community;
pub mod compliance;
pub mod declaration;
pub mod ffi;
pub mod fixed;
pub mod hash;
mod invariant;
pub mod io;
// The path of a JSON parse error (one of the lowest layers: io and scoring both parse JSON).
pub(crate) mod json_path;
pub mod limits;
pub mod member;
pub mod org;
pub mod post;
pub mod practice;
pub mod privacy;
pub mod registry;
pub mod report;
pub mod scope;
pub mod scoring;
mod sort;
mod speed;
pub mod stats;
#[cfg(feature = "store")]
pub mod store;
pub mod synth;
pub mod table;
pub mod text;
pub mod year;

pub use registry::{MemberIdx, Registry, RegistryError};

/// The date library of the API (`chrono::NaiveDate` everywhere), re-exported so that an
/// application uses the same version: `dangjian::chrono::NaiveDate`.
pub use chrono;

/// Crate version (`MAJOR.MINOR.PATCH`), the same as the Python module's `__version__`.
///
/// # Examples
///
/// ```
/// let parts: Vec<u32> = dangjian::VERSION.split('.').map(str::parse).collect::<Result<_, _>>()?;
/// assert_eq!(parts.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's examples run as doc tests (rustdoc collects them from crate-private items too).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
#[allow(dead_code)]
pub(crate) struct ReadmeDoctests;
