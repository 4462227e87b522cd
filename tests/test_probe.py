"""Visibility checks run as probes per row (config.expressions.Probe), never as one hashed
pass over every public claim: the plan that took seconds on a million incidents."""

import pytest
from django.db import connection

from incidents.models import Statement
from sources.models import Quote, Source
from tests import factories


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "queryset",
    [
        lambda: Quote.objects.public(),
        lambda: Source.objects.public(),
        lambda: Statement.objects.public(),
    ],
    ids=["quotes", "sources", "statements"],
)
def test_public_records_are_found_by_probes_not_by_hashing_every_claim(queryset):
    incident = factories.IncidentFactory()
    for _ in range(30):
        factories.InvolvementFactory(incident=incident)
        factories.StatementFactory(incidents=[incident])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # On a table this small a plain EXISTS is planned as a hashed subplan (checked: reverting
    # Probe to Exists makes this fail); the probe keeps its per-row plan at any size.
    shown = plan(queryset())
    assert "SubPlan" in shown
    assert "hashed SubPlan" not in shown
