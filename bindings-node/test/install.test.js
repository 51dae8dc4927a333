// The package as a user installs it: `npm pack` of kassa (staged by stage.mjs) and of the platform package
// @kassa/linux-x64-gnu (the addon built by build.sh), both tarballs installed into a fresh project
// (offline: nothing is fetched), then `import`, `require` and `tsc --strict --module nodenext` in
// that project, on each Node version test.sh installed (KASSA_NODE_BINARIES: name=path pairs, the
// Node running this file included); and without the platform package, the Error that names it.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ROOT } from './helpers.js';

const PACKAGE = join(ROOT, 'bindings-node');
const PLATFORM = 'linux-x64-gnu';
const pkg = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));

/** [name, path] of every Node to run the installed package with. */
const nodes = (process.env.KASSA_NODE_BINARIES ?? '')
  .split(/\s+/)
  .filter(Boolean)
  .map((pair) => pair.split('='));
if (!nodes.some(([, path]) => path === process.execPath)) nodes.unshift([`node ${process.version}`, process.execPath]);

const USE_MJS = `
import { iban, buildRequest, ValidationError } from 'kassa';
import * as all from 'kassa';
import { createRequire } from 'node:module';
const cjs = createRequire(import.meta.url)('kassa');
const request = buildRequest('passportreader.session.create', { reference: 'r-1' }, { publicKey: 'public-key-a', secret: 'secret-b' });
let error;
try { iban.validate('BE71 0961 2345 6760'); } catch (e) { error = [e instanceof ValidationError, e instanceof cjs.ValidationError, e.code]; }
console.log(JSON.stringify({ iban: iban.validate('BE71 0961 2345 6769'), url: request.url, error, sameAsRequire: Object.keys(all).every((k) => all[k] === cjs[k]) }));
`;
const USE_CJS = `
const { iban, buildRequest, ValidationError, PassportReader } = require('kassa');
const request = buildRequest('passportreader.session.create', { reference: 'r-1' }, { publicKey: 'public-key-a', secret: 'secret-b' });
let error;
try { iban.validate('BE71 0961 2345 6760'); } catch (e) { error = [e instanceof ValidationError, e instanceof Error, e.code]; }
console.log(JSON.stringify({ iban: iban.validate('BE71 0961 2345 6769'), url: request.url, error, client: typeof PassportReader }));
`;
// Both module systems' declarations, type-checked as a user's project would (tsc --strict, nodenext).
const USE_MTS = `
import { iban, PassportReader, type HttpRequest } from 'kassa';
const valid: string = iban.validate('BE71 0961 2345 6769');
const client = new PassportReader({ publicKey: 'public-key-a', secret: 'secret-b' });
export const id: Promise<bigint> = client.session.create({ reference: valid }).then((s) => s.id);
export let request: HttpRequest | undefined;
// @ts-expect-error: ids are bigint
export const wrong: Promise<number> = client.session.create().then((s) => s.id);
`;
const USE_CTS = `
import kassa = require('kassa');
export const valid: string = kassa.iban.validate('BE71 0961 2345 6769');
// @ts-expect-error: iban.validate takes a string
kassa.iban.validate(42);
`;

let dir;
let app;

/** Runs `file` in the project with `node`, gives its JSON output. */
function run(node, file) {
  const result = spawnSync(node, [file], { cwd: app, encoding: 'utf8' });
  assert.equal(result.status, 0, `${node} ${file}: ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('npm pack, installed into a fresh project', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kassa-install-'));
    // The platform package: its manifest from npm/, the addon build.sh wrote.
    const platform = join(dir, PLATFORM);
    cpSync(join(PACKAGE, 'npm', PLATFORM), platform, { recursive: true });
    cpSync(join(PACKAGE, `kassa.${PLATFORM}.node`), join(platform, `kassa.${PLATFORM}.node`));
    const pack = (cwd) => JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd, encoding: 'utf8' }))[0];
    // kassa as published (stage.mjs: its files, the platform packages as optional dependencies).
    const staged = join(dir, 'kassa');
    execFileSync(process.execPath, [join(PACKAGE, 'stage.mjs'), staged]);
    const main = pack(staged);
    const addon = pack(platform);
    assert.deepEqual(main.files.map((f) => f.path).sort(), [...pkg.files, 'package.json'].sort(), 'kassa ships its files and no addon');
    assert.deepEqual(addon.files.map((f) => f.path).sort(), [`kassa.${PLATFORM}.node`, 'package.json']);
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(dir, main.filename), join(dir, addon.filename)], { cwd: app, encoding: 'utf8' });
    writeFileSync(join(app, 'use.mjs'), USE_MJS);
    writeFileSync(join(app, 'use.cjs'), USE_CJS);
    writeFileSync(join(app, 'use.mts'), USE_MTS);
    writeFileSync(join(app, 'use.cts'), USE_CTS);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], types: [] }, files: ['use.mts', 'use.cts'] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the installed tree: kassa and its platform package, the addon only in the latter', () => {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', 'kassa', 'package.json'), 'utf8'));
    assert.equal(installed.version, pkg.version);
    assert.equal(installed.private, undefined);
    assert.equal(installed.optionalDependencies[`@kassa/${PLATFORM}`], pkg.version);
    assert.ok(existsSync(join(app, 'node_modules', '@kassa', PLATFORM, `kassa.${PLATFORM}.node`)));
    assert.ok(!existsSync(join(app, 'node_modules', 'kassa', `kassa.${PLATFORM}.node`)));
  });

  test('tsc --strict --module nodenext: import (index.d.ts) and require (index.d.cts)', () => {
    const tsc = spawnSync(join(PACKAGE, 'node_modules', '.bin', 'tsc'), ['-p', app], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  });

  for (const [name, node] of nodes) {
    test(`${name}: import`, () => {
      assert.deepEqual(run(node, 'use.mjs'), {
        iban: 'BE71096123456769',
        url: 'https://passportreader.app/api/v1/session.create',
        error: [true, true, 'iban_checksum'],
        sameAsRequire: true,
      });
    });
    test(`${name}: require`, () => {
      assert.deepEqual(run(node, 'use.cjs'), {
        iban: 'BE71096123456769',
        url: 'https://passportreader.app/api/v1/session.create',
        error: [true, true, 'iban_checksum'],
        client: 'function',
      });
    });
  }

  test('without the platform package: an Error naming it, from import and require', () => {
    const installed = join(app, 'node_modules', '@kassa', PLATFORM);
    renameSync(installed, `${installed}.away`);
    try {
      for (const file of ['use.mjs', 'use.cjs']) {
        const result = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8' });
        assert.notEqual(result.status, 0);
        assert.match(result.stderr, new RegExp(`Error: kassa: the native addon for ${PLATFORM} is missing: install the package @kassa/${PLATFORM}`), file);
      }
    } finally {
      renameSync(`${installed}.away`, installed);
    }
  });
});
