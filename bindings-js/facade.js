// kassa's JavaScript facade, one file for both packages: `kassa` (Node, over the napi-rs addon)
// and `kassa-web` (browsers, over the wasm-bindgen module). The native module does the work (the
// Rust core builds, parses, sends, retries, and holds every table); this file adds only what
// JavaScript needs on top, derived from the native module's names and from `operations()`:
//
// - the error classes, which the native side instantiates (`registerErrorClasses`), `protect`
//   (the `toJSON` and `util.inspect` of outputs holding ids or secrets), and `HttpRequest` over
//   what the native `buildRequest` gives;
// - the function namespaces: native entry point `ns__fn_name` is `ns.fnName`, `a__b_c__d` is
//   `a.bC.d`; every member IS the native function (no wrapper: no call overhead), except the
//   `*.check` functions (the native side answers compactly, the object is made here) and those
//   with a native keyword entry point (`epc__build$keywords`: the options are read here);
// - the client classes: one namespace per id group (camelCase), one method per request (and the
//   same under `withRawResponse`), per-call options with an `AbortSignal`, `withOptions`, hooks;
// - redacted `util.inspect` output (`Symbol.for('nodejs.util.inspect.custom')`, harmless elsewhere).
//
// The package entries (generated: ESM exports are static) call `kassa(native)` and export its
// members by name.

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** `get_by_id` -> `getById`. */
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** Every error kassa throws: `code` (stable), `kind` and the core's message (never a secret). */
export class KassaError extends Error {}
/** Input refused before anything was sent; `field` names it. */
export class ValidationError extends KassaError {}
/** The provider answered with an error: `status`, `providerCode`, `providerMessage`, `requestId`, `retryAfter`, `location`, `body`. */
export class ApiError extends KassaError {}
/** 400, 422: the request was refused as malformed or invalid. */
export class BadRequestError extends ApiError {}
/** 401: the credentials were refused. */
export class AuthenticationError extends ApiError {}
/** 402, 403: the credentials may not do this. */
export class PermissionDeniedError extends ApiError {}
/** 404, 410: nothing there. */
export class NotFoundError extends ApiError {}
/** 409: it conflicts with what exists. */
export class ConflictError extends ApiError {}
/** 429: too many requests (`retryAfter`). */
export class RateLimitError extends ApiError {}
/** 5xx: the provider failed. */
export class ServerError extends ApiError {}
/** No complete answer: `code` is `timeout`, `connect`, `tls`, `body` or `transport`. */
export class TransportError extends KassaError {}
/** The answer could not be read: `field` and `offset` say where, when known. */
export class DecodeError extends KassaError {}
/** A webhook signature does not hold. */
export class SignatureError extends KassaError {}
/** A provider's redirect reports a failure of its flow: `description`. */
export class CallbackError extends KassaError {}

