//! Payment identifiers: validate, normalise, format, generate.
//!
//! | module | identifier | validate returns |
//! |---|---|---|
//! | [`iban`] | IBAN, every country of the SWIFT IBAN registry | electronic form `BE68539007547034` |
//! | [`national`] | national check digits inside an IBAN's account number (run by [`iban`]) | `Ok(())` or the failed [`national::Rule`] |
//! | [`bic`] | BIC (ISO 9362) | `GEBABEBB` |
//! | [`ogm`] | Belgian structured communication (OGM/VCS) | `+++123/4567/89002+++` |
//! | [`rf`] | ISO 11649 creditor reference | electronic form `RF18539007547034` |
//! | [`be`] | Belgian enterprise number / VAT number | `0123456749` / `BE0123456749` |
//! | [`peppol`] | PEPPOL participant id | `0208:0123456749` |
//!
//! Every function takes what people type (spaces, dots, lower case, the print forms) and returns
//! one canonical form; an invalid input is an [`Error::Validation`] with a
//! stable code (`iban_checksum`, `ogm_checksum`, ...) whose message names the field. All of them
//! are total: any string, however odd (non-ASCII, empty, huge), gives `Ok` or `Err`, never a panic;
//! the fuzz targets of `core/fuzz` check that.
//!
//! What peers get wrong, and kassa does not:
//! - Belgian VAT numbers starting with `1` are valid (numbers beginning with 1 are issued since
//!   the 0-range ran out); validators that hard-code `BE0` reject real companies.
//! - The `***123/4567/89002***` form of the OGM is as valid as `+++...+++` (banks print both).
//! - The IBAN check digits `00`, `01` and `99` are rejected even where mod 97 would pass: ISO 13616
//!   computes check digits as `98 - (n mod 97)`, so they are always 02 to 98.
//! - The national check digits inside the account number (French RIB key, Spanish CCC, Italian
//!   CIN, Norwegian mod 11, ... 28 countries, see [`national`]) are checked too: an IBAN whose ISO
//!   digits were recomputed over a mistyped account number passes mod 97, and the bank refuses it.
//! - Comparing PEPPOL ids is case-insensitive (PFUOI 4.4, POLICY 2), so `9925:BE0123456749` and
//!   `9925:be0123456749` are the same participant.

use std::borrow::Cow;

use crate::error::{Error, ValidationCode};

pub mod be;
pub mod bic;
pub mod iban;
pub mod national;
pub mod ogm;
pub mod peppol;
pub mod rf;

/// The ISO 7064 MOD 97-10 remainder of an alphanumeric string, letters counting as 10 to 35 (the
/// IBAN and RF rule). `None` if a character is not an ASCII letter or digit.
pub(crate) fn mod97(chars: impl IntoIterator<Item = u8>) -> Option<u32> {
    // Digits accumulate in a u64, reduced whenever it passes 2^50 (so that `acc * 100 + 35`
    // always fits).
    let mut acc = 0u64;
    for b in chars {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            acc = acc * 10 + u64::from(digit);
        } else {
            // `| 0x20` makes an ASCII letter lower case (and nothing else a letter).
            let letter = (b | 0x20).wrapping_sub(b'a');
            if letter >= 26 {
                return None;
            }
            acc = acc * 100 + 10 + u64::from(letter);
        }
        if acc >= 1 << 50 {
            acc %= 97;
        }
    }
    Some((acc % 97) as u32)
}

