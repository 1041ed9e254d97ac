import os

DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "profiles"}}

ZOOM_CONN = os.environ.get(
    "ZOOM_CONN",
    'Profile=Zoom.apip;AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;OAuthClientId=your_client_id;OAuthClientSecret=Cx7Q9zSECRETk2;CallbackURL=http://localhost:33333',
)

# The reporting job's string, one property per line.
REPORTING_CONN = """Profile=Zoom.apip;AuthScheme=OAuth;
InitiateOAuth=REFRESH;OAuthClientId=abc;OAuthClientSecret=Cx7Q9zSECRETk2;
OAuthRefreshToken=Cx7Q9zSECRETk2;Timeout=ten"""
