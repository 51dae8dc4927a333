//! `digiteal.kyc.*`: pre-register a company or a person with everything the integrator already
//! knows (the guide's "pre-registration API"), the contracts such a customer approves, and the
//! KYC documents (identity document, selfie, by-laws) attached to them.
//!
//! After a pre-registration Digiteal emails the person (or the company's contact person) an
//! invitation to activate the account, with three reminders; whatever is missing is asked during
//! the KYC process.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::common::{
    boundary_of, form_post, get, info, json_post, one_of, parse_json, sniff, CompanyKYCInfo, ContractApproval,
    CustomerNotificationSettings, Language, PersonKYCInfo,
};
use super::config::DigitealConfig;
use super::errors::api_error;
use super::integrator::{CompanyInfo, PersonInfo};
use super::invoices::DocumentDetails;
use super::multipart::Part;
use super::rules::{self, invalid, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Context, Operation, OperationInfo};
use crate::wire::{from_json, string_enum, Bytes};

/// `digiteal.kyc.register_company`: `POST /api/v1/kyc/company`.
pub type RegisterCompany = CompanyCustomerKYCInfo;

/// `digiteal.kyc.register_person`: `POST /api/v1/kyc/person`.
pub type RegisterPerson = PersonCustomerKYCInfo;

/// `CustomerInfo`: the customer as the company that pre-registers it knows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CustomerInfo {
    /// Identifier of the customer used in the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Notification settings for this customer (used only if this is a new user of Digiteal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_settings: Option<CustomerNotificationSettings>,
    /// VAT number of the provider company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    /// Specific welcome message sent by email: write it in the language of the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<String>,
}

impl CustomerInfo {
    /// Texts given are not blank.
    pub fn check(&self) -> Result<(), Error> {
        rules::not_blank(self.customer_id.as_deref(), "customerId")?;
        rules::not_blank(self.welcome_message.as_deref(), "welcomeMessage")
    }
}

/// `CompanyCustomerKYCInfo`: the body of `POST /api/v1/kyc/company`
/// (`digiteal.kyc.register_company`), the complete KYC model of a company that is a customer of
/// another company. `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CompanyCustomerKYCInfo {
    /// The customer's approval of Digiteal's contracts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_approval: Option<ContractApproval>,
    /// The customer company's KYC information: mandatory (VAT number, name, creation date and the
    /// contact person's email, the guide's mandatory set).
    pub customer_company: CompanyKYCInfo,
    /// Information about the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_info: Option<CustomerInfo>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl CompanyCustomerKYCInfo {
    /// The company's mandatory fields and every nested rule (real dates, listed values, IBANs,
    /// emails, the IP address of the contract approval).
    pub fn check(&self) -> Result<(), Error> {
        if let Some(approval) = &self.contract_approval {
            rules::within("contractApproval", approval.check())?;
        }
        rules::within("customerCompany", self.customer_company.check())?;
        if let Some(info) = &self.customer_info {
            rules::within("customerInfo", info.check())?;
        }
        Ok(())
    }
}

impl Operation for CompanyCustomerKYCInfo {
    // A pre-registration sends invitation emails: never resent once it may have arrived.
    const INFO: OperationInfo = info("digiteal.kyc.register_company", Method::Post, "/api/v1/kyc/company", false);
    type Config = DigitealConfig;
    type Output = CompanyInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "application/json", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<CompanyInfo, Error> {
        parse_json(response)
    }
}

/// `PersonCustomerKYCInfo`: the body of `POST /api/v1/kyc/person` (`digiteal.kyc.register_person`),
/// the complete KYC model of a person who is a customer of a company. Only the person's email is
/// mandatory (the guide). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PersonCustomerKYCInfo {
    /// The customer's approval of Digiteal's contracts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_approval: Option<ContractApproval>,
    /// Information about the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_info: Option<CustomerInfo>,
    /// The customer person's KYC information: mandatory (its email at least).
    pub customer_person: PersonKYCInfo,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl PersonCustomerKYCInfo {
    /// The person's email and every nested rule.
    pub fn check(&self) -> Result<(), Error> {
        if let Some(approval) = &self.contract_approval {
            rules::within("contractApproval", approval.check())?;
        }
        if let Some(info) = &self.customer_info {
            rules::within("customerInfo", info.check())?;
        }
        rules::within("customerPerson", self.customer_person.check())
    }
}

