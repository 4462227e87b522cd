"""The public change feed: marks written by triggers, entries built from them, and what it
has announced."""

from django.db import models


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created: became public"
    UPDATED = "updated", "Updated"
    RETRACTED = "retracted", "Retracted by the editors"
    DELETED = "deleted", "Deleted, or no longer public"


class ChangeMark(models.Model):
    """A record some write touched, written by database triggers in the writer's transaction.

    Marks are a queue: ``incidents.changes.build_feed`` turns the committed ones into
    ``Change`` entries and deletes them.
    """

    resource = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    at = models.DateTimeField(help_text="When the writing transaction started.")

    class Meta:
        ordering = ["id"]
        indexes = [
            # Whether a write to an incident waits for the worker (one actor's page asks on
            # every read, incidents/api/listing.py), and which (rendered._store): a probe,
            # however many marks of other records a bulk load left.
            models.Index(
                fields=["object_id"],
                name="incidents_changemark_incident",
                condition=models.Q(resource="incidents"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id} touched at {self.at}"


class Change(models.Model):
    """One entry of the public change feed: a public record appeared, changed or went away."""

    resource = models.CharField(max_length=32, help_text="The API resource, e.g. 'incidents'.")
    object_id = models.BigIntegerField(help_text="The record's id in that resource.")
    action = models.CharField(max_length=16, choices=ChangeAction.choices)
    at = models.DateTimeField(help_text="When the change entered the feed.")
    merged_into = models.BigIntegerField(
        null=True,
        blank=True,
        help_text="For an incident deleted because it was merged into another: the survivor's id.",
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["at"], name="incidents_change_at")]

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id} {self.action}"


class FeedState(models.Model):
    """The records the feed has announced as public and not yet withdrawn."""

    resource = models.CharField(max_length=32)
    object_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "object_id"], name="%(app_label)s_%(class)s_unique_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id} is public"
