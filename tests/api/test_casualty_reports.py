import pytest
from django.urls import reverse

from incidents.choices import CasualtyCategory, Population
from tests import factories
from tests.api.conftest import REPORT_BODY
from tests.api.helpers import ids, iso

pytestmark = pytest.mark.django_db

LIST = reverse("casualty-report-list")


def detail(pk) -> str:
    return reverse("casualty-report-detail", kwargs={"pk": pk})


def test_casualty_report_detail_gives_figures_reporter_quote_and_incident(api_client, ariha):
    response = api_client.get(detail(ariha.casualties.id))

    assert response.status_code == 200
    assert response.json() == {
        "id": ariha.casualties.id,
        "incident": {
            "id": ariha.strike.id,
            "slug": "ariha-market-airstrike",
            "title": "Airstrike on the market in Ariha",
            "start_date": "2015-11-29",
            "end_date": None,
        },
        "category": "killed",
        "population": "civilians",
        "min": 40,
        "max": 49,
        "as_of": "2015-11-29",
        "counted": True,
        "reported_by": {
            "id": ariha.amnesty.id,
            "slug": "amnesty-international",
            "name": "Amnesty International",
            "kind": "ngo",
            "country": "",
        },
        "quote": {
            "id": ariha.killed_quote.id,
            "text": "At least 40 civilians were killed, and up to 49.",
            "start": 125,
            "end": 173,
            "context_before": REPORT_BODY[:125],
            "context_after": REPORT_BODY[173:],
            "source": {
                "id": ariha.report.id,
                "kind": "ngo_report",
                "title": "Civilian objects were not damaged",
                "publisher": "Amnesty International",
                "url": "https://www.amnesty.org/en/documents/mde24/3113/2015/en/",
                "published_on": "2015-12-23",
            },
        },
        "created_at": iso(ariha.casualties.created_at),
        "updated_at": iso(ariha.casualties.updated_at),
    }


def test_casualty_report_with_no_reporter_and_no_quote_gives_nulls(api_client):
    report = factories.CasualtyReportFactory(reported_by=None, quote=None, min=None, max=300)

    body = api_client.get(detail(report.id)).json()

    assert (body["reported_by"], body["quote"], body["min"], body["max"]) == (None, None, None, 300)


def test_casualty_report_list_is_ordered_by_incident_then_id(api_client):
    first_incident, second_incident = factories.IncidentFactory(), factories.IncidentFactory()
    late = factories.CasualtyReportFactory(incident=second_incident)
    early = factories.CasualtyReportFactory(incident=first_incident)
    early_too = factories.CasualtyReportFactory(incident=first_incident)

    assert ids(api_client.get(LIST)) == [early.id, early_too.id, late.id]


def test_casualty_report_detail_of_an_unknown_id_is_404(api_client):
    factories.CasualtyReportFactory()

    response = api_client.get(detail(999_999))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_incident_filter_gives_the_reports_of_the_incident_by_id_or_slug(api_client):
    strike = factories.IncidentFactory(slug="ariha-market-airstrike")
    reports = factories.CasualtyReportFactory.create_batch(2, incident=strike)
    factories.CasualtyReportFactory()

    expected = [report.id for report in reports]
    assert ids(api_client.get(LIST, {"incident": strike.id})) == expected
    assert ids(api_client.get(LIST, {"incident": "ariha-market-airstrike"})) == expected
    assert ids(api_client.get(LIST, {"incident": "no-such-incident"})) == []


def test_reported_by_filter_gives_reports_by_the_actor_and_its_descendants(api_client):
    un = factories.ActorFactory(name="United Nations", slug="un", aliases=["UN"])
    ocha = factories.ActorFactory(name="OCHA", slug="ocha", parent=un)
    amnesty = factories.ActorFactory(name="Amnesty International", slug="amnesty")
    by_un = factories.CasualtyReportFactory(reported_by=un)
    by_ocha = factories.CasualtyReportFactory(reported_by=ocha)
    by_amnesty = factories.CasualtyReportFactory(reported_by=amnesty)
    factories.CasualtyReportFactory(reported_by=None)

    assert ids(api_client.get(LIST, {"reported_by": "un"})) == [by_un.id, by_ocha.id]
    assert ids(api_client.get(LIST, {"reported_by": "ocha"})) == [by_ocha.id]
    response = api_client.get(LIST, {"reported_by": "OCHA,amnesty international"})
    assert ids(response) == [by_ocha.id, by_amnesty.id]
    assert ids(api_client.get(LIST, {"reported_by": "atlantis"})) == []


def test_category_filter_gives_reports_of_that_category(api_client):
    injured = factories.CasualtyReportFactory(category=CasualtyCategory.INJURED)
    factories.CasualtyReportFactory(category=CasualtyCategory.KILLED)

    assert ids(api_client.get(LIST, {"category": "injured"})) == [injured.id]
    assert ids(api_client.get(LIST, {"category": "displaced"})) == []


def test_population_filter_gives_reports_counting_that_population(api_client):
    combatants = factories.CasualtyReportFactory(population=Population.COMBATANTS)
    factories.CasualtyReportFactory(population=Population.CIVILIANS)

    assert ids(api_client.get(LIST, {"population": "combatants"})) == [combatants.id]
    assert ids(api_client.get(LIST, {"population": "all"})) == []
