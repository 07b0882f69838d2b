//! Fuzz entry points of the dangjian core (see `entry.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod entry;
