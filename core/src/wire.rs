//! Helpers shared by the providers' wire models: JSON bodies in and out, and string enums that keep
//! values they do not know.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{DecodeError, Error, ValidationCode};
use crate::input::Json;

/// Serialises a request body. Our own types always serialise; a failure is reported, not panicked.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::validation(ValidationCode::InvalidParams, "", e.to_string()))
}

/// Parses a JSON body into `T`. An empty body reads as `{}`. A failure names the JSON path and
/// the byte offset (of a syntax error, or of the end of the value of the wrong type).
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let empty = body.iter().all(u8::is_ascii_whitespace);
    let text: &[u8] = if empty { b"{}" } else { body };
    // Read as a JSON value first, then as `T` ([`crate::input`]: the path of a refusal without
    // compiling every type's visitor twice).
    let value: serde_json::Value = serde_json::from_slice(text).map_err(|e| {
        let (path, _) = locate(text, None);
        json_error(text, empty, path, e)
    })?;
    T::deserialize(Json(&value)).map_err(|e| {
        let path = e.path();
        let offset = if path.is_empty() { None } else { locate(text, Some(&path)).1 };
        Error::Decode(DecodeError { field: (!path.is_empty()).then_some(path), offset, message: e.message().to_owned() })
    })
}

/// Where in `text` reading stopped: the JSON path (`a.b[0]`) and byte offset of a syntax error
/// (`target` none), or of the end of the value at the path `target` (a value of the wrong type).
/// A second reading, on the error path only, by one small visitor for every type.
fn locate(text: &[u8], target: Option<&str>) -> (Option<String>, Option<usize>) {
    let path = std::cell::RefCell::new(String::new());
    let mut de = serde_json::Deserializer::from_slice(text);
    let stopped = serde::de::DeserializeSeed::deserialize(Locate { path: &path, target }, &mut de).err();
    let path = path.into_inner();
    let offset = stopped.and_then(|e| byte_offset(text, e.line(), e.column()));
    ((!path.is_empty()).then_some(path), offset)
}

/// Reads any JSON value, keeping the path of where it is in [`locate`]'s string.
#[derive(Clone, Copy)]
struct Locate<'a> {
    path: &'a std::cell::RefCell<String>,
    target: Option<&'a str>,
}

impl Locate<'_> {
    /// Reads the value under `segment` (`.key` or `[i]`); the path keeps it when reading fails.
    fn within<'de, E, F>(self, segment: std::fmt::Arguments<'_>, read: F) -> Result<(), E>
    where
        F: FnOnce(Self) -> Result<(), E>,
    {
        let len = self.path.borrow().len();
        {
            use std::fmt::Write;
            let mut path = self.path.borrow_mut();
            let _ = path.write_fmt(segment);
            if path.starts_with('.') {
                path.remove(0);
            }
        }
        read(self)?;
        self.path.borrow_mut().truncate(len);
        Ok(())
    }

    /// Stops (an error at the current position) once the value at `target` has been read.
    fn done<E: serde::de::Error>(self) -> Result<(), E> {
        match self.target {
            Some(t) if *self.path.borrow() == t => Err(E::custom("here")),
            _ => Ok(()),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Locate<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.done()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.done()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.done()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.done()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.done()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.done()
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            let mut more = false;
            self.within(format_args!("[{i}]"), |item| {
                more = seq.next_element_seed(item)?.is_some();
                Ok(())
            })?;
            if !more {
                break;
            }
            i += 1;
        }
        self.done()
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.within(format_args!(".{key}"), |value| map.next_value_seed(value))?;
        }
        self.done()
    }
}

/// A webhook body as JSON: not empty, valid UTF-8 JSON, nested at most [`MAX_DEPTH`] levels.
/// A failure is a decode error at `body` with the byte offset.
pub fn from_json_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::decode("body", "the body is empty"));
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| json_error(body, false, Some("body".into()), e))?;
    if depth(&value) > MAX_DEPTH {
        return Err(Error::decode("body", format!("nested deeper than {MAX_DEPTH} levels")));
    }
    T::deserialize(Json(&value)).map_err(|e| body_error(&e))
}

/// A refusal while reading a body's JSON value as a type: a decode error at `body.<path>`.
pub(crate) fn body_error(e: &crate::input::InputError) -> Error {
    let path = e.path();
    Error::decode(if path.is_empty() { "body".to_owned() } else { format!("body.{path}") }, e.message().to_owned())
}

fn depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        serde_json::Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// A decode error; no byte offset when the body was empty (the `{}` read in its place has none).
fn json_error(text: &[u8], empty: bool, field: Option<String>, e: serde_json::Error) -> Error {
    let offset = if empty { None } else { byte_offset(text, e.line(), e.column()) };
    Error::Decode(DecodeError { field, offset, message: e.to_string() })
}

/// Characters escaped in a path segment: controls, space, and everything URL syntax gives a
/// meaning to, so that a caller's id can never change the path.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `value` percent-encoded as one URL path segment. Refuses an empty value, naming `field`.
pub fn path_segment(value: &str, field: &'static str) -> Result<String, Error> {
    if value.trim().is_empty() || value == "." || value == ".." {
        return Err(Error::validation(ValidationCode::InvalidParams, field, "must not be empty"));
    }
    Ok(percent_encoding::utf8_percent_encode(value, SEGMENT).to_string())
}

