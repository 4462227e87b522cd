"""Pending revisions: editors' writes that would change what the public sees, held outside the
live tables until a reviewer accepts them (``incidents.review``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import RevisionOperation, RevisionStatus
from .history import field_changes


class Revision(models.Model):
    """One editor's write to a public record (or one that would make a record public), held
    for review. ``before`` is the record as it stood when the edit was made, ``after`` what
    the edit makes of it; accepting applies ``after`` only while the record still equals
    ``before``, so a reviewer never applies an edit to a version nobody reviewed."""

    resource = models.CharField(max_length=32, help_text="The API resource, e.g. 'involvements'.")
    object_id = models.BigIntegerField(
        null=True, blank=True, help_text="The record's id; empty for a record still to create."
    )
    operation = models.CharField(
        max_length=8, choices=RevisionOperation.choices, help_text="What the edit does."
    )
    status = models.CharField(
        max_length=16,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
        help_text="Pending until a reviewer accepts or rejects it, or its editor withdraws it.",
    )
    before = models.JSONField(null=True, help_text="The record's fields when the edit was made.")
    after = models.JSONField(null=True, help_text="The record's fields as the edit leaves them.")
    reason = models.TextField(blank=True, max_length=2000, help_text="Why, as the editor said.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True, help_text="When the edit was made.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was accepted, rejected or withdrawn."
    )
    decision_reason = models.TextField(
        blank=True, max_length=2000, help_text="Why the reviewer rejected it (or a note)."
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["resource", "object_id", "status"], name="incidents_rev_record")
        ]
        constraints = [
            # One pending revision a record: a second is refused with the first named.
            models.UniqueConstraint(
                fields=["resource", "object_id"],
                condition=Q(status="pending", object_id__isnull=False),
                name="%(app_label)s_%(class)s_one_pending_per_record",
            ),
            models.CheckConstraint(
                condition=Q(operation="create", object_id__isnull=True, before__isnull=True)
                | Q(operation="update", object_id__isnull=False)
                | Q(operation="delete", object_id__isnull=False, after__isnull=True)
                | ~Q(status="pending"),
                name="%(app_label)s_%(class)s_operation_shape",
            ),
        ]

    def __str__(self) -> str:
        record = f"{self.resource} {self.object_id}" if self.object_id else f"new {self.resource}"
        return f"Revision {self.pk}: {self.get_operation_display().lower()} ({record})"

    def describe(self) -> str:
        """What the revision does, in words: "your change to involvements 12"."""
        if self.operation == "create":
            return f"your new record in {self.resource}"
        what = "your change to" if self.operation == "update" else "deleting"
        return f"{what} {self.resource} {self.object_id}"

    @property
    def changes(self) -> dict[str, list]:
        """Fields the revision changes, as {field: [before, after]}."""
        return field_changes(self.before, self.after)


class ImportBatch(models.Model):
    """An editor's dataset import that would change published incidents (or publish new ones),
    held whole: the file as given, what it would change, and the reviewer's decision. Nothing
    of it is in the live tables until a reviewer accepts it; accepting imports the file as the
    reviewer, once more, while the published incidents it touches are as they were when it was
    proposed (``incidents.import_review``)."""

    dataset = models.CharField(max_length=8, help_text="The file's layout: acled or ucdp.")
    file_name = models.CharField(max_length=300, help_text="The file's name, as given.")
    content = models.TextField(help_text="The file's text, as given.")
    status_on_create = models.CharField(
        max_length=16, default="draft", help_text="Status of the incidents the import creates."
    )
    skip_invalid = models.BooleanField(default=False)
    status = models.CharField(
        max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    summary = models.CharField(
        max_length=300, help_text="What the import would do: created, updated, unchanged..."
    )
    public_incidents = models.JSONField(
        default=list, help_text="Ids of the published incidents the import would change."
    )
    since_event = models.BigIntegerField(
        help_text="The last history event when it was proposed: later changes to the "
        "incidents it touches make it stale."
    )
    reason = models.TextField(blank=True, max_length=2000, help_text="Why, as the editor said.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import batch {self.pk}: {self.dataset} {self.file_name} ({self.summary})"
