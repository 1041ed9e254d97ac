package com.example.zoom;

import java.sql.Connection;
import java.sql.DriverManager;

public final class ZoomClient {
    // The app's own database: not a CData string.
    private static final String DB = "jdbc:sqlserver://db:1433;databaseName=UserProfiles;user=sa;password=Cx7Q9zSECRETk2";
    private static final String ZOOM = "jdbc:api:Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=Cx7Q9zSECRETk2;CallbackURL=\"http://localhost:33333\"";

    public static Connection open() throws Exception {
        return DriverManager.getConnection(ZOOM);
    }
}
