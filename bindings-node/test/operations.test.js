// The catalog (operations()) and the typed surface: every operation id has a client method at the
// derived path, at runtime and in index.d.ts (checked by compiling generated TypeScript with tsc).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as kassa from '../index.js';
import { ROOT, UnsafeInteger, asOutput, fixtureFiles, functionFixtureFiles, unhex } from './helpers.js';

const PACKAGE = join(ROOT, 'bindings-node');
const catalog = kassa.operations();
/** The API requests: one client method each. */
const requests = catalog.filter((op) => op.kind === 'request');

/** The client class of each provider. A provider the core adds must get one here and in index.d.ts. */
const CLIENTS = { passportreader: 'PassportReader', billit: 'Billit', solaris: 'Solaris', digiteal: 'Digiteal' };

/** The providers that identify people: their clients also have `identity.start/check`. */
const IDENTIFICATION = new Set(['passportreader', 'billit', 'solaris']);

/** A client of each provider (offline: nothing is sent). */
const INSTANCES = {
  passportreader: () => new kassa.PassportReader({ publicKey: 'public-key-test', secret: 'secret-test' }),
  billit: () => new kassa.Billit({ apiKey: 'k' }),
  solaris: () => new kassa.Solaris({ clientId: 'c', clientSecret: 's' }),
  digiteal: () => new kassa.Digiteal({ username: 'u', password: 'p' }),
};

