import datetime

import pytest
from django.urls import reverse

from incidents.choices import StatementKind
from tests import factories
from tests.api.helpers import ids, iso

pytestmark = pytest.mark.django_db

LIST = reverse("statement-list")


def detail(pk) -> str:
    return reverse("statement-detail", kwargs={"pk": pk})


def said(**fields):
    """A statement about a published incident, so that it is public."""
    fields.setdefault("incidents", [factories.IncidentFactory()])
    return factories.StatementFactory(**fields)


def test_statement_detail_gives_speaker_words_and_the_public_incidents_it_is_about(
    api_client, ariha
):
    ariha.denial.incidents.add(factories.IncidentFactory(draft=True))

    response = api_client.get(detail(ariha.denial.id))

    assert response.status_code == 200
    assert response.json() == {
        "id": ariha.denial.id,
        "speaker": {
            "id": ariha.konashenkov.id,
            "slug": "igor-konashenkov",
            "name": "Igor Konashenkov",
            "kind": "person",
            "country": "RU",
        },
        "kind": "denial",
        "said_on": "2015-12-23",
        "quote": {
            "id": ariha.denial_quote.id,
            "text": "We have not struck any civilian objects in Idlib.",
            "start": 23,
            "end": 72,
            "context_before": "Igor Konashenkov said: ",
            "context_after": " Questions followed.",
            "source": {
                "id": ariha.briefing.id,
                "kind": "press_briefing",
                "title": "Briefing by Igor Konashenkov",
                "publisher": "Ministry of Defence of the Russian Federation",
                "url": "https://eng.mil.ru/en/news_page/country/more.htm?id=12068",
                "published_on": "2015-12-23",
            },
        },
        "denies": ariha.involvement.id,
        "incidents": [
            {
                "id": ariha.strike.id,
                "slug": "ariha-market-airstrike",
                "title": "Airstrike on the market in Ariha",
                "start_date": "2015-11-29",
                "end_date": None,
            },
            {
                "id": ariha.campaign.id,
                "slug": "russian-air-campaign-in-syria",
                "title": "Russian air campaign in Syria",
                "start_date": "2015-09-30",
                "end_date": "2016-03-14",
            },
        ],
        "created_at": iso(ariha.denial.created_at),
        "updated_at": iso(ariha.denial.updated_at),
    }


def test_statement_list_is_newest_first_with_undated_ones_first(api_client):
    older = said(said_on=datetime.date(2015, 10, 1))
    newer = said(said_on=datetime.date(2015, 12, 1))
    undated = said(said_on=None)

    assert ids(api_client.get(LIST)) == [undated.id, newer.id, older.id]


def test_statement_detail_of_an_unknown_id_is_404(api_client):
    said()

    response = api_client.get(detail(999_999))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_actor_filter_gives_statements_by_the_actor_and_its_descendants(api_client):
    russia = factories.ActorFactory(name="Russia", slug="russia", aliases=["Moscow"])
    kremlin = factories.ActorFactory(name="Kremlin", slug="kremlin", parent=russia)
    peskov = factories.ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov", parent=kremlin)
    us = factories.ActorFactory(name="United States", slug="united-states")
    by_russia = said(speaker=russia, said_on=datetime.date(2015, 10, 1))
    by_peskov = said(speaker=peskov, said_on=datetime.date(2015, 11, 1))
    by_us = said(speaker=us, said_on=datetime.date(2015, 12, 1))

    assert ids(api_client.get(LIST, {"actor": "MOSCOW"})) == [by_peskov.id, by_russia.id]
    assert ids(api_client.get(LIST, {"actor": "Dmitry Peskov"})) == [by_peskov.id]
    response = api_client.get(LIST, {"actor": "kremlin,united-states"})
    assert ids(response) == [by_us.id, by_peskov.id]
    assert ids(api_client.get(LIST, {"actor": "atlantis"})) == []


def test_incident_filter_gives_statements_about_the_incident_by_id_or_slug(api_client):
    strike = factories.IncidentFactory(slug="ariha-market-airstrike")
    other = factories.IncidentFactory()
    about_strike = said(incidents=[strike], said_on=datetime.date(2015, 12, 1))
    about_both = said(incidents=[strike, other], said_on=datetime.date(2015, 11, 1))
    said(incidents=[other])

    expected = [about_strike.id, about_both.id]
    assert ids(api_client.get(LIST, {"incident": strike.id})) == expected
    assert ids(api_client.get(LIST, {"incident": "ariha-market-airstrike"})) == expected
    assert ids(api_client.get(LIST, {"incident": "no-such-incident"})) == []


def test_kind_filter_gives_statements_of_that_kind(api_client):
    denial = said(kind=StatementKind.DENIAL)
    said(kind=StatementKind.ACCUSATION)

    assert ids(api_client.get(LIST, {"kind": "denial"})) == [denial.id]
    assert ids(api_client.get(LIST, {"kind": "warning"})) == []


def test_said_from_and_said_to_bound_the_date_inclusively(api_client):
    october = said(said_on=datetime.date(2015, 10, 1))
    december = said(said_on=datetime.date(2015, 12, 23))
    said(said_on=None)

    assert ids(api_client.get(LIST, {"said_from": "2015-12-23"})) == [december.id]
    assert ids(api_client.get(LIST, {"said_to": "2015-12-22"})) == [october.id]
    response = api_client.get(LIST, {"said_from": "2015-10-01", "said_to": "2015-12-23"})
    assert ids(response) == [december.id, october.id]
    assert ids(api_client.get(LIST, {"said_from": "2016-01-01"})) == []


def test_q_searches_the_quoted_words(api_client, ariha):
    other = said()  # quotes "Witnesses said the strike hit the market at noon."

    assert ids(api_client.get(LIST, {"q": "civilian objects"})) == [ariha.denial.id]
    assert ids(api_client.get(LIST, {"q": "witnesses"})) == [other.id]
    assert ids(api_client.get(LIST, {"q": "zeppelin"})) == []
