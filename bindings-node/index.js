// kassa for Node: the ES module over the napi-rs addon (`kassa.<platform>.node`).
//
// The addon does the work (building, parsing, sending, the retry loop, tokens, the pure functions
// all live in the Rust core); this module only adds what JavaScript needs on top: the error
// classes, provider clients whose namespaces are derived from the catalog, the function
// namespaces (`epc`, `iban`, ...) derived from the core's function list, and redacted
// `util.inspect` output.

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
 * Every error kassa throws: `code` (stable), `kind` (`validation|api|transport|decode|signature|
 * callback`) and the core's message, which never contains a secret. The addon creates them (the
 * one mapping lives in Rust, `src/errors.rs`) and sets the fields.
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
/** A webhook signature does not hold: `code` is `signature_mismatch`, `timestamp_too_old`, `timestamp_in_future` or `malformed_signature`. */
export class SignatureError extends KassaError {}
/** A provider's redirect reports a failure of its flow (itsme's error page): `code` is the provider's, `description` its text. */
export class CallbackError extends KassaError {}

const ERROR_CLASSES = { KassaError, ValidationError, ApiError, TransportError, DecodeError, SignatureError, CallbackError };
for (const cls of Object.values(ERROR_CLASSES)) {
  Object.defineProperty(cls.prototype, 'name', { value: cls.name, writable: true, configurable: true });
}

native.registerErrorClasses(ERROR_CLASSES);

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

/** `response` with iterable headers (a fetch `Headers`, a `Map`) read as `[name, value]` pairs. */
function responseInput(response) {
  if (response !== null && typeof response === 'object' && response.headers != null) {
    const { headers } = response;
    // A fetch `Headers` or a `Map` is iterable but has no own keys: read it as pairs.
    if (!Array.isArray(headers) && typeof headers[Symbol.iterator] === 'function') {
      return { status: response.status, headers: Array.from(headers), body: response.body };
    }
  }
  return response;
}

/**
 * Parses the provider's answer to `operation`.
 * @param {string} operation an id of `operations()`
 * @param {{status: number | bigint, headers?: Iterable<[string, string]> | Record<string, string | string[]>, body?: Uint8Array | ArrayBuffer | string}} response
 * @param {{now?: number | bigint}} [options] `now`: when the answer arrived (Unix seconds), for outputs with an expiry
 * @returns {unknown} the output: wire names, every integer a bigint
 */
export function parseResponse(operation, response, options) {
  return native.parseResponse(operation, responseInput(response), options);
}

/**
 * Every operation the core implements.
 * @returns {{id: string, provider: string, method: string, path: string, retrySafe: boolean}[]}
 */
export function operations() {
  return native.operations();
}

/** `get_by_id` / `get-by-id` -> `getById`. */
function camelCase(segment) {
  return segment.replace(/[_-]+([a-zA-Z0-9])/g, (_, c) => c.toUpperCase());
}

// ---- pure functions -----------------------------------------------------------------------

/**
 * Calls any kassa function by its core name (`"iban.validate"`, `"epc.build"`, see
 * `functionNames()`): `args` positional, `options` the keyword arguments (camelCase or
 * snake_case). The namespaces below (`iban.validate(...)`) are the typed way in.
 * @param {string} name
 * @param {unknown[]} [args]
 * @param {object} [options]
 * @returns {unknown}
 */
export function callFunction(name, args, options) {
  return native.callFunction(name, args, options);
}

/**
 * The names of every kassa function, as the core lists them (`"peppol.be_participant_ids"`).
 * @returns {string[]}
 */
export function functionNames() {
  return native.functionNames();
}

/**
 * The positional parameters of each function, by core name; the rest are keyword arguments,
 * given as a trailing options object. Only the names: every check is the core's.
 * `test/functions.test.js` checks this table against the core (a function missing here gets no
 * options object: the test fails).
 */
