// The client against `kassa sandbox` (sessions moving through their states, API errors, retries
// and timeouts forced with its control endpoints, credentials) and against the stand-in
// tests/server/server.py for what the sandbox does not do on purpose (a state kassa does not know,
// a truncated JSON answer); then input checks and redaction.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, DecodeError, PassportReader, TransportError, ValidationError } from '../index.js';
import { CREDENTIALS, assertKassaError, control, rejection, requestCount, sandboxStats, scenario, tenant } from './helpers.js';

const BIG_ID = 9007199254740993n; // 2^53 + 1: a number cannot hold it

/** A client of a fresh scenario, with fast retries. */
async function client(name, options = {}) {
  const { baseUrl, token } = await scenario(name);
  const reader = new PassportReader({ ...CREDENTIALS, baseUrl, timeout: 5, retry: { initialDelay: 0.01 }, ...options });
  return { reader, token };
}

/** A client of a fresh sandbox tenant, with fast retries. */
async function onSandbox(options = {}) {
  const { baseUrl, tenant: name } = await tenant('passportreader');
  const reader = new PassportReader({ ...CREDENTIALS, baseUrl, timeout: 5, retry: { initialDelay: 0.01 }, ...options });
  return { reader, tenant: name };
}

/** The sandbox's sessions of a tenant: `Map(id -> {token, reference, state})`. */
async function sessions(name) {
  return new Map((await control(name, '/passportreader/sessions')).map((s) => [s.id, s]));
}

/** One step of a session (the user, the provider), through the control endpoint. */
const step = (name, id, state) => control(name, `/passportreader/sessions/${id}/state`, { state });

