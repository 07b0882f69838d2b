//! What the core asks of the host when a WebAssembly module of the package starts (the main
//! module and, through `#[path]`, the second one in `bindings-wasm/report`):
//!
//! - the core's hash key (`dangjian::hash`), since `wasm32-unknown-unknown` has no random
//!   source of its own: from `crypto.getRandomValues`, mixed with `Math.random` (also the
//!   fallback where `crypto` is missing);
//! - Unicode NFC of names and ids by the JavaScript engine (`String.prototype.normalize("NFC")`),
//!   so the module carries no normalization tables (the core's feature `host-nfc`, turned on for
//!   wasm32 only in `Cargo.toml`; `dangjian::text::set_host_nfc`). ASCII, Latin-1 and CJK text
//!   never crosses to JavaScript for this (`dangjian::text::is_nfc_fast`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues` (browsers, Node 19+); throws where there is no `crypto`.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;
}

/// Runs when the module is instantiated: the hash key and the engine's NFC.
#[wasm_bindgen(start)]
fn start() {
    let mut bytes = [0u8; 32];
    let _ = get_random_values(&mut bytes);
    let mut seed = [0u64; 4];
    for (i, s) in seed.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        if let Some(chunk) = bytes.get(i * 8..i * 8 + 8) {
            b.copy_from_slice(chunk);
        }
        // 52 random bits of Math.random, spread over the word.
        let m = (js_sys::Math::random() * 4_503_599_627_370_496.0) as u64;
        *s = u64::from_le_bytes(b) ^ m.rotate_left(12 * i as u32);
    }
    dangjian::hash::set_seed(seed);
    #[cfg(target_arch = "wasm32")]
    let _ = dangjian::text::set_host_nfc(nfc);
}

/// `s` in NFC by the engine.
#[cfg(target_arch = "wasm32")]
fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}
