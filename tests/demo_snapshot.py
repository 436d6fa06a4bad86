"""The demo for tests that commit: seeded once per test process, then put back for each test.

Such a test (a browser test against the live server) commits to the database, and pytest-django
empties the database after it; seeding the demo again for the next test took most of that
test's time. The first test seeds it with `seed_demo` and keeps a copy: of the database
(SQLite: the whole file through SQLite's backup API; PostgreSQL: each table copied into a
schema of its own), of the files seeding wrote below the media roots, and of the mails it
sent. Each later test gets that copy back, which takes a fraction of a second.

The copy is kept per day (the demo's dates are relative to today). Seeding runs the jobs
it hands to django-q2 at once, whatever the test does with its own jobs: the demo is then
as `make run` shows it once the worker has done its work, and one copy serves tests that
run jobs inline, record them or leave them to a real worker.
Files are written back below the roots the test uses (some tests move MEDIA_ROOT).
Seeding writes below a MEDIA_ROOT of its own: H5P keeps a file that is there already, so a
comparison of the folder before and after would miss it.
"""

import io
import shutil
import sqlite3
import tempfile
from pathlib import Path
from unittest import mock

from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from tests.jobs import run_job_at_once

SCHEMA = "demo_snapshot"


def _roots() -> dict[str, Path]:
    """Where seeding may write files, by the setting that names the place."""
    from django.conf import settings  # late import: settings a test changed count
    from django.core.files.storage import storages  # late import: as the test configured

    return {"MEDIA_ROOT": Path(settings.MEDIA_ROOT),
            "default": Path(storages["default"].location),
            "private": Path(storages["private"].location)}


def _files(root: Path, old: dict[str, int] | None = None) -> dict[str, bytes]:
    """The files below root (those new or changed since `old`, a listing, if given)."""
    return {path: (root / path).read_bytes() for path, stamp in _listing(root).items()
            if old is None or old.get(path) != stamp}


def _listing(root: Path) -> dict[str, int]:
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): path.stat().st_mtime_ns
            for path in root.rglob("*") if path.is_file()}


class DemoSnapshot:
    def __init__(self):
        self.key = None
        self.files: dict[str, dict[str, bytes]] = {}
        self.mails: list = []
        self.sqlite: sqlite3.Connection | None = None

    def seed(self) -> None:
        """Have the demo in the database, exactly as `manage.py seed_demo` makes it."""
        key = timezone.localdate()
        if key == self.key:
            self._restore()
            return
        storages = {name: root for name, root in _roots().items() if name != "MEDIA_ROOT"}
        before = {name: _listing(root) for name, root in storages.items()}
        sent = len(getattr(mail, "outbox", []))
        media = Path(tempfile.mkdtemp(prefix="demo-media-"))
        try:
            with (override_settings(MEDIA_ROOT=media),
                  mock.patch("django_q.tasks.async_task", run_job_at_once)):
                call_command("seed_demo", stdout=io.StringIO())
            self.files = {"MEDIA_ROOT": _files(media)}
        finally:
            shutil.rmtree(media, ignore_errors=True)
        self.files.update({name: _files(root, before[name]) for name, root in storages.items()})
        self.mails = list(getattr(mail, "outbox", []))[sent:]
        self._keep()
        self._write_files()
        self.key = key

    def _keep(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite = sqlite3.connect(":memory:")
            connection.connection.backup(self.sqlite)
            return
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor, include_views=False)
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
            cursor.execute("; ".join(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE "{table}"'
                                     for table in tables))

    def _restore(self) -> None:
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.sqlite.backup(connection.connection)
        else:
            self._restore_tables()
        self._write_files()
        if hasattr(mail, "outbox"):
            mail.outbox.extend(self.mails)

    def _write_files(self) -> None:
        for name, root in _roots().items():
            for path, data in self.files[name].items():
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_bytes(data)

    def _restore_tables(self) -> None:
        """Empty every table and fill it from the copy, in one transaction (PostgreSQL
        checks foreign keys at the commit), then set each sequence past the highest id."""
        with transaction.atomic(), connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor, include_views=False)
            cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in tables))
            copy = 'INSERT INTO "{0}" SELECT * FROM ' + SCHEMA + '."{0}"'  # noqa: S608
            cursor.execute("; ".join(copy.format(table) for table in tables))
            resets = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
            if resets:
                cursor.execute("; ".join(resets))


SNAPSHOT = DemoSnapshot()
