// kassa-web as users ship it: a Vite app (test/vite-app) importing `kassa-web` and
// `kassa-web/payments` is built with `vite build`, served on 127.0.0.1 and opened in headless
// Chromium (playwright-core driving /usr/bin/chromium), where it validates an IBAN and draws an EPC
// QR code; the QR code is decoded from a screenshot by an independent decoder (jsQR) and compared
// with the payload the page built. Needs the built pkg/ (build.sh) and Chromium.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, symlink, cp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, dirname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..', 'pkg');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

let work, server, browser, origin;

before(async () => {
  assert.ok(existsSync(join(pkg, 'package.json')), 'build the package first (bindings-wasm/build.sh)');
  // The app as a user has it: its sources, and kassa-web installed in its node_modules (a link to
  // the built package, as `npm install ../pkg` makes).
  work = await mkdtemp(join(tmpdir(), 'kassa-vite-'));
  await cp(join(here, 'vite-app'), join(work, 'app'), { recursive: true });
  await mkdir(join(work, 'app', 'node_modules'), { recursive: true });
  await symlink(pkg, join(work, 'app', 'node_modules', 'kassa-web'), 'dir');
  await build({ root: join(work, 'app'), logLevel: 'warn', build: { outDir: join(work, 'dist'), target: 'es2022' } });

  const dist = join(work, 'dist');
  server = createServer(async (req, res) => {
    const path = normalize(join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(dist)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (work) await rm(work, { recursive: true, force: true });
});

test('vite build bundles both entries and their .wasm files', async () => {
  const html = await readFile(join(work, 'dist', 'index.html'), 'utf8');
  assert.match(html, /<script type="module"[^>]*src="\/assets\/[^"]+\.js"/);
  const served = await fetch(`${origin}/`).then((r) => r.text());
  const assets = [...served.matchAll(/\/assets\/[^"]+/g)].map((m) => m[0]);
  assert.ok(assets.length > 0, served);
  const js = await fetch(`${origin}${assets[0]}`).then((r) => r.text());
  // Vite emitted each module's .wasm as an asset the bundle refers to.
  assert.match(js, /kassa_web_bg-[\w-]+\.wasm/);
  assert.match(js, /kassa_web_payments_bg-[\w-]+\.wasm/);
});

test('the built app validates an IBAN and shows an EPC QR code that decodes to its payload', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent !== 'loading', null, { timeout: 20_000 });
  assert.equal(await page.textContent('#status'), 'done', problems.join('\n'));
  assert.equal(await page.textContent('#iban'), 'BE68539007547034');
  assert.equal(await page.textContent('#refused'), 'iban_checksum iban');
  const payload = await page.textContent('#payload');
  assert.match(payload, /^BCD\n002\n1\nSCT\nBPOTBEB1\nRode Kruis Vlaanderen\nBE72000000001616\nEUR12\.30\n/);

  const shot = PNG.sync.read(await page.locator('#qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(shot.data.buffer, shot.data.byteOffset, shot.data.length), shot.width, shot.height);
  assert.ok(code, 'jsQR found no QR code in the screenshot');
  assert.equal(new TextDecoder().decode(new Uint8Array(code.binaryData)), payload);
  assert.deepEqual(problems, []);
  await page.close();
});
