//! serde support (feature `serde`): configs and connection strings are strings.
//!
//! * [`crate::Config`] serializes as its canonical connection string — **secrets included**
//!   (it is the credential; log [`crate::Config::redacted`] instead) — and deserializes from a
//!   string or from a map of property names to string, integer or boolean values; either way it
//!   is validated. A map's field names may be the CData name in any case, a spaced alias or
//!   snake_case (`auth_scheme`, `oauth_client_id`, `callback_url`: see
//!   [`crate::registry::lookup_field`]); a field that is a near miss of a known name is an
//!   error naming it and the accepted spellings, other fields are kept as further properties,
//!   and two spellings of one property are an error.
//! * [`crate::ConnectionString`] serializes as its lossless text and
//!   deserializes by parsing.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::config::error::Error;
use crate::config::zoom_config::Config;
use crate::map::connection_string::ConnectionString;
use crate::registry::{self, PropertyId};
use crate::secrets::shorten;

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Config {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for ConnectionString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for ConnectionString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ConnectionString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a connection string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ConnectionString, E> {
                ConnectionString::parse(s).map_err(|e| E::custom(format_args!("{e}")))
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
    E::custom(format_args!("invalid Zoom connection string: {e}"))
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
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
                // The field that set each known property, to refuse a second spelling of it.
                let mut seen: Vec<(PropertyId, String)> = Vec::new();
                while let Some(field) = map.next_key::<String>()? {
                    let ScalarText(value) = map.next_value()?;
                    match registry::lookup_field(&field) {
                        Some(m) => {
                            let id = m.property.id;
                            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
                                return Err(de::Error::custom(format_args!(
                                    "`{}` sets {id}, which `{}` set already",
                                    shorten(&field),
                                    shorten(first)
                                )));
                            }
                            seen.push((id, field));
                            builder = builder.property(id.name(), value);
                        }
                        // A near miss of a known name is a typo, not a property of its own.
                        None => match registry::suggest(&field) {
                            Some(near) => {
                                let accepted = registry::lookup(near)
                                    .map(|m| registry::spellings(m.property).join(", "))
                                    .unwrap_or_default();
                                return Err(de::Error::custom(format_args!(
                                    "unknown field `{}`: did you mean {near}? (accepted spellings: {accepted})",
                                    shorten(&field)
                                )));
                            }
                            None => builder = builder.property(&field, value),
                        },
                    }
                }
                builder.build().map_err(|e| config_error(&e))
            }
        }
        deserializer.deserialize_any(V)
    }
}
