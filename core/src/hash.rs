//! Keyed hashing for indexes whose keys come from input (member, organization and activity
//! ids), against hash flooding.
//!
//! An unkeyed hash (FxHash, as before) lets anyone craft ids that share one hash offline: every
//! insert then compares against every earlier id and loading becomes quadratic (100,000
//! crafted member ids: 71.6 s against 0.31 s). The indexes here hash with **aHash** keyed by a
//! 256-bit secret drawn once per process, which an author of a data file cannot know.
//!
//! Where the key comes from:
//! - **native**: from the standard library's `RandomState`, whose SipHash keys come from the
//!   operating system's random source; the four 64-bit seeds are `RandomState::hash_one(i)` for
//!   `i` in `0..4`, i.e. a PRF of a random 128-bit key;
//! - **WebAssembly** (`wasm32-unknown-unknown`): the standard library has no random source
//!   there and its `RandomState` keys are constant, and `getrandom` needs a JavaScript shim. So
//!   the host gives the key: the wasm binding calls [`set_seed`] with values from the browser's
//!   or Node's random source when the module starts. Without it the key is the constant
//!   fallback (predictable: only then could crafted ids flood an index).
//!
//! Not chosen: a key derived from the input itself (the attacker controls it, so they can
//! precompute), a compile-time constant (the same for every copy of the program), SipHash via
//! `std::hash::SipHasher` (deprecated). aHash is built without its `runtime-rng` feature
//! (which pulls `getrandom`), with explicit seeds. The maps' iteration order is never used for
//! output, so a per-process key changes no result.
//!
//! ```
//! use std::hash::BuildHasher;
//! let s = dangjian::hash::IdState::default();
//! assert_eq!(s.hash_one("XF001"), dangjian::hash::IdState::default().hash_one("XF001"));
//! ```

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::OnceLock;

static SEED: OnceLock<[u64; 4]> = OnceLock::new();

/// Sets the process-wide hash key. Only the first call before any index is built takes
/// effect; returns whether this call set it. Meant for hosts without an operating-system
/// random source (the WebAssembly binding).
///
/// ```
/// // Native builds draw their own key; a later call changes nothing.
/// let _ = dangjian::hash::IdState::default();
/// assert!(!dangjian::hash::set_seed([1, 2, 3, 4]));
/// ```
pub fn set_seed(seed: [u64; 4]) -> bool {
    SEED.set(seed).is_ok()
}

fn seed() -> [u64; 4] {
    *SEED.get_or_init(|| {
        let rs = std::collections::hash_map::RandomState::new();
        [
            rs.hash_one(0u64),
            rs.hash_one(1u64),
            rs.hash_one(2u64),
            rs.hash_one(3u64),
        ]
    })
}

/// The keyed [`BuildHasher`] of the id indexes (aHash with the process key).
///
/// # Examples
///
/// ```
/// use std::hash::BuildHasher;
/// use dangjian::hash::IdState;
/// let s = IdState::default();
/// // One key per process: equal ids hash alike, and the key is never printed.
/// assert_eq!(s.hash_one("XF001"), s.clone().hash_one("XF001"));
/// assert_eq!(format!("{s:?}"), "IdState");
/// ```
#[derive(Clone)]
pub struct IdState(ahash::RandomState);

impl Default for IdState {
    fn default() -> Self {
        let [a, b, c, d] = seed();
        IdState(ahash::RandomState::with_seeds(a, b, c, d))
    }
}

impl std::fmt::Debug for IdState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is a secret: never printed.
        f.write_str("IdState")
    }
}

impl BuildHasher for IdState {
    type Hasher = ahash::AHasher;
    #[inline]
    fn build_hasher(&self) -> ahash::AHasher {
        self.0.build_hasher()
    }
}

/// A hash map keyed by ids from input.
///
/// # Examples
///
/// ```
/// use dangjian::hash::IdMap;
/// let mut seen: IdMap<&str, usize> = IdMap::default();
/// *seen.entry("XF001").or_default() += 1;
/// *seen.entry("XF001").or_default() += 1;
/// assert_eq!(seen.get("XF001"), Some(&2));
/// ```
pub type IdMap<K, V> = HashMap<K, V, IdState>;
/// A hash set of ids from input.
///
/// # Examples
///
/// ```
/// use dangjian::hash::IdSet;
/// let mut ids: IdSet<String> = IdSet::default();
/// assert!(ids.insert("XF001".to_string()));
/// assert!(!ids.insert("XF001".to_string()));
/// assert_eq!(ids.len(), 1);
/// ```
pub type IdSet<K> = HashSet<K, IdState>;
