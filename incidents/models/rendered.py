"""Each public incident's representations, rendered once and served as stored bytes.

A detail costs the serializers ~15 ms and a list row ~0.1 ms; the same bytes read from one row
cost a primary-key probe (PERFORMANCE.md, "Second round"). ``incidents.rendered`` keeps the
rows: a trigger (migration 0030) deletes an incident's row in the transaction of any write
that touches it, its claims or its statements, so a read never serves a rendering older than
a committed write to the incident itself; the feed's worker renders the row again in the
transaction that announces the change on ``/api/changes``, and re-renders the incidents a write
to a shared record reaches (an actor renamed, a source retitled) the same way. A read that
finds no row takes the general path.
"""

from django.db import models
from django.db.models.functions import Now


class RenderedIncident(models.Model):
    """One public incident as the anonymous public reads it: its detail, its list row and its
    CSV line, in the exact bytes (UTF-8 text) the serializers and renderers make, and the
    detail's ETag."""

    incident_id = models.BigIntegerField(primary_key=True)
    start_date = models.DateField()
    detail = models.TextField()
    etag = models.CharField(max_length=34)
    item = models.TextField(help_text="The incident's row of the list, as JSON.")
    csv = models.TextField(
        null=True, help_text="The incident's line of the CSV export; null: not rendered yet."
    )
    rendered_at = models.DateTimeField(db_default=Now())

    class Meta:
        indexes = [
            # The list's order, for reading every public incident's row in it.
            models.Index(
                models.F("start_date").desc(),
                models.F("incident_id").desc(),
                name="incidents_rendered_by_date",
            )
        ]

    def __str__(self) -> str:
        return f"rendering of incident {self.incident_id}"


class RenderedRecord(models.Model):
    """One public actor, source, quote, statement or casualty report as its detail endpoint
    shows it to the public, in the JSON text of its snapshot line (``incidents.rendered``)."""

    pk = models.CompositePrimaryKey("resource", "object_id")
    resource = models.CharField(max_length=32, help_text="The feed's name of the resource.")
    object_id = models.BigIntegerField()
    body = models.TextField(help_text="The record's detail, as JSON.")

    class Meta:
        ordering = ["resource", "object_id"]

    def __str__(self) -> str:
        return f"rendering of {self.resource} {self.object_id}"
