// Compiled by `tsc -p test/tsconfig.json` (strict, no emit): uses every export of index.d.ts the
// way the README does, and checks what must NOT compile with `@ts-expect-error`.

import {
  ApiError,
  Billit,
  CallbackError,
  DecodeError,
  HttpRequest,
  KassaError,
  PassportReader,
  SignatureError,
  Solaris,
  TransportError,
  ValidationError,
  be,
  bic,
  billit,
  buildRequest,
  callFunction,
  epc,
  functionNames,
  iban,
  identity,
  ogm,
  operations,
  parseResponse,
  peppol,
  rf,
  solaris,
  Digiteal,
  digiteal,
} from '../index.js';
import type {
  ClientJSON,
  CommonOptions,
  CreateSessionParams,
  ErrorKind,
  GetSessionParams,
  GetSessionStateParams,
  HttpMethod,
  IntegerInput,
  OperationId,
  OperationIdOf,
  OperationInfo,
  Operations,
  PassportReaderConfig,
  PassportReaderOptions,
  PassportReaderWireConfig,
  Provider,
  RedactedRequest,
  ResponseInput,
  RetryOptions,
  Session,
  SessionCreated,
  SessionState,
  SessionStateResponse,
  Address,
  BillitConfig,
  BillitOptions,
  BillitWebhookOptions,
  BillitWireConfig,
  BytesInput,
  CreateIdentificationParams,
  CreateIdentificationSessionParams,
  Eligibility,
  EligibilityCheckParams,
  EpcBuildOptions,
  EpcParsed,
  EpcParseOptions,
  EpcTolerated,
  FunctionResponseInput,
  GetIdentificationParams,
  Identification,
  IdentificationMethod,
  IdentificationSession,
  IdentificationSessionParams,
  IdentificationStarted,
  IdentificationStatus,
  IdentityCheckOptions,
  IdentityClient,
  IdentityEvidence,
  IdentityEvidenceInput,
  IdentityOperation,
  IdentityOutcome,
  IdentityProvider,
  IdentityStarted,
  IdentityStartParams,
  IdentityStatus,
  NowOptions,
  ParseOptions,
  RenderOptions,
  SessionConfiguration,
  SessionStatus,
  SolarisConfig,
  SolarisOptions,
  SolarisWebhookEvent,
  SolarisWireConfig,
  StartIdentificationParams,
  TokenParams,
  TokenResponse,
  DigitealAutoPaymentParams,
  DigitealAutoPaymentResult,
  DigitealB2bPayButtonParams,
  DigitealCompanyInfo,
  DigitealCompanyInfoParams,
  DigitealCompanyRegistrationParams,
  DigitealConfig,
  DigitealCreditNoteCreated,
  DigitealCreditNoteParams,
  DigitealDocument,
  DigitealDocumentUploaded,
  DigitealEpcPayment,
  DigitealEpcProblem,
  DigitealForceOptinParams,
  DigitealImage,
  DigitealImageFormat,
  DigitealInvoiceCreated,
  DigitealInvoiceParams,
  DigitealInvoicePaymentParams,
  DigitealLanguage,
  DigitealLink,
  DigitealLinkTarget,
  DigitealListDocumentsParams,
  DigitealOptinForced,
  DigitealOptions,
  DigitealPayButtonLinks,
  DigitealPayButtonParams,
  DigitealPaymentCreated,
  DigitealPaymentParams,
  DigitealPersonInfo,
  DigitealPersonInfoParams,
  DigitealPersonRegistrationParams,
  DigitealQrGeneratorParams,
  DigitealResponseEntity,
  DigitealSendCreditNoteDocumentByIdParams,
  DigitealSendDocumentParams,
  DigitealSendInvoiceDocumentByIdParams,
  DigitealSlipImage,
  DigitealSlipImageInline,
  DigitealSlipImageParams,
  DigitealVatNumber,
  DigitealWireConfig,
  DocumentInput,
  NumberOrText,
} from '../index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// ---- sans-IO ------------------------------------------------------------------------------

const retry: RetryOptions = { maxRetries: 0, initial_delay: 0.01 };
const common: CommonOptions = { environment: 'production', timeout: 1.5, retry };
const options: PassportReaderOptions = { ...common, publicKey: 'public-key-x', secret: 'secret-y' };
const wire: PassportReaderWireConfig = { public_key: 'public-key-x', secret: 'secret-y', base_url: 'http://127.0.0.1:1' };
const configs: PassportReaderConfig[] = [options, wire];

