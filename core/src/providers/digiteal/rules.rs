//! The checks the seeds and the guide state, applied before any request or link is built. Every
//! failure is a validation error naming the field with its wire name.

use std::borrow::Cow;

use crate::error::{Error, ValidationCode};
use crate::ident;

/// Characters escaped in a query value (and in the hash-route segments of the web application's
/// links): everything but RFC 3986's unreserved characters and `@` and `:`, which a query may hold
/// as they are. A space becomes `%20`, as in the guide's examples (`remittanceInfo=Urgency%20Fund`).
const QUERY: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'@').remove(b':');

/// `value` percent-encoded for a query or a hash-route segment.
pub(crate) fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, QUERY).to_string()
}

/// A query string built in a fixed order (the order of the guide's examples, where it has one).
#[derive(Default)]
pub(crate) struct Query {
    pairs: Vec<String>,
}

impl Query {
    /// Adds `name=value`.
    pub(crate) fn push(&mut self, name: &str, value: &str) {
        self.pairs.push(format!("{}={}", encode(name), encode(value)));
    }

    /// Adds `name=value` when there is a value.
    pub(crate) fn opt<T: ToString + ?Sized>(&mut self, name: &str, value: Option<&T>) {
        if let Some(v) = value {
            self.push(name, &v.to_string());
        }
    }

    /// `url?query`, or `url` alone when there are no pairs.
    pub(crate) fn append_to(self, mut url: String) -> String {
        if !self.pairs.is_empty() {
            url.push('?');
            url.push_str(&self.pairs.join("&"));
        }
        url
    }

    /// The query without `?`.
    pub(crate) fn into_string(self) -> String {
        self.pairs.join("&")
    }
}

pub(crate) fn invalid(field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Error {
    Error::validation(ValidationCode::InvalidParams, field, message)
}

/// Re-labels an identifier check's error (`iban_checksum`, `ogm_format`, ...) with our field name.
fn relabel(e: Error, field: &'static str) -> Error {
    match e {
        Error::Validation(v) => Error::validation(v.code, field, v.message),
        other => other,
    }
}

/// A required text: present and not blank.
pub(crate) fn required<'a>(value: Option<&'a str>, field: &'static str) -> Result<&'a str, Error> {
    match value {
        Some(v) if !v.trim().is_empty() => Ok(v),
        Some(_) => Err(invalid(field, "must not be empty")),
        None => Err(invalid(field, format!("`{field}` is required"))),
    }
}

/// A text given but blank is refused (an absent one is fine).
pub(crate) fn not_blank(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v.trim().is_empty() => Err(invalid(field, "must not be empty (leave it out instead)")),
        _ => Ok(()),
    }
}

/// A calendar date written `YYYY-MM-DD`, as the seed expects every date of the request models.
pub(crate) fn date(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    if parse_date(v).is_none() {
        return Err(invalid(field, format!("expected a date written YYYY-MM-DD, got `{v}`")));
    }
    Ok(())
}

/// `(year, month, day)` of a valid `YYYY-MM-DD` date.
pub(crate) fn parse_date(v: &str) -> Option<(u32, u32, u32)> {
    let b = v.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |s: &str| -> Option<u32> {
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(v.get(0..4)?)?, num(v.get(5..7)?)?, num(v.get(8..10)?)?);
    valid_day(year, month, day).then_some((year, month, day))
}

fn valid_day(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year > 0 && (1..=days).contains(&day)
}

