import pytest

from incidents.changes import build_feed
from incidents.models import Incident
from tests import factories
from tests.curation.conftest import delete, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review():
    incident = factories.IncidentFactory(status="in_review")
    factories.InvolvementFactory(incident=incident)
    return incident


def test_submit_then_publish_records_who_and_when(editor, reviewer):
    incident = factories.IncidentFactory(status="draft")
    factories.CasualtyReportFactory(incident=incident)
    assert editor.post(f"/api/incidents/{incident.pk}/submit").json()["status"] == "in_review"
    published = publish(reviewer, incident.pk, {"reason": "checked"})
    assert published.status_code == 200
    incident.refresh_from_db()
    assert incident.status == "published"
    assert (incident.submitted_by.username, incident.published_by.username) == (
        "editor",
        "reviewer",
    )
    assert incident.submitted_at <= incident.published_at
    assert published.json()["published_at"] is not None


def test_publishing_is_refused_while_a_claim_rests_on_no_quote(reviewer, in_review):
    bare_involvement = factories.InvolvementFactory(incident=in_review, quote=None)
    bare_report = factories.CasualtyReportFactory(incident=in_review, quote=None)
    bare_statement = factories.StatementFactory(incidents=[in_review], quote=None)
    response = publish(reviewer, in_review.pk)
    assert response.status_code == 400
    details = [error["detail"] for error in response.json()["errors"]]
    assert any(f"Involvement {bare_involvement.pk}" in d for d in details)
    assert any(f"Casualty report {bare_report.pk}" in d for d in details)
    assert any(f"Statement {bare_statement.pk}" in d for d in details)
    assert Incident.objects.get(pk=in_review.pk).status == "in_review"


def test_a_soft_deleted_claim_does_not_block_publishing(editor, reviewer, in_review):
    bare = factories.InvolvementFactory(incident=in_review, quote=None)
    assert delete(editor, f"/api/involvements/{bare.pk}").status_code == 204
    assert publish(reviewer, in_review.pk).status_code == 200


@pytest.mark.parametrize(
    ("status", "action"),
    [("draft", "publish"), ("published", "submit"), ("draft", "retract"), ("retracted", "publish")],
)
def test_moves_out_of_order_are_refused(reviewer, status, action):
    incident = factories.IncidentFactory(status=status)
    url = f"/api/incidents/{incident.pk}"
    etag = reviewer.get(url)["ETag"]
    response = reviewer.post(f"{url}/{action}", HTTP_IF_MATCH=etag)
    assert response.status_code in (400, 404)
    assert Incident.all_objects.get(pk=incident.pk).status == status


def test_a_retraction_keeps_the_record_and_reaches_sync_clients(reviewer, api_client):
    incident = factories.IncidentFactory()
    build_feed()
    response = reviewer.post(
        f"/api/incidents/{incident.pk}/retract", {"reason": "source withdrawn"}, format="json"
    )
    assert response.status_code == 200
    assert api_client.get(f"/api/incidents/{incident.pk}").status_code == 404
    incident.refresh_from_db()
    assert (incident.status, incident.retraction_reason) == ("retracted", "source withdrawn")
    assert incident.retracted_by.username == "reviewer"
    build_feed()  # as the feed's worker does when the retraction commits
    feed = api_client.get("/api/changes").json()["results"]
    assert {"resource": "incidents", "id": incident.pk, "action": "retracted"}.items() <= (
        feed[-1].items()
    )


def test_a_workflow_reason_keeps_the_request_id_and_the_user(reviewer):
    incident = factories.IncidentFactory()
    reviewer.post(
        f"/api/incidents/{incident.pk}/retract",
        {"reason": "withdrawn by the source"},
        format="json",
        HTTP_X_REQUEST_ID="retract-1",
    )
    from incidents.models import HistoryEvent

    event = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()
    assert (event.reason, event.request_id, event.username) == (
        "withdrawn by the source",
        "retract-1",
        "reviewer",
    )
