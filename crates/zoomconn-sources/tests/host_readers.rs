//! Round trips against the host formats' own readers: a connection string whose password
//! holds an escape is put in a file of each format, edited the way `fmt` edits it, and read
//! back by Python, Node, bash, Java and rustc. The edited value must read as the new text, or
//! the file must be left as it was. A host whose program is missing is skipped (and says so).

use std::path::{Path, PathBuf};
use std::process::Command;

use zoomconn_sources::{self as sources, Kind, Language, Options, SourceErrorKind};

/// How a host reads the value of its files.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reader {
    /// Python `eval` of the literal after `=`.
    Python,
    /// Node `eval` of the literal after `=` (sloppy mode).
    Node,
    /// `bash -c 'set -a; source f; printf %s "$Z"'`.
    Bash,
    /// Python `json.load(f)["Z"]`.
    Json,
    /// Python `xml.etree`: the `value` attribute of the root.
    Xml,
    /// Java `Properties.load` (UTF-8 reader): `zoom`.
    Properties,
    /// A Java class holding the literal after `=`.
    Java,
    /// A Rust program holding the literal after `=`.
    Rust,
}

/// (reader, file extension, template with `§` where the password's start goes, whether
/// `fmt` may rewrite it).
type Row = (Reader, &'static str, &'static str, bool);

