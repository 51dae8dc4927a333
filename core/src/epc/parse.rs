//! Reading EPC payloads back, strictly or leniently.

use std::borrow::Cow;

use super::build::{bic_required, check_text, normalise_reference, purpose};
use super::{amount, Amount, Charset, Epc, Mode, Parsed, Tolerated, Version};
use super::{MAX_INFORMATION_CHARS, MAX_NAME_CHARS, MAX_PAYLOAD_BYTES, MAX_REFERENCE_CHARS, MAX_TEXT_CHARS};
use crate::error::{Error, ValidationCode};
use crate::ident;

/// Reads a payload given as text (LF or CRLF line ends).
///
/// In [`Mode::Strict`] anything the standard does not allow is an error with a stable code
/// (`epc_service_tag`, `epc_trailing_separator`, `iban_format`, `epc_too_long`, ...). In
/// [`Mode::Lenient`] the deviations listed at [`Tolerated::code`] are accepted, normalised where
/// the meaning is clear, and reported; an unreadable IBAN, a missing name or an amount that
/// cannot be read are errors in both modes. An empty amount line is accepted in both modes (the
/// standard allows it; it is [`EpcBuilder`](super::EpcBuilder) that asks for `allow_no_amount`).
///
/// The text's characters must exist in the charset the payload declares (line 3): text that
/// does not fit the declaration is `epc_charset_unencodable` (strict) or tolerated as
/// `charset_mismatch` with the charset changed to UTF-8 (lenient).
pub fn parse(payload: &str, mode: Mode) -> Result<Parsed, Error> {
    let mut ctx = Ctx { mode, tolerated: Vec::new() };
    let epc = parse_text(payload, &mut ctx, None)?;
    Ok(Parsed { epc, tolerated: ctx.tolerated })
}

/// Reads a payload given as the bytes a QR code holds, decoding them in the charset of line 3.
///
/// Bytes that do not decode in the declared charset are `epc_charset_mismatch` (strict); lenient
/// parsing reads bytes declared UTF-8 that are not UTF-8 as ISO-8859-1 and reports
/// `charset_mismatch`. Bytes that do decode are read as declared, in both modes, even when they
/// look like UTF-8 declared as a single-byte charset (`CafÃ©`): that is what the payer's banking
/// app shows too, and guessing would make lenient parsing read some valid payloads differently
/// from strict parsing (the fuzz target checks that they agree).
pub fn parse_bytes(payload: &[u8], mode: Mode) -> Result<Parsed, Error> {
    let mut ctx = Ctx { mode, tolerated: Vec::new() };
    let body = payload.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(payload);
    let declared = body
        .split(|&b| b == b'\n')
        .nth(2)
        .and_then(|l| std::str::from_utf8(l).ok())
        .and_then(|l| Charset::from_name(l.trim()).filter(|_| l.trim().len() == 1))
        .unwrap_or(Charset::Utf8);
    let (text, used) = match declared.decode(payload) {
        Ok(text) => (text, declared),
        Err(offset) => {
            let error = Error::validation(
                ValidationCode::EpcCharsetMismatch,
                "payload",
                format!("byte {offset} is not valid {declared}, the charset the payload declares"),
            );
            if mode == Mode::Strict {
                return Err(error);
            }
            let fallback = if declared == Charset::Utf8 { Charset::Iso8859_1 } else { declared };
            ctx.tolerated.push(Tolerated {
                code: "charset_mismatch",
                field: Cow::Borrowed("charset"),
                message: format!("byte {offset} is not valid {declared}; read as {}", fallback.name()),
            });
            (fallback.decode_lossy(payload), fallback)
        }
    };
    let epc = parse_text(&text, &mut ctx, Some(used))?;
    Ok(Parsed { epc, tolerated: ctx.tolerated })
}

struct Ctx {
    mode: Mode,
    tolerated: Vec<Tolerated>,
}

impl Ctx {
    /// Strict: the error. Lenient: records it as tolerated under `code`.
    fn tolerate(&mut self, error: Error, code: &'static str) -> Result<(), Error> {
        match (self.mode, error) {
            (Mode::Lenient, Error::Validation(v)) => {
                self.tolerated.push(Tolerated { code, field: v.field, message: v.message });
                Ok(())
            }
            (_, e) => Err(e),
        }
    }

