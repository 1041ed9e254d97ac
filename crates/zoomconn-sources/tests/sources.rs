//! `zoomconn_sources` as a library: positions map back to the file's own bytes through every
//! escape (property tests), and `edit` changes only the string's bytes in every host format.

use proptest::prelude::*;
use zoomconn_sources::{self as sources, Kind, Options, SourceErrorKind};

/// A file of each kind holding one CData string, `§` marking where it goes.
const HOSTS: &[(Kind, &str)] = &[
    (
        Kind::Json,
        "{\n  // c\n  \"ConnectionStrings\": { \"Zoom\": \"§\", },\n}\n",
    ),
    (
        Kind::Xml,
        "<c>\r\n  <add name=\"Zoom\" connectionString=\"§\" />\r\n</c>\r\n",
    ),
    (Kind::Xml, "<c>\n  <add key='Zoom' value='§' />\n</c>\n"),
    (
        Kind::Xml,
        "<setting name=\"Zoom\"><value>§</value></setting>\n",
    ),
    (Kind::Env, "# c\nexport ZOOM=\"§\"\nB=1\n"),
    (Kind::Env, "ZOOM='§'\n"),
    (Kind::Properties, "# c\nzoom.url = §\nother=1\n"),
    (Kind::Yaml, "zoom:\n  url: \"§\"\nother: 1\n"),
    (Kind::Yaml, "zoom:\n  url: '§'\n"),
    (Kind::Code, "var zoom = \"§\";\n"),
    (Kind::Code, "var zoom = @\"§\";\n"),
    (Kind::Code, "zoom = '§'\n"),
];

const SEED: &str = "Profile=Zoom.apip;AuthScheme=OAuth";

/// A host's file with `SEED` in place.
fn seeded(template: &str) -> String {
    template.replacen('§', SEED, 1)
}

fn decodes_to(piece: &str, c: char) -> bool {
    piece.starts_with(c)
        || piece.starts_with('\\')
        || piece.starts_with('&')
        || piece.starts_with("''")
        || piece.starts_with("\"\"")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any text put in any host reads back as itself, at the same place, and every decoded
    /// char maps to its own char or its escape in the file, in order.
    #[test]
    fn positions_map_back_through_every_escape(tail in "[ -~é\"'\\\\<>&;=\t]{0,40}") {
        let text = format!("{SEED};Scope={tail}");
        for &(kind, template) in HOSTS {
            let file = seeded(template);
            let found: Vec<_> = sources::find(&file, kind, &Options::default()).unwrap().collect();
            prop_assert_eq!(found.len(), 1, "{:?}", template);
            let Ok(edited) = sources::edit(&file, &found[0], &text) else {
                continue; // a place that cannot hold this text (a quote in '…' values)
            };
            let again: Vec<_> = sources::find(&edited, kind, &Options::default()).unwrap().collect();
            prop_assert_eq!(again.len(), 1);
            let f = &again[0];
            prop_assert_eq!(f.text(), text.as_str());
            let mut last = 0;
            for (i, c) in text.char_indices() {
                let r = f.file_range(i..i + c.len_utf8());
                prop_assert!(r.start >= last, "{:?}: offsets go back at {}", template, i);
                last = r.start;
                let piece = &edited[r.clone()];
                prop_assert!(decodes_to(piece, c), "{:?}: {:?} at {:?} is {:?}", template, c, r, piece);
            }
            // The bytes around the string are the template's.
            let span = f.span();
            let (head, tail) = template.split_once('§').unwrap();
            prop_assert_eq!(&edited[..span.start], head);
            prop_assert_eq!(&edited[span.end..], tail);
        }
    }
}