/// Digiteal's `dd/MM/yyyy` (the `autoPaymentDate` header) as `YYYY-MM-DD`; an already ISO date is
/// kept. `None` when it is neither.
pub(crate) fn dmy_to_iso(v: &str) -> Option<String> {
    let v = v.trim();
    if parse_date(v).is_some() {
        return Some(v.to_owned());
    }
    let mut parts = v.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || !(1..=2).contains(&d.len()) || !(1..=2).contains(&m.len()) {
        return None;
    }
    if ![d, m, y].iter().all(|s| s.bytes().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (day, month, year): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    valid_day(year, month, day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// An amount in cents: never negative.
pub(crate) fn cents(value: Option<i64>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v < 0 => Err(invalid(field, format!("an amount in cents is not negative, got {v}"))),
        _ => Ok(()),
    }
}

/// An id given as a number (`requesterID`, `digitealIdentifier`, ...): ids are above zero.
pub(crate) fn positive_id(value: Option<i64>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v <= 0 => Err(invalid(field, "an id is a number above zero")),
        _ => Ok(()),
    }
}

/// A required amount in cents above zero.
pub(crate) fn positive_cents(value: Option<i64>, field: &'static str) -> Result<i64, Error> {
    match value {
        Some(v) if v > 0 => Ok(v),
        Some(v) => Err(invalid(field, format!("must be at least 1 cent, got {v}"))),
        None => Err(invalid(field, format!("`{field}` is required"))),
    }
}

/// The guide: `amountInCents` "cannot be used at the same time as" `minAmountInCents`,
/// `maxAmountInCents` or `suggestedAmountInCents`; and min <= suggested <= max when given.
pub(crate) fn amount_choice(
    amount: Option<i64>,
    min: Option<i64>,
    max: Option<i64>,
    suggested: Option<i64>,
) -> Result<(), Error> {
    cents(amount, "amountInCents")?;
    cents(min, "minAmountInCents")?;
    cents(max, "maxAmountInCents")?;
    cents(suggested, "suggestedAmountInCents")?;
    if amount.is_some() {
        for (value, field) in
            [(min, "minAmountInCents"), (max, "maxAmountInCents"), (suggested, "suggestedAmountInCents")]
        {
            if value.is_some() {
                return Err(invalid(
                    field,
                    format!("`{field}` cannot be used together with `amountInCents` (give a fixed amount, or a range/suggestion)"),
                ));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            return Err(invalid(
                "minAmountInCents",
                format!("minAmountInCents ({lo}) is above maxAmountInCents ({hi})"),
            ));
        }
    }
    if let Some(s) = suggested {
        if min.is_some_and(|lo| s < lo) || max.is_some_and(|hi| s > hi) {
            return Err(invalid(
                "suggestedAmountInCents",
                "suggestedAmountInCents is outside minAmountInCents..maxAmountInCents",
            ));
        }
    }
    Ok(())
}

/// The seeds: `creditorReference` "can be left empty if the remittanceInfo is defined" (and the
/// other way round): one of them is needed; both may be given (the reference wins).
pub(crate) fn reference_or_text(reference: Option<&str>, text: Option<&str>) -> Result<(), Error> {
    not_blank(text, "remittanceInfo")?;
    match reference {
        Some(r) => creditor_reference(r, "creditorReference"),
        None if text.is_some() => Ok(()),
        None => Err(invalid(
            "creditorReference",
            "give a creditorReference (structured: Belgian OGM/VCS or ISO 11649 RF) or a remittanceInfo (free text)",
        )),
    }
}

/// A structured reference: a Belgian OGM/VCS ("BBA") or an ISO 11649 RF reference, checksums
/// included, as the seed says both are supported.
pub(crate) fn creditor_reference(value: &str, field: &'static str) -> Result<(), Error> {
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(field, "must not be empty (leave it out instead)"));
    }
    if v.len() >= 2 && v.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("RF")) {
        ident::rf::validate(v).map(drop).map_err(|e| relabel(e, field))
    } else {
        ident::ogm::digits(v).map(drop).map_err(|e| relabel(e, field))
    }
}

/// An IBAN, checked as `iban.validate` checks it (the registry's country, length and structure,
/// the ISO 13616 check digits and the account number's national check digits), the error
/// re-labelled with our field name. The seeds' own example IBANs fail the Belgian national check
/// and are refused (contradiction 17 of the module docs).
pub(crate) fn iban(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value.map(ident::iban::validate) {
        None | Some(Ok(_)) => Ok(()),
        Some(Err(e)) => Err(relabel(e, field)),
    }
}

/// A BIC (8 or 11 characters).
pub(crate) fn bic(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) => ident::bic::validate(v).map(drop).map_err(|e| relabel(e, field)),
        None => Ok(()),
    }
}

