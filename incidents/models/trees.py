"""Actor trees and their public incidents, kept by the feed builder (incidents/trees.py).

``?actor=X`` asks for the public incidents of X and of every actor below it. These tables
hold the answer ready: one row per public incident and tree, in list order, so that any page
of any actor is one index range scan, and the exact number of incidents per tree. Plain
tables, not materialized views: the builder changes them row by row in the transaction that
announces the change in the feed. Ids are plain integers, not foreign keys: the builder
removes what a deleted record leaves, and a delete never waits on these tables.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models


class ActorTree(models.Model):
    """An actor and one of its descendants, or itself: the closure of ``Actor.parent``."""

    pk = models.CompositePrimaryKey("ancestor_id", "actor_id")
    ancestor_id = models.BigIntegerField()
    actor_id = models.BigIntegerField(help_text="The ancestor itself or one of its descendants.")

    class Meta:
        ordering = ["ancestor_id", "actor_id"]
        indexes = [models.Index(fields=["actor_id"], name="incidents_actortree_actor")]

    def __str__(self) -> str:
        return f"actor {self.actor_id} under {self.ancestor_id}"


class TreeLink(models.Model):
    """A public incident of an actor tree: it involves the tree's root or a descendant.

    Each incident appears once per tree however many of the tree's actors it involves. The
    list-order index carries what a date range and a country filter read, so that their
    pages are index-only range scans too."""

    pk = models.CompositePrimaryKey("incident_id", "ancestor_id")
    ancestor_id = models.BigIntegerField(help_text="The tree's root actor.")
    incident_id = models.BigIntegerField()
    start_date = models.DateField()
    last_date = models.DateField(help_text="The incident's end date, or its start date.")
    country = models.CharField(max_length=2)
    other_countries = ArrayField(models.CharField(max_length=2), default=list)

    class Meta:
        ordering = ["ancestor_id", "-start_date", "-incident_id"]
        constraints = [
            models.UniqueConstraint(
                models.F("ancestor_id"),
                models.F("start_date").desc(),
                models.F("incident_id").desc(),
                name="incidents_treelink_list_order",
                include=["last_date", "country", "other_countries"],
            )
        ]

    def __str__(self) -> str:
        return f"incident {self.incident_id} in the tree of actor {self.ancestor_id}"


class TreeCount(models.Model):
    """How many public incidents an actor tree has (its ``TreeLink`` rows); no row is none."""

    ancestor_id = models.BigIntegerField(primary_key=True)
    n = models.IntegerField()

    class Meta:
        ordering = ["ancestor_id"]

    def __str__(self) -> str:
        return f"{self.n} incidents in the tree of actor {self.ancestor_id}"
