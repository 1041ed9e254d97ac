//! The typed layer: [`ZoomConnectionConfig`](crate::ZoomConnectionConfig) (alias
//! [`Config`](crate::Config)), a validated view over one
//! [`ConnectionString`](crate::ConnectionString) built in the same pass as the validation; its
//! accessors, canonical and masked forms and edits; its
//! [`ConfigBuilder`](crate::ConfigBuilder), its [`Error`](crate::Error) and its serde forms.

pub(crate) mod builder;
mod canonical;
mod edit;
pub(crate) mod error;
mod redact;
#[cfg(feature = "serde")]
mod serde;
pub(crate) mod view;
pub(crate) mod zoom_config;
