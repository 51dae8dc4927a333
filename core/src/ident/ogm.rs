//! The Belgian structured communication (OGM / VCS, "gestructureerde mededeling" / "communication
//! structurée"): 12 digits, the last two being the first ten mod 97, or 97 when that is 0.
//!
//! Forms accepted: `+++123/4567/89002+++` (paper), `***123/4567/89002***` (the same, as many banks
//! and invoicing tools print it: peers that only know `+++` refuse real invoices), and the bare 12
//! digits (the digital form Febelfin defines, used in payment files and EPC QR codes). Spaces are
//! ignored; the `+++`/`***` must match on both sides and the slashes, if present, sit after digits
//! 3 and 7. [`validate`] returns the paper form, [`digits`] the 12 digits.

use super::{describe, digits_value, invalid, Compact};
use crate::error::{Error, ValidationCode};

/// The check digits of a 10-digit base: base mod 97, or 97 when that is 0.
pub fn check_digits(base: u64) -> u64 {
    match base % 97 {
        0 => 97,
        n => n,
    }
}

fn paper(digits: &str) -> String {
    let mut out = String::with_capacity(20);
    out.push_str("+++");
    out.push_str(&digits[..3]);
    out.push('/');
    out.push_str(&digits[3..7]);
    out.push('/');
    out.push_str(&digits[7..]);
    out.push_str("+++");
    out
}

/// Checks an OGM/VCS in any of its forms and returns its 12 digits (`123456789002`).
pub fn digits(s: &str) -> Result<String, Error> {
    digits_at(s, "ogm")
}

pub(crate) fn digits_at(s: &str, field: &'static str) -> Result<String, Error> {
    digits12(s, field).map(|d| as_str(&d).to_owned())
}

/// [`digits_at`] without allocating (for an ASCII form): the 12 digits on the stack.
pub(crate) fn digits_compact(s: &str, field: &'static str) -> Result<Compact, Error> {
    digits12(s, field).map(|d| Compact::copy(as_str(&d)))
}

fn as_str(digits: &[u8; 12]) -> &str {
    // Only ASCII digits are ever stored.
    std::str::from_utf8(digits).unwrap_or_default()
}

/// The 12 digits of an OGM/VCS in any of its forms, checked; on the stack (the ASCII forms
/// allocate nothing).
fn digits12(s: &str, field: &'static str) -> Result<[u8; 12], Error> {
    if s.is_ascii() {
        let bytes = s.as_bytes();
        let mut inner: &[u8] = bytes.trim_ascii();
        for d in [&b"+++"[..], b"***"] {
            if let Some(rest) = inner.strip_prefix(d) {
                inner = rest.strip_suffix(d).ok_or_else(|| {
                    invalid(
                        ValidationCode::OgmFormat,
                        field,
                        format!("a structured communication that starts with {} ends with {}", char::from(d[0]).to_string().repeat(3), char::from(d[0]).to_string().repeat(3)),
                    )
                })?;
                break;
            }
        }
        let mut out = [0u8; 12];
        let mut n = 0;
        let slashes = inner.len() >= 9 && inner.get(3) == Some(&b'/') && inner.get(8) == Some(&b'/');
        for (i, &b) in inner.iter().enumerate() {
            if b.is_ascii_whitespace() || (slashes && (i == 3 || i == 8)) {
                continue;
            }
            if !b.is_ascii_digit() || n == 12 {
                return digits_slow(s, field).map(|d| {
                    let mut out = [0u8; 12];
                    out.copy_from_slice(d.as_bytes());
                    out
                });
            }
            out[n] = b;
            n += 1;
        }
        if n == 12 {
            let base = digits_value(as_str(&out).get(..10).unwrap_or_default()).unwrap_or(0);
            let check = digits_value(as_str(&out).get(10..).unwrap_or_default()).unwrap_or(0);
            if check == check_digits(base) {
                return Ok(out);
            }
        }
    }
    // Anything else (other spacing, non-ASCII, every error) takes the general path, which
    // names the problem.
    let d = digits_slow(s, field)?;
    let mut out = [0u8; 12];
    out.copy_from_slice(d.as_bytes());
    Ok(out)
}

