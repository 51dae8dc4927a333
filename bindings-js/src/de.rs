//! [`De`]: a JavaScript value as a serde `Deserializer`, with kassa's rules (crate docs).

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use crate::{ConvertError as DeError, Host, Shape};

/// How deep a value may nest; deeper is refused (it is a cycle, or nothing kassa reads).
pub const MAX_DEPTH: usize = 128;

/// The largest integer a `number` holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

type Result<T> = std::result::Result<T, DeError>;


/// One JavaScript value, read by the core's serde types. Also the core's
/// [`Argument`](kassa::functions::Argument) of a function call (`undefined`/`null`: not given).
pub struct De<H: Host> {
    host: H,
    value: H::Value,
    depth: usize,
    /// `undefined`/`null` read as `{}` (params, configs and options objects).
    empty_if_absent: bool,
}

impl<H: Host> De<H> {
    /// A value.
    pub fn new(host: H, value: &H::Value) -> Self {
        De { host, value: value.clone(), depth: 0, empty_if_absent: false }
    }

    /// A params, config or options object: `undefined` and `null` mean `{}`.
    pub fn params(host: H, value: &H::Value) -> Self {
        De { empty_if_absent: true, ..De::new(host, value) }
    }

    fn child(&self, value: H::Value) -> Self {
        De { host: self.host, value, depth: self.depth + 1, empty_if_absent: false }
    }

    fn read<'de, V: Visitor<'de>>(self, visitor: V, only_text: bool) -> Result<V::Value> {
        if self.depth > MAX_DEPTH {
            return Err(DeError::new(format!("nested deeper than {MAX_DEPTH} levels (a cycle?)")));
        }
        let h = self.host;
        match h.shape(&self.value)? {
            Shape::Undefined | Shape::Null if self.empty_if_absent => visitor.visit_map(Entries::<H> {
                de: self,
                keys: Vec::new().into_iter(),
                value: None,
            }),
            Shape::Str(s) => visitor.visit_string(s),
            _ if only_text => Err(de::Error::invalid_type(self.unexpected()?, &visitor)),
            Shape::Undefined | Shape::Null => visitor.visit_unit(),
            Shape::Bool(b) => visitor.visit_bool(b),
            Shape::Number(n) if !n.is_finite() => Err(DeError::new(format!("{n} is not a finite number"))),
            // -0 included; a number beyond 2^53 may already have lost digits: a float.
            Shape::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => match n >= 0.0 {
                true => visitor.visit_u64(n as u64),
                false => visitor.visit_i64(n as i64),
            },
            Shape::Number(n) => visitor.visit_f64(n),
            Shape::BigInt(Some(n)) if i64::try_from(n).is_ok() => visitor.visit_i64(n as i64),
            Shape::BigInt(Some(n)) if u64::try_from(n).is_ok() => visitor.visit_u64(n as u64),
            Shape::BigInt(_) => Err(DeError::new("the bigint is outside the 64-bit integer range")),
            Shape::Bytes(bytes) => visitor.visit_byte_buf(bytes),
            Shape::Seq(items) => visitor.visit_seq(Items { de: self, items: items.into_iter() }),
            Shape::Object => {
                let keys = h.keys(&self.value)?;
                if keys.is_empty() {
                    if let Some(items) = h.items(&self.value)? {
                        return visitor.visit_seq(Items { de: self, items: items.into_iter() });
                    }
                }
                visitor.visit_map(Entries { de: self, keys: keys.into_iter(), value: None })
            }
            Shape::Refused("Date") => Err(DeError::new("a Date is not accepted: give it as an ISO 8601 string")),
            Shape::Refused(what) => Err(DeError::new(format!("a {what} is not accepted (expected JSON-like data)"))),
        }
    }

    /// The value's kind for a type error.
    fn unexpected(&self) -> Result<Unexpected<'static>> {
        Ok(match self.host.shape(&self.value)? {
            Shape::Undefined | Shape::Null => Unexpected::Unit,
            Shape::Bool(b) => Unexpected::Bool(b),
            Shape::Number(n) if n.fract() == 0.0 => Unexpected::Signed(n as i64),
            Shape::Number(n) => Unexpected::Float(n),
            Shape::BigInt(_) => Unexpected::Other("bigint"),
            Shape::Bytes(_) => Unexpected::Other("bytes"),
            Shape::Seq(_) => Unexpected::Seq,
            Shape::Str(_) => Unexpected::Other("string"),
            Shape::Object => Unexpected::Map,
            Shape::Refused(what) => Unexpected::Other(what),
        })
    }
}

impl<'de, H: Host> kassa::functions::Argument<'de> for De<H> {
    type Deserializer = Self;
    fn is_absent(&self) -> bool {
        self.host.is_undefined(&self.value) || self.host.is_null(&self.value)
    }
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, H: Host> de::Deserializer<'de> for De<H> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.read(visitor, false)
    }

    /// Only a string is text: bytes are refused (serde's `String` would take UTF-8 bytes).
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.read(visitor, true)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.read(visitor, true)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.host.shape(&self.value)? {
            Shape::Undefined | Shape::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant by its name; any other shape is refused by the visitor.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.host.shape(&self.value)? {
            Shape::Str(s) => visitor.visit_enum(s.into_deserializer()),
            _ => self.read(visitor, false),
        }
    }

    /// Never walks into a value nobody reads (it may be cyclic).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier
    }
}

/// An array's (or an iterable's) items.
struct Items<H: Host> {
    de: De<H>,
    items: std::vec::IntoIter<H::Value>,
}

impl<'de, H: Host> SeqAccess<'de> for Items<H> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.items.next().map(|item| seed.deserialize(self.de.child(item))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's own enumerable keys and their values; `undefined` members are left out.
struct Entries<H: Host> {
    de: De<H>,
    keys: std::vec::IntoIter<String>,
    value: Option<H::Value>,
}

impl<'de, H: Host> MapAccess<'de> for Entries<H> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        for key in self.keys.by_ref() {
            let value = self.de.host.get(&self.de.value, &key)?;
            if !self.de.host.is_undefined(&value) {
                self.value = Some(value);
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = self.value.take().ok_or_else(|| DeError::new("a value without its key"))?;
        seed.deserialize(self.de.child(value))
    }
}
