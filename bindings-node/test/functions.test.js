// The pure functions (src/functions.rs + the namespaces of index.js): every case of the shared
// tests/fixtures/functions/*.json through the public namespaces, the namespaces against the
// core's function list, the positional/options split against the core, and the conversions
// (floats stay floats, bytes in and out, integers out as numbers, ids as bigint).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';

import * as kassa from '../index.js';
import { CallbackError, KassaError, SignatureError, ValidationError, callFunction, epc, functionNames } from '../index.js';
import { asJson, asOutput, assertKassaError, functionFixtureFiles } from './helpers.js';

const camel = (s) => s.replace(/[_-]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());

/**
 * The public path of core function `name`: `be.enterprise_number` -> `['be', 'enterpriseNumber']`,
 * `digiteal.pay_buttons.image_url` -> `['digiteal', 'payButtons', 'imageUrl']`.
 */
const publicPath = (name) => name.split('.').map((s, i) => (i === 0 ? s : camel(s)));

/** The public wrapper of core function `name` (`be.enterprise_number` -> `kassa.be.enterpriseNumber`). */
function wrapper(name) {
  const fn = publicPath(name).reduce((target, key) => (target != null && Object.hasOwn(target, key) ? target[key] : undefined), kassa);
  return typeof fn === 'function' ? fn : undefined;
}

/** What `fn` throws (fails when it returns). */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('expected a throw');
}

/** How many positional arguments the core's `name` takes: the fewest it refuses naming `args`, minus one. */
function coreArity(name) {
  for (let k = 0; k <= 6; k++) {
    try {
      callFunction(name, Array(k).fill(null));
    } catch (e) {
      if (e.field === 'args') return k - 1;
    }
  }
  assert.fail(`${name} accepts 6 positional arguments`);
}

/** A fixture argument as JS: `{"hex": "..."}` is bytes (a Uint8Array). */
function argument(value) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'hex') return new Uint8Array(Buffer.from(value.hex, 'hex'));
  }
  return value;
}

const files = functionFixtureFiles();
const NAMES = functionNames();

test('there are function fixtures for every kind of result', () => {
  const cases = files.flatMap(([, f]) => f.cases);
  assert.ok(cases.length >= 100, String(cases.length));
  for (const key of ['output', 'error', 'output_startswith', 'output_startswith_hex']) {
    assert.ok(cases.some((c) => key in c), key);
  }
});

for (const [file, fixture] of files) {
  describe(`functions/${file}`, () => {
    for (const c of fixture.cases) {
      test(`${c.fn}: ${c.name}`, () => {
        const known = new Set(['name', 'fn', 'args', 'kwargs', 'output', 'error', 'output_startswith', 'output_startswith_hex']);
        for (const key of Object.keys(c)) assert.ok(known.has(key), `the runner does not know the case key \`${key}\``);
        const args = (c.args ?? []).map(argument);
        // Keyword arguments become the trailing options object, camelCase (README rule).
        const options = Object.fromEntries(Object.entries(c.kwargs ?? {}).map(([k, v]) => [camel(k), argument(v)]));
        const fn = wrapper(c.fn);
        let run;
        if (fn) {
          assert.ok(NAMES.includes(c.fn));
          // Pad missing positional arguments (a parameter given by keyword) so the options
          // object lands after them.
          const arity = coreArity(c.fn);
          const padded = args.length < arity ? [...args, ...Array(arity - args.length).fill(undefined)] : args;
          run = () => fn(...padded, options);
        } else {
          // No wrapper: only a name the core does not know, refused by the generic entry point.
          assert.ok(!NAMES.includes(c.fn), `${c.fn} has no wrapper`);
          run = () => callFunction(c.fn, args, options);
        }
        if (c.error) {
          assert.throws(run, (e) => assertKassaError(e, { kind: 'validation', ...c.error }));
          return;
        }
        const result = run();
        if ('output' in c) {
          // Integers as kassa gives them (ids BigInt, others numbers), and JSON-safe.
          assert.deepStrictEqual(result, asOutput(c.output));
          assert.deepStrictEqual(JSON.parse(JSON.stringify(result) ?? 'null'), asJson(c.output));
        } else if ('output_startswith' in c) {
          assert.equal(typeof result, 'string');
          assert.ok(result.startsWith(c.output_startswith), result.slice(0, 120));
        } else {
          assert.ok(result instanceof Uint8Array, inspect(result).slice(0, 80));
          assert.ok(Buffer.from(result).toString('hex').startsWith(c.output_startswith_hex));
        }
      });
    }
  });
}

