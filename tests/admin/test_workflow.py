import pytest
from django.urls import reverse

from incidents.choices import IncidentStatus
from incidents.models import HistoryEvent, Incident
from tests import factories
from tests.admin.helpers import messages_of

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
        IncidentStatus.IN_REVIEW: ([], ["publish"]),
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
