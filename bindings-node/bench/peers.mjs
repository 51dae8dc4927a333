// Side-by-side timings: the same work N times through kassa (../index.js, the napi addon) and
// through the JavaScript peers, printed as one table from one run.
//
//   EPC payload + SVG   kassa epc.build + epc.svg      vs  sepa-payment-qr-code + qrcode.toString(..., {type: 'svg'})
//   EPC payload         kassa epc.build                vs  sepa-payment-qr-code
//   IBAN, valid         kassa iban.validate            vs  ibantools electronicFormatIBAN + isValidIBAN
//   IBAN, invalid       kassa iban.check               vs  ibantools electronicFormatIBAN + validateIBAN (neither throws)
//   IBAN, invalid       kassa iban.validate (throws)   vs  the same ibantools calls
//   BIC                 kassa bic.check                vs  ibantools validateBIC
//
// Before any timing, every row runs both sides over its inputs and checks that they agree (the
// same electronic IBAN, the same verdict, the EPC payloads carrying the same fields), so the
// rows compare the same work. Each row: a warm-up, then R timed rounds of N operations per side;
// the table shows the min and the median round and the ratio of the mins.
//
// Usage: cd bindings-node/bench && npm ci && node peers.mjs [--rounds R] [--short]
// (build the addon first: bash ../build.sh). `--short` (bindings-node/test.sh runs it, so the
// script cannot rot) does the checks and a few operations per row: its times mean nothing.

import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import * as ibantools from 'ibantools';
import QRCode from 'qrcode';

import { bic, epc, iban } from '../index.js';

const require = createRequire(import.meta.url);
const generateQrCode = require('sepa-payment-qr-code');

const argv = process.argv.slice(2);
const SHORT = argv.includes('--short');
const roundsAt = argv.indexOf('--rounds');
const ROUNDS = SHORT ? 2 : roundsAt >= 0 ? Math.max(1, Number(argv[roundsAt + 1]) || 5) : 5;

// ---- inputs (the same for both sides) ------------------------------------------------------

const PAYMENTS = [
  { name: 'Jan Peeters', iban: 'BE68539007547034', cents: 1230, text: 'Invoice 2025-001' },
  { name: 'Red Cross of Belgium', iban: 'BE72000000001616', cents: 5000, text: 'Donation' },
  { name: 'Deutsche Beispiel GmbH', iban: 'DE89370400440532013000', cents: 199999, text: 'Order 4711' },
  { name: 'Société Générale Exemple', iban: 'FR1420041010050500013M02606', cents: 1, text: 'Réf. 12' },
  { name: 'Stichting Voorbeeld', iban: 'NL91ABNA0417164300', cents: 99999999, text: 'Lidgeld 2025' },
];

const VALID_IBANS = [
  'BE68 5390 0754 7034', 'BE72000000001616', 'DE89 3704 0044 0532 0130 00', 'FR14 2004 1010 0505 0001 3M02 606',
  'NL91ABNA0417164300', 'GB82 WEST 1234 5698 7654 32', 'ES91 2100 0418 4502 0005 1332', 'IT60 X054 2811 1010 0000 0123 456',
  'AT61 1904 3002 3457 3201', 'CH93 0076 2011 6238 5295 7', 'LU28 0019 4006 4475 0000', 'IE29 AIBK 9311 5212 3456 78',
];
const INVALID_IBANS = [
  'BE68 5390 0754 7035', 'DE89370400440532013001', 'NL91ABNA0417164301', 'GB82WEST12345698765433',
  'XX00 1234', 'BE68539007547', 'FR1420041010050500013M02607', 'ES9121000418450200051333',
];
const BICS = ['GEBABEBB', 'KREDBEBB', 'DEUTDEFF500', 'BNPAFRPP', 'ABNANL2A', 'NEDSZAJJXXX', 'GKCCBEBB', 'RABONL2U'];

// ---- the work, one function per side and task ----------------------------------------------

const kassaEpc = (p) => epc.build({ name: p.name, iban: p.iban, amountCents: p.cents, text: p.text });
/** The peer takes the amount as a float. */
const peersEpc = (p) => generateQrCode({ name: p.name, iban: p.iban, amount: p.cents / 100, unstructuredReference: p.text });
/** kassa: the payload, then the SVG of it (the payload is checked again). */
const kassaEpcSvg = (p) => epc.svg(kassaEpc(p));
/** peers: the payload, then qrcode's SVG at level M. */
const peersEpcSvg = (p) => QRCode.toString(peersEpc(p), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });

/** The electronic form of a valid IBAN, or null (`iban.validate` throws a ValidationError otherwise). */
const kassaIbanValidate = (s) => {
  try {
    return iban.validate(s);
  } catch {
    return null;
  }
};
const peersIban = (s) => {
  const electronic = ibantools.electronicFormatIBAN(s);
  return electronic !== null && ibantools.isValidIBAN(electronic) ? electronic : null;
};
/** The non-throwing forms: `{valid, value, code, message}` and ibantools' `{valid, errorCodes}`. */
const kassaIbanCheck = (s) => iban.check(s);
const peersIbanCheck = (s) => ibantools.validateIBAN(ibantools.electronicFormatIBAN(s) ?? undefined);
const kassaBicCheck = (s) => bic.check(s);
const peersBicCheck = (s) => ibantools.validateBIC(s);

// ---- what "the same result" means per row --------------------------------------------------

