from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from incidents.models import HistoryEvent, Incident, Involvement
from tests import factories
from tests.curation.conftest import publish

pytestmark = pytest.mark.django_db


def _create_editor(*args) -> str:
    out = StringIO()
    call_command("create_editor", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1].split()[-1]


def test_create_editor_prints_a_working_token_as_the_last_word():
    token = _create_editor("maya")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    draft = factories.IncidentFactory(status="draft")
    assert client.get(f"/api/incidents/{draft.pk}").status_code == 200
    assert client.post(f"/api/incidents/{draft.pk}/submit").status_code == 200
    assert client.post(f"/api/incidents/{draft.pk}/publish").status_code == 403


def test_create_editor_again_updates_the_role_and_keeps_one_user():
    _create_editor("maya")
    token = _create_editor("maya", "--reviewer")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    draft = factories.IncidentFactory(status="in_review")
    factories.InvolvementFactory(incident=draft)
    assert publish(client, draft.pk).status_code == 200
    from django.contrib.auth import get_user_model

    assert list(
        get_user_model().objects.get(username="maya").groups.values_list("name", flat=True)
    ) == ["Reviewers"]


def test_tokens_are_stored_hashed():
    from knox.models import AuthToken

    token = _create_editor("maya")
    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key)
    assert stored.expiry is not None


def test_purge_removes_the_record_and_its_content_from_history_but_records_the_purge():
    incident = factories.IncidentFactory(title="Defamatory title")
    involvement = factories.InvolvementFactory(incident=incident)
    call_command(
        "purge", "incidents", str(incident.pk), "--reason", "court order 12/2026", stdout=StringIO()
    )
    assert not Incident.all_objects.filter(pk=incident.pk).exists()
    assert not Involvement.all_objects.filter(pk=involvement.pk).exists()
    events = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk)
    assert events.exists()
    assert all(e.redacted and e.before is None and e.after is None for e in events)
    assert events.filter(operation="delete", reason__startswith="purge: court order").exists()
    assert not HistoryEvent.objects.filter(after__title="Defamatory title").exists()


def test_purge_needs_a_reason_and_an_existing_record():
    with pytest.raises(CommandError):
        call_command("purge", "incidents", "999999", "--reason", "x", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("purge", "incidents", "1", "--reason", " ", stdout=StringIO())


def test_create_editor_makes_an_admin_user_and_can_give_a_password():
    from django.contrib.auth import get_user_model

    out = StringIO()
    call_command("create_editor", "lena", "--with-password", stdout=out)
    lines = out.getvalue().strip().splitlines()
    password = lines[-2].split()[-1]
    user = get_user_model().objects.get(username="lena")
    assert user.is_staff and user.check_password(password)
    assert lines[-1].startswith("Token: ")
