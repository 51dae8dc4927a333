//! [`De`]: a JavaScript value as a serde `Deserializer`, with kassa's rules (crate docs).

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use kassa::input::InputError as DeError;

use crate::{Host, Shape};

fn convert_error(message: impl std::fmt::Display) -> DeError {
    DeError::new(message)
}

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

    /// What to visit, decided once for every visitor (the visitor-generic part stays small).
    /// `text`: only a string is accepted, else a type error expecting it.
    fn next(self, text: Option<&dyn de::Expected>) -> Result<Next<H>> {
        if self.depth > MAX_DEPTH {
            return Err(convert_error(format!("nested deeper than {MAX_DEPTH} levels (a cycle?)")));
        }
        let h = self.host;
        Ok(match h.shape(&self.value)? {
            Shape::Undefined | Shape::Null if self.empty_if_absent => Next::Map(Entries { de: self, keys: Vec::new().into_iter(), value: None }),
            Shape::Str(s) => Next::Str(s),
            _ if text.is_some() => return Err(de::Error::invalid_type(self.unexpected()?, text.unwrap_or(&"a string"))),
            Shape::Undefined | Shape::Null => Next::Unit,
            Shape::Bool(b) => Next::Bool(b),
            // Named as JavaScript prints them (Rust's float formatting is not linked for this).
            Shape::Number(n) if !n.is_finite() => {
                let n = if n.is_nan() { "NaN" } else if n > 0.0 { "Infinity" } else { "-Infinity" };
                return Err(convert_error(format!("{n} is not a finite number")));
            }
            // -0 included; a number beyond 2^53 may already have lost digits: a float.
            Shape::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => match n >= 0.0 {
                true => Next::U64(n as u64),
                false => Next::I64(n as i64),
            },
            Shape::Number(n) => Next::F64(n),
            Shape::BigInt(Some(n)) if i64::try_from(n).is_ok() => Next::I64(n as i64),
            Shape::BigInt(Some(n)) if u64::try_from(n).is_ok() => Next::U64(n as u64),
            Shape::BigInt(_) => return Err(convert_error("the bigint is outside the 64-bit integer range")),
            Shape::Bytes(bytes) => Next::Bytes(bytes),
            Shape::Seq(items) => Next::Seq(Items { de: self, items: items.into_iter(), index: 0 }),
            Shape::Object => {
                let keys = h.keys(&self.value)?;
                match keys.is_empty().then(|| h.items(&self.value)).transpose()?.flatten() {
                    Some(items) => Next::Seq(Items { de: self, items: items.into_iter(), index: 0 }),
                    None => Next::Map(Entries { de: self, keys: keys.into_iter(), value: None }),
                }
            }
            Shape::Refused("Date") => return Err(convert_error("a Date is not accepted: give it as an ISO 8601 string")),
            Shape::Refused(what) => return Err(convert_error(format!("a {what} is not accepted (expected JSON-like data)"))),
        })
    }

    fn read<'de, V: Visitor<'de>>(self, visitor: V, text: bool) -> Result<V::Value> {
        let next = self.next(text.then_some(&visitor as &dyn de::Expected))?;
        visit(next, visitor)
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

/// Whatever the core reads from JavaScript (params, configs, options, responses) is read by [`De`].
impl<'de, H: Host> kassa::input::Input<'de> for De<H> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
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
        match kassa::functions::Argument::is_absent(&self) {
            true => visitor.visit_none(),
            false => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A unit variant by its name; any other shape is refused.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.next(None)? {
            Next::Str(s) => visitor.visit_enum(s.into_deserializer()),
            next => Err(next.refused(&visitor)),
        }
    }

    /// A struct from an object only (an array is refused: nothing kassa reads is positional).
    /// Its visitor's other methods (serde-derive's `visit_seq`, the refusing defaults) are
    /// then never called, so never compiled: a third of each params type's code.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.next(None)? {
            Next::Map(entries) => visitor.visit_map(entries),
            next => Err(next.refused(&visitor)),
        }
    }

    /// Never walks into a value nobody reads (it may be cyclic).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct seq tuple
        tuple_struct map identifier
    }
}

fn visit<'de, H: Host, V: Visitor<'de>>(next: Next<H>, visitor: V) -> Result<V::Value> {
    match next {
        Next::Unit => visitor.visit_unit(),
        Next::Bool(b) => visitor.visit_bool(b),
        Next::U64(n) => visitor.visit_u64(n),
        Next::I64(n) => visitor.visit_i64(n),
        Next::F64(n) => visitor.visit_f64(n),
        Next::Str(s) => visitor.visit_string(s),
        Next::Bytes(b) => visitor.visit_byte_buf(b),
        Next::Seq(items) => visitor.visit_seq(items),
        Next::Map(entries) => visitor.visit_map(entries),
    }
}

/// What a value is visited as.
enum Next<H: Host> {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Bytes(Vec<u8>),
    Seq(Items<H>),
    Map(Entries<H>),
}

impl<H: Host> Next<H> {
    /// The type error of a visitor expecting something else (what its default `visit_*` methods
    /// say), written once for every visitor.
    fn refused(self, expected: &dyn de::Expected) -> DeError {
        let unexpected = match &self {
            Next::Unit => Unexpected::Unit,
            Next::Bool(b) => Unexpected::Bool(*b),
            Next::U64(n) => Unexpected::Unsigned(*n),
            Next::I64(n) => Unexpected::Signed(*n),
            Next::F64(n) => Unexpected::Float(*n),
            Next::Str(s) => Unexpected::Str(s),
            Next::Bytes(b) => Unexpected::Bytes(b),
            Next::Seq(_) => Unexpected::Seq,
            Next::Map(_) => Unexpected::Map,
        };
        de::Error::invalid_type(unexpected, expected)
    }
}

/// An array's (or an iterable's) items.
struct Items<H: Host> {
    de: De<H>,
    items: std::vec::IntoIter<H::Value>,
    index: usize,
}

impl<'de, H: Host> SeqAccess<'de> for Items<H> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(self.de.child(item)).map(Some).map_err(|e| e.at_index(index))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's own enumerable keys and their values; `undefined` members are left out.
struct Entries<H: Host> {
    de: De<H>,
    keys: std::vec::IntoIter<String>,
    value: Option<(String, H::Value)>,
}

impl<H: Host> Entries<H> {
    /// The next key whose value is not `undefined` (both kept for `next_value_seed`).
    fn advance(&mut self) -> Result<Option<&str>> {
        for key in self.keys.by_ref() {
            let value = self.de.host.get(&self.de.value, &key)?;
            if !self.de.host.is_undefined(&value) {
                return Ok(Some(&self.value.insert((key, value)).0));
            }
        }
        Ok(None)
    }
}

impl<'de, H: Host> MapAccess<'de> for Entries<H> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        self.advance()?.map(|key| seed.deserialize(de::value::StrDeserializer::<DeError>::new(key))).transpose()
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let (key, value) = self.value.take().ok_or_else(|| convert_error("a value without its key"))?;
        seed.deserialize(self.de.child(value)).map_err(|e| e.at_key(&key))
    }
}
