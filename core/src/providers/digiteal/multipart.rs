//! `multipart/form-data` bodies (RFC 7578) from the caller's bytes, with a boundary the caller
//! supplies: the core draws no random numbers, so the bindings pass one (a random string per
//! request) and a Rust caller passes its own.
//!
//! The body is held in memory, so a retry can send it again. Field names and file names are
//! written as the WHATWG HTML standard's form-data encoding writes them (`"`, CR and LF
//! percent-encoded, with the `percent-encoding` crate; other characters, UTF-8 included, as they
//! are; RFC 7578 forbids `filename*`). The boundary is checked, not quoted: 1 to 70 characters
//! from `A-Z a-z 0-9 ' + _ - .` (all RFC 2046 boundary characters that need no quotes in the
//! `Content-Type` header), and it must not occur in any part.

use crate::error::{Error, ValidationCode};

/// One part of a form: a text field, or a file when it has a file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part<'a> {
    /// The form field's name.
    pub name: &'a str,
    /// The file name, for a file part.
    pub file_name: Option<&'a str>,
    /// The part's media type (`application/pdf`); text parts have none.
    pub media_type: Option<&'a str>,
    /// The content.
    pub data: &'a [u8],
}

impl<'a> Part<'a> {
    /// A text field.
    pub fn text(name: &'a str, value: &'a str) -> Self {
        Part { name, file_name: None, media_type: None, data: value.as_bytes() }
    }

    /// A file.
    pub fn file(name: &'a str, file_name: &'a str, media_type: &'a str, data: &'a [u8]) -> Self {
        Part { name, file_name: Some(file_name), media_type: Some(media_type), data }
    }
}

/// A built form: the `Content-Type` header value and the body.
#[derive(Clone, PartialEq, Eq)]
pub struct Form {
    /// `multipart/form-data; boundary=<boundary>`.
    pub content_type: String,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form").field("content_type", &self.content_type).field("body", &self.body.len()).finish()
    }
}

/// Refuses a boundary that is empty, longer than 70 characters, or has a character outside
/// `A-Z a-z 0-9 ' + _ - .`. The error names `field`.
pub fn check_boundary(boundary: &str, field: &'static str) -> Result<(), Error> {
    let ok_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'+' | b'_' | b'-' | b'.');
    if boundary.is_empty() || boundary.len() > 70 || !boundary.bytes().all(ok_char) {
        return Err(Error::validation(
            ValidationCode::InvalidParams,
            field,
            "a multipart boundary is 1 to 70 characters from A-Z a-z 0-9 ' + _ - . (the core draws no random numbers: the bindings pass one)",
        ));
    }
    Ok(())
}

