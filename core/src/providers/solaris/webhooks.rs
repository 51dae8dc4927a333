use serde::Serialize;

use super::types::Identification;
use crate::error::Error;
use crate::webhook::{check_inputs, signature_error, verify_hmac_sha256};

/// A verified Solaris webhook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "event", content = "data")]
#[non_exhaustive]
pub enum WebhookEvent {
    /// An IDENTIFICATION event: the identification as it stands.
    #[serde(rename = "IDENTIFICATION")]
    Identification(Box<Identification>),
    /// A body kassa does not know, kept as JSON.
    #[serde(rename = "UNKNOWN")]
    Unknown(serde_json::Value),
}

/// Verifies a Solaris webhook and parses its body.
///
/// `signature` is the `Solaris-Webhook-Signature` header, `sha256=<hex HMAC-SHA256(secret, raw body)>`,
/// compared in constant time (an empty secret and an oversized body are refused first). A body that reads as an identification (an `id` and a `status`) is an
/// [`WebhookEvent::Identification`]; anything else is kept as [`WebhookEvent::Unknown`].
pub fn verify_webhook(body: &[u8], signature: &str, secret: &[u8]) -> Result<WebhookEvent, Error> {
    check_inputs(body, secret)?;
    let hex = signature
        .trim()
        .strip_prefix("sha256=")
        .ok_or_else(|| signature_error("malformed_signature", "expected `sha256=<hex>`"))?;
    verify_hmac_sha256(secret, &[body], hex)?;
    let value: serde_json::Value = crate::wire::from_json_body(body)?;
    let looks_like_identification = value.get("id").is_some_and(|v| v.is_string()) && value.get("status").is_some();
    if looks_like_identification {
        if let Ok(identification) = serde_json::from_value::<Identification>(value.clone()) {
            return Ok(WebhookEvent::Identification(Box::new(identification)));
        }
    }
    Ok(WebhookEvent::Unknown(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::sign_hmac_sha256;

    #[test]
    fn vectors() {
        let body = br#"{"id": "cidt", "status": "successful", "method": "idnow", "person_id": "cper"}"#;
        let sig = format!("sha256={}", sign_hmac_sha256(b"s3", &[body]));
        let WebhookEvent::Identification(i) = verify_webhook(body, &sig, b"s3").unwrap() else { panic!() };
        assert_eq!(i.person_id.as_deref(), Some("cper"));
        assert_eq!(verify_webhook(body, &sig, b"s4").unwrap_err().code(), "signature_mismatch");
        assert_eq!(verify_webhook(b"{}", &sig, b"s3").unwrap_err().code(), "signature_mismatch");
        assert_eq!(verify_webhook(body, "md5=00", b"s3").unwrap_err().code(), "malformed_signature");
        assert_eq!(verify_webhook(body, &sig, b"").unwrap_err().code(), "webhook_secret_empty");
        let other = br#"{"event": "PERSON_CHANGED"}"#;
        let sig = format!("sha256={}", sign_hmac_sha256(b"s3", &[other]));
        assert!(matches!(verify_webhook(other, &sig, b"s3").unwrap(), WebhookEvent::Unknown(_)));
    }
}
