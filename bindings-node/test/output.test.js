// Outputs (src/output.rs): every integer a bigint, exact; strings, nulls and unknown enum values
// as sent; keys in the core's field order.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseResponse } from '../index.js';

const ok = (operation, body) => parseResponse(operation, { status: 200, headers: [], body });

test('integers are bigint, exact above 2^53 and at the i64 limits', () => {
  for (const id of ['0', '123', '-7', '9007199254740993', '9223372036854775807', '-9223372036854775808']) {
    const out = ok('passportreader.session.create', `{"id": ${id}, "token": "t"}`);
    assert.equal(typeof out.id, 'bigint');
    assert.equal(out.id, BigInt(id));
  }
});

test('a whole session: bigint id, strings, nulls, unknown state kept, field order', () => {
  const out = ok('passportreader.session.get', '{"state": "VERIFYING_CHIP", "id": 42, "surname": "Doe", "unknown_later": {"x": 1}}');
  assert.equal(out.id, 42n);
  assert.equal(out.state, 'VERIFYING_CHIP');
  assert.equal(out.surname, 'Doe');
  assert.equal(out.given_names, null);
  assert.ok(!('unknown_later' in out));
  assert.deepEqual(Object.keys(out).slice(0, 4), ['id', 'created', 'expires', 'state']);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  for (const [key, value] of Object.entries(out)) {
    assert.ok(key === 'id' ? typeof value === 'bigint' : value === null || typeof value === 'string', key);
  }
});

test('every output is a fresh plain value', () => {
  const a = ok('passportreader.session.state', '{"state": "CREATED"}');
  const b = ok('passportreader.session.state', '{"state": "CREATED"}');
  assert.notEqual(a, b);
  a.state = 'changed';
  assert.equal(b.state, 'CREATED');
});
