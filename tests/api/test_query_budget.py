"""Every list and detail runs a fixed number of queries, whatever the page or record size.

Each test runs with 3 and with 50 rows (or nested records) and expects the same count, so that
a serializer field that starts querying per row fails here.
"""

import pytest
from django.urls import reverse

from incidents import changes
from incidents.changes import build_all
from tests import factories
from tests.api.helpers import csv_rows, make_public

pytestmark = pytest.mark.django_db

ROWS = pytest.mark.parametrize("rows", [3, 50])


def get_list(api_client, basename: str, rows: int, **params):
    response = api_client.get(reverse(f"{basename}-list"), {"limit": 50, **params})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(rows, 50)
    return response


@ROWS
def test_incident_list_runs_3_queries_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    make_public("incident", rows - 1)  # and their parent

    # Expect 3 queries:
    # * count the published incidents
    # * retrieve the page of incidents, with whether each one's parent is published
    # * retrieve the page's involvements with their actors
    with django_assert_num_queries(3):
        get_list(api_client, "incident", rows)


@ROWS
def test_incident_list_filtered_by_actor_runs_1_query_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    russia = factories.ActorFactory(slug="russia")
    for _ in range(rows):
        factories.InvolvementFactory(actor=factories.ActorFactory(parent=russia))
    changes.build_all()  # one actor's pages read the actor trees the builds keep

    # Expect 1 query: resolve the term to its actor, walk its tree's links for the page, read
    # the tree's count, read the page's incidents (still public) with their actors.
    with django_assert_num_queries(1):
        get_list(api_client, "incident", rows, actor="russia")


@ROWS
def test_incident_csv_export_runs_2_queries_whatever_the_number_of_rows(
    api_client, django_assert_num_queries, rows
):
    make_public("incident", rows - 1)
    build_all()  # the feed's worker stores each public incident's CSV line

    # Expect 2 queries (per chunk of 2,000 incidents; incidents/api/exporting.py):
    # * the chunk's ids, from the listing index
    # * the chunk's stored CSV lines
    with django_assert_num_queries(2):
        response = api_client.get(reverse("incident-list"), {"format": "csv"})
        assert len(csv_rows(response)) == rows


@ROWS
def test_incident_csv_export_of_unrendered_incidents_runs_4_queries(
    api_client, django_assert_num_queries, rows
):
    make_public("incident", rows - 1)

    # Expect 4 queries (per chunk): the ids; the stored lines (none yet); the rows, with their
    # actors; their dataset records.
    with django_assert_num_queries(4):
        response = api_client.get(reverse("incident-list"), {"format": "csv"})
        assert len(csv_rows(response)) == rows


@ROWS
def test_an_unrendered_incident_detail_runs_7_queries_whatever_the_record_size(
    api_client, django_assert_num_queries, rows
):
    incident = factories.IncidentFactory(parent=factories.IncidentFactory(), cited=False)
    factories.IncidentFactory.create_batch(rows, parent=incident)
    factories.InvolvementFactory.create_batch(rows, incident=incident)
    factories.CasualtyReportFactory.create_batch(rows, incident=incident)
    factories.StatementFactory.create_batch(rows, incidents=[incident])
    factories.IncidentFactFactory.create_batch(rows, incident=incident)
    url = reverse("incident-detail", kwargs={"id_or_slug": incident.slug})

    # The feed's worker has not rendered it yet (incidents/rendered.py). Expect 7 queries:
    # * look for its stored rendering (none)
    # * retrieve the incident with its parent
    # * retrieve its published children
    # * retrieve its involvements with their actors, quotes and sources
    # * retrieve its casualty reports with their reporters, quotes and sources
    # * retrieve its statements with their speakers, quotes and sources
    # * retrieve its facts' citations with their quotes and sources
    with django_assert_num_queries(7):
        body = api_client.get(url).json()
    assert len(body["involvements"]) == len(body["statements"]) == len(body["facts"]) == rows
    assert len(body["sources"]) == 4 * rows

    # Rendered: one query, the stored rendering, whatever the size.
    build_all()
    with django_assert_num_queries(1):
        assert api_client.get(url).json() == body