/** The fields both EPC payloads must carry, as kassa reads them (the peer's leniently: it writes the amount as it likes). */
const epcFields = (payload) => {
  const p = epc.parse(payload, { strict: false });
  return JSON.stringify([p.name, p.iban, p.amount, p.text]);
};
const sameEpc = (ours, theirs) => epcFields(ours) === epcFields(theirs);
const sameSvg = (ours, theirs, p) => ours.startsWith('<svg') && theirs.includes('<svg') && sameEpc(kassaEpc(p), peersEpc(p));
const sameValue = (ours, theirs) => ours === theirs;
const sameVerdict = (ours, theirs) => ours.valid === theirs.valid;

// ---- timing ---------------------------------------------------------------------------------

/** Milliseconds for `n` calls of `fn` over `inputs` (cycled); awaits each call when `async`. */
async function time(fn, inputs, n, isAsync) {
  let sink = 0;
  const start = performance.now();
  if (isAsync) {
    for (let i = 0; i < n; i++) sink += (await fn(inputs[i % inputs.length])).length;
  } else {
    for (let i = 0; i < n; i++) sink += fn(inputs[i % inputs.length]) === undefined ? 0 : 1;
  }
  const elapsed = performance.now() - start;
  if (sink === 0) throw new Error('no work was done');
  return elapsed;
}

/** `[min, median]` milliseconds of `ROUNDS` timed rounds, after a warm-up of a tenth of `n`. */
async function rounds(fn, inputs, n, isAsync) {
  await time(fn, inputs, Math.max(1, Math.floor(n / 10)), isAsync);
  const times = [];
  for (let r = 0; r < ROUNDS; r++) times.push(await time(fn, inputs, n, isAsync));
  times.sort((a, b) => a - b);
  return [times[0], times[Math.floor(times.length / 2)]];
}

const ROWS = [
  ['EPC payload + SVG', 'epc.build + epc.svg', 'sepa-payment-qr-code + qrcode.toString svg', kassaEpcSvg, peersEpcSvg, PAYMENTS, 400, true, sameSvg],
  ['EPC payload only', 'epc.build', 'sepa-payment-qr-code', kassaEpc, peersEpc, PAYMENTS, 40_000, false, sameEpc],
  ['IBAN valid', 'iban.validate', 'ibantools electronicFormatIBAN + isValidIBAN', kassaIbanValidate, peersIban, VALID_IBANS, 100_000, false, sameValue],
  ['IBAN invalid', 'iban.check', 'ibantools electronicFormatIBAN + validateIBAN', kassaIbanCheck, peersIbanCheck, INVALID_IBANS, 100_000, false, sameVerdict],
  ['IBAN invalid, throwing', 'iban.validate (throws)', 'ibantools electronicFormatIBAN + isValidIBAN', kassaIbanValidate, peersIban, INVALID_IBANS, 40_000, false, sameValue],
  ['BIC', 'bic.check', 'ibantools validateBIC', kassaBicCheck, peersBicCheck, BICS, 100_000, false, sameVerdict],
];

// Both sides must give the same answer on every input before their speed is compared.
for (const [task, , peersName, kassaFn, peersFn, inputs, , peersAsync, same] of ROWS) {
  for (const input of inputs) {
    const ours = kassaFn(input);
    const theirs = peersAsync ? await peersFn(input) : peersFn(input);
    if (!same(ours, theirs, input)) {
      throw new Error(`${task}: ${peersName} disagrees with kassa on ${JSON.stringify(input)}: ${JSON.stringify(theirs)} vs ${JSON.stringify(ours)}`);
    }
  }
}
// The rows over valid and invalid inputs are what their names say.
if (!VALID_IBANS.every((s) => iban.check(s).valid) || INVALID_IBANS.some((s) => iban.check(s).valid)) throw new Error('IBAN inputs misfiled');
if (!BICS.every((s) => bic.check(s).valid)) throw new Error('BIC inputs misfiled');

const results = [];
const started = performance.now();
for (const [task, kassaName, peersName, kassaFn, peersFn, inputs, fullN, peersAsync] of ROWS) {
  const n = SHORT ? Math.max(10, Math.floor(fullN / 1000)) : fullN;
  const [kassaMin, kassaMedian] = await rounds(kassaFn, inputs, n, false);
  const [peersMin, peersMedian] = await rounds(peersFn, inputs, n, peersAsync);
  results.push({ task, kassaName, peersName, n, kassaMin, kassaMedian, peersMin, peersMedian });
}
const total = (performance.now() - started) / 1000;

// ---- the table -------------------------------------------------------------------------------

const us = (ms, n) => ((ms * 1000) / n).toFixed(2);
const header = ['task', 'N', 'kassa µs/op min / median', 'peers µs/op min / median', 'peers/kassa', 'kassa', 'peers'];
const lines = results.map((r) => [
  r.task,
  String(r.n),
  `${us(r.kassaMin, r.n)} / ${us(r.kassaMedian, r.n)}`,
  `${us(r.peersMin, r.n)} / ${us(r.peersMedian, r.n)}`,
  `${(r.peersMin / r.kassaMin).toFixed(2)}x`,
  r.kassaName,
  r.peersName,
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const numeric = (i) => i >= 1 && i <= 4;
const row = (cells) => `| ${cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(
  `kassa (napi addon) vs JavaScript peers: Node ${process.version}, ${process.platform}-${process.arch}; ` +
    `min and median of ${ROUNDS} rounds of N ops after a warm-up${SHORT ? ' (--short: checks only, times mean nothing)' : ''}`,
);
console.log(row(header));
console.log(`|${widths.map((w, i) => (numeric(i) ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`);
for (const l of lines) console.log(row(l));
console.log(`peers/kassa: the peer's min / kassa's min (above 1: kassa is faster). Total ${total.toFixed(1)} s.`);
