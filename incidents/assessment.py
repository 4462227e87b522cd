"""The assessment grade a reviewer gives an incident, and the grade its evidence suggests.

The rubric (Airwars' civilian-harm grades, and attribution) is in ``incidents.choices`` and
docs/assessment.md. A reviewer sets the grade (``services.incident_grade``); the suggestion
below is what the ledger's own evidence supports, shown beside it so that a grade far from
the evidence stands out. It is a pure function of counts, so the rule can be read and tested
as a table.
"""

from dataclasses import dataclass

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
            **vars(self.evidence),  # asdict() deep-copies: a tenth of a snapshot's time
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
    first = first_of_each_tree(
        (
            involvement.role,
            getattr(involvement, "actor_tree", None) or involvement.actor_id,
            involvement,
        )
        for involvement in incident.involvements.all()
    )
    return [involvement.actor for involvement in first]


def first_of_each_tree(involvements) -> list:
    """Of ``(role, actor's tree, item)`` in the incident's order, the item of each tree's first
    perpetrator."""
    found: dict = {}
    for role, tree, item in involvements:
        if role in PERPETRATOR_ROLES:
            found.setdefault(tree, item)
    return list(found.values())


def publisher_key(publisher: str | None, source_id: int) -> str:
    """Who published a source, as independent sources are counted: a source without a
    publisher counts as its own."""
    return (publisher or "").strip().casefold() or f"source {source_id}"


def evidence_of(incident: Incident) -> Evidence:
    """The incident's evidence counted from its live claims (prefetched by
    ``IncidentQuerySet.with_evidence()``, so without a query)."""
    involvements = list(incident.involvements.all())
    reports = list(incident.casualty_reports.all())
    statements = list(incident.statements.all())
    return weigh(
        publishers={
            publisher_key(claim.quote.source.publisher, claim.quote.source.pk)
            for claim in [*involvements, *reports, *statements]
            if claim.quote is not None
        },
        involvements=[(i.role, i.actor_id) for i in involvements],
        alleged=len(alleged_perpetrators(incident)),
        statements=[(s.kind, s.speaker_id, s.speaker.parent_id) for s in statements],
        reports=[(r.category, r.population, r.min, r.max) for r in reports],
    )


def weigh(
    *,
    publishers: set[str],
    involvements: list[tuple[str, int]],
    alleged: int,
    statements: list[tuple[str, int, int | None]],
    reports: list[tuple[str, str, int | None, int | None]],
) -> Evidence:
    """The evidence in plain values: the claims' publishers (``publisher_key``), each
    involvement's (role, actor), the number of alleged perpetrators, each statement's (kind,
    speaker, speaker's parent) and each casualty report's (category, population, min, max)."""
    perpetrators = {actor for role, actor in involvements if role in PERPETRATOR_ROLES}
    accepted = any(
        kind == Kind.CONFIRMATION and (speaker in perpetrators or parent in perpetrators)
        for kind, speaker, parent in statements
    )
    killed = [
        (low or 0, high)
        for category, population, low, high in reports
        if category == CasualtyCategory.KILLED and population == Population.CIVILIANS
    ]
    disagree = any(
        (high is not None and high < low2) or (high2 is not None and high2 < low)
        for i, (low, high) in enumerate(killed)
        for low2, high2 in killed[i + 1 :]
    )
    return Evidence(
        independent_sources=len(publishers),
        alleged_perpetrators=alleged,
        accepted_by_perpetrator=accepted,
        denied=any(kind == Kind.DENIAL for kind, _, _ in statements),
        figures_disagree=disagree,
    )
