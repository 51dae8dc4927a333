// Types of the `kassa` Node package, hand-written. `test/operations.test.js` checks that every
// operation id of the core's catalog has an entry in `Operations` and a typed client method;
// `test/typecheck.ts` uses every export under `tsc --strict`.

// ---- values -------------------------------------------------------------------------------

/** An integer input: a `number` (a safe integer) or a `bigint` (any 64-bit value). */
export type IntegerInput = number | bigint;

/** An HTTP method the provider APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A provider this package has a client for. */
export type Provider = 'passportreader';

// ---- config -------------------------------------------------------------------------------

/** Overrides of a provider's retry policy; delays in seconds. Either spelling of a key works. */
export interface RetryOptions {
  /** How many retries after the first attempt. */
  maxRetries?: number;
  /** Alias of `maxRetries`. */
  max_retries?: number;
  /** The first delay, in seconds. */
  initialDelay?: number;
  /** Alias of `initialDelay`. */
  initial_delay?: number;
  /** The longest delay, in seconds. */
  maxDelay?: number;
  /** Alias of `maxDelay`. */
  max_delay?: number;
  /** Jitter, in percent of the delay (0-100). */
  jitterPercent?: number;
  /** Alias of `jitterPercent`. */
  jitter_percent?: number;
}

/** The config keys every provider takes besides its credentials. */
export interface CommonOptions {
  /** The provider's environment name (PassportReader: `production`, the default). */
  environment?: string;
  /** A custom base URL (tests, proxies): `https://`, or `http://` on a loopback host. */
  baseUrl?: string;
  /** The per-request timeout in seconds. */
  timeout?: number;
  /** Overrides of the retry policy. */
  retry?: RetryOptions;
}

/** PassportReader's config, camelCase (what `new PassportReader(...)` takes). */
export interface PassportReaderOptions extends CommonOptions {
  /** The public key: `public-key-...`. */
  publicKey: string;
  /** The secret: `secret-...`. Never printed. */
  secret: string;
}

/** PassportReader's config with the core's snake_case keys (as in the shared fixtures). */
export interface PassportReaderWireConfig {
  public_key: string;
  secret: string;
  environment?: string;
  base_url?: string;
  timeout?: number;
  retry?: RetryOptions;
}

/** Either spelling of PassportReader's config. */
export type PassportReaderConfig = PassportReaderOptions | PassportReaderWireConfig;

// ---- PassportReader wire models (seed 003) --------------------------------------------------

/** Params of `passportreader.session.create`. */
export interface CreateSessionParams {
  /** Where PassportReader calls back when the session changes (an absolute URL). */
  callback_url?: string | null;
  /** Whether to compare the user's face with the document portrait. */
  face_verification?: boolean | null;
  /** Your own reference, returned on the session. */
  reference?: string | null;
}

/** Params of `passportreader.session.get`. */
export interface GetSessionParams {
  /** The session id. */
  id: IntegerInput;
}

/** Params of `passportreader.session.state`. */
export interface GetSessionStateParams {
  /** The session id. */
  id: IntegerInput;
}

/** The answer of `session.create`. */
export interface SessionCreated {
  /** The session id (64-bit). */
  id: bigint;
  /** The token for the user's app. */
  token: string;
}

/** Where a session stands; a state kassa does not know is kept as sent. */
export type SessionState =
  | 'CREATED'
  | 'INITIATED'
  | 'FAILED'
  | 'ABORTED'
  | 'COMPLETED'
  | 'REJECTED'
  | 'APPROVED'
  | (string & {});

/** The answer of `session.state`. */
export interface SessionStateResponse {
  state: SessionState;
}

/** A session as `session.get` returns it: every value but `id` a string or null. */
export interface Session {
  id: bigint;
  created: string | null;
  expires: string | null;
  state: SessionState;
  reference: string | null;
  user_ip: string | null;
  user_agent: string | null;
  given_names: string | null;
  surname: string | null;
  nationality: string | null;
  sex: string | null;
  date_of_birth: string | null;
  personal_number: string | null;
  document_type: string | null;
  document_number: string | null;
  expiry_date: string | null;
  issuing_country: string | null;
  issuer: string | null;
  portrait: string | null;
  face: string | null;
}

// ---- the catalog --------------------------------------------------------------------------

/** Every operation id with its params, output and config types. */
export interface Operations {
  'passportreader.session.create': { params: CreateSessionParams; output: SessionCreated; config: PassportReaderConfig };
  'passportreader.session.get': { params: GetSessionParams; output: Session; config: PassportReaderConfig };
  'passportreader.session.state': { params: GetSessionStateParams; output: SessionStateResponse; config: PassportReaderConfig };
}

/** An operation id of the catalog. */
export type OperationId = keyof Operations;

/** The operation ids of one provider. */
export type OperationIdOf<P extends Provider> = {
  [Id in OperationId]: Id extends `${P}.${string}` ? Id : never;
}[OperationId];

/** One entry of `operations()`. */
export interface OperationInfo {
  /** The operation id, `provider.group.method`. */
  id: OperationId;
  /** The provider. */
  provider: Provider;
  /** The HTTP method. */
  method: HttpMethod;
  /** The path below the base URL, e.g. `/api/v1/session.create`. */
  path: string;
  /** Whether a retry after the request may have arrived is harmless. */
  retrySafe: boolean;
}

// ---- sans-IO functions --------------------------------------------------------------------

