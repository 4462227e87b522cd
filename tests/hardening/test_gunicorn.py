"""The production server's own refusals: what gunicorn answers before Django sees a request
is JSON in the API's error shape, with the status the OpenAPI document gives."""

import json

import pytest
import yaml

from tests.hardening.servers import HEALTH, ROOT, gunicorn
from tests.hardening.servers import exchange as _exchange


@pytest.fixture(scope="module")
def gunicorn_port():
    # Nothing here reaches the database; a server that cannot answer proves it.
    with gunicorn(DATABASE_URL="postgres://nobody@127.0.0.1:1/none") as port:
        yield port


def test_the_server_runs_the_app(gunicorn_port):
    status, headers, body = _exchange(gunicorn_port, HEALTH)
    assert status == 200 and json.loads(body)["status"] == "ok"


def _assert_error(status, headers, body, expected_status: int, code: str) -> None:
    assert status == expected_status
    assert headers["content-type"] == "application/json"
    assert headers["x-content-type-options"] == "nosniff"
    error = json.loads(body)
    assert error["type"] == "client_error"
    assert [e["code"] for e in error["errors"]] == [code]
    assert error["errors"][0]["attr"] is None and error["errors"][0]["detail"]


def test_a_request_line_over_the_limit_is_a_json_414(gunicorn_port):
    path = "/api/incidents?q=" + "x" * 5000
    raw = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    _assert_error(*_exchange(gunicorn_port, raw), 414, "uri_too_long")


def test_a_header_over_the_limit_is_a_json_431(gunicorn_port):
    raw = (
        b"GET /api/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: "
        + b"x" * 9000
        + b"\r\n\r\n"
    )
    _assert_error(*_exchange(gunicorn_port, raw), 431, "request_header_fields_too_large")


def test_a_malformed_request_line_is_a_json_400(gunicorn_port):
    _assert_error(*_exchange(gunicorn_port, b"GET\r\n\r\n"), 400, "parse_error")


def test_the_document_gives_those_statuses_on_every_operation():
    document = yaml.safe_load((ROOT / "openapi" / "schema.yaml").read_text())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                assert {"400", "414", "431"} <= set(operation["responses"]), (method, path)


def test_each_instance_has_its_own_control_socket(tmp_path):
    # gunicorn's default is one socket per user: a second instance took the first one's.
    unreachable = "postgres://nobody@127.0.0.1:1/none"
    with gunicorn(DATABASE_URL=unreachable, XDG_RUNTIME_DIR=str(tmp_path)) as first:
        with gunicorn(DATABASE_URL=unreachable, XDG_RUNTIME_DIR=str(tmp_path)) as second:
            sockets = sorted(path.name for path in tmp_path.iterdir() if path.is_socket())
    assert sockets == sorted([f"ledger-127.0.0.1_{first}.ctl", f"ledger-127.0.0.1_{second}.ctl"])
