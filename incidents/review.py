"""The one gate every editor's write passes: what would change what the public sees waits for a
reviewer.

``write_through_review`` runs a write (from the API, the admin or anything else) in a
savepoint and asks, before and after it, whether the record is public: a published incident,
a claim about one, a quote a public claim rests on, a source of a public quote (or cited by
one), an actor a public record names. If it is either time and the writer is not a reviewer,
the savepoint is rolled back and the write is kept as a pending ``Revision`` instead: the
live tables, their triggers, the change feed and the actor-incident links never see it. A
reviewer's ``revision_accept`` applies it, recorded in the history with both names.
"""

import json
from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from config.history import set_history_context
from incidents.models import (
    Actor,
    CasualtyReport,
    Incident,
    IncidentFact,
    Involvement,
    Revision,
    RevisionOperation,
    RevisionStatus,
    Statement,
)

REVIEWER_PERMISSION = "incidents.publish_incident"

Op = RevisionOperation


def reviewed_models() -> dict[str, type[models.Model]]:
    """Every curated resource, by its API name."""
    return {
        "incidents": Incident,
        "involvements": Involvement,
        "casualty-reports": CasualtyReport,
        "incident-facts": IncidentFact,
        "statements": Statement,
        "actors": Actor,
        "sources": apps.get_model("sources", "Source"),
        "quotes": apps.get_model("sources", "Quote"),
    }


def resource_of(model: type[models.Model]) -> str:
    return next(name for name, m in reviewed_models().items() if m is model)


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(REVIEWER_PERMISSION))


class RevisionPending(Exception):
    """The record already has a pending revision; it must be decided first."""

    def __init__(self, revision: Revision):
        self.revision = revision
        super().__init__(
            f"{revision.resource} {revision.object_id} has a pending revision, {revision.pk}, "
            f"proposed by {revision.proposed_by.get_username()}; a reviewer must accept or "
            "reject it (or its editor withdraw it) before the record can be changed again."
        )


class RevisionConflict(Exception):
    """A revision can no longer be applied as it was reviewed."""


def is_public(model: type[models.Model], pk) -> bool:
    """Whether the public sees the record ``pk`` of ``model`` now."""
    return pk is not None and model._default_manager.public().filter(pk=pk).exists()


