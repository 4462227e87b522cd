"""Editors' dataset imports go through review as one batch (issue 14, item 7).

An editor's ``import_events ... --as-editor USER`` runs the import in a savepoint and asks the
history (every write is recorded, in this transaction, with its incident) whether a published
incident was touched, or one was created published. If none was, the import stands, recorded
as the editor's. If any was, the savepoint is rolled back, nothing of the import stays, and an
``ImportBatch`` keeps the file for a reviewer, who accepts it (the file is imported again, as
the reviewer, while the incidents it touches are unchanged since) or rejects it with a reason,
as a whole. A reviewer's import, like the operator's, goes live at once.
"""

import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from config.history import set_history_context

from .choices import RevisionStatus
from .interop.importer import ImportRefused, ImportReport, events_import
from .models import HistoryEvent, ImportBatch
from .review import is_reviewer

# The incidents this transaction's writes touched (rows of the incident itself, of a claim
# naming it, or of a dataset record its claims quote) that were public before or are now.
PUBLIC_TOUCHED_SQL = """
WITH touched AS (
    SELECT CASE WHEN "table" = 'incidents_incident' THEN object_id
                ELSE coalesce((after ->> 'incident_id')::bigint,
                              (before ->> 'incident_id')::bigint) END AS incident_id,
           "table" = 'incidents_incident'
               AND 'published' IN (before ->> 'status', after ->> 'status') AS was_public
    FROM incidents_historyevent
    WHERE id > %s AND at = now()
)
SELECT touched.incident_id
FROM touched JOIN incidents_incident AS incident ON incident.id = touched.incident_id
WHERE touched.was_public OR incident.status = 'published'
UNION
-- A dataset record (a source) rewritten, even only its kept raw row, that a claim of a
-- published incident quotes.
SELECT claim.incident_id
FROM incidents_historyevent AS event
JOIN sources_quote AS quote ON quote.source_id = event.object_id
JOIN (
    SELECT incident_id, quote_id FROM incidents_involvement
    UNION ALL SELECT incident_id, quote_id FROM incidents_casualtyreport
) AS claim ON claim.quote_id = quote.id
JOIN incidents_incident AS incident ON incident.id = claim.incident_id
WHERE event.id > %s AND event.at = now() AND event."table" = 'sources_source'
  AND incident.status = 'published'
ORDER BY 1
"""

# Whether anything touched these incidents after the batch was proposed.
CHANGED_SINCE_SQL = """
SELECT EXISTS (
    SELECT 1 FROM incidents_historyevent
    WHERE id > %(since)s
      AND (("table" = 'incidents_incident' AND object_id = ANY(%(ids)s))
           OR (after ->> 'incident_id')::bigint = ANY(%(ids)s)
           OR (before ->> 'incident_id')::bigint = ANY(%(ids)s))
)
"""


def _last_event() -> int:
    return HistoryEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def import_as(
    user,
    *,
    dataset: str,
    path: Path,
    skip_invalid: bool = False,
    status: str = "draft",
    dry_run: bool = False,
) -> ImportReport | ImportBatch:
    """Import ``path`` as ``user``: the report of what was written, or, for an editor whose
    import would change what the public sees, the pending batch (nothing was written)."""
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"{path} is not UTF-8 text: {error}") from None
    reviewer = is_reviewer(user)
    reason = f"{dataset} import of {path.name}"
    with transaction.atomic():
        set_history_context(user=user, via="import", reason=reason)
        since = _last_event()
        savepoint = transaction.savepoint()
        report = events_import(dataset=dataset, path=path, skip_invalid=skip_invalid, status=status)
        touched = [] if reviewer else _public_touched(since)
        if not (touched or dry_run):
            transaction.savepoint_commit(savepoint)
            return report
        transaction.savepoint_rollback(savepoint)
        report.dry_run = dry_run
        if dry_run:
            return report
        return ImportBatch.objects.create(
            dataset=dataset,
            file_name=path.name,
            content=content,
            status_on_create=status,
            skip_invalid=skip_invalid,
            summary=report.summary(),
            public_incidents=touched,
            since_event=_last_event(),
            reason=reason,
            proposed_by=user,
        )


def _public_touched(since: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(PUBLIC_TOUCHED_SQL, [since, since])
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def batch_accept(*, batch: ImportBatch, user) -> ImportReport:
    """Import the batch's file as the reviewer ``user``, if nothing it touches has changed."""
    batch = _pending(batch, user)
    with connection.cursor() as cursor:
        cursor.execute(
            CHANGED_SINCE_SQL, {"since": batch.since_event, "ids": batch.public_incidents}
        )
        if cursor.fetchone()[0]:
            raise ValidationError(
                f"A published incident that import batch {batch.pk} changes has changed since it "
                "was proposed; reject it and import the file again, to review what it does now."
            )
    proposer = batch.proposed_by.get_username()
    set_history_context(
        user=user,
        via=f"review:import-batch:{batch.pk}",
        reason=f"import batch {batch.pk} by {proposer}, accepted by {user.get_username()}",
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / batch.file_name
        path.write_text(batch.content, encoding="utf-8")
        report = events_import(
            dataset=batch.dataset,
            path=path,
            skip_invalid=batch.skip_invalid,
            status=batch.status_on_create,
        )
    _decide(batch, RevisionStatus.ACCEPTED, user, "")
    return report


@transaction.atomic
def batch_reject(*, batch: ImportBatch, user, reason: str) -> ImportBatch:
    batch = _pending(batch, user)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the import is rejected: its editor reads it."})
    return _decide(batch, RevisionStatus.REJECTED, user, reason.strip())


def _pending(batch: ImportBatch, user) -> ImportBatch:
    if not is_reviewer(user):
        raise PermissionDenied("Only a reviewer may accept or reject an import batch.")
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != RevisionStatus.PENDING:
        raise ValidationError(f"Import batch {batch.pk} is {batch.status}, not pending.")
    return batch


def _decide(batch: ImportBatch, status: str, user, reason: str) -> ImportBatch:
    batch.status, batch.decided_by, batch.decided_at = status, user, timezone.now()
    batch.decision_reason = reason
    batch.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return batch
