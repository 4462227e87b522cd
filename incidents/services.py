"""Writes that carry editorial rules. The admin and the API call these same functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from config.history import set_history_reason
from incidents.assessment import alleged_perpetrators
from incidents.choices import AttributionGrade, CivilianHarmGrade, IncidentStatus
from incidents.models import (
    Actor,
    CasualtyReport,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
    fact_values,
)

S = IncidentStatus


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update(of=("self",)).get(pk=incident.pk)


def _move(incident: Incident, *, allowed_from: set[str], to: str, verb: str) -> None:
    if incident.status not in allowed_from:
        names = " or ".join(sorted(S(value).label.lower() for value in allowed_from))
        raise ValidationError(
            {"status": f"Only an incident {names} can be {verb}; this one is {incident.status}."}
        )
    incident.status = to


def publish_blockers(incident: Incident) -> list[str]:
    """Why the incident cannot be published yet: each claim that rests on no quote, and each
    of its own facts with a value that cites no quote and carries no editor's note."""
    return unsupported_facts(incident) + unquoted_claims(incident)


def publish_refusal(incident: Incident) -> ValidationError | None:
    """The error that refuses publishing ``incident``, naming each reason under the field it
    concerns (``facts``, ``quote``), or None when it may be published."""
    errors = {}
    if facts := unsupported_facts(incident):
        errors["facts"] = facts
    if claims := unquoted_claims(incident):
        errors["quote"] = claims
    return ValidationError(errors) if errors else None


def unquoted_claims(incident: Incident) -> list[str]:
    """One reason per claim of the incident that rests on no quote."""
    reasons = []
    for involvement in incident.involvements.filter(quote__isnull=True).select_related("actor"):
        reasons.append(
            f"Involvement {involvement.pk} ({involvement.actor} as "
            f"{involvement.get_role_display().lower()}) rests on no quote."
        )
    for report in incident.casualty_reports.filter(quote__isnull=True):
        reasons.append(f"Casualty report {report.pk} ({report}) rests on no quote.")
    for statement in incident.statements.filter(quote__isnull=True).select_related("speaker"):
        reasons.append(f"Statement {statement.pk} ({statement}) rests on no quote.")
    return reasons


def unsupported_facts(incident: Incident) -> list[str]:
    """One reason per fact of the incident that has a value and rests on nothing."""
    cited = set(IncidentFact.objects.filter(incident_id=incident.pk).values_list("fact", flat=True))
    return [
        f"Fact '{fact}' ({value}) rests on no quote and carries no editor's note."
        for fact, value in fact_values(incident).items()
        if fact not in cited
    ]


def figure_override_refusal(user, before: str, after: str) -> str | None:
    """Why ``user`` may not change the override of an incident's derived civilian figures
    from ``before`` to ``after``, or None: only a reviewer overrides (or restores) them."""
    from incidents.review import is_reviewer

    if (before or "").strip() == (after or "").strip() or is_reviewer(user):
        return None
    return (
        "Only a reviewer may override the civilian figures derived from the counted casualty "
        "reports, or restore them; mark the reports counted instead."
    )


@transaction.atomic
def incident_submit(*, incident: Incident, user, reason: str = "") -> Incident:
    """Send a draft to review."""
    incident = _locked(incident)
    _move(incident, allowed_from={S.DRAFT}, to=S.IN_REVIEW, verb="sent to review")
    incident.submitted_by, incident.submitted_at = user, timezone.now()
    _save(incident, user, reason, ["status", "submitted_by", "submitted_at"])
    return incident


@transaction.atomic
def incident_publish(*, incident: Incident, user, reason: str = "") -> Incident:
    """Publish an incident in review, once every claim of it rests on a quote."""
    incident = _locked(incident)
    _move(incident, allowed_from={S.IN_REVIEW}, to=S.PUBLISHED, verb="published")
    refusal = publish_refusal(incident)
    if refusal is not None:
        raise refusal
    incident.published_by, incident.published_at = user, timezone.now()
    _save(incident, user, reason, ["status", "published_by", "published_at"])
    return incident