/// An ISO 20022 purpose: four capital letters (`GDDS`, `CHAR`).
pub(crate) fn purpose(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v.len() == 4 && v.bytes().all(|c| c.is_ascii_uppercase()) => Ok(()),
        Some(v) => {
            Err(invalid(field, format!("an ISO 20022 purpose code is 4 capital letters (GDDS, CHAR, ...), got `{v}`")))
        }
        None => Ok(()),
    }
}

/// An ISO 4217 currency code: three capital letters.
pub(crate) fn currency(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v.len() == 3 && v.bytes().all(|c| c.is_ascii_uppercase()) => Ok(()),
        Some(v) => Err(invalid(field, format!("an ISO 4217 currency is 3 capital letters (EUR), got `{v}`"))),
        None => Ok(()),
    }
}

/// A two-letter ISO 3166-1 country code.
pub(crate) fn country(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v.len() == 2 && v.bytes().all(|c| c.is_ascii_uppercase()) => Ok(()),
        Some(v) => {
            Err(invalid(field, format!("an ISO 3166-1 alpha-2 country code is 2 capital letters (BE), got `{v}`")))
        }
        None => Ok(()),
    }
}

/// An email address, checked loosely: one `@` with text on both sides, a dot in the domain, no
/// spaces or control characters.
pub(crate) fn email(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(field, format!("`{v}` is not an email address")))
    }
}

/// An absolute `http(s)` URL (the redirect targets).
pub(crate) fn url(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) => crate::config::check_callback_url(v, field),
        None => Ok(()),
    }
}

/// The image width: 1 to 4000 pixels (the seed: "maximum 4000").
pub(crate) fn size(value: Option<i64>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if !(1..=4000).contains(&v) => {
            Err(invalid(field, format!("the image size is 1 to 4000 pixels, got {v}")))
        }
        _ => Ok(()),
    }
}

/// Text that goes into a header or a multipart header: no control characters.
pub(crate) fn header_text(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v.chars().any(char::is_control) => {
            Err(invalid(field, "must not contain control characters (line breaks, tabs)"))
        }
        Some(v) if v.trim().is_empty() => Err(invalid(field, "must not be empty")),
        _ => Ok(()),
    }
}

/// A nested model's violation named by its full path: `prefix.field`, `prefix[0]` or `prefix`
/// alone, so that a rule broken deep in a tree names where (`customerCompany.contactPerson.email`,
/// `transferPayments[0].subPayments[1].creditorIBAN`). Other errors pass as they are.
pub(crate) fn within(prefix: &str, result: Result<(), Error>) -> Result<(), Error> {
    result.map_err(|e| match e {
        Error::Validation(mut v) => {
            let field = if v.field.is_empty() {
                prefix.to_owned()
            } else if v.field.starts_with('[') {
                format!("{prefix}{}", v.field)
            } else {
                format!("{prefix}.{}", v.field)
            };
            v.field = Cow::Owned(field);
            Error::Validation(v)
        }
        other => other,
    })
}

/// A calendar date written `dd/MM/yyyy` (two digits, two digits, four digits), as `(year, month,
/// day)`.
pub(crate) fn parse_dmy(v: &str) -> Option<(u32, u32, u32)> {
    let b = v.as_bytes();
    if b.len() != 10 || b.get(2) != Some(&b'/') || b.get(5) != Some(&b'/') {
        return None;
    }
    let iso = format!("{}-{}-{}", v.get(6..10)?, v.get(3..5)?, v.get(0..2)?);
    parse_date(&iso)
}

/// A real calendar date written `YYYY-MM-DD` or `dd/MM/yyyy` (a time-based transfer's `endDate`:
/// the seed's schema says `dd/MM/yyyy`, its example `2019-12-31`). The value is sent as given.
pub(crate) fn date_either(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    if parse_date(v).is_none() && parse_dmy(v).is_none() {
        return Err(invalid(field, format!("expected a real date written YYYY-MM-DD or dd/MM/yyyy, got `{v}`")));
    }
    Ok(())
}

