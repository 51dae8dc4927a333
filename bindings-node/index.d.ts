// Types of the `kassa` Node package, hand-written. `test/operations.test.js` checks that every
// operation id of the core's catalog has an entry in `Operations` and a typed client method, and
// that every function of the core (`functionNames()`) has a typed wrapper; `test/typecheck.ts`
// uses every export under `tsc --strict`.

// ---- values -------------------------------------------------------------------------------

/** An integer input: a `number` (a safe integer) or a `bigint` (any 64-bit value). */
export type IntegerInput = number | bigint;

/** An HTTP method the provider APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A provider this package has a client for. */
export type Provider = 'passportreader' | 'billit' | 'solaris' | 'digiteal';

/** Bytes input: a `Uint8Array` (a `Buffer` is one) or an `ArrayBuffer`. */
export type BytesInput = Uint8Array | ArrayBuffer;

// ---- config -------------------------------------------------------------------------------

/** Overrides of a provider's retry policy; delays in seconds. Either spelling of a key works. */
export interface RetryOptions {
  /** How many retries after the first attempt. */
  maxRetries?: number;
  /** Alias of `maxRetries`. */
  max_retries?: number;
  /** The first delay, in seconds. */
  initialDelay?: number;
  /** Alias of `initialDelay`. */
  initial_delay?: number;
  /** The longest delay, in seconds. */
  maxDelay?: number;
  /** Alias of `maxDelay`. */
  max_delay?: number;
  /** Jitter, in percent of the delay (0-100). */
  jitterPercent?: number;
  /** Alias of `jitterPercent`. */
  jitter_percent?: number;
}

/** The config keys every provider takes besides its credentials. */
export interface CommonOptions {
  /** The provider's environment name (PassportReader: `production`, the default). */
  environment?: string;
  /** A custom base URL (tests, proxies): `https://`, or `http://` on a loopback host. */
  baseUrl?: string;
  /** The per-request timeout in seconds. */
  timeout?: number;
  /** Overrides of the retry policy. */
  retry?: RetryOptions;
}

/** PassportReader's config, camelCase (what `new PassportReader(...)` takes). */
export interface PassportReaderOptions extends CommonOptions {
  /** The public key: `public-key-...`. */
  publicKey: string;
  /** The secret: `secret-...`. Never printed. */
  secret: string;
}

/** PassportReader's config with the core's snake_case keys (as in the shared fixtures). */
export interface PassportReaderWireConfig {
  public_key: string;
  secret: string;
  environment?: string;
  base_url?: string;
  timeout?: number;
  retry?: RetryOptions;
}

/** Either spelling of PassportReader's config. */
export type PassportReaderConfig = PassportReaderOptions | PassportReaderWireConfig;

/**
 * Billit's config, camelCase (what `new Billit(...)` takes): `apiKey` (the `ApiKey` header) or
 * `accessToken` (OAuth bearer, for integrators), not both.
 */
export interface BillitOptions extends CommonOptions {
  /** The API key. Never printed. */
  apiKey?: string;
  /** An OAuth access token (integrators). Never printed. */
  accessToken?: string;
  /** The `PartyID` header; the registration's id when not given. */
  partyId?: string;
  /** `production` (the default) or `sandbox`. */
  environment?: 'production' | 'sandbox' | (string & {});
}

/** Billit's config with the core's snake_case keys. */
export interface BillitWireConfig {
  api_key?: string;
  access_token?: string;
  party_id?: string;
  environment?: string;
  base_url?: string;
  timeout?: number;
  retry?: RetryOptions;
}

/** Either spelling of Billit's config. */
export type BillitConfig = BillitOptions | BillitWireConfig;

/**
 * Solaris's config, camelCase (what `new Solaris(...)` takes): `clientId` + `clientSecret` (the
 * client fetches, reuses and renews the OAuth token) or an `accessToken`.
 */
export interface SolarisOptions extends CommonOptions {
  /** The OAuth client id. */
  clientId?: string;
  /** The OAuth client secret. Never printed. */
  clientSecret?: string;
  /** A bearer token obtained elsewhere. Never printed. */
  accessToken?: string;
  /** The token endpoint; from the environment, or `<baseUrl>/oauth2/token` with a custom `baseUrl`. */
  authUrl?: string;
  /** `production` (the default) or `sandbox`. */
  environment?: 'production' | 'sandbox' | (string & {});
}

/** Solaris's config with the core's snake_case keys. */
export interface SolarisWireConfig {
  client_id?: string;
  client_secret?: string;
  access_token?: string;
  auth_url?: string;
  environment?: string;
  base_url?: string;
  timeout?: number;
  retry?: RetryOptions;
}

/** Either spelling of Solaris's config. */
export type SolarisConfig = SolarisOptions | SolarisWireConfig;

// ---- PassportReader wire models (seed 003) --------------------------------------------------

/** Params of `passportreader.session.create`. */
export interface CreateSessionParams {
  /** Where PassportReader calls back when the session changes (an absolute URL). */
  callback_url?: string | null;
  /** Whether to compare the user's face with the document portrait. */
  face_verification?: boolean | null;
  /** Your own reference, returned on the session. */
  reference?: string | null;
}

/** Params of `passportreader.session.get`. */
export interface GetSessionParams {
  /** The session id. */
  id: IntegerInput;
}

/** Params of `passportreader.session.state`. */
export interface GetSessionStateParams {
  /** The session id. */
  id: IntegerInput;
}

/** The answer of `session.create`. */
export interface SessionCreated {
  /** The session id (64-bit). */
  id: bigint;
  /** The token for the user's app. */
  token: string;
}

/** Where a session stands; a state kassa does not know is kept as sent. */
export type SessionState =
  | 'CREATED'
  | 'INITIATED'
  | 'FAILED'
  | 'ABORTED'
  | 'COMPLETED'
  | 'REJECTED'
  | 'APPROVED'
  | (string & {});

/** The answer of `session.state`. */
export interface SessionStateResponse {
  state: SessionState;
}

/** A session as `session.get` returns it: every value but `id` a string or null. */
export interface Session {
  id: bigint;
  created: string | null;
  expires: string | null;
  state: SessionState;
  reference: string | null;
  user_ip: string | null;
  user_agent: string | null;
  given_names: string | null;
  surname: string | null;
  nationality: string | null;
  sex: string | null;
  date_of_birth: string | null;
  personal_number: string | null;
  document_type: string | null;
  document_number: string | null;
  expiry_date: string | null;
  issuing_country: string | null;
  issuer: string | null;
  portrait: string | null;
  face: string | null;
}

// ---- Billit wire models ---------------------------------------------------------------------

/** Params of `billit.identification.start` (Billit's wire names). */
export interface StartIdentificationParams {
  /** The registration (entity) to identify. */
  RegistrationID: string;
  /** Where itsme sends the user back (an absolute http(s) URL). */
  RedirectURL: string;
  /** The identification provider; `ItsMe` when not given. */
  IdentificationProviderTC?: string;
}

/** The answer of `billit.identification.start`: the URL to send the user to, valid 5 minutes. */
export interface IdentificationStarted {
  /** The itsme URL. */
  url: string;
  /** Always 300 (seconds). */
  expires_in: bigint;
  /** Unix seconds when the URL expires (when the answer's arrival time is known), else null. */
  expires_at: bigint | null;
}

// ---- Solaris wire models --------------------------------------------------------------------

/** A Solaris identification method; an unknown one is kept as sent. */
export type IdentificationMethod = 'idnow' | 'bank' | 'bank_id' | 'fourthline' | 'fourthline_signing' | 'postident' | (string & {});

