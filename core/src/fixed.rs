//! Exact fixed-point numbers with three decimals, for points and quantities.
//!
//! A [`Fixed`] is an `i64` count of thousandths: `1.5` is stored as `1500`. Sums are exact and
//! independent of order; products round half away from zero to the nearest thousandth. In JSON
//! a value may be written as a number (`1.5`) or a string (`"1.5"`); more than three decimals is
//! an error, never a silent rounding.
//!
//! ```
//! use dangjian::fixed::Fixed;
//! let a: Fixed = "1.5".parse().unwrap();
//! let b = Fixed::from_int(2);
//! assert_eq!((a + b).to_string(), "3.5");
//! assert_eq!(a.checked_mul(b).unwrap().to_string(), "3");
//! assert!("0.0001".parse::<Fixed>().is_err());
//! let j: Fixed = serde_json::from_str("0.1").unwrap();
//! assert_eq!(j.raw(), 100);
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Thousandths in one unit.
///
/// # Examples
///
/// ```
/// use dangjian::fixed::{Fixed, SCALE};
/// assert_eq!(Fixed::ONE.raw(), SCALE);
/// assert_eq!(Fixed::from_raw(SCALE / 2).to_string(), "0.5");
/// ```
pub const SCALE: i64 = 1000;
/// Largest magnitude accepted (10^12 units), so that products of two values fit in `i128` and
/// values survive a trip through a JSON number.
///
/// # Examples
///
/// ```
/// use dangjian::fixed::{Fixed, FixedError, MAX_ABS};
/// assert_eq!(Fixed::from_raw(MAX_ABS).to_string(), "1000000000000");
/// assert!(matches!("1000000000000.001".parse::<Fixed>(), Err(FixedError::OutOfRange(_))));
/// ```
pub const MAX_ABS: i64 = 1_000_000_000_000 * SCALE;

/// A fixed-point number with exactly three decimals (an `i64` of thousandths).
///
/// ```
/// use dangjian::fixed::Fixed;
/// let points: Fixed = "2.5".parse().unwrap();
/// let total = [points, Fixed::from_int(3), Fixed::from_raw(-250)].into_iter().sum::<Fixed>();
/// assert_eq!(total, Fixed::from_raw(5_250));
/// assert_eq!(format!("{total:.1}"), "5.3");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fixed(i64);

/// Why a text or number is not a valid [`Fixed`].
///
/// # Examples
///
/// ```
/// use dangjian::fixed::{Fixed, FixedError};
/// assert!(matches!("1,5".parse::<Fixed>(), Err(FixedError::NotANumber(_))));
/// assert!(matches!("1.2345".parse::<Fixed>(), Err(FixedError::TooPrecise(_))));
/// let e = serde_json::from_str::<Fixed>("0.0001").unwrap_err();
/// assert!(e.to_string().contains("more than three decimals"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixedError {
    /// Not a decimal number.
    #[error("`{0}` is not a decimal number")]
    NotANumber(String),
    /// More than three decimals.
    #[error("`{0}` has more than three decimals")]
    TooPrecise(String),
    /// Magnitude above 10^12.
    #[error("`{0}` is out of range (at most 10^12 in magnitude)")]
    OutOfRange(String),
}

impl Fixed {
    /// Zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// assert_eq!(Fixed::ZERO, Fixed::default());
    /// assert_eq!(Vec::<Fixed>::new().into_iter().sum::<Fixed>(), Fixed::ZERO);
    /// ```
    pub const ZERO: Fixed = Fixed(0);
    /// One.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let x: Fixed = "2.5".parse()?;
    /// assert_eq!(x.checked_mul(Fixed::ONE), Some(x));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const ONE: Fixed = Fixed(SCALE);

    /// From a count of thousandths.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// assert_eq!(Fixed::from_raw(1_500).to_string(), "1.5");
    /// assert_eq!(Fixed::from_raw(-125).to_string(), "-0.125");
    /// ```
    pub const fn from_raw(raw: i64) -> Fixed {
        Fixed(raw)
    }

