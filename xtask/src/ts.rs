//! The JavaScript surface of the Node package `kassa` and the browser package `kassa-web`, from
//! the model; both packages ship the same declarations and the same facade (`bindings-js/`):
//!
//! - `bindings-js/kassa.d.ts`: every params, output and config type (the core's schema names and
//!   doc comments, required exactly where the core requires), the `Operations` and `Functions`
//!   maps, the sans-IO functions, the function namespaces, the error classes and the clients;
//! - `bindings-js/web.d.ts`: what only `kassa-web` adds (the wasm loader), appended to it;
//! - `bindings-js/node.js`, `bindings-js/web.js`: each package's entry, which lists the exported
//!   names (ESM exports are static) over the hand-written `bindings-js/facade.js`;
//! - `bindings-js/src/generated.rs`: the table of native entry points (one per function) that
//!   both bindings expand with their own macro (`#[napi]`, `#[wasm_bindgen]`), and the table of
//!   the payments entry's (`kassa-web/payments`: the functions the core compiles without its
//!   `clients` feature, [`kassa::functions::standalone`]);
//! - `bindings-js/payments.js`, `bindings-js/payments.d.ts`: that entry and its declarations
//!   (only the types its functions reach, its namespaces, the error classes and the loader).
//!
//! Naming: operation params and outputs keep the provider's wire names; the keys of kassa's own
//! inputs (function options, configs), which the core also accepts in camelCase, are camelCase.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use crate::model::{self, camel, doc, Model, Side, Ty, HEADER};
use crate::Generated;

/// Every generated JS-side file.
pub fn generate(model: &Model, facade: &str) -> Vec<Generated> {
    let ts = Ts::new(model);
    vec![
        Generated::new("bindings-js/kassa.d.ts", ts.declarations()),
        Generated::new("bindings-js/web.d.ts", format!("// {HEADER}\n{WEB_DTS}")),
        Generated::new("bindings-js/node.cjs", ts.node_cjs()),
        Generated::new("bindings-js/node.js", ts.node_esm()),
        Generated::new("bindings-js/facade.cjs", facade_cjs(facade)),
        Generated::new("bindings-js/web.js", ts.entry("import * as native from './native.js';", WEB_EXPORTS)),
        Generated::new("bindings-js/src/generated.rs", ts.native()),
        Generated::new("bindings-js/payments.js", ts.payments_entry()),
        Generated::new("bindings-js/payments.d.ts", ts.payments_declarations()),
    ]
}

/// The CommonJS form of the hand-written ES module `bindings-js/facade.js` (the Node package's
/// one copy of the facade: its ES entry re-exports the CommonJS one, so that `import` and
/// `require` share one set of classes): `export class|function` become plain declarations,
/// exported by `module.exports`.
fn facade_cjs(source: &str) -> String {
    let mut names = Vec::new();
    let mut body = String::new();
    for line in source.lines() {
        let line = match line.strip_prefix("export ") {
            Some(rest) if rest.starts_with("class ") || rest.starts_with("function ") => {
                let name = rest.split_whitespace().nth(1).unwrap_or("").split(['(', '{']).next().unwrap_or("");
                names.push(name.to_owned());
                rest
            }
            Some(_) => panic!("facade.js: only `export class` and `export function` can be made CommonJS: {line}"),
            None => line,
        };
        body.push_str(line);
        body.push('\n');
    }
    format!("// {HEADER} (from bindings-js/facade.js)\n'use strict';\n{body}\nmodule.exports = {{ {} }};\n", names.join(", "))
}

/// THE integer policy of the typed surface (the runtime's is `Ser::int` in `bindings-js`): an
/// input takes a `number` holding a safe integer or a `bigint`; an output id (`x-kassa-id`) is a
/// `bigint`, every other output integer a `number` (one beyond 2^53 is a `DecodeError`).
fn integer(side: Side, id: bool) -> &'static str {
    match (side, id) {
        (Side::Input, _) => "number | bigint",
        (Side::Output, true) => "bigint",
        (Side::Output, false) => "number",
    }
}

/// Bytes: what an input takes (text only where the core reads text), what an output is.
fn bytes(side: Side, text_ok: bool) -> &'static str {
    match (side, text_ok) {
        (Side::Input, true) => "Uint8Array | ArrayBuffer | string",
        (Side::Input, false) => "Uint8Array | ArrayBuffer",
        (Side::Output, _) => "Uint8Array",
    }
}

struct Ts<'m> {
    m: &'m Model,
    /// Input types reached from function arguments or configs: their keys are camelCase in JS.
    camel: BTreeSet<String>,
    /// Input types named like an output type that renders otherwise: they get the suffix `Input`.
    renamed: BTreeSet<String>,
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A property key: as it is when it is an identifier, else quoted.
fn key(name: &str) -> String {
    let ident = name.chars().enumerate().all(|(i, c)| c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()));
    if ident && !name.is_empty() {
        name.to_owned()
    } else {
        quote(name)
    }
}

/// A JSDoc comment (nothing without a text), indented.
fn jsdoc(text: Option<&str>, indent: &str) -> String {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return String::new() };
    let text = text.replace("*/", "*\\/");
    if !text.contains('\n') {
        return format!("{indent}/** {text} */\n");
    }
    let body: String = text.lines().map(|l| format!("{indent} *{}{l}\n", if l.is_empty() { "" } else { " " })).collect();
    format!("{indent}/**\n{body}{indent} */\n")
}