/** The status of an identification session; an unknown one is kept as sent. */
export type SessionStatus = 'created' | 'pending' | 'successful' | 'failed' | 'expired' | 'aborted' | (string & {});

/** The status of an identification; an unknown one is kept as sent. */
export type IdentificationStatus =
  | 'created'
  | 'pending'
  | 'pending_successful'
  | 'pending_failed'
  | 'successful'
  | 'failed'
  | 'aborted'
  | 'canceled'
  | 'expired'
  | 'authorization_required'
  | 'confirmation_required'
  | 'identification_data_required'
  | (string & {});

/** Params of `solaris.identification.eligibility_checks`. */
export interface EligibilityCheckParams {
  person_id: string;
  /** `bank` when not given. */
  method?: IdentificationMethod;
}

/** The answer of an eligibility check. */
export interface Eligibility {
  method: IdentificationMethod;
  eligible: boolean;
  /** Why not, when not. */
  reasons: string[];
}

/** Params of `solaris.identification_sessions.create`. */
export interface CreateIdentificationSessionParams {
  person_id: string;
  /** Called when the session completes (an absolute URL). */
  callback_url?: string | null;
  /** At least one method. */
  identification_methods: IdentificationMethod[];
}

/** Params naming one identification session (`get`, `configuration`, `simulate_bank_id`). */
export interface IdentificationSessionParams {
  person_id: string;
  identification_session_id: string;
}

/** An identification session. */
export interface IdentificationSession {
  id: string;
  /** The URL to send the person to. */
  url: string | null;
  callback_url: string | null;
  identification_methods: IdentificationMethod[];
  status: SessionStatus | null;
}

/** The configuration of an identification session. */
export interface SessionConfiguration {
  terms_and_conditions_pre_accepted: boolean | null;
  fourthline_provider: string | null;
}

/** Params of `solaris.identifications.create`. */
export interface CreateIdentificationParams {
  person_id: string;
  identification_session_id: string;
  method: IdentificationMethod;
  language?: string | null;
  /** Goes with `proof_of_address_issued_at`. */
  proof_of_address_type?: string | null;
  /** `YYYY-MM-DD`. */
  proof_of_address_issued_at?: string | null;
  /** Required for `bank` and `bank_id`. */
  iban?: string | null;
  device_data?: string | null;
}

/** Params of `solaris.identifications.get`. */
export interface GetIdentificationParams {
  person_id: string;
  identification_session_id: string;
  /** The identification id. */
  id: string;
}

/** A postal address on an identification. */
export interface Address {
  line_1: string | null;
  line_2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  state: string | null;
}

/** An identification (create, get, simulate, the IDENTIFICATION webhook). */
export interface Identification {
  id: string;
  reference: string | null;
  url: string | null;
  status: IdentificationStatus | null;
  completed_at: string | null;
  method: IdentificationMethod | null;
  proof_of_address_type: string | null;
  proof_of_address_issued_at: string | null;
  language: string | null;
  person_id: string | null;
  address: Address | null;
  /** As Solaris sends them (integers as bigint). */
  documents: unknown[];
  failure_reason: string | null;
  iban: string | null;
  authorization_expires_at: string | null;
  confirmation_expires_at: string | null;
  provider_status_code: unknown;
  account_verification_error: string | null;
  idnow_process_type: string | null;
}

/** Params of `solaris.auth.token`. */
export interface TokenParams {
  /** `partners` when not given. */
  scope?: string | null;
}

/** The OAuth2 token answer. */
export interface TokenResponse {
  /** The bearer token (a credential: do not log it). */
  access_token: string;
  /** Its lifetime in seconds. */
  expires_in: bigint;
  scope: string | null;
  token_type: string | null;
}

// ---- Digiteal config ------------------------------------------------------------------------

/**
 * Digiteal's config, camelCase (what `new Digiteal(...)` takes): HTTP Basic with the login and
 * password chosen at registration. Both may be left out for the anonymous QR images
 * (`qr.slipImage`, `qr.slipImageInline`); every other operation then refuses with
 * `digiteal_credentials`.
 */
export interface DigitealOptions extends CommonOptions {
  /** The login. */
  username?: string;
  /** The password. Never printed. */
  password?: string;
  /** `production` (the default), `test` (also called `sandbox`). */
  environment?: 'production' | 'test' | 'sandbox' | (string & {});
}

/** Digiteal's config with the core's snake_case keys. */
export interface DigitealWireConfig {
  username?: string;
  password?: string;
  environment?: string;
  base_url?: string;
  timeout?: number;
  retry?: RetryOptions;
}

/** Either spelling of Digiteal's config. */
export type DigitealConfig = DigitealOptions | DigitealWireConfig;

// ---- Digiteal wire models (seed 001) --------------------------------------------------------

/** `format`: the image Digiteal answers with (any case); `QR_TEXT` / `NONE` answer the EPC payload as text. */
export type DigitealImageFormat =
  | 'PAYMENT_SLIP'
  | 'PAYMENT_SLIP_WITH_QR'
  | 'QR'
  | 'QR_BE'
  | 'QR_EXPLAINED'
  | 'PAYMENT_SLIP_WITH_BANNER'
  | 'BANNER'
  | 'QR_TEXT'
  | 'NONE'
  | (string & {});

/** A language: `NL`, `FR`, `EN` or `DE` (any case). */
export type DigitealLanguage = 'NL' | 'FR' | 'EN' | 'DE' | 'nl' | 'fr' | 'en' | 'de' | (string & {});

/** Text or a whole number, sent the way it is given (`customerAddressNumber: 14`, `'14A'`). */
export type NumberOrText = IntegerInput | string;

/** Bytes to upload: a `Uint8Array` (a `Buffer` is one), an `ArrayBuffer`, or text (its UTF-8 bytes). */
export type DocumentInput = BytesInput | string;

/** What every Digiteal request takes: the `correlation-id` header, echoed as an error's `requestId`. */
export interface DigitealRequestParams {
  /** Sent as the `correlation-id` header. */
  correlationId?: string | null;
  /** Alias of `correlationId`. */
  correlation_id?: string | null;
}

/** The customer fields the invoice, payment and auto payment requests share. */
export interface DigitealCustomerFields {
  customerAddressCity?: string | null;
  /** ISO 3166-1 alpha-2. */
  customerAddressCountry?: string | null;
  customerAddressNumber?: NumberOrText | null;
  customerAddressStreet?: string | null;
  customerAddressZip?: NumberOrText | null;
  customerEmail?: string | null;
  customerFirstName?: string | null;
  /** The customer's id in your system (mandatory for an invoice). */
  customerInternalId?: string | null;
  customerLastName?: string | null;
  /** Mobile phone with the national prefix. */
  customerMobile?: string | null;
  customerVAT?: string | null;
}

/** The payment fields the invoice, payment and auto payment requests share. */
export interface DigitealPaymentFields {
  /** The amount in cents. */
  amountInCents?: IntegerInput | null;
  bic?: string | null;
  /** `YYYY-MM-DD`; today by default. */
  creationDate?: string | null;
  /** Belgian OGM/VCS or ISO 11649 RF (checksum checked); or give `remittanceInfo`. */
  creditorReference?: string | null;
  /** ISO 4217; EUR by default. */
  currency?: string | null;
  directPayment?: boolean | null;
  expectingDocumentAttached?: boolean | null;
  iban?: string | null;
  language?: DigitealLanguage | null;
  /** ISO 20022 purpose code (4 capital letters). */
  purpose?: string | null;
  /** Free-text communication. */
  remittanceInfo?: string | null;
  requesterEmail?: string | null;
  /** Integrators: the requester's id. */
  requesterID?: IntegerInput | null;
  requesterVAT?: string | null;
  secondaryLanguage?: DigitealLanguage | null;
}

