"""Helpers shared by tests of several apps."""

from pathlib import Path
from urllib.parse import quote

from django.db import connection


def current_database_url() -> str:
    """DATABASE_URL of the database this test runs on, for a process started by the test."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return (f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{db['NAME']}")
