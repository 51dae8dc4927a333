//! The typed clients (`new PassportReader({...})`, `new Billit({...})`, `new Solaris({...})`),
//! generated from one table by the `clients!` macro.
//!
//! Each table row names an operation by its catalog id and its core type; the macro checks at
//! compile time that the two agree, generates the namespace getter (the camelCase of the id's
//! middle segment) and the method (the camelCase of its last segment, a Promise), the `.d.ts`
//! declarations of both, and [`CLIENT_METHODS`], which the tests compare with
//! `kassa::operation::catalog()` so that an operation missing from the table fails the build's tests.
//! Every client also has `client.identity` ([`ClientIdentity`]): the core's identification flow
//! ([`kassa::client::Client::identity_start`] / [`identity_check`](kassa::client::Client::identity_check)).

use std::rc::Rc;

use js_sys::Promise;
use kassa::exchange::Exchange;
use wasm_bindgen::prelude::*;

use crate::convert::{config_to_json, option_u64, options_from_js, params_to_json, to_js, JsSink};
use crate::error::to_js_error;
use crate::fetch::FetchExchange;

/// One generated client method, for the coverage tests.
#[derive(Clone, Copy, Debug)]
pub struct ClientMethod {
    /// The JS class, e.g. `"PassportReader"`.
    pub class: &'static str,
    /// The provider of the catalog.
    pub provider: &'static str,
    /// The namespace getter, e.g. `"session"`, `"identificationSessions"` (camelCase of the id's
    /// middle segment).
    pub namespace: &'static str,
    /// The JS method name, e.g. `"create"` (camelCase of the id's last segment).
    pub method: &'static str,
    /// The operation id.
    pub id: &'static str,
    /// Whether the `.d.ts` lets the params be omitted (the tests check that the core builds the
    /// request from `{}` exactly then).
    pub params_optional: bool,
    /// Whether the operation's params deserialise from `{}` (true whenever `params_optional`).
    pub accepts_empty_params: fn() -> bool,
}

/// What a client holds: the core's [`kassa::client::Client`] (the checked config and any token
/// state) and a redacted description.
pub(crate) struct ClientCore {
    client: kassa::client::Client,
    description: String,
}

impl ClientCore {
    /// Reads and checks the options with the provider's config, so a bad option throws at
    /// construction.
    pub(crate) fn new(class: &str, provider: &'static str, options: &JsValue) -> Result<Self, kassa::Error> {
        let config = config_to_json(options)?;
        let client = kassa::client::Client::new(provider, &config)?;
        // The core client's Debug shows the provider and base URL, never a credential.
        let description = format!("{class}({client:?})");
        Ok(ClientCore { client, description })
    }

    pub(crate) fn description(&self) -> String {
        self.description.clone()
    }

    /// Sends operation `id` through the core client (build, the core's retry loop over fetch,
    /// tokens where the provider needs them) and parses the answer in the core. Params are
    /// converted at once, so a bad value rejects the Promise without a request.
    pub(crate) fn call(self: &Rc<Self>, id: &str, params: &JsValue) -> Promise {
        let params = match params_to_json(params) {
            Ok(params) => params,
            Err(e) => return Promise::reject(&to_js_error(e)),
        };
        let core = Rc::clone(self);
        let id = id.to_owned();
        wasm_bindgen_futures::future_to_promise(async move {
            let exchange = FetchExchange;
            let response = core.client.send(&exchange, &id, &params).await.map_err(to_js_error)?;
            let now = exchange.now_unix();
            kassa::operation::parse_response_at(&id, &response, now, JsSink)
                .and_then(|out| out)
                .map_err(to_js_error)
        })
    }

    /// `client.call(operation, params)`: any operation of this client's provider (the core client
    /// refuses another provider's).
    pub(crate) fn call_any(self: &Rc<Self>, operation: &JsValue, params: &JsValue) -> Promise {
        match operation.as_string() {
            Some(id) => self.call(&id, params),
            None => {
                let e = kassa::Error::validation("unknown_operation", "operation", "expected an operation id string");
                Promise::reject(&to_js_error(e))
            }
        }
    }
}

