//! Tests of the Digiteal operations across resources: the guide's rules, credentials, and the
//! readers of Digiteal's answers.

use super::*;
use crate::config::Secret;
use crate::error::Error;
use crate::http::{Headers, HttpResponse};
use crate::operation::Operation;
use serde_json::json;


    /// A config with test credentials (the helpers below are shared by every Digiteal test module).
    pub(super) fn config() -> DigitealConfig {
        DigitealConfig::new("user", Secret::new("pass")).unwrap()
    }

    /// The field a validation error names.
    pub(super) fn field_of(e: Error) -> String {
        match e {
            Error::Validation(v) => v.field.into_owned(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    /// `O` read from JSON params and built with [`config`].
    pub(super) fn build<O: Operation<Config = DigitealConfig>>(v: &serde_json::Value) -> Result<crate::http::HttpRequest, Error> {
        crate::operation::read_params::<O, _>(v).and_then(|op| op.build(&config()))
    }

    #[test]
    fn invoice_rules_name_the_field() {
        let ok = json!({"customerInternalId": "C1", "remittanceInfo": "Invoice 1"});
        let base: InvoiceCreationRequest = serde_json::from_value(ok).unwrap();
        assert!(base.build(&config()).is_ok());
        let cases: Vec<(serde_json::Value, &str)> = vec![
            (json!({"remittanceInfo": "x"}), "customerInternalId"),
            (json!({"customerInternalId": "C1"}), "creditorReference"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "size": 4001}), "size"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "dueDate": "31/12/2019"}), "dueDate"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "format": "JPEG"}), "format"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "languages": ["EN", "string"]}), "languages[1]"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "purpose": "gift"}), "purpose"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "amountInCents": -1}), "amountInCents"),
            (json!({"customerInternalId": "C1", "creditorReference": "000600232563"}), "creditorReference"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "iban": "BE00"}), "iban"),
            (
                json!({"customerInternalId": "C1", "remittanceInfo": "x", "publicationStatus": "FINAL"}),
                "publicationStatus",
            ),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "correlationId": "a\nb"}), "correlationId"),
        ];
        for (params, field) in cases {
            // A missing required field is refused while reading, a broken rule while building.
            let built = crate::operation::read_params::<InvoiceCreationRequest, _>(&params)
                .and_then(|op| op.build(&config()));
            assert_eq!(field_of(built.unwrap_err()), field, "{params}");
        }
        // Lower-case enum values, as the guide writes them, are accepted and sent as given.
        let lower: InvoiceCreationRequest = serde_json::from_value(
            json!({"customerInternalId": "C1", "remittanceInfo": "x", "format": "qr_text", "language": "fr"}),
        )
        .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&lower.build(&config()).unwrap().body).unwrap();
        assert_eq!((&body["format"], &body["language"]), (&json!("qr_text"), &json!("fr")));
    }

    #[test]
    fn credentials_are_needed_except_for_anonymous_images() {
        let anon = DigitealConfig::anonymous();
        let invoice: InvoiceCreationRequest =
            serde_json::from_value(json!({"customerInternalId": "C1", "remittanceInfo": "x"})).unwrap();
        assert_eq!(invoice.build(&anon).unwrap_err().code(), "digiteal_credentials");
        let slip: SlipImageRequest =
            serde_json::from_value(json!({"iban": "BE72000000001616", "remittanceInfo": "x"})).unwrap();
        let req = slip.build(&anon).unwrap();
        assert!(req.headers.get("authorization").is_none());
        // Even with credentials, the anonymous endpoints get none.
        assert!(slip.build(&config()).unwrap().headers.get("authorization").is_none());
    }

    #[test]
    fn content_is_told_apart() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let resp = |ct: Option<&str>, body: &[u8]| {
            let mut h: Headers = [("uuid", "u-1")].into_iter().collect();
            if let Some(ct) = ct {
                h.append("Content-Type", ct);
            }
            HttpResponse::new(200, h, body.to_vec())
        };
        let out = InvoiceCreationRequest::parse(&resp(None, &png)).unwrap();
        assert_eq!(out.image.unwrap().media_type, "image/png");
        let out =
            InvoiceCreationRequest::parse(&resp(Some("*/*"), b"<svg xmlns='http://www.w3.org/2000/svg'/>")).unwrap();
        assert_eq!(out.image.unwrap().media_type, "image/svg+xml");
        let epc_text =
            "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR12.34\nGDDS\n000600232562";
        let out = InvoiceCreationRequest::parse(&resp(Some("text/plain;charset=UTF-8"), epc_text.as_bytes())).unwrap();
        assert_eq!(out.qr_text.as_deref(), Some(epc_text));
        let epc = out.epc.unwrap();
        assert_eq!((epc.amount_cents, epc.iban.as_str()), (Some(1234), "BE72000000001616"));
        let out = InvoiceCreationRequest::parse(&resp(Some("text/plain"), b"not an EPC payload")).unwrap();
        assert_eq!(out.qr_text.as_deref(), Some("not an EPC payload"));
        assert!(out.epc.is_none() && out.epc_error.is_some());
        let out = InvoiceCreationRequest::parse(&resp(None, b"")).unwrap();
        assert!(out.image.is_none() && out.qr_text.is_none() && !out.opted_in);
        let err = InvoiceCreationRequest::parse(&HttpResponse::new(200, Headers::new(), png.clone())).unwrap_err();
        assert_eq!((err.kind(), err.to_string().contains("uuid")), ("decode", true));
    }

    #[test]
    fn never_panics_on_odd_bodies() {
        let odd: [&[u8]; 6] =
            [b"", b"\xff\xfe", b"BCD", b"BCD\n\n\n\n\n\n\n\n\n\n\n\n\n\n", b"\x89PNG", b"{\"errorCode\": 5}"];
        for body in odd {
            for status in [200, 400, 500] {
                let h: Headers =
                    [("uuid", "u"), ("autoPaymentDate", "31/12/2019"), ("status", "x")].into_iter().collect();
                let r = HttpResponse::new(status, h, body.to_vec());
                let _ = InvoiceCreationRequest::parse(&r);
                let _ = CreditNoteCreationRequest::parse(&r);
                let _ = PaymentCreationRequest::parse(&r);
                let _ = SlipImageRequest::parse(&r);
                let _ = GetSlipImageInline::parse(&r);
                let _ = ListInvoiceDocuments::parse(&r);
                let _ = ForceOptin::parse(&r);
                let _ = SendInvoiceDocument::parse(&r);
                let _ = AutoPaymentRequest::parse(&r);
            }
        }
    }


    #[test]
    fn number_or_text_keeps_the_form() {
        let n: NumberOrText = serde_json::from_value(json!(14)).unwrap();
        let t: NumberOrText = serde_json::from_value(json!("14A")).unwrap();
        assert_eq!((n.clone(), t.clone()), (NumberOrText::Number(14), NumberOrText::Text("14A".into())));
        assert_eq!(serde_json::to_value([n, t]).unwrap(), json!([14, "14A"]));
        assert!(serde_json::from_value::<NumberOrText>(json!(1.5)).is_err());
    }

    #[test]
    fn images_serialise_as_bytes() {
        let img = Image { media_type: "image/png".into(), bytes: vec![137, 80] };
        assert_eq!(serde_json::to_value(&img).unwrap(), json!({"mediaType": "image/png", "bytes": [137, 80]}));
        assert_eq!(format!("{img:?}"), r#"Image { media_type: "image/png", bytes: 2 }"#);
    }

    #[test]
    fn response_models_keep_unknown_values() {
        let r: AutoPaymentResult = serde_json::from_value(json!({"status": "LATER", "extra": 1})).unwrap();
        assert_eq!(r.status, Some(AutoPaymentStatus::Other("LATER".into())));
        let e: ResponseEntity =
            serde_json::from_value(json!({"body": {"a": 1}, "statusCode": "OK", "statusCodeValue": 200})).unwrap();
        assert_eq!((e.status_code, e.status_code_value), (Some(HttpStatusName::Ok), Some(200)));
    }

    #[test]
    fn onboarding_and_network_parsers_never_panic() {
        let odd: [&[u8]; 9] = [
            b"",
            b"\xff\xfe",
            b"null",
            b"[]",
            b"[1, \"x\"]",
            b"{\"status\": 5}",
            b"{\"documentTypes\": {\"a\": 1}}",
            b"{\"body\": [1, 2]}",
            b"{\"webHooks\": null, \"password\": 7}",
        ];
        for body in odd {
            for status in [200, 204, 400, 404, 500] {
                let r = HttpResponse::new(status, Headers::new(), body.to_vec());
                let _ = RegisterCompany::parse(&r);
                let _ = RegisterPerson::parse(&r);
                let _ = GetCompanyContracts::parse(&r);
                let _ = UploadKycDocument::parse(&r);
                let _ = TransferCompanySdd::parse(&r);
                let _ = SendPeppolDocument::parse(&r);
                let _ = ListPeppolParticipants::parse(&r);
                let _ = GetPeppolParticipant::parse(&r);
                let _ = UnregisterPeppolParticipant::parse(&r);
                let _ = GetSupportedDocumentTypes::parse(&r);
                let _ = CheckPeppolRecipient::parse(&r);
                let _ = CreateConfirmationBasedTransfer::parse(&r);
                let _ = ExecuteTransfer::parse(&r);
                let _ = GetWebhookConfiguration::parse(&r);
                let _ = DeleteWebhook::parse(&r);
            }
        }
    }
