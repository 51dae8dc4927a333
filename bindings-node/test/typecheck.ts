// Compiled by `tsc -p test/tsconfig.json` (strict, no emit): uses every export of index.d.ts the
// way the README does, and checks what must NOT compile with `@ts-expect-error`.

import {
  ApiError,
  DecodeError,
  HttpRequest,
  KassaError,
  PassportReader,
  TransportError,
  ValidationError,
  buildRequest,
  operations,
  parseResponse,
} from '../index.js';
import type {
  ClientJSON,
  CommonOptions,
  CreateSessionParams,
  ErrorKind,
  GetSessionParams,
  GetSessionStateParams,
  HttpMethod,
  IntegerInput,
  OperationId,
  OperationIdOf,
  OperationInfo,
  Operations,
  PassportReaderConfig,
  PassportReaderOptions,
  PassportReaderWireConfig,
  Provider,
  RedactedRequest,
  ResponseInput,
  RetryOptions,
  Session,
  SessionCreated,
  SessionState,
  SessionStateResponse,
} from '../index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// ---- sans-IO ------------------------------------------------------------------------------

const retry: RetryOptions = { maxRetries: 0, initial_delay: 0.01 };
const common: CommonOptions = { environment: 'production', timeout: 1.5, retry };
const options: PassportReaderOptions = { ...common, publicKey: 'public-key-x', secret: 'secret-y' };
const wire: PassportReaderWireConfig = { public_key: 'public-key-x', secret: 'secret-y', base_url: 'http://127.0.0.1:1' };
const configs: PassportReaderConfig[] = [options, wire];

const createParams: CreateSessionParams = { callback_url: 'https://x.test/cb', face_verification: true, reference: null };
const id: IntegerInput = 9007199254740993n;
const getParams: GetSessionParams = { id };
const stateParams: GetSessionStateParams = { id: 7 };

const request: HttpRequest = buildRequest('passportreader.session.create', createParams, options);
const method: HttpMethod = request.method;
const url: string = request.url;
const headers: [string, string][] = request.headers;
const bytes: Uint8Array = request.body;
const redacted: RedactedRequest = request.toJSON();
const described: string = request.toString();
buildRequest('passportreader.session.get', getParams, wire);
buildRequest('passportreader.session.state', stateParams, configs[0] ?? wire);
buildRequest('some.future.operation', { anything: 1 }, { public_key: 'k' });
// @ts-expect-error: the id of session.get is required
buildRequest('passportreader.session.get', {}, options);
// @ts-expect-error: ids are integers, not strings
buildRequest('passportreader.session.get', { id: '1' }, options);
// @ts-expect-error: HttpRequest has no public constructor
new HttpRequest();

const response: ResponseInput = { status: 200, headers: [['content-type', 'application/json']], body: '{"id": 1, "token": "t"}' };
const created: SessionCreated = parseResponse('passportreader.session.create', response);
const createdId: bigint = created.id;
const session: Session = parseResponse('passportreader.session.get', { status: 200n, headers: { 'x-request-id': 'r' }, body: new Uint8Array() });
const state: SessionState = session.state;
const stateResponse: SessionStateResponse = parseResponse('passportreader.session.state', { status: 200, body: new ArrayBuffer(0) });
const anything: unknown = parseResponse('some.future.operation', { status: 200 });
// @ts-expect-error: outputs hold bigint ids, not numbers
const wrong: number = created.id;

const catalog: OperationInfo[] = operations();
const firstId: OperationId | undefined = catalog[0]?.id;
const provider: Provider | undefined = catalog[0]?.provider;
const retrySafe: boolean | undefined = catalog[0]?.retrySafe;
const ops: keyof Operations = 'passportreader.session.state';
assertType<Equal<OperationIdOf<'passportreader'>, 'passportreader.session.create' | 'passportreader.session.get' | 'passportreader.session.state'>>();
assertType<Equal<Operations['passportreader.session.get']['output'], Session>>();

// ---- errors -------------------------------------------------------------------------------

function describeError(e: unknown): string {
  if (e instanceof ValidationError) {
    const field: string = e.field;
    const kind: 'validation' = e.kind;
    return `${kind} ${e.code} ${field}`;
  }
  if (e instanceof ApiError) {
    const status: number = e.status;
    const providerCode: string | null = e.providerCode;
    const requestId: string | null = e.requestId;
    const body: Uint8Array = e.body;
    return `${status} ${providerCode} ${requestId} ${body.length}`;
  }
  if (e instanceof TransportError) {
    const code: 'timeout' | 'connect' | 'tls' | 'body' | 'transport' = e.code;
    return code;
  }
  if (e instanceof DecodeError) {
    const where: string | null = e.field;
    const offset: number | null = e.offset;
    return `${where} ${offset}`;
  }
  if (e instanceof KassaError) {
    const kind: ErrorKind = e.kind;
    const error: Error = e;
    return `${kind} ${e.code} ${error.message}`;
  }
  return String(e);
}
// @ts-expect-error: kassa errors are made by kassa
new KassaError('x');

// ---- clients ------------------------------------------------------------------------------

async function useClient(): Promise<string> {
  const client = new PassportReader(options);
  const p: 'passportreader' = client.provider;
  const made: SessionCreated = await client.session.create({ reference: 'order-42' });
  const none: SessionCreated = await client.session.create();
  const st: SessionStateResponse = await client.session.state({ id: made.id });
  const full: Session = await client.session.get({ id: 1 });
  const viaCall: SessionStateResponse = await client.call('passportreader.session.state', { id: none.id });
  const untyped: unknown = await client.call('passportreader.future.thing', { x: 1 });
  const json: ClientJSON = client.toJSON();
  // @ts-expect-error: no such method
  await client.session.delete({ id: 1 });
  // @ts-expect-error: the options are camelCase
  new PassportReader({ public_key: 'public-key-x', secret: 'secret-y' });
  try {
    await client.session.get({ id: 1n });
  } catch (e) {
    return describeError(e);
  }
  return `${p} ${st.state} ${full.surname} ${viaCall.state} ${String(untyped)} ${json.config} ${client.toString()}`;
}

export const used = [
  method, url, headers, bytes, redacted, described, createdId, state, stateResponse, anything, wrong,
  firstId, provider, retrySafe, ops, useClient, created,
];