/// `client.identity`: the provider-neutral identification flow over a client
/// (`kassa::identity`): `start({subject, returnUrl, method})` and `check(reference, {expiresAt})`.
#[wasm_bindgen]
pub struct ClientIdentity {
    core: Rc<ClientCore>,
}

#[wasm_bindgen]
impl ClientIdentity {
    /// Starts an identification of `subject` (Billit: the RegistrationID; Solaris: the person_id;
    /// PassportReader: your reference) with the client's provider; resolves to
    /// `{provider, url, token, expires_at, reference}`.
    #[wasm_bindgen(skip_typescript)]
    pub fn start(&self, params: JsValue) -> Promise {
        let params = match start_params(&params) {
            Ok(params) => params,
            Err(e) => return Promise::reject(&to_js_error(e)),
        };
        let core = Rc::clone(&self.core);
        wasm_bindgen_futures::future_to_promise(async move {
            let started = core.client.identity_start(&FetchExchange, &params).await.map_err(to_js_error)?;
            to_js(&started).map_err(to_js_error)
        })
    }

    /// Asks the provider where `reference` stands (Solaris, PassportReader; Billit has no status
    /// call: pending until `expiresAt`, then expired) and resolves to
    /// `{status, reason, provider_status, reference}`.
    #[wasm_bindgen(skip_typescript)]
    pub fn check(&self, reference: JsValue, options: JsValue) -> Promise {
        let args = || {
            let reference = reference
                .as_string()
                .ok_or_else(|| kassa::Error::validation("invalid_params", "reference", "expected a reference string"))?;
            let options = options_from_js(&options, &[["expires_at", "expiresAt"]])?;
            Ok::<_, kassa::Error>((reference, option_u64(&options, "expires_at")?))
        };
        let (reference, expires_at) = match args() {
            Ok(args) => args,
            Err(e) => return Promise::reject(&to_js_error(e)),
        };
        let core = Rc::clone(&self.core);
        wasm_bindgen_futures::future_to_promise(async move {
            let outcome =
                core.client.identity_check(&FetchExchange, &reference, expires_at).await.map_err(to_js_error)?;
            to_js(&outcome).map_err(to_js_error)
        })
    }
}

/// `{subject, returnUrl, method}` (snake_case accepted) as the core's start params; a bad key or
/// value is an `invalid_params` error naming it.
fn start_params(params: &JsValue) -> Result<kassa::identity::StartParams, kassa::Error> {
    if !params.is_object() || js_sys::Array::is_array(params) {
        return Err(kassa::Error::validation("invalid_params", "params", "expected {subject, returnUrl, method}"));
    }
    let value = params_to_json(params)?;
    // Absent and null are the same to JS callers.
    let value = match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    };
    kassa::operation::read_config::<kassa::identity::StartParams, _>(&value).map_err(|e| match e {
        kassa::Error::Validation(mut v) => {
            v.code = "invalid_params";
            kassa::Error::Validation(v)
        }
        other => other,
    })
}

