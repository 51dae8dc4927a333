//! Reading inputs with serde while knowing where a refusal happened.
//!
//! Every value kassa reads from outside (params, configs, function arguments, response and
//! webhook bodies) is read by a deserializer that reports [`InputError`]: serde's message plus the
//! path of keys and indexes from the input's root (`contractApproval.approvalDate`,
//! `creditorPayments[0].creditorIBAN`). The deserializer adds its key or index as an error travels
//! up through its map and sequence readers, so each type's visitor is compiled once per
//! deserializer; wrapping every visitor to track the path (as `serde_path_to_error` does) doubled
//! the code of every type, which the browser bundle paid for.
//!
//! - [`Json`] reads a [`serde_json::Value`] this way (the core's JSON inputs and bodies).
//! - A binding's own deserializer (Python objects, JS values) returns [`InputError`] and calls
//!   [`InputError::at_key`] / [`InputError::at_index`] in its map and sequence readers.
//!
//! Rust callers pass `&serde_json::Value` (or [`Json`]) wherever kassa takes params or a config.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// What kassa reads an input from: a JSON value (`&serde_json::Value`, [`Json`]), a binding's
/// host value (its own deserializer), or function [`Arguments`](crate::functions::Arguments).
/// Each hands over a serde deserializer that reports [`InputError`]s.
pub trait Input<'de> {
    /// The deserializer.
    type Deserializer: de::Deserializer<'de, Error = InputError>;
    /// Hands it over.
    fn into_deserializer(self) -> Self::Deserializer;
}

impl<'a> Input<'a> for &'a Value {
    type Deserializer = Json<'a>;
    fn into_deserializer(self) -> Json<'a> {
        Json(self)
    }
}

impl<'de> Input<'de> for Value {
    type Deserializer = OwnedJson;
    fn into_deserializer(self) -> OwnedJson {
        OwnedJson(self)
    }
}

impl<'a> Input<'a> for Json<'a> {
    type Deserializer = Json<'a>;
    fn into_deserializer(self) -> Json<'a> {
        self
    }
}

/// A refusal while reading an input: serde's message and where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    message: String,
    /// Innermost segment first (errors travel outwards).
    path: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl InputError {
    /// An error with `message` at the current position.
    pub fn new(message: impl fmt::Display) -> Self {
        InputError { message: message.to_string(), path: Vec::new() }
    }

    /// The same error, one map key further out: the value of `key` failed.
    #[must_use]
    pub fn at_key(mut self, key: &str) -> Self {
        self.path.push(Segment::Key(key.to_owned()));
        self
    }

    /// The same error, one sequence index further out: the element `index` failed.
    #[must_use]
    pub fn at_index(mut self, index: usize) -> Self {
        self.path.push(Segment::Index(index));
        self
    }

    /// serde's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The path from the root: keys joined by `.`, indexes as `[i]` (`a.b[0].c`); empty at the
    /// root.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path.is_empty() {
            true => f.write_str(&self.message),
            false => write!(f, "{}: {}", self.path(), self.message),
        }
    }
}

impl std::error::Error for InputError {}

impl de::Error for InputError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        InputError::new(msg)
    }

    /// serde's message ([`Unexpected`]'s text).
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        InputError::new(format_args!("invalid type: {}, expected {expected}", Unexpected(unexpected)))
    }

    /// serde's message ([`Unexpected`]'s text).
    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        InputError::new(format_args!("invalid value: {}, expected {expected}", Unexpected(unexpected)))
    }
}

/// serde's text of an unexpected value (`integer `5``, `string "x"`, ...), except a float:
/// `floating point number`, without its digits. Printing them (serde's own `Display`) links
/// Rust's float formatting, ~15 KB of every browser build that reads no float anywhere else, for
/// digits that the messages kassa reports leave out anyway (params errors never repeat a value).
struct Unexpected<'a>(de::Unexpected<'a>);