const createParams: CreateSessionParams = { callback_url: 'https://x.test/cb', face_verification: true, reference: null };
const id: IntegerInput = 9007199254740993n;
const getParams: GetSessionParams = { id };
const stateParams: GetSessionStateParams = { id: 7 };

const request: HttpRequest = buildRequest('passportreader.session.create', createParams, options);
const method: HttpMethod = request.method;
const url: string = request.url;
const headers: [string, string][] = request.headers;
const bytes: Uint8Array = request.body;
const redacted: RedactedRequest = request.toJSON();
const described: string = request.toString();
buildRequest('passportreader.session.get', getParams, wire);
buildRequest('passportreader.session.state', stateParams, configs[0] ?? wire);
buildRequest('some.future.operation', { anything: 1 }, { public_key: 'k' });
// @ts-expect-error: the id of session.get is required
buildRequest('passportreader.session.get', {}, options);
// @ts-expect-error: ids are integers, not strings
buildRequest('passportreader.session.get', { id: '1' }, options);
// @ts-expect-error: HttpRequest has no public constructor
new HttpRequest();

const response: ResponseInput = { status: 200, headers: [['content-type', 'application/json']], body: '{"id": 1, "token": "t"}' };
const created: SessionCreated = parseResponse('passportreader.session.create', response);
const createdId: bigint = created.id;
const session: Session = parseResponse('passportreader.session.get', { status: 200n, headers: { 'x-request-id': 'r' }, body: new Uint8Array() });
const state: SessionState = session.state;
const stateResponse: SessionStateResponse = parseResponse('passportreader.session.state', { status: 200, body: new ArrayBuffer(0) });
const anything: unknown = parseResponse('some.future.operation', { status: 200 });
// @ts-expect-error: outputs hold bigint ids, not numbers
const wrong: number = created.id;

const catalog: OperationInfo[] = operations();
const firstId: OperationId | undefined = catalog[0]?.id;
const provider: Provider | undefined = catalog[0]?.provider;
const retrySafe: boolean | undefined = catalog[0]?.retrySafe;
const ops: keyof Operations = 'passportreader.session.state';
assertType<Equal<OperationIdOf<'passportreader'>, 'passportreader.session.create' | 'passportreader.session.get' | 'passportreader.session.state'>>();
assertType<Equal<Operations['passportreader.session.get']['output'], Session>>();

const billitStarted: IdentificationStarted = parseResponse('billit.identification.start', { status: 200, body: '{"URL": "u"}' }, { now: 1000 });
const expiresAt: bigint | null = billitStarted.expires_at;
const parseOptions: ParseOptions = { now: 1n };
// @ts-expect-error: `now` is Unix seconds, not a Date
parseResponse('billit.identification.start', { status: 200 }, { now: new Date() });
const billitWire: BillitWireConfig = { api_key: 'k', party_id: 'p' };
const billitConfig: BillitConfig = billitWire;
buildRequest('billit.identification.start', { RegistrationID: '42', RedirectURL: 'https://a.test/' }, billitConfig);
// @ts-expect-error: Billit's params use its wire names
buildRequest('billit.identification.start', { registration_id: '42', redirect_url: 'https://a.test/' }, billitConfig);
const solarisWire: SolarisWireConfig = { access_token: 't', environment: 'sandbox' };
const solarisConfig: SolarisConfig = solarisWire;
buildRequest('solaris.identifications.get', { person_id: 'p', identification_session_id: 's', id: 'i' }, solarisConfig);
const token: TokenResponse = parseResponse('solaris.auth.token', { status: 200, body: '{}' });
const tokenLifetime: bigint = token.expires_in;
assertType<Equal<OperationIdOf<'billit'>, 'billit.identification.start'>>();
assertType<Equal<Operations['solaris.identification_sessions.simulate_bank_id']['output'], Identification>>();

// ---- pure functions -----------------------------------------------------------------------

