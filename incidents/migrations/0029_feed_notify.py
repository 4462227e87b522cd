"""Wake the feed builder: a write that leaves change marks notifies ``incidents_feed``.

One statement-level trigger on the marks themselves, so that every writer the marking
triggers catch (the ORM, bulk operations, COPY, other clients) is covered at once. PostgreSQL
delivers a notification when the writing transaction commits, once per transaction however
many marks it made, and never for one rolled back: ``manage.py build_feed --follow`` wakes
exactly when there is committed work for it.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION incidents_changemark_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('incidents_feed', '');
    RETURN NULL;
END $$;

CREATE TRIGGER incidents_changemark_notify
    AFTER INSERT ON incidents_changemark
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_changemark_notify();
"""
BACKWARD = """
DROP TRIGGER incidents_changemark_notify ON incidents_changemark;
DROP FUNCTION incidents_changemark_notify();
"""


class Migration(migrations.Migration):
    dependencies = [("incidents", "0028_api_clients")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
