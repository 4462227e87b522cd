"""The assessment grade a reviewer gives an incident, and the grade its evidence suggests.

The rubric (Airwars' civilian-harm grades, and attribution) is in ``incidents.choices`` and
docs/assessment.md. A reviewer sets the grade (``services.incident_grade``); the suggestion
below is what the ledger's own evidence supports, shown beside it so that a grade far from
the evidence stands out. It is a pure function of counts, so the rule can be read and tested
as a table.
"""

from dataclasses import asdict, dataclass

from .choices import AttributionGrade, CasualtyCategory, CivilianHarmGrade, Population, Role
from .choices import StatementKind as Kind
from .models import Actor, Incident

# Roles that say an actor did it. (Item 1 of issue 13 adds a claimed responsibility, which
# belongs here too once it lands.)
# An actor that claims the strike is as much a party to its attribution as one blamed for it.
PERPETRATOR_ROLES = (Role.PERPETRATOR, Role.ALLEGED_PERPETRATOR, Role.CLAIMED_RESPONSIBILITY)

H, A = CivilianHarmGrade, AttributionGrade


@dataclass(frozen=True)
class Evidence:
    """What the grade rests on, counted from an incident's live claims."""

    independent_sources: int
    """Distinct publishers of the sources the claims quote (a source without a publisher
    counts as its own)."""
    alleged_perpetrators: int
    """Distinct actors involved as perpetrator or alleged perpetrator."""
    accepted_by_perpetrator: bool
    """A confirmation statement by an alleged perpetrator (or a body directly under it)."""
    denied: bool
    """A denial statement about the incident exists."""
    figures_disagree: bool
    """Two reports of civilians killed give ranges that do not overlap."""


@dataclass(frozen=True)
class SuggestedGrade:
    civilian_harm: str
    attribution: str
    evidence: Evidence

    def as_dict(self) -> dict:
        return {
            "civilian_harm": self.civilian_harm,
            "attribution": self.attribution,
            **asdict(self.evidence),
        }


def suggest_grade(evidence: Evidence) -> SuggestedGrade:
    """The grades the evidence supports, by this rule:

    Attribution: no alleged perpetrator is ``unknown``, one is ``single``, two or more are
    ``contested``.

    Civilian harm, the first that applies:

    1. ``contested`` when two or more belligerents are held responsible;
    2. ``confirmed`` when the one alleged perpetrator accepted responsibility (a confirmation
       statement by it or a body directly under it), nobody denies it and the civilian
       figures agree;
    3. ``fair`` when two or more independent sources report it;
    4. ``weak`` otherwise (a single source, or none yet).

    A dispute (a denial, figures that do not overlap) never raises a grade; it only keeps an
    incident from ``confirmed``. ``discounted`` (those killed were combatants, or someone else
    most likely did it) is a reviewer's judgement of what the sources mean, which counts
    cannot make, so it is never suggested.
    """
    if evidence.alleged_perpetrators == 0:
        attribution = A.UNKNOWN
    elif evidence.alleged_perpetrators == 1:
        attribution = A.SINGLE
    else:
        attribution = A.CONTESTED
    disputed = evidence.denied or evidence.figures_disagree
    if attribution == A.CONTESTED:
        harm = H.CONTESTED
    elif attribution == A.SINGLE and evidence.accepted_by_perpetrator and not disputed:
        harm = H.CONFIRMED
    elif evidence.independent_sources >= 2:
        harm = H.FAIR
    else:
        harm = H.WEAK
    return SuggestedGrade(str(harm), str(attribution), evidence)


def alleged_perpetrators(incident: Incident) -> list[Actor]:
    """The distinct belligerents an involvement holds responsible, in the order first named:
    one actor a tree, so that Russia and its own Aerospace Forces are one belligerent, not a
    contest between two.

    Reads ``incident.involvements.all()``: no query when ``with_evidence()`` prefetched them
    (with each actor's tree); without the tree, each actor counts as its own."""
    found: dict[int, Actor] = {}
    for involvement in incident.involvements.all():
        if involvement.role in PERPETRATOR_ROLES:
            tree = getattr(involvement, "actor_tree", None) or involvement.actor_id
            found.setdefault(tree, involvement.actor)
    return list(found.values())


def evidence_of(incident: Incident) -> Evidence:
    """The incident's evidence counted from its live claims (prefetched by
    ``IncidentQuerySet.with_evidence()``, so without a query)."""
    involvements = list(incident.involvements.all())
    reports = list(incident.casualty_reports.all())
    statements = list(incident.statements.all())
    publishers = set()
    for claim in [*involvements, *reports, *statements]:
        if claim.quote is not None:
            source = claim.quote.source
            publishers.add((source.publisher or "").strip().casefold() or f"source {source.pk}")
    perpetrators = {i.actor_id for i in involvements if i.role in PERPETRATOR_ROLES}
    accepted = any(
        s.kind == Kind.CONFIRMATION
        and (s.speaker_id in perpetrators or s.speaker.parent_id in perpetrators)
        for s in statements
    )
    killed = [
        (r.min or 0, r.max)
        for r in reports
        if r.category == CasualtyCategory.KILLED and r.population == Population.CIVILIANS
    ]
    disagree = any(
        (high is not None and high < low2) or (high2 is not None and high2 < low)
        for i, (low, high) in enumerate(killed)
        for low2, high2 in killed[i + 1 :]
    )
    return Evidence(
        independent_sources=len(publishers),
        alleged_perpetrators=len(alleged_perpetrators(incident)),
        accepted_by_perpetrator=accepted,
        denied=any(s.kind == Kind.DENIAL for s in statements),
        figures_disagree=disagree,
    )