/// A decimal written with digits, optionally a dot and at most `decimals` digits after it
/// (`"33.3333"`), as a whole number of `10^-decimals` units (`333_333` for 4 decimals): the value
/// is read as a decimal, never through a binary float. No sign, exponent, spaces or separators.
pub(crate) fn decimal_units(text: &str, decimals: u32) -> Result<u64, String> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(format!("`{}` is not a decimal number (digits, optionally a dot and decimals)", shorten(text)));
    }
    let fraction = fraction.unwrap_or("");
    if fraction.len() > decimals as usize {
        let (shown, n) = (shorten(text), fraction.len());
        return Err(format!("`{shown}` has {n} digits behind the decimal point; at most {decimals} are allowed"));
    }
    let scale = 10u64.pow(decimals);
    let padded = format!("{fraction:0<width$}", width = decimals as usize);
    let too_big = || format!("`{}` is too large", shorten(text));
    let whole: u64 = whole.parse().map_err(|_| too_big())?;
    let part: u64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| too_big())? };
    whole.checked_mul(scale).and_then(|w| w.checked_add(part)).ok_or_else(too_big)
}

/// `units` (of `10^-decimals`) written back as a decimal without trailing zeros: `333333` with 4
/// decimals is `33.3333`, `1000000` is `100`.
pub(crate) fn decimal_text(units: u64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let (whole, part) = (units / scale, units % scale);
    if part == 0 {
        return whole.to_string();
    }
    let fraction = format!("{part:0width$}", width = decimals as usize);
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 32 {
        format!("{}...", text.chars().take(32).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// A UUID, as Digiteal writes them (`e529f8b4790f11e7b5a5be2e44b06b52`: 32 hexadecimal digits) or
/// in the hyphenated form (`8-4-4-4-12`).
pub(crate) fn uuid(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    let Some(v) = value else { return Ok(()) };
    let hex = |s: &str| s.bytes().all(|c| c.is_ascii_hexdigit());
    let ok = match v.len() {
        32 => hex(v),
        36 => {
            let groups: Vec<&str> = v.split('-').collect();
            groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g))
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(field, format!("expected a UUID (32 hexadecimal digits, hyphens allowed), got `{}`", shorten(v))))
    }
}

/// An IPv4 or IPv6 address.
pub(crate) fn ip_address(value: Option<&str>, field: &'static str) -> Result<(), Error> {
    match value {
        Some(v) if v.parse::<std::net::IpAddr>().is_err() => {
            Err(invalid(field, format!("`{}` is not an IPv4 or IPv6 address", shorten(v))))
        }
        _ => Ok(()),
    }
}

/// A PEPPOL participant id (`scheme:value`) checked with [`ident::peppol`], returned normalised
/// (`iso6523-actorid-upis::` dropped, value in lower case). Errors keep their code
/// (`peppol_format`, `peppol_scheme_removed`, ...) and name `field`.
pub(crate) fn peppol_id(value: &str, field: &'static str) -> Result<String, Error> {
    ident::peppol::validate(value).map_err(|e| relabel(e, field))
}

/// Where a webhook goes: an `https://` URL, or `mailto:` one or more email addresses (the seed:
/// "for initial setup and testing purpose"). Plain `http://` is refused: Digiteal presents the
/// webhook login and password with each call, which must not travel in clear.
pub(crate) fn webhook_url(value: &str, field: &'static str) -> Result<(), Error> {
    let parsed = crate::uri::Url::parse(value).map_err(|e| invalid(field, format!("not an absolute URL: {e}")))?;
    match parsed.scheme.as_str() {
        "https" if parsed.host.is_some() => Ok(()),
        "https" => Err(invalid(field, "an https:// URL needs a host")),
        "mailto" => {
            let to = percent_encoding::percent_decode_str(parsed.path).decode_utf8_lossy().into_owned();
            if to.trim().is_empty() {
                return Err(invalid(field, "a mailto: URL needs an address"));
            }
            for address in to.split(',') {
                email(Some(address.trim()), field)?;
            }
            Ok(())
        }
        // A receiver on this machine (tests, `kassa sandbox`), as for every callback URL.
        "http" if parsed.is_loopback() => Ok(()),
        "http" => Err(invalid(
            field,
            "must be https:// (or mailto:; http:// only on a loopback host): Digiteal sends the webhook login and password with every call",
        )),
        other => Err(invalid(field, format!("must be an https:// or mailto: URL, not `{other}:`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(parse_date("2019-12-31").is_some());
        assert!(parse_date("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2019-11-31",
            "2019-13-01",
            "2019-1-01",
            "19-12-31",
            "2019/12/31",
            "2019-12-3x",
            "",
            "٢٠١٩-١٢-٣١",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        assert_eq!(dmy_to_iso("31/12/2019").as_deref(), Some("2019-12-31"));
        assert_eq!(dmy_to_iso("1/2/2020").as_deref(), Some("2020-02-01"));
        assert_eq!(dmy_to_iso("2020-02-01").as_deref(), Some("2020-02-01"));
        for bad in ["31/02/2019", "12/31/2019/1", "aa/bb/cccc", "31-12-2019", "", "/ /", "1/1/99"] {
            assert_eq!(dmy_to_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn references() {
        assert!(creditor_reference("000600232562", "f").is_ok()); // the seed's example
        assert!(creditor_reference("+++000/6002/32562+++", "f").is_ok());
        assert!(creditor_reference("RF18539007547034", "f").is_ok());
        assert_eq!(creditor_reference("000600232563", "f").unwrap_err().code(), "ogm_checksum");
        let Error::Validation(e) = creditor_reference("RF19539007547034", "creditorReference").unwrap_err() else {
            panic!()
        };
        assert_eq!(&*e.field, "creditorReference");
        assert!(reference_or_text(None, Some("Invoice 1")).is_ok());
        assert!(reference_or_text(None, None).is_err());
        assert!(reference_or_text(None, Some(" ")).is_err());
    }

    #[test]
    fn amounts_and_encoding() {
        assert!(amount_choice(Some(1234), None, None, None).is_ok());
        assert!(amount_choice(None, Some(500), Some(50_000), Some(50_000)).is_ok());
        let Error::Validation(e) = amount_choice(Some(1), Some(2), None, None).unwrap_err() else { panic!() };
        assert_eq!(&*e.field, "minAmountInCents");
        assert!(amount_choice(None, Some(10), Some(5), None).is_err());
        assert!(amount_choice(None, Some(10), Some(50), Some(60)).is_err());
        assert!(amount_choice(Some(-1), None, None, None).is_err());
        assert_eq!(encode("Urgency Fund"), "Urgency%20Fund");
        assert_eq!(encode("https://www.scan2pay.info"), "https:%2F%2Fwww.scan2pay.info");
        assert_eq!(encode("a&b=c#d?e+f"), "a%26b%3Dc%23d%3Fe%2Bf");
        assert_eq!(encode("support@digiteal.eu"), "support@digiteal.eu");
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn small_checks() {
        assert!(purpose(Some("GDDS"), "purpose").is_ok());
        assert!(purpose(Some("gdds"), "purpose").is_err());
        assert!(currency(Some("EUR"), "currency").is_ok());
        assert!(currency(Some("EURO"), "currency").is_err());
        assert!(email(Some("john.doe@me.com"), "e").is_ok());
        for bad in ["john", "@me.com", "a@b", "a b@c.de", "a@.de", "a@b@c.de"] {
            assert!(email(Some(bad), "e").is_err(), "{bad}");
        }
        assert!(url(Some("https://api.myservice.com/paymentConfirmed"), "u").is_ok());
        assert!(url(Some("javascript:alert(1)"), "u").is_err());
        assert!(url(Some("/relative"), "u").is_err());
        assert!(size(Some(4000), "size").is_ok());
        assert!(size(Some(4001), "size").is_err());
        assert!(size(Some(0), "size").is_err());
        assert!(iban(Some("BE36251230861781"), "iban").is_ok());
        assert!(iban(Some("BE40251230861708"), "iban").is_err());
        for seed in ["BE40251230861709", "BE68130191571783"] {
            let Error::Validation(e) = iban(Some(seed), "creditorIBAN").unwrap_err() else { panic!() };
            assert_eq!((e.code.as_str(), &*e.field), ("iban_national_checksum", "creditorIBAN"));
        }
        assert_eq!(iban(Some("BE68 5390 0754 7035"), "iban").unwrap_err().code(), "iban_checksum");
        assert!(bic(Some("GKCCBEBB"), "bic").is_ok());
        assert!(header_text(Some("a\r\nb"), "x").is_err());
    }

    #[test]
    fn nested_fields_name_their_path() {
        let Error::Validation(e) = within("customerCompany", Err(invalid("creationDate", "x"))).unwrap_err() else {
            panic!()
        };
        assert_eq!(&*e.field, "customerCompany.creationDate");
        let Error::Validation(e) = within("ibans[2]", Err(invalid("", "x"))).unwrap_err() else { panic!() };
        assert_eq!(&*e.field, "ibans[2]");
        let Error::Validation(e) = within("a", within("b", Err(invalid("[0]", "x")))).unwrap_err() else { panic!() };
        assert_eq!(&*e.field, "a.b[0]");
    }

    #[test]
    fn dates_in_either_form() {
        assert!(date_either(Some("2019-12-31"), "endDate").is_ok());
        assert!(date_either(Some("31/12/2019"), "endDate").is_ok());
        assert!(date_either(Some("29/02/2024"), "endDate").is_ok());
        for bad in ["2019-11-31", "31/11/2019", "1/2/2020", "12/31/2019", "2019/12/31", "31-12-2019", ""] {
            assert!(date_either(Some(bad), "endDate").is_err(), "{bad}");
        }
        assert_eq!(parse_dmy("01/02/2020"), Some((2020, 2, 1)));
    }

    #[test]
    fn decimals_are_read_as_decimals() {
        assert_eq!(decimal_units("100", 4), Ok(1_000_000));
        assert_eq!(decimal_units("33.3333", 4), Ok(333_333));
        assert_eq!(decimal_units("0.0001", 4), Ok(1));
        assert_eq!(decimal_units("12.5", 4), Ok(125_000));
        for bad in ["", ".5", "5.", "-1", "1e2", "1,5", " 1", "0.30000000000000004", "33.33333", "+1"] {
            assert!(decimal_units(bad, 4).is_err(), "{bad}");
        }
        assert!(decimal_units("99999999999999999999", 4).is_err());
        assert_eq!(decimal_text(1_000_000, 4), "100");
        assert_eq!(decimal_text(333_333, 4), "33.3333");
        assert_eq!(decimal_text(125_000, 4), "12.5");
        assert_eq!(decimal_text(1, 4), "0.0001");
    }

    #[test]
    fn uuids_ips_peppol_ids_and_webhook_urls() {
        assert!(uuid(Some("e529f8b4790f11e7b5a5be2e44b06b52"), "u").is_ok());
        assert!(uuid(Some("e529f8b4-790f-11e7-b5a5-be2e44b06b52"), "u").is_ok());
        for bad in ["string", "e529f8b4790f11e7b5a5be2e44b06b5", "e529f8b4-790f11e7-b5a5-be2e44b06b52x", "g529f8b4790f11e7b5a5be2e44b06b52"] {
            assert!(uuid(Some(bad), "u").is_err(), "{bad}");
        }
        assert!(ip_address(Some("203.0.113.7"), "ip").is_ok());
        assert!(ip_address(Some("2001:db8::1"), "ip").is_ok());
        assert!(ip_address(Some("string"), "ip").is_err());
        assert_eq!(peppol_id("iso6523-actorid-upis::0208:0630675588", "p").unwrap(), "0208:0630675588");
        let Error::Validation(e) = peppol_id("9956:0630675588", "peppolIdentifier").unwrap_err() else { panic!() };
        assert_eq!((e.code.as_str(), &*e.field), ("peppol_scheme_removed", "peppolIdentifier"));
        assert!(webhook_url("https://myIntegrator.com/myApp/paymentInitiated", "url").is_ok());
        assert!(webhook_url("mailto:ops@integrator.example", "url").is_ok());
        assert!(webhook_url("http://127.0.0.1:8123/hooks", "url").is_ok());
        assert!(webhook_url("http://localhost/hooks", "url").is_ok());
        assert!(webhook_url("http://myIntegrator.com/hooks", "url").is_err());
        assert!(webhook_url("mailto:ops@integrator.example,dev@integrator.example?subject=x", "url").is_ok());
        for bad in ["http://myIntegrator.com/hook", "mailto:", "mailto:nobody", "ftp://x.example/", "/relative", "https://"] {
            assert!(webhook_url(bad, "url").is_err(), "{bad}");
        }
    }
}
