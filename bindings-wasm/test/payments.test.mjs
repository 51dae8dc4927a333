// Smoke test of the built payments entry (pkg/payments.js + pkg/kassa_web_payments_bg.wasm,
// release, as published) under Node's test runner: it initialises and computes, and neither the
// entry nor the shipped .wasm has a client (the browser suite runs the function fixtures through
// it). Run by test.sh: node --test test/payments.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import * as payments from "../pkg/payments.js";

const bytes = await readFile(new URL("../pkg/kassa_web_payments_bg.wasm", import.meta.url));
payments.initSync({ module: bytes });

test("the payments entry computes", () => {
  const payload = payments.epc.build({ name: "Acme", iban: "BE68 5390 0754 7034", amountCents: 1230 });
  assert.equal(payload, "BCD\n002\n1\nSCT\n\nAcme\nBE68539007547034\nEUR12.30");
  assert.equal(payments.epc.parse(payload).iban, "BE68539007547034");
  assert.ok(payments.epc.svg(payload).startsWith("<svg"));
  assert.deepEqual([...payments.epc.png(payload).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  assert.equal(payments.iban.validate("be68 5390 0754 7034"), "BE68539007547034");
  assert.equal(payments.ogm.generate(1234567890), "+++123/4567/89002+++");
  assert.throws(() => payments.iban.validate("BE00"), (e) => e instanceof payments.ValidationError && e.code.startsWith("iban_"));
});

test("neither the entry nor its wasm has a client", () => {
  for (const name of ["Client", "Digiteal", "Billit", "Solaris", "PassportReader", "buildRequest", "parseResponse", "operations", "digiteal", "identity"]) {
    assert.equal(payments[name], undefined, name);
  }
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.ok(exports.includes("iban__validate"), exports.join(" "));
  const client = exports.filter((n) => /client|request|response|operations|^digiteal__|^billit__|^solaris__|^identity__/i.test(n));
  assert.deepEqual(client, []);
});
