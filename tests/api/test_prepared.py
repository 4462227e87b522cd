"""The hot public reads run as statements prepared on their connection (config/prepared.py),
with generic plans: one actor's page (with and without filters), a stored detail, a page of
the change feed. Their answers are the general path's (the fast paths' own tests compare
bytes); here: that they are prepared, once a connection, that they stay visible to Django's
query capture, and that the setting turns them off."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.changes import build_all
from incidents.models import Change
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ledger():
    claim = factories.InvolvementFactory(actor__slug="syrian-army")
    build_all()
    # A connection of its own: statements prepared by earlier tests outlive them on a
    # connection no rollback ended.
    connection.close()
    return claim


def hot_reads(client, claim) -> list[str]:
    paths = [
        "/api/incidents?actor=syrian-army",
        f"/api/incidents?actor=syrian-army&country={claim.incident.country}",
        f"/api/incidents/{claim.incident_id}",
        "/api/changes?limit=1000",
    ]
    bodies = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        bodies.append(response.content)
    return bodies


def prepared() -> dict[str, tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        return {sql: (generic, custom) for sql, generic, custom in cursor.fetchall()}


def test_the_hot_reads_are_prepared_once_with_generic_plans(api_client, ledger):
    first = hot_reads(api_client, ledger)
    with CaptureQueriesContext(connection) as queries:
        assert hot_reads(api_client, ledger) == first
    statements = prepared()
    # The actor page (two variants: with a filter and without), the detail, the feed page.
    assert len(statements) == 4, list(statements)
    assert any("incidents_treelink" in sql for sql in statements)
    assert any("incidents_renderedincident" in sql and "detail" in sql for sql in statements)
    assert any("incidents_change" in sql for sql in statements)
    # Each run twice, on one plan made once, never planned for its values.
    assert all(plans == (2, 0) for plans in statements.values()), statements
    # Still Django's cursor: captured (and logged, and wrapped) like any statement.
    assert sum("incidents_treelink" in q["sql"] for q in queries) == 2


def test_a_feed_page_from_an_instant_is_planned_for_its_value(api_client, ledger):
    # A generic plan reads the feed by id from its start past every entry before the instant.
    at = Change.objects.order_by("-at").values_list("at", flat=True).first()
    since = (at - timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    response = api_client.get("/api/changes", {"since": since, "limit": 1000})
    assert response.status_code == 200 and response.json()["results"]
    assert not [sql for sql in prepared() if "incidents_change" in sql]
    api_client.get("/api/changes?limit=1000")
    assert [sql for sql in prepared() if "incidents_change" in sql]


def test_turned_off_nothing_is_prepared_and_the_answers_are_the_same(api_client, ledger, settings):
    first = hot_reads(api_client, ledger)
    connection.close()  # a new connection: the statements prepared above are gone
    settings.DATABASE_PREPARED_STATEMENTS = False
    assert hot_reads(api_client, ledger) == first
    assert prepared() == {}