const ERRORS = {
  KassaError, ValidationError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError,
  ConflictError, RateLimitError, ServerError, TransportError, DecodeError, SignatureError, CallbackError,
};
// Spelled out, so that minifiers renaming the classes do not change `err.name`.
for (const [name, cls] of Object.entries(ERRORS)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

const made = Symbol('kassa');

/** A `ValidationError` of the facade's own checks, shaped as the core's. */
const invalid = (field, code, message) =>
  Object.assign(new ValidationError(`invalid \`${field}\`: ${message}`), { kind: 'validation', code, field });

/** `value` (an output object or array) as `toJSON` (`json`: ids as decimal strings) or `util.inspect` show it: secrets redacted. */
const shown = (value, secrets, json) => {
  const out = Array.isArray(value) ? [] : {};
  for (const [k, v] of Object.entries(value)) out[k] = secrets.includes(k) && v != null ? '[redacted]' : json && typeof v === 'bigint' ? String(v) : v;
  return out;
};

/** Called by the native side on an output holding ids (`bigint`s) or the secrets `secrets` (keys): JSON-safe, never printing a secret. */
function protect(value, secrets) {
  const hidden = (fn) => ({ value: fn, writable: true, configurable: true });
  Object.defineProperty(value, 'toJSON', hidden(function toJSON() { return shown(this, secrets, true); }));
  if (secrets.length > 0) {
    Object.defineProperty(value, inspect, hidden(function (depth, options, show) {
      return show(shown(this, secrets, false), { ...options, depth: options.depth == null ? null : options.depth - 1 });
    }));
  }
}

/** The native client's hook dispatcher of a client's `onRequest` / `onResponse`: what a hook throws is rethrown apart, the call goes on. */
function dispatcher(onRequest, onResponse) {
  for (const [field, hook] of [['onRequest', onRequest], ['onResponse', onResponse]]) {
    if (hook != null && typeof hook !== 'function') throw invalid(field, 'invalid_config', 'expected a function');
  }
  if (onRequest == null && onResponse == null) return undefined;
  return (done, event) => {
    try {
      (done ? onResponse : onRequest)?.(event);
    } catch (error) {
      queueMicrotask(() => { throw error; });
    }
  };
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A request the core built: the getters hold what is sent; printing redacts credentials. */
export class HttpRequest {
  #r;

  constructor(key, built) {
    if (key !== made) throw new TypeError('HttpRequest is made by buildRequest');
    this.#r = built;
  }

  get method() { return this.#r.method; }
  get url() { return this.#r.url; }
  get headers() { return this.#r.headers.map(([n, v]) => [n, v]); }
  /** A fresh copy on each read. */
  get body() { return this.#r.body.slice(); }
  toJSON() { return structuredClone(this.#r.json); }
  toString() { return this.#r.text; }

  [inspect](depth, options, show) { return `HttpRequest ${show(this.#r.json, options)}`; }
}

const freeze = (object) => {
  for (const value of Object.values(object)) if (typeof value === 'object') freeze(value);
  return Object.freeze(object);
};

/** A `*.check` function (`iban.check`) over its native entry point, which answers compactly (the
 * normal form when valid, `[code, message]` when not): the `{valid, value, code, message}` object is
 * made here, where it costs a fraction of what setting four properties through the engine's API does. */
const checking = (native) => function check(s, options) {
  const r = native(s, options);
  return typeof r === 'string' ? { valid: true, value: r, code: null, message: null } : { valid: false, value: null, code: r[0], message: r[1] };
};

/** The most keyword pairs passed natively (`kassa_js::MAX_KEYWORDS`; past it the native side answers `undefined` too). */
const KEYWORDS = 16;

/** A function called with an options object (`epc.build({...})`) that has a native keyword entry
 * point (`epc__build$keywords`): a plain object's own keys and values, each read once, in order,
 * go to it as `name, value, ...` (no object crossing into the native side); what it leaves to the
 * general path (`undefined`: an unknown key, a value of another type, ...) goes to the general
 * entry point as a copy of what was read, and any other call as it is. */
const byKeywords = (general, fast) => function keywords(options, ...rest) {
  if (rest.length === 0 && options !== null && typeof options === 'object') {
    const proto = Object.getPrototypeOf(options);
    const keys = proto === Object.prototype || proto === null ? Object.keys(options) : [];
    if (keys.length > 0 && keys.length <= KEYWORDS) {
      const pairs = new Array(2 * keys.length);
      for (let i = 0; i < keys.length; i++) {
        pairs[2 * i] = keys[i];
        pairs[2 * i + 1] = options[keys[i]];
      }
      const out = fast(...pairs);
      if (out !== undefined) return out;
      const read = Object.create(null);
      for (let i = 0; i < keys.length; i++) read[keys[i]] = pairs[2 * i + 1];
      return general(read);
    }
  }
  return general(options, ...rest);
};

/** The function namespaces, from the native module's entry points (`iban__validate`, ...). Until
 * `ready` (the web build before `init()`), every member is a stand-in throwing `notReady(path)`;
 * `swap()` puts the native functions in and freezes the tree. */
function namespaces(native, ready, notReady) {
  const root = {};
  const members = [];
  for (const key of Object.keys(native)) {
    const path = key.split('__');
    if (path.length < 2 || path.some((s) => s === '') || key.includes('$') || typeof native[key] !== 'function') continue;
    const name = camel(path.pop());
    let node = root;
    for (const [i, segment] of path.entries()) node = node[i === 0 ? segment : camel(segment)] ??= {};
    const shown = [...path.map((s, i) => (i === 0 ? s : camel(s))), name].join('.');
    const fast = native[`${key}$keywords`];
    const fn = name === 'check' ? checking(native[key]) : typeof fast === 'function' ? byKeywords(native[key], fast) : native[key];
    // A wrapper is named as the entry point it wraps (`iban__check`), with its arity.
    if (fn !== native[key]) Object.defineProperty(fn, 'name', { value: native[key].name, configurable: true });
    node[name] = ready ? fn : () => { throw notReady(shown); };
    members.push([node, name, fn]);
  }
  const swap = () => {
    for (const [node, name, fn] of members) node[name] = fn;
    freeze(root);
  };
  if (ready) freeze(root);
  return { root, swap };
}

/** The facade over `native` (the addon's exports, or the wasm-bindgen module). */
export function kassa(native) {
  let connected = false;
  const connect = () => connected || (native.registerErrorClasses({ ...ERRORS, protect }), (connected = true));

  // The web build loads its wasm with `init()`; the bundler build and Node are ready now. Before
  // `init()`, every call throws an Error saying so (the wasm-bindgen glue would fail with a
  // TypeError on its missing instance).
  const loads = typeof native.default === 'function';
  let initialised = !loads;
  const notReady = (what) =>
    new Error(`kassa-web is not initialised: call (and await) \`init()\`, the package's default export, before \`${what}\``);
  const check = (what) => {
    if (!initialised) throw notReady(what);
  };
  /** `native[name]` itself once ready (Node, the bundler build); for the web build, checked first. */
  const direct = (name) => (loads ? (...args) => (check(name), native[name](...args)) : native[name]);

  const routes = new Map();
  /** `[groups, method, id]` of each request of `provider`: `a.b_c.d_e` is `client.bC.dE`. */
  const routesOf = (provider) => {
    if (!routes.has(provider)) {
      const requests = native.operations().filter((op) => op.kind === 'request' && op.provider === provider);
      routes.set(provider, requests.map((op) => {
        const [, ...groups] = op.id.split('.').map(camel);
        return [groups, groups.pop(), op.id];
      }));
    }
    return routes.get(provider);
  };

  /** A client of one provider: the config, the default options and the connection pool live in the native client. */
  class ProviderClient {
    #native;
    #name;

    constructor(provider, name, options, identifies) {
      this.#name = name;
      this.#native = options?.[made];
      if (!this.#native) {
        let [config, hook] = [options, undefined];
        if (isObject(options) && ('onRequest' in options || 'onResponse' in options)) {
          const { onRequest, onResponse, ...rest } = options;
          [config, hook] = [rest, dispatcher(onRequest, onResponse)];
        }
        check(`new ${name}()`);
        this.#native = new native.Client(provider, config, hook);
      }
      const raw = {};
      for (const [groups, method, id] of routesOf(provider)) {
        for (const [root, isRaw] of [[this, false], [raw, true]]) {
          let target = root;
          for (const group of groups) target = Object.hasOwn(target, group) ? target[group] : (target[group] = {});
          target[method] = (params, opts) => this.#send(id, params, opts, isRaw);
        }
      }
      for (const group of Object.keys(this)) freeze(this[group]);
      /** Every method, resolving to `{data, status, headers, requestId, attempts}`. */
      Object.defineProperty(this, 'withRawResponse', { value: freeze(raw) });
      if (identifies) {
        const client = this.#native;
        Object.defineProperty(this, 'identity', {
          value: Object.freeze({
            start: async (params) => client.identityStart(params),
            check: async (reference, opts) => client.identityCheck(reference, opts),
          }),
          enumerable: true,
        });
      }
    }

    async #send(operation, params, options, raw) {
      let signal;
      if (isObject(options) && 'signal' in options) {
        ({ signal, ...options } = options);
        if (signal != null && typeof signal?.addEventListener !== 'function') throw invalid('signal', 'invalid_option', 'expected an AbortSignal');
      }
      if (signal == null) return this.#native.call(operation, params, options, raw);
      if (signal.aborted) throw signal.reason;
      const cancel = new native.Cancel();
      const abort = () => cancel.cancel();
      signal.addEventListener('abort', abort, { once: true });
      try {
        return await this.#native.call(operation, params, options, raw, cancel.share());
      } catch (error) {
        throw signal.aborted ? signal.reason : error;
      } finally {
        signal.removeEventListener('abort', abort);
      }
    }

    get provider() { return this.#native.provider; }
    async call(operation, params, options) { return this.#send(operation, params, options, false); }
    /** A client sharing this one's config, connection pool and hooks, with default per-call options. */
    withOptions(options) { return new this.constructor({ [made]: this.#native.withOptions(options) }); }
    toString() { return `${this.#name} ${this.#native.toString()}`; }
    toJSON() { return { client: this.#name, provider: this.provider, config: this.#native.toString() }; }
    [inspect]() { return this.toString(); }
  }

  /** The client class `name` of `provider` (`identifies`: it has `identity.start/check`). */
  const client = (name, provider, identifies) =>
    ({ [name]: class extends ProviderClient {
      constructor(options) {
        super(provider, name, options, identifies);
      }
    } })[name];

  const functions = namespaces(native, !loads, notReady);
  const ready = (out) => {
    connect();
    if (!initialised) functions.swap();
    initialised = true;
    return out;
  };
  const init = async (input) => (loads ? ready(await native.default(input)) : undefined);
  const initSync = (input) => (loads ? ready(native.initSync(input)) : undefined);
  if (!loads) connect();

  const buildRequest = (operation, params, config) => (check('buildRequest'), new HttpRequest(made, native.buildRequest(operation, params, config)));
  const [parseResponse, operations, callFunction, functionNames] = ['parseResponse', 'operations', 'callFunction', 'functionNames'].map(direct);
  return { ...ERRORS, HttpRequest, buildRequest, parseResponse, operations, callFunction, functionNames, namespaces: functions.root, client, init, initSync };
}