#[test]
fn edit_escapes_for_each_host() {
    let new = "Profile=Zoom.apip;Scope=\"a & b\";Other='x'";
    #[rustfmt::skip]
    let expected = [
        "{\n  // c\n  \"ConnectionStrings\": { \"Zoom\": \"Profile=Zoom.apip;Scope=\\\"a & b\\\";Other='x'\", },\n}\n",
        "<c>\r\n  <add name=\"Zoom\" connectionString=\"Profile=Zoom.apip;Scope=&quot;a &amp; b&quot;;Other='x'\" />\r\n</c>\r\n",
        "<c>\n  <add key='Zoom' value='Profile=Zoom.apip;Scope=\"a &amp; b\";Other=&apos;x&apos;' />\n</c>\n",
        "<setting name=\"Zoom\"><value>Profile=Zoom.apip;Scope=\"a &amp; b\";Other='x'</value></setting>\n",
        "# c\nexport ZOOM=\"Profile=Zoom.apip;Scope=\\\"a & b\\\";Other='x'\"\nB=1\n",
        "refused",
        "# c\nzoom.url = Profile=Zoom.apip;Scope=\"a & b\";Other='x'\nother=1\n",
        "zoom:\n  url: \"Profile=Zoom.apip;Scope=\\\"a & b\\\";Other='x'\"\nother: 1\n",
        "zoom:\n  url: 'Profile=Zoom.apip;Scope=\"a & b\";Other=''x'''\n",
        "var zoom = \"Profile=Zoom.apip;Scope=\\\"a & b\\\";Other='x'\";\n",
        "var zoom = @\"Profile=Zoom.apip;Scope=\"\"a & b\"\";Other='x'\";\n",
        "zoom = 'Profile=Zoom.apip;Scope=\"a & b\";Other=''x'''\n",
    ];
    for (&(kind, template), want) in HOSTS.iter().zip(expected) {
        let file = seeded(template);
        let found = &sources::find(&file, kind, &Options::default())
            .unwrap()
            .next()
            .unwrap();
        let got = match sources::edit(&file, found, new) {
            Ok(t) => t,
            Err(e) => {
                assert_eq!(e.kind(), SourceErrorKind::NotEditable);
                "refused".to_owned()
            }
        };
        assert_eq!(got, want, "{template:?}");
    }
}

#[test]
fn edits_that_would_not_read_back_are_refused() {
    for (kind, file, new) in [
        // A line break in an unquoted value.
        (
            Kind::Env,
            "Z=Profile=Zoom.apip;AuthScheme=OAuth\n",
            "Profile=Zoom.apip;\nAuthScheme=OAuth",
        ),
        // ` #` starts a comment in an unquoted .env value.
        (
            Kind::Env,
            "Z=Profile=Zoom.apip;AuthScheme=OAuth\n",
            "Profile=Zoom.apip;Scope=a #b",
        ),
        // `: ` in a plain YAML scalar starts a mapping.
        (
            Kind::Yaml,
            "z: Profile=Zoom.apip;AuthScheme=OAuth\n",
            "Profile=Zoom.apip;Scope=a: b",
        ),
        // `]]>` ends CDATA.
        (
            Kind::Xml,
            "<v><![CDATA[Profile=Zoom.apip;AuthScheme=OAuth]]></v>",
            "Profile=Zoom.apip;Scope=]]>",
        ),
        // A data source section is not one piece of text.
        (
            Kind::OdbcIni,
            "[Z]\nProfile=Zoom.apip\nAuthScheme=OAuth\n",
            "Profile=Zoom.apip",
        ),
    ] {
        let found = &sources::find(file, kind, &Options::default())
            .unwrap()
            .next()
            .unwrap();
        let err = sources::edit(file, found, new).unwrap_err();
        assert_eq!(err.kind(), SourceErrorKind::NotEditable, "{file:?} {new:?}");
    }
}

#[test]
fn edit_all_edits_several_strings_of_one_line() {
    let file = r#"{"A":"Profile=Zoom.apip;AuthScheme=OAuth","B":"Profile = Zoom.apip ; AuthScheme = OAuth"}"#;
    let found: Vec<_> = sources::find(file, Kind::Json, &Options::default())
        .unwrap()
        .collect();
    let edited = sources::edit_all(
        file,
        &[
            (&found[1], "Profile=Zoom.apip;AuthScheme=OAuth;"),
            (&found[0], "Profile=Zoom.apip;AuthScheme=OAuth;"),
        ],
    )
    .unwrap();
    assert_eq!(
        edited,
        r#"{"A":"Profile=Zoom.apip;AuthScheme=OAuth;","B":"Profile=Zoom.apip;AuthScheme=OAuth;"}"#
    );
}