/// The WHATWG escaping of a name or file name inside `Content-Disposition`: `"` as `%22`, CR as
/// `%0D`, LF as `%0A`; every other character as it is.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' | '\r' | '\n' => {
                let mut buf = [0u8; 1];
                out.push_str(percent_encoding::percent_encode_byte(c.encode_utf8(&mut buf).as_bytes()[0]));
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Builds the body. The boundary is checked ([`check_boundary`], errors name `boundary`) and must
/// not occur in any part's data (it would end the part early); a media type with control
/// characters is refused (errors name `mediaType`).
pub fn build(boundary: &str, parts: &[Part<'_>]) -> Result<Form, Error> {
    check_boundary(boundary, "boundary")?;
    let delimiter = format!("--{boundary}");
    let mut body = Vec::with_capacity(parts.iter().map(|p| p.data.len() + 128).sum());
    for part in parts {
        if contains(part.data, delimiter.as_bytes()) {
            return Err(Error::validation(
                ValidationCode::InvalidParams,
                "boundary",
                format!("the boundary occurs in the content of `{}`: pick another", part.name),
            ));
        }
        let mut head = format!("{delimiter}\r\nContent-Disposition: form-data; name=\"{}\"", escape(part.name));
        if let Some(file_name) = part.file_name {
            head.push_str(&format!("; filename=\"{}\"", escape(file_name)));
        }
        head.push_str("\r\n");
        if let Some(media_type) = part.media_type {
            if media_type.chars().any(char::is_control) || !media_type.contains('/') {
                return Err(Error::validation(
                    ValidationCode::InvalidParams,
                    "mediaType",
                    "a media type is `type/subtype` (application/pdf)",
                ));
            }
            head.push_str(&format!("Content-Type: {media_type}\r\n"));
        }
        head.push_str("\r\n");
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(part.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("{delimiter}--\r\n").as_bytes());
    Ok(Form { content_type: format!("multipart/form-data; boundary={boundary}"), body })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses the body back with multer, an independent multipart parser (the one axum uses).
    async fn parse_back(form: &Form) -> Vec<(String, Option<String>, Option<String>, Vec<u8>)> {
        let boundary = multer::parse_boundary(&form.content_type).unwrap();
        let body = form.body.clone();
        let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
        let mut multipart = multer::Multipart::new(stream, boundary);
        let mut out = Vec::new();
        while let Some(field) = multipart.next_field().await.unwrap() {
            let name = field.name().map(str::to_owned).unwrap_or_default();
            let file_name = field.file_name().map(str::to_owned);
            let media = field.content_type().map(|m| m.to_string());
            let data = field.bytes().await.unwrap().to_vec();
            out.push((name, file_name, media, data));
        }
        out
    }

    #[tokio::test]
    async fn round_trips_through_an_independent_parser() {
        // Bytes that are not UTF-8, CRLFs and a `--` inside the document.
        let pdf: Vec<u8> = b"%PDF-1.4\r\n--not-the-boundary\r\n\xff\xfe\x00binary".to_vec();
        let parts = [
            Part::text("uuid", "e529f8b4790f11e7b5a5be2e44b06b52"),
            Part::text("comment", "Facture d\u{e9}cembre\r\nline 2"),
            Part::file("document", "Invoice \"1234\".pdf", "application/pdf", &pdf),
        ];
        let form = build("kassa-Boundary_0123'+.", &parts).unwrap();
        assert_eq!(form.content_type, "multipart/form-data; boundary=kassa-Boundary_0123'+.");
        let fields = parse_back(&form).await;
        assert_eq!(fields.len(), 3);
        assert_eq!(fields[0], ("uuid".into(), None, None, b"e529f8b4790f11e7b5a5be2e44b06b52".to_vec()));
        assert_eq!(fields[1].3, "Facture d\u{e9}cembre\r\nline 2".as_bytes());
        assert_eq!(fields[2].0, "document");
        // WHATWG escaping of the quote; multer reads the parameter as written.
        assert_eq!(fields[2].1.as_deref(), Some("Invoice %221234%22.pdf"));
        assert_eq!(fields[2].2.as_deref(), Some("application/pdf"));
        assert_eq!(fields[2].3, pdf);
    }

    #[tokio::test]
    async fn an_upload_request_parses_back() {
        use crate::config::Secret;
        use crate::operation::Operation as _;
        use crate::providers::digiteal::{DigitealConfig, SendInvoiceDocumentByInternalId};
        use crate::wire::Bytes;
        let document: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        let op = SendInvoiceDocumentByInternalId {
            bill_id: "Bill1234".into(),
            name: Some("Facture mai.pdf".into()),
            comment: Some("Invoice for May 2019".into()),
            requester_id: Some(9_007_199_254_740_993),
            document: Bytes(document.clone()),
            boundary: Some("x-kassa-7f3a9c".into()),
            ..Default::default()
        };
        let config = DigitealConfig::new("u", Secret::new("p")).unwrap();
        let req = op.build(&config).unwrap();
        let content_type = req.headers.get("content-type").unwrap().to_owned();
        let form = Form { content_type, body: req.body };
        let fields = parse_back(&form).await;
        let names: Vec<_> = fields.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["billId", "name", "comment", "requesterID", "document"]);
        assert_eq!(fields[3].3, b"9007199254740993");
        assert_eq!(fields[4].1.as_deref(), Some("Facture mai.pdf"));
        assert_eq!(fields[4].2.as_deref(), Some("application/pdf"));
        assert_eq!(fields[4].3, document);
    }

    #[test]
    fn exact_layout() {
        let form = build("b", &[Part::text("a", "1"), Part::file("f", "x.pdf", "application/pdf", b"%PDF")]).unwrap();
        let expected = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n\
                        --b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n\
                        --b--\r\n";
        assert_eq!(String::from_utf8(form.body).unwrap(), expected);
        assert_eq!(escape("a\"b\r\nc\u{e9}"), "a%22b%0D%0Ac\u{e9}");
    }

    #[test]
    fn bad_boundaries_and_media_types_are_refused() {
        for bad in ["", "has space", "semi;colon", "quote\"", &"x".repeat(71), "caf\u{e9}"] {
            let err = build(bad, &[]).unwrap_err();
            assert_eq!(err.code(), "invalid_params", "{bad}");
            assert!(err.to_string().contains("boundary"));
        }
        let err = build("abc", &[Part::file("document", "a.pdf", "application/pdf", b"x\r\n--abc\r\n")]).unwrap_err();
        assert!(err.to_string().contains("occurs"), "{err}");
        let err = build("abc", &[Part::file("document", "a.pdf", "text/plain\r\nX-Evil: 1", b"x")]).unwrap_err();
        assert!(err.to_string().contains("mediaType"), "{err}");
        assert_eq!(build("abc", &[]).unwrap().body, b"--abc--\r\n");
    }
}