/// serde_json reports 1-based line and column; turn them into a byte offset.
fn byte_offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        start += body[start..].iter().position(|&b| b == b'\n')? + 1;
    }
    Some((start + column.saturating_sub(1)).min(body.len()))
}

/// The name of the newtype an id is serialised as ([`id`]): a serializer that cares (the JS
/// bindings' outputs: `bigint` for ids, `number` for other integers) recognises it; every other
/// serializer sees the integer.
pub const ID_NEWTYPE: &str = "kassa::Id64";

/// Serialises a 64-bit id (a value that may exceed 2^53) marked as such (see [`ID_NEWTYPE`]).
pub fn id<S: serde::Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(ID_NEWTYPE, value)
}

/// [`id`] for an optional id.
pub fn opt_id<S: serde::Serializer>(value: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_some(&IdRef(*v)),
        None => s.serialize_none(),
    }
}

struct IdRef(i64);

/// The name of the newtype a secret in an output is serialised as ([`secret`]): the JS bindings
/// recognise it to keep the value out of `util.inspect` and `JSON.stringify`; every other
/// serializer sees the string.
pub const SECRET_NEWTYPE: &str = "kassa::Secret";

/// Serialises a secret of an output (a token, a password placeholder) as its text, marked as
/// such (see [`SECRET_NEWTYPE`]).
pub fn secret<S: serde::Serializer>(value: &crate::config::Secret, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(SECRET_NEWTYPE, value.expose())
}

/// [`secret`] for an optional secret.
pub fn opt_secret<S: serde::Serializer>(value: &Option<crate::config::Secret>, s: S) -> Result<S::Ok, S::Error> {
    struct Marked<'a>(&'a crate::config::Secret);
    impl Serialize for Marked<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            secret(self.0, s)
        }
    }
    match value {
        Some(v) => s.serialize_some(&Marked(v)),
        None => s.serialize_none(),
    }
}

impl Serialize for IdRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        id(&self.0, s)
    }
}

/// Bytes given by the caller (a document to upload) or answered (an image): bytes in every
/// binding (Python `bytes`, JS `Uint8Array`), never a list of numbers. Read from bytes, from text
/// (its UTF-8 bytes) or, for JSON callers, from an array of numbers 0-255; written with
/// `serialize_bytes`. `Debug` shows the length only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

impl Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

/// Serialises bytes with `serialize_bytes` (for `serialize_with`).
pub fn as_bytes<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BytesVisitor).map(|(bytes, _)| Bytes(bytes))
    }
}

/// Text (its UTF-8 bytes) or bytes, remembering which it was: webhook bodies and secrets, EPC
/// payloads read from a QR code. `Debug` shows the length only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextOrBytes {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Whether they came as text.
    pub was_text: bool,
}

impl std::fmt::Debug for TextOrBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes>", self.bytes.len())
    }
}

impl<'de> serde::Deserialize<'de> for TextOrBytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BytesVisitor).map(|(bytes, was_text)| TextOrBytes { bytes, was_text })
    }
}

/// Reads bytes or text: `(bytes, was_text)`.
struct BytesVisitor;

impl<'de> serde::de::Visitor<'de> for BytesVisitor {
    type Value = (Vec<u8>, bool);
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("bytes or text")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((v.as_bytes().to_vec(), true))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok((v.into_bytes(), true))
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok((v.to_vec(), false))
    }
    fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
        Ok((v, false))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(b) = seq.next_element::<u8>()? {
            out.push(b);
        }
        Ok((out, false))
    }
}

#[cfg(feature = "schema")]
mod bytes_schema {
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    impl JsonSchema for super::Bytes {
        fn schema_name() -> Cow<'static, str> {
            "Bytes".into()
        }
        fn inline_schema() -> bool {
            true
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            // Read from text too (its UTF-8 bytes), as the type's docs say.
            json_schema!({"type": "string", "x-kassa-bytes": true, "x-kassa-text": true})
        }
    }

    impl JsonSchema for super::TextOrBytes {
        fn schema_name() -> Cow<'static, str> {
            "TextOrBytes".into()
        }
        fn inline_schema() -> bool {
            true
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "string", "x-kassa-bytes": true, "x-kassa-text": true})
        }
    }
}

/// The deepest nesting a free-form JSON input (`serde_json::Value`) may have.
pub const MAX_DEPTH: usize = 64;

/// Reads a free-form JSON input (an evidence object, a body the SDK passes on) refusing nesting
/// deeper than [`MAX_DEPTH`]: a self-referencing Python list would recurse forever otherwise.
pub fn bounded_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
    d.deserialize_any(Bounded(0))
}

/// [`bounded_value`] for an optional field.
pub fn bounded_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    d.deserialize_any(Bounded(0)).map(|v| (!v.is_null()).then_some(v))
}

struct Bounded(usize);

