// The test helper that reads JSON with exact integers: it must agree with JSON.parse except that
// integers are BigInt.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseJson } from './helpers.js';

test('integers become BigInt, exactly', () => {
  assert.deepStrictEqual(parseJson('{"id": 9007199254740993, "n": -1, "z": 0}'), { id: 9007199254740993n, n: -1n, z: 0n });
  assert.equal(parseJson('18446744073709551615'), 18446744073709551615n);
});

test('other values match JSON.parse', () => {
  const text = '{"a": [1.5, -2e3, true, false, null, "x\\"y\\u00e9\\\\"], "b": {}, "c": [], "d": " \\n "}';
  const expected = JSON.parse(text);
  expected.a = expected.a.map((v) => v);
  assert.deepStrictEqual(parseJson(text), expected);
});

test('malformed JSON is refused', () => {
  for (const bad of ['{', '[1,]', '{"a" 1}', '01', '1 2', '"abc', 'nul', '{"a":1,}']) {
    assert.throws(() => parseJson(bad), SyntaxError, bad);
  }
});
