//! [`Language`]: which programming language's string literals a source file holds, from its
//! name, so that [`Kind::Code`](super::Kind::Code) reads every escape the way that language's
//! compiler does.

use std::path::Path;

/// A programming language whose string literals [`Kind::Code`](super::Kind::Code) decodes
/// exactly (set with [`Options::language`](super::Options::language)). Files of other languages,
/// docs and files of unknown kind are read with a generic reader that understands only
/// `\\`, `\"`, `\'`, `\n`, `\r` and `\t`; a literal holding any other escape is read with the
/// escape as written and is not editable.
///
/// ```
/// use zoomconn_sources::Language;
/// assert_eq!(Language::from_path("src/app.tsx".as_ref()), Some(Language::JavaScript));
/// assert_eq!(Language::from_path("Main.kt".as_ref()), Some(Language::Kotlin));
/// assert_eq!(Language::from_path("README.md".as_ref()), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// JavaScript and TypeScript (`.js`, `.mjs`, `.cjs`, `.jsx`, `.ts`, `.mts`, `.cts`,
    /// `.tsx`): `"…"` and `'…'` with every escape of sloppy-mode code (legacy octal included),
    /// `` `…` `` templates.
    JavaScript,
    /// Java (`.java`): `"…"`, Unicode escapes (`\uuu0041`), octal escapes, `\s`.
    Java,
    /// Kotlin (`.kt`, `.kts`): `"…"` with `\uXXXX` and `$` templates.
    Kotlin,
    /// C# (`.cs`): `"…"` (`\x` with one to four digits, `\u`, `\U`, `\e`), verbatim `@"…"`,
    /// interpolated `$"…"`.
    CSharp,
    /// Python (`.py`, `.pyi`, `.pyw`): `"…"` and `'…'` with the `r`, `b`, `u` and `f`
    /// prefixes, `\N{name}`.
    Python,
    /// Go (`.go`): interpreted `"…"` and raw `` `…` `` strings.
    Go,
    /// Rust (`.rs`): `"…"` (`\x` up to `7F`, `\u{…}`), raw `r#"…"#`, byte and C strings.
    Rust,
}

impl Language {
    /// The language a file's extension names, or `None`.
    ///
    /// ```
    /// use zoomconn_sources::Language;
    /// assert_eq!(Language::from_path("Program.cs".as_ref()), Some(Language::CSharp));
    /// assert_eq!(Language::from_path("settings.py".as_ref()), Some(Language::Python));
    /// ```
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        Some(match ext.as_str() {
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "mts" | "cts" | "tsx" => Language::JavaScript,
            "java" => Language::Java,
            "kt" | "kts" => Language::Kotlin,
            "cs" => Language::CSharp,
            "py" | "pyi" | "pyw" => Language::Python,
            "go" => Language::Go,
            "rs" => Language::Rust,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn extensions() {
        #[rustfmt::skip]
        let table = [
            ("a.js", Some(Language::JavaScript)), ("a.MJS", Some(Language::JavaScript)),
            ("a.cjs", Some(Language::JavaScript)), ("a.jsx", Some(Language::JavaScript)),
            ("a.ts", Some(Language::JavaScript)), ("a.tsx", Some(Language::JavaScript)),
            ("A.java", Some(Language::Java)), ("a.kt", Some(Language::Kotlin)),
            ("a.cs", Some(Language::CSharp)), ("a.py", Some(Language::Python)),
            ("a.go", Some(Language::Go)), ("a.rs", Some(Language::Rust)),
            ("a.rb", None), ("a.c", None), ("Makefile", None), ("a.md", None),
        ];
        for (name, lang) in table {
            assert_eq!(Language::from_path(name.as_ref()), lang, "{name}");
        }
    }
}
