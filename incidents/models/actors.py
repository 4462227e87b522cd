"""Actors: who acts or speaks, in a hierarchy, and how the public finds them."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connections, models
from django.db.models import F, Func, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from config.validators import MAX_LIST_ITEMS

from ..choices import (
    ActorKind,
)
from .base import country_code


def actor_needles(terms) -> list[str]:
    """The terms an actor filter was given, as ``ACTOR_TREE_CTE`` compares them."""
    return sorted({term.strip().lower() for term in terms if term.strip()})


# An actor's slug, name and aliases in lower case, as one array: a SQL function (migration
# 0013) so that a GIN index on it finds an actor by any of its names.
ACTOR_NAMES_FUNCTION = "incidents_actor_names"

# `tree`: the ids of the actors that any of %(n)s (lower-case terms) names by slug, name or
# alias, and of all their descendants. A fragment of a WITH RECURSIVE clause.
ACTOR_TREE_CTE = f"""
tree AS (
    SELECT id FROM incidents_actor
    WHERE {ACTOR_NAMES_FUNCTION}(slug, name, aliases) && %(n)s::text[]
    UNION
    -- Each step probes the parent index (OFFSET 0 keeps it a probe): a hash join would read
    -- every actor at each step, a millisecond on every actor page.
    SELECT child.id FROM tree CROSS JOIN LATERAL (
        SELECT c.id FROM incidents_actor AS c WHERE c.parent_id = tree.id OFFSET 0
    ) AS child
)
"""


class ActorQuerySet(models.QuerySet):
    def matching(self, *terms: str) -> "ActorQuerySet":
        """Actors named by any of ``terms`` (slug, name or alias, any case) and their descendants.

        ``matching("russia")`` gives Russia, the Kremlin, Dmitry Peskov, the Aerospace Forces...
        """
        return self.filter(pk__in=self.resolve_ids(*terms))

    def resolve_ids(self, *terms: str) -> list[int]:
        """The ids of ``matching(*terms)``, in one recursive query. Filters on a large table
        use them, so that the planner sees constants rather than a join on names."""
        needles = actor_needles(terms)
        if not needles:
            return []
        # On the database the queryset reads from: a public read's replica, like the rest.
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"WITH RECURSIVE {ACTOR_TREE_CTE} SELECT id FROM tree", {"n": needles})
            return [row[0] for row in cursor.fetchall()]

    def public(self) -> "ActorQuerySet":
        """Actors a public claim names (as actor, attributer, reporter or speaker), and their
        ancestors."""
        return self.filter(pk__in=RawSQL(PUBLIC_ACTORS_SQL, []))


# The actors public records name, and their ancestors, probed from each actor outwards through
# indexes and stopping at the first public claim: its public incidents (incidents_incidentactor),
# then its casualty reports, statements and the involvements it attributes, each checked for a
# published incident. Reporters, speakers and attributers are few (tens among thousands of
# actors): a skip scan of each index finds them, so that no other actor is probed for them,
# which PostgreSQL would do by a scan of the whole table. OFFSET 0 keeps every EXISTS a
# correlated probe, whatever the statistics say: as a join, PostgreSQL may start from the
# hundreds of thousands of published incidents instead (23 s on a million incidents; minutes
# on the statistics of a bulk load).
PUBLISHED_INCIDENT = """EXISTS (
    SELECT FROM incidents_incident AS i
    WHERE i.id = {incident} AND i.status = 'published' AND i.deleted_at IS NULL OFFSET 0
)"""
DISTINCT_VALUES = """{name}(id) AS (
    (SELECT {key} FROM {table} ORDER BY {key} LIMIT 1)
    UNION ALL
    SELECT (SELECT {key} FROM {table} WHERE {key} > {name}.id ORDER BY {key} LIMIT 1)
    FROM {name} WHERE {name}.id IS NOT NULL
)"""
PUBLIC_ACTORS_SQL = f"""
WITH RECURSIVE
{DISTINCT_VALUES.format(name="reporters", table="incidents_casualtyreport", key="reported_by_id")},
{DISTINCT_VALUES.format(name="speakers", table="incidents_statement", key="speaker_id")},
{DISTINCT_VALUES.format(name="attributers", table="incidents_involvement", key="attributed_by_id")},
shown(id, parent_id) AS (
    SELECT a.id, a.parent_id FROM incidents_actor AS a
    WHERE EXISTS (
        SELECT FROM incidents_incidentactor AS l WHERE l.actor_id = a.id AND l.is_public OFFSET 0
    ) OR a.id IN (SELECT id FROM reporters) AND EXISTS (
        SELECT FROM incidents_casualtyreport AS r
        WHERE r.reported_by_id = a.id AND r.deleted_at IS NULL
          AND {PUBLISHED_INCIDENT.format(incident="r.incident_id")}
        OFFSET 0
    ) OR a.id IN (SELECT id FROM speakers) AND EXISTS (
        SELECT FROM incidents_statement AS s
        JOIN incidents_statement_incidents AS si ON si.statement_id = s.id
        WHERE s.speaker_id = a.id AND s.deleted_at IS NULL
          AND {PUBLISHED_INCIDENT.format(incident="si.incident_id")}
        OFFSET 0
    ) OR a.id IN (SELECT id FROM attributers) AND EXISTS (
        SELECT FROM incidents_involvement AS v
        WHERE v.attributed_by_id = a.id AND v.deleted_at IS NULL
          AND {PUBLISHED_INCIDENT.format(incident="v.incident_id")}
        OFFSET 0
    )
    UNION
    SELECT a.id, a.parent_id FROM incidents_actor AS a JOIN shown ON a.id = shown.parent_id
)
SELECT id FROM shown
"""


class Actor(models.Model):
    """Someone who acts or speaks: a state, a ministry, a force, a group, a person."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=ActorKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body this actor belongs to: Peskov → Kremlin → Russia.",
    )
    aliases = ArrayField(
        models.CharField(max_length=200),
        size=MAX_LIST_ITEMS,
        default=list,
        blank=True,
        help_text="Other names sources use, e.g. 'Moscow' for Russia; matched by ?actor=.",
    )
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[country_code],
        help_text="ISO 3166-1 alpha-2 code of the actor's country; empty for international ones.",
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata item id such as 'Q159'.")],
        help_text="The Wikidata item, e.g. 'Q159' for Russia.",
    )
    description = models.TextField(blank=True, max_length=5_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="%(app_label)s_%(class)s_not_own_parent"
            ),
            # Slugs are looked up in lower case (/api/.../<slug>): the API and the admin
            # lower-case them; the database refuses any other path's capitals.
            models.CheckConstraint(
                condition=Q(slug=Lower("slug")), name="%(app_label)s_%(class)s_slug_lower_case"
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^([A-Z]{2})?$"),
                name="%(app_label)s_%(class)s_country_iso2",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id__regex=r"^(Q[1-9][0-9]*)?$"),
                name="%(app_label)s_%(class)s_wikidata_id_format",
            ),
        ]
        indexes = [
            # What ACTOR_TREE_CTE looks terms up in: every name of an actor, in lower case.
            GinIndex(
                Func("slug", "name", "aliases", function=ACTOR_NAMES_FUNCTION),
                name="incidents_actor_names",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"parent": "An actor cannot be its own ancestor."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
