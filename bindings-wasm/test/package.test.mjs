// Smoke test of the built package itself (pkg/, release profile, as published) under Node's
// test runner: the browser tests exercise a debug build through wasm-bindgen-test, this checks
// that the shipped kassa_web.js + kassa_web_bg.wasm initialise and work end to end.
// Run by test.sh: node --test test/package.test.mjs (needs KASSA_SANDBOX and KASSA_TEST_SERVER).
// It also runs every case of tests/fixtures/functions/*.json through the shipped namespace objects
// (`kassa.epc.build(...)`), and the clients and the identity flow against `kassa sandbox` (each
// test in a tenant of its own; what it holds read through its control endpoints), and a state
// kassa does not know against the stand-in (tests/server/server.py).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { readdir } from "node:fs/promises";

import * as kassa from "../pkg/kassa_web.js";
import { initSync, buildRequest, parseResponse, operations, PassportReader, Billit, Solaris, Digiteal } from "../pkg/kassa_web.js";
import { requiredFields } from "../../bindings-js/test/required.js";
import { markedKeys } from "../../bindings-js/test/outputs.js";

initSync({ module: await readFile(new URL("../pkg/kassa_web_bg.wasm", import.meta.url)) });

requiredFields(kassa, test, assert);

const server = process.env.KASSA_TEST_SERVER;
const sandbox = process.env.KASSA_SANDBOX;
const config = { publicKey: "public-key-test", secret: "secret-test" };
const BIG_ID = 9007199254740993n;

const token = (p) => `${p}-${Math.random().toString(16).slice(2)}`;
/** The base URL of `provider` in the sandbox tenant `t`. */
const inTenant = (provider, t) => `${sandbox}/${provider}/t/${t}`;
/** A control endpoint of the sandbox for tenant `t`: POST with the JSON `body`, or GET without one. */
async function control(t, path, body) {
  assert.ok(sandbox, "KASSA_SANDBOX is not set");
  const init = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(`${sandbox}/_sandbox/t/${t}${path}`, init);
  const text = await response.text();
  assert.equal(response.status, 200, `${path}: ${text}`);
  return JSON.parse(text);
}
const stats = (t) => control(t, "/stats");

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

test("parseResponse gives bigint ids, number integers, JSON-safe outputs and typed errors", () => {
  const out = parseResponse("passportreader.session.create", { status: 200, headers: [], body: '{"id": 9007199254740993, "token": "t"}' });
  assert.deepEqual(out, { id: 9007199254740993n, token: "t" });
  assert.equal(JSON.stringify(out), '{"id":"9007199254740993","token":"t"}');
  const token = parseResponse("solaris.auth.token", { status: 200, body: '{"access_token": "tok-secret-1", "expires_in": 3599}' });
  assert.equal(token.expires_in, 3599);
  assert.ok(!JSON.stringify(token).includes("tok-secret-1"));
  assert.throws(
    () => parseResponse("passportreader.session.get", { status: 404, headers: {}, body: '{"error_name": "SessionNotFound"}' }),
    (err) => err instanceof kassa.NotFoundError && err instanceof kassa.ApiError && err.name === "NotFoundError" && err.code === "SessionNotFound" && err.status === 404,
  );
  assert.throws(
    () => buildRequest("passportreader.session.get", { id: "x" }, config),
    (err) => err instanceof Error && err.kind === "validation" && err.field === "id",
  );
});

test("the client talks to the sandbox", async () => {
  const t = token("node-pkg");
  const client = new PassportReader({ ...config, baseUrl: inTenant("passportreader", t), retry: { initialDelay: 0.01 } });
  // A 503 forced on the first request: the create is retried.
  await control(t, "/faults/next", { fault: "503", count: 1 });
  const created = await client.session.create({ reference: "p" });
  const [held] = await control(t, "/passportreader/sessions");
  assert.deepEqual(created, { id: BIG_ID, token: held.token });
  assert.equal(held.reference, "p");
  assert.equal((await client.session.state({ id: created.id })).state, "CREATED");
  await assert.rejects(client.session.get({ id: 5 }), (err) => err.name === "NotFoundError" && err.code === "SessionNotFound");
  // Per-call options reach the call (the second argument).
  const raw = await client.withRawResponse.session.state({ id: created.id }, { timeout: 5, extraHeaders: { "X-Trace": "pkg" } });
  assert.deepEqual([raw.data.state, raw.status, raw.attempts], ["CREATED", 200, 1]);
  const sent = (await control(t, "/requests")).at(-1);
  assert.deepEqual(sent.headers.find(([n]) => n.toLowerCase() === "x-trace"), ["x-trace", "pkg"]);
  assert.equal((await stats(t)).requests, 5);
  assert.ok(!String(client).includes("secret-test"));
});

