//! WebAssembly bindings for `dangjian` (placeholder).
//!
//! Built by `bindings-wasm/build.sh` into `bindings-wasm/pkg/` with
//! `wasm-bindgen --target web`; the same package is loaded by the browser demo
//! (`init()`) and by the node tests (`initSync({ module: bytes })`).

use wasm_bindgen::prelude::*;

/// Return the version of the underlying Rust core.
#[wasm_bindgen]
pub fn version() -> String {
    dangjian::VERSION.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_matches_core() {
        assert_eq!(version(), dangjian::VERSION);
    }
}
