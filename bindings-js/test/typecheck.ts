// The typed surface of `kassa` (Node) and `kassa-web` (browsers), checked by `tsc --strict` against
// each package's shipped declarations (`kassa` resolves to them through each package's
// test/tsconfig.json). Every `@ts-expect-error` line must fail to type-check: if the declarations
// grow too loose, tsc reports the unused directive. A field the core requires is required here;
// the runtime tests show the same fields refused with a ValidationError naming them.

import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  Billit,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  CallbackError,
  DecodeError,
  Digiteal,
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
  digiteal,
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
} from 'kassa';
import type {
  AbortSignalLike,
  AttemptEvent,
  AttemptOutcome,
  CallOptions,
  ClientJSON,
  ContractDetails,
  RawResponse,
  CreateSession,
  IdentificationStarted,
  IdentityClient,
  InvoiceCreated,
  InvoiceCreationRequest,
  OperationId,
  OperationIdOf,
  OperationInfo,
  Operations,
  Outcome,
  ParsedPayload,
  PassportReaderOptions,
  RedactedRequest,
  ResponseInput,
  Session,
  SessionCreated,
  SessionStateResponse,
  Started,
  StartParams,
  TokenResponse,
  ValidationCode,
  WebhookEvent,
} from 'kassa';

/** An `AbortSignal` (the declarations type it structurally: no DOM or Node types needed). */
declare const abortSignal: AbortSignalLike;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

const options: PassportReaderOptions = { publicKey: 'public-key-x', secret: 'secret-y', baseUrl: 'http://127.0.0.1:1', timeout: 1.5, retry: { maxRetries: 0, initialDelay: 0.01 } };
const invoice: InvoiceCreationRequest = { invoiceInternalId: 'INV-1', customerInternalId: 'C-1', amountInCents: 1234n, customerAddressNumber: '14A', remittanceInfo: 'x' };

// ---- required fields: required in the core, required here --------------------------------------

// @ts-expect-error: customerInternalId is required for an invoice (the issue's example)
export const noCustomer: InvoiceCreationRequest = { invoiceInternalId: 'INV-1' };
// @ts-expect-error: the id of session.get is required
buildRequest('passportreader.session.get', {}, options);
// @ts-expect-error: the secret is required
new PassportReader({ publicKey: 'public-key-x' });
// @ts-expect-error: Billit webhooks need the time (the core reads no clock)
billit.verifyWebhook('{}', 't=1,s=00', 'secret', {});
// @ts-expect-error: an identification needs its subject
identity.startOperation('billit', { returnUrl: 'https://a.test/' });
// @ts-expect-error: a document upload needs the document
buildRequest('digiteal.invoices.send_document', { uuid: 'u' }, { username: 'u', password: 'p' });

// ---- sans-IO ------------------------------------------------------------------------------------

const create: CreateSession = { callback_url: 'https://x.test/cb', face_verification: true, reference: null };
const request: HttpRequest = buildRequest('passportreader.session.create', create, options);
const shown: [string, RedactedRequest, string, Uint8Array, [string, string][]] = [request.url, request.toJSON(), request.toString(), request.body, request.headers];
buildRequest('passportreader.session.get', { id: 9007199254740993n }, options);
buildRequest('passportreader.session.state', { id: 7 }, options);
buildRequest('passportreader.session.create', null, options);
// A link needs no credentials; an upload's boundary is drawn when not given.
buildRequest('digiteal.pay_buttons.image_url', { requesterVAT: 'BE0406729809', invoiceUUID: 'e529' });
buildRequest('digiteal.invoices.send_document', { uuid: 'u', document: new Uint8Array([0x25]) }, { username: 'u', password: 'p' });
// @ts-expect-error: ids are integers, not strings
buildRequest('passportreader.session.get', { id: '1' }, options);
// @ts-expect-error: an unknown operation id
buildRequest('passportreader.session.delete', {}, options);
// @ts-expect-error: HttpRequest has no public constructor
new HttpRequest();

const created: SessionCreated = parseResponse('passportreader.session.create', { status: 200, headers: [['content-type', 'application/json']], body: '{"id": 1, "token": "t"}' });
const createdId: bigint = created.id;
const session: Session = parseResponse('passportreader.session.get', { status: 200n, headers: { 'x-request-id': 'r' }, body: new Uint8Array() });
const state: SessionStateResponse = parseResponse('passportreader.session.state', { status: 200, headers: new Map([['a', 'b']]), body: new ArrayBuffer(0) });
const started: IdentificationStarted = parseResponse('billit.identification.start', { status: 200, body: '{"URL": "u"}' }, { now: 1000 });
const expiresAt: number | null = started.expires_at;
const token: TokenResponse = parseResponse('solaris.auth.token', { status: 200, body: '{}' });
const tokenLifetime: number = token.expires_in;
// @ts-expect-error: ids are bigint, not number
export const wrong: number = created.id;
// @ts-expect-error: other output integers are numbers, not bigint
export const wrongToo: bigint = token.expires_in;
// @ts-expect-error: `now` is Unix seconds, not a Date
parseResponse('billit.identification.start', { status: 200 }, { now: new Date() });

