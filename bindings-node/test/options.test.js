// Client behaviours (issue 12), all on `kassa sandbox` (each test in a tenant of its own, faults
// forced by its control endpoints, what it received read from its `/_requests/<tenant>`):
// per-call options (the second argument of every method: timeouts, deadlines, retries, extra
// headers, resend keys), withOptions, withRawResponse, AbortSignal, the onRequest/onResponse
// hooks, KASSA_LOG=debug, and credentials from the environment.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

import { Billit, Digiteal, PassportReader, ServerError, Solaris, TransportError, ValidationError } from '../index.js';
import { CREDENTIALS, ROOT, assertKassaError, control, rejection, sandbox, sandboxStats, tenant } from './helpers.js';

const BIG_ID = 9007199254740993n;
const FAST = { retry: { initialDelay: 0.01 } };

/** A PassportReader client of a fresh sandbox tenant (no session yet): `{client, tenant, baseUrl}`. */
async function reader(options = {}) {
  const { baseUrl, tenant: name } = await tenant('passportreader');
  return { client: new PassportReader({ ...CREDENTIALS, baseUrl, timeout: 20, ...FAST, ...options }), tenant: name, baseUrl };
}

/** Forces `fault` (`hang`, `503`, ...) on the next `count` requests of the tenant `name`. */
const forceNext = (name, fault, count = 1) => control(name, '/faults/next', { fault, count });

/**
 * A PassportReader client of a fresh sandbox tenant with one session (made by a client without
 * the `options`, so that its hooks hear nothing of it; its id is `BIG_ID`), and `fault` forced
 * `count` times next when given.
 */
async function onSandbox(fault = null, count = 1, options = {}) {
  const made = await reader(options);
  const plain = new PassportReader({ ...CREDENTIALS, baseUrl: made.baseUrl, ...FAST });
  assert.equal((await plain.session.create()).id, BIG_ID);
  if (fault) await forceNext(made.tenant, fault, count);
  return made;
}

/** What the sandbox received in the tenant `name` after its first request (the session's create). */
async function received(name) {
  const requests = await (await fetch(`${await sandbox()}/_requests/${name}`)).json();
  assert.match(requests[0].path, /session\.create$/);
  return requests.slice(1);
}

/** A request id the sandbox made (`req-` and 12 hex digits). */
const SANDBOX_REQUEST_ID = /^req-[0-9a-f]{12}$/;

const header = (request, name) => request.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];

