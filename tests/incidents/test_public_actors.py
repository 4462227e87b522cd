"""``Actor.objects.public()``: the actors a public claim names, by any of its three roles, and
their ancestors; nothing a deleted claim or a hidden incident alone names."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db


def public_ids() -> set[int]:
    return set(Actor.objects.public().values_list("pk", flat=True))


@pytest.fixture
def published():
    return factories.IncidentFactory()


@pytest.fixture
def draft():
    return factories.IncidentFactory(draft=True)


def test_each_role_in_a_public_claim_makes_its_actor_public(published):
    involved = factories.InvolvementFactory(incident=published).actor
    factories.CasualtyReportFactory(incident=published, reported_by=None)
    reporters = [factories.CasualtyReportFactory(incident=published).reported_by for _ in "abc"]
    speakers = [factories.StatementFactory(incidents=[published]).speaker for _ in "abc"]
    unnamed = factories.ActorFactory()
    assert public_ids() == {involved.pk} | {a.pk for a in reporters} | {a.pk for a in speakers}
    assert unnamed.pk not in public_ids()


def test_claims_on_hidden_incidents_name_no_one(draft):
    retracted = factories.IncidentFactory(retracted=True)
    factories.InvolvementFactory(incident=draft)
    factories.CasualtyReportFactory(incident=retracted)
    factories.StatementFactory(incidents=[draft, retracted])
    assert public_ids() == set()


def test_a_statement_about_a_public_and_a_hidden_incident_names_its_speaker(published, draft):
    speaker = factories.StatementFactory(incidents=[draft, published]).speaker
    assert public_ids() == {speaker.pk}


@pytest.mark.parametrize("factory", ["InvolvementFactory", "CasualtyReportFactory"])
def test_a_deleted_claim_names_no_one(published, factory):
    claim = getattr(factories, factory)(incident=published)
    claim.delete()
    assert public_ids() == set()


def test_a_deleted_statement_names_no_one(published):
    factories.StatementFactory(incidents=[published]).delete()
    assert public_ids() == set()


def test_an_actor_hidden_in_one_claim_is_public_through_another(published, draft):
    actor = factories.ActorFactory()
    factories.InvolvementFactory(incident=draft, actor=actor)
    factories.CasualtyReportFactory(incident=draft, reported_by=actor)
    assert public_ids() == set()
    factories.StatementFactory(incidents=[published], speaker=actor)
    assert public_ids() == {actor.pk}


def test_the_ancestors_of_a_named_actor_are_public_and_its_siblings_are_not(published):
    russia = factories.ActorFactory(slug="russia")
    kremlin = factories.ActorFactory(slug="kremlin", parent=russia)
    peskov = factories.ActorFactory(slug="peskov", parent=kremlin)
    factories.ActorFactory(slug="lavrov", parent=kremlin)
    factories.StatementFactory(incidents=[published], speaker=peskov)
    assert public_ids() == {russia.pk, kremlin.pk, peskov.pk}


def test_it_is_one_query_that_combines_with_other_filters(published):
    named = factories.InvolvementFactory(incident=published).actor
    factories.InvolvementFactory(incident=published)
    with CaptureQueriesContext(connection) as queries:
        found = list(Actor.objects.public().filter(pk=named.pk))
    assert found == [named]
    assert len(queries) == 1
