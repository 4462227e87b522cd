import datetime
import hashlib

import pytest
from django.urls import reverse

from sources.choices import SourceKind
from sources.models import Source
from tests import factories
from tests.api.conftest import REPORT_BODY
from tests.api.helpers import ids, iso

pytestmark = pytest.mark.django_db

LIST = reverse("source-list")


def detail(pk) -> str:
    return reverse("source-detail", kwargs={"pk": pk})


def quoted(**fields) -> Source:
    """A source that a published incident's claim quotes, so that it is public."""
    source = factories.SourceFactory(**fields)
    factories.InvolvementFactory(quote=factories.QuoteFactory(source=source))
    return source


def brief(source: Source) -> dict:
    return {
        "id": source.id,
        "kind": source.kind,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
    }


def test_source_detail_gives_body_hash_citations_and_public_quotes(api_client, ariha):
    cited = factories.SourceFactory(
        kind=SourceKind.NGO_REPORT,
        title="Syria: civilian deaths in Idlib",
        publisher="Syrian Network for Human Rights",
        url="https://sn4hr.org/reports/idlib-2015",
        published_on=datetime.date(2015, 12, 1),
        body="",
    )
    ariha.report.cites.add(cited)
    article = quoted(
        title="Russia reportedly kills hundreds of civilians in Syria",
        url="https://news.example.org/russia-syria",
        published_on=datetime.date(2015, 12, 24),
    )
    article.cites.add(ariha.report)
    draft_only = factories.SourceFactory()
    factories.InvolvementFactory(
        incident=factories.IncidentFactory(draft=True),
        quote=factories.QuoteFactory(source=draft_only),
    )
    draft_only.cites.add(ariha.report)
    factories.InvolvementFactory(
        incident=factories.IncidentFactory(draft=True),
        quote=factories.QuoteFactory(
            source=ariha.report, text="Russia has not acknowledged the strike."
        ),
    )

    response = api_client.get(detail(ariha.report.id))

    assert response.status_code == 200
    assert response.json() == {
        "id": ariha.report.id,
        "kind": "ngo_report",
        "title": "Civilian objects were not damaged",
        "publisher": "Amnesty International",
        "authors": ["Amnesty International"],
        "url": "https://www.amnesty.org/en/documents/mde24/3113/2015/en/",
        "published_on": "2015-12-23",
        "language": "en",
        "sha256": "8dd3f109d70604d346afbba6f1bb5d527752373fbccc3f57bc129926d5adac9e",
        "captured_at": "2016-01-05T12:30:00Z",
        "archive_url": "https://web.archive.org/web/20160105/https://www.amnesty.org/en/",
        "created_at": iso(ariha.report.created_at),
        "updated_at": iso(ariha.report.updated_at),
        "body": REPORT_BODY,
        "cites": [
            {
                "id": cited.id,
                "kind": "ngo_report",
                "title": "Syria: civilian deaths in Idlib",
                "publisher": "Syrian Network for Human Rights",
                "url": "https://sn4hr.org/reports/idlib-2015",
                "published_on": "2015-12-01",
            }
        ],
        "cited_by": [
            {
                "id": article.id,
                "kind": "news_article",
                "title": "Russia reportedly kills hundreds of civilians in Syria",
                "publisher": "Example News",
                "url": "https://news.example.org/russia-syria",
                "published_on": "2015-12-24",
            }
        ],
        "quotes": [
            {
                "id": ariha.strike_quote.id,
                "text": "The Russian Aerospace Forces struck a busy market in Ariha.",
                "start": 65,
                "end": 124,
                "context_before": REPORT_BODY[:65],
                "context_after": REPORT_BODY[124:],
            },
            {
                "id": ariha.killed_quote.id,
                "text": "At least 40 civilians were killed, and up to 49.",
                "start": 125,
                "end": 173,
                "context_before": REPORT_BODY[:125],
                "context_after": REPORT_BODY[173:],
            },
        ],
    }
    assert hashlib.sha256(REPORT_BODY.encode()).hexdigest() == response.json()["sha256"]


