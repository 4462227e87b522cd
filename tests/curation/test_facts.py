"""Incident facts rest on quotes (issue 13, item 3): each fact with a value cites its quotes or
carries an editor's note, the headline civilian figures are derived from the counted reports
unless a reviewer overrides them with a reason, and every path that publishes refuses an
incident whose facts rest on nothing, listing each reason, and stamps ``published_at``."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from incidents import services
from incidents.choices import CasualtyCategory, Fact, IncidentStatus, Population
from incidents.interop import importer
from incidents.models import CasualtyReport, Incident, IncidentFact, Revision
from incidents.seed.loader import SEED_DIR, load_seed
from tests import factories
from tests.curation.conftest import patch, publish
from tests.interop.conftest import ACLED_SAMPLE

pytestmark = pytest.mark.django_db


def _uncited(**fields) -> Incident:
    return factories.IncidentFactory(status=IncidentStatus.IN_REVIEW, cited=False, **fields)


def _errors(response) -> dict[str, list[str]]:
    """The error body's details by the field they name."""
    found: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        found.setdefault(error["attr"], []).append(error["detail"])
    return found


def _reload(incident: Incident) -> Incident:
    return Incident.all_objects.get(pk=incident.pk)


# The model's rule.


def test_a_citation_is_a_quote_or_a_note_never_both_nor_neither():
    incident = _uncited()
    quote = factories.QuoteFactory()
    for quote_, note in [(None, ""), (None, "   "), (quote, "and a note")]:
        citation = IncidentFact(incident=incident, fact=Fact.DATE, quote=quote_, note=note)
        with pytest.raises(ValidationError):
            citation.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            IncidentFact.objects.bulk_create([citation])
    IncidentFact(incident=incident, fact=Fact.DATE, quote=quote).full_clean()
    IncidentFact(incident=incident, fact=Fact.DATE, note="From the report's title.").full_clean()


def test_a_fact_cites_a_quote_once_and_has_one_note():
    citation = factories.IncidentFactFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFact.objects.create(
            incident=citation.incident, fact=citation.fact, quote=citation.quote
        )
    IncidentFact.objects.create(incident=citation.incident, fact=citation.fact, note="Why.")
    with pytest.raises(IntegrityError), transaction.atomic():
        IncidentFact.objects.create(incident=citation.incident, fact=citation.fact, note="Again.")


# The headline figures.


def _report(incident, low, high, *, counted=True, category=CasualtyCategory.KILLED, **extra):
    return factories.CasualtyReportFactory(
        incident=incident,
        category=category,
        population=extra.pop("population", Population.CIVILIANS),
        min=low,
        max=high,
        counted=counted,
        **extra,
    )


def _figures(incident) -> tuple:
    incident = _reload(incident)
    return (
        incident.civilian_deaths_min,
        incident.civilian_deaths_max,
        incident.civilian_injuries_min,
        incident.civilian_injuries_max,
    )


def test_the_headline_figures_run_from_the_lowest_minimum_to_the_highest_maximum_counted():
    incident = _uncited()
    _report(incident, 40, 49)
    assert _figures(incident) == (40, 49, None, None)
    _report(incident, 30, 45)
    _report(incident, 1000, 2000, counted=False)  # not counted
    _report(incident, 5, 900, population=Population.ALL)  # not civilians
    _report(incident, 7, 8, category=CasualtyCategory.INJURED)
    assert _figures(incident) == (30, 49, 7, 8)
    open_ended = _report(incident, 200, None)
    assert _figures(incident) == (30, None, 7, 8)
    open_ended.delete()  # a soft delete: the report no longer counts
    assert _figures(incident) == (30, 49, 7, 8)
    CasualtyReport.objects.filter(incident=incident, min=1000).update(counted=True)
    assert _figures(incident) == (30, 2000, 7, 8)


def test_typed_figures_that_the_counted_reports_contradict_are_refused(clients):
    incident = factories.IncidentFactory(draft=True)
    _report(incident, 40, 49)
    url = f"/api/incidents/{incident.pk}"

    response = patch(clients["editor"], url, {"civilian_deaths_min": 12})

    assert response.status_code == 400
    assert "Derived from the casualty reports marked counted: 40–49" in str(
        _errors(response)["civilian_deaths_min"]
    )
    assert _figures(incident)[:2] == (40, 49)


def test_an_editor_may_not_override_the_derived_figures(clients):
    incident = factories.IncidentFactory(draft=True)
    _report(incident, 40, 49)
    url = f"/api/incidents/{incident.pk}"

    response = patch(
        clients["editor"],
        url,
        {"civilian_deaths_min": 12, "civilian_figures_override_reason": "I know better."},
    )

    assert response.status_code == 400
    assert "Only a reviewer may override" in str(
        _errors(response)["civilian_figures_override_reason"]
    )
    assert _reload(incident).civilian_figures_override_reason == ""


