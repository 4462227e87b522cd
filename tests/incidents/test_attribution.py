"""Attribution with its author: who attributes an involvement's role, self-claims, denials,
and what that does to the public actors, merges and the change feed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from incidents.choices import Role, StatementKind
from incidents.models import Actor, ChangeMark, Involvement, Statement
from incidents.services import actor_merge
from tests import factories

pytestmark = pytest.mark.django_db


class TestClaimOfResponsibility:
    def test_a_claim_without_an_attributer_is_recorded_as_the_actors_own_word(self):
        isis = factories.ActorFactory()
        involvement = factories.InvolvementFactory.build(
            incident=factories.IncidentFactory(),
            actor=isis,
            role=Role.CLAIMED_RESPONSIBILITY,
            quote=factories.QuoteFactory(),
        )

        involvement.full_clean()

        assert involvement.attributed_by_id == isis.pk

    def test_a_claim_attributed_by_another_actor_is_refused(self):
        involvement = factories.InvolvementFactory.build(
            incident=factories.IncidentFactory(),
            actor=factories.ActorFactory(),
            role=Role.CLAIMED_RESPONSIBILITY,
            attributed_by=factories.ActorFactory(),
            quote=factories.QuoteFactory(),
        )

        with pytest.raises(ValidationError) as refused:
            involvement.full_clean()
        assert "attributed_by" in refused.value.message_dict

    @pytest.mark.parametrize("attributer", ["none", "other"])
    def test_the_database_refuses_a_claim_not_in_the_actors_own_word(self, attributer):
        actor = factories.ActorFactory()
        other = factories.ActorFactory() if attributer == "other" else None

        with pytest.raises(IntegrityError), transaction.atomic():
            factories.InvolvementFactory(
                actor=actor, role=Role.CLAIMED_RESPONSIBILITY, attributed_by=other
            )

    def test_other_roles_may_be_attributed_by_anyone_or_no_one(self):
        for attributer in (None, factories.ActorFactory()):
            factories.InvolvementFactory(
                role=Role.ALLEGED_PERPETRATOR, attributed_by=attributer
            ).full_clean()
        factories.InvolvementFactory(role=Role.SUPPORTER).full_clean()

    def test_two_actors_attributing_in_the_same_words_are_two_involvements(self):
        first = factories.InvolvementFactory(attributed_by=factories.ActorFactory())
        factories.InvolvementFactory(
            incident=first.incident,
            actor=first.actor,
            role=first.role,
            quote=first.quote,
            attributed_by=factories.ActorFactory(),
        )

        assert Involvement.objects.filter(incident=first.incident).count() == 2


class TestDenial:
    def test_only_a_denial_denies(self):
        involvement = factories.InvolvementFactory()
        statement = factories.StatementFactory.build(
            speaker=factories.ActorFactory(),
            quote=factories.QuoteFactory(),
            kind=StatementKind.CLAIM,
            denies=involvement,
        )

        with pytest.raises(ValidationError) as refused:
            statement.full_clean()
        assert "denies" in refused.value.message_dict
        with pytest.raises(IntegrityError), transaction.atomic():
            statement.save()

    def test_a_denial_must_be_about_the_denied_involvements_incident(self):
        involvement = factories.InvolvementFactory()
        denial = Statement(kind=StatementKind.DENIAL, denies=involvement)

        denial.check_denies([involvement.incident_id])
        with pytest.raises(ValidationError):
            denial.check_denies([factories.IncidentFactory().pk])
        with pytest.raises(ValidationError):
            denial.check_denies([])


class TestPublicActors:
    def public_ids(self) -> set[int]:
        return set(Actor.objects.public().values_list("pk", flat=True))

    def test_who_attributes_a_public_involvement_is_public(self):
        involvement = factories.InvolvementFactory(attributed_by=factories.ActorFactory())

        assert involvement.attributed_by_id in self.public_ids()

    def test_who_attributes_only_hidden_or_deleted_involvements_is_not(self):
        hidden = factories.InvolvementFactory(
            incident=factories.IncidentFactory(draft=True),
            attributed_by=factories.ActorFactory(),
        )
        deleted = factories.InvolvementFactory(attributed_by=factories.ActorFactory())
        deleted.delete()

        public = self.public_ids()

        assert hidden.attributed_by_id not in public
        assert deleted.attributed_by_id not in public


class TestMerge:
    def test_merging_an_attributer_moves_its_attributions_and_self_claims(self, django_user_model):
        keep, duplicate = factories.ActorFactory(), factories.ActorFactory()
        blamed = factories.InvolvementFactory(attributed_by=duplicate)
        claimed = factories.InvolvementFactory(
            actor=duplicate, role=Role.CLAIMED_RESPONSIBILITY, attributed_by=duplicate
        )
        same_words = factories.InvolvementFactory(
            incident=blamed.incident,
            actor=blamed.actor,
            role=blamed.role,
            quote=blamed.quote,
            attributed_by=keep,
        )

        actor_merge(keep=keep, duplicate=duplicate, user=None)

        claimed.refresh_from_db()
        assert (claimed.actor_id, claimed.attributed_by_id) == (keep.pk, keep.pk)
        assert not Involvement.all_objects.filter(pk=blamed.pk).exists()
        assert Involvement.objects.filter(attributed_by=keep).count() == 2
        assert same_words.pk in Involvement.objects.values_list("pk", flat=True)


class TestMigration:
    def test_the_change_feed_marks_who_attributes_as_a_reference_to_that_actor(self):
        attributer = factories.ActorFactory()

        factories.InvolvementFactory(attributed_by=attributer)

        assert ChangeMark.objects.filter(
            resource="actor-references", object_id=attributer.pk
        ).exists()

    @pytest.mark.django_db(transaction=True)
    def test_involvements_recorded_before_it_are_the_sources_own_reporting(self):
        involvement = factories.InvolvementFactory(role=Role.ALLEGED_PERPETRATOR)
        executor = MigrationExecutor(connection)
        before = [("incidents", "0020_assessment")]
        # Back to the latest migration, not merely 0021: later ones must stay applied for the
        # tests that run after this one on the same database.
        after = executor.loader.graph.leaf_nodes()

        executor.migrate(before)
        executor.loader.build_graph()
        executor.migrate(after)

        carried = Involvement.objects.get(pk=involvement.pk)
        assert (carried.role, carried.attributed_by_id) == (Role.ALLEGED_PERPETRATOR, None)
