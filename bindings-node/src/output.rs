//! Typed outputs of the core to JavaScript values, through a serde [`Serializer`] that writes
//! Node-API values directly ([`NapiSink`], a [`kassa::Sink`]).
//!
//! Every integer becomes a `bigint` (all integers in kassa outputs are 64-bit, and an id above 2^53
//! must survive exactly); floats become numbers, strings strings, `None`/unit `null`, bytes a
//! `Uint8Array`, structs and maps plain objects (keys in field order), sequences arrays, and enum
//! variants serde's externally tagged form.

use std::fmt;

use serde::ser::{self, Serialize, Serializer};

use crate::js::{Js, Raw};

/// A [`kassa::Sink`] that yields a JavaScript value.
pub(crate) struct NapiSink(pub(crate) Js);

impl kassa::Sink for NapiSink {
    type Ok = std::result::Result<Raw, kassa::Error>;

    fn emit<T: Serialize>(self, value: &T) -> Self::Ok {
        // Our serializer fails only when Node-API does (out of memory); report it like the core's
        // own JsonSink reports a failed conversion.
        value.serialize(ToJs(self.0)).map_err(|e| kassa::Error::decode("", e.0))
    }
}

/// A failed conversion.
#[derive(Debug)]
pub(crate) struct ConvertError(String);

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConvertError {}

impl ser::Error for ConvertError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ConvertError(msg.to_string())
    }
}

impl From<napi::Error> for ConvertError {
    fn from(e: napi::Error) -> Self {
        ConvertError(format!("Node-API: {e}"))
    }
}

type Result<T> = std::result::Result<T, ConvertError>;

/// The serializer: one JavaScript value per serde value.
#[derive(Clone, Copy)]
struct ToJs(Js);

impl ToJs {
    /// `{variant: value}`, serde's externally tagged enum form.
    fn tagged(self, variant: &str, value: Raw) -> Result<Raw> {
        let object = self.0.object()?;
        self.0.set(object, variant, value)?;
        Ok(object)
    }
}

impl Serializer for ToJs {
    type Ok = Raw;
    type Error = ConvertError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Tagged<Seq>;
    type SerializeMap = Obj;
    type SerializeStruct = Obj;
    type SerializeStructVariant = Tagged<Obj>;

    fn serialize_bool(self, v: bool) -> Result<Raw> {
        Ok(self.0.boolean(v)?)
    }
    fn serialize_i8(self, v: i8) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_i16(self, v: i16) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_i32(self, v: i32) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_i64(self, v: i64) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_i128(self, v: i128) -> Result<Raw> {
        Ok(self.0.bigint(v)?)
    }
    fn serialize_u8(self, v: u8) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_u16(self, v: u16) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_u32(self, v: u32) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_u64(self, v: u64) -> Result<Raw> {
        Ok(self.0.bigint(v.into())?)
    }
    fn serialize_u128(self, v: u128) -> Result<Raw> {
        Ok(self.0.bigint_u128(v)?)
    }
    fn serialize_f32(self, v: f32) -> Result<Raw> {
        Ok(self.0.number(v.into())?)
    }
    fn serialize_f64(self, v: f64) -> Result<Raw> {
        Ok(self.0.number(v)?)
    }
    fn serialize_char(self, v: char) -> Result<Raw> {
        Ok(self.0.string(v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_str(self, v: &str) -> Result<Raw> {
        Ok(self.0.string(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Raw> {
        Ok(self.0.uint8_array(v)?)
    }
    fn serialize_none(self) -> Result<Raw> {
        Ok(self.0.null()?)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Raw> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Raw> {
        Ok(self.0.null()?)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Raw> {
        Ok(self.0.null()?)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Raw> {
        Ok(self.0.string(variant)?)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<Raw> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Raw> {
        let inner = value.serialize(self)?;
        self.tagged(variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq> {
        Ok(Seq { to: self, array: self.0.array(len.unwrap_or(0))?, next: 0 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tagged<Seq>> {
        Ok(Tagged { variant, inner: self.serialize_seq(Some(len))? })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Obj> {
        Ok(Obj { to: self, object: self.0.object()?, key: None })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Obj> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tagged<Obj>> {
        Ok(Tagged { variant, inner: self.serialize_map(Some(len))? })
    }
}

/// An array being filled.
struct Seq {
    to: ToJs,
    array: Raw,
    next: u32,
}

impl Seq {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let item = value.serialize(self.to)?;
        self.to.0.set_element(self.array, self.next, item)?;
        self.next += 1;
        Ok(())
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Raw> {
        Ok(self.array)
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Raw> {
        Ok(self.array)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.push(value)
    }
    fn end(self) -> Result<Raw> {
        Ok(self.array)
    }
}

/// An object being filled.
struct Obj {
    to: ToJs,
    object: Raw,
    key: Option<String>,
}

impl Obj {
    fn put<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let value = value.serialize(self.to)?;
        Ok(self.to.0.set(self.object, key, value)?)
    }
}

/// A map key as the string JavaScript uses for a property name.
fn key_string<T: ?Sized + Serialize>(key: &T) -> Result<String> {
    match serde_json::to_value(key).map_err(|e| ConvertError(e.to_string()))? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Number(n) => Ok(n.to_string()),
        serde_json::Value::Bool(b) => Ok(b.to_string()),
        other => Err(ConvertError(format!("a map key must be a string, got {other}"))),
    }
}

impl ser::SerializeMap for Obj {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key_string(key)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| ConvertError("a map value without its key".into()))?;
        self.put(&key, value)
    }
    fn end(self) -> Result<Raw> {
        Ok(self.object)
    }
}

impl ser::SerializeStruct for Obj {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.put(key, value)
    }
    fn end(self) -> Result<Raw> {
        Ok(self.object)
    }
}

/// A tuple or struct variant: the inner value wrapped as `{variant: inner}` at the end.
struct Tagged<I> {
    variant: &'static str,
    inner: I,
}

impl ser::SerializeTupleVariant for Tagged<Seq> {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.inner.push(value)
    }
    fn end(self) -> Result<Raw> {
        self.inner.to.tagged(self.variant, self.inner.array)
    }
}

impl ser::SerializeStructVariant for Tagged<Obj> {
    type Ok = Raw;
    type Error = ConvertError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.inner.put(key, value)
    }
    fn end(self) -> Result<Raw> {
        self.inner.to.tagged(self.variant, self.inner.object)
    }
}
