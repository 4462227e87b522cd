"""Stored renderings of public incidents (``incidents.models.rendered``), and the trigger that
withdraws an incident's rendering in the transaction of any write that touches it.

The marking triggers (0004) leave a change mark for each record a write touches; this
statement-level trigger on the marks deletes the renderings of the incidents marked, of their
children (whose detail shows the parent) and of the incidents of the statements marked (whose
detail shows the statement), so a read that finds no row renders afresh. The feed's worker
renders them again (``incidents.rendered.refresh``).
"""

import django.db.models.functions.datetime
from django.db import migrations, models

FORWARD = """
CREATE FUNCTION incidents_changemark_unrender() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM incidents_renderedincident r WHERE r.incident_id IN (
        SELECT m.object_id FROM marks m WHERE m.resource = 'incidents'
        UNION
        SELECT i.id FROM marks m JOIN incidents_incident i ON i.parent_id = m.object_id
        WHERE m.resource = 'incidents'
        UNION
        SELECT l.incident_id FROM marks m
        JOIN incidents_statement_incidents l ON l.statement_id = m.object_id
        WHERE m.resource = 'statements'
    );
    RETURN NULL;
END $$;

CREATE TRIGGER incidents_changemark_unrender
    AFTER INSERT ON incidents_changemark REFERENCING NEW TABLE AS marks
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_changemark_unrender();
"""
BACKWARD = """
DROP TRIGGER incidents_changemark_unrender ON incidents_changemark;
DROP FUNCTION incidents_changemark_unrender();
"""


class Migration(migrations.Migration):
    dependencies = [("incidents", "0029_feed_notify")]

    operations = [
        migrations.CreateModel(
            name="RenderedIncident",
            fields=[
                ("incident_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("start_date", models.DateField()),
                ("detail", models.TextField()),
                ("etag", models.CharField(max_length=34)),
                ("item", models.TextField(help_text="The incident's row of the list, as JSON.")),
                (
                    "rendered_at",
                    models.DateTimeField(db_default=django.db.models.functions.datetime.Now()),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        models.OrderBy(models.F("start_date"), descending=True),
                        models.OrderBy(models.F("incident_id"), descending=True),
                        name="incidents_rendered_by_date",
                    )
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
