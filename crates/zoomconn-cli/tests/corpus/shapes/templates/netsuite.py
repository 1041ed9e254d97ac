import pyodbc

CONN_TEMPLATE = "DRIVER={CData ODBC Driver for NetSuite};%s"
ACCOUNT = "Driver={CData ODBC Driver for NetSuite};Account Id=%(account)s;InitiateOAuth=GETANDREFRESH;Timeout=%d"
ZOOM = "Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId={0};CallbackURL={callback}"
ERB = "Profile=Zoom.apip;AuthScheme=<%= scheme %>;InitiateOAuth=GETANDREFRESH"


def connect(extra):
    return pyodbc.connect(CONN_TEMPLATE % extra)
