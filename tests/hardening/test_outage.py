"""A database outage under gunicorn with the production config: JSON 503s with Retry-After,
an anonymous write still a 401, and service again once the database is back.

The outage is of a throwaway PostgreSQL cluster made for this module (pg_createcluster),
never of the server the other tests use.
"""

import json
import os
import shutil
import subprocess

import pytest

from tests.hardening.servers import ROOT, free_port, gunicorn, request

CLUSTER = ("15", "ledgerdown")
# A session key of the right shape: Django looks it up in the database.
SESSION = "sessionid=" + "k" * 32
ACTOR = json.dumps({"name": "Outage", "slug": "outage", "kind": "ngo"}).encode()


def _ctl(action: str) -> None:
    subprocess.run(["pg_ctlcluster", *CLUSTER, action], check=True, timeout=120)


@pytest.fixture(scope="module")
def cluster_url():
    if not shutil.which("pg_createcluster"):
        pytest.skip("pg_createcluster is missing (postgresql-common): no throwaway cluster")
    subprocess.run(["pg_dropcluster", "--stop", *CLUSTER], capture_output=True, timeout=120)
    port = free_port()
    subprocess.run(
        ["pg_createcluster", *CLUSTER, "-p", str(port), "--start", "--", "--auth=trust"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    try:
        url = f"postgres://postgres@127.0.0.1:{port}/postgres"
        environment = {"DATABASE_URL": url, "DEBUG": "true", "ENV_FILE": "/nonexistent"}
        subprocess.run(
            [".venv/bin/python", "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env={**os.environ, **environment},
            check=True,
            timeout=600,
        )
        created = subprocess.run(
            [".venv/bin/python", "manage.py", "create_editor", "outage-editor"],
            cwd=ROOT,
            env={**os.environ, **environment},
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        token = created.stdout.split("Token:")[1].split()[0]
        yield url, token
    finally:
        subprocess.run(["pg_dropcluster", "--stop", *CLUSTER], capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def served(cluster_url):
    url, token = cluster_url
    with gunicorn(DATABASE_URL=url, ANON_RATE="100000/min", USER_RATE="100000/min") as port:
        yield port, token


def _headers(token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    return headers


def _assert_503(status, headers, body):
    assert status == 503, body
    assert headers["Content-Type"] == "application/json"
    assert int(headers["Retry-After"]) > 0
    error = json.loads(body)
    assert error["type"] == "server_error"
    assert [e["code"] for e in error["errors"]] == ["service_unavailable"]


def test_an_outage_is_a_503_with_retry_after_and_anonymous_writes_stay_401s(served):
    port, token = served
    assert request(port, "GET", "/api/actors")[0] == 200
    _ctl("stop")
    try:
        status, headers, body = request(port, "POST", "/api/actors", ACTOR, _headers())
        assert status == 401, body
        assert json.loads(body)["errors"][0]["code"] == "not_authenticated"
        _assert_503(*request(port, "POST", "/api/actors", ACTOR, _headers(token)))
        _assert_503(*request(port, "GET", "/api/actors"))
        _assert_503(*request(port, "GET", "/api/actors/1", headers=_headers(token)))
        _assert_503(*request(port, "PATCH", "/api/actors/1", b"{}", _headers(token)))
        _assert_503(*request(port, "POST", "/api/actors", ACTOR, {**_headers(), "Cookie": SESSION}))
        _assert_503(*request(port, "GET", "/admin/", headers={"Cookie": SESSION}))
    finally:
        _ctl("start")
    statuses = [request(port, "GET", "/api/actors")[0] for _ in range(5)]
    assert statuses == [200] * 5
    status, _, body = request(port, "POST", "/api/actors", ACTOR, _headers(token))
    assert status == 201, body