describe('the namespaces', () => {
  test('every core function has a wrapper, every namespace is exported, nothing else is', () => {
    assert.ok(NAMES.length >= 31);
    // The expected tree of every namespace, from the core's names only.
    const expected = {};
    for (const name of NAMES) {
      const path = publicPath(name);
      assert.equal(typeof wrapper(name), 'function', `no ${path.join('.')} for ${name}`);
      const fn = path.pop();
      let node = expected;
      for (const key of path) node = node[key] ??= {};
      node[fn] = 'function';
    }
    /** The public tree below `value`, every level checked frozen. */
    const tree = (value, where) => {
      assert.ok(Object.isFrozen(value), `${where} is not frozen`);
      return Object.fromEntries(Object.keys(value).map((k) => [k, typeof value[k] === 'function' ? 'function' : tree(value[k], `${where}.${k}`)]));
    };
    for (const ns of Object.keys(expected)) assert.deepEqual(tree(kassa[ns], ns), expected[ns], ns);
    assert.deepEqual(Object.keys(expected).sort(), ['be', 'bic', 'billit', 'digiteal', 'epc', 'iban', 'identity', 'ogm', 'peppol', 'rf', 'solaris']);
    assert.deepEqual(Object.keys(kassa.digiteal).sort(), ['links', 'payButtons', 'webhooks']);
    assert.deepEqual(Object.keys(kassa.digiteal.webhooks).sort(), ['parse', 'types', 'verify']);
    assert.deepEqual(Object.keys(kassa.digiteal.payButtons).sort(), ['b2bExecuteUrl', 'b2bImageUrl', 'executeUrl', 'imageUrl']);
    assert.deepEqual(Object.keys(kassa.digiteal.links).sort(), ['companyRegistration', 'personRegistration', 'qrGenerator']);
  });

  test('the wrappers split positional arguments and the options object as the core does', () => {
    for (const name of NAMES) {
      const arity = coreArity(name);
      const fn = wrapper(name);
      // One argument more than the positional ones is the options object: an unknown option
      // is refused by name.
      const e = thrown(() => fn(...Array(arity).fill(undefined), { zzzUnknown: 1 }));
      assertKassaError(e, { kind: 'validation', code: 'invalid_params', field: 'zzzUnknown' });
      // The namespace members are the native entry points, `(positional..., options)`: the
      // argument after the positional ones is the options object, and must be one.
      assertKassaError(thrown(() => fn(...Array(arity + 2).fill('x'))), { kind: 'validation', code: 'invalid_params', field: 'options' });
    }
  });

  test('the options object must be an object', () => {
    for (const options of ['x', 5, [1], new Uint8Array(1), new Date(0)]) {
      assertKassaError(thrown(() => kassa.iban.validate('BE68539007547034', options)), { kind: 'validation', code: 'invalid_params', field: 'options' });
    }
    assert.equal(kassa.iban.validate('BE68539007547034', undefined), 'BE68539007547034');
    assert.equal(kassa.iban.validate('BE68539007547034', {}), 'BE68539007547034');
  });
});