/// The first paragraph of a doc.
fn summary(text: Option<String>) -> Option<String> {
    text.map(|t| t.split("\n\n").next().unwrap_or("").to_owned())
}

impl<'m> Ts<'m> {
    fn new(m: &'m Model) -> Self {
        let own = m.reachable(m.functions().iter().map(|f| f.args).chain(m.configs().iter().map(|c| c.schema)), Side::Input);
        let wire = m.reachable(m.operations().iter().map(|o| o.params), Side::Input);
        for name in own.intersection(&wire) {
            let def = m.definition(name, Side::Input).unwrap_or(&Value::Null);
            let snake = m.fields(def, Side::Input).iter().any(|f| camel(f.name) != f.name);
            assert!(!snake, "`{name}` is both a wire type and kassa's own, with snake_case keys: JS cannot name them one way");
        }
        let mut ts = Ts { m, camel: own, renamed: BTreeSet::new() };
        let both: Vec<String> =
            m.definitions(Side::Input).keys().filter(|n| m.definition(n, Side::Output).is_some()).cloned().collect();
        for name in both {
            let (input, output) = (m.definition(&name, Side::Input), m.definition(&name, Side::Output));
            if ts.body(&name, input.unwrap_or(&Value::Null), Side::Input) != ts.body(&name, output.unwrap_or(&Value::Null), Side::Output) {
                ts.renamed.insert(name);
            }
        }
        ts
    }

    fn name(&self, name: &str, side: Side) -> String {
        match side == Side::Input && self.renamed.contains(name) {
            true => format!("{name}Input"),
            false => name.to_owned(),
        }
    }

    /// The TypeScript of a type; `own`: object keys in camelCase.
    fn ty(&self, t: &Ty, side: Side, own: bool) -> String {
        let join = |items: &[Ty], sep: &str| items.iter().map(|t| self.ty(t, side, own)).collect::<Vec<_>>().join(sep);
        match t {
            Ty::Str | Ty::Secret => "string".into(),
            Ty::Bytes { text_ok } => bytes(side, *text_ok).into(),
            Ty::Int { id, .. } => integer(side, *id).into(),
            Ty::Float => "number".into(),
            Ty::Bool => "boolean".into(),
            Ty::Null => "null".into(),
            Ty::Any => "unknown".into(),
            Ty::Array(item) => match self.ty(item, side, own) {
                s if s.contains(" | ") => format!("({s})[]"),
                s => format!("{s}[]"),
            },
            Ty::Tuple(items) => format!("[{}]", join(items, ", ")),
            Ty::Map(value) => format!("Record<string, {}>", self.ty(value, side, own)),
            Ty::Ref(name) => self.name(name, side),
            Ty::Object(props) => {
                let props: Vec<String> = props
                    .iter()
                    .map(|(k, t, required)| {
                        let k = if own { camel(k) } else { k.clone() };
                        format!("{}{}: {}", key(&k), if *required { "" } else { "?" }, self.ty(t, side, own))
                    })
                    .collect();
                format!("{{ {} }}", props.join("; "))
            }
            Ty::Enum { values, open } => {
                let mut values: Vec<String> = values.iter().map(|v| quote(v)).collect();
                if *open {
                    values.push("(string & {})".into());
                }
                values.join(" | ")
            }
            Ty::Const(c) => quote(c),
            Ty::Union(items) => join(items, " | "),
        }
    }

    /// The properties of an object schema, one per line with its doc.
    fn fields(&self, schema: &Value, side: Side, own: bool, skip: &[&str]) -> String {
        let mut out = String::new();
        for f in self.m.fields(schema, side).into_iter().filter(|f| !skip.contains(&f.name)) {
            let mut text = f.doc.clone().unwrap_or_default();
            if let (Side::Input, Some(default)) = (side, f.default) {
                let _ = write!(text, "{}@default {default}", if text.is_empty() { "" } else { "\n" });
            }
            let name = if own { camel(f.name) } else { f.name.to_owned() };
            let t = self.ty(&model::ty(f.schema), side, own);
            let _ = writeln!(out, "{}  {}{}: {t};", jsdoc(Some(&text), "  "), key(&name), if f.required { "" } else { "?" });
        }
        out
    }

    /// A named type's declaration, without its doc.
    fn body(&self, name: &str, schema: &Value, side: Side) -> String {
        if let Some((_, ts)) = JS_TYPES.iter().find(|(n, _)| *n == name) {
            return format!("export type {name} = {ts};\n");
        }
        let own = side == Side::Input && self.camel.contains(name);
        let name = self.name(name, side);
        match schema.get("properties") {
            Some(_) => format!("export interface {name} {{\n{}}}\n", self.fields(schema, side, own, &[])),
            None => format!("export type {name} = {};\n", self.ty(&model::ty(schema), side, own)),
        }
    }

    /// The declarations of `side` (`only`: of those names only).
    fn definitions(&self, out: &mut String, side: Side, only: Option<&BTreeSet<String>>) {
        for (name, schema) in self.m.definitions(side) {
            if only.is_some_and(|only| !only.contains(name)) {
                continue;
            }
            if side == Side::Output && self.m.definition(name, Side::Input).is_some() && !self.renamed.contains(name) {
                continue;
            }
            let mut text = doc(schema).unwrap_or_default();
            for (value, what) in model::enum_docs(schema) {
                let _ = write!(text, "\n- `{value}`: {what}");
            }
            let _ = write!(out, "\n{}{}", jsdoc(Some(&text), ""), self.body(name, schema, side));
        }
    }

