// The client behaviours kassa-web shows too (bindings-js/test/clients.js, also run in headless
// Chromium by bindings-wasm/tests/web/shared.rs), here through the Node package.

import { after, before, test } from 'node:test';

import * as kassa from '../index.js';
import { cases } from '../../bindings-js/test/clients.js';
import { sandbox, server, startServer } from './helpers.js';

const env = { browser: false };
let faults;
before(async () => {
  faults = await startServer('faults.py');
  Object.assign(env, { sandbox: await sandbox(), server: await server(), faults: faults.url });
});
after(() => faults.stop());

for (const [name, run] of Object.entries(cases)) test(name, () => run(kassa, env));
