"""One small, fully specified slice of the ledger that the whole-payload tests read back.

Every value is fixed so that the expected payloads can be written out literally; only ids and
timestamps come from the records.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from knox.models import AuthToken
from rest_framework.test import APIClient

from incidents.choices import ActorKind, CasualtyCategory, Fact, Population, Role, StatementKind
from incidents.roles import EDITORS, sync_groups
from sources.choices import SourceKind
from tests import factories

REPORT_BODY = (
    "On 29 November 2015 a Russian airstrike hit the market in Ariha. "
    "The Russian Aerospace Forces struck a busy market in Ariha. "
    "At least 40 civilians were killed, and up to 49. "
    "Russia has not acknowledged the strike."
)
BRIEFING_BODY = (
    "Igor Konashenkov said: We have not struck any civilian objects in Idlib. Questions followed."
)


@pytest.fixture
def ariha(db) -> SimpleNamespace:
    """A published strike inside a published campaign, with one claim of each kind."""
    russia = factories.ActorFactory(
        name="Russia",
        slug="russia",
        kind=ActorKind.STATE,
        country="RU",
        aliases=["Moscow", "Russian Federation"],
        wikidata_id="Q159",
        description="The Russian Federation.",
    )
    vks = factories.ActorFactory(
        name="Russian Aerospace Forces",
        slug="russian-aerospace-forces",
        kind=ActorKind.ARMED_FORCE,
        country="RU",
        parent=russia,
        aliases=["VKS"],
    )
    ministry = factories.ActorFactory(
        name="Ministry of Defence of Russia",
        slug="russia-ministry-of-defence",
        kind=ActorKind.GOVERNMENT_BODY,
        country="RU",
        parent=russia,
    )
    konashenkov = factories.ActorFactory(
        name="Igor Konashenkov",
        slug="igor-konashenkov",
        kind=ActorKind.PERSON,
        country="RU",
        parent=ministry,
    )
    amnesty = factories.ActorFactory(
        name="Amnesty International",
        slug="amnesty-international",
        kind=ActorKind.NGO,
        country="",
        aliases=["Amnesty"],
    )
    report = factories.SourceFactory(
        kind=SourceKind.NGO_REPORT,
        title="Civilian objects were not damaged",
        publisher="Amnesty International",
        authors=["Amnesty International"],
        url="https://www.amnesty.org/en/documents/mde24/3113/2015/en/",
        published_on=datetime.date(2015, 12, 23),
        language="en",
        body=REPORT_BODY,
        captured_at=datetime.datetime(2016, 1, 5, 12, 30, tzinfo=datetime.UTC),
        archive_url="https://web.archive.org/web/20160105/https://www.amnesty.org/en/",
    )
    briefing = factories.SourceFactory(
        kind=SourceKind.PRESS_BRIEFING,
        title="Briefing by Igor Konashenkov",
        publisher="Ministry of Defence of the Russian Federation",
        url="https://eng.mil.ru/en/news_page/country/more.htm?id=12068",
        published_on=datetime.date(2015, 12, 23),
        body=BRIEFING_BODY,
    )
    strike_quote = factories.QuoteFactory(
        source=report, text="The Russian Aerospace Forces struck a busy market in Ariha."
    )
    killed_quote = factories.QuoteFactory(
        source=report, text="At least 40 civilians were killed, and up to 49."
    )
    denial_quote = factories.QuoteFactory(
        source=briefing, text="We have not struck any civilian objects in Idlib."
    )
    campaign = factories.IncidentFactory(
        title="Russian air campaign in Syria",
        slug="russian-air-campaign-in-syria",
        start_date=datetime.date(2015, 9, 30),
        end_date=datetime.date(2016, 3, 14),
        admin1="",
    )
    strike = factories.IncidentFactory(
        cited=False,
        located=True,
        title="Airstrike on the market in Ariha",
        slug="ariha-market-airstrike",
        summary="Aircraft struck the central market of Ariha at midday.",
        start_date=datetime.date(2015, 11, 29),
        parent=campaign,
        civilian_deaths_min=40,
        civilian_deaths_max=49,
        civilian_injuries_min=60,
        weapons=["unguided bombs", "cluster munitions"],
        published_at=datetime.datetime(2015, 12, 24, 9, 0, tzinfo=datetime.UTC),
    )
    rescuers = factories.IncidentFactory(
        title="Second strike on Ariha rescuers",
        slug="ariha-second-strike",
        start_date=datetime.date(2015, 11, 29),
        parent=strike,
    )
    draft_child = factories.IncidentFactory(draft=True, parent=strike)
    involvement = factories.InvolvementFactory(
        incident=strike,
        actor=vks,
        role=Role.PERPETRATOR,
        attributed_by=amnesty,
        quote=strike_quote,
        note="Amnesty attributes the strike to Russian aircraft.",
    )
    casualties = factories.CasualtyReportFactory(
        incident=strike,
        category=CasualtyCategory.KILLED,
        population=Population.CIVILIANS,
        min=40,
        max=49,
        reported_by=amnesty,
        quote=killed_quote,
        as_of=datetime.date(2015, 11, 29),
        counted=True,
    )
    dated = factories.IncidentFactFactory(
        incident=strike,
        fact=Fact.DATE,
        quote=None,
        note="Amnesty's report dates the strike; the quoted sentence does not.",
    )
    placed = factories.IncidentFactFactory(incident=strike, fact=Fact.PLACE, quote=strike_quote)
    denial = factories.StatementFactory(
        speaker=konashenkov,
        kind=StatementKind.DENIAL,
        said_on=datetime.date(2015, 12, 23),
        quote=denial_quote,
        denies=involvement,
        incidents=[strike, campaign],
    )
    return SimpleNamespace(**locals())


@pytest.fixture
def editor_client(db) -> APIClient:
    """An API client with an editor's token."""
    sync_groups()
    editor = get_user_model().objects.create_user(username="editor")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=editor)[1]}")
    return client