def test_a_reviewer_overrides_the_figures_with_a_reason_and_they_stay_typed(clients):
    incident = factories.IncidentFactory(draft=True)
    _report(incident, 40, 49)
    url = f"/api/incidents/{incident.pk}"
    reason = "Amnesty's later count of 12 supersedes both reports."

    response = patch(
        clients["reviewer"],
        url,
        {
            "civilian_deaths_min": 12,
            "civilian_deaths_max": 12,
            "civilian_figures_override_reason": reason,
        },
    )

    assert response.status_code == 200, response.content
    assert response.json()["civilian_figures_override_reason"] == reason
    _report(incident, 1, 2)
    assert _figures(incident)[:2] == (12, 12)
    # Cleared, the figures are derived again.
    assert (
        patch(
            clients["reviewer"],
            url,
            {
                "civilian_figures_override_reason": "",
                "civilian_deaths_min": 1,
                "civilian_deaths_max": 49,
            },
        ).status_code
        == 200
    )
    assert _figures(incident)[:2] == (1, 49)


# Publishing, on every path.


def _facts_reasons(incident) -> list[str]:
    return [
        f"Fact 'date' ({incident.start_date.isoformat()}) rests on no quote and carries no "
        "editor's note.",
        "Fact 'place' (Ariha, Idlib) rests on no quote and carries no editor's note.",
        "Fact 'coordinates' (35.8133, 36.6092) rests on no quote and carries no editor's note.",
        "Fact 'weapons' (missiles) rests on no quote and carries no editor's note.",
        "Fact 'civilian_deaths' (at least 49) rests on no quote and carries no editor's note.",
    ]


def _unsupported_incident() -> Incident:
    return _uncited(located=True, weapons=["missiles"], civilian_deaths_min=49)


def _cite_everything(incident, quote) -> None:
    for fact in (Fact.DATE, Fact.PLACE, Fact.WEAPONS, Fact.CIVILIAN_DEATHS):
        IncidentFact.objects.create(incident=incident, fact=fact, quote=quote)
    IncidentFact.objects.create(
        incident=incident, fact=Fact.COORDINATES, note="Centre of the town the quote names."
    )


def test_the_api_refuses_to_publish_with_each_fact_listed_then_publishes_once_cited(clients):
    incident = _unsupported_incident()
    factories.InvolvementFactory(incident=incident)

    refused = publish(clients["reviewer"], incident.pk)

    assert refused.status_code == 400
    assert _errors(refused) == {"facts": _facts_reasons(incident)}
    assert _reload(incident).status == IncidentStatus.IN_REVIEW

    _cite_everything(incident, factories.QuoteFactory())
    accepted = publish(clients["reviewer"], incident.pk)

    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["status"] == IncidentStatus.PUBLISHED and body["published_at"] is not None
    assert sorted({fact["fact"] for fact in body["facts"]}) == sorted(
        [Fact.DATE, Fact.PLACE, Fact.COORDINATES, Fact.WEAPONS, Fact.CIVILIAN_DEATHS]
    )
    assert all(fact["quote"] or fact["note"] for fact in body["facts"])


def test_figures_derived_from_counted_reports_need_no_citation_of_their_own(clients):
    incident = _uncited()
    _report(incident, 49, 49)
    IncidentFact.objects.create(incident=incident, fact=Fact.DATE, note="Dated by the report.")

    assert services.publish_blockers(_reload(incident)) == [
        "Fact 'place' (Idlib) rests on no quote and carries no editor's note."
    ]


def test_the_service_refuses_and_then_publishes_with_the_time(make_user):
    reviewer = make_user("rev", "Reviewers")
    incident = _unsupported_incident()

    with pytest.raises(ValidationError) as refused:
        services.incident_publish(incident=incident, user=reviewer)
    assert refused.value.message_dict["facts"] == _facts_reasons(incident)

    _cite_everything(incident, factories.QuoteFactory())
    published = services.incident_publish(incident=incident, user=reviewer)
    assert published.published_at is not None and published.published_by == reviewer


def test_an_editors_new_citation_on_a_published_incident_waits_for_review(clients):
    incident = factories.IncidentFactory()
    quote = factories.QuoteFactory()

    response = clients["editor"].post(
        "/api/incident-facts",
        {"incident": incident.pk, "fact": "place", "quote": quote.pk},
        format="json",
    )

    assert response.status_code == 202, response.content
    revision = Revision.objects.get()
    assert (revision.resource, revision.status) == ("incident-facts", "pending")
    assert not IncidentFact.objects.filter(quote=quote).exists()
    assert clients["anonymous"].get(f"/api/quotes/{quote.pk}").status_code == 404


