//! The main job of zoomconn on CData's own example: validate the documented Zoom connection
//! string, show every finding, then build a valid configuration and print it.
//!
//! Run with `cargo run --example quickstart`.

use zoomconn::{AuthScheme, Config, InitiateOAuth};

/// The example connection string of CData's "Connecting to Zoom" page, verbatim.
const DOCUMENTED: &str = "Profile=Zoom.apip;Authscheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;OAuthClientSecret=your_client_secret;CallbackUrl=your_callback_url;";

fn main() {
    println!("CData's documented example:\n  {DOCUMENTED}\n");
    let report = zoomconn::validate(DOCUMENTED);
    for finding in &report {
        let pos = zoomconn::Position::locate(DOCUMENTED, finding.span().start);
        let text = &DOCUMENTED[finding.span()];
        println!("  {}:{}: {finding}", pos.line, pos.column);
        if !report.secret_spans().contains(&finding.span()) {
            println!("      at `{text}`");
        }
        if let Some(help) = finding.help() {
            println!("      help: {help}");
        }
    }
    match Config::parse(DOCUMENTED) {
        Ok(_) => println!("\nConfig::parse accepted it"),
        // `Display` carries the position, the rule and the help; the accessors give each
        // part, and every error finding, as values.
        Err(e) => {
            println!("\nConfig::parse rejects it:\n  {e}");
            let span = e.span();
            println!(
                "  ({} error finding(s) in all; the first spans bytes {}..{})",
                e.findings().len(),
                span.start,
                span.end
            );
        }
    }

    let config = Config::builder()
        .profile("Zoom.apip")
        .auth_scheme(AuthScheme::OAuth)
        .initiate_oauth(InitiateOAuth::GetAndRefresh)
        .oauth_client_id("Xq3pLm8RTyWv2kZ9aB1c")
        .oauth_client_secret("t7YhG2kLp9QwErTy5UiOp3AsDfGhJkL1")
        .callback_url("http://localhost:33333")
        .build()
        .expect("the builder's values are valid");
    println!("\nBuilt with the builder:");
    println!("  redacted:  {}", config.redacted());
    println!("  canonical: {config}");
    println!("  debug:     {config:?}");
}
