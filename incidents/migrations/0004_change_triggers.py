"""Triggers that mark every row a write touches, for the public change feed.

Each insert, update or delete on a table the API shows writes one ``incidents_changemark`` row
per record whose public representation it may change (the row itself, and the records it
points at, before and after the write), in the writer's own transaction, so that a mark
becomes visible exactly when the write commits. Triggers catch every write path: the ORM,
``QuerySet.update``, bulk operations, raw SQL and other database clients. Plain PL/pgSQL on
core PostgreSQL.
"""

from django.db import migrations

TABLES = {
    "incidents_incident": [("incidents", "id"), ("incidents", "parent_id")],
    "incidents_involvement": [
        ("incidents", "incident_id"),
        ("actors", "actor_id"),
        ("quotes", "quote_id"),
    ],
    "incidents_casualtyreport": [
        ("casualty-reports", "id"),
        ("incidents", "incident_id"),
        ("actors", "reported_by_id"),
        ("quotes", "quote_id"),
    ],
    "incidents_statement": [("statements", "id"), ("actors", "speaker_id"), ("quotes", "quote_id")],
    "incidents_statement_incidents": [("statements", "statement_id"), ("incidents", "incident_id")],
    "incidents_actor": [("actors", "id"), ("actors", "parent_id")],
    "sources_quote": [("quotes", "id"), ("sources", "source_id")],
    "sources_source": [("sources", "id")],
    "sources_source_cites": [("sources", "from_source_id"), ("sources", "to_source_id")],
}


def _function(table: str, marks: list[tuple[str, str]]) -> str:
    values = ",\n".join(
        f"        ('{resource}', (r->>'{column}')::bigint)" for resource, column in marks
    )
    return f"""
CREATE FUNCTION {table}_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
BEGIN
    FOREACH r IN ARRAY ARRAY[to_jsonb(OLD), to_jsonb(NEW)] LOOP
        CONTINUE WHEN r IS NULL;
        INSERT INTO incidents_changemark (resource, object_id, at)
        SELECT m.resource, m.object_id, now()
        FROM (VALUES
{values}
        ) AS m(resource, object_id)
        WHERE m.object_id IS NOT NULL;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER {table}_mark_change
    AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_mark_change();
"""


FORWARD = "\n".join(_function(table, marks) for table, marks in TABLES.items())
BACKWARD = "\n".join(
    f"DROP TRIGGER {table}_mark_change ON {table}; DROP FUNCTION {table}_mark_change();"
    for table in TABLES
)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_change_feed"),
        ("sources", "0003_search"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
