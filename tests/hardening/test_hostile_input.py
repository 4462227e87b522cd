"""Hostile or odd input against the production server (gunicorn, config/gunicorn.py, DEBUG
off) on the test database: each is a JSON 4xx in the API's one error shape, never a 500, and
never a write silently lost."""

import base64
import json
from urllib.parse import urlsplit

import pytest
from django.db import connection
from knox.models import AuthToken

from incidents.changes import build_all
from incidents.models import Actor, Incident
from incidents.roles import EDITORS
from tests import factories
from tests.admin.helpers import form_data
from tests.hardening.servers import exchange, gunicorn, request

pytestmark = pytest.mark.django_db(transaction=True)
APPLICATION_NAME = "ledger_hardening_gunicorn"
BODY_LIMIT = 100_000
INCIDENT = {
    "title": "Capitals",
    "type": "battles",
    "sub_type": "armed_clash",
    "start_date": "2015-01-01",
    "country": "SY",
}


@pytest.fixture(scope="module")
def port(django_db_setup, django_db_blocker):
    s = connection.settings_dict
    url = (
        f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        f"?application_name={APPLICATION_NAME}"
    )
    with gunicorn(
        DATABASE_URL=url,
        DATABASE_POOL_SIZE="2",
        MAX_REQUEST_BYTES=str(BODY_LIMIT),
        ANON_RATE="100000/min",
        USER_RATE="100000/min",
    ) as port:
        yield port


@pytest.fixture
def token(make_user) -> str:
    _, token = AuthToken.objects.create(user=make_user("hostile-editor", EDITORS))
    return token


def _json_error(status, headers, body, expected_status: int, error_type: str) -> list[dict]:
    assert status == expected_status, body
    assert headers[_header(headers, "content-type")].startswith("application/json")
    error = json.loads(body)
    assert error["type"] == error_type
    assert error["errors"] and all(e["detail"] for e in error["errors"])
    return error["errors"]


def _header(headers: dict, name: str) -> str:
    return next(key for key in headers if key.lower() == name)


def _json_headers(token: str, **more) -> dict:
    return {"Authorization": f"Token {token}", "Content-Type": "application/json", **more}


def test_a_chunked_patch_is_read_and_saved(port, token):
    actor = factories.ActorFactory()
    status, headers, _ = request(
        port, "GET", f"/api/actors/{actor.pk}", headers=_json_headers(token)
    )
    assert status == 200
    body = json.dumps({"description": "Sent in chunks"}).encode()
    status, _, answer = request(
        port,
        "PATCH",
        f"/api/actors/{actor.pk}",
        body,
        _json_headers(token, **{"If-Match": headers["ETag"]}),
        chunked=True,
    )
    assert status == 200, answer
    assert json.loads(answer)["description"] == "Sent in chunks"
    actor.refresh_from_db()
    assert actor.description == "Sent in chunks"


def test_a_chunked_post_creates_the_record(port, token):
    body = json.dumps({"name": "Chunked", "slug": "chunked", "kind": "ngo"}).encode()
    status, _, answer = request(
        port, "POST", "/api/actors", body, _json_headers(token), chunked=True
    )
    assert status == 201, answer
    assert Actor.objects.filter(slug="chunked").exists()


def test_a_chunked_body_over_the_limit_is_a_json_413_and_writes_nothing(port, token):
    body = json.dumps(
        {"name": "Huge", "slug": "huge", "kind": "ngo", "description": "x" * BODY_LIMIT}
    ).encode()
    errors = _json_error(
        *request(port, "POST", "/api/actors", body, _json_headers(token), chunked=True),
        413,
        "client_error",
    )
    assert [e["code"] for e in errors] == ["payload_too_large"]
    assert not Actor.objects.filter(slug="huge").exists()


@pytest.mark.parametrize("method", [b"GET", b"POST"])
def test_a_token_that_is_not_utf8_is_a_401(port, method):
    raw = (
        method + b" /api/actors HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Authorization: Token \xff\xfe\x80abc\r\nContent-Type: application/json\r\n"
        b"Content-Length: 2\r\nConnection: close\r\n\r\n{}"
    )
    errors = _json_error(*exchange(port, raw), 401, "client_error")
    assert [e["code"] for e in errors] == ["authentication_failed"]


