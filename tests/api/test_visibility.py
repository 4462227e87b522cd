"""Only published incidents, and the records they rest on, are public.

A draft, an incident in review and a retracted one, with every record that only they use, are
absent from every list, count and export, match no filter, and their details are 404s.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import Incident
from tests import factories
from tests.api.helpers import csv_rows, geojson, ids

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = ["draft", "in_review", "retracted"]


def incident_with_claims(**status) -> SimpleNamespace:
    """An incident with one claim of each kind, whose actors, quotes and sources are its own."""
    incident = factories.IncidentFactory(**status)
    involvement = factories.InvolvementFactory(incident=incident)
    report = factories.CasualtyReportFactory(incident=incident)
    statement = factories.StatementFactory(incidents=[incident])
    quotes = [involvement.quote, report.quote, statement.quote]
    return SimpleNamespace(
        incident=[incident.id],
        actor=[involvement.actor_id, report.reported_by_id, statement.speaker_id],
        quote=[quote.id for quote in quotes],
        source=[quote.source_id for quote in quotes],
        statement=[statement.id],
        **{"casualty-report": [report.id]},
        slug=incident.slug,
        actor_slug=involvement.actor.slug,
    )


@pytest.fixture
def ledger() -> SimpleNamespace:
    published = incident_with_claims()
    hidden = {status: incident_with_claims(**{status: True}) for status in HIDDEN_STATUSES}
    return SimpleNamespace(published=published, **hidden)


RESOURCES = ["incident", "actor", "source", "quote", "statement", "casualty-report"]


def detail_url(basename: str, pk: int) -> str:
    kwarg = "id_or_slug" if basename in ("incident", "actor") else "pk"
    return reverse(f"{basename}-detail", kwargs={kwarg: pk})


@pytest.mark.parametrize("basename", RESOURCES)
def test_a_list_and_its_count_hold_only_what_published_incidents_rest_on(
    api_client, ledger, basename
):
    response = api_client.get(reverse(f"{basename}-list"))

    expected = getattr(ledger.published, basename)
    assert sorted(ids(response)) == sorted(expected)
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
@pytest.mark.parametrize("basename", RESOURCES)
def test_the_detail_of_a_record_only_a_hidden_incident_uses_is_404(
    api_client, ledger, basename, status
):
    for pk in getattr(getattr(ledger, status), basename):
        response = api_client.get(detail_url(basename, pk))
        assert response.status_code == 404
        assert response.json()["errors"][0]["code"] == "not_found"
    for pk in getattr(ledger.published, basename):
        assert api_client.get(detail_url(basename, pk)).status_code == 200


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_a_hidden_incident_and_its_actor_are_404_by_slug_too(api_client, ledger, status):
    hidden = getattr(ledger, status)

    assert api_client.get(detail_url("incident", hidden.slug)).status_code == 404
    assert api_client.get(detail_url("actor", hidden.actor_slug)).status_code == 404


@pytest.mark.parametrize("export", [{"format": "csv"}, {"format": "geojson"}])
def test_exports_hold_only_published_incidents(api_client, ledger, export):
    response = api_client.get(reverse("incident-list"), export)

    if export["format"] == "csv":
        exported = [int(row["id"]) for row in csv_rows(response)]
    else:
        exported = [feature["id"] for feature in geojson(response)["features"]]
    assert exported == ledger.published.incident


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_no_filter_finds_a_hidden_incident_or_what_only_it_uses(api_client, ledger, status):
    hidden = getattr(ledger, status)
    hidden_incident = Incident.objects.get(pk=hidden.incident[0])
    searches = [
        ("incident-list", {"source": hidden.source[0]}),
        ("incident-list", {"q": hidden_incident.title}),
        ("actor-list", {"q": hidden.actor_slug}),
        ("quote-list", {"source": hidden.source[0]}),
        ("statement-list", {"incident": hidden.incident[0]}),
        ("statement-list", {"incident": hidden.slug}),
        ("casualty-report-list", {"incident": hidden.incident[0]}),
        ("casualty-report-list", {"incident": hidden.slug}),
    ]

    # A hidden actor is answered as an unknown one: a 400 naming the term, and no incident.
    response = api_client.get(reverse("incident-list"), {"actor": hidden.actor_slug})
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"].startswith(
        f"No actor is named {hidden.actor_slug!r}."
    )
    for name, params in searches:
        response = api_client.get(reverse(name), params)
        assert response.json()["count"] == 0, (name, params)
        assert ids(response) == [], (name, params)


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_the_status_filter_does_not_reach_hidden_incidents(api_client, ledger, status):
    response = api_client.get(reverse("incident-list"), {"status": status})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    response = api_client.get(reverse("incident-list"), {"status": status, "format": "csv"})
    assert csv_rows(response) == []
    response = api_client.get(reverse("incident-list"), {"status": "published"})
    assert ids(response) == ledger.published.incident


def test_a_statement_about_a_published_and_a_draft_incident_names_only_the_published_one(
    api_client,
):
    published = factories.IncidentFactory()
    draft = factories.IncidentFactory(draft=True)
    statement = factories.StatementFactory(incidents=[published, draft])

    rows = api_client.get(reverse("statement-list")).json()["results"]

    assert [row["id"] for row in rows] == [statement.id]
    assert [incident["id"] for incident in rows[0]["incidents"]] == [published.id]
    response = api_client.get(reverse("statement-list"), {"incident": draft.id})
    assert ids(response) == []
    response = api_client.get(reverse("statement-list"), {"incident": draft.slug})
    assert ids(response) == []


def test_a_hidden_parent_is_null_and_a_hidden_child_is_left_out(api_client):
    draft_parent = factories.IncidentFactory(draft=True)
    incident = factories.IncidentFactory(parent=draft_parent)
    factories.IncidentFactory(retracted=True, parent=incident)

    row = api_client.get(reverse("incident-list")).json()["results"][0]
    body = api_client.get(reverse("incident-detail", kwargs={"id_or_slug": incident.id})).json()

    assert row["parent_id"] is None
    assert (body["parent"], body["children"]) == (None, [])


def test_an_actor_is_public_through_a_public_descendant_only(api_client):
    state = factories.ActorFactory()
    unit = factories.ActorFactory(parent=state)
    factories.InvolvementFactory(actor=unit)
    other_state = factories.ActorFactory()
    draft_unit = factories.ActorFactory(parent=other_state)
    factories.InvolvementFactory(incident=factories.IncidentFactory(draft=True), actor=draft_unit)

    listed = ids(api_client.get(reverse("actor-list")))

    assert sorted(listed) == sorted([state.id, unit.id])
    assert api_client.get(detail_url("actor", other_state.id)).status_code == 404


def test_a_source_cited_only_by_a_hidden_source_is_hidden(api_client):
    public_source = factories.InvolvementFactory().quote.source
    hidden_source = factories.InvolvementFactory(
        incident=factories.IncidentFactory(draft=True)
    ).quote.source
    cited_by_public = factories.SourceFactory()
    cited_by_hidden = factories.SourceFactory()
    public_source.cites.add(cited_by_public)
    hidden_source.cites.add(cited_by_hidden)

    listed = ids(api_client.get(reverse("source-list")))

    assert sorted(listed) == sorted([public_source.id, cited_by_public.id])
    assert api_client.get(detail_url("source", cited_by_hidden.id)).status_code == 404
    cited_by = api_client.get(detail_url("source", cited_by_public.id)).json()["cited_by"]
    assert [source["id"] for source in cited_by] == [public_source.id]


def test_unpublishing_an_incident_hides_it_and_what_only_it_used(api_client, ledger):
    Incident.objects.filter(pk__in=ledger.published.incident).update(
        status=IncidentStatus.RETRACTED
    )

    for basename in RESOURCES:
        response = api_client.get(reverse(f"{basename}-list"))
        assert response.json()["count"] == 0, basename
