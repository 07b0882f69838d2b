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
// The WebAssembly build (bindings-wasm/build.sh) compiles the core for size and the hot
// functions for speed (`#[optimize(speed)]`, an unstable attribute: `--cfg dangjian_speed`).
#![cfg_attr(dangjian_speed, feature(optimize_attribute))]

pub mod agenda;
pub mod catalogue;
pub mod compliance;
pub mod fixed;
pub mod hash;
pub mod io;
pub mod limits;
pub mod member;
pub mod org;
pub mod post;
pub mod privacy;
pub mod registry;
pub mod report;
pub mod scope;
pub mod scoring;
pub mod stats;
#[cfg(feature = "store")]
pub mod store;
pub mod synth;
pub mod table;
pub mod text;
pub mod year;

pub use registry::{MemberIdx, Registry, RegistryError};

/// Crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
