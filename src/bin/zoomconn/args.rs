//! Command-line arguments (clap).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str =
    "Exit codes: 0 clean, 1 findings or formatting differences, 2 usage or I/O error.";

/// Validate, format and inspect CData connection strings for the Zoom API profile.
#[derive(Debug, Parser)]
#[command(name = "zoomconn", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every connection string found in files (or stdin) and report each problem at
    /// its file:line:column.
    #[command(after_help = "Examples:
  zoomconn check appsettings.json app.config .env
  zoomconn check --format github --deny-warnings config/*.json
  echo 'Profile=Zoom.apip;AuthScheme=OAuth' | zoomconn check -
  zoomconn check --input env --var ZOOM_CONN deploy.env

Exit codes: 0 clean, 1 errors (or warnings with --deny-warnings), 2 usage or I/O error.")]
    Check(CheckArgs),
    /// Print connection strings in canonical form; with --check, show a diff and fail when
    /// anything would change.
    #[command(after_help = "Examples:
  zoomconn fmt connections.txt          # rewrite the file in canonical form
  zoomconn fmt --check connections.txt  # print a diff, exit 1 if it is not canonical
  echo ' Profile = Zoom.apip ' | zoomconn fmt

Only stdin and plain-text files (one connection string per line) are formatted; comments,
blank lines, indentation and line endings are kept.")]
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// One connection string per non-empty line; `#` starts a comment line.
    Text,
    /// `.env`: NAME=value assignments.
    Env,
    /// Java `.properties`: key=value or key: value.
    Properties,
    /// JSON: string values of the top-level `ConnectionStrings` object (.NET appsettings).
    Json,
    /// XML: `connectionStrings/add/@connectionString` (.NET app.config).
    Xml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to check; `-` or nothing reads stdin (as plain text unless --input says otherwise).
    pub files: Vec<PathBuf>,
    /// How to read the inputs, instead of guessing from the file extension.
    #[arg(long, value_enum)]
    pub input: Option<InputKind>,
    /// Output format (default: human, or github when GITHUB_ACTIONS=true).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check only the entry with this name: a .env/.properties variable, a JSON member or an
    /// app.config `add@name` (otherwise every value that looks like a CData connection string).
    #[arg(long, value_name = "NAME")]
    pub var: Vec<String>,
    /// JSON: the location of the connection strings (an object of strings, or one string)
    /// instead of /ConnectionStrings.
    #[arg(long, value_name = "POINTER")]
    pub json_pointer: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// A plain-text file, or `-`/nothing for stdin.
    pub file: Option<PathBuf>,
    /// Do not write; print a unified diff and exit 1 when anything would change.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, clap::Args)]
pub struct ParseArgs {
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
pub struct RedactArgs {
    /// The connection string, or `-`/nothing for stdin.
    pub string: Option<OsString>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A property name or alias (case-insensitive); without it, the list of all properties.
    pub property: Option<String>,
}

impl From<InputKind> for zoomconn::sources::Kind {
    fn from(k: InputKind) -> Self {
        match k {
            InputKind::Text => zoomconn::sources::Kind::Text,
            InputKind::Env => zoomconn::sources::Kind::Env,
            InputKind::Properties => zoomconn::sources::Kind::Properties,
            InputKind::Json => zoomconn::sources::Kind::Json,
            InputKind::Xml => zoomconn::sources::Kind::Xml,
        }
    }
}