const buildOptions: EpcBuildOptions = { name: 'Jan', iban: 'BE68539007547034', amountCents: 1230n, version: '002', charset: 'UTF-8' };
const payload: string = epc.build(buildOptions);
epc.build({ name: 'Jan', iban: 'BE68539007547034', amount: '12.30', allowNoAmount: false });
// @ts-expect-error: amounts are decimal strings (a float cannot hold cents): use amountCents
epc.build({ name: 'Jan', iban: 'BE68539007547034', amount: 12.3 });
const parseOpts: EpcParseOptions = { strict: false };
const parsed: EpcParsed = epc.parse(new Uint8Array([66]), parseOpts);
const charset: bigint = parsed.charset;
const tolerated: EpcTolerated[] = parsed.tolerated;
epc.parse(payload);
const bytesInput: BytesInput = new ArrayBuffer(1);
epc.parse(bytesInput);
const render: RenderOptions = { modulePx: 10, border: 4 };
const svg: string = epc.svg(payload, render);
const png: Uint8Array = epc.png(payload);
const idents: string[] = [
  ogm.validate('+++123/4567/89002+++'), ogm.generate(1234567890), ogm.generate('123'), ogm.generate(1n),
  rf.validate('RF18'), rf.format('RF18'), rf.generate('539007547034'),
  iban.validate('BE68'), iban.format('BE68'), bic.validate('GEBABEBB'),
  be.enterpriseNumber('0123456749'), be.vatNumber('BE0123456749'), peppol.validate('0208:0123456749'),
];
const participantIds: [string, string] = peppol.beParticipantIds('0123456749');
// @ts-expect-error: validators take strings
iban.validate(68);
const callback: { registration_id: string; success: boolean } = billit.parseCallback('?registrationID=1&success=true');
const webhookOptions: BillitWebhookOptions = { now: 1763900010, tolerance: 300n };
const webhookBody: unknown = billit.verifyWebhook(new Uint8Array(), 't=1,s=00', 'secret', webhookOptions);
// @ts-expect-error: Billit webhooks need the time (the core reads no clock)
billit.verifyWebhook('{}', 't=1,s=00', 'secret');
const event: SolarisWebhookEvent = solaris.verifyWebhook('{}', 'sha256=00', new Uint8Array());
const eventStatus: IdentificationStatus | null | undefined = event.event === 'IDENTIFICATION' ? event.data.status : undefined;
const startParams: IdentityStartParams = { subject: '42', returnUrl: 'https://a.test/', method: 'idnow' };
const flowProvider: IdentityProvider = 'billit';
const startOp: IdentityOperation = identity.startOperation(flowProvider, startParams);
const fnResponse: FunctionResponseInput = { status: 200, headers: [['a', 'b']], body: '{}' };
const nowOptions: NowOptions = { now: 1000 };
const flowStarted: IdentityStarted = identity.started('billit', startParams, fnResponse, nowOptions);
const pollOp: IdentityOperation | null = identity.pollOperation(flowStarted.reference);
const evidence: IdentityEvidence = identity.pollEvidence('passportreader:1', fnResponse);
const evidenceInput: IdentityEvidenceInput = { redirectUrl: 'https://a.test/?registrationID=42&success=true', expiresAt: flowStarted.expires_at };
const outcome: IdentityOutcome = identity.finish(flowStarted.reference, evidenceInput, { now: 1n });
const outcomeStatus: IdentityStatus = outcome.status;
// @ts-expect-error: no such provider
identity.startOperation('paypal', startParams);
const anyResult: unknown = callFunction('iban.validate', ['BE68'], {});
const names: string[] = functionNames();

// ---- errors -------------------------------------------------------------------------------

function describeError(e: unknown): string {
  if (e instanceof ValidationError) {
    const field: string = e.field;
    const kind: 'validation' = e.kind;
    return `${kind} ${e.code} ${field}`;
  }
  if (e instanceof ApiError) {
    const status: number = e.status;
    const providerCode: string | null = e.providerCode;
    const requestId: string | null = e.requestId;
    const body: Uint8Array = e.body;
    return `${status} ${providerCode} ${requestId} ${body.length}`;
  }
  if (e instanceof TransportError) {
    const code: 'timeout' | 'connect' | 'tls' | 'body' | 'transport' = e.code;
    return code;
  }
  if (e instanceof DecodeError) {
    const where: string | null = e.field;
    const offset: number | null = e.offset;
    return `${where} ${offset}`;
  }
  if (e instanceof SignatureError) {
    const code: 'signature_mismatch' | 'timestamp_too_old' | 'timestamp_in_future' | 'malformed_signature' = e.code;
    const kind: 'signature' = e.kind;
    return `${kind} ${code}`;
  }
  if (e instanceof CallbackError) {
    const description: string | null = e.description;
    const kind: 'callback' = e.kind;
    return `${kind} ${e.code} ${description}`;
  }
  if (e instanceof KassaError) {
    const kind: ErrorKind = e.kind;
    const error: Error = e;
    return `${kind} ${e.code} ${error.message}`;
  }
  return String(e);
}
// @ts-expect-error: kassa errors are made by kassa
new KassaError('x');