    /// The type a schema refers to (a `$ref`, or inline).
    fn of(&self, schema: &Value, side: Side) -> String {
        self.ty(&model::ty(schema), side, false)
    }

    /// `params?: T` or `params: T`: optional when no field is required.
    fn optional(&self, schema: &Value, side: Side) -> &'static str {
        match self.m.fields(schema, side).iter().any(|f| f.required) {
            true => "",
            false => "?",
        }
    }

    fn declarations(&self) -> String {
        let mut out = format!("// {HEADER}\n// The declarations of `kassa` (Node) and `kassa-web` (browsers), from the core's catalog and\n// types: the same names, docs and required fields in both.\n");
        out.push_str("\n// ---- inputs (params, function options, configs) -----------------------------------------\n");
        self.definitions(&mut out, Side::Input, None);
        out.push_str("\n// ---- outputs -----------------------------------------------------------------------------\n");
        self.definitions(&mut out, Side::Output, None);
        out.push_str(&self.catalog());
        out.push_str(&self.functions());
        out.push_str(&self.errors());
        out.push_str(&self.clients());
        out.push_str("\nexport {};\n");
        out
    }

    fn catalog(&self) -> String {
        let m = self.m;
        let mut ops = String::new();
        for op in m.operations() {
            let config = m.configs().into_iter().find(|c| c.provider == op.provider).map(|c| self.of(c.schema, Side::Input));
            let _ = write!(
                ops,
                "  /** `{} {}` ({}). */\n  {}: {{ kind: {}; provider: {}; params: {}; output: {}; config: {} }};\n",
                op.method,
                op.path,
                op.kind,
                quote(op.id),
                quote(op.kind),
                quote(op.provider),
                self.of(op.params, Side::Input),
                self.of(op.output, Side::Output),
                config.unwrap_or_else(|| "never".into()),
            );
        }
        let union = |items: Vec<&str>| {
            let set: BTreeSet<&str> = items.into_iter().collect();
            set.into_iter().map(quote).collect::<Vec<_>>().join(" | ")
        };
        let mut kinds: Vec<&str> = m.operations().iter().map(|o| o.kind).collect();
        kinds.extend(m.callbacks().iter().map(|_| "callback"));
        kinds.push("function");
        // The core's own `Provider` type when an output has it, else one from the configs.
        let providers = match m.definition("Provider", Side::Output) {
            Some(_) => String::new(),
            None => format!("/** A provider kassa talks to. */\nexport type Provider = {};\n", union(m.configs().iter().map(|c| c.provider).collect())),
        };
        let methods = union(m.operations().iter().map(|o| o.method).collect());
        let codes = m.validation_codes().into_iter().map(quote).collect::<Vec<_>>().join(" | ");
        let int = integer(Side::Input, true);
        format!(
            r#"
// ---- the catalog and the sans-IO functions ----------------------------------------------------

{providers}/** What a catalog entry is. */
export type EntryKind = {kinds};
/** An HTTP method the providers' APIs use. */
export type HttpMethod = {methods};
/** The stable `code` of a `ValidationError`. */
export type ValidationCode = {codes};

/** Every operation of the catalog: an API request or a link a browser opens, with its params, its output and its provider's config. */
export interface Operations {{
{ops}}}

/** An operation id. */
export type OperationId = keyof Operations;
/** The ids of `P`'s operations of kind `K`. */
export type OperationIdOf<P extends Provider, K extends string = string> = {{ [Op in OperationId]: Operations[Op] extends {{ provider: P; kind: K }} ? Op : never }}[OperationId];
/** The params argument of `Op`: optional (`null`, `undefined`) when no field is required. */
export type ParamsArg<Op extends OperationId> = {{}} extends Operations[Op]['params'] ? Operations[Op]['params'] | null | undefined : Operations[Op]['params'];
/** The trailing params argument of `Op`, optional when no field is required. */
export type ParamsArgs<Op extends OperationId> = {{}} extends Operations[Op]['params'] ? [params?: Operations[Op]['params'] | null] : [params: Operations[Op]['params']];
/** The trailing config argument of `Op`, optional when no key is required. */
export type ConfigArgs<Op extends OperationId> = {{}} extends Operations[Op]['config'] ? [config?: Operations[Op]['config'] | null] : [config: Operations[Op]['config']];

/** One entry of `operations()`. */
export interface OperationInfo {{
  /** An operation id, or a function name (`iban.validate`). */
  id: string;
  kind: EntryKind;
  provider: Provider | null;
  /** The HTTP method (requests and links). */
  method: HttpMethod | null;
  /** The path template (requests and links). */
  path: string | null;
  /** Whether a retry after the request may have arrived is harmless. */
  retrySafe: boolean;
  /** The params type's name. */
  params: string;
  /** The output type's name. */
  output: string;
  /** The parameters given positionally (functions and callbacks), in order. */
  positional?: string[];
}}

/** What `JSON.stringify(request)` shows: credential header values are `[redacted]`. */
export interface RedactedRequest {{
  method: HttpMethod;
  url: string;
  headers: [string, string][];
  /** The body as text. */
  body: string;
}}

/** A request the core built: send it with any HTTP client. The getters hold the real values (credentials included); `toString()`, `toJSON()` and `util.inspect` redact credential headers. */
export declare class HttpRequest {{
  private constructor();
  readonly method: HttpMethod;
  /** The absolute URL, query included (never carries credentials). */
  readonly url: string;
  /** The headers to send, in order. */
  readonly headers: [string, string][];
  /** The body bytes (empty when there is none); a fresh copy on each read. */
  readonly body: Uint8Array;
  toJSON(): RedactedRequest;
  /** The core's redacted description. */
  toString(): string;
}}

/** `parseResponse`'s options. */
export interface ParseOptions {{
  /** When the answer arrived (Unix seconds), for outputs that say when something expires. */
  now?: {int} | null;
}}

/** Builds the request of `operation` (a multipart upload without a `boundary` gets a random one). Throws a `ValidationError` naming the field. */
export declare function buildRequest<Op extends OperationId>(operation: Op, params: ParamsArg<Op>, ...config: ConfigArgs<Op>): HttpRequest;
/** Parses the provider's answer to `operation`: its output, or a thrown `ApiError` / `DecodeError` (a `ValidationError` for a malformed `response`). */
export declare function parseResponse<Op extends OperationId>(operation: Op, response: ResponseInput, options?: ParseOptions | null): Operations[Op]['output'];
/** Every entry of the catalog: requests, links, callbacks, then the pure functions. */
export declare function operations(): OperationInfo[];
"#,
            kinds = union(kinds),
        )
    }

    fn functions(&self) -> String {
        let m = self.m;
        let mut map = String::new();
        for f in m.functions() {
            let _ = writeln!(map, "  {}: {{ args: {}; output: {} }};", quote(f.name), self.of(f.args, Side::Input), self.of(f.output, Side::Output));
        }
        let out = format!(
            r#"
// ---- pure functions ------------------------------------------------------------------------------

/** Every function, by its core name: its arguments and its result (for `callFunction`). */
export interface Functions {{
{map}}}
/** A function's core name (`iban.validate`, `digiteal.pay_buttons.image_url`). */
export type FunctionName = keyof Functions;
/** Calls any function by its core name: `args` positional, `options` the rest (camelCase or snake_case keys). The namespaces below are the typed way in. */
export declare function callFunction<F extends FunctionName>(name: F, args?: readonly unknown[] | null, options?: Readonly<Record<string, unknown>> | null): Functions[F]['output'];
/** Every function's core name. */
export declare function functionNames(): FunctionName[];
"#
        );
        out + &self.namespaces(&m.functions())
    }

    /// The function namespaces (`export declare const iban: {...}`) of `functions`.
    fn namespaces(&self, functions: &[model::Function]) -> String {
        let m = self.m;
        // The namespace tree: path -> members.
        let mut tree: Vec<(Vec<String>, String)> = Vec::new();
        for f in functions {
            let args = self.of(f.args, Side::Input);
            let output = self.of(f.output, Side::Output);
            let fields = m.fields(f.args, Side::Input);
            let field = |name: &str| fields.iter().find(|x| x.name == name);
            let rest: Vec<_> = fields.iter().filter(|x| !f.positional.contains(&x.name)).collect();
            let mut params: Vec<String> = Vec::new();
            let options_required = rest.iter().any(|x| x.required);
            for (i, p) in f.positional.iter().enumerate() {
                let x = field(p).unwrap_or_else(|| panic!("{}: no argument `{p}`", f.name));
                let later = f.positional[i + 1..].iter().any(|q| field(q).is_some_and(|y| y.required)) || options_required;
                let optional = if x.required || later { "" } else { "?" };
                let mut t = self.ty(&model::ty(x.schema), Side::Input, true);
                if !x.required && later {
                    t.push_str(" | undefined");
                }
                params.push(format!("{}{optional}: {t}", camel(p)));
            }
            if !rest.is_empty() {
                let omit = f.positional.iter().map(|p| quote(&camel(p))).collect::<Vec<_>>().join(" | ");
                let t = if omit.is_empty() { args.clone() } else { format!("Omit<{args}, {omit}>") };
                params.push(format!("options{}: {t}{}", if options_required { "" } else { "?" }, if options_required { "" } else { " | null" }));
            }
            let path: Vec<String> = f.namespace().iter().map(|s| camel(s)).collect();
            let text = jsdoc(doc(m.resolve(f.args, Side::Input)).as_deref(), "");
            tree.push((path, format!("{text}readonly {}: ({}) => {output};\n", camel(f.short()), params.join(", "))));
        }
        let mut out = String::new();
        let roots: BTreeSet<&String> = tree.iter().map(|(p, _)| &p[0]).collect();
        for root in roots {
            let _ = write!(out, "\n/** The `{root}.*` functions. */\nexport declare const {root}: {};\n", namespace(&tree, std::slice::from_ref(root), ""));
        }
        out
    }

    fn errors(&self) -> String {
        ERRORS_DTS.to_owned()
    }

    fn clients(&self) -> String {
        let m = self.m;
        let function = |name: &str| m.functions().into_iter().find(|f| f.name == name);
        let start = function("identity.start_operation").and_then(|f| {
            m.fields(f.args, Side::Input).into_iter().find(|x| x.name == "params").map(|x| self.of(x.schema, Side::Input))
        });
        let started = function("identity.started").map(|f| self.of(f.output, Side::Output));
        let outcome = function("identity.finish").map(|f| self.of(f.output, Side::Output));
        let (start, started, outcome) = (start.expect("identity.start_operation"), started.expect("identity.started"), outcome.expect("identity.finish"));
        let int = integer(Side::Input, true);
        let mut out = format!(
            r#"
// ---- clients -----------------------------------------------------------------------------------

/** What `JSON.stringify(client)` shows: no secret. */
export interface ClientJSON {{
  client: string;
  provider: Provider;
  /** The core's description of the client. */
  config: string;
}}

/** `client.identity.check`'s options. */
export interface IdentityCheckOptions {{
  /** `expires_at` of the started identification: after it, no answer means expired. */
  expiresAt?: {int} | null;
}}

/** The identification flow over a client. */
export interface IdentityClient {{
  /** Starts an identification with the client's provider. */
  readonly start: (params: {start}) => Promise<{started}>;
  /** Asks the provider where `reference` stands (without a status call: pending until `expiresAt`, then expired). */
  readonly check: (reference: string, options?: IdentityCheckOptions | null) => Promise<{outcome}>;
}}

/** How one call is sent, beyond the client's settings: the second argument of every client method. An unknown option, or one the operation cannot use, is a `ValidationError` (`invalid_option`) naming it. */
export interface CallOptions {{
  /** The timeout of each attempt, in seconds, instead of the client's. */
  timeout?: number | null;
  /** The most the whole call may take, attempts and waits included, in seconds (`deadline_exceeded` after it). */
  deadline?: number | null;
  /** How many times the request may be sent again, instead of the client's. */
  maxRetries?: number | null;
  /** The retry policy's settings for this call (`maxRetries` or `retry.maxRetries`, not both). */
  retry?: RetryOptions | null;
  /** Headers to add (not kassa's own: credentials, `Content-Type`, ...). */
  extraHeaders?: HeadersInput | null;
  /** The operation's resend key when the params leave it out (`invoiceInternalId` of `digiteal.invoices.create`, `creditNoteInternalId` of `digiteal.credit_notes.create`); refused by operations that have none. */
  idempotencyKey?: string | null;
  /** Cancels the call: it rejects with the signal's reason and the request in flight is dropped. */
  signal?: AbortSignalLike | null;
}}

/** What `signal` takes: an `AbortSignal` (declared structurally: the declarations need no DOM or Node types). */
export interface AbortSignalLike {{
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: {{ once?: boolean }}): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}}

/** `client.withOptions(...)`'s defaults: the per-call options but `signal`. */
export type ClientCallOptions = Omit<CallOptions, 'signal'>;

/** One attempt, as `onRequest` hears of it before it is sent. No header, no body, no secret. */
export interface AttemptEvent {{
  operation: OperationId;
  method: HttpMethod;
  /** The URL (never carries credentials). */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
}}

/** One attempt, as `onResponse` hears of it once it ended. */
export interface AttemptOutcome extends AttemptEvent {{
  /** The answer's status, when there was one. */
  status: number | null;
  /** The transport error's code, when there was no answer. */
  error: TransportError['code'] | null;
  /** How long the attempt took, in milliseconds. */
  durationMs: number | null;
  /** The provider's request id of the answer. */
  requestId: string | null;
  /** Whether the call sends the request again. */
  retry: boolean;
  /** After how many milliseconds it does. */
  retryAfterMs: number | null;
}}

/** A client's hooks, called for every attempt of every call (what a hook throws is rethrown apart: the call goes on). */
export interface ClientHooks {{
  onRequest?: ((event: AttemptEvent) => void) | null;
  onResponse?: ((event: AttemptOutcome) => void) | null;
}}

/** What `client.withRawResponse.<ns>.<method>(...)` resolves to. */
export interface RawResponse<T> {{
  /** The output, as the method itself resolves to. */
  data: T;
  /** The HTTP status of the final answer. */
  status: number;
  /** Its headers, as `[name, value]` pairs. */
  headers: [string, string][];
  /** The provider's request id (a response header), when it sent one. */
  requestId: string | null;
  /** How many attempts the call took. */
  attempts: number;
}}

/** `T`'s methods, resolving to `RawResponse`s. */
export type WithRawResponse<T> = {{
  readonly [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<RawResponse<R>> : WithRawResponse<T[K]>;
}};

/** What every client has. */
declare abstract class Client<P extends Provider> {{
  /** The provider. */
  readonly provider: P;
  /** Sends any request of the provider by id; rejects with a kassa error (bad input too, before anything is sent). */
  call<Op extends OperationIdOf<P, 'request'>>(operation: Op, ...args: [...ParamsArgs<Op>, options?: CallOptions | null]): Promise<Operations[Op]['output']>;
  /** A client sharing this one's config, token, connection pool and hooks, whose calls have these options unless they give their own. */
  withOptions(options: ClientCallOptions): this;
  /** A description without secrets. */
  toString(): string;
  toJSON(): ClientJSON;
}}
"#
        );
        for c in m.configs() {
            let class = c.class_name();
            let mut groups: Vec<(Vec<String>, String)> = Vec::new();
            for op in m.operations().into_iter().filter(|o| o.provider == c.provider && o.kind == "request") {
                let text = jsdoc(summary(doc(m.resolve(op.params, Side::Input))).as_deref(), "");
                let line = format!(
                    "{text}readonly {}: (params{}: {}, options?: CallOptions | null) => Promise<{}>;\n",
                    camel(op.method_name()),
                    self.optional(op.params, Side::Input),
                    self.of(op.params, Side::Input),
                    self.of(op.output, Side::Output)
                );
                groups.push((op.groups().iter().map(|g| camel(g)).collect(), line));
            }
            let _ = write!(
                out,
                "\n{}export declare class {class} extends Client<{}> {{\n  /** Options the environment's `KASSA_{}_*` variables fill in Node (see the README). */\n  constructor(options{}: {} & ClientHooks);\n",
                jsdoc(doc(m.resolve(c.schema, Side::Input)).as_deref(), ""),
                quote(c.provider),
                c.provider.to_uppercase(),
                self.optional(c.schema, Side::Input),
                self.of(c.schema, Side::Input)
            );
            if model::has_identity_flow(c.provider) {
                out.push_str("  /** The identification flow with this provider. */\n  readonly identity: IdentityClient;\n");
            }
            let names: BTreeSet<&String> = groups.iter().map(|(p, _)| &p[0]).collect();
            for name in &names {
                let _ = writeln!(out, "  readonly {name}: {};", namespace(&groups, std::slice::from_ref(*name), "  "));
            }
            let picked = names.iter().map(|n| quote(n)).collect::<Vec<_>>().join(" | ");
            let _ = writeln!(out, "  /** Every method, resolving to `{{data, status, headers, requestId, attempts}}`. */\n  readonly withRawResponse: WithRawResponse<Pick<{class}, {picked}>>;");
            out.push_str("}\n");
        }
        out
    }

    /// The names every package entry exports (the facade's, then the function namespaces and the
    /// clients).
    fn exported(&self) -> (String, Vec<String>, Vec<(String, String, bool)>) {
        let m = self.m;
        let namespaces: BTreeSet<String> = m.functions().iter().map(|f| f.namespace()[0].to_owned()).collect();
        let clients = m.configs().iter().map(|c| (c.class_name(), c.provider.to_owned(), model::has_identity_flow(c.provider))).collect();
        (FACADE_EXPORTS.to_owned(), namespaces.into_iter().collect(), clients)
    }

    /// The Node package's CommonJS entry: the facade over the addon, every name on `module.exports`.
    fn node_cjs(&self) -> String {
        let (facade, namespaces, clients) = self.exported();
        let clients: String = clients.iter().map(|(class, provider, id)| format!("  {class}: api.client('{class}', '{provider}', {id}),\n")).collect();
        let namespaces: String = namespaces.iter().map(|n| format!("  {n}: api.namespaces.{n},\n")).collect();
        let facade: String = facade.split(", ").map(|n| format!("  {n}: api.{n},\n")).collect();
        format!(
            "// {HEADER}\n// The Node package's CommonJS entry (`require('kassa')`), which its ES entry re-exports: one\n// facade over the native addon, whichever way the package is loaded.\n'use strict';\n\
             const native = require('./native.cjs');\nconst {{ kassa }} = require('./facade.cjs');\n\nconst api = kassa(native);\n\n\
             module.exports = {{\n{facade}{namespaces}{clients}}};\n"
        )
    }

    /// The Node package's ES entry (`import ... from 'kassa'`): the CommonJS entry's names.
    fn node_esm(&self) -> String {
        let (facade, namespaces, clients) = self.exported();
        let classes: Vec<String> = clients.into_iter().map(|(class, _, _)| class).collect();
        format!(
            "// {HEADER}\n// The Node package's ES entry: the names of its CommonJS entry (ESM exports are static, so they\n// are listed from the core's catalog).\n\
             import api from './index.cjs';\n\nexport const {{\n{}}} = api;\n",
            wrap(&[facade.split(", ").map(str::to_owned).collect::<Vec<_>>(), namespaces, classes].concat())
        )
    }

    fn entry(&self, import: &str, extra: &str) -> String {
        let (facade, namespaces, clients) = self.exported();
        let clients: String = clients.iter().map(|(class, provider, id)| format!("export const {class} = api.client('{class}', '{provider}', {id});\n")).collect();
        format!(
            "// {HEADER}\n// The package entry: the facade over the native module. ESM exports are static, so the list of\n// names (the function namespaces, the clients) is generated from the core's catalog.\n\
             {import}\nimport {{ kassa }} from './facade.js';\n\nconst api = kassa(native);\n\n\
             export const {{\n{}}} = api;\nexport const {{ {} }} = api.namespaces;\n{clients}{extra}",
            wrap(&facade.split(", ").map(str::to_owned).collect::<Vec<_>>()),
            namespaces.join(", ")
        )
    }

    /// The functions of the payments entry (`kassa-web/payments`): those the core compiles
    /// without its `clients` feature ([`kassa::functions::standalone`]), in registry order.
    fn payments(&self) -> Vec<model::Function<'m>> {
        let standalone: Vec<&str> = kassa::functions::standalone().iter().map(|f| f.name).collect();
        let functions: Vec<model::Function<'m>> = self.m.functions().into_iter().filter(|f| standalone.contains(&f.name)).collect();
        assert_eq!(functions.len(), standalone.len(), "the description lacks a standalone function");
        functions
    }

    /// The payments entry (`kassa-web/payments`): the facade over the payments module; its
    /// function namespaces, the error classes and the loader.
    fn payments_entry(&self) -> String {
        let namespaces: BTreeSet<&str> = self.payments().iter().map(|f| f.namespace()[0]).collect();
        format!(
            "// {HEADER}\n// The `kassa-web/payments` entry: the pure payment functions (EPC, identifiers) over their own,\n\
             // small wasm module, which has no HTTP client. ESM exports are static, so the list of names is\n\
             // generated from the core's function registry.\n\
             import * as native from './payments_native.js';\nimport {{ kassa }} from './facade.js';\n\nconst api = kassa(native);\n\n\
             export const {{\n{}}} = api;\nexport const {{ {} }} = api.namespaces;\n{WEB_EXPORTS}",
            wrap(&ERROR_EXPORTS.split(", ").map(str::to_owned).collect::<Vec<_>>()),
            namespaces.into_iter().collect::<Vec<_>>().join(", ")
        )
    }

    /// The declarations of the payments entry: only the types its functions reach (inputs, and
    /// the outputs with the input declarations they share), its namespaces, the error classes
    /// and the loader.
    fn payments_declarations(&self) -> String {
        let m = self.m;
        let functions = self.payments();
        let outputs = m.reachable(functions.iter().map(|f| f.output), Side::Output);
        // An output type declared once for both sides is declared by its input declaration.
        let shared: Vec<String> =
            outputs.iter().filter(|n| m.definition(n, Side::Input).is_some() && !self.renamed.contains(*n)).cloned().collect();
        let mut inputs =
            m.reachable(functions.iter().map(|f| f.args).chain(shared.iter().filter_map(|n| m.definition(n, Side::Input))), Side::Input);
        inputs.extend(shared);
        let mut out = format!(
            "// {HEADER}\n// The declarations of `kassa-web/payments`: the pure payment functions (EPC, identifiers), the\n\
             // error classes and the loader; the same names and docs as `kassa-web`'s.\n"
        );
        out.push_str("\n// ---- inputs (function options) ------------------------------------------------------------\n");
        self.definitions(&mut out, Side::Input, Some(&inputs));
        out.push_str("\n// ---- outputs -----------------------------------------------------------------------------\n");
        self.definitions(&mut out, Side::Output, Some(&outputs));
        let codes = m.validation_codes().into_iter().map(quote).collect::<Vec<_>>().join(" | ");
        let _ = write!(out, "\n/** The stable `code` of a `ValidationError`. */\nexport type ValidationCode = {codes};\n");
        out.push_str("\n// ---- pure functions ------------------------------------------------------------------------------\n");
        out.push_str(&self.namespaces(&functions));
        out.push_str(&self.errors());
        let _ = write!(out, "\n{}", WEB_DTS.split_once('\n').map_or(WEB_DTS, |(_, rest)| rest).trim_start());
        out
    }

    fn native(&self) -> String {
        // One macro entry per function: `native_name "native_name" (positional, ...) = Type,`.
        let table = |functions: Vec<model::Function>| -> String {
            functions
                .iter()
                .map(|f| {
                    let args: Vec<String> = f.positional.iter().map(|p| rust_ident(p)).collect();
                    format!("            {} {:?} ({}) = {},\n", f.native_name(), f.native_name(), args.join(", "), f.rust)
                })
                .collect()
        };
        let (lines, payments) = (table(self.m.functions()), table(self.payments()));
        format!(
            "// {HEADER}\n\n/// Calls `$m!` with one entry per kassa function: `native_name \"native_name\" (positional, ...) =\n/// Type` (a type of `kassa::functions`). Each binding's macro makes the entry points of its runtime.\n\
             #[macro_export]\nmacro_rules! for_each_function {{\n    ($m:ident) => {{\n        $m! {{\n{lines}        }}\n    }};\n}}\n\n\
             /// [`for_each_function!`] of the payments entry (`kassa-web/payments`) only: the functions the core\n\
             /// compiles without its `clients` feature.\n\
             #[macro_export]\nmacro_rules! for_each_payment_function {{\n    ($m:ident) => {{\n        $m! {{\n{payments}        }}\n    }};\n}}\n"
        )
    }
}

