//! kassa's pure functions (EPC payloads, identifiers, webhook verification, the identification
//! flow, Digiteal's link builders), registered like operations: each is a type implementing
//! [`Function`], with a typed argument struct whose serde attributes name and check every
//! parameter, and the names of the parameters that may be given positionally.
//!
//! Bindings call them in two ways, both through this module only:
//! - typed: a generated entry point per function (`kassa.iban.validate`, JS `iban.validate`) calls
//!   [`invoke`]`::<IbanValidate, _, _>` with the binding's [`Arguments`];
//! - by name: [`call`] (`kassa.call_function("iban.validate", ...)`).
//!
//! Arguments: the Python names (`amount_cents`); every Args struct also accepts the camelCase
//! spelling (`amountCents`) JS passes, as a serde alias. An absent argument (Python `None`, JS
//! `undefined`/`null`) is left out, so its default applies. Wrong shapes (an unknown keyword, a
//! missing argument, a number where text belongs) are `invalid_params` errors naming the
//! argument.

use std::borrow::Cow;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Serialize;

use crate::error::{Error, ValidationCode};
use crate::input::{Input, InputError, Json};
use crate::operation::{read_named, Provider, Sink};

/// Declares one function: a unit type implementing [`Function`], its argument struct (doc comment
/// = the function's documentation; field docs = the parameters'), and the body.
macro_rules! function {
    (
        $(#[$doc:meta])*
        $name:ident = $id:literal, provider: $provider:expr, positional: [$($pos:literal),*],
        $args:ident { $($(#[$fmeta:meta])* $field:ident: $fty:ty),* $(,)? }
        -> $out:ty = |$a:ident| $body:expr
        $(, text: |$s:ident| $text:expr)?
        $(, keywords: $keywords:expr)?
        $(, check: $check:literal)?
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub struct $name;

        $(#[$doc])*
        #[derive(Clone, Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $args {
            $($(#[$fmeta])* pub $field: $fty,)*
        }

        impl $crate::functions::Function for $name {
            const INFO: $crate::functions::FunctionInfo =
                $crate::functions::FunctionInfo { name: $id, provider: $provider, positional: &[$($pos),*] };
            type Args = $args;
            type Output = $out;
            fn call($a: $args) -> Result<$out, $crate::error::Error> {
                $body
            }
            $(const TEXT: Option<fn(&str) -> Result<$out, $crate::error::Error>> = Some(|$s: &str| $text);)?
            $(const KEYWORDS: Option<$crate::functions::KeywordForm<$out>> = Some($keywords);)?
            $(fn as_check(output: &$out) -> Option<&$crate::functions::Check> {
                let _ = $check;
                Some(output)
            })?
        }
    };
}

#[cfg(feature = "clients")]
mod digiteal;
mod epc;
#[cfg(feature = "clients")]
mod flow;
mod ident;
mod inputs;

#[cfg(feature = "clients")]
pub use digiteal::*;
pub use epc::*;
#[cfg(feature = "clients")]
pub use flow::*;
pub use ident::*;
pub use inputs::{Loose, Scalar};

/// What the registry knows of one function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionInfo {
    /// The name: `namespace.function` in snake_case (`"iban.validate"`, `"digiteal.pay_buttons.image_url"`),
    /// the Python module path below `kassa`.
    pub name: &'static str,
    /// The provider the function belongs to, if any.
    pub provider: Option<Provider>,
    /// The parameters that may be given positionally, in order; every other one is keyword-only.
    pub positional: &'static [&'static str],
}

/// One pure function.
pub trait Function {
    /// The registry entry.
    const INFO: FunctionInfo;
    /// The arguments, read by serde: field names are the parameter names.
    type Args: DeserializeOwned;
    /// The result.
    type Output: Serialize;

    /// Computes the result.
    fn call(args: Self::Args) -> Result<Self::Output, Error>;

    /// The function called with its one positional parameter as text and every other parameter
    /// at its default (`iban.validate(s)`), for the functions that have that form (the
    /// validators): what [`call`](Function::call) gives for those arguments, without building
    /// `Args`. Bindings take it for the most common call (one string, no options), reading the
    /// text where the host keeps it; every other call goes through `Args`. `None` for the rest.
    const TEXT: Option<fn(&str) -> Result<Self::Output, Error>> = None;

    /// The function called with keyword arguments only, each value borrowed from the host
    /// (`epc.build(name=..., iban=..., amount="12.30")`), for the functions called with many
    /// keywords in tight loops: what [`call`](Function::call) gives for those arguments, without
    /// building `Args`. Bindings hand over the names as given and each value as a [`Loose`]
    /// (`None`: absent, Python `None`, JS `undefined`/`null`); the form answers `None` when the
    /// call needs the general path (an unknown or repeated name, a missing or mistyped value),
    /// which then names the problem in its error. `None` for the functions without the form.
    const KEYWORDS: Option<KeywordForm<Self::Output>> = None;

    /// The output as the [`Check`] it is, for the `*.check` functions (whose JavaScript entry
    /// points answer compactly, the facade making the object); `None` for the rest.
    fn as_check(output: &Self::Output) -> Option<&Check> {
        let _ = output;
        None
    }
}

/// [`Function::call`] of the function's arguments read from `args` (what [`invoke`] emits).
pub fn output<'de, F: Function, D: Input<'de>>(args: D) -> Result<F::Output, Error> {
    F::call(read_named(ValidationCode::InvalidParams, "args", args)?)
}

/// The keyword form of a function (see [`Function::KEYWORDS`]): `(name, value)` pairs in, the
/// result out, or `None` for the general path.
pub type KeywordForm<T> = for<'a> fn(&[(&'a str, Option<Loose<'a>>)]) -> Option<Result<T, Error>>;

/// Calls `F` with `args` (a map of its parameters: a binding's [`Arguments`], or any serde
/// deserializer of a map) and hands the result to `sink`.
pub fn invoke<'de, F: Function, D: Input<'de>, S: Sink>(args: D, sink: S) -> Result<S::Ok, Error> {
    Ok(sink.emit(&output::<F, D>(args)?))
}

fn unknown_function(name: &str) -> Error {
    Error::validation(
        ValidationCode::UnknownFunction,
        "fn",
        format!("`{name}` is not a kassa function (see operations())"),
    )
}

macro_rules! registry {
    (standalone: [$($s:ty),* $(,)?], clients: [$($c:ty),* $(,)?] $(,)?) => {
        /// Every function, in registry order: the standalone ones first.
        #[cfg(feature = "clients")]
        const FUNCTIONS: &[FunctionInfo] = &[$(<$s as Function>::INFO,)* $(<$c as Function>::INFO),*];
        #[cfg(not(feature = "clients"))]
        const FUNCTIONS: &[FunctionInfo] = &[$(<$s as Function>::INFO),*];
        /// How many of [`FUNCTIONS`] need no `clients` feature.
        const STANDALONE: usize = [$(stringify!($s)),*].len();

        /// Calls the function `name` with `args` (see [`invoke`]).
        pub fn call<'de, D: Input<'de>, S: Sink>(name: &str, args: D, sink: S) -> Result<S::Ok, Error> {
            $(if name == <$s as Function>::INFO.name {
                return invoke::<$s, D, S>(args, sink);
            })*
            $(#[cfg(feature = "clients")]
            if name == <$c as Function>::INFO.name {
                return invoke::<$c, D, S>(args, sink);
            })*
            Err(unknown_function(name))
        }

        /// Every function's name with its [`Function::TEXT`] form (JSON out), for the tests.
        #[cfg(test)]
        fn text_forms() -> Vec<(&'static str, fn(&str) -> Option<Result<serde_json::Value, Error>>)> {
            fn json<F: Function>(s: &str) -> Option<Result<serde_json::Value, Error>> {
                F::TEXT.map(|text| text(s).map(|out| serde_json::to_value(out).expect("an output is JSON")))
            }
            type Form = fn(&str) -> Option<Result<serde_json::Value, Error>>;
            #[allow(unused_mut)]
            let mut forms: Vec<(&'static str, Form)> = vec![$((<$s as Function>::INFO.name, json::<$s> as Form)),*];
            $(#[cfg(feature = "clients")]
            forms.push((<$c as Function>::INFO.name, json::<$c> as Form));)*
            forms
        }

        /// Every function with the labels of its argument and output types.
        #[cfg(feature = "clients")]
        pub(crate) fn entries() -> Vec<(&'static FunctionInfo, String, String)> {
            let labels = [$((
                crate::catalog::type_label(std::any::type_name::<<$s as Function>::Args>()),
                crate::catalog::type_label(std::any::type_name::<<$s as Function>::Output>()),
            ),)* $((
                crate::catalog::type_label(std::any::type_name::<<$c as Function>::Args>()),
                crate::catalog::type_label(std::any::type_name::<<$c as Function>::Output>()),
            )),*];
            FUNCTIONS.iter().zip(labels).map(|(info, (args, output))| (info, args, output)).collect()
        }

        /// The argument and output schemas of every function, for the generator.
        #[cfg(feature = "schema")]
        pub(crate) fn schemas(
            inputs: &mut schemars::SchemaGenerator,
            outputs: &mut schemars::SchemaGenerator,
        ) -> Vec<crate::schema::FunctionSchema> {
            vec![$(crate::schema::FunctionSchema {
                info: <$s as Function>::INFO,
                rust: std::any::type_name::<$s>(),
                args: inputs.subschema_for::<<$s as Function>::Args>(),
                output: outputs.subschema_for::<<$s as Function>::Output>(),
            },)* $(crate::schema::FunctionSchema {
                info: <$c as Function>::INFO,
                rust: std::any::type_name::<$c>(),
                args: inputs.subschema_for::<<$c as Function>::Args>(),
                output: outputs.subschema_for::<<$c as Function>::Output>(),
            }),*]
        }
    };
}

registry! {
    // Pure payment functions: compiled with or without the `clients` feature.
    standalone: [
        EpcBuild,
        EpcParse,
        EpcSvg,
        EpcPng,
        EpcText,
        OgmValidate,
        OgmGenerate,
        RfValidate,
        RfFormat,
        RfGenerate,
        IbanValidate,
        IbanFormat,
        BicValidate,
        IbanCheck,
        BicCheck,
        BeEnterpriseNumber,
        BeVatNumber,
        PeppolValidate,
        PeppolBeParticipantIds,
    ],
    // The functions of a provider or of the identification flow: `clients` only.
    clients: [
        BillitParseCallback,
        BillitVerifyWebhook,
        SolarisVerifyWebhook,
        IdentityStartOperation,
        IdentityStarted,
        IdentityPollOperation,
        IdentityPollEvidence,
        IdentityFinish,
        PayButtonImageUrlFn,
        PayButtonExecuteUrlFn,
        B2bPayButtonImageUrlFn,
        B2bPayButtonExecuteUrlFn,
        CompanyRegistrationFn,
        PersonRegistrationFn,
        QrGeneratorFn,
        DigitealWebhooksVerify,
        DigitealWebhooksParse,
        DigitealWebhooksTypes,
    ],
}

/// Every function, in registry order.
pub fn list() -> &'static [FunctionInfo] {
    FUNCTIONS
}

/// The functions compiled without the `clients` feature (the pure payment functions: EPC,
/// identifiers), a prefix of [`list`]: what the `kassa-web/payments` browser entry exports.
pub fn standalone() -> &'static [FunctionInfo] {
    &FUNCTIONS[..STANDALONE]
}

/// The registry entry of `name`.
pub fn info(name: &str) -> Option<&'static FunctionInfo> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

// ---------------------------------------------------------------------------------------------
// Arguments: positional and keyword values of a binding, bound to parameter names
// ---------------------------------------------------------------------------------------------

/// One argument value as a binding hands it over (a Python object, a JS value, JSON).
pub trait Argument<'de> {
    /// The host's serde deserializer of the value, reporting [`InputError`]s.
    type Deserializer: Deserializer<'de, Error = InputError>;
    /// Whether the value means "not given" (Python `None`, JS `undefined` / `null`).
    fn is_absent(&self) -> bool;
    /// The value's deserializer.
    fn into_deserializer(self) -> Self::Deserializer;
}

impl<'a> Argument<'a> for &'a serde_json::Value {
    type Deserializer = Json<'a>;
    fn is_absent(&self) -> bool {
        self.is_null()
    }
    fn into_deserializer(self) -> Json<'a> {
        Json(self)
    }
}