    fn lenient(&self) -> bool {
        self.mode == Mode::Lenient
    }
}

fn err(code: ValidationCode, field: &'static str, message: impl Into<String>) -> Error {
    Error::validation(code, field, message)
}

/// A fixed line (`BCD`, `SCT`): exact, or (lenient) with spaces or another case.
fn fixed(ctx: &mut Ctx, line: &str, want: &str, code: ValidationCode, field: &'static str) -> Result<(), Error> {
    if line == want {
        return Ok(());
    }
    let error = err(code, field, format!("expected `{want}`, found `{}`", shorten(line)));
    if line.trim().eq_ignore_ascii_case(want) {
        return ctx.tolerate(error, "whitespace");
    }
    Err(error)
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(20).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

fn parse_text(input: &str, ctx: &mut Ctx, decoded_as: Option<Charset>) -> Result<Epc, Error> {
    let mut text = input;
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        ctx.tolerate(err(ValidationCode::EpcServiceTag, "service_tag", "the payload starts with a byte-order mark"), "bom")?;
        text = rest;
    }
    let mut lines: Vec<&str> = text.split('\n').collect();
    let with_cr = lines[..lines.len() - 1].iter().filter(|l| l.ends_with('\r')).count();
    if with_cr > 0 && with_cr < lines.len() - 1 {
        ctx.tolerate(
            err(ValidationCode::EpcLineEndings, "payload", "the lines end with CRLF and LF mixed; use one of them"),
            "mixed_line_endings",
        )?;
    }
    let last_cr = lines.last().is_some_and(|l| l.ends_with('\r'));
    for line in lines.iter_mut() {
        *line = line.strip_suffix('\r').unwrap_or(line);
    }
    let mut trailing = last_cr;
    while lines.len() > 1 && lines.last() == Some(&"") {
        lines.pop();
        trailing = true;
    }
    if trailing {
        ctx.tolerate(
            err(ValidationCode::EpcTrailingSeparator, "payload", "the last field is followed by a line break (or empty lines)"),
            "trailing_newline",
        )?;
    }
    if lines.len() > 12 {
        ctx.tolerate(
            err(ValidationCode::EpcTooManyLines, "payload", format!("{} lines; an EPC payload has at most 12", lines.len())),
            "extra_lines",
        )?;
        lines.truncate(12);
    }
    let line = |i: usize| lines.get(i).copied().unwrap_or("");

    fixed(ctx, line(0), "BCD", ValidationCode::EpcServiceTag, "service_tag")?;
    let version = match Version::from_str_lenient(line(1)) {
        Some(v) if line(1).len() == 3 => v,
        _ => {
            let error = err(ValidationCode::EpcVersion, "version", format!("expected `001` or `002`, found `{}`", shorten(line(1))));
            match Version::from_str_lenient(line(1).trim()) {
                Some(v) => {
                    ctx.tolerate(error, "version_format")?;
                    v
                }
                None => return Err(error),
            }
        }
    };
    let declared = match Charset::from_name(line(2)).filter(|_| line(2).len() == 1) {
        Some(c) => c,
        None => {
            let error = err(
                ValidationCode::EpcCharset,
                "charset",
                format!("expected a charset number 1 to 8, found `{}`", shorten(line(2))),
            );
            match Charset::from_name(line(2).trim()).filter(|_| line(2).trim().len() == 1) {
                Some(c) => {
                    ctx.tolerate(error, "whitespace")?;
                    c
                }
                None => {
                    ctx.tolerate(error, "charset_unknown")?;
                    Charset::Utf8
                }
            }
        }
    };
    fixed(ctx, line(3), "SCT", ValidationCode::EpcIdentification, "identification")?;
    if lines.len() < 7 {
        let field = if lines.len() < 6 { "name" } else { "iban" };
        return Err(err(
            ValidationCode::EpcFieldMissing,
            field,
            format!("the payload ends before the {field} (line {})", lines.len() + 1),
        ));
    }

    let bic = match line(4) {
        "" => None,
        raw => Some(match ident::bic::validate(raw) {
            Ok(norm) if norm == raw => norm,
            Ok(norm) => {
                ctx.tolerate(err(ValidationCode::BicFormat, "bic", "the BIC is not upper case without spaces"), "bic_format")?;
                norm
            }
            Err(e) => {
                ctx.tolerate(e, "bic_invalid")?;
                raw.to_owned()
            }
        }),
    };

    let name = line(5);
    if name.is_empty() {
        return Err(err(ValidationCode::EpcFieldMissing, "name", "the beneficiary's name (line 6) is empty"));
    }
    text_field(ctx, "name", name, MAX_NAME_CHARS)?;

    let raw_iban = line(6);
    let iban = ident::iban::validate(raw_iban)?;
    if iban != raw_iban {
        ctx.tolerate(
            err(ValidationCode::IbanFormat, "iban", "the IBAN is not in electronic form (upper case, no spaces)"),
            "iban_format",
        )?;
    }
    if bic.is_none() {
        if let Err(e) = bic_required(version, &iban) {
            ctx.tolerate(e, "bic_missing")?;
        }
    }

    let amount = match line(7) {
        "" => None,
        raw => amount_line(ctx, raw)?,
    };

    let purpose = match line(8) {
        "" => None,
        raw => Some(match purpose(raw, false) {
            Ok(p) => p,
            Err(e) => match purpose(raw.trim(), true) {
                Ok(p) => {
                    ctx.tolerate(e, "purpose_format")?;
                    p
                }
                Err(e) => {
                    ctx.tolerate(e, "purpose_format")?;
                    raw.to_owned()
                }
            },
        }),
    };

    let reference = match line(9) {
        "" => None,
        raw => Some(match normalise_reference(raw, "reference") {
            Ok(norm) if norm == raw => norm,
            Ok(norm) => {
                ctx.tolerate(
                    err(
                        ValidationCode::EpcReferenceFormat,
                        "reference",
                        "the reference is not in its electronic form (RF without spaces, or the 12 OGM digits)",
                    ),
                    "reference_format",
                )?;
                norm
            }
            Err(e) => {
                let code = if matches!(e.code(), "rf_checksum" | "ogm_checksum") {
                    "reference_checksum"
                } else {
                    "reference_unrecognised"
                };
                ctx.tolerate(e, code)?;
                if raw.chars().count() > MAX_REFERENCE_CHARS {
                    ctx.tolerate(err(ValidationCode::EpcFieldTooLong, "reference", "more than 35 characters"), "field_too_long")?;
                }
                raw.to_owned()
            }
        }),
    };

    let text_line = match line(10) {
        "" => None,
        raw => {
            text_field(ctx, "text", raw, MAX_TEXT_CHARS)?;
            Some(raw.to_owned())
        }
    };
    if reference.is_some() && text_line.is_some() {
        ctx.tolerate(
            err(ValidationCode::EpcReferenceAndText, "text", "the payload has both a structured reference and a text"),
            "reference_and_text",
        )?;
    }
    let information = match line(11) {
        "" => None,
        raw => {
            text_field(ctx, "information", raw, MAX_INFORMATION_CHARS)?;
            Some(raw.to_owned())
        }
    };

    let mut charset = decoded_as.unwrap_or(declared);
    let bytes = match charset.encoded_len(text) {
        Ok(n) => n,
        Err(c) => {
            ctx.tolerate(
                err(
                    ValidationCode::EpcCharsetUnencodable,
                    "charset",
                    format!("the payload declares {charset}, which cannot write {}", ident::describe(c)),
                ),
                "charset_mismatch",
            )?;
            charset = Charset::Utf8;
            text.len()
        }
    };
    if bytes > MAX_PAYLOAD_BYTES {
        ctx.tolerate(
            err(
                ValidationCode::EpcTooLong,
                "payload",
                format!("{bytes} bytes in {charset}; an EPC QR code holds at most {MAX_PAYLOAD_BYTES}"),
            ),
            "payload_too_long",
        )?;
    }

    Ok(Epc {
        version,
        charset,
        bic,
        name: name.to_owned(),
        iban,
        amount,
        purpose,
        reference,
        text: text_line,
        information,
    })
}