impl<'de> serde::de::DeserializeSeed<'de> for Bounded {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<serde_json::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Bounded {
    type Value = serde_json::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<serde_json::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<serde_json::Value, E> {
        Ok(v.into())
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Array(v.iter().map(|&b| b.into()).collect()))
    }
    fn visit_unit<E>(self) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<serde_json::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<serde_json::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<serde_json::Value, A::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(serde::de::Error::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Bounded(self.0 + 1))? {
            out.push(v);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<serde_json::Value, A::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(serde::de::Error::custom(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Bounded(self.0 + 1))?;
            out.insert(key, value);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// Declares a string enum that serialises as its wire strings and keeps unknown values in
/// `Other(String)` instead of failing: providers add values over time.
#[cfg_attr(not(feature = "clients"), allow(unused_macros))]
macro_rules! string_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident { $($(#[doc = $vdoc:literal])* $variant:ident = $wire:literal),* $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant,)*
            /// A value this version of kassa does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// Every value this version of kassa knows, as written on the wire, in the order
            /// the enum lists them.
            #[allow(dead_code)] // not every enum's rules check against it
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(s) => s,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok($name::from(&*s))
            }
        }

        /// The known values, documented, as an open enum: any other string is accepted too.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut docs = serde_json::Map::new();
                $(docs.insert($wire.to_owned(), concat!($($vdoc),*).trim().into());)*
                let mut schema = serde_json::Map::new();
                schema.insert("description".into(), concat!($($doc, "\n"),*).trim().into());
                schema.insert("type".into(), "string".into());
                schema.insert("enum".into(), serde_json::Value::Array(vec![$($wire.into()),*]));
                schema.insert("x-kassa-open-enum".into(), true.into());
                schema.insert("x-kassa-enum-docs".into(), docs.into());
                schema.into()
            }
        }
    };
}
#[cfg_attr(not(feature = "clients"), allow(unused_imports))]
pub(crate) use string_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        id: i64,
    }

    #[test]
    fn marked_ids_and_secrets_are_plain_values_to_other_serializers() {
        #[derive(Serialize)]
        struct Out {
            #[serde(serialize_with = "opt_id")]
            id: Option<i64>,
            #[serde(serialize_with = "secret")]
            token: crate::config::Secret,
            #[serde(serialize_with = "opt_secret")]
            password: Option<crate::config::Secret>,
        }
        let out = Out { id: Some(9_007_199_254_740_993), token: crate::config::Secret::new("t"), password: None };
        assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"id":9007199254740993,"token":"t","password":null}"#);
    }

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("42", "id").unwrap(), "42");
        assert_eq!(path_segment("a/../b?x#y", "id").unwrap(), "a%2F..%2Fb%3Fx%23y");
        assert_eq!(path_segment("..", "id").unwrap_err().code(), "invalid_params");
        assert_eq!(path_segment(" ", "id").unwrap_err().code(), "invalid_params");
    }

    #[test]
    fn bytes_from_arrays_and_strings() {
        let a: Bytes = serde_json::from_value(serde_json::json!([37, 80, 68, 70])).unwrap();
        let s: Bytes = serde_json::from_value(serde_json::json!("%PDF")).unwrap();
        assert_eq!(a, s);
        assert_eq!(format!("{a:?}"), "<4 bytes>");
        assert!(serde_json::from_value::<Bytes>(serde_json::json!([256])).is_err());
        assert!(serde_json::from_value::<Bytes>(serde_json::json!(5)).is_err());
    }


    #[test]
    fn decode_errors_name_path_and_offset() {
        let Error::Decode(e) = from_json::<T>(br#"{"id": "x"}"#).unwrap_err() else { panic!() };
        assert_eq!(e.field.as_deref(), Some("id"));
        assert_eq!(e.offset, Some(9)); // the end of the offending value
        assert!(e.message.starts_with("invalid type: string"), "{}", e.message);
        let Error::Decode(e) = from_json::<T>(br#"{"id": 1, "token": "#).unwrap_err() else { panic!() };
        assert_eq!((e.field.as_deref(), e.offset), (Some("token"), Some(18))); // cut short inside `token`
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct List {
            items: Vec<T>,
        }
        let Error::Decode(e) = from_json::<List>(br#"{"items": [{"id": 1}, {"id": true}]}"#).unwrap_err() else { panic!() };
        assert_eq!((e.field.as_deref(), e.offset), (Some("items[1].id"), Some(32)));
        let Error::Decode(e) = from_json::<T>(b"{\n  \"id\": 1,\n oops").unwrap_err() else { panic!() };
        assert_eq!(e.offset, Some(14)); // the `o` of `oops`
        assert!(from_json::<T>(b"{\"id\": 1} trailing").is_err());
        assert!(from_json::<serde_json::Value>(b"  ").is_ok());
    }

    string_enum! {
        /// A test enum.
        pub enum Color { /// red
            Red = "RED" }
    }

    #[test]
    fn string_enums_keep_unknown_values() {
        let c: Vec<Color> = serde_json::from_str(r#"["RED", "TEAL"]"#).unwrap();
        assert_eq!(c, [Color::Red, Color::Other("TEAL".into())]);
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"["RED","TEAL"]"#);
    }
}
