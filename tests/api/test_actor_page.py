"""`?actor=X` alone is answered by one hand-written statement (incidents/api/listing.py); any
other parameter takes the general path of filters and serializers. Both must give the same
rows, counts and pages, on data with every case that either could get wrong."""

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework.fields import DateTimeField

from incidents import changes
from incidents.api.serializers import iso_datetime
from incidents.choices import AttributionGrade, CivilianHarmGrade, IncidentStatus
from incidents.models import Incident
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/api/incidents"


@pytest.fixture
def world():
    rng = random.Random(7)
    russia = factories.ActorFactory(slug="russia", name="Russia", aliases=["Russian Federation"])
    vks = factories.ActorFactory(slug="vks", name="Aerospace Forces", parent=russia)
    pilot = factories.ActorFactory(slug="pilot", parent=vks)
    syria = factories.ActorFactory(slug="syria")
    others = factories.ActorFactory.create_batch(3)
    actors = [russia, vks, pilot, syria, *others]
    parents = [
        factories.IncidentFactory(status=IncidentStatus.PUBLISHED),
        factories.IncidentFactory(status=IncidentStatus.DRAFT),
        factories.IncidentFactory(status=IncidentStatus.PUBLISHED),
    ]
    parents[-1].delete()
    statuses = [IncidentStatus.PUBLISHED] * 6 + [IncidentStatus.DRAFT, IncidentStatus.RETRACTED]
    for n in range(70):
        start = date(2015, 9, 30) + timedelta(days=rng.randrange(20))  # many equal dates
        incident = factories.IncidentFactory(
            status=rng.choice(statuses),
            start_date=start,
            end_date=rng.choice([None, start + timedelta(days=rng.randrange(3))]),
            parent=rng.choice([None, *parents]),
            located=rng.random() < 0.5,
        )
        for actor in rng.sample(actors, rng.randrange(1, 4)):
            involvement = factories.InvolvementFactory(incident=incident, actor=actor)
            if rng.random() < 0.1:
                involvement.delete()
        if n % 17 == 0:
            incident.delete()
        if n % 3 == 0:  # some graded, so that the grades are compared too
            Incident.objects.filter(pk=incident.pk).update(
                civilian_harm_grade=rng.choice(CivilianHarmGrade.values),
                attribution_grade=rng.choice(AttributionGrade.values),
                graded_at=datetime(2015, 12, 1, tzinfo=UTC),
            )
        if n % 5 == 0:  # a timestamp on the second, written without microseconds
            Incident.objects.filter(pk=incident.pk).update(
                published_at=datetime(2015, 10, 1, 12, n % 60, tzinfo=UTC)
            )
    changes.build_all()  # the links of one actor's pages are kept by the feed's builds
    return actors


def _page(api_client, **params) -> dict:
    response = api_client.get(LIST, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(
    "actor",
    ["russia", "RUSSIAN FEDERATION", "vks", "pilot", "syria,pilot", "russia,syria"],
)
@pytest.mark.parametrize(("limit", "offset"), [(50, 0), (7, 0), (7, 14), (5, 60), (500, 0)])
def test_the_actor_statement_gives_what_the_general_path_gives(
    api_client, world, actor, limit, offset
):
    fast = _page(api_client, actor=actor, limit=limit, offset=offset)
    general = _page(api_client, actor=actor, limit=limit, offset=offset, ordering="-start_date")
    assert fast["results"] == general["results"]
    assert fast["count"] == general["count"]
    assert (fast["next"] is None) == (general["next"] is None)
    assert (fast["previous"] is None) == (general["previous"] is None)


def test_one_actors_page_is_never_behind_the_writes(api_client, world, django_assert_num_queries):
    # One actor's pages read links and counts kept by the feed's builds; while a write to an
    # incident waits for the next build, the general path answers: a new incident shows at
    # once, one no longer public leaves the page and its count at once.
    russia = world[0]
    before = _page(api_client, actor="russia")
    incident = factories.IncidentFactory(
        status=IncidentStatus.PUBLISHED, start_date=timezone.now().date()
    )
    factories.InvolvementFactory(incident=incident, actor=russia)
    waiting = _page(api_client, actor="russia")
    assert waiting["results"][0]["id"] == incident.id
    assert waiting["count"] == before["count"] + 1
    changes.build_all()
    with django_assert_num_queries(1):  # from the links again, in one statement
        assert _page(api_client, actor="russia") == waiting
    incident.delete()
    assert _page(api_client, actor="russia") == before
    changes.build_all()
    assert _page(api_client, actor="russia") == before


def test_the_count_is_null_past_the_cap(api_client, world, monkeypatch):
    monkeypatch.setattr("incidents.api.views.COUNT_LIMIT", 3)
    page = _page(api_client, actor="russia", limit=2)
    assert page["count"] is None and page["next"] is not None
    # A term that names no actor is a 400 on both paths, naming the term.
    for params in ({"actor": "nobody"}, {"actor": "nobody", "ordering": "-start_date"}):
        response = api_client.get(LIST, params)
        assert response.status_code == 400
        assert "'nobody'" in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize("actor", ["russia", "russia,syria"])
def test_the_capped_count_counts_incidents_not_rows_at_every_cap(
    api_client, world, monkeypatch, actor
):
    # Several actors' rows name some incidents twice: a cap that stops among rows must not
    # stop the count short of incidents (it said 9,128 for 10,310 on a million incidents).
    total = _page(api_client, actor=actor, ordering="-start_date")["count"]
    assert total > 10
    for cap in range(1, total + 2):
        monkeypatch.setattr("incidents.api.views.COUNT_LIMIT", cap)
        monkeypatch.setattr("config.api.pagination.COUNT_LIMIT", cap)
        fast = _page(api_client, actor=actor, limit=1)["count"]
        general = _page(api_client, actor=actor, limit=1, ordering="-start_date")["count"]
        assert fast == general == (total if cap >= total else None), cap


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2015, 10, 1, 12, 0, tzinfo=UTC),
        datetime(2015, 10, 1, 12, 0, 0, 120, tzinfo=UTC),
        datetime(2015, 10, 1, 12, 0, tzinfo=ZoneInfo("Europe/Moscow")),
        datetime(2015, 12, 1, 9, 30, 5, tzinfo=ZoneInfo("Europe/London")),
    ],
)
def test_timestamps_are_written_as_drf_writes_them(moment):
    assert iso_datetime(moment) == DateTimeField().to_representation(moment)
