"""Writes that ask only what they need: a new incident's slug is made from its title, and its
type follows from its sub-type; a given type that does not fit stays a 400 naming it."""

import pytest

from incidents.models import Actor, Incident
from incidents.services import unique_slug
from tests import factories

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Strike on the Bakery in Kafr Nabl",
    "sub_type": "air_drone_strike",
    "start_date": "2015-12-01",
    "date_precision": "day",
    "country": "SY",
}


def test_a_new_incident_without_slug_or_type_gets_them(editor):
    response = editor.post("/api/incidents", NEW, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "strike-on-the-bakery-in-kafr-nabl"
    assert body["type"] == "explosions_remote_violence"
    assert editor.get(f"/api/incidents/{body['slug']}").json()["id"] == body["id"]


def test_a_derived_slug_that_is_taken_gets_the_next_free_number(editor):
    factories.IncidentFactory(slug="strike-on-the-bakery-in-kafr-nabl")
    # A deleted incident keeps its slug (the unique constraint counts every row).
    factories.IncidentFactory(slug="strike-on-the-bakery-in-kafr-nabl-2").delete()

    slugs = [editor.post("/api/incidents", NEW, format="json").json()["slug"] for _ in range(2)]

    assert slugs == ["strike-on-the-bakery-in-kafr-nabl-3", "strike-on-the-bakery-in-kafr-nabl-4"]


def test_a_given_slug_is_kept_and_a_taken_one_is_a_400_naming_it(editor):
    factories.IncidentFactory(slug="taken")

    kept = editor.post("/api/incidents", {**NEW, "slug": "My-Own"}, format="json")
    refused = editor.post("/api/incidents", {**NEW, "slug": "taken"}, format="json")

    assert kept.json()["slug"] == "my-own"
    assert refused.status_code == 400
    assert [e["attr"] for e in refused.json()["errors"]] == ["slug"]


def test_a_given_type_that_does_not_fit_the_sub_type_is_a_400_naming_the_sub_type(editor):
    response = editor.post("/api/incidents", {**NEW, "type": "protests"}, format="json")

    assert response.status_code == 400
    assert [e["attr"] for e in response.json()["errors"]] == ["sub_type"]
    assert not Incident.objects.filter(title=NEW["title"]).exists()


def test_without_a_sub_type_the_400_names_the_sub_type_not_the_type(editor):
    response = editor.post("/api/incidents", {**NEW, "sub_type": None}, format="json")

    assert response.status_code == 400
    assert [(e["attr"], e["code"]) for e in response.json()["errors"]] == [("sub_type", "null")]


def test_patching_the_sub_type_alone_moves_the_type_with_it(editor):
    incident = Incident.objects.get(
        pk=editor.post("/api/incidents", NEW, format="json").json()["id"]
    )
    url = f"/api/incidents/{incident.pk}"
    etag = editor.get(url)["ETag"]

    response = editor.patch(
        url, {"sub_type": "peaceful_protest"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["type"], response.json()["sub_type"]) == (
        "protests",
        "peaceful_protest",
    )


def test_a_new_actor_without_slug_gets_one_from_its_name(reviewer):
    factories.ActorFactory(slug="free-syrian-army")

    response = reviewer.post(
        "/api/actors", {"name": "Free Syrian Army", "kind": "armed_group"}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "free-syrian-army-2"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Airstrike on Ariha: 40 killed", "airstrike-on-ariha-40-killed"),
        ("  Déjà Vu — Idlib  ", "deja-vu-idlib"),
        ("مجزرة", "incident"),
        ("x" * 300, "x" * 192),
    ],
)
def test_unique_slug_is_lower_case_words_joined_by_hyphens(text, slug):
    assert unique_slug(Incident, text) == slug
    assert unique_slug(Actor, "مجزرة") == "actor"


def test_an_id_given_as_a_string_is_a_400_naming_the_field(clients):
    from tests import factories

    incident = factories.IncidentFactory(draft=True)
    quote = factories.QuoteFactory()

    response = clients["editor"].post(
        "/api/incident-facts",
        {"incident": incident.pk, "fact": "date", "quote": str(quote.pk)},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "quote"