const POSITIONAL = Object.freeze({
  'epc.build': [],
  'epc.parse': ['payload'],
  'epc.svg': ['payload'],
  'epc.png': ['payload'],
  'ogm.validate': ['s'],
  'ogm.generate': ['base'],
  'rf.validate': ['s'],
  'rf.format': ['s'],
  'rf.generate': ['ref'],
  'iban.validate': ['s'],
  'iban.format': ['s'],
  'bic.validate': ['s'],
  'be.enterprise_number': ['s'],
  'be.vat_number': ['s'],
  'peppol.validate': ['s'],
  'peppol.be_participant_ids': ['enterprise_number'],
  'billit.parse_callback': ['url'],
  'billit.verify_webhook': ['body', 'signature', 'secret'],
  'solaris.verify_webhook': ['body', 'signature', 'secret'],
  'identity.start_operation': ['provider', 'params'],
  'identity.started': ['provider', 'params', 'response'],
  'identity.poll_operation': ['reference'],
  'identity.poll_evidence': ['reference', 'response'],
  'identity.finish': ['reference', 'evidence'],
  // Digiteal's link builders take their params (the seed's names) as one object.
  'digiteal.pay_buttons.image_url': ['params'],
  'digiteal.pay_buttons.execute_url': ['params'],
  'digiteal.pay_buttons.b2b_image_url': ['params'],
  'digiteal.pay_buttons.b2b_execute_url': ['params'],
  'digiteal.links.company_registration': ['params'],
  'digiteal.links.person_registration': ['params'],
  'digiteal.links.qr_generator': ['params'],
});

/**
 * The wrapper of function `name`: `(...positional, options?)`. With one argument more than the
 * positional parameters the last is the options object; with more, all go to the core as
 * positional (which refuses them, naming `args`).
 */
function functionWrapper(name) {
  const positional = Object.hasOwn(POSITIONAL, name) ? POSITIONAL[name] : undefined;
  const responseAt = positional ? positional.indexOf('response') : -1;
  const wrapper = (...args) => {
    let options;
    if (positional && args.length === positional.length + 1) options = args.pop();
    // Trailing `undefined`s are arguments not given (`ogm.generate(undefined, {base})`).
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    if (responseAt >= 0 && args.length > responseAt) args[responseAt] = responseInput(args[responseAt]);
    return native.callFunction(name, args, options);
  };
  Object.defineProperty(wrapper, 'name', { value: camelCase(name.split('.').pop()) });
  return wrapper;
}

/**
 * The namespaces, derived from `functionNames()`: core name `ns.fn_name` becomes `ns.fnName`,
 * deeper names nest (`digiteal.pay_buttons.image_url` -> `digiteal.payButtons.imageUrl`). Every
 * level is frozen.
 */
function functionNamespaces() {
  const namespaces = {};
  for (const name of native.functionNames()) {
    const segments = name.split('.');
    if (segments.length < 2 || segments.some((s) => s === '')) throw new Error(`kassa: function name \`${name}\` is not \`namespace.function\``);
    const fn = camelCase(segments.pop());
    let target = namespaces;
    for (const [i, segment] of segments.entries()) {
      const key = i === 0 ? segment : camelCase(segment);
      target[key] ??= Object.create(null);
      target = target[key];
      if (typeof target === 'function') throw new Error(`kassa: function name \`${name}\` clashes with a function`);
    }
    if (Object.hasOwn(target, fn)) throw new Error(`kassa: function name \`${name}\` clashes with a namespace`);
    target[fn] = functionWrapper(name);
  }
  const freeze = (object) => {
    for (const value of Object.values(object)) if (typeof value !== 'function') freeze(value);
    return Object.freeze(object);
  };
  for (const ns of Object.keys(namespaces)) freeze(namespaces[ns]);
  return namespaces;
}

const namespaces = functionNamespaces();

/** EPC QR payloads: `build(options)`, `parse(payload, {strict})`, `svg(payload, {modulePx, border})`, `png(...)` (a Uint8Array). */
export const epc = namespaces.epc;
/** Belgian structured communications (OGM/VCS): `validate(s)`, `generate(base)`. */
export const ogm = namespaces.ogm;
/** ISO 11649 creditor references: `validate(s)`, `format(s)`, `generate(ref)`. */
export const rf = namespaces.rf;
/** IBANs: `validate(s)` (the electronic form), `format(s)` (groups of four). */
export const iban = namespaces.iban;
/** BICs: `validate(s)`. */
export const bic = namespaces.bic;
/** Belgian enterprise and VAT numbers: `enterpriseNumber(s)`, `vatNumber(s)`. */
export const be = namespaces.be;
/** Peppol participant ids: `validate(s)`, `beParticipantIds(enterpriseNumber)`. */
export const peppol = namespaces.peppol;
/** Billit: `parseCallback(url)`, `verifyWebhook(body, signature, secret, {now, tolerance})`. */
export const billit = namespaces.billit;
/** Solaris: `verifyWebhook(body, signature, secret)`. */
export const solaris = namespaces.solaris;
/** The identification flow, sans-IO: `startOperation`, `started`, `pollOperation`, `pollEvidence`, `finish`. */
export const identity = namespaces.identity;
/**
 * Digiteal's link builders (no request is sent; no credentials): `payButtons.imageUrl(params)`,
 * `payButtons.executeUrl`, `payButtons.b2bImageUrl`, `payButtons.b2bExecuteUrl`,
 * `links.companyRegistration`, `links.personRegistration`, `links.qrGenerator`. `params` uses the
 * seed's names (`requesterVAT`, `amountInCents`, ...) plus `environment` / `baseUrl`.
 */
