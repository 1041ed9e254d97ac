//! The two dialects of the grammar.

/// Which dialect of the connection-string grammar to read and write.
///
/// ```
/// use zoomconn::{ConnectionString, Syntax};
/// let ado = ConnectionString::parse("Driver='{x;y}'").unwrap();
/// assert_eq!(ado.get("driver"), Some("{x;y}"));
/// let odbc = ConnectionString::parse_with("Driver={x;y}", Syntax::Odbc).unwrap();
/// assert_eq!(odbc.get("driver"), Some("{x;y}"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// ADO.NET rules (`DbConnectionStringBuilder`), which CData's providers use: `'…'` and
    /// `"…"` quote values, `==` is a literal `=` in a key.
    #[default]
    Ado,
    /// ODBC rules (`DbConnectionStringBuilder(useOdbcRules: true)`): `{…}` braces a value (the
    /// braces stay in the value), quotes are ordinary characters, the first `=` ends a key.
    Odbc,
}
