//! ISO 11649 creditor reference: `RF`, two check digits, 1 to 21 letters or digits.
//!
//! The check is ISO 7064 MOD 97-10 over the reference followed by `RF` and the check digits,
//! letters counting as 10 to 35, as for the IBAN. The electronic form (upper case, no spaces) is
//! what payment files and EPC QR codes carry; the print form groups by four (`RF18 5390 0754
//! 7034`). Lower case and spaces are accepted on input.

use super::{compact, describe, groups_of_four, invalid, mod97, Compact};
use crate::error::{Error, ValidationCode};

fn checked(s: &str, field: &'static str) -> Result<String, Error> {
    let rf = compact(s, &[]);
    check(&rf, field)?;
    Ok(rf)
}

/// Checks the compact form `rf` (what [`compact`] gives).
fn check(rf: &str, field: &'static str) -> Result<(), Error> {
    if let Some(c) = rf.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(invalid(
            ValidationCode::RfFormat,
            field,
            format!("a creditor reference has only letters and digits, not {}", describe(c)),
        ));
    }
    if !rf.starts_with("RF") {
        return Err(invalid(ValidationCode::RfFormat, field, "an ISO 11649 creditor reference starts with RF"));
    }
    if !(5..=25).contains(&rf.len()) {
        return Err(invalid(
            ValidationCode::RfLength,
            field,
            format!("a creditor reference has 5 to 25 characters (RF, 2 check digits, 1 to 21 more), not {}", rf.len()),
        ));
    }
    if !rf.as_bytes()[2..4].iter().all(u8::is_ascii_digit) {
        return Err(invalid(ValidationCode::RfFormat, field, "RF is followed by two check digits"));
    }
    if matches!(&rf[2..4], "00" | "01" | "99") || mod97(rf[4..].bytes().chain(rf[..4].bytes())) != Some(1) {
        return Err(invalid(ValidationCode::RfChecksum, field, "the check digits do not match (mod 97): a typo?"));
    }
    Ok(())
}

/// [`validate`] naming `field`, without allocating: the electronic form on the stack.
pub(crate) fn validate_compact(s: &str, field: &'static str) -> Result<Compact, Error> {
    match Compact::of(s) {
        Some(rf) => check(rf.as_str(), field).map(|()| rf),
        None => checked(s, field).map(|rf| Compact::copy(&rf)),
    }
}

/// Checks a creditor reference and returns its electronic form (`RF18539007547034`).
///
/// ```
/// use kassa::ident::rf;
/// assert_eq!(rf::validate("rf18 5390 0754 7034")?, "RF18539007547034");
/// assert_eq!(rf::format("RF18539007547034")?, "RF18 5390 0754 7034");
/// assert_eq!(rf::generate("539007547034")?, "RF18539007547034");
/// # Ok::<(), kassa::Error>(())
/// ```
pub fn validate(s: &str) -> Result<String, Error> {
    checked(s, "rf")
}

/// Checks a creditor reference and returns its print form in groups of four.
pub fn format(s: &str) -> Result<String, Error> {
    checked(s, "rf").map(|rf| groups_of_four(&rf))
}

/// The creditor reference of `reference` (field `ref` in errors; 1 to 21 letters or digits; spaces ignored, lower case
/// upper-cased), electronic form.
pub fn generate(reference: &str) -> Result<String, Error> {
    let r = compact(reference, &[]);
    if let Some(c) = r.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(invalid(
            ValidationCode::RfFormat,
            "ref",
            format!("a creditor reference has only letters and digits, not {}", describe(c)),
        ));
    }
    if !(1..=21).contains(&r.len()) {
        return Err(invalid(ValidationCode::RfLength, "ref", format!("the reference has 1 to 21 characters, not {}", r.len())));
    }
    let rem = mod97(r.bytes().chain(*b"RF00")).unwrap_or(0);
    Ok(format!("RF{:02}{r}", 98 - rem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(validate("RF18539007547034").unwrap(), "RF18539007547034");
        assert_eq!(validate("RF18 5390 0754 7034").unwrap(), "RF18539007547034");
        assert_eq!(validate("RF712348231").unwrap(), "RF712348231");
        assert_eq!(generate("2348231").unwrap(), "RF712348231");
        assert_eq!(generate("a").unwrap(), validate(&generate("A").unwrap()).unwrap());
        assert_eq!(format("RF712348231").unwrap(), "RF71 2348 231");
        for r in ["1", "ABCDEFGHIJKLMNOPQRSTU", "000000000000000000000"] {
            let rf = generate(r).unwrap();
            assert_eq!(validate(&rf).unwrap(), rf);
        }
    }

    #[test]
    fn errors() {
        for (s, code) in [
            ("RF19539007547034", "rf_checksum"),
            ("RF18539007547035", "rf_checksum"),
            ("XX18539007547034", "rf_format"),
            ("RF1", "rf_length"),
            ("RF18", "rf_length"),
            ("RF1853900754703412345678901", "rf_length"),
            ("RFAB539007547034", "rf_format"),
            ("RF18-5390", "rf_format"),
            ("", "rf_format"),
        ] {
            assert_eq!(validate(s).unwrap_err().code(), code, "{s}");
        }
        assert_eq!(generate("").unwrap_err().code(), "rf_length");
        assert_eq!(generate("ABCDEFGHIJKLMNOPQRSTUV").unwrap_err().code(), "rf_length");
        assert_eq!(generate("a/b").unwrap_err().code(), "rf_format");
    }
}
