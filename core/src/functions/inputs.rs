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
        self.loose().kind()
    }

    /// The value borrowed.
    pub fn loose(&self) -> Loose<'_> {
        match self {
            Scalar::Text(s) => Loose::Text(s),
            Scalar::Int(n) => Loose::Int(*n),
            Scalar::UInt(n) => Loose::UInt(*n),
            Scalar::Float(f) => Loose::Float(*f),
            Scalar::Bool(b) => Loose::Bool(*b),
            Scalar::Other(kind) => Loose::Other(kind),
        }
    }
}

/// A [`Scalar`] borrowed: how the functions read a loose argument, and how a binding hands one
/// over to a function's keyword form ([`Function::KEYWORDS`](super::Function::KEYWORDS)), the
/// text borrowed from the host's string.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Loose<'a> {
    /// Text.
    Text(&'a str),
    /// A whole number that fits an `i64`.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// A number with a fraction (or any float).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// Anything else, by its kind (`a list`, `an object`, `bytes`).
    Other(&'static str),
}

impl Loose<'_> {
    /// What kind of value it is, in words: `a string`, `an integer`, `a float`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Loose::Text(_) => "a string",
            Loose::Int(_) | Loose::UInt(_) => "an integer",
            Loose::Float(_) => "a float",
            Loose::Bool(_) => "a boolean",
            Loose::Other(kind) => kind,
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
