"""An incident page's statements: a new one written in its row (speaker, kind, quote, date),
labelled by speaker and kind, through the review gate like every other write."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import Revision, Statement
from tests import factories
from tests.admin.helpers import form_data

PREFIX = "Statement_incidents-"


def _with_a_new_row(client, incident, **row):
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    page = client.get(url)
    index = next(
        inline.formset.total_form_count()
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == PREFIX[:-1]
    )
    data = form_data(page, **{f"{PREFIX}TOTAL_FORMS": str(index + 1)})
    data.update({f"{PREFIX}{index}-{name}": value for name, value in row.items()})
    return client.post(url, data)


def _row_errors(response) -> list[str]:
    [inline] = [
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == PREFIX[:-1]
    ]
    return [
        f"{name}: {error}"
        for form in inline.formset.forms
        for name, errors in form.errors.items()
        for error in errors
    ]


def test_an_editor_writes_a_statement_in_its_row(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    speaker = factories.ActorFactory(name="Maria Zakharova")
    quote = factories.QuoteFactory()

    response = _with_a_new_row(
        editor_client,
        incident,
        speaker=speaker.pk,
        kind="denial",
        quote=quote.pk,
        said_on="2015-12-26",
    )

    assert response.status_code == 302, _row_errors(response)
    [statement] = Statement.objects.filter(incidents=incident)
    assert (statement.speaker, statement.kind, statement.quote, statement.said_on) == (
        speaker,
        "denial",
        quote,
        datetime.date(2015, 12, 26),
    )


def test_a_statement_written_on_a_published_incident_waits_for_review(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.PUBLISHED)
    speaker = factories.ActorFactory()

    _with_a_new_row(editor_client, incident, speaker=speaker.pk, kind="claim")

    revision = Revision.objects.get()
    assert (revision.resource, revision.operation, revision.object_id) == (
        "statements",
        "create",
        None,
    )
    assert (revision.after["speaker"], revision.after["incidents"]) == (speaker.pk, [incident.pk])
    assert not Statement.all_objects.exists()


def test_a_row_must_choose_a_statement_or_write_one_by_the_models_rules(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    recorded = factories.StatementFactory()
    speaker = factories.ActorFactory()
    quote = factories.QuoteFactory(source__published_on=datetime.date(2015, 12, 1))

    both = _with_a_new_row(
        editor_client, incident, statement=recorded.pk, speaker=speaker.pk, kind="claim"
    )
    no_kind = _with_a_new_row(editor_client, incident, speaker=speaker.pk)
    too_late = _with_a_new_row(
        editor_client,
        incident,
        speaker=speaker.pk,
        kind="claim",
        quote=quote.pk,
        said_on="2015-12-26",
    )

    assert _row_errors(both) == [
        "__all__: Choose a recorded statement or write a new one in the row, not both."
    ]
    assert _row_errors(no_kind) == ["kind: This field cannot be blank."]
    assert _row_errors(too_late) == [
        "said_on: Said on 2015-12-26, after its source was published (2015-12-01): a source "
        "reports only what was said before it."
    ]
    assert list(Statement.objects.filter(incidents=incident)) == []


def test_statement_rows_read_by_speaker_who_they_speak_for_and_kind(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    ministry = factories.ActorFactory(name="Russian Foreign Ministry")
    factories.StatementFactory(
        incidents=[incident], speaker__name="Maria Zakharova", speaker__parent=ministry
    )

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    page = response.content.decode()
    assert "Maria Zakharova (Russian Foreign Ministry), denial" in page
    assert "Statement_incidents object" not in page


def test_a_reader_sees_each_statements_speaker_kind_and_date(db):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    factories.StatementFactory(
        incidents=[incident], speaker__name="Maria Zakharova", said_on=datetime.date(2015, 12, 26)
    )
    reader = get_user_model().objects.create_user("rita", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client = Client()
    client.force_login(reader)

    response = client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    page = response.content.decode()
    row = page[page.index('id="Statement_incidents-0"') :]
    row = row[: row.index("</tr>")]
    cells = dict(re.findall(r'<td class="field-(\w+)">\s*<p>(.*?)</p>', row, re.S))
    assert (cells["speaker"], cells["kind"], cells["said_on"]) == (
        "Maria Zakharova",
        "Denial",
        "2015-12-26",
    )
    assert cells["quote"].startswith("“Witnesses said")


def test_only_who_may_add_statements_writes_one_in_a_row(db):
    # The rows of a link table need only the right to change statements (Django's rule for
    # them); writing a new statement in one is creating a statement.
    user = get_user_model().objects.create_user("carl", is_staff=True)
    allowed = ["view_incident", "change_incident", "view_statement", "change_statement"]
    user.user_permissions.set(Permission.objects.filter(codename__in=allowed))
    client = Client()
    client.force_login(user)
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)

    response = _with_a_new_row(client, incident, speaker=factories.ActorFactory().pk, kind="denial")

    assert response.status_code == 200
    assert _row_errors(response) == [
        "statement: Your account may not write new statements: choose a recorded one."
    ]
    assert not Statement.all_objects.exists()
