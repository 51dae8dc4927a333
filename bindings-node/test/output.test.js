// Outputs (bindings-js/src/ser.rs): ids (the core's `x-kassa-id`) are bigint, exact; every other
// integer is a number, and one a number cannot hold is a DecodeError naming it (never rounded);
// outputs holding ids or secrets are JSON-safe (ids as decimal strings) and print no secret;
// strings, nulls and unknown enum values as sent; keys in the core's field order.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';

import { DecodeError, parseResponse } from '../index.js';

const ok = (operation, body) => parseResponse(operation, { status: 200, headers: [], body });

test('ids are bigint, exact above 2^53 and at the i64 limits; JSON gives their digits', () => {
  for (const id of ['0', '123', '-7', '9007199254740993', '9223372036854775807', '-9223372036854775808']) {
    const out = ok('passportreader.session.create', `{"id": ${id}, "token": "t"}`);
    assert.equal(typeof out.id, 'bigint');
    assert.equal(out.id, BigInt(id));
    assert.equal(JSON.stringify(out), `{"id":"${id}","token":"t"}`);
    assert.deepEqual(Object.keys(out), ['id', 'token']);
  }
  // An id inside a list: each element object is JSON-safe.
  const contracts = ok('digiteal.kyc.company_contracts', '[{"id": 9007199254740993, "language": "fr"}, {"id": null}]');
  assert.equal(contracts[0].id, 9007199254740993n);
  assert.equal(JSON.stringify(contracts), '[{"id":"9007199254740993","language":"fr","name":null,"url":null},{"id":null,"language":null,"name":null,"url":null}]');
});

test('other integers are numbers; beyond 2^53 a DecodeError naming the field, never a rounded number', () => {
  const token = ok('solaris.auth.token', '{"access_token": "t", "expires_in": 3599}');
  assert.equal(token.expires_in, 3599);
  const sdd = (cents) => ok('digiteal.sdd.transfer_person', `{"currency": "EUR", "thresholdInCents": ${cents}}`);
  assert.equal(sdd(9007199254740991).thresholdInCents, 9007199254740991);
  assert.equal(sdd(-9007199254740991).thresholdInCents, -9007199254740991);
  for (const cents of ['9007199254740992', '9007199254740993', '-9007199254740993', '9223372036854775807']) {
    assert.throws(() => sdd(cents), (e) => e instanceof DecodeError && e.code === 'decode' && e.field === 'thresholdInCents' && /2\^53/.test(e.message), cents);
  }
});

test('secrets of an output print and serialise redacted; the value is there to read', () => {
  const token = ok('solaris.auth.token', '{"access_token": "sol-tok-secret-77", "expires_in": 3599, "token_type": "bearer"}');
  assert.equal(token.access_token, 'sol-tok-secret-77');
  for (const shown of [inspect(token), inspect({ nested: token }, { depth: 5 }), JSON.stringify(token), JSON.stringify([token])]) {
    assert.ok(!shown.includes('sol-tok-secret-77'), shown);
    assert.ok(shown.includes('[redacted]'), shown);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(token)), { access_token: '[redacted]', expires_in: 3599, scope: null, token_type: 'bearer' });
  const config = ok('digiteal.webhooks.get_configuration', '{"login": "l", "password": "NotProvidedForSecurityReasons", "webHooks": []}');
  assert.equal(config.password, 'NotProvidedForSecurityReasons');
  assert.ok(!inspect(config).includes('NotProvided') && inspect(config).includes("password: '[redacted]'"), inspect(config));
  // Nothing to hide: a null secret shows as null.
  assert.equal(JSON.parse(JSON.stringify(ok('digiteal.webhooks.get_configuration', '{"login": "l"}'))).password, null);
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
  assert.deepStrictEqual(structuredClone(ok('passportreader.session.create', '{"id": 1, "token": "t"}')), { id: 1n, token: 't' });
});
