using System.Data.SqlClient;
using System.Data.CData.API;

var db = new SqlConnection("Server=db;Database=UserProfileDB;User Id=sa;Password=Cx7Q9zSECRETk2;");
var zoom = new APIConnection(@"Profile=C:\profiles\Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=abc;OAuthClientSecret=Cx7Q9zSECRETk2;CallbackURL=http://localhost:33333;Scope=""meeting:read""");
string other = "Driver={CData ODBC Driver for Salesforce};User=svc;Password=Cx7Q9zSECRETk2;Timeout=x";