const BASE: &str = "Profile=Zoom.apip;AuthScheme=OAuth;Password=p";

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // JavaScript: every escape of sloppy mode.
    (Reader::Node, "js", r#"const Z = "§ss";"#, true),
    (Reader::Node, "js", r#"const Z = "§\u00e4ss\x21";"#, true),
    (Reader::Node, "js", r#"const Z = "§\x41\101\a\v\e\/";"#, true),
    (Reader::Node, "js", r#"const Z = "§\u{41}\u{1F600}\ud83d\ude00\0\8\477\3777";"#, true),
    (Reader::Node, "js", r#"const Z = '§\'\"\\\b\f\t';"#, true),
    (Reader::Node, "js", r#"const Z = "§\ud83d";"#, false),
    (Reader::Node, "js", r#"const Z = `§\x41${"q"}`;"#, false),
    (Reader::Node, "js", r#"const Z = `§\x41\u{42}`;"#, true),
    // Python: str, raw, bytes and f-strings.
    (Reader::Python, "py", r#"Z = "§\u00e4ss\x21\101\777\U0001F600\a\v\p\8""#, true),
    (Reader::Python, "py", r#"Z = "§\N{BULLET}""#, false),
    (Reader::Python, "py", r#"Z = r"§\x41\'""#, true),
    (Reader::Python, "py", r#"Z = b"§\x41\101\u00e4""#, true),
    (Reader::Python, "py", r#"Z = f"§\x41{{x}}""#, false),
    (Reader::Python, "py", r#"Z = f"§\x41""#, true),
    (Reader::Python, "py", r#"Z = '§\'"\\'"#, true),
    // Java: octal, `\s`, Unicode escapes read before the literal.
    (Reader::Java, "java", r#"String Z = "§\101\s\u0041\uuu00e4\ud83d\ude00\377\t\b\f\'\\";"#, true),
    (Reader::Java, "java", r#"String Z = "§\u005c\u005c";"#, false),
    // Rust.
    (Reader::Rust, "rs", r#"let z = "§\x41\x7F\u{e4}\u{1_F600}\0\'\"\\";"#, true),
    (Reader::Rust, "rs", r###"let z = r#"§\x41"q"#;"###, true),
    // .env: bash and dotenv must agree.
    (Reader::Bash, "env", r#"Z="§a\$b""#, false),
    (Reader::Bash, "env", r#"Z="§a\nb""#, false),
    (Reader::Bash, "env", r#"Z="§a\\b\"c""#, true),
    (Reader::Bash, "env", r#"Z="§a$HOME""#, false),
    (Reader::Bash, "env", "Z='§a\\b'", true),
    (Reader::Bash, "env", "Z='§a\\\\b'", false),
    (Reader::Bash, "env", "Z=§ss", false),
    // XML: character references of any length.
    (Reader::Xml, "xml", r#"<add key="Zoom" value="§&#x0000000077;&#0000112;&amp;&#x1F600;&quot;"/>"#, true),
    // JSON.
    (Reader::Json, "json", r#"{"Z": "§\u00e4\ud83d\ude00\/\b"}"#, true),
    // .properties as Java's `Properties.load` reads it.
    (Reader::Properties, "properties", r"zoom=§\u0041\t\:\=\\\ud83d\ude00\q\u00e4", true),
    (Reader::Properties, "properties", "zoom=§a\\\n    b", true),
    // A continuation into an empty line: the entry ends there, the next line is its own.
    (Reader::Properties, "properties", "zoom=§a\\\n\nother=b", true),
    // A lone `\r` ends a line, after a continuation too; the next line is its own.
    (Reader::Properties, "properties", "zoom=§a\\\n;b\r other=c", true),
    (Reader::Properties, "properties", "# c\rzoom=§a", true),
];

/// The row's file: the template with the base string at `§`.
fn file_of(row: &Row) -> String {
    format!("{}\n", row.2.replacen('§', BASE, 1))
}

fn kind_of(ext: &str) -> (Kind, Option<Language>) {
    match ext {
        "env" => (Kind::Env, None),
        "xml" => (Kind::Xml, None),
        "json" => (Kind::Json, None),
        "properties" => (Kind::Properties, None),
        _ => (Kind::Code, Language::from_path(format!("a.{ext}").as_ref())),
    }
}

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The literal after the first `=` of a line of code, without its `;`.
fn literal(src: &str) -> &str {
    src.split_once('=').unwrap().1.trim().trim_end_matches(';')
}

const PY: &str = r#"
import sys, json, xml.etree.ElementTree as ET
kind = sys.argv[1]
for p in sys.argv[2:]:
    src = open(p, encoding='utf-8').read()
    try:
        if kind == 'py':
            v = eval(src.split('=', 1)[1].strip(), {'x': 'X'})
        elif kind == 'json':
            v = json.loads(src)['Z']
        else:
            v = ET.parse(p).getroot().get('value')
        if isinstance(v, bytes):
            v = v.decode('latin-1')
        print(v.encode('utf-8', 'surrogatepass').hex())
    except Exception as e:
        print('ERR')
"#;

const NODE: &str = r#"
const fs = require('fs');
for (const p of process.argv.slice(1)) {
  const src = fs.readFileSync(p, 'utf8');
  const expr = src.slice(src.indexOf('=') + 1).trim().replace(/;$/, '');
  try { console.log(Buffer.from((0, eval)('(' + expr + ')'), 'utf8').toString('hex')); }
  catch (e) { console.log('ERR'); }
}
"#;

/// Each file's value as its host reads it (hex of UTF-8, or `ERR`), or `None` when the
/// host's program is missing.
fn read(reader: Reader, files: &[PathBuf], dir: &Path) -> Option<Vec<String>> {
    let lines = |out: std::process::Output| -> Vec<String> {
        assert!(
            out.status.success(),
            "{reader:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    };
    match reader {
        Reader::Python | Reader::Json | Reader::Xml => {
            if !have("python3") {
                return None;
            }
            let kind = match reader {
                Reader::Python => "py",
                Reader::Json => "json",
                _ => "xml",
            };
            let out = Command::new("python3")
                .arg("-c")
                .arg(PY)
                .arg(kind)
                .args(files)
                .output()
                .ok()?;
            Some(lines(out))
        }
        Reader::Node => {
            if !have("node") {
                return None;
            }
            Some(lines(
                Command::new("node")
                    .arg("-e")
                    .arg(NODE)
                    .args(files)
                    .output()
                    .ok()?,
            ))
        }
        Reader::Bash => {
            if !have("bash") {
                return None;
            }
            Some(
                files
                    .iter()
                    .map(|f| {
                        let out = Command::new("bash")
                            .args(["-c", "set -a; source \"$1\"; printf %s \"$Z\"", "_"])
                            .arg(f)
                            .env("HOME", "/home/h")
                            .output()
                            .unwrap();
                        if out.status.success() {
                            hex(&out.stdout)
                        } else {
                            "ERR".into()
                        }
                    })
                    .collect(),
            )
        }
        Reader::Java | Reader::Properties => {
            if !have("java") {
                return None;
            }
            let body = if reader == Reader::Java {
                let lits: Vec<String> = files
                    .iter()
                    .map(|f| literal(&std::fs::read_to_string(f).unwrap()).to_owned())
                    .collect();
                format!(
                    "String[] v = {{ {} }}; for (String s : v) System.out.println(hex(s));",
                    lits.join(", ")
                )
            } else {
                "for (String p : a) { java.util.Properties q = new java.util.Properties(); \
                 try (java.io.Reader r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(p))) { q.load(r); } \
                 System.out.println(hex(q.getProperty(\"zoom\"))); }"
                    .to_owned()
            };
            let src = format!(
                "public class Read {{ static String hex(String s) throws Exception {{ StringBuilder b = new StringBuilder(); \
                 for (byte x : s.getBytes(\"UTF-8\")) b.append(String.format(\"%02x\", x)); return b.toString(); }}\n\
                 public static void main(String[] a) throws Exception {{ {body} }} }}\n"
            );
            let java = dir.join(format!("Read{}.java", files.len()));
            std::fs::write(
                &java,
                src.replace("class Read", &format!("class Read{}", files.len())),
            )
            .unwrap();
            Some(lines(
                Command::new("java").arg(&java).args(files).output().ok()?,
            ))
        }
        Reader::Rust => {
            if !have("rustc") {
                return None;
            }
            let lits: Vec<String> = files
                .iter()
                .map(|f| literal(&std::fs::read_to_string(f).unwrap()).to_owned())
                .collect();
            let src = format!(
                "fn main() {{ for s in [{}] {{ println!(\"{{}}\", s.bytes().map(|b| format!(\"{{b:02x}}\")).collect::<String>()); }} }}\n",
                lits.join(", ")
            );
            let rs = dir.join(format!("read{}.rs", files.len()));
            std::fs::write(&rs, src).unwrap();
            let bin = dir.join(format!("read{}", files.len()));
            let built = Command::new("rustc")
                .args(["--edition", "2021", "-o"])
                .arg(&bin)
                .arg(&rs)
                .output()
                .ok()?;
            assert!(
                built.status.success(),
                "rustc: {}",
                String::from_utf8_lossy(&built.stderr)
            );
            Some(lines(Command::new(&bin).output().ok()?))
        }
    }
}

#[test]
fn edits_read_back_by_the_hosts_own_readers() {
    let dir = std::env::temp_dir().join(format!("zoomconn-host-readers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // New texts `fmt` might write: the canonical form (a `;` added), and one holding chars
    // every host escapes differently.
    let tails = [";", ";Scope=\"q\\'$`{x}\t"];
    let readers = [
        Reader::Node,
        Reader::Python,
        Reader::Java,
        Reader::Rust,
        Reader::Bash,
        Reader::Xml,
        Reader::Json,
        Reader::Properties,
    ];
    let mut checked = 0;
    for reader in readers {
        let rows: Vec<(usize, &Row)> = ROWS
            .iter()
            .enumerate()
            .filter(|(_, r)| r.0 == reader)
            .collect();
        // Per row: the file before, and after each new text (or `None`: refused).
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut expected_new = Vec::new();
        let mut decoded = Vec::new();
        for &(n, row) in &rows {
            let (_, ext, _, editable) = *row;
            let file = file_of(row);
            let path = dir.join(format!("r{n}.{ext}"));
            std::fs::write(&path, &file).unwrap();
            before.push(path);
            let (kind, lang) = kind_of(ext);
            let found: Vec<_> = sources::find(&file, kind, &Options::new().language(lang))
                .unwrap()
                .collect();
            let f = found
                .iter()
                .find(|f| f.text().starts_with(BASE))
                .unwrap_or_else(|| panic!("{file:?}: {found:?}"));
            assert_eq!(
                f.is_editable(),
                editable,
                "{file:?} reads as {:?}",
                f.text()
            );
            decoded.push((editable, f.text().to_owned()));
            for (t, tail) in tails.iter().enumerate() {
                let new = format!("{}{tail}", f.text());
                match sources::edit(&file, f, &new) {
                    Ok(edited) => {
                        assert!(editable, "{file:?} was edited");
                        let p = dir.join(format!("r{n}-{t}.{ext}"));
                        std::fs::write(&p, &edited).unwrap();
                        after.push(p);
                        expected_new.push((n, t, tail));
                    }
                    Err(e) => {
                        assert_eq!(e.kind(), SourceErrorKind::NotEditable, "{file:?}");
                        // The first new text only adds `;`: every editable place holds it.
                        assert!(!editable || t > 0, "{file:?}: {e}");
                    }
                }
            }
        }
        let all: Vec<PathBuf> = before.iter().chain(&after).cloned().collect();
        let Some(values) = read(reader, &all, &dir) else {
            println!("skipped: {reader:?}: its program is not installed");
            continue;
        };
        assert_eq!(values.len(), all.len(), "{reader:?}: {values:?}");
        let (old, new) = values.split_at(before.len());
        // Every editable value is decoded as its host reads it.
        for (((editable, text), host), (n, _)) in decoded.iter().zip(old).zip(&rows) {
            if *editable {
                assert_eq!(
                    &hex(text.as_bytes()),
                    host,
                    "{reader:?}: {:?} decodes to {text:?}",
                    file_of(&ROWS[*n])
                );
                checked += 1;
            }
        }
        for ((n, t, tail), got) in expected_new.iter().zip(new) {
            let i = rows.iter().position(|(m, _)| m == n).unwrap();
            let want = format!("{}{}", old[i], hex(tail.as_bytes()));
            assert_ne!(
                old[i],
                "ERR",
                "{reader:?} cannot read {:?}",
                file_of(&ROWS[*n])
            );
            assert_eq!(
                got,
                &want,
                "{reader:?}: {:?} with {tail:?} reads back differently:\n{}",
                file_of(&ROWS[*n]),
                std::fs::read_to_string(dir.join(format!("r{n}-{t}.{}", ROWS[*n].1))).unwrap()
            );
            checked += 1;
        }
    }
    println!("{checked} decoded and edited values agree with their hosts");
    let _ = std::fs::remove_dir_all(&dir);
}
