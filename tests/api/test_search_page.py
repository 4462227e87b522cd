"""`?q=` alone is answered by one hand-written statement (incidents/api/listing.py); any other
parameter takes the general path of filters and serializers. Both must give the same rows,
counts and pages, in the list's order."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.api.views import IncidentViewSet
from incidents.choices import IncidentStatus
from incidents.models import Incident
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/api/incidents"
WORDS = ["market", "hospital", "bakery", "convoy", "school"]


@pytest.fixture
def world():
    rng = random.Random(11)
    actors = factories.ActorFactory.create_batch(3)
    parent = factories.IncidentFactory(status=IncidentStatus.PUBLISHED)
    statuses = [IncidentStatus.PUBLISHED] * 5 + [IncidentStatus.DRAFT, IncidentStatus.RETRACTED]
    for n in range(60):
        start = date(2015, 9, 30) + timedelta(days=rng.randrange(15))  # many equal dates
        words = rng.sample(WORDS, rng.randrange(1, 3))
        incident = factories.IncidentFactory(
            status=rng.choice(statuses),
            title=f"Strike on the {words[0]}",
            summary=" ".join(f"The {word} was hit." for word in words),
            start_date=start,
            end_date=rng.choice([None, start + timedelta(days=1)]),
            parent=rng.choice([None, parent]),
            located=rng.random() < 0.5,
        )
        for actor in rng.sample(actors, rng.randrange(0, 3)):
            factories.InvolvementFactory(incident=incident, actor=actor)
        if n % 13 == 0:
            incident.delete()
        if n % 5 == 0:  # a timestamp on the second, written without microseconds
            Incident.objects.filter(pk=incident.pk).update(
                published_at=datetime(2015, 10, 1, 12, n % 60, tzinfo=UTC)
            )


def _general(monkeypatch, api_client, params):
    with monkeypatch.context() as patched:
        patched.setattr(IncidentViewSet, "search_page", lambda self, request: None)
        return api_client.get(LIST, params)


@pytest.mark.parametrize("q", ["market", "hospital OR school", '"the bakery"', "-market", "x"])
@pytest.mark.parametrize(("limit", "offset"), [(50, 0), (7, 0), (7, 14), (5, 40), (500, 0)])
def test_the_search_statement_gives_what_the_general_path_gives(
    api_client, world, monkeypatch, q, limit, offset
):
    params = {"q": q, "limit": limit, "offset": offset}
    connection.queries_log.clear()  # the request empties it as it starts: count from zero
    with CaptureQueriesContext(connection) as queries:
        fast = api_client.get(LIST, params)
    # Expect 1 query: the page with its count.
    assert len(queries) == 1, [query["sql"] for query in queries]
    general = _general(monkeypatch, api_client, params)
    assert fast.status_code == general.status_code == 200
    assert fast.content == general.content


def test_its_count_stops_at_the_search_cap(api_client, world, monkeypatch):
    monkeypatch.setattr("config.api.pagination.SEARCH_COUNT_LIMIT", 3)
    for params in ({"q": "market"}, {"q": "market", "limit": 2, "offset": 2}):
        fast = api_client.get(LIST, params)
        assert fast.json()["count"] is None
        assert fast.content == _general(monkeypatch, api_client, params).content


@pytest.mark.parametrize(
    "params", [{"q": "a" * 201}, {"q": "market\x00"}, {"q": "market", "limit": "0"}, {"q": ""}]
)
def test_errors_and_an_empty_q_are_the_general_paths(api_client, world, monkeypatch, params):
    fast = api_client.get(LIST, params)
    general = _general(monkeypatch, api_client, params)
    assert (fast.status_code, fast.content) == (general.status_code, general.content)
