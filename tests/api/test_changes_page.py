"""`/api/changes` is answered by one statement that renders the page in SQL
(incidents/api/feed.py); the general path (queryset, serializer, renderer) must give the same
bytes and headers for every page, filter and error."""

import random
from base64 import b64encode
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.api.views import ChangeViewSet
from incidents.models import Change

pytestmark = pytest.mark.django_db

FEED = "/api/changes"
RESOURCES = ["incidents", "actors", "sources", "quotes", "statements", "casualty-reports"]


@pytest.fixture
def feed():
    rng = random.Random(17)
    start = datetime(2015, 9, 30, 12, tzinfo=UTC)
    entries = []
    for n in range(60):
        at = start + timedelta(seconds=n // 3, microseconds=rng.choice([0, 0, 1, 500_000, 7]))
        entries.append(
            Change(
                resource=rng.choice(RESOURCES),
                object_id=rng.randrange(1, 2**40),
                action=rng.choice(["created", "updated", "retracted", "deleted"]),
                at=at,
                merged_into=rng.choice([None, None, rng.randrange(1, 9999)]),
            )
        )
    return Change.objects.bulk_create(entries)


@pytest.fixture
def general(monkeypatch):
    """A function that answers as the general path does."""

    def get(client, params, url=FEED):
        with monkeypatch.context() as patched:
            patched.setattr(ChangeViewSet, "rendered_page", lambda self, request: None)
            return client.get(url, params)

    return get


def _same(fast, slow) -> None:
    assert fast.status_code == slow.status_code
    assert fast.content == slow.content
    assert set(fast.headers) == set(slow.headers)
    # Each request's own id and rate count aside.
    headers = {name for name in fast.headers if name != "X-Request-ID" and "RateLimit" not in name}
    assert {name: fast[name] for name in headers} == {name: slow[name] for name in headers}


def _cursor(position, reverse=False) -> str:
    return b64encode((("r=1&" if reverse else "") + f"p={position}").encode()).decode()


def test_every_page_of_every_filter_is_the_general_paths(api_client, feed, general, monkeypatch):
    rendered = []
    original = ChangeViewSet.rendered_page

    def counted(self, request):
        response = original(self, request)
        rendered.append(response is not None)
        return response

    monkeypatch.setattr(ChangeViewSet, "rendered_page", counted)
    ids = [entry.id for entry in feed]
    middle = feed[30].at.isoformat().replace("+00:00", "Z")
    filters = [
        {},
        {"limit": "7"},
        {"limit": "1"},
        {"limit": "1000"},
        {"after": str(ids[10]), "limit": "9"},
        {"after": "0"},
        {"after": str(ids[-1])},  # nothing after: an empty page
        {"since": middle, "limit": "8"},
        {"since": "2015-09-30T13:00:00+01:00", "limit": "11"},
        {"since": "2030-01-01T00:00:00Z"},
        {"since": middle, "after": str(ids[40]), "limit": "4", "format": "json"},
    ]
    pages = 0
    for params in filters:
        url, query = FEED, params
        while url:
            fast = api_client.get(url, query)
            _same(fast, general(api_client, query, url))
            body = fast.json()
            url, query = body["next"], None
            pages += 1
            if body["previous"]:  # the way back: a reverse cursor, the general path
                back = body["previous"]
                _same(api_client.get(back), general(api_client, None, back))
    assert pages > 40
    assert rendered.count(True) == pages  # every forward page by the statement


def test_the_fence_stops_both_paths_at_the_same_entry(api_client, feed, general, monkeypatch):
    fence = feed[20].id
    monkeypatch.setattr("incidents.api.views.replica_health.feed_fence", lambda: fence)
    for params in ({"limit": "15"}, {"cursor": _cursor(feed[14].id)}, {"after": str(fence)}):
        fast = api_client.get(FEED, params)
        _same(fast, general(api_client, params))
        assert all(entry["id"] for entry in fast.json()["results"])
    results = api_client.get(FEED, {"limit": "100"}).json()["results"]
    assert len(results) == 21


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "bm9wZQ=="},
        {"cursor": _cursor(5).rstrip("=")},
        {"cursor": b64encode(b"o=3&p=5").decode()},
        {"cursor": "%%%"},
        {"cursor": _cursor(5, reverse=True)},
        {"limit": "0"},
        {"limit": "1001"},
        {"limit": "x"},
        {"after": "-1"},
        {"after": "x", "limit": "0"},
        {"since": "yesterday"},
        {"since": "2015-12-01T00:00:00"},
        {"since": ""},
        {"since": "2015-12-01T00:00:00Z", "limit": "0"},
        {"format": "xml"},
        {"unknown": "1"},
    ],
)
def test_errors_are_the_general_paths(api_client, feed, general, params):
    _same(api_client.get(FEED, params), general(api_client, params))


@pytest.mark.parametrize("accept", ["application/json; indent=4", "application/json", "*/*"])
def test_what_the_client_accepts_is_answered_as_by_the_general_path(
    api_client, feed, general, accept
):
    params = {"limit": "3", "cursor": _cursor(feed[5].id)}
    api_client.credentials(HTTP_ACCEPT=accept)
    _same(api_client.get(FEED, params), general(api_client, params))


def test_a_page_is_one_statement(api_client, feed):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(FEED, {"limit": "1000", "cursor": _cursor(feed[3].id)})
    assert len(response.json()["results"]) == 56
    # Expect 1 query: the page, rendered (the fence is the replica monitor's, in memory).
    assert len(queries) == 1, [query["sql"] for query in queries]
