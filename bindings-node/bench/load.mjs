// Load test of the Node client: N requests (10,000 by default) at concurrency C (64) against
// `kassa sandbox`, through `PassportReader.session.state` of a session made first in a tenant of
// its own and, for comparison, the same requests with the runtime's own `fetch` (same URL,
// headers and body; the answer parsed with JSON.parse). Reports throughput, latency percentiles,
// errors, and RSS / heap after a warm-up against the end (a steady client holds no more memory
// after 10,000 calls than after 500).
//
//   node bench/load.mjs                 # the full run (starts the debug `kassa sandbox` unless $KASSA_SANDBOX)
//   node bench/load.mjs --short         # 500 requests: what test/load.test.js runs, for correctness only
//   node bench/load.mjs --requests 20000 --concurrency 128
//
// Prints a table and, last, one JSON line with every figure (and the sandbox tenant, whose
// request count test/load.test.js checks). Exits non-zero on any error.

import { randomBytes } from 'node:crypto';

import { PassportReader } from '../index.js';
import { sandbox } from '../test/helpers.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const short = args.includes('--short');
const requests = flag('--requests', short ? 500 : 10_000);
const concurrency = flag('--concurrency', 64);
const warmup = Math.min(short ? 100 : 1_000, requests);

/** Runs `count` calls of `one` with `concurrency` in flight: `{seconds, latencies, errors}`. */
async function run(count, one) {
  const latencies = [];
  const errors = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      const t = performance.now();
      try {
        await one();
        latencies.push(performance.now() - t);
      } catch (error) {
        errors.push(String(error?.message ?? error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies, errors };
}

const memory = () => {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMiB: +(rss / 2 ** 20).toFixed(1), heapMiB: +(heapUsed / 2 ** 20).toFixed(1) };
};
const percentile = (sorted, p) => +(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2);

function summary(name, { seconds, latencies, errors }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { name, requests: latencies.length + errors.length, errors: errors.length, firstError: errors[0] ?? null, seconds: +seconds.toFixed(2),
    perSecond: Math.round((latencies.length + errors.length) / seconds), p50ms: percentile(sorted, 50), p99ms: percentile(sorted, 99) };
}

const tenant = `load-${process.pid}-${randomBytes(4).toString('hex')}`;
const base = `${await sandbox()}/passportreader/t/${tenant}`;
const credentials = { publicKey: 'public-key-test', secret: 'secret-test' };
const client = new PassportReader({ ...credentials, baseUrl: base, timeout: 30, retry: { maxRetries: 0 } });
const { id } = await client.session.create({ reference: 'load' });
const kassaCall = async () => {
  const { state } = await client.session.state({ id });
  if (state !== 'CREATED') throw new Error(`unexpected state ${state}`);
};
const authorization = `Basic ${Buffer.from(`${credentials.publicKey}:${credentials.secret}`).toString('base64')}`;
const fetchCall = async () => {
  const response = await fetch(`${base}/api/v1/session.state`, {
    method: 'POST',
    headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: `{"id":${id}}`,
  });
  const { state } = JSON.parse(await response.text());
  if (response.status !== 200 || state !== 'CREATED') throw new Error(`unexpected answer ${response.status}`);
};

await run(warmup, kassaCall);
await run(warmup, fetchCall);
const afterWarmup = memory();
const kassa = summary('kassa', await run(requests, kassaCall));
const afterKassa = memory();
const raw = summary('fetch', await run(requests, fetchCall));
const end = memory();

const result = { requests, concurrency, warmup, node: process.version, tenant, kassa, fetch: raw, memory: { afterWarmup, afterKassa, end } };
console.log(`${requests} requests, concurrency ${concurrency}, after ${warmup} warm-up requests each (Node ${process.version})`);
for (const r of [kassa, raw]) {
  console.log(`  ${r.name.padEnd(6)} ${String(r.perSecond).padStart(6)} req/s  p50 ${r.p50ms} ms  p99 ${r.p99ms} ms  errors ${r.errors}${r.firstError ? ` (${r.firstError})` : ''}`);
}
console.log(`  memory: after warm-up ${afterWarmup.rssMiB} MiB RSS / ${afterWarmup.heapMiB} MiB heap; after kassa ${afterKassa.rssMiB} / ${afterKassa.heapMiB}; end ${end.rssMiB} / ${end.heapMiB}`);
console.log(JSON.stringify(result));
process.exitCode = kassa.errors + raw.errors > 0 ? 1 : 0;
