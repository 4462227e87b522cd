import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from config.history import history_context
from incidents.changes import build_feed
from incidents.choices import StatementKind
from incidents.models import (
    CasualtyReport,
    Change,
    HistoryEvent,
    Incident,
    IncidentAlias,
    Involvement,
    Statement,
)
from incidents.roles import EDITORS, REVIEWERS
from incidents.services import incident_merge, merge_moves
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer", REVIEWERS)


def test_merging_moves_every_claim_child_and_statement_to_the_survivor(reviewer):
    keep = factories.IncidentFactory(located=True)
    duplicate = factories.IncidentFactory(located=True)
    involvement = factories.InvolvementFactory(incident=duplicate)
    same_claim = factories.InvolvementFactory(
        incident=keep, actor=involvement.actor, quote=involvement.quote, role=involvement.role
    )
    other = factories.InvolvementFactory(incident=duplicate)
    denial = factories.StatementFactory(
        speaker=involvement.actor, kind=StatementKind.DENIAL, denies=involvement
    )
    denial.incidents.set([duplicate, keep])
    statement = factories.StatementFactory()
    statement.incidents.set([duplicate])
    report = factories.CasualtyReportFactory(incident=duplicate)
    child = factories.IncidentFactory(parent=duplicate)

    assert merge_moves(keep=keep, duplicate=duplicate) == {
        "involvements": 2,
        "casualty reports": 1,
        "statements": 2,
        "child incidents": 1,
        "dataset ids": 0,
    }
    incident_merge(keep=keep, duplicate=duplicate, user=reviewer, reason="same strike")

    duplicate.refresh_from_db()
    assert duplicate.deleted_at is not None and duplicate.merged_into == keep
    assert duplicate.deleted_by == reviewer
    assert not Involvement.all_objects.filter(pk=involvement.pk).exists()  # same as same_claim
    assert Involvement.objects.get(pk=other.pk).incident == keep
    assert CasualtyReport.objects.get(pk=report.pk).incident == keep
    assert Incident.objects.get(pk=child.pk).parent == keep
    assert list(Statement.objects.get(pk=statement.pk).incidents.all()) == [keep]
    denial.refresh_from_db()
    assert list(denial.incidents.all()) == [keep]
    assert denial.denies == same_claim


def test_the_survivor_takes_dataset_ids_it_lacks_and_keeps_the_others_as_aliases(reviewer):
    keep = factories.IncidentFactory(acled_event_id="SYR1")
    duplicate = factories.IncidentFactory(acled_event_id="SYR2", ucdp_ged_id=42)

    incident_merge(keep=keep, duplicate=duplicate, user=reviewer)

    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert (keep.acled_event_id, keep.ucdp_ged_id) == ("SYR1", 42)
    assert (duplicate.acled_event_id, duplicate.ucdp_ged_id) == (None, None)
    alias = IncidentAlias.objects.get()
    assert (alias.incident, alias.merged, alias.acled_event_id) == (keep, duplicate, "SYR2")


def test_merging_into_an_incident_moves_the_ones_merged_earlier_with_it(reviewer):
    first, second, third = factories.IncidentFactory.create_batch(3)
    third.acled_event_id = "SYR9"
    third.save()
    first.acled_event_id = "SYR8"
    first.save()
    incident_merge(keep=second, duplicate=first, user=reviewer)
    second.refresh_from_db()
    incident_merge(keep=third, duplicate=second, user=reviewer)

    assert Incident.all_objects.get(pk=first.pk).merged_into == third
    assert IncidentAlias.objects.get().incident == third


def test_a_merge_is_in_the_history_with_its_reason(reviewer):
    keep = factories.IncidentFactory()
    duplicate = factories.IncidentFactory()
    moved = factories.CasualtyReportFactory(incident=duplicate)

    with history_context(user=reviewer, via="api"):
        incident_merge(keep=keep, duplicate=duplicate, user=reviewer, reason="same strike")

    event = HistoryEvent.objects.filter(resource="incidents", object_id=duplicate.pk).last()
    assert event.reason == f"merged into {keep.pk}: same strike"
    assert (event.username, event.via) == ("reviewer", "merge")
    assert event.changes["merged_into_id"] == [None, keep.pk]
    report_event = HistoryEvent.objects.filter(
        resource="casualty-reports", object_id=moved.pk
    ).last()
    assert report_event.reason.startswith(f"merged into {keep.pk}")


def test_the_change_feed_reports_the_merged_incident_deleted_naming_the_survivor(reviewer):
    keep = factories.IncidentFactory()
    duplicate = factories.IncidentFactory()
    build_feed()

    incident_merge(keep=keep, duplicate=duplicate, user=reviewer)
    build_feed()

    deleted = Change.objects.get(resource="incidents", object_id=duplicate.pk, action="deleted")
    assert deleted.merged_into == keep.pk
    updated = Change.objects.get(resource="incidents", object_id=keep.pk, action="updated")
    assert updated.merged_into is None


def test_a_survivor_the_public_may_not_see_is_not_named_in_the_feed(reviewer):
    keep = factories.IncidentFactory(draft=True)
    duplicate = factories.IncidentFactory()
    build_feed()

    incident_merge(keep=keep, duplicate=duplicate, user=reviewer)
    build_feed()

    deleted = Change.objects.filter(resource="incidents", object_id=duplicate.pk).last()
    assert (deleted.action, deleted.merged_into) == ("deleted", None)


def test_only_a_reviewer_merges(make_user):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    editor = make_user("editor", EDITORS)

    with pytest.raises(PermissionDenied):
        incident_merge(keep=keep, duplicate=duplicate, user=editor)

    assert Incident.objects.filter(pk=duplicate.pk).exists()


def test_an_incident_is_not_merged_into_itself_nor_into_a_deleted_one(reviewer):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    with pytest.raises(ValidationError, match="itself"):
        incident_merge(keep=keep, duplicate=keep, user=reviewer)
    keep.delete()
    with pytest.raises(ValidationError, match="deleted"):
        incident_merge(keep=keep, duplicate=duplicate, user=reviewer)


def test_a_part_merged_with_its_whole_takes_the_wholes_parent(reviewer):
    campaign = factories.IncidentFactory()
    whole = factories.IncidentFactory(parent=campaign)
    part = factories.IncidentFactory(parent=whole)
    sibling = factories.IncidentFactory(parent=whole)

    incident_merge(keep=part, duplicate=whole, user=reviewer)

    part.refresh_from_db()
    sibling.refresh_from_db()
    assert part.parent == campaign
    assert sibling.parent == part