impl Operation for PersonCustomerKYCInfo {
    // A pre-registration sends invitation emails: never resent once it may have arrived.
    const INFO: OperationInfo = info("digiteal.kyc.register_person", Method::Post, "/api/v1/kyc/person", false);
    type Config = DigitealConfig;
    type Output = PersonInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "application/json", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<PersonInfo, Error> {
        parse_json(response)
    }
}

/// `digiteal.kyc.company_contracts`: `GET /api/v1/kyc/contractsForCompany?language=`, the latest
/// contracts a company approves to become a Digiteal customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetCompanyContracts {
    /// The language of the contracts (NL, FR, EN or DE, any case; sent as given).
    #[serde(default)]
    pub language: Option<Language>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `digiteal.kyc.person_contracts`: `GET /api/v1/kyc/contractsForPerson?language=`, the latest
/// contracts a person approves to become a Digiteal customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetPersonContracts {
    /// The language of the contracts (NL, FR, EN or DE, any case; sent as given).
    #[serde(default)]
    pub language: Option<Language>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

fn contracts(
    config: &DigitealConfig,
    path: &str,
    language: Option<&Language>,
    correlation_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    one_of(language.map(Language::as_str), Language::KNOWN, "language")?;
    let mut query = Query::default();
    query.opt("language", language.map(Language::as_str));
    get(config, path, query, true, "application/json", correlation_id)
}

fn parse_contracts(response: &HttpResponse) -> Result<Vec<ContractDetails>, Error> {
    if !response.is_success() {
        return Err(Error::Api(api_error(response)));
    }
    // An empty body is an empty list (from_json would read it as `{}`).
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    from_json(&response.body)
}