/// `names` as the lines of a destructuring pattern: indented, comma-separated, at most ~100 wide.
fn wrap(names: &[String]) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for name in names {
        if !line.is_empty() && line.len() + name.len() > 96 {
            out += &format!("  {}\n", line.trim_end());
            line.clear();
        }
        line += &format!("{name}, ");
    }
    if !line.is_empty() {
        out += &format!("  {}\n", line.trim_end());
    }
    out
}

/// A Rust parameter name for a core parameter name (keywords get a trailing `_`).
fn rust_ident(name: &str) -> String {
    const KEYWORDS: &[&str] = &["ref", "type", "fn", "self", "move", "match", "use", "mod", "impl", "in", "box", "where", "const", "static"];
    match KEYWORDS.contains(&name) {
        true => format!("{name}_"),
        false => name.to_owned(),
    }
}

/// The object type of the members below `path` of a tree of `(path, member declaration)`.
fn namespace(tree: &[(Vec<String>, String)], path: &[String], indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    let mut nested: BTreeSet<&String> = BTreeSet::new();
    for (p, member) in tree.iter().filter(|(p, _)| p.starts_with(path)) {
        match p.get(path.len()) {
            None => member.lines().for_each(|l| {
                let _ = writeln!(out, "{inner}{l}");
            }),
            Some(next) => {
                nested.insert(next);
            }
        }
    }
    for next in nested {
        let deeper: Vec<String> = path.iter().cloned().chain([next.clone()]).collect();
        let _ = writeln!(out, "{inner}readonly {next}: {};", namespace(tree, &deeper, &inner));
    }
    out.push_str(indent);
    out.push('}');
    out
}