/** Params of `digiteal.invoices.create` (`InvoiceCreationRequest`; create or update by `invoiceInternalId`). */
export interface DigitealInvoiceParams extends DigitealRequestParams, DigitealCustomerFields, DigitealPaymentFields {
  alreadyPaid?: boolean | null;
  /** `YYYY-MM-DD`. */
  dueDate?: string | null;
  /** `QR` by default; `QR_TEXT` / `NONE` answer the EPC text. */
  format?: DigitealImageFormat | null;
  /** Your id of the invoice, unique per issuer. */
  invoiceInternalId?: string | null;
  languages?: DigitealLanguage[] | null;
  /** `PUBLISHED` (the default) or `DRAFT`. */
  publicationStatus?: 'PUBLISHED' | 'DRAFT' | (string & {}) | null;
  /** Image size in pixels (at most 4000). */
  size?: IntegerInput | null;
  /** The `name` query parameter. */
  name?: string | null;
}

/** Params of `digiteal.credit_notes.create` (`CreditNoteCreationRequest`). */
export interface DigitealCreditNoteParams extends DigitealRequestParams {
  amountInCents?: IntegerInput | null;
  creationDate?: string | null;
  creditNoteInternalId?: string | null;
  format?: DigitealImageFormat | null;
  /** The UUID of the invoice credited. */
  invoiceUUID?: string | null;
  language?: DigitealLanguage | null;
  secondaryLanguage?: DigitealLanguage | null;
  size?: IntegerInput | null;
}

/** Params of `digiteal.payments.create` (`PaymentCreationRequest`). */
export interface DigitealPaymentParams extends DigitealRequestParams, DigitealCustomerFields, DigitealPaymentFields {
  cancelURL?: string | null;
  /** Mandatory. */
  confirmationURL?: string | null;
  /** Mandatory. */
  errorURL?: string | null;
  /** Not with `amountInCents`. */
  maxAmountInCents?: IntegerInput | null;
  /** Not with `amountInCents`. */
  minAmountInCents?: IntegerInput | null;
  multiple?: boolean | null;
  paymentInternalId?: string | null;
  /** Not with `amountInCents`. */
  suggestedAmountInCents?: IntegerInput | null;
  /** 1 to 127 minutes; 10 by default. */
  validityInMinutes?: IntegerInput | null;
}

/** Params of `digiteal.payments.create_for_invoice` (`InvoicePaymentRequest`). */
export interface DigitealInvoicePaymentParams extends DigitealRequestParams {
  cancelURL?: string | null;
  confirmationURL?: string | null;
  errorURL?: string | null;
  invoiceInternalId?: string | null;
  requesterID?: IntegerInput | null;
  /** Digiteal's UUID of the invoice. */
  uuid?: string | null;
}

/** Params of `digiteal.autopay.request` (`AutoPaymentRequest`). */
export interface DigitealAutoPaymentParams extends DigitealRequestParams, DigitealCustomerFields, DigitealPaymentFields {}

/** Params of `digiteal.qr.slip_image` and `digiteal.qr.slip_image_inline` (sent without credentials). */
export interface DigitealSlipImageParams extends DigitealRequestParams {
  /** Integer cents. */
  amount?: IntegerInput | null;
  bic?: string | null;
  billDate?: string | null;
  billId?: string | null;
  billerName?: string | null;
  billerVAT?: string | null;
  creditorReference?: string | null;
  currency?: string | null;
  debtorCity?: string | null;
  debtorCountry?: string | null;
  debtorEmail?: string | null;
  debtorFirstName?: string | null;
  debtorHouseNumber?: string | null;
  debtorId?: string | null;
  debtorMobilePhoneNumber?: string | null;
  debtorName?: string | null;
  debtorStreetName?: string | null;
  debtorVAT?: string | null;
  debtorZipCode?: string | null;
  directPayment?: boolean | null;
  dueDate?: string | null;
  format?: DigitealImageFormat | null;
  iban?: string | null;
  language?: DigitealLanguage | null;
  languages?: DigitealLanguage[] | null;
  purpose?: string | null;
  remittanceInfo?: string | null;
  /** `DRAFT` or `FINAL` (the default). */
  requestStatus?: 'DRAFT' | 'FINAL' | (string & {}) | null;
  requestorEmail?: string | null;
  secondaryLanguage?: DigitealLanguage | null;
  size?: IntegerInput | null;
}

/** Params of `digiteal.invoices.list_documents`. */
export interface DigitealListDocumentsParams extends DigitealRequestParams {
  /** Your id of the invoice. */
  billId?: string | null;
}

/** Params of `digiteal.integrator.company_info`. */
export interface DigitealCompanyInfoParams extends DigitealRequestParams {
  vatNumber?: string | null;
}

/** Params of `digiteal.integrator.person_info`. */
export interface DigitealPersonInfoParams extends DigitealRequestParams {
  email?: string | null;
}

/** Params of `digiteal.optin.force` (the three path parameters are required). */
export interface DigitealForceOptinParams extends DigitealRequestParams {
  requestorVAT?: string | null;
  clientInternalId?: string | null;
  clientEmail?: string | null;
  /** The `User-Agent` header to send. */
  'User-Agent'?: string | null;
  /** Alias of `User-Agent`. */
  userAgent?: string | null;
}

/** The fields every document upload takes (a `multipart/form-data` body built by the core). */
export interface DigitealUploadFields extends DigitealRequestParams {
  /** The document's name, which Digiteal shows. */
  name?: string | null;
  comment?: string | null;
  /** Integrators: the requester's id. */
  requesterID?: IntegerInput | null;
  /** The document (PDF by default). */
  document?: DocumentInput | null;
  /** The file part's name; `name`, else `document.pdf`. */
  fileName?: string | null;
  /** The file part's media type; `application/pdf` by default. */
  mediaType?: string | null;
  /** The multipart boundary: the client draws a random one; `buildRequest` needs it. */
  boundary?: string | null;
}

/** Params of `digiteal.invoices.send_document` and `digiteal.credit_notes.send_document`. */
export interface DigitealSendDocumentParams extends DigitealUploadFields {
  /** The invoice's (credit note's) UUID. */
  uuid?: string | null;
}

/** Params of `digiteal.invoices.send_document_by_internal_id`. */
export interface DigitealSendInvoiceDocumentByIdParams extends DigitealUploadFields {
  /** Your id of the invoice (`invoiceInternalId`). */
  billId?: string | null;
}

/** Params of `digiteal.credit_notes.send_document_by_internal_id`. */
export interface DigitealSendCreditNoteDocumentByIdParams extends DigitealUploadFields {
  /** Your id of the credit note (`creditNoteInternalId`). */
  creditNoteId?: string | null;
}

/** An image Digiteal answered with. */
export interface DigitealImage {
  /** From `Content-Type`, else from the bytes (`image/png`, `image/svg+xml`, ...). */
  mediaType: string;
  bytes: Uint8Array;
}

/** A tolerated deviation of an EPC payload, or why it could not be read. */
export interface DigitealEpcProblem {
  code: string;
  field: string | null;
  message: string;
}

