//! The README's table of rules lists every rule id a finding, an error or the CLI can print,
//! exactly as it is printed, with its severity — and nothing else, so the table cannot drift.

use std::collections::BTreeSet;

use zoomconn::{ErrorKind, Rule, Severity};

/// Every id [`zoomconn::Finding::code`] can print: each rule's name, and for a syntax error
/// the rule and the kind after a `/`.
fn printable_ids() -> BTreeSet<(String, Severity)> {
    let mut ids = BTreeSet::new();
    for &rule in Rule::ALL {
        // `nested-syntax` findings always carry the kind of the nested error; a `syntax`
        // finding without a kind is `ConfigBuilder::build`'s unwritable key or value.
        if rule != Rule::NestedSyntax {
            ids.insert((rule.name().to_owned(), rule.severity()));
        }
    }
    for &kind in ErrorKind::ALL {
        ids.insert((format!("syntax/{kind}"), Rule::Syntax.severity()));
        // A nested value is part of an input under 2 GiB: it is never too long.
        if kind != ErrorKind::TooLong {
            ids.insert((
                format!("nested-syntax/{kind}"),
                Rule::NestedSyntax.severity(),
            ));
        }
    }
    ids
}

/// The ids in the first column of the README's rules table (every backticked word of the
/// cell), each with the row's severity.
fn readme_ids() -> BTreeSet<(String, Severity)> {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("| rule id | severity | meaning |")
        .expect("the README has a rules table");
    let mut ids = BTreeSet::new();
    for row in readme[start..].lines().skip(2) {
        if !row.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = row.split(" | ").collect();
        let severity = match cells.get(1).copied() {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            other => panic!("row {row:?} has the severity {other:?}"),
        };
        let first = cells[0].trim_start_matches("| ");
        for id in first.split(", ") {
            // Each id carries its anchor (`<a id="rule-…"></a>`), the target of the language
            // server's links: it must name the id.
            let (anchor, id) = id.rsplit_once("</a>").unwrap_or(("", id));
            let id = id
                .strip_prefix('`')
                .and_then(|id| id.strip_suffix('`'))
                .unwrap_or_else(|| panic!("{id:?} in {row:?} is not in backticks"));
            assert_eq!(
                anchor,
                format!("<a id=\"rule-{id}\">"),
                "the anchor of {id}"
            );
            assert!(
                ids.insert((id.to_owned(), severity)),
                "{id} is listed twice"
            );
        }
    }
    ids
}

#[test]
fn readme_rule_table_lists_every_printed_rule_id() {
    let printable = printable_ids();
    let listed = readme_ids();
    let missing: Vec<_> = printable.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&printable).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README rules table: missing {missing:?}, not printed (or wrong severity) {extra:?}"
    );
    assert_eq!(listed.len(), 19 + 13 + 12);
}

/// The ids the table lists are what a finding and an error print.
#[test]
fn printed_ids_are_listed() {
    let listed: BTreeSet<String> = readme_ids().into_iter().map(|(id, _)| id).collect();
    for input in [
        "Profile=Zoom.apip;AuthScheme",
        "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;ProfileSettings=\"a='b\"",
        "Profile=x.apip;AuthScheme=OAuth2;Timeout=x;a;b=",
    ] {
        for f in &zoomconn::validate(input) {
            assert!(listed.contains(&*f.code()), "{}", f.code());
        }
        if let Err(e) = zoomconn::ConnectionString::parse(input) {
            let id = e.to_string().split(": ").nth(1).unwrap().to_owned();
            assert!(listed.contains(&id), "{e}");
        }
    }
}
