"""An editor's import that would change what the public sees waits, whole, for a reviewer
(issue 14, item 7); an operator's command and a reviewer's import go live, and say so."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from incidents.choices import IncidentStatus
from incidents.models import HistoryEvent, ImportBatch, Incident
from incidents.roles import EDITORS, REVIEWERS, sync_groups

from .conftest import ACLED_SAMPLE, read_csv

pytestmark = pytest.mark.django_db


def _user(name: str, group: str):
    sync_groups()
    user = get_user_model().objects.create_user(username=name)
    user.groups.add(Group.objects.get(name=group))
    return user


def _import(path, *args) -> str:
    out = StringIO()
    call_command("import_events", "acled", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def maya():
    return _user("maya", EDITORS)


@pytest.fixture
def omar():
    return _user("omar", REVIEWERS)


@pytest.fixture
def published_and_changed(tmp_csv):
    """The sample imported by the operator with SYR7001 published, and a later file that
    changes SYR7001's fatalities and adds an event."""
    _import(ACLED_SAMPLE)
    Incident.objects.filter(acled_event_id="SYR7001").update(status=IncidentStatus.PUBLISHED)
    rows = read_csv(ACLED_SAMPLE)
    rows[0]["fatalities"] = str(int(rows[0]["fatalities"]) + 5)
    rows[0]["timestamp"] = str(int(rows[0]["timestamp"]) + 100)
    new = dict(rows[1], event_id_cnty="SYR7999", notes="A new event.")
    return tmp_csv([*rows, new], "later.csv")


def _state() -> dict:
    return {
        incident.acled_event_id: (incident.updated_at, incident.summary)
        for incident in Incident.objects.all()
    }


def test_an_editors_import_of_drafts_goes_in_as_the_editors(maya):
    out = _import(ACLED_SAMPLE, "--as-editor", "maya")

    assert "created" in out and "import batch" not in out
    created = Incident.objects.get(acled_event_id="SYR7001")
    event = HistoryEvent.objects.filter(resource="incidents", object_id=created.pk).first()
    assert (event.username, event.via) == ("maya", "import")
    assert "acting as reviewer" not in event.reason


def test_an_editors_import_touching_a_published_incident_waits_whole(maya, published_and_changed):
    before = _state()

    out = _import(published_and_changed, "--as-editor", "maya")

    [batch] = ImportBatch.objects.all()
    assert f"import batch {batch.pk}" in out and "nothing was written" in out
    assert _state() == before  # not even the new, unpublished event
    assert not Incident.objects.filter(acled_event_id="SYR7999").exists()
    published = Incident.objects.get(acled_event_id="SYR7001")
    assert batch.public_incidents == [published.pk]
    assert (batch.status, batch.proposed_by.username) == ("pending", "maya")
    assert batch.summary.startswith("1 created, 1 updated")


def test_a_reviewer_accepts_the_batch_and_it_goes_in_as_theirs(maya, omar, published_and_changed):
    _import(published_and_changed, "--as-editor", "maya")
    batch = ImportBatch.objects.get()

    out = StringIO()
    call_command("review_import", str(batch.pk), "--accept", "--as", "omar", stdout=out)

    assert "accepted: 1 created, 1 updated" in out.getvalue()
    assert Incident.objects.filter(acled_event_id="SYR7999").exists()
    written = HistoryEvent.objects.filter(id__gt=batch.since_event)
    assert {(e.username, e.reason) for e in written} == {
        ("omar", f"import batch {batch.pk} by maya, accepted by omar")
    }
    batch.refresh_from_db()
    assert (batch.status, batch.decided_by) == ("accepted", omar)


def test_a_batch_is_not_accepted_once_what_it_changes_has_changed(
    maya, omar, published_and_changed
):
    _import(published_and_changed, "--as-editor", "maya")
    batch = ImportBatch.objects.get()
    Incident.objects.filter(acled_event_id="SYR7001").update(summary="Corrected meanwhile.")

    with pytest.raises(CommandError, match="has changed since it was proposed"):
        call_command("review_import", str(batch.pk), "--accept", "--as", "omar")

    assert not Incident.objects.filter(acled_event_id="SYR7999").exists()
    batch.refresh_from_db()
    assert batch.status == "pending"


def test_a_rejection_needs_a_reason_and_only_a_reviewer_decides(maya, omar, published_and_changed):
    _import(published_and_changed, "--as-editor", "maya")
    batch = ImportBatch.objects.get()

    with pytest.raises(CommandError, match="Only a reviewer"):
        call_command("review_import", str(batch.pk), "--accept", "--as", "maya")
    with pytest.raises(CommandError, match="Say why"):
        call_command("review_import", str(batch.pk), "--reject", "--as", "omar")
    call_command(
        "review_import", str(batch.pk), "--reject", "--as", "omar", "--reason", "Old figures."
    )

    batch.refresh_from_db()
    assert (batch.status, batch.decision_reason) == ("rejected", "Old figures.")
    assert not Incident.objects.filter(acled_event_id="SYR7999").exists()


def test_an_editors_import_that_would_publish_new_incidents_waits(maya):
    _import(ACLED_SAMPLE, "--as-editor", "maya", "--status", "published")

    assert ImportBatch.objects.get().public_incidents
    assert not Incident.objects.exists()


def test_a_reviewers_import_and_the_operators_go_live(omar, published_and_changed):
    _import(published_and_changed, "--as-editor", "omar")

    assert not ImportBatch.objects.exists()
    assert Incident.objects.filter(acled_event_id="SYR7999").exists()


def test_a_dry_run_as_an_editor_writes_no_batch(maya, published_and_changed):
    out = _import(published_and_changed, "--as-editor", "maya", "--dry-run")

    assert "Dry run" in out
    assert not ImportBatch.objects.exists()
    assert not Incident.objects.filter(acled_event_id="SYR7999").exists()


def test_reviewers_accept_batches_in_the_admin_and_editors_only_see_them(
    maya, omar, published_and_changed
):
    from django.test import Client

    _import(published_and_changed, "--as-editor", "maya")
    batch = ImportBatch.objects.get()
    for user in (maya, omar):
        user.is_staff = True
        user.save()
    editor, reviewer = Client(), Client()
    editor.force_login(maya)
    reviewer.force_login(omar)
    changelist = "/admin/incidents/importbatch/"

    assert "accept_selected" not in editor.get(changelist).content.decode()
    assert editor.get(f"{changelist}{batch.pk}/change/").status_code == 200
    reviewer.post(changelist, {"action": "accept_selected", "_selected_action": [batch.pk]})

    batch.refresh_from_db()
    assert (batch.status, batch.decided_by) == ("accepted", omar)
    assert Incident.objects.filter(acled_event_id="SYR7999").exists()


def test_an_editors_import_that_only_rewrites_a_public_records_raw_row_waits(maya, tmp_csv):
    _import(ACLED_SAMPLE, "--status", "published")
    rows = read_csv(ACLED_SAMPLE)
    # The same events, as a spreadsheet re-save gives them back: columns in another order.
    reordered = [dict(reversed(list(row.items()))) for row in rows]

    out = _import(tmp_csv(reordered, "reordered.csv"), "--as-editor", "maya")

    [batch] = ImportBatch.objects.all()
    assert "import batch" in out and len(batch.public_incidents) == len(rows)
    assert batch.summary.startswith(f"0 created, 0 updated, {len(rows)} unchanged")
