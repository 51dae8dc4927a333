// The one error mapping (src/errors.rs): classes, fields, messages; and bad input of every kind
// becomes a typed error, never a crash.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import {
  ApiError, AuthenticationError, BadRequestError, Billit, CallbackError, ConflictError, DecodeError, Digiteal, KassaError, NotFoundError, PassportReader,
  PermissionDeniedError, RateLimitError, ServerError, SignatureError, Solaris, TransportError, ValidationError, buildRequest, identity, parseResponse,
} from '../index.js';
import { assertKassaError } from './helpers.js';

const CONFIG = { public_key: 'public-key-test', secret: 'secret-test' };
const OP = 'passportreader.session.get';

/** The error `fn` throws. */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

describe('error classes', () => {
  test('a hierarchy of real Errors with a name each', () => {
    for (const cls of [ValidationError, ApiError, TransportError, DecodeError, SignatureError, CallbackError]) {
      assert.ok(cls.prototype instanceof KassaError);
      assert.equal(cls.prototype.name, cls.name);
    }
    for (const cls of [BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, ServerError]) {
      assert.ok(cls.prototype instanceof ApiError);
      assert.equal(cls.prototype.name, cls.name);
    }
    assert.ok(KassaError.prototype instanceof Error);
  });

  test('validation: field, code, the core message, a stack', () => {
    const e = thrown(() => buildRequest(OP, { id: 'x' }, CONFIG));
    assert.ok(e instanceof ValidationError && e instanceof KassaError && e instanceof Error);
    assert.deepEqual([e.name, e.kind, e.code, e.field], ['ValidationError', 'validation', 'invalid_params', 'id']);
    assert.match(e.message, /^invalid `id`: /);
    assert.match(e.stack, /ValidationError: invalid `id`/);
    assert.match(String(e), /^ValidationError: invalid `id`/);
  });

  test('api: status, providerCode, requestId and the raw body', () => {
    const body = '{"error_message": "No session found with id: 5", "error_name": "SessionNotFound"}';
    const e = thrown(() => parseResponse(OP, { status: 404, headers: [['X-Request-Id', 'req-9']], body }));
    assert.ok(e instanceof NotFoundError && e instanceof ApiError && e instanceof KassaError);
    assert.deepEqual(
      [e.name, e.kind, e.code, e.status, e.providerCode, e.requestId, e.retryAfter, e.location],
      ['NotFoundError', 'api', 'SessionNotFound', 404, 'SessionNotFound', 'req-9', null, null],
    );
    assert.equal(e.message, 'HTTP 404 SessionNotFound: No session found with id: 5 (request id req-9)');
    assert.ok(e.body instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(e.body), body);
  });

  test('api: the status picks the subclass (as Python names them); retryAfter and location', () => {
    const classes = [
      [400, BadRequestError], [422, BadRequestError], [401, AuthenticationError], [402, PermissionDeniedError], [403, PermissionDeniedError],
      [404, NotFoundError], [410, NotFoundError], [409, ConflictError], [429, RateLimitError], [500, ServerError], [503, ServerError],
      [599, ServerError], [302, ApiError], [418, ApiError],
    ];
    for (const [status, cls] of classes) {
      const e = thrown(() => parseResponse(OP, { status, body: '' }));
      assert.equal(Object.getPrototypeOf(e), cls.prototype, `${status}: ${e.name}`);
      assert.equal(e.name, cls.name);
      assert.ok(e instanceof ApiError);
      for (const other of [BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, ServerError]) {
        if (other !== cls) assert.ok(!(e instanceof other), `${status} is a ${other.name}`);
      }
    }
    const limited = thrown(() => parseResponse(OP, { status: 429, headers: { 'Retry-After': '7' }, body: '' }));
    assert.deepEqual([limited.name, limited.retryAfter, limited.location], ['RateLimitError', 7, null]);
    const moved = thrown(() => parseResponse(OP, { status: 302, headers: { Location: 'https://elsewhere.test/x' }, body: '' }));
    assert.deepEqual([moved.name, moved.status, moved.location, moved.retryAfter], ['ApiError', 302, 'https://elsewhere.test/x', null]);
    assert.match(moved.message, /redirect to https:\/\/elsewhere\.test\/x, not followed/);
  });

  test('api without a provider code: http_<status>, nulls', () => {
    const e = thrown(() => parseResponse(OP, { status: 502, body: new Uint8Array([0xff, 0]) }));
    assert.deepEqual([e.code, e.status, e.providerCode, e.requestId], ['http_502', 502, null, null]);
    assert.deepEqual([...e.body], [0xff, 0]);
  });

  test('decode: field and offset', () => {
    const e = thrown(() => parseResponse('passportreader.session.create', { status: 200, body: '{"id": "1", "token": "t"}' }));
    assert.ok(e instanceof DecodeError);
    assert.deepEqual([e.kind, e.code, e.field], ['decode', 'decode', 'id']);
    assert.equal(typeof e.offset, 'number');
    const truncated = thrown(() => parseResponse('passportreader.session.create', { status: 200, body: '{"id": 1, "token": ' }));
    assert.equal(truncated.field, 'token');
    assert.ok(Number.isInteger(truncated.offset) && truncated.offset > 0 && truncated.offset <= 19, String(truncated.offset));
    // An empty body reads as {}: the missing field is reported at the parent (no field), and
    // there is no byte offset in a body that has no bytes.
    const e2 = thrown(() => parseResponse('passportreader.session.state', { status: 200, body: '' }));
    assert.deepEqual([e2.code, e2.field, e2.offset], ['decode', null, null]);
    assert.match(e2.message, /state/);
  });

  test('messages never contain the secret', () => {
    const secret = 'hunter2-not-prefixed';
    for (const config of [
      { public_key: 'public-key-test', secret },
      { public_key: secret, secret: 'public-key-test' },
      { public_key: 'secret-hunter2', secret: 'public-key-hunter2' },
    ]) {
      const e = thrown(() => buildRequest(OP, { id: 1 }, config));
      assert.ok(e instanceof ValidationError);
      assert.equal(e.code, 'passportreader_credentials');
      for (const text of [e.message, e.stack, inspect(e), JSON.stringify(e)]) {
        assert.ok(!text.includes('hunter2'), text);
      }
    }
  });
});