    /// From a whole number.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// assert_eq!(Fixed::from_int(3), Fixed::from_raw(3_000));
    /// assert_eq!(Fixed::from_int(-2).to_string(), "-2");
    /// ```
    pub const fn from_int(n: i64) -> Fixed {
        Fixed(n * SCALE)
    }

    /// The count of thousandths.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let points: Fixed = "0.25".parse()?;
    /// assert_eq!(points.raw(), 250);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn raw(self) -> i64 {
        self.0
    }

    /// Exact sum, or `None` on overflow.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let a: Fixed = "1.5".parse()?;
    /// assert_eq!(a.checked_add(Fixed::from_raw(250)), Some(Fixed::from_raw(1_750)));
    /// assert_eq!(Fixed::from_raw(i64::MAX).checked_add(Fixed::ONE), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_add(self, o: Fixed) -> Option<Fixed> {
        self.0.checked_add(o.0).map(Fixed)
    }

    /// Product rounded half away from zero to the nearest thousandth, or `None` on overflow.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let rate: Fixed = "0.125".parse()?;
    /// // 0.125 × 0.5 = 0.0625, rounded half away from zero to 0.063.
    /// assert_eq!(rate.checked_mul("0.5".parse()?), Some(Fixed::from_raw(63)));
    /// assert_eq!((-rate).checked_mul("0.5".parse()?), Some(Fixed::from_raw(-63)));
    /// assert_eq!(Fixed::from_raw(i64::MAX).checked_mul(Fixed::from_int(2)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn checked_mul(self, o: Fixed) -> Option<Fixed> {
        let p = i128::from(self.0) * i128::from(o.0);
        let s = i128::from(SCALE);
        let q = if p >= 0 {
            (p + s / 2) / s
        } else {
            (p - s / 2) / s
        };
        i64::try_from(q).ok().map(Fixed)
    }

    /// The smaller of two values.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let cap = Fixed::from_int(10);
    /// assert_eq!(Fixed::from_raw(12_500).min(cap), cap);
    /// ```
    pub fn min(self, o: Fixed) -> Fixed {
        Fixed(self.0.min(o.0))
    }

    /// The larger of two values.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let total = Fixed::from_raw(-3_000);
    /// assert_eq!(total.max(Fixed::ZERO), Fixed::ZERO);
    /// ```
    pub fn max(self, o: Fixed) -> Fixed {
        Fixed(self.0.max(o.0))
    }

    /// Whether the value is zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// assert!("0.000".parse::<Fixed>()?.is_zero());
    /// assert!(!Fixed::from_raw(1).is_zero());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Absolute value.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// assert_eq!(Fixed::from_raw(-1_250).abs().to_string(), "1.25");
    /// ```
    pub fn abs(self) -> Fixed {
        Fixed(self.0.abs())
    }

    fn from_f64(v: f64, shown: &str) -> Result<Fixed, FixedError> {
        if !v.is_finite() {
            return Err(FixedError::NotANumber(shown.into()));
        }
        let scaled = v * SCALE as f64;
        if scaled.abs() > MAX_ABS as f64 {
            return Err(FixedError::OutOfRange(shown.into()));
        }
        let r = scaled.round();
        if (scaled - r).abs() > 1e-9 + scaled.abs() * 4.0 * f64::EPSILON {
            return Err(FixedError::TooPrecise(shown.into()));
        }
        Ok(Fixed(r as i64))
    }
}

