"""Derived read structures kept by database triggers."""

from django.db import models

from .actors import Actor
from .incidents import Incident


class IncidentActor(models.Model):
    """Which actors an incident involves, kept by database triggers from live involvements,
    with the incident's start date and visibility copied in so that "an actor's incidents,
    newest first" is one walk of one index, however common the actor (PERFORMANCE.md)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    start_date = models.DateField()
    last_date = models.DateField(help_text="The incident's end date, or its start date.")
    is_public = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "incident"], name="incidents_link_unique")
        ]
        indexes = [
            models.Index(
                "actor",
                models.F("start_date").desc(),
                models.F("incident").desc(),
                name="incidents_link_public_by_date",
                condition=models.Q(is_public=True),
                # A date range's other end, so that ?actor=X&date_from=... reads no table rows.
                include=["last_date"],
            )
        ]

    def __str__(self) -> str:
        return f"actor {self.actor_id} in incident {self.incident_id}"
