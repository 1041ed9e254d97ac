//! Build a Zoom connection string from typed values, and see what the builder refuses.
//!
//! Run with `cargo run --example builder`.

use std::time::Duration;

use zoomconn::{AuthScheme, Config, InitiateOAuth};

fn main() {
    // The refresh-token flow: the driver refreshes an existing token stored in memory.
    let config = Config::builder()
        .profile(r"C:\Program Files\CData\API Data Provider\Profiles\Zoom.apip")
        .auth_scheme(AuthScheme::OAuth)
        .initiate_oauth(InitiateOAuth::Refresh)
        .oauth_client_id("Xq3pLm8RTyWv2kZ9aB1c")
        .oauth_client_secret("t7Yh;G2kLp9Qw\"ErTy")
        .oauth_settings_location("memory://zoom-reporting")
        .scope("meeting:read:meeting user:read:user")
        .timeout(Duration::from_secs(30))
        .verbosity(2)
        .build()
        .expect("a complete REFRESH configuration");
    println!("redacted:  {}", config.redacted());
    println!("canonical: {config}");
    let again = Config::parse(&config.to_string()).expect("canonical form parses");
    assert_eq!(again, config);
    println!("round trip: Config::parse(&config.to_string()) == config");

    // What the builder rejects, with every error at once.
    let err = Config::builder()
        .profile("Zoom.apip")
        .auth_scheme(AuthScheme::OAuth)
        .initiate_oauth(InitiateOAuth::GetAndRefresh)
        .callback_url("localhost:33333")
        .verbosity(9)
        .build()
        .unwrap_err();
    println!("\nrejected: {err}");
    for finding in err.findings() {
        println!("  {finding}");
    }
}
