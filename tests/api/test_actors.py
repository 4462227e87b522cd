import pytest
from django.urls import reverse

from incidents.choices import ActorKind
from incidents.models import Actor
from tests import factories
from tests.api.helpers import ids, iso

pytestmark = pytest.mark.django_db

LIST = reverse("actor-list")


def detail(id_or_slug) -> str:
    return reverse("actor-detail", kwargs={"id_or_slug": id_or_slug})


def named(**fields) -> Actor:
    """An actor that a published incident names, so that it is public."""
    return factories.InvolvementFactory(actor=factories.ActorFactory(**fields)).actor


def test_actor_detail_gives_the_actor_its_parent_and_its_public_children(api_client, ariha):
    named_only_by_a_draft = factories.ActorFactory(name="Draft-only unit", parent=ariha.russia)
    factories.InvolvementFactory(
        incident=factories.IncidentFactory(draft=True), actor=named_only_by_a_draft
    )

    response = api_client.get(detail(ariha.russia.id))

    assert response.status_code == 200
    assert response.json() == {
        "id": ariha.russia.id,
        "slug": "russia",
        "name": "Russia",
        "kind": "state",
        "parent": None,
        "aliases": ["Moscow", "Russian Federation"],
        "country": "RU",
        "wikidata_id": "Q159",
        "description": "The Russian Federation.",
        "created_at": iso(ariha.russia.created_at),
        "updated_at": iso(ariha.russia.updated_at),
        "children": [
            {
                "id": ariha.ministry.id,
                "slug": "russia-ministry-of-defence",
                "name": "Ministry of Defence of Russia",
                "kind": "government_body",
                "country": "RU",
            },
            {
                "id": ariha.vks.id,
                "slug": "russian-aerospace-forces",
                "name": "Russian Aerospace Forces",
                "kind": "armed_force",
                "country": "RU",
            },
        ],
    }


def test_actor_detail_answers_by_slug_with_the_parent_in_brief(api_client, ariha):
    response = api_client.get(detail("russian-aerospace-forces"))

    assert response.status_code == 200
    assert response.json() == {
        "id": ariha.vks.id,
        "slug": "russian-aerospace-forces",
        "name": "Russian Aerospace Forces",
        "kind": "armed_force",
        "parent": {
            "id": ariha.russia.id,
            "slug": "russia",
            "name": "Russia",
            "kind": "state",
            "country": "RU",
        },
        "aliases": ["VKS"],
        "country": "RU",
        "wikidata_id": "",
        "description": "",
        "created_at": iso(ariha.vks.created_at),
        "updated_at": iso(ariha.vks.updated_at),
        "children": [],
    }


def test_actor_list_rows_have_no_children(api_client, ariha):
    rows = api_client.get(LIST, {"q": "russia"}).json()["results"]

    assert [row["slug"] for row in rows] == [
        "russia-ministry-of-defence",
        "russia",
        "russian-aerospace-forces",
    ]
    assert all("children" not in row for row in rows)


def test_actor_list_gives_named_actors_and_their_ancestors_by_name(api_client, ariha):
    factories.ActorFactory(name="Never named")

    names = [row["name"] for row in api_client.get(LIST).json()["results"]]

    assert names == [
        "Amnesty International",
        "Igor Konashenkov",
        "Ministry of Defence of Russia",
        "Russia",
        "Russian Aerospace Forces",
    ]


def test_actor_detail_of_an_unknown_id_or_slug_is_404(api_client):
    named(slug="known")

    for unknown in [999_999, "unknown-slug"]:
        response = api_client.get(detail(unknown))
        assert response.status_code == 404
        assert response.json()["errors"][0]["code"] == "not_found"


def test_actor_detail_of_an_actor_no_public_record_names_is_404(api_client):
    unnamed = factories.ActorFactory(slug="unnamed")

    assert api_client.get(detail(unnamed.id)).status_code == 404
    assert api_client.get(detail("unnamed")).status_code == 404


class TestSearch:
    @pytest.fixture
    def world(self):
        return {
            "russia": named(name="Russia", slug="russia", aliases=["Moscow"]).id,
            "usa": named(name="United States", slug="united-states", aliases=["Washington"]).id,
            "syria": named(name="Syrian Arab Army", slug="saa", aliases=[]).id,
        }

    def test_q_matches_part_of_the_name_in_any_case(self, api_client, world):
        assert ids(api_client.get(LIST, {"q": "ARAB"})) == [world["syria"]]

    def test_q_matches_part_of_the_slug(self, api_client, world):
        assert ids(api_client.get(LIST, {"q": "ted-sta"})) == [world["usa"]]

    def test_q_matches_part_of_an_alias(self, api_client, world):
        assert ids(api_client.get(LIST, {"q": "moscow"})) == [world["russia"]]
        assert ids(api_client.get(LIST, {"q": "shingt"})) == [world["usa"]]

    def test_q_takes_like_wildcards_literally(self, api_client, world):
        assert ids(api_client.get(LIST, {"q": "%"})) == []
        assert ids(api_client.get(LIST, {"q": "_"})) == []


def test_kind_filter_gives_actors_of_that_kind(api_client):
    person = named(kind=ActorKind.PERSON)
    named(kind=ActorKind.STATE)

    assert ids(api_client.get(LIST, {"kind": "person"})) == [person.id]
    assert ids(api_client.get(LIST, {"kind": "media"})) == []


def test_country_filter_takes_the_code_in_any_case(api_client):
    syrian = named(country="SY")
    named(country="RU")

    assert ids(api_client.get(LIST, {"country": "sy"})) == [syrian.id]
    assert ids(api_client.get(LIST, {"country": "FR"})) == []


def test_parent_filter_gives_the_direct_sub_actors_by_id_or_slug(api_client):
    russia = factories.ActorFactory(name="Russia", slug="russia")
    kremlin = named(name="Kremlin", parent=russia)
    ministry = named(name="Ministry", parent=russia)
    named(name="Peskov", parent=kremlin)

    assert ids(api_client.get(LIST, {"parent": "russia"})) == [kremlin.id, ministry.id]
    assert ids(api_client.get(LIST, {"parent": russia.id})) == [kremlin.id, ministry.id]
    assert ids(api_client.get(LIST, {"parent": "nobody"})) == []