/** The EPC payload of a `QR_TEXT` / `NONE` answer, read leniently (the shape of `epc.parse`, plus `amount_cents`). */
export interface DigitealEpcPayment {
  version: string;
  charset: bigint;
  identification: string;
  bic: string | null;
  name: string;
  iban: string;
  amount: string | null;
  amount_cents: bigint | null;
  purpose: string | null;
  reference: string | null;
  text: string | null;
  information: string | null;
  tolerated: DigitealEpcProblem[];
}

/** The answer of `digiteal.invoices.create`. */
export interface DigitealInvoiceCreated {
  /** Digiteal's id of the invoice. */
  uuid: string;
  /** `S2P` when the client opted in. */
  deliveryMethod: 'S2P' | (string & {}) | null;
  /** Whether `deliveryMethod` is `S2P` (attach the documents). */
  optedIn: boolean;
  /** `YYYY-MM-DD`. */
  autoPaymentDate: string | null;
  debtorId: string | null;
  image: DigitealImage | null;
  /** The EPC payload (formats `QR_TEXT`, `NONE`). */
  qrText: string | null;
  epc: DigitealEpcPayment | null;
  epcError: DigitealEpcProblem | null;
}

/** The answer of `digiteal.credit_notes.create`. */
export interface DigitealCreditNoteCreated {
  uuid: string;
  image: DigitealImage | null;
  qrText: string | null;
  epc: DigitealEpcPayment | null;
  epcError: DigitealEpcProblem | null;
}

/** The answer of `digiteal.payments.create` and `digiteal.payments.create_for_invoice`. */
export interface DigitealPaymentCreated {
  uuid: string;
  /** Pays on a smartphone. */
  paymentUrlIntent: string | null;
  /** Pays in a web browser. */
  paymentWebUrl: string | null;
  image: DigitealImage | null;
}

/** Spring's `ResponseEntity` wrapper, when Digiteal sends one. */
export interface DigitealResponseEntity {
  body: unknown;
  statusCode: string | null;
  statusCodeValue: bigint | null;
}

/** The answer of the document uploads. */
export interface DigitealDocumentUploaded {
  /** The document's id. */
  uuid: string;
  status: string | null;
  responseEntity: DigitealResponseEntity | null;
}

/** The answer of `digiteal.optin.force`. */
export interface DigitealOptinForced {
  responseEntity: DigitealResponseEntity | null;
}

/** The answer of `digiteal.autopay.request`. */
export interface DigitealAutoPaymentResult {
  comment: string | null;
  originBankAccount: string | null;
  paymentConfirmationDate: string | null;
  paymentID: string | null;
  paymentRequestDate: string | null;
  status: 'EXECUTED' | 'PLANNED' | 'THRESHOLD_EXCEEDED' | 'HIGH_RISK' | 'NA' | (string & {}) | null;
}

/** The answer of `digiteal.integrator.company_info`. */
export interface DigitealCompanyInfo {
  status: 'NOT_FOUND' | 'NOT_ACTIVATED' | 'ON_HOLD' | 'PROD' | 'DEACTIVATED' | 'NONE' | (string & {}) | null;
  vatNumber: string | null;
}

/** The answer of `digiteal.integrator.person_info`. */
export interface DigitealPersonInfo {
  email: string | null;
  status:
    | 'NOT_FOUND'
    | 'COMPANY'
    | 'NOT_ACTIVATED'
    | 'ACTIVATED'
    | 'DEACTIVATED'
    | 'PENDING'
    | 'OK'
    | 'EXPIRED'
    | 'UNKNOWN'
    | (string & {})
    | null;
}

/** One document of `digiteal.invoices.list_documents`. */
export interface DigitealDocument {
  comment: string | null;
  fileName: string | null;
  id: bigint | null;
  mediaType: string | null;
  url: string | null;
  uuid: string | null;
}

/** The answer of `digiteal.qr.slip_image`. */
export interface DigitealSlipImage {
  image: DigitealImage | null;
  /** The `status` header: `0` OK, `1` not OK. */
  status: string | null;
  ok: boolean | null;
}

/** The answer of `digiteal.qr.slip_image_inline`. */
export interface DigitealSlipImageInline {
  /** The body as Digiteal sent it. */
  content: string;
  status: string | null;
  ok: boolean | null;
}

// ---- the catalog --------------------------------------------------------------------------

/** Every operation id with its params, output and config types. */
export interface Operations {
  'billit.identification.start': { params: StartIdentificationParams; output: IdentificationStarted; config: BillitConfig };
  'solaris.identification.eligibility_checks': { params: EligibilityCheckParams; output: Eligibility; config: SolarisConfig };
  'solaris.identification_sessions.create': { params: CreateIdentificationSessionParams; output: IdentificationSession; config: SolarisConfig };
  'solaris.identification_sessions.get': { params: IdentificationSessionParams; output: IdentificationSession; config: SolarisConfig };
  'solaris.identification_sessions.configuration': { params: IdentificationSessionParams; output: SessionConfiguration; config: SolarisConfig };
  'solaris.identifications.create': { params: CreateIdentificationParams; output: Identification; config: SolarisConfig };
  'solaris.identifications.get': { params: GetIdentificationParams; output: Identification; config: SolarisConfig };
  'solaris.identification_sessions.simulate_bank_id': { params: IdentificationSessionParams; output: Identification; config: SolarisConfig };
  'solaris.auth.token': { params: TokenParams; output: TokenResponse; config: SolarisConfig };
  'passportreader.session.create': { params: CreateSessionParams; output: SessionCreated; config: PassportReaderConfig };
  'passportreader.session.get': { params: GetSessionParams; output: Session; config: PassportReaderConfig };
  'passportreader.session.state': { params: GetSessionStateParams; output: SessionStateResponse; config: PassportReaderConfig };
  'digiteal.autopay.request': { params: DigitealAutoPaymentParams; output: DigitealAutoPaymentResult; config: DigitealConfig };
  'digiteal.credit_notes.create': { params: DigitealCreditNoteParams; output: DigitealCreditNoteCreated; config: DigitealConfig };
  'digiteal.credit_notes.send_document': { params: DigitealSendDocumentParams; output: DigitealDocumentUploaded; config: DigitealConfig };
  'digiteal.credit_notes.send_document_by_internal_id': { params: DigitealSendCreditNoteDocumentByIdParams; output: DigitealDocumentUploaded; config: DigitealConfig };
  'digiteal.integrator.company_info': { params: DigitealCompanyInfoParams; output: DigitealCompanyInfo; config: DigitealConfig };
  'digiteal.integrator.person_info': { params: DigitealPersonInfoParams; output: DigitealPersonInfo; config: DigitealConfig };
  'digiteal.invoices.create': { params: DigitealInvoiceParams; output: DigitealInvoiceCreated; config: DigitealConfig };
  'digiteal.invoices.list_documents': { params: DigitealListDocumentsParams; output: DigitealDocument[]; config: DigitealConfig };
  'digiteal.invoices.send_document': { params: DigitealSendDocumentParams; output: DigitealDocumentUploaded; config: DigitealConfig };
  'digiteal.invoices.send_document_by_internal_id': { params: DigitealSendInvoiceDocumentByIdParams; output: DigitealDocumentUploaded; config: DigitealConfig };
  'digiteal.optin.force': { params: DigitealForceOptinParams; output: DigitealOptinForced; config: DigitealConfig };
  'digiteal.payments.create': { params: DigitealPaymentParams; output: DigitealPaymentCreated; config: DigitealConfig };
  'digiteal.payments.create_for_invoice': { params: DigitealInvoicePaymentParams; output: DigitealPaymentCreated; config: DigitealConfig };
  'digiteal.qr.slip_image': { params: DigitealSlipImageParams; output: DigitealSlipImage; config: DigitealConfig };
  'digiteal.qr.slip_image_inline': { params: DigitealSlipImageParams; output: DigitealSlipImageInline; config: DigitealConfig };
}

