//! Validation rules (`docs/properties.md`): one or more table rows per rule, each asserting the rule name,
//! severity, span and exact message of the finding.

use zoomconn::{Severity, validate};

const OK_AUTH: &str = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=tok;";
const GET: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=id;OAuthClientSecret=sec;CallbackURL=http://localhost:33333;";

/// Where the finding points: at the n-th occurrence of a text, or at the start (empty span).
enum At {
    Start,
    Text(&'static str, usize),
}

fn span(input: &str, at: &At) -> std::ops::Range<usize> {
    match *at {
        At::Start => 0..0,
        At::Text(needle, nth) => {
            let start = input
                .match_indices(needle)
                .nth(nth)
                .unwrap_or_else(|| panic!("{needle:?} in {input:?}"))
                .0;
            start..start + needle.len()
        }
    }
}

#[track_caller]
fn check(input: &str, rule: &str, at: At, message: &str) {
    let report = validate(input);
    let found: Vec<_> = report.iter().filter(|f| f.rule() == rule).collect();
    let want = span(input, &at);
    let Some(f) = found
        .iter()
        .find(|f| f.span() == want && f.message() == message)
    else {
        panic!(
            "{input:?}: no {rule} finding at {want:?} with message {message:?}; found:\n{}",
            report
                .iter()
                .map(|f| format!("  {f} @ {:?}", f.span()))
                .collect::<Vec<_>>()
                .join("\n")
        );
    };
    assert_eq!(
        f.severity(),
        zoomconn::Rule::from_name(rule).unwrap().severity()
    );
}

/// The first finding of `rule` for `input`.
#[track_caller]
fn first(input: &str, rule: &str) -> zoomconn::Finding {
    validate(input)
        .iter()
        .find(|f| f.rule() == rule)
        .cloned()
        .unwrap_or_else(|| panic!("{input:?}: no {rule} finding"))
}

#[test]
fn clean_configs_have_no_findings() {
    for input in [
        OK_AUTH,
        GET,
        "jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t",
        "JDBC:CData:API:Profile=C:\\p\\zoom.APIP;AuthScheme=OAuth;OAuthAccessToken=t",
    ] {
        let report = validate(input);
        assert!(
            report.is_empty(),
            "{input}: {:?}",
            report.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
    }
}

#[test]
fn syntax() {
    check(
        "Profile=Zoom.apip;Scope='a",
        "syntax",
        At::Text("S", 0),
        "unterminated quoted value for key `Scope`",
    );
    check(
        "jdbc:api:Profile",
        "syntax",
        At::Text("P", 0),
        "missing `=` after key `Profile`",
    );
    // A syntax error stops the analysis: nothing else is reported.
    assert_eq!(validate("a").len(), 1);
}

#[test]
fn missing_profile() {
    check(
        "AuthScheme=OAuth;OAuthAccessToken=t",
        "missing-profile",
        At::Start,
        "missing required property Profile",
    );
    check(
        "Profile=' ';AuthScheme=OAuth;OAuthAccessToken=t",
        "missing-profile",
        At::Start,
        "missing required property Profile",
    );
}

#[test]
fn not_zoom_profile() {
    check(
        "Profile=Slack.apip;AuthScheme=OAuth;OAuthAccessToken=t",
        "not-zoom-profile",
        At::Text("Slack.apip", 0),
        "Profile `Slack.apip` is not the Zoom profile",
    );
}

#[test]
fn missing_auth_scheme() {
    check(
        "Profile=Zoom.apip",
        "missing-auth-scheme",
        At::Start,
        "missing required property AuthScheme",
    );
}

#[test]
fn invalid_enum() {
    check(
        "Profile=Zoom.apip;AuthScheme=OAuth2",
        "invalid-enum",
        At::Text("OAuth2", 0),
        "invalid value `OAuth2` for AuthScheme: expected None or OAuth",
    );
    check(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=YES;OAuthAccessToken=t",
        "invalid-enum",
        At::Text("YES", 0),
        "invalid value `YES` for InitiateOAuth: expected OFF, GETANDREFRESH or REFRESH",
    );
    check(
        &format!("{OK_AUTH}FirewallType=HTTP"),
        "invalid-enum",
        At::Text("HTTP", 0),
        "invalid value `HTTP` for FirewallType: expected NONE, TUNNEL, SOCKS4 or SOCKS5",
    );
}

#[test]
fn invalid_enums_suggest_the_nearest_value() {
    for (input, help) in [
        (
            "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFERSH",
            Some("did you mean GETANDREFRESH?"),
        ),
        (
            "Profile=Zoom.apip;AuthScheme=Oauht",
            Some("did you mean OAuth?"),
        ),
        (
            &format!("{OK_AUTH}FirewallType=SOCKS6"),
            Some("did you mean SOCKS4?"),
        ),
        (
            "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=ALWAYS",
            None,
        ),
    ] {
        let f = first(input, "invalid-enum");
        assert_eq!(f.help(), help, "{input}");
    }
}

#[test]
fn an_invalid_enum_does_not_cascade() {
    // The flow an invalid InitiateOAuth asks for is unknown: no `missing-required` for OFF's
    // flow (with its help to set GETANDREFRESH), only the invalid value.
    for input in [
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=ALWAYS",
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFERSH;OAuthClientId=id",
        "Profile=Zoom.apip;AuthScheme=OAuht;InitiateOAuth=GETANDREFRESH",
    ] {
        let rules: Vec<_> = validate(input).iter().map(|f| f.rule().name()).collect();
        assert_eq!(rules, ["invalid-enum"], "{input}");
    }
    // The error that fails a config is the invalid value, with its suggestion.
    let err =
        zoomconn::Config::parse("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFERSH")
            .unwrap_err();
    assert_eq!(
        (err.rule().name(), err.help()),
        ("invalid-enum", Some("did you mean GETANDREFRESH?"))
    );
}

#[test]
fn findings_come_in_the_order_of_the_text() {
    let report = validate(
        "Scope=x;Profile=Other.apip;AuthScheme=Basic;Scpoe=y;Timeout=soon;CallbackURL=ftp://x",
    );
    let starts: Vec<usize> = report.iter().map(|f| f.span().start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert!(starts.len() >= 5, "{starts:?}");
}

#[test]
fn unsupported_auth_scheme_and_none() {
    check(
        "Profile=Zoom.apip;AuthScheme=Basic",
        "unsupported-auth-scheme",
        At::Text("Basic", 0),
        "AuthScheme Basic is not supported by the Zoom profile: expected None or OAuth",
    );
    check(
        "Profile=Zoom.apip;AuthScheme=ntlm",
        "unsupported-auth-scheme",
        At::Text("ntlm", 0),
        "AuthScheme NTLM is not supported by the Zoom profile: expected None or OAuth",
    );
    check(
        "Profile=Zoom.apip;AuthScheme=OAUTH_CLIENT;OAuthClientId=i;OAuthClientSecret=s",
        "unsupported-auth-scheme",
        At::Text("OAUTH_CLIENT", 0),
        "AuthScheme OAuthClient is not supported by the Zoom profile: expected None or OAuth",
    );
    check(
        "Profile=Zoom.apip;AuthScheme=None",
        "auth-scheme-none",
        At::Text("None", 0),
        "AuthScheme=None sends unauthenticated requests, which Zoom's API rejects",
    );
}

#[test]
fn missing_required_for_every_flow() {
    let get = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH";
    for name in ["OAuthClientId", "OAuthClientSecret", "CallbackURL"] {
        check(
            get,
            "missing-required",
            At::Start,
            &format!(
                "missing {name}, required when AuthScheme=OAuth and InitiateOAuth=GETANDREFRESH"
            ),
        );
    }
    for off in [
        "Profile=Zoom.apip;AuthScheme=OAuth",
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=off",
    ] {
        check(
            off,
            "missing-required",
            At::Start,
            "missing OAuthAccessToken, required when AuthScheme=OAuth and InitiateOAuth=OFF",
        );
        let f = first(off, "missing-required");
        assert_eq!(
            f.help(),
            Some("set InitiateOAuth=GETANDREFRESH to let the driver obtain it")
        );
    }
    let refresh = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthRefreshToken=r";
    for name in ["OAuthClientId", "OAuthClientSecret"] {
        check(
            refresh,
            "missing-required",
            At::Start,
            &format!("missing {name}, required when AuthScheme=OAuth and InitiateOAuth=REFRESH"),
        );
    }
    for name in ["OAuthClientId", "OAuthClientSecret"] {
        check(
            "Profile=Zoom.apip;AuthScheme=OAuthClient",
            "missing-required",
            At::Start,
            &format!("missing {name}, required when AuthScheme=OAuthClient"),
        );
    }
    check(
        &format!("{OK_AUTH}OAuthVerifier=v"),
        "missing-required",
        At::Start,
        "missing OAuthSettingsLocation, required when OAuthVerifier is set",
    );
    // Empty counts as absent.
    check(
        "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=''",
        "missing-required",
        At::Start,
        "missing OAuthAccessToken, required when AuthScheme=OAuth and InitiateOAuth=OFF",
    );
}

#[test]
fn refresh_without_token() {
    check(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=i;OAuthClientSecret=s",
        "refresh-without-token",
        At::Text("REFRESH", 0),
        "InitiateOAuth=REFRESH has no OAuthRefreshToken, OAuthSettingsLocation or OAuthVerifier to refresh from",
    );
    assert!(validate("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=REFRESH;OAuthClientId=i;OAuthClientSecret=s;OAuthSettingsLocation=memory://z").is_empty());
}

#[test]
fn invalid_callback_url() {
    let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;CallbackURL=";
    check(
        &format!("{base}your_callback_url"),
        "invalid-callback-url",
        At::Text("your_callback_url", 0),
        "invalid CallbackURL `your_callback_url`: not an absolute URL",
    );
    check(
        &format!("{base}localhost:33333"),
        "invalid-callback-url",
        At::Text("localhost:33333", 0),
        "invalid CallbackURL `localhost:33333`: the scheme `localhost` is not http or https",
    );
    check(
        &format!("{base}ftp://host/x"),
        "invalid-callback-url",
        At::Text("ftp://host/x", 0),
        "invalid CallbackURL `ftp://host/x`: the scheme `ftp` is not http or https",
    );
    check(
        &format!("{base}http://"),
        "invalid-callback-url",
        At::Text("http://", 0),
        "invalid CallbackURL `http://`: empty host",
    );
    let f = first(&format!("{base}your_callback_url"), "invalid-callback-url");
    assert!(f.help().unwrap().contains("http://localhost:33333"));
}

#[test]
fn insecure_callback_url() {
    let base = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;CallbackURL=";
    check(
        &format!("{base}http://example.com/cb"),
        "insecure-callback-url",
        At::Text("http://example.com/cb", 0),
        "CallbackURL sends the OAuth code over plain http to `example.com`",
    );
    for ok in [
        "http://localhost:1",
        "http://127.0.0.2/",
        "http://[::1]:8080",
        "https://example.com",
    ] {
        assert!(validate(&format!("{base}{ok}")).is_empty(), "{ok}");
    }
}

#[test]
fn placeholder_value() {
    check(
        &format!("{OK_AUTH}OAuthClientId=your_client_id"),
        "placeholder-value",
        At::Text("your_client_id", 0),
        "OAuthClientId still holds the documentation placeholder `your_client_id`",
    );
    check(
        &format!("{OK_AUTH}Scope=<scopes>"),
        "placeholder-value",
        At::Text("<scopes>", 0),
        "Scope still holds the documentation placeholder `<scopes>`",
    );
    check(
        &format!("{OK_AUTH}X=xxxx"),
        "placeholder-value",
        At::Text("xxxx", 0),
        // `X` follows the secret OAuthAccessToken: it may be the rest of it, so neither it
        // nor its value is quoted.
        "a key after a secret value (text withheld) still holds a documentation placeholder",
    );
    check(
        &format!("X=xxxx;{OK_AUTH}"),
        "placeholder-value",
        At::Text("xxxx", 0),
        "X still holds the documentation placeholder `xxxx`",
    );
    check(
        &format!("{OK_AUTH}User=CHANGEME"),
        "placeholder-value",
        At::Text("CHANGEME", 0),
        "User still holds the documentation placeholder `CHANGEME`",
    );
    check(
        &format!("{OK_AUTH}User=todo"),
        "placeholder-value",
        At::Text("todo", 0),
        "User still holds the documentation placeholder `todo`",
    );
    // Secrets: the message does not repeat the value.
    check(
        &format!("{OK_AUTH}OAuthClientSecret=your_client_secret"),
        "placeholder-value",
        At::Text("your_client_secret", 0),
        "OAuthClientSecret still holds a documentation placeholder",
    );
}

#[test]
fn invalid_value() {
    check(
        &format!("{OK_AUTH}Timeout=-1"),
        "invalid-value",
        At::Text("-1", 0),
        "invalid value `-1` for Timeout: expected an integer ≥ 0",
    );
    check(
        &format!("{OK_AUTH}Verbosity=6"),
        "invalid-value",
        At::Text("6", 0),
        "invalid value `6` for Verbosity: expected an integer from 1 to 5",
    );
    check(
        &format!("{OK_AUTH}ProxyPort=0"),
        "invalid-value",
        At::Text("0", 0),
        "invalid value `0` for ProxyPort: expected a port from 1 to 65535",
    );
    check(
        &format!("{OK_AUTH}Readonly=yes"),
        "invalid-value",
        At::Text("yes", 0),
        "invalid value `yes` for Readonly: expected true or false",
    );
    check(
        &format!("{OK_AUTH}MaxRows=-2"),
        "invalid-value",
        At::Text("-2", 0),
        "invalid value `-2` for MaxRows: expected an integer ≥ -1",
    );
    assert!(
        validate(&format!(
            "{OK_AUTH}MaxRows=-1;Readonly=TRUE;FirewallPort=65535;Timeout=0"
        ))
        .is_empty()
    );
}

#[test]
fn duplicate_property() {
    let input = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Auth Scheme=OAuth";
    check(
        input,
        "duplicate-property",
        At::Text("Auth Scheme", 0),
        "AuthScheme is set more than once; the last value wins",
    );
    let f = first(input, "duplicate-property");
    assert_eq!(f.related_span(), Some(18..28));
}

#[test]
fn empty_value() {
    check(
        &format!("{OK_AUTH}Scope="),
        "empty-value",
        At::Text("Scope=", 0),
        "empty value for Scope: the driver ignores it, and it removes any earlier value",
    );
}

#[test]
fn unknown_property() {
    check(
        &format!("{OK_AUTH}OAuthClientSecert=x"),
        "unknown-property",
        At::Text("OAuthClientSecert", 0),
        "unknown property `OAuthClientSecert`",
    );
    let f = first(&format!("{OK_AUTH}OAuthClientSecert=x"), "unknown-property");
    // A near miss of a secret name: its value is masked like the secret's, and the help says so.
    assert_eq!(
        f.help(),
        Some("did you mean OAuthClientSecret? (its value is treated as a secret)")
    );
    let f = first(&format!("{OK_AUTH}Scpoe=x"), "unknown-property");
    assert_eq!(f.help(), Some("did you mean Scope?"));
    let f = first(&format!("Region=EU;{OK_AUTH}"), "unknown-property");
    assert_eq!((f.message(), f.help()), ("unknown property `Region`", None));
    // Right after an unquoted secret, an unknown key may be the rest of the secret (a `;`
    // inside it): its text is withheld and masked.
    let input = format!("{OK_AUTH}Region=EU");
    let f = first(&input, "unknown-property");
    assert_eq!(
        (f.message(), f.help()),
        (
            "a key after the secret value of OAuthAccessToken is not a known property (text withheld)",
            Some("if it is the rest of the value, quote the value: OAuthAccessToken='…'")
        )
    );
    let report = validate(&input);
    let region = input.find("Region").unwrap();
    assert_eq!(
        report.secret_spans().last(),
        Some(&(region + 7..region + 9))
    );
}

#[test]
fn spaced_property_name() {
    check(
        "Profile=Zoom.apip;Auth Scheme=OAuth;OAuthAccessToken=t",
        "spaced-property-name",
        At::Text("Auth Scheme", 0),
        "`Auth Scheme` is an old spaced name for AuthScheme",
    );
    // The alias counts as the property itself.
    assert!(!validate("Profile=Zoom.apip;Auth Scheme=OAuth;OAuth Access Token=t").has_errors());
}

#[test]
fn key_contains_semicolon() {
    check(
        "Profile=Zoom.apip;BadKey;CallbackUrl=x",
        "key-contains-semicolon",
        At::Text("BadKey;CallbackUrl", 0),
        "key `BadKey;CallbackUrl` contains `;`: the segment before it probably lacks its `=`",
    );
    // After a secret value, the text is withheld and masked.
    let input = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=ab;cd;Scope=x";
    check(
        input,
        "key-contains-semicolon",
        At::Text("cd;Scope", 0),
        "a key after the secret value of OAuthAccessToken contains `;` (text withheld)",
    );
    let r = validate(input);
    // `ab` (the value) and `cd` (the rest of it, read as a key).
    assert_eq!(r.secret_spans(), &[52..54, 55..57]);
}

#[test]
fn nested_syntax() {
    let input =
        "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;ProfileSettings='Region=EU;Bad'";
    check(
        input,
        "nested-syntax",
        At::Text("B", 0),
        "invalid ProfileSettings: missing `=` after key `Bad`",
    );
    // Offsets map through doubled quotes of the outer value.
    let input = "Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;Other='A=''x'';B'";
    check(
        input,
        "nested-syntax",
        At::Text("B", 0),
        "invalid Other: missing `=` after key `B`",
    );
}

/// The head of a GETANDREFRESH string, whose three required properties follow in the rows.
const FLOW: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;";

/// One row of the `missing-semicolon` table: the input, then every finding of it as (rule,
/// the text it points at and which occurrence), and the message of each `missing-semicolon`
/// finding in order.
type GlueRow = (
    String,
    &'static [(&'static str, &'static str, usize)],
    &'static [&'static str],
);

/// A known property glued into the value before it by a forgotten `;`: one finding at its
/// name, and the rest of the string read as if the `;` were there. `s3cr3t` stands for every
/// secret value: never in a message or help, always masked.
#[test]
fn missing_semicolon() {
    let cb = "CallbackURL=http://localhost:33333";
    const MS: &str = "missing-semicolon";
    let before = |name: &str| format!("a `;` is probably missing before {name}");
    #[rustfmt::skip]
    let table: Vec<GlueRow> = vec![
        // After an enum value: no invalid-enum, no missing-required for the glued property.
        (format!("Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb}"),
         &[(MS, "OAuthClientId", 0)], &["OAuthClientId"]),
        (format!("Profile=Zoom.apip;AuthScheme=OAuth InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb}"),
         &[(MS, "InitiateOAuth", 0)], &["InitiateOAuth"]),
        // After a string: the glued secret counts as set, its value stays masked.
        (format!("{FLOW}OAuthClientId=abc OAuthClientSecret=s3cr3t;{cb}"),
         &[(MS, "OAuthClientSecret", 0)], &["OAuthClientSecret"]),
        ("Profile=Zoom.apip AuthScheme=OAuth;OAuthAccessToken=s3cr3t".to_owned(),
         &[(MS, "AuthScheme", 0)], &["AuthScheme"]),
        // After an integer and a boolean.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb};Timeout=30 Verbosity=3"),
         &[(MS, "Verbosity", 0)], &["Verbosity"]),
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb};ProxyAutoDetect=true ProxyPort=8080"),
         &[(MS, "ProxyPort", 0)], &["ProxyPort"]),
        // After a URL.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb} Scope=user:read"),
         &[(MS, "Scope", 0)], &["Scope"]),
        // After the value of an unknown property.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb};MyNote=hello Timeout=30"),
         &[("unknown-property", "MyNote", 0), (MS, "Timeout", 0)], &["Timeout"]),
        // After a secret value: the glued text stays masked, its value is not quoted.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t {cb}"),
         &[(MS, "CallbackURL", 0)], &["CallbackURL"]),
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t Timeout=s3cr3t;{cb}"),
         &[(MS, "Timeout", 0), ("invalid-value", "s3cr3t", 1)], &["Timeout"]),
        // A spaced alias, and a name in lower case.
        (format!("{FLOW}OAuthClientId=abc OAuth Client Secret=s3cr3t;{cb}"),
         &[(MS, "OAuth Client Secret", 0)], &["OAuthClientSecret"]),
        (format!("{FLOW}OAuthClientId=abc oauthclientsecret = s3cr3t;{cb}"),
         &[(MS, "oauthclientsecret", 0)], &["OAuthClientSecret"]),
        // Two glued into one value.
        (format!("{FLOW}OAuthClientId=abc OAuthClientSecret=s3cr3t {cb}"),
         &[(MS, "OAuthClientSecret", 0), (MS, "CallbackURL", 0)], &["OAuthClientSecret", "CallbackURL"]),
        // Inside a nested string.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb};Other=\"UseProxy=true Timeout=30\""),
         &[(MS, "Timeout", 0)], &["Timeout"]),
        // What is wrong with a value on its own is still reported.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb};Timeout=soon Verbosity=3"),
         &[("invalid-value", "soon", 0), (MS, "Verbosity", 0)], &["Verbosity"]),
        // A glued property set before too is a duplicate.
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb} OAuthClientId=def"),
         &[(MS, "OAuthClientId", 1), ("duplicate-property", "OAuthClientId", 1)], &["OAuthClientId"]),
        // A word that is not a known property, a name without `=`, a quoted value: no finding.
        (format!("{FLOW}OAuthClientId=abc Foo=bar;OAuthClientSecret=s3cr3t;{cb}"), &[], &[]),
        (format!("{FLOW}OAuthClientId=abc;OAuthClientSecret=s3cr3t;{cb};Scope=user:read Timeout"), &[], &[]),
        (format!("{FLOW}OAuthClientId='abc OAuthClientSecret=s3cr3t';{cb}"),
         &[("missing-required", "", 0)], &[]),
    ];
    assert!(table.len() >= 12);
    for (input, want, messages) in &table {
        let report = validate(input);
        let got: Vec<(&str, std::ops::Range<usize>)> =
            report.iter().map(|f| (f.rule().name(), f.span())).collect();
        let want: Vec<(&str, std::ops::Range<usize>)> = want
            .iter()
            .map(|&(rule, text, nth)| match text {
                "" => (rule, 0..0),
                _ => (rule, span(input, &At::Text(text, nth))),
            })
            .collect();
        assert_eq!(got, want, "{input}");
        let got: Vec<&str> = report
            .iter()
            .filter(|f| f.rule() == "missing-semicolon")
            .map(|f| f.message())
            .collect();
        let want: Vec<String> = messages.iter().map(|n| before(n)).collect();
        assert_eq!(got, want, "{input}");
        for f in &report {
            assert_eq!(
                f.severity(),
                zoomconn::Rule::from_name(f.rule().name())
                    .unwrap()
                    .severity()
            );
            assert!(!f.to_string().contains("s3cr3t"), "{input}: {f}");
            assert!(
                !f.help().unwrap_or_default().contains("s3cr3t"),
                "{input}: {f}"
            );
        }
        // Every secret value is masked.
        for (at, _) in input.match_indices("s3cr3t") {
            assert!(
                report
                    .secret_spans()
                    .iter()
                    .any(|r| r.start <= at && at + 6 <= r.end),
                "{input}: s3cr3t at {at} is not masked: {:?}",
                report.secret_spans()
            );
        }
    }
    // The help names the value the property was glued into.
    let f = first(
        &format!("{FLOW}OAuthClientId=abc OAuthClientSecret=s3cr3t;{cb}"),
        MS,
    );
    assert_eq!(
        f.help(),
        Some(
            "end the value of OAuthClientId with `;`: as written, OAuthClientSecret and its value are part of it"
        )
    );
    // A secret name that is not a known property is still named in the value's own finding.
    check(
        "Profile=Zoom.apip;AuthScheme=OAuth ClientSecret=s3cr3t;OAuthAccessToken=t",
        "invalid-enum",
        At::Text("OAuth ClientSecret=s3cr3t", 0),
        "AuthScheme has `OAuth ClientSecret=…`: a `;` is probably missing before ClientSecret",
    );
    // The Zoom profile's registry decides what is a property: other drivers' strings are
    // not read for it.
    let opts = zoomconn::ValidateOptions::new().rules(zoomconn::RuleSet::AnyCData);
    let r = zoomconn::validate_with("User=bob Password=s3cr3t;Timeout=1", &opts);
    assert!(r.is_empty(), "{:?}", r.findings());
}

