//! The schemas of everything in the catalog (feature `schema`): every operation's params and
//! output, every function's arguments and result, every provider's config, as JSON Schema
//! (draft 2020-12, from `schemars`, doc comments as descriptions). `xtask codegen` reads
//! [`Description`] (serialised to `bindings/surface.json`) and writes every binding's typed
//! surface from it; nothing there is typed by hand.
//!
//! Two schema sets: `inputs` (params, arguments, configs: what serde *reads*, so a field with a
//! default is optional) and `outputs` (what serde *writes*). kassa's own keywords:
//!
//! | keyword | on | meaning |
//! |---|---|---|
//! | `x-kassa-bytes` | a string schema | bytes: Python `bytes`, JS `Uint8Array` |
//! | `x-kassa-text` | with `x-kassa-bytes` | text is accepted too (its UTF-8 bytes) |
//! | `x-kassa-open-enum` | a string enum | other strings are accepted and kept (providers add values) |
//! | `x-kassa-enum-docs` | an open enum | the doc of each known value |
//! | `x-kassa-secret` | a string | a credential: never printed |

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::functions::FunctionInfo;
use crate::operation::{OperationInfo, Provider};

/// The schemas of one operation.
pub struct OperationSchema {
    /// The catalog entry.
    pub info: OperationInfo,
    /// The params (in `inputs`).
    pub params: Schema,
    /// The output (in `outputs`).
    pub output: Schema,
    /// The params field that makes a resend safe ([`crate::Operation::RESEND_KEY_FIELD`]): the
    /// per-call `idempotency_key` fills it.
    pub resend_key: Option<&'static str>,
}

/// The schemas of one function.
pub struct FunctionSchema {
    /// The registry entry.
    pub info: FunctionInfo,
    /// The Rust type implementing it (its last path segment).
    pub rust: &'static str,
    /// The arguments (in `inputs`).
    pub args: Schema,
    /// The result (in `outputs`).
    pub output: Schema,
}

/// The schema of `T` as serde reads it, a `$ref` into the generator's definitions for named types.
pub fn deserialize_schema<T: JsonSchema + ?Sized>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// `number | string` in a schema (an argument that takes either).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum IntOrText {
    /// A whole number.
    Int(u64),
    /// Text.
    Text(String),
}

/// One operation in the description.
#[derive(Clone, Debug, Serialize)]
pub struct OperationDoc {
    /// The id.
    pub id: &'static str,
    /// `request` or `link`.
    pub kind: &'static str,
    /// The provider.
    pub provider: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path template.
    pub path: &'static str,
    /// Whether a retry after the request may have arrived is harmless.
    pub retry_safe: bool,
    /// The params field the per-call `idempotency_key` fills, when the operation has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resend_key: Option<&'static str>,
    /// The params' schema (in `inputs`).
    pub params: Value,
    /// The output's schema (in `outputs`).
    pub output: Value,
}

/// One function in the description.
#[derive(Clone, Debug, Serialize)]
pub struct FunctionDoc {
    /// The registry entry.
    #[serde(skip)]
    pub info: FunctionInfo,
    /// The name (`"iban.validate"`).
    pub name: &'static str,
    /// The Rust type implementing it, below `kassa::functions` (`"IbanValidate"`).
    pub rust: String,
    /// The provider, if any.
    pub provider: Option<&'static str>,
    /// The parameters given positionally, in order.
    pub positional: &'static [&'static str],
    /// The arguments' schema (in `inputs`).
    pub args: Value,
    /// The result's schema (in `outputs`).
    pub output: Value,
}

