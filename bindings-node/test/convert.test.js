// Inputs (src/convert.rs): integers as number or bigint, objects, undefined, and the response
// shapes parseResponse takes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ValidationError, buildRequest, parseResponse } from '../index.js';

const CONFIG = { public_key: 'public-key-test', secret: 'secret-test' };
const body = (request) => new TextDecoder().decode(request.body);
const get = (id) => body(buildRequest('passportreader.session.get', { id }, CONFIG));

describe('params', () => {
  test('integers: number or bigint, the same bytes', () => {
    assert.equal(get(123), '{"id":123}');
    assert.equal(get(123n), '{"id":123}');
    assert.equal(get(5), '{"id":5}');
    assert.equal(get(5n), '{"id":5}');
    assert.equal(get(Number.MAX_SAFE_INTEGER), '{"id":9007199254740991}');
  });

  test('64-bit ids beyond 2^53 survive as bigint', () => {
    assert.equal(get(9007199254740993n), '{"id":9007199254740993}');
    assert.equal(get(2n ** 63n - 1n), '{"id":9223372036854775807}');
    // Session ids are positive (the core refuses others): the lower i64 limit is refused by it.
    assert.throws(() => get(-(2n ** 63n)), (e) => e instanceof ValidationError && e.field === 'id');
  });

  test('numbers that are not exact integers are refused for integer fields', () => {
    for (const id of [1.5, 2 ** 53 + 2, 1e300, -0.5]) {
      assert.throws(() => get(id), (e) => e instanceof ValidationError && e.code === 'invalid_params' && e.field === 'id', String(id));
    }
    // Above i64: the core's own range check.
    assert.throws(() => get(2n ** 63n), (e) => e instanceof ValidationError && e.field === 'id');
    assert.throws(() => get(2n ** 64n), (e) => e instanceof ValidationError && e.field === 'id' && /64-bit/.test(e.message));
  });

  test('undefined members are absent; null and undefined params are {}', () => {
    const create = (params) => body(buildRequest('passportreader.session.create', params, CONFIG));
    assert.equal(create({ reference: undefined }), '{}');
    assert.equal(create(undefined), '{}');
    assert.equal(create(null), '{}');
    assert.equal(create({ reference: null }), '{}');
    assert.equal(JSON.parse(create({ reference: 'r', face_verification: false })).face_verification, false);
    assert.throws(() => buildRequest('passportreader.session.get', undefined, CONFIG), (e) => e.field === 'id');
  });

  test('class instances and null-prototype objects read their own enumerable keys', () => {
    class Params {
      constructor() {
        this.id = 7n;
      }
      get ignored() {
        return 1;
      }
    }
    assert.equal(body(buildRequest('passportreader.session.get', new Params(), CONFIG)), '{"id":7}');
    const bare = Object.assign(Object.create(null), { id: 8 });
    assert.equal(body(buildRequest('passportreader.session.get', bare, CONFIG)), '{"id":8}');
    const hidden = Object.defineProperty({ id: 9 }, 'extra', { value: 1, enumerable: false });
    assert.equal(body(buildRequest('passportreader.session.get', hidden, CONFIG)), '{"id":9}');
  });

  test('config: camelCase and snake_case keys, numbers for seconds', () => {
    const camel = buildRequest('passportreader.session.get', { id: 1 }, { publicKey: 'public-key-test', secret: 'secret-test', baseUrl: 'http://127.0.0.1:1/p', timeout: 2, retry: { maxRetries: 1n } });
    assert.equal(camel.url, 'http://127.0.0.1:1/p/api/v1/session.get');
    assert.throws(
      () => buildRequest('passportreader.session.get', { id: 1 }, { ...CONFIG, timeout: -1 }),
      (e) => e instanceof ValidationError && e.code === 'invalid_config' && e.field === 'timeout',
    );
  });
});

describe('responses', () => {
  const STATE = '{"state": "CREATED"}';
  const parse = (response) => parseResponse('passportreader.session.state', response);

  test('body as string, Uint8Array, Buffer or ArrayBuffer', () => {
    const bytes = new TextEncoder().encode(STATE);
    for (const b of [STATE, bytes, Buffer.from(STATE), bytes.buffer, new Uint8Array(Buffer.from(`xx${STATE}`)).subarray(2)]) {
      assert.deepEqual(parse({ status: 200, headers: [], body: b }), { state: 'CREATED' });
    }
  });

  test('headers as pairs, an object, a Map or fetch Headers; status as number or bigint', () => {
    const error = '{"error_message": "m", "error_name": "E"}';
    const requestId = (headers, status = 500) => {
      try {
        parse({ status, headers, body: error });
      } catch (e) {
        return e.requestId;
      }
      assert.fail('no error');
    };
    assert.equal(requestId([['X-Request-Id', 'a']]), 'a');
    assert.equal(requestId({ 'x-request-id': 'b' }), 'b');
    assert.equal(requestId({ 'x-request-id': ['c', 'd'] }), 'c');
    assert.equal(requestId(new Map([['X-REQUEST-ID', 'e']])), 'e');
    assert.equal(requestId(new Headers({ 'x-request-id': 'f' })), 'f');
    assert.equal(requestId(undefined), null);
    assert.equal(requestId([['x-request-id', 'g']], 500n), 'g');
  });

  test('a missing body reads as empty', () => {
    assert.throws(() => parse({ status: 200 }), (e) => e.kind === 'decode');
  });
});
