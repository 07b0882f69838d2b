//! Phone numbers: mainland mobiles and landlines, masked to their first 3 and last 4 digits.
//!
//! # Examples
//!
//! ```
//! use dangjian::privacy::Phone;
//! let p: Phone = "139-0000-1111".parse()?;
//! assert_eq!((p.to_string(), p.expose()), ("139****1111".to_string(), "13900001111"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{mask, IdentityError};

/// A phone number, masked to its first 3 and last 4 digits in `Debug` and `Display`.
///
/// Accepts an 11-digit mainland mobile number starting with `1`, or a landline of 7–12 digits
/// with an optional `-` after the area code.
///
/// ```
/// use dangjian::privacy::Phone;
/// let p: Phone = "13812345678".parse().unwrap();
/// assert_eq!(p.to_string(), "138****5678");
/// assert!("12345".parse::<Phone>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(compact_str::CompactString);

impl Phone {
    /// The masked form, `138****5678`.
    ///
    /// # Examples
    ///
    /// ```
    /// let phone: dangjian::privacy::Phone = "010-12345678".parse()?;
    /// assert_eq!(phone.masked(), "010****5678");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn masked(&self) -> String {
        mask(&self.0, 3, 4)
    }

    /// The full number. Call only where the full value is needed and permitted.
    ///
    /// # Examples
    ///
    /// ```
    /// let phone: dangjian::privacy::Phone = "13812345678".parse()?;
    /// assert_eq!(phone.expose(), "13812345678");
    /// assert_eq!(phone.to_string(), "138****5678");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl FromStr for Phone {
    type Err = IdentityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let digits: String = s.chars().filter(|c| *c != '-').collect();
        let masked = mask(&digits, 3, 4);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdentityError::MalformedPhone {
                masked,
                reason: "only digits and '-' are allowed",
            });
        }
        let ok = match digits.len() {
            11 if digits.starts_with('1') => true,
            7..=12 => !digits.starts_with('1'),
            _ => false,
        };
        if !ok {
            return Err(IdentityError::MalformedPhone {
                masked,
                reason: "expected an 11-digit mobile starting with 1 or a 7-12 digit landline",
            });
        }
        Ok(Phone(digits.into()))
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Phone {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Phone".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9-]{7,13}$",
            "description": "phone number; masked to the first 3 and last 4 digits in every output"
        })
    }
}
