//! Reading files: a size-bounded read from any [`Read`], and decoding bytes to text — a
//! UTF-8 or UTF-16 byte-order mark, UTF-16 without one in an XML file, and the encoding an XML
//! declaration names (through `encoding_rs`, the WHATWG Encoding Standard's implementation
//! that browsers use) — and back, for edits.

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{Kind, SourceError, SourceErrorKind};

/// The default size limit per file: 64 MiB.
///
/// ```
/// assert_eq!(zoomconn_sources::DEFAULT_MAX_SIZE, 64 << 20);
/// ```
pub const DEFAULT_MAX_SIZE: u64 = 64 << 20;

fn too_large(limit: u64) -> SourceError {
    SourceError::new(
        SourceErrorKind::TooLarge,
        format!("larger than the size limit of {}", human_size(limit)),
    )
}

/// `64 MiB`, `1.5 KiB`, `100 bytes`.
fn human_size(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, unit) in UNITS {
        if n >= size {
            return if n % size == 0 {
                format!("{} {unit}", n / size)
            } else {
                format!("{:.1} {unit}", n as f64 / size as f64)
            };
        }
    }
    format!("{n} bytes")
}

/// Reads everything from `reader`, but never more than `limit` bytes: an endless stream
/// (`/dev/zero`, a FIFO) ends with an error once `limit` bytes are in memory.
///
/// # Errors
///
/// [`SourceErrorKind::TooLarge`] past `limit` bytes; [`SourceErrorKind::Unreadable`] on an
/// I/O error.
///
/// ```
/// use zoomconn_sources::{read_limited, SourceErrorKind};
/// assert_eq!(read_limited(&b"abc"[..], 3)?, b"abc");
/// let endless = std::io::repeat(0);
/// assert_eq!(read_limited(endless, 1 << 20).unwrap_err().kind(), SourceErrorKind::TooLarge);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, SourceError> {
    read_with_hint(reader, limit, 0, false)
}

fn read_with_hint(
    reader: impl Read,
    limit: u64,
    hint: u64,
    sniff: bool,
) -> Result<Vec<u8>, SourceError> {
    // One byte more than the limit tells "exactly at the limit" from "over it".
    let cap = limit.saturating_add(1);
    let mut taken = reader.take(cap);
    // A regular file's size is known: one allocation of that size (and a byte to see the
    // end); `read_to_end` grows by doubling otherwise, never past the limit, and never zeroes
    // what it reads into.
    let first = usize::try_from(hint.saturating_add(1).min(cap)).unwrap_or(usize::MAX);
    let mut buf = Vec::with_capacity(first.min(1 << 24));
    // With `sniff`, the first block tells a binary file (NUL bytes outside UTF-16), as
    // ripgrep tells one: the rest of it is not read.
    let mut head = (&mut taken).take(if sniff { 8 << 10 } else { 0 });
    loop {
        match head.read_to_end(&mut buf) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(SourceError::new(
                    SourceErrorKind::Unreadable,
                    format!("cannot read: {e}"),
                ));
            }
        }
    }
    if sniff {
        not_binary(&buf)?;
    }
    loop {
        match taken.read_to_end(&mut buf) {
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(SourceError::new(
                    SourceErrorKind::Unreadable,
                    format!("cannot read: {e}"),
                ));
            }
        }
    }
    if buf.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(buf)
}

/// Reads and decodes the file at `path`, refusing it past `limit` bytes before reading more.
///
/// # Errors
///
/// [`SourceErrorKind::Unreadable`] (missing, a directory, permissions),
/// [`SourceErrorKind::TooLarge`], and the errors of [`decode`].
///
/// ```
/// let dir = std::env::temp_dir().join("zoomconn-doc-read-file");
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("a.txt");
/// std::fs::write(&path, b"\xef\xbb\xbfa=1\n")?;
/// let file = zoomconn_sources::read_file(&path, 1024)?;
/// assert_eq!(file.text(), "a=1\n");
/// assert!(zoomconn_sources::read_file(&dir, 1024).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_file(path: &Path, limit: u64) -> Result<Decoded, SourceError> {
    decode_as(read_bytes(path, limit)?, Kind::from_path(path))
}

/// The bytes of the file at `path`, read as [`read_file`] reads them, not decoded. A regular
/// file whose first 8 KiB hold a NUL byte (outside UTF-16) is binary, and is not read further.
///
/// # Errors
///
/// As [`read_file`], but for the decoding; [`SourceErrorKind::Binary`] at the first NUL.
///
/// ```
/// let dir = std::env::temp_dir().join("zoomconn-read-bytes-doc");
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("a.properties");
/// std::fs::write(&path, b"k=caf\xe9")?;
/// assert_eq!(zoomconn_sources::read_bytes(&path, 100)?, b"k=caf\xe9");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, SourceError> {
    let unreadable = |e: std::io::Error| {
        SourceError::new(SourceErrorKind::Unreadable, format!("cannot read: {e}"))
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(SourceError::new(
            SourceErrorKind::Unreadable,
            "is a directory",
        ));
    }
    // A regular file's size is known before reading; devices and FIFOs say 0.
    let hint = if meta.is_file() { meta.len() } else { 0 };
    if hint > limit {
        return Err(too_large(limit));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    read_with_hint(file, limit, hint, meta.is_file())
}

