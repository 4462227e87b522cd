"""Reviewers grade an incident from its admin page (issue 13, item 2): the Grade module beside
the workflow buttons, posting to the grade view, which calls services.incident_grade."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from incidents.choices import AttributionGrade, CivilianHarmGrade
from incidents.models import HistoryEvent, Incident
from tests import factories
from tests.admin.helpers import messages_of

pytestmark = pytest.mark.django_db

FAIR = {"civilian_harm": "fair", "attribution": "single", "reason": "two NGOs, one airframe"}


def _page(client, incident):
    return client.get(reverse("admin:incidents_incident_change", args=[incident.pk]))


def _grade(client, incident, **body):
    return client.post(
        reverse("admin:incidents_incident_grade", args=[incident.pk]), body, follow=True
    )


def _graded(incident) -> tuple[str, str]:
    incident = Incident.objects.get(pk=incident.pk)
    return incident.civilian_harm_grade, incident.attribution_grade


def test_a_reviewer_sees_the_rubric_and_the_suggestion_beside_it(reviewer_client):
    incident = factories.IncidentFactory()
    factories.InvolvementFactory(incident=incident)

    response = _page(reviewer_client, incident)

    page = response.content.decode()
    assert 'id="grade-form"' in page
    for grade in [*CivilianHarmGrade, *AttributionGrade]:
        assert f'value="{grade.value}">{escape(grade.label)}</option>' in page
    grade = response.context["grade"]
    assert grade["suggested_civilian_harm"] == CivilianHarmGrade.WEAK.label
    assert grade["suggested_attribution"] == AttributionGrade.SINGLE.label
    assert ("Independent sources", 1) in grade["evidence"]
    reason = page.split('id="grade-form"')[1].split('name="reason"')[1].split(">")[0]
    assert "required" in reason


def test_a_reviewer_grades_and_the_history_keeps_the_reason(reviewer_client, reviewer):
    incident = factories.IncidentFactory()

    response = _grade(reviewer_client, incident, **FAIR)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:incidents_incident_change", args=[incident.pk]
    )
    assert messages_of(response) == [
        f"“{incident}” was graded: civilian harm fair, attribution single."
    ]
    assert _graded(incident) == ("fair", "single")
    assert Incident.objects.get(pk=incident.pk).graded_by == reviewer
    event = HistoryEvent.objects.filter(resource="incidents", object_id=incident.pk).last()
    assert (event.username, event.reason, event.via) == (
        reviewer.username,
        "two NGOs, one airframe",
        "admin",
    )
    assert event.changes["civilian_harm_grade"] == ["", "fair"]
    assert response.context["grade"]["civilian_harm"] == CivilianHarmGrade.FAIR.label


def test_a_grade_without_a_reason_is_refused_and_nothing_changes(reviewer_client):
    incident = factories.IncidentFactory()
    events = HistoryEvent.objects.count()

    response = _grade(reviewer_client, incident, **{**FAIR, "reason": "  "})

    assert messages_of(response) == [
        f"Could not grade “{incident}”: Say why; the reason is kept in the history with the grade."
    ]
    assert _graded(incident) == ("", "")
    assert HistoryEvent.objects.count() == events


def test_each_refusal_is_listed(reviewer_client):
    incident = factories.IncidentFactory()

    response = _grade(reviewer_client, incident, civilian_harm="sure", attribution="", reason="")

    [message] = messages_of(response)
    assert message.count("<li>") == 3
    assert _graded(incident) == ("", "")


def test_contested_attribution_needs_two_named_actors(reviewer_client):
    incident = factories.IncidentFactory()
    factories.InvolvementFactory(incident=incident)

    response = _grade(
        reviewer_client, incident, civilian_harm="contested", attribution="contested", reason="x"
    )

    assert messages_of(response) == [
        f"Could not grade “{incident}”: A contested attribution is contested between named "
        "actors: involve at least two as (alleged) perpetrators first; this incident names 1."
    ]
    assert _graded(incident) == ("", "")


def test_an_editor_sees_the_grade_and_suggestion_but_cannot_grade(editor_client, reviewer):
    incident = factories.IncidentFactory(
        civilian_harm_grade="weak",
        attribution_grade="unknown",
        graded_by=reviewer,
        graded_at=timezone.now(),
    )

    page = _page(editor_client, incident)

    assert page.context["grade"]["form"] is None
    content = page.content.decode()
    assert 'id="grade-form"' not in content
    assert 'id="grade-suggested"' in content
    assert escape(CivilianHarmGrade.WEAK.label) in content
    response = editor_client.post(
        reverse("admin:incidents_incident_grade", args=[incident.pk]), FAIR
    )
    assert response.status_code == 403
    assert _graded(incident) == ("weak", "unknown")


def test_the_grade_view_takes_only_posts(reviewer_client):
    incident = factories.IncidentFactory()

    response = reviewer_client.get(reverse("admin:incidents_incident_grade", args=[incident.pk]))

    assert response.status_code == 405