const catalog: OperationInfo[] = operations();
const first: [string | undefined, boolean | undefined, string[] | undefined] = [catalog[0]?.id, catalog[0]?.retrySafe, catalog[0]?.positional];
const op: OperationId = 'passportreader.session.state';
assertType<Equal<OperationIdOf<'passportreader', 'request'>, 'passportreader.session.create' | 'passportreader.session.get' | 'passportreader.session.state'>>();
assertType<Equal<Operations['passportreader.session.get']['output'], Session>>();
assertType<Equal<Operations['digiteal.invoices.create']['params'], InvoiceCreationRequest>>();

// ---- pure functions -----------------------------------------------------------------------------

const payload: string = epc.build({ name: 'Jan', iban: 'BE68539007547034', amountCents: 1230n, charset: 'UTF-8' });
epc.build({ name: 'Jan', iban: 'BE68539007547034', amount: '12.30', allowNoAmount: false });
// @ts-expect-error: amounts are decimal strings (a float cannot hold cents): use amountCents
epc.build({ name: 'Jan', iban: 'BE68539007547034', amount: 12.3 });
const parsed: ParsedPayload = epc.parse(new Uint8Array([66]), { strict: false });
const charset: number = parsed.charset;
const svg: string = epc.svg(payload, { modulePx: 10, border: 4 });
const png: Uint8Array = epc.png(payload);
const idents: string[] = [
  ogm.validate('+++123/4567/89002+++'), ogm.generate(1234567890), ogm.generate('123'), ogm.generate(1n),
  rf.validate('RF18'), rf.format('RF18'), rf.generate('539007547034'),
  iban.validate('BE68'), iban.format('BE68'), bic.validate('GEBABEBB'),
  be.enterpriseNumber('0123456749'), be.vatNumber('BE0123456749'), peppol.validate('0208:0123456749'),
  ...peppol.beParticipantIds('0123456749'),
];
// @ts-expect-error: validators take strings
iban.validate(68);
const registration: string = billit.parseCallback('https://a.test/?registrationID=1&success=true').registration_id;
const body: unknown = billit.verifyWebhook(new Uint8Array(), 't=1,s=00', 'secret', { now: 1763900010, tolerance: 300n });
const event: WebhookEvent = solaris.verifyWebhook('{}', 'sha256=00', new Uint8Array());
const eventData: unknown = event.event === 'IDENTIFICATION' ? event.data.status : event.data;
const startParams: StartParams = { subject: '42', returnUrl: 'https://a.test/', method: 'idnow' };
const response: ResponseInput = { status: 200, headers: [['a', 'b']], body: '{}' };
const flowStarted: Started = identity.started('billit', startParams, response, { now: 1000 });
const poll: unknown = identity.pollOperation(flowStarted.reference)?.params;
const outcome: Outcome = identity.finish(flowStarted.reference, { redirectUrl: 'https://a.test/?registrationID=42&success=true', expiresAt: flowStarted.expires_at }, { now: 1n });
const links: string[] = [
  digiteal.payButtons.imageUrl({ requesterVAT: 'BE0406729809', amountInCents: 4000, iban: 'BE72000000001616', type: 'SVG' }).html,
  digiteal.payButtons.b2bExecuteUrl({ creditorVAT: 'BE555554325', debtorVAT: { representation: 'BE0897227828', belgian: true }, creditorIBAN: 'BE68130191571783', remittanceInfo: 'x' }).url,
  digiteal.links.companyRegistration({ email: 'a@b.test', integratorID: 1234, baseUrl: 'https://x.test' }).url,
  digiteal.links.qrGenerator().url,
];
// @ts-expect-error: the QR generator's amount is a decimal string, never a float
digiteal.links.qrGenerator({ amount: 12.34 });
// @ts-expect-error: the options are camelCase
epc.png(payload, { module_px: 2 });
const anyResult: string = callFunction('iban.validate', ['BE68'], {});
const names: string[] = functionNames();

// ---- errors -------------------------------------------------------------------------------------

function describeError(e: unknown): string {
  if (e instanceof ValidationError) {
    const code: ValidationCode = e.code;
    return `${e.kind} ${code} ${e.field}`;
  }
  if (e instanceof RateLimitError) return `${e.name} ${e.retryAfter ?? 'no Retry-After'}`;
  if (e instanceof NotFoundError || e instanceof BadRequestError || e instanceof AuthenticationError) return `${e.status}`;
  if (e instanceof PermissionDeniedError || e instanceof ConflictError || e instanceof ServerError) return `${e.status}`;
  if (e instanceof ApiError) return `${e.status} ${e.providerCode} ${e.providerMessage} ${e.requestId} ${e.location} ${e.body.length}`;
  if (e instanceof TransportError) return e.code;
  if (e instanceof DecodeError) return `${e.field} ${e.offset}`;
  if (e instanceof SignatureError) return e.code;
  if (e instanceof CallbackError) return `${e.code} ${e.description}`;
  if (e instanceof KassaError) return `${e.kind} ${e.code} ${e.message}`;
  return String(e);
}
// @ts-expect-error: kassa errors are made by kassa
new KassaError('x');

