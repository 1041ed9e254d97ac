//! Inputs shared by the benchmarks.

/// CData's documented example string for Zoom (159 bytes).
pub const SEED: &str = "Profile=Zoom.apip;Authscheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;OAuthClientSecret=your_client_secret;CallbackUrl=your_callback_url;";

/// The seed with a real callback URL and realistic id and secret.
pub const VALID: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;OAuthClientSecret=t7YhG2kLp9QwErTy5UiOp3AsDfGhJkL1;CallbackURL=http://localhost:33333/callback;";

/// A realistic ~740-byte string: 20+ properties, quoted values with `;` and doubled quotes.
pub fn realistic() -> String {
    let s = concat!(
        "Profile=C:\\CData\\Profiles\\Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;",
        "OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;OAuthClientSecret=\"t7Yh;G2kLp9Qw\"\"ErTy5UiOp3\";",
        "CallbackURL=http://localhost:33333/callback;",
        "OAuthSettingsLocation='C:\\Users\\svc\\AppData\\Roaming\\CData\\Zoom OAuth.txt';",
        "Scope=\"meeting:read:meeting user:read:user report:read:admin\";",
        "Timeout=60;Verbosity=3;Logfile=C:\\logs\\zoom.log;MaxLogFileSize=10MB;",
        "ProxyAutoDetect=false;ProxyServer=proxy.corp.example.com;ProxyPort=8080;",
        "ProxyUser=svc-reporting;ProxyPassword='p;ss''w0rd';ProxySSLType=AUTO;",
        "FirewallType=NONE;Other=\"UserDefinedViews=C:\\views.json;PseudoColumns=*=*\";",
        "MaxRows=-1;UseConnectionPooling=true;Readonly=false;",
        "ProfileSettings='AccountId=abc123;Region=US';RTK=5246524A5A41;",
    );
    s.to_owned()
}

/// 1 MiB made of `unit` repeated.
pub fn repeated(unit: &str) -> String {
    unit.repeat((1 << 20) / unit.len())
}

/// One quoted value of 1 MiB full of doubled quotes.
pub fn doubled_quotes() -> String {
    let mut s = String::from("a=\"");
    s.push_str(&"\"\"".repeat((1 << 20) / 2));
    s.push('"');
    s
}

/// `count` distinct pairs.
pub fn pairs(count: usize) -> String {
    let mut s = String::new();
    for i in 0..count {
        s.push_str(&format!("Key{i}=value{i};"));
    }
    s
}

/// `mib` MiB of a pathological shape (see `tests/it/hostile.rs`).
#[allow(dead_code)]
pub fn hostile(shape: &str, mib: usize) -> String {
    let n = mib << 20;
    let fill = |unit: &str| unit.repeat(n / unit.len());
    match shape {
        "semicolons" => fill(";"),
        "equals" => fill("a=;"),
        "quotes" => format!("a=\"{}\"", fill("\"\"")),
        // A doubled quote every three bytes: decoding copies runs of one char.
        "quotes-x" => format!("a=\"{}\"", fill("x\"\"")),
        "duplicates" => fill("OAuthClientId=x;"),
        "distinct" => {
            let mut s = String::with_capacity(n);
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!("Key{i}=value{i};"));
                i += 1;
            }
            s
        }
        "long-key" => format!("{}={}", "k".repeat(n / 2), "v".repeat(n / 2)),
        "nested" => {
            let mut inner = String::from("Password=secret");
            while inner.len() < n {
                inner = format!("ProfileSettings=\"{}\"", inner.replace('"', "\"\""));
            }
            format!("Profile=Zoom.apip;AuthScheme=OAuth;OAuthAccessToken=t;{inner}")
        }
        other => panic!("unknown shape {other}"),
    }
}