impl fmt::Display for Unexpected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use de::Unexpected as U;
        match self.0 {
            U::Bool(b) => write!(f, "boolean `{b}`"),
            U::Unsigned(i) => write!(f, "integer `{i}`"),
            U::Signed(i) => write!(f, "integer `{i}`"),
            U::Float(_) => f.write_str("floating point number"),
            U::Char(c) => write!(f, "character `{c}`"),
            U::Str(s) => write!(f, "string {s:?}"),
            U::Bytes(_) => f.write_str("byte array"),
            U::Unit => f.write_str("unit value"),
            U::Option => f.write_str("Option value"),
            U::NewtypeStruct => f.write_str("newtype struct"),
            U::Seq => f.write_str("sequence"),
            U::Map => f.write_str("map"),
            U::Enum => f.write_str("enum"),
            U::UnitVariant => f.write_str("unit variant"),
            U::NewtypeVariant => f.write_str("newtype variant"),
            U::TupleVariant => f.write_str("tuple variant"),
            U::StructVariant => f.write_str("struct variant"),
            U::Other(other) => f.write_str(other),
        }
    }
}

/// A JSON value read as serde input, with the path of a refusal ([`InputError`]). Reads as
/// `serde_json`'s own `&Value` deserializer does.
#[derive(Clone, Copy, Debug)]
pub struct Json<'a>(pub &'a Value);

type Result<T> = std::result::Result<T, InputError>;

