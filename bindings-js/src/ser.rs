//! [`Ser`]: the core's outputs as JavaScript values, and [`Out`], the [`kassa::Sink`] that uses it.

use std::cell::Cell;

use kassa::wire::{ID_NEWTYPE, SECRET_NEWTYPE};
use serde::ser::{self, Impossible, Serialize};

use crate::{Host, Thrown};

type Result<T> = std::result::Result<T, SerError>;

/// The largest integer a `number` holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u128 = 9_007_199_254_740_991;

/// A failed conversion of an output, and where in it (`a.b[0]`).
#[derive(Debug)]
pub struct SerError {
    path: Vec<String>,
    message: String,
}

impl std::fmt::Display for SerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        SerError { path: Vec::new(), message: message.to_string() }
    }
}

impl From<Thrown> for SerError {
    fn from(_: Thrown) -> Self {
        ser::Error::custom("a JavaScript exception was thrown (or the engine failed) while making a value")
    }
}

impl SerError {
    /// The error one level further out: at `segment` (`key` or `[i]`) of the parent.
    fn at(mut self, segment: String) -> Self {
        self.path.push(segment);
        self
    }

    /// The path, outermost first: `a.b[0].c`.
    fn field(&self) -> String {
        let mut field = String::new();
        for segment in self.path.iter().rev() {
            if !field.is_empty() && !segment.starts_with('[') {
                field.push('.');
            }
            field.push_str(segment);
        }
        field
    }
}

/// The [`kassa::Sink`] of both bindings: an output becomes a JavaScript value; a value JavaScript
/// cannot hold exactly is a decode error naming its field.
#[derive(Clone, Copy)]
pub struct Out<H>(pub H);

impl<H: Host> kassa::Sink for Out<H> {
    type Ok = std::result::Result<H::Value, kassa::Error>;

    fn emit<T: Serialize + ?Sized>(self, value: &T) -> Self::Ok {
        value.serialize(Ser { h: self.0, id: false, typed: false, mark: None }).map_err(|e| kassa::Error::decode(e.field(), e.message))
    }
}

/// What a value written into a parent's slot was marked as by the core ([`kassa::wire::id`],
/// [`kassa::wire::secret`]): its parent remembers ids and secrets for `toJSON` and `util.inspect`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Id,
    Secret,
}

/// The serializer: strings, booleans, floats as numbers, `None` and unit as `null`, bytes as a
/// `Uint8Array`, sequences as arrays, structs and maps as plain objects (keys in field order),
/// unit and newtype variants in serde's externally tagged form (kassa's outputs have no tuple or
/// struct variants); integers as [`Ser::int`] says. An object or array holding an id or a secret
/// is handed to the facade's `protect` ([`Host::protect`]).
#[derive(Clone, Copy)]
pub struct Ser<'a, H> {
    h: H,
    /// Inside [`ID_NEWTYPE`]: the integer is an id.
    id: bool,
    /// A field of a struct (a typed field, which the declarations type); else an entry of a map
    /// or a list, or a whole output: free-form JSON (`unknown` in the declarations) or a list.
    typed: bool,
    /// Where to say what the value was marked as.
    mark: Option<&'a Cell<Mark>>,
}

impl<H: Host> Ser<'_, H> {
    /// THE integer policy of every output: an id (the core marks them, [`ID_NEWTYPE`]) is a
    /// `bigint`, exact at any size; every other integer (amounts in cents, counts, statuses) is a
    /// `number`. One a `number` cannot hold exactly (beyond ±(2^53 − 1)) is never rounded: in a
    /// typed field it is refused, naming the field (the declarations say `number`); in free-form
    /// JSON (a provider's body kept as sent, typed `unknown`) it is a `bigint`, and its container
    /// JSON-safe like an id's.
    fn int(self, n: i128) -> Result<H::Value> {
        if n.unsigned_abs() <= MAX_SAFE_INTEGER && !self.id {
            return Ok(self.h.number(n as f64)?);
        }
        if self.typed && !self.id {
            return Err(fail("an integer beyond what a JavaScript number holds exactly (2^53 - 1): kassa does not round it"));
        }
        if let Some(slot) = self.mark {
            slot.set(Mark::Id);
        }
        Ok(self.h.bigint(n)?)
    }

    fn child<'b>(self, typed: bool, mark: &'b Cell<Mark>) -> Ser<'b, H> {
        Ser { h: self.h, id: false, typed, mark: Some(mark) }
    }
}

macro_rules! ints {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<H::Value> {
            self.int(v.into())
        }
    )*};
}

fn fail(message: impl std::fmt::Display) -> SerError {
    ser::Error::custom(message)
}

fn unsupported<T>(what: &str) -> Result<T> {
    Err(fail(format!("a {what} variant cannot be converted")))
}

impl<'a, H: Host> ser::Serializer for Ser<'a, H> {
    type Ok = H::Value;
    type Error = SerError;
    type SerializeSeq = Array<'a, H>;
    type SerializeTuple = Array<'a, H>;
    type SerializeTupleStruct = Array<'a, H>;
    type SerializeTupleVariant = Impossible<H::Value, SerError>;
    type SerializeMap = Object<'a, H>;
    type SerializeStruct = Object<'a, H>;
    type SerializeStructVariant = Impossible<H::Value, SerError>;

