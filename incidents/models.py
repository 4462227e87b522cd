from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Case, F, Func, OuterRef, Prefetch, Q, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from config.expressions import Probe
from config.validators import MAX_LIST_ITEMS, not_in_the_future

from .choices import (
    SUB_TYPES_BY_TYPE,
    ActorKind,
    CasualtyCategory,
    DatePrecision,
    GeoPrecision,
    IncidentStatus,
    IncidentSubType,
    IncidentType,
    Population,
    Role,
    StatementKind,
)

MAX_COUNT = 100_000_000
"""Upper bound of any casualty or displacement figure: above every figure ever reported for a
whole war, so anything larger is a typing error."""

country_code = RegexValidator(r"^[A-Z]{2}$", "Use an ISO 3166-1 alpha-2 code such as 'SY'.")


def _count_field(help_text: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_COUNT)],
        help_text=f"{help_text} At most {MAX_COUNT:,}; empty when unknown.",
    )


def _range_constraints(low: str, high: str, name: str) -> list[models.BaseConstraint]:
    """A count range in the database: each end within [0, MAX_COUNT], and low <= high."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{low}__lte": MAX_COUNT}) | Q(**{f"{low}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{name}_min_bounded",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{high}__lte": MAX_COUNT}) | Q(**{f"{high}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{name}_max_bounded",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{low}__lte": F(high)})
            | Q(**{f"{low}__isnull": True})
            | Q(**{f"{high}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{name}_min_lte_max",
        ),
    ]


def _user_field(help_text: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def _sub_type_matches_type() -> Q:
    condition = Q()
    for type_, sub_types in SUB_TYPES_BY_TYPE.items():
        condition |= Q(type=type_, sub_type__in=sub_types)
    return condition


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
        with connection.cursor() as cursor:
            cursor.execute(f"WITH RECURSIVE {ACTOR_TREE_CTE} SELECT id FROM tree", {"n": needles})
            return [row[0] for row in cursor.fetchall()]

    def public(self) -> "ActorQuerySet":
        """Actors a public claim names (as actor, reporter or speaker), and their ancestors."""
        return self.filter(pk__in=RawSQL(PUBLIC_ACTORS_SQL, []))


# The actors public records name, and their ancestors, probed from each actor outwards through
# indexes and stopping at the first public claim: its public incidents (incidents_incidentactor),
# then its casualty reports and statements, each checked for a published incident. Reporters
# and speakers are few (tens among thousands of actors): a skip scan of each index finds them,
# so that no other actor is probed for reports or statements, which PostgreSQL would do by a
# scan of the whole table. OFFSET 0 keeps every EXISTS a correlated probe, whatever the
# statistics say: as a join, PostgreSQL may start from the hundreds of thousands of published
# incidents instead (23 s on a million incidents; minutes on the statistics of a bulk load).
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
    )
    UNION
    SELECT a.id, a.parent_id FROM incidents_actor AS a JOIN shown ON a.id = shown.parent_id
)
SELECT id FROM shown
"""


class SoftDeletable(models.Model):
    """A record whose delete keeps it: it leaves every list and the API, and stays stored.

    ``objects`` hides deleted rows; ``all_objects`` shows them. ``delete()`` is a soft
    delete; only the ``purge`` command removes rows, for legal takedowns.
    """

    deleted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was deleted; empty if live."
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def delete(self, using=None, keep_parents=False, *, user=None):
        self.deleted_at = timezone.now()
        self.deleted_by = user
        self.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        return 1, {self._meta.label: 1}

    def hard_delete(self):
        return super().delete()


def _live_manager(queryset_class: type[models.QuerySet]) -> models.Manager:
    class LiveManager(models.Manager.from_queryset(queryset_class)):
        def get_queryset(self):
            return super().get_queryset().filter(deleted_at__isnull=True)

    return LiveManager()


