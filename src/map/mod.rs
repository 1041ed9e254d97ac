//! The map layer: [`ConnectionString`](crate::ConnectionString), the lossless, case-insensitive
//! map of a connection string's segments, folded by the one [`fold`] of the effective map (`docs/grammar.md`); editing
//! (`set`, `remove`) and the canonical and redacted views.

pub(crate) mod connection_string;
mod edit;
pub(crate) mod fold;
mod impls;
#[cfg(test)]
mod tests;
mod views;