/// How a file's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// A legacy encoding an XML declaration names, or Windows-1252 guessed.
    Legacy(&'static Encoding),
    /// ISO-8859-1, as Java reads `.properties` files: each byte is the char of its value.
    Latin1,
}

/// A file's text and how it was encoded, to write it back the same way.
///
/// ```
/// let bytes = b"\xff\xfea\0=\x001\0".to_vec(); // UTF-16 LE with a BOM
/// let file = zoomconn_sources::decode(bytes.clone())?;
/// assert_eq!(file.text(), "a=1");
/// assert_eq!(file.encoding(), "UTF-16LE");
/// assert_eq!(file.encode("a=1")?, bytes);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Decoded {
    text: String,
    form: Form,
    bom: bool,
    /// Not UTF-8 (the first invalid byte's offset) and no encoding declared: read as
    /// Windows-1252, a guess.
    guessed: Option<usize>,
}

impl std::fmt::Debug for Decoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text may hold secrets: only its size is shown.
        f.debug_struct("Decoded")
            .field("len", &self.text.len())
            .field("encoding", &self.encoding())
            .field("bom", &self.bom)
            .finish()
    }
}

impl Decoded {
    /// The text, without a byte-order mark.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::decode(b"\xef\xbb\xbfx".to_vec())?.text(), "x");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Moves the text out.
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::decode(b"x".to_vec())?.into_text(), "x");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn into_text(self) -> String {
        self.text
    }

    /// The encoding's WHATWG name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`…
    ///
    /// ```
    /// assert_eq!(zoomconn_sources::decode(b"x".to_vec())?.encoding(), "UTF-8");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn encoding(&self) -> &'static str {
        match self.form {
            Form::Utf8 => "UTF-8",
            Form::Utf16Le => "UTF-16LE",
            Form::Utf16Be => "UTF-16BE",
            Form::Legacy(e) => e.name(),
            Form::Latin1 => "ISO-8859-1",
        }
    }

    /// A note for the reader when the encoding was guessed: the file is not UTF-8 and
    /// names no encoding, so it was read as Windows-1252.
    ///
    /// ```
    /// let d = zoomconn_sources::decode(b"caf\xe9".to_vec())?;
    /// assert_eq!(d.text(), "caf\u{e9}");
    /// let note = d.note().map(|e| e.to_string());
    /// assert_eq!(note.as_deref(), Some("not UTF-8 text (invalid byte at offset 3): read as windows-1252"));
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn note(&self) -> Option<SourceError> {
        self.guessed.map(|at| {
            SourceError::new(
                SourceErrorKind::Encoding,
                format!("not UTF-8 text (invalid byte at offset {at}): read as windows-1252"),
            )
        })
    }

    /// Did the file start with a byte-order mark?
    ///
    /// ```
    /// assert!(zoomconn_sources::decode(b"\xef\xbb\xbfx".to_vec())?.has_bom());
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// `text` encoded as the file was: same encoding, same byte-order mark.
    ///
    /// # Errors
    ///
    /// [`SourceErrorKind::NotEditable`] when a legacy encoding cannot represent a character
    /// of `text`.
    ///
    /// ```
    /// let file = zoomconn_sources::decode(b"\xef\xbb\xbfa".to_vec())?;
    /// assert_eq!(file.encode("b")?, b"\xef\xbb\xbfb");
    /// # Ok::<(), zoomconn_sources::SourceError>(())
    /// ```
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, SourceError> {
        let mut out = Vec::with_capacity(text.len() + 3);
        match self.form {
            Form::Utf8 => {
                if self.bom {
                    out.extend_from_slice(b"\xef\xbb\xbf");
                }
                out.extend_from_slice(text.as_bytes());
            }
            Form::Utf16Le | Form::Utf16Be => {
                let le = self.form == Form::Utf16Le;
                let units = self.bom.then_some(0xfeff).into_iter();
                for u in units.chain(text.encode_utf16()) {
                    out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
                }
            }
            Form::Latin1 => {
                for c in text.chars() {
                    let b = u8::try_from(u32::from(c)).map_err(|_| {
                        SourceError::new(
                            SourceErrorKind::NotEditable,
                            "the new text has characters that ISO-8859-1 cannot hold",
                        )
                    })?;
                    out.push(b);
                }
            }
            Form::Legacy(e) => {
                let (bytes, _, unmappable) = e.encode(text);
                if unmappable {
                    return Err(SourceError::new(
                        SourceErrorKind::NotEditable,
                        format!("the new text has characters that {} cannot hold", e.name()),
                    ));
                }
                out.extend_from_slice(&bytes);
            }
        }
        Ok(out)
    }
}