/// Byte-wise string equality usable in `const` assertions.
pub(crate) const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Generates the client classes from the table below.
///
/// Client syntax: `Class, "doc" { provider: "id", options: "TsOptionsType", namespaces: {...} }`;
/// namespace syntax: `getter: Class, "doc" { rows }`.
/// Row syntax: `method = "operation.id" => CoreType, params "?" "TsParams", output "TsOutput", "doc";`
/// where the method is the camelCase of the id's last segment and `"?"` (else `""`) marks
/// params that may be omitted (every field optional). The TS types of params and outputs come
/// from the `Operations` map (`OperationParams<Op>`, `OperationOutput<Op>`), whose entries are
/// generated here from the row's two type names.
macro_rules! clients {
    ($(
        $client:ident, $client_doc:literal {
            provider: $provider:literal,
            options: $options_ts:literal,
            $(identity: $identity:ident,)?
            namespaces: {$(
                $ns:ident: $ns_ty:ident, $ns_doc:literal {$(
                    $method:ident = $id:literal => $op:ty,
                        params $pmark:literal $params_ts:literal,
                        output $output_ts:literal,
                        $doc:literal;
                )*}
            )*}
        }
    )*) => {
        $(
            $($(
                const _: () = assert!(
                    same_str(<$op as kassa::Operation>::INFO.id, $id),
                    concat!("client table: `", $id, "` is not the id of ", stringify!($op)),
                );
                const _: () = assert!(
                    same_str(<$op as kassa::Operation>::INFO.provider, $provider),
                    concat!("client table: `", $id, "` is not a ", $provider, " operation"),
                );
                const _: () = assert!(
                    same_str($pmark, "?") || same_str($pmark, ""),
                    concat!("client table: the params mark of `", $id, "` is \"?\" or \"\""),
                );
            )*)*

            #[doc = $client_doc]
            #[wasm_bindgen]
            pub struct $client {
                core: Rc<ClientCore>,
            }

            $(
                #[doc = concat!("The identification flow (", stringify!($identity), ").")]
                #[wasm_bindgen]
                impl $client {
                    /// The identification flow over this client: `identity.start({subject, returnUrl,
                    /// method})`, `identity.check(reference, {expiresAt})`.
                    #[wasm_bindgen(getter)]
                    pub fn identity(&self) -> ClientIdentity {
                        ClientIdentity { core: Rc::clone(&self.core) }
                    }
                }
            )?

            #[wasm_bindgen]
            impl $client {
                /// Checks the options (credentials, `environment` or `baseUrl`, `timeout` in
                /// seconds, `retry`); a bad option throws a `ValidationError` naming it.
                #[wasm_bindgen(constructor)]
                pub fn new(#[wasm_bindgen(unchecked_param_type = $options_ts)] options: JsValue) -> Result<$client, JsValue> {
                    ClientCore::new(stringify!($client), $provider, &options)
                        .map(|core| $client { core: Rc::new(core) })
                        .map_err(to_js_error)
                }

                $(
                    #[doc = $ns_doc]
                    #[wasm_bindgen(getter)]
                    #[allow(non_snake_case)]
                    pub fn $ns(&self) -> $ns_ty {
                        $ns_ty { core: Rc::clone(&self.core) }
                    }
                )*

                /// Any operation of this provider by id (typed in the `.d.ts` by the `Operations` map).
                #[wasm_bindgen(skip_typescript)]
                pub fn call(&self, operation: JsValue, params: JsValue) -> Promise {
                    self.core.call_any(&operation, &params)
                }

                /// The client's configuration, with the secret redacted.
                #[wasm_bindgen(js_name = toString)]
                pub fn to_display(&self) -> String {
                    self.core.description()
                }

                /// What `JSON.stringify` shows: the redacted description.
                #[wasm_bindgen(js_name = toJSON)]
                pub fn to_json(&self) -> String {
                    self.core.description()
                }
            }

            $(
                #[doc = $ns_doc]
                #[wasm_bindgen]
                pub struct $ns_ty {
                    core: Rc<ClientCore>,
                }

                #[wasm_bindgen]
                #[allow(non_snake_case)]
                impl $ns_ty {
                    $(
                        #[doc = $doc]
                        #[wasm_bindgen(skip_typescript)]
                        pub fn $method(&self, params: JsValue) -> Promise {
                            self.core.call($id, &params)
                        }
                    )*
                }
            )*
        )*

        /// Every generated client method.
        pub const CLIENT_METHODS: &[ClientMethod] = &[$($($(
            ClientMethod {
                class: stringify!($client),
                provider: $provider,
                namespace: stringify!($ns),
                method: stringify!($method),
                id: $id,
                params_optional: same_str($pmark, "?"),
                accepts_empty_params: || serde_json::from_value::<$op>(serde_json::json!({})).is_ok(),
            },
        )*)*)*];

        /// The `.d.ts` declarations generated from the table: the `Operations` map, each client's
        /// operation ids, its typed `call`, and its namespaces' methods.
        pub const CLIENTS_TS: &str = concat!($(
            "export interface Operations {\n",
            $($(
                "  \"", $id, "\": { params: ", $params_ts, "; output: ", $output_ts, "; config: ", $options_ts, " };\n",
            )*)*
            "}\n",
            "/** Every operation id of `", stringify!($client), "`. */\n",
            "export type ", stringify!($client), "OperationId = never", $($(" | \"", $id, "\"",)*)* ";\n",
            "export interface ", stringify!($client), " {\n",
            "  /** Any operation of this provider by id; resolves to its output, rejects with a kassa error. */\n",
            "  call<Op extends ", stringify!($client), "OperationId>(operation: Op, ...params: ParamsArgs<Op>): Promise<OperationOutput<Op>>;\n",
            "}\n",
            $(
                "export interface ", stringify!($ns_ty), " {\n",
                $(
                    "  /** ", $doc, " */\n",
                    "  ", stringify!($method), "(params", $pmark, ": OperationParams<\"", $id, "\">): Promise<OperationOutput<\"", $id, "\">>;\n",
                )*
                "}\n",
            )*
        )*);

        #[wasm_bindgen(typescript_custom_section)]
        const CLIENTS_TS_SECTION: &str = CLIENTS_TS;
    };
}