// ---- clients ------------------------------------------------------------------------------------

async function useClients(): Promise<string> {
  const reader = new PassportReader(options);
  const provider: 'passportreader' = reader.provider;
  const made: SessionCreated = await reader.session.create({ reference: 'order-42' });
  const none: SessionCreated = await reader.session.create();
  const full: Session = await reader.session.get({ id: made.id });
  const viaCall: SessionStateResponse = await reader.call('passportreader.session.state', { id: none.id });
  const json: ClientJSON = reader.toJSON();
  const flow: IdentityClient = reader.identity;
  const begun: Started = await flow.start({ subject: 'order-1' });
  const result: Outcome = await reader.identity.check(begun.reference, { expiresAt: begun.expires_at });
  // @ts-expect-error: no such method
  await reader.session.delete({ id: 1 });
  // @ts-expect-error: a client sends only its provider's requests
  await reader.call('solaris.identifications.get', { person_id: 'p', identification_session_id: 's', id: 'i' });
  // @ts-expect-error: the options are camelCase
  new PassportReader({ public_key: 'public-key-x', secret: 'secret-y' });

  // Per-call options, raw responses, copies with options, hooks.
  const callOptions: CallOptions = { timeout: 5, deadline: 30, maxRetries: 1, retry: { initialDelay: 0.5 }, extraHeaders: { 'X-Trace': 't' }, signal: abortSignal };
  const withOptions: SessionCreated = await reader.session.create({ reference: 'r' }, callOptions);
  await reader.session.create(undefined, { extraHeaders: [['X-Trace', 't']] });
  const viaCallWithOptions: SessionStateResponse = await reader.call('passportreader.session.state', { id: 1 }, { timeout: 1 });
  const raw: RawResponse<Session> = await reader.withRawResponse.session.get({ id: made.id }, { maxRetries: 0 });
  const rawParts: [Session, number, [string, string][], string | null, number] = [raw.data, raw.status, raw.headers, raw.requestId, raw.attempts];
  const copy: PassportReader = reader.withOptions({ timeout: 2, extraHeaders: { 'X-Trace': 'copy' } });
  await copy.session.state({ id: 1 });
  // @ts-expect-error: a signal is per call, not a default
  reader.withOptions({ signal: abortSignal });
  // @ts-expect-error: timeouts are seconds (numbers)
  await reader.session.state({ id: 1 }, { timeout: '5s' });
  // @ts-expect-error: the raw namespace has only the client's requests
  reader.withRawResponse.identity.start({ subject: 's' });
  const seen: string[] = [];
  const hooked = new PassportReader({
    ...options,
    onRequest: (e: AttemptEvent) => seen.push(`${e.method} ${e.url} ${e.attempt}`),
    onResponse: (e: AttemptOutcome) => seen.push(`${e.status} ${e.error} ${e.durationMs} ${e.retry} ${e.retryAfterMs}`),
  });
  const contracts: ContractDetails[] = await new Digiteal().kyc.companyContracts({ language: 'FR' });
  const contractId: bigint | null | undefined = contracts[0]?.id;

  const solarisClient = new Solaris({ clientId: 'c', clientSecret: 's' });
  const session = await solarisClient.identificationSessions.create({ person_id: 'p', identification_methods: ['idnow'] });
  await solarisClient.identifications.get({ person_id: 'p', identification_session_id: session.id, id: 'i' });
  await solarisClient.auth.token();
  // @ts-expect-error: groups are camelCase
  await solarisClient.identification_sessions.get({ person_id: 'p', identification_session_id: 's' });

  const billitClient = new Billit({ apiKey: 'k' });
  const billitStarted: IdentificationStarted = await billitClient.identification.start({ RegistrationID: '42', RedirectURL: 'https://a.test/' });

  const dig = new Digiteal({ username: 'u', password: 'p' });
  const anonymous = new Digiteal();
  const createdInvoice: InvoiceCreated = await dig.invoices.create(invoice);
  const image: Uint8Array | undefined = createdInvoice.image?.bytes;
  await dig.invoices.sendDocument({ uuid: createdInvoice.uuid, document: 'text, sent as UTF-8' });
  await anonymous.qr.slipImage({ amount: 100, iban: 'BE68539007547034', billerName: 'B', remittanceInfo: 'x' });
  // @ts-expect-error: Digiteal identifies nobody
  dig.identity.start({ subject: 'x' });
  // @ts-expect-error: customerInternalId is required here too
  await dig.invoices.create({ invoiceInternalId: 'INV-1' });
  // @ts-expect-error: amounts are integers (a number or a bigint), not strings
  await dig.invoices.create({ ...invoice, amountInCents: '12.30' });
  return `${provider} ${full.surname} ${viaCall.state} ${json.config} ${result.status} ${billitStarted.url} ${image?.length} ${withOptions.id} ${viaCallWithOptions.state} ${rawParts.length} ${hooked.provider} ${contractId}`;
}

export const used = [
  shown, createdId, session, state, expiresAt, tokenLifetime, first, op, charset, svg, png, idents, registration, body, eventData,
  poll, outcome, links, anyResult, names, describeError, useClients,
];