/// Every reader on hostile shapes of 2 MiB: nothing panics, and each finishes (a quadratic
/// reader would stall the suite; `benches/scaling.sh` measures instructions per byte).
#[test]
fn hostile_files_read_in_linear_time() {
    let mib = 2 << 20;
    let shapes: Vec<(Kind, String)> = vec![
        (Kind::Xml, format!("<a v=\"x=1{}\"/>", "&".repeat(mib))),
        (Kind::Xml, format!("<a>{}</a>", "&amp;=".repeat(mib / 6))),
        (Kind::Json, format!("[{}]", "\"a=1\",".repeat(mib / 6))),
        (Kind::Json, "[".repeat(mib)),
        (Kind::Yaml, "[".repeat(mib)),
        (Kind::Yaml, format!("a: \"{}\"", "\\\"".repeat(mib / 2))),
        (Kind::Env, "A=\"\n".repeat(mib / 4)),
        (Kind::Properties, "a\\\n".repeat(mib / 3)),
        (Kind::Code, "\"Profile=".repeat(mib / 9)),
        (
            Kind::Code,
            format!("x = \"{}\"", "Profile=Zoom.apip;".repeat(mib / 18)),
        ),
        (Kind::OdbcIni, "[s]\nk=v\n".repeat(mib / 8)),
        (Kind::Text, "Password=x;".repeat(mib / 11)),
    ];
    for (kind, text) in shapes {
        let started = std::time::Instant::now();
        if let Ok(found) = sources::find(&text, kind, &Options::default()) {
            for f in found {
                let _ = f.validate();
            }
        }
        // Generous for a debug build on a busy machine; a quadratic reader takes minutes.
        let took = started.elapsed();
        assert!(took.as_secs() < 60, "{kind:?} took {took:?}");
    }
}

/// Library outputs of the readers never show a secret: `Debug` of what they return.
#[test]
fn debug_of_every_sources_type_hides_secrets() {
    const CANARY: &str = "Qz9CANARYdebugQz9";
    let file = format!("ZOOM=\"Profile=Zoom.apip;OAuthClientSecret={CANARY};AuthScheme=x\"\n");
    let decoded = sources::decode(file.clone().into_bytes()).unwrap();
    let mut finds = sources::find(&file, Kind::Env, &Options::default()).unwrap();
    let scan = format!("{finds:?}");
    let found = &finds.next().unwrap();
    let checked = found.validate();
    for text in [
        format!("{decoded:?}"),
        scan,
        format!("{found:?}"),
        format!("{checked:?}"),
    ] {
        assert!(!text.contains(CANARY), "{text}");
    }
    // The text itself is there on purpose: it is the connection string.
    assert!(found.text().contains(CANARY));
}

#[test]
fn xml_references_with_leading_zeros_are_read_in_keys() {
    let file = "<add key=\"Zoom\" value=\"Profile=Zoom.apip;Pass&#x0000000077;ord=hunter2sekrit;Us&#0000101;r=u\"/>";
    let found: Vec<_> = sources::find(file, Kind::Xml, &Options::default())
        .unwrap()
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].text(),
        "Profile=Zoom.apip;Password=hunter2sekrit;User=u"
    );
    assert!(found[0].is_editable());
    // `Password` is a secret key: its value never shows.
    let shown = format!("{:?}", found[0]);
    assert!(!shown.contains("hunter2sekrit"), "{shown}");
    let redacted = zoomconn::secrets::redact(found[0].text(), found[0].syntax());
    assert!(!redacted.contains("hunter2sekrit"), "{redacted}");
}

/// Words of CData strings and of other strings, for files the prefilter must judge.
const WORDS: &[&str] = &[
    "Profile=Zoom.apip",
    "AuthScheme=OAuth",
    "InitiateOAuth=OFF",
    "Initiate OAuth=OFF",
    "jdbc:api:",
    "jdbc:sharepoint:",
    "Driver={CData ODBC Driver for API}",
    "DSN=CData Zoom Source",
    "Server=db",
    "Password=p",
    "Timeout=5",
    "Description=x",
    "Profile=admin",
    "Verbosity=3",
    "Callback URL=http://l",
    "OAuthClientId=x",
    "RTK=x",
    "import cdata.zoom as z",
    "z.connect(",
    "using System.Data.CData.Access;",
    "new AccessConnection(",
    "DriverClass=cdata.jdbc.api.APIDriver",
    "\"",
    "'",
    ";",
    "\n",
    " + ",
    "=",
    ":",
    "{",
    "}",
    "[s]",
    "- ",
    "# ",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The prefilter gives the same answers: a file it turns away holds no CData string, read
    /// as any kind (but `Kind::Text`, where every line is taken whatever it holds).
    #[test]
    fn the_prefilter_turns_away_no_file_with_a_string(
        picks in proptest::collection::vec(0..WORDS.len(), 0..12),
    ) {
        let file: String = picks.iter().map(|&i| WORDS[i]).collect();
        if sources::may_hold_cdata(file.as_bytes()) {
            return Ok(());
        }
        for kind in Kind::ALL.iter().filter(|k| **k != Kind::Text) {
            let found = sources::find(&file, *kind, &Options::default())
                .map(|finds| finds.count())
                .unwrap_or_default();
            prop_assert_eq!(found, 0, "{:?} as {:?}", file, kind);
        }
    }
}
