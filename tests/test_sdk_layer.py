"""The SDK's hand-written layer (sdk/python/incident_ledger_sdk): retries on 429 and 503 as
Retry-After asks, the error envelope as typed exceptions naming the parameter, and pages()
over both kinds of pagination, against canned answers and against a live server."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from django.core.cache import cache
from incident_ledger_client.api.changes import changes_list
from incident_ledger_client.api.incidents import incidents_list, incidents_retrieve
from incident_ledger_client.models import Change, Incident
from incident_ledger_sdk import (
    NotFound,
    RateLimited,
    ServiceUnavailable,
    ValidationError,
    connect,
    pages,
    unwrap,
)
from incident_ledger_sdk.errors import error_from, retry_after

from incidents.changes import build_feed
from tests import factories

pytestmark = pytest.mark.sdk

ENVELOPE = {
    "type": "client_error",
    "errors": [{"code": "throttled", "detail": "...", "attr": None}],
}


def canned(*answers: httpx.Response):
    """A transport giving ``answers`` in turn, and the requests it got."""
    queue, requests = list(answers), []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return queue.pop(0)

    return httpx.MockTransport(handler), requests


def test_a_429_is_sent_again_after_the_wait_it_asks_for():
    transport, requests = canned(
        httpx.Response(429, json=ENVELOPE, headers={"Retry-After": "7"}),
        httpx.Response(503, json=ENVELOPE),
        httpx.Response(200, json={"count": 0, "next": None, "previous": None, "results": []}),
    )
    waits: list[float] = []
    client = connect("http://ledger.test", transport=transport, sleep=waits.append)

    assert list(pages(incidents_list.sync_detailed, client=client)) == []
    # The 503 had no Retry-After: the second attempt's backoff, 2 seconds.
    assert waits == [7.0, 2.0]
    assert len(requests) == 3


def test_retries_stop_after_the_last_attempt_with_the_wait_in_the_error():
    transport, requests = canned(
        *[httpx.Response(503, json=ENVELOPE, headers={"Retry-After": "5"}) for _ in range(3)]
    )
    waits: list[float] = []
    client = connect("http://ledger.test", transport=transport, sleep=waits.append, attempts=3)

    with pytest.raises(ServiceUnavailable) as raised:
        unwrap(incidents_list.sync_detailed(client=client))
    assert (raised.value.retry_after, waits, len(requests)) == (5.0, [5.0, 5.0], 3)


def test_a_wait_longer_than_allowed_is_not_waited():
    transport, requests = canned(
        httpx.Response(429, json=ENVELOPE, headers={"Retry-After": "3600"}),
    )
    waits: list[float] = []
    client = connect("http://ledger.test", transport=transport, sleep=waits.append, max_wait=60)

    with pytest.raises(RateLimited) as raised:
        unwrap(incidents_list.sync_detailed(client=client))
    assert (raised.value.retry_after, raised.value.code, waits) == (3600.0, "throttled", [])


def test_a_request_body_is_sent_again_whole():
    transport, requests = canned(
        httpx.Response(429, json=ENVELOPE, headers={"Retry-After": "0"}),
        httpx.Response(200, json={}),
    )
    client = connect("http://ledger.test", transport=transport, sleep=lambda _: None)

    client.get_httpx_client().post("/api/incidents/", json={"title": "Strike"})
    assert [r.content for r in requests] == [b'{"title":"Strike"}'] * 2


def test_retry_after_as_an_http_date():
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert retry_after({"retry-after": later}, now=now) == 30.0
    assert retry_after({"retry-after": "soon"}, now=now) is None


def test_an_answer_that_is_no_envelope_is_still_a_typed_error():
    error = error_from(502, {}, b"<html>Bad gateway</html>")
    assert (error.status, error.type, error.code) == (502, "server_error", "unexpected_answer")
    assert "Bad gateway" in str(error)


@pytest.fixture
def client(live_server):
    return connect(live_server.url, sleep=lambda _: None)


@pytest.mark.django_db(transaction=True)
def test_a_bad_parameter_is_a_validation_error_naming_it(client):
    with pytest.raises(ValidationError) as raised:
        unwrap(incidents_list.sync_detailed(client=client, limit=0))
    assert (raised.value.status, raised.value.attr, raised.value.code) == (400, "limit", "invalid")
    with pytest.raises(NotFound):
        unwrap(incidents_retrieve.sync_detailed("no-such-incident", client=client))


@pytest.mark.django_db(transaction=True)
def test_pages_follow_offsets_and_cursors_to_the_last_page(client):
    incidents = factories.IncidentFactory.create_batch(5)
    build_feed()

    listed = list(pages(incidents_list.sync_detailed, client=client, limit=2))
    feed = list(pages(changes_list.sync_detailed, client=client, limit=2))

    assert all(isinstance(i, Incident) for i in listed)
    assert sorted(i.id for i in listed) == sorted(i.pk for i in incidents)
    assert all(isinstance(c, Change) for c in feed)
    assert [(c.resource.value, c.id) for c in feed] == [("incidents", i.pk) for i in incidents]


@pytest.mark.django_db(transaction=True)
def test_the_live_rate_limit_is_waited_for_then_raised(live_server, settings):
    settings.API_RATES = {"anon": "1/min", "user": "1/min"}
    # A fresh count: the other tests' requests are in the same cache.
    cache.clear()
    waits: list[float] = []
    client = connect(live_server.url, sleep=waits.append, attempts=3)

    unwrap(incidents_list.sync_detailed(client=client))
    with pytest.raises(RateLimited) as raised:
        unwrap(incidents_list.sync_detailed(client=client))
    assert 0 < raised.value.retry_after <= 60
    assert len(waits) == 2 and all(0 < wait <= 60 for wait in waits)
