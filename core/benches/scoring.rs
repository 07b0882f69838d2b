//! Scoring benchmark (placeholder).
fn main() {}
