"""Keep incidents_incidentactor in step with live involvements and their incidents.

Row triggers on involvements refresh the (incident, actor) pairs a write touches, before and
after; a trigger on incidents copies a changed date, status or deletion onto their pairs.
Then fill the table from what is already stored. Plain PL/pgSQL.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION incidents_link_refresh(p_incident bigint, p_actor bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_incident IS NULL OR p_actor IS NULL THEN
        RETURN;
    END IF;
    IF EXISTS (
        SELECT 1 FROM incidents_involvement
        WHERE incident_id = p_incident AND actor_id = p_actor AND deleted_at IS NULL
    ) THEN
        INSERT INTO incidents_incidentactor
            (actor_id, incident_id, start_date, last_date, is_public)
        SELECT p_actor, i.id, i.start_date, coalesce(i.end_date, i.start_date),
               (i.status = 'published' AND i.deleted_at IS NULL)
        FROM incidents_incident i WHERE i.id = p_incident
        ON CONFLICT (actor_id, incident_id) DO UPDATE
            SET start_date = EXCLUDED.start_date, last_date = EXCLUDED.last_date,
                is_public = EXCLUDED.is_public;
    ELSE
        DELETE FROM incidents_incidentactor
        WHERE incident_id = p_incident AND actor_id = p_actor;
    END IF;
END $$;

CREATE FUNCTION incidents_involvement_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM incidents_link_refresh(OLD.incident_id, OLD.actor_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM incidents_link_refresh(NEW.incident_id, NEW.actor_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER incidents_involvement_link
    AFTER INSERT OR UPDATE OF incident_id, actor_id, deleted_at OR DELETE
    ON incidents_involvement
    FOR EACH ROW EXECUTE FUNCTION incidents_involvement_link();

CREATE FUNCTION incidents_incident_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incidentactor
        SET start_date = NEW.start_date,
            last_date = coalesce(NEW.end_date, NEW.start_date),
            is_public = (NEW.status = 'published' AND NEW.deleted_at IS NULL)
        WHERE incident_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER incidents_incident_link
    AFTER UPDATE OF start_date, end_date, status, deleted_at ON incidents_incident
    FOR EACH ROW
    WHEN (OLD.start_date IS DISTINCT FROM NEW.start_date
          OR OLD.end_date IS DISTINCT FROM NEW.end_date
          OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION incidents_incident_link();

INSERT INTO incidents_incidentactor (actor_id, incident_id, start_date, last_date, is_public)
SELECT DISTINCT v.actor_id, v.incident_id, i.start_date, coalesce(i.end_date, i.start_date),
       (i.status = 'published' AND i.deleted_at IS NULL)
FROM incidents_involvement v JOIN incidents_incident i ON i.id = v.incident_id
WHERE v.deleted_at IS NULL;

ANALYZE incidents_incidentactor;
"""

BACKWARD = """
DROP TRIGGER incidents_incident_link ON incidents_incident;
DROP FUNCTION incidents_incident_link();
DROP TRIGGER incidents_involvement_link ON incidents_involvement;
DROP FUNCTION incidents_involvement_link();
DROP FUNCTION incidents_link_refresh(bigint, bigint);
DELETE FROM incidents_incidentactor;
"""


class Migration(migrations.Migration):
    dependencies = [("incidents", "0009_incident_actor_link")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
