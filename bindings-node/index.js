// kassa for Node: the ES module over the napi-rs addon (`kassa.<platform>.node`).
//
// The addon does the work (building, parsing, sending and the retry loop all live in the Rust
// core); this module only adds what JavaScript needs on top: the error classes, provider clients
// whose namespaces are derived from the catalog, and redacted `util.inspect` output.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The platform suffixes `napi build --platform` names the addon with (only the files present load). */
function platformSuffixes() {
  const { platform, arch } = process;
  if (platform === 'linux') return [`linux-${arch}-gnu`, `linux-${arch}-musl`];
  if (platform === 'win32') return [`win32-${arch}-msvc`, `win32-${arch}-gnu`];
  if (platform === 'darwin') return [`darwin-${arch}`, 'darwin-universal'];
  return [`${platform}-${arch}`];
}

function loadNative() {
  const tried = [];
  for (const suffix of platformSuffixes()) {
    const file = `./kassa.${suffix}.node`;
    try {
      return require(file);
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND') throw error;
      tried.push(file);
    }
  }
  throw new Error(`kassa: no native addon for ${process.platform}-${process.arch} (tried ${tried.join(', ')}); build it with \`npm run build\``);
}

const native = loadNative();

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// ---- errors -------------------------------------------------------------------------------

/**
 * Every error kassa throws: `code` (stable), `kind` (`validation|api|transport|decode`) and the
 * core's message, which never contains a secret. The addon creates them (the one mapping lives
 * in Rust, `src/errors.rs`) and sets the fields.
 */
export class KassaError extends Error {}
/** Input refused before anything was sent; `field` names it. */
export class ValidationError extends KassaError {}
/** The provider answered with an error: `status`, `providerCode`, `requestId`, `body`. */
export class ApiError extends KassaError {}
/** No complete answer: `code` is `timeout`, `connect`, `tls`, `body` or `transport`. */
export class TransportError extends KassaError {}
/** The answer could not be read: `field` and `offset` say where, when known. */
export class DecodeError extends KassaError {}

for (const cls of [KassaError, ValidationError, ApiError, TransportError, DecodeError]) {
  Object.defineProperty(cls.prototype, 'name', { value: cls.name, writable: true, configurable: true });
}

native.registerErrorClasses({ KassaError, ValidationError, ApiError, TransportError, DecodeError });

// ---- sans-IO functions --------------------------------------------------------------------

/** A request the core built. Its credential header values print as `[redacted]`. */
export const HttpRequest = native.HttpRequest;

Object.defineProperty(HttpRequest.prototype, inspectCustom, {
  value: function inspect(depth, options, inspectFn) {
    return `HttpRequest ${inspectFn(this.toJSON(), options)}`;
  },
  configurable: true,
});

/**
 * Builds the request of `operation` from `params` and `config`.
 * @param {string} operation an id of `operations()`
 * @param {object | null | undefined} params the operation's params (wire names)
 * @param {object} config the provider's config (camelCase or snake_case keys)
 * @returns {HttpRequest}
 */
export function buildRequest(operation, params, config) {
  return native.buildRequest(operation, params, config);
}

/**
 * Parses the provider's answer to `operation`.
 * @param {string} operation an id of `operations()`
 * @param {{status: number | bigint, headers?: Iterable<[string, string]> | Record<string, string | string[]>, body?: Uint8Array | ArrayBuffer | string}} response
 * @returns {unknown} the output: wire names, every integer a bigint
 */
export function parseResponse(operation, response) {
  if (response !== null && typeof response === 'object' && response.headers != null) {
    const { headers } = response;
    // A fetch `Headers` or a `Map` is iterable but has no own keys: read it as pairs.
    if (!Array.isArray(headers) && typeof headers[Symbol.iterator] === 'function') {
      response = { status: response.status, headers: Array.from(headers), body: response.body };
    }
  }
  return native.parseResponse(operation, response);
}

/**
 * Every operation the core implements.
 * @returns {{id: string, provider: string, method: string, path: string, retrySafe: boolean}[]}
 */
export function operations() {
  return native.operations();
}

// ---- clients ------------------------------------------------------------------------------

/** `get_by_id` / `get-by-id` -> `getById`. */
function camelCase(segment) {
  return segment.replace(/[_-]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
}

/**
 * The routes of a provider's client, from the catalog: id `provider.group.method` becomes
 * `client.group.method` (the method camelCased); deeper ids nest further.
 * @returns {[string[], string, string][]} [group path, method name, operation id]
 */
function routes(provider) {
  return operations()
    .filter((op) => op.provider === provider)
    .map((op) => {
      const [, ...rest] = op.id.split('.');
      const method = rest.pop();
      if (method === undefined || rest.length === 0) {
        throw new Error(`kassa: operation id \`${op.id}\` has no group`);
      }
      return [rest, camelCase(method), op.id];
    });
}

/** Names a group may not take: the client's own members. */
const RESERVED = new Set(['call', 'provider', 'toJSON', 'toString', 'constructor']);

/** A client of one provider: the config and connection pool live in the addon. */
class ProviderClient {
  #native;
  #name;

  /**
   * @param {string} provider
   * @param {string} name the class name, for printing
   * @param {object} options config: credentials, `environment`, `baseUrl`, `timeout`, `retry`
   */
  constructor(provider, name, options) {
    this.#native = new native.Client(provider, options ?? {});
    this.#name = name;
    for (const [groups, method, id] of routes(provider)) {
      let target = this;
      for (const group of groups) {
        if (RESERVED.has(group)) throw new Error(`kassa: group \`${group}\` of \`${id}\` clashes with a client member`);
        if (!Object.hasOwn(target, group)) {
          Object.defineProperty(target, group, { value: Object.create(null), enumerable: true });
        }
        target = target[group];
      }
      Object.defineProperty(target, method, { value: (params) => this.call(id, params), enumerable: true });
    }
    for (const group of Object.keys(this)) Object.freeze(this[group]);
  }

  /** The provider's name, e.g. `passportreader`. */
  get provider() {
    return this.#native.provider;
  }

  /**
   * Sends any operation of this provider by id. Bad input rejects (never throws).
   * @param {string} operation
   * @param {object | null | undefined} [params]
   * @returns {Promise<unknown>}
   */
  async call(operation, params) {
    return this.#native.call(operation, params);
  }

  /** The core's description of the client; it holds no secret. */
  toString() {
    return `${this.#name} ${this.#native.toString()}`;
  }

  toJSON() {
    return { client: this.#name, provider: this.provider, config: this.#native.toString() };
  }

  [inspectCustom]() {
    return this.toString();
  }
}

/** PassportReader (identity sessions): `client.session.create/get/state`. */
export class PassportReader extends ProviderClient {
  /**
   * @param {{publicKey: string, secret: string, environment?: string, baseUrl?: string, timeout?: number, retry?: object}} options
   */
  constructor(options) {
    super('passportreader', 'PassportReader', options);
  }
}
