// Client behaviours both packages must show with the same names, run by both packages' tests:
// Node (`bindings-node/test/shared.test.js`) and headless Chromium (`bindings-wasm/tests/web/
// shared.rs` runs each case as a wasm-bindgen test): per-call options, withOptions,
// withRawResponse, hooks, AbortSignal, JSON-safe outputs, error classes, broken answers from the
// fault server, the resend of an invoice whose answer was lost, the Digiteal onboarding and
// network operations, and Digiteal webhooks.
//
// The IO cases run on `kassa sandbox`, each in a tenant of its own, with faults forced through
// its control endpoints and what it received and holds read back from it; only the transfer
// tree's `transferIDx64` (what the server parsed) is the stand-in's (tests/README.md, "what runs
// where").
//
// Each case is `async (kassa, env) => void` and throws on failure; `env` is `{sandbox, server,
// faults, browser}`: the URLs of `kassa sandbox`, of the stand-in test server and of the fault
// server, and whether it runs in a browser (where fetch shows a redirect as an opaque answer).

const fail = (message) => {
  throw new Error(message);
};
const ok = (condition, message) => condition || fail(message);
const eq = (got, want, what) => Object.is(got, want) || fail(`${what}: got ${String(got)}, want ${String(want)}`);
/** JSON-like equality: bigints, bytes and plain objects and arrays. */
const text = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `bytes:${[...x]}` : x));
const same = (got, want, what) => text(got) === text(want) || fail(`${what}: got ${text(got)}, want ${text(want)}`);
/** The rejection of `promise` (fails when it resolves). */
async function rejects(promise, what) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return fail(`${what}: expected a rejection`);
}
/** The error `fn` throws. */
function throws(fn, what) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return fail(`${what}: expected a throw`);
}

const token = () => `js-${Math.random().toString(16).slice(2)}`;
const READER = { publicKey: 'public-key-test', secret: 'secret-test' };
const DIGITEAL = { username: 'digiteal-user-test', password: 'digiteal-pass-test' };
const BIG_ID = 9007199254740993n;

/** A client of `Class` on a fresh scenario of the stand-in: `{client, token, baseUrl}`. */
function client(kassa, env, Class, name, options = {}) {
  const t = token();
  const baseUrl = `${env.server}/${name}/${t}`;
  return { client: new kassa[Class]({ ...(Class === 'Digiteal' ? DIGITEAL : READER), baseUrl, timeout: 10, retry: { initialDelay: 0.01 }, ...options }), token: t, baseUrl };
}
/** A client of `Class` in a fresh tenant of the sandbox (`<sandbox>/<provider>/t/<tenant>`): `{client, tenant, baseUrl}`. */
function inTenant(kassa, env, Class, options = {}) {
  const { client: made, token: t, baseUrl } = client(kassa, { ...env, server: `${env.sandbox}/${Class.toLowerCase()}` }, Class, 't', options);
  return { client: made, tenant: t, baseUrl };
}
/** A client of `Class` on the sandbox, in the former layout's scenario `name` (`/<name>/<tenant>`). */
function onSandbox(kassa, env, Class, name) {
  return client(kassa, { ...env, server: env.sandbox }, Class, name);
}
/**
 * A control endpoint of the sandbox for tenant `t` (`/_sandbox/t/<t><path>`): POST with the JSON
 * `body`, or GET without one. The parsed answer (integers beyond 2^53 lose digits: compare ids
 * with the clients' answers, not with these); a status other than 200 fails.
 */