impl FunctionDoc {
    /// The names of the function's parameters, in declaration order.
    pub fn arg_names(&self, description: &Description) -> Vec<String> {
        let schema = resolve(&self.args, &description.inputs);
        schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// A redirect parser of `endpoints.tsv` and the function that answers it.
#[derive(Clone, Debug, Serialize)]
pub struct CallbackDoc {
    /// The id.
    pub id: &'static str,
    /// The provider.
    pub provider: &'static str,
    /// The function.
    pub function: &'static str,
}

/// One provider's config.
#[derive(Clone, Debug, Serialize)]
pub struct ConfigDoc {
    /// The provider.
    pub provider: &'static str,
    /// The config's schema (in `inputs`).
    pub config: Value,
    /// The environment variables a client reads keys of the config from when they are not given:
    /// `[variable, key]` ([`crate::catalog::env_keys`]).
    pub env: &'static [(&'static str, &'static str)],
}

/// A validation code.
#[derive(Clone, Debug, Serialize)]
pub struct CodeDoc {
    /// The stable string.
    pub code: &'static str,
}

/// Everything the typed surfaces are generated from.
#[derive(Clone, Debug, Serialize)]
pub struct Description {
    /// The crate version.
    pub version: &'static str,
    /// Requests and links, in catalog order.
    pub operations: Vec<OperationDoc>,
    /// Redirect parsers.
    pub callbacks: Vec<CallbackDoc>,
    /// Pure functions, in registry order.
    pub functions: Vec<FunctionDoc>,
    /// Provider configs.
    pub configs: Vec<ConfigDoc>,
    /// The per-call options every client method takes beside its params (in `inputs`:
    /// `RequestOptions`, [`crate::exchange::CallOptionsInput`]).
    pub call_options: Value,
    /// Every validation code.
    pub validation_codes: Vec<CodeDoc>,
    /// Named input schemas (params, arguments, configs), by name.
    pub inputs: Map<String, Value>,
    /// Named output schemas, by name.
    pub outputs: Map<String, Value>,
}

/// Follows a `$ref` into `definitions`; any other schema as it is.
pub fn resolve<'a>(schema: &'a Value, definitions: &'a Map<String, Value>) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => definitions.get(name).unwrap_or(schema),
        None => schema,
    }
}

/// `snake_case` to `camelCase` (`amount_cents` to `amountCents`); other names as they are.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' if !out.is_empty() => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

type OperationSchemas = fn(&mut SchemaGenerator, &mut SchemaGenerator) -> Vec<OperationSchema>;

/// Builds the description from the catalog's operation schemas and its callbacks.
pub(crate) fn describe(
    operations: OperationSchemas,
    callbacks: Vec<(&'static str, Provider, &'static str)>,
) -> Description {
    let mut inputs = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let mut outputs = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let operations = operations(&mut inputs, &mut outputs)
        .into_iter()
        .map(|o| OperationDoc {
            id: o.info.id,
            kind: o.info.kind.as_str(),
            provider: o.info.provider.as_str(),
            method: o.info.method.as_str(),
            path: o.info.path,
            retry_safe: o.info.retry_safe,
            resend_key: o.resend_key,
            params: o.params.to_value(),
            output: o.output.to_value(),
        })
        .collect();
    let functions = crate::functions::schemas(&mut inputs, &mut outputs)
        .into_iter()
        .map(|f| FunctionDoc {
            info: f.info,
            name: f.info.name,
            rust: f.rust.rsplit("::").next().unwrap_or(f.rust).to_owned(),
            provider: f.info.provider.map(Provider::as_str),
            positional: f.info.positional,
            args: f.args.to_value(),
            output: f.output.to_value(),
        })
        .collect();
    let configs = Provider::ALL
        .into_iter()
        .map(|p| ConfigDoc {
            provider: p.as_str(),
            config: crate::catalog::config_schema(p, &mut inputs).to_value(),
            env: crate::catalog::env_keys(p),
        })
        .collect();
    let call_options = inputs.subschema_for::<crate::exchange::CallOptionsInput>().to_value();
    Description {
        version: env!("CARGO_PKG_VERSION"),
        operations,
        callbacks: callbacks
            .into_iter()
            .map(|(id, provider, function)| CallbackDoc { id, provider: provider.as_str(), function })
            .collect(),
        functions,
        configs,
        call_options,
        validation_codes: crate::error::ValidationCode::ALL.iter().map(|c| CodeDoc { code: c.as_str() }).collect(),
        inputs: inputs.take_definitions(true),
        outputs: outputs.take_definitions(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel() {
        assert_eq!(camel_case("amount_cents"), "amountCents");
        assert_eq!(camel_case("requesterVAT"), "requesterVAT");
        assert_eq!(camel_case("s"), "s");
        assert_eq!(camel_case("enterprise_number"), "enterpriseNumber");
    }
}