use kassa::providers::{billit, digiteal, passportreader, solaris};

clients! {
    PassportReader, "PassportReader identity sessions (seed 003).

`new PassportReader({publicKey, secret, environment, baseUrl, timeout, retry})`; every method
returns a Promise of the parsed output (64-bit ids as `bigint`) and rejects with a kassa `Error`
(`.code`, `.kind`). Retries follow PassportReader's policy (2, 4, 8, 16 s), tunable with `retry`." {
        provider: "passportreader",
        options: "PassportReaderOptions",
        identity: yes,
        namespaces: {
            session: PassportReaderSession, "Identity sessions (`passportreader.session.*`)." {
                create = "passportreader.session.create" => passportreader::CreateSession,
                    params "?" "PassportReaderSessionCreateParams",
                    output "PassportReaderSessionCreated",
                    "Starts an identity session: `POST /api/v1/session.create`.";
                get = "passportreader.session.get" => passportreader::GetSession,
                    params "" "PassportReaderSessionGetParams",
                    output "PassportReaderSessionDetails",
                    "The whole session: `POST /api/v1/session.get`.";
                state = "passportreader.session.state" => passportreader::GetSessionState,
                    params "" "PassportReaderSessionStateParams",
                    output "PassportReaderSessionStateResponse",
                    "Only the session's state: `POST /api/v1/session.state`.";
            }
        }
    }
    Billit, "Billit identification of registered entities via itsme (seed 000).

`new Billit({apiKey | accessToken, partyId, environment, baseUrl, timeout, retry})`; every method
returns a Promise of the parsed output and rejects with a kassa `Error` (`.code`, `.kind`). Starting
an identification is never resent once it may have arrived (each attempt counts)." {
        provider: "billit",
        options: "BillitOptions",
        identity: yes,
        namespaces: {
            identification: BillitIdentification, "Identification (`billit.identification.*`)." {
                start = "billit.identification.start" => billit::StartIdentification,
                    params "" "BillitIdentificationStartParams",
                    output "BillitIdentificationStarted",
                    "Starts an itsme identification: `POST /v1/einvoices/registrations/{RegistrationID}/identification`; `expires_at` is 5 minutes after the answer.";
            }
        }
    }
    Solaris, "Solaris identity: eligibility checks, identification sessions, identifications (seed 002).