class IncidentQuerySet(models.QuerySet):
    def public(self) -> "IncidentQuerySet":
        """What the public may see: published incidents only."""
        return self.filter(status=IncidentStatus.PUBLISHED, deleted_at__isnull=True)

    def for_listing(self) -> "IncidentQuerySet":
        """What a list row shows: the incident and its public parent's id. The actors come in
        one query per page from ``involved_actors``."""
        # A subquery, not a join: evaluated for the page's rows only, and left out of counts.
        return self.annotate(
            public_parent_id=Case(
                When(published_incident("parent_id"), then=F("parent_id")), default=None
            )
        ).defer("summary", "search_vector", "retraction_reason")

    def with_evidence(self) -> "IncidentQuerySet":
        """Everything an incident's detail shows: each claim with its actor, quote and source."""
        return self.select_related("parent").prefetch_related(
            Prefetch("children", queryset=Incident.objects.public(), to_attr="public_children"),
            Prefetch(
                "involvements",
                queryset=Involvement.objects.select_related("actor", "quote__source"),
            ),
            Prefetch(
                "casualty_reports",
                queryset=CasualtyReport.objects.select_related("reported_by", "quote__source"),
            ),
            Prefetch(
                "statements",
                queryset=Statement.objects.select_related("speaker", "quote__source"),
            ),
        )


def involved_actors(incident_ids: list[int]) -> dict[int, list[dict]]:
    """Each incident's live involvements as {id, slug, name, kind, role}, in one query."""
    found: dict[int, list[dict]] = {pk: [] for pk in incident_ids}
    rows = (
        Involvement.objects.filter(incident_id__in=incident_ids)
        .order_by("incident_id", "id")
        .values_list("incident_id", "actor_id", "actor__slug", "actor__name", "actor__kind", "role")
    )
    for incident_id, actor_id, slug, name, kind, role in rows:
        found[incident_id].append(
            {"id": actor_id, "slug": slug, "name": name, "kind": kind, "role": role}
        )
    return found


def published_incident(column: str) -> Probe:
    """Whether the incident in the outer row's ``column`` is published: one index probe.

    Visibility checks nest probes (a quote's claims, then each claim's incident) and never
    join: a join inside a probe may be planned from the incidents' side, as it was on a
    freshly loaded database without statistics (20 s for a page of quotes)."""
    return Probe(Incident.objects.public().filter(pk=OuterRef(column)))


class ClaimQuerySet(models.QuerySet):
    def public(self) -> "ClaimQuerySet":
        """Live claims about a published incident."""
        return self.filter(published_incident("incident_id"), deleted_at__isnull=True)


class StatementQuerySet(models.QuerySet):
    def public(self) -> "StatementQuerySet":
        """Live statements about at least one published incident."""
        about = Statement.incidents.through.objects.filter(statement_id=OuterRef("pk"))
        return self.filter(
            Probe(about.filter(published_incident("incident_id"))), deleted_at__isnull=True
        )


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