impl Operation for GetCompanyContracts {
    const INFO: OperationInfo =
        info("digiteal.kyc.company_contracts", Method::Get, "/api/v1/kyc/contractsForCompany", true);
    type Config = DigitealConfig;
    type Output = Vec<ContractDetails>;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        contracts(config, Self::INFO.path, self.language.as_ref(), self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<Vec<ContractDetails>, Error> {
        parse_contracts(response)
    }
}

impl Operation for GetPersonContracts {
    const INFO: OperationInfo =
        info("digiteal.kyc.person_contracts", Method::Get, "/api/v1/kyc/contractsForPerson", true);
    type Config = DigitealConfig;
    type Output = Vec<ContractDetails>;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        contracts(config, Self::INFO.path, self.language.as_ref(), self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<Vec<ContractDetails>, Error> {
        parse_contracts(response)
    }
}

/// `ContractDetails`: one contract of `digiteal.kyc.company_contracts` /
/// `digiteal.kyc.person_contracts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ContractDetails {
    /// The id of the contract (64-bit).
    #[serde(default, serialize_with = "crate::wire::opt_id")]
    #[cfg_attr(feature = "schema", schemars(extend("x-kassa-id" = true)))]
    pub id: Option<i64>,
    /// The language of the response (the seed's example writes `en`).
    #[serde(default)]
    pub language: Option<String>,
    /// The localized name of the contract.
    #[serde(default)]
    pub name: Option<String>,
    /// The URL of the contract.
    #[serde(default)]
    pub url: Option<String>,
}

string_enum! {
    /// `type` of a KYC document (the guide).
    pub enum KycDocumentType {
        /// Front and back of the identity document of the person (or the contact person).
        Id = "ID",
        /// A picture of the person holding the front of her identity document.
        SelfieWithId = "SELFIE_WITH_ID",
        /// The latest by-laws of the company, describing the persons that can represent it.
        ByLaws = "BY_LAWS",
    }
}

/// `digiteal.kyc.upload_document`: `POST /api/v1/kyc/document`, a KYC document attached to a
/// pre-registered person or company (its contact person), as `multipart/form-data`: the form
/// fields `email`, `name`, `requesterVAT`, `type` and the file part `document`.
///
/// `mediaType`, `boundary` and `correlationId` are not form fields: they shape the file part, the
/// body and the `correlation-id` header. A KYC document is a PDF or an image: the media type is
/// `application/pdf` or `image/*`, found from the bytes when not given (PDF, PNG, JPEG, GIF
/// signatures; `application/pdf` otherwise).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UploadKycDocument {
    /// The document to add (bytes, or text sent as UTF-8).
    pub document: Bytes,
    /// The email of the person, or of the company's contact person, to which the document is
    /// added.
    pub email: String,
    /// The file name (also the file part's file name; `document.pdf`, `document.png`, ... by
    /// default).
    #[serde(default)]
    pub name: Option<String>,
    /// The VAT number of the company for which this information is provided: the person/company
    /// the document is attached to must be a customer of that company.
    #[serde(default, rename = "requesterVAT")]
    pub requester_vat: Option<String>,
    /// The type of document: `ID`, `SELFIE_WITH_ID` or `BY_LAWS`.
    #[serde(rename = "type")]
    pub document_type: KycDocumentType,
    /// The media type of the file part: `application/pdf` or an `image/*` type; from the bytes
    /// by default.
    #[serde(default, alias = "media_type")]
    pub media_type: Option<String>,
    /// The multipart boundary; a random one when not given (drawn by the client or the binding's
    /// `build_request`: the core draws none).
    #[serde(default)]
    pub boundary: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl UploadKycDocument {
    /// The media type of the file part: the one given (a PDF or an image type), else the one the
    /// bytes announce, else `application/pdf`.
    fn media_type(&self) -> Result<Cow<'_, str>, Error> {
        match &self.media_type {
            Some(given) => {
                rules::header_text(Some(given), "mediaType")?;
                let essence = given.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                if essence != "application/pdf" && !essence.starts_with("image/") {
                    return Err(invalid(
                        "mediaType",
                        "a KYC document is a PDF (application/pdf) or an image (image/*)",
                    ));
                }
                Ok(Cow::Borrowed(given))
            }
            None if self.document.0.starts_with(b"%PDF") => Ok(Cow::Borrowed("application/pdf")),
            None => Ok(Cow::Borrowed(sniff(&self.document.0).unwrap_or("application/pdf"))),
        }
    }
}

