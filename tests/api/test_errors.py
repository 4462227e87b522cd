"""Bad input is a 400 whose JSON body names the parameter; unknown URLs are JSON 404s."""

import pytest
from django.urls import reverse

from incidents.models import Incident
from tests import factories
from tests.api.helpers import error_attrs

pytestmark = pytest.mark.django_db

RESOURCES = ["incident", "actor", "source", "quote", "statement", "casualty-report"]
TOO_LONG_Q = "strike " * 28 + "abcde"  # 201 characters
TWENTY_ONE = ",".join(f"actor-{n}" for n in range(21))


def bad(basename: str, params: dict, attr: str, case: str):
    return pytest.param(basename, params, attr, id=f"{basename}-{case}")


BAD_FILTERS = [
    bad("incident", {"date_from": "2015-13-01"}, "date_from", "date-month-13"),
    bad("incident", {"date_to": "yesterday"}, "date_to", "date-in-words"),
    bad("incident", {"date_from": "30/09/2015"}, "date_from", "date-not-iso"),
    bad("incident", {"updated_since": "2015-12-01T25:00:00Z"}, "updated_since", "instant-hour-25"),
    bad("incident", {"min_civilian_deaths": "many"}, "min_civilian_deaths", "number-in-words"),
    bad("incident", {"min_civilian_deaths": "-1"}, "min_civilian_deaths", "number-negative"),
    bad("incident", {"max_civilian_deaths": "1.5"}, "max_civilian_deaths", "number-fraction"),
    bad("incident", {"max_civilian_deaths": "1e400"}, "max_civilian_deaths", "number-huge"),
    bad("incident", {"source": "amnesty"}, "source", "id-in-words"),
    bad("incident", {"source": "0"}, "source", "id-zero"),
    bad("incident", {"source": "1.5"}, "source", "id-fraction"),
    bad("incident", {"bbox": "35.5,34.5,37"}, "bbox", "bbox-three-numbers"),
    bad("incident", {"bbox": "35.5,34.5,37,36.5,1"}, "bbox", "bbox-five-numbers"),
    bad("incident", {"bbox": "a,b,c,d"}, "bbox", "bbox-not-numbers"),
    bad("incident", {"bbox": "-181,34.5,37,36.5"}, "bbox", "bbox-longitude-out-of-range"),
    bad("incident", {"bbox": "35.5,34.5,37,90.5"}, "bbox", "bbox-latitude-out-of-range"),
    bad("incident", {"bbox": "37,34.5,35.5,36.5"}, "bbox", "bbox-inverted-longitudes"),
    bad("incident", {"bbox": "35.5,36.5,37,34.5"}, "bbox", "bbox-inverted-latitudes"),
    bad("incident", {"actor": "russia,,syria"}, "actor", "list-empty-item"),
    bad("incident", {"actor": "russia,"}, "actor", "list-trailing-comma"),
    bad("incident", {"actor": TWENTY_ONE}, "actor", "list-too-many-items"),
    bad("incident", {"actor": "rus\x00sia"}, "actor", "list-nul-character"),
    bad("incident", {"ordering": "population"}, "ordering", "ordering-unknown-field"),
    bad("incident", {"ordering": "-start_date,status"}, "ordering", "ordering-one-unknown"),
    bad("incident", {"q": TOO_LONG_Q}, "q", "q-too-long"),
    bad("incident", {"q": "market\x00"}, "q", "q-nul-character"),
    bad("incident", {"type": "airstrike"}, "type", "bad-choice-type"),
    bad("incident", {"sub_type": "carpet_bombing"}, "sub_type", "bad-choice-sub-type"),
    bad("incident", {"role": "villain"}, "role", "bad-choice-role"),
    bad("incident", {"country": "SYQ"}, "country", "country-unknown-three-letters"),
    bad("incident", {"country": "S1"}, "country", "country-digit"),
    bad("incident", {"admin1": "x" * 201}, "admin1", "admin1-too-long"),
    bad("statement", {"said_from": "2015-12-32"}, "said_from", "date"),
    bad("statement", {"said_to": "soon"}, "said_to", "date-in-words"),
    bad("statement", {"kind": "lie"}, "kind", "bad-choice"),
    bad("statement", {"actor": ",peskov"}, "actor", "list-empty-item"),
    bad("statement", {"actor": TWENTY_ONE}, "actor", "list-too-many-items"),
    bad("statement", {"q": TOO_LONG_Q}, "q", "q-too-long"),
    bad("actor", {"kind": "alien"}, "kind", "bad-choice"),
    bad("actor", {"country": "Atlantis"}, "country", "country-unknown-name"),
    bad("actor", {"q": TOO_LONG_Q}, "q", "q-too-long"),
    bad("source", {"kind": "rumour"}, "kind", "bad-choice"),
    bad("source", {"published_from": "2015-02-30"}, "published_from", "date-feb-30"),
    bad("source", {"published_to": "December"}, "published_to", "date-in-words"),
    bad("source", {"publisher": "x" * 201}, "publisher", "publisher-too-long"),
    bad("source", {"q": TOO_LONG_Q}, "q", "q-too-long"),
    bad("quote", {"source": "first"}, "source", "id-in-words"),
    bad("quote", {"source": "-3"}, "source", "id-negative"),
    bad("quote", {"q": TOO_LONG_Q}, "q", "q-too-long"),
    bad("incident", {"ordering": "-rank"}, "ordering", "rank-without-q"),
    bad("statement", {"ordering": "-rank"}, "ordering", "rank-without-q"),
    bad("statement", {"ordering": "-said_on", "q": "strike"}, "ordering", "ordering-not-rank"),
    bad("source", {"ordering": "rank"}, "ordering", "rank-without-q"),
    bad("source", {"ordering": "-rank,", "q": "strike"}, "ordering", "ordering-empty-item"),
    bad("quote", {"ordering": "-rank", "q": ""}, "ordering", "rank-with-empty-q"),
    bad("quote", {"ordering": "-rank", "q": " "}, "ordering", "rank-with-blank-q"),
    bad("casualty-report", {"category": "missing"}, "category", "bad-choice-category"),
    bad("casualty-report", {"population": "soldiers"}, "population", "bad-choice-population"),
    bad("casualty-report", {"reported_by": "un,,amnesty"}, "reported_by", "list-empty-item"),
    bad("casualty-report", {"reported_by": "un\x00"}, "reported_by", "list-nul-character"),
]


