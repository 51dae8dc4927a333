// The shared fixtures (tests/fixtures/*.json): every build and parse case through buildRequest
// and parseResponse, integers read as BigInt so values above 2^53 stay exact (and compared as
// kassa gives them: ids as BigInt, other integers as numbers), `{"hex": ...}` in params and
// outputs as bytes (Uint8Array) and `response.body_hex` as the body's bytes; every output
// survives JSON.stringify.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { DecodeError, HttpRequest, buildRequest, parseResponse } from '../index.js';
import { UnsafeInteger, asJson, asOutput, assertKassaError, fixtureFiles, markedKeys, parseJson, unhex } from './helpers.js';

const files = fixtureFiles();
const marked = markedKeys();

test('there are fixtures with build and parse cases, bytes in and out', () => {
  assert.ok(files.length > 0);
  assert.ok(files.some(([, f]) => (f.build ?? []).length > 0 && (f.parse ?? []).length > 0));
  const cases = files.flatMap(([, f]) => [...(f.build ?? []), ...(f.parse ?? [])]);
  const hasBytes = (v) => v instanceof Uint8Array || (v !== null && typeof v === 'object' && Object.values(v).some(hasBytes));
  assert.ok(cases.some((c) => hasBytes(unhex(c.params ?? null))), 'no build case with bytes params');
  assert.ok(cases.some((c) => hasBytes(unhex(c.output ?? null))), 'no parse case with a bytes output');
  assert.ok(cases.some((c) => c.response && 'body_hex' in c.response), 'no parse case with body_hex');
});

/** `[lower-cased name, value]` pairs, sorted: the headers as a set. */
const headerSet = (headers) => headers.map(([n, v]) => [String(n).toLowerCase(), String(v)]).sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));

for (const [file, fixture] of files) {
  describe(file, () => {
    for (const c of fixture.build ?? []) {
      test(`build: ${c.name}`, () => {
        const config = c.config ?? fixture.config;
        const params = unhex(c.params);
        if (c.error?.field === 'boundary' && !Object.hasOwn(c.params ?? {}, 'boundary')) {
          // The core draws no randomness, so it needs the caller's boundary; buildRequest draws
          // one when params give none (issue 8).
          const type = buildRequest(c.operation, params, config).headers.find(([n]) => n.toLowerCase() === 'content-type');
          assert.match(type[1], /^multipart\/form-data; boundary=kassa-[0-9a-f]{28}$/);
          return;
        }
        if (c.error) {
          assert.throws(() => buildRequest(c.operation, params, config), (e) => assertKassaError(e, c.error));
          return;
        }
        const request = buildRequest(c.operation, params, config);
        assert.ok(request instanceof HttpRequest);
        const expected = c.request;
        assert.equal(request.method, expected.method);
        assert.equal(request.url, expected.url);
        assert.deepEqual(headerSet(request.headers), headerSet(expected.headers));
        const text = new TextDecoder('utf-8', { fatal: true }).decode(request.body);
        if ('json' in expected) assert.deepEqual(parseJson(text), expected.json);
        else if ('body' in expected) assert.equal(text, expected.body);
        else assert.equal(request.body.length, 0);
      });
    }
    for (const c of fixture.parse ?? []) {
      test(`parse: ${c.name}`, () => {
        const known = new Set(['status', 'headers', 'body', 'body_hex']);
        for (const key of Object.keys(c.response)) assert.ok(known.has(key), `the runner does not know the response key \`${key}\``);
        const body = 'body_hex' in c.response ? unhex({ hex: c.response.body_hex }) : c.response.body;
        const response = { status: c.response.status, headers: c.response.headers, body };
        if (c.error) {
          assert.throws(() => parseResponse(c.operation, response), (e) => assertKassaError(e, c.error));
          return;
        }
        // Ids are BigInt, every other integer a number (asOutput, from the schema's id marks);
        // `{"hex": ...}` stands for bytes: the output must hold a Uint8Array there.
        let expected;
        try {
          expected = asOutput(unhex(c.output), marked.ids);
        } catch (unsafe) {
          // A typed integer beyond 2^53: refused, never rounded.
          if (!(unsafe instanceof UnsafeInteger)) throw unsafe;
          assert.throws(() => parseResponse(c.operation, response), (e) => e instanceof DecodeError && e.field.split('.').pop() === unsafe.message);
          return;
        }
        const output = parseResponse(c.operation, response);
        assert.deepStrictEqual(output, expected);
        // JSON-safe: ids as decimal strings, secrets redacted, everything else as it is.
        assert.deepStrictEqual(JSON.parse(JSON.stringify(output)), asJson(unhex(c.output), marked));
      });
    }
  });
}
