//! The typed layer: [`ZoomConnectionConfig`](crate::ZoomConnectionConfig) (alias
//! [`Config`](crate::Config)), built from the validation's effective entries; its
//! [`ConfigBuilder`](crate::ConfigBuilder), its [`Error`](crate::Error) and its serde forms.

pub(crate) mod builder;
pub(crate) mod error;
#[cfg(feature = "serde")]
mod serde;
pub(crate) mod zoom_config;
