import re

import pytest
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import HistoryEvent, Incident
from tests import factories
from tests.admin.helpers import form_data, messages_of

CHANGELIST = "admin:incidents_incident_changelist"


def _action(client, action: str, *incidents):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [incident.pk for incident in incidents]},
        follow=True,
    )


def _button(client, incident, move: str, reason: str = ""):
    """A workflow button as the incident's page renders it (a publish names its version)."""
    page = client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    version = page.context["workflow"]["version"] if page.status_code == 200 else ""
    return client.post(
        reverse("admin:incidents_incident_workflow", args=[incident.pk, move]),
        {"reason": reason, "version": version},
        follow=True,
    )


def test_an_editor_sends_drafts_to_review_with_the_action(editor_client, editor):
    drafts = [factories.IncidentFactory(status=IncidentStatus.DRAFT) for _ in range(2)]

    response = _action(editor_client, "submit_selected", *drafts)

    assert messages_of(response) == ["2 incidents sent to review."]
    for incident in drafts:
        incident.refresh_from_db()
        assert incident.status == IncidentStatus.IN_REVIEW
        assert incident.submitted_by == editor
        assert incident.submitted_at is not None


def test_a_reviewer_publishes_with_the_button(reviewer_client, reviewer):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW)
    factories.InvolvementFactory(incident=incident)

    response = _button(reviewer_client, incident, "publish")

    assert messages_of(response) == [f"“{incident}” was published."]
    incident.refresh_from_db()
    assert (incident.status, incident.published_by) == (IncidentStatus.PUBLISHED, reviewer)


def test_publishing_is_refused_with_every_reason_listed(reviewer_client):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW)
    involvement = factories.InvolvementFactory(incident=incident, quote=None)
    report = factories.CasualtyReportFactory(incident=incident, quote=None)

    response = _button(reviewer_client, incident, "publish")

    [message] = messages_of(response)
    assert message == (
        f"Could not publish “{incident}”:<ul>"
        f"<li>Involvement {involvement.pk} ({involvement.actor} as perpetrator) rests on no "
        "quote.</li>"
        f"<li>Casualty report {report.pk} (3–5 civilians killed) rests on no quote.</li></ul>"
    )
    assert "<li>Involvement" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.IN_REVIEW


def test_the_incident_page_lists_what_blocks_publishing(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    involvement = factories.InvolvementFactory(incident=incident, quote=None)

    response = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))

    workflow = response.context["workflow"]
    assert [move["name"] for move in workflow["moves"]] == ["submit"]
    assert workflow["blockers"] == [
        f"Involvement {involvement.pk} ({involvement.actor} as perpetrator) rests on no quote."
    ]


def test_an_editor_can_neither_publish_nor_retract(editor_client):
    in_review = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW)
    published = factories.IncidentFactory(status=IncidentStatus.PUBLISHED)

    actions = editor_client.get(reverse(CHANGELIST)).context["action_form"].fields["action"]
    button = editor_client.post(
        reverse("admin:incidents_incident_workflow", args=[in_review.pk, "publish"])
    )
    action = _action(editor_client, "publish_selected", in_review)
    page = editor_client.get(reverse("admin:incidents_incident_change", args=[in_review.pk]))

    assert [name for name, _ in actions.choices] == ["", "delete_selected", "submit_selected"]
    assert button.status_code == 403
    assert action.status_code == 200
    assert page.context["workflow"]["moves"] == []
    assert Incident.objects.get(pk=in_review.pk).status == IncidentStatus.IN_REVIEW
    assert Incident.objects.get(pk=published.pk).status == IncidentStatus.PUBLISHED


def test_a_reviewer_retracts_with_a_reason_kept_in_the_record_and_history(reviewer_client):
    incident = factories.IncidentFactory(status=IncidentStatus.PUBLISHED)

    response = _button(reviewer_client, incident, "retract", reason="Wrong town")

    assert messages_of(response) == [f"“{incident}” was retracted."]
    incident.refresh_from_db()
    assert (incident.status, incident.retraction_reason) == (IncidentStatus.RETRACTED, "Wrong town")
    event = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()
    assert (event.username, event.reason) == ("rhea", "Wrong town")


def test_the_workflow_buttons_follow_the_status_and_the_role(editor_client, reviewer_client):
    cases = {
        IncidentStatus.DRAFT: (["submit"], ["submit"]),
        IncidentStatus.IN_REVIEW: ([], ["publish", "return"]),
        IncidentStatus.PUBLISHED: ([], ["retract"]),
        IncidentStatus.RETRACTED: ([], []),
    }
    for status, (for_editor, for_reviewer) in cases.items():
        incident = factories.IncidentFactory(status=status)
        url = reverse("admin:incidents_incident_change", args=[incident.pk])
        for client, expected in ((editor_client, for_editor), (reviewer_client, for_reviewer)):
            moves = client.get(url).context["workflow"]["moves"]
            assert [move["name"] for move in moves] == expected, (status, expected)


