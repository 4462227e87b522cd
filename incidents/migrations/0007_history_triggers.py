"""Append-only history of every curated table, written by triggers.

Each insert, update (that changes something) or delete on a curated table adds one
``incidents_historyevent`` row with the row before and after as JSON, and who, why, the
request id and the channel, read from settings the writer's transaction carries
(``config.history.history_context``). A second trigger makes the history append-only: it
refuses every UPDATE and DELETE, except the redaction of a purged record's content, which only
a transaction that declares ``ledger.purge`` may do. Plain PL/pgSQL on core PostgreSQL.
"""

from django.db import migrations

TRACKED = {
    "sources_source": ("sources", "id"),
    "sources_source_cites": ("sources", "from_source_id"),
    "sources_quote": ("quotes", "id"),
    "incidents_actor": ("actors", "id"),
    "incidents_incident": ("incidents", "id"),
    "incidents_involvement": ("involvements", "id"),
    "incidents_casualtyreport": ("casualty-reports", "id"),
    "incidents_statement": ("statements", "id"),
    "incidents_statement_incidents": ("statements", "statement_id"),
}

FUNCTIONS = r"""
CREATE FUNCTION incidents_record_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'search_vector' END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'search_vector' END;
BEGIN
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    INSERT INTO incidents_historyevent
        (at, "table", resource, object_id, operation, before, after,
         user_id, username, reason, request_id, via, redacted)
    VALUES (
        now(), TG_TABLE_NAME, TG_ARGV[0],
        (coalesce(new_row, old_row) ->> TG_ARGV[1])::bigint,
        lower(TG_OP), old_row, new_row,
        nullif(current_setting('ledger.user_id', true), '')::bigint,
        coalesce(current_setting('ledger.username', true), ''),
        coalesce(current_setting('ledger.reason', true), ''),
        coalesce(current_setting('ledger.request_id', true), ''),
        coalesce(current_setting('ledger.via', true), ''),
        false
    );
    RETURN NULL;
END $$;

CREATE FUNCTION incidents_historyevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('ledger.purge', true) = 'on'
       AND NEW.redacted AND NEW.before IS NULL AND NEW.after IS NULL
       AND (NEW.id, NEW.at, NEW."table", NEW.resource, NEW.object_id, NEW.operation,
            NEW.user_id, NEW.username, NEW.reason, NEW.request_id, NEW.via)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD."table", OLD.resource, OLD.object_id, OLD.operation,
            OLD.user_id, OLD.username, OLD.reason, OLD.request_id, OLD.via)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'history is append-only: % refused on event %', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER incidents_historyevent_append_only
    BEFORE UPDATE OR DELETE ON incidents_historyevent
    FOR EACH ROW EXECUTE FUNCTION incidents_historyevent_append_only();
"""

TRIGGERS = "\n".join(
    f"CREATE TRIGGER {table}_history AFTER INSERT OR UPDATE OR DELETE ON {table} "
    f"FOR EACH ROW EXECUTE FUNCTION incidents_record_history('{resource}', '{column}');"
    for table, (resource, column) in TRACKED.items()
)

BACKWARD = (
    "\n".join(f"DROP TRIGGER {table}_history ON {table};" for table in TRACKED)
    + """
DROP TRIGGER incidents_historyevent_append_only ON incidents_historyevent;
DROP FUNCTION incidents_historyevent_append_only();
DROP FUNCTION incidents_record_history();
"""
)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_workflow_soft_delete_history")]

    operations = [migrations.RunSQL(FUNCTIONS + TRIGGERS, BACKWARD)]
