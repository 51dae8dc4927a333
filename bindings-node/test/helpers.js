// Shared by the node:test files: a JSON reader that keeps integers exact (as BigInt), the shared
// fixtures, the two local servers (`kassa sandbox` and the stand-in tests/server/server.py) and
// error assertions.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as outputs from '../../bindings-js/test/outputs.js';

import {
  ApiError, AuthenticationError, BadRequestError, CallbackError, ConflictError, DecodeError, KassaError, NotFoundError,
  PermissionDeniedError, RateLimitError, ServerError, SignatureError, TransportError, ValidationError,
} from '../index.js';

/** The repository root (bindings-node/..). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Parses JSON like `JSON.parse`, except that every integer literal (no fraction, no exponent)
 * becomes a BigInt, so 9007199254740993 stays exact. Strict: trailing data is an error.
 */
export function parseJson(text) {
  let i = 0;
  const fail = (what) => {
    throw new SyntaxError(`JSON: ${what} at offset ${i}`);
  };
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = () => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const object = {};
      skip();
      if (text[i] === '}') {
        i++;
        return object;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        skip();
        if (text[i++] !== ':') fail('expected `:`');
        Object.defineProperty(object, key, { value: value(), enumerable: true, writable: true, configurable: true });
        skip();
        const sep = text[i++];
        if (sep === '}') return object;
        if (sep !== ',') fail('expected `,` or `}`');
      }
    }
    if (c === '[') {
      i++;
      const array = [];
      skip();
      if (text[i] === ']') {
        i++;
        return array;
      }
      for (;;) {
        array.push(value());
        skip();
        const sep = text[i++];
        if (sep === ']') return array;
        if (sep !== ',') fail('expected `,` or `]`');
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) fail('unexpected character');
    i = NUMBER.lastIndex;
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const string = () => {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) fail('unterminated string');
    const s = JSON.parse(text.slice(i, j + 1));
    i = j + 1;
    return s;
  };
  const result = value();
  skip();
  if (i !== text.length) fail('trailing data');
  return result;
}

/**
 * A fixture value with every `{"hex": "..."}` (an object with only that key) replaced by those
 * bytes as a plain `Uint8Array` (what kassa gives for bytes), anywhere inside; other values as
 * they are (copied).
 */
export function unhex(value) {
  if (Array.isArray(value)) return value.map(unhex);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'hex' && typeof value.hex === 'string') {
      assert.match(value.hex, /^(?:[0-9a-fA-F]{2})*$/, 'a {"hex"} fixture value is not hex');
      return new Uint8Array(Buffer.from(value.hex, 'hex'));
    }
    return Object.fromEntries(keys.map((k) => [k, unhex(value[k])]));
  }
  return value;
}

/** The output keys the core marks in docs/surface.json: `{ids, secrets}` (bindings-js/test/outputs.js). */
export const markedKeys = () => outputs.markedKeys(JSON.parse(readFileSync(join(ROOT, 'docs', 'surface.json'), 'utf8')));
export const { UnsafeInteger } = outputs;
/** An expected output (integers as BigInt) as kassa gives it: ids BigInt, other integers numbers. */
export const asOutput = (value, ids = markedKeys().ids) => outputs.asOutput(value, ids);
/** What `JSON.stringify` of kassa's output for the expected `value` gives, parsed back. */
export const asJson = (value, marked = markedKeys()) => outputs.asJson(value, marked);

/** The JSON files of a fixture folder: `[file name, parsed content]`. */
function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, parseJson(readFileSync(join(dir, f), 'utf8'))]);
}

/** The shared operation fixture files (`tests/fixtures/*.json`): `[file name, parsed content]`. */
export function fixtureFiles() {
  return jsonFiles(join(ROOT, 'tests', 'fixtures'));
}

/** The shared function fixture files (`tests/fixtures/functions/*.json`). */
export function functionFixtureFiles() {
  return jsonFiles(join(ROOT, 'tests', 'fixtures', 'functions'));
}

const CLASSES = {
  validation: ValidationError,
  api: ApiError,
  transport: TransportError,
  decode: DecodeError,
  signature: SignatureError,
  callback: CallbackError,
};

/** The `ApiError` subclass of a status (the core's `ApiError::category`). */
export function apiClass(status) {
  if ([400, 422].includes(status)) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if ([402, 403].includes(status)) return PermissionDeniedError;
  if ([404, 410].includes(status)) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500 && status <= 599) return ServerError;
  return ApiError;
}

/**
 * Asserts that `error` is the kassa error `expected` describes (the fixture format: `kind`,
 * `code`, and `field`, `status`, `message`, `request_id`, `offset` when present).
 */
export function assertKassaError(error, expected) {
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.ok(error instanceof KassaError, `not a KassaError: ${error?.stack ?? error}`);
  const known = new Set(['kind', 'code', 'field', 'status', 'message', 'request_id', 'offset']);
  for (const key of Object.keys(expected)) assert.ok(known.has(key), `the runner does not know the error key \`${key}\``);
  assert.equal(error.kind, expected.kind, error.message);
  const cls = expected.kind === 'api' ? apiClass(error.status) : CLASSES[expected.kind];
  assert.ok(cls, `unknown kind ${expected.kind}`);
  assert.ok(error instanceof cls, `${error.name} is not a ${cls.name}`);
  assert.equal(error.name, cls.name);
  assert.equal(error.code, expected.code, error.message);
  if ('field' in expected) assert.equal(error.field, expected.field, error.message);
  // A validation message names the field (the core's `invalid `<field>`: ...`).
  if (expected.kind === 'validation' && expected.field) assert.ok(error.message.includes(expected.field), `${error.message} does not name ${expected.field}`);
  if ('status' in expected) assert.equal(error.status, Number(expected.status));
  if ('message' in expected) {
    // The provider's own message (or null); kassa's full text in `message` includes it.
    assert.equal(error.providerMessage, expected.message);
    if (expected.message !== null) assert.ok(error.message.includes(expected.message), `${error.message} lacks ${expected.message}`);
  }
  if ('request_id' in expected) assert.equal(error.requestId, expected.request_id);
  if ('offset' in expected) assert.equal(error.offset, Number(expected.offset));
  return true;
}

