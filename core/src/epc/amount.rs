//! EPC amounts: integer cents, from a decimal string or an integer, never a float.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ValidationCode};

/// An amount in euro between 0.01 and 999 999 999.99, held as integer cents.
///
/// There is no `From<f64>`: `0.1 + 0.2` is `0.30000000000000004` in binary floating point, and a
/// peer that formats a float gets `EUR0.30000000000000004` or rounds somewhere it should not.
/// Amounts come in as decimal strings ([`Amount::parse`]) or integer cents
/// ([`Amount::from_cents`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Amount(u64);

impl Amount {
    /// The smallest amount of an EPC QR code: 0.01.
    pub const MIN: Amount = Amount(1);
    /// The largest amount of an EPC QR code: 999 999 999.99.
    pub const MAX: Amount = Amount(99_999_999_999);

    /// An amount of `cents` (1 to 99 999 999 999).
    pub fn from_cents(cents: i64) -> Result<Amount, Error> {
        match u64::try_from(cents) {
            Ok(c) if (Self::MIN.0..=Self::MAX.0).contains(&c) => Ok(Amount(c)),
            _ => Err(range_error("amount_cents", &format!("{cents} cents"))),
        }
    }

    /// Reads a decimal string: digits, optionally a dot and one or two decimals (`"12"`, `"12.3"`,
    /// `"12.30"`). Surrounding spaces are ignored. Refused: thousands separators (`1,234.50`,
    /// `1 234,50`, `1'234.50`), a decimal comma, more than two decimals (`12.345`, and the float
    /// noise `0.30000000000000004`), signs, exponents, `0` and `0.00`, and anything above
    /// 999 999 999.99.
    pub fn parse(s: &str) -> Result<Amount, Error> {
        parse_decimal(s.trim(), "amount")
    }

    /// The amount in cents.
    pub const fn cents(self) -> u64 {
        self.0
    }
}

/// Formats with two decimals and a dot: `12.30`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl FromStr for Amount {
    type Err = Error;
    fn from_str(s: &str) -> Result<Amount, Error> {
        Amount::parse(s)
    }
}

fn range_error(field: &'static str, got: &str) -> Error {
    Error::validation(
        ValidationCode::EpcAmountRange,
        field,
        format!(
            "{got} is outside 0.01 to 999999999.99, the range of an EPC QR code; to let the payer type \
             the amount, leave it out and set allow_no_amount"
        ),
    )
}

/// Parses `digits[.d[d]]` into cents. `field` names the input in errors.
pub(crate) fn parse_decimal(s: &str, field: &'static str) -> Result<Amount, Error> {
    let format_error = |why: &str| {
        Error::validation(ValidationCode::EpcAmountFormat, field, format!("`{}` is not a decimal amount: {why}", truncate(s)))
    };
    if s.is_empty() {
        return Err(format_error("it is empty"));
    }
    if let Some(rest) = s.strip_prefix('-') {
        // One level only: `rest` starting with `-` is a format error, not another recursion.
        if !rest.starts_with('-') && parse_decimal(rest, field).is_ok() {
            return Err(range_error(field, s));
        }
    }
    if s.contains([',', '\'', '_', ' ', '\u{a0}', '\u{202f}']) {
        return Err(format_error("write it with a dot for the decimals and no thousands separators, as 1234.50"));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format_error("expected digits, optionally a dot and up to two decimals, as 12.30"));
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format_error("expected digits, optionally a dot and up to two decimals, as 12.30"));
        }
        if f.len() > 2 {
            return Err(Error::validation(
                ValidationCode::EpcAmountDecimals,
                field,
                format!("`{}` has {} decimals; euro amounts have at most 2", truncate(s), f.len()),
            ));
        }
    }
    let int = int.trim_start_matches('0');
    if int.len() > 9 {
        return Err(range_error(field, s));
    }
    let euros: u64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| format_error("not a number"))? };
    let cents: u64 = match frac {
        None => 0,
        Some(f) if f.len() == 1 => f.parse::<u64>().map_err(|_| format_error("not a number"))? * 10,
        Some(f) => f.parse().map_err(|_| format_error("not a number"))?,
    };
    let total = euros * 100 + cents;
    if total == 0 {
        return Err(range_error(field, s));
    }
    Ok(Amount(total))
}

/// The first 40 characters of user input, for messages.
fn truncate(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> String {
        Amount::parse(s).unwrap_err().code().to_owned()
    }

    #[test]
    fn decimal_strings() {
        for (s, cents) in [
            ("12", 1200),
            ("12.3", 1230),
            ("12.30", 1230),
            ("0.01", 1),
            ("007.5", 750),
            (" 1.00 ", 100),
            ("999999999.99", 99_999_999_999),
        ] {
            assert_eq!(Amount::parse(s).unwrap().cents(), cents, "{s}");
        }
        assert_eq!(Amount::from_cents(1230).unwrap().to_string(), "12.30");
        assert_eq!(Amount::from_cents(5).unwrap().to_string(), "0.05");
        assert_eq!(Amount::MAX.to_string(), "999999999.99");
    }

    #[test]
    fn refusals() {
        for (s, c) in [
            ("0", "epc_amount_range"),
            ("0.00", "epc_amount_range"),
            ("-1", "epc_amount_range"),
            ("1000000000", "epc_amount_range"),
            ("1000000000.00", "epc_amount_range"),
            ("1,234.50", "epc_amount_format"),
            ("1 234.50", "epc_amount_format"),
            ("12,30", "epc_amount_format"),
            ("12.345", "epc_amount_decimals"),
            ("0.30000000000000004", "epc_amount_decimals"),
            ("1e3", "epc_amount_format"),
            ("+5", "epc_amount_format"),
            (".5", "epc_amount_format"),
            ("5.", "epc_amount_format"),
            ("", "epc_amount_format"),
            ("EUR5", "epc_amount_format"),
            ("١٢", "epc_amount_format"),
            ("99999999999999999999999", "epc_amount_range"),
            ("--1", "epc_amount_format"),
        ] {
            assert_eq!(code(s), c, "{s}");
        }
        assert_eq!(code(&"-".repeat(100_000)), "epc_amount_format"); // no deep recursion
        assert_eq!(Amount::from_cents(0).unwrap_err().code(), "epc_amount_range");
        assert_eq!(Amount::from_cents(-5).unwrap_err().code(), "epc_amount_range");
        assert_eq!(Amount::from_cents(100_000_000_000).unwrap_err().code(), "epc_amount_range");
        assert!(Amount::from_cents(0).unwrap_err().to_string().contains("`amount_cents`"));
    }
}
