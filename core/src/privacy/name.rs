//! Person names: validated, and shown as the surname and `*` in `Debug`.
//!
//! # Examples
//!
//! ```
//! use dangjian::privacy::PersonName;
//! let n = PersonName::new("李红")?;
//! assert_eq!(format!("{n:?} {n}"), "PersonName(李*) 李红");
//! assert!(PersonName::new("  ").is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::IdentityError;

/// A person's name. `Debug` shows the surname and `*` (`张*`); `Display` shows the full name,
/// since rosters and public reports (公示) name members, but logs and errors never do (a phone
/// or ID number typed into a name is masked even there: `张138****5678`).
///
/// ```
/// use dangjian::privacy::PersonName;
/// let n = PersonName::new("张三丰").unwrap();
/// assert_eq!(format!("{n:?}"), "PersonName(张**)");
/// assert_eq!(n.masked(), "张**");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonName(CompactString);

pub use crate::limits::MAX_PERSON_NAME_CHARS as MAX_NAME_CHARS;

impl PersonName {
    /// Validates and wraps a name: 1 to 64 characters after trimming and NFC normalization, no
    /// control, format (zero-width, bidi) or line-separator characters, at least one visible
    /// character (see [`crate::text`]).
    ///
    /// ```
    /// use dangjian::privacy::PersonName;
    /// assert!(PersonName::new("李\u{202E}四").is_err());
    /// assert!(PersonName::new("\u{200B}").is_err());
    /// assert_eq!(PersonName::new("Jose\u{301}").unwrap().as_str(), "Jos\u{e9}");
    /// ```
    pub fn new(s: &str) -> Result<Self, IdentityError> {
        let s = crate::text::to_nfc(s.trim());
        let s = s.trim();
        if s.is_empty() {
            return Err(IdentityError::MalformedName {
                reason: "name is empty",
            });
        }
        if s.chars().count() > MAX_NAME_CHARS {
            return Err(IdentityError::MalformedName {
                reason: "name is longer than 64 characters",
            });
        }
        if let Some(reason) = crate::text::name_problem(s) {
            return Err(IdentityError::MalformedName { reason });
        }
        Ok(PersonName(CompactString::from(s)))
    }

    /// The placeholder `未填写` for a name that was not recorded.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::privacy::PersonName;
    /// assert_eq!(PersonName::unknown().as_str(), "未填写");
    /// ```
    pub fn unknown() -> Self {
        PersonName(CompactString::const_new("未填写"))
    }

    /// The surname (first character) followed by one `*` per remaining character.
    ///
    /// # Examples
    ///
    /// ```
    /// let name = dangjian::privacy::PersonName::new("欧阳修")?;
    /// assert_eq!(name.masked(), "欧**");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn masked(&self) -> String {
        let mut chars = self.0.chars();
        let mut out = String::new();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        out.extend(chars.map(|_| '*'));
        out
    }

    /// The full name.
    ///
    /// # Examples
    ///
    /// ```
    /// let name = dangjian::privacy::PersonName::new("  王芳 ")?;
    /// assert_eq!(name.as_str(), "王芳");
    /// assert_eq!(name.to_string(), "王芳");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({})", self.masked())
    }
}

/// The full name, except that a phone or ID number typed into it is masked
/// ([`super::redact_personal`]): a name is printed on rosters and reports, a number in it must
/// not be.
impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self
            .0
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            f.write_str(&super::redact_personal(&self.0))
        } else {
            f.write_str(&self.0)
        }
    }
}

impl Serialize for PersonName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        PersonName::new(&s).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for PersonName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PersonName".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "minLength": 1, "maxLength": 64})
    }
}