test("a state kassa does not know is kept (the stand-in's session 7)", async () => {
  assert.ok(server, "KASSA_TEST_SERVER is not set");
  const client = new PassportReader({ ...config, baseUrl: `${server}/ok/${token("node-pkg")}` });
  assert.equal((await client.session.state({ id: 7 })).state, "VERIFYING_CHIP");
});

// -- round 2: functions, Billit, Solaris, identity -------------------------------------------------

const fixturesDir = new URL("../../tests/fixtures/functions/", import.meta.url);
const namespaces = ["epc", "ogm", "rf", "iban", "bic", "be", "peppol", "billit", "solaris", "identity", "digiteal.payButtons", "digiteal.links", "digiteal.webhooks"];

const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const hex = (bytes) => Buffer.from(bytes).toString("hex");

/** `a.b` of an object (nested namespaces: `digiteal.payButtons`). */
const at = (object, path) => path.split(".").reduce((o, k) => o?.[k], object);

/** The JS namespace and method of a core function name: `digiteal.pay_buttons.image_url` -> `digiteal.payButtons`, `imageUrl`. */
function jsName(name) {
  const segments = name.split(".");
  const last = segments.pop() ?? "";
  return [segments.map(camel).join("."), camel(last)];
}

const isHex = (v) => v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.hex === "string";

/** Fixture values as JS values: {"hex": "..."} (anywhere) becomes a Uint8Array. */
function value(v) {
  if (isHex(v)) return new Uint8Array(Buffer.from(v.hex, "hex"));
  if (Array.isArray(v)) return v.map(value);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)]));
  return v;
}

/** Every integer in the fixtures must be exact as a double (JSON.parse reads them as numbers). */
function assertSafe(v, where) {
  if (typeof v === "number" && Number.isInteger(v)) assert.ok(Number.isSafeInteger(v), `${where}: ${v} is not exact`);
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) assertSafe(x, `${where}.${k}`);
}

const { ids } = markedKeys(JSON.parse(await readFile(new URL("../../docs/surface.json", import.meta.url), "utf8")));

