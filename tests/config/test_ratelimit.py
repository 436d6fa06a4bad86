"""core.ratelimit: counts from concurrent processes are never lost (issue 9, finding 8)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.models import RateCounter
from tests.utils import current_database_url

ROOT = Path(__file__).resolve().parents[2]
PROCESSES, HITS = 4, 40

SCRIPT = """
import sys
import django
django.setup()
from core.ratelimit import rate_limit_hit
for _ in range(int(sys.argv[1])):
    rate_limit_hit("test:burst", "203.0.113.5", limit=10**6, window_seconds=3600)
"""


# Committed rows (the worker processes must see each other's counts); serialized_rollback:
# flushed without post_migrate, like the other transactional tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_processes_lose_no_count():
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test",
               DATABASE_URL=current_database_url())
    workers = [subprocess.Popen([sys.executable, "-c", SCRIPT, str(HITS)], cwd=ROOT, env=env,
                                stderr=subprocess.PIPE, text=True)
               for _ in range(PROCESSES)]
    for worker in workers:
        _out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
    # The database cache's read-modify-write incr stored about 60 % of such a burst.
    assert list(RateCounter.objects.values_list("count", flat=True)) == [PROCESSES * HITS]


@pytest.mark.django_db
def test_the_limit_is_exceeded_exactly_after_limit_hits():
    from core.ratelimit import rate_limit_hit

    results = [rate_limit_hit("test:edge", "x", limit=3, window_seconds=60) for _ in range(4)]
    assert results == [False, False, False, True]
