use crate::error::Error;
use crate::webhook::{check_inputs, hmac_sha256, signature_error, verify_candidates};

/// Billit's default tolerance between the signature's timestamp and now: 5 minutes.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

/// Verifies a Billit webhook and returns its JSON body.
///
/// `signature` is the `Billit-Signature` header, `t=<unix seconds>,s=<hex>` (several `s=` are
/// accepted, for secret rotation, at most [`MAX_SIGNATURES`](crate::webhook::MAX_SIGNATURES)); the
/// signature is HMAC-SHA256 with the webhook secret over `"<t>.<raw body>"`, computed once and
/// compared with each candidate in constant time. An empty secret and a body over
/// [`MAX_BODY_BYTES`](crate::webhook::MAX_BODY_BYTES) are refused before any work. The timestamp must lie within `tolerance`
/// seconds of `now` on both sides: too old (a replay) and too far in the future are refused.
pub fn verify_webhook(
    body: &[u8],
    signature: &str,
    secret: &[u8],
    now: u64,
    tolerance: u64,
) -> Result<serde_json::Value, Error> {
    check_inputs(body, secret)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in signature.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = Some(v.trim()),
            Some(("s", v)) => signatures.push(v.trim()),
            _ => {}
        }
    }
    let (Some(t), false) = (timestamp, signatures.is_empty()) else {
        return Err(signature_error("malformed_signature", "expected `t=<unix seconds>,s=<hex>`"));
    };
    let t_secs: u64 = t
        .parse()
        .map_err(|_| signature_error("malformed_signature", "the timestamp `t` is not a whole number of seconds"))?;
    // One MAC, compared with each candidate (at most a handful) in constant time.
    verify_candidates(&hmac_sha256(secret, &[t.as_bytes(), b".", body]), signatures)?;
    if now > t_secs && now - t_secs > tolerance {
        return Err(signature_error(
            "timestamp_too_old",
            format!("signed {} s ago, more than the tolerance of {tolerance} s", now - t_secs),
        ));
    }
    if t_secs > now && t_secs - now > tolerance {
        return Err(signature_error(
            "timestamp_in_future",
            format!("signed {} s in the future, more than the tolerance of {tolerance} s", t_secs - now),
        ));
    }
    crate::wire::from_json_body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::sign_hmac_sha256;

    const BODY: &[u8] = br#"{"EventType":"Identification","RegistrationID":42}"#;

    fn header(secret: &[u8], t: u64, body: &[u8]) -> String {
        format!("t={t},s={}", sign_hmac_sha256(secret, &[t.to_string().as_bytes(), b".", body]))
    }

    #[test]
    fn vectors() {
        let h = header(b"whsec", 1_700_000_000, BODY);
        let ok = verify_webhook(BODY, &h, b"whsec", 1_700_000_100, 300).unwrap();
        assert_eq!(ok["RegistrationID"], 42);
        let code = |r: Result<_, Error>| r.unwrap_err().code().to_owned();
        assert_eq!(code(verify_webhook(BODY, &h, b"other", 1_700_000_000, 300)), "signature_mismatch");
        assert_eq!(code(verify_webhook(b"{}", &h, b"whsec", 1_700_000_000, 300)), "signature_mismatch");
        assert_eq!(code(verify_webhook(BODY, &h, b"whsec", 1_700_000_301, 300)), "timestamp_too_old");
        assert_eq!(code(verify_webhook(BODY, &h, b"whsec", 1_699_999_699, 300)), "timestamp_in_future");
        assert_eq!(code(verify_webhook(BODY, "s=abc", b"whsec", 0, 300)), "malformed_signature");
        assert_eq!(code(verify_webhook(BODY, "t=x,s=00", b"whsec", 0, 300)), "malformed_signature");
        let rotated = format!("{h},s={}", "0".repeat(64));
        assert!(verify_webhook(BODY, &rotated, b"whsec", 1_700_000_000, 300).is_ok());
        let flood = format!("{h}{}", ",s=00".repeat(10_000));
        assert_eq!(code(verify_webhook(BODY, &flood, b"whsec", 1_700_000_000, 300)), "malformed_signature");
        assert_eq!(code(verify_webhook(BODY, &h, b"  ", 1_700_000_000, 300)), "webhook_secret_empty");
    }
}
