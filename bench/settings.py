"""Settings for the benchmarks: production-like (DEBUG off) on a separate SQLite file."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, database_from_env

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
os.environ.setdefault("BENCH_DB", str(BASE_DIR / "bench" / "bench.sqlite3"))
DATABASES = {"default": database_from_env(BASE_DIR / "unused.sqlite3")}
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DB"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": True}