fn digits_slow(s: &str, field: &'static str) -> Result<String, Error> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = ["+++", "***"]
        .iter()
        .find_map(|d| compact.strip_prefix(d).map(|rest| (d, rest)))
        .map(|(d, rest)| {
            rest.strip_suffix(d).ok_or_else(|| {
                invalid(ValidationCode::OgmFormat, field, format!("a structured communication that starts with {d} ends with {d}"))
            })
        })
        .transpose()?
        .unwrap_or(&compact);
    let digits: String = match inner.len() {
        14 if inner.as_bytes()[3] == b'/' && inner.as_bytes()[8] == b'/' => {
            inner.chars().filter(|&c| c != '/').collect()
        }
        _ => inner.to_owned(),
    };
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(invalid(
            ValidationCode::OgmFormat,
            field,
            format!(
                "a structured communication is 12 digits, as +++123/4567/89002+++, ***123/4567/89002*** or 123456789002; found {}",
                describe(c)
            ),
        ));
    }
    if digits.len() != 12 {
        return Err(invalid(
            ValidationCode::OgmFormat,
            field,
            format!("a structured communication has 12 digits, this one has {}", digits.len()),
        ));
    }
    let base = digits_value(&digits[..10]).unwrap_or(0);
    let check = digits_value(&digits[10..]).unwrap_or(0);
    if check != check_digits(base) {
        return Err(invalid(
            ValidationCode::OgmChecksum,
            field,
            "the last two digits are not the first ten mod 97 (97 for 0): a typo?",
        ));
    }
    Ok(digits)
}

/// Checks an OGM/VCS in any of its forms and returns the paper form `+++123/4567/89002+++`.
///
/// ```
/// use kassa::ident::ogm;
/// assert_eq!(ogm::validate("***123/4567/89002***")?, "+++123/4567/89002+++");
/// assert_eq!(ogm::validate("123456789002")?, "+++123/4567/89002+++");
/// assert_eq!(ogm::validate("+++123/4567/89000+++").unwrap_err().code(), "ogm_checksum");
/// # Ok::<(), kassa::Error>(())
/// ```
pub fn validate(s: &str) -> Result<String, Error> {
    digits12(s, "ogm").map(|d| paper(as_str(&d)))
}

/// The structured communication of a base number of at most 10 digits (left-padded with zeros),
/// in paper form: `generate(1234567890)` is `+++123/4567/89002+++`.
pub fn generate(base: u64) -> Result<String, Error> {
    if base > 9_999_999_999 {
        return Err(invalid(ValidationCode::OgmBase, "base", "the base of a structured communication has at most 10 digits"));
    }
    Ok(paper(&format!("{base:010}{:02}", check_digits(base))))
}

/// [`generate`] from a base given as text (digits only, at most 10, spaces ignored).
pub fn generate_str(base: &str) -> Result<String, Error> {
    let compact: String = base.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() || compact.len() > 10 || !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(ValidationCode::OgmBase, "base", "the base of a structured communication is 1 to 10 digits"));
    }
    generate(digits_value(&compact).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_path_agrees_with_the_general_one() {
        let samples = [
            "+++090/9337/55493+++", "***090/9337/55493***", "090933755493", " 090933755493 ", "090 9337 55493",
            "+++090/9337/55494+++", "+++090/9337/55493***", "090/9337/55493", "12 3/4567/89002", "123/4567/890 02",
            "+++ 090/9337/55493 +++", "0909337554930", "09093375549", "+++090/9337/5549a+++", "", "+++", "//////////////",
        ];
        for s in samples {
            let fast = digits12(s, "ogm").map(|d| as_str(&d).to_owned());
            assert_eq!(fast, digits_slow(s, "ogm"), "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn forms() {
        for s in [
            "+++123/4567/89002+++",
            "***123/4567/89002***",
            "123456789002",
            " +++ 123/4567/89002 +++ ",
            "+++123456789002+++",
        ] {
            assert_eq!(validate(s).unwrap(), "+++123/4567/89002+++", "{s}");
        }
        assert_eq!(digits("***123/4567/89002***").unwrap(), "123456789002");
        // remainder 0 gives 97
        assert_eq!(generate(97).unwrap(), "+++000/0000/09797+++");
        assert_eq!(validate("000000009797").unwrap(), "+++000/0000/09797+++");
        assert_eq!(generate(1234567890).unwrap(), "+++123/4567/89002+++");
        assert_eq!(generate_str("1234567890").unwrap(), "+++123/4567/89002+++");
        assert_eq!(generate_str("42").unwrap(), generate(42).unwrap());
    }

    #[test]
    fn errors() {
        for (s, code) in [
            ("+++123/4567/89000+++", "ogm_checksum"),
            ("000000009700", "ogm_checksum"),
            ("+++123/4567/89002***", "ogm_format"),
            ("+++123/4567/89002", "ogm_format"),
            ("12/34567/89002", "ogm_format"),
            ("12345678900", "ogm_format"),
            ("1234567890023", "ogm_format"),
            ("+++١٢٣/4567/89002+++", "ogm_format"),
            ("", "ogm_format"),
        ] {
            assert_eq!(validate(s).unwrap_err().code(), code, "{s}");
        }
        assert_eq!(generate(10_000_000_000).unwrap_err().code(), "ogm_base");
        assert_eq!(generate_str("12345678901").unwrap_err().code(), "ogm_base");
        assert_eq!(generate_str("-1").unwrap_err().code(), "ogm_base");
    }
}