@transaction.atomic
def incident_retract(*, incident: Incident, user, reason: str = "") -> Incident:
    """Withdraw a published incident; the record stays, and sync clients are told."""
    incident = _locked(incident)
    _move(incident, allowed_from={S.PUBLISHED}, to=S.RETRACTED, verb="retracted")
    incident.retracted_by, incident.retracted_at = user, timezone.now()
    incident.retraction_reason = reason
    _save(incident, user, reason, ["status", "retracted_by", "retracted_at", "retraction_reason"])
    return incident


@transaction.atomic
def incident_grade(
    *, incident: Incident, user, civilian_harm: str, attribution: str, reason: str
) -> Incident:
    """A reviewer's assessment grade (the rubric is in ``incidents.choices``), with the reason
    kept in the history. Callers check that ``user`` is a reviewer. A contested attribution
    must be contested between named actors: two or more alleged perpetrators."""
    incident = _locked(incident)
    errors = {}
    if civilian_harm not in CivilianHarmGrade.values:
        errors["civilian_harm"] = f"Use one of {', '.join(CivilianHarmGrade.values)}."
    if attribution not in AttributionGrade.values:
        errors["attribution"] = f"Use one of {', '.join(AttributionGrade.values)}."
    elif attribution == AttributionGrade.CONTESTED:
        named = alleged_perpetrators(incident)
        if len(named) < 2:
            errors["attribution"] = (
                "A contested attribution is contested between named actors: involve at least "
                f"two as (alleged) perpetrators first; this incident names {len(named)}."
            )
    if not reason.strip():
        errors["reason"] = "Say why; the reason is kept in the history with the grade."
    if errors:
        raise ValidationError(errors)
    incident.civilian_harm_grade, incident.attribution_grade = civilian_harm, attribution
    incident.graded_by, incident.graded_at = user, timezone.now()
    _save(
        incident,
        user,
        reason,
        ["civilian_harm_grade", "attribution_grade", "graded_by", "graded_at"],
    )
    return incident


def _save(incident: Incident, user, reason: str, fields: list[str]) -> None:
    if reason:
        set_history_reason(reason)
    incident.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def actor_merge(*, keep: Actor, duplicate: Actor, user, reason: str = "") -> Actor:
    """Move everything that cites ``duplicate`` to ``keep``, which gains its name and aliases
    as aliases, then delete ``duplicate``. Recorded in history like any other write."""
    if keep.pk == duplicate.pk:
        raise ValidationError("An actor cannot be merged into itself.")
    if Actor.objects.matching(duplicate.slug).filter(pk=keep.pk).exists():
        raise ValidationError(f"{keep} belongs to {duplicate}; merge the other way round.")
    set_history_reason(reason or f"merged {duplicate.slug} into {keep.slug}", via="merge")
    # A claim the kept actor already makes in the same words is redundant, not a conflict. Both
    # of an involvement's actors (its actor, who attributes it) move in one update: a claim of
    # responsibility is attributed by its own actor at every step.
    touched = Involvement.all_objects.filter(Q(actor=duplicate) | Q(attributed_by=duplicate))
    for involvement in touched.order_by("pk"):
        moved = {
            "actor_id": keep.pk if involvement.actor_id == duplicate.pk else involvement.actor_id,
            "attributed_by_id": (
                keep.pk
                if involvement.attributed_by_id == duplicate.pk
                else involvement.attributed_by_id
            ),
        }
        same = Involvement.all_objects.filter(
            incident_id=involvement.incident_id,
            role=involvement.role,
            quote_id=involvement.quote_id,
            **moved,
        )
        if same.exclude(pk=involvement.pk).exists():
            involvement.hard_delete()
        else:
            Involvement.all_objects.filter(pk=involvement.pk).update(**moved)
    CasualtyReport.all_objects.filter(reported_by=duplicate).update(reported_by=keep)
    Statement.all_objects.filter(speaker=duplicate).update(speaker=keep)
    Actor.objects.filter(parent=duplicate).update(parent=keep)
    names = [duplicate.name, *duplicate.aliases]
    keep.aliases = [*keep.aliases, *(n for n in names if n not in keep.aliases and n != keep.name)]
    keep.save(update_fields=["aliases", "updated_at"])
    duplicate.delete()
    return keep