/** An operation id of the catalog. */
export type OperationId = keyof Operations;

/** The operation ids of one provider. */
export type OperationIdOf<P extends Provider> = {
  [Id in OperationId]: Id extends `${P}.${string}` ? Id : never;
}[OperationId];

/** One entry of `operations()`. */
export interface OperationInfo {
  /** The operation id, `provider.group.method`. */
  id: OperationId;
  /** The provider. */
  provider: Provider;
  /** The HTTP method. */
  method: HttpMethod;
  /** The path below the base URL, e.g. `/api/v1/session.create`. */
  path: string;
  /** Whether a retry after the request may have arrived is harmless. */
  retrySafe: boolean;
}

// ---- sans-IO functions --------------------------------------------------------------------

/** What `JSON.stringify(request)` shows. */
export interface RedactedRequest {
  method: HttpMethod;
  url: string;
  /** Credential header values replaced by `[redacted]`. */
  headers: [string, string][];
  /** The body as text, or `<N bytes>` when it is not UTF-8. */
  body: string;
}

/**
 * A request the core built, to send with any HTTP client. The getters return the real values;
 * `toString()`, `toJSON()` and `util.inspect` show credential header values as `[redacted]`.
 */
export declare class HttpRequest {
  private constructor();
  /** The method. */
  readonly method: HttpMethod;
  /** The absolute URL, query included; never carries credentials. */
  readonly url: string;
  /** The headers to send, credentials included. */
  readonly headers: [string, string][];
  /** The body bytes (empty when there is none); a fresh copy on each access. */
  readonly body: Uint8Array;
  /** The request with credential header values redacted. */
  toJSON(): RedactedRequest;
  /** The core's description of the request, credential header values redacted. */
  toString(): string;
}

/** A response to parse. */
export interface ResponseInput {
  /** The HTTP status. */
  status: number | bigint;
  /** `[name, value]` pairs (any iterable, e.g. fetch's `Headers`) or a `name: value` object. */
  headers?: Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[]>> | null;
  /** The body: text (sent as UTF-8) or bytes. */
  body?: Uint8Array | ArrayBuffer | string | null;
}

/** Builds the request of `operation`. Throws a `ValidationError` naming the field. */
export declare function buildRequest<Id extends OperationId>(
  operation: Id,
  params: Operations[Id]['params'] | null | undefined,
  config: Operations[Id]['config'],
): HttpRequest;
export declare function buildRequest(
  operation: string,
  params: Readonly<Record<string, unknown>> | null | undefined,
  config: Readonly<Record<string, unknown>>,
): HttpRequest;

/** Options of `parseResponse`. */
export interface ParseOptions {
  /** When the answer arrived (Unix seconds), for outputs that say when something expires (Billit's `expires_at`). */
  now?: IntegerInput | null;
}

/** Parses the answer to `operation`; throws an `ApiError`, `DecodeError` or `ValidationError`. */
export declare function parseResponse<Id extends OperationId>(operation: Id, response: ResponseInput, options?: ParseOptions): Operations[Id]['output'];
export declare function parseResponse(operation: string, response: ResponseInput, options?: ParseOptions): unknown;

/** Every operation the core implements. */
export declare function operations(): OperationInfo[];

// ---- pure functions -----------------------------------------------------------------------

/** Options of `epc.build` (keyword arguments; snake_case spellings work too). */
export interface EpcBuildOptions {
  /** The beneficiary's name. */
  name: string;
  /** The beneficiary's IBAN. */
  iban: string;
  /** The amount as a decimal string, `"12.30"` (numbers are refused: use `amountCents`). */
  amount?: string | null;
  /** The amount in cents. */
  amountCents?: IntegerInput | null;
  /** The beneficiary's BIC (required in version 001). */
  bic?: string | null;
  /** The purpose code (4 letters). */
  purpose?: string | null;
  /** A structured creditor reference (RF...); not with `text`. */
  reference?: string | null;
  /** Unstructured remittance text; not with `reference`. */
  text?: string | null;
  /** Information for the user. */
  information?: string | null;
  /** `"002"` (the default) or `"001"`. */
  version?: '001' | '002' | 1 | 2 | null;
  /** 1 to 8, or a name (`"UTF-8"`, `"ISO-8859-15"`, ...); UTF-8 when not given. */
  charset?: number | string | null;
  /** Allow a payload without an amount. */
  allowNoAmount?: boolean | null;
}

/** Something a lenient `epc.parse` tolerated. */
export interface EpcTolerated {
  code: string;
  field: string;
  message: string;
}

/** A parsed EPC payload. */
export interface EpcParsed {
  version: '001' | '002';
  /** 1 to 8. */
  charset: bigint;
  identification: 'SCT';
  bic: string | null;
  name: string;
  iban: string;
  /** A decimal string with two decimals, or null. */
  amount: string | null;
  purpose: string | null;
  reference: string | null;
  text: string | null;
  information: string | null;
  /** Empty in strict mode. */
  tolerated: EpcTolerated[];
}

/** Options of `epc.parse`. */
export interface EpcParseOptions {
  /** `true` (the default) refuses every deviation; `false` tolerates and lists them. */
  strict?: boolean | null;
}

/** Options of `epc.svg` and `epc.png`. */
export interface RenderOptions {
  /** Pixels per QR module (4). */
  modulePx?: number | null;
  /** The quiet zone in modules (4, the minimum). */
  border?: number | null;
}

/** Options of `billit.verifyWebhook`. */
export interface BillitWebhookOptions {
  /** The current Unix time in seconds (the core reads no clock). */
  now: IntegerInput;
  /** How far the signed timestamp may lie from `now`, in seconds (300). */
  tolerance?: IntegerInput | null;
}

/** A verified Solaris webhook. */
export type SolarisWebhookEvent = { event: 'IDENTIFICATION'; data: Identification } | { event: 'UNKNOWN'; data: unknown };

/** A provider of the identification flow. */
export type IdentityProvider = 'billit' | 'solaris' | 'passportreader';

/** What to verify and where to send the user back (`return_url` works too). */
export interface IdentityStartParams {
  /** Billit: the RegistrationID; Solaris: the person_id; PassportReader: your reference. */
  subject: string;
  /** Where the provider sends the user (Billit, required) or calls back (Solaris, PassportReader). */
  returnUrl?: string | null;
  /** Alias of `returnUrl`. */
  return_url?: string | null;
  /** Solaris: the identification method (`idnow` when not given). */
  method?: IdentificationMethod | null;
}

/** A started identification. */
export interface IdentityStarted {
  provider: IdentityProvider;
  /** The URL to send the user to (Billit, Solaris). */
  url: string | null;
  /** PassportReader's session token for its app. */
  token: string | null;
  /** Unix seconds when the chance to finish ends, where the provider says (Billit: 5 minutes). */
  expires_at: bigint | null;
  /** An opaque reference: `billit:<id>`, `solaris:<person>:<session>`, `passportreader:<id>`. */
  reference: string;
}

/** Where an identification stands. */
export type IdentityStatus = 'verified' | 'failed' | 'pending' | 'expired';

/** The provider-neutral result of the identification flow. */
export interface IdentityOutcome {
  status: IdentityStatus;
  /** Why it failed, when it failed. */
  reason: string | null;
  /** The provider's own status the outcome was read from. */
  provider_status: string | null;
  reference: string;
}