/** A promise's rejection (fails when it resolves). */
export async function rejection(promise) {
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got ${String(value)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error;
  }
}

let serverUrl;

/**
 * The local provider server: `$KASSA_TEST_SERVER`, or one started for this process
 * (`tests/server/server.py`), stopped by PID when the process exits.
 */
export async function server() {
  if (serverUrl) return serverUrl;
  if (process.env.KASSA_TEST_SERVER) {
    serverUrl = process.env.KASSA_TEST_SERVER.replace(/\/+$/, '');
    return serverUrl;
  }
  serverUrl = (await startServer('server.py')).url;
  return serverUrl;
}

/**
 * Starts `tests/server/<script>` (a Python server taking `--port-file`) for one test file:
 * `{url, stop}`; `stop()` ends it by its PID (also done when the process exits).
 */
export async function startServer(script) {
  const portFile = join(tmpdir(), `kassa-node-${script}-${process.pid}-${randomBytes(4).toString('hex')}.port`);
  const child = spawn('python3', [join(ROOT, 'tests', 'server', script), '--port-file', portFile], { stdio: 'ignore' });
  // Not holding the process open: it is stopped by `stop()` or when the process exits.
  child.unref();
  let stopped = false;
  const stop = () => {
    if (!stopped && child.exitCode === null) child.kill();
    stopped = true;
    rmSync(portFile, { force: true });
  };
  process.once('exit', stop);
  for (let waited = 0; !existsSync(portFile) || readFileSync(portFile, 'utf8').trim() === ''; waited += 20) {
    if (waited > 10_000 || child.exitCode !== null) throw new Error(`${script} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { url: `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`, stop, pid: child.pid };
}

let sandboxUrl;

/**
 * `kassa sandbox`, the emulator the IO tests it covers run on: `$KASSA_SANDBOX`, or the debug
 * binary (`cargo build -p kassa-cli`, under `$CARGO_TARGET_DIR` or target/) started with
 * `--port 0 --strict` for this process and stopped by PID when it exits. Its URL is the last word
 * of its first stdout line (`kassa sandbox listening on http://127.0.0.1:N`).
 */
export async function sandbox() {
  if (sandboxUrl) return sandboxUrl;
  if (process.env.KASSA_SANDBOX) {
    sandboxUrl = process.env.KASSA_SANDBOX.replace(/\/+$/, '');
    return sandboxUrl;
  }
  const target = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
  const binary = join(target, 'debug', 'kassa');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`cargo build -p kassa-cli\` (or export KASSA_SANDBOX)`);
  const child = spawn(binary, ['sandbox', '--port', '0', '--strict', '--resend-seconds', '0.2'], { stdio: ['ignore', 'pipe', 'ignore'] });
  process.on('exit', () => child.kill());
  const first = await new Promise((done, fail) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('\n')) done(seen.slice(0, seen.indexOf('\n')));
    });
    child.once('exit', () => fail(new Error(`kassa sandbox did not start: ${seen}`)));
  });
  child.stdout.resume();
  child.unref();
  child.stdout.unref?.();
  sandboxUrl = first.split(' ').at(-1);
  return sandboxUrl;
}

/** A fresh sandbox tenant and the base URL of `provider` in it (`<sandbox>/<provider>/t/<tenant>`). */
export async function tenant(provider) {
  const name = `node-${process.pid}-${randomBytes(6).toString('hex')}`;
  return { baseUrl: `${await sandbox()}/${provider}/t/${name}`, tenant: name };
}

/**
 * A control endpoint of the sandbox for `tenant` (`/_sandbox/t/<tenant><path>`): POST with the
 * JSON `body`, or GET without one. The parsed answer; a status other than 200 fails.
 */
export async function control(tenantName, path, body) {
  const url = `${await sandbox()}/_sandbox/t/${tenantName}${path}`;
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(url, init);
  const text = await response.text();
  assert.equal(response.status, 200, `${path}: ${text}`);
  return parseJson(text);
}

/** What the sandbox counted for `tenant`: `{requests, token_requests}`. */
export async function sandboxStats(tenantName) {
  const { requests, token_requests } = await control(tenantName, '/stats');
  return { requests: Number(requests), token_requests: Number(token_requests) };
}

/** A fresh scenario base URL (`<server>/<name>/<token>`) and its token. */
export async function scenario(name) {
  const token = `node-${process.pid}-${randomBytes(6).toString('hex')}`;
  return { baseUrl: `${await server()}/${name}/${token}`, token };
}

/** What the server counted for the scenario of `token`: `{requests, token_requests}`. */
export async function stats(token) {
  const response = await fetch(`${await server()}/_stats/${token}`);
  assert.equal(response.status, 200);
  return response.json();
}

/** How many API requests the scenario of `token` received. */
export async function requestCount(token) {
  return (await stats(token)).requests;
}

/** The test credentials the server accepts. */
export const CREDENTIALS = Object.freeze({ publicKey: 'public-key-test', secret: 'secret-test' });