def test_a_fact_of_a_draft_is_not_public_and_its_quote_neither(clients):
    draft = factories.IncidentFactory(draft=True, cited=False)
    citation = factories.IncidentFactFactory(incident=draft)
    public = clients["anonymous"]

    assert public.get(f"/api/incident-facts/{citation.pk}").status_code == 404
    assert public.get("/api/incident-facts").json()["count"] == 0
    assert public.get(f"/api/quotes/{citation.quote_id}").status_code == 404
    assert clients["editor"].get(f"/api/incident-facts/{citation.pk}").status_code == 200

    Incident.objects.filter(pk=draft.pk).update(status=IncidentStatus.PUBLISHED)
    assert public.get(f"/api/incident-facts/{citation.pk}").status_code == 200
    assert public.get(f"/api/quotes/{citation.quote_id}").status_code == 200


def test_import_events_publishes_facts_that_rest_on_the_records_lines():
    call_command("import_events", "acled", ACLED_SAMPLE, "--status", "published", stdout=StringIO())

    incidents = Incident.objects.all()
    assert incidents and all(i.published_at is not None for i in incidents)
    for incident in incidents:
        assert services.publish_blockers(incident) == []
        for citation in incident.facts.select_related("quote__source"):
            assert citation.quote.source.kind == "dataset"
            assert citation.quote.text in citation.quote.source.body
        assert incident.facts.filter(fact=Fact.DATE).exists()
    reports = CasualtyReport.objects.all()
    assert reports and all(report.counted for report in reports)


def test_import_events_refuses_to_publish_incidents_whose_facts_rest_on_nothing(monkeypatch):
    monkeypatch.setattr(importer.BatchWriter, "fact_spans", staticmethod(lambda row, spans: {}))
    errors = StringIO()

    with pytest.raises(CommandError, match="rest on nothing; nothing was imported"):
        call_command(
            "import_events",
            "acled",
            ACLED_SAMPLE,
            "--status",
            "published",
            stdout=StringIO(),
            stderr=errors,
        )

    lines = errors.getvalue().splitlines()
    assert (
        "  row 2: fact 'date' rests on no line of the record and carries no editor's note, "
        "so the incident cannot be published" in lines
    )
    assert any("fact 'place'" in line for line in lines)
    assert not Incident.all_objects.exists()


def test_import_events_drafts_need_no_citation(monkeypatch):
    monkeypatch.setattr(importer.BatchWriter, "fact_spans", staticmethod(lambda row, spans: {}))
    call_command("import_events", "acled", ACLED_SAMPLE, stdout=StringIO())
    assert Incident.objects.filter(status=IncidentStatus.DRAFT).exists()


def test_the_seed_publishes_every_incident_with_its_facts_cited():
    load_seed()

    incidents = Incident.objects.all()
    assert incidents.count() == 7
    for incident in incidents:
        assert incident.status == IncidentStatus.PUBLISHED
        assert incident.published_at is not None
        assert services.publish_blockers(incident) == []
    market = incidents.get(slug="ariha-marketplace-missile-strike-2015")
    assert (market.latitude, market.longitude, market.geo_precision) == (35.8117, 36.6069, "near")
    us_campaign = incidents.get(slug="us-air-campaign-against-isis-iraq-syria")
    # The watchdog's 700 and the Pentagon's "only a few" both count: the headline is the
    # range they span (at least 2), not one contested figure adopted.
    assert (
        us_campaign.civilian_deaths_min,
        us_campaign.civilian_deaths_max,
        us_campaign.civilian_figures_override_reason,
    ) == (2, None, "")
    assert sorted(
        us_campaign.casualty_reports.filter(counted=True).values_list("min", flat=True)
    ) == [2, 700]


def test_the_seed_loader_refuses_to_publish_a_fact_that_rests_on_nothing(tmp_path):
    data = json.loads((SEED_DIR / "curation.json").read_text(encoding="utf-8"))
    market = next(i for i in data["incidents"] if i["slug"].startswith("ariha"))
    market["facts"] = [f for f in market["facts"] if f["fact"] not in ("place", "weapons")]
    for item in data["sources"]:
        if item.get("file"):
            item["file"] = str(SEED_DIR / item["file"])
    path = tmp_path / "curation.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ValidationError) as refused:
        load_seed(path)

    assert refused.value.message_dict == {
        "ariha-marketplace-missile-strike-2015": [
            "Fact 'place' (Ariha, Idlib) rests on no quote and carries no editor's note.",
            "Fact 'weapons' (missiles) rests on no quote and carries no editor's note.",
        ]
    }
    assert not Incident.objects.exists()


@pytest.mark.parametrize(
    "body, attr",
    [
        ({"fact": "colour", "note": "Why."}, "fact"),
        ({"fact": "date"}, "note"),
        ({"fact": "date", "note": "   "}, "note"),
        ({"fact": "date", "quote": 987654321}, "quote"),
        ({"fact": "date", "note": "x" * 2001}, "note"),
    ],
)
def test_a_bad_citation_is_a_400_naming_the_field(clients, body, attr):
    draft = factories.IncidentFactory(draft=True, cited=False)

    response = clients["editor"].post(
        "/api/incident-facts", {"incident": draft.pk, **body}, format="json"
    )

    assert response.status_code == 400, response.content
    assert attr in _errors(response)
    assert not IncidentFact.objects.exists()
