//! Quick fixes for the findings under the cursor, and "format this connection string". Each
//! fix is new text for the connection string, written into the document by
//! [`edits::replace`](super::edits::replace) — re-escaped for the host format by the same
//! editing code as `zoomconn fmt` — and sent as a `WorkspaceEdit`.
//!
//! | finding | fix | preferred |
//! |---|---|---|
//! | `unknown-property`, `invalid-enum` with "did you mean X?" | replace the name or value with X | yes |
//! | `spaced-property-name` | write the canonical name | yes |
//! | `missing-profile`, `missing-auth-scheme`, `missing-required` | add the property (a placeholder value to fill in) | yes |
//! | `duplicate-property` | remove the earlier occurrence | no |
//! | "a `;` is probably missing before X", `syntax/text-after-quote` | insert the `;` | yes |
//! | any place in a string that is not canonical | format this connection string | no |
//!
//! The replacement a fix writes comes from the library's own help (its suggestion), checked
//! against the registry: no second rule decides what is near.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Uri, WorkspaceEdit};
use zoomconn::registry::{self, PROPERTIES, ValueType};
use zoomconn::{ConnectionString, ErrorKind, Finding, Rule, Tokenizer};

use super::analysis::{Analysis, Entry};
use super::documents::Document;
use super::edits;
use super::positions::Encoding;

/// A fix: a title and the string's new text (the whole decoded string).
struct Fix {
    title: String,
    text: String,
    preferred: bool,
}

/// The suggestion of a "did you mean X?" help.
fn did_you_mean(finding: &Finding) -> Option<&str> {
    let help = finding.help()?;
    let rest = help.split("did you mean ").nth(1)?;
    rest.split('?').next()
}

/// `text` with decoded range `r` replaced.
fn splice(text: &str, r: Range<usize>, with: &str) -> Option<String> {
    let (before, after) = (text.get(..r.start)?, text.get(r.end..)?);
    Some(format!("{before}{with}{after}"))
}

/// The string with `Name=value` added at its end.
fn append(found: &zoomconn_sources::Found, pair: &str) -> String {
    let text = found.text().trim_end();
    let sep = if found.body().trim().is_empty() || text.ends_with(';') {
        ""
    } else {
        ";"
    };
    format!("{text}{sep}{pair}")
}

/// The value a property added by a fix gets: a documentation placeholder
/// (`your_oauth_client_id`) that `placeholder-value` keeps flagging until it is filled in, and
/// the loopback redirect URI for URLs.
fn placeholder(p: &registry::Property) -> String {
    match p.value_type {
        ValueType::Url => "http://localhost:33333".to_owned(),
        ValueType::Enum(values) => p
            .default
            .or_else(|| values.first().copied())
            .unwrap_or_default()
            .to_owned(),
        _ => {
            let snake = registry::spellings(p).pop().unwrap_or_default();
            format!("your_{snake}")
        }
    }
}

/// The name a `missing-required` message names: `missing OAuthClientId, required when …`.
fn missing_name(finding: &Finding) -> Option<&'static registry::Property> {
    let name = finding
        .message()
        .strip_prefix("missing ")?
        .split(',')
        .next()?;
    registry::lookup(name).map(|m| m.property)
}

/// Where to insert a `;` for a syntax error "text after the closing quote": after the first
/// quote of the segment after which the grammar no longer reports that error there.
fn semicolon_after_quote(entry: &Entry, span: Range<usize>) -> Option<String> {
    let text = entry.found.text();
    let body_at = entry.body_offset();
    let key = span.start.checked_sub(body_at)?;
    let body = entry.found.body();
    let rest = body.get(key..)?;
    for (i, c) in rest.char_indices().take(4096) {
        if c != '\'' && c != '"' && c != '}' {
            continue;
        }
        let at = key + i + c.len_utf8();
        let candidate = splice(body, at..at, ";")?;
        let still = Tokenizer::with_syntax(&candidate, entry.found.syntax())
            .filter_map(Result::err)
            .any(|e| e.kind() == ErrorKind::TextAfterQuote && e.offset() == key);
        if !still {
            return splice(text, body_at + at..body_at + at, ";");
        }
    }
    None
}

