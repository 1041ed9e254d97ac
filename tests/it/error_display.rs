//! The `Display` of every error type: input → exact text. Each is one line that stands on its
//! own: where (line:column of the user's text, or the property a builder set), the rule id, the
//! message and the suggestion.

use zoomconn::{AuthScheme, Config, ConnectionString, InitiateOAuth, Syntax, write_pairs};

#[test]
fn config_parse_errors() {
    #[rustfmt::skip]
    let table: &[(&str, &str)] = &[
        ("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFESH;OAuthClientId=id;OAuthClientSecret=s3cr3tvalue;CallbackURL=http://localhost:33333",
         "1:50: invalid-enum: invalid value `GETANDREFESH` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH; did you mean GETANDREFRESH?"),
        ("Profile=Zoom.apip;\nAuthScheme=OAuth2",
         "2:12: invalid-enum: invalid value `OAuth2` for AuthScheme: expected None or OAuth; did you mean OAuth?"),
        ("",
         "1:1: missing-profile: missing required property Profile; set Profile=Zoom.apip"),
        ("Profile=Zoom.apip",
         "1:1: missing-auth-scheme: missing required property AuthScheme; set AuthScheme=OAuth, as the Zoom profile requires"),
        ("Profile=Zoom.apip;AuthScheme",
         "1:19: syntax/missing-equals: missing `=` after key `AuthScheme`"),
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Timeout=soon",
         "1:63: invalid-value: invalid value `soon` for Timeout: expected an integer ≥ 0"),
        ("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;ProfileSettings=\"a='b\"",
         "1:72: nested-syntax/unterminated-quote: invalid ProfileSettings: unterminated quoted value for key `a`; ProfileSettings holds a connection string: Name=value pairs separated by `;`"),
        // A secret beside the error stays hidden.
        ("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientSecret=s3cr3tvalue;CallbackURL=http://localhost:1",
         "1:1: missing-required: missing OAuthClientId, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH"),
    ];
    for &(input, want) in table {
        let err = Config::parse(input).unwrap_err();
        assert_eq!(err.to_string(), want, "{input:?}");
        assert_eq!(err.property(), None);
        assert!(!format!("{err} {err:?}").contains("s3cr3t"), "{err:?}");
        // The accessors say the same as the text.
        let position = format!("{}:{}: ", err.line(), err.column());
        assert!(want.starts_with(&position), "{want}");
        assert!(want.contains(err.message()), "{want}");
        assert!(err.help().is_none_or(|h| want.ends_with(h)), "{want}");
        // What the validation's first error finding says.
        let report = zoomconn::validate(input);
        let first = report.errors().next().unwrap();
        assert_eq!(
            want,
            format!("{position}{}: {}", first.code(), first.message())
                + &first.help().map(|h| format!("; {h}")).unwrap_or_default()
        );
    }
}

#[test]
fn builder_errors_name_the_property() {
    let base = || {
        Config::builder()
            .profile("Zoom.apip")
            .auth_scheme(AuthScheme::OAuth)
            .oauth_access_token("t")
    };
    #[rustfmt::skip]
    let table: Vec<(zoomconn::ConfigBuilder, Option<&str>, &str)> = vec![
        (base().property("InitiateOAuth", "GETANDREFESH"), Some("InitiateOAuth"),
         "InitiateOAuth: invalid-enum: invalid value `GETANDREFESH` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH; did you mean GETANDREFRESH?"),
        (base().property("Initiate OAuth", "GETANDREFESH"), Some("InitiateOAuth"),
         "InitiateOAuth: invalid-enum: invalid value `GETANDREFESH` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH; did you mean GETANDREFRESH?"),
        (base().property("Timeout", "soon"), Some("Timeout"),
         "Timeout: invalid-value: invalid value `soon` for Timeout: expected an integer ≥ 0"),
        (base().verbosity(9), Some("Verbosity"),
         "Verbosity: invalid-value: invalid value `9` for Verbosity: expected an integer from 1 to 5"),
        (base().callback_url("ftp://example.com/cb"), Some("CallbackURL"),
         "CallbackURL: invalid-callback-url: invalid CallbackURL `ftp://example.com/cb`: the scheme `ftp` is not http or https; use the redirect URI of your Zoom app, an absolute URL such as http://localhost:33333"),
        (Config::builder().profile("Zoom.apip"), None,
         "missing-auth-scheme: missing required property AuthScheme; set AuthScheme=OAuth, as the Zoom profile requires"),
        (base().property(" Region", "EU"), Some("` Region`"),
         "` Region`: syntax: cannot write a key that starts or ends with white space"),
        (base().oauth_client_secret("s3cr3t\0value"), Some("OAuthClientSecret"),
         "OAuthClientSecret: syntax: cannot write a value that contains a NUL character"),
    ];
    for (builder, property, want) in table {
        let err = builder.build().unwrap_err();
        assert_eq!(err.to_string(), want);
        assert_eq!(err.property(), property, "{want}");
        assert!(!format!("{err} {err:?}").contains("s3cr3t"), "{err:?}");
    }
}