describe('per-call options', () => {
  test('timeout: the second argument is used (it was silently ignored)', async () => {
    const { client, tenant: name } = await onSandbox('hang');
    const started = performance.now();
    const error = await rejection(client.session.state({ id: BIG_ID }, { timeout: 0.3, maxRetries: 0 }));
    assertKassaError(error, { kind: 'transport', code: 'timeout' });
    assert.ok(performance.now() - started < 3_000);
    assert.equal((await sandboxStats(name)).requests, 2);
  });

  test('deadline: all attempts together', async () => {
    const { client, tenant: name } = await onSandbox('hang', 5);
    const started = performance.now();
    const error = await rejection(client.session.state({ id: BIG_ID }, { deadline: 0.4 }));
    assertKassaError(error, { kind: 'transport', code: 'deadline_exceeded' });
    assert.ok(performance.now() - started < 3_000);
    assert.equal((await sandboxStats(name)).requests, 2);
  });

  test('maxRetries and retry: per call, over the client', async () => {
    const { client, tenant: name } = await onSandbox('503');
    const error = await rejection(client.session.state({ id: BIG_ID }, { maxRetries: 0 }));
    assert.ok(error instanceof ServerError && error.status === 503, String(error));
    assert.equal((await sandboxStats(name)).requests, 2);
    const slow = await onSandbox('503', 1, { retry: { initialDelay: 30 } });
    const started = performance.now();
    assert.deepStrictEqual(await slow.client.session.state({ id: BIG_ID }, { retry: { initialDelay: 0.01, jitterPercent: 0 } }), { state: 'CREATED' });
    assert.ok(performance.now() - started < 3_000);
    assert.equal((await sandboxStats(slow.tenant)).requests, 3);
  });

  test('extraHeaders reach the provider, as an object, pairs or a Headers', async () => {
    const { client, tenant: name } = await onSandbox();
    await client.session.state({ id: BIG_ID }, { extraHeaders: { 'X-Trace': 'a1' } });
    await client.session.state({ id: BIG_ID }, { extraHeaders: [['X-Trace', 'b2'], ['X-Other', 'c3']] });
    await client.call('passportreader.session.state', { id: BIG_ID }, { extraHeaders: new Headers({ 'X-Trace': 'd4' }) });
    const requests = await received(name);
    assert.deepEqual(requests.map((r) => header(r, 'X-Trace')), ['a1', 'b2', 'd4']);
    assert.equal(header(requests[1], 'X-Other'), 'c3');
  });

  test('bad options reject before anything is sent, naming the option', async () => {
    const { client, tenant: name } = await onSandbox();
    const cases = [
      [{ timeot: 1 }, 'timeot'],
      [{ timeout: 'soon' }, 'timeout'],
      [{ timeout: -1 }, 'timeout'],
      [{ timeout: 0 }, 'timeout'],
      [{ deadline: Infinity }, 'deadline'],
      [{ maxRetries: -1 }, 'maxRetries'],
      [{ maxRetries: 1, retry: { maxRetries: 2 } }, 'maxRetries'],
      [{ retry: { initialDelay: 'x' } }, 'retry.initialDelay'],
      [{ extraHeaders: { Authorization: 'Basic x' } }, 'extraHeaders'],
      [{ extraHeaders: { 'Bad Name': 'x' } }, 'extraHeaders'],
      [{ extraHeaders: 5 }, 'extraHeaders'],
      // session.state has no resend key: the option cannot be used by it.
      [{ idempotencyKey: 'k-1' }, 'idempotencyKey'],
      [5, 'options'],
      ['x', 'options'],
      [[1], 'options'],
    ];
    for (const [options, field] of cases) {
      const error = await rejection(client.session.state({ id: BIG_ID }, options));
      assert.ok(error instanceof ValidationError, `${JSON.stringify(options)}: ${error}`);
      assert.deepEqual([error.code, error.field], ['invalid_option', field], `${JSON.stringify(options)}: ${error.message}`);
    }
    assertKassaError(await rejection(client.session.state({ id: BIG_ID }, { signal: 'nope' })), { kind: 'validation', code: 'invalid_option', field: 'signal' });
    assert.throws(() => client.withOptions({ signal: AbortSignal.timeout(1) }), (e) => e instanceof ValidationError && e.field === 'signal');
    assert.equal((await sandboxStats(name)).requests, 1, 'the create only');
    // Absent options are none.
    for (const none of [undefined, null, {}]) assert.deepStrictEqual(await client.session.state({ id: BIG_ID }, none), { state: 'CREATED' });
  });

  test('idempotencyKey fills a resend key the params leave out', async () => {
    const { baseUrl, tenant: token } = await tenant('digiteal');
    const dig = new Digiteal({ username: 'digiteal-user-test', password: 'digiteal-pass-test', baseUrl, ...FAST });
    const created = await dig.invoices.create({ customerInternalId: 'C-1', amountInCents: 100, iban: 'BE68539007547034', remittanceInfo: 'x' }, { idempotencyKey: 'INV-77' });
    const [held] = Object.values(await control(token, '/digiteal/invoices'));
    assert.deepEqual([created.uuid, held.request.invoiceInternalId], [held.uuid, 'INV-77']);
    const sent = await (await fetch(`${await sandbox()}/_requests/${token}`)).json();
    assert.equal(JSON.parse(sent[0].body).invoiceInternalId, 'INV-77');
    const conflict = await rejection(dig.invoices.create({ invoiceInternalId: 'A', customerInternalId: 'C-1', remittanceInfo: 'x' }, { idempotencyKey: 'B' }));
    assert.deepEqual([conflict.code, conflict.field], ['invalid_option', 'idempotencyKey']);
  });
});

