"""The suggested grade: a table of evidence and what it suggests, then the counting."""

import pytest

from incidents.assessment import Evidence, alleged_perpetrators, evidence_of, suggest_grade
from incidents.choices import CasualtyCategory, Population, Role, StatementKind
from incidents.models import Incident
from tests import factories

# sources, perpetrators, accepted by a perpetrator, denied, figures disagree -> grades
TABLE = [
    ((0, 0, False, False, False), ("weak", "unknown")),
    ((1, 1, False, False, False), ("weak", "single")),
    ((2, 1, False, False, False), ("fair", "single")),
    ((3, 0, False, False, False), ("fair", "unknown")),
    ((2, 1, False, True, False), ("fair", "single")),  # a denial does not lower fair
    ((1, 1, True, False, False), ("confirmed", "single")),
    ((2, 1, True, True, False), ("fair", "single")),  # admitted, and denied: not confirmed
    ((1, 1, True, True, False), ("weak", "single")),
    ((2, 1, True, False, True), ("fair", "single")),  # figures disagree: not confirmed
    ((1, 0, True, False, False), ("weak", "unknown")),  # nobody named to have admitted it
    ((5, 2, False, False, False), ("contested", "contested")),
    ((1, 3, True, False, False), ("contested", "contested")),
]


@pytest.mark.parametrize(("counts", "expected"), TABLE)
def test_suggested_grade_follows_the_documented_rule(counts, expected):
    evidence = Evidence(*counts)

    suggested = suggest_grade(evidence)

    assert (suggested.civilian_harm, suggested.attribution) == expected


def test_discounted_is_never_suggested():
    grades = {
        suggest_grade(Evidence(s, p, a, d, f)).civilian_harm
        for s in range(3)
        for p in range(3)
        for a in (False, True)
        for d in (False, True)
        for f in (False, True)
    }

    assert grades == {"weak", "fair", "confirmed", "contested"}


@pytest.mark.django_db
def test_evidence_is_counted_from_the_live_claims():
    incident = factories.IncidentFactory()
    russia = factories.ActorFactory(name="Russia")
    mod = factories.ActorFactory(name="Russian MoD", parent=russia)
    amnesty = factories.SourceFactory(publisher="Amnesty International")
    amnesty_again = factories.SourceFactory(publisher=" amnesty international")
    unnamed = factories.SourceFactory(publisher="")
    factories.InvolvementFactory(
        incident=incident,
        actor=russia,
        role=Role.ALLEGED_PERPETRATOR,
        quote=factories.QuoteFactory(source=amnesty),
    )
    factories.InvolvementFactory(incident=incident, actor=russia, role=Role.PERPETRATOR, quote=None)
    for low, high, source in [(40, 49, amnesty_again), (50, None, unnamed)]:
        factories.CasualtyReportFactory(
            incident=incident,
            category=CasualtyCategory.KILLED,
            population=Population.CIVILIANS,
            min=low,
            max=high,
            quote=factories.QuoteFactory(source=source),
        )
    factories.StatementFactory(
        incidents=[incident], speaker=mod, kind=StatementKind.CONFIRMATION, quote=None
    )
    factories.InvolvementFactory(
        incident=incident, role=Role.ALLEGED_PERPETRATOR, quote=None
    ).delete()

    evidence = evidence_of(Incident.objects.with_evidence().get(pk=incident.pk))

    assert evidence == Evidence(
        independent_sources=2,  # Amnesty (twice, spelt two ways) and an unnamed publisher
        alleged_perpetrators=1,  # the deleted involvement does not count
        accepted_by_perpetrator=True,  # by a body directly under Russia
        denied=False,
        figures_disagree=True,  # 40-49 and at least 50
    )


@pytest.mark.django_db
def test_an_actor_claiming_the_strike_is_a_party_to_its_attribution():
    incident = factories.IncidentFactory()
    blamed = factories.InvolvementFactory(incident=incident, role=Role.ALLEGED_PERPETRATOR)
    group = factories.ActorFactory()
    claimant = factories.InvolvementFactory(
        incident=incident, actor=group, attributed_by=group, role=Role.CLAIMED_RESPONSIBILITY
    )

    found = alleged_perpetrators(Incident.objects.with_evidence().get(pk=incident.pk))

    assert {actor.pk for actor in found} == {blamed.actor_id, claimant.actor_id}


@pytest.mark.django_db
def test_an_actor_and_its_own_units_are_one_belligerent_not_a_contest():
    russia = factories.ActorFactory(name="Russia")
    forces = factories.ActorFactory(name="Russian Armed Forces", parent=russia)
    air = factories.ActorFactory(name="Russian Aerospace Forces", parent=forces)
    syria = factories.ActorFactory(name="Syrian government")
    incident = factories.IncidentFactory()
    for actor in (russia, air):
        factories.InvolvementFactory(incident=incident, actor=actor, role="alleged_perpetrator")

    one = evidence_of(Incident.objects.with_evidence().get(pk=incident.pk))
    factories.InvolvementFactory(incident=incident, actor=syria, role="alleged_perpetrator")
    counted = Incident.objects.with_evidence().get(pk=incident.pk)
    two = evidence_of(counted)

    assert (one.alleged_perpetrators, two.alleged_perpetrators) == (1, 2)
    assert suggest_grade(one).attribution == "single"
    assert suggest_grade(two).attribution == "contested"
    assert [a.name for a in alleged_perpetrators(counted)] == ["Russia", "Syrian government"]
