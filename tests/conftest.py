import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.module_loading import import_string

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent


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
def _fresh_cache(request):
    """Each test starts with empty caches (cached navigation, rate limits, lockouts)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    # A test without database access cannot touch the database cache either.
    uses_db = (request.node.get_closest_marker("django_db") is not None
               or {"db", "transactional_db"} & set(request.fixturenames))
    for alias in caches:
        if uses_db or not isinstance(caches[alias], DatabaseCache):
            caches[alias].clear()


@pytest.fixture(scope="module")
def _demo_once_per_module(django_db_setup, django_db_blocker):
    """Seed the demo once for a test module, inside a transaction rolled back at its end.

    Each test's own transaction nests inside (a savepoint), so tests still cannot see
    each other's changes; seeding costs a couple of seconds, so this saves that per test.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_once_per_module, db):
    """The demo content exactly as `make run` creates it (seeded once per module)."""


# Keyword arguments django-q2's async_task keeps for itself; the rest go to the task.
Q_OPTIONS = {"group", "timeout", "hook", "save", "sync", "cached", "ack_failure", "chain",
             "broker", "cluster", "q_options", "task_name", "iter_count", "iter_cached"}


@pytest.fixture
def jobs_inline(monkeypatch) -> list[tuple[str, tuple]]:
    """Run each job handed to django-q2 at once, as the worker would; returns the calls.

    Each call is recorded as (dotted task, args). Jobs are enqueued after commit, so a
    test sees them run inside `django_capture_on_commit_callbacks(execute=True)`.
    """
    calls = []

    def async_task(func, *args, **kwargs):
        calls.append((func, args))
        task = import_string(func) if isinstance(func, str) else func
        task(*args, **{k: v for k, v in kwargs.items() if k not in Q_OPTIONS})

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
