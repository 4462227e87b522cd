"""History that the service's database role cannot rewrite, truncate or dodge.

Migration 0007 made ``incidents_historyevent`` append-only with a trigger that any session
could open by setting ``ledger.purge``. This migration closes that door and the others:

- **TRUNCATE** (which skips row triggers) is refused by a ``BEFORE TRUNCATE ... FOR EACH
  STATEMENT`` trigger, whoever runs it. The owner can still ``DISABLE TRIGGER`` (``manage.py
  flush`` does, for tests): owners and superusers can always drop triggers or set
  ``session_replication_role``. The protection is against the runtime role, which owns
  nothing (README, "Deploying"; ``manage.py grant_runtime_role``).
- **Redaction** (blanking a row's ``before`` and ``after``) happens only inside
  ``incidents_history_purge(resource, object_id, reason)``, which also adds a ``purge`` row
  saying what was purged, why, and by whom (the labelled user, else the database login), in
  the same call. The refusal trigger lets an UPDATE through only when both hold:

  1. ``ledger.history_redaction`` is ``on``. The function sets it with a ``SET`` clause, so it
     is on only while the function runs and restored on exit, even on error;
  2. ``current_user`` is the role that owns the history table. Any session can set the
     setting itself, but ``current_user`` is the owner only in the owner's own sessions and
     inside a ``SECURITY DEFINER`` function the owner wrote: this one (the migrating role
     creates it, so owns it). The runtime role is not the owner and is no member of it
     (``grant_runtime_role`` checks), so no setting of its own (``ledger.purge``,
     ``ledger.history_redaction``, ``role``, ``search_path``...) turns it into the owner.

  The function's ``search_path`` is pinned to the schema it was migrated into, then
  ``pg_temp``, so a caller's temporary table cannot stand in for the history; ``EXECUTE`` is
  revoked from PUBLIC and granted to the runtime role by ``grant_runtime_role``. Do not add
  another ``SECURITY DEFINER`` function owned by the owner that runs SQL a caller chooses: it
  would be a second door. DELETE stays refused to everyone.
- **Dodging**: the history triggers of 0007 run as the writer (invoker) and named the table
  unqualified, so a session's temporary table called ``incidents_historyevent`` (temporary
  tables are searched first) took the rows instead. ``incidents_record_history`` now has its
  ``search_path`` pinned the same way.
"""

from django.db import migrations, models

APPEND_ONLY_0007 = r"""
CREATE OR REPLACE FUNCTION incidents_historyevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
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
"""

FORWARD = r"""
CREATE OR REPLACE FUNCTION incidents_historyevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('ledger.history_redaction', true) = 'on'
       AND (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID)
           = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
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
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Only incidents_history_purge() may redact (manage.py purge).';
END $$;

CREATE FUNCTION incidents_historyevent_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only: TRUNCATE refused'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER incidents_historyevent_no_truncate
    BEFORE TRUNCATE ON incidents_historyevent
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_historyevent_no_truncate();

CREATE FUNCTION incidents_history_purge(p_resource text, p_object_id bigint, p_reason text)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET ledger.history_redaction = 'on'
AS $$
DECLARE
    redacted_count integer;
BEGIN
    IF p_resource IS NULL OR p_object_id IS NULL OR coalesce(btrim(p_reason), '') = '' THEN
        RAISE EXCEPTION 'a purge names a resource, an id and a reason'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE incidents_historyevent SET before = NULL, after = NULL, redacted = true
    WHERE resource = p_resource AND object_id = p_object_id AND NOT redacted;
    GET DIAGNOSTICS redacted_count = ROW_COUNT;
    INSERT INTO incidents_historyevent
        (at, "table", resource, object_id, operation, before, after,
         user_id, username, reason, request_id, via, redacted)
    VALUES (
        now(), 'incidents_historyevent', p_resource, p_object_id, 'purge', NULL, NULL,
        nullif(current_setting('ledger.user_id', true), '')::bigint,
        left(coalesce(nullif(current_setting('ledger.username', true), ''), session_user), 150),
        p_reason,
        coalesce(current_setting('ledger.request_id', true), ''),
        left(coalesce(nullif(current_setting('ledger.via', true), ''), 'purge'), 64),
        true
    );
    RETURN redacted_count;
END $$;

REVOKE EXECUTE ON FUNCTION incidents_history_purge(text, bigint, text) FROM PUBLIC;

DO $$
BEGIN
    EXECUTE format(
        'ALTER FUNCTION incidents_history_purge(text, bigint, text) SET search_path = %I, pg_temp',
        current_schema());
    EXECUTE format(
        'ALTER FUNCTION incidents_record_history() SET search_path = %I, pg_temp',
        current_schema());
END $$;
"""

BACKWARD = (
    r"""
ALTER FUNCTION incidents_record_history() RESET search_path;
DROP FUNCTION incidents_history_purge(text, bigint, text);
DROP TRIGGER incidents_historyevent_no_truncate ON incidents_historyevent;
DROP FUNCTION incidents_historyevent_no_truncate();
"""
    + APPEND_ONLY_0007
)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0016_link_index_covers_last_date")]

    operations = [
        migrations.AlterField(
            model_name="historyevent",
            name="operation",
            field=models.CharField(
                choices=[
                    ("insert", "Created"),
                    ("update", "Changed"),
                    ("delete", "Removed"),
                    ("purge", "Purged"),
                ],
                help_text="What happened; a purge blanked the record's earlier events.",
                max_length=8,
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
