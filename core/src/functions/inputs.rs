//! Loose scalars: arguments whose wrong shapes a function refuses with its own error code
//! (`epc_amount_type` for a float amount) instead of a generic type error.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// A scalar kept as it came, so that a function can refuse a wrong shape with its own code and
/// message (a float where a decimal string belongs is `epc_amount_type`, not a generic type error).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Scalar {
    /// Text.
    Text(String),
    /// A whole number that fits an `i64`.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// A number with a fraction (or any float).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// Anything else (a list, a map, bytes).
    Other(&'static str),
}

impl Scalar {
    /// What kind of value it is, in words: `a string`, `an integer`, `a float`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Scalar::Text(_) => "a string",
            Scalar::Int(_) | Scalar::UInt(_) => "an integer",
            Scalar::Float(_) => "a float",
            Scalar::Bool(_) => "a boolean",
            Scalar::Other(kind) => kind,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::UInt(v), Scalar::Int))
            }
            fn visit_i128<E: de::Error>(self, _: i128) -> Result<Scalar, E> {
                Ok(Scalar::Other("an integer beyond 64 bits"))
            }
            fn visit_u128<E: de::Error>(self, _: u128) -> Result<Scalar, E> {
                Ok(Scalar::Other("an integer beyond 64 bits"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Scalar, E> {
                Ok(Scalar::Other("bytes"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("a list"))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an object"))
            }
        }
        d.deserialize_any(V)
    }
}
