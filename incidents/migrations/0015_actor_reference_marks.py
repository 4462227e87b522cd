"""Claims mark the actors they name as references, not as edits of the actor.

A write to an involvement, casualty report or statement may change whether its actor is
public, never what the actor's record says. Marked as an edit of the actor, each such write
made the feed announce again every record that shows the actor: during a bulk load, each new
involvement of a common actor re-announced thousands of incidents. The claim triggers of
migration 0004 now mark the actor under "actor-references" (incidents.changes).
"""

import importlib

from django.db import migrations

triggers = importlib.import_module("incidents.migrations.0004_change_triggers")

ACTOR_COLUMNS = {
    "incidents_involvement": "actor_id",
    "incidents_casualtyreport": "reported_by_id",
    "incidents_statement": "speaker_id",
}


def _replace(actor_resource: str) -> str:
    sql = []
    for table, column in ACTOR_COLUMNS.items():
        marks = [
            (actor_resource, c) if c == column else (resource, c)
            for resource, c in triggers.TABLES[table]
        ]
        sql.append(f"DROP TRIGGER {table}_mark_change ON {table};")
        sql.append(f"DROP FUNCTION {table}_mark_change();")
        sql.append(triggers._function(table, marks))
    return "\n".join(sql)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0014_list_order_indexes")]

    operations = [migrations.RunSQL(_replace("actor-references"), _replace("actors"))]