/// The arguments of one call: positional values bound to the function's positional parameter
/// names, then the keyword values. A serde deserializer of the map `{name: value}`; absent values
/// are left out.
pub struct Arguments<'k, A> {
    entries: Vec<(Cow<'k, str>, A)>,
}

impl<'k, 'de, A: Argument<'de>> Arguments<'k, A> {
    /// Binds `positional` to `info`'s positional names and adds `keywords`. Refuses more
    /// positional values than names (field `args`) and a parameter given both ways.
    pub fn bind(
        info: &FunctionInfo,
        positional: impl IntoIterator<Item = A>,
        keywords: impl IntoIterator<Item = (Cow<'k, str>, A)>,
    ) -> Result<Self, Error> {
        let mut entries: Vec<(Cow<'k, str>, A)> = Vec::new();
        let mut given = 0;
        for (i, value) in positional.into_iter().enumerate() {
            given = i + 1;
            let Some(name) = info.positional.get(i) else { continue };
            if !value.is_absent() {
                entries.push((Cow::Borrowed(*name), value));
            }
        }
        if given > info.positional.len() {
            return Err(Error::validation(
                ValidationCode::InvalidParams,
                "args",
                format!("{} takes {} positional argument(s), {given} given", info.name, info.positional.len()),
            ));
        }
        for (key, value) in keywords {
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(Error::validation(
                    ValidationCode::InvalidParams,
                    key.into_owned(),
                    "given both positionally and as a keyword",
                ));
            }
            if !value.is_absent() {
                entries.push((key, value));
            }
        }
        Ok(Arguments { entries })
    }
}

/// A failure while reading arguments: where, and the host deserializer's message.
pub type ArgumentError = InputError;

impl<'k, 'de, A: Argument<'de>> Deserializer<'de> for Arguments<'k, A> {
    type Error = ArgumentError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ArgumentError> {
        visitor.visit_map(Entries { entries: self.entries.into_iter(), value: None })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'k, 'de, A: Argument<'de>> Input<'de> for Arguments<'k, A> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

struct Entries<'k, A> {
    entries: std::vec::IntoIter<(Cow<'k, str>, A)>,
    value: Option<(Cow<'k, str>, A)>,
}

impl<'k, 'de, A: Argument<'de>> MapAccess<'de> for Entries<'k, A> {
    type Error = ArgumentError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ArgumentError> {
        match self.entries.next() {
            None => Ok(None),
            Some((key, value)) => {
                let name = seed.deserialize(de::value::StrDeserializer::<ArgumentError>::new(&key)).map(Some);
                self.value = Some((key, value));
                name
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ArgumentError> {
        let (key, value) = self.value.take().ok_or_else(|| InputError::new("a value without its key"))?;
        seed.deserialize(value.into_deserializer()).map_err(|e| e.at_key(&key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// Calls the function `name` with JSON arguments: `args` positional, `kwargs` keyword (the core's
/// tests and the fixture runner use it; bindings pass their own [`Arguments`]).
pub fn call_json(
    name: &str,
    args: &[serde_json::Value],
    kwargs: &serde_json::Map<String, serde_json::Value>,
) -> Result<serde_json::Value, Error> {
    let info = info(name).ok_or_else(|| unknown_function(name))?;
    let arguments = Arguments::bind(info, args, kwargs.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), v)))?;
    call(name, arguments, crate::operation::JsonSink)?
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    fn kw(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn dispatch_and_binding() {
        assert_eq!(call_json("iban.validate", &[json!("be68 5390 0754 7034")], &Map::new()).unwrap(), json!("BE68539007547034"));
        assert_eq!(call_json("iban.validate", &[], &kw(json!({"s": "BE68539007547034"}))).unwrap(), json!("BE68539007547034"));
        assert_eq!(call_json("ogm.generate", &[json!(1234567890)], &Map::new()).unwrap(), json!("+++123/4567/89002+++"));
        let build = call_json(
            "epc.build",
            &[],
            &kw(json!({"name": "A", "iban": "BE68539007547034", "amountCents": 1230, "allow_no_amount": null})),
        )
        .unwrap();
        assert_eq!(build, json!("BCD\n002\n1\nSCT\n\nA\nBE68539007547034\nEUR12.30"));
        for f in list() {
            // Every name dispatches (argument errors, not unknown_function).
            let e = call_json(f.name, &[], &Map::new());
            assert!(e.as_ref().map_or_else(|e| e.code() != "unknown_function", |_| true), "{}: {e:?}", f.name);
        }
    }

    #[test]
    fn the_text_form_is_the_call_with_one_positional_text() {
        // `Function::TEXT` is a second way into the same function: it must answer exactly what the
        // call through `Args` answers (value, or error code, field and message), valid or not.
        let samples = [
            "BE68 5390 0754 7034", "be68539007547034", "BE68 5390 0754 7035", "ES21 2100 0418 4502 0005 1331",
            "FR14 2004 1010 0505 0001 3M02 606", "XX00", "", "  ", "+++123/4567/89002+++", "***123/4567/89002***",
            "123456789002", "1234567890", "RF18 5390 0754 7034", "rf18539007547035", "539007547034", "GEBABEBB",
            "deutdeff500", "GEBA", "BE 0123.456.749", "0123456749", "BE1234567894", "0123456748",
            "0208:0123456749", "9925:BE0123456749", "nope", "é", "12345678901234567890123456789012345",
        ];
        let mut with_text = 0;
        for (name, text) in text_forms() {
            for s in samples {
                let Some(fast) = text(s) else { break };
                let through_args = call_json(name, &[json!(s)], &Map::new());
                match (&fast, &through_args) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}({s:?})"),
                    (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}({s:?})"),
                    _ => panic!("{name}({s:?}): {fast:?} vs {through_args:?}"),
                }
            }
            with_text += usize::from(text("").is_some());
        }
        assert_eq!(with_text, 14, "the validators have their text form");
    }

    #[test]
    fn argument_errors_name_the_argument() {
        let err = |name: &str, args: Vec<Value>, kwargs: Value| {
            let e = call_json(name, &args, &kw(kwargs)).unwrap_err();
            let field = match &e {
                Error::Validation(v) => v.field.to_string(),
                _ => String::new(),
            };
            (e.code().to_owned(), field)
        };
        assert_eq!(err("nope", vec![], json!({})).0, "unknown_function");
        assert_eq!(err("iban.validate", vec![json!(1)], json!({})), ("invalid_params".into(), "s".into()));
        assert_eq!(err("iban.validate", vec![json!("x"), json!("y")], json!({})), ("invalid_params".into(), "args".into()));
        assert_eq!(err("iban.validate", vec![json!("x")], json!({"s": "y"})), ("invalid_params".into(), "s".into()));
        assert_eq!(err("iban.validate", vec![], json!({})), ("invalid_params".into(), "s".into()));
        assert_eq!(err("epc.build", vec![], json!({"nam": "A"})), ("invalid_params".into(), "nam".into()));
        assert_eq!(err("epc.build", vec![json!("A")], json!({})).1, "args");
    }

    #[test]
    fn camel_case_aliases_exist_for_every_snake_case_argument() {
        // JS passes camelCase option names; every Args struct must accept them (see the module
        // docs). A camelCase key that is not accepted is reported as `unknown field`.
        #[cfg(feature = "schema")]
        {
            let description = crate::catalog::describe();
            for f in &description.functions {
                for name in f.arg_names(&description) {
                    if !name.contains('_') {
                        continue;
                    }
                    let camel = crate::schema::camel_case(&name);
                    let e = call_json(f.info.name, &[], &kw(json!({ camel.clone(): "x" })));
                    if let Err(Error::Validation(v)) = &e {
                        assert!(!v.message.starts_with("unknown field"), "{}: `{camel}` is not accepted", f.info.name);
                    }
                }
            }
        }
    }
}
