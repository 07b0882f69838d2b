//! Keyed pseudonyms (HMAC-SHA256) for the analysis exports.
//!
//! # Examples
//!
//! ```
//! use dangjian::privacy::{Pseudonymizer, MIN_KEY_BYTES};
//! let key = b"a key of 16 bytes";
//! assert!(key.len() >= MIN_KEY_BYTES);
//! let p = Pseudonymizer::new(key);
//! assert_eq!(p.pseudonym("M1"), Pseudonymizer::new(key).pseudonym("M1")); // stable, so tables join
//! ```

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Replaces identifiers with keyed hashes (HMAC-SHA256) for exports handed to analysts.
///
/// The same key gives the same pseudonym for the same id, so tables can still be joined; without
/// the key the mapping cannot be reversed or recomputed.
///
/// ```
/// use dangjian::privacy::Pseudonymizer;
/// let p = Pseudonymizer::new(b"secret key");
/// let a = p.pseudonym("M0001");
/// assert_eq!(a, p.pseudonym("M0001"));
/// assert_ne!(a, Pseudonymizer::new(b"other key").pseudonym("M0001"));
/// assert_eq!(a.len(), 16);
/// ```
#[derive(Clone)]
pub struct Pseudonymizer {
    mac: Hmac<Sha256>,
    key_len: usize,
}

/// Shortest key accepted by the analysis exports (`stats::prepare`), in bytes: 128 bits, so
/// that pseudonyms cannot be recomputed by trying keys (an empty or short key made them
/// reversible by anyone who can list the member ids).
///
/// # Examples
///
/// ```
/// use dangjian::privacy::{Pseudonymizer, MIN_KEY_BYTES};
/// assert_eq!(MIN_KEY_BYTES, 16);
/// assert!(Pseudonymizer::new(b"too short").key_len() < MIN_KEY_BYTES);
/// ```
pub const MIN_KEY_BYTES: usize = 16;

impl std::fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pseudonymizer(<key hidden>)")
    }
}

impl Pseudonymizer {
    /// A pseudonymizer keyed by `key` (any length; HMAC accepts every key size).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::privacy::Pseudonymizer;
    /// let p = Pseudonymizer::new(b"0123456789abcdef");
    /// assert_eq!(p.key_len(), 16);
    /// assert_eq!(format!("{p:?}"), "Pseudonymizer(<key hidden>)");
    /// ```
    pub fn new(key: &[u8]) -> Self {
        // HMAC is defined for keys of any length, so this cannot fail; fall back to an empty key
        // rather than panicking should the crate ever change that.
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
            .unwrap_or_else(|_| <Hmac<Sha256> as KeyInit>::new(&Default::default()));
        Pseudonymizer {
            mac,
            key_len: key.len(),
        }
    }

    /// Length of the key in bytes (exports refuse keys shorter than [`MIN_KEY_BYTES`]).
    ///
    /// ```
    /// assert_eq!(dangjian::privacy::Pseudonymizer::new(b"").key_len(), 0);
    /// ```
    pub fn key_len(&self) -> usize {
        self.key_len
    }

    /// The pseudonym of `id`: the first 16 hex digits (64 bits) of HMAC-SHA256(key, id).
    ///
    /// # Examples
    ///
    /// ```
    /// let p = dangjian::privacy::Pseudonymizer::new(b"0123456789abcdef");
    /// let a = p.pseudonym("XF001");
    /// assert_eq!(a.len(), 16);
    /// assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    /// assert_ne!(a, p.pseudonym("XF002"));
    /// ```
    pub fn pseudonym(&self, id: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(id.as_bytes());
        let bytes = mac.finalize().into_bytes();
        bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }
}
