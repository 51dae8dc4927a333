// Side-by-side timings: the same work N times through kassa (../index.js, the napi addon) and
// through the JavaScript peers, printed as one table from one run.
//
//   EPC payload + SVG   kassa epc.build + epc.svg      vs  sepa-payment-qr-code + qrcode.toString(..., {type: 'svg'})
//   EPC payload         kassa epc.build                vs  sepa-payment-qr-code
//   IBAN validation     kassa iban.validate            vs  ibantools electronicFormatIBAN + isValidIBAN
//   IBAN, invalid       the same over invalid IBANs (kassa throws a ValidationError each time)
//   BIC validation      kassa bic.validate             vs  ibantools isValidBIC
//
// Each row: a warm-up, then 3 timed rounds of N operations per side (best round reported).
// Bounded to a few seconds. Usage: cd bindings-node/bench && npm ci && node peers.mjs
// (build the addon first: bash ../build.sh). The peers live in this folder's package.json only,
// so CI never installs them.

import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import * as ibantools from 'ibantools';
import QRCode from 'qrcode';

import { bic, epc, iban } from '../index.js';

const require = createRequire(import.meta.url);
const generateQrCode = require('sepa-payment-qr-code');

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

/** kassa: the payload (amount in cents), then the SVG of it (the payload is checked again). */
const kassaEpcSvg = (p) => epc.svg(epc.build({ name: p.name, iban: p.iban, amountCents: p.cents, text: p.text }));
/** peers: the payload (amount as a float, as that library takes it), then qrcode's SVG at level M. */
const peersEpcSvg = (p) =>
  QRCode.toString(generateQrCode({ name: p.name, iban: p.iban, amount: p.cents / 100, unstructuredReference: p.text }), {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
  });
const kassaEpc = (p) => epc.build({ name: p.name, iban: p.iban, amountCents: p.cents, text: p.text });
const peersEpc = (p) => generateQrCode({ name: p.name, iban: p.iban, amount: p.cents / 100, unstructuredReference: p.text });

/** kassa: the electronic form of a valid IBAN, or null (it throws a ValidationError otherwise). */
const kassaIban = (s) => {
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
const kassaBic = (s) => {
  try {
    return bic.validate(s);
  } catch {
    return null;
  }
};
const peersBic = (s) => (ibantools.isValidBIC(s) ? s : null);

// ---- timing ---------------------------------------------------------------------------------

/** Milliseconds for `n` calls of `fn` over `inputs` (cycled); awaits each call when `async`. */
async function time(fn, inputs, n, isAsync) {
  let sink = 0;
  const start = performance.now();
  if (isAsync) {
    for (let i = 0; i < n; i++) sink += (await fn(inputs[i % inputs.length])).length;
  } else {
    for (let i = 0; i < n; i++) sink += String(fn(inputs[i % inputs.length])).length;
  }
  const elapsed = performance.now() - start;
  if (sink === 0) throw new Error('no work was done');
  return elapsed;
}

/** Best of `rounds` timed rounds, after a warm-up of a tenth of `n`. */
async function best(fn, inputs, n, isAsync, rounds = 3) {
  await time(fn, inputs, Math.max(1, Math.floor(n / 10)), isAsync);
  let min = Infinity;
  for (let r = 0; r < rounds; r++) min = Math.min(min, await time(fn, inputs, n, isAsync));
  return min;
}

/** Both sides must agree on what they accept before their speed is compared. */
function checkAgreement(label, kassaFn, peersFn, inputs) {
  for (const input of inputs) {
    const a = kassaFn(input) !== null;
    const b = peersFn(input) !== null;
    if (a !== b) throw new Error(`${label}: kassa ${a ? 'accepts' : 'refuses'} ${JSON.stringify(input)}, the peer ${b ? 'accepts' : 'refuses'} it`);
  }
}

checkAgreement('IBAN', kassaIban, peersIban, [...VALID_IBANS, ...INVALID_IBANS]);
checkAgreement('BIC', kassaBic, peersBic, BICS);
if (VALID_IBANS.some((s) => kassaIban(s) !== peersIban(s))) throw new Error('IBAN: the electronic forms differ');
for (const p of PAYMENTS) {
  if (!kassaEpcSvg(p).startsWith('<svg') || !(await peersEpcSvg(p)).includes('<svg')) throw new Error('EPC: no SVG');
}

const ROWS = [
  ['EPC payload + SVG', 'epc.build + epc.svg', 'sepa-payment-qr-code + qrcode.toString svg', kassaEpcSvg, peersEpcSvg, PAYMENTS, 400, true],
  ['EPC payload only', 'epc.build', 'sepa-payment-qr-code', kassaEpc, peersEpc, PAYMENTS, 40_000, false],
  ['IBAN validation (valid)', 'iban.validate', 'ibantools electronicFormatIBAN + isValidIBAN', kassaIban, peersIban, VALID_IBANS, 100_000, false],
  ['IBAN validation (invalid)', 'iban.validate (throws)', 'ibantools electronicFormatIBAN + isValidIBAN', kassaIban, peersIban, INVALID_IBANS, 40_000, false],
  ['BIC validation', 'bic.validate', 'ibantools isValidBIC', kassaBic, peersBic, BICS, 100_000, false],
];

const results = [];
const started = performance.now();
for (const [task, kassaName, peersName, kassaFn, peersFn, inputs, n, peersAsync] of ROWS) {
  const kassaMs = await best(kassaFn, inputs, n, false);
  const peersMs = await best(peersFn, inputs, n, peersAsync);
  results.push({ task, kassaName, peersName, n, kassaMs, peersMs });
}
const total = (performance.now() - started) / 1000;

// ---- the table -------------------------------------------------------------------------------

const us = (ms, n) => ((ms * 1000) / n).toFixed(2);
const header = ['task', 'N', 'kassa µs/op', 'peers µs/op', 'peers/kassa', 'kassa', 'peers'];
const lines = results.map((r) => [
  r.task,
  String(r.n),
  us(r.kassaMs, r.n),
  us(r.peersMs, r.n),
  `${(r.peersMs / r.kassaMs).toFixed(2)}x`,
  r.kassaName,
  r.peersName,
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const row = (cells) => `| ${cells.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(`kassa (napi addon) vs JavaScript peers: Node ${process.version}, ${process.platform}-${process.arch}; best of 3 rounds of N ops after a warm-up`);
console.log(row(header));
console.log(`|${widths.map((w, i) => (i >= 1 && i <= 4 ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`);
for (const l of lines) console.log(row(l));
console.log(`peers/kassa > 1: kassa is faster. Total ${total.toFixed(1)} s.`);