const camel = (s) => s.replace(/[_-]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
/** `provider.group_name.method_name` -> `['groupName', 'methodName']` (the JS names are camelCase). */
const route = (id) => id.split('.').slice(1).map(camel);

test('operations() lists every catalog entry: requests, links, callbacks, functions', () => {
  const ids = new Set();
  for (const op of catalog) {
    const callable = op.kind === 'function' || op.kind === 'callback';
    const keys = ['id', 'kind', 'method', 'output', 'params', 'path', 'provider', 'retrySafe', ...(callable ? ['positional'] : [])];
    assert.deepEqual(Object.keys(op).sort(), keys.sort(), op.id);
    assert.match(op.id, /^[a-z]+(\.[a-z0-9_]+)+$/);
    assert.ok(['request', 'link', 'callback', 'function'].includes(op.kind), op.kind);
    assert.equal(typeof op.params, 'string');
    assert.equal(typeof op.output, 'string');
    assert.equal(typeof op.retrySafe, 'boolean');
    if (op.kind === 'request' || op.kind === 'link') {
      assert.ok(op.id.startsWith(`${op.provider}.`));
      assert.ok(['GET', 'POST', 'PUT', 'DELETE'].includes(op.method));
      assert.ok(op.path.startsWith('/'));
    } else {
      assert.deepEqual([op.method, op.path], [null, null]);
      assert.ok(Array.isArray(op.positional));
    }
    assert.ok(!ids.has(op.id), `duplicate ${op.id}`);
    ids.add(op.id);
  }
  assert.deepEqual([...new Set(catalog.map((op) => op.kind))].sort(), ['callback', 'function', 'link', 'request']);
  assert.deepEqual([...new Set(catalog.filter((op) => op.kind === 'request').map((op) => op.provider))].sort(), ['billit', 'digiteal', 'passportreader', 'solaris']);
  assert.deepEqual(Object.keys(INSTANCES).sort(), Object.keys(CLIENTS).sort());
  // Every function is an entry (a link builder's function is its link's entry).
  for (const name of kassa.functionNames()) assert.ok(ids.has(name), name);
  const pr = catalog.find((op) => op.id === 'passportreader.session.create');
  assert.deepEqual(pr, { id: 'passportreader.session.create', kind: 'request', provider: 'passportreader', method: 'POST', path: '/api/v1/session.create', retrySafe: true, params: 'CreateSession', output: 'SessionCreated' });
  const iban = catalog.find((op) => op.id === 'iban.validate');
  assert.deepEqual(iban, { id: 'iban.validate', kind: 'function', provider: null, method: null, path: null, retrySafe: true, params: 'IbanValidateArgs', output: 'string', positional: ['s'] });
});

test('every provider has a client class, and every operation a method at its derived path', () => {
  for (const op of requests) {
    const name = CLIENTS[op.provider];
    assert.ok(name, `no client class for provider ${op.provider}`);
    assert.equal(typeof kassa[name], 'function', `${name} is not exported`);
  }
  const reached = {};
  for (const [provider, make] of Object.entries(INSTANCES)) {
    const client = make();
    assert.ok(client instanceof kassa[CLIENTS[provider]]);
    assert.equal(client.provider, provider);
    reached[provider] = [];
    for (const op of requests.filter((o) => o.provider === provider)) {
      const path = route(op.id);
      const fn = path.reduce((target, key) => target?.[key], client);
      assert.equal(typeof fn, 'function', `client.${path.join('.')} is missing for ${op.id}`);
      reached[provider].push(path.join('.'));
    }
    reached[provider].sort();
    // The namespaces are exactly the catalog's groups, plus the identification flow for the
    // providers that identify people.
    const groups = new Set(requests.filter((o) => o.provider === provider).map((o) => route(o.id)[0]));
    const identification = IDENTIFICATION.has(provider);
    assert.deepEqual(Object.keys(client).sort(), [...groups, ...(identification ? ['identity'] : [])].sort());
    for (const group of Object.keys(client)) assert.ok(Object.isFrozen(client[group]), group);
    if (identification) assert.deepEqual(Object.keys(client.identity).sort(), ['check', 'start']);
    else assert.equal(client.identity, undefined);
  }
  assert.deepEqual(reached, {
    passportreader: ['session.create', 'session.get', 'session.state'],
    billit: ['identification.start'],
    solaris: [
      'auth.token',
      'identification.eligibilityChecks',
      'identificationSessions.configuration',
      'identificationSessions.create',
      'identificationSessions.get',
      'identificationSessions.simulateBankId',
      'identifications.create',
      'identifications.get',
    ],
    digiteal: [
      'autopay.request',
      'creditNotes.create',
      'creditNotes.sendDocument',
      'creditNotes.sendDocumentByInternalId',
      'integrator.companyInfo',
      'integrator.personInfo',
      'invoices.create',
      'invoices.listDocuments',
      'invoices.sendDocument',
      'invoices.sendDocumentByInternalId',
      'kyc.companyContracts',
      'kyc.personContracts',
      'kyc.registerCompany',
      'kyc.registerPerson',
      'kyc.uploadDocument',
      'optin.force',
      'payments.create',
      'payments.createForInvoice',
      'peppol.checkRecipient',
      'peppol.getParticipant',
      'peppol.listParticipants',
      'peppol.registerParticipant',
      'peppol.sendDocument',
      'peppol.supportedDocumentTypes',
      'peppol.unregisterParticipant',
      'qr.slipImage',
      'qr.slipImageInline',
      'sdd.transferCompany',
      'sdd.transferPerson',
      'transfers.createConfirmationBased',
      'transfers.createTimeBased',
      'transfers.execute',
      'transfers.updateConfirmationBased',
      'transfers.updateTimeBased',
      'webhooks.delete',
      'webhooks.getConfiguration',
      'webhooks.setConfiguration',
      'webhooks.setCredentials',
      'webhooks.upsert',
    ],
  });
});

/** Compiles `source` (a module in test/.generated) with the strict test config; returns tsc's result. */
function compile(name, source) {
  const dir = join(PACKAGE, 'test', '.generated', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'coverage.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', files: ['coverage.ts'] }));
  const tsc = spawnSync(join(PACKAGE, 'node_modules', '.bin', 'tsc'), ['-p', dir], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  return tsc;
}

