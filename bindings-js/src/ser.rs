//! [`Ser`]: the core's outputs as JavaScript values, and [`Out`], the [`kassa::Sink`] that uses it.

use serde::ser::{self, Impossible, Serialize};

use crate::{convert_error, ConvertError as SerError, Host};

type Result<T> = std::result::Result<T, SerError>;

/// The [`kassa::Sink`] of both bindings: an output becomes a JavaScript value.
#[derive(Clone, Copy)]
pub struct Out<H>(pub H);

impl<H: Host> kassa::Sink for Out<H> {
    type Ok = std::result::Result<H::Value, kassa::Error>;

    fn emit<T: Serialize + ?Sized>(self, value: &T) -> Self::Ok {
        value.serialize(Ser(self.0)).map_err(|e| kassa::Error::decode("", e.to_string()))
    }
}

/// The serializer: strings, booleans, floats as numbers, `None` and unit as `null`, bytes as a
/// `Uint8Array`, sequences as arrays, structs and maps as plain objects (keys in field order),
/// unit and newtype variants in serde's externally tagged form (kassa's outputs have no tuple or
/// struct variants); integers as [`Ser::int`] says.
#[derive(Clone, Copy)]
pub struct Ser<H>(pub H);

impl<H: Host> Ser<H> {
    /// THE integer policy of every output: a `bigint` (every integer kassa outputs is 64-bit, and
    /// an id above 2^53 must arrive exactly). The later switch of small integers to `number`
    /// happens here.
    fn int(self, n: i128) -> Result<H::Value> {
        Ok(self.0.bigint(n)?)
    }
}

macro_rules! ints {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<H::Value> {
            self.int(v.into())
        }
    )*};
}

fn unsupported<T>(what: &str) -> Result<T> {
    Err(convert_error(format!("a {what} variant cannot be converted")))
}

impl<H: Host> ser::Serializer for Ser<H> {
    type Ok = H::Value;
    type Error = SerError;
    type SerializeSeq = Array<H>;
    type SerializeTuple = Array<H>;
    type SerializeTupleStruct = Array<H>;
    type SerializeTupleVariant = Impossible<H::Value, SerError>;
    type SerializeMap = Object<H>;
    type SerializeStruct = Object<H>;
    type SerializeStructVariant = Impossible<H::Value, SerError>;

    ints!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
          serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_u128(self, v: u128) -> Result<H::Value> {
        self.int(i128::try_from(v).map_err(|_| convert_error("an integer beyond 127 bits"))?)
    }
    fn serialize_bool(self, v: bool) -> Result<H::Value> {
        Ok(self.0.boolean(v)?)
    }
    fn serialize_f32(self, v: f32) -> Result<H::Value> {
        Ok(self.0.number(v.into())?)
    }
    fn serialize_f64(self, v: f64) -> Result<H::Value> {
        Ok(self.0.number(v)?)
    }
    fn serialize_char(self, v: char) -> Result<H::Value> {
        Ok(self.0.string(v.encode_utf8(&mut [0; 4]))?)
    }
    fn serialize_str(self, v: &str) -> Result<H::Value> {
        Ok(self.0.string(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<H::Value> {
        Ok(self.0.bytes(v)?)
    }
    fn serialize_none(self) -> Result<H::Value> {
        Ok(self.0.null()?)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<H::Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<H::Value> {
        Ok(self.0.null()?)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<H::Value> {
        Ok(self.0.null()?)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<H::Value> {
        Ok(self.0.string(variant)?)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<H::Value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, variant: &'static str, value: &T) -> Result<H::Value> {
        let (object, inner) = (self.0.object()?, value.serialize(self)?);
        self.0.set(&object, variant, inner)?;
        Ok(object)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Array<H>> {
        Ok(Array { to: self, items: Vec::with_capacity(len.unwrap_or(0).min(1 << 16)) })
    }
    fn serialize_tuple(self, len: usize) -> Result<Array<H>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<H>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant> {
        unsupported("tuple")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object<H>> {
        Ok(Object { to: self, object: self.0.object()?, key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<H>> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant> {
        unsupported("struct")
    }
}

/// An array being filled.
pub struct Array<H: Host> {
    to: Ser<H>,
    items: Vec<H::Value>,
}

macro_rules! seq_impls {
    ($($trait:ident::$method:ident),*) => {$(
        impl<H: Host> ser::$trait for Array<H> {
            type Ok = H::Value;
            type Error = SerError;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.items.push(value.serialize(self.to)?);
                Ok(())
            }
            fn end(self) -> Result<H::Value> {
                Ok(self.to.0.array(self.items)?)
            }
        }
    )*};
}

seq_impls!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);

/// An object being filled.
pub struct Object<H: Host> {
    to: Ser<H>,
    object: H::Value,
    key: Option<String>,
}

impl<H: Host> Object<H> {
    fn put<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let value = value.serialize(self.to)?;
        Ok(self.to.0.set(&self.object, key, value)?)
    }
}

impl<H: Host> ser::SerializeMap for Object<H> {
    type Ok = H::Value;
    type Error = SerError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key = Some(match serde_json::to_value(key).map_err(|e| convert_error(e.to_string()))? {
            serde_json::Value::String(s) => s,
            other @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => other.to_string(),
            _ => return Err(convert_error("a map key must be a string")),
        });
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| convert_error("a map value without its key"))?;
        self.put(&key, value)
    }
    fn end(self) -> Result<H::Value> {
        Ok(self.object)
    }
}

impl<H: Host> ser::SerializeStruct for Object<H> {
    type Ok = H::Value;
    type Error = SerError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.put(key, value)
    }
    fn end(self) -> Result<H::Value> {
        Ok(self.object)
    }
}
