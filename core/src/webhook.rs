//! Shared pieces of webhook verification: HMAC-SHA256 over the raw body bytes, compared in
//! constant time (by the `hmac` crate), and the error values every provider's verifier returns.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{Error, SignatureError};

/// An HMAC-SHA256 over the concatenation of `parts`, keyed with `secret`.
fn mac(secret: &[u8], parts: &[&[u8]]) -> Hmac<Sha256> {
    // HMAC takes keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    for part in parts {
        mac.update(part);
    }
    mac
}

/// Checks that `signature_hex` is the HMAC-SHA256 of `parts` under `secret`, in constant time.
pub fn verify_hmac_sha256(secret: &[u8], parts: &[&[u8]], signature_hex: &str) -> Result<(), Error> {
    let expected = hex::decode(signature_hex.trim())
        .map_err(|_| signature_error("malformed_signature", "the signature is not hexadecimal"))?;
    if expected.len() != 32 {
        return Err(signature_error("malformed_signature", "an HMAC-SHA256 signature has 64 hex digits"));
    }
    mac(secret, parts)
        .verify_slice(&expected)
        .map_err(|_| signature_error("signature_mismatch", "the signature does not match the body and secret"))
}

/// The hex HMAC-SHA256 of `parts` under `secret`, to sign test payloads and outgoing webhooks.
pub fn sign_hmac_sha256(secret: &[u8], parts: &[&[u8]]) -> String {
    hex::encode(mac(secret, parts).finalize().into_bytes())
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
}