#[test]
fn every_rule_has_a_test_row_and_a_summary() {
    let source = include_str!("rules.rs");
    for rule in zoomconn::Rule::ALL {
        assert!(
            source.contains(&format!("\"{}\"", rule.name())),
            "no row for {}",
            rule.name()
        );
        assert!(!rule.summary().is_empty());
    }
    assert_eq!(
        zoomconn::Rule::ALL
            .iter()
            .filter(|r| r.severity() == Severity::Error)
            .count(),
        9
    );
}

#[test]
fn seed_example_shows_placeholders_and_invalid_callback() {
    let seed = "Profile=Zoom.apip;Authscheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;OAuthClientSecret=your_client_secret;CallbackUrl=your_callback_url;";
    let got: Vec<_> = validate(seed)
        .iter()
        .map(|f| (f.rule().name(), f.span()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "placeholder-value",
                span(seed, &At::Text("your_client_id", 0))
            ),
            (
                "placeholder-value",
                span(seed, &At::Text("your_client_secret", 0))
            ),
            (
                "placeholder-value",
                span(seed, &At::Text("your_callback_url", 0))
            ),
            (
                "invalid-callback-url",
                span(seed, &At::Text("your_callback_url", 0))
            ),
        ]
    );
    let err = zoomconn::Config::parse(seed).unwrap_err();
    assert_eq!(
        (err.rule().name(), err.line(), err.column()),
        ("invalid-callback-url", 1, 142)
    );
}