describe('conversions', () => {
  const PAYEE = { name: 'Jan Peeters', iban: 'BE68539007547034' };

  test('a fraction reaches the core as a float: refused for amounts', () => {
    assertKassaError(thrown(() => epc.build({ ...PAYEE, amount: 12.3 })), { kind: 'validation', code: 'epc_amount_type', field: 'amount' });
    assertKassaError(thrown(() => epc.build({ ...PAYEE, amountCents: 1230.5 })), { kind: 'validation', code: 'epc_amount_type', field: 'amount_cents' });
    const expected = 'BCD\n002\n1\nSCT\n\nJan Peeters\nBE68539007547034\nEUR12.30';
    assert.equal(epc.build({ ...PAYEE, amountCents: 1230 }), expected);
    assert.equal(epc.build({ ...PAYEE, amountCents: 1230n }), expected);
    assert.equal(epc.build({ ...PAYEE, amount_cents: 1230 }), expected);
    assert.equal(epc.build({ ...PAYEE, amount: '12.30' }), expected);
  });

  test('bytes in: Uint8Array, Buffer and ArrayBuffer are the payload bytes', () => {
    const payload = epc.build({ ...PAYEE, amount: '1.00' });
    const text = epc.parse(payload);
    const bytes = new TextEncoder().encode(payload);
    for (const b of [bytes, Buffer.from(payload), bytes.buffer]) assert.deepStrictEqual(epc.parse(b), text);
    assert.equal(text.charset, 1);
  });

  test('bytes out: epc.png is a fresh Uint8Array holding a PNG', () => {
    const payload = epc.build({ ...PAYEE, amount: '1.00' });
    const a = epc.png(payload, { modulePx: 2 });
    const b = epc.png(payload, { modulePx: 2 });
    assert.ok(a instanceof Uint8Array && !Buffer.isBuffer(a));
    assert.deepEqual([...a.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual(a, b);
    assert.notEqual(a.buffer, b.buffer);
    assert.ok(epc.png(payload, { modulePx: 4 }).length > a.length);
  });

  test('webhook body and secret as text or bytes are the same', async () => {
    const body = '{"a":1,"big":9007199254740991}';
    const { createHmac } = await import('node:crypto');
    const signature = `sha256=${createHmac('sha256', 'k').update(body).digest('hex')}`;
    const expected = { event: 'UNKNOWN', data: { a: 1, big: 9007199254740991 } };
    assert.deepStrictEqual(kassa.solaris.verifyWebhook(body, signature, 'k'), expected);
    assert.deepStrictEqual(kassa.solaris.verifyWebhook(Buffer.from(body), signature, new TextEncoder().encode('k')), expected);
    const t = 1763900000;
    const billitSig = `t=${t},s=${createHmac('sha256', 'whsec').update(`${t}.${body}`).digest('hex')}`;
    assert.deepStrictEqual(kassa.billit.verifyWebhook(new TextEncoder().encode(body), billitSig, 'whsec', { now: t + 10 }), expected.data);
    assert.deepStrictEqual(kassa.billit.verifyWebhook(body, billitSig, 'whsec', { now: BigInt(t) }), expected.data);
    assertKassaError(thrown(() => kassa.billit.verifyWebhook(body, billitSig, 'whsec', { now: t + 61, tolerance: 60 })), { kind: 'signature', code: 'timestamp_too_old' });
    // In a body kept as sent (free-form JSON), an integer a number cannot hold is a bigint, never
    // rounded, and JSON gives its digits.
    const big = '{"a":1,"big":9007199254740993}';
    const bigSig = `sha256=${createHmac('sha256', 'k').update(big).digest('hex')}`;
    const kept = kassa.solaris.verifyWebhook(big, bigSig, 'k');
    assert.deepStrictEqual(kept, { event: 'UNKNOWN', data: { a: 1, big: 9007199254740993n } });
    assert.equal(JSON.stringify(kept), '{"event":"UNKNOWN","data":{"a":1,"big":"9007199254740993"}}');
    // The clock is the caller's: without `now` the core refuses, naming it.
    assertKassaError(thrown(() => kassa.billit.verifyWebhook(body, billitSig, 'whsec')), { kind: 'validation', code: 'invalid_params', field: 'now' });
  });

  test('integers out are numbers: identity.started expires_at', () => {
    const started = kassa.identity.started('billit', { subject: '42', returnUrl: 'https://a.test/' }, { status: 200, headers: new Headers(), body: '{"URL": "https://i.test"}' }, { now: 1000 });
    assert.deepStrictEqual(started, { provider: 'billit', url: 'https://i.test', token: null, expires_at: 1300, reference: 'billit:42' });
  });
});

describe('function errors', () => {
  test('SignatureError and CallbackError are KassaErrors with their fields', () => {
    const sig = thrown(() => kassa.solaris.verifyWebhook('{}', `sha256=${'0'.repeat(64)}`, 'k'));
    assert.ok(sig instanceof SignatureError && sig instanceof KassaError && sig instanceof Error);
    assert.deepEqual([sig.name, sig.kind, sig.code], ['SignatureError', 'signature', 'signature_mismatch']);
    assert.match(sig.message, /^webhook signature refused \(signature_mismatch\)/);
    assert.ok(!sig.message.includes('k"'));

    const url = 'https://oidc.prd.itsme.services/oops.html?error=invalid_redirect&error_description=The%20given%20redirect%20uri%20is%20invalid';
    const cb = thrown(() => kassa.billit.parseCallback(url));
    assert.ok(cb instanceof CallbackError && cb instanceof KassaError);
    assert.deepEqual([cb.name, cb.kind, cb.code, cb.description], ['CallbackError', 'callback', 'invalid_redirect', 'The given redirect uri is invalid']);
    assert.equal(cb.message, "the provider's flow failed (invalid_redirect): The given redirect uri is invalid");
    const bare = thrown(() => kassa.billit.parseCallback('https://x.test/oops.html?error=access_denied'));
    assert.deepEqual([bare.code, bare.description], ['access_denied', null]);
  });

  test('the secret never appears in a signature error', () => {
    const secret = 'whsec-do-not-print-4411';
    const e = thrown(() => kassa.billit.verifyWebhook('{}', 't=1,s=00', secret, { now: 1 }));
    assert.ok(e instanceof SignatureError);
    for (const text of [e.message, e.stack, inspect(e), JSON.stringify(e)]) assert.ok(!text.includes(secret), text);
  });

  test('bad input never crashes: a typed error naming the argument', () => {
    const cyclic = {};
    cyclic.self = cyclic;
    const weird = [undefined, null, true, 1.5, NaN, 'x', Symbol('s'), () => 1, 2n ** 70n, new Date(0), cyclic, [cyclic], new Uint16Array(2), new Map(), Object.create(null)];
    for (const name of NAMES) {
      const fn = wrapper(name);
      for (const value of weird) {
        for (const args of [[value], [value, value], [value, value, value], [value, value, value, value]]) {
          try {
            fn(...args);
          } catch (e) {
            assert.ok(e instanceof KassaError, `${name}(${inspect(args)}) threw ${e?.stack ?? e}`);
            assert.equal(typeof e.code, 'string');
          }
        }
      }
    }
    for (const value of weird) {
      for (const args of [[value, [], {}], ['iban.validate', value, {}], ['iban.validate', ['x'], value]]) {
        try {
          callFunction(...args);
        } catch (e) {
          assert.ok(e instanceof ValidationError, `callFunction(${inspect(args)}) threw ${e?.stack ?? e}`);
        }
      }
    }
    assertKassaError(thrown(() => callFunction(42)), { kind: 'validation', code: 'unknown_function', field: 'fn' });
    assertKassaError(thrown(() => callFunction('iban.validate', 'BE68539007547034')), { kind: 'validation', code: 'invalid_params', field: 'args' });
    // Positional arguments are bound to the parameters' names before they are read.
    assertKassaError(thrown(() => callFunction('iban.validate', [Symbol('s')])), { kind: 'validation', code: 'invalid_params', field: 's' });
    assertKassaError(thrown(() => kassa.iban.validate(5)), { kind: 'validation', code: 'invalid_params', field: 's' });
  });
});

describe('the fast forms', () => {
  /** The answer of `call`: its value, or the error's class, code, field and message. */
  const answer = (call) => {
    try {
      return ['ok', call()];
    } catch (e) {
      return ['error', e.constructor.name, e.code, e.field, e.message];
    }
  };

  test('epc.build reads a plain options object in JS and answers as the general path', () => {
    // `epc.build(options)` hands a plain object's keys and values to the native keyword entry
    // point; `callFunction` passes the object itself through the core's Args: the same answer.
    const getterCalls = [];
    const withGetter = { name: 'Jan', iban: 'BE68539007547034' };
    Object.defineProperty(withGetter, 'amount', { enumerable: true, get: () => (getterCalls.push(1), '12.30') });
    const cases = [
      { name: 'Jan Peeters', iban: 'BE68 5390 0754 7034', amount: '12.30', reference: 'RF18539007547034' },
      { name: 'Jan', iban: 'be68539007547034', amountCents: 1230, text: 'Réf. 12 😀' },
      { name: 'Jan', iban: 'BE68539007547034', amount_cents: 2 ** 53 + 2 },
      { name: 'Jan', iban: 'BE68539007547034', amountCents: 12.5 },
      { name: 'Jan', iban: 'BE68539007547034', amount: 12.3 },
      { name: 'Jan', iban: 'BE68539007547034', amountCents: Number.NaN },
      { name: 'Jan', iban: 'BE68539007547034', allowNoAmount: true, bic: undefined, unknown: null },
      { name: 'Jan', iban: 'BE68539007547034', allowNoAmount: 1 },
      { name: 'Jan', iban: 'BE68539007547034', amount: '1', version: 1, bic: 'gkccbebb', charset: 'ISO-8859-1' },
      { name: 'Jan', iban: 'BE68539007547034', amount: '1', nam: 'x' },
      { name: 'Jan\ud800', iban: 'BE68539007547034', amount: '1' },
      { name: 7, iban: 'BE68539007547034', amount: '1' },
      { iban: 'BE68539007547034', amount: '1' },
      { name: 'Jan', iban: 'BE68539007547035', amount: '1' },
      { name: 'Jan', iban: 'BE68539007547034', amount: '1', reference: 'invoice 12' },
      { name: 'Jan', iban: 'BE68539007547034', amount: { toString: () => '1' } },
      Object.assign(Object.create(null), { name: 'Jan', iban: 'BE68539007547034', amount: '1' }),
      JSON.parse('{"name": "Jan", "iban": "BE68539007547034", "amount": "1", "__proto__": "x"}'),
      withGetter,
    ];
    for (const options of cases) {
      assert.deepEqual(answer(() => epc.build(options)), answer(() => callFunction('epc.build', [], options)), inspect(options));
    }
    assert.equal(getterCalls.length, 2, 'a getter runs once per call');
    // Not plain objects, and other shapes: the general path, as before.
    for (const options of [new Map([['name', 'Jan']]), [], 'x', undefined, null]) {
      assert.deepEqual(answer(() => epc.build(options)), answer(() => callFunction('epc.build', [], options)));
    }
  });

  test('the check functions answer {valid, value, code, message}, as callFunction does', () => {
    for (const [fn, name, inputs] of [
      [kassa.iban.check, 'iban.check', ['BE68 5390 0754 7034', 'BE68 5390 0754 7035', 'XX00', '', 'é']],
      [kassa.bic.check, 'bic.check', ['gebabebb', 'GEBABE', 'GEBA-BEBB', 'GEBAZZBB']],
    ]) {
      for (const s of inputs) {
        const out = fn(s);
        assert.deepEqual(Object.keys(out), ['valid', 'value', 'code', 'message']);
        assert.deepEqual(out, callFunction(name, [s]), `${name}(${s})`);
      }
      assert.deepEqual(answer(() => fn(42)), answer(() => callFunction(name, [42])));
    }
    assert.deepEqual(kassa.iban.check('FR73 2004 1010 0505 1001 3M02 606', { nationalCheck: false }).valid, true);
  });
});
