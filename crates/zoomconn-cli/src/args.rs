//! Command-line arguments (clap).

use std::ffi::OsString;
use std::path::PathBuf;

use std::sync::LazyLock;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use zoomconn_sources::Kind;

const AFTER_HELP: &str =
    "Exit codes: 0 clean, 1 findings or formatting differences, 2 usage or I/O error.";

/// Validate, format and inspect CData connection strings for the Zoom API profile.
#[derive(Debug, Parser)]
#[command(name = "zoomconn", version, about, after_help = AFTER_HELP)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Validate every CData connection string in files and directories (or stdin) and report
    /// each problem at its file:line:column.
    #[command(after_help = "Examples:
  zoomconn check .                                  # walk the repository
  zoomconn check --format github --deny-warnings config/
  echo 'Profile=Zoom.apip;AuthScheme=OAuth' | zoomconn check -
  zoomconn check --input env --var ZOOM_CONN deploy.env
  zoomconn check --format json . > zoomconn.json    # later: --baseline zoomconn.json

Inline suppression: a `zoomconn:allow(rule, ...)` comment on the string's line or the line
before it.

Exit codes: 0 clean, 1 errors (or warnings with --deny-warnings), 2 usage or I/O error
(unreadable or unparsable files included).")]
    Check(CheckArgs),
    /// List every CData connection string in files and directories: where, name, driver.
    #[command(after_help = "Examples:
  zoomconn find .
  zoomconn find --format json src/ config/

Exit codes: 0 done (whether or not strings were found), 2 usage or I/O error.")]
    Find(FindArgs),
    /// Rewrite connection strings in canonical form, changing only their bytes; with --check,
    /// show the changes and fail when anything would change.
    #[command(after_help = "Examples:
  zoomconn fmt appsettings.json .env      # rewrite in place (atomically)
  zoomconn fmt --check .                  # show masked changes, exit 1 if any
  echo ' Profile = Zoom.apip ' | zoomconn fmt

Only the bytes of CData connection strings change, re-escaped for the file's format; a file
that cannot be edited safely is left untouched (exit 2): one that is read-only, has several hard
links (unless --force), cannot keep its owner, or changed while zoomconn ran.")]
    Fmt(FmtArgs),
    /// Show the effective entries of one connection string.
    #[command(after_help = "Examples:
  zoomconn parse 'Profile=Zoom.apip;AuthScheme=OAuth'
  zoomconn parse --json < connection.txt
  zoomconn parse --odbc 'Driver={CData API};Profile=Zoom.apip'

Secret values are shown as *** unless --show-secrets is given. Exit 1 on a syntax error.")]
    Parse(ParseArgs),
    /// Print a connection string with every secret value replaced by ***.
    #[command(after_help = "Examples:
  zoomconn redact 'Profile=Zoom.apip;OAuthClientSecret=abc'
  zoomconn redact - < connection.txt")]
    Redact(RedactArgs),
    /// Describe a property: type, default, accepted values, secret or not.
    #[command(after_help = "Examples:
  zoomconn explain                # list every property
  zoomconn explain InitiateOAuth
  zoomconn explain 'callback url'")]
    Explain(ExplainArgs),
    /// Run the OAuth flow the connection string describes: print the authorization URL, log in,
    /// refresh, or print a valid access token.
    Oauth(crate::oauth::OauthArgs),
    /// Serve editors over stdio: the language server (diagnostics, hover, completion, fixes).
    Lsp(crate::lsp::LspArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Source snippets with carets and help.
    Human,
    /// `path:line:col: severity[rule]: message`.
    Short,
    /// GitHub Actions workflow commands (default when GITHUB_ACTIONS=true).
    Github,
    /// One JSON object per finding.
    Json,
    /// A SARIF 2.1.0 log for code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FindFormat {
    /// `path:line:col: name — driver, syntax`.
    Human,
    /// One JSON object per string per line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What to read, shared by check, find and fmt.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Files and directories; `-` or nothing reads stdin (one string per line unless --input
    /// says otherwise). Directories are walked as ripgrep walks them.
    pub paths: Vec<PathBuf>,
    /// How to read the files, instead of telling from their names.
    #[arg(long, value_name = "KIND", value_parser = kind_parser())]
    pub input: Option<Kind>,
    /// Only the entries with this name: a variable, a JSON/YAML key (or configuration path),
    /// an app.config `add@name`/`key`, a DSN section. Repeatable.
    #[arg(long, value_name = "NAME")]
    pub var: Vec<String>,
    /// JSON: only strings under this JSON pointer (e.g. /ConnectionStrings).
    #[arg(long, value_name = "POINTER")]
    pub json_pointer: Option<String>,
    /// Read every connection string with ODBC syntax.
    #[arg(long)]
    pub odbc: bool,
    /// Walk hidden files and directories too.
    #[arg(long)]
    pub hidden: bool,
    /// Do not honour .gitignore, .ignore and .rgignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Only walk files matching this glob (`!glob` leaves them out). Repeatable.
    #[arg(long, short = 'g', value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Skip (or, for files named, refuse) files larger than this many bytes; suffixes K, M, G.
    #[arg(long, value_name = "SIZE", default_value = DEFAULT_MAX_SIZE.as_str(), value_parser = parse_size)]
    pub max_size: u64,
    /// Worker threads (default: one per core). Files are reported in path order whatever
    /// the number.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Files that cannot be parsed as their kind, binary files and files over the size limit
    /// are errors (exit 2) rather than notes.
    #[arg(long)]
    pub strict: bool,
}

