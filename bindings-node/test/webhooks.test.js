// The Digiteal webhook receivers of examples/ (express, and a web-standard Request -> Response
// handler on node:http), each started on a free loopback port and stopped by PID: the test
// server delivers a payment webhook as Digiteal does (HTTP Basic, a resend), and with bad
// credentials; each event is handled once (by its dedupe_key), forged ones refused.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';

import { ROOT, server } from './helpers.js';

const LOGIN = 'hook-user';
const PASSWORD = 'hook-pass-7 /+%';
const PAYMENT = { paymentRequestInformation: { paymentID: 'pay-1', remittanceInfo: 'INV-1', currency: 'EUR', amountInCents: 1250 }, paymentStatus: 'INITIATED', paymentMethod: 'SEPA' };

/** Starts `examples/<file>`: `{url, lines, stop}` (its stdout lines as they come). */
async function start(file) {
  const child = spawn(process.execPath, [`${ROOT}/bindings-node/examples/${file}`], {
    cwd: `${ROOT}/bindings-node`,
    env: { PATH: process.env.PATH, PORT: '0', DIGITEAL_WEBHOOK_LOGIN: LOGIN, DIGITEAL_WEBHOOK_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  const reader = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line);
      const m = line.match(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    setTimeout(() => reject(new Error(`${file} did not start`)), 10_000);
  });
  const stop = async () => {
    child.kill();
    if (child.exitCode === null) await once(child, 'exit');
  };
  return { url, lines, stop };
}

/** Asks the test server to deliver `order` (`POST /_deliver`): the statuses of the deliveries. */
async function deliver(order) {
  const response = await fetch(`${await server()}/_deliver`, { method: 'POST', body: JSON.stringify(order) });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).deliveries.map((d) => d.status);
}

const handled = (lines) => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

for (const file of ['express-webhooks.mjs', 'fetch-webhooks.mjs']) {
  describe(file, () => {
    test('a payment webhook delivered twice is handled once; forged ones are refused', async () => {
      const app = await start(file);
      try {
        const url = `${app.url}/webhooks/digiteal/PAYMENT_INITIATED`;
        assert.deepEqual(await deliver({ url, body: PAYMENT, login: LOGIN, password: PASSWORD, times: 2 }), [200, 200]);
        assert.deepEqual(await deliver({ url, body: PAYMENT, login: LOGIN, password: 'wrong' }), [401]);
        assert.deepEqual(await deliver({ url, body: PAYMENT, authorization: `Bearer ${PASSWORD}` }), [401]);
        assert.deepEqual(await deliver({ url, body: PAYMENT }), [401], 'no credentials');
        assert.deepEqual(await deliver({ url, body: '{"truncated": ', login: LOGIN, password: PASSWORD }), [400]);
        // Another event (another body) is another dedupe key.
        const other = { ...PAYMENT, paymentRequestInformation: { ...PAYMENT.paymentRequestInformation, paymentID: 'pay-2' } };
        assert.deepEqual(await deliver({ url, body: other, login: LOGIN, password: PASSWORD }), [200]);
        const events = handled(app.lines);
        assert.equal(events.length, 2, app.lines.join('\n'));
        assert.deepEqual(events.map((e) => [e.handled, e.family]), [['PAYMENT_INITIATED', 'payment'], ['PAYMENT_INITIATED', 'payment']]);
        assert.notEqual(events[0].dedupe_key, events[1].dedupe_key);
        assert.match(events[0].dedupe_key, /^[0-9a-f]{64}$/);
        assert.ok(!app.lines.join('\n').includes(PASSWORD));
      } finally {
        await app.stop();
      }
    });
  });
}
