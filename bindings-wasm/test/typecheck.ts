// Typed usage of kassa-web, checked by `tsc --noEmit --strict` (test.sh) against the generated
// pkg/kassa_web.d.ts. Every `@ts-expect-error` line must fail to type-check: if the .d.ts grows
// too loose (e.g. `any`), tsc reports the unused directive and the check fails.

import init, {
  buildRequest,
  parseResponse,
  operations,
  callFunction,
  functionNames,
  HttpRequest,
  PassportReader,
  PassportReaderSession,
  Billit,
  Solaris,
  Digiteal,
  digiteal,
  ClientIdentity,
  epc,
  ogm,
  rf,
  iban,
  bic,
  be,
  peppol,
  billit,
  solaris,
  identity,
  type ApiError,
  type AnyKassaError,
  KassaError,
  ValidationError,
  ApiError as ApiErrorClass,
  TransportError,
  DecodeError,
  SignatureError as SignatureErrorClass,
  CallbackError as CallbackErrorClass,
  type BillitIdentificationStarted,
  type DigitealCompanyInfo,
  type DigitealDocumentDetails,
  type DigitealDocumentUploaded,
  type DigitealInvoiceCreated,
  type DigitealLink,
  type DigitealOptions,
  type DigitealPayButtonLinks,
  type DigitealPaymentRequestCreated,
  type DigitealSlipImage,
  type BillitOptions,
  type CallbackError,
  type EpcParsed,
  type FunctionName,
  type IdentityEvidence,
  type IdentityOperation,
  type IdentityOutcome,
  type IdentityStarted,
  type SignatureError,
  type SolarisEligibility,
  type SolarisIdentification,
  type SolarisIdentificationSession,
  type SolarisOptions,
  type SolarisSessionConfiguration,
  type SolarisTokenResponse,
  type SolarisWebhookEvent,
  type OperationId,
  type OperationInfo,
  type OperationOutput,
  type PassportReaderOptions,
  type PassportReaderSessionCreated,
  type PassportReaderSessionDetails,
  type PassportReaderSessionStateResponse,
} from "../pkg/kassa_web.js";