describe('withOptions', () => {
  test('a copy with default options; the original keeps its own; a call overrides both', async () => {
    const { client, tenant: name } = await onSandbox();
    const traced = client.withOptions({ extraHeaders: { 'X-Trace': 'default' }, maxRetries: 0 });
    assert.ok(traced instanceof PassportReader && traced !== client);
    assert.equal(String(traced), String(client));
    await traced.session.state({ id: BIG_ID });
    await traced.session.state({ id: BIG_ID }, { extraHeaders: { 'x-trace': 'call' } });
    await client.session.state({ id: BIG_ID });
    const both = traced.withOptions({ extraHeaders: { 'X-Second': '2' } });
    await both.withRawResponse.session.state({ id: BIG_ID });
    const requests = await received(name);
    assert.deepEqual(requests.map((r) => header(r, 'X-Trace') ?? null), ['default', 'call', null, 'default']);
    assert.equal(header(requests[3], 'X-Second'), '2');
    assert.throws(() => client.withOptions({ timeout: 'x' }), (e) => e instanceof ValidationError && e.field === 'timeout');
  });

  test('a copy shares the client state: one Solaris token for both', async () => {
    const { baseUrl, tenant: name } = await tenant('solaris');
    const solaris = new Solaris({ clientId: 'solaris-client-test', clientSecret: 'solaris-secret-test', baseUrl, ...FAST });
    const copy = solaris.withOptions({ timeout: 5 });
    const created = await copy.identificationSessions.create({ person_id: 'p1', identification_methods: ['idnow'] });
    const session = { person_id: 'p1', identification_session_id: created.id };
    assert.equal((await solaris.identificationSessions.get(session)).id, created.id);
    assert.equal((await copy.identificationSessions.get(session)).status, 'created');
    assert.deepStrictEqual(await sandboxStats(name), { requests: 3, token_requests: 1 });
    assert.ok(copy.identity && typeof copy.identity.start === 'function');
  });
});

describe('withRawResponse', () => {
  test('{data, status, headers, requestId, attempts}', async () => {
    const { client, tenant: name } = await reader();
    // JSON-safe, with the id of the output as its digits.
    const created = await client.withRawResponse.session.create({ reference: 'r' }, { timeout: 5 });
    assert.equal(created.data.id, BIG_ID);
    assert.equal(JSON.parse(JSON.stringify(created)).data.id, String(BIG_ID));
    const [held] = await control(name, '/passportreader/sessions');
    assert.deepEqual([held.id, held.token, held.reference], [created.data.id, created.data.token, 'r']);
    // A 503 forced, then the session's state: two attempts, the second's answer.
    await forceNext(name, '503');
    const raw = await client.withRawResponse.session.state({ id: created.data.id });
    assert.deepStrictEqual(raw.data, { state: 'CREATED' });
    assert.deepEqual([raw.status, raw.attempts], [200, 2]);
    assert.ok(raw.headers.some(([n, v]) => n.toLowerCase() === 'content-type' && v === 'application/json'), JSON.stringify(raw.headers));
    // The request id is the `X-Request-Id` the sandbox answered, one per answer.
    assert.match(raw.requestId, SANDBOX_REQUEST_ID);
    assert.equal(raw.requestId, header(raw, 'X-Request-Id'));
    assert.notEqual(raw.requestId, created.requestId);
    assert.deepEqual(Object.keys(raw).sort(), ['attempts', 'data', 'headers', 'requestId', 'status']);
    // The provider's request id: Digiteal echoes the correlation-id.
    const { baseUrl, tenant: digName } = await tenant('digiteal');
    const dig = new Digiteal({ username: 'digiteal-user-test', password: 'digiteal-pass-test', baseUrl });
    const invoice = await dig.withRawResponse.invoices.create({ invoiceInternalId: 'I-5', customerInternalId: 'C', remittanceInfo: 'x', correlationId: 'corr-5' });
    const [heldInvoice] = Object.values(await control(digName, '/digiteal/invoices'));
    assert.deepEqual([invoice.requestId, invoice.data.uuid, heldInvoice.request.invoiceInternalId], ['corr-5', heldInvoice.uuid, 'I-5']);
    assert.ok(invoice.data.image.bytes instanceof Uint8Array);
    // Errors are the same errors, with the sandbox's request id.
    const missing = await rejection(client.withRawResponse.session.get({ id: 1 }));
    assertKassaError(missing, { kind: 'api', code: 'SessionNotFound', status: 404, message: 'No session found with id: 1' });
    assert.match(missing.requestId, SANDBOX_REQUEST_ID);
    assert.ok(![raw.requestId, created.requestId].includes(missing.requestId), missing.requestId);
    assert.ok(Object.isFrozen(client.withRawResponse) && !Object.keys(client).includes('withRawResponse'));
  });
});

