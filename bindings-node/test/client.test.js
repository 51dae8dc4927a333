// The client against the local provider server (tests/server/server.py): happy path, API errors,
// retries, timeouts, malformed answers, credentials, redaction.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import { ApiError, DecodeError, PassportReader, TransportError, ValidationError } from '../index.js';
import { CREDENTIALS, assertKassaError, rejection, requestCount, scenario } from './helpers.js';

const BIG_ID = 9007199254740993n; // 2^53 + 1: a number cannot hold it

/** A client of a fresh scenario, with fast retries. */
async function client(name, options = {}) {
  const { baseUrl, token } = await scenario(name);
  const reader = new PassportReader({ ...CREDENTIALS, baseUrl, timeout: 5, retry: { initialDelay: 0.01 }, ...options });
  return { reader, token };
}

describe('PassportReader against the local server', () => {
  test('create, state and get: the 64-bit id is exact, an unknown state is kept', async () => {
    const { reader, token } = await client('ok');
    const created = await reader.session.create({ reference: 'order-42', face_verification: true });
    assert.deepStrictEqual(created, { id: BIG_ID, token: 'tok-order-42' });
    assert.equal(typeof created.id, 'bigint');

    assert.deepStrictEqual(await reader.session.state({ id: created.id }), { state: 'CREATED' });
    const session = await reader.session.get({ id: created.id });
    assert.equal(session.id, BIG_ID);
    assert.equal(session.state, 'COMPLETED');
    assert.equal(session.reference, 'ref-1');
    assert.equal(session.given_names, 'Jane');
    assert.equal(session.surname, 'Doe');

    // id 7 has a state kassa does not know: kept as sent; number and bigint ids are the same.
    assert.deepStrictEqual(await reader.session.state({ id: 7 }), { state: 'VERIFYING_CHIP' });
    assert.deepStrictEqual(await reader.session.state({ id: 7n }), { state: 'VERIFYING_CHIP' });
    assert.equal(await requestCount(token), 5);
  });

  test('create without params', async () => {
    const { reader } = await client('ok');
    assert.deepStrictEqual(await reader.session.create(), { id: BIG_ID, token: 'tok-none' });
  });

  test('the generic call and concurrent calls', async () => {
    const { reader, token } = await client('ok');
    const states = await Promise.all(Array.from({ length: 8 }, () => reader.call('passportreader.session.state', { id: BIG_ID })));
    assert.deepStrictEqual(states, Array(8).fill({ state: 'CREATED' }));
    assert.equal(await requestCount(token), 8);
  });

  test('404 becomes an ApiError with the provider code and status', async () => {
    const { reader } = await client('ok');
    const error = await rejection(reader.session.get({ id: 1 }));
    assertKassaError(error, { kind: 'api', code: 'SessionNotFound', status: 404, message: 'No session found with id: 1' });
    assert.ok(error instanceof ApiError);
    assert.equal(error.providerCode, 'SessionNotFound');
    assert.ok(error.body instanceof Uint8Array);
    assert.match(new TextDecoder().decode(error.body), /"error_name": ?"SessionNotFound"/);
  });

  test('a 503 is retried and then succeeds', async () => {
    const { reader, token } = await client('flaky');
    assert.deepStrictEqual(await reader.session.state({ id: BIG_ID }), { state: 'CREATED' });
    assert.equal(await requestCount(token), 2);
  });

  test('without retries the 503 is the answer', async () => {
    const { reader, token } = await client('flaky', { retry: { maxRetries: 0 } });
    const error = await rejection(reader.session.state({ id: BIG_ID }));
    assertKassaError(error, { kind: 'api', code: 'ServiceUnavailable', status: 503 });
    assert.equal(await requestCount(token), 1);
  });

  test('a hanging server times out with a TransportError', async () => {
    const { reader } = await client('hang', { timeout: 0.5, retry: { maxRetries: 0 } });
    const started = performance.now();
    const error = await rejection(reader.session.state({ id: BIG_ID }));
    const elapsed = performance.now() - started;
    assertKassaError(error, { kind: 'transport', code: 'timeout' });
    assert.ok(error instanceof TransportError);
    assert.ok(elapsed >= 400 && elapsed < 5_000, `took ${elapsed} ms`);
  });

  test('a truncated body is a DecodeError', async () => {
    const { reader } = await client('malformed');
    const error = await rejection(reader.session.create({}));
    assertKassaError(error, { kind: 'decode', code: 'decode' });
    assert.ok(error instanceof DecodeError);
    assert.equal(typeof error.offset, 'number');
  });

  test('credentials the server refuses: 401 ApiError', async () => {
    const { reader } = await client('ok', { secret: 'secret-wrong' });
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