impl std::ops::Add for Fixed {
    type Output = Fixed;
    /// Saturating sum (use [`Fixed::checked_add`] to detect overflow).
    fn add(self, o: Fixed) -> Fixed {
        Fixed(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Fixed {
    type Output = Fixed;
    /// Saturating difference.
    fn sub(self, o: Fixed) -> Fixed {
        Fixed(self.0.saturating_sub(o.0))
    }
}

impl std::ops::Neg for Fixed {
    type Output = Fixed;
    fn neg(self) -> Fixed {
        Fixed(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Fixed {
    fn sum<I: Iterator<Item = Fixed>>(iter: I) -> Fixed {
        iter.fold(Fixed::ZERO, |a, b| a + b)
    }
}

impl FromStr for Fixed {
    type Err = FixedError;

    fn from_str(s: &str) -> Result<Fixed, FixedError> {
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(FixedError::NotANumber(s.into()));
        }
        let frac_trim = frac.trim_end_matches('0');
        if frac_trim.len() > 3 {
            return Err(FixedError::TooPrecise(s.into()));
        }
        let int_v: i64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| FixedError::OutOfRange(s.into()))?
        };
        let mut frac_v: i64 = 0;
        for (i, b) in frac_trim.bytes().enumerate() {
            frac_v += i64::from(b - b'0') * 10i64.pow(2 - i as u32);
        }
        let raw = int_v
            .checked_mul(SCALE)
            .and_then(|v| v.checked_add(frac_v))
            .filter(|v| *v <= MAX_ABS)
            .ok_or_else(|| FixedError::OutOfRange(s.into()))?;
        Ok(Fixed(if neg { -raw } else { raw }))
    }
}

impl fmt::Display for Fixed {
    /// Shortest exact decimal: `3`, `1.5`, `-0.125`. Honours the format's width, fill,
    /// alignment, sign and zero flags, and a precision rounds half away from zero (`{:.2}` of
    /// `1.125` is `1.13`; `{:.5}` pads with zeros):
    ///
    /// ```
    /// use dangjian::fixed::Fixed;
    /// let x = Fixed::from_raw(-1_125);
    /// assert_eq!(format!("{x}"), "-1.125");
    /// assert_eq!(format!("{x:>8.2}"), "   -1.13");
    /// assert_eq!(format!("{x:<8.1}|"), "-1.1    |");
    /// assert_eq!(format!("{:08.3}", Fixed::from_int(3)), "0003.000");
    /// assert_eq!(format!("{:+.0}", Fixed::from_raw(2_500)), "+3");
    /// assert_eq!(format!("{:.2}", Fixed::from_raw(-4)), "0.00");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.0.unsigned_abs();
        let scale = SCALE as u64;
        let (digits, zero) = match f.precision() {
            None => {
                let (int, frac) = (a / scale, a % scale);
                if frac == 0 {
                    (format!("{int}"), a == 0)
                } else {
                    let s = format!("{frac:03}");
                    (format!("{int}.{}", s.trim_end_matches('0')), false)
                }
            }
            Some(p) if p < 3 => {
                let div = 10u64.pow(3 - p as u32);
                let q = a / div + u64::from(a % div >= div / 2);
                let unit = 10u64.pow(p as u32);
                let (int, frac) = (q / unit, q % unit);
                let s = if p == 0 {
                    format!("{int}")
                } else {
                    format!("{int}.{frac:0p$}")
                };
                (s, q == 0)
            }
            Some(p) => {
                let (int, frac) = (a / scale, a % scale);
                (format!("{int}.{frac:03}{}", "0".repeat(p - 3)), a == 0)
            }
        };
        f.pad_integral(self.0 >= 0 || zero, "", &digits)
    }
}

impl Serialize for Fixed {
    /// As a JSON number when whole, otherwise as a number with at most three decimals.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % SCALE == 0 {
            s.serialize_i64(self.0 / SCALE)
        } else {
            s.serialize_f64(self.0 as f64 / SCALE as f64)
        }
    }
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fixed, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Fixed;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number with at most three decimals")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Fixed, E> {
                v.checked_mul(SCALE)
                    .filter(|x| x.abs() <= MAX_ABS)
                    .map(Fixed)
                    .ok_or_else(|| E::custom(FixedError::OutOfRange(v.to_string())))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Fixed, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom(FixedError::OutOfRange(v.to_string())))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Fixed, E> {
                Fixed::from_f64(v, &v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Fixed, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Fixed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fixed".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "decimal with at most three decimals, as a number or a string",
            "anyOf": [{"type": "number", "multipleOf": 0.001}, {"type": "string", "pattern": "^[+-]?[0-9]*(\\.[0-9]{0,3}0*)?$"}]
        })
    }
}