`new Solaris({clientId, clientSecret | accessToken, environment, baseUrl, authUrl, timeout, retry})`;
with client credentials the client fetches the OAuth2 token itself, reuses it until a minute
before it expires, and renews it once when Solaris answers 401. Every method returns a Promise of
the parsed output and rejects with a kassa `Error` (`.code`, `.kind`)." {
        provider: "solaris",
        options: "SolarisOptions",
        identity: yes,
        namespaces: {
            identification: SolarisIdentification, "Eligibility (`solaris.identification.*`)." {
                eligibilityChecks = "solaris.identification.eligibility_checks" => solaris::CheckEligibility,
                    params "" "SolarisEligibilityCheckParams",
                    output "SolarisEligibility",
                    "May the person use a method: `POST /v1/persons/{person_id}/identification_eligibility_checks`.";
            }
            identificationSessions: SolarisIdentificationSessions, "Identification sessions (`solaris.identification_sessions.*`)." {
                create = "solaris.identification_sessions.create" => solaris::CreateIdentificationSession,
                    params "" "SolarisIdentificationSessionCreateParams",
                    output "SolarisIdentificationSession",
                    "Starts a session: `POST /v1/persons/{person_id}/identification_sessions`.";
                get = "solaris.identification_sessions.get" => solaris::GetIdentificationSession,
                    params "" "SolarisIdentificationSessionParams",
                    output "SolarisIdentificationSession",
                    "A session: `GET .../identification_sessions/{identification_session_id}`.";
                configuration = "solaris.identification_sessions.configuration" => solaris::GetSessionConfiguration,
                    params "" "SolarisIdentificationSessionParams",
                    output "SolarisSessionConfiguration",
                    "A session's configuration: `GET .../identification_sessions/{identification_session_id}/configuration`.";
                simulateBankId = "solaris.identification_sessions.simulate_bank_id" => solaris::SimulateBankId,
                    params "" "SolarisIdentificationSessionParams",
                    output "SolarisIdentification",
                    "Sandbox only: `POST .../simulate_bank_id_until_identification_data_required`.";
            }
            identifications: SolarisIdentifications, "Identifications (`solaris.identifications.*`)." {
                create = "solaris.identifications.create" => solaris::CreateIdentification,
                    params "" "SolarisIdentificationCreateParams",
                    output "SolarisIdentification",
                    "Starts an identification: `POST .../identification_sessions/{identification_session_id}/identifications`.";
                get = "solaris.identifications.get" => solaris::GetIdentification,
                    params "" "SolarisIdentificationGetParams",
                    output "SolarisIdentification",
                    "An identification: `GET .../identifications/{id}`.";
            }
            auth: SolarisAuth, "The OAuth2 token (`solaris.auth.*`); the client obtains tokens itself." {
                token = "solaris.auth.token" => solaris::RequestToken,
                    params "?" "SolarisTokenParams",
                    output "SolarisTokenResponse",
                    "Requests an access token with the client credentials: `POST <authUrl>`.";
            }
        }
    }

    Digiteal, "Digiteal e-invoices, credit notes, payment requests, auto payments and opt-ins (seeds 001, 004).