/// What every entry exports of the facade's `kassa(native)`.
const FACADE_EXPORTS: &str = "KassaError, ValidationError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, ServerError, TransportError, DecodeError, SignatureError, CallbackError, HttpRequest, buildRequest, parseResponse, operations, callFunction, functionNames";

/// What the payments entry exports of the facade: the error classes.
const ERROR_EXPORTS: &str = "KassaError, ValidationError, ApiError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, RateLimitError, ServerError, TransportError, DecodeError, SignatureError, CallbackError";

/// The names `kassa-web` adds to the shared entry.
const WEB_EXPORTS: &str = "/** Loads the wasm (call and await it once first). */\nexport default api.init;\nexport const { initSync } = api;\n";

/// What `kassa-web`'s declarations add to the shared ones.
const WEB_DTS: &str = r#"// What only `kassa-web` has: the wasm loader (the rest of this file is `kassa.d.ts`, shared with `kassa`).

/** Where `init` loads the wasm from. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** Loads and instantiates the wasm: call (and await) it once before anything else. The bundler build is ready on import; there it does nothing. */
export default function init(input?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<unknown>;
/** `init` with the wasm bytes or module at hand, synchronously. */
export declare function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
"#;

/// The error classes (the facade defines them; the core's one mapping sets their fields).
const ERRORS_DTS: &str = r#"
// ---- errors ------------------------------------------------------------------------------------

/** The broad kind of a kassa error. */
export type ErrorKind = 'validation' | 'api' | 'transport' | 'decode' | 'signature' | 'callback';

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
  readonly code: ValidationCode;
  /** The field, as the caller named it (`secret`, `id`, `retry.maxRetries`). */
  readonly field: string;
}