describe('PassportReader against the sandbox', () => {
  test('create, state and get through the states: the 64-bit id is exact', async () => {
    const { reader, tenant: name } = await onSandbox();
    const created = await reader.session.create({ reference: 'order-42', face_verification: true });
    assert.equal(typeof created.id, 'bigint');
    assert.deepStrictEqual(created, { id: BIG_ID, token: (await sessions(name)).get(BIG_ID).token });

    assert.deepStrictEqual(await reader.session.state({ id: created.id }), { state: 'CREATED' });
    await step(name, created.id, 'INITIATED');
    assert.deepStrictEqual(await reader.session.state({ id: created.id }), { state: 'INITIATED' });
    await step(name, created.id, 'COMPLETED');
    const session = await reader.session.get({ id: created.id });
    assert.equal(session.id, BIG_ID);
    assert.equal(session.state, 'COMPLETED');
    assert.equal(session.reference, 'order-42');
    assert.equal(session.given_names, 'Jane');
    assert.equal(session.surname, 'Doe');
    await step(name, created.id, 'APPROVED');
    // Number and bigint ids are the same session (this one fits a double: a second session).
    const second = await reader.session.create();
    assert.equal(second.id, BIG_ID + 1n);
    assert.deepStrictEqual(await reader.session.state({ id: BIG_ID }), { state: 'APPROVED' });
    assert.deepStrictEqual(await reader.session.state({ id: second.id }), { state: 'CREATED' });
    assert.equal((await sandboxStats(name)).requests, 7);
  });

  test('create without params', async () => {
    const { reader, tenant: name } = await onSandbox();
    const created = await reader.session.create();
    const held = (await sessions(name)).get(BIG_ID);
    assert.deepStrictEqual(created, { id: BIG_ID, token: held.token });
    assert.equal(held.reference, null);
  });

  test('the generic call and concurrent calls', async () => {
    const { reader, tenant: name } = await onSandbox();
    await reader.session.create();
    const states = await Promise.all(Array.from({ length: 8 }, () => reader.call('passportreader.session.state', { id: BIG_ID })));
    assert.deepStrictEqual(states, Array(8).fill({ state: 'CREATED' }));
    const made = await Promise.all(Array.from({ length: 4 }, (_, i) => reader.session.create({ reference: `c${i}` })));
    const held = await sessions(name);
    for (const [i, m] of made.entries()) assert.deepStrictEqual([held.get(m.id).reference, held.get(m.id).token], [`c${i}`, m.token]);
    assert.equal(new Set(made.map((m) => m.id)).size, 4);
    assert.equal((await sandboxStats(name)).requests, 13);
  });

  test('404 becomes an ApiError with the provider code and status', async () => {
    const { reader } = await onSandbox();
    const error = await rejection(reader.session.get({ id: 1 }));
    assertKassaError(error, { kind: 'api', code: 'SessionNotFound', status: 404, message: 'No session found with id: 1' });
    assert.ok(error instanceof ApiError);
    assert.equal(error.providerCode, 'SessionNotFound');
    assert.ok(error.body instanceof Uint8Array);
    assert.match(new TextDecoder().decode(error.body), /"error_name": ?"SessionNotFound"/);
    assert.match(error.requestId, /^req-[0-9a-f]{12}$/);
  });

  test('a 503 is retried and then succeeds', async () => {
    const { reader, tenant: name } = await onSandbox();
    await reader.session.create();
    await control(name, '/faults/next', { fault: '503' });
    assert.deepStrictEqual(await reader.session.state({ id: BIG_ID }), { state: 'CREATED' });
    assert.equal((await sandboxStats(name)).requests, 3);
  });

  test('without retries the 503 is the answer', async () => {
    const { reader, tenant: name } = await onSandbox({ retry: { maxRetries: 0 } });
    await control(name, '/faults/next', { fault: '503' });
    const error = await rejection(reader.session.create());
    assertKassaError(error, { kind: 'api', code: 'ServiceUnavailable', status: 503 });
    assert.equal((await sandboxStats(name)).requests, 1);
    assert.equal((await sessions(name)).size, 0); // nothing was processed
  });

  test('a hanging server times out with a TransportError', async () => {
    const { reader, tenant: name } = await onSandbox({ timeout: 0.5, retry: { maxRetries: 0 } });
    await control(name, '/faults/next', { fault: 'hang' });
    const started = performance.now();
    const error = await rejection(reader.session.state({ id: BIG_ID }));
    const elapsed = performance.now() - started;
    assertKassaError(error, { kind: 'transport', code: 'timeout' });
    assert.ok(error instanceof TransportError);
    assert.ok(elapsed >= 400 && elapsed < 5_000, `took ${elapsed} ms`);
  });

  test('credentials the sandbox refuses (it runs --strict): 401 ApiError', async () => {
    const { reader } = await onSandbox({ secret: 'secret-wrong' });
    const error = await rejection(reader.session.state({ id: BIG_ID }));
    assertKassaError(error, { kind: 'api', code: 'Unauthorized', status: 401 });
    assert.ok(!inspect(error).includes('secret-wrong'));
  });

  test('a connection refused is a TransportError', async () => {
    // Port 9 on loopback (discard) is closed here; connect errors are retried, so no retries.
    const reader = new PassportReader({ ...CREDENTIALS, baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 } });
    const error = await rejection(reader.session.state({ id: 1 }));
    assert.ok(error instanceof TransportError);
    assert.equal(error.code, 'connect');
  });
});

describe('PassportReader against the stand-in (deliberately wrong answers)', () => {
  test('a state kassa does not know is kept as sent; number and bigint ids are the same', async () => {
    const { reader, token } = await client('ok');
    assert.deepStrictEqual(await reader.session.state({ id: 7 }), { state: 'VERIFYING_CHIP' });
    assert.deepStrictEqual(await reader.session.state({ id: 7n }), { state: 'VERIFYING_CHIP' });
    assert.equal(await requestCount(token), 2);
  });

  test('a truncated body is a DecodeError', async () => {
    const { reader } = await client('malformed');
    const error = await rejection(reader.session.create({}));
    assertKassaError(error, { kind: 'decode', code: 'decode' });
    assert.ok(error instanceof DecodeError);
    assert.equal(typeof error.offset, 'number');
  });
});