/** What the provider gave back, for `identity.finish` (give the one you have). */
export interface IdentityEvidenceInput {
  /** Billit: the URL the browser came back on. */
  redirect_url?: string | null;
  /** Alias of `redirect_url`. */
  redirectUrl?: string | null;
  /** PassportReader: the session's `state`. */
  state?: string | null;
  /** Solaris: an identification (from `identifications.get` or the IDENTIFICATION webhook). */
  identification?: Readonly<Record<string, unknown>> | null;
  /** Solaris: an identification session (from `identificationSessions.get`). */
  session?: Readonly<Record<string, unknown>> | null;
  /** When the chance to finish ends (`IdentityStarted.expires_at`). */
  expires_at?: IntegerInput | null;
  /** Alias of `expires_at`. */
  expiresAt?: IntegerInput | null;
}

/** The evidence `identity.pollEvidence` reads from the status answer. */
export interface IdentityEvidence {
  state: string | null;
  session: IdentificationSession | null;
  identification: Identification | null;
}

/** A provider call of the identification flow: an operation id and its params (wire names). */
export interface IdentityOperation {
  operation: OperationId;
  params: Record<string, unknown>;
}

/** Options with the current time (Unix seconds), where the core needs it. */
export interface NowOptions {
  now?: IntegerInput | null;
}

/** A response for the sans-IO identity functions (`identity.started`, `identity.pollEvidence`). */
export interface FunctionResponseInput {
  status: IntegerInput;
  headers?: Iterable<readonly [string, string]> | Readonly<Record<string, string>> | null;
  body?: Uint8Array | string | null;
}

/** Where a Digiteal link points: the web application of an environment, or a custom base URL. */
export interface DigitealLinkTarget {
  /** `production` (the default) or `test` (also `sandbox`). */
  environment?: 'production' | 'test' | 'sandbox' | (string & {}) | null;
  /** A custom web application URL (tests, proxies). */
  baseUrl?: string | null;
  /** Alias of `baseUrl`. */
  base_url?: string | null;
}

/** Params of the pay button (`digiteal.payButtons.imageUrl` / `executeUrl`), the seed's names. */
export interface DigitealPayButtonParams extends DigitealLinkTarget {
  /** Your company's VAT number (required). */
  requesterVAT?: string | null;
  /** Link the button to an invoice (then no `iban` or reference is needed). */
  invoiceUUID?: string | null;
  trustedPaymentUUID?: string | null;
  /** A fixed amount in cents; absent or 0 lets the payer choose. */
  amountInCents?: IntegerInput | null;
  minAmountInCents?: IntegerInput | null;
  maxAmountInCents?: IntegerInput | null;
  suggestedAmountInCents?: IntegerInput | null;
  iban?: string | null;
  /** NL, FR or EN (any case). */
  language?: DigitealLanguage | null;
  creditorReference?: string | null;
  remittanceInfo?: string | null;
  customerInternalId?: string | null;
  /** The debtor's email (the seed's spelling). */
  customerEMail?: string | null;
  multiple?: boolean | null;
  direct?: boolean | null;
  confirmationURL?: string | null;
  errorURL?: string | null;
  cancelURL?: string | null;
  /** `SVG` or `PNG` (the default). */
  type?: 'SVG' | 'PNG' | (string & {}) | null;
}

/** A VAT number of the B2B button: a string, or the reference's object form. */
export type DigitealVatNumber = string | { representation: string; belgian?: boolean | null };

/** Params of the B2B creditor button (`digiteal.payButtons.b2bImageUrl` / `b2bExecuteUrl`). */
export interface DigitealB2bPayButtonParams extends DigitealLinkTarget {
  /** Required. */
  creditorVAT?: DigitealVatNumber | null;
  creditorName?: string | null;
  debtorVAT?: DigitealVatNumber | null;
  creditorReference?: string | null;
  remittanceInfo?: string | null;
  creditorEmail?: string | null;
  /** Required. */
  creditorIBAN?: string | null;
  /** Required. */
  amountInCents?: IntegerInput | null;
  currency?: string | null;
  language?: DigitealLanguage | null;
  confirmationURL?: string | null;
  errorURL?: string | null;
  cancelURL?: string | null;
}

/** Params of `digiteal.links.companyRegistration`. */
export interface DigitealCompanyRegistrationParams extends DigitealLinkTarget {
  /** Your client's email (required). */
  email?: string | null;
  vatNumber?: string | null;
  integratorID?: NumberOrText | null;
  companyName?: string | null;
  forBusiness?: boolean | null;
}

/** Params of `digiteal.links.personRegistration`. */
export interface DigitealPersonRegistrationParams extends DigitealLinkTarget {
  /** The person's email (required). */
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  integratorID?: NumberOrText | null;
}

/** Params of `digiteal.links.qrGenerator` (all optional: the page asks for the rest). */
export interface DigitealQrGeneratorParams extends DigitealLinkTarget {
  creditorName?: string | null;
  bic?: string | null;
  iban?: string | null;
  /** A decimal string in euro (`"12.34"`), never a float. */
  amount?: string | null;
  /** Cents, instead of `amount`. */
  amountInCents?: IntegerInput | null;
  creditorReference?: string | null;
  remittanceInfo?: string | null;
  email?: string | null;
  purpose?: string | null;
  purposeName?: string | null;
  info?: string | null;
  dueDate?: string | null;
  language?: DigitealLanguage | null;
  format?: DigitealImageFormat | null;
}

/** A pay button: the URL asked for, both URLs and the HTML snippet. */
export interface DigitealPayButtonLinks {
  url: string;
  imageUrl: string;
  executeUrl: string;
  /** `<a href="{executeUrl}"><img src="{imageUrl}"></a>`, escaped for HTML. */
  html: string;
}

/** A built link. */
export interface DigitealLink {
  url: string;
}

/**
 * Calls any kassa function by its core name (`"iban.validate"`): `args` positional, `options`
 * the keyword arguments. Throws a `ValidationError` (`unknown_function`, `invalid_params`, ...).
 */
export declare function callFunction(name: string, args?: readonly unknown[] | null, options?: Readonly<Record<string, unknown>> | null): unknown;

/** The names of every kassa function, as the core lists them (`"peppol.be_participant_ids"`). */
export declare function functionNames(): string[];

/** EPC QR payloads (the SEPA credit transfer QR code). */
export declare const epc: {
  /** The payload text; throws a `ValidationError` naming the field. */
  readonly build: (options: EpcBuildOptions) => string;
  /** Parses a payload (text, or the bytes a QR code holds). */
  readonly parse: (payload: string | BytesInput, options?: EpcParseOptions) => EpcParsed;
  /** An SVG QR code of a payload (checked first). */
  readonly svg: (payload: string, options?: RenderOptions) => string;
  /** A PNG QR code of a payload (checked first). */
  readonly png: (payload: string, options?: RenderOptions) => Uint8Array;
};

/** Belgian structured communications (OGM/VCS). */
export declare const ogm: {
  /** The canonical `+++123/4567/89002+++` form. */
  readonly validate: (s: string) => string;
  /** An OGM from a base of at most 10 digits (number, bigint or digit string). */
  readonly generate: (base: IntegerInput | string) => string;
};

/** ISO 11649 creditor references. */
export declare const rf: {
  /** The electronic form (`RF18539007547034`). */
  readonly validate: (s: string) => string;
  /** The print form (groups of four). */
  readonly format: (s: string) => string;
  /** The RF reference of `ref`. */
  readonly generate: (ref: string) => string;
};

