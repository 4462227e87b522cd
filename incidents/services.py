"""Writes that carry editorial rules. The admin and the API call these same functions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from config.history import set_history_reason
from incidents import review
from incidents.assessment import alleged_perpetrators
from incidents.choices import AttributionGrade, CivilianHarmGrade, IncidentStatus
from incidents.models import (
    Actor,
    CasualtyReport,
    HistoryEvent,
    Incident,
    IncidentAlias,
    IncidentFact,
    Involvement,
    Statement,
    fact_values,
)

S = IncidentStatus


def unique_slug(model, text: str, *, max_length: int = 200) -> str:
    """A free slug for a new ``model`` record named ``text``: its words in lower case joined
    by hyphens, then ``-2``, ``-3``... when taken (by any row, deleted ones too, as the unique
    constraint counts them). The API fills a slug left out with it, and so does the admin."""
    base = slugify(text)[: max_length - 8].strip("-") or model._meta.model_name
    taken = set(model._base_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


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
def incident_return(*, incident: Incident, user, reason: str) -> Incident:
    """A reviewer's "not yet": an incident in review back to draft, for its editor to work on,
    with the reason they will read in its history (and on its page, ``last_return``)."""
    if not review.is_reviewer(user):
        raise PermissionDenied("Only a reviewer may send an incident back to draft.")
    if not reason.strip():
        raise ValidationError(
            {"reason": "Say why; the editor reads the reason to know what to change."}
        )
    incident = _locked(incident)
    _move(incident, allowed_from={S.IN_REVIEW}, to=S.DRAFT, verb="sent back to draft")
    _save(incident, user, reason.strip(), ["status"])
    return incident


def last_return(incident: Incident) -> HistoryEvent | None:
    """The history row of the last time a reviewer sent ``incident`` back to draft, with who,
    when and why; None if it never was."""
    return (
        HistoryEvent.objects.filter(
            resource="incidents",
            object_id=incident.pk,
            operation="update",
            before__status=S.IN_REVIEW,
            after__status=S.DRAFT,
        )
        .order_by("-id")
        .first()
    )


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


DATASET_IDS = ["acled_event_id", "ucdp_ged_id", "airwars_code"]


def merge_moves(*, keep: Incident, duplicate: Incident) -> dict[str, int]:
    """What ``incident_merge`` would move from ``duplicate`` to ``keep``, counted: for the
    confirmation a reviewer reads first."""
    through = Statement.incidents.through
    return {
        "involvements": Involvement.objects.filter(incident=duplicate).count(),
        "casualty reports": CasualtyReport.objects.filter(incident=duplicate).count(),
        "statements": through.objects.filter(incident=duplicate).count(),
        "child incidents": Incident.objects.filter(parent=duplicate).exclude(pk=keep.pk).count(),
        "dataset ids": sum(1 for name in DATASET_IDS if getattr(duplicate, name) is not None),
    }


@transaction.atomic
def incident_merge(*, keep: Incident, duplicate: Incident, user, reason: str = "") -> Incident:
    """Merge ``duplicate`` into ``keep``, two records of one event: its involvements, casualty
    reports, statements (and so the quotes and sources they cite) and child incidents move to
    ``keep``; ``keep`` takes each of its dataset ids it lacks, and the others stay ids of
    ``keep`` as an ``IncidentAlias`` (a later import of them updates ``keep``). ``duplicate``
    is then deleted with ``merged_into`` set: its id and slug redirect to ``keep``, its
    history stays, and the change feed reports it deleted, naming ``keep``.

    A reviewer's act (it changes public records at once, as accepting a revision does);
    anyone else is refused. Every write is recorded in the history with the reason
    "merged into N"."""
    if not review.is_reviewer(user):
        raise PermissionDenied("Only a reviewer may merge incidents.")
    if keep.pk == duplicate.pk:
        raise ValidationError({"into": "An incident cannot be merged into itself."})
    first, second = sorted([keep.pk, duplicate.pk])
    locked = {
        incident.pk: incident
        for incident in Incident.all_objects.select_for_update(of=("self",)).filter(
            pk__in=[first, second]
        )
    }
    keep, duplicate = locked.get(keep.pk), locked.get(duplicate.pk)
    if keep is None or keep.deleted_at is not None:
        raise ValidationError({"into": "The incident to merge into is deleted."})
    if duplicate is None or duplicate.deleted_at is not None:
        raise ValidationError({"id": "The incident is already deleted or merged."})
    ancestor = keep.parent
    while ancestor is not None:
        if ancestor.pk == duplicate.pk and ancestor.pk != keep.parent_id:
            raise ValidationError(
                {
                    "into": f"{keep} is part of {duplicate} through another incident; "
                    "merge the one in between first."
                }
            )
        ancestor = ancestor.parent
    set_history_reason(f"merged into {keep.pk}" + (f": {reason}" if reason else ""), via="merge")

    for involvement in Involvement.all_objects.filter(incident=duplicate).order_by("pk"):
        same = Involvement.all_objects.filter(
            incident=keep,
            actor_id=involvement.actor_id,
            role=involvement.role,
            quote_id=involvement.quote_id,
            attributed_by_id=involvement.attributed_by_id,
        ).first()
        if same is None:
            Involvement.all_objects.filter(pk=involvement.pk).update(incident=keep)
        else:
            # The same claim in the same words: one stays, and denials of the other deny it.
            Statement.all_objects.filter(denies=involvement).update(denies=same)
            involvement.hard_delete()
    CasualtyReport.all_objects.filter(incident=duplicate).update(incident=keep)
    through = Statement.incidents.through
    about_keep = through.objects.filter(incident=keep).values("statement_id")
    through.objects.filter(incident=duplicate, statement_id__in=about_keep).delete()
    through.objects.filter(incident=duplicate).update(incident=keep)
    Incident.all_objects.filter(parent=duplicate).exclude(pk=keep.pk).update(parent=keep)
    # Incidents merged into the duplicate earlier now redirect to the survivor, in one step.
    Incident.all_objects.filter(merged_into=duplicate).update(merged_into=keep)
    IncidentAlias.objects.filter(incident=duplicate).update(incident=keep)

    taken, aliased = [], {}
    for name in DATASET_IDS:
        value = getattr(duplicate, name)
        if value is None:
            continue
        if getattr(keep, name) is None:
            setattr(keep, name, value)
            taken.append(name)
        else:
            aliased[name] = value
    # The ids leave the duplicate before the survivor takes them: each is unique.
    duplicate.deleted_at, duplicate.deleted_by = timezone.now(), user
    duplicate.merged_into = keep
    for name in DATASET_IDS:
        setattr(duplicate, name, None)
    duplicate.save(
        update_fields=["deleted_at", "deleted_by", "merged_into", *DATASET_IDS, "updated_at"]
    )
    if aliased:
        IncidentAlias.objects.create(incident=keep, merged=duplicate, **aliased)
    if keep.parent_id == duplicate.pk:
        keep.parent_id = duplicate.parent_id
        taken.append("parent")
    keep.save(update_fields=[*taken, "updated_at"])
    # What moves into a published incident goes public at once: it must meet what publishing
    # asks, or nothing of the merge happens.
    if keep.status == IncidentStatus.PUBLISHED and (refusal := publish_refusal(keep)):
        raise ValidationError(
            {
                "into": [
                    f"Incident {keep.pk} is published, and after the merge it could not be: "
                    + message
                    for message in refusal.messages
                ]
            }
        )
    return keep
