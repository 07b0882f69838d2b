//! dangjian: community party-organization domain library.

/// Crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
