from django.db import IntegrityError
from django.urls import reverse

from incidents import services
from incidents.choices import ActorKind
from incidents.models import Actor, CasualtyReport, HistoryEvent, Involvement, Statement
from tests import factories
from tests.admin.helpers import messages_of

CHANGELIST = "admin:incidents_actor_changelist"


def _merge(client, selected, **data):
    return client.post(
        reverse(CHANGELIST),
        {"action": "merge_actors", "_selected_action": [a.pk for a in selected], **data},
        follow=True,
    )


def test_merging_moves_every_claim_and_child_and_keeps_the_names_as_aliases(reviewer_client):
    russia = factories.ActorFactory(name="Russia", slug="russia", aliases=["Moscow"])
    duplicate = factories.ActorFactory(
        name="Russian Federation", slug="russian-federation", aliases=["RF"]
    )
    involvement = factories.InvolvementFactory(actor=duplicate)
    report = factories.CasualtyReportFactory(reported_by=duplicate)
    statement = factories.StatementFactory(speaker=duplicate)
    child = factories.ActorFactory(parent=duplicate, kind=ActorKind.GOVERNMENT_BODY)

    form = _merge(reviewer_client, [russia, duplicate])
    response = _merge(
        reviewer_client, [russia, duplicate], apply="1", keep=russia.pk, reason="Same state"
    )

    assert form.status_code == 200
    assert [str(choice) for choice in form.context["form"]["keep"]]
    assert response.redirect_chain[-1][0] == reverse(
        "admin:incidents_actor_change", args=[russia.pk]
    )
    assert messages_of(response) == ["Merged “Russian Federation” into “Russia”."]
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert Involvement.objects.get(pk=involvement.pk).actor == russia
    assert CasualtyReport.objects.get(pk=report.pk).reported_by == russia
    assert Statement.objects.get(pk=statement.pk).speaker == russia
    assert Actor.objects.get(pk=child.pk).parent == russia
    russia.refresh_from_db()
    assert russia.aliases == ["Moscow", "Russian Federation", "RF"]
    moved = HistoryEvent.objects.get(
        resource="involvements", object_id=involvement.pk, operation="update"
    )
    assert (moved.username, moved.via, moved.reason) == ("rhea", "merge", "Same state")
    assert HistoryEvent.objects.filter(
        resource="actors", object_id=duplicate.pk, operation="delete"
    ).exists()


def test_one_selected_duplicate_is_merged_into_an_actor_found_by_autocomplete(reviewer_client):
    keep = factories.ActorFactory(name="Syrian Arab Army")
    duplicate = factories.ActorFactory(name="SAA")

    form = _merge(reviewer_client, [duplicate])
    response = _merge(reviewer_client, [duplicate], apply="1", keep=keep.pk)

    assert type(form.context["form"].fields["keep"].widget).__name__ == "AutocompleteSelect"
    assert messages_of(response) == ["Merged “SAA” into “Syrian Arab Army”."]
    assert Actor.objects.get(pk=keep.pk).aliases == ["SAA"]


def test_a_merge_the_service_refuses_changes_nothing_and_says_why(reviewer_client):
    russia = factories.ActorFactory(name="Russia")
    kremlin = factories.ActorFactory(name="Kremlin", parent=russia)

    response = _merge(reviewer_client, [russia, kremlin], apply="1", keep=kremlin.pk)

    assert messages_of(response) == [
        "Could not merge into “Kremlin”: Kremlin belongs to Russia; merge the other way round."
    ]
    assert Actor.objects.filter(pk=russia.pk).exists()


def test_a_merge_the_database_refuses_changes_nothing_and_says_why(reviewer_client, monkeypatch):
    keep = factories.ActorFactory(name="Syrian Arab Army", aliases=[])
    first, second = factories.ActorFactory(name="SAA"), factories.ActorFactory(name="Syrian Army")
    merge = services.actor_merge

    def merge_then_fail(**kwargs):
        if kwargs["duplicate"].pk == second.pk:
            raise IntegrityError("refused by a constraint\nDETAIL: ...")
        return merge(**kwargs)

    monkeypatch.setattr(services, "actor_merge", merge_then_fail)

    response = _merge(reviewer_client, [keep, first, second], apply="1", keep=keep.pk)

    assert messages_of(response) == [
        "The database refused the merge into “Syrian Arab Army”, nothing was changed: "
        "refused by a constraint"
    ]
    assert Actor.objects.filter(pk=first.pk).exists()
    assert Actor.objects.get(pk=keep.pk).aliases == []


def test_merging_is_offered_to_reviewers_only(reviewer_client, editor_client):
    def offered(client):
        actions = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices
        return "merge_actors" in [name for name, _ in actions]

    assert offered(reviewer_client)
    assert not offered(editor_client)