def test_source_list_rows_leave_out_the_body_and_the_citations(api_client, ariha):
    response = api_client.get(LIST, {"kind": "press_briefing"})

    assert response.json()["results"] == [
        {
            "id": ariha.briefing.id,
            "kind": "press_briefing",
            "title": "Briefing by Igor Konashenkov",
            "publisher": "Ministry of Defence of the Russian Federation",
            "authors": [],
            "url": "https://eng.mil.ru/en/news_page/country/more.htm?id=12068",
            "published_on": "2015-12-23",
            "language": "en",
            "sha256": hashlib.sha256(ariha.briefing.body.encode()).hexdigest(),
            "captured_at": None,
            "archive_url": "",
            "created_at": iso(ariha.briefing.created_at),
            "updated_at": iso(ariha.briefing.updated_at),
        }
    ]


def test_source_list_gives_quoted_sources_and_those_they_cite_newest_first(api_client):
    older = quoted(published_on=datetime.date(2015, 1, 1))
    newer = quoted(published_on=datetime.date(2016, 1, 1))
    cited = factories.SourceFactory(published_on=datetime.date(2015, 6, 1))
    older.cites.add(cited)
    factories.SourceFactory(published_on=datetime.date(2015, 7, 1))  # neither quoted nor cited

    assert ids(api_client.get(LIST)) == [newer.id, cited.id, older.id]


def test_source_detail_of_an_unknown_id_is_404(api_client):
    quoted()

    response = api_client.get(detail(999_999))

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_source_detail_of_a_source_nothing_public_rests_on_is_404(api_client):
    unquoted = factories.SourceFactory()

    assert api_client.get(detail(unquoted.id)).status_code == 404


def test_kind_filter_gives_sources_of_that_kind(api_client):
    report = quoted(kind=SourceKind.NGO_REPORT)
    quoted(kind=SourceKind.NEWS_ARTICLE)

    assert ids(api_client.get(LIST, {"kind": "ngo_report"})) == [report.id]
    assert ids(api_client.get(LIST, {"kind": "dataset"})) == []


def test_publisher_filter_matches_the_whole_publisher_in_any_case(api_client):
    dw = quoted(publisher="Deutsche Welle")
    quoted(publisher="Reuters")

    assert ids(api_client.get(LIST, {"publisher": "deutsche WELLE"})) == [dw.id]
    assert ids(api_client.get(LIST, {"publisher": "Deutsche"})) == []


def test_published_from_and_to_bound_the_publication_date_inclusively(api_client):
    november = quoted(published_on=datetime.date(2015, 11, 30))
    december = quoted(published_on=datetime.date(2015, 12, 23))
    january = quoted(published_on=datetime.date(2016, 1, 1))
    quoted(published_on=None)

    response = api_client.get(LIST, {"published_from": "2015-12-23"})
    assert ids(response) == [january.id, december.id]
    response = api_client.get(LIST, {"published_to": "2015-12-23"})
    assert ids(response) == [december.id, november.id]
    response = api_client.get(LIST, {"published_from": "2015-12-01", "published_to": "2015-12-31"})
    assert ids(response) == [december.id]
    response = api_client.get(LIST, {"published_from": "2017-01-01"})
    assert ids(response) == []


def test_q_searches_title_publisher_and_body_newest_or_best_match_first(api_client):
    in_body = quoted(
        title="Weekly roundup",
        body="Roundup. Cluster munitions were found near Ariha. More next week.",
        published_on=datetime.date(2016, 1, 1),
    )
    in_title = quoted(
        title="Cluster munitions used in Idlib",
        published_on=datetime.date(2015, 1, 1),
    )
    quoted(title="Unrelated", body="Nothing. Nothing to see here. Move along.")

    ranked = {"q": "cluster munition", "ordering": "-rank"}
    assert ids(api_client.get(LIST, ranked)) == [in_title.id, in_body.id]
    # Without ordering, newest first as the list.
    assert ids(api_client.get(LIST, {"q": "cluster munition"})) == [in_body.id, in_title.id]
    assert ids(api_client.get(LIST, {"q": "zeppelin"})) == []
