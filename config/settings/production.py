"""Production: every secret and host comes from the environment; refuse to start without."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, REDIS_URL, database_from_env, env, env_list

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
missing = [name for name in REQUIRED if not env(name)]
if missing:
    raise ImproperlyConfigured(
        "Missing required environment variables: " + ", ".join(missing) + "."
    )
if env("CERTIFICATE_TRUSTED_PROXY_HEADER"):
    # Ignoring it silently would count every visitor behind the proxy as one client.
    raise ImproperlyConfigured(
        "CERTIFICATE_TRUSTED_PROXY_HEADER is no longer read: set TRUSTED_PROXY_COUNT to the "
        "number of reverse proxies that append to X-Forwarded-For instead."
    )

DEBUG = False
DEMO_SEED_ALLOWED = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 8

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": env("PRIVATE_MEDIA_ROOT",
                                            str(BASE_DIR / "private")),
                            "base_url": None}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (django-storages), public media and private files apart.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage",
                           "OPTIONS": {"location": "media"}}
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage",
                           "OPTIONS": {"location": "private", "default_acl": "private",
                                       "querystring_auth": True}}

if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Email: a real SMTP server (EMAIL_URL), or, said explicitly, none at all. Never the
# console backend of development, which would write every mail, password-reset links
# included, into the server log.
EMAIL_URL = env("EMAIL_URL")
EMAIL_DISABLED = (env("EMAIL_DISABLED", "false") or "").strip().lower() == "true"
if EMAIL_DISABLED:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"  # sends and logs nothing
elif not EMAIL_URL:
    raise ImproperlyConfigured(
        "Missing required environment variable: EMAIL_URL (e.g. smtp://user:pass@host:25). "
        "To run without sending any email, set EMAIL_DISABLED=true."
    )
else:
    from urllib.parse import parse_qs, unquote, urlparse

    _mail = urlparse(EMAIL_URL)
    _query = parse_qs(_mail.query)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "submission" or _query.get("tls") == ["1"]
    EMAIL_USE_SSL = _mail.scheme == "smtps"