@pytest.mark.parametrize(("basename", "params", "attr"), BAD_FILTERS)
def test_a_malformed_filter_is_a_400_naming_the_parameter(api_client, basename, params, attr):
    response = api_client.get(reverse(f"{basename}-list"), params)

    assert error_attrs(response) == [attr]


BAD_PAGINATION = [
    ({"limit": "-1"}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"limit": "501"}, "limit"),
    ({"limit": "2.5"}, "limit"),
    ({"limit": ""}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"offset": "first"}, "offset"),
    ({"offset": "10000001"}, "offset"),
    ({"offset": "9" * 30}, "offset"),
]


@pytest.mark.parametrize("basename", RESOURCES)
@pytest.mark.parametrize(("params", "attr"), BAD_PAGINATION)
def test_a_bad_limit_or_offset_is_a_400_naming_it(api_client, basename, params, attr):
    response = api_client.get(reverse(f"{basename}-list"), params)

    assert error_attrs(response) == [attr]


@pytest.mark.parametrize("basename", RESOURCES)
def test_an_unknown_query_parameter_is_a_400_naming_it(api_client, basename):
    response = api_client.get(reverse(f"{basename}-list"), {"actr": "russia"})

    assert error_attrs(response) == ["actr"]
    assert "Unknown query parameter" in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize("basename", RESOURCES)
def test_a_repeated_query_parameter_is_a_400_naming_it(api_client, basename):
    response = api_client.get(reverse(f"{basename}-list"), {"limit": ["5", "10"]})

    assert error_attrs(response) == ["limit"]


@pytest.mark.parametrize("basename", RESOURCES)
def test_an_unknown_format_is_a_400_naming_the_format_parameter(api_client, basename):
    response = api_client.get(reverse(f"{basename}-list"), {"format": "xml"})

    assert error_attrs(response) == ["format"]


@pytest.mark.parametrize("basename", ["actor", "source", "quote", "statement", "casualty-report"])
def test_exports_are_offered_on_incidents_only(api_client, basename):
    response = api_client.get(reverse(f"{basename}-list"), {"format": "csv"})

    assert error_attrs(response) == ["format"]


def test_a_detail_takes_no_filter_or_pagination_parameter(api_client):
    incident = factories.IncidentFactory()

    response = api_client.get(
        reverse("incident-detail", kwargs={"id_or_slug": incident.id}), {"limit": "5"}
    )

    assert error_attrs(response) == ["limit"]


def test_date_from_after_date_to_is_a_400_naming_date_to(api_client):
    response = api_client.get(
        reverse("incident-list"), {"date_from": "2015-12-01", "date_to": "2015-11-30"}
    )

    assert error_attrs(response) == ["date_to"]
    assert response.json()["errors"][0]["code"] == "invalid"


def test_several_bad_parameters_are_each_named(api_client):
    response = api_client.get(
        reverse("incident-list"), {"date_from": "soon", "bbox": "1,2", "type": "x"}
    )

    assert sorted(error_attrs(response)) == ["bbox", "date_from", "type"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"date_from": "2015-13-01"}, "valid date"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "37,34.5,35.5,36.5"}, "south-west"),
        ({"limit": "501"}, "between 1 and 500"),
        ({"actor": "a,,b"}, "empty item"),
        ({"q": TOO_LONG_Q}, "at most 200 characters"),
    ],
)
def test_a_400_says_what_was_wrong(api_client, params, words):
    response = api_client.get(reverse("incident-list"), params)

    assert response.status_code == 400
    assert words in response.json()["errors"][0]["detail"]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/nothing-here",
        "/api/incidents/1/no-such-thing",
        "/api/incidents/Not_A_Slug",
        "/api/quotes/not-a-number",
        "/api/v2/incidents",
    ],
)
def test_an_unknown_url_under_api_is_a_json_404_whatever_the_method(api_client, method, url):
    response = getattr(api_client, method)(url)

    assert error_attrs(response, status=404) == [None]
    assert response.json()["errors"][0]["code"] == "not_found"


def test_an_unknown_url_under_api_is_a_404_to_head_too(api_client):
    assert api_client.head("/api/nothing-here").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_an_anonymous_write_is_refused_with_a_json_error_and_changes_nothing(api_client, method):
    incident = factories.IncidentFactory(title="Unchanged")

    for url in [
        reverse("incident-list"),
        reverse("incident-detail", kwargs={"id_or_slug": incident.id}),
    ]:
        response = getattr(api_client, method)(url, {"title": "Changed"}, format="json")
        assert response.status_code in (401, 403, 405), response.content
        assert error_attrs(response, status=response.status_code) == [None]
    assert list(Incident.objects.values_list("title", flat=True)) == ["Unchanged"]
