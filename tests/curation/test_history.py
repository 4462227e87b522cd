import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from incidents.models import HistoryEvent, Incident
from tests import factories
from tests.curation.conftest import delete, patch

pytestmark = pytest.mark.django_db


def _events(resource: str, object_id: int):
    return list(HistoryEvent.objects.filter(resource=resource, object_id=object_id))


def test_api_writes_are_recorded_with_who_why_and_the_request_id(editor):
    created = editor.post(
        "/api/actors",
        {"name": "Unit 1", "slug": "unit-1", "kind": "armed_force"},
        format="json",
        HTTP_X_REQUEST_ID="req-create-1",
        HTTP_X_CHANGE_REASON="named in a new report",
    )
    assert created["X-Request-ID"] == "req-create-1"
    actor_id = created.json()["id"]
    patch(editor, f"/api/actors/{actor_id}", {"name": "Unit One"}, HTTP_X_REQUEST_ID="req-2")
    [insert, update] = _events("actors", actor_id)
    assert (insert.operation, insert.username, insert.via, insert.reason, insert.request_id) == (
        "insert",
        "editor",
        "api",
        "named in a new report",
        "req-create-1",
    )
    assert insert.before is None and insert.after["name"] == "Unit 1"
    assert update.request_id == "req-2"
    assert update.changes["name"] == ["Unit 1", "Unit One"]


def test_the_history_endpoint_lists_a_records_changes(editor):
    incident = factories.IncidentFactory(status="draft", title="Before")
    patch(editor, f"/api/incidents/{incident.pk}", {"title": "After"}, HTTP_X_CHANGE_REASON="typo")
    events = editor.get(f"/api/incidents/{incident.pk}/history").json()
    assert [e["operation"] for e in events] == ["insert", "update"]
    assert events[1]["changes"]["title"] == ["Before", "After"]
    assert (events[1]["username"], events[1]["reason"]) == ("editor", "typo")


def test_a_soft_delete_is_recorded(editor):
    incident = factories.IncidentFactory(status="draft")
    delete(editor, f"/api/incidents/{incident.pk}", HTTP_X_CHANGE_REASON="duplicate")
    last = _events("incidents", incident.pk)[-1]
    assert last.after["deleted_at"] and last.reason == "duplicate"
    assert last.after["deleted_by_id"] is not None


def test_queryset_updates_and_raw_sql_are_recorded():
    incident = factories.IncidentFactory()
    Incident.objects.filter(pk=incident.pk).update(title="Bulk-edited")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_incident SET summary = 'raw' WHERE id = %s", [incident.pk])
    changed = [e.changes for e in _events("incidents", incident.pk)[1:]]
    assert "title" in changed[0] and "summary" in changed[1]


def test_a_management_command_is_recorded_as_such():
    call_command("load_seed", stdout=open("/dev/null", "w"))
    peskov = HistoryEvent.objects.filter(resource="actors", after__slug="dmitry-peskov").get()
    assert (peskov.via, peskov.reason) == (
        "command:load_seed",
        "curated seed (operator's command, acting as reviewer)",
    )


def test_a_write_that_changes_nothing_adds_no_event():
    incident = factories.IncidentFactory()
    before = HistoryEvent.objects.count()
    Incident.objects.filter(pk=incident.pk).update(title=incident.title)
    assert HistoryEvent.objects.count() == before


def test_the_history_is_append_only():
    incident = factories.IncidentFactory()
    event = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).get()
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        HistoryEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        HistoryEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.reason == ""


def test_history_is_written_in_the_writers_transaction():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ActorFactory(slug="twin")
        factories.ActorFactory(slug="twin")
    assert not HistoryEvent.objects.filter(resource="actors", after__slug="twin").exists()