/// Each rule set on the same strings: input → the rules of its findings, for the Zoom
/// profile, a fragment of a Zoom string, and any CData string.
#[test]
fn rule_sets_table() {
    use zoomconn::{RuleSet, ValidateOptions, validate_with};
    let table: &[(&str, [&[&str]; 3])] = &[
        (
            "AuthScheme=OAuth2;InitiateOAuth=OFF",
            [&["missing-profile", "invalid-enum"], &["invalid-enum"], &[]],
        ),
        (
            "InitiateOAuth=OFF;OAuthAccessToken=...",
            [&["missing-profile", "missing-auth-scheme"], &[], &[]],
        ),
        (
            "Profile=Salesforce.apip;AuthScheme=Basic;Colour=red;Timeout=x",
            [
                &[
                    "not-zoom-profile",
                    "unsupported-auth-scheme",
                    "invalid-value",
                    "unknown-property",
                ],
                &["invalid-value", "unknown-property"],
                &["invalid-value"],
            ],
        ),
        (
            "InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;CallbackURL=ftp://x",
            [
                &[
                    "missing-profile",
                    "missing-auth-scheme",
                    "placeholder-value",
                    "invalid-callback-url",
                ],
                &["placeholder-value", "invalid-callback-url"],
                &["placeholder-value", "invalid-callback-url"],
            ],
        ),
    ];
    for (input, want) in table {
        for (rules, want) in [
            RuleSet::ZoomProfile,
            RuleSet::ZoomFragment,
            RuleSet::AnyCData,
        ]
        .into_iter()
        .zip(want)
        {
            let report = validate_with(input, &ValidateOptions::new().rules(rules));
            let mut got: Vec<&str> = report.iter().map(|f| f.rule().name()).collect();
            let mut want = want.to_vec();
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{input:?} with {rules:?}");
        }
    }
}
