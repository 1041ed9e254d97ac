package com.example.zoom;

public final class ZoomReports {
    // A text block: one property per line.
    static final String CONN = """
        jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth;
        InitiateOAuth=GETANDREFERSH;OAuthClientId=abc;
        OAuthClientSecret=Cx7Q9zSECRETk2;CallbackURL=http://localhost:33333;
        """;

    // Built from pieces: the literal below is a fragment of a string.
    static String conn(String profile) {
        return "Profile=" + profile + ";AuthScheme=OAuth2;InitiateOAuth=OFF;OAuthAccessToken=" + System.getenv("TOKEN");
    }
}