// ---- clients ------------------------------------------------------------------------------

async function useClient(): Promise<string> {
  const client = new PassportReader(options);
  const p: 'passportreader' = client.provider;
  const made: SessionCreated = await client.session.create({ reference: 'order-42' });
  const none: SessionCreated = await client.session.create();
  const st: SessionStateResponse = await client.session.state({ id: made.id });
  const full: Session = await client.session.get({ id: 1 });
  const viaCall: SessionStateResponse = await client.call('passportreader.session.state', { id: none.id });
  const untyped: unknown = await client.call('passportreader.future.thing', { x: 1 });
  const json: ClientJSON = client.toJSON();
  // @ts-expect-error: no such method
  await client.session.delete({ id: 1 });
  // @ts-expect-error: the options are camelCase
  new PassportReader({ public_key: 'public-key-x', secret: 'secret-y' });
  try {
    await client.session.get({ id: 1n });
  } catch (e) {
    return describeError(e);
  }
  return `${p} ${st.state} ${full.surname} ${viaCall.state} ${String(untyped)} ${json.config} ${client.toString()}`;
}

async function useProviders(): Promise<string> {
  const billitOptions: BillitOptions = { apiKey: 'k', partyId: 'p', environment: 'sandbox', timeout: 5 };
  const billitClient = new Billit(billitOptions);
  const bp: 'billit' = billitClient.provider;
  const startParams2: StartIdentificationParams = { RegistrationID: '42', RedirectURL: 'https://a.test/' };
  const started: IdentificationStarted = await billitClient.identification.start(startParams2);
  // @ts-expect-error: the options are camelCase
  new Billit({ api_key: 'k' });

  const solarisOptions: SolarisOptions = { clientId: 'c', clientSecret: 's', authUrl: 'https://auth.test/oauth2/token' };
  const s = new Solaris(solarisOptions);
  const sp: 'solaris' = s.provider;
  const check: EligibilityCheckParams = { person_id: 'p', method: 'bank' };
  const eligible: Eligibility = await s.identification.eligibilityChecks(check);
  const createSession: CreateIdentificationSessionParams = { person_id: 'p', identification_methods: ['idnow'], callback_url: null };
  const session: IdentificationSession = await s.identificationSessions.create(createSession);
  const sessionParams: IdentificationSessionParams = { person_id: 'p', identification_session_id: session.id };
  const sessionStatus: SessionStatus | null = (await s.identificationSessions.get(sessionParams)).status;
  const configuration: SessionConfiguration = await s.identificationSessions.configuration(sessionParams);
  const simulated: Identification = await s.identificationSessions.simulateBankId(sessionParams);
  const createIdent: CreateIdentificationParams = { ...sessionParams, method: 'bank', iban: 'DE89370400440532013000' };
  const created: Identification = await s.identifications.create(createIdent);
  const getIdent: GetIdentificationParams = { ...sessionParams, id: created.id };
  const address: Address | null = (await s.identifications.get(getIdent)).address;
  const method: IdentificationMethod | null = simulated.method;
  const tokenParams: TokenParams = { scope: 'partners' };
  const fresh: TokenResponse = await s.auth.token(tokenParams);
  await s.auth.token();
  // @ts-expect-error: groups are camelCase too
  await s.identification_sessions.get(sessionParams);

  const flow: IdentityClient = s.identity;
  const begun: IdentityStarted = await flow.start({ subject: 'p1', returnUrl: 'https://a.test/hook' });
  const checkOptions: IdentityCheckOptions = { expiresAt: begun.expires_at };
  const result: IdentityOutcome = await s.identity.check(begun.reference, checkOptions);
  const fromBillit: IdentityOutcome = await billitClient.identity.check('billit:42', { expiresAt: started.expires_at });
  const fromReader: IdentityStarted = await new PassportReader(options).identity.start({ subject: 'order-1' });
  // @ts-expect-error: the subject is required
  await s.identity.start({ returnUrl: 'https://a.test/' });
  return `${bp} ${sp} ${eligible.eligible} ${sessionStatus} ${configuration.fourthline_provider} ${address?.city} ${method} ${fresh.expires_in} ${result.status} ${fromBillit.reason} ${fromReader.token}`;
}