export const digiteal = namespaces.digiteal;

// ---- clients ------------------------------------------------------------------------------

/**
 * The routes of a provider's client, from the catalog: id `provider.group.method` becomes
 * `client.group.method`, both camelCased (`identification_sessions.simulate_bank_id` ->
 * `identificationSessions.simulateBankId`); deeper ids nest further.
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
      return [rest.map(camelCase), camelCase(method), op.id];
    });
}

/** Names a group may not take: the client's own members. */
const RESERVED = new Set(['call', 'identity', 'provider', 'toJSON', 'toString', 'constructor']);

/** A client of one provider: the config and connection pool live in the addon. */
class ProviderClient {
  #native;
  #name;

  /**
   * @param {string} provider
   * @param {string} name the class name, for printing
   * @param {object} options config: credentials, `environment`, `baseUrl`, `timeout`, `retry`
   * @param {boolean} [identification] whether the provider identifies people (`client.identity`)
   */
  constructor(provider, name, options, identification = true) {
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
    if (!identification) return;
    const client = this.#native;
    Object.defineProperty(this, 'identity', {
      value: Object.freeze({
        /**
         * Starts an identification with this provider (the core's `identity_start`).
         * @param {{subject: string, returnUrl?: string, method?: string}} params
         * @returns {Promise<{provider: string, url: string | null, token: string | null, expires_at: bigint | null, reference: string}>}
         */
        start: async (params) => client.identityStart(params),
        /**
         * Where the identification `reference` stands (the core's `identity_check`).
         * @param {string} reference
         * @param {{expiresAt?: number | bigint | null}} [options]
         * @returns {Promise<{status: 'verified' | 'failed' | 'pending' | 'expired', reason: string | null, provider_status: string | null, reference: string}>}
         */
        check: async (reference, options) => client.identityCheck(reference, options),
      }),
      enumerable: true,
    });
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

/**
 * Billit (itsme identification of a registration): `client.identification.start(...)`.
 */
export class Billit extends ProviderClient {
  /**
   * @param {{apiKey?: string, accessToken?: string, partyId?: string, environment?: string, baseUrl?: string, timeout?: number, retry?: object}} options
   */
  constructor(options) {
    super('billit', 'Billit', options);
  }
}

/**
 * Solaris (KYC identifications): `client.identification.eligibilityChecks`,
 * `client.identificationSessions.create/get/configuration/simulateBankId`,
 * `client.identifications.create/get`, `client.auth.token`. With `clientId`/`clientSecret` the
 * client fetches, reuses and renews the OAuth token itself.
 */
export class Solaris extends ProviderClient {
  /**
   * @param {{clientId?: string, clientSecret?: string, accessToken?: string, environment?: string, baseUrl?: string, authUrl?: string, timeout?: number, retry?: object}} options
   */
  constructor(options) {
    super('solaris', 'Solaris', options);
  }
}

/**
 * Digiteal (e-invoices, credit notes, payment requests, auto payments, integrator look-ups, QR
 * images): `client.invoices.create/sendDocument/sendDocumentByInternalId/listDocuments`,
 * `client.creditNotes.create/sendDocument/sendDocumentByInternalId`,
 * `client.payments.create/createForInvoice`, `client.autopay.request`, `client.optin.force`,
 * `client.integrator.companyInfo/personInfo`, `client.qr.slipImage/slipImageInline`. Params use
 * Digiteal's names (`invoiceInternalId`, `amountInCents`, `correlationId`); documents are bytes
 * (`Uint8Array`) or text; the uploads' multipart boundary is drawn by the core. Images come back
 * as `{mediaType, bytes}` (`bytes` a `Uint8Array`). Digiteal is no identification provider: its
 * client has no `identity`.
 */
export class Digiteal extends ProviderClient {
  /**
   * @param {{username?: string, password?: string, environment?: string, baseUrl?: string, timeout?: number, retry?: object}} options
   */
  constructor(options) {
    super('digiteal', 'Digiteal', options, false);
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