/// Decodes a file's bytes: a UTF-8 or UTF-16 byte-order mark; UTF-16 without one when the
/// file starts with `<?` in UTF-16 (XML); the `encoding` of an `<?xml …?>` declaration when
/// the bytes are not UTF-8; UTF-8 otherwise, and Windows-1252 when the bytes are not UTF-8 and
/// name no encoding (with a [`Decoded::note`]).
///
/// # Errors
///
/// [`SourceErrorKind::Encoding`] for bytes that are not text in the encoding they name
/// (malformed UTF-16, a declared encoding they do not follow), [`SourceErrorKind::Binary`]
/// for text holding NUL.
///
/// ```
/// use zoomconn_sources::{decode, SourceErrorKind};
/// let xml = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a b=\"caf\xe9\"/>".to_vec();
/// assert!(decode(xml)?.text().ends_with("caf\u{e9}\"/>"));
/// assert_eq!(decode(vec![0x61, 0xff])?.text(), "a\u{ff}");
/// assert_eq!(decode(vec![0xff, 0xfe, 0x00, 0xd8]).unwrap_err().kind(), SourceErrorKind::Encoding);
/// assert_eq!(decode(b"a\0b".to_vec()).unwrap_err().kind(), SourceErrorKind::Binary);
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, SourceError> {
    decode_as(bytes, Kind::Code)
}

/// [`decode`] for a file of `kind`: a `.properties` file that is not UTF-8 is ISO-8859-1, as
/// Java reads it.
///
/// # Errors
///
/// As [`decode`].
///
/// ```
/// use zoomconn_sources::{Kind, decode_as};
/// let d = decode_as(b"k=caf\xe9".to_vec(), Kind::Properties)?;
/// assert_eq!((d.text(), d.encoding(), d.note()), ("k=caf\u{e9}", "ISO-8859-1", None));
/// # Ok::<(), zoomconn_sources::SourceError>(())
/// ```
pub fn decode_as(bytes: Vec<u8>, kind: Kind) -> Result<Decoded, SourceError> {
    let (form, bom) = match Encoding::for_bom(&bytes) {
        Some((e, _)) if e == UTF_8 => (Form::Utf8, true),
        Some((e, _)) if e == UTF_16LE => (Form::Utf16Le, true),
        Some((_, _)) => (Form::Utf16Be, true),
        None if bytes.starts_with(b"<\0?\0") => (Form::Utf16Le, false),
        None if bytes.starts_with(b"\0<\0?") => (Form::Utf16Be, false),
        None => (Form::Utf8, false),
    };
    let text = match form {
        Form::Utf8 => {
            let mut bytes = bytes;
            if bom {
                bytes.drain(..3);
            }
            match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => return legacy(e.into_bytes(), kind),
            }
        }
        _ => {
            let enc = if form == Form::Utf16Le {
                UTF_16LE
            } else {
                UTF_16BE
            };
            let body = bytes.get(if bom { 2 } else { 0 }..).unwrap_or_default();
            match enc.decode_without_bom_handling_and_without_replacement(body) {
                Some(t) => t.into_owned(),
                None => {
                    return Err(SourceError::new(
                        SourceErrorKind::Encoding,
                        format!("not valid {} text", enc.name()),
                    ));
                }
            }
        }
    };
    finish(text, form, bom)
}

/// Bytes that are not UTF-8: the encoding an XML declaration names, or an error.
fn legacy(bytes: Vec<u8>, kind: Kind) -> Result<Decoded, SourceError> {
    if kind == Kind::Properties {
        let text = bytes.iter().map(|&b| char::from(b)).collect();
        return finish(text, Form::Latin1, false);
    }
    let declared = xml_declared_encoding(&bytes).and_then(Encoding::for_label);
    match declared {
        Some(e) if e != UTF_8 && e != UTF_16LE && e != UTF_16BE => {
            match e.decode_without_bom_handling_and_without_replacement(&bytes) {
                Some(t) => finish(t.into_owned(), Form::Legacy(e), false),
                None => Err(SourceError::new(
                    SourceErrorKind::Encoding,
                    format!("not valid {} text", e.name()),
                )),
            }
        }
        _ => {
            // No encoding named: Windows-1252, which decodes every byte, with a note.
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let mut d = finish(
                text.into_owned(),
                Form::Legacy(encoding_rs::WINDOWS_1252),
                false,
            )?;
            d.guessed = Some(valid);
            Ok(d)
        }
    }
}

