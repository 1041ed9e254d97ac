//! serde support (feature `serde`): configs and connection strings are strings.
//!
//! * [`crate::Config`] serializes as its canonical connection string and deserializes
//!   from a string or from a map of property names (case-insensitive, aliases accepted) to
//!   string, integer or boolean values; either way it is validated.
//! * [`crate::ConnectionString`] serializes as its lossless text and
//!   deserializes by parsing.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::error::Error;
use crate::config::zoom_config::Config;
use crate::map::connection_string::ConnectionString;

impl Serialize for Config {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for ConnectionString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ConnectionString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ConnectionString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a connection string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ConnectionString, E> {
                ConnectionString::parse(s).map_err(|e| {
                    E::custom(format_args!(
                        "{e} (line {}, column {})",
                        e.line(),
                        e.column()
                    ))
                })
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// A property value in a map: text, a number or a boolean.
struct ScalarText(String);

impl<'de> Deserialize<'de> for ScalarText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScalarText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ScalarText, E> {
                Ok(ScalarText(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<ScalarText, E> {
                Ok(ScalarText(s))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<ScalarText, E> {
                Ok(ScalarText(n.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<ScalarText, E> {
                Ok(ScalarText(n.to_string()))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<ScalarText, E> {
                Ok(ScalarText(b.to_string()))
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn config_error<E: de::Error>(e: &Error) -> E {
    E::custom(format_args!(
        "invalid Zoom connection string: {} [{}]",
        e.message(),
        e.rule()
    ))
}

impl<'de> Deserialize<'de> for Config {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Config;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Zoom connection string, or a map of its properties")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Config, E> {
                Config::parse(s).map_err(|e| config_error(&e))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Config, A::Error> {
                let mut builder = Config::builder();
                while let Some(key) = map.next_key::<String>()? {
                    let ScalarText(value) = map.next_value()?;
                    builder = builder.property(&key, value);
                }
                builder.build().map_err(|e| config_error(&e))
            }
        }
        deserializer.deserialize_any(V)
    }
}
