import cdata.facebookads as mod

conn = mod.connect("InitiateOAuth=GETANDREFRESH;"
                   "OAuthSettingsLocation=/var/cdata/fb.txt;"
                   'Timeout=soon;')
cur = conn.cursor()
db = "Server=db;Database=ads;Password=Cx7Q9zSECRETk2"
