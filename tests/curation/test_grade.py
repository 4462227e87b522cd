"""Reviewers grade incidents (issue 13, item 2): the API action, its permission, the rules
of the service and the history it leaves."""

import pytest

from incidents.choices import Role
from incidents.models import HistoryEvent, Incident
from tests import factories
from tests.curation.conftest import patch

pytestmark = pytest.mark.django_db

FAIR = {"civilian_harm": "fair", "attribution": "single", "reason": "two NGOs, one airframe"}


def grade(client, incident, body=FAIR):
    return client.post(f"/api/incidents/{incident.pk}/grade", body, format="json")


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("reader", 403), ("editor", 403), ("reviewer", 200), ("superuser", 200)],
)
def test_only_reviewers_grade(clients, who, status):
    incident = factories.IncidentFactory(status="published")

    response = grade(clients[who], incident)

    assert response.status_code == status
    graded = Incident.objects.get(pk=incident.pk).civilian_harm_grade
    assert graded == ("fair" if status == 200 else "")


def test_grading_answers_with_the_detail_and_stamps_the_reviewer(reviewer):
    incident = factories.IncidentFactory(status="published")

    body = grade(reviewer, incident).json()

    assert (body["civilian_harm_grade"], body["attribution_grade"]) == ("fair", "single")
    assert body["graded_at"] is not None
    incident.refresh_from_db()
    assert incident.graded_by.username == "reviewer"


def test_the_history_keeps_the_grade_with_the_reviewers_reason(reviewer):
    incident = factories.IncidentFactory(status="published")

    grade(reviewer, incident)

    event = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()
    assert (event.username, event.reason) == ("reviewer", "two NGOs, one airframe")
    assert event.before["civilian_harm_grade"] == ""
    assert event.after["civilian_harm_grade"] == "fair"
    assert event.after["attribution_grade"] == "single"


@pytest.mark.parametrize(
    ("body", "attr"),
    [
        ({**FAIR, "reason": " "}, "reason"),
        ({**FAIR, "civilian_harm": "likely"}, "civilian_harm"),
        ({**FAIR, "attribution": "contested"}, "attribution"),  # one named actor only
    ],
)
def test_a_grade_without_a_reason_or_off_the_rubric_is_refused(reviewer, body, attr):
    incident = factories.IncidentFactory(status="published")
    factories.InvolvementFactory(incident=incident, role=Role.ALLEGED_PERPETRATOR)

    response = grade(reviewer, incident, body)

    assert response.status_code == 400
    assert attr in [error["attr"] for error in response.json()["errors"]]
    assert Incident.objects.get(pk=incident.pk).graded_at is None


def test_a_contested_attribution_names_the_actors_it_is_contested_between(reviewer):
    incident = factories.IncidentFactory(status="published")
    russia = factories.ActorFactory(name="Russia", slug="russia")
    syria = factories.ActorFactory(name="Syria", slug="syria")
    factories.InvolvementFactory(incident=incident, actor=russia, role=Role.ALLEGED_PERPETRATOR)
    factories.InvolvementFactory(incident=incident, actor=syria, role=Role.ALLEGED_PERPETRATOR)
    factories.InvolvementFactory(incident=incident, actor=russia, role=Role.PERPETRATOR)
    factories.InvolvementFactory(incident=incident, role=Role.VICTIM)

    body = grade(reviewer, incident, {**FAIR, "attribution": "contested"}).json()

    assert [actor["slug"] for actor in body["contested_between"]] == ["russia", "syria"]
    assert body["suggested_grade"]["attribution"] == "contested"


def test_editors_cannot_set_grades_through_an_ordinary_edit(editor):
    incident = factories.IncidentFactory(status="draft")

    response = patch(
        editor,
        f"/api/incidents/{incident.pk}",
        {"civilian_harm_grade": "confirmed", "attribution_grade": "single"},
    )

    assert response.status_code in (200, 400)
    assert Incident.objects.get(pk=incident.pk).civilian_harm_grade == ""


def test_a_pending_revision_accepted_after_grading_keeps_the_grade(editor, reviewer):
    incident = factories.IncidentFactory(status="published", title="Old title")
    held = patch(editor, f"/api/incidents/{incident.pk}", {"title": "New title"})
    assert held.status_code == 202
    revision = held.json()["id"]

    grade(reviewer, incident)
    etag = reviewer.get(f"/api/revisions/{revision}")["ETag"]
    accepted = reviewer.post(f"/api/revisions/{revision}/accept", HTTP_IF_MATCH=etag)

    assert accepted.status_code == 200
    incident.refresh_from_db()
    assert (incident.title, incident.civilian_harm_grade) == ("New title", "fair")
