"""Every resource answers its list and detail with or without a trailing slash, no redirect."""

import pytest
from django.urls import reverse

from tests.api.helpers import error_attrs, ids, make_public

pytestmark = pytest.mark.django_db

RESOURCES = ["incident", "actor", "source", "quote", "statement", "casualty-report"]
PATHS = {
    "incident": "/api/incidents",
    "actor": "/api/actors",
    "source": "/api/sources",
    "quote": "/api/quotes",
    "statement": "/api/statements",
    "casualty-report": "/api/casualty-reports",
}
MATCHING_NOTHING = {
    "incident": {"country": "FR"},
    "actor": {"kind": "media"},
    "source": {"published_from": "2030-01-01"},
    "quote": {"q": "zeppelin"},
    "statement": {"kind": "warning"},
    "casualty-report": {"category": "displaced"},
}


@pytest.mark.parametrize("basename", RESOURCES)
def test_list_answers_with_and_without_the_trailing_slash_and_no_redirect(api_client, basename):
    created = make_public(basename, 2)

    without_slash = api_client.get(PATHS[basename])
    with_slash = api_client.get(PATHS[basename] + "/")

    assert reverse(f"{basename}-list") == PATHS[basename]
    assert without_slash.status_code == 200
    assert with_slash.status_code == 200
    assert sorted(ids(without_slash)) == sorted(created)
    assert with_slash.json() == without_slash.json()


@pytest.mark.parametrize("basename", RESOURCES)
def test_detail_answers_by_id_with_and_without_the_trailing_slash(api_client, basename):
    record_id = make_public(basename, 1)[0]

    for url in [f"{PATHS[basename]}/{record_id}", f"{PATHS[basename]}/{record_id}/"]:
        response = api_client.get(url)
        assert response.status_code == 200
        assert response.json()["id"] == record_id


@pytest.mark.parametrize("basename", RESOURCES)
def test_detail_of_an_unknown_id_is_a_json_404(api_client, basename):
    make_public(basename, 1)

    response = api_client.get(f"{PATHS[basename]}/987654321")

    assert error_attrs(response, status=404) == [None]
    assert response.json()["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize("basename", RESOURCES)
def test_a_well_formed_filter_that_matches_nothing_is_an_empty_200(api_client, basename):
    make_public(basename, 2)

    response = api_client.get(PATHS[basename], MATCHING_NOTHING[basename])

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_api_root_links_every_resource(api_client):
    response = api_client.get("/api/")

    assert response.status_code == 200
    assert set(response.json()) >= {
        "incidents",
        "actors",
        "sources",
        "quotes",
        "statements",
        "casualty-reports",
    }