/** TypeScript that fails to compile unless each op id is typed in `Operations` and its method exists with those types. */
function coverageSource(ops) {
  const lines = [`import type { Operations, ${[...new Set(Object.values(CLIENTS))].join(', ')} } from '../../../index.js';`];
  ops.forEach((op, i) => {
    const id = JSON.stringify(op.id);
    lines.push(`declare const c${i}: ${CLIENTS[op.provider]};`);
    lines.push(
      `export const m${i}: (params: Operations[${id}]['params']) => Promise<Operations[${id}]['output']> = c${i}.${route(op.id).join('.')};`,
    );
  });
  return `${lines.join('\n')}\n`;
}

test('index.d.ts types a client method for every catalog operation', () => {
  const tsc = compile('catalog', coverageSource(requests));
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
});

test('the index.d.ts check fails for an operation it lacks', () => {
  const tsc = compile('missing', coverageSource([{ id: 'passportreader.session.delete', provider: 'passportreader' }]));
  assert.notEqual(tsc.status, 0);
  assert.match(tsc.stdout, /session\.delete|passportreader\.session\.delete/);
  const solaris = compile('missing-solaris', coverageSource([{ id: 'solaris.identifications.delete', provider: 'solaris' }]));
  assert.notEqual(solaris.status, 0);
  assert.match(solaris.stdout, /identifications\.delete|solaris\.identifications\.delete/);
  const digiteal = compile('missing-digiteal', coverageSource([{ id: 'digiteal.credit_notes.delete_document', provider: 'digiteal' }]));
  assert.notEqual(digiteal.status, 0);
  assert.match(digiteal.stdout, /deleteDocument|digiteal\.credit_notes\.delete_document/);
});

/** TypeScript that fails to compile unless each function name has a typed wrapper in index.d.ts. */
function functionSource(names) {
  const lines = ["import * as kassa from '../../../index.js';"];
  names.forEach((name, i) => {
    const path = name.split('.').map((s, j) => (j === 0 ? s : camel(s)));
    lines.push(`export const f${i}: (...args: never[]) => unknown = kassa.${path.join('.')};`);
  });
  return `${lines.join('\n')}\n`;
}

test('index.d.ts types a wrapper for every kassa function', () => {
  const names = kassa.functionNames();
  assert.ok(names.length >= 31);
  assert.ok(names.includes('digiteal.pay_buttons.b2b_image_url'));
  const tsc = compile('functions', functionSource(names));
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  const missing = compile('functions-missing', functionSource(['iban.verify']));
  assert.notEqual(missing.status, 0);
  assert.match(missing.stdout, /verify/);
  const nested = compile('functions-missing-nested', functionSource(['digiteal.links.unknown_link']));
  assert.notEqual(nested.status, 0);
  assert.match(nested.stdout, /unknownLink/);
});

test('index.d.ts lists exactly the catalog\'s requests and links in Operations', () => {
  const dts = readFileSync(join(PACKAGE, 'index.d.ts'), 'utf8');
  const block = dts.match(/export interface Operations \{([\s\S]*?)\n\}/);
  assert.ok(block, 'no `export interface Operations` in index.d.ts');
  const typed = [...block[1].matchAll(/^\s*'([^']+)':/gm)].map((m) => m[1]).sort();
  assert.deepEqual(typed, catalog.filter((op) => op.kind === 'request' || op.kind === 'link').map((op) => op.id).sort());
});

test('index.d.ts declares every runtime export of index.js', () => {
  const names = Object.keys(kassa).sort();
  assert.ok(names.includes('Solaris') && names.includes('Digiteal') && names.includes('digiteal') && names.includes('epc') && names.includes('callFunction'));
  const source = `import { ${names.join(', ')} } from '../../../index.js';\nexport const all: unknown[] = [${names.join(', ')}];\n`;
  const tsc = compile('exports', source);
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  const missing = compile('exports-missing', "import { notAnExport } from '../../../index.js';\nexport const x: unknown = notAnExport;\n");
  assert.notEqual(missing.status, 0);
});

