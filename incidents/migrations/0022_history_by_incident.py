"""Indexes that find the history rows of an incident's claims, for its one timeline.

A claim's row (an involvement, a casualty report, a statement's link to an incident, any
later claim table with an ``incident_id``) names its incident in ``before`` and ``after``;
a claim moved from one incident to another is in both timelines. Built concurrently, so
that a large history table stays writable while they build.
"""

from django.db import migrations

INDEXES = {
    "incidents_historyevent_after_incident": "after",
    "incidents_historyevent_before_incident": "before",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("incidents", "0021_attribution")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON incidents_historyevent "
            f"((({column} ->> 'incident_id')::bigint)) WHERE {column} ? 'incident_id'",
            f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
        )
        for name, column in INDEXES.items()
    ]
