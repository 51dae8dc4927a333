// The shared fixtures (tests/fixtures/*.json): every build and parse case through buildRequest
// and parseResponse, integers read as BigInt so values above 2^53 stay exact.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { HttpRequest, buildRequest, parseResponse } from '../index.js';
import { assertKassaError, fixtureFiles, parseJson } from './helpers.js';

const files = fixtureFiles();

test('there are fixtures with build and parse cases', () => {
  assert.ok(files.length > 0);
  assert.ok(files.some(([, f]) => (f.build ?? []).length > 0 && (f.parse ?? []).length > 0));
});

/** `[lower-cased name, value]` pairs, sorted: the headers as a set. */
const headerSet = (headers) => headers.map(([n, v]) => [String(n).toLowerCase(), String(v)]).sort((a, b) => (a.join('\n') < b.join('\n') ? -1 : 1));

for (const [file, fixture] of files) {
  describe(file, () => {
    for (const c of fixture.build ?? []) {
      test(`build: ${c.name}`, () => {
        const config = c.config ?? fixture.config;
        if (c.error) {
          assert.throws(() => buildRequest(c.operation, c.params, config), (e) => assertKassaError(e, c.error));
          return;
        }
        const request = buildRequest(c.operation, c.params, config);
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
        const response = { status: c.response.status, headers: c.response.headers, body: c.response.body };
        if (c.error) {
          assert.throws(() => parseResponse(c.operation, response), (e) => assertKassaError(e, c.error));
          return;
        }
        // Every integer of the expected output is a BigInt (parseJson), so this also checks that
        // every integer of the output is one.
        assert.deepStrictEqual(parseResponse(c.operation, response), c.output);
      });
    }
  });
}
