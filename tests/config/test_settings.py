import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL",
                          "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL", "EMAIL_DISABLED"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**clean, **env}, timeout=120, check=False)


def test_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "de"
    assert [code for code, _ in settings.LANGUAGES] == ["de", "en"]
    assert settings.TIME_ZONE == "Europe/Berlin"


@pytest.mark.django_db
def test_database_is_sqlite_in_wal_mode_unless_database_url_is_set():
    if os.environ.get("DATABASE_URL"):
        assert connection.vendor == "postgresql"
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.settings_dict["OPTIONS"]["timeout"] == 20


def test_database_url_switches_to_postgresql(monkeypatch):
    from config.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://app:secret@db.internal:5432/platform")
    config = database_from_env(ROOT / "unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "platform"
    assert "transaction_mode" not in config.get("OPTIONS", {})


def test_job_queue_uses_orm_broker_by_default_and_finite_retries():
    q = settings.Q_CLUSTER
    if not os.environ.get("REDIS_URL"):
        assert q["orm"] == "default"
    assert q["retry"] > q["timeout"]
    assert q["max_attempts"] > 0


def test_production_refuses_to_start_without_required_environment():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL" in result.stderr


def test_production_passes_deploy_check_without_warnings(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-0123456789",
        ALLOWED_HOSTS="lernen.thueringen.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        EMAIL_URL="submission://mailer:secret@mail.internal:587",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def production_env(tmp_path, **extra: str) -> dict[str, str]:
    return {"DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "lernen.thueringen.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}", **extra}


def test_production_refuses_to_start_without_an_email_backend(tmp_path):
    """Issue 9, finding 7: no silent fallback that prints mails into the server log."""
    result = run_manage("sendtestemail", "someone@example.org", **production_env(tmp_path))
    assert result.returncode != 0
    assert "EMAIL_URL" in result.stderr and "EMAIL_DISABLED=true" in result.stderr
    assert "successful" not in result.stdout + result.stderr  # the test mail's body


def test_production_with_email_disabled_sends_nothing_and_logs_no_body(tmp_path):
    result = run_manage("sendtestemail", "someone@example.org",
                        **production_env(tmp_path, EMAIL_DISABLED="true"))
    assert result.returncode == 0, result.stderr
    # Django's test mail says "If you're reading this, it was successful."; the console
    # backend used to print it, subject, recipients and all, into the log.
    assert "successful" not in result.stdout + result.stderr
    assert "someone@example.org" not in result.stdout + result.stderr
