//! Instruction counts for `benches/scaling.sh`: every file reader, and the human renderer, on
//! generated inputs of a given size. `sources WORKLOAD:KIB N` builds the input, then reads it
//! (and validates and renders what it finds) N times; the script runs it under callgrind with
//! N = 0 and N = 1 and divides the difference by the input size, at two sizes: equal figures
//! mean linear work.

use std::hint::black_box;

use zoomconn_cli::render::{self, Diagnostic, FindingSite, Masks};
use zoomconn_sources::{self as sources, Kind, LineIndex, Options};

const ZOOM: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s3cr3t;CallbackURL=http://localhost:33333;Timeout=x";

/// `unit(i)` repeated until the text has `size` bytes, between `head` and `tail`.
fn fill(size: usize, head: &str, tail: &str, unit: impl Fn(usize) -> String) -> String {
    let mut s = String::from(head);
    let mut i = 0;
    while s.len() + tail.len() < size {
        s.push_str(&unit(i));
        i += 1;
    }
    s.push_str(tail);
    s
}

fn input(workload: &str, size: usize) -> (Kind, String) {
    match workload {
        "json" => (
            Kind::Json,
            fill(size, "{\"ConnectionStrings\": {\n", "\"end\": 1}}\n", |i| {
                format!("  \"z{i}\": \"{ZOOM};Scope=\\\"a b\\\"\",\n")
            }),
        ),
        "xml" => (
            Kind::Xml,
            fill(
                size,
                "<configuration><connectionStrings>\n",
                "</connectionStrings></configuration>\n",
                |i| {
                    format!(
                        "<add name=\"z{i}\" connectionString=\"{ZOOM};Scope=&quot;a &amp; b&quot;\"/>\n"
                    )
                },
            ),
        ),
        "xml-amp" => (
            Kind::Xml,
            fill(size, "<a v=\"x=1", "\"/>\n", |_| "&".to_owned()),
        ),
        "yaml" => (
            Kind::Yaml,
            fill(size, "zoom:\n", "", |i| {
                format!("  z{i}: \"{ZOOM};Scope=\\\"a\\\"\"\n")
            }),
        ),
        "env" => (
            Kind::Env,
            fill(size, "", "", |i| {
                format!("Z{i}=\"{ZOOM};Scope=\\\"a\\\"\"\n")
            }),
        ),
        "properties" => (
            Kind::Properties,
            fill(size, "", "", |i| {
                format!("z{i}={ZOOM};\\\n  Scope=a\\u0041\n")
            }),
        ),
        "odbc" => (
            Kind::OdbcIni,
            fill(size, "", "", |i| {
                format!(
                    "[Z{i}]\nDriver=CData ODBC Driver for API\nProfile=Zoom.apip\nAuthScheme=OAuth\nTimeout=x\n"
                )
            }),
        ),
        "ini" => (
            Kind::Ini,
            fill(size, "", "", |i| {
                format!("[s{i}]\nzoom = {ZOOM}\nother = 1\n")
            }),
        ),
        "prp" => (
            Kind::Prp,
            fill(size, "# CData\n", "", |i| {
                format!("Other{i}=x\nTimeout=y\n")
            }),
        ),
        "code" => (
            Kind::Code,
            fill(size, "", "", |i| {
                format!("var z{i} = @\"{ZOOM};Scope=\"\"a\"\"\"; // profile\n")
            }),
        ),
        "text" => (Kind::Text, fill(size, "", "", |_| format!("{ZOOM}\n"))),
        // One line: many secrets, then findings on a long line.
        "human-secrets" => (
            Kind::Text,
            fill(size, "Profile=Zoom.apip;AuthScheme=x;", "\n", |_| {
                "Password=x;Timeout=y;".to_owned()
            }),
        ),
        "human-long-line" => (
            Kind::Text,
            fill(
                size,
                "Profile=Zoom.apip;Scope=",
                ";AuthScheme=x;Timeout=y\n",
                |_| "s".to_owned(),
            ),
        ),
        other => panic!("unknown workload {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let spec = args.get(1).map_or("json:256", String::as_str);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let (workload, kib) = spec.split_once(':').unwrap_or((spec, "256"));
    let size = kib.parse::<usize>().unwrap_or(256) * 1024;
    let (kind, text) = input(workload, size);
    let human = workload.starts_with("human");
    // One-time set-up (the anchor automaton, the registry's tables) runs in the N = 0 run
    // too, so that it cancels out.
    for f in sources::find(ZOOM, Kind::Code, &Options::default())
        .into_iter()
        .flatten()
    {
        black_box(f.validate().findings().count());
    }
    let mut findings = 0;
    for _ in 0..n {
        let found = sources::find(black_box(&text), kind, &Options::default());
        let lines = LineIndex::new(&text);
        for f in found.into_iter().flatten() {
            let f = &f;
            let checked = f.validate();
            let masks = Masks::new(f, &checked);
            for finding in checked.findings() {
                findings += 1;
                if human {
                    let d = Diagnostic::from_finding(FindingSite {
                        path: "f",
                        source: &text,
                        lines: &lines,
                        found: f,
                        checked: &checked,
                        masks: &masks,
                        finding,
                    });
                    black_box(render::human(&d, false));
                }
            }
        }
    }
    println!(
        "{workload}: {} input bytes, {findings} findings",
        text.len()
    );
}