#[test]
fn parse_errors() {
    #[rustfmt::skip]
    let table: &[(&str, &str)] = &[
        ("Profile=Zoom.apip;\nPassword='abc", "2:1: syntax/unterminated-quote: unterminated quoted value for key `Password`"),
        ("Profile=Zoom.apip;AuthScheme", "1:19: syntax/missing-equals: missing `=` after key `AuthScheme`"),
        ("ü=1;ö", "1:5: syntax/missing-equals: missing `=` after key `ö`"),
        ("OAuthClientSecret=s3cr3t;value", "1:26: syntax/missing-equals: missing `=` after the key after the secret value of `OAuthClientSecret` (text withheld); a `;` inside a value must be quoted"),
    ];
    for &(input, want) in table {
        let err = ConnectionString::parse(input).unwrap_err();
        assert_eq!(err.to_string(), want, "{input:?}");
        assert_eq!(
            format!("{err:?}"),
            format!("{want} (byte {})", err.offset())
        );
        // The rule id and message are validation's for the same input.
        let report = zoomconn::validate(input);
        let finding = report.iter().find(|f| f.rule() == "syntax").unwrap();
        assert_eq!(
            want,
            format!(
                "{}:{}: {}: {}",
                err.line(),
                err.column(),
                finding.code(),
                finding.message()
            )
        );
    }
}

#[test]
fn enum_errors() {
    #[rustfmt::skip]
    let table: &[(&str, &str)] = &[
        ("GETANDREFESH", "invalid-enum: invalid value `GETANDREFESH` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH; did you mean GETANDREFRESH?"),
        ("yes", "invalid-enum: invalid value `yes` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH"),
        ("REFRESH OAuthClientSecret=s3cr3t", "invalid-enum: invalid value `REFRESH OAuthClientSecret=…` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH; a `;` is probably missing before OAuthClientSecret"),
    ];
    for &(value, want) in table {
        let err = value.parse::<InitiateOAuth>().unwrap_err();
        assert_eq!(err.to_string(), want, "{value:?}");
        assert_eq!(format!("{err:?}"), want);
    }
    let err = "OAuth2".parse::<AuthScheme>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid-enum: invalid value `OAuth2` for AuthScheme: expected None or OAuth; did you mean OAuth?"
    );
}

/// Pairs, the syntax to write them in, and the error's `Display`.
type WriteRow = (
    &'static [(&'static str, &'static str)],
    Syntax,
    &'static str,
);

#[test]
fn write_errors() {
    #[rustfmt::skip]
    let table: &[WriteRow] = &[
        (&[("Profile", "Zoom.apip"), (" bad", "1")], Syntax::Ado, "pair 1 cannot be written: cannot write a key that starts or ends with white space"),
        (&[("", "1")], Syntax::Ado, "pair 0 cannot be written: cannot write an empty key"),
        (&[("a", "x\0")], Syntax::Ado, "pair 0 cannot be written: cannot write a value that contains a NUL character"),
        (&[("a=b", "1")], Syntax::Odbc, "pair 0 cannot be written: cannot write a key that contains `=` in ODBC syntax"),
    ];
    for &(pairs, syntax, want) in table {
        let err = write_pairs(pairs.iter().copied(), syntax).unwrap_err();
        assert_eq!(err.to_string(), want);
    }
}

/// An `anyhow`-style chain (`Box<dyn Error>`, printed with `{}`) shows the position, the rule
/// id and the suggestion from `Display` alone.
#[test]
fn a_boxed_error_tells_everything() {
    fn load(s: &str) -> Result<Config, Box<dyn std::error::Error>> {
        Ok(Config::parse(s)?)
    }
    let err = load("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFESH;OAuthClientId=id;OAuthClientSecret=s3cr3tvalue;CallbackURL=http://localhost:33333").unwrap_err();
    let text = err.to_string();
    for part in [
        "1:50",
        "invalid-enum",
        "GETANDREFESH",
        "did you mean GETANDREFRESH?",
    ] {
        assert!(text.contains(part), "{text}");
    }
    assert!(!text.contains("s3cr3t"));
}