/** The provider answered with an error: by its status, one of the subclasses below (a redirect, or a status none of them covers, is an `ApiError` itself). */
export declare class ApiError extends KassaError {
  readonly name: 'ApiError' | 'BadRequestError' | 'AuthenticationError' | 'PermissionDeniedError' | 'NotFoundError' | 'ConflictError' | 'RateLimitError' | 'ServerError';
  readonly kind: 'api';
  /** The provider's own code (`SessionNotFound`), else `http_<status>`. */
  readonly code: string;
  /** The HTTP status. */
  readonly status: number;
  /** The provider's code, when it gave one. */
  readonly providerCode: string | null;
  /** The provider's own message, when it gave one (`message` is kassa's full text). */
  readonly providerMessage: string | null;
  /** The request id, when there is one. */
  readonly requestId: string | null;
  /** How long the provider asks to wait before trying again (`Retry-After` of a 429 or 503), in seconds, when it said. */
  readonly retryAfter: number | null;
  /** Where a redirect (3xx) points: kassa follows no redirect. */
  readonly location: string | null;
  /** The raw response body, as received: unlike the texts above it is not scrubbed of secrets a provider may echo, so never log it. */
  readonly body: Uint8Array;
}

/** 400, 422: the request was refused as malformed or invalid. */
export declare class BadRequestError extends ApiError {
  readonly name: 'BadRequestError';
}
/** 401: the credentials were refused. */
export declare class AuthenticationError extends ApiError {
  readonly name: 'AuthenticationError';
}
/** 402, 403: the credentials may not do this. */
export declare class PermissionDeniedError extends ApiError {
  readonly name: 'PermissionDeniedError';
}
/** 404, 410: nothing there. */
export declare class NotFoundError extends ApiError {
  readonly name: 'NotFoundError';
}
/** 409: it conflicts with what exists. */
export declare class ConflictError extends ApiError {
  readonly name: 'ConflictError';
}
/** 429: too many requests (see `retryAfter`). */
export declare class RateLimitError extends ApiError {
  readonly name: 'RateLimitError';
}
/** 5xx: the provider failed. */
export declare class ServerError extends ApiError {
  readonly name: 'ServerError';
}

