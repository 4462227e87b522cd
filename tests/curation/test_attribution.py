"""Writing who attributes a role and what a denial denies through the API."""

from datetime import date

import pytest
from django.urls import reverse

from incidents.choices import Role, StatementKind
from incidents.models import Involvement, Statement
from tests import factories

pytestmark = pytest.mark.django_db

INVOLVEMENTS = reverse("involvement-list")
STATEMENTS = reverse("statement-list")


@pytest.fixture
def draft():
    return factories.IncidentFactory(status="draft")


def refused_fields(response) -> list[str]:
    return [error["attr"] for error in response.json()["errors"]]


def involvement(incident, **fields) -> dict:
    return {
        "incident": incident.pk,
        "actor": factories.ActorFactory().pk,
        "role": Role.ALLEGED_PERPETRATOR,
        "quote": factories.QuoteFactory().pk,
        **fields,
    }


def test_an_involvement_is_written_and_read_with_who_attributes_it(editor, draft):
    state_department = factories.ActorFactory(slug="us-state-department")

    response = editor.post(
        INVOLVEMENTS, involvement(draft, attributed_by=state_department.pk), format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["attributed_by"]["slug"] == "us-state-department"
    stored = Involvement.objects.get()
    assert stored.attributed_by == state_department
    read = editor.get(reverse("involvement-detail", kwargs={"pk": stored.pk})).json()
    assert read["attributed_by"]["id"] == state_department.pk


def test_a_claim_of_responsibility_is_stored_as_the_actors_own_word(editor, draft):
    data = involvement(draft, role=Role.CLAIMED_RESPONSIBILITY)

    response = editor.post(INVOLVEMENTS, data, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["attributed_by"]["id"] == data["actor"]
    assert Involvement.objects.get().attributed_by_id == data["actor"]


def test_a_claim_of_responsibility_by_someone_else_is_a_400(editor, draft):
    data = involvement(
        draft, role=Role.CLAIMED_RESPONSIBILITY, attributed_by=factories.ActorFactory().pk
    )

    response = editor.post(INVOLVEMENTS, data, format="json")

    assert response.status_code == 400
    assert refused_fields(response) == ["attributed_by"]
    assert not Involvement.objects.exists()


def test_a_denial_is_written_with_the_involvement_it_denies(editor, draft):
    denied = factories.InvolvementFactory(incident=draft)
    data = {
        "speaker": factories.ActorFactory().pk,
        "quote": factories.QuoteFactory().pk,
        "kind": StatementKind.DENIAL,
        "incidents": [draft.pk],
        "denies": denied.pk,
    }

    response = editor.post(STATEMENTS, data, format="json")

    assert response.status_code == 201, response.json()
    assert Statement.objects.get().denies == denied


@pytest.mark.parametrize("wrong", ["kind", "incident"])
def test_a_denial_of_the_wrong_kind_or_about_another_incident_is_a_400(editor, draft, wrong):
    denied = factories.InvolvementFactory(incident=draft)
    other = factories.IncidentFactory(status="draft")
    data = {
        "speaker": factories.ActorFactory().pk,
        "quote": factories.QuoteFactory().pk,
        "kind": StatementKind.CLAIM if wrong == "kind" else StatementKind.DENIAL,
        "incidents": [draft.pk if wrong == "kind" else other.pk],
        "denies": denied.pk,
    }

    response = editor.post(STATEMENTS, data, format="json")

    assert response.status_code == 400
    assert refused_fields(response) == ["denies"]
    assert not Statement.objects.exists()


@pytest.mark.parametrize("said_on, status", [("2015-12-31", 400), ("2015-12-30", 201)])
def test_a_statement_said_after_its_source_was_published_is_a_400(editor, draft, said_on, status):
    quote = factories.QuoteFactory(source__published_on=date(2015, 12, 30))
    data = {
        "speaker": factories.ActorFactory().pk,
        "quote": quote.pk,
        "kind": StatementKind.WARNING,
        "incidents": [draft.pk],
        "said_on": said_on,
    }

    response = editor.post(STATEMENTS, data, format="json")

    assert response.status_code == status, response.json()
    if status == 400:
        assert refused_fields(response) == ["said_on"]
        assert "2015-12-30" in response.json()["errors"][0]["detail"]