describe('bad input never crashes', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  let deep = [];
  for (let i = 0; i < 200; i++) deep = [deep];
  const weird = [
    undefined, null, true, 0, -1.5, NaN, Infinity, 'x', Symbol('s'), () => 1, 2n ** 70n, -(2n ** 64n),
    new Date(0), [], [1, [2]], new Map([['a', 1]]), new Uint16Array(2), cyclic, deep, { id: cyclic }, { id: deep },
    { id: Symbol('s') }, { id: () => 1 }, { id: NaN }, { id: 2n ** 64n }, Object.create(null), new Proxy({}, {}),
  ];

  test('buildRequest: any operation, params or config', () => {
    for (const value of weird) {
      for (const args of [[value, { id: 1 }, CONFIG], [OP, value, CONFIG], [OP, { id: 1 }, value], [OP, { id: value }, CONFIG]]) {
        try {
          buildRequest(...args);
        } catch (e) {
          assert.ok(e instanceof ValidationError, `${inspect(args)} threw ${e?.stack ?? e}`);
          assert.equal(typeof e.code, 'string');
          assert.equal(typeof e.field, 'string');
        }
      }
    }
  });

  test('refusals name the field', () => {
    const at = (params) => thrown(() => buildRequest(OP, params, CONFIG));
    // Values are read straight into the core's types: a wrong shape is refused where it is,
    // without walking into it; a free-form value (evidence) is read at most 64 levels deep.
    assertKassaError(at({ id: cyclic }), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(at({ id: deep }), { kind: 'validation', code: 'invalid_params', field: 'id' });
    const evidence = (value) => thrown(() => identity.finish('passportreader:1', { identification: value }));
    assertKassaError(evidence(cyclic), { kind: 'validation', code: 'invalid_params', field: `evidence.identification${'.self'.repeat(64)}` });
    assertKassaError(evidence(deep), { kind: 'validation', code: 'invalid_params', field: `evidence.identification${'[0]'.repeat(64)}` });
    assertKassaError(at({ id: Symbol('s') }), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(at({ id: 2n ** 64n }), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(at({ id: NaN }), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(at({ id: new Date() }), { kind: 'validation', code: 'invalid_params', field: 'id' });
    assertKassaError(thrown(() => buildRequest(OP, { id: 1 }, { ...CONFIG, retry: { maxRetries: () => 1 } })), {
      kind: 'validation',
      code: 'invalid_config',
      field: 'retry.maxRetries',
    });
  });

  test('parseResponse: any operation or response', () => {
    const responses = [...weird, { status: 99999 }, { status: 1.5 }, { status: '200' }, { status: 200, headers: 5 }, { status: 200, headers: [['a']] },
      { status: 200, headers: [[1, 2]] }, { status: 200, headers: { a: 1 } }, { status: 200, body: 5 }, { status: 200, body: {} }, { status: 200, body: new Uint16Array(1) }];
    for (const value of weird) {
      try {
        parseResponse(value, { status: 200, body: '{"state": "CREATED"}' });
      } catch (e) {
        assert.ok(e instanceof ValidationError, `${inspect(value)} threw ${e?.stack ?? e}`);
        assert.equal(e.field, 'operation');
      }
    }
    for (const response of responses) {
      const e = thrown(() => parseResponse('passportreader.session.state', response));
      assert.ok(e instanceof KassaError, `${inspect(response)} threw ${e?.stack ?? e}`);
    }
    assertKassaError(thrown(() => parseResponse('passportreader.session.state', { status: 70000 })), { kind: 'validation', code: 'invalid_response', field: 'status' });
    // The core's one reader of {status, headers, body} names the part's path.
    assertKassaError(thrown(() => parseResponse('passportreader.session.state', { status: 200, headers: [['a']] })), { kind: 'validation', code: 'invalid_response', field: 'headers[0]' });
    assertKassaError(thrown(() => parseResponse('passportreader.session.state', { status: 200, body: 5 })), { kind: 'validation', code: 'invalid_response', field: 'body' });
    assertKassaError(thrown(() => parseResponse('passportreader.session.state', 'nope')), { kind: 'validation', code: 'invalid_response', field: 'response' });
  });

  test('a throwing getter throws its own error, unchanged', () => {
    const boom = new RangeError('boom');
    const params = {
      get id() {
        throw boom;
      },
    };
    assert.throws(() => buildRequest(OP, params, CONFIG), (e) => e === boom);
    const proxy = new Proxy({}, { ownKeys() { throw boom; } });
    assert.throws(() => buildRequest(OP, proxy, CONFIG), (e) => e === boom);
  });

  test('clients: bad options throw typed errors, bad calls reject', async () => {
    for (const value of weird) {
      for (const Client of [PassportReader, Billit, Solaris, Digiteal]) {
        try {
          new Client(value);
        } catch (e) {
          assert.ok(e instanceof ValidationError, `${Client.name}(${inspect(value)}) threw ${e?.stack ?? e}`);
        }
        try {
          new Client({ apiKey: value, clientId: value, clientSecret: value, publicKey: value, secret: value, username: value, password: value, baseUrl: value });
        } catch (e) {
          assert.ok(e instanceof ValidationError, `${Client.name}(${inspect(value)}) threw ${e?.stack ?? e}`);
        }
      }
    }
    // Nothing may be sent: the port is closed, and a request would be a TransportError.
    const client = new PassportReader({ publicKey: 'public-key-test', secret: 'secret-test', baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 } });
    const notAnId = (v) => !(typeof v === 'number' && Number.isInteger(v)) && !(typeof v === 'bigint' && v >= -(2n ** 63n) && v < 2n ** 63n);
    for (const value of weird) {
      await assert.rejects(client.identity.start(value), ValidationError);
      if (typeof value !== 'string') await assert.rejects(client.identity.start({ subject: value }), ValidationError, inspect(value));
      await assert.rejects(client.identity.check(value), ValidationError);
      await assert.rejects(client.identity.check('passportreader:x', { expiresAt: value }), ValidationError);
      await assert.rejects(client.call(value, { id: 1 }), ValidationError);
      if (value !== undefined && notAnId(value)) await assert.rejects(client.call(OP, { id: value }), ValidationError, inspect(value));
    }
    // Digiteal's bytes param: anything but bytes, text or a list of octets is refused, unsent.
    const digiteal = new Digiteal({ username: 'u', password: 'p', baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 } });
    for (const value of [...weird, [1, 256], [-1], [1.5], ['a'], { hex: '00' }]) {
      if (typeof value === 'string' || value instanceof Uint16Array || (Array.isArray(value) && value.length === 0)) continue;
      await assert.rejects(digiteal.invoices.sendDocument({ uuid: 'u', document: value, boundary: 'b' }), ValidationError, inspect(value));
    }
  });
});