/// A file's raw bytes hold NUL outside UTF-16: it is binary, whatever words it holds. Checked
/// before the bytes are decoded (and before [`may_hold_cdata`](crate::may_hold_cdata)), so a
/// binary file is reported as one however it would decode.
///
/// # Errors
///
/// [`SourceErrorKind::Binary`] at the first NUL byte.
///
/// ```
/// use zoomconn_sources::{not_binary, SourceErrorKind};
/// assert!(not_binary(b"a=1").is_ok());
/// assert!(not_binary(b"\xff\xfea\0").is_ok());
/// assert_eq!(not_binary(b"a\0\xff").unwrap_err().kind(), SourceErrorKind::Binary);
/// ```
pub fn not_binary(bytes: &[u8]) -> Result<(), SourceError> {
    if crate::prefilter::is_utf16(bytes) {
        return Ok(());
    }
    match memchr::memchr(0, bytes) {
        None => Ok(()),
        Some(at) => {
            let head = String::from_utf8_lossy(bytes.get(..=at).unwrap_or_default());
            Err(SourceError::at(
                SourceErrorKind::Binary,
                "holds NUL bytes: a binary file",
                &head,
                head.len() - 1,
            ))
        }
    }
}

fn finish(text: String, form: Form, bom: bool) -> Result<Decoded, SourceError> {
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(SourceError::at(
            SourceErrorKind::Binary,
            "holds NUL bytes: a binary file",
            &text,
            at,
        ));
    }
    Ok(Decoded {
        text,
        form,
        bom,
        guessed: None,
    })
}

/// The `encoding="…"` label of an `<?xml …?>` declaration at the start of `bytes`.
fn xml_declared_encoding(bytes: &[u8]) -> Option<&[u8]> {
    let decl = bytes.strip_prefix(b"<?xml")?;
    let end = memchr::memmem::find(decl.get(..decl.len().min(200))?, b"?>")?;
    let decl = decl.get(..end)?;
    let at = memchr::memmem::find(decl, b"encoding")?;
    let rest = decl.get(at + 8..)?;
    let rest = rest.get(rest.iter().position(|&b| b == b'=')? + 1..)?;
    let rest = rest.get(rest.iter().position(|&b| b == b'"' || b == b'\'')?..)?;
    let quote = *rest.first()?;
    let body = rest.get(1..)?;
    body.get(..body.iter().position(|&b| b == quote)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        for (n, s) in [
            (64 << 20, "64 MiB"),
            (1536, "1.5 KiB"),
            (10, "10 bytes"),
            (1 << 30, "1 GiB"),
        ] {
            assert_eq!(human_size(n), s);
        }
    }

    #[test]
    fn limits() {
        assert_eq!(read_limited(&b"abcd"[..], 4).unwrap(), b"abcd");
        assert_eq!(
            read_limited(&b"abcde"[..], 4).unwrap_err().to_string(),
            "larger than the size limit of 4 bytes"
        );
        assert_eq!(read_limited(&b""[..], 0).unwrap(), b"");
    }

    #[test]
    fn encodings() {
        type Expected<'a> = Result<(&'a str, &'a str, bool), &'a str>;
        let table: &[(&[u8], Expected<'_>)] = &[
            (b"a=1", Ok(("a=1", "UTF-8", false))),
            (b"\xef\xbb\xbfa=1", Ok(("a=1", "UTF-8", true))),
            (b"\xfe\xff\0a", Ok(("a", "UTF-16BE", true))),
            (b"<\0?\0x\0", Ok(("<?x", "UTF-16LE", false))),
            (b"\0<\0?", Ok(("<?", "UTF-16BE", false))),
            (b"\xff\xfe\0\xd8", Err("not valid UTF-16LE text")),
            (b"\xff\xfea", Err("not valid UTF-16LE text")),
            (b"ab\xc3", Ok(("ab\u{c3}", "windows-1252", false))),
            (
                b"<?xml version='1.0' encoding='ISO-8859-1'?>\xe9",
                Ok((
                    "<?xml version='1.0' encoding='ISO-8859-1'?>\u{e9}",
                    "windows-1252",
                    false,
                )),
            ),
            (
                b"a\0",
                Err("holds NUL bytes: a binary file at line 1, column 2"),
            ),
        ];
        for (bytes, expected) in table {
            let got = decode(bytes.to_vec())
                .map(|d| (d.text().to_owned(), d.encoding(), d.has_bom()))
                .map_err(|e| e.to_string());
            let expected = expected
                .map(|(t, e, b)| (t.to_owned(), e, b))
                .map_err(str::to_owned);
            assert_eq!(got, expected, "{bytes:?}");
            if let Ok(d) = decode(bytes.to_vec()) {
                assert_eq!(d.encode(d.text()).unwrap(), *bytes, "round trip {bytes:?}");
            }
        }
    }
}
