//! Resident identity numbers (GB 11643-1999): the check character, the birth date and the
//! gender they encode, masked wherever they are shown.
//!
//! # Examples
//!
//! ```
//! use dangjian::privacy::{Gender, IdNumber};
//! let id: IdNumber = "110105198001010032".parse()?;
//! assert_eq!((id.birth_date().map(|d| d.to_string()), id.gender()), (Some("1980-01-01".into()), Gender::Male));
//! assert_eq!(id.to_string(), "110***********0032");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{mask, IdentityError};

/// Gender as recorded on the roster (性别), and as the 17th digit of an ID number encodes it
/// (odd: male; GB 11643-1999). Also `dangjian::member::Gender`.
///
/// # Examples
///
/// ```
/// use dangjian::privacy::{Gender, IdNumber};
/// let id: IdNumber = "11010519491231002X".parse()?;
/// assert_eq!(id.gender(), Gender::Female);
/// assert_eq!(serde_json::to_string(&Gender::Male)?, r#""male""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

impl Gender {
    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::privacy::Gender;
    /// assert_eq!(Gender::Male.label(), "男");
    /// assert_eq!(Gender::parse(Gender::Female.label()), Some(Gender::Female));
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }

    /// Parses `男`/`女` or `male`/`female`.
    ///
    /// ```
    /// assert_eq!(dangjian::member::Gender::parse("女"), Some(dangjian::member::Gender::Female));
    /// ```
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim() {
            "男" | "male" | "M" => Some(Gender::Male),
            "女" | "female" | "F" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// An 18-character resident identity number (公民身份号码, GB 11643-1999), validated on parse.
///
/// Digits 7–14 encode the birth date and digit 17 the gender (odd: male); the 18th character is
/// the ISO 7064 MOD 11-2 check character. `Debug` and `Display` show only the first 3 and last 4
/// characters.
///
/// ```
/// use dangjian::privacy::IdNumber;
/// use dangjian::member::Gender;
/// let id: IdNumber = "11010519491231002X".parse().unwrap();
/// assert_eq!(id.birth_date(), chrono::NaiveDate::from_ymd_opt(1949, 12, 31));
/// assert_eq!(id.gender(), Gender::Female);
/// assert!("110105194912310021".parse::<IdNumber>().is_err()); // wrong check digit
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber(compact_str::CompactString);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdNumber {
    /// The check character for the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2).
    ///
    /// ```
    /// assert_eq!(dangjian::privacy::IdNumber::check_char("11010519491231002"), Some('X'));
    /// ```
    pub fn check_char(first17: &str) -> Option<char> {
        if first17.len() != 17 {
            return None;
        }
        let mut sum = 0u32;
        for (c, w) in first17.chars().zip(WEIGHTS) {
            sum += c.to_digit(10)? * w;
        }
        CHECK.get((sum % 11) as usize).copied()
    }

    /// The birth date encoded in digits 7–14, if it is a real date.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::chrono::NaiveDate;
    /// let id: dangjian::privacy::IdNumber = "11010519491231002X".parse()?;
    /// assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let s = self.0.get(6..14)?;
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        NaiveDate::from_ymd_opt(num(0..4)? as i32, num(4..6)?, num(6..8)?)
    }

    /// The gender encoded in digit 17: odd is male, even is female.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::privacy::{Gender, IdNumber};
    /// let id: IdNumber = "110105194912310011".parse()?; // 17th digit 1: odd
    /// assert_eq!(id.gender(), Gender::Male);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn gender(&self) -> Gender {
        match self.0.as_bytes().get(16).map(|b| b.wrapping_sub(b'0') % 2) {
            Some(1) => Gender::Male,
            _ => Gender::Female,
        }
    }

    /// The masked form, `110***********002X`.
    ///
    /// # Examples
    ///
    /// ```
    /// let id: dangjian::privacy::IdNumber = "11010519491231002x".parse()?;
    /// assert_eq!(id.masked(), "110***********002X");
    /// assert_eq!(format!("{id:?}"), "IdNumber(110***********002X)");
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
    /// let id: dangjian::privacy::IdNumber = " 11010519491231002x ".parse()?;
    /// assert_eq!(id.expose(), "11010519491231002X"); // trimmed, upper case
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl FromStr for IdNumber {
    type Err = IdentityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_uppercase();
        let masked = mask(&s, 3, 4);
        if s.chars().count() != 18 {
            return Err(IdentityError::MalformedIdNumber {
                masked,
                reason: "must have 18 characters",
            });
        }
        let (first17, last) = s.split_at(17);
        if !first17.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdentityError::MalformedIdNumber {
                masked,
                reason: "the first 17 characters must be digits",
            });
        }
        let found = last.chars().next().unwrap_or(' ');
        let expected = Self::check_char(first17).unwrap_or('?');
        if found != expected {
            return Err(IdentityError::BadCheckDigit {
                masked,
                expected,
                found,
            });
        }
        let id = IdNumber(s.into());
        if id.birth_date().is_none() {
            return Err(IdentityError::MalformedIdNumber {
                masked,
                reason: "digits 7-14 are not a valid birth date",
            });
        }
        Ok(id)
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IdNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for IdNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IdNumber".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{17}[0-9Xx]$",
            "description": "18-character resident ID number (GB 11643-1999), check digit validated"
        })
    }
}
