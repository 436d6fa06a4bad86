import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.jobs import run_job_at_once

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


def _commits_to_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


# Test files with a test that uses the shared demo (directly or through a fixture).
DEMO_FILES: set[str] = set()


@pytest.hookimpl(tryfirst=True)  # before `-m serial` / `-m "not serial"` select
def pytest_collection_modifyitems(items):
    """Mark the tests that commit to the database (and flush it afterwards) as `serial`;
    put the modules that use the shared demo first.

    Serial tests cannot share a database with tests that run inside a rolled-back
    transaction: the flush after each would take the migrations' rows (content types,
    Wagtail's root page) from the tests after it. `make test` runs the rest with two
    workers, then these.
    """
    for item in items:
        if _commits_to_the_database(item):
            item.add_marker(pytest.mark.serial)
        elif "demo_shared" in getattr(item, "fixturenames", ()):
            DEMO_FILES.add(item.nodeid.split("::")[0])
    # Serial tests stay last, as pytest-django orders them, for a run without -m.
    items.sort(key=lambda item: (item.get_closest_marker("serial") is not None,
                                 item.nodeid.split("::")[0] not in DEMO_FILES))


MATRIX = "tests/security/test_access_matrix.py"


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`, except that the access matrix (a fifth of all tests, in one
    file) is shared out by role, so that one process does not run it alone at the end."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class FilesAndMatrixRoles(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if path == MATRIX and nodeid.endswith("]"):
                return f"{path}::{nodeid.rsplit('-', 1)[-1]}"
            return path

    return FilesAndMatrixRoles(config, log)


def pytest_addoption(parser):
    parser.addoption("--drop-db", action="store_true",
                     help="With --reuse-db: drop the test databases at the end all the same "
                          "(the last of several runs that share them, as in `make pytest`).")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, request, django_db_blocker):
    """pytest-django's; with --reuse-db --drop-db the reused databases go at the end."""
    yield
    if not (request.config.getoption("drop_db") and request.config.getoption("reuse_db")):
        return
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            name = connection.settings_dict["NAME"]
            connection.close()
            try:
                connection.creation._destroy_test_db(name, verbosity=0)
            except Exception as exc:  # noqa: BLE001 - as pytest-django: a warning, not a failure
                request.node.warn(pytest.PytestWarning(f"Could not drop {name}: {exc!r}"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def _playwright_before_database(request):
    """Start Playwright before the test database exists when browser tests are collected.

    Otherwise serialized_rollback has nothing to restore and Wagtail's root page vanishes
    after the first transactional test.
    """
    if any(item.get_closest_marker("e2e") for item in request.session.items):
        request.getfixturevalue("playwright")


@pytest.fixture(autouse=True)
def _german_to_begin_with():
    """Each test starts in the site's first language.

    Requests through the test client leave their language active in the thread, so a test
    after one that visited /en/ would otherwise build English URLs.
    """
    from django.utils import translation

    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    """Each test starts with empty caches (cached navigation, rate limits, lockouts)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    from core.pagecache import local_clear

    local_clear()

    # A test without database access cannot touch the database cache either. One with it
    # may not have its database fixture set up yet (autouse fixtures come first).
    uses_db = (request.node.get_closest_marker("django_db") is not None
               or {"db", "transactional_db"} & set(request.fixturenames))
    for alias in caches:
        if isinstance(caches[alias], DatabaseCache):
            if uses_db:
                with django_db_blocker.unblock():
                    caches[alias].clear()
        else:
            caches[alias].clear()


class _SharedDemo:
    """The demo, seeded once per test process inside a transaction that stays open while
    the modules that use it run, and rolled back before the first module that does not.

    `pytest_collection_modifyitems` puts the modules that use it first (with pytest-xdist
    each worker receives whole modules in that order). Each test's own transaction nests
    inside (a savepoint), so tests still cannot see each other's changes.
    """

    def __init__(self):
        self.outer = None

    def open(self, blocker) -> None:
        from django.db import transaction

        if self.outer is None:
            with blocker.unblock():
                self.outer = transaction.atomic()
                self.outer.__enter__()
                call_command("seed_demo", stdout=io.StringIO())

    def close(self, blocker) -> None:
        from django.db import transaction

        if self.outer is not None:
            with blocker.unblock():
                transaction.set_rollback(True)
                self.outer.__exit__(None, None, None)
            self.outer = None


_DEMO = _SharedDemo()


@pytest.fixture(scope="session")
def _demo_session(django_db_setup, django_db_blocker):
    yield _DEMO
    _DEMO.close(django_db_blocker)


@pytest.fixture(scope="module")
def demo_shared(_demo_session, django_db_blocker):
    """Module-scoped, so that the demo's transaction opens before any test's own."""
    _demo_session.open(django_db_blocker)


@pytest.fixture(scope="module", autouse=True)
def _demo_closed_for_other_modules(request, django_db_blocker):
    if _DEMO.outer is not None and request.node.nodeid not in DEMO_FILES:
        _DEMO.close(django_db_blocker)


@pytest.fixture
def demo(demo_shared, db):
    """The demo content exactly as `make run` creates it (seeded once per test process)."""


@pytest.fixture
def jobs_inline(monkeypatch) -> list[tuple[str, tuple]]:
    """Run each job handed to django-q2 at once, as the worker would; returns the calls.

    Each call is recorded as (dotted task, args). Jobs are enqueued after commit, so a
    test sees them run inside `django_capture_on_commit_callbacks(execute=True)`.
    """
    calls = []

    def async_task(func, *args, **kwargs):
        calls.append((func, args))
        run_job_at_once(func, *args, **kwargs)

    monkeypatch.setattr("django_q.tasks.async_task", async_task)
    return calls


@pytest.fixture
def jobs_queued(monkeypatch) -> list[tuple[str, tuple]]:
    """Record each job handed to django-q2 without running it; returns the calls."""
    calls = []

    def async_task(func, *args, **kwargs):
        calls.append((func, args))

    monkeypatch.setattr("django_q.tasks.async_task", async_task)
    return calls


@pytest.fixture
def axe_source() -> str:
    return (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
