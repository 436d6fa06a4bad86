"""Settings for pytest: fast hashers, mails in memory, jobs run by the tests themselves."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, SQLITE_OPTIONS, database_from_env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": database_from_env(BASE_DIR / "test.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file (not :memory:) so the live server thread of the browser tests sees the data.
    # TEST_DB_SUFFIX lets two test runs on one checkout use separate files.
    suffix = os.environ.get("TEST_DB_SUFFIX", "")
    DATABASES["default"]["TEST"] = {"NAME": BASE_DIR / f"test-db{suffix}.sqlite3"}
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    # A test database is thrown away: its commits need not wait for the disk.
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}),
                                       "options": "-c synchronous_commit=off"}
MEDIA_ROOT = BASE_DIR / ".test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": MEDIA_ROOT}},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests log admins in with force_login: the second factor is switched on by the tests that
# check it (tests/accounts/two_factor, tests/e2e/test_admin_totp.py).
ADMIN_MFA_REQUIRED = False
