//! Helpers shared by the providers' wire models: JSON bodies in and out, and string enums that keep
//! values they do not know.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{DecodeError, Error, ValidationCode};

/// Serialises a request body. Our own types always serialise; a failure is reported, not panicked.
pub fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|e| Error::validation(ValidationCode::InvalidParams, "", e.to_string()))
}

/// Parses a JSON body into `T`. An empty body reads as `{}`. A failure names the JSON path and
/// the byte offset.
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let empty = body.iter().all(u8::is_ascii_whitespace);
    let text: &[u8] = if empty { b"{}" } else { body };
    let mut de = serde_json::Deserializer::from_slice(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(text, empty, (path != "." && !path.is_empty()).then_some(path), e.into_inner())
    })?;
    de.end().map_err(|e| json_error(text, empty, None, e))?;
    Ok(value)
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

/// Declares a string enum that serialises as its wire strings and keeps unknown values in
/// `Other(String)` instead of failing: providers add values over time.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version of kassa does not know, kept as sent.
            Other(String),
        }

        impl $name {
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
    };
}
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
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("42", "id").unwrap(), "42");
        assert_eq!(path_segment("a/../b?x#y", "id").unwrap(), "a%2F..%2Fb%3Fx%23y");
        assert_eq!(path_segment("..", "id").unwrap_err().code(), "invalid_params");
        assert_eq!(path_segment(" ", "id").unwrap_err().code(), "invalid_params");
    }

    #[test]
    fn decode_errors_name_path_and_offset() {
        let Error::Decode(e) = from_json::<T>(br#"{"id": "x"}"#).unwrap_err() else { panic!() };
        assert_eq!(e.field.as_deref(), Some("id"));
        assert_eq!(e.offset, Some(9)); // the end of the offending value
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
