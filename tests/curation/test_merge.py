import pytest
from django.core.exceptions import ValidationError

from incidents.models import Actor, HistoryEvent, Involvement
from incidents.services import actor_merge
from tests import factories

pytestmark = pytest.mark.django_db


def test_merging_moves_every_claim_and_keeps_the_duplicates_names_as_aliases():
    keep = factories.ActorFactory(name="Russia", slug="russia", aliases=["Moscow"])
    duplicate = factories.ActorFactory(name="Russian Federation", slug="rf", aliases=["RF"])
    child = factories.ActorFactory(parent=duplicate)
    involvement = factories.InvolvementFactory(actor=duplicate)
    report = factories.CasualtyReportFactory(reported_by=duplicate)
    statement = factories.StatementFactory(speaker=duplicate)
    same_claim = factories.InvolvementFactory(
        actor=keep, incident=involvement.incident, quote=involvement.quote, role=involvement.role
    )

    duplicate_id = duplicate.pk
    actor_merge(keep=keep, duplicate=duplicate, user=None, reason="same state")

    assert not Actor.objects.filter(pk=duplicate_id).exists()
    keep.refresh_from_db()
    assert keep.aliases == ["Moscow", "Russian Federation", "RF"]
    assert Involvement.all_objects.filter(pk=same_claim.pk).exists()
    assert not Involvement.all_objects.filter(pk=involvement.pk).exists()  # redundant with it
    report.refresh_from_db()
    statement.refresh_from_db()
    child.refresh_from_db()
    assert report.reported_by == statement.speaker == child.parent == keep
    merged = HistoryEvent.objects.filter(
        resource="actors", object_id=duplicate_id, operation="delete"
    )
    assert merged.get().reason == "same state"


def test_an_actor_cannot_be_merged_into_its_own_sub_actor():
    parent = factories.ActorFactory()
    child = factories.ActorFactory(parent=parent)
    with pytest.raises(ValidationError, match="other way round"):
        actor_merge(keep=child, duplicate=parent, user=None)
    with pytest.raises(ValidationError, match="itself"):
        actor_merge(keep=parent, duplicate=parent, user=None)