@ROWS
def test_actor_list_runs_2_queries_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    make_public("actor", rows - 1)

    # Expect 2 queries:
    # * count the actors public records name, and their ancestors
    # * retrieve the page of those actors with their parents
    with django_assert_num_queries(2):
        get_list(api_client, "actor", rows)


@ROWS
def test_actor_detail_runs_2_queries_whatever_the_record_size(
    api_client, django_assert_num_queries, rows
):
    parent = factories.ActorFactory()
    factories.InvolvementFactory.create_batch(rows, actor__parent=parent)
    url = reverse("actor-detail", kwargs={"id_or_slug": parent.slug})

    # Expect 2 queries:
    # * retrieve the actor with its parent
    # * retrieve its public children
    with django_assert_num_queries(2):
        assert len(api_client.get(url).json()["children"]) == rows


@ROWS
def test_source_list_runs_2_queries_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    make_public("source", rows)

    # Expect 2 queries:
    # * count the public sources
    # * retrieve the page of sources, without their bodies
    with django_assert_num_queries(2):
        get_list(api_client, "source", rows)


@ROWS
def test_source_detail_runs_4_queries_whatever_the_record_size(
    api_client, django_assert_num_queries, rows
):
    source = factories.SourceFactory(body=" ".join(f"Sentence {n}." for n in range(rows)))
    for n in range(rows):
        quote = factories.QuoteFactory(source=source, text=f"Sentence {n}.")
        factories.InvolvementFactory(quote=quote)
        source.cites.add(factories.SourceFactory())
        source.cited_by.add(factories.InvolvementFactory().quote.source)

    # Expect 4 queries:
    # * retrieve the source
    # * retrieve the public sources it cites
    # * retrieve the public sources that cite it
    # * retrieve its public quotes
    with django_assert_num_queries(4):
        body = api_client.get(reverse("source-detail", kwargs={"pk": source.id})).json()
    assert len(body["quotes"]) == len(body["cites"]) == len(body["cited_by"]) == rows


@ROWS
def test_quote_list_runs_2_queries_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    make_public("quote", rows)

    # Expect 2 queries:
    # * count the public quotes
    # * retrieve the page of quotes with their sources and the words around each (not the bodies)
    with django_assert_num_queries(2):
        get_list(api_client, "quote", rows)


@ROWS
def test_quote_detail_runs_1_query_whatever_how_many_there_are(
    api_client, django_assert_num_queries, rows
):
    quote_id = make_public("quote", rows)[0]

    # Expect 1 query:
    # * retrieve the quote with its source and the words around it
    with django_assert_num_queries(1):
        assert api_client.get(reverse("quote-detail", kwargs={"pk": quote_id})).status_code == 200


@ROWS
def test_statement_list_runs_3_queries_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    make_public("statement", rows)

    # Expect 3 queries:
    # * count the public statements
    # * retrieve the page of statements with their speakers, quotes and sources
    # * retrieve the published incidents they are about
    with django_assert_num_queries(3):
        get_list(api_client, "statement", rows)


@ROWS
def test_statement_detail_runs_2_queries_whatever_the_record_size(
    api_client, django_assert_num_queries, rows
):
    statement = factories.StatementFactory(incidents=factories.IncidentFactory.create_batch(rows))

    # Expect 2 queries:
    # * retrieve the statement with its speaker, quote and source
    # * retrieve the published incidents it is about
    with django_assert_num_queries(2):
        body = api_client.get(reverse("statement-detail", kwargs={"pk": statement.id})).json()
    assert len(body["incidents"]) == rows


@ROWS
def test_casualty_report_list_runs_2_queries_whatever_the_page_size(
    api_client, django_assert_num_queries, rows
):
    make_public("casualty-report", rows)

    # Expect 2 queries:
    # * count the public casualty reports
    # * retrieve the page with their incidents, reporters, quotes and sources
    with django_assert_num_queries(2):
        get_list(api_client, "casualty-report", rows)


@ROWS
def test_casualty_report_detail_runs_1_query_whatever_how_many_there_are(
    api_client, django_assert_num_queries, rows
):
    report_id = make_public("casualty-report", rows)[0]

    # Expect 1 query:
    # * retrieve the report with its incident, reporter, quote and source
    with django_assert_num_queries(1):
        url = reverse("casualty-report-detail", kwargs={"pk": report_id})
        assert api_client.get(url).status_code == 200
