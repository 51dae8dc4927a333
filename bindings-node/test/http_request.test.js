// HttpRequest (src/request.rs + index.js): the real values through the getters, credentials
// redacted in every printed form.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format, inspect } from 'node:util';

import { HttpRequest, buildRequest } from '../index.js';

const SECRET = 'secret-zq9-never-printed';
const AUTH = `Basic ${Buffer.from(`public-key-test:${SECRET}`).toString('base64')}`;
const request = () => buildRequest('passportreader.session.create', { reference: 'r-1' }, { public_key: 'public-key-test', secret: SECRET });

test('the getters hold what is sent', () => {
  const r = request();
  assert.ok(r instanceof HttpRequest);
  assert.equal(r.method, 'POST');
  assert.equal(r.url, 'https://passportreader.app/api/v1/session.create');
  assert.deepEqual(r.headers, [['Authorization', AUTH], ['Content-Type', 'application/json'], ['Accept', 'application/json']]);
  assert.ok(r.body instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(r.body), '{"reference":"r-1"}');
  // Each access is a copy: mutating it changes nothing.
  r.body[0] = 0;
  assert.equal(r.body[0], '{'.charCodeAt(0));
});

test('inspect, console formatting, toString and JSON redact the credential', () => {
  const r = request();
  const printed = [inspect(r), inspect(r, { depth: 10, showHidden: true }), format('%o', r), format('%s', r), String(r), `${r}`, JSON.stringify(r), JSON.stringify({ r })];
  for (const text of printed) {
    assert.ok(!text.includes(SECRET), text);
    assert.ok(!text.includes(AUTH.slice(6)), text);
  }
  for (const text of [inspect(r), String(r), JSON.stringify(r)]) {
    assert.match(text, /\[redacted\]/);
    assert.match(text, /application\/json/);
    assert.match(text, /session\.create/);
  }
  assert.deepEqual(r.toJSON(), {
    method: 'POST',
    url: 'https://passportreader.app/api/v1/session.create',
    headers: [['Authorization', '[redacted]'], ['Content-Type', 'application/json'], ['Accept', 'application/json']],
    body: '{"reference":"r-1"}',
  });
});

test('HttpRequest cannot be constructed from JavaScript', () => {
  assert.throws(() => new HttpRequest());
});