/// The fixes of one finding.
fn fixes(entry: &Entry, finding: &Finding) -> Vec<Fix> {
    let found = &entry.found;
    let text = found.text();
    let span = entry.checked.span(finding);
    let mut out = Vec::new();
    let rule = finding.rule();
    match rule {
        Rule::UnknownProperty | Rule::SpacedPropertyName => {
            let name = match rule {
                Rule::SpacedPropertyName => finding.help().and_then(|h| h.strip_prefix("write ")),
                _ => did_you_mean(finding),
            };
            // Only a canonical name of the registry is written.
            if let Some(p) = name.and_then(|n| PROPERTIES.iter().find(|p| p.name == n)) {
                if let Some(new) = splice(text, span.clone(), p.name) {
                    out.push(Fix {
                        title: format!("Replace with `{}`", p.name),
                        text: new,
                        preferred: true,
                    });
                }
            }
        }
        Rule::InvalidEnum => {
            let accepted = did_you_mean(finding).and_then(|v| {
                PROPERTIES
                    .iter()
                    .flat_map(|p| p.accepted_values())
                    .find(|&&a| a == v)
            });
            if let Some(new) = accepted.and_then(|v| splice(text, span.clone(), v)) {
                out.push(Fix {
                    title: format!("Replace with `{}`", accepted.unwrap_or(&"")),
                    text: new,
                    preferred: true,
                });
            }
        }
        Rule::MissingProfile => {
            let at = entry.body_offset();
            if let Some(new) = splice(text, at..at, "Profile=Zoom.apip;") {
                out.push(Fix {
                    title: "Add `Profile=Zoom.apip`".to_owned(),
                    text: new,
                    preferred: true,
                });
            }
        }
        Rule::MissingAuthScheme => out.push(Fix {
            title: "Add `AuthScheme=OAuth`".to_owned(),
            text: append(found, "AuthScheme=OAuth"),
            preferred: true,
        }),
        Rule::MissingRequired => {
            if let Some(p) = missing_name(finding) {
                out.push(Fix {
                    title: format!("Add `{}` (a placeholder value to fill in)", p.name),
                    text: append(found, &format!("{}={}", p.name, placeholder(p))),
                    preferred: true,
                });
            }
        }
        Rule::DuplicateProperty => {
            let body_at = entry.body_offset();
            let earlier = finding.related_span();
            let segment = Tokenizer::with_syntax(found.body(), found.syntax())
                .map_while(Result::ok)
                .find(|s| Some(s.key_span().start) == earlier.as_ref().map(|r| r.start));
            if let Some(seg) = segment {
                let r = seg.span();
                if let Some(new) = splice(text, body_at + r.start..body_at + r.end, "") {
                    out.push(Fix {
                        title: "Remove the earlier occurrence".to_owned(),
                        text: new,
                        preferred: false,
                    });
                }
            }
        }
        Rule::Syntax if finding.kind() == Some(ErrorKind::TextAfterQuote) => {
            if let Some(new) = semicolon_after_quote(entry, span.clone()) {
                out.push(Fix {
                    title: "Insert the missing `;`".to_owned(),
                    text: new,
                    preferred: true,
                });
            }
        }
        _ => {}
    }
    // "a `;` is probably missing before Name": the name's place inside the finding's text.
    let hint = "a `;` is probably missing before ";
    let named = [finding.message(), finding.help().unwrap_or_default()]
        .into_iter()
        .find_map(|m| m.split(hint).nth(1));
    if let Some(name) = named.map(|n| n.trim_end_matches(['.', ')'])) {
        let inside = text.get(span.clone()).unwrap_or_default();
        let at = inside
            .match_indices(name)
            .map(|(i, _)| span.start + i)
            .find(|&i| i > span.start);
        if let Some(new) = at.and_then(|i| splice(text, i..i, ";")) {
            out.push(Fix {
                title: "Insert the missing `;`".to_owned(),
                text: new,
                preferred: true,
            });
        }
    }
    out
}

/// The canonical text of a string, when `fmt` would rewrite it.
pub(crate) fn canonical(found: &zoomconn_sources::Found) -> Option<String> {
    if found.kind() == zoomconn_sources::Kind::OdbcIni
        || found.is_fragment()
        || !found.is_editable()
    {
        return None;
    }
    let cs = ConnectionString::parse_with(found.body(), found.syntax()).ok()?;
    let new = format!("{}{}", found.prefix(), cs.to_canonical_string());
    (new != found.text()).then_some(new)
}

/// Does the client ask for actions of `kind`? Every kind when it names none (`only` absent);
/// else a kind it names, or one under it (`refactor` takes `refactor.rewrite`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let (k, kind) = (k.as_str(), kind.as_str());
            kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// The code actions for the byte range `range` of a document, of the kinds the client asks
