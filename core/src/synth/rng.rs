//! The generator of the synthetic data ([`Rng`], SplitMix64): fully specified, so a seed gives
//! the same community on every platform.
//!
//! ```
//! use dangjian::synth::Rng;
//! let mut rng = Rng::new(2026);
//! let dice: Vec<u64> = (0..3).map(|_| rng.below(6) + 1).collect();
//! let mut again = Rng::new(2026);
//! assert_eq!(dice, (0..3).map(|_| again.below(6) + 1).collect::<Vec<_>>());
//! ```

/// SplitMix64: a tiny, fast, fully specified generator, so that the same seed gives the same
/// community on every platform and in every version of this library.
///
/// # Examples
///
/// ```
/// use dangjian::synth::Rng;
/// let mut a = Rng::new(2026);
/// let mut b = Rng::new(2026);
/// let draws: Vec<u64> = (0..5).map(|_| a.below(6)).collect();
/// assert_eq!(draws, (0..5).map(|_| b.below(6)).collect::<Vec<_>>()); // same seed, same draws
/// assert!(draws.iter().all(|&d| d < 6));
/// ```
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::Rng;
    /// assert_eq!(Rng::new(7).next_u64(), Rng::new(7).next_u64());
    /// assert_ne!(Rng::new(7).next_u64(), Rng::new(8).next_u64());
    /// ```
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::Rng;
    /// // SplitMix64's first output for seed 0.
    /// assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::Rng;
    /// let mut rng = Rng::new(1);
    /// assert!((0..100).all(|_| rng.below(10) < 10));
    /// assert_eq!(rng.below(0), 0);
    /// ```
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::Rng;
    /// let mut rng = Rng::new(1);
    /// let ages: Vec<i64> = (0..100).map(|_| rng.range(18, 35)).collect();
    /// assert!(ages.iter().all(|a| (18..=35).contains(a)));
    /// assert_eq!(rng.range(5, 5), 5);
    /// ```
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::Rng;
    /// let mut rng = Rng::new(1);
    /// assert!((0..100).all(|_| rng.chance(100)));
    /// assert!((0..100).all(|_| !rng.chance(0)));
    /// ```
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A random element of `items`.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::synth::Rng;
    /// let mut rng = Rng::new(1);
    /// let branch = rng.pick(&["B1", "B2", "B3"]);
    /// assert!(matches!(branch, Some(&("B1" | "B2" | "B3"))));
    /// assert_eq!(rng.pick::<&str>(&[]), None);
    /// ```
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }
}
