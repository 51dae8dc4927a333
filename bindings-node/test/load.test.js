// The load test (bench/load.mjs) in its --short mode, on `kassa sandbox`: 500 requests at
// concurrency 64 through the client and through fetch, no errors, every request counted by the
// sandbox, the figures reported. No timing is asserted: the full run (`node --expose-gc
// bench/load.mjs`) is for humans (see the README).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, sandbox, sandboxStats } from './helpers.js';

test('bench/load.mjs --short: 500 requests each way, no errors', async () => {
  const run = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'bindings-node', 'bench', 'load.mjs'), '--short'], {
    env: { ...process.env, KASSA_SANDBOX: await sandbox() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1));
  assert.deepEqual([result.requests, result.concurrency], [500, 64]);
  for (const side of [result.kassa, result.fetch]) {
    assert.deepEqual([side.requests, side.errors], [500, 0], JSON.stringify(side));
    assert.ok(side.perSecond > 0 && side.p99ms >= side.p50ms);
  }
  // The sandbox answered them all: the session's create, then the warm-up and the measured
  // requests of each side.
  assert.equal((await sandboxStats(result.tenant)).requests, 1 + 2 * (result.warmup + result.requests));
  for (const point of Object.values(result.memory)) assert.ok(point.rssMiB > 0 && point.heapMiB > 0);
  assert.match(run.stdout, /kassa .* req\/s/);
});