/** IBANs. */
export declare const iban: {
  /** The electronic form (no spaces, upper case). */
  readonly validate: (s: string) => string;
  /** The print form (groups of four). */
  readonly format: (s: string) => string;
};

/** BICs. */
export declare const bic: {
  /** The BIC, upper case. */
  readonly validate: (s: string) => string;
};

/** Belgian enterprise and VAT numbers. */
export declare const be: {
  /** The enterprise number, 10 digits (`0123456749`). */
  readonly enterpriseNumber: (s: string) => string;
  /** The VAT number (`BE0123456749`). */
  readonly vatNumber: (s: string) => string;
};

/** Peppol participant ids. */
export declare const peppol: {
  /** The participant id (`scheme:value`). */
  readonly validate: (s: string) => string;
  /** The two Belgian participant ids of an enterprise number: `0208:<number>` and `9925:be<number>`. */
  readonly beParticipantIds: (enterpriseNumber: string) => [string, string];
};

/** Billit's pure functions. */
export declare const billit: {
  /** Reads the URL the browser came back on after itsme; throws a `CallbackError` for itsme's error page. */
  readonly parseCallback: (url: string) => { registration_id: string; success: boolean };
  /** Verifies a webhook (`Billit-Signature` header) and returns its JSON body; throws a `SignatureError`. */
  readonly verifyWebhook: (body: string | BytesInput, signature: string, secret: string | BytesInput, options: BillitWebhookOptions) => unknown;
};

/** Solaris's pure functions. */
export declare const solaris: {
  /** Verifies a webhook (`sha256=<hex>`) and parses its body; throws a `SignatureError`. */
  readonly verifyWebhook: (body: string | BytesInput, signature: string, secret: string | BytesInput) => SolarisWebhookEvent;
};

/** The identification flow, sans-IO (the clients' `identity.start/check` do the IO). */
export declare const identity: {
  /** The provider call that starts an identification. */
  readonly startOperation: (provider: IdentityProvider, params: IdentityStartParams) => IdentityOperation;
  /** Reads the answer to that call, received at `now`. */
  readonly started: (provider: IdentityProvider, params: IdentityStartParams, response: FunctionResponseInput, options?: NowOptions) => IdentityStarted;
  /** The status call for `reference`, or null (Billit has none). */
  readonly pollOperation: (reference: string) => IdentityOperation | null;
  /** The evidence in the answer to the status call. */
  readonly pollEvidence: (reference: string, response: FunctionResponseInput) => IdentityEvidence;
  /** Decides where `reference` stands from the evidence, at `now`. */
  readonly finish: (reference: string, evidence: IdentityEvidenceInput, options?: NowOptions) => IdentityOutcome;
};

/** Digiteal's link builders (no request, no credentials); params use the seed's names. */
export declare const digiteal: {
  readonly payButtons: {
    /** `digiteal.pay_buttons.image_url`: the button image URL (and the execute URL and HTML). */
    readonly imageUrl: (params: DigitealPayButtonParams) => DigitealPayButtonLinks;
    /** `digiteal.pay_buttons.execute_url`: the link that starts the payment. */
    readonly executeUrl: (params: DigitealPayButtonParams) => DigitealPayButtonLinks;
    /** `digiteal.pay_buttons.b2b_image_url`: the B2B creditor button image. */
    readonly b2bImageUrl: (params: DigitealB2bPayButtonParams) => DigitealPayButtonLinks;
    /** `digiteal.pay_buttons.b2b_execute_url`: the B2B payment link. */
    readonly b2bExecuteUrl: (params: DigitealB2bPayButtonParams) => DigitealPayButtonLinks;
  };
  readonly links: {
    /** `digiteal.links.company_registration`. */
    readonly companyRegistration: (params: DigitealCompanyRegistrationParams) => DigitealLink;
    /** `digiteal.links.person_registration`. */
    readonly personRegistration: (params: DigitealPersonRegistrationParams) => DigitealLink;
    /** `digiteal.links.qr_generator`. */
    readonly qrGenerator: (params?: DigitealQrGeneratorParams) => DigitealLink;
  };
};

// ---- errors -------------------------------------------------------------------------------

/** The broad kind of a kassa error. */
export type ErrorKind = 'validation' | 'api' | 'transport' | 'decode' | 'signature' | 'callback';

/** Every error kassa throws. `message` is the core's description; it never contains a secret. */
export declare class KassaError extends Error {
  protected constructor(message: string);
  /** A stable, machine-readable code. */
  readonly code: string;
  /** The broad kind. */
  readonly kind: ErrorKind;
}

/** Input refused before anything was sent. */
export declare class ValidationError extends KassaError {
  readonly name: 'ValidationError';
  readonly kind: 'validation';
  /** The rule: `invalid_params`, `invalid_config`, `passportreader_credentials`, `insecure_base_url`, ... */
  readonly code: string;
  /** The field, as the caller named it (`secret`, `id`, `base_url`, `retry.max_retries`). */
  readonly field: string;
}

/** The provider answered with an error. */
export declare class ApiError extends KassaError {
  readonly name: 'ApiError';
  readonly kind: 'api';
  /** The provider's own code (`SessionNotFound`), else `http_<status>`. */
  readonly code: string;
  /** The HTTP status. */
  readonly status: number;
  /** The provider's code, when it gave one. */
  readonly providerCode: string | null;
  /** The provider's own message, when it gave one (`message` is kassa's full text). */
  readonly providerMessage: string | null;
  /** The request id, when there is one. */
  readonly requestId: string | null;
  /** The raw response body. */
  readonly body: Uint8Array;
}

/** No complete answer arrived. */
export declare class TransportError extends KassaError {
  readonly name: 'TransportError';
  readonly kind: 'transport';
  readonly code: 'timeout' | 'connect' | 'tls' | 'body' | 'transport';
}

/** The answer could not be read. */
export declare class DecodeError extends KassaError {
  readonly name: 'DecodeError';
  readonly kind: 'decode';
  readonly code: 'decode';
  /** Where: a JSON path (`id`) or a header name, when known. */
  readonly field: string | null;
  /** The byte offset in the body, when known. */
  readonly offset: number | null;
}

/** A webhook signature does not hold. */
export declare class SignatureError extends KassaError {
  readonly name: 'SignatureError';
  readonly kind: 'signature';
  readonly code: 'signature_mismatch' | 'timestamp_too_old' | 'timestamp_in_future' | 'malformed_signature';
}

/** A provider's redirect reports a failure of its flow (itsme's error page). */
export declare class CallbackError extends KassaError {
  readonly name: 'CallbackError';
  readonly kind: 'callback';
  /** The provider's error code (itsme's `error`, e.g. `access_denied`). */
  readonly code: string;
  /** The provider's description, when it gave one. */
  readonly description: string | null;
}

// ---- clients ------------------------------------------------------------------------------

/** What `JSON.stringify(client)` shows: no secret. */
export interface ClientJSON {
  client: string;
  provider: Provider;
  /** The core's description of the client. */
  config: string;
}

/** Options of `client.identity.check`. */
export interface IdentityCheckOptions {
  /** `IdentityStarted.expires_at`: after it, no answer means expired. */
  expiresAt?: IntegerInput | null;
  /** Alias of `expiresAt`. */
  expires_at?: IntegerInput | null;
}

/** The identification flow over a client (the core's `identity_start` / `identity_check`). */
export interface IdentityClient {
  /** Starts an identification with this client's provider. */
  readonly start: (params: IdentityStartParams) => Promise<IdentityStarted>;
  /** Asks the provider where `reference` stands (Billit: pending until `expiresAt`, then expired). */
  readonly check: (reference: string, options?: IdentityCheckOptions) => Promise<IdentityOutcome>;
}