fn text_field(ctx: &mut Ctx, field: &'static str, value: &str, max: usize) -> Result<(), Error> {
    if let Err(e) = check_text(field, value, max) {
        let code = if e.code() == "epc_invalid_character" { "invalid_character" } else { "field_too_long" };
        ctx.tolerate(e, code)?;
        // Both problems may be present: check the length on its own.
        if code == "invalid_character" && value.chars().count() > max {
            ctx.tolerate(err(ValidationCode::EpcFieldTooLong, field, format!("more than {max} characters")), "field_too_long")?;
        }
    }
    Ok(())
}

/// Line 8: `EUR` + 1 to 12 characters `digits[.d[d]]`, 0.01 to 999999999.99.
fn strict_amount(raw: &str) -> Result<Amount, Error> {
    let Some(number) = raw.strip_prefix("EUR") else {
        let currency: String = raw.chars().take(3).collect();
        if currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(err(
                ValidationCode::EpcAmountCurrency,
                "amount",
                format!("the EPC QR code is for euro only, not {currency}"),
            ));
        }
        return Err(err(
            ValidationCode::EpcAmountFormat,
            "amount",
            format!("expected EUR and the amount, as EUR12.30, found `{}`", shorten(raw)),
        ));
    };
    if number.len() > 12 {
        return Err(err(ValidationCode::EpcAmountFormat, "amount", "at most 12 characters follow EUR"));
    }
    amount::parse_decimal(number, "amount").map_err(|e| match e.code() {
        "epc_amount_format" => err(
            ValidationCode::EpcAmountFormat,
            "amount",
            format!("`{}`: expected EUR and the amount with a dot and at most two decimals, as EUR12.30", shorten(raw)),
        ),
        _ => e,
    })
}

