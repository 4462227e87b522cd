"""A response that streams for longer than GUNICORN_TIMEOUT (a snapshot of a large ledger, a
large export) completes: the threaded workers of config/gunicorn.py keep telling the arbiter
they live while a request thread streams. A sync worker, the old configuration, is killed
mid-stream, which shows that the test measures what it claims."""

import http.client

import pytest

from tests.hardening.servers import gunicorn

SLOW = "tests.hardening.slow_app:app"


def _read(port: int, seconds: int) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", f"/slow?seconds={seconds}")
        response = conn.getresponse()
        assert response.status == 200
        received = b""
        try:
            while chunk := response.read1(65536):
                received += chunk
        except (http.client.IncompleteRead, ConnectionError) as cut:
            received += getattr(cut, "partial", b"")
        return received
    finally:
        conn.close()


def test_a_response_streaming_longer_than_the_timeout_completes():
    with gunicorn(app=SLOW, GUNICORN_TIMEOUT="2") as port:
        body = _read(port, 6)

    assert body.endswith(b"end\n") and body.count(b"\n") == 25


@pytest.mark.parametrize("worker_class", ["sync"])
def test_a_sync_worker_would_be_killed_mid_stream(worker_class):
    with gunicorn(app=SLOW, GUNICORN_TIMEOUT="2", GUNICORN_WORKER_CLASS=worker_class) as port:
        body = _read(port, 6)

    assert not body.endswith(b"end\n")
