import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from config.api.throttling import REDIS_BACKEND
from config.logging import JsonFormatter, RequestIdFilter, request_id
from tests import factories

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    """The production caches, shared by every worker: Redis with REDIS_URL, else the
    database's cache table. Keys of a test of their own, so that no run sees another's."""
    if request.param == "redis":
        try:
            redis.Redis.from_url(REDIS_URL).ping()
        except redis.ConnectionError:
            pytest.skip(f"no Redis answers at {REDIS_URL}")
        backend = {"BACKEND": REDIS_BACKEND, "LOCATION": REDIS_URL}
    else:
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}
        backend["LOCATION"] = "ledger_cache"
    settings.CACHES = {"default": {**backend, "KEY_PREFIX": secrets.token_hex(8)}}
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


def _statuses(client, n: int, **headers) -> list[int]:
    return [client.get("/api/actors", **headers).status_code for _ in range(n)]


def test_anonymous_clients_are_limited_with_a_retry_after(settings, shared_cache):
    settings.API_RATES = {"anon": "5/min", "user": "100/min"}
    client = APIClient()
    assert _statuses(client, 5) == [200] * 5
    refused = client.get("/api/actors")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["errors"][0]["code"] == "throttled"


def test_responses_say_where_the_caller_stands_from_the_count_just_made(settings, shared_cache):
    settings.API_RATES = {"anon": "3/min", "user": "100/min"}
    client = APIClient()
    responses = [client.get("/api/actors") for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r["RateLimit-Limit"] for r in responses] == ["3"] * 4
    assert [r["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert all(0 < int(r["RateLimit-Reset"]) <= 60 for r in responses)
    assert responses[-1]["Retry-After"] == responses[-1]["RateLimit-Reset"]


def test_a_forged_x_forwarded_for_does_not_escape_the_limit(settings, shared_cache):
    settings.API_RATES = {"anon": "5/min", "user": "100/min"}
    settings.NUM_PROXIES = 0
    client = APIClient()
    statuses = [
        client.get("/api/actors", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(10)
    ]
    assert statuses == [200] * 5 + [429] * 5


def test_behind_one_proxy_the_address_the_proxy_saw_counts(settings, shared_cache):
    settings.API_RATES = {"anon": "2/min", "user": "100/min"}
    settings.NUM_PROXIES = 1
    client = APIClient()
    # The client forges the left part; the proxy appends the real address on the right.
    forged = [f"6.6.6.{n}, 203.0.113.7" for n in range(4)]
    assert [client.get("/api/actors", HTTP_X_FORWARDED_FOR=f).status_code for f in forged] == [
        200,
        200,
        429,
        429,
    ]
    other = client.get("/api/actors", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


def test_tokens_are_limited_per_user_whatever_the_address(settings, shared_cache, make_user):
    from knox.models import AuthToken

    settings.API_RATES = {"anon": "100/min", "user": "3/min"}
    _, token = AuthToken.objects.create(user=make_user("busy", "Editors"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    statuses = [client.get("/api/actors", REMOTE_ADDR=f"192.0.2.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_health_and_ready_answer_json_outside_the_limits(settings, shared_cache):
    settings.API_RATES = {"anon": "1/min", "user": "1/min"}
    client = APIClient()
    for _ in range(3):
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/ready").json()["status"] == "ok"


def test_admin_logins_lock_out_after_repeated_failures(client, settings):
    user = get_user_model().objects.create_user("guarded", password="right-horse-battery")
    user.is_staff = True
    user.save()
    statuses = [
        client.post(
            "/admin/login/?next=/admin/", {"username": "guarded", "password": "wrong"}
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The form again with an error, until the failure that reaches the limit locks it.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post(
        "/admin/login/?next=/admin/", {"username": "guarded", "password": "right-horse-battery"}
    )
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_the_ledgers_and_says_when_to_retry(client, settings):
    user = get_user_model().objects.create_user("locked", password="right-horse-battery")
    user.is_staff = True
    user.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/admin/login/", {"username": "locked", "password": "wrong"})
    assert response.status_code == 429
    cool_off = settings.AXES_COOLOFF_TIME.total_seconds()
    assert 0 < int(response["Retry-After"]) <= cool_off
    page = response.content.decode()
    assert "Incident Ledger" in page and "Django administration" not in page
    assert "<strong>locked</strong>" in page
    minutes = int(cool_off // 60)
    assert f"in {minutes} minutes" in page
    # The admin's own stylesheet, not a bare status page.
    assert "admin/css/base.css" in page


def test_the_admin_says_incident_ledger(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "<title>Curation | Incident Ledger</title>" in page
    assert "Django administration" not in page


@pytest.mark.parametrize("path", ["/api/incidents", "/admin/login/", "/api/docs", "/health"])
def test_security_headers_on_every_response(client, settings, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    # The health probes, answered ahead of the other middleware, allow nothing at all.
    assert "script-src 'self'" in csp or "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp


def test_hsts_when_served_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/api/incidents", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_docs_pages_need_no_inline_script(client):
    for page in ("/api/docs", "/api/redoc"):
        html = client.get(page).content.decode()
        assert "<script>" not in html.replace(" ", ""), page


def test_production_settings_pass_the_deployment_check():
    env = {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "true",
        "ALLOWED_HOSTS": "ledger.example.org",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ENV_FILE": "/nonexistent",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_request_id_is_accepted_or_made_and_echoed(client):
    assert client.get("/health", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    made = client.get("/health", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert made != "bad id with spaces" and len(made) == 32


def test_log_lines_are_json_with_the_request_id():
    record = logging.makeLogRecord({"name": "ledger", "levelname": "INFO", "msg": "hello %s"})
    record.args = ("world",)
    token = request_id.set("req-42")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert (line["message"], line["request_id"], line["level"]) == ("hello world", "req-42", "INFO")


def test_a_request_body_over_the_limit_is_refused(settings, make_user):
    from knox.models import AuthToken

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _, token = AuthToken.objects.create(user=make_user("big", "Editors"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.post(
        "/api/sources", {"kind": "other", "title": "Huge", "body": "x" * 5000}, format="json"
    )
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/json")
    assert not factories.SourceFactory._meta.model.objects.filter(title="Huge").exists()


@pytest.mark.parametrize(
    ("resource", "body", "field"),
    [
        (
            "incidents",
            {
                "title": "Tomorrow",
                "slug": "tomorrow",
                "type": "battles",
                "sub_type": "armed_clash",
                "start_date": "2999-01-01",
                "country": "SY",
            },
            "start_date",
        ),
        (
            "actors",
            {
                "name": "Many names",
                "slug": "many-names",
                "kind": "ngo",
                "aliases": [f"alias {n}" for n in range(51)],
            },
            "aliases",
        ),
        (
            "sources",
            {"kind": "other", "title": "Later", "published_on": "2999-01-01"},
            "published_on",
        ),
        (
            "actors",
            {"name": "Wordy", "slug": "wordy", "kind": "ngo", "description": "x" * 5_001},
            "description",
        ),
    ],
)
def test_values_past_the_documented_limits_are_400s_naming_the_field(
    make_user, resource, body, field
):
    from knox.models import AuthToken

    _, token = AuthToken.objects.create(user=make_user("edge", "Editors"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.post(f"/api/{resource}", body, format="json")
    assert response.status_code == 400, response.content
    assert field in [error["attr"] for error in response.json()["errors"]]