fn amount_line(ctx: &mut Ctx, raw: &str) -> Result<Option<Amount>, Error> {
    let strict_error = match strict_amount(raw) {
        Ok(a) => return Ok(Some(a)),
        Err(e) => e,
    };
    if !ctx.lenient() || strict_error.code() == "epc_amount_currency" {
        return Err(strict_error);
    }
    let s = raw.trim();
    let number = match s.get(..3) {
        Some(c) if c.eq_ignore_ascii_case("EUR") => s[3..].trim_start(),
        _ if s.starts_with(|c: char| c.is_ascii_digit()) => s,
        _ => return Err(strict_error),
    };
    let number = match (number.matches(',').count(), number.contains('.')) {
        (1, false) if number.rsplit(',').next().is_some_and(|d| d.len() <= 2) => number.replace(',', "."),
        _ => number.to_owned(),
    };
    if !number.is_empty() && number.bytes().all(|b| b == b'0' || b == b'.') && number.starts_with('0') {
        ctx.tolerate(strict_error, "amount_zero")?;
        return Ok(None);
    }
    match amount::parse_decimal(&number, "amount") {
        Ok(a) => {
            ctx.tolerate(strict_error, "amount_format")?;
            Ok(Some(a))
        }
        Err(_) => Err(strict_error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RED_CROSS: &str = "BCD\n001\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";

    fn strict_code(p: &str) -> String {
        parse(p, Mode::Strict).unwrap_err().code().to_owned()
    }

    fn lenient_codes(p: &str) -> Vec<&'static str> {
        parse(p, Mode::Lenient).unwrap().tolerated.iter().map(|t| t.code).collect()
    }

    #[test]
    fn the_standard_example() {
        let p = parse(RED_CROSS, Mode::Strict).unwrap();
        assert!(p.tolerated.is_empty());
        let e = &p.epc;
        assert_eq!((e.version, e.charset), (Version::V001, Charset::Utf8));
        assert_eq!(e.bic.as_deref(), Some("BPOTBEB1"));
        assert_eq!(e.amount, Some(Amount::from_cents(100).unwrap()));
        assert_eq!(e.purpose.as_deref(), Some("CHAR"));
        assert_eq!(e.reference, None);
        assert_eq!(e.text.as_deref(), Some("Urgency fund"));
        assert_eq!(e.information.as_deref(), Some("Sample EPC QR code"));
        // CRLF is as good as LF.
        assert_eq!(parse(&RED_CROSS.replace('\n', "\r\n"), Mode::Strict).unwrap().epc, p.epc);
        // The canonical payload differs only in the amount's decimals.
        assert_eq!(e.payload(), RED_CROSS.replace("EUR1\n", "EUR1.00\n"));
    }

    #[test]
    fn strict_refusals() {
        let cases = [
            (RED_CROSS.replacen("BCD", "BCE", 1), "epc_service_tag"),
            (RED_CROSS.replacen("001", "003", 1), "epc_version"),
            (RED_CROSS.replacen("\n1\n", "\n9\n", 1), "epc_charset"),
            (RED_CROSS.replacen("SCT", "INST", 1), "epc_identification"),
            (format!("{RED_CROSS}\n"), "epc_trailing_separator"),
            (RED_CROSS.replacen("\n", "\r\n", 2), "epc_line_endings"),
            (format!("{RED_CROSS}\nx"), "epc_too_many_lines"),
            ("BCD\n002\n1\nSCT\n\nName".to_owned(), "epc_field_missing"),
            (RED_CROSS.replacen("BPOTBEB1", "bpotbeb1", 1), "bic_format"),
            (RED_CROSS.replacen("BPOTBEB1", "", 1), "epc_bic_required"),
            (RED_CROSS.replacen("BE72000000001616", "BE72 0000 0000 1616", 1), "iban_format"),
            (RED_CROSS.replacen("BE72000000001616", "BE72000000001617", 1), "iban_checksum"),
            (RED_CROSS.replacen("EUR1", "EUR0.00", 1), "epc_amount_range"),
            (RED_CROSS.replacen("EUR1", "EUR1,50", 1), "epc_amount_format"),
            (RED_CROSS.replacen("EUR1", "EUR1.505", 1), "epc_amount_decimals"),
            (RED_CROSS.replacen("EUR1", "CHF1", 1), "epc_amount_currency"),
            (RED_CROSS.replacen("EUR1", "EUR 1", 1), "epc_amount_format"),
            (RED_CROSS.replacen("CHAR", "char", 1), "epc_purpose"),
            (RED_CROSS.replacen("CHAR\n", "CHAR\nRF18539007547034", 1), "epc_reference_and_text"),
            (RED_CROSS.replacen("CHAR\n", "CHAR\nRF18 5390 0754 7034", 1), "epc_reference_format"),
            (RED_CROSS.replacen("Urgency fund", &"x".repeat(141), 1), "epc_field_too_long"),
            (RED_CROSS.replacen("Urgency fund", "a\tb", 1), "epc_invalid_character"),
            (format!("\u{FEFF}{RED_CROSS}"), "epc_service_tag"),
            (RED_CROSS.replacen("Urgency fund", &"😀".repeat(80), 1), "epc_too_long"),
            (RED_CROSS.replacen("\n1\n", "\n2\n", 1).replacen("Urgency fund", "Łódź", 1), "epc_charset_unencodable"),
        ];
        for (p, code) in cases {
            assert_eq!(strict_code(&p), code, "{p:?}");
        }
    }

    #[test]
    fn lenient_tolerates_and_reports() {
        let p = "\u{FEFF}BCD\r\n002\n1\nSCT\ngebabebb\nName\nbe72 0000 0000 1616\nEUR 12,30\nchar\n+++123/4567/89002+++\nsome text\n\n\n\n";
        let parsed = parse(p, Mode::Lenient).unwrap();
        let codes: Vec<_> = parsed.tolerated.iter().map(|t| t.code).collect();
        assert_eq!(
            codes,
            [
                "bom",
                "mixed_line_endings",
                "trailing_newline",
                "bic_format",
                "iban_format",
                "amount_format",
                "purpose_format",
                "reference_format",
                "reference_and_text"
            ]
        );
        let e = parsed.epc;
        assert_eq!(e.bic.as_deref(), Some("GEBABEBB"));
        assert_eq!(e.iban, "BE72000000001616");
        assert_eq!(e.amount.unwrap().cents(), 1230);
        assert_eq!(e.purpose.as_deref(), Some("CHAR"));
        assert_eq!(e.reference.as_deref(), Some("123456789002"));
        assert_eq!(lenient_codes(&RED_CROSS.replacen("EUR1", "EUR0.00", 1)), ["amount_zero"]);
        assert_eq!(parse(&RED_CROSS.replacen("EUR1", "EUR0", 1), Mode::Lenient).unwrap().epc.amount, None);
        assert_eq!(lenient_codes(&format!("{RED_CROSS}\nextra")), ["extra_lines"]);
        assert_eq!(lenient_codes(&RED_CROSS.replacen("BPOTBEB1", "", 1)), ["bic_missing"]);
        assert_eq!(lenient_codes(&RED_CROSS.replacen("\n1\n", "\n9\n", 1)), ["charset_unknown"]);
        assert_eq!(
            lenient_codes(&RED_CROSS.replacen("CHAR\n", "CHAR\ninvoice 42", 1)),
            ["reference_unrecognised", "reference_and_text"]
        );
        // Still fatal when lenient: the IBAN and the name.
        assert_eq!(
            parse(&RED_CROSS.replacen("BE72000000001616", "BE72000000001617", 1), Mode::Lenient).unwrap_err().code(),
            "iban_checksum"
        );
        assert_eq!(
            parse(&RED_CROSS.replacen("Red Cross of Belgium", "", 1), Mode::Lenient).unwrap_err().code(),
            "epc_field_missing"
        );
        assert_eq!(parse("hello", Mode::Lenient).unwrap_err().code(), "epc_service_tag");
        assert_eq!(parse("", Mode::Lenient).unwrap_err().code(), "epc_service_tag");
    }

    #[test]
    fn bytes_in_the_declared_charset() {
        let text = RED_CROSS.replacen("\n1\n", "\n2\n", 1).replacen("Urgency fund", "Café Müller", 1);
        let latin1 = Charset::Iso8859_1.encode(&text).unwrap();
        let p = parse_bytes(&latin1, Mode::Strict).unwrap();
        assert_eq!(p.epc.text.as_deref(), Some("Café Müller"));
        assert_eq!(p.epc.charset, Charset::Iso8859_1);
        // Declared UTF-8, bytes Latin-1: strict refuses, lenient reads them as Latin-1.
        let wrong = RED_CROSS.replacen("Urgency fund", "Café", 1).replace('é', "\u{0}");
        let mut bytes = wrong.into_bytes();
        let at = bytes.iter().position(|&b| b == 0).unwrap();
        bytes[at] = 0xE9;
        assert_eq!(parse_bytes(&bytes, Mode::Strict).unwrap_err().code(), "epc_charset_mismatch");
        let p = parse_bytes(&bytes, Mode::Lenient).unwrap();
        assert_eq!((p.epc.text.as_deref(), p.tolerated[0].code), (Some("Café"), "charset_mismatch"));
        // Found by the fuzz target: ISO-8859-5 bytes that are also valid UTF-8 read the same in
        // both modes.
        let latin5 = b"BCD\n001\n5\nSCT\nBQOTBEB1\nName\nBE72000000001616\nEUR1\n\n\nj390\xef\xbb\xbf 0754";
        let strict = parse_bytes(latin5, Mode::Strict).unwrap();
        assert_eq!(strict.epc.text.as_deref(), Some("j390яЛП 0754"));
        assert_eq!(parse_bytes(latin5, Mode::Lenient).unwrap(), strict);
        // Declared Latin-1, bytes UTF-8: read as declared, in both modes (as a banking app would).
        for mode in [Mode::Strict, Mode::Lenient] {
            let p = parse_bytes(text.as_bytes(), mode).unwrap();
            assert_eq!((p.epc.text.as_deref(), p.epc.charset), (Some("CafÃ© MÃ¼ller"), Charset::Iso8859_1));
            assert!(p.tolerated.is_empty());
        }
    }
}
