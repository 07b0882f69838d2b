//! What the core asks of the host in the WebAssembly build: Unicode NFC of names and ids by the
//! JavaScript engine (`String.prototype.normalize("NFC")`), registered when the module starts,
//! so the module carries no normalization tables (the core's feature `host-nfc`, turned on for
//! wasm32 only in `Cargo.toml`; `dangjian::text::set_host_nfc`). ASCII, Latin-1 and CJK text
//! never crosses to JavaScript for this (`dangjian::text::is_nfc_fast`).

/// `s` in NFC by the engine.
#[cfg(target_arch = "wasm32")]
fn nfc(s: &str) -> String {
    String::from(js_sys::JsString::from(s).normalize("NFC"))
}

/// Registers the engine's NFC with the core (once; later calls change nothing).
pub(crate) fn register() {
    #[cfg(target_arch = "wasm32")]
    let _ = dangjian::text::set_host_nfc(nfc);
}
