//! Belgian enterprise numbers (KBO/BCE, "ondernemingsnummer" / "numéro d'entreprise") and the VAT
//! numbers made of them (`BE` + the enterprise number).
//!
//! Ten digits, the first `0` or `1`, the last two `97 - (first eight mod 97)`. Accepted inputs:
//! `0123456749`, `0123.456.749`, `BE0123.456.749`, `BE 0123 456 749`, `be0123456749`, and the old
//! nine-digit form (`123456749`, `BE123.456.749`) from before the leading digit was added, which
//! reads as `0` + the nine digits.
//!
//! Enterprise numbers starting with `1` are issued since the `0` range filled up (2023): peers
//! whose regex is `BE0\d{9}` refuse those companies' VAT numbers. kassa accepts both.

use super::{describe, digits_value, invalid};
use crate::error::{Error, ValidationCode};

fn parse(s: &str, field: &'static str) -> Result<String, Error> {
    let trimmed = s.trim();
    let body = match trimmed.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("BE") => &trimmed[2..],
        _ => trimmed,
    };
    let mut digits = String::with_capacity(10);
    digits.extend(body.chars().filter(|c| !matches!(c, '.' | '-' | ' ' | '\u{a0}')));
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(invalid(
            ValidationCode::BeNumberFormat,
            field,
            format!(
                "a Belgian enterprise number is 10 digits (dots and spaces allowed, BE in front for VAT), not {}",
                describe(c)
            ),
        ));
    }
    let digits = match digits.len() {
        10 => digits,
        9 => format!("0{digits}"),
        n => {
            return Err(invalid(
                ValidationCode::BeNumberFormat,
                field,
                format!("a Belgian enterprise number has 10 digits (or 9 in the old form), not {n}"),
            ))
        }
    };
    if !digits.starts_with(['0', '1']) {
        return Err(invalid(ValidationCode::BeNumberFormat, field, "a Belgian enterprise number starts with 0 or 1"));
    }
    let base = digits_value(&digits[..8]).unwrap_or(0);
    let check = digits_value(&digits[8..]).unwrap_or(0);
    if check != 97 - base % 97 {
        return Err(invalid(
            ValidationCode::BeNumberChecksum,
            field,
            "the last two digits are not 97 - (first eight mod 97): a typo?",
        ));
    }
    Ok(digits)
}

pub(crate) fn enterprise_number_at(s: &str, field: &'static str) -> Result<String, Error> {
    parse(s, field)
}

/// Checks a Belgian enterprise or VAT number in any common form and returns the 10 digits.
///
/// ```
/// use kassa::ident::be;
/// assert_eq!(be::enterprise_number("BE0123.456.749")?, "0123456749");
/// assert_eq!(be::enterprise_number("123456749")?, "0123456749");
/// assert_eq!(be::vat_number("0123 456 749")?, "BE0123456749");
/// # Ok::<(), kassa::Error>(())
/// ```
pub fn enterprise_number(s: &str) -> Result<String, Error> {
    parse(s, "enterprise_number")
}

/// Checks a Belgian enterprise or VAT number in any common form and returns the VAT number:
/// `BE` + 10 digits.
pub fn vat_number(s: &str) -> Result<String, Error> {
    parse(s, "vat_number").map(|d| {
        let mut out = String::with_capacity(12);
        out.push_str("BE");
        out.push_str(&d);
        out
    })
}

/// The display form of an enterprise number: `0123.456.749`.
pub fn format_enterprise_number(s: &str) -> Result<String, Error> {
    parse(s, "enterprise_number").map(|d| format!("{}.{}.{}", &d[..4], &d[4..7], &d[7..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid number starting with 1, built from its first eight digits.
    fn with_check(first8: u64) -> String {
        format!("{first8:08}{:02}", 97 - first8 % 97)
    }

    #[test]
    fn forms() {
        for s in [
            "0123456749",
            "0123.456.749",
            "BE0123.456.749",
            "BE 0123 456 749",
            "be0123456749",
            "123456749",
            "BE123.456.749",
            " 0123-456-749 ",
        ] {
            assert_eq!(enterprise_number(s).unwrap(), "0123456749", "{s}");
        }
        assert_eq!(vat_number("0123456749").unwrap(), "BE0123456749");
        assert_eq!(format_enterprise_number("BE0123456749").unwrap(), "0123.456.749");
        let one = with_check(10_000_000);
        assert!(one.starts_with('1'));
        assert_eq!(vat_number(&format!("BE{one}")).unwrap(), format!("BE{one}"));
    }

    #[test]
    fn errors() {
        for (s, code) in [
            ("0123456748", "be_number_checksum"),
            ("2123456749", "be_number_format"),
            ("012345674", "be_number_checksum"),
            ("01234567490", "be_number_format"),
            ("NL0123456749", "be_number_format"),
            ("BE0123/456/749", "be_number_format"),
            ("", "be_number_format"),
            ("BÉ0123456749", "be_number_format"),
        ] {
            assert_eq!(enterprise_number(s).unwrap_err().code(), code, "{s}");
        }
        assert!(vat_number("x").unwrap_err().to_string().contains("`vat_number`"));
    }
}