`new Digiteal({username, password, environment, baseUrl, timeout, retry})` (`environment`
`production`, the default, or `test` / `sandbox`); params keep Digiteal's camelCase wire names
(`invoiceInternalId`, `amountInCents`, `correlationId`). Images in answers are
`{mediaType, bytes: Uint8Array}`; a `document` to upload is a `Uint8Array` (or text) and the
client draws the multipart boundary itself. Creations are never resent once they may have
arrived. Every method returns a Promise and rejects with a kassa `Error`; an `ApiError`'s `code`
is Digiteal's `errorCode` and its `requestId` the answer's `requestId` (the `correlationId` you
sent)." {
        provider: "digiteal",
        options: "DigitealOptions",
        namespaces: {
            invoices: DigitealInvoices, "Invoices (`digiteal.invoices.*`)." {
                create = "digiteal.invoices.create" => digiteal::CreateInvoice,
                    params "" "DigitealInvoiceCreateParams",
                    output "DigitealInvoiceCreated",
                    "Creates (or updates a DRAFT) invoice: `POST /api/v1/invoice-request`; answers its QR image or, with `format` `QR_TEXT`/`NONE`, the EPC text.";
                sendDocument = "digiteal.invoices.send_document" => digiteal::SendInvoiceDocument,
                    params "" "DigitealInvoiceDocumentParams",
                    output "DigitealDocumentUploaded",
                    "Attaches a document to the invoice `uuid`: `POST /api/v1/invoice-sendDoc` (multipart).";
                sendDocumentByInternalId = "digiteal.invoices.send_document_by_internal_id" => digiteal::SendInvoiceDocumentByInternalId,
                    params "" "DigitealInvoiceDocumentByInternalIdParams",
                    output "DigitealDocumentUploaded",
                    "Attaches a document to the invoice you call `billId`: `POST /api/v1/invoice-sendDocWithBillerId` (multipart).";
                listDocuments = "digiteal.invoices.list_documents" => digiteal::ListInvoiceDocuments,
                    params "" "DigitealListDocumentsParams",
                    output "DigitealDocumentDetails[]",
                    "The documents of an invoice: `GET /api/v1/invoice-getDocumentList?billId=`.";
            }
            creditNotes: DigitealCreditNotes, "Credit notes (`digiteal.credit_notes.*`)." {
                create = "digiteal.credit_notes.create" => digiteal::CreateCreditNote,
                    params "" "DigitealCreditNoteCreateParams",
                    output "DigitealCreditNoteCreated",
                    "Creates a credit note for an invoice: `POST /api/v1/credit-note`.";
                sendDocument = "digiteal.credit_notes.send_document" => digiteal::SendCreditNoteDocument,
                    params "" "DigitealCreditNoteDocumentParams",
                    output "DigitealDocumentUploaded",
                    "Attaches a document to the credit note `uuid`: `POST /api/v1/creditNote-sendDoc` (multipart).";
                sendDocumentByInternalId = "digiteal.credit_notes.send_document_by_internal_id" => digiteal::SendCreditNoteDocumentByInternalId,
                    params "" "DigitealCreditNoteDocumentByInternalIdParams",
                    output "DigitealDocumentUploaded",
                    "Attaches a document to the credit note you call `creditNoteId`: `POST /api/v1/creditNote-sendDocWithBillerId` (multipart).";
            }
            payments: DigitealPayments, "Payment requests (`digiteal.payments.*`)." {
                create = "digiteal.payments.create" => digiteal::CreatePayment,
                    params "" "DigitealPaymentCreateParams",
                    output "DigitealPaymentRequestCreated",
                    "Creates a payment request: `POST /api/v1/payment-request`; answers its QR image and payment URLs.";
                createForInvoice = "digiteal.payments.create_for_invoice" => digiteal::CreateInvoicePayment,
                    params "" "DigitealInvoicePaymentParams",
                    output "DigitealPaymentRequestCreated",
                    "A payment request for an existing invoice: `POST /api/v1/payment-request/invoice`.";
            }
            autopay: DigitealAutopay, "Auto payments (`digiteal.autopay.*`)." {
                request = "digiteal.autopay.request" => digiteal::RequestAutoPayment,
                    params "" "DigitealAutoPaymentParams",
                    output "DigitealAutoPaymentResult",
                    "Asks for an auto payment: `POST /api/v1/autopay-request`.";
            }
            optin: DigitealOptin, "Opt-ins (`digiteal.optin.*`)." {
                force = "digiteal.optin.force" => digiteal::ForceOptin,
                    params "" "DigitealForceOptinParams",
                    output "DigitealOptinForced",
                    "Forces a customer's opt-in: `POST /api/v1/optin/force/{requestorVAT}/{clientInternalId}/{clientEmail}`.";
            }
            integrator: DigitealIntegrator, "Integrator look-ups (`digiteal.integrator.*`)." {
                companyInfo = "digiteal.integrator.company_info" => digiteal::GetCompanyInfo,
                    params "" "DigitealCompanyInfoParams",
                    output "DigitealCompanyInfo",
                    "A company's status within Digiteal: `GET /api/v1/integrator/company-info?vatNumber=`.";
                personInfo = "digiteal.integrator.person_info" => digiteal::GetPersonInfo,
                    params "" "DigitealPersonInfoParams",
                    output "DigitealPersonInfo",
                    "A person's status within Digiteal: `GET /api/v1/integrator/person-info?email=`.";
            }
            qr: DigitealQr, "Anonymous EPC QR images (`digiteal.qr.*`), sent without credentials." {
                slipImage = "digiteal.qr.slip_image" => digiteal::GetSlipImage,
                    params "" "DigitealSlipImageParams",
                    output "DigitealSlipImage",
                    "A payment slip / QR image: `GET /api/v1/image-request/slip-image-anonymous`.";
                slipImageInline = "digiteal.qr.slip_image_inline" => digiteal::GetSlipImageInline,
                    params "" "DigitealSlipImageParams",
                    output "DigitealSlipImageInline",
                    "The same image inline (a JSON string): `GET /api/v1/image-request/slip-image-anonymous-inline`.";
            }
        }
    }
}