/** `true` only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

const config: PassportReaderOptions = { publicKey: "public-key-abc", secret: "secret-xyz" };

export async function usage(): Promise<void> {
  await init();

  // -- sans-IO: build and parse ---------------------------------------------------------------
  const request: HttpRequest = buildRequest("passportreader.session.get", { id: 9007199254740993n }, config);
  const method: string = request.method;
  const url: string = request.url;
  const headers: [string, string][] = request.headers;
  const body: Uint8Array = request.body;
  const printed: string = request.toString();
  const json: { headers: [string, string][] } = request.toJSON();
  void [method, url, headers, body, printed, json];

  buildRequest("passportreader.session.create", null, config);
  buildRequest("passportreader.session.create", { reference: "r", face_verification: true }, config);
  buildRequest("passportreader.session.state", { id: 7 }, { ...config, baseUrl: "http://127.0.0.1:8080", timeout: 2 });
  // @ts-expect-error: session.get needs its params
  buildRequest("passportreader.session.get", null, config);
  // @ts-expect-error: not an operation id
  buildRequest("passportreader.session.delete", {}, config);
  // @ts-expect-error: ids are integers (number or bigint), not strings
  buildRequest("passportreader.session.get", { id: "1" }, config);
  // @ts-expect-error: unknown param
  buildRequest("passportreader.session.create", { referense: "r" }, config);

  const created = parseResponse("passportreader.session.create", { status: 200, headers: [["x-request-id", "r1"]], body: "{}" });
  assertType<Equals<typeof created, PassportReaderSessionCreated>>();
  const bigId: bigint = created.id;
  // @ts-expect-error: 64-bit ids are bigint, never number
  const lossy: number = created.id;
  void [bigId, lossy];
  const state = parseResponse("passportreader.session.state", { status: 200, headers: { "content-type": "application/json" }, body: new Uint8Array() });
  assertType<Equals<typeof state, PassportReaderSessionStateResponse>>();
  const anyState: string = state.state;
  void anyState;
  // @ts-expect-error: status is required
  parseResponse("passportreader.session.state", { body: "{}" });

  const ops: OperationInfo[] = operations();
  const ids: OperationId[] = ops.map((op) => op.id);
  const retrySafe: boolean[] = ops.map((op) => op.retrySafe);
  void [ids, retrySafe];

  // -- the client -----------------------------------------------------------------------------
  const client = new PassportReader({
    publicKey: "public-key-abc",
    secret: "secret-xyz",
    baseUrl: "http://127.0.0.1:8080",
    timeout: 0.5,
    retry: { maxRetries: 0, initialDelay: 0.01 },
  });
  const session: PassportReaderSession = client.session;
  const made = await session.create({ reference: "order-1", callback_url: "https://shop.example/cb" });
  assertType<Equals<typeof made, PassportReaderSessionCreated>>();
  await client.session.create();
  const st = await client.session.state({ id: made.id });
  assertType<Equals<typeof st, PassportReaderSessionStateResponse>>();
  const details: PassportReaderSessionDetails = await client.session.get({ id: 1 });
  const surname: string | null = details.surname;
  void surname;
  const viaCall = await client.call("passportreader.session.get", { id: 1n });
  assertType<Equals<typeof viaCall, OperationOutput<"passportreader.session.get">>>();
  await client.call("passportreader.session.create");
  // @ts-expect-error: session.get needs params
  await client.session.get();
  // @ts-expect-error: through call too
  await client.call("passportreader.session.get");
  // @ts-expect-error: not a PassportReader operation
  await client.call("solaris.identifications.get", {});
  // @ts-expect-error: misspelt option
  new PassportReader({ publicKey: "public-key-a", secret: "secret-b", baseURL: "https://x.test" });
  // @ts-expect-error: the secret is required
  new PassportReader({ publicKey: "public-key-a" });
  const described: string = client.toString();
  void described;
  client.free();

  // -- errors ---------------------------------------------------------------------------------
  try {
    await client.session.state({ id: 5 });
  } catch (e) {
    const err = e as AnyKassaError;
    const code: string = err.code;
    const message: string = err.message;
    void [code, message];
    switch (err.kind) {
      case "validation": {
        const field: string = err.field;
        void field;
        break;
      }
      case "api": {
        const api: ApiError = err;
        const status: number = api.status;
        const providerCode: string | null = api.providerCode;
        const requestId: string | null = api.requestId;
        const raw: Uint8Array = api.body;
        void [status, providerCode, requestId, raw];
        break;
      }
      case "decode": {
        const offset: number | null = err.offset;
        void offset;
        break;
      }
      case "transport":
      case "signature":
        break;
      case "callback": {
        const description: string | null = err.description;
        void description;
        break;
      }
      default: {
        const never: never = err;
        void never;
      }
    }
    if (err.name === "ApiError") {
      const status: number = err.status;
      void status;
    }
  }
}

export async function roundTwo(): Promise<void> {
  // -- parseResponse with the arrival time ----------------------------------------------------
  const billitStart = parseResponse("billit.identification.start", { status: 200, body: "{}" }, { now: 1_700_000_000 });
  assertType<Equals<typeof billitStart, BillitIdentificationStarted>>();
  const expiresAt: bigint | null = billitStart.expires_at;
  void expiresAt;
  parseResponse("billit.identification.start", { status: 200, body: "{}" }, { now: 1_700_000_000n });
  parseResponse("billit.identification.start", { status: 200, body: "{}" }, null);
  // @ts-expect-error: now is Unix seconds as a number or bigint
  parseResponse("billit.identification.start", { status: 200, body: "{}" }, { now: "1700000000" });

  // -- Billit ---------------------------------------------------------------------------------
  const billitOptions: BillitOptions = { apiKey: "billit-key", partyId: "42", environment: "sandbox" };
  const b = new Billit(billitOptions);
  new Billit({ accessToken: "token", baseUrl: "http://127.0.0.1:8080" });
  // @ts-expect-error: an API key or an access token is required
  new Billit({ partyId: "42" });
  // @ts-expect-error: not both
  new Billit({ apiKey: "k", accessToken: "t" });
  // @ts-expect-error: no such environment
  new Billit({ apiKey: "k", environment: "staging" });
  const started = await b.identification.start({ RegistrationID: "42", RedirectURL: "https://shop.example/back" });
  assertType<Equals<typeof started, BillitIdentificationStarted>>();
  // @ts-expect-error: wire names (RegistrationID), not camelCase
  await b.identification.start({ registrationId: "42", RedirectURL: "https://shop.example/back" });
  await b.call("billit.identification.start", { RegistrationID: "42", RedirectURL: "https://x.test/", IdentificationProviderTC: "ItsMe" });
  // @ts-expect-error: not a Billit operation
  await b.call("passportreader.session.create");

  // -- Solaris --------------------------------------------------------------------------------
  const solarisOptions: SolarisOptions = { clientId: "c", clientSecret: "s", environment: "sandbox" };
  const s = new Solaris(solarisOptions);
  new Solaris({ accessToken: "t", authUrl: "https://auth.example/oauth2/token" });
  // @ts-expect-error: client_id needs its secret
  new Solaris({ clientId: "c" });
  const ids = { person_id: "p1", identification_session_id: "ises-1" };
  const eligibility = await s.identification.eligibilityChecks({ person_id: "p1", method: "bank" });
  assertType<Equals<typeof eligibility, SolarisEligibility>>();
  const session = await s.identificationSessions.create({ person_id: "p1", identification_methods: ["idnow"] });
  assertType<Equals<typeof session, SolarisIdentificationSession>>();
  const got = await s.identificationSessions.get(ids);
  const sessionStatus: string | null = got.status;
  void sessionStatus;
  const configuration = await s.identificationSessions.configuration(ids);
  assertType<Equals<typeof configuration, SolarisSessionConfiguration>>();
  const simulated = await s.identificationSessions.simulateBankId(ids);
  assertType<Equals<typeof simulated, SolarisIdentification>>();
  const identification = await s.identifications.create({ ...ids, method: "bank", iban: "DE11010101010101010100" });
  await s.identifications.get({ ...ids, id: identification.id });
  const token = await s.auth.token();
  assertType<Equals<typeof token, SolarisTokenResponse>>();
  const lifetime: bigint = token.expires_in;
  void lifetime;
  // @ts-expect-error: the session id is required
  await s.identificationSessions.get({ person_id: "p1" });
  // @ts-expect-error: the namespace is camelCase
  void s.identification_sessions;

  // -- the identification flow on every client ------------------------------------------------
  const flows: ClientIdentity[] = [b.identity, s.identity, new PassportReader(config).identity];
  for (const flow of flows) {
    const start = await flow.start({ subject: "42", returnUrl: "https://shop.example/back", method: null });
    assertType<Equals<typeof start, IdentityStarted>>();
    const at: bigint | null = start.expires_at;
    const outcome = await flow.check(start.reference, { expiresAt: at });
    assertType<Equals<typeof outcome, IdentityOutcome>>();
    const status: "verified" | "failed" | "pending" | "expired" = outcome.status;
    void status;
    await flow.check(start.reference);
    // @ts-expect-error: expiresAt is Unix seconds
    await flow.check(start.reference, { expiresAt: "soon" });
    // @ts-expect-error: the subject is required
    await flow.start({ returnUrl: "https://shop.example/back" });
  }

  // -- pure functions -------------------------------------------------------------------------
  const payload: string = epc.build({ name: "Jan Peeters", iban: "BE68539007547034", amount: "12.30" });
  epc.build({ name: "Jan Peeters", iban: "BE68539007547034", amountCents: 1230n, version: "001", charset: "UTF-8" });
  // @ts-expect-error: amounts are decimal strings, never floats
  epc.build({ name: "Jan Peeters", iban: "BE68539007547034", amount: 12.3 });
  const parsed = epc.parse(payload, { strict: false });
  assertType<Equals<typeof parsed, EpcParsed>>();
  const charset: bigint = parsed.charset;
  void charset;
  epc.parse(new Uint8Array([0x42]));
  const svg: string = epc.svg(payload, { modulePx: 8, border: 4 });
  const png: Uint8Array = epc.png(payload);
  void [svg, png];
  const strings: string[] = [
    ogm.validate("+++123/4567/89002+++"), ogm.generate(1234567890), ogm.generate("42"), ogm.generate(42n),
    rf.validate("RF18539007547034"), rf.format("RF18539007547034"), rf.generate("539007547034"),
    iban.validate("BE68539007547034"), iban.format("BE68539007547034"), bic.validate("GEBABEBB"),
    be.enterpriseNumber("0123456749"), be.vatNumber("0123456749"), peppol.validate("0208:0123456749"),
  ];
  const pair: [string, string] = peppol.beParticipantIds("0123456749");
  void [strings, pair];
  const callback = billit.parseCallback("https://shop.example/back?registrationID=42&success=true");
  const success: boolean = callback.success;
  void success;
  const body = new TextEncoder().encode("{}");
  const hook: unknown = billit.verifyWebhook(body, "t=1,s=00", "whsec", { now: 1, tolerance: 300 });
  void hook;
  // @ts-expect-error: `now` is required (the core reads no clock)
  billit.verifyWebhook(body, "t=1,s=00", "whsec");
  const event: SolarisWebhookEvent = solaris.verifyWebhook("{}", "sha256=00", "secret");
  if (event.event === "IDENTIFICATION") {
    const status: string | null = event.data.status;
    void status;
  }
  const op: IdentityOperation = identity.startOperation("billit", { subject: "42", returnUrl: "https://x.test/" });
  const poll: IdentityOperation | null = identity.pollOperation("passportreader:5");
  const response = { status: 200, headers: [["content-type", "application/json"]] as [string, string][], body: "{}" };
  const begun: IdentityStarted = identity.started("passportreader", { subject: "order-1" }, response, { now: 1 });
  const evidence: IdentityEvidence = identity.pollEvidence(begun.reference, response);
  const finished: IdentityOutcome = identity.finish(begun.reference, evidence, { now: 2n });
  identity.finish("billit:42", { redirectUrl: "https://x.test/?registrationID=42&success=true" });
  // @ts-expect-error: not a provider with an identification flow
  identity.startOperation("paypal", { subject: "x" });
  void [op, poll, finished];
  const viaCall: string = callFunction("iban.validate", ["BE68539007547034"]);
  const parsedViaCall: EpcParsed = callFunction("epc.parse", [payload], { strict: true });
  // @ts-expect-error: not a function name
  callFunction("iban.check", ["x"]);
  const names: FunctionName[] = functionNames();
  void [viaCall, parsedViaCall, names];

  // -- the new error kinds --------------------------------------------------------------------
  try {
    billit.parseCallback("https://idp.example/oops.html?error=access_denied");
  } catch (e) {
    if (e instanceof KassaError) {
      const kind: "validation" | "api" | "transport" | "decode" | "signature" | "callback" = e.kind;
      void kind;
    }
    if (e instanceof CallbackErrorClass) {
      const description: string | null = e.description;
      void description;
    }
    if (e instanceof ApiErrorClass) {
      const status: number = e.status;
      void status;
    }
    if (e instanceof ValidationError || e instanceof DecodeError || e instanceof TransportError || e instanceof SignatureErrorClass) {
      const message: string = e.message;
      void message;
    }
    // @ts-expect-error: the error classes are created by kassa only
    new ValidationError("x");
    const err = e as AnyKassaError;
    if (err.kind === "callback") {
      const cb: CallbackError = err;
      const description: string | null = cb.description;
      void description;
    } else if (err.name === "SignatureError") {
      const sig: SignatureError = err;
      void sig;
    }
  }
}

export async function roundThree(): Promise<void> {
  // -- Digiteal -------------------------------------------------------------------------------
  const options: DigitealOptions = { username: "u", password: "p", environment: "test" };
  const d = new Digiteal(options);
  new Digiteal({ environment: "sandbox" });
  // @ts-expect-error: no such environment
  new Digiteal({ username: "u", password: "p", environment: "staging" });
  const invoice = await d.invoices.create({
    customerInternalId: "C-1",
    creditorReference: "000600232562",
    amountInCents: 1234n,
    customerAddressNumber: "14A",
    customerAddressZip: 1000,
    languages: ["EN", "NL"],
    format: "QR_TEXT",
    correlationId: "c-1",
  });
  assertType<Equals<typeof invoice, DigitealInvoiceCreated>>();
  const bytes: Uint8Array | undefined = invoice.image?.bytes;
  const cents: bigint | null | undefined = invoice.epc?.amount_cents;
  const optedIn: boolean = invoice.optedIn;
  void [bytes, cents, optedIn];
  // @ts-expect-error: an invoice needs customerInternalId
  await d.invoices.create({ remittanceInfo: "x" });
  // @ts-expect-error: wire names (amountInCents), not snake_case
  await d.invoices.create({ customerInternalId: "C-1", remittanceInfo: "x", amount_in_cents: 5 });
  // @ts-expect-error: not a language Digiteal knows
  await d.invoices.create({ customerInternalId: "C-1", remittanceInfo: "x", language: "IT" });
  const uploaded = await d.creditNotes.sendDocument({ uuid: "u", document: new Uint8Array([37, 80, 68, 70]) });
  assertType<Equals<typeof uploaded, DigitealDocumentUploaded>>();
  await d.invoices.sendDocumentByInternalId({ billId: "B-1", document: "text", fileName: "a.pdf", boundary: "b" });
  // @ts-expect-error: the document is required
  await d.invoices.sendDocument({ uuid: "u" });
  // @ts-expect-error: documents are bytes or text
  await d.invoices.sendDocument({ uuid: "u", document: 5 });
  const docs = await d.invoices.listDocuments({ billId: "B-1" });
  assertType<Equals<typeof docs, DigitealDocumentDetails[]>>();
  const payment = await d.payments.create({ confirmationURL: "https://a/ok", errorURL: "https://a/ko", remittanceInfo: "x" });
  assertType<Equals<typeof payment, DigitealPaymentRequestCreated>>();
  await d.payments.createForInvoice({ uuid: "u" });
  const company = await d.integrator.companyInfo({ vatNumber: "BE0897227828" });
  assertType<Equals<typeof company, DigitealCompanyInfo>>();
  const slip = await d.qr.slipImage({ iban: "BE68539007547034", remittanceInfo: "x", amount: 100 });
  assertType<Equals<typeof slip, DigitealSlipImage>>();
  await d.optin.force({ requestorVAT: "BE1", clientInternalId: "C", clientEmail: "a@b.be" });
  await d.autopay.request({ amountInCents: 100, customerEmail: "a@b.be", remittanceInfo: "x" });
  await d.call("digiteal.integrator.person_info", { email: "a@b.be" });
  // @ts-expect-error: groups are camelCase
  await d.credit_notes.create({ amountInCents: 1, invoiceUUID: "u" });
  // @ts-expect-error: not a Digiteal operation
  await d.call("billit.identification.start", { RegistrationID: "1", RedirectURL: "x" });

  // -- Digiteal links -------------------------------------------------------------------------
  const button = digiteal.payButtons.imageUrl({ requesterVAT: "BE0406729809", invoiceUUID: "e529", type: "SVG" });
  assertType<Equals<typeof button, DigitealPayButtonLinks>>();
  const html: string = digiteal.payButtons.executeUrl({ requesterVAT: "BE0406729809", iban: "BE72000000001616", remittanceInfo: "x" }).html;
  digiteal.payButtons.b2bImageUrl({ creditorIBAN: "BE68130191571783", amountInCents: 52109, creditorVAT: { representation: "BE1", belgian: true } });
  digiteal.payButtons.b2bExecuteUrl({ creditorIBAN: "BE68130191571783", amountInCents: 1n, debtorVAT: "BE2" });
  const registration = digiteal.links.companyRegistration({ email: "a@b.be", integratorID: 1234, environment: "test" });
  assertType<Equals<typeof registration, DigitealLink>>();
  digiteal.links.personRegistration({ email: "a@b.be", firstName: "J" });
  const generator: string = digiteal.links.qrGenerator().url;
  digiteal.links.qrGenerator({ amount: "12.34", format: "PAYMENT_SLIP_WITH_BANNER", baseUrl: "http://127.0.0.1:8" });
  // @ts-expect-error: requesterVAT is required
  digiteal.payButtons.imageUrl({ invoiceUUID: "e529" });
  // @ts-expect-error: amounts are decimal strings, never floats
  digiteal.links.qrGenerator({ amount: 12.34 });
  // @ts-expect-error: an email is required
  digiteal.links.personRegistration({});
  void [html, generator];
}
