// Smoke test of the built package itself (pkg/, release profile, as published) under Node's
// test runner: the browser tests exercise a debug build through wasm-bindgen-test, this checks
// that the shipped kassa_web.js + kassa_web_bg.wasm initialise and work end to end.
// Run by test.sh: node --test test/package.test.mjs (needs KASSA_TEST_SERVER).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { initSync, buildRequest, parseResponse, operations, PassportReader } from "../pkg/kassa_web.js";

initSync({ module: await readFile(new URL("../pkg/kassa_web_bg.wasm", import.meta.url)) });

const server = process.env.KASSA_TEST_SERVER;
const config = { publicKey: "public-key-test", secret: "secret-test" };

test("operations() lists the catalog", () => {
  const ops = operations();
  assert.ok(ops.length > 0);
  assert.ok(ops.some((op) => op.id === "passportreader.session.create" && op.retrySafe === true));
});

test("buildRequest keeps big ids exact and redacts when printed", () => {
  const request = buildRequest("passportreader.session.get", { id: 9007199254740993n }, config);
  assert.equal(new TextDecoder().decode(request.body), '{"id":9007199254740993}');
  assert.ok(request.headers.some(([name, value]) => name === "Authorization" && value.startsWith("Basic ")));
  for (const shown of [String(request), JSON.stringify(request)]) {
    assert.ok(shown.includes("[redacted]"), shown);
    assert.ok(!shown.includes("cHVibGljLWtleS10ZXN0OnNlY3JldC10ZXN0"), shown);
  }
});

test("parseResponse gives bigints and typed errors", () => {
  const out = parseResponse("passportreader.session.create", { status: 200, headers: [], body: '{"id": 9007199254740993, "token": "t"}' });
  assert.deepEqual(out, { id: 9007199254740993n, token: "t" });
  assert.throws(
    () => parseResponse("passportreader.session.get", { status: 404, headers: {}, body: '{"error_name": "SessionNotFound"}' }),
    (err) => err instanceof Error && err.name === "ApiError" && err.code === "SessionNotFound" && err.status === 404,
  );
  assert.throws(
    () => buildRequest("passportreader.session.get", { id: "x" }, config),
    (err) => err instanceof Error && err.kind === "validation" && err.field === "id",
  );
});

test("the client talks to the test server", async () => {
  assert.ok(server, "KASSA_TEST_SERVER is not set");
  const token = `node-pkg-${Math.random().toString(16).slice(2)}`;
  const client = new PassportReader({ ...config, baseUrl: `${server}/flaky/${token}`, retry: { initialDelay: 0.01 } });
  const created = await client.session.create({ reference: "p" });
  assert.deepEqual(created, { id: 9007199254740993n, token: "tok-p" });
  const { state } = await client.session.state({ id: 7 });
  assert.equal(state, "VERIFYING_CHIP");
  await assert.rejects(client.session.get({ id: 5 }), (err) => err.name === "ApiError" && err.code === "SessionNotFound");
  assert.ok(!String(client).includes("secret-test"));
});