def snapshot(instance: models.Model) -> dict:
    """The record's curated fields as JSON: what a revision proposes and what it was based on.

    Editable concrete fields by name (relations as ids) and many-to-many relations as sorted
    ids; timestamps, computed fields and workflow stamps are not the editor's to propose."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or not field.editable or getattr(field, "auto_now", False):
            continue
        if getattr(field, "auto_now_add", False) or isinstance(field, models.GeneratedField):
            continue
        data[field.name] = getattr(instance, field.attname)
    for field in instance._meta.many_to_many:
        data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def gated_target(
    obj: models.Model, operation: str
) -> tuple[type[models.Model], models.Model | None, str]:
    """What a write of ``obj`` revises: the record itself, or, for a row of a many-to-many
    link table (an incident page's statements), the record whose relation it is, changed.
    As (model, stored record or None for a create, operation)."""
    owner = obj._meta.auto_created
    if owner:
        link = next(f for f in obj._meta.fields if f.is_relation and f.related_model is owner)
        return owner, getattr(obj, link.name), Op.UPDATE
    return type(obj), (None if operation == Op.CREATE else obj), operation


def is_held(outcome) -> bool:
    """Whether ``write_through_review`` kept the write as a revision instead of making it."""
    return isinstance(outcome, Revision)


def pending_revision(resource: str, pk) -> Revision | None:
    if pk is None:
        return None
    return (
        Revision.objects.select_related("proposed_by")
        .filter(resource=resource, object_id=pk, status=RevisionStatus.PENDING)
        .first()
    )


class _Held(Exception):
    """Rolls the savepoint of a write that must wait for review back."""


def write_through_review(
    *,
    model: type[models.Model],
    instance: models.Model | None,
    operation: str,
    write: Callable[[], models.Model | None],
    user,
    reason: str = "",
) -> models.Model | Revision | None:
    """Run ``write`` (which saves or deletes the record) if its effect is the writer's to make;
    otherwise keep it as a pending revision and return that.

    ``instance`` is the stored record a change or delete starts from (None for a create).
    Reviewers write directly. Anyone else's write goes live only if the record is public
    neither before nor after it. Raises ``RevisionPending`` when another revision of the same
    record waits, so that no edit is silently based on a version nobody has decided on.
    """
    resource = resource_of(model)
    pk = instance.pk if instance is not None else None
    if is_reviewer(user):
        return write()
    waiting = pending_revision(resource, pk)
    if waiting is not None:
        raise RevisionPending(waiting)
    before = snapshot(_stored(model, pk)) if pk is not None else None
    public_before = is_public(model, pk)
    outcome: dict = {}
    try:
        with transaction.atomic():
            written = write()
            if operation == Op.DELETE:
                public_after, after = False, None
            else:
                # The record revised: the one written, or the owner of a link row written.
                record_pk = pk if pk is not None else written.pk
                public_after = is_public(model, record_pk)
                after = snapshot(_stored(model, record_pk))
            if not (public_before or public_after):
                return written
            outcome["after"] = after
            raise _Held()
    except _Held:
        pass
    if outcome["after"] == before:
        # A save of a public record that changes none of its fields (an unchanged form) is
        # nothing to review, and must not touch the record's timestamps either.
        return _stored(model, pk)
    return Revision.objects.create(
        resource=resource,
        object_id=pk,
        operation=operation,
        before=before,
        after=outcome["after"],
        reason=reason,
        proposed_by=user,
    )


def _stored(model, pk) -> models.Model:
    return _manager(model).get(pk=pk)


def _manager(model):
    return getattr(model, "all_objects", model._default_manager)


@transaction.atomic
def revision_accept(*, revision: Revision, user) -> models.Model | None:
    """Apply a pending revision as ``user`` (a reviewer), if the record still stands as the
    editor saw it. The history names the reviewer as the writer and the editor in the reason."""
    revision = _locked_pending(revision)
    _refuse_unless_reviewer(user)
    model = reviewed_models()[revision.resource]
    set_history_context(
        user=user,
        reason=(
            f"revision {revision.pk} by {revision.proposed_by.get_username()}, accepted by "
            f"{user.get_username()}" + (f": {revision.reason}" if revision.reason else "")
        ),
        via=f"review:{revision.pk}",
    )
    record = None
    if revision.object_id is not None:
        record = _manager(model).select_for_update(of=("self",)).filter(pk=revision.object_id)
        record = record.first()
        if record is None or getattr(record, "deleted_at", None) is not None:
            raise RevisionConflict(
                f"{revision.resource} {revision.object_id} no longer exists; reject the revision."
            )
        if snapshot(record) != revision.before:
            raise RevisionConflict(
                f"{revision.resource} {revision.object_id} has changed since revision "
                f"{revision.pk} was proposed; reject it and let the editor propose it again on "
                "the current version."
            )
    if revision.operation == Op.DELETE:
        if hasattr(record, "hard_delete"):
            record.delete(user=revision.proposed_by)
        else:
            record.delete()
        result = None
    else:
        result = _apply(model, record, revision.after, proposed_by=revision.proposed_by)
        revision.object_id = result.pk
    revision.status = RevisionStatus.ACCEPTED
    revision.decided_by, revision.decided_at = user, timezone.now()
    revision.save()
    return result


def _apply(model, record, fields: dict, *, proposed_by) -> models.Model:
    record = record if record is not None else model()
    many = {}
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(record, field.attname, None if value is None else field.to_python(value))
    if record.pk is None and hasattr(record, "created_by_id"):
        record.created_by = proposed_by
    record.full_clean(exclude=list(many))
    # Rules that span the record and its many-to-many (a denial about one of the statement's
    # incidents) are checked again: what they rest on may have moved since the proposal.
    if hasattr(record, "clean_relations"):
        record.clean_relations(many)
    record.save()
    for name, ids in many.items():
        getattr(record, name).set(ids)
    return record


@transaction.atomic
def revision_reject(*, revision: Revision, user, reason: str) -> Revision:
    """Refuse a pending revision, saying why; the record stays as it is."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the revision is rejected."})
    revision = _locked_pending(revision)
    _refuse_unless_reviewer(user)
    return _decide(revision, RevisionStatus.REJECTED, user, reason)


@transaction.atomic
def revision_withdraw(*, revision: Revision, user) -> Revision:
    """Take back one's own pending revision."""
    revision = _locked_pending(revision)
    if revision.proposed_by_id != user.pk:
        raise PermissionDenied("Only the editor who proposed a revision may withdraw it.")
    return _decide(revision, RevisionStatus.WITHDRAWN, user, "")


def _decide(revision: Revision, status: str, user, reason: str) -> Revision:
    revision.status = status
    revision.decided_by, revision.decided_at = user, timezone.now()
    revision.decision_reason = reason
    revision.save()
    return revision


def _locked_pending(revision: Revision) -> Revision:
    revision = Revision.objects.select_for_update(of=("self",)).get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise RevisionConflict(f"Revision {revision.pk} is already {revision.status}.")
    return revision


def _refuse_unless_reviewer(user) -> None:
    if not is_reviewer(user):
        raise PermissionDenied("Only a reviewer may accept or reject a revision.")
