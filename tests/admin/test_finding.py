"""Finding things in the admin: the best actor match first, incidents by actor and evidence."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"


def _autocomplete(client, term: str) -> list[str]:
    response = client.get(
        AUTOCOMPLETE,
        {
            "app_label": "incidents",
            "model_name": "involvement",
            "field_name": "actor",
            "term": term,
        },
    )
    assert response.status_code == 200
    # Each result is labelled "Name (kind, part of Parent)": the names, in order.
    return [result["text"].rsplit(" (", 1)[0] for result in response.json()["results"]]


def test_autocomplete_puts_the_exact_name_first_then_prefixes_then_words(editor_client):
    # Alphabetically, the committee comes first: an editor pressing Enter picked it.
    factories.ActorFactory(
        name="Federation Council Committee on Defense and Security",
        aliases=["Defense committee of the Russian Federation Council"],
    )
    factories.ActorFactory(name="Pro-Russian separatists")
    factories.ActorFactory(name="Russian Aerospace Forces")
    factories.ActorFactory(name="Russia", slug="russia")

    assert _autocomplete(editor_client, "russia") == [
        "Russia",
        "Russian Aerospace Forces",
        "Pro-Russian separatists",
        "Federation Council Committee on Defense and Security",
    ]


def test_autocomplete_finds_an_actor_by_an_exact_alias_before_longer_names(editor_client):
    factories.ActorFactory(name="Syrian Arab Army and allies")
    factories.ActorFactory(name="Syrian Arab Army", aliases=["SAA"])
    factories.ActorFactory(name="SAAB", slug="saab")

    assert _autocomplete(editor_client, "saa")[0] == "Syrian Arab Army"
    assert _autocomplete(editor_client, "  Syrian   arab ") == [
        "Syrian Arab Army",
        "Syrian Arab Army and allies",
    ]


def test_autocomplete_takes_like_wildcards_literally(editor_client):
    factories.ActorFactory(name="Brigade 100%")
    factories.ActorFactory(name="Brigade 1000")

    assert _autocomplete(editor_client, "brigade 100%") == ["Brigade 100%"]


def _listed(client, **params) -> set[str]:
    response = client.get("/admin/incidents/incident/", params)
    assert response.status_code == 200
    return {incident.title for incident in response.context["cl"].result_list}


def test_the_incident_list_filters_by_an_actor_and_its_members(editor_client):
    russia = factories.ActorFactory(name="Russia", slug="russia")
    air_force = factories.ActorFactory(name="Russian Aerospace Forces", parent=russia)
    factories.InvolvementFactory(incident__title="Strike by the air force", actor=air_force)
    factories.InvolvementFactory(incident__title="Strike by Russia", actor=russia)
    factories.InvolvementFactory(incident__title="Someone else's strike")

    assert _listed(editor_client, actor="russia") == {
        "Strike by the air force",
        "Strike by Russia",
    }
    assert _listed(editor_client, actor="Russian Aerospace Forces") == {"Strike by the air force"}
    assert _listed(editor_client, actor="nobody-of-that-name") == set()
    assert len(_listed(editor_client)) == 3


def test_the_actor_filter_keeps_the_other_filters_and_the_search(editor_client):
    response = editor_client.get(
        "/admin/incidents/incident/", {"actor": "russia", "status__exact": "draft", "q": "market"}
    )
    page = response.content.decode()
    assert 'name="status__exact" value="draft"' in page
    assert 'name="q" value="market"' in page
    assert 'name="actor" value="russia"' in page


def test_search_finds_incidents_by_actor_quote_words_and_source_title(editor_client):
    russia = factories.ActorFactory(name="Russia", slug="russia")
    factories.InvolvementFactory(
        incident__title="Strike one", actor=factories.ActorFactory(parent=russia)
    )
    factories.CasualtyReportFactory(
        incident__title="Strike two",
        quote__source__body="First. The dumb bombs fell on the bakery. Last.",
    )
    factories.InvolvementFactory(
        incident__title="Strike three", quote__source__title="Amnesty briefing on Homs"
    )
    factories.IncidentFactory(title="Strike four")

    assert _listed(editor_client, q="russia") == {"Strike one"}
    assert _listed(editor_client, q="dumb bombs") == {"Strike two"}
    assert _listed(editor_client, q="amnesty briefing") == {"Strike three"}
    assert _listed(editor_client, q="strike four") == {"Strike four"}


def test_autocomplete_labels_say_what_each_result_is(editor_client):
    russia = factories.ActorFactory(name="Russia", slug="russia", kind="state")
    factories.ActorFactory(name="Russian Aerospace Forces", parent=russia, kind="armed_force")
    quote = factories.QuoteFactory(
        source__title="Amnesty report on Syria", source__published_on="2015-12-23"
    )

    actors = editor_client.get(
        AUTOCOMPLETE,
        {
            "app_label": "incidents",
            "model_name": "involvement",
            "field_name": "actor",
            "term": "russia",
        },
    ).json()["results"]
    quotes = editor_client.get(
        AUTOCOMPLETE,
        {
            "app_label": "incidents",
            "model_name": "involvement",
            "field_name": "quote",
            "term": "market",
        },
    ).json()["results"]

    assert [a["text"] for a in actors] == [
        "Russia (state)",
        "Russian Aerospace Forces (armed force, part of Russia)",
    ]
    assert quotes == [
        {"id": str(quote.pk), "text": f"“{quote.text}” — Amnesty report on Syria, 2015-12-23"}
    ]


def test_a_nul_character_in_a_search_finds_nothing_rather_than_failing(editor_client):
    factories.ActorFactory(name="Russia", slug="russia")

    assert editor_client.get("/admin/incidents/incident/", {"actor": "\x00"}).status_code == 200
    assert editor_client.get("/admin/incidents/incident/", {"q": "rus\x00sia"}).status_code == 200
    response = editor_client.get(
        AUTOCOMPLETE,
        {
            "app_label": "incidents",
            "model_name": "involvement",
            "field_name": "actor",
            "term": "\x00",
        },
    )
    assert response.status_code == 200


def test_staff_without_permissions_learn_nothing_of_merged_or_missing_incidents(db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from incidents.models import Incident

    keep, merged = factories.IncidentFactory.create_batch(2)
    Incident.all_objects.filter(pk=merged.pk).update(merged_into=keep, deleted_at=keep.created_at)
    nobody = get_user_model().objects.create_user("staffnp", is_staff=True)
    client = Client()
    client.force_login(nobody)

    for path in (
        f"/admin/incidents/incident/{merged.pk}/change/",
        f"/admin/incidents/incident/{keep.pk}/merge/",
        "/admin/incidents/incident/999999/merge/",
        "/admin/incidents/incident/%C2%B2/change/",
    ):
        assert client.get(path).status_code == 403, path
