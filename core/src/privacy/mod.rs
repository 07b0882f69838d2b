//! Personal data: resident ID numbers, phone numbers and names, masked by default.
//!
//! The political affiliation of a person, their ID number and phone are sensitive personal
//! information under PIPL (个人信息保护法, 2021). Every type here shows only a masked form in
//! `Debug` and `Display`; the full value is reachable only through an explicit `expose()` call.
//!
//! ```
//! use dangjian::privacy::{IdNumber, Phone};
//! let id: IdNumber = "11010519491231002X".parse().unwrap();
//! assert_eq!(id.to_string(), "110***********002X");
//! let phone: Phone = "13812345678".parse().unwrap();
//! assert_eq!(format!("{phone:?}"), "Phone(138****5678)");
//! ```

mod id_number;
mod name;
mod phone;
mod pseudonym;
mod redact;

pub use id_number::{Gender, IdNumber};
pub use name::{PersonName, MAX_NAME_CHARS as MAX_PERSON_NAME_CHARS};
pub use phone::Phone;
pub use pseudonym::{Pseudonymizer, MIN_KEY_BYTES};
pub(crate) use redact::redact_spelled;
pub use redact::{echo_cut, echo_id, redact_digits, redact_personal, redact_runs};

/// Why a piece of personal data was rejected. Never contains the unmasked value.
///
/// # Examples
///
/// ```
/// use dangjian::privacy::{IdNumber, IdentityError};
/// let err = "110105194912310021".parse::<IdNumber>().unwrap_err();
/// assert!(matches!(err, IdentityError::BadCheckDigit { expected: 'X', found: '1', .. }));
/// assert_eq!(
///     err.to_string(),
///     "ID number 110***********0021 fails its GB 11643-1999 check digit: expected X, found 1"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// The ID number is not 17 digits followed by a digit or `X`.
    #[error("ID number {masked} is malformed: {reason}")]
    MalformedIdNumber {
        /// The masked value as given.
        masked: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The ISO 7064 MOD 11-2 check character does not match (GB 11643-1999).
    #[error("ID number {masked} fails its GB 11643-1999 check digit: expected {expected}, found {found}")]
    BadCheckDigit {
        /// The masked value as given.
        masked: String,
        /// Check character computed from the first 17 digits.
        expected: char,
        /// Check character found.
        found: char,
    },
    /// The phone number is not 11 digits starting with 1 (a mainland mobile) or a 7–12 digit landline.
    #[error("phone {masked} is malformed: {reason}")]
    MalformedPhone {
        /// The masked value as given.
        masked: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A name is empty or too long.
    #[error("name is malformed: {reason}")]
    MalformedName {
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Masks `s`, keeping the first `head` and last `tail` characters and replacing the rest with `*`.
///
/// ```
/// assert_eq!(dangjian::privacy::mask("13812345678", 3, 4), "138****5678");
/// assert_eq!(dangjian::privacy::mask("123", 3, 4), "***");
/// ```
pub fn mask(s: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        if i < head || i >= chars.len() - tail {
            out.push(*c);
        } else {
            out.push('*');
        }
    }
    out
}
