"""A reviewer sends a new incident in review back to draft with a reason (issue 15, item 1):
the service, the incident page's button, the reason in the history and on the page for its
editor, and the review queue that lists new incidents in review beside pending revisions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import services
from incidents.choices import IncidentStatus
from incidents.models import HistoryEvent, Revision
from tests import factories
from tests.admin.helpers import form_data, messages_of

pytestmark = pytest.mark.django_db

QUEUE = "admin:incidents_revision_queue"


def _last_event(incident) -> HistoryEvent:
    return HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()


def test_the_service_sends_an_incident_in_review_back_with_the_reason(reviewer):
    incident = factories.IncidentFactory(in_review=True)

    services.incident_return(incident=incident, user=reviewer, reason="  Cite the quote  ")

    incident.refresh_from_db()
    assert incident.status == IncidentStatus.DRAFT
    event = _last_event(incident)
    assert (event.after["status"], event.reason) == ("draft", "Cite the quote")
    assert services.last_return(incident) == event


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_service_refuses_without_a_reason(reviewer, reason):
    incident = factories.IncidentFactory(in_review=True)

    with pytest.raises(ValidationError) as refused:
        services.incident_return(incident=incident, user=reviewer, reason=reason)

    assert "reason" in refused.value.message_dict
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.IN_REVIEW


def test_the_service_refuses_an_editor_and_an_incident_not_in_review(editor, reviewer):
    in_review = factories.IncidentFactory(in_review=True)
    with pytest.raises(PermissionDenied):
        services.incident_return(incident=in_review, user=editor, reason="No")
    published = factories.IncidentFactory()
    with pytest.raises(ValidationError) as refused:
        services.incident_return(incident=published, user=reviewer, reason="No")
    assert refused.value.message_dict["status"] == [
        "Only an incident in review can be sent back to draft; this one is published."
    ]
    in_review.refresh_from_db()
    published.refresh_from_db()
    assert (in_review.status, published.status) == (IncidentStatus.IN_REVIEW, "published")


def _save_and_return(client, incident, reason: str, **changes):
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    data = form_data(client.get(url), **changes)
    data.update({"_workflow": "return", "workflow_reason_return": reason})
    return client.post(url, data, follow=True)


def test_a_reviewer_saves_the_page_then_sends_it_back(reviewer_client):
    incident = factories.IncidentFactory(in_review=True, title="Strike")
    page = reviewer_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    assert [move["name"] for move in page.context["workflow"]["moves"]] == ["publish", "return"]
    assert b"Save and send back to draft" in page.content

    response = _save_and_return(reviewer_client, incident, "Name the source", title="Strike!")

    assert messages_of(response) == ["“Strike!” was saved and sent back to draft."]
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Strike!", IncidentStatus.DRAFT)
    assert _last_event(incident).reason == "Name the source"


def test_sending_back_without_a_reason_saves_the_edits_but_moves_nothing(reviewer_client):
    incident = factories.IncidentFactory(in_review=True, title="Strike")

    response = _save_and_return(reviewer_client, incident, " ", title="Strike!")

    assert messages_of(response) == [
        "Could not return “Strike!”: Say why; the editor reads the reason to know what to change."
    ]
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Strike!", IncidentStatus.IN_REVIEW)


def test_an_editor_has_no_button_and_is_refused(editor_client):
    incident = factories.IncidentFactory(in_review=True)
    page = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    assert page.context["workflow"]["moves"] == []
    assert b"send back to draft" not in page.content.lower()

    url = reverse("admin:incidents_incident_workflow", args=[incident.pk, "return"])
    assert editor_client.post(url, {"reason": "No"}).status_code == 403
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.IN_REVIEW


def test_the_workflow_view_sends_back_and_the_editor_reads_why(reviewer_client, editor_client):
    incident = factories.IncidentFactory(in_review=True)
    url = reverse("admin:incidents_incident_workflow", args=[incident.pk, "return"])

    response = reviewer_client.post(url, {"reason": "Which town?"}, follow=True)

    assert messages_of(response) == [f"“{incident}” was sent back to draft."]
    page = editor_client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))
    assert page.context["workflow"]["returned"].reason == "Which town?"
    assert [move["name"] for move in page.context["workflow"]["moves"]] == ["submit"]
    assert "Sent back to draft by rhea" in page.content.decode()
    assert "Which town?" in page.content.decode()


def test_the_queue_lists_new_incidents_in_review_then_pending_revisions(
    editor_client, reviewer_client
):
    new = factories.IncidentFactory(in_review=True, title="Shelling of the bakery")
    factories.IncidentFactory(title="Published, not waiting")
    factories.IncidentFactory(status=IncidentStatus.DRAFT, title="A draft, not waiting")
    published = factories.IncidentFactory(title="Strike")
    factories.InvolvementFactory(incident=published)
    url = reverse("admin:incidents_incident_change", args=[published.pk])
    editor_client.post(url, form_data(editor_client.get(url), title="Strike on the market"))
    revision = Revision.objects.get(status="pending")

    page = reviewer_client.get(reverse(QUEUE))

    assert list(page.context["incidents"]) == [new]
    assert list(page.context["revisions"]) == [revision]
    html = page.content.decode()
    incident_link = reverse("admin:incidents_incident_change", args=[new.pk])
    revision_link = reverse("admin:incidents_revision_change", args=[revision.pk])
    assert html.index(incident_link) < html.index(revision_link)
    assert "new incident: no public version" in html
    assert "diff against the public version" in html
    assert "not waiting" not in html


def test_the_queue_is_linked_from_the_index_and_the_revision_list(reviewer_client):
    queue = reverse(QUEUE)
    for page in ("admin:index", "admin:incidents_revision_changelist"):
        assert f'href="{queue}"' in reviewer_client.get(reverse(page)).content.decode(), page


def test_the_queue_needs_a_login(client):
    response = client.get(reverse(QUEUE))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_queue_reads_in_as_many_queries_for_many_items_as_for_one(reviewer_client, editor):
    def waiting():
        factories.IncidentFactory(in_review=True, submitted_by=editor)
        Revision.objects.create(
            resource="incidents", object_id=None, operation="create", after={}, proposed_by=editor
        )

    waiting()
    one = _queries(reviewer_client, reverse(QUEUE))
    for _ in range(3):
        waiting()

    assert _queries(reviewer_client, reverse(QUEUE)) == one