describe('AbortSignal', () => {
  test('aborting a hanging call rejects with the reason, at once', async () => {
    const { client, tenant: name } = await onSandbox('hang', 2);
    const controller = new AbortController();
    const pending = client.session.state({ id: BIG_ID }, { signal: controller.signal, maxRetries: 0 });
    setTimeout(() => controller.abort(new Error('user left')), 100);
    const started = performance.now();
    const error = await rejection(pending);
    assert.equal(error.message, 'user left');
    assert.ok(performance.now() - started < 2_000);
    const timedOut = await rejection(client.session.state({ id: BIG_ID }, { signal: AbortSignal.timeout(100) }));
    assert.equal(timedOut.name, 'TimeoutError');
    assert.equal((await sandboxStats(name)).requests, 3, 'the create and the two hanging requests');
  });

  test('an aborted signal sends nothing; an unused one changes nothing', async () => {
    const { client, tenant: name } = await reader();
    const error = await rejection(client.session.state({ id: BIG_ID }, { signal: AbortSignal.abort() }));
    assert.equal(error.name, 'AbortError');
    assert.equal((await sandboxStats(name)).requests, 0);
    assert.equal((await client.session.create({}, { signal: new AbortController().signal })).id, BIG_ID);
    assert.deepStrictEqual(await client.session.state({ id: BIG_ID }, { signal: new AbortController().signal, timeout: 5 }), { state: 'CREATED' });
    assert.deepStrictEqual((await client.withRawResponse.session.state({ id: BIG_ID }, { signal: new AbortController().signal })).data, { state: 'CREATED' });
  });
});

describe('hooks', () => {
  test('onRequest and onResponse for every attempt: method, URL, status, duration, retry; no credentials', async () => {
    for (let round = 0; round < 5; round++) {
      const events = [];
      const { client, baseUrl, tenant: name } = await onSandbox('503', 1, {
        onRequest: (e) => events.push(['request', e]),
        onResponse: (e) => events.push(['response', e]),
      });
      assert.deepStrictEqual(await client.session.state({ id: BIG_ID }), { state: 'CREATED' });
      const url = `${baseUrl}/api/v1/session.state`;
      assert.deepEqual(events.map(([k, e]) => [k, e.attempt, e.status ?? null, e.retry ?? null]), [
        ['request', 1, null, null], ['response', 1, 503, true], ['request', 2, null, null], ['response', 2, 200, false],
      ]);
      for (const [kind, e] of events) {
        assert.deepEqual([e.operation, e.method, e.url], ['passportreader.session.state', 'POST', url]);
        const keys = kind === 'request' ? ['attempt', 'method', 'operation', 'url'] : ['attempt', 'durationMs', 'error', 'method', 'operation', 'requestId', 'retry', 'retryAfterMs', 'status', 'url'];
        assert.deepEqual(Object.keys(e).sort(), keys);
        assert.ok(!JSON.stringify(e).includes('secret-test') && !JSON.stringify(e).includes(Buffer.from('public-key-test:secret-test').toString('base64')));
      }
      assert.equal(typeof events[1][1].durationMs, 'number');
      assert.ok(events[1][1].retryAfterMs >= 0 && events[3][1].retryAfterMs === null);
      // The forced 503 has no request id; the sandbox's answer has its own.
      assert.equal(events[1][1].requestId, null);
      assert.match(events[3][1].requestId, SANDBOX_REQUEST_ID);
      assert.equal((await sandboxStats(name)).requests, 3, 'the create and two attempts');
    }
  });

  test('a transport failure is an outcome without a status; hooks are checked', async () => {
    const events = [];
    const client = new PassportReader({ ...CREDENTIALS, baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 }, onResponse: (e) => events.push(e) });
    assert.ok((await rejection(client.session.state({ id: 1 }))) instanceof TransportError);
    assert.deepEqual([events.length, events[0].status, events[0].error, events[0].retry], [1, null, 'connect', false]);
    assert.throws(() => new PassportReader({ ...CREDENTIALS, onRequest: 'log' }), (e) => e instanceof ValidationError && e.field === 'onRequest' && e.code === 'invalid_config');
    assert.throws(() => new PassportReader({ ...CREDENTIALS, onResponse: {} }), (e) => e instanceof ValidationError && e.field === 'onResponse');
  });
});