/** What every provider client has besides its namespaces. */
declare abstract class ProviderClient<P extends Provider> {
  /** The provider. */
  readonly provider: P;
  /** The identification flow: `identity.start({subject, returnUrl, method})`, `identity.check(reference, {expiresAt})`. */
  readonly identity: IdentityClient;
  /** Sends an operation of this provider by id; bad input rejects with a `ValidationError`. */
  call<Id extends OperationIdOf<P>>(operation: Id, params?: Operations[Id]['params'] | null): Promise<Operations[Id]['output']>;
  call(operation: string, params?: Readonly<Record<string, unknown>> | null): Promise<unknown>;
  /** A description without secrets. */
  toString(): string;
  toJSON(): ClientJSON;
}

/**
 * PassportReader (identity sessions). The constructor throws a `ValidationError` for a bad config
 * (e.g. code `passportreader_credentials` when a key lacks its prefix).
 */
export declare class PassportReader extends ProviderClient<'passportreader'> {
  constructor(options: PassportReaderOptions);
  readonly session: {
    /** `passportreader.session.create`: starts an identity session. */
    readonly create: (params?: CreateSessionParams) => Promise<SessionCreated>;
    /** `passportreader.session.get`: the whole session. */
    readonly get: (params: GetSessionParams) => Promise<Session>;
    /** `passportreader.session.state`: only the session's state. */
    readonly state: (params: GetSessionStateParams) => Promise<SessionStateResponse>;
  };
}

/**
 * Billit (itsme identification of a registration). The constructor throws a `ValidationError`
 * for a bad config (code `billit_credentials` without `apiKey`/`accessToken`).
 */
export declare class Billit extends ProviderClient<'billit'> {
  constructor(options: BillitOptions);
  readonly identification: {
    /** `billit.identification.start`: the itsme URL, valid 5 minutes (`expires_at`). */
    readonly start: (params: StartIdentificationParams) => Promise<IdentificationStarted>;
  };
}

/**
 * Solaris (KYC identifications). With `clientId`/`clientSecret` the client fetches, reuses and
 * renews the OAuth token itself.
 */
export declare class Solaris extends ProviderClient<'solaris'> {
  constructor(options: SolarisOptions);
  readonly identification: {
    /** `solaris.identification.eligibility_checks`: may the person use a method? */
    readonly eligibilityChecks: (params: EligibilityCheckParams) => Promise<Eligibility>;
  };
  readonly identificationSessions: {
    /** `solaris.identification_sessions.create`. */
    readonly create: (params: CreateIdentificationSessionParams) => Promise<IdentificationSession>;
    /** `solaris.identification_sessions.get`. */
    readonly get: (params: IdentificationSessionParams) => Promise<IdentificationSession>;
    /** `solaris.identification_sessions.configuration`. */
    readonly configuration: (params: IdentificationSessionParams) => Promise<SessionConfiguration>;
    /** `solaris.identification_sessions.simulate_bank_id` (sandbox only). */
    readonly simulateBankId: (params: IdentificationSessionParams) => Promise<Identification>;
  };
  readonly identifications: {
    /** `solaris.identifications.create`. */
    readonly create: (params: CreateIdentificationParams) => Promise<Identification>;
    /** `solaris.identifications.get`. */
    readonly get: (params: GetIdentificationParams) => Promise<Identification>;
  };
  readonly auth: {
    /** `solaris.auth.token`: an OAuth token (the client gets its own; this is for other uses). */
    readonly token: (params?: TokenParams) => Promise<TokenResponse>;
  };
}

/**
 * Digiteal (e-invoices, credit notes, payment requests, auto payments, integrator look-ups,
 * anonymous QR images). Params use Digiteal's names; documents are bytes or text; images come
 * back as `{mediaType, bytes}`. No `identity`: Digiteal identifies nobody.
 */
export declare class Digiteal {
  constructor(options?: DigitealOptions);
  /** `"digiteal"`. */
  readonly provider: 'digiteal';
  /** Sends an operation of Digiteal by id; bad input rejects with a `ValidationError`. */
  call<Id extends OperationIdOf<'digiteal'>>(operation: Id, params?: Operations[Id]['params'] | null): Promise<Operations[Id]['output']>;
  call(operation: string, params?: Readonly<Record<string, unknown>> | null): Promise<unknown>;
  /** A description without secrets. */
  toString(): string;
  toJSON(): ClientJSON;
  readonly autopay: {
    /** `digiteal.autopay.request`: pays an invoice through the client's auto payment. */
    readonly request: (params: DigitealAutoPaymentParams) => Promise<DigitealAutoPaymentResult>;
  };
  readonly creditNotes: {
    /** `digiteal.credit_notes.create`. */
    readonly create: (params: DigitealCreditNoteParams) => Promise<DigitealCreditNoteCreated>;
    /** `digiteal.credit_notes.send_document`: attaches a document (multipart upload). */
    readonly sendDocument: (params: DigitealSendDocumentParams) => Promise<DigitealDocumentUploaded>;
    /** `digiteal.credit_notes.send_document_by_internal_id`. */
    readonly sendDocumentByInternalId: (params: DigitealSendCreditNoteDocumentByIdParams) => Promise<DigitealDocumentUploaded>;
  };
  readonly integrator: {
    /** `digiteal.integrator.company_info`: a company's status within Digiteal. */
    readonly companyInfo: (params: DigitealCompanyInfoParams) => Promise<DigitealCompanyInfo>;
    /** `digiteal.integrator.person_info`: a person's status within Digiteal. */
    readonly personInfo: (params: DigitealPersonInfoParams) => Promise<DigitealPersonInfo>;
  };
  readonly invoices: {
    /** `digiteal.invoices.create`: creates (or updates a DRAFT of) an invoice; answers its QR image or EPC text. */
    readonly create: (params: DigitealInvoiceParams) => Promise<DigitealInvoiceCreated>;
    /** `digiteal.invoices.list_documents`. */
    readonly listDocuments: (params: DigitealListDocumentsParams) => Promise<DigitealDocument[]>;
    /** `digiteal.invoices.send_document`: attaches a document (multipart upload). */
    readonly sendDocument: (params: DigitealSendDocumentParams) => Promise<DigitealDocumentUploaded>;
    /** `digiteal.invoices.send_document_by_internal_id`. */
    readonly sendDocumentByInternalId: (params: DigitealSendInvoiceDocumentByIdParams) => Promise<DigitealDocumentUploaded>;
  };
  readonly optin: {
    /** `digiteal.optin.force`. */
    readonly force: (params: DigitealForceOptinParams) => Promise<DigitealOptinForced>;
  };
  readonly payments: {
    /** `digiteal.payments.create`: a payment request (QR image and payment URLs). */
    readonly create: (params: DigitealPaymentParams) => Promise<DigitealPaymentCreated>;
    /** `digiteal.payments.create_for_invoice`. */
    readonly createForInvoice: (params: DigitealInvoicePaymentParams) => Promise<DigitealPaymentCreated>;
  };
  readonly qr: {
    /** `digiteal.qr.slip_image`: an anonymous payment slip / QR image. */
    readonly slipImage: (params: DigitealSlipImageParams) => Promise<DigitealSlipImage>;
    /** `digiteal.qr.slip_image_inline`. */
    readonly slipImageInline: (params: DigitealSlipImageParams) => Promise<DigitealSlipImageInline>;
  };
}

export {};
