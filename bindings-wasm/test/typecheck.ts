// Typed usage of kassa-web, checked by `tsc --noEmit --strict` (test.sh) against the generated
// pkg/kassa_web.d.ts. Every `@ts-expect-error` line must fail to type-check: if the .d.ts grows
// too loose (e.g. `any`), tsc reports the unused directive and the check fails.

import init, {
  buildRequest,
  parseResponse,
  operations,
  HttpRequest,
  PassportReader,
  PassportReaderSession,
  type ApiError,
  type KassaError,
  type OperationId,
  type OperationInfo,
  type OperationOutput,
  type PassportReaderOptions,
  type PassportReaderSessionCreated,
  type PassportReaderSessionDetails,
  type PassportReaderSessionStateResponse,
} from "../pkg/kassa_web.js";

/** `true` only when A and B are the same type. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

const config: PassportReaderOptions = { publicKey: "public-key-abc", secret: "secret-xyz" };

export async function usage(): Promise<void> {
  await init();

  // -- sans-IO: build and parse ---------------------------------------------------------------
  const request: HttpRequest = buildRequest("passportreader.session.get", { id: 9007199254740993n }, config);
  const method: string = request.method;
  const url: string = request.url;
  const headers: [string, string][] = request.headers;
  const body: Uint8Array = request.body;
  const printed: string = request.toString();
  const json: { headers: [string, string][] } = request.toJSON();
  void [method, url, headers, body, printed, json];

  buildRequest("passportreader.session.create", null, config);
  buildRequest("passportreader.session.create", { reference: "r", face_verification: true }, config);
  buildRequest("passportreader.session.state", { id: 7 }, { ...config, baseUrl: "http://127.0.0.1:8080", timeout: 2 });
  // @ts-expect-error: session.get needs its params
  buildRequest("passportreader.session.get", null, config);
  // @ts-expect-error: not an operation id
  buildRequest("passportreader.session.delete", {}, config);
  // @ts-expect-error: ids are integers (number or bigint), not strings
  buildRequest("passportreader.session.get", { id: "1" }, config);
  // @ts-expect-error: unknown param
  buildRequest("passportreader.session.create", { referense: "r" }, config);

  const created = parseResponse("passportreader.session.create", { status: 200, headers: [["x-request-id", "r1"]], body: "{}" });
  assertType<Equals<typeof created, PassportReaderSessionCreated>>();
  const bigId: bigint = created.id;
  // @ts-expect-error: 64-bit ids are bigint, never number
  const lossy: number = created.id;
  void [bigId, lossy];
  const state = parseResponse("passportreader.session.state", { status: 200, headers: { "content-type": "application/json" }, body: new Uint8Array() });
  assertType<Equals<typeof state, PassportReaderSessionStateResponse>>();
  const anyState: string = state.state;
  void anyState;
  // @ts-expect-error: status is required
  parseResponse("passportreader.session.state", { body: "{}" });

  const ops: OperationInfo[] = operations();
  const ids: OperationId[] = ops.map((op) => op.id);
  const retrySafe: boolean[] = ops.map((op) => op.retrySafe);
  void [ids, retrySafe];

  // -- the client -----------------------------------------------------------------------------
  const client = new PassportReader({
    publicKey: "public-key-abc",
    secret: "secret-xyz",
    baseUrl: "http://127.0.0.1:8080",
    timeout: 0.5,
    retry: { maxRetries: 0, initialDelay: 0.01 },
  });
  const session: PassportReaderSession = client.session;
  const made = await session.create({ reference: "order-1", callback_url: "https://shop.example/cb" });
  assertType<Equals<typeof made, PassportReaderSessionCreated>>();
  await client.session.create();
  const st = await client.session.state({ id: made.id });
  assertType<Equals<typeof st, PassportReaderSessionStateResponse>>();
  const details: PassportReaderSessionDetails = await client.session.get({ id: 1 });
  const surname: string | null = details.surname;
  void surname;
  const viaCall = await client.call("passportreader.session.get", { id: 1n });
  assertType<Equals<typeof viaCall, OperationOutput<"passportreader.session.get">>>();
  await client.call("passportreader.session.create");
  // @ts-expect-error: session.get needs params
  await client.session.get();
  // @ts-expect-error: through call too
  await client.call("passportreader.session.get");
  // @ts-expect-error: not a PassportReader operation
  await client.call("solaris.identifications.get", {});
  // @ts-expect-error: misspelt option
  new PassportReader({ publicKey: "public-key-a", secret: "secret-b", baseURL: "https://x.test" });
  // @ts-expect-error: the secret is required
  new PassportReader({ publicKey: "public-key-a" });
  const described: string = client.toString();
  void described;
  client.free();

  // -- errors ---------------------------------------------------------------------------------
  try {
    await client.session.state({ id: 5 });
  } catch (e) {
    const err = e as KassaError;
    const code: string = err.code;
    const message: string = err.message;
    void [code, message];
    switch (err.kind) {
      case "validation": {
        const field: string = err.field;
        void field;
        break;
      }
      case "api": {
        const api: ApiError = err;
        const status: number = api.status;
        const providerCode: string | null = api.providerCode;
        const requestId: string | null = api.requestId;
        const raw: Uint8Array = api.body;
        void [status, providerCode, requestId, raw];
        break;
      }
      case "decode": {
        const offset: number | null = err.offset;
        void offset;
        break;
      }
      case "transport":
      case "signature":
        break;
      case "callback": {
        const description: string | null = err.description;
        void description;
        break;
      }
      default: {
        const never: never = err;
        void never;
      }
    }
    if (err.name === "ApiError") {
      const status: number = err.status;
      void status;
    }
  }
}