/** Runs `source` (an ES module importing kassa) in a fresh Node with `env`: `{status, stdout, stderr}`. */
function node(source, env) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: `${ROOT}/bindings-node`,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the environment', () => {
  test('KASSA_LOG=debug: one line per attempt on stderr, no secret', async () => {
    const { baseUrl, tenant: name } = await onSandbox('503');
    const source = `import { PassportReader } from './index.js';
      const c = new PassportReader({ publicKey: 'public-key-test', secret: 'secret-test', baseUrl: ${JSON.stringify(baseUrl)}, retry: { initialDelay: 0.01 } });
      const raw = await c.withRawResponse.session.state({ id: 9007199254740993n });
      console.log(JSON.stringify({ data: raw.data, requestId: raw.requestId }));`;
    const run = node(source, { KASSA_LOG: 'debug' });
    assert.equal(run.status, 0, run.stderr);
    const { data, requestId } = JSON.parse(run.stdout);
    assert.deepEqual(data, { state: 'CREATED' });
    assert.match(requestId, SANDBOX_REQUEST_ID);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 2, run.stderr);
    assert.match(lines[0], new RegExp(`^kassa: passportreader\\.session\\.state POST ${baseUrl.replaceAll('.', '\\.')}/api/v1/session\\.state attempt=1 status=503 error=- duration_ms=\\d+ request_id=- retry=after_\\d+ms$`));
    assert.match(lines[1], new RegExp(`attempt=2 status=200 error=- duration_ms=\\d+ request_id=${requestId} retry=-$`));
    assert.ok(!run.stderr.includes('secret-test'));
    assert.equal((await sandboxStats(name)).requests, 3, 'the create and two attempts');
    assert.equal(node(source, {}).stderr, '', 'no log without KASSA_LOG');
  });

  test('credentials from KASSA_* variables when the options give none', async () => {
    const { baseUrl, tenant: name } = await tenant('passportreader');
    const env = { KASSA_PASSPORTREADER_PUBLIC_KEY: 'public-key-test', KASSA_PASSPORTREADER_SECRET: 'secret-test' };
    Object.assign(process.env, env);
    try {
      const client = new PassportReader({ baseUrl });
      // The sandbox runs --strict: only the test credentials make a session.
      const { id } = await client.session.create();
      assert.equal(id, BIG_ID);
      assert.deepStrictEqual(await client.session.state({ id }), { state: 'CREATED' });
      assert.ok(!String(client).includes('secret-test'));
      // Options win: the environment is not mixed into credentials the options give.
      const given = new PassportReader({ publicKey: 'public-key-test', secret: 'secret-other', baseUrl });
      assertKassaError(await rejection(given.session.state({ id: BIG_ID })), { kind: 'api', code: 'Unauthorized', status: 401 });
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
    }
    assert.throws(() => new PassportReader({ baseUrl }), (e) => e instanceof ValidationError && e.field === 'public_key');
    const billitUrl = `${await sandbox()}/billit/t/${name}`;
    process.env.KASSA_BILLIT_API_KEY = 'billit-key-test';
    try {
      // An access token given: the environment's API key is not added (Billit takes one of them).
      const billit = new Billit({ accessToken: 'billit-token-test', partyId: 'p', baseUrl: billitUrl });
      const started = await billit.identification.start({ RegistrationID: '42', RedirectURL: 'https://a.test/' });
      const [identification] = (await control(name, '/state')).billit.registrations['42'].identifications;
      assert.equal(started.url, `${billitUrl}/itsme/authorize?state=${identification.session}`);
      const sent = (await (await fetch(`${await sandbox()}/_requests/${name}`)).json()).at(-1);
      assert.deepEqual([header(sent, 'Authorization'), header(sent, 'ApiKey')], ['Bearer [redacted]', undefined]);
      const fromEnv = new Billit({ baseUrl: billitUrl, environment: 'sandbox' });
      assert.match(String(fromEnv), /billit/);
    } finally {
      delete process.env.KASSA_BILLIT_API_KEY;
    }
    assert.equal((await sandboxStats(name)).requests, 4);
  });
});