impl Operation for UploadKycDocument {
    // An upload attaches a document each time: never resent once it may have arrived.
    const INFO: OperationInfo = info("digiteal.kyc.upload_document", Method::Post, "/api/v1/kyc/document", false);
    type Config = DigitealConfig;
    type Output = Option<DocumentDetails>;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        if self.document.0.is_empty() {
            return Err(invalid("document", "the document is empty"));
        }
        let email = rules::required(Some(&self.email), "email")?;
        rules::email(Some(email), "email")?;
        one_of(Some(self.document_type.as_str()), KycDocumentType::KNOWN, "type")?;
        rules::not_blank(self.name.as_deref(), "name")?;
        rules::header_text(self.name.as_deref(), "name")?;
        rules::not_blank(self.requester_vat.as_deref(), "requesterVAT")?;
        let media_type = self.media_type()?;
        let boundary = boundary_of(self.boundary.as_deref())?;
        let default_name = match media_type.as_ref() {
            "image/png" => "document.png",
            "image/jpeg" => "document.jpg",
            "image/gif" => "document.gif",
            _ => "document.pdf",
        };
        let file_name = self.name.as_deref().unwrap_or(default_name);
        let mut parts = vec![Part::text("email", email)];
        if let Some(name) = &self.name {
            parts.push(Part::text("name", name));
        }
        if let Some(vat) = &self.requester_vat {
            parts.push(Part::text("requesterVAT", vat));
        }
        parts.push(Part::text("type", self.document_type.as_str()));
        parts.push(Part::file("document", file_name, &media_type, &self.document.0));
        form_post(config, Self::INFO.path, boundary, &parts, "*/*", self.correlation_id.as_deref())
    }

    /// The guide says the answer is empty; the reference shows a `DocumentDetails`: read when
    /// present, `null` otherwise.
    fn parse(response: &HttpResponse) -> Result<Option<DocumentDetails>, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let details = serde_json::from_slice::<DocumentDetails>(&response.body).ok();
        Ok(details.filter(|d| {
            d.id.is_some() || d.uuid.is_some() || d.url.is_some() || d.file_name.is_some() || d.media_type.is_some()
        }))
    }

    fn completed(&self, context: &Context) -> Cow<'_, Self> {
        match (&self.boundary, &context.boundary) {
            (None, Some(boundary)) => {
                Cow::Owned(UploadKycDocument { boundary: Some(boundary.clone()), ..self.clone() })
            }
            _ => Cow::Borrowed(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::tests::{config, field_of};
    use crate::http::Headers;
    use serde_json::json;

    fn company() -> serde_json::Value {
        json!({"customerCompany": {"vatNumber": "BE0000000097", "companyName": "Your Telecom",
               "creationDate": "2012-12-31", "contactPerson": {"email": "john.doe@gmail.com"}}})
    }

    fn build_company(v: serde_json::Value) -> Result<HttpRequest, Error> {
        crate::operation::read_params::<CompanyCustomerKYCInfo, _>(&v).and_then(|op| op.build(&config()))
    }

    #[test]
    fn the_mandatory_company_fields_and_nested_paths() {
        assert!(build_company(company()).is_ok());
        let mut v = company();
        v["customerCompany"].as_object_mut().unwrap().remove("creationDate");
        assert_eq!(field_of(build_company(v).unwrap_err()), "customerCompany.creationDate");
        let mut v = company();
        v["customerCompany"]["contactPerson"].as_object_mut().unwrap().remove("email");
        assert_eq!(field_of(build_company(v).unwrap_err()), "customerCompany.contactPerson.email");
        let cases = [
            (json!({"contractApproval": {"approvalDate": "2019-11-31"}}), "contractApproval.approvalDate"),
            (json!({"contractApproval": {"ipAddress": "string"}}), "contractApproval.ipAddress"),
            (json!({"customerInfo": {"customerId": " "}}), "customerInfo.customerId"),
        ];
        for (extra, field) in cases {
            let mut v = company();
            v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            assert_eq!(field_of(build_company(v).unwrap_err()), field);
        }
        let nested = [
            (json!({"creationDate": "2012-02-30"}), "customerCompany.creationDate"),
            (json!({"pack": "PLATINUM"}), "customerCompany.pack"),
            (json!({"ibans": ["BE36251230861781", "string"]}), "customerCompany.ibans[1]"),
            (json!({"address": {"countryCode": "Belgique"}}), "customerCompany.address.countryCode"),
            (json!({"ubos": [{"birthDay": "1990-12-31"}, {"gender": "M"}]}), "customerCompany.ubos[1].gender"),
            (
                json!({"ubos": [{"pep": false, "pepCustomerExplanation": "Minister"}]}),
                "customerCompany.ubos[0].pepCustomerExplanation",
            ),
            (json!({"contactPerson": {"email": "john"}}), "customerCompany.contactPerson.email"),
            (json!({"contactPerson": {"email": "j@d.be", "language": "DE"}}), "customerCompany.contactPerson.language"),
            (
                json!({"contactPerson": {"email": "j@d.be", "nationalities": ["BE", "Belgian"]}}),
                "customerCompany.contactPerson.nationalities[1]",
            ),
            (
                json!({"contactPerson": {"email": "j@d.be", "sectors": [{"type": "OTHER"}]}}),
                "customerCompany.contactPerson.sectors[0].details",
            ),
            (
                json!({"contactPerson": {"email": "j@d.be", "sectors": [{"type": "MINING"}]}}),
                "customerCompany.contactPerson.sectors[0].type",
            ),
            (
                json!({"contactPerson": {"email": "j@d.be", "idDocumentValidityEnd": "2030-13-01"}}),
                "customerCompany.contactPerson.idDocumentValidityEnd",
            ),
        ];
        for (extra, field) in nested {
            let mut v = company();
            v["customerCompany"].as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            assert_eq!(field_of(build_company(v.clone()).unwrap_err()), field, "{v}");
        }
    }

    #[test]
    fn a_person_needs_only_an_email() {
        let op: PersonCustomerKYCInfo =
            serde_json::from_value(json!({"customerPerson": {"email": "jane@me.com"}})).unwrap();
        let req = op.build(&config()).unwrap();
        assert_eq!(req.url, "https://api.digiteal.eu/api/v1/kyc/person");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&req.body).unwrap(),
            json!({"customerPerson": {"email": "jane@me.com"}})
        );
        let err = crate::operation::read_params::<PersonCustomerKYCInfo, _>(json!({"customerPerson": {}})).unwrap_err();
        assert_eq!(field_of(err), "customerPerson.email");
    }

    #[test]
    fn contracts_take_a_language() {
        let op = GetPersonContracts { language: Some(Language::from("fr")), correlation_id: None };
        assert_eq!(
            op.build(&config()).unwrap().url,
            "https://api.digiteal.eu/api/v1/kyc/contractsForPerson?language=fr"
        );
        let op = GetCompanyContracts::default();
        assert_eq!(op.build(&config()).unwrap().url, "https://api.digiteal.eu/api/v1/kyc/contractsForCompany");
        let op = GetCompanyContracts { language: Some(Language::from("IT")), correlation_id: None };
        assert_eq!(field_of(op.build(&config()).unwrap_err()), "language");
        let r = HttpResponse::new(200, Headers::new(), br#"[{"id": 9007199254740993, "language": "en"}]"#.to_vec());
        assert_eq!(GetCompanyContracts::parse(&r).unwrap()[0].id, Some(9_007_199_254_740_993));
        assert!(GetPersonContracts::parse(&HttpResponse::new(200, Headers::new(), Vec::new())).unwrap().is_empty());
    }

    #[test]
    fn kyc_documents_are_pdfs_or_images() {
        let png = b"\x89PNG\r\n\x1a\n\0\0".to_vec();
        let op = UploadKycDocument {
            document: Bytes(png),
            email: "john.doe@gmail.com".into(),
            name: None,
            requester_vat: Some("BE0000000097".into()),
            document_type: KycDocumentType::SelfieWithId,
            media_type: None,
            boundary: None,
            correlation_id: None,
        };
        assert_eq!(field_of(op.build(&config()).unwrap_err()), "boundary");
        let with = op.completed(&Context { boundary: Some("b-1".into()), access_token: None }).into_owned();
        let body = String::from_utf8_lossy(&with.build(&config()).unwrap().body).into_owned();
        assert!(body.contains("filename=\"document.png\"\r\nContent-Type: image/png"), "{body}");
        assert!(body.contains("name=\"type\"\r\n\r\nSELFIE_WITH_ID\r\n"), "{body}");
        let bad = UploadKycDocument { media_type: Some("text/plain".into()), ..with.clone() };
        assert_eq!(field_of(bad.build(&config()).unwrap_err()), "mediaType");
        let bad = UploadKycDocument { document_type: KycDocumentType::from("PASSPORT"), ..with.clone() };
        assert_eq!(field_of(bad.build(&config()).unwrap_err()), "type");
        let bad = UploadKycDocument { email: "nobody".into(), ..with };
        assert_eq!(field_of(bad.build(&config()).unwrap_err()), "email");
    }

    #[test]
    fn the_upload_answer_is_empty_or_document_details() {
        let empty = HttpResponse::new(200, Headers::new(), Vec::new());
        assert_eq!(UploadKycDocument::parse(&empty).unwrap(), None);
        let entity = HttpResponse::new(200, Headers::new(), br#"{"body": null, "statusCode": "OK"}"#.to_vec());
        assert_eq!(UploadKycDocument::parse(&entity).unwrap(), None);
        let doc = HttpResponse::new(200, Headers::new(), br#"{"id": 12, "uuid": "u"}"#.to_vec());
        assert_eq!(UploadKycDocument::parse(&doc).unwrap().unwrap().id, Some(12));
    }
}
