// The repository README's `js` blocks are executable docs: each is a program (```js an ES module,
// ```js cjs a CommonJS one) run here with this package as `kassa`, against `kassa sandbox`
// (started on a free port, its URL given as $KASSA_SANDBOX, killed by PID). Which info strings
// exist and who runs the others is checked by bindings-python/tests/test_readme.py; the
// ```js browser block is kassa-web's, run in Chromium by bindings-wasm.

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';

import { ROOT } from './helpers.js';

const PACKAGE = join(ROOT, 'bindings-node');
// Inside the package, so that `kassa` resolves to it (package self-reference through `exports`).
const DIR = join(PACKAGE, 'test', '.generated', `readme-${process.pid}`);

/** [line, info, code] of every fenced block of the README. */
function blocks() {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...text.matchAll(/^```([^\n`]*)\n([\s\S]*?)^```$/gm)].map((m) => [text.slice(0, m.index).split('\n').length, m[1].trim(), m[2]]);
}

// What each block prints, as its comments say.
const EXPECTED = {
  js: [/^SessionNotFound 404$/m, /^CREATED POST https:\/\/passportreader\.app\/api\/v1\/session\.state$/m],
  'js cjs': [/^BE68539007547034 \+\+\+090\/9337\/55493\+\+\+$/m],
};

let sandbox;
let url;

describe('README.md js blocks, against kassa sandbox', () => {
  before(async () => {
    execFileSync('cargo', ['build', '-q', '-p', 'kassa-cli'], { cwd: ROOT, stdio: 'inherit' });
    const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
    sandbox = spawn(join(target, 'debug', 'kassa'), ['sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const [first] = await createInterface({ input: sandbox.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value]);
    assert.match(first ?? '', /^kassa sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    url = first.split(' ').at(-1);
    mkdirSync(DIR, { recursive: true });
  });
  after(() => {
    sandbox?.kill();
    rmSync(DIR, { recursive: true, force: true });
  });

  const runnable = blocks().filter(([, info]) => info in EXPECTED);
  test('the README has its Node blocks', () => {
    assert.ok(runnable.some(([, info]) => info === 'js'));
    assert.ok(runnable.some(([, info]) => info === 'js cjs'));
  });
  for (const [line, info, code] of runnable) {
    test(`the ${info} block at line ${line}`, () => {
      const file = join(DIR, `line-${line}.${info === 'js cjs' ? 'cjs' : 'mjs'}`);
      writeFileSync(file, code);
      const result = spawnSync(process.execPath, [file], { env: { ...process.env, KASSA_SANDBOX: url }, encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.status, 0, `README.md line ${line}:\n${result.stdout}${result.stderr}`);
      for (const pattern of EXPECTED[info]) assert.match(result.stdout, pattern, `README.md line ${line}`);
    });
  }
});