describe('client input checks', () => {
  test('a secret without its prefix is refused up front, without showing it', () => {
    const secret = 'xyzzy-not-prefixed-83415';
    let caught;
    assert.throws(
      () => new PassportReader({ publicKey: 'public-key-test', secret }),
      (e) => {
        caught = e;
        return assertKassaError(e, { kind: 'validation', code: 'passportreader_credentials', field: 'secret' });
      },
    );
    assert.ok(caught instanceof ValidationError);
    for (const shown of [caught.message, String(caught), inspect(caught), caught.stack, JSON.stringify(caught)]) {
      assert.ok(!shown.includes(secret), shown);
    }
  });

  test('a public key without its prefix names public_key', () => {
    assert.throws(
      () => new PassportReader({ publicKey: 'test', secret: 'secret-test' }),
      (e) => assertKassaError(e, { kind: 'validation', code: 'passportreader_credentials', field: 'public_key' }),
    );
  });

  test('a missing option, an unknown option and plain http to a remote host', () => {
    assert.throws(() => new PassportReader({ publicKey: 'public-key-test' }), (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_config', field: 'secret' }));
    assert.throws(() => new PassportReader(undefined), (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_config' }));
    assert.throws(
      () => new PassportReader({ ...CREDENTIALS, baseURL: 'https://x.test' }),
      (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_config', field: 'baseURL' }),
    );
    assert.throws(
      () => new PassportReader({ ...CREDENTIALS, baseUrl: 'http://passportreader.example' }),
      (e) => assertKassaError(e, { kind: 'validation', code: 'insecure_base_url', field: 'base_url' }),
    );
    assert.throws(
      () => new PassportReader({ ...CREDENTIALS, retry: { maxRetries: -1 } }),
      (e) => assertKassaError(e, { kind: 'validation', code: 'invalid_config' }),
    );
  });

  test('bad params reject (never throw synchronously) with the field', async () => {
    const reader = new PassportReader({ ...CREDENTIALS, baseUrl: 'http://127.0.0.1:9' });
    const promise = reader.session.get({ id: 'x' });
    assert.ok(promise instanceof Promise);
    assertKassaError(await rejection(promise), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(await rejection(reader.session.get()), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(await rejection(reader.session.state({ id: 1, extra: true })), { kind: 'validation', code: 'invalid_params', field: 'extra' });
  });

  test('operations of another provider or unknown ids are refused', async () => {
    const reader = new PassportReader(CREDENTIALS);
    assertKassaError(await rejection(reader.call('passportreader.session.delete', {})), { kind: 'validation', code: 'unknown_operation', field: 'operation' });
    assertKassaError(await rejection(reader.call(42, {})), { kind: 'validation', code: 'unknown_operation', field: 'operation' });
  });
});

describe('client redaction', () => {
  test('inspect, toString and JSON show no secret', () => {
    const secret = 'secret-do-not-print-5521';
    const reader = new PassportReader({ publicKey: 'public-key-test', secret, baseUrl: 'http://127.0.0.1:9' });
    const shown = [inspect(reader), String(reader), `${reader}`, JSON.stringify(reader), inspect(reader, { showHidden: true, depth: 10 })];
    for (const text of shown) {
      assert.ok(!text.includes(secret), text);
      assert.ok(!text.includes(Buffer.from(`public-key-test:${secret}`).toString('base64')), text);
    }
    // The core's description of the client: provider and base URL, never a credential.
    assert.match(String(reader), /^PassportReader .*passportreader.*127\.0\.0\.1:9/);
    assert.equal(inspect(reader), String(reader));
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(reader))).sort(), ['client', 'config', 'provider']);
    assert.equal(reader.provider, 'passportreader');
  });
});