/// A digit string as a number (at most 19 digits, so no overflow).
pub(crate) fn digits_value(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `s` without the characters in `drop` and ASCII-uppercased.
pub(crate) fn compact(s: &str, drop: &[char]) -> String {
    if s.is_ascii() {
        // The common case, byte by byte into one allocation (the same rule as below: ASCII
        // whitespace is what `char::is_whitespace` says for ASCII, vertical tab included).
        let mut out = Vec::with_capacity(s.len());
        for &b in s.as_bytes() {
            let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
            if !space && (drop.is_empty() || !drop.contains(&char::from(b))) {
                out.push(b.to_ascii_uppercase());
            }
        }
        // ASCII in, ASCII out.
        return String::from_utf8(out).unwrap_or_default();
    }
    s.chars().filter(|c| !drop.contains(c) && !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

/// The most bytes a [`Compact`] holds on the stack: the longest canonical identifier (an IBAN is
/// at most 34 characters, a structured reference 35).
const COMPACT: usize = 35;

/// A canonical identifier (the compact form of an IBAN, BIC or reference): on the stack when it
/// has at most [`COMPACT`] bytes, which every valid one has, so that checking one allocates
/// nothing. What [`compact`] gives, kept where it fits.
#[derive(Clone, Debug)]
pub(crate) enum Compact {
    /// The text in `bytes[..len]` (ASCII).
    Stack([u8; COMPACT], usize),
    /// A longer or non-ASCII text (never a valid identifier: kept so that no input is lost).
    Long(String),
}

impl Compact {
    /// `compact(s, &[])` on the stack when `s` is ASCII and its compact form fits;
    /// `None` otherwise (the caller then takes the allocating path).
    pub(crate) fn of(s: &str) -> Option<Self> {
        if !s.is_ascii() {
            return None;
        }
        let (mut bytes, mut len) = ([0u8; COMPACT], 0);
        for &b in s.as_bytes() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                continue;
            }
            *bytes.get_mut(len)? = b.to_ascii_uppercase();
            len += 1;
        }
        Some(Compact::Stack(bytes, len))
    }

    /// `s` itself, on the stack when it is ASCII and fits.
    pub(crate) fn copy(s: &str) -> Self {
        let mut bytes = [0u8; COMPACT];
        match bytes.get_mut(..s.len()) {
            Some(slot) if s.is_ascii() => {
                slot.copy_from_slice(s.as_bytes());
                Compact::Stack(bytes, s.len())
            }
            _ => Compact::Long(s.to_owned()),
        }
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Only ASCII is ever stored.
            Compact::Stack(bytes, len) => std::str::from_utf8(&bytes[..*len]).unwrap_or_default(),
            Compact::Long(s) => s,
        }
    }
}

/// Groups of four separated by single spaces (the print form of IBAN and RF references).
pub(crate) fn groups_of_four(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A short, safe description of a character for error messages: `'x'` or `U+0009`.
pub(crate) fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}' (U+{:04X})", u32::from(c))
    }
}

/// A validation error; `field` is the caller's name for the input.
pub(crate) fn invalid(code: ValidationCode, field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Error {
    Error::validation(code, field, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97_matches_the_iso_examples() {
        // BE68 5390 0754 7034 rearranged: 539007547034 BE68
        assert_eq!(mod97("539007547034BE68".bytes()), Some(1));
        assert_eq!(mod97("RF".bytes()), Some(2715 % 97));
        assert_eq!(mod97("a-".bytes()), None);
        assert_eq!(mod97("@[`{".bytes().take(1)), None);
        assert_eq!(mod97("[".bytes()), None);
        // Against the textbook digit-by-digit remainder, over long strings of every character.
        let slow = |s: &str| {
            s.bytes().try_fold(0u32, |acc, b| {
                let digits = match b {
                    b'0'..=b'9' => vec![b - b'0'],
                    b'A'..=b'Z' | b'a'..=b'z' => (b.to_ascii_uppercase() - b'A' + 10).to_string().bytes().map(|d| d - b'0').collect(),
                    _ => return None,
                };
                Some(digits.into_iter().fold(acc, |acc, d| (acc * 10 + u32::from(d)) % 97))
            })
        };
        let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for len in [1, 15, 16, 34, 80] {
            for start in 0..alphabet.len() {
                let s: String = alphabet.chars().cycle().skip(start * 7).step_by(start % 5 + 1).take(len).collect();
                assert_eq!(mod97(s.bytes()), slow(&s), "{s}");
            }
        }
        assert_eq!(mod97("9".repeat(200).bytes()), slow(&"9".repeat(200)));
        assert_eq!(mod97("Z".repeat(200).bytes()), slow(&"Z".repeat(200)));
        assert_eq!(groups_of_four("BE68539007547034"), "BE68 5390 0754 7034");
        assert_eq!(groups_of_four("RF1"), "RF1");
        assert_eq!(digits_value("0012"), Some(12));
        assert_eq!(digits_value("12a"), None);
        assert_eq!(digits_value("٣"), None);
    }
}
