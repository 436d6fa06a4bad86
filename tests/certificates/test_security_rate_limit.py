"""Issue 9, finding 8: the verification rate limit cannot be dodged.

Neither a made-up X-Forwarded-For per request nor spreading the lookups over several
worker processes buys more than CERTIFICATE_VERIFY_RATE_LIMIT lookups per minute.
"""

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import core.ratelimit
from certificates.codes import code_display, code_generate
from tests.utils import current_database_url

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 30
# Every lookup of a test falls into the same one-minute window, however slow the machine.
FROZEN_NOW = 1_900_000_020.0


@pytest.fixture(autouse=True)
def _one_window(monkeypatch, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = LIMIT
    monkeypatch.setattr(core.ratelimit, "time", types.SimpleNamespace(time=lambda: FROZEN_NOW))


def lookup_url() -> str:
    # Any well-formed code: the lookup is counted before the database is asked.
    return f"/en/nachweis/{code_display(code_generate())}/"


@pytest.mark.django_db
def test_a_new_forged_forwarded_for_per_request_does_not_reset_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [client.get(lookup_url(), HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
                for i in range(LIMIT + 1)]
    assert 429 not in statuses[:LIMIT]
    assert statuses[LIMIT] == 429
    assert client.get(lookup_url(), REMOTE_ADDR="192.0.2.99").status_code == 404


@pytest.mark.django_db
def test_behind_one_proxy_the_right_most_untrusted_address_is_counted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The attacker writes whatever it likes on the left; our proxy appends the real address.
    statuses = [client.get(lookup_url(), HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7",
                           **proxy).status_code
                for i in range(LIMIT + 1)]
    assert 429 not in statuses[:LIMIT]
    assert statuses[LIMIT] == 429
    # Another visitor behind the same proxy is not locked out with the attacker.
    assert client.get(lookup_url(), HTTP_X_FORWARDED_FOR="203.0.113.8",
                      **proxy).status_code == 404


SCRIPT = """
import sys, types
import django
django.setup()
import core.ratelimit
core.ratelimit.time = types.SimpleNamespace(time=lambda: float(sys.argv[1]))
from django.test import Client
from certificates.codes import code_display, code_generate
client = Client()
print(",".join(str(client.get(f"/en/nachweis/{code_display(code_generate())}/").status_code)
               for _ in range(int(sys.argv[2]))))
"""


def lookups_in_another_process(count: int) -> list[int]:
    """`count` lookups from the same client address, made by a separate OS process."""
    env = {key: value for key, value in os.environ.items()
           if key in {"PATH", "HOME", "REDIS_URL", "LANG"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test",
               DATABASE_URL=current_database_url(),
               CERTIFICATE_VERIFY_RATE_LIMIT=str(LIMIT))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(FROZEN_NOW), str(count)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return [int(status) for status in done.stdout.strip().splitlines()[-1].split(",")]


# Committed rows, so the other process sees this one's counts (and this one its counts).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_worker_processes_share_one_counter(client):
    here = [client.get(lookup_url()).status_code for _ in range(LIMIT // 2)]
    there = lookups_in_another_process(LIMIT - LIMIT // 2)
    assert 429 not in here + there
    # Per-process memory would have counted only the first half here and allowed this one.
    assert client.get(lookup_url()).status_code == 429
    assert lookups_in_another_process(1) == [429]


PRODUCTION = {"SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "lernen.example",
              "EMAIL_URL": "smtp://mail.example:25"}


def ratelimit_backend(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    """The `ratelimit` cache backend as a fresh process with this environment sees it."""
    clean = {key: value for key, value in os.environ.items()
             if key in {"PATH", "HOME", "LANG"}}
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; "
                               "print(settings.CACHES['ratelimit']['BACKEND'])"],
        cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True, text=True, timeout=60, check=False)


def test_the_ratelimit_cache_is_never_per_process_memory(tmp_path):
    production = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/0"}
    for module, env, expected in [
        ("config.settings.dev", {}, "db.DatabaseCache"),
        ("config.settings.production", production, "db.DatabaseCache"),
        ("config.settings.production", {**production, **redis}, "redis.RedisCache"),
    ]:
        done = ratelimit_backend(module, **env)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith(expected), (module, env)


def test_production_refuses_the_replaced_proxy_header_setting(tmp_path):
    done = ratelimit_backend("config.settings.production", **PRODUCTION,
                             DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
                             CERTIFICATE_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR")
    assert done.returncode != 0
    assert "set TRUSTED_PROXY_COUNT" in done.stderr
