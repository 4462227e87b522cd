"""The history against the service's own database role (migration 0017, README "Deploying").

A LOGIN role made for each test gets its rights from ``grant_runtime_role`` and connects to the
test database; the tests commit (``transaction=True``) so that its sessions see the data.
"""

import secrets
from contextlib import contextmanager
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from psycopg import errors, sql

from incidents.models import Actor, HistoryEvent
from tests import factories
from tests.curation.conftest import patch

pytestmark = pytest.mark.django_db(transaction=True)

INSERT_ACTOR = (
    "INSERT INTO incidents_actor (name, slug, kind, aliases, country, wikidata_id, description,"
    " created_at, updated_at) VALUES (%s, %s, 'armed_force', '{}', '', '', '', now(), now())"
    " RETURNING id"
)


@pytest.fixture
def runtime_role(transactional_db):
    role = f"ledger_test_runtime_{secrets.token_hex(4)}"
    name = sql.Identifier(role).as_string(connection.cursor().connection)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} LOGIN")
    try:
        call_command("grant_runtime_role", role, stdout=StringIO(), stderr=StringIO())
        yield role
    finally:
        connection.close()  # drop a session the test may have left as the role
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {name}")
            cursor.execute(f"DROP ROLE {name}")


@pytest.fixture
def runtime(runtime_role):
    """A psycopg session to the test database as the runtime role, in autocommit."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        dbname=settings["NAME"],
        user=runtime_role,
        autocommit=True,
    ) as session:
        yield session


def _refused(session, statement: str, params=(), *, error=errors.InsufficientPrivilege) -> str:
    """Run ``statement`` in a transaction that must fail with ``error``; return its message."""
    with pytest.raises(error) as raised, session.transaction():
        session.execute(statement, params)
    return str(raised.value)


def _history_rows():
    return list(HistoryEvent.objects.order_by("id").values_list("id", "before", "after"))


def test_the_runtime_role_cannot_truncate_alter_or_silence_the_history(runtime):
    factories.ActorFactory()
    before = _history_rows()
    assert "permission denied" in _refused(runtime, "TRUNCATE incidents_historyevent")
    for statement in (
        "ALTER TABLE incidents_historyevent DISABLE TRIGGER ALL",
        "ALTER TABLE incidents_historyevent DISABLE TRIGGER incidents_historyevent_append_only",
        "ALTER TABLE incidents_actor DISABLE TRIGGER incidents_actor_history",
        "DROP TRIGGER incidents_historyevent_no_truncate ON incidents_historyevent",
        "ALTER TABLE incidents_historyevent OWNER TO CURRENT_USER",
    ):
        assert "must be owner" in _refused(runtime, statement)
    _refused(runtime, "SET session_replication_role = replica")
    _refused(runtime, "TRUNCATE incidents_actor CASCADE")
    _refused(runtime, "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'")
    assert _history_rows() == before


def test_no_setting_lets_the_runtime_role_change_or_remove_history(runtime):
    factories.ActorFactory()
    before = _history_rows()
    settings = "SELECT set_config('ledger.purge', 'on', true), "
    settings += "set_config('ledger.history_redaction', 'on', true)"
    blank = "UPDATE incidents_historyevent SET before = NULL, after = NULL, redacted = true"
    for statement in (blank, "DELETE FROM incidents_historyevent"):
        with pytest.raises(errors.InsufficientPrivilege), runtime.transaction():
            runtime.execute(settings)
            runtime.execute(statement)
    # Were UPDATE and DELETE granted by mistake, the trigger still refuses them.
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("GRANT UPDATE, DELETE ON incidents_historyevent TO {}")
            .format(sql.Identifier(runtime.info.user))
            .as_string(cursor.connection)
        )
    for statement in (blank, "DELETE FROM incidents_historyevent"):
        with pytest.raises(errors.InsufficientPrivilege, match="append-only"):
            with runtime.transaction():
                runtime.execute(settings)
                runtime.execute(statement)
    assert _history_rows() == before


def test_a_temporary_table_cannot_take_the_history_of_the_runtime_roles_writes(runtime):
    runtime.execute("CREATE TEMP TABLE incidents_historyevent (LIKE public.incidents_historyevent)")
    runtime.execute(INSERT_ACTOR, ["Shadow", "shadow"])
    assert HistoryEvent.objects.filter(resource="actors", after__slug="shadow").exists()
    assert runtime.execute("SELECT count(*) FROM pg_temp.incidents_historyevent").fetchone()[0] == 0


def test_the_runtime_roles_writes_work_and_are_recorded(runtime):
    with runtime.transaction():
        runtime.execute(
            "SELECT set_config('ledger.username', 'maya', true),"
            " set_config('ledger.reason', 'new report', true)"
        )
        [actor_id] = runtime.execute(INSERT_ACTOR, ["Unit 1", "unit-1"]).fetchone()
    runtime.execute("UPDATE incidents_actor SET name = 'Unit One' WHERE id = %s", [actor_id])
    events = HistoryEvent.objects.filter(resource="actors", object_id=actor_id).order_by("id")
    assert [(e.operation, e.username, e.reason) for e in events] == [
        ("insert", "maya", "new report"),
        ("update", "", ""),
    ]
    assert events[1].changes["name"] == ["Unit 1", "Unit One"]


def test_the_purge_function_redacts_and_records_who_and_why(runtime):
    actor = factories.ActorFactory(name="Wrongly named")
    Actor.objects.filter(pk=actor.pk).update(description="defamatory")
    Actor.objects.filter(pk=actor.pk).delete()
    other = factories.ActorFactory()
    with runtime.transaction():
        runtime.execute("SELECT set_config('ledger.via', 'command:purge', true)")
        [redacted] = runtime.execute(
            "SELECT incidents_history_purge('actors', %s, 'court order 7/2026')", [actor.pk]
        ).fetchone()
        # The marker the refusal trigger reads lived only while the function ran.
        assert runtime.execute(
            "SELECT coalesce(current_setting('ledger.history_redaction', true), '')"
        ).fetchone() == ("",)
    assert redacted == 3
    events = list(HistoryEvent.objects.filter(resource="actors", object_id=actor.pk).order_by("id"))
    assert [e.operation for e in events] == ["insert", "update", "delete", "purge"]
    assert all(e.redacted and e.before is None and e.after is None for e in events)
    purge = events[-1]
    assert (purge.username, purge.reason, purge.via) == (
        runtime.info.user,
        "court order 7/2026",
        "command:purge",
    )
    assert not HistoryEvent.objects.filter(after__name="Wrongly named").exists()
    assert not HistoryEvent.objects.get(resource="actors", object_id=other.pk).redacted
    assert "reason" in _refused(
        runtime,
        "SELECT incidents_history_purge('actors', %s, ' ')",
        [other.pk],
        error=errors.InvalidParameterValue,
    )


def test_the_owner_cannot_truncate_or_use_the_old_purge_setting_either():
    factories.ActorFactory()
    before = _history_rows()
    with pytest.raises(Exception, match="TRUNCATE refused"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE incidents_historyevent")
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('ledger.purge', 'on', true)")
            cursor.execute("UPDATE incidents_historyevent SET before = NULL, after = NULL")
    assert _history_rows() == before


@contextmanager
def _django_connected_as(role: str):
    """Django's own connection, as ``role``, for the length of the block."""
    saved = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update(USER=role, PASSWORD="")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def test_the_api_and_the_purge_command_work_as_the_runtime_role(runtime_role, editor):
    draft = factories.IncidentFactory(status="draft", cited=False)
    with _django_connected_as(runtime_role):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (runtime_role,)
        created = editor.post(
            "/api/actors",
            {"name": "Unit 1", "slug": "unit-1", "kind": "armed_force"},
            format="json",
            HTTP_X_CHANGE_REASON="named in a report",
        )
        assert created.status_code == 201, created.content
        actor_url = f"/api/actors/{created.json()['id']}"
        assert patch(editor, actor_url, {"name": "Unit One"}).status_code == 200
        assert editor.post(f"/api/incidents/{draft.pk}/submit").status_code == 200
        history = editor.get(f"{actor_url}/history").json()
        assert [(e["operation"], e["username"]) for e in history] == [
            ("insert", "editor"),
            ("update", "editor"),
        ]
        assert editor.get("/api/changes").status_code == 200
        out = StringIO()
        call_command("purge", "incidents", str(draft.pk), "--reason", "order", stdout=out)
        assert "redacted 3 history events" in out.getvalue()  # insert, submit, delete
        with pytest.raises(CommandError, match="owns the tables"):
            call_command("grant_runtime_role", runtime_role, stdout=StringIO())
    purge = HistoryEvent.objects.get(operation="purge")
    assert (purge.object_id, purge.username, purge.via, purge.reason) == (
        draft.pk,
        runtime_role,
        "command:purge",
        "purge: order",
    )


def test_grant_runtime_role_is_idempotent_and_covers_tables_made_later(runtime_role, runtime):
    call_command("grant_runtime_role", runtime_role, stdout=StringIO(), stderr=StringIO())
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE ledger_test_later (id bigint GENERATED BY DEFAULT AS IDENTITY, v text)"
        )
    try:
        runtime.execute("INSERT INTO ledger_test_later (v) VALUES ('x')")
        runtime.execute("UPDATE ledger_test_later SET v = 'y'")
        assert runtime.execute("SELECT v FROM ledger_test_later").fetchall() == [("y",)]
        _refused(runtime, "TRUNCATE ledger_test_later")
        _refused(runtime, "ALTER TABLE ledger_test_later ADD COLUMN w text")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE ledger_test_later")


def test_grant_runtime_role_refuses_the_owner_and_unknown_roles():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        [owner] = cursor.fetchone()
    for role, message in ((owner, "ordinary role"), ("ledger_test_nobody", "no role")):
        with pytest.raises(CommandError, match=message):
            call_command("grant_runtime_role", role, stdout=StringIO())
