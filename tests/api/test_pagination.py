"""limit/offset pages with count, next and previous, in a stable order."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.api.helpers import ids, make_public

pytestmark = pytest.mark.django_db

LIST = reverse("incident-list")
RESOURCES = ["incident", "actor", "source", "quote", "statement", "casualty-report"]


def test_a_page_holds_50_by_default_with_a_link_to_the_next(api_client):
    factories.IncidentFactory.create_batch(51)

    body = api_client.get(LIST).json()

    assert body["count"] == 51
    assert len(body["results"]) == 50
    assert body["next"] == "http://testserver/api/incidents?limit=50&offset=50"
    assert body["previous"] is None


def test_the_last_page_links_back_and_not_forward(api_client):
    factories.IncidentFactory.create_batch(51)

    body = api_client.get(LIST, {"offset": 50}).json()

    assert body["count"] == 51
    assert len(body["results"]) == 1
    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/incidents?limit=50"


def test_a_middle_page_links_both_ways_keeping_the_filters(api_client):
    factories.IncidentFactory.create_batch(7, country="IQ")
    factories.IncidentFactory()

    body = api_client.get(LIST, {"country": "IQ", "limit": 2, "offset": 2}).json()

    assert body["count"] == 7
    assert len(body["results"]) == 2
    assert body["next"] == "http://testserver/api/incidents?country=IQ&limit=2&offset=4"
    assert body["previous"] == "http://testserver/api/incidents?country=IQ&limit=2"


def test_limit_goes_up_to_500(api_client):
    factories.IncidentFactory.create_batch(60)

    body = api_client.get(LIST, {"limit": 500}).json()

    assert (body["count"], len(body["results"]), body["next"]) == (60, 60, None)
    assert api_client.get(LIST, {"limit": 501}).status_code == 400


def test_an_offset_past_the_end_is_an_empty_page_with_the_count(api_client):
    factories.IncidentFactory.create_batch(3)

    body = api_client.get(LIST, {"offset": 10}).json()

    assert (body["count"], body["results"], body["next"]) == (3, [], None)
    assert body["previous"] == "http://testserver/api/incidents?limit=50"


def test_pages_through_ties_hold_every_incident_once_in_a_stable_order(api_client):
    same_day = datetime.date(2015, 11, 29)
    created = [factories.IncidentFactory(start_date=same_day).id for _ in range(7)]

    pages = [ids(api_client.get(LIST, {"limit": 3, "offset": offset})) for offset in (0, 3, 6)]

    assert [len(page) for page in pages] == [3, 3, 1]
    assert sum(pages, []) == sorted(created, reverse=True)


def test_pages_through_ties_of_an_ordering_hold_every_incident_once(api_client):
    created = [factories.IncidentFactory(title="Same title").id for _ in range(7)]

    pages = [
        ids(api_client.get(LIST, {"ordering": "title", "limit": 3, "offset": offset}))
        for offset in (0, 3, 6)
    ]

    assert sum(pages, []) == sorted(created)


@pytest.mark.parametrize("basename", RESOURCES)
def test_every_list_pages_with_limit_and_offset(api_client, basename):
    created = make_public(basename, 5)
    url = reverse(f"{basename}-list")

    first = api_client.get(url, {"limit": 2}).json()
    rest = [ids(api_client.get(url, {"limit": 2, "offset": offset})) for offset in (2, 4, 6)]

    assert first["count"] == len(created)
    assert first["next"] == f"http://testserver{url}?limit=2&offset=2"
    assert first["previous"] is None
    every_id = [row["id"] for row in first["results"]] + sum(rest, [])
    assert sorted(every_id) == sorted(created)