async function useDigiteal(): Promise<string> {
  const digitealOptions: DigitealOptions = { username: 'u', password: 'p', environment: 'test', baseUrl: 'http://127.0.0.1:1', timeout: 5 };
  const wireConfig: DigitealWireConfig = { username: 'u', password: 'p', base_url: 'http://127.0.0.1:1' };
  const configs: DigitealConfig[] = [digitealOptions, wireConfig];
  const d = new Digiteal(digitealOptions);
  const anonymous = new Digiteal();
  const dp: 'digiteal' = d.provider;
  // @ts-expect-error: Digiteal identifies nobody
  d.identity.start({ subject: 'x' });
  // @ts-expect-error: the options are camelCase
  new Digiteal({ base_url: 'https://x.test' });

  const format: DigitealImageFormat = 'QR_TEXT';
  const language: DigitealLanguage = 'en';
  const houseNumber: NumberOrText = '14A';
  const invoiceParams: DigitealInvoiceParams = {
    invoiceInternalId: 'INV-1', customerInternalId: 'C-1', amountInCents: 1234n, customerAddressNumber: houseNumber, customerAddressZip: 1000,
    remittanceInfo: 'x', format, language, languages: ['EN', 'nl'], requesterID: 5, correlationId: 'corr-1', name: 'n',
  };
  const created: DigitealInvoiceCreated = await d.invoices.create(invoiceParams);
  const image: DigitealImage | null = created.image;
  const pngBytes: Uint8Array | undefined = image?.bytes;
  const epcPayment: DigitealEpcPayment | null = created.epc;
  const cents: bigint | null | undefined = epcPayment?.amount_cents;
  const problem: DigitealEpcProblem | null = created.epcError;
  const optedIn: boolean = created.optedIn;
  // @ts-expect-error: amounts are integers (a number or a bigint), not strings
  await d.invoices.create({ amountInCents: '12.30' });
  // @ts-expect-error: wire names are Digiteal's (invoiceInternalId)
  await d.invoices.create({ invoice_internal_id: 'x' });

  const document: DocumentInput = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
  const send: DigitealSendDocumentParams = { uuid: created.uuid, document, fileName: 'a.pdf', mediaType: 'application/pdf' };
  const uploaded: DigitealDocumentUploaded = await d.invoices.sendDocument(send);
  const byInvoiceId: DigitealSendInvoiceDocumentByIdParams = { billId: 'INV-1', document: 'text document' };
  const byCreditNoteId: DigitealSendCreditNoteDocumentByIdParams = { creditNoteId: 'CN-1', document: new ArrayBuffer(4) };
  await d.invoices.sendDocumentByInternalId(byInvoiceId);
  await d.creditNotes.sendDocumentByInternalId(byCreditNoteId);
  await d.creditNotes.sendDocument(send);
  const entity: DigitealResponseEntity | null = uploaded.responseEntity;
  const creditNoteParams: DigitealCreditNoteParams = { invoiceUUID: created.uuid, amountInCents: 100 };
  const creditNote: DigitealCreditNoteCreated = await d.creditNotes.create(creditNoteParams);
  const paymentParams: DigitealPaymentParams = { amountInCents: 1, confirmationURL: 'https://a.test/ok', errorURL: 'https://a.test/ko', remittanceInfo: 'x' };
  const payment: DigitealPaymentCreated = await d.payments.create(paymentParams);
  const forInvoice: DigitealInvoicePaymentParams = { uuid: created.uuid, confirmationURL: 'https://a.test/ok', errorURL: 'https://a.test/ko' };
  const webUrl: string | null = (await d.payments.createForInvoice(forInvoice)).paymentWebUrl;
  const autopayParams: DigitealAutoPaymentParams = { amountInCents: 1, customerInternalId: 'C-1', remittanceInfo: 'x' };
  const autopay: DigitealAutoPaymentResult = await d.autopay.request(autopayParams);
  const listParams: DigitealListDocumentsParams = { billId: 'INV-1' };
  const documents: DigitealDocument[] = await d.invoices.listDocuments(listParams);
  const documentId: bigint | null | undefined = documents[0]?.id;
  const companyParams: DigitealCompanyInfoParams = { vatNumber: 'BE0897227828' };
  const company: DigitealCompanyInfo = await d.integrator.companyInfo(companyParams);
  const personParams: DigitealPersonInfoParams = { email: 'a@b.test' };
  const person: DigitealPersonInfo = await d.integrator.personInfo(personParams);
  const optinParams: DigitealForceOptinParams = { requestorVAT: 'BE0897227828', clientInternalId: 'C-1', clientEmail: 'a@b.test', 'User-Agent': 'kassa' };
  const optin: DigitealOptinForced = await d.optin.force(optinParams);
  const slipParams: DigitealSlipImageParams = { amount: 100, iban: 'BE68539007547034', billerName: 'B', remittanceInfo: 'x' };
  const slip: DigitealSlipImage = await anonymous.qr.slipImage(slipParams);
  const inline: DigitealSlipImageInline = await anonymous.qr.slipImageInline(slipParams);
  const viaCall: DigitealCompanyInfo = await d.call('digiteal.integrator.company_info', companyParams);
  const parsed: DigitealPaymentCreated = parseResponse('digiteal.payments.create', { status: 200, headers: [['uuid', 'u']], body: new Uint8Array(0) });
  const built: HttpRequest = buildRequest('digiteal.invoices.send_document', { ...send, boundary: 'b' }, wireConfig);
  // @ts-expect-error: groups are camelCase
  await d.credit_notes.create(creditNoteParams);

  const target: DigitealLinkTarget = { environment: 'test' };
  const buttonParams: DigitealPayButtonParams = { ...target, requesterVAT: 'BE0406729809', amountInCents: 4000, iban: 'BE72000000001616', type: 'SVG' };
  const button: DigitealPayButtonLinks = digiteal.payButtons.imageUrl(buttonParams);
  const execute: string = digiteal.payButtons.executeUrl(buttonParams).executeUrl;
  const vat: DigitealVatNumber = { representation: 'BE0897227828', belgian: true };
  const b2bParams: DigitealB2bPayButtonParams = { creditorVAT: 'BE555554325', debtorVAT: vat, creditorIBAN: 'BE68130191571783', amountInCents: 52109n, remittanceInfo: 'x' };
  const b2b: string = digiteal.payButtons.b2bImageUrl(b2bParams).html + digiteal.payButtons.b2bExecuteUrl(b2bParams).url;
  const companyRegistration: DigitealCompanyRegistrationParams = { email: 'a@b.test', integratorID: 1234, baseUrl: 'https://x.test' };
  const personRegistration: DigitealPersonRegistrationParams = { email: 'a@b.test', firstName: 'A', integratorID: '1234' };
  const qrGenerator: DigitealQrGeneratorParams = { amount: '12.34', format: 'QR' };
  const links: DigitealLink[] = [
    digiteal.links.companyRegistration(companyRegistration),
    digiteal.links.personRegistration(personRegistration),
    digiteal.links.qrGenerator(qrGenerator),
    digiteal.links.qrGenerator(),
  ];
  // @ts-expect-error: the QR generator's amount is a decimal string, never a float
  digiteal.links.qrGenerator({ amount: 12.34 });
  return [
    configs.length, dp, pngBytes?.length, cents, problem?.code, optedIn, entity?.statusCode, creditNote.qrText, payment.paymentUrlIntent,
    webUrl, autopay.status, documentId, company.status, person.status, optin.responseEntity, slip.ok, inline.content, viaCall.vatNumber,
    parsed.uuid, built.url, button.html, execute, b2b, links.length, language,
  ].join(' ');
}

export const used = [
  useDigiteal,
  expiresAt, parseOptions, tokenLifetime, charset, tolerated, svg, png, idents, participantIds, callback, webhookBody,
  eventStatus, startOp, pollOp, evidence, outcomeStatus, anyResult, names, useProviders,
  method, url, headers, bytes, redacted, described, createdId, state, stateResponse, anything, wrong,
  firstId, provider, retrySafe, ops, useClient, created,
];
