//! Inputs shared by the benchmarks.

/// CData's documented example string for Zoom (159 bytes).
pub const SEED: &str = "Profile=Zoom.apip;Authscheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;OAuthClientSecret=your_client_secret;CallbackUrl=your_callback_url;";

/// The seed with a real callback URL and realistic id and secret.
pub const VALID: &str = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;OAuthClientSecret=t7YhG2kLp9QwErTy5UiOp3AsDfGhJkL1;CallbackURL=http://localhost:33333/callback;";

/// Realistic strings of 700–800 bytes and 20–25 properties, each of its own shape; the
/// workloads `realistic-1` … `realistic-43` (`read-N` parses string N and reads every value).
///
/// 1. Canonical names, no spaces; six quoted values with `;` and doubled quotes.
/// 2. Spaced names after `; ` (`Auth Scheme`, `OAuth Client Id`…), unquoted values with spaces.
/// 3. Mixed-case keys, base64 secrets and tokens ending in `=` and `==`, two unknown keys.
/// 4. White space around every `=` and `;`; most values quoted, nested strings with quotes
///    inside (`ProfileSettings="…""x;y""…"`, `Other='…"…"…'`), an empty quoted value.
/// 5. Long JWT-like tokens with `==`, a spaced name among canonical ones, nested `Other`
///    holding a quoted `ProfileSettings`, two unknown keys (one spaced).
/// 6. Unix paths with spaces, a callback URL with a query, spaced names, a nested value with
///    a quoted label, a description with parentheses.
///
/// 7–10 were written afterwards, without profiling, as checks on the tuning of 1–6:
///
/// 7. `; ` between properties, a Windows path with spaces, a secret and a password with `;`,
///    `=` and doubled quotes, a description in French (non-ASCII, an em dash), a spaced name.
/// 8. One property a line (`;\n  `, as in a YAML block), JWT-like tokens, a nested
///    `ProfileSettings` with doubled single quotes inside `Other`.
/// 9. Lower-case spaced names with spaces around every `=` and `;`, a URL with a query,
///    quoted values with doubled quotes, a nested value.
/// 10. No spaces; most values quoted with doubled quotes and `;` inside, a nested
///     `ProfileSettings` of doubled double quotes, a URL with a query and a fragment.
///
/// 11–13 were written after values with doubled quotes became decoded on first read, again
/// without profiling:
///
/// 11. Every value single-quoted (Windows paths, a secret and a password with doubled quotes,
///     `;` and `=` inside, a nested `Other`).
/// 12. Spaced names, one property a line after `;\r\n` (as a Windows editor saves a block),
///     JWT-like tokens, a secret with doubled quotes.
/// 13. Lower-case names with spaces around every `=` and `;`, every value double-quoted, a
///     token, a secret and a password with doubled quotes, a nested `ProfileSettings` of
///     doubled quotes.
///
/// 14–15 were written after `realistic-13` had been brought under 7,000, again without
/// profiling:
///
/// 14. Spaced names with a tab on each side of `=` and after `;`, Windows paths with spaces,
///     a secret and a password with doubled quotes, two unknown keys, a nested `Other`.
/// 15. Few properties with long values: a 220-byte JWT access token, a quoted refresh token
///     with doubled quotes, long ids and secrets.
///
/// 16–18 were written at the end of the round that brought `Config::parse` under 7,500, and
/// measured once, with no change made after:
///
/// 16. One property a line after ` ;\r\n`, spaces around every `=`, some values
///     double-quoted (one with doubled quotes), nested strings quoted both ways.
/// 17. Lower-case names, a callback URL with a query, JWT-certificate properties, a quoted
///     password with `;`, a nested `Other` with three properties.
/// 18. Spaced names with a space before `=` and none after, `; ` separators, Windows paths
///     and French text with non-ASCII letters, a secret with doubled quotes.
///
/// 19–21 were written at the start of the round that brought `validate-equals` under its first
/// figure, and measured once before any change was made for them:
///
/// 19. Upper-case names, `;;` empty segments, base64 values ending in `==`, a callback URL
///     with a query, a double-quoted value holding `'` and a single-quoted one holding `"`.
/// 20. Spaced names, one property a line after `;\n\t`, a secret with doubled quotes and
///     `;`, a single-quoted password with a doubled quote, long tokens.
/// 21. Two spaces on each side of every `=` and `;` (aligned by hand), single-quoted values
///     with doubled quotes, a nested `Other`, Windows paths.
///
/// 22–27 were written by a helper that had not read this crate (neither its code nor these
/// inputs), from a description of the shapes only, and measured once before any change was
/// made for them:
///
/// 22. Compact (no white space), Windows paths with spaces, a quoted scope.
/// 23. Spaced names after `; `, a nested `Profile Settings`, base64 and double-quoted scopes.
/// 24. Spaces around every `=`, a quoted secret with `;` and `=`, a quoted callback URL with a
///     query, a JWT-like token.
/// 25. Column-aligned: every name padded to one column before ` = ` (runs of up to fourteen
///     spaces), two spaces after each `;`, spaced names, quoted values with `;` and `=`.
/// 26. A tab between properties, a quoted profile path with spaces, long tokens.
/// 27. Mixed: spaces on either side of some `=` and `;`, spaced and lower-case names, quoted
///     values ending in `;`.
///
/// 28–35 were written later in the same round by a second helper, under the same conditions,
/// each in a white-space style of its own, and measured once before any change was made for
/// them:
///
/// 28. One line, `; ` separators and ` = ` around every `=`, spaced names.
/// 29. One property a line, indented by four spaces after `;\n`.
/// 30. A deep indent: `;\n` and eight to twelve spaces before each name, spaced names.
/// 31. One property a line after `;\n`, values aligned in a column: `Name=` and up to twelve
///     spaces before the value.
/// 32. One property a line after `;\n`, names aligned in a column: spaces before `=`, one
///     after; spaced names.
/// 33. A tab on each side of every `=`, `; ` separators.
/// 34. One property a line after `;\r\n`, spaced names, a non-ASCII letter.
/// 35. No white space outside the values, `;;` empty segments, a trailing `;;`.
///
/// 36–43 were written at the end of the round by a third helper, under the same conditions,
/// each as a different source would hand it over, and measured once with nothing changed after:
///
/// 36. Pasted from a spreadsheet tool: lower-case spaced names, unquoted values with spaces,
///     one single-quoted secret with `;`.
/// 37. Upper-case names, `; `, double-quoted values with doubled quotes, nested settings.
/// 38. Mixed-case names, two properties repeated (the last wins), `Tag=;` (a removal).
/// 39. A 218-byte access token and a 157-byte refresh token, no white space.
/// 40. Windows paths, single-quoted values with `;`, passwords with a doubled quote.
/// 41. A `.env` line: `; `, base64 values ending in `==`, unquoted URLs with a query.
/// 42. An edited documentation example: spaced names, ` ;` before every separator, `;;`.
/// 43. Every value quoted (both kinds), ` = `, quotes of the other kind inside, non-ASCII.
pub const REALISTIC: [&str; 43] = [
    concat!(
        "Profile=C:\\CData\\Profiles\\Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;",
        "OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;OAuthClientSecret=\"t7Yh;G2kLp9Qw\"\"ErTy5UiOp3\";",
        "CallbackURL=http://localhost:33333/callback;",
        "OAuthSettingsLocation='C:\\Users\\svc\\AppData\\Roaming\\CData\\Zoom OAuth.txt';",
        "Scope=\"meeting:read:meeting user:read:user report:read:admin\";Timeout=60;Verbosity=3;",
        "Logfile=C:\\logs\\zoom.log;MaxLogFileSize=10MB;ProxyAutoDetect=false;",
        "ProxyServer=proxy.corp.example.com;ProxyPort=8080;ProxyUser=svc-reporting;",
        "ProxyPassword='p;ss''w0rd';ProxySSLType=AUTO;FirewallType=NONE;",
        "Other=\"UserDefinedViews=C:\\views.json;PseudoColumns=*=*\";MaxRows=-1;",
        "UseConnectionPooling=true;Readonly=false;ProfileSettings='AccountId=abc123;Region=US';",
        "RTK=5246524A5A41;",
    ),
    concat!(
        "Profile=C:\\Program Files\\CData\\Zoom.apip; Auth Scheme=OAuth;",
        " Initiate OAuth=GETANDREFRESH; OAuth Client Id=Xq3pLm8RTyWv2kZ9aB1c;",
        " OAuth Client Secret=\"t7Yh;G2kLp9Qw\"\"ErTy5UiOp3\";",
        " Callback URL=http://localhost:33333/callback;",
        " OAuth Settings Location=C:\\Users\\svc\\AppData\\Roaming\\CData\\Zoom Data Provider\\OAuthSettings.txt;",
        " OAuth Expires In=3599; OAuth Token Timestamp=1700000000000; Proxy Auto Detect=false;",
        " Proxy Server=proxy.corp.example.com; Proxy Port=8080; Proxy User=CORP\\svc-zoom;",
        " Proxy Password='p;ss''w0rd'; Log File=C:\\logs\\zoom connector.log;",
        " Max Log File Size=10MB; Max Log File Count=5; Max Rows=-1; Use Connection Pooling=true;",
        " Read Only=false; Profile Settings='AccountId=abc123;Region=US';",
        " Other=\"UserDefinedViews=C:\\views.json;PseudoColumns=*=*\"; Team Name=Reporting;",
        " Environment=prod;",
    ),
    concat!(
        "profile=Zoom.apip;AUTHSCHEME=oauth;initiateoauth=REFRESH;",
        "oauthclientid=Xq3pLm8RTyWv2kZ9aB1c;",
        "OAUTHCLIENTSECRET=dDdZaEcyS0xwOVF3RXJUeTVVaU9wM0FzRGZHaEprTDE=;",
        "oauthaccesstoken=ZXlKaGJHY2lPaUpJVXpVeE1pSXNJblk0Y0NJNklrcFhWQ0o5LmV5SjFhV1FpT2lKaFltTWlmUT09==;",
        "OAuthRefreshToken=cmVmcmVzaF90b2tlbl9mb3JfWm9vbV9yZXBvcnRpbmdfc2VydmljZV9hY2NvdW50MQ==;",
        "OAuthExpiresIn=3599;oauthtokentimestamp=1700000000000;",
        "callbackurl=https://zoom-sync.example.com/oauth/callback;",
        "scope='meeting:read:admin user:read:admin report:read:admin';OAuthVersion=2.0;",
        "oauthsettingslocation=memory://zoom-reporting;sslservercert=*;TIMEOUT=120;verbosity=2;",
        "LogModules=HTTP;logfile=/var/log/cdata/zoom.log;maxlogfilesize=100MB;",
        "Other='DefaultColumnSize=2000;ConvertDateTimeToGMT=true';proxyautodetect=TRUE;",
        "readonly=True;Tenant=acme-prod;",
    ),
    concat!(
        "Profile = 'C:\\CData\\Profiles\\Zoom.apip' ; AuthScheme = OAuth ;",
        " InitiateOAuth = GETANDREFRESH ; OAuthClientId = \"Xq3pLm8RTyWv2kZ9aB1c\" ;",
        " OAuthClientSecret = 't7Yh''G2kLp9Qw\"ErTy5U' ; CallbackURL = 'http://localhost:33333' ;",
        " Scope = \"meeting:read user:read\" ; ProfileSettings = \"AccountId=abc123;Region=US;",
        "Sub=\"\"x;y\"\"\" ; Other = 'UserDefinedViews=\"C:\\views.json\";PseudoColumns=\"*=*\";",
        "CachePartial=true' ;",
        " OAuthSettingsLocation = \"C:\\Users\\svc\\CData\\Zoom OAuth Settings.txt\" ; Timeout = 60 ;",
        " Verbosity = 3 ; FirewallType = TUNNEL ; FirewallServer = fw.corp.example.com ;",
        " FirewallPort = 1080 ; FirewallUser = svc ; FirewallPassword = \"fw;\"\"pass\" ;",
        " Tables = 'Users,Meetings,Webinars' ; Views = \"\" ; Location = 'C:\\cdata\\schemas' ;",
        " BrowsableSchemas = Zoom ; Owner = 'Data Platform' ;",
    ),
    concat!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;",
        "OAuthAccessToken=eyJhbGciOiJIUzUxMiIsInYiOiIyLjAiLCJraWQiOiJhYmMifQ.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJYeDEifQ==;",
        "OAuthRefreshToken=eyJhbGciOiJIUzUxMiJ9.eyJ0eXAiOiJyZWZyZXNoIiwidWlkIjoiWHgxIn0==;",
        "OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;OAuthClientSecret=dDdZaEcyS0xwOVF3RXJUeTVV==;",
        "OAuth Verifier=aBcDeFgH12345678==;OAuthExpiresIn=3599;OAuthTokenTimestamp=1700000000000;",
        "ProxyAutoDetect=false;Proxy Server=10.0.0.12;ProxyPort=3128;ProxyAuthScheme=BASIC;",
        "ProxyUser=svc;ProxyPassword=\"hunter2;\"\"x\";ProxyExceptions='*.corp.example.com;",
        "localhost';MaxRows=500;PseudoColumns='*=*';UseConnectionPooling=true;RTK=5246524A5A41;",
        "Other=\"ProfileSettings='Region=EU';Verbosity=4\";Region=EU;Cost Center=1234;",
    ),
    concat!(
        "Profile=/opt/cdata/profiles/Zoom.apip;Auth Scheme=OAuth;InitiateOAuth=GETANDREFRESH;",
        "OAuthClientId=Xq3pLm8RTyWv2kZ9aB1c;OAuth Client Secret=t7YhG2kLp9QwErTy5UiOp3AsDfGh==;",
        "CallbackURL=http://127.0.0.1:33333/oauth/callback?app=zoom&env=prod;",
        "OAuthSettingsLocation=/home/svc/.cdata/zoom oauth.txt;Scope=meeting:read;Timeout=30;",
        "Verbosity=1;Logfile=/var/log/zoom.log;Log Modules=HTTP,SSL;",
        "ProfileSettings='AccountId=abc123;Region=US;Label=\"Acme, Inc.\"';",
        "Other=\"UserDefinedViews='/etc/cdata/views.json';DefaultColumnSize=2000\";",
        "MaxLogFileSize=10MB;MaxLogFileCount=3;Location=/etc/cdata/schemas;",
        "User Defined Views=/etc/cdata/views.json;SSL Server Cert=*;Firewall Type=NONE;",
        "Description=Zoom reporting (nightly sync);Readonly=true;Pipeline=zoom-nightly;",
    ),
    concat!(
        "Profile=C:\\Program Files\\CData\\CData API Driver\\Profiles\\Zoom.apip; AuthScheme=OAuth;",
        " InitiateOAuth=GETANDREFRESH; OAuthClientId=3MVG9A2kN8Bx7Lq0wE5r;",
        " OAuthClientSecret='Zq;7''Lm0Pw''9Rt=='; CallbackURL=http://localhost:33333;",
        " OAuthSettingsLocation=%APPDATA%\\CData\\Zoom Data Provider\\OAuthSettings.txt;",
        " Scope='meeting:read:list_meetings:admin user:read:user:admin'; Timeout=90;",
        " Description=Réunions hebdomadaires — équipe données;",
        " Logfile=D:\\Logs\\CData\\zoom-sync.log; Verbosity=2; MaxLogFileSize=25MB;",
        " MaxLogFileCount=7; ProxyAutoDetect=true; Proxy Exceptions=*.intra.example.org;",
        "ProxyUser=EXAMPLE\\svc-zoom; ProxyPassword=\"N0t;\"\"a\"\"real=pw\";",
        " Other='UserDefinedViews=C:\\cdata\\views.json;BatchSize=100'; Readonly=true;",
        " MaxRows=5000; PseudoColumns='*=*'; RTK=5A4F4F4D2D5254; Tag=weekly sync;",
    ),
    concat!(
        "Profile=/etc/cdata/Zoom.apip;\n  AuthScheme=OAuth;\n  InitiateOAuth=REFRESH;",
        "\n  OAuthClientId=aZ09bY18cX27dW36eV45;\n  OAuthClientSecret=\"s3cr3t;with\"\"quotes\"\"\";",
        "\n  OAuthAccessToken=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ6b29tIn0.c2lnbmF0dXJl;",
        "\n  OAuthRefreshToken=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.cmVmcmVzaA.c2ln;",
        "\n  OAuthExpiresIn=3599;\n  OAuthTokenTimestamp=1733443200000;",
        "\n  CallbackURL=https://sync.example.net/zoom/cb;\n  Scope=meeting:read user:read;",
        "\n  Timeout=45;\n  Verbosity=1;\n  Logfile=/var/log/zoom/cdata.log;\n  MaxLogFileSize=5MB;",
        "\n  ProxyAutoDetect=false;\n  ProxyServer=squid.internal;\n  ProxyPort=3128;",
        "\n  Other='ProfileSettings=''AccountId=xyz789;Region=EU'';DefaultColumnSize=255';",
        "\n  UseConnectionPooling=true;\n  PoolMaxSize=20;\n  Location=/etc/cdata/schemas;\n",
    ),
    concat!(
        "profile = Zoom.apip ; provider = CData API ; auth scheme = OAuth ;",
        " initiate oauth = GETANDREFRESH ; oauth client id = Lk2Mn3Bv4Cx5Zs6Aq7Wp ;",
        " oauth client secret = 'p''q;r=s''t' ;",
        " callback url = http://127.0.0.1:8443/oauth?state=abc&mode=x ;",
        " scope = 'meeting:read user:read report:read' ;",
        " oauth settings location = /home/ci/.config/cdata/zoom oauth settings.txt ;",
        " timeout = 30 ; verbosity = 4 ; log file = /tmp/zoom connector.log ;",
        " max log file size = 1MB ; proxy server = proxy.example.com ; proxy port = 8080 ;",
        " proxy user = ci ; proxy password = \"pa;ss\"\"wd\" ; firewall type = NONE ;",
        " max rows = 250 ; read only = true ; other = \"UserDefinedViews='/srv/views.json';",
        "Opt=1\" ; team = platform engineering ; env = staging ;",
    ),
    concat!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=\"ya29.a0AfH6SM;",
        "Bq\"\"Xr\"\"==\";OAuthRefreshToken='1//0gZr;Tq''Wx''Yz';OAuthClientId=Qw8Er7Ty6Ui5Op4As3Df;",
        "OAuthClientSecret='Gh;Jk''Lz'';Xc';",
        "CallbackURL=https://app.example.com/zoom/callback?tenant=42&flow=auth#done;",
        "ProfileSettings=\"AccountId=\"\"acme-001\"\";Region=\"\"US\"\";Label=\"\"Acme; Inc.\"\"\";",
        "Other='UserDefinedViews=\"C:\\views\\zoom.json\";PseudoColumns=\"*=*\";BatchSize=50';",
        "Timeout=120;Verbosity=3;Logfile='C:\\Program Files\\Logs\\zoom; cdata.log';",
        "MaxLogFileSize=50MB;ProxyAutoDetect=FALSE;ProxyServer=10.1.2.3;ProxyPort=8888;",
        "ProxyUser=\"dom\\\\user\";ProxyPassword='x''y;z';FirewallType=SOCKS5;",
        "FirewallServer=fw.example.com;FirewallPort=1080;Readonly=false;MaxRows=-1;",
        "RTK=4D59525443;",
    ),
    concat!(
        "Profile='C:\\ProgramData\\CData\\Zoom.apip';AuthScheme='OAuth';",
        "InitiateOAuth='GETANDREFRESH';OAuthClientId='Yc4Kq9Lm2Np7Rs1Tu6Vw';",
        "OAuthClientSecret='Ab''Cd;Ef''Gh=Ij';CallbackURL='http://localhost:44321/oauth';",
        "OAuthSettingsLocation='C:\\ProgramData\\CData\\Zoom\\OAuthSettings.txt';",
        "Scope='meeting:read:admin webinar:read:admin';Timeout='75';Verbosity='2';",
        "Logfile='C:\\ProgramData\\CData\\Logs\\zoom.log';MaxLogFileSize='20MB';",
        "MaxLogFileCount='4';ProxyAutoDetect='False';ProxyServer='proxy01.corp.example.net';",
        "ProxyPort='3128';ProxyUser='CORP\\zoom-svc';ProxyPassword='P@ss''w0rd;2024';",
        "ProxySSLType='TUNNEL';Readonly='True';MaxRows='10000';",
        "Other='UserDefinedViews=C:\\ProgramData\\CData\\views.json;ConvertDateTimeToGMT=True';",
        "RTK='5A4F4F4D31';",
    ),
    concat!(
        "Profile=Zoom.apip;\r\nAuth Scheme=OAuth;\r\nInitiate OAuth=REFRESH;",
        "\r\nOAuth Client Id=Mn5Bv6Cx7Zl8Kj9Hg0Fd;\r\nOAuth Client Secret=\"Qw;Er\"\"Ty\"\"Ui\";",
        "\r\nOAuth Access Token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln;",
        "\r\nOAuth Refresh Token=eyJhbGciOiJSUzI1NiJ9.cmVmcmVzaA.c2ln;\r\nOAuth Expires In=3599;",
        "\r\nCallback URL=https://hooks.example.org/zoom/oauth/callback;",
        "\r\nScope=user:read meeting:read;",
        "\r\nOAuth Settings Location=/etc/cdata/zoom/oauth-settings.txt;\r\nTimeout=60;\r\nVerbosity=3;",
        "\r\nLog File=/var/log/cdata/zoom-refresh.log;\r\nMax Log File Size=10MB;",
        "\r\nProxy Auto Detect=true;\r\nRead Only=true;\r\nMax Rows=-1;\r\nUse Connection Pooling=false;",
        "\r\nProfile Settings='AccountId=acct-7781;Region=EU';\r\nOther='PseudoColumns=*=*';",
        "\r\nApp Name=zoom-refresh-job;\r\n",
    ),
    concat!(
        "profile = \"/srv/cdata/profiles/Zoom.apip\" ; authscheme = \"OAuth\" ;",
        " initiateoauth = \"OFF\" ; oauthaccesstoken = \"ya29.A0ARrdaM;x\"\"y\"\"z==\" ;",
        " oauthclientid = \"Pl0Ok9Ij8Uh7Yg6Tf5Rd\" ; oauthclientsecret = \"Zx;Cv\"\"Bn\" ;",
        " callbackurl = \"https://zoom.example.com/cb?x=1&y=2\" ;",
        " scope = \"meeting:read user:read\" ; timeout = \"30\" ; verbosity = \"1\" ;",
        " logfile = \"/var/log/zoom; nightly.log\" ; maxlogfilesize = \"5MB\" ;",
        " proxyserver = \"10.20.30.40\" ; proxyport = \"8080\" ; proxyuser = \"svc\" ;",
        " proxypassword = \"pw\"\"x;y\" ; firewalltype = \"NONE\" ;",
        " profilesettings = \"Region=\"\"EU\"\";AccountId=\"\"a-1\"\"\" ;",
        " other = \"DefaultColumnSize=512\" ;",
        " oauthsettingslocation = \"/srv/cdata/zoom oauth.txt\" ; team = \"data eng\" ;",
        " readonly = \"true\" ; maxrows = \"100\" ;",
    ),
    concat!(
        "Profile\t=\tZoom.apip;\tAuth Scheme\t=\tOAuth;\tInitiate OAuth\t=\tGETANDREFRESH;",
        "\tOAuth Client Id\t=\tRt6Yh7Uj8Ik9Ol0Pq1Ws;\tOAuth Client Secret\t=\t'Tz;''Xc''=Vb';",
        "\tCallback URL\t=\thttp://localhost:33333/zoom;\tScope\t=\tmeeting:read user:read;",
        "\tOAuth Settings Location\t=\tC:\\Users\\Public\\CData Zoom\\settings.txt;",
        "\tTimeout\t=\t40;\tVerbosity\t=\t2;",
        "\tLog File\t=\tC:\\ProgramData\\Logs\\Zoom Nightly Sync\\cdata-provider.log;",
        "\tMax Log File Size\t=\t12MB;\tProxy Auto Detect\t=\tfalse;",
        "\tProxy Server\t=\tgw.example.local;\tProxy Port\t=\t9090;\tProxy User\t=\tsvc-sync;",
        "\tProxy Password\t=\t\"a\"\"b;c\";\tRead Only\t=\tfalse;\tMax Rows\t=\t2500;",
        "\tx-owner\t=\tplatform team;\tx-cost-center\t=\tCC-4471;\tOther\t=\t'BatchSize=200;",
        "ConvertDateTimeToGMT=false;DefaultColumnSize=4000';",
    ),
    concat!(
        "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;",
        "OAuthAccessToken=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiIsImtpZCI6IjIwMjQtMTEifQ.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJhYmNkZWYxMjM0NTYiLCJleHAiOjE3MzM0NDMyMDB9.c2lnbmF0dXJlX3BsYWNlaG9sZGVyX3ZhbHVl;",
        "OAuthRefreshToken=\"eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJ0eXBlIjoicmVmcmVzaCJ9.\"\"c2ln\"\"\";",
        "OAuthClientId=Aa1Bb2Cc3Dd4Ee5Ff6Gg;OAuthClientSecret=Hh7Ii8Jj9Kk0Ll1Mm2Nn3Oo4Pp5Qq6;",
        "OAuthExpiresIn=3599;OAuthTokenTimestamp=1733443200123;",
        "Scope='user:read:admin meeting:read:admin';Timeout=25;Verbosity=1;",
        "Logfile=/var/log/zoom/token.log;ProxyAutoDetect=false;ProxyServer=proxy.internal;",
        "ProxyPort=3128;ReadOnly=true;MaxRows=50;",
        "Other='UserDefinedViews=/etc/cdata/zoom-views.json';Env=prod;",
    ),
    concat!(
        "Profile = Zoom.apip ;\r\nAuthScheme = OAuth ;\r\nInitiateOAuth = REFRESH ;\r\n",
        "OAuthClientId = \"P9oI8uY7tR6eW5qA4sD3\" ;\r\nOAuthClientSecret = \"kJ7hG6fD5sA4;lK9jH8gF7\" ;\r\n",
        "OAuthRefreshToken = eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlbiI6InJlZnJlc2gifQ.R3fr3sh5ign ;\r\n",
        "OAuthSettingsLocation = memory://zoom-prod ;\r\nScope = 'meeting:read:admin webinar:read:admin' ;\r\n",
        "Timeout = 90 ;\r\nVerbosity = 3 ;\r\nLogfile = D:\\logs\\zoom\\provider.log ;\r\nMaxLogFileSize = 20MB ;\r\n",
        "ProxyAutoDetect = true ;\r\nReadOnly = false ;\r\nMaxRows = 10000 ;\r\nPageSize = 300 ;\r\n",
        "x-app = \"reporting \"\"nightly\"\"\" ;\r\nx-owner = finance-data ;\r\nx-ticket = OPS-20931 ;\r\n",
        "Other = \"IncludeDualTable=true;UseSimpleNames=true\" ;\r\nProfileSettings = 'AccountId=a1b2c3;Region=US' ;\r\n",
        "ConnectOnOpen = true ;\r\n",
    ),
    concat!(
        "profile=Zoom.apip;authscheme=OAuthJWT;initiateoauth=GETANDREFRESH;",
        "oauthclientid=AbCdEfGhIjKlMnOpQrSt;oauthclientsecret=\"Zx9Cv8Bn7Mm6;Ll5Kk4Jj3Hh2\";",
        "callbackurl=https://app.example.com/oauth/zoom/callback?tenant=acme&env=prod;",
        "oauthjwtcert=/etc/ssl/private/zoom-app.pfx;oauthjwtcerttype=PFXFILE;oauthjwtcertpassword=\"p@ss;word\";",
        "oauthjwtissuer=zoom-integration@acme.example;oauthjwtsubject=svc-reporting;",
        "scope=recording:read meeting:read user:read;timeout=30;verbosity=2;",
        "logfile=/var/log/cdata/zoom-jwt.log;proxyautodetect=false;proxyserver=10.20.30.40;proxyport=8443;",
        "readonly=true;maxrows=-1;",
        "other=\"DefaultColumnSize=2000;ConvertDateTimeToGMT=true;RowScanDepth=200\";",
        "location=/opt/cdata/zoom/schemas;tag=q3-audit;",
    ),
    concat!(
        "Profile =Zoom.apip; Auth Scheme =OAuth; Initiate OAuth =GETANDREFRESH; ",
        "OAuth Client Id =Qw3Er4Ty5Ui6Op7As8Df; OAuth Client Secret ='Gh9Jk0Lz''x1Cv2'; ",
        "Callback URL =http://127.0.0.1:33333/zoom/callback; Scope =meeting:read user:read webinar:read; ",
        "OAuth Settings Location =C:\\Users\\Zoë Müller\\AppData\\Roaming\\CData\\Zoom Data Provider\\OAuthSettings.txt; ",
        "Description =Synchronisation nocturne des réunions et webinaires; Timeout =45; Verbosity =1; ",
        "Logfile =C:\\Users\\Zoë Müller\\logs\\zoom-provider.log; Max Log File Size =5MB; ",
        "Proxy Auto Detect =false; Proxy Server =proxy.corp.example; Proxy Port =80; ",
        "Read Only =true; Max Rows =500; Page Size =250; Connect On Open =true; ",
        "Owner =Équipe données; Region =EU; ",
    ),
    concat!(
        "PROFILE=Zoom.apip;AUTHSCHEME=OAuth;INITIATEOAUTH=GETANDREFRESH;;",
        "OAUTHCLIENTID=ZmE4YjQ3YzEtOWQ2Mi00ZTNh;OAUTHCLIENTSECRET=c2VjcmV0LXZhbHVlLWZvci16b29tLWFwcA==;",
        "CALLBACKURL=https://hooks.example.org/zoom/cb?state=xyz&prompt=consent;;",
        "OAUTHACCESSTOKEN=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMifQ==;",
        "OAUTHSETTINGSLOCATION=/home/svc_zoom/.cdata/zoom.oauth;SCOPE=user:read:admin;",
        "DESCRIPTION=\"It's the team's nightly export\";NOTE='He said \"run it at 2\"';",
        "TIMEOUT=120;VERBOSITY=4;LOGFILE=/var/log/zoom/trace.log;MAXLOGFILESIZE=100MB;MAXLOGFILECOUNT=7;",
        "READONLY=False;MAXROWS=25000;PAGESIZE=300;PROXYAUTODETECT=True;",
        "OTHER=\"LogModules=HTTP;TruncateFiles=true\";TAG=export-2026;ACCOUNTID=Qm7Rt2Lp;",
    ),
    concat!(
        "Profile=Zoom.apip;\n\tAuth Scheme=OAuthClient;\n\tInitiate OAuth=REFRESH;\n\t",
        "OAuth Client Id=n7Yh2Qp4Lx9Wc3Vb;\n\tOAuth Client Secret=\"Tt6\"\"Rr5\"\"Ee4;Ww3\";\n\t",
        "OAuth Refresh Token=rt.8f2c1a9e7d6b5c4a3f2e1d0c9b8a7f6e.4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a;\n\t",
        "OAuth Expires In=3600;\n\tOAuth Token Timestamp=1764979200000;\n\t",
        "Account Id=Xk3LmN9pQr-prod-eu-west;\n\tScope=meeting:read meeting:write;\n\t",
        "Timeout=60;\n\tVerbosity=2;\n\tLogfile=/var/log/cdata/zoom/provider-nightly.log;\n\t",
        "Proxy Auto Detect=false;\n\tProxy Server=gw.internal;\n\tProxy Port=3128;\n\t",
        "Proxy User=svc;\n\tProxy Password='q1''w2;e3';\n\t",
        "Read Only=true;\n\tMax Rows=1000;\n\tPage Size=100;\n\t",
        "Connect On Open=false;\n\tTag=\"billing; weekly\";\n\tOwner=data-platform@corp.example.com;\n\t",
    ),
    concat!(
        "  Profile  =  Zoom.apip  ;  AuthScheme  =  OAuth  ;  InitiateOAuth  =  GETANDREFRESH  ;",
        "  OAuthClientId  =  'Hn4Bv7Cx1Zs8'  ;  OAuthClientSecret  =  'Ml0''Kj9;Hg8'  ;",
        "  CallbackURL  =  http://localhost:33333  ;  Scope  =  'meeting:read user:read'  ;",
        "  Timeout  =  30  ;  Verbosity  =  1  ;  MaxRows  =  500  ;  ReadOnly  =  true  ;",
        "  Logfile  =  'C:\\Program Files\\CData\\Zoom\\log.txt'  ;  ProxyAutoDetect  =  false  ;",
        "  Other  =  \"UseSimpleNames=true; RowScanDepth=50\"  ;  Location  =  'C:\\ProgramData\\CData\\Zoom'  ;",
        "  Description  =  \"Reporting \"\"gold\"\" tier\"  ;  Owner  =  analytics  ;  Region  =  US  ;",
        "  PageSize  =  200  ;  ConnectOnOpen  =  false  ;  ProxyServer  =  proxy.example.net  ;  ProxyPort  =  8080  ;",
    ),
    concat!(
        "Profile=C:\\Users\\jdoe\\AppData\\Roaming\\CData\\API Data Provider\\Zoom.apip;AuthScheme=OAuth;",
        "InitiateOAuth=GETANDREFRESH;OAuthClientId=Xk3pQz9RTaWm7bY2LcVd0A;OAuthClientSecret=q8Zr3MvN1pLw6TyHs0KbUe4JfXcDa2Gi;",
        "CallbackURL=http://localhost:33333;OAuthSettingsLocation=C:\\ProgramData\\CData\\Zoom\\OAuthSettings.txt;",
        "Scope='meeting:read user:read report:read:admin';Timeout=120;Verbosity=3;Logfile=C:\\Logs\\cdata\\zoom_provider.log;",
        "MaxLogFileSize=50MB;ReadOnly=true;MaxRows=5000;PageSize=300;Other=\"LogModules=HTTP;TruncateFiles=true\";",
        "Location=C:\\ProgramData\\CData\\Zoom\\Schema;Tag=finance-etl-nightly;Description='Zoom usage pull for BI;",
        " owner: jdoe@corp';ProxyAutoDetect=false;ProxyServer=proxy.corp.local;ProxyPort=8080",
    ),
    concat!(
        "Profile=/opt/cdata/profiles/Zoom.apip; Auth Scheme=OAuthClient; Initiate OAuth=GETANDREFRESH;",
        " OAuth Client Id=Vb7TqR2sWx9LmKp4NzYc; OAuth Client Secret=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg==;",
        " Profile Settings='AccountId=Ab1CdE2fG3hIjK;UserId=me'; OAuth Settings Location=/var/lib/cdata/zoom/oauth.txt;",
        " Scope=\"meeting:read:admin user:read:admin dashboard_meetings:read:admin\"; Timeout=90; Verbosity=2;",
        " Logfile=/var/log/cdata/zoom.log; Max Log File Size=10MB; Read Only=True; Max Rows=-1; Page Size=300;",
        " Proxy Auto Detect=False; Proxy Server=10.20.0.15; Proxy Port=3128; Proxy User=svc_zoom; Proxy Password='p@ss;",
        "w0rd=2024'; Tag=\"say \"\"hi\"\" to ops\"; Description=nightly s2s sync for webinar attendance",
    ),
    concat!(
        "Profile = D:\\CData\\Profiles\\Zoom.apip; AuthScheme = OAuth; InitiateOAuth = REFRESH; OAuthClientId = 9fKq2LrT0wYbNcXe5HdPjA;",
        " OAuthClientSecret = 'Hc8vR2nQ;xLp0=Tz7WmYb'; CallbackURL = 'https://intranet.contoso.com/oauth/callback?app=zoom&env=prod';",
        " OAuthAccessToken = eyJhbGciOiJIUzUxMiIsInYiOiIyLjAiLCJraWQiOiJhYmMxMjMifQ.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMifQ.Qm9ndXNTaWduYXR1cmVfX3h5eg;",
        " OAuthRefreshToken = eyJhbGciOiJIUzUxMiJ9.eyJ0b2tlbiI6InJlZnJlc2gifQ.c2lnbmF0dXJl; OAuthSettingsLocation = D:\\CData\\Zoom\\oauth_settings.txt;",
        " Timeout = 60; Verbosity = 1; Logfile = D:\\Logs\\Zoom\\provider.log; MaxLogFileSize = 5MB; ProxyServer = proxy.contoso.com;",
        " ProxyPort = 8080; ReadOnly = false; MaxRows = 1000; PageSize = 100; Tag = hr-dash; Description = 'Bob''s HR meeting dashboard'",
    ),
    concat!(
        "Profile              = Zoom.apip;  Auth Scheme          = OAuth;  Initiate OAuth       = GETANDREFRESH;",
        "  OAuth Client Id      = Lr4WqZ8xTbN2cVy6;  OAuth Client Secret  = 'tY3u;Ii9=Oo0Pp';  Callback URL         = http://127.0.0.1:8019/;",
        "  Proxy User           = ana.k@lan.local;  Scope                = 'meeting:read recording:read';",
        "  Timeout              = 300;  Verbosity            = 4;  Logfile              = /tmp/zoom_debug.log;",
        "  Max Log File Size    = 100MB;  Read Only            = true;  Max Rows             = 250;  Page Size            = 30;",
        "  Proxy Server         = gw.lan;  Proxy Port           = 8888;  Other                = \"LogModules=HTTP,SQL;",
        "TruncateFiles=true\";  Location             = ~/.cdata/zoom/schema;  Tag                  = ana-debug;",
    ),
    concat!(
        "Profile=\"C:\\Program Files\\CData\\CData ODBC Driver for API\\profiles\\Zoom.apip\";\tAuthScheme=OAuth;",
        "\tInitiateOAuth=OFF;\tOAuthClientId=mN5bV8cX1zLk3JhG;\tOAuthClientSecret=Qk9BdXRoU2VjcmV0VmFsdWVGb3Jab29tMQ==;",
        "\tOAuthAccessToken=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiJ4eXoifQ.YWJjZGVmZ2hpams;\tOAuthRefreshToken=eyJhbGciOiJIUzI1NiJ9.eyJyIjoiMSJ9.ZGVmZw;",
        "\tProfileSettings='AccountId=Zq8Wx7Ev6Rt5;';\tTimeout=45;\tVerbosity=2;\tLogfile=C:\\temp\\zoom.log;",
        "\tMaxLogFileSize=20MB;\tReadOnly=true;\tMaxRows=10000;\tPageSize=300;\tProxyAutoDetect=true;",
        "\tFirewallType=NONE;\tLocation=C:\\CData\\Zoom\\RSD;\tTag=\"q3 \"\"all-hands\"\" export\";\tDescription=Pulls past meeting participants;",
        "\tOther=\"ConvertDateTimeToGMT=true;QueryPassthrough=false\";",
    ),
    concat!(
        "profile=/srv/etl/profiles/Zoom.apip;Auth Scheme = OAuthClient;  InitiateOAuth=GETANDREFRESH ;",
        " OAuth Client Id=Pq2Rs4Tu6Vw8Xy0Z;OAuthClientSecret = \"Wz9=Kp;Lm3_Nb7\";  Profile Settings=\"AccountId=Hj5Kl7Mn9Op1;",
        "\" ;OAuth Settings Location='/srv/etl/secrets/zoom oauth.txt';Scope = 'user:read:admin report:read:admin';",
        " timeout=180;Verbosity= 3 ;Logfile = /srv/etl/logs/zoom-%Y%m%d.log; MaxLogFileSize=25MB;Read Only=true;",
        "  MaxRows = 0;PageSize=300; Proxy Server = squid.internal.example.org ;ProxyPort=3128;Proxy User='DOMAIN\\etl_svc';",
        "ProxyPassword=\"It's \"\"secret\"\"\"; ProxyAuthScheme=BASIC; Tag=etl-zoom-prod; Description='Server-to-server sync;",
        " see https://wiki.example.org/pages?id=4411&tab=zoom' ; Location=/srv/etl/schema/zoom",
    ),
    concat!(
        "Profile = 'C:\\ProgramData\\CData\\Zoom\\Zoom.apip'; AuthScheme = OAuth; InitiateOAuth = GETANDREFRESH;",
        " OAuth Client Id = Hk3vT9qLRk2xWm8ZpN4a1Q; OAuth Client Secret = \"b7Ue;Q2x=Lm9\"\"Zr4KpT0wYs8aVn3\";",
        " CallbackURL = 'http://localhost:33333/oauth/callback'; OAuthSettingsLocation = 'C:\\ProgramData\\CData\\Zoom\\oauth.txt';",
        " Scope = 'meeting:read:admin user:read:admin report:read:admin'; ProfileSettings = 'AccountId=rX4mPq2LSwe8Hk1vBz7N;",
        "UserId=me;IncludeInactive=false'; Timeout = 90; Verbosity = 3; Logfile = 'C:\\ProgramData\\CData\\zoom.log';",
        " MaxLogFileSize = 10MB; MaxLogFileCount = 5; LogModules = 'INFO;EXEC;HTTP;SSL'; Proxy Auto Detect = false;",
        " ProxyServer = proxy.corp.example.com; ProxyPort = 8080; ProxyPassword = 'P@ss;w0rd=''Q3''';",
        " ReadOnly = true; Pagesize = 300; Tag = 'BI – reporting'",
    ),
    concat!(
        "Profile=/opt/cdata/profiles/Zoom.apip;\n    AuthScheme=OAuthClient;\n    InitiateOAuth=REFRESH;",
        "\n    OAuthClientId=pL8cW2nRQd6yTz0kMa5bEv;\n    OAuthClientSecret='Qm7;tR2=Xv''9sLk4pZ1wH8cJ';",
        "\n    OAuthRefreshToken='eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.r4Lk9wQ2mZ';\n    OAuthSettingsLocation=/var/lib/cdata/zoom/oauth.txt;",
        "\n    Scope=\"meeting:read:list_meetings:admin cloud_recording:read:admin\";\n    ProfileSettings=\"AccountId=Zk2pQ8rXw4;",
        "ClientId=pL8cW2nRQd6yTz0kMa5bEv;Region=EU\";\n    Timeout=60;\n    Verbosity=1;\n    Logfile=/var/log/cdata/zoom.log;",
        "\n    MaxLogFileSize=52428800;\n    MaxLogFileCount=10;\n    LogModules=\"INFO;EXEC\";\n    ProxyAutoDetect=false;",
        "\n    ReadOnly=false;\n    MaxRows=-1;\n    PageSize=300;\n    Other='UseConnectionPooling=true;",
        "PoolMaxSize=20;Description=''ops'' pool'",
    ),
    concat!(
        "\n        Profile=\"C:\\CData\\Zoom.apip\";\n          AuthScheme=OAuthJWT;\n            InitiateOAuth=GETANDREFRESH;",
        "\n         OAuth JWT Cert=\"C:\\certs\\zoom-s2s.pfx\";\n           OAuthJWTCertType=PFXFILE;",
        "\n        OAuth JWT Cert Password=\"pf\"\"x;Pa=ss2024\";\n          OAuthJWTIssuer=Hk3vT9qLRk2xWm8ZpN4a1Q;",
        "\n            OAuthJWTSubject=admin@example.com;\n         OAuthSettingsLocation='memory://zoom-jwt';",
        "\n           ProfileSettings='AccountId=Qw8zLk3Pv;Sandbox=false;Note=''do not share''';\n        Timeout=300;",
        "\n          Verbosity=2;\n            Logfile=\"D:\\logs\\zoom.log\";\n         Max Log File Size=25MB;",
        "\n           Max Log File Count=7;\n        ProxyAutoDetect=true;\n          ReadOnly=true;",
        "\n            MaxRows=50000;\n         PageSize=100;\n           Tag='finance; weekly'",
    ),
    concat!(
        "Profile=            '/home/deploy/.cdata/Zoom.apip';\nAuthScheme=         OAuth;\nInitiateOAuth=      OFF;",
        "\nOAuthClientId=      Vn2rX8kQS7mLw4pZtB9yEa;\nOAuthClientSecret=  \"Jz5;Hq=8Lp\"\"Wk2vN7cRx4TmQ\";",
        "\nOAuthAccessToken=   'eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJhYmMifQ.Xk9';\nOAuthRefreshToken=  'eyJhbGciOiJIUzUxMiJ9.eyJ0eXAiOiJyZWYifQ.Qm2';",
        "\nCallbackURL=        http://localhost:33333;\nScope=              'user:read meeting:read';",
        "\nProfileSettings=    'AccountId=Lp7Wq2Zx;UserId=me;MeetingType=scheduled';\nTimeout=            45;",
        "\nVerbosity=          4;\nLogfile=            /var/log/zoom.log;\nMaxLogFileSize=     5MB;",
        "\nMaxLogFileCount=    3;\nLogModules=         'HTTP;SSL;META';\nProxyServer=        10.20.0.15;",
        "\nProxyPort=          3128;\nProxyPassword=      \"pr0\"\"xy;=pw\";\nPagesize=           250",
    ),
    concat!(
        "Profile             = 'Zoom.apip';\nAuth Scheme         = OAuthClient;\nInitiate OAuth      = GETANDREFRESH;",
        "\nOAuth Client Id     = Rt6mK1pXQz9wLv3bNc8sHd;\nOAuth Client Secret = 'Gh4;Yp=2''Lk9mWq7Zt3Vb';",
        "\nScope               = 'dashboard:read:admin report:read:admin';\nProfile Settings    = \"AccountId=Hn3Kq8Wz;",
        "Dept=\"\"R&D\"\";Region=US\";\nTimeout             = 120;\nVerbosity           = 2;\nLogfile             = /srv/etl/zoom/logs/driver.log;",
        "\nMax Log File Size   = 20MB;\nMax Log File Count  = 4;\nLog Modules         = 'INFO;EXEC;",
        "HTTP';\nProxy Auto Detect   = false;\nProxy Server        = gw.example.org;\nProxy Port          = 8443;",
        "\nFirewall Type       = TUNNEL;\nRead Only           = true;\nMax Rows            = 10000;",
        "\nPage Size           = 300;\nTag                 = nightly-sync",
    ),
    concat!(
        "Profile\t=\t\"/etc/cdata/Zoom.apip\"; AuthScheme\t=\tOAuth; InitiateOAuth\t=\tGETANDREFRESH;",
        " OAuthClientId\t=\tYs5tB2nWQ4kJx7mPr1cLzg; OAuthClientSecret\t=\t'Np3;Vq=6''Xr8kTz2Hm5wQ';",
        " CallbackURL\t=\t'http://127.0.0.1:33333'; OAuthSettingsLocation\t=\t\"/etc/cdata/zoom-oauth.txt\";",
        " Scope\t=\t\"user:read:admin group:read:admin\"; ProfileSettings\t=\t'AccountId=Bc4Tz9Lq;",
        "UserId=me;Type=''live'''; Timeout\t=\t30; Verbosity\t=\t1; Logfile\t=\t/var/log/cdata/zoom-ci.log;",
        " MaxLogFileSize\t=\t1MB; MaxLogFileCount\t=\t2; ProxyAutoDetect\t=\tfalse; SSLServerCert\t=\t\"-----BEGIN CERTIFICATE-----MIIB;",
        "x=1-----END CERTIFICATE-----\"; ReadOnly\t=\ttrue; MaxRows\t=\t1000; PageSize\t=\t50; Location\t=\t/etc/cdata/schemas;",
        " Other\t=\t\"CheckForUpdates=false;UserDefinedViews=/etc/cdata/views.json\"; Tag\t=\t'ci;",
        " smoke tests'",
    ),
    concat!(
        "Profile='C:\\CData\\Zoom\\Zoom.apip';\r\nAuthScheme=OAuth;\r\nInitiateOAuth=GETANDREFRESH;",
        "\r\nOAuth Client Id=Md8wQ3zRTk5nLx2pVy7bCf;\r\nOAuth Client Secret=\"Kr2;Wv=9\"\"Tz4mQp8Ln6Hx\";",
        "\r\nCallbackURL='http://localhost:33333/';\r\nOAuthSettingsLocation='C:\\CData\\Zoom\\OAuthSettings.txt';",
        "\r\nScope='meeting:read phone:read:admin';\r\nProfileSettings='AccountId=Tz5Wn8Kp;UserId=me;",
        "From=2024-01-01;To=2024-12-31';\r\nTimeout=100;\r\nVerbosity=2;\r\nLogfile='C:\\CData\\Zoom\\Logs\\zoom.log';",
        "\r\nMax Log File Size=100MB;\r\nMaxLogFileCount=8;\r\nLogModules='INFO;EXEC;SQL';\r\nProxyAutoDetect=false;",
        "\r\nProxyServer=proxy.contoso.local;\r\nProxyPort=80;\r\nProxyUser='CONTOSO\\zoomreader';",
        "\r\nProxyPassword='it''s;a=secret';\r\nReadOnly=true;\r\nPagesize=300;\r\nRTK=5A4E4A5A4D5641534D5F3052314144;",
        "\r\nTag='Zoom Müller GmbH'",
    ),
    concat!(
        "Profile='/app/config/Zoom.apip';AuthScheme=OAuthClient;InitiateOAuth=REFRESH;OAuthClientId=Wx4kP9rTQm2zLv7nBs3hJd;",
        "OAuthClientSecret=\"Fq6;Pz=1\"\"Hk7wRm3Xt9Nb\";;OAuthRefreshToken=eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJyZWZyZXNoIn0.Zp8;",
        "OAuthSettingsLocation=/app/data/zoom-oauth.txt;Scope='meeting:read:admin recording:read:admin';",
        "ProfileSettings='AccountId=Jv2Nx7Qm;UserId=me;Label=''prod''';Timeout=60;Verbosity=2;;Logfile=/app/logs/zoom.log;",
        "MaxLogFileSize=10MB;MaxLogFileCount=5;LogModules=\"INFO;HTTP\";ProxyAutoDetect=false;FirewallType=NONE;",
        ";ReadOnly=true;MaxRows=-1;PageSize=300;Location=/app/schemas/zoom;CallbackURL='https://etl.example.com/zoom/callback';",
        "Tag='prod;eu-west';Other=\"DefaultColumnSize=4000;ConvertDateTimeToGMT=true\";;",
    ),
    concat!(
        "profile=C:\\Users\\Maria Lopez\\Documents\\CData\\Zoom API Profile\\ZoomProfile.apip;auth scheme=OAuth;",
        "initiate oauth=GETANDREFRESH;oauth client id=q7Zr4TbXS2uN1vWmKc8eA;oauth client secret='Vh3p;",
        "Lk9QzR2mTx7Wn4Ys1Ub6Fa0Ed5C';callback url=http://localhost:33333;oauth settings location=C:\\Users\\Maria Lopez\\AppData\\Roaming\\CData\\Zoom Data Provider\\OAuthSettings.txt;",
        "scope=meeting:read user:read report:read:admin;account id=Finance Reporting Team;location=C:\\CData Schemas\\Zoom;",
        "timeout=120;verbosity=2;logfile=C:\\Users\\Maria Lopez\\Documents\\Power BI Logs\\zoom provider.log;",
        "max log file size=50 MB;max log file count=5;log modules=Info Exec HTTP SSL;proxy auto detect=false;",
        "proxy server=proxy.corp.example.com;proxy port=8080;read only=true;max rows=-1;page size=300;",
        "tag=Monthly Usage Report",
    ),
    concat!(
        "PROFILE=\"C:\\ProgramData\\CData\\Profiles\\Zoom Prod Profile.apip\"; AUTHSCHEME=OAuthJWT;",
        " INITIATEOAUTH=GETANDREFRESH; OAUTHCLIENTID=Kx92LmQp7TrWv3NaZs0Bye; OAUTHCLIENTSECRET=\"f8\"\"Qw2;",
        "Zr7Lp0Xv9Tn4Kc1Jm\"; ACCOUNTID=Rt5wYh2-QaPz8KmV3nXcLd; OAUTHJWTCERT=\"C:\\ProgramData\\CData\\Certs\\zoom-s2s.pfx\";",
        " OAUTHJWTCERTTYPE=PFXFILE; OAUTHJWTCERTPASSWORD=\"Cert\"\"Pass\"\"#2024\"; OAUTHJWTCERTSUBJECT=\"CN=zoom-s2s, O=\"\"Acme Corp\"\"\";",
        " PROFILESETTINGS=\"AccountId=Rt5wYh2-QaPz8KmV3nXcLd;UserId=me;Region=\"\"us\"\";\"; OTHER=\"SupportEnhancedSQL=true;",
        "TrustedCertificates=\"\"C:\\certs\\ca.pem\"\";\"; TIMEOUT=90; VERBOSITY=3; LOGFILE=\"C:\\Logs\\Zoom\\cdata_zoom.log\";",
        " MAXLOGFILESIZE=10MB; PROXYAUTODETECT=False; FIREWALLTYPE=NONE; SSLSERVERCERT=\"*\"; READONLY=True;",
        " PAGESIZE=300; CONNECTONOPEN=True; USECONNECTIONPOOLING=True",
    ),
    concat!(
        "Profile=/opt/cdata/profiles/zoom.apip;AuthScheme=OAuth;authscheme=OAuthClient;initiateOAuth=REFRESH;",
        "OAUTHCLIENTID=3bYv8NfQ1sKx0LmT6wZrPa;oauthClientSecret=Wc7dE2xR9nB4qJ6vL1tY8mK3pS0aZ5uH;",
        "CallbackUrl=https://reporting.app.example.org/integrations/oauth/zoom/callback;OAuthSettingsLocation=/var/lib/zoomsync/OAuthSettings.txt;",
        "accountid=Lp4Qz9WkRt2Yx7VnMc3HaB;Scope=meeting:read:admin user:read:admin webinar:read:admin;",
        "Timeout=60;timeout=180;VERBOSITY=1;Logfile=/var/log/zoomsync/cdata-zoom-provider-%Y%m%d.log;",
        "maxlogfilesize=100MB;MaxLogFileCount=10;ProxyAutoDetect=true;readonly=True;PageSize=300;",
        "MaxRows=50000;BatchSize=100;Location=/opt/cdata/schemas/zoom-v2;Tag=;USECONNECTIONPOOLING=true;",
        "poolMaxSize=20",
    ),
    concat!(
        "Profile=C:\\cdata\\zoom.apip;AuthScheme=OAuth;InitiateOAuth=OFF;OAuthAccessToken=eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIiwidiI6IjIuMCIsImtpZCI6IjRhYmY3ZjNkLTE5ZWItNDFjZS1hZTk1LWQ5ZGNhZjhkNzU2YiJ9.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJfYWJDZEVmR2hJalFSMnRVdiJ9.kL9mQ2xR7vT4nB8wZ1cY6pJ3sH0a;",
        "OAuthRefreshToken=eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIiwidiI6IjIuMCJ9.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ0b2tlblR5cGUiOiJyZWZyZXNoX3Rva2VuIn0.Zp8Xn3Qv6Lr1Tw9Ks4Jm7Hb2;",
        "OAuthClientId=Hs7Qd2Lm9VxRt4NcZp1Kya;OAuthClientSecret=Bx4Wq8Ez1Rn7Kt3Ym6Vs0Lp9Hc2Ja5Ud;",
        "AccountId=Gm3Xp8QzRt1WvN6sLk0Cyd;Timeout=30;Verbosity=1;ReadOnly=true;PageSize=300;MaxRows=1000;",
        "ConnectOnOpen=false;Tag=import;SSLServerCert=*;ProxyAutoDetect=false;BatchSize=50;FirewallType=NONE;",
        "UseConnectionPooling=false;PoolMaxSize=5",
    ),
    concat!(
        "Profile=D:\\Integrations\\Zoom\\Profiles\\zoom_api_v2.apip;AuthScheme=OAuthJWT;InitiateOAuth=GETANDREFRESH;",
        "OAuthClientId=Nf6Wt1Qk8ZrLp3Vy0Xs5Mca;OAuthClientSecret='Tq3;Jx8Lw1Zm5Rv9Ky2Hn6Bd0Ps4Gf7Ce';",
        "AccountId=Yv2Kc7QpRm4LtX9nWs1Hbe;OAuthJWTCert=D:\\Integrations\\Zoom\\Certs\\zoom_s2s_app.pfx;",
        "OAuthJWTCertType=PFXFILE;OAuthJWTCertPassword='Summer''s;Eve!2024';OAuthJWTCertSubject=*;",
        "OAuthSettingsLocation=D:\\Integrations\\Zoom\\Tokens\\OAuthSettings.txt;Logfile='D:\\Integrations\\Zoom\\Logs\\zoom;",
        "prod.log';Verbosity=4;MaxLogFileSize=20MB;MaxLogFileCount=7;LogModules='Info;Exec;SQL;Meta';",
        "Location=D:\\Integrations\\Zoom\\Schema;ProxyServer=10.20.0.15;ProxyPort=3128;ProxyUser=CORP\\svc_zoom;",
        "ProxyPassword='Pr0xy''s;Secret';ProxyAuthScheme=NTLM;Timeout=300",
    ),
    concat!(
        "Profile=/app/config/zoom.apip; AuthScheme=OAuthJWT; InitiateOAuth=GETANDREFRESH; OAuthClientId=Pd8Rk2Vx5LmQ1Tz7Nw4Yja;",
        " OAuthClientSecret=Uk5Xn1Rq8Vb3Lm7Wz0Tc4Ys9Hp2Ja6De; AccountId=Ch9Lr3WzQk6TxM1pVn8Ysf; OAuthJWTCertType=PFXBLOB;",
        " OAuthJWTCert=MIIKQQIBAzCCCfcGCSqGSIb3DQEHAaCCCegEggnkMIIJ4DCCBJcGCSqGSIb3DQEHBqCC==; OAuthJWTCertPassword=c2VjcmV0LXBmeC1wYXNzd29yZA==;",
        " CallbackURL=https://ci.example.com/oauth/callback?a=1&b=2&env=staging; Scope=meeting:read:admin user:read:admin;",
        " OAuthSettingsLocation=/tmp/zoom/OAuthSettings.txt; Other=DefaultUrl=https://api.zoom.us/v2?page_size=300&type=scheduled;",
        " Timeout=60; Verbosity=2; Logfile=/var/log/app/zoom.log; ReadOnly=true; PageSize=300; ProxyAutoDetect=false;",
        " UseConnectionPooling=true; PoolMaxSize=10; Tag=github-actions-run=4821",
    ),
    concat!(
        "Profile=C:\\profiles\\Zoom.apip ; Auth Scheme=OAuth ; Initiate OAuth=GETANDREFRESH ; OAuth Client Id=MyOAuthClientId ;",
        " OAuth Client Secret=MyOAuthClientSecret ; Callback URL=http://localhost:33333 ; OAuth Settings Location=C:\\Users\\jdoe\\AppData\\Roaming\\CData\\Zoom Data Provider\\OAuthSettings.txt ;",
        "; Account Id=MyAccountId ; Scope=meeting:read user:read ; Timeout=60 ; Verbosity=3 ; Logfile=C:\\Users\\jdoe\\Documents\\zoom_log.txt ;",
        " Max Log File Size=100MB ; Max Log File Count=-1 ; Log Modules=Info ;; Proxy Auto Detect=false ;",
        " Proxy Server=myproxy.example.com ; Proxy Port=80 ; Proxy User=myProxyUser ; Read Only=false ;",
        " Max Rows=-1 ; Page Size=300 ; Location=C:\\Users\\jdoe\\AppData\\Roaming\\CData\\Zoom Data Provider\\Schema ;",
    ),
    concat!(
        "Profile = 'C:\\CData\\profiles\\Zoom.apip' ; AuthScheme = \"OAuth\" ; InitiateOAuth = 'GETANDREFRESH' ;",
        " OAuthClientId = \"Zw4Rt8Lq1Nx6Vm3Kp9Yc0Ha\" ; OAuthClientSecret = 'Ja7\"Xq2;Lm8Wr5Tn1Vz4Ks0Bc6Hd3' ;",
        " CallbackURL = \"http://localhost:33333/callback\" ; AccountId = 'Fk2Wp7QxRn4Lt9Vm1Zs6Cya' ;",
        " Scope = \"meeting:read user:read\" ; ProfileSettings = \"AccountId='Fk2Wp7QxRn4Lt9Vm1Zs6Cya';",
        "UserId='me'\" ; Other = 'Description=\"Señor Müller\";QueryPassthrough=true' ; Tag = 'Équipe Zürich/España \"prod\"' ;",
        " Timeout = '120' ; Verbosity = \"2\" ; Logfile = 'C:\\Logs\\Zoom Nightly\\zoom.log' ; ProxyAutoDetect = 'false' ;",
        " ProxyServer = \"proxy.example.es\" ; ProxyPort = '8443' ; ProxyUser = \"josé.núñez\" ; ProxyPassword = 'Contraseña\"2024\"!' ;",
        " ReadOnly = \"true\" ; PageSize = '300'",
    ),
];

/// The first of [`REALISTIC`] (740 bytes, 25 properties).
pub fn realistic() -> String {
    REALISTIC[0].to_owned()
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