/** No complete answer arrived. */
export declare class TransportError extends KassaError {
  readonly name: 'TransportError';
  readonly kind: 'transport';
  readonly code: 'timeout' | 'connect' | 'tls' | 'body' | 'body_too_large' | 'deadline_exceeded' | 'outcome_unknown' | 'client_closed' | 'transport';
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

/** A webhook signature does not hold. */
export declare class SignatureError extends KassaError {
  readonly name: 'SignatureError';
  readonly kind: 'signature';
  readonly code: 'signature_mismatch' | 'timestamp_too_old' | 'timestamp_in_future' | 'malformed_signature';
}

/** A provider's redirect reports a failure of its flow (itsme's error page). */
export declare class CallbackError extends KassaError {
  readonly name: 'CallbackError';
  readonly kind: 'callback';
  /** The provider's error code (itsme's `error`, e.g. `access_denied`). */
  readonly code: string;
  /** The provider's description, when it gave one. */
  readonly description: string | null;
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_docs() {
        assert_eq!(key("amountCents"), "amountCents");
        assert_eq!(key("User-Agent"), "'User-Agent'");
        assert_eq!(jsdoc(Some("a"), "  "), "  /** a */\n");
        assert_eq!(jsdoc(Some("a\n\nb */"), ""), "/**\n * a\n *\n * b *\\/\n */\n");
        assert_eq!(rust_ident("ref"), "ref_");
    }
}

/// Core types a JS value can give in more shapes than their schema says (the converter reads any
/// iterable of pairs: a fetch `Headers`, a `Map`), declared as JS takes them.
const JS_TYPES: &[(&str, &str)] =
    &[("HeadersInput", "Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[]>>")];