/** Exact comparison: an expected integer is a bigint with the same value for an id, else the same number. */
function same(got, want, path = "output", key = undefined) {
  if (want === null) return assert.equal(got, null, path);
  if (isHex(want)) {
    assert.ok(got instanceof Uint8Array, `${path}: bytes are a Uint8Array`);
    return assert.equal(hex(got), want.hex, path);
  }
  if (typeof want === "number" && Number.isInteger(want)) {
    const kind = ids.has(key) ? "bigint" : "number";
    assert.equal(typeof got, kind, `${path}: ${kind}, got ${typeof got}`);
    return assert.equal(got, kind === "bigint" ? BigInt(want) : want, path);
  }
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${path}: expected an array`);
    assert.equal(got.length, want.length, `${path}: length`);
    return want.forEach((w, i) => same(got[i], w, `${path}[${i}]`, key));
  }
  if (typeof want === "object") {
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `${path}: keys`);
    return Object.entries(want).forEach(([k, w]) => same(got[k], w, `${path}.${k}`, k));
  }
  assert.equal(got, want, path);
}

function expectOutcome(c, run) {
  let got;
  try {
    got = run();
  } catch (err) {
    assert.ok(c.error, `unexpected error ${err.name}: ${err.message}`);
    assert.ok(err instanceof Error);
    const kind = c.error.kind ?? "validation";
    assert.equal(err.kind, kind);
    const name = { validation: "ValidationError", api: "ApiError", decode: "DecodeError", signature: "SignatureError", callback: "CallbackError" }[kind];
    assert.ok(err.name === name || (kind === "api" && err instanceof kassa.ApiError), err.name);
    assert.ok(err instanceof kassa[name] && err instanceof kassa.KassaError, `${err.name} is not an instance of ${name}`);
    assert.equal(err.code, c.error.code, err.message);
    if (c.error.field !== undefined) {
      assert.equal(err.field, c.error.field);
      if (kind === "validation") assert.ok(err.message.includes(c.error.field), err.message);
    }
    return;
  }
  assert.ok(!c.error, `expected error ${JSON.stringify(c.error)}, got ${String(got)}`);
  if ("output" in c) same(got, c.output);
  else if ("output_startswith" in c) assert.ok(got.startsWith(c.output_startswith), got.slice(0, 80));
  else if ("output_startswith_hex" in c) {
    assert.ok(got instanceof Uint8Array, "bytes are a Uint8Array");
    assert.ok(hex(got).startsWith(c.output_startswith_hex));
  } else assert.fail("a case without an expectation");
}

/** The wrapper's parameter names, read from the shipped function. */
function params(fn) {
  const names = fn.toString().match(/^function\s*[\w$]*\s*\(([^)]*)\)/)[1].split(",").map((s) => s.trim()).filter(Boolean);
  assert.equal(names.length, fn.length);
  return names;
}

test("every function fixture through the namespace objects and callFunction", async () => {
  const names = kassa.functionNames();
  const wrapped = namespaces.flatMap((ns) => Object.keys(at(kassa, ns)).map((m) => [ns, m]));
  assert.equal(wrapped.length, names.length, "one wrapper per core function");
  for (const name of names) {
    const [ns, method] = jsName(name);
    assert.equal(typeof at(kassa, ns)?.[method], "function", `${ns}.${method}`);
  }
  const files = (await readdir(fixturesDir)).filter((f) => f.endsWith(".json")).sort();
  assert.ok(files.length > 0);
  let ran = 0;
  for (const file of files) {
    const { cases } = JSON.parse(await readFile(new URL(file, fixturesDir), "utf8"));
    assertSafe(cases, file);
    for (const c of cases) {
      const what = `${file}: ${c.name}`;
      const [ns, method] = jsName(c.fn);
      const fn = at(kassa, ns)?.[method];
      await test(what, () => {
        // The generic entry point, keyword names as the fixture spells them.
        expectOutcome(c, () => kassa.callFunction(c.fn, c.args.map(value), Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, value(v)]))));
        if (!fn) return assert.equal(c.error?.code, "unknown_function");
        // The wrapper: keyword arguments in their positional slot, else in a camelCase options object.
        const names = params(fn);
        const positional = names.filter((n) => n !== "options");
        const args = c.args.map(value);
        const options = {};
        for (const [k, v] of Object.entries(c.kwargs)) {
          const i = Math.max(positional.indexOf(k), positional.indexOf(camel(k)));
          if (i >= args.length) args[i] = value(v);
          else options[camel(k)] = value(v);
        }
        if (Object.keys(options).length) {
          assert.equal(names.at(-1), "options", `${c.fn} takes no options`);
          while (args.length < positional.length) args.push(undefined);
          args.push(options);
        }
        expectOutcome(c, () => fn(...args));
      });
      ran += 1;
    }
  }
  assert.ok(ran > 100, `only ${ran} cases`);
});

test("Solaris: one token, reused; renewed after a revoke", async () => {
  const t = token("node-sol");
  const c = new Solaris({ clientId: "solaris-client-test", clientSecret: "solaris-secret-test", baseUrl: inTenant("solaris", t) });
  const session = await c.identificationSessions.create({ person_id: "p1", identification_methods: ["idnow"] });
  const ids = { person_id: "p1", identification_session_id: session.id };
  assert.equal((await c.identificationSessions.get(ids)).status, "created");
  assert.equal((await c.identificationSessions.configuration(ids)).fourthline_provider, "fourthline");
  assert.deepEqual(await stats(t), { requests: 3, token_requests: 1 });
  // The token revoked: the next call gets a 401, renews once and succeeds.
  assert.deepEqual(await control(t, "/solaris/tokens/revoke", {}), { tokens: 1 });
  assert.equal((await c.identificationSessions.get(ids)).id, session.id);
  assert.deepEqual(await stats(t), { requests: 5, token_requests: 2 });
  assert.ok(!String(c).includes("solaris-secret-test"));
});

test("Billit: expires_at is now + 300 and the identity flow finishes from the redirect", async () => {
  const t = token("node-billit");
  const c = new Billit({ apiKey: "billit-key-test", baseUrl: inTenant("billit", t) });
  const before = Math.floor(Date.now() / 1000);
  const started = await c.identity.start({ subject: "42", returnUrl: "https://app.test/back" });
  assert.equal(started.reference, "billit:42");
  assert.ok(started.expires_at >= before + 300 && started.expires_at <= before + 302, String(started.expires_at));
  // The user confirms in itsme: the browser comes back to the return URL the sandbox gives.
  const back = await control(t, "/billit/registrations/42/identification/complete", { success: true });
  assert.equal(back.redirect_url, "https://app.test/back?registrationID=42&success=true");
  const outcome = kassa.identity.finish(started.reference, { redirectUrl: back.redirect_url });
  assert.equal(outcome.status, "verified");
  await assert.rejects(c.identification.start({ RegistrationID: "404", RedirectURL: "https://a.test/" }), (e) => e.code === "http_404");
});

test("PassportReader identity: start and check, approved by the sandbox", async () => {
  const t = token("node-pr");
  const c = new PassportReader({ ...config, baseUrl: inTenant("passportreader", t) });
  const started = await c.identity.start({ subject: "order-7" });
  assert.equal(started.reference, `passportreader:${BIG_ID}`);
  assert.equal(started.token, (await control(t, "/passportreader/sessions"))[0].token);
  const outcome = await c.identity.check(started.reference);
  assert.deepEqual(outcome, { status: "pending", reason: null, provider_status: "CREATED", reference: started.reference });
  await control(t, `/passportreader/sessions/${BIG_ID}/complete`, { outcome: "approved" });
  assert.deepEqual(await c.identity.check(started.reference), { status: "verified", reason: null, provider_status: "APPROVED", reference: started.reference });
});

test("Digiteal: image bytes, EPC text, a multipart upload and errors", async () => {
  const t = token("node-dig");
  const c = new Digiteal({ username: "digiteal-user-test", password: "digiteal-pass-test", baseUrl: inTenant("digiteal", t) });
  const invoice = { invoiceInternalId: "N-1", customerInternalId: "C-1", creditorReference: "000600232562", amountInCents: 1234n, customerEmail: "a@optin.test" };
  const created = await c.invoices.create(invoice);
  const held = await control(t, "/digiteal/invoices");
  assert.equal(held[created.uuid]?.request.invoiceInternalId, "N-1");
  assert.equal(created.optedIn, true);
  assert.equal(created.image?.mediaType, "image/png");
  assert.ok(created.image?.bytes instanceof Uint8Array && hex(created.image.bytes).startsWith("89504e47"));
  const text = await c.invoices.create({ ...invoice, invoiceInternalId: "N-2", format: "QR_TEXT" });
  assert.equal(text.image, null);
  assert.equal(text.epc?.amount_cents, 1234);
  const note = await c.creditNotes.create({ invoiceUUID: created.uuid, creditNoteInternalId: "CN-1", amountInCents: 234 });
  const uploaded = await c.creditNotes.sendDocument({ uuid: note.uuid, document: new TextEncoder().encode("%PDF-1.4\n%%EOF") });
  const [document] = (await control(t, "/state")).digiteal.credit_notes[note.uuid].documents;
  assert.deepEqual(uploaded, { uuid: document, status: "0", responseEntity: { body: null, statusCode: "OK", statusCodeValue: 200 } });
  // N-1 is published: sent again, the sandbox's ErrorMessage, with the correlation id as request id.
  await assert.rejects(c.invoices.create({ ...invoice, correlationId: "n-corr" }),
    (e) => e instanceof kassa.ApiError && e.code === "INVOICE_PUBLISHED" && e.requestId === "n-corr");
  assert.ok(!String(c).includes("digiteal-pass-test"));
  const links = kassa.digiteal.payButtons.imageUrl({ requesterVAT: "BE0406729809", invoiceUUID: "e529" });
  assert.equal(links.url, "https://app.digiteal.eu/api/v1/payment-request/pay-button?requesterVAT=BE0406729809&invoiceUUID=e529");
});
