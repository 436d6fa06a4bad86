import pytest

from config import health


@pytest.mark.django_db
def test_healthz_reports_database_and_job_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["job_queue"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_unavailable_when_the_job_queue_does_not_answer(client, monkeypatch):
    class DeadBroker:
        def ping(self):
            raise ConnectionError("broker unreachable")

    monkeypatch.setattr(health, "get_broker", lambda: DeadBroker())
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["job_queue"] == {"ok": False, "error": "ConnectionError"}
    assert body["database"]["ok"] is True


@pytest.mark.django_db
def test_healthz_is_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError

    class BrokenConnection:
        vendor = "sqlite"

        def cursor(self):
            raise OperationalError("database is down")

    monkeypatch.setattr(health, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}