/** What `JSON.stringify(request)` shows. */
export interface RedactedRequest {
  method: HttpMethod;
  url: string;
  /** Credential header values replaced by `[redacted]`. */
  headers: [string, string][];
  /** The body as text, or `<N bytes>` when it is not UTF-8. */
  body: string;
}

/**
 * A request the core built, to send with any HTTP client. The getters return the real values;
 * `toString()`, `toJSON()` and `util.inspect` show credential header values as `[redacted]`.
 */
export declare class HttpRequest {
  private constructor();
  /** The method. */
  readonly method: HttpMethod;
  /** The absolute URL, query included; never carries credentials. */
  readonly url: string;
  /** The headers to send, credentials included. */
  readonly headers: [string, string][];
  /** The body bytes (empty when there is none); a fresh copy on each access. */
  readonly body: Uint8Array;
  /** The request with credential header values redacted. */
  toJSON(): RedactedRequest;
  /** The core's description of the request, credential header values redacted. */
  toString(): string;
}

/** A response to parse. */
export interface ResponseInput {
  /** The HTTP status. */
  status: number | bigint;
  /** `[name, value]` pairs (any iterable, e.g. fetch's `Headers`) or a `name: value` object. */
  headers?: Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[]>> | null;
  /** The body: text (sent as UTF-8) or bytes. */
  body?: Uint8Array | ArrayBuffer | string | null;
}

/** Builds the request of `operation`. Throws a `ValidationError` naming the field. */
export declare function buildRequest<Id extends OperationId>(
  operation: Id,
  params: Operations[Id]['params'] | null | undefined,
  config: Operations[Id]['config'],
): HttpRequest;
export declare function buildRequest(
  operation: string,
  params: Readonly<Record<string, unknown>> | null | undefined,
  config: Readonly<Record<string, unknown>>,
): HttpRequest;

/** Parses the answer to `operation`; throws an `ApiError`, `DecodeError` or `ValidationError`. */
export declare function parseResponse<Id extends OperationId>(operation: Id, response: ResponseInput): Operations[Id]['output'];
export declare function parseResponse(operation: string, response: ResponseInput): unknown;

/** Every operation the core implements. */
export declare function operations(): OperationInfo[];

// ---- errors -------------------------------------------------------------------------------

/** The broad kind of a kassa error. */
export type ErrorKind = 'validation' | 'api' | 'transport' | 'decode';

/** Every error kassa throws. `message` is the core's description; it never contains a secret. */
export declare class KassaError extends Error {
  protected constructor(message: string);
  /** A stable, machine-readable code. */
  readonly code: string;
  /** The broad kind. */
  readonly kind: ErrorKind;
}

/** Input refused before anything was sent. */
export declare class ValidationError extends KassaError {
  readonly name: 'ValidationError';
  readonly kind: 'validation';
  /** The rule: `invalid_params`, `invalid_config`, `passportreader_credentials`, `insecure_base_url`, ... */
  readonly code: string;
  /** The field, as the caller named it (`secret`, `id`, `base_url`, `retry.max_retries`). */
  readonly field: string;
}

/** The provider answered with an error. */
export declare class ApiError extends KassaError {
  readonly name: 'ApiError';
  readonly kind: 'api';
  /** The provider's own code (`SessionNotFound`), else `http_<status>`. */
  readonly code: string;
  /** The HTTP status. */
  readonly status: number;
  /** The provider's code, when it gave one. */
  readonly providerCode: string | null;
  /** The request id, when there is one. */
  readonly requestId: string | null;
  /** The raw response body. */
  readonly body: Uint8Array;
}

/** No complete answer arrived. */
export declare class TransportError extends KassaError {
  readonly name: 'TransportError';
  readonly kind: 'transport';
  readonly code: 'timeout' | 'connect' | 'tls' | 'body' | 'transport';
}

/** The answer could not be read. */
export declare class DecodeError extends KassaError {
  readonly name: 'DecodeError';
  readonly kind: 'decode';
  readonly code: 'decode';
  /** Where: a JSON path (`id`) or a header name, when known. */
  readonly field: string | null;
  /** The byte offset in the body, when known. */
  readonly offset: number | null;
}

// ---- clients ------------------------------------------------------------------------------

/** What `JSON.stringify(client)` shows: no secret. */
export interface ClientJSON {
  client: string;
  provider: Provider;
  /** The core's description of the client. */
  config: string;
}

/** What every provider client has besides its namespaces. */
declare abstract class ProviderClient<P extends Provider> {
  /** The provider. */
  readonly provider: P;
  /** Sends an operation of this provider by id; bad input rejects with a `ValidationError`. */
  call<Id extends OperationIdOf<P>>(operation: Id, params?: Operations[Id]['params'] | null): Promise<Operations[Id]['output']>;
  call(operation: string, params?: Readonly<Record<string, unknown>> | null): Promise<unknown>;
  /** A description without secrets. */
  toString(): string;
  toJSON(): ClientJSON;
}

/**
 * PassportReader (identity sessions). The constructor throws a `ValidationError` for a bad config
 * (e.g. code `passportreader_credentials` when a key lacks its prefix).
 */
export declare class PassportReader extends ProviderClient<'passportreader'> {
  constructor(options: PassportReaderOptions);
  readonly session: {
    /** `passportreader.session.create`: starts an identity session. */
    readonly create: (params?: CreateSessionParams) => Promise<SessionCreated>;
    /** `passportreader.session.get`: the whole session. */
    readonly get: (params: GetSessionParams) => Promise<Session>;
    /** `passportreader.session.state`: only the session's state. */
    readonly state: (params: GetSessionStateParams) => Promise<SessionStateResponse>;
  };
}

export {};
