-- linked server for Zoom
EXEC sp_addlinkedserver @server = 'ZOOM', @srvproduct = 'CData', @provider = 'MSDASQL',
    @provstr = 'Driver={CData ODBC Driver for API};Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=it''sCx7Q9zSECRETk2';
SELECT * FROM UserProfiles WHERE Profile = 'admin';
