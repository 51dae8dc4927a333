// kassa's JavaScript facade, one file for both packages: `kassa` (Node, over the napi-rs addon)
// and `kassa-web` (browsers, over the wasm-bindgen module). The native module does the work (the
// Rust core builds, parses, sends, retries, and holds every table); this file adds only what
// JavaScript needs on top, derived from the native module's names and from `operations()`:
//
// - the error classes, which the native side instantiates (`registerErrorClasses`), and
//   `HttpRequest` over what the native `buildRequest` gives;
// - the function namespaces: native entry point `ns__fn_name` is `ns.fnName`, `a__b_c__d` is
//   `a.bC.d`; every member IS the native function (no wrapper: no call overhead);
// - the client classes: one namespace per id group (camelCase), one method per request;
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
/** The provider answered with an error: `status`, `providerCode`, `providerMessage`, `requestId`, `body`. */
export class ApiError extends KassaError {}
/** No complete answer: `code` is `timeout`, `connect`, `tls`, `body` or `transport`. */
export class TransportError extends KassaError {}
/** The answer could not be read: `field` and `offset` say where, when known. */
export class DecodeError extends KassaError {}
/** A webhook signature does not hold. */
export class SignatureError extends KassaError {}
/** A provider's redirect reports a failure of its flow: `description`. */
export class CallbackError extends KassaError {}

const ERRORS = { KassaError, ValidationError, ApiError, TransportError, DecodeError, SignatureError, CallbackError };
// Spelled out, so that minifiers renaming the classes do not change `err.name`.
for (const [name, cls] of Object.entries(ERRORS)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

const made = Symbol('kassa');

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

/** The function namespaces, from the native module's entry points (`iban__validate`, ...). */
function namespaces(native) {
  const root = {};
  for (const key of Object.keys(native)) {
    const path = key.split('__');
    if (path.length < 2 || path.some((s) => s === '') || typeof native[key] !== 'function') continue;
    const name = camel(path.pop());
    let node = root;
    for (const [i, segment] of path.entries()) node = node[i === 0 ? segment : camel(segment)] ??= {};
    node[name] = native[key];
  }
  return freeze(root);
}

/** The facade over `native` (the addon's exports, or the wasm-bindgen module). */
export function kassa(native) {
  let connected = false;
  const connect = () => connected || (native.registerErrorClasses(ERRORS), (connected = true));

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

  /** A client of one provider: the config and the connection pool live in the native client. */
  class ProviderClient {
    #native;
    #name;

    constructor(provider, name, options, identifies) {
      this.#native = new native.Client(provider, options);
      this.#name = name;
      for (const [groups, method, id] of routesOf(provider)) {
        let target = this;
        for (const group of groups) target = Object.hasOwn(target, group) ? target[group] : (target[group] = {});
        target[method] = (params) => this.call(id, params);
      }
      for (const group of Object.keys(this)) freeze(this[group]);
      if (identifies) {
        const client = this.#native;
        Object.defineProperty(this, 'identity', {
          value: Object.freeze({
            start: async (params) => client.identityStart(params),
            check: async (reference, options) => client.identityCheck(reference, options),
          }),
          enumerable: true,
        });
      }
    }

    get provider() { return this.#native.provider; }
    async call(operation, params) { return this.#native.call(operation, params); }
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

  // The web build loads its wasm with `init()`; the bundler build and Node are ready now.
  const loads = typeof native.default === 'function';
  const ready = (out) => (connect(), out);
  const init = async (input) => (loads ? ready(await native.default(input)) : undefined);
  const initSync = (input) => (loads ? ready(native.initSync(input)) : undefined);
  if (!loads) connect();

  const buildRequest = (operation, params, config) => new HttpRequest(made, native.buildRequest(operation, params, config));
  const { parseResponse, operations, callFunction, functionNames } = native;
  return { ...ERRORS, HttpRequest, buildRequest, parseResponse, operations, callFunction, functionNames, namespaces: namespaces(native), client, init, initSync };
}