@pytest.mark.parametrize("ordering", [",", "-", ",,title", "title,", "-,title", "title,,id"])
def test_odd_orderings_are_400s_naming_ordering(port, ordering):
    errors = _json_error(
        *request(port, "GET", f"/api/incidents?ordering={ordering}"), 400, "validation_error"
    )
    assert [e["attr"] for e in errors] == ["ordering"]


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"name": ' + b"[" * 50 + b"]" * 50 + b', "slug": "deep", "kind": "ngo"}'],
    ids=["unterminated", "nested-50"],
)
def test_a_deeply_nested_body_is_a_400_naming_the_body(port, token, body):
    errors = _json_error(
        *request(port, "POST", "/api/actors", body, _json_headers(token)), 400, "client_error"
    )
    assert [e["code"] for e in errors] == ["parse_error"]
    assert "request body" in errors[0]["detail"]
    assert not Actor.objects.filter(slug="deep").exists()


def test_an_unknown_host_under_the_api_is_a_json_400(port):
    raw = b"GET /api/actors HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    errors = _json_error(*exchange(port, raw), 400, "client_error")
    assert "Host" in errors[0]["detail"]
    raw = b"GET /admin/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    assert exchange(port, raw)[0] == 400


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode().replace("=", "%3D").replace("+", "%2B")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        _cursor("o=0"),  # no position: DRF would start the feed over
        _cursor("r=1"),
        _cursor(""),
        _cursor("p=abc"),
        _cursor("p=5&x=1"),
        _cursor("o=3&p=5"),
        _cursor("p=99999999999999999999"),
        _cursor("p=5&p=6"),
    ],
)
def test_a_cursor_that_is_not_ours_is_a_400_naming_cursor(port, cursor):
    errors = _json_error(
        *request(port, "GET", f"/api/changes?cursor={cursor}"), 400, "validation_error"
    )
    assert [e["attr"] for e in errors] == ["cursor"]


def test_the_cursors_the_feed_gives_out_are_taken(port):
    factories.IncidentFactory.create_batch(3)
    build_all()
    seen, path = [], "/api/changes?limit=1"
    while path:
        status, _, body = request(port, "GET", path)
        assert status == 200, body
        page = json.loads(body)
        seen += [(entry["resource"], entry["id"]) for entry in page["results"]]
        path = page["next"] and urlsplit(page["next"])._replace(scheme="", netloc="").geturl()
    assert len(seen) == len(set(seen)) >= 3
    if page["previous"]:
        previous = urlsplit(page["previous"])._replace(scheme="", netloc="").geturl()
        assert request(port, "GET", previous)[0] == 200


@pytest.mark.parametrize(
    ("resource", "extra"),
    [("actors", {"name": "Capitals", "kind": "ngo"}), ("incidents", INCIDENT)],
)
def test_a_slug_with_capitals_is_lower_cased_and_reads_back_through_the_api(
    port, token, resource, extra
):
    body = json.dumps({**extra, "slug": "With-Capitals"}).encode()
    status, _, answer = request(port, "POST", f"/api/{resource}", body, _json_headers(token))
    assert status == 201, answer
    assert json.loads(answer)["slug"] == "with-capitals"
    status, _, answer = request(
        port, "GET", f"/api/{resource}/with-capitals", headers=_json_headers(token)
    )
    assert status == 200, answer


@pytest.mark.parametrize(
    ("model", "values"),
    [
        ("actor", {"name": "Capitals", "kind": "ngo", "country": ""}),
        ("incident", {**INCIDENT, "status": "draft"}),
    ],
)
def test_a_slug_with_capitals_is_lower_cased_in_the_admin(admin_client, model, values):
    page = admin_client.get(f"/admin/incidents/{model}/add/")
    data = form_data(page, **values, slug="Admin-Capitals")
    response = admin_client.post(f"/admin/incidents/{model}/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = {"actor": Actor, "incident": Incident}[model].objects.get(slug="admin-capitals")
    assert admin_client.get(f"/admin/incidents/{model}/{record.pk}/change/").status_code == 200


def test_connections_the_server_killed_are_replaced_without_errors(port):
    factories.ActorFactory()
    assert [request(port, "GET", "/api/actors")[0] for _ in range(4)] == [200] * 4
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = %s",
            [APPLICATION_NAME],
        )
        assert cursor.fetchone()[0] >= 1
    assert [request(port, "GET", "/api/actors")[0] for _ in range(10)] == [200] * 10