/// for (`only`, the request's `context.only`).
pub(crate) fn actions(
    uri: &Uri,
    doc: &Document,
    analysis: &Analysis,
    range: Range<usize>,
    only: Option<&[CodeActionKind]>,
    encoding: Encoding,
    docs: Option<&str>,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let (quick_fixes, rewrites) = (
        wanted(only, &CodeActionKind::QUICKFIX),
        wanted(only, &CodeActionKind::REFACTOR_REWRITE),
    );
    let touches = |r: &Range<usize>| r.start <= range.end && range.start <= r.end;
    let workspace = |edits| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    for entry in analysis.entries.iter().filter(|e| touches(&e.found.span())) {
        let findings = entry.findings.iter().filter(|_| quick_fixes);
        for finding in findings.filter(|f| touches(&entry.range(f))) {
            for fix in fixes(entry, finding) {
                let Ok(edits) = edits::replace(doc, &entry.found, &fix.text, encoding) else {
                    continue;
                };
                let diagnostic = super::diagnostics::one(uri, doc, entry, finding, encoding, docs);
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(workspace(edits)),
                    is_preferred: Some(fix.preferred),
                    ..CodeAction::default()
                }));
            }
        }
        if let Some(new) = canonical(&entry.found).filter(|_| rewrites) {
            if let Ok(edits) = edits::replace(doc, &entry.found, &new, encoding) {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Format this connection string".to_owned(),
                    kind: Some(CodeActionKind::REFACTOR_REWRITE),
                    edit: Some(workspace(edits)),
                    ..CodeAction::default()
                }));
            }
        }
    }
    out
}

/// The edits of `textDocument/formatting`: every string `fmt` would rewrite, in one edit of
/// the document checked as `fmt` checks it.
pub(crate) fn format(
    doc: &Document,
    analysis: &Analysis,
    encoding: Encoding,
) -> Result<Vec<lsp_types::TextEdit>, zoomconn_sources::SourceError> {
    if analysis.problem.is_some() {
        // A document that does not parse as its kind is left as it is, as `fmt` leaves it.
        return Ok(Vec::new());
    }
    let new: Vec<(usize, String)> = analysis
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| canonical(&e.found).map(|t| (i, t)))
        .collect();
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let pairs: Vec<(&zoomconn_sources::Found, &str)> = new
        .iter()
        .filter_map(|(i, t)| analysis.entries.get(*i).map(|e| (&e.found, t.as_str())))
        .collect();
    let edited = zoomconn_sources::edit_all(&doc.text, &pairs)?;
    Ok(edits::between(doc, &edited, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::analysis::{Validations, analyze};
    use crate::lsp::documents::Documents;

    /// A fix as offered: title, the string after it, preferred.
    type Offered<'a> = (&'a str, String, bool);

    /// The fixes offered for a `.env` line, as (title, the string after the fix).
    fn fixes_of(value: &str) -> Vec<(String, String, bool)> {
        let mut docs = Documents::default();
        let uri: Uri = "file:///p/.env".parse().unwrap();
        docs.open(uri.clone(), format!("Z={value}\n"), 1);
        let doc = docs.get(&uri).unwrap();
        let analysis = analyze(doc, Validations::default());
        let mut out = Vec::new();
        for entry in &analysis.entries {
            for f in &entry.findings {
                for fix in fixes(entry, f) {
                    out.push((fix.title, fix.text, fix.preferred));
                }
            }
        }
        out
    }

    #[test]
    fn fixes_by_rule() {
        let base = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=t";
        #[rustfmt::skip]
        let table: Vec<(String, Vec<Offered<'_>>)> = vec![
            // The misspelt name leaves AuthScheme missing too: a fix for each finding.
            (base.replace("AuthScheme=OAuth", "AuthSchme=OAuth"), vec![
                ("Add `AuthScheme=OAuth`", format!("{};AuthScheme=OAuth", base.replace("AuthScheme", "AuthSchme")), true),
                ("Replace with `AuthScheme`", base.to_owned(), true),
            ]),
            (base.replace("InitiateOAuth=OFF", "InitiateOAuth=REFERSH"), vec![
                ("Replace with `REFRESH`", base.replace("=OFF", "=REFRESH"), true),
            ]),
            (base.replace("AuthScheme=OAuth", "Auth Scheme=OAuth"), vec![
                ("Replace with `AuthScheme`", base.to_owned(), true),
            ]),
            ("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=a;CallbackURL=http://localhost:33333".to_owned(), vec![
                ("Add `OAuthClientSecret` (a placeholder value to fill in)",
                 "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=a;CallbackURL=http://localhost:33333;OAuthClientSecret=your_oauth_client_secret".to_owned(), true),
            ]),
            (format!("InitiateOAuth=REFRESH;{base}"), vec![
                ("Remove the earlier occurrence", base.to_owned(), false),
            ]),
            (base.replace("AuthScheme=OAuth;", ""), vec![
                ("Add `AuthScheme=OAuth`", format!("{};AuthScheme=OAuth", base.replace("AuthScheme=OAuth;", "")), true),
            ]),
        ];
        for (value, expected) in table {
            let got = fixes_of(&value);
            let got: Vec<Offered<'_>> = got
                .iter()
                .map(|(t, s, p)| (t.as_str(), s.clone(), *p))
                .collect();
            assert_eq!(got, expected, "{value}");
        }
    }
}
