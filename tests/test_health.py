"""/health and /ready as a load balancer uses them: by the server's address over plain HTTP,
whatever HTTPS and ALLOWED_HOSTS say, and /ready a 503 only when the instance cannot serve."""

import socket

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from config import health

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _migrations_not_yet_checked(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


@pytest.fixture
def public_settings(settings):
    """HTTPS=true and the README's ALLOWED_HOSTS, as on an application server."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["ledger.example.org"]
    return settings


def test_probes_answer_over_plain_http_by_the_servers_address(client, public_settings):
    # The settings are in force: anything else is redirected, or refused by that Host.
    assert client.get("/api/incidents", HTTP_HOST="ledger.example.org").status_code == 301
    assert client.get("/api/incidents", HTTP_HOST="10.0.0.5").status_code == 400
    assert client.get("/health", HTTP_HOST="10.0.0.5").json() == {"status": "ok"}
    response = client.get("/ready", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "migrations": "applied",
        "databases": {"default": {"status": "ok"}},
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_probes_answer_without_any_host_header(client, public_settings):
    assert client.get("/ready", HTTP_HOST="").status_code == 200


def test_probes_answer_head_and_refuse_other_methods(client):
    assert client.head("/health").status_code == 200
    assert client.head("/ready").status_code == 200
    assert client.post("/ready").status_code == 405
    assert client.post("/health").status_code == 405


def test_ready_is_503_while_a_migration_is_not_applied(client):
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="incidents").order_by("-id").first().delete()
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "migrations pending",
        "migrations": "pending",
        "databases": {"default": {"status": "ok"}},
    }


def test_ready_is_503_when_no_database_answers(client, monkeypatch):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connection.settings_dict, "PORT", str(port))
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "migrations": "unknown",
        "databases": {"default": {"status": "down", "error": "OperationalError"}},
    }
