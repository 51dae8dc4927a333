//! Shared pieces of webhook verification: HMAC-SHA256 over the raw body bytes, computed once and
//! compared with each candidate signature in constant time (`subtle`), the limits every verifier
//! applies before doing any work, and the error values every provider's verifier returns.
//!
//! Limits, checked first (so a hostile request costs next to nothing):
//! - the secret must not be empty or whitespace: a missing environment variable must not make
//!   forged webhooks pass (`webhook_secret_empty`);
//! - the body is at most [`MAX_BODY_BYTES`] (`body_too_large`); no provider sends more;
//! - at most [`MAX_SIGNATURES`] candidate signatures per header (several are allowed for secret
//!   rotation); more is `malformed_signature`.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::error::{Error, SignatureError, ValidationCode};

/// The largest webhook body a verifier reads: 1 MiB. Providers' event bodies are a few kilobytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The most candidate signatures one header may carry (rotation needs two or three).
pub const MAX_SIGNATURES: usize = 5;

/// The HMAC-SHA256 of the concatenation of `parts`, keyed with `secret`.
pub fn hmac_sha256(secret: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Refuses an empty or whitespace-only secret and a body over [`MAX_BODY_BYTES`].
pub fn check_inputs(body: &[u8], secret: &[u8]) -> Result<(), Error> {
    if secret.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::validation(
            ValidationCode::WebhookSecretEmpty,
            "secret",
            "the webhook secret is empty: is its environment variable set?",
        ));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::validation(
            ValidationCode::BodyTooLarge,
            "body",
            format!("a webhook body is at most {MAX_BODY_BYTES} bytes, this one has {}", body.len()),
        ));
    }
    Ok(())
}

/// Checks that one of `candidates` (hex) is `expected`, comparing each in constant time. At most
/// [`MAX_SIGNATURES`] candidates; each must be 64 hex digits.
pub fn verify_candidates<'a>(expected: &[u8; 32], candidates: impl IntoIterator<Item = &'a str>) -> Result<(), Error> {
    let mut matched = subtle::Choice::from(0);
    let mut count = 0;
    for candidate in candidates {
        count += 1;
        if count > MAX_SIGNATURES {
            return Err(signature_error(
                "malformed_signature",
                format!("more than {MAX_SIGNATURES} signatures in one header"),
            ));
        }
        let mut given = [0u8; 32];
        hex::decode_to_slice(candidate.trim(), &mut given)
            .map_err(|_| signature_error("malformed_signature", "a signature is 64 hexadecimal digits"))?;
        matched |= given.ct_eq(expected);
    }
    if count == 0 {
        return Err(signature_error("malformed_signature", "no signature"));
    }
    if bool::from(matched) {
        Ok(())
    } else {
        Err(signature_error("signature_mismatch", "the signature does not match the body and secret"))
    }
}

/// Checks that `signature_hex` is the HMAC-SHA256 of `parts` under `secret`, in constant time.
pub fn verify_hmac_sha256(secret: &[u8], parts: &[&[u8]], signature_hex: &str) -> Result<(), Error> {
    verify_candidates(&hmac_sha256(secret, parts), [signature_hex])
}

/// The hex HMAC-SHA256 of `parts` under `secret`, to sign test payloads and outgoing webhooks.
pub fn sign_hmac_sha256(secret: &[u8], parts: &[&[u8]]) -> String {
    hex::encode(hmac_sha256(secret, parts))
}

/// A [`SignatureError`].
pub fn signature_error(code: &'static str, message: impl Into<String>) -> Error {
    Error::Signature(SignatureError { code, message: message.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        let sig = sign_hmac_sha256(b"Jefe", &[b"what do ya want ", b"for nothing?"]);
        assert_eq!(sig, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assert!(verify_hmac_sha256(b"Jefe", &[b"what do ya want for nothing?"], &sig).is_ok());
        assert_eq!(verify_hmac_sha256(b"Jeff", &[b"what do ya want for nothing?"], &sig).unwrap_err().code(), "signature_mismatch");
        assert_eq!(verify_hmac_sha256(b"Jefe", &[b"x"], "zz").unwrap_err().code(), "malformed_signature");
        assert_eq!(verify_hmac_sha256(b"Jefe", &[b"x"], "abcd").unwrap_err().code(), "malformed_signature");
    }

    #[test]
    fn limits() {
        let mac = hmac_sha256(b"k", &[b"body"]);
        let good = hex::encode(mac);
        let other = "0".repeat(64);
        assert!(verify_candidates(&mac, [other.as_str(), good.as_str()]).is_ok());
        let many = vec![other.as_str(); MAX_SIGNATURES + 1];
        assert_eq!(verify_candidates(&mac, many).unwrap_err().code(), "malformed_signature");
        assert_eq!(verify_candidates(&mac, []).unwrap_err().code(), "malformed_signature");
        assert_eq!(check_inputs(b"{}", b"  \n").unwrap_err().code(), "webhook_secret_empty");
        assert_eq!(check_inputs(b"{}", b"").unwrap_err().code(), "webhook_secret_empty");
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        assert_eq!(check_inputs(&big, b"k").unwrap_err().code(), "body_too_large");
        assert!(check_inputs(b"{}", b"k").is_ok());
    }
}
