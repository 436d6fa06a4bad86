"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .env import env, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent


INSTALLED_APPS = [
    # our rooms
    "core",
    "accounts",
    "cms",
    "courses",
    "volunteers",
    "certificates",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.AccountsUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # jobs
    "django_q",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # failed-login lockout (configured below, next to the accounts settings)
    "axes",
    # second factor for the admin (configured below: ADMIN_MFA_*)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (see below).
    "core.security_headers.AreaCSPMiddleware",
    "core.security_headers.PermissionsPolicyMiddleware",
    # Anonymous visitors' pages from the cache, before any session work (core.pagecache).
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor: django-otp marks verified sessions; ours sends admin users to it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.middleware.AdminSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login refused by the lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_chrome",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default; DATABASE_URL switches (e.g. to PostgreSQL).
# IMMEDIATE transactions plus a busy timeout remove "database is locked" under concurrent
# writers (web + worker).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    ),
}


def database_from_env(default_sqlite: Path) -> dict:
    url = env("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": default_sqlite}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        # Keep connections: django-q2 closes stale ones before each step, and reopening
        # SQLite reruns the PRAGMAs above (measured: a quarter of a certificate job's cost).
        config["CONN_MAX_AGE"] = 600
    return config


DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "/"

# Password guessing: after LOGIN_FAILURE_LIMIT failed logins within LOGIN_COOLOFF_MINUTES,
# an account (from any address) and a client address (for any account) are each locked
# until the cool-off has passed, on the site's login and on /admin/login/ alike (both
# authenticate through the backend below). Counted in the database: shared by every process.
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_COOLOFF_MINUTES = int(env("LOGIN_COOLOFF_MINUTES", "15"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out attempts, must come first
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not the pair
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.login_protection.lockout_username"
AXES_CLIENT_IP_CALLABLE = "accounts.login_protection.lockout_client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.login_protection.lockout_response"
# Successful logins are not logged by axes (admin logins are in the audit log); a success
# does not wipe the client's failures, or one own account would reset a guessing run.
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_ON_SUCCESS = False
# Emails that anonymous visitors can trigger (registration, password reset): at most this
# many per address and per client address within the window; beyond it nothing is sent
# and the page answers the same.
ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = int(env("ACCOUNT_EMAIL_LIMIT_PER_ADDRESS", "2"))
ACCOUNT_EMAIL_LIMIT_PER_CLIENT = int(env("ACCOUNT_EMAIL_LIMIT_PER_CLIENT", "10"))
ACCOUNT_EMAIL_WINDOW_MINUTES = int(env("ACCOUNT_EMAIL_WINDOW_MINUTES", "60"))
# Wagtail's own reset page (/admin/password_reset/) uses the same throttled form.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.AdminResetForm"  # noqa: S105
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"

# Single sign-on for staff (OpenID Connect, accounts.oidc): off while OIDC_CLIENT_ID is
# empty. OIDC_ISSUER is the provider's issuer URL; its endpoints come from its discovery
# document unless given explicitly. The provider must allow the redirect URI
# <site>/konto/sso/callback/. Claims: OIDC_CLAIM_UNIT holds the org unit's code,
# OIDC_CLAIM_SUPERVISOR the supervisor's email address, OIDC_CLAIM_ROLES the roles, which
# OIDC_ROLE_MAP ("claim-value:Group,…") maps to our groups; only mapped groups are managed.
OIDC_ISSUER = env("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = env("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_JWKS_ENDPOINT", "")
OIDC_CLAIM_UNIT = env("OIDC_CLAIM_UNIT", "org_unit")
OIDC_CLAIM_SUPERVISOR = env("OIDC_CLAIM_SUPERVISOR", "")
OIDC_CLAIM_ROLES = env("OIDC_CLAIM_ROLES", "")
OIDC_ROLE_MAP = env("OIDC_ROLE_MAP", "")
OIDC_TIMEOUT = int(env("OIDC_TIMEOUT", "10"))
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"

# Second factor for the admin (accounts.two_factor): everyone who can open /admin/ shows a
# TOTP code (or a recovery code) once per session, enrolling at their first admin login.
# ADMIN_MFA_FROM_OIDC=true lets a single sign-on session skip it when the provider reported
# MFA: an `amr` value such as "mfa"/"otp"/"hwk", or an `acr` listed in
# ADMIN_MFA_OIDC_ACR_VALUES (comma-separated, the provider's own names).
ADMIN_MFA_REQUIRED = env("ADMIN_MFA_REQUIRED", "true").lower() == "true"
ADMIN_MFA_FROM_OIDC = env("ADMIN_MFA_FROM_OIDC", "false").lower() == "true"
ADMIN_MFA_OIDC_ACR_VALUES = [v.strip() for v in env("ADMIN_MFA_OIDC_ACR_VALUES", "").split(",")
                             if v.strip()]
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Digitalkompetenz Thüringen")
AUTHENTICATION_BACKENDS += ["accounts.oidc.StaffOidcBackend"]  # inert while off

# Language and time: German first, English as the second interface language.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in English read "1 November 2026" like the German "1. November 2026".
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files: our own plus the front-end packages installed by npm, served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/kern", BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"),
    ("vendor/h5p", BASE_DIR / "node_modules" / "h5p-standalone" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Private files (applicant documents, agreements, certificate PDFs) never live below
# MEDIA_ROOT: they are served only by views that check permission.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640

# Wagtail
WAGTAIL_SITE_NAME = "Digitalkompetenz Thüringen"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin calls no third party: no version check from the browser, no Gravatar images.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp; core.security_headers picks the area's policy).
# Pages: our own scripts, styles, images and frames only; an inline script needs
# `nonce="{{ request.csp_nonce }}"`. The Wagtail admin (CSP_ADMIN_PATH_PREFIX) allows inline
# scripts and styles, which its editors and widgets need, and may frame itself (preview).
# Responses with their own policy (the H5P player and its files) keep theirs.
# CSP_MEDIA_SOURCES: extra origins for images and media, e.g. the object storage's URL.
CSP_MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES")
CSP_ADMIN_PATH_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *CSP_MEDIA_SOURCES],
        "media-src": [SELF, *CSP_MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_SOURCES],
        "media-src": [SELF, "blob:", *CSP_MEDIA_SOURCES],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Browser features no page of ours uses, switched off for every page and frame.
PERMISSIONS_POLICY = {feature: [] for feature in (
    "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "hid",
    "magnetometer", "microphone", "midi", "payment", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
)}

# Background jobs (django-q2): the ORM broker by default, Redis when REDIS_URL is set.
# `retry` must exceed `timeout`; `max_attempts` is finite so a broken job stops retrying.
REDIS_URL = env("REDIS_URL")
Q_CLUSTER = {
    "name": "digitalkompetenz",
    "workers": int(env("Q_WORKERS", "2")),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 1000,
    "bulk": 4,  # tasks a worker takes from the broker at once
    "label": _("Background jobs"),
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# The platform's own settings (certificates, the volunteer programme, H5P, training
# reminders, data rights): config/settings/domain.py.
from .domain import *  # noqa: E402, F403

# Cache and sessions: local memory by default, Redis when configured. Rate limits and
# lockouts count in the `ratelimit` alias, which every process shares: Redis, or the
# database cache table (created by core's migration) when there is no Redis.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL},
              "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": REDIS_URL, "KEY_PREFIX": "rl"},
              "pagecache": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                            "LOCATION": REDIS_URL, "KEY_PREFIX": "pc"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 5000}},
              "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                            "LOCATION": "core_ratelimit_cache"},
              "pagecache": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                            "LOCATION": "core_ratelimit_cache", "KEY_PREFIX": "pc"}}
# The page cache's version counter (core.pagecache) must be the same in every worker: the
# `pagecache` alias is shared like `ratelimit`; the cached pages sit in `default`.

# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, the
# connection's address is the client). See core.http.client_ip.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

# E-mail
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Digitalkompetenz Thüringen <noreply@localhost>")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `seed_demo` creates logins with published passwords; production settings forbid it.
DEMO_SEED_ALLOWED = True

SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")  # overridden in production
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

X_FRAME_OPTIONS = "DENY"  # views that must be framed (Wagtail preview, H5P player) say so
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sessions in the database (every process sees a logout at once), read by a query built
# once (core.sessions); production switches to the cache engine when Redis is configured.
SESSION_ENGINE = "core.sessions"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its own small tasks inline and logs each at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
        # Failed logins and lockouts are warnings (account and address masked); not the
        # start-up banner.
        "axes": {"level": "WARNING"},
    },
}