class Incident(SoftDeletable):
    """Something that happened at a time and place, built on claims that cite quotes."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(
        blank=True, max_length=20_000, help_text="The editors' account, in their own words."
    )
    type = models.CharField(
        max_length=32, choices=IncidentType.choices, help_text="ACLED event type."
    )
    sub_type = models.CharField(
        max_length=40,
        choices=IncidentSubType.choices,
        help_text="ACLED sub-event type; it must belong to the type.",
    )
    start_date = models.DateField(
        validators=[not_in_the_future], help_text="First day of the incident; not after today."
    )
    end_date = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_the_future],
        help_text="Last day, when it spans several; empty for one day; not after today.",
    )
    date_precision = models.CharField(
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How precisely the dates are known (ACLED time_precision).",
    )
    country = models.CharField(
        max_length=2, validators=[country_code], help_text="ISO 3166-1 alpha-2 code."
    )
    admin1 = models.CharField(
        "admin1", max_length=200, blank=True, help_text="First-level region: province, governorate."
    )
    location_name = models.CharField(max_length=300, blank=True, help_text="Town, site or area.")
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="WGS 84 degrees, -90 to 90; given together with longitude.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="WGS 84 degrees, -180 to 180; given together with latitude.",
    )
    geo_precision = models.CharField(
        max_length=8,
        choices=GeoPrecision.choices,
        blank=True,
        help_text="What the coordinates stand for; required when they are given.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The larger incident this is part of: a single strike within a campaign.",
    )
    civilian_deaths_min = _count_field("Editors' lower bound of civilians killed.")
    civilian_deaths_max = _count_field("Editors' upper bound of civilians killed.")
    civilian_injuries_min = _count_field("Editors' lower bound of civilians injured.")
    civilian_injuries_max = _count_field("Editors' upper bound of civilians injured.")
    weapons = ArrayField(
        models.CharField(max_length=100),
        size=MAX_LIST_ITEMS,
        default=list,
        blank=True,
        help_text="Weapons reported, e.g. 'cluster munitions', 'unguided bombs'.",
    )
    status = models.CharField(
        max_length=16,
        choices=IncidentStatus.choices,
        default=IncidentStatus.DRAFT,
        help_text="Only published incidents are public.",
    )
    acled_event_id = models.CharField(
        "ACLED event id",
        max_length=32,
        null=True,
        blank=True,
        unique=True,
        help_text="ACLED's event_id_cnty for the same event, e.g. 'SYR12345'.",
    )
    ucdp_ged_id = models.BigIntegerField(
        "UCDP GED id",
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1)],
        help_text="UCDP Georeferenced Event Dataset id for the same event.",
    )
    airwars_code = models.CharField(
        "Airwars code",
        max_length=32,
        null=True,
        blank=True,
        unique=True,
        help_text="Airwars' incident code for the same event, e.g. 'CS1740'.",
    )
    created_by = _user_field("The editor who created it.")
    submitted_by = _user_field("Who sent it to review.")
    submitted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was last sent to review."
    )
    published_by = _user_field("The reviewer who published it.")
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was last published."
    )
    retracted_by = _user_field("The reviewer who retracted it.")
    retracted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was retracted."
    )
    retraction_reason = models.TextField(
        blank=True, editable=False, help_text="Why it was retracted, as the reviewer said."
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("location_name", "admin1", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = _live_manager(IncidentQuerySet)
    all_objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        permissions = [("publish_incident", "Can publish and retract incidents")]
        indexes = [
            GinIndex(fields=["search_vector"], name="incidents_incident_search"),
            models.Index(
                fields=["status", "-start_date", "-id"], name="incidents_incident_listing"
            ),
            models.Index(fields=["updated_at", "id"], name="incidents_incident_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90) | Q(latitude__isnull=True),
                name="%(app_label)s_%(class)s_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180) | Q(longitude__isnull=True),
                name="%(app_label)s_%(class)s_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="%(app_label)s_%(class)s_coordinates_together",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | ~Q(geo_precision=""),
                name="%(app_label)s_%(class)s_coordinates_have_precision",
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"),
                name="%(app_label)s_%(class)s_country_iso2",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")), name="%(app_label)s_%(class)s_not_own_parent"
            ),
            models.CheckConstraint(
                condition=_sub_type_matches_type(),
                name="%(app_label)s_%(class)s_sub_type_of_type",
            ),
            *_range_constraints("civilian_deaths_min", "civilian_deaths_max", "civilian_deaths"),
            *_range_constraints(
                "civilian_injuries_min", "civilian_injuries_max", "civilian_injuries"
            ),
            models.CheckConstraint(
                condition=~Q(acled_event_id="") & ~Q(airwars_code=""),
                name="%(app_label)s_%(class)s_external_ids_not_empty",
            ),
            models.CheckConstraint(
                condition=Q(ucdp_ged_id__gte=1), name="%(app_label)s_%(class)s_ucdp_ged_id_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.type and self.sub_type and self.sub_type not in SUB_TYPES_BY_TYPE[self.type]:
            errors["sub_type"] = (
                f"'{self.sub_type}' is not a sub-type of '{self.type}'; use one of "
                f"{', '.join(SUB_TYPES_BY_TYPE[self.type])}."
            )
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date is before the start date."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = (
                "Give latitude and longitude together."
            )
        if self.latitude is not None and not self.geo_precision:
            errors["geo_precision"] = "Say what the coordinates stand for."
        for low, high in [
            ("civilian_deaths_min", "civilian_deaths_max"),
            ("civilian_injuries_min", "civilian_injuries_max"),
        ]:
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                errors[high] = "The maximum is below the minimum."
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None and "parent" not in errors:
            if ancestor.pk in seen:
                errors["parent"] = "An incident cannot be part of itself."
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


class Involvement(SoftDeletable):
    """An actor's part in an incident, as one quote says. Disputed attributions are several."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="involvements")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="involvements")
    role = models.CharField(max_length=24, choices=Role.choices)
    quote = models.ForeignKey(
        "sources.Quote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
        help_text="The words that support this involvement; required before publishing.",
    )
    note = models.TextField(
        blank=True, max_length=5_000, help_text="Editors' note on this attribution."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = _live_manager(ClaimQuerySet)
    all_objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["incident_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "actor", "role", "quote"],
                name="%(app_label)s_%(class)s_unique_claim",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} as {self.get_role_display().lower()} in {self.incident}"


class CasualtyReport(SoftDeletable):
    """One reported figure for an incident, by one reporter, in one quote."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="casualty_reports"
    )
    category = models.CharField(max_length=16, choices=CasualtyCategory.choices)
    population = models.CharField(max_length=16, choices=Population.choices)
    min = _count_field("Lowest figure the report allows ('at least 200' gives 200).")
    max = _count_field("Highest figure the report allows ('nearly 300,000' gives 300,000).")
    reported_by = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casualty_reports",
        help_text="Who gives the figure; empty when the source does not say.",
    )
    quote = models.ForeignKey(
        "sources.Quote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="casualty_reports",
        help_text="The words that give the figure; required before publishing.",
    )
    as_of = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_the_future],
        help_text="The date the figure counts up to; not after today.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = _live_manager(ClaimQuerySet)
    all_objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["incident_id", "id"]
        constraints = [
            *_range_constraints("min", "max", "figure"),
            models.CheckConstraint(
                condition=Q(min__isnull=False) | Q(max__isnull=False),
                name="%(app_label)s_%(class)s_has_a_figure",
            ),
        ]

    def __str__(self) -> str:
        if self.min == self.max:
            figure = f"{self.min}"
        elif self.max is None:
            figure = f"at least {self.min}"
        elif self.min is None:
            figure = f"at most {self.max}"
        else:
            figure = f"{self.min}–{self.max}"
        return f"{figure} {self.population} {self.category}"

    def clean(self) -> None:
        if self.min is None and self.max is None:
            raise ValidationError("Give a minimum, a maximum or both.")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValidationError({"max": "The maximum is below the minimum."})


class Statement(SoftDeletable):
    """Words an actor said, held by a quote, about one or more incidents."""

    speaker = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="statements")
    quote = models.ForeignKey(
        "sources.Quote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The words said, or reported as said; required before publishing.",
    )
    kind = models.CharField(max_length=16, choices=StatementKind.choices)
    incidents = models.ManyToManyField(
        Incident, related_name="statements", blank=True, help_text="What the statement is about."
    )
    said_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_the_future],
        help_text="When it was said; empty when the source does not say; not after today.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = _live_manager(StatementQuerySet)
    all_objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-said_on", "-id"]
        # The list's order, walked from the top: a page stops after its rows instead of
        # sorting every public statement.
        indexes = [
            models.Index(F("said_on").desc(), F("id").desc(), name="incidents_statement_newest")
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.get_kind_display().lower()}"


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

    def __str__(self) -> str:
        return f"{self.resource} {self.object_id} touched at {self.at}"


class Change(models.Model):
    """One entry of the public change feed: a public record appeared, changed or went away."""

    resource = models.CharField(max_length=32, help_text="The API resource, e.g. 'incidents'.")
    object_id = models.BigIntegerField(help_text="The record's id in that resource.")
    action = models.CharField(max_length=16, choices=ChangeAction.choices)
    at = models.DateTimeField(help_text="When the change entered the feed.")

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
        before, after = self.before or {}, self.after or {}
        return {
            key: [before.get(key), after.get(key)]
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        }


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
