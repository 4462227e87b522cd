"""The append-only history of every curated table."""

from django.db import models


class HistoryEvent(models.Model):
    """One change to one curated record: who, when, the row before and after, and why.

    Written by database triggers on every curated table (migration 0007), so every write path
    is recorded: the admin, the API, imports, commands, ``QuerySet.update`` and raw SQL. Who,
    why and the request id come from the writer's transaction (``config.history``). Rows
    can be added, never changed, removed or truncated: triggers refuse it, except the
    redaction of a legal takedown, which only the database function
    ``incidents_history_purge`` may do (``manage.py purge`` calls it), adding a ``purge`` row
    that says who and why (migration 0017).
    """

    at = models.DateTimeField(help_text="When the writing transaction started.")
    table = models.CharField(max_length=64, help_text="The database table written.")
    resource = models.CharField(max_length=32, help_text="The API resource of the record.")
    object_id = models.BigIntegerField(help_text="The record's id.")
    operation = models.CharField(
        max_length=8,
        choices=[
            ("insert", "Created"),
            ("update", "Changed"),
            ("delete", "Removed"),
            ("purge", "Purged"),
        ],
        help_text="What happened; a purge blanked the record's earlier events.",
    )
    before = models.JSONField(null=True, help_text="The row before the change; null on insert.")
    after = models.JSONField(null=True, help_text="The row after the change; null on delete.")
    user_id = models.BigIntegerField(null=True, help_text="Id of the user who made the change.")
    username = models.CharField(max_length=150, blank=True)
    reason = models.TextField(blank=True, help_text="Why, as the editor said.")
    request_id = models.CharField(max_length=200, blank=True)
    via = models.CharField(max_length=64, blank=True, help_text="api, admin, command:NAME...")
    redacted = models.BooleanField(default=False, help_text="Content removed by a purge.")

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["resource", "object_id", "id"], name="incidents_history_record")
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.resource} {self.object_id} by {self.username or '?'}"

    @property
    def changes(self) -> dict[str, list]:
        """Fields whose value differs, as {field: [before, after]}."""
        return field_changes(self.before, self.after)


def field_changes(before: dict | None, after: dict | None) -> dict[str, list]:
    """The keys whose value differs between two versions of a row, as {key: [before, after]}."""
    before, after = before or {}, after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