    ints!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
          serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_u128(self, v: u128) -> Result<H::Value> {
        self.int(i128::try_from(v).map_err(|_| fail("an integer beyond 127 bits"))?)
    }
    fn serialize_bool(self, v: bool) -> Result<H::Value> {
        Ok(self.h.boolean(v)?)
    }
    fn serialize_f32(self, v: f32) -> Result<H::Value> {
        Ok(self.h.number(v.into())?)
    }
    fn serialize_f64(self, v: f64) -> Result<H::Value> {
        Ok(self.h.number(v)?)
    }
    fn serialize_char(self, v: char) -> Result<H::Value> {
        Ok(self.h.string(v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_str(self, v: &str) -> Result<H::Value> {
        Ok(self.h.string(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<H::Value> {
        Ok(self.h.bytes(v)?)
    }
    fn serialize_none(self) -> Result<H::Value> {
        Ok(self.h.null()?)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<H::Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<H::Value> {
        Ok(self.h.null()?)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<H::Value> {
        Ok(self.h.null()?)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<H::Value> {
        Ok(self.h.string(variant)?)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, value: &T) -> Result<H::Value> {
        let mark = match name {
            ID_NEWTYPE => Mark::Id,
            SECRET_NEWTYPE => Mark::Secret,
            _ => return value.serialize(self),
        };
        if let Some(slot) = self.mark {
            slot.set(mark);
        }
        value.serialize(Ser { id: mark == Mark::Id, ..self })
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, variant: &'static str, value: &T) -> Result<H::Value> {
        let mut object = Object { to: self, object: self.h.object()?, typed: true, key: None, ids: false, secrets: Vec::new() };
        ser::SerializeStruct::serialize_field(&mut object, variant, value)?;
        ser::SerializeStruct::end(object)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Array<'a, H>> {
        Ok(Array { to: self, items: Vec::with_capacity(len.unwrap_or(0).min(1 << 16)), ids: false })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<'a, H>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<'a, H>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant> {
        unsupported("tuple")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a, H>> {
        Ok(Object { to: self, object: self.h.object()?, typed: false, key: None, ids: false, secrets: Vec::new() })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'a, H>> {
        Ok(Object { typed: true, ..self.serialize_map(None)? })
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant> {
        unsupported("struct")
    }
}

/// An array being filled.
pub struct Array<'a, H: Host> {
    to: Ser<'a, H>,
    items: Vec<H::Value>,
    ids: bool,
}

macro_rules! seq_impls {
    ($($trait:ident::$method:ident),*) => {$(
        impl<H: Host> ser::$trait for Array<'_, H> {
            type Ok = H::Value;
            type Error = SerError;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                let mark = Cell::new(Mark::Plain);
                let item = value.serialize(self.to.child(false, &mark)).map_err(|e| e.at(format!("[{}]", self.items.len())))?;
                self.ids |= mark.get() == Mark::Id;
                self.items.push(item);
                Ok(())
            }
            fn end(self) -> Result<H::Value> {
                let array = self.to.h.array(self.items)?;
                if self.ids {
                    self.to.h.protect(&array, &[])?;
                }
                Ok(array)
            }
        }
    )*};
}

seq_impls!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);

/// An object being filled (`typed`: a struct's fields, not a map's entries), and the keys of the
/// ids and secrets it holds.
pub struct Object<'a, H: Host> {
    to: Ser<'a, H>,
    object: H::Value,
    typed: bool,
    key: Option<String>,
    ids: bool,
    secrets: Vec<String>,
}

impl<H: Host> Object<'_, H> {
    fn put<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let mark = Cell::new(Mark::Plain);
        let value = value.serialize(self.to.child(self.typed, &mark)).map_err(|e| e.at(key.to_owned()))?;
        match mark.get() {
            Mark::Id => self.ids = true,
            Mark::Secret => self.secrets.push(key.to_owned()),
            Mark::Plain => {}
        }
        Ok(self.to.h.set(&self.object, key, value)?)
    }

    fn done(self) -> Result<H::Value> {
        if self.ids || !self.secrets.is_empty() {
            let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
            self.to.h.protect(&self.object, &secrets)?;
        }
        Ok(self.object)
    }
}

impl<H: Host> ser::SerializeMap for Object<'_, H> {
    type Ok = H::Value;
    type Error = SerError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key = Some(match serde_json::to_value(key).map_err(fail)? {
            serde_json::Value::String(s) => s,
            other @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => other.to_string(),
            _ => return Err(ser::Error::custom("a map key must be a string")),
        });
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| fail("a map value without its key"))?;
        self.put(&key, value)
    }
    fn end(self) -> Result<H::Value> {
        self.done()
    }
}

impl<H: Host> ser::SerializeStruct for Object<'_, H> {
    type Ok = H::Value;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.put(key, value)
    }
    fn end(self) -> Result<H::Value> {
        self.done()
    }
}