/// `64M`, `512K`, `1G`, `1000`.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, shift) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (s.get(..i).unwrap_or_default(), 10),
        Some((i, 'M' | 'm')) => (s.get(..i).unwrap_or_default(), 20),
        Some((i, 'G' | 'g')) => (s.get(..i).unwrap_or_default(), 30),
        _ => (s, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("`{s}` is not a size (a number with an optional K, M or G)"))
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: human, or github when GITHUB_ACTIONS=true).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report only findings that are not in this earlier `--format json` report.
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct FindArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: FindFormat,
}

#[derive(Debug, clap::Args)]
pub(crate) struct FmtArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Do not write; print the changes (secrets masked) and exit 1 when anything would change.
    #[arg(long)]
    pub check: bool,
    /// Rewrite a file with several hard links in place, through the links (not atomic),
    /// instead of refusing it.
    #[arg(long, conflicts_with = "check")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ParseArgs {
    /// The connection string; read from stdin (all of it, byte for byte) when absent.
    pub string: Option<OsString>,
    /// Use ODBC syntax.
    #[arg(long)]
    pub odbc: bool,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Show secret values instead of ***.
    #[arg(long)]
    pub show_secrets: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct RedactArgs {
    /// The connection string, or `-`/nothing for stdin.
    pub string: Option<OsString>,
    /// Use ODBC syntax.
    #[arg(long)]
    pub odbc: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A property name or alias (case-insensitive); without it, the list of all properties.
    pub property: Option<String>,
}

/// `--input`: a [`Kind`] by its name, the names and their descriptions in the help.
pub(crate) fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    PossibleValuesParser::new(
        Kind::ALL
            .iter()
            .map(|k| PossibleValue::new(k.name()).help(k.description())),
    )
    .try_map(|name| name.parse::<Kind>())
}

/// The default of `--max-size`: [`zoomconn_sources::DEFAULT_MAX_SIZE`], in MiB.
static DEFAULT_MAX_SIZE: LazyLock<String> =
    LazyLock::new(|| format!("{}M", zoomconn_sources::DEFAULT_MAX_SIZE >> 20));

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_size_is_the_readers() {
        assert_eq!(
            super::parse_size(&super::DEFAULT_MAX_SIZE),
            Ok(zoomconn_sources::DEFAULT_MAX_SIZE)
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(super::parse_size("64M"), Ok(64 << 20));
        assert_eq!(super::parse_size("10"), Ok(10));
        assert_eq!(super::parse_size("2k"), Ok(2048));
        assert!(super::parse_size("x").is_err());
        assert!(super::parse_size("99999999999999G").is_err());
    }
}