async function control(env, t, path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`${env.sandbox}/_sandbox/t/${t}${path}`, init);
  const answer = await response.text();
  eq(response.status, 200, `${path}: ${answer}`);
  return JSON.parse(answer);
}
/** Forces `fault` (`hang`, `503`, ...) on the next `count` requests of tenant `t`. */
const forceNext = (env, t, fault, count = 1) => control(env, t, '/faults/next', { fault, count });
const sandboxStats = async (env, t) => (await fetch(`${env.sandbox}/_stats/${t}`)).json();
/** The Digiteal invoices the sandbox holds for tenant `t`. */
const heldInvoices = async (env, t) => Object.values(await control(env, t, '/digiteal/invoices'));
/** The requests the sandbox recorded for tenant `t`, oldest first. */
const sandboxReceived = async (env, t) => (await fetch(`${env.sandbox}/_requests/${t}`)).json();
const header = (request, name) => request.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

export const cases = {
  async perCallOptions(kassa, env) {
    const hang = inTenant(kassa, env, 'PassportReader');
    await forceNext(env, hang.tenant, 'hang', 2);
    const started = Date.now();
    eq((await rejects(hang.client.session.state({ id: BIG_ID }, { timeout: 0.3, maxRetries: 0 }), 'timeout')).code, 'timeout', 'a per-call timeout');
    ok(Date.now() - started < 5000, 'the per-call timeout was used');
    eq((await rejects(hang.client.session.state({ id: BIG_ID }, { deadline: 0.3 }), 'deadline')).code, 'deadline_exceeded', 'a deadline');
    eq((await sandboxStats(env, hang.tenant)).requests, 2, 'one attempt each');
    const { client: reader, tenant: t } = inTenant(kassa, env, 'PassportReader');
    const { id } = await reader.session.create();
    eq(id, BIG_ID, 'the session the sandbox made');
    same(await reader.session.state({ id }, { extraHeaders: { 'X-Trace': 'a1' } }), { state: 'CREATED' }, 'with extra headers');
    await reader.call('passportreader.session.state', { id }, { extraHeaders: [['X-Trace', 'b2']] });
    same((await sandboxReceived(env, t)).map((r) => header(r, 'X-Trace') ?? null), [null, 'a1', 'b2'], 'the extra headers sent');
    for (const [options, field] of [[{ timeot: 1 }, 'timeot'], [{ timeout: -1 }, 'timeout'], [{ idempotencyKey: 'k' }, 'idempotencyKey'], [{ extraHeaders: { Authorization: 'x' } }, 'extraHeaders'], [7, 'options'], [{ signal: 'no' }, 'signal']]) {
      const error = await rejects(reader.session.state({ id }, options), field);
      ok(error instanceof kassa.ValidationError, `${field}: ${error}`);
      same([error.code, error.field], ['invalid_option', field], 'a bad option');
    }
    eq((await sandboxStats(env, t)).requests, 3, 'bad options send nothing');
    // A 503 forced on the next request: without retries it is the answer (a retry would succeed).
    await forceNext(env, t, '503');
    ok((await rejects(reader.session.state({ id }, { maxRetries: 0 }), 'no retries')) instanceof kassa.ServerError, 'a 503 without retries');
    eq((await sandboxStats(env, t)).requests, 4, 'maxRetries: 0');
  },

  async withOptionsAndRawResponse(kassa, env) {
    const { client: reader, tenant: t } = inTenant(kassa, env, 'PassportReader');
    const { id } = await reader.session.create();
    await forceNext(env, t, '503');
    const copy = reader.withOptions({ extraHeaders: { 'X-Trace': 'copy' } });
    ok(copy instanceof kassa.PassportReader && copy !== reader, 'withOptions gives a client');
    const raw = await copy.withRawResponse.session.state({ id });
    same(raw.data, { state: 'CREATED' }, 'raw.data');
    same([raw.status, raw.attempts], [200, 2], 'raw status, attempts');
    ok(/^req-[0-9a-f]{12}$/.test(raw.requestId) && raw.requestId === header(raw, 'X-Request-Id'), `the request id the sandbox answered: ${raw.requestId}`);
    ok(raw.headers.some(([n, v]) => n.toLowerCase() === 'content-type' && v === 'application/json'), 'raw headers');
    const again = await reader.withRawResponse.session.state({ id });
    ok(/^req-/.test(again.requestId) && again.requestId !== raw.requestId, 'each answer its own request id');
    same((await sandboxReceived(env, t)).map((r) => header(r, 'X-Trace') ?? null), [null, 'copy', 'copy', null], 'the copy sends its defaults, the original none');
    ok(throws(() => reader.withOptions({ timeout: 'x' }), 'withOptions') instanceof kassa.ValidationError, 'withOptions checks its options');
  },

  async hooks(kassa, env) {
    const events = [];
    const { client: reader, baseUrl, tenant: t } = inTenant(kassa, env, 'PassportReader', {
      onRequest: (e) => events.push(['request', e]),
      onResponse: (e) => events.push(['response', e]),
    });
    const { id } = await reader.session.create();
    same(events.map(([k, e]) => [k, e.operation, e.status ?? null]), [['request', 'passportreader.session.create', null], ['response', 'passportreader.session.create', 200]], 'the create heard');
    events.length = 0;
    await forceNext(env, t, '503');
    same(await reader.session.state({ id }), { state: 'CREATED' }, 'the call');
    same(events.map(([k, e]) => [k, e.attempt, e.status ?? null, e.retry ?? null]), [['request', 1, null, null], ['response', 1, 503, true], ['request', 2, null, null], ['response', 2, 200, false]], 'the hook calls');
    for (const [, e] of events) {
      same([e.operation, e.method, e.url], ['passportreader.session.state', 'POST', `${baseUrl}/api/v1/session.state`], 'what a hook hears');
      ok(!JSON.stringify(e).includes('secret-test') && !JSON.stringify(e).includes(btoa('public-key-test:secret-test')), 'no credential in a hook payload');
    }
    eq(typeof events[1][1].durationMs, 'number', 'durationMs');
    // The forced 503 carries no request id; the sandbox's answer does.
    ok(events[1][1].requestId === null && /^req-[0-9a-f]{12}$/.test(events[3][1].requestId), `the request ids heard: ${events[1][1].requestId}, ${events[3][1].requestId}`);
    eq((await sandboxStats(env, t)).requests, 3, 'one create, two attempts');
    eq(throws(() => new kassa.PassportReader({ ...READER, onRequest: 5 }), 'a bad hook').field, 'onRequest', 'a bad hook');
  },

  async abortSignal(kassa, env) {
    const { client: reader, tenant: t } = inTenant(kassa, env, 'PassportReader');
    await forceNext(env, t, 'hang');
    const controller = new AbortController();
    const pending = reader.session.state({ id: BIG_ID }, { signal: controller.signal, maxRetries: 0 });
    setTimeout(() => controller.abort(new Error('user left')), 100);
    const started = Date.now();
    eq((await rejects(pending, 'abort')).message, 'user left', 'rejects with the reason');
    ok(Date.now() - started < 3000, 'at once');
    eq((await sandboxStats(env, t)).requests, 1, 'the aborted request was sent');
    const fresh = inTenant(kassa, env, 'PassportReader');
    eq((await rejects(fresh.client.session.state({ id: BIG_ID }, { signal: AbortSignal.abort() }), 'aborted')).name, 'AbortError', 'an aborted signal');
    eq((await sandboxStats(env, fresh.tenant)).requests, 0, 'an aborted signal sends nothing');
  },

  async jsonSafeOutputs(kassa) {
    const parse = (op, body) => kassa.parseResponse(op, { status: 200, body });
    const created = parse('passportreader.session.create', '{"id": 9007199254740993, "token": "t"}');
    eq(created.id, BIG_ID, 'an id is a bigint');
    eq(JSON.stringify(created), '{"id":"9007199254740993","token":"t"}', 'JSON gives its digits');
    const token = parse('solaris.auth.token', '{"access_token": "tok-secret-9", "expires_in": 3599}');
    same([token.expires_in, token.access_token], [3599, 'tok-secret-9'], 'other integers are numbers');
    ok(!JSON.stringify(token).includes('tok-secret-9'), 'a secret of an output is not serialised');
    const error = throws(() => parse('digiteal.sdd.transfer_person', '{"thresholdInCents": 9007199254740993}'), 'beyond 2^53');
    same([error.name, error.field], ['DecodeError', 'thresholdInCents'], 'a typed integer beyond 2^53');
    const bytes = kassa.epc.png(kassa.epc.build({ name: 'Jan', iban: 'BE68539007547034', amount: '1.00' }));
    ok(bytes instanceof Uint8Array && bytes.constructor === Uint8Array, 'bytes are a Uint8Array');
  },

  async errorClasses(kassa) {
    const parse = (status, headers = {}) => throws(() => kassa.parseResponse('passportreader.session.get', { status, headers, body: '' }), String(status));
    for (const [status, name] of [[400, 'BadRequestError'], [401, 'AuthenticationError'], [403, 'PermissionDeniedError'], [404, 'NotFoundError'], [409, 'ConflictError'], [429, 'RateLimitError'], [503, 'ServerError'], [302, 'ApiError']]) {
      const error = parse(status);
      ok(error instanceof kassa[name] && error instanceof kassa.ApiError && error instanceof kassa.KassaError, `${status} is a ${name}`);
      same([error.name, error.status], [name, status], 'its name and status');
    }
    same([parse(429, { 'Retry-After': '7' }).retryAfter, parse(302, { Location: 'https://x.test/' }).location], [7, 'https://x.test/'], 'retryAfter and location');
    for (const run of [() => kassa.buildRequest(123), () => kassa.parseResponse(123), () => kassa.callFunction(123)]) {
      const error = throws(run, 'a wrong type');
      ok(error instanceof kassa.ValidationError && ['operation', 'fn'].includes(error.field), `a ValidationError naming the argument: ${error}`);
    }
  },

  async faultBodyCap(kassa, env) {
    const reader = new kassa.PassportReader({ ...READER, baseUrl: `${env.faults}/endless`, maxResponseBytes: 1 << 20, timeout: 10, retry: { maxRetries: 0 } });
    const error = await rejects(reader.session.state({ id: 1 }), 'endless');
    same([error.name, error.code], ['TransportError', 'body_too_large'], 'an endless body');
  },

  async faultRedirect(kassa, env) {
    const reader = new kassa.PassportReader({ ...READER, baseUrl: `${env.faults}/redirect`, retry: { maxRetries: 0 } });
    const error = await rejects(reader.session.state({ id: 1 }), 'redirect');
    if (env.browser) {
      // fetch shows a redirect it does not follow as an opaque answer: no status, no Location.
      same([error.name, error.code], ['TransportError', 'transport'], 'a redirect in a browser');
      ok(/redirect/.test(error.message), error.message);
    } else {
      same([error.name, error.status, error.location], ['ApiError', 302, 'https://elsewhere.invalid/x'], 'a redirect');
    }
  },

  async faultRetryAfterDeadline(kassa, env) {
    const events = [];
    const reader = new kassa.PassportReader({ ...READER, baseUrl: `${env.faults}/retry-after/30`, retry: { initialDelay: 0.01 }, onResponse: (e) => events.push(e) });
    const started = Date.now();
    const error = await rejects(reader.session.state({ id: 1 }, { deadline: 2 }), 'retry-after');
    ok(Date.now() - started < 1500, 'the answer at once: waiting would pass the deadline');
    same([error.name, error.status, error.retryAfter], ['ServerError', 503, 30], 'the 503 with its Retry-After');
    same(events.map((e) => [e.status, e.retry]), [[503, false]], 'one attempt, no retry');
  },

  async faultSlowTimeout(kassa, env) {
    const slow = new kassa.PassportReader({ ...READER, baseUrl: `${env.faults}/slow/3000`, timeout: 0.3, retry: { maxRetries: 0 } });
    const started = Date.now();
    eq((await rejects(slow.session.state({ id: 1 }), 'slow')).code, 'timeout', 'a slow answer');
    ok(Date.now() - started < 2000, 'within the timeout');
    const quick = new kassa.PassportReader({ ...READER, baseUrl: `${env.faults}/slow/50`, timeout: 5 });
    same(await quick.session.state({ id: 1 }), { state: 'CREATED' }, 'an answer in time');
  },

  async resendAfterReset(kassa, env) {
    const invoice = { customerInternalId: 'C-1', amountInCents: 100, iban: 'BE68539007547034', remittanceInfo: 'x', publicationStatus: 'DRAFT' };
    const keyed = onSandbox(kassa, env, 'Digiteal', 'resetonce');
    const created = await keyed.client.withRawResponse.invoices.create({ ...invoice, invoiceInternalId: 'INV-R' });
    const counted = await sandboxStats(env, keyed.token);
    const held = await heldInvoices(env, keyed.token);
    same([held.length, held[0].request.invoiceInternalId, held[0].status], [1, 'INV-R', 'DRAFT'], 'one invoice held');
    same([created.data.uuid, counted.invoice_creates, counted.invoices], [held[0].uuid, 2, 1], 'resent, one invoice');
    const bare = onSandbox(kassa, env, 'Digiteal', 'resetonce');
    const outcome = await bare.client.withRawResponse.invoices.create(invoice).catch((error) => error);
    const requests = (await sandboxStats(env, bare.token)).requests;
    const bareHeld = (await heldInvoices(env, bare.token)).length; // each request processed made one
    if (env.browser && !(outcome instanceof Error)) {
      // Chromium resends a request itself when a reused connection is reset before any answer
      // byte arrives: fetch never sees the reset, kassa cannot hold the resend back. What it can
      // see is told: one attempt of its own, two requests at the server.
      same([created.attempts, outcome.attempts, requests, bareHeld], [1, 1, 2, 2], 'the browser resent it');
      return;
    }
    eq(created.attempts, 2, 'kassa resent the keyed create');
    same([outcome.name, outcome.code, requests, bareHeld], ['TransportError', 'outcome_unknown', 1, 1], 'not resent, exactly one request (its invoice held)');
  },

  async digitealOnboardingAndNetwork(kassa, env) {
    const { client: dig, tenant: t } = inTenant(kassa, env, 'Digiteal');
    const held = async () => (await control(env, t, '/state')).digiteal;
    same(await dig.kyc.registerPerson({ customerPerson: { email: 'jane@known.test' } }), { email: 'jane@known.test', status: 'OK' }, 'register_person');
    eq((await held()).persons['jane@known.test'].status, 'OK', 'the person held');
    const contracts = await dig.kyc.companyContracts({ language: 'FR' });
    same([contracts[0].id, contracts[0].language], [BIG_ID, 'fr'], 'a 64-bit contract id as a bigint');
    const company = { customerCompany: { vatNumber: 'BE0000000097', companyName: 'T', creationDate: '2012-12-31', contactPerson: { email: 'j@d.test' } }, contractApproval: { approvalDate: '2019-11-31' } };
    const sent = (await sandboxStats(env, t)).requests;
    eq((await rejects(dig.kyc.registerCompany(company), 'a date that does not exist')).field, 'contractApproval.approvalDate', 'approvalDate refused');
    eq((await sandboxStats(env, t)).requests, sent, 'refused before sending');
    same(await dig.kyc.registerCompany({ ...company, contractApproval: { approvalDate: '2019-11-30' } }), { status: 'NOT_ACTIVATED', vatNumber: 'BE0000000097' }, 'register_company');
    eq((await held()).companies.BE0000000097.status, 'NOT_ACTIVATED', 'the company held');
    // Documents for the company's contact: the sandbox parses the multipart body and keeps them.
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF');
    const first = await dig.kyc.uploadDocument({ document: pdf, email: 'j@d.test', name: 'id.pdf', type: 'ID' });
    const second = await dig.kyc.uploadDocument({ document: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), email: 'j@d.test', type: 'SELFIE_WITH_ID' });
    const { documents } = await held();
    same(Object.keys(documents).sort(), [first.uuid, second.uuid].sort(), 'the documents held');
    for (const [answer, media, kind] of [[first, 'application/pdf', 'ID'], [second, 'image/jpeg', 'SELFIE_WITH_ID']]) {
      const kept = documents[answer.uuid];
      same([answer.mediaType, kept.media_type, kept.kind, kept.owner], [media, media, kind, 'kyc:j@d.test'], 'a document held');
      ok(typeof answer.id === 'bigint' && answer.id >= BIG_ID, `a 64-bit document id: ${answer.id}`);
    }
    eq(first.fileName, 'id.pdf', 'the file name');
    same((await dig.peppol.checkRecipient({ identifier: '0208:0630675588' })).recommendation, 'peppol', 'a PEPPOL recipient');
    same((await dig.peppol.checkRecipient({ identifier: '9925:be0897227828' })).inPeppol, false, 'not in PEPPOL');
    await dig.webhooks.setCredentials({ login: 'hook-user', password: 'hook-pass-77' });
    eq((await held()).webhooks['digiteal-user-test'].login, 'hook-user', 'the login held');
    const conf = await dig.webhooks.getConfiguration();
    same([conf.login, conf.password], ['hook-user', 'NotProvidedForSecurityReasons'], 'the configuration');
    ok(JSON.stringify(conf).includes('"password":"[redacted]"'), 'the password placeholder is not serialised');
  },

  async digitealTransferTree(kassa, env) {
    // On the stand-in: its transferIDx64 reports what it read of the tree (the sandbox answers a
    // real transfer id), so a 32-level tree is seen to arrive whole.
    const { client: dig } = client(kassa, env, 'Digiteal', 'ok');
    let tree = { amountInCents: 1, benificiary: 'leaf' };
    for (let i = 1; i < 32; i++) tree = { amountInCents: 1, subPayments: [tree, { amountInCents: 1 }] };
    eq((await dig.transfers.createConfirmationBased({ actors: [], transferPayments: [tree] })).transferIDx64, 'payments=63;depth=32', 'a 32-level tree');
  },

  async digitealWebhooks(kassa) {
    const { webhooks } = kassa.digiteal;
    const body = '{"paymentRequestInformation": {"paymentID": "p-1", "amountInCents": 1250}, "paymentStatus": "INITIATED"}';
    const credentials = { login: 'hook-user', password: 'hook-pass-1' };
    const authorization = `Basic ${btoa('hook-user:hook-pass-1')}`;
    const event = webhooks.verify(new TextEncoder().encode(body), authorization, { ...credentials, type: 'PAYMENT_INITIATED' });
    same([event.type, event.family, event.known, event.data.paymentRequestInformation.amountInCents], ['PAYMENT_INITIATED', 'payment', true, 1250], 'a verified event');
    eq(webhooks.verify(body, authorization, { ...credentials, type: 'PAYMENT_INITIATED' }).dedupe_key, event.dedupe_key, 'text or bytes: one dedupe key');
    eq(webhooks.parse(body, { type: 'PAYMENT_INITIATED' }).dedupe_key, event.dedupe_key, 'parse gives the same event');
    eq(throws(() => webhooks.verify(body, `Basic ${btoa('hook-user:wrong')}`, credentials), 'bad credentials').name, 'SignatureError', 'bad credentials');
    ok(webhooks.types().some((t) => t.type === 'PAYMENT_INITIATED' && t.family === 'payment'), 'types()');
  },
};