/**
 * A fixture value as a TypeScript expression: bytes as `new Uint8Array([...])`; bigints as bigint
 * literals, or, for inputs (`input`), as numbers when they fit one (what a float input takes).
 */
function tsLiteral(value, input = false) {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return input && Number.isSafeInteger(Number(value)) ? `${value}` : `${value}n`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Uint8Array) return `new Uint8Array([${[...value].join(', ')}])`;
  if (Array.isArray(value)) return `[${value.map((v) => tsLiteral(v, input)).join(', ')}]`;
  return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${tsLiteral(v, input)}`).join(', ')} }`;
}

/**
 * The keys of fixture params as the typings name them: the typings come from the core's schemas,
 * which name each field once; the core also accepts these aliases, which are not typed.
 */
const ALIASES = { correlation_id: 'correlationId', beneficiary: 'benificiary', minimumAmountInCents: 'minumumAmountInCents' };
const canonical = (value) => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [ALIASES[k] ?? k, canonical(v)]));
};

/**
 * TypeScript that assigns every fixture's params (of the cases that build) and every expected
 * output to the types `Operations` declares for its operation, and every function fixture's
 * output of a Digiteal link builder to the declared return type: it compiles only when the
 * typings describe what the core really takes and gives.
 */
function fixtureTypesSource() {
  const lines = [`import type { Operations } from '../../../index.js';`, `import { digiteal } from '../../../index.js';`];
  let n = 0;
  for (const [, fixture] of fixtureFiles()) {
    for (const c of fixture.build ?? []) {
      if (c.error) continue;
      lines.push(`export const p${n++}: Operations[${JSON.stringify(c.operation)}]['params'] = ${tsLiteral(canonical(unhex(c.params)), true)};`);
    }
    for (const c of fixture.parse ?? []) {
      if (c.error) continue;
      let output;
      try {
        output = asOutput(unhex(c.output));
      } catch (e) {
        if (e instanceof UnsafeInteger) continue; // refused at run time (fixtures.test.js)
        throw e;
      }
      lines.push(`export const o${n++}: Operations[${JSON.stringify(c.operation)}]['output'] = ${tsLiteral(output)};`);
    }
  }
  for (const [file, fixture] of functionFixtureFiles()) {
    if (file !== 'digiteal.json') continue;
    for (const c of fixture.cases) {
      if (c.error || !('output' in c)) continue;
      const path = c.fn.split('.').map((s, j) => (j === 0 ? s : camel(s))).join('.');
      lines.push(`export const f${n++}: ReturnType<typeof ${path}> = ${tsLiteral(asOutput(c.output))};`);
      lines.push(`export const a${n++}: Parameters<typeof ${path}>[0] = ${tsLiteral(c.kwargs ?? {}, true)};`);
    }
  }
  return { source: `${lines.join('\n')}\n`, count: n };
}

test('index.d.ts types the params and outputs of every fixture', () => {
  const { source, count } = fixtureTypesSource();
  assert.ok(count > 100, String(count));
  const tsc = compile('fixture-types', source);
  assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
  // The check bites: a wrong output type and an unknown param are refused.
  const wrong = compile(
    'fixture-types-wrong',
    `import type { Operations } from '../../../index.js';\n` +
      `export const o: Operations['digiteal.invoices.create']['output'] = { uuid: 'u', deliveryMethod: null, optedIn: 'yes', autoPaymentDate: null, debtorId: null, image: null, qrText: null, epc: null, epcError: null };\n` +
      `export const p: Operations['digiteal.invoices.create']['params'] = { invoiceInternalID: 'x' };\n`,
  );
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stdout, /coverage\.ts\(2,\d+\): error/);
  assert.match(wrong.stdout, /coverage\.ts\(3,\d+\): error .*invoiceInternalID/);
});