@pytest.mark.parametrize("method", ["get", "put"])
def test_the_workflow_view_only_takes_posts(reviewer_client, method):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW)
    url = reverse("admin:incidents_incident_workflow", args=[incident.pk, "publish"])

    assert getattr(reviewer_client, method)(url).status_code == 405


# The workflow buttons belong to the incident's form: a move saves the page first.


def _save_and(client, incident, move: str, reason: str = "", **changes):
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    page = client.get(url)
    data = form_data(page, **changes)
    data.update({"_workflow": move, f"workflow_reason_{move}": reason})
    if page.context["workflow"].get("version"):
        data["workflow_version"] = page.context["workflow"]["version"]
    return page, data, url


def test_send_to_review_saves_the_edits_on_the_page_first(editor_client, editor):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike")
    _, data, url = _save_and(editor_client, incident, "submit", "ready", title="Market strike")

    response = editor_client.post(url, data, follow=True)

    assert messages_of(response) == ["“Market strike” was saved and sent to review."]
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Market strike", IncidentStatus.IN_REVIEW)
    submitted = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()
    assert submitted.reason == "ready"


def test_a_button_on_a_page_with_errors_keeps_the_edits_and_moves_nothing(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT, title="Strike")
    _, data, url = _save_and(
        editor_client, incident, "submit", summary="A new summary", start_date="not a date"
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "start_date" in form.errors
    assert form["summary"].value() == "A new summary"
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.DRAFT


def test_save_and_publish_publishes_what_the_reviewer_read_and_changed(reviewer_client):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW, title="Strike")
    factories.InvolvementFactory(incident=incident)
    _, data, url = _save_and(reviewer_client, incident, "publish", title="Market strike")

    response = reviewer_client.post(url, data, follow=True)

    assert messages_of(response) == ["“Market strike” was saved and published."]
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Market strike", IncidentStatus.PUBLISHED)


def test_save_and_publish_saves_but_does_not_publish_what_changed_meanwhile(reviewer_client):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW, title="Strike")
    factories.InvolvementFactory(incident=incident)
    _, data, url = _save_and(reviewer_client, incident, "publish", title="Market strike")
    # Meanwhile another editor adds a claim, on its own page.
    factories.CasualtyReportFactory(incident=incident)

    response = reviewer_client.post(url, data, follow=True)

    [message] = messages_of(response)
    assert message.startswith("Saved, but not published: “Market strike” or one of its claims")
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Market strike", IncidentStatus.IN_REVIEW)


def test_an_editor_cannot_publish_by_posting_the_button(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.IN_REVIEW)
    factories.InvolvementFactory(incident=incident)
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    data = form_data(editor_client.get(url), _workflow="publish")

    response = editor_client.post(url, data, follow=True)

    assert messages_of(response) == ["Saved, but not published: only a reviewer may publish it."]
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.IN_REVIEW


def test_a_new_incident_is_saved_and_sent_to_review_at_once(editor_client, editor):
    url = reverse("admin:incidents_incident_add")
    page = editor_client.get(url)
    assert "Save and send to review" in page.content.decode()
    data = form_data(
        page,
        title="Ariha market strike",
        slug="ariha-market-strike",
        type="explosions_remote_violence",
        sub_type="air_drone_strike",
        start_date="2015-11-29",
        date_precision="day",
        country="SY",
        _workflow="submit",
    )

    response = editor_client.post(url, data, follow=True)

    incident = Incident.objects.get(slug="ariha-market-strike")
    assert messages_of(response)[-1] == "“Ariha market strike” was saved and sent to review."
    assert (incident.status, incident.submitted_by) == (IncidentStatus.IN_REVIEW, editor)


def test_enter_in_a_field_saves_and_never_moves_the_incident(editor_client):
    incident = factories.IncidentFactory(status=IncidentStatus.DRAFT)
    page = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    html = page.content.decode()
    # A form's default button (what Enter presses) is its first submit button in the page.
    first = re.search(r'<(?:button|input)[^>]*type="submit"[^>]*form="incident_form"[^>]*>', html)
    assert first is not None and 'name="_save"' in first.group(0)
    assert html.index(first.group(0)) < html.index('name="_workflow"')
    assert html.index(first.group(0)) < html.index('id="incident_form"')