impl<'de> de::Deserializer<'de> for Json<'de> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items { items: items.iter(), index: 0 }),
            Value::Object(map) => visitor.visit_map(Entries { entries: map.iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A struct from an object only, never from an array (serde_json would read one positionally):
    /// nothing kassa reads is positional, and each struct visitor's `visit_seq` and refusing
    /// defaults are then never compiled (a third of each type's code in the browser build).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries { entries: map.iter(), value: None }),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(map) if map.len() == 1 => visitor.visit_enum(Variant { map }),
            other => Err(de::Error::invalid_type(unexpected(other), &"a string or an object with one key")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// A JSON number as the integer it is, else as a float.
fn visit_number<'de, V: Visitor<'de>>(n: &serde_json::Number, visitor: V) -> Result<V::Value> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (_, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(Json(item)).map(Some).map_err(|e| e.at_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some((key, value));
        seed.deserialize(de::value::BorrowedStrDeserializer::<InputError>::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let (key, value) = self.value.take().ok_or_else(|| InputError::new("a value without its key"))?;
        seed.deserialize(Json(value)).map_err(|e| e.at_key(key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An externally tagged enum value: `{"Variant": content}`.
struct Variant<'a> {
    map: &'a Map<String, Value>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = InputError;
    type Variant = Content<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Content<'de>)> {
        let (key, value) = self.map.iter().next().ok_or_else(|| InputError::new("an enum without its variant"))?;
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::<InputError>::new(key))?;
        Ok((variant, Content { key, value }))
    }
}

/// The content of an externally tagged variant.
struct Content<'a> {
    key: &'a str,
    value: &'a Value,
}

impl<'de> de::VariantAccess<'de> for Content<'de> {
    type Error = InputError;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(Json(self.value)).map_err(|e: InputError| e.at_key(self.key))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(Json(self.value)).map_err(|e| e.at_key(self.key))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(Json(self.value), visitor).map_err(|e| e.at_key(self.key))
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_map(Json(self.value), visitor).map_err(|e| e.at_key(self.key))
    }
}

/// An owned JSON value read as serde input, as [`Json`] reads a borrowed one (what
/// `Client::new(provider, json!({...}))` hands over).
#[derive(Clone, Debug)]
pub struct OwnedJson(pub Value);

impl<'de> de::Deserializer<'de> for OwnedJson {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visitor.visit_seq(OwnedItems { items: items.into_iter(), index: 0 }),
            Value::Object(map) => visitor.visit_map(OwnedEntries { entries: map.into_iter(), value: None }),
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => visit_number(&n, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A struct from an object only, as [`Json`] reads it.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(OwnedEntries { entries: map.into_iter(), value: None }),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(de::value::StringDeserializer::<InputError>::new(s)),
            Value::Object(map) if map.len() == 1 => {
                let (key, value) = map.into_iter().next().ok_or_else(|| InputError::new("an enum without its variant"))?;
                visitor.visit_enum(OwnedVariant { key, value })
            }
            other => Err(de::Error::invalid_type(unexpected(&other), &"a string or an object with one key")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct OwnedItems {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for OwnedItems {
    type Error = InputError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(OwnedJson(item)).map(Some).map_err(|e| e.at_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct OwnedEntries {
    entries: serde_json::map::IntoIter,
    value: Option<(String, Value)>,
}

impl<'de> MapAccess<'de> for OwnedEntries {
    type Error = InputError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let name = seed.deserialize(de::value::StrDeserializer::<InputError>::new(&key)).map(Some);
        self.value = Some((key, value));
        name
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let (key, value) = self.value.take().ok_or_else(|| InputError::new("a value without its key"))?;
        seed.deserialize(OwnedJson(value)).map_err(|e| e.at_key(&key))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct OwnedVariant {
    key: String,
    value: Value,
}

impl<'de> de::EnumAccess<'de> for OwnedVariant {
    type Error = InputError;
    type Variant = OwnedVariant;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, OwnedVariant)> {
        let variant = seed.deserialize(de::value::StrDeserializer::<InputError>::new(&self.key))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for OwnedVariant {
    type Error = InputError;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(OwnedJson(self.value)).map_err(|e: InputError| e.at_key(&self.key))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(OwnedJson(self.value)).map_err(|e| e.at_key(&self.key))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(OwnedJson(self.value), visitor).map_err(|e| e.at_key(&self.key))
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_map(OwnedJson(self.value), visitor).map_err(|e| e.at_key(&self.key))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        items: Vec<Inner>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        Plain,
        Sized(u8),
    }

    fn err(v: Value) -> (String, String) {
        let e = Outer::deserialize(Json(&v)).unwrap_err();
        (e.path(), e.message().to_owned())
    }

    #[test]
    fn refusals_name_the_path_of_keys_and_indexes() {
        let (path, message) = err(json!({"name": "a", "items": [{"count": 1}, {"count": "x"}]}));
        assert_eq!(path, "items[1].count");
        assert!(message.starts_with("invalid type: string \"x\", expected u32"), "{message}");
        let (path, message) = err(json!({"name": "a", "items": [{"count": 1.5}]}));
        assert_eq!((path.as_str(), message.as_str()), ("items[0].count", "invalid type: floating point number, expected u32"));
        assert_eq!(err(json!({"name": "a", "items": [], "extra": 1})).1.split(',').next(), Some("unknown field `extra`"));
        assert_eq!(err(json!({"items": []})), (String::new(), "missing field `name`".to_owned()));
        assert_eq!(err(json!({"name": "a", "items": [], "kind": {"Sized": -1}})).0, "kind.Sized");
        // A struct is never read from an array (serde_json's positional form).
        assert_eq!(err(json!(["a", []])), (String::new(), "invalid type: sequence, expected struct Outer".to_owned()));
    }

    #[test]
    fn owned_values_read_as_borrowed_ones() {
        let v = json!({"name": "a", "items": [{"count": 1}, {"count": -1}], "kind": {"Sized": 3}});
        let (borrowed, owned) = (Outer::deserialize(Json(&v)).unwrap_err(), Outer::deserialize(OwnedJson(v)).unwrap_err());
        assert_eq!((owned.path(), owned.message()), (borrowed.path(), borrowed.message()));
        assert_eq!(owned.path(), "items[1].count");
        let v = json!({"name": "a", "items": [{"count": 2}], "kind": {"Sized": 3}});
        let o = Outer::deserialize(OwnedJson(v)).unwrap();
        assert_eq!((o.name.as_str(), o.items[0].count, o.kind), ("a", 2, Some(Kind::Sized(3))));
        assert_eq!(Option::<u8>::deserialize(OwnedJson(json!(null))).unwrap(), None);
        assert_eq!(String::deserialize(OwnedJson(json!("x"))).unwrap(), "x");
    }

    #[test]
    fn reads_as_serde_json_reads_a_value() {
        let v = json!({"name": "a", "items": [{"count": 7}], "kind": "Plain"});
        let o = Outer::deserialize(Json(&v)).unwrap();
        assert_eq!((o.name.as_str(), o.items[0].count, o.kind), ("a", 7, Some(Kind::Plain)));
        let v = json!({"name": "a", "items": [], "kind": {"Sized": 3}, });
        assert_eq!(Outer::deserialize(Json(&v)).unwrap().kind, Some(Kind::Sized(3)));
        assert_eq!(Option::<u8>::deserialize(Json(&Value::Null)).unwrap(), None);
        assert_eq!(f64::deserialize(Json(&json!(1.5))).unwrap(), 1.5);
        assert_eq!(i64::deserialize(Json(&json!(-3))).unwrap(), -3);
    }
}
