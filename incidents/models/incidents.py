"""Incidents: what happened, when and where, and what the public may see of them."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, FilteredRelation, OuterRef, Prefetch, Q, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Lower

from config.expressions import Probe
from config.validators import MAX_LIST_ITEMS, not_in_the_future

from ..choices import (
    SUB_TYPES_BY_TYPE,
    AttributionGrade,
    CivilianHarmGrade,
    DatePrecision,
    GeoPrecision,
    IncidentStatus,
    IncidentSubType,
    IncidentType,
)
from .base import (
    SoftDeletable,
    _count_field,
    _live_manager,
    _range_constraints,
    _user_field,
    country_code,
)


def _sub_type_matches_type() -> Q:
    condition = Q()
    for type_, sub_types in SUB_TYPES_BY_TYPE.items():
        condition |= Q(type=type_, sub_type__in=sub_types)
    return condition


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
        from .claims import CasualtyReport, Involvement, Statement
        from .facts import IncidentFact

        # Relatives as the public may see them, for editors too: a hidden parent is None and
        # hidden children are left out, so that no representation embeds what is not public.
        public_parent = FilteredRelation(
            "parent",
            condition=Q(parent__status=IncidentStatus.PUBLISHED, parent__deleted_at__isnull=True),
        )
        return (
            self.annotate(public_parent=public_parent)
            .select_related("public_parent")
            .prefetch_related(
                Prefetch("children", queryset=Incident.objects.public(), to_attr="public_children"),
                Prefetch(
                    "involvements",
                    queryset=Involvement.objects.select_related(
                        "actor", "attributed_by", "quote__source"
                    )
                    .with_quote_context()
                    .annotate(actor_tree=RawSQL(ACTOR_ROOT_SQL, ())),  # noqa: S611 - no input
                ),
                Prefetch(
                    "casualty_reports",
                    queryset=CasualtyReport.objects.select_related(
                        "reported_by", "quote__source"
                    ).with_quote_context(),
                ),
                Prefetch(
                    "statements",
                    queryset=Statement.objects.select_related(
                        "speaker", "quote__source", "denies__incident"
                    ).with_quote_context(),
                ),
                Prefetch("facts", queryset=IncidentFact.objects.select_related("quote__source")),
            )
        )


# The root of the involved actor's tree (Russia for its Aerospace Forces): who is one
# belligerent, for the assessment (incidents.assessment). A few primary-key probes a claim.
ACTOR_ROOT_SQL = """
WITH RECURSIVE up(id, parent_id) AS (
    SELECT a.id, a.parent_id FROM incidents_actor AS a
    WHERE a.id = incidents_involvement.actor_id
    UNION ALL
    SELECT p.id, p.parent_id FROM incidents_actor AS p JOIN up ON p.id = up.parent_id
)
SELECT id FROM up WHERE parent_id IS NULL LIMIT 1
"""


def published_incident(column: str) -> Probe:
    """Whether the incident in the outer row's ``column`` is published: one index probe.

    Visibility checks nest probes (a quote's claims, then each claim's incident) and never
    join: a join inside a probe may be planned from the incidents' side, as it was on a
    freshly loaded database without statistics (20 s for a page of quotes)."""
    return Probe(Incident.objects.public().filter(pk=OuterRef(column)))


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
    other_countries = ArrayField(
        models.CharField(max_length=2, validators=[country_code]),
        size=MAX_LIST_ITEMS,
        default=list,
        blank=True,
        help_text="Further countries it took place in, ISO 3166-1 alpha-2 (a shoot-down on a "
        "border, a campaign in Iraq and Syria); `country` is the main one. `?country=` finds "
        "an incident by any of them.",
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
    civilian_figures_override_reason = models.TextField(
        blank=True,
        max_length=2_000,
        db_default="",  # rows inserted by raw SQL (imports) derive their figures too
        help_text="Empty: the civilian figures are derived from the casualty reports marked "
        "counted (lowest minimum to highest maximum of the civilians killed, and injured). "
        "Set by a reviewer, saying why, to keep typed figures instead.",
    )
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
    # Reviewers' judgement, set only through services.incident_grade (so never by an editor's
    # write, nor proposed in a revision: not editable).
    civilian_harm_grade = models.CharField(
        max_length=12,
        choices=CivilianHarmGrade.choices,
        blank=True,
        db_default="",  # rows inserted by raw SQL start ungraded too
        editable=False,
        help_text="A reviewer's assessment of the civilian harm (Airwars' grades); empty "
        "until graded.",
    )
    attribution_grade = models.CharField(
        max_length=12,
        choices=AttributionGrade.choices,
        blank=True,
        db_default="",  # rows inserted by raw SQL start ungraded too
        editable=False,
        help_text="A reviewer's assessment of who is responsible; empty until graded.",
    )
    graded_by = _user_field("The reviewer who last graded it.")
    graded_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was last graded."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="merged",
        help_text="The incident this one was merged into as a duplicate (it is then deleted, and "
        "its id and slug redirect there); set only by services.incident_merge.",
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
            GinIndex(fields=["other_countries"], name="incidents_incident_other_c"),
            models.Index(
                fields=["status", "-start_date", "-id"], name="incidents_incident_listing"
            ),
            models.Index(fields=["updated_at", "id"], name="incidents_incident_updated"),
            # The possible-duplicates check (incidents/duplicates.py): incidents whose last day
            # is on or after a date, and whose first is on or before another.
            models.Index(
                Coalesce("end_date", "start_date"), "start_date", name="incidents_incident_dates"
            ),
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
            # Slugs are looked up in lower case (/api/.../<slug>): the API and the admin
            # lower-case them; the database refuses any other path's capitals.
            models.CheckConstraint(
                condition=Q(slug=Lower("slug")), name="%(app_label)s_%(class)s_slug_lower_case"
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
            models.CheckConstraint(
                condition=Q(civilian_harm_grade__in=["", *CivilianHarmGrade.values])
                & Q(attribution_grade__in=["", *AttributionGrade.values]),
                name="%(app_label)s_%(class)s_grades_known",
            ),
            # A merged incident is gone from every list: it survives as history and a redirect.
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True)
                | (Q(deleted_at__isnull=False) & ~Q(merged_into=F("id"))),
                name="%(app_label)s_%(class)s_merged_is_deleted",
            ),
            # Graded as a whole: both grades, by a reviewer at a time, or none yet.
            models.CheckConstraint(
                condition=Q(civilian_harm_grade="", attribution_grade="", graded_at__isnull=True)
                | (
                    ~Q(civilian_harm_grade="")
                    & ~Q(attribution_grade="")
                    & Q(graded_at__isnull=False)
                ),
                name="%(app_label)s_%(class)s_graded_together",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """What ``IncidentQuerySet.public()`` asks of a row: published and not deleted."""
        return self.status == IncidentStatus.PUBLISHED and self.deleted_at is None

    def clean(self) -> None:
        errors = {}
        if self.type and self.sub_type and self.sub_type not in SUB_TYPES_BY_TYPE[self.type]:
            errors["sub_type"] = (
                f"'{self.sub_type}' is not a sub-type of '{self.type}'; use one of "
                f"{', '.join(SUB_TYPES_BY_TYPE[self.type])}."
            )
        others = list(self.other_countries or [])
        if self.country in others or len(set(others)) != len(others):
            errors["other_countries"] = (
                "List each further country once, and not the main one (`country`)."
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
        errors.update(self._derived_figure_errors())
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None and "parent" not in errors:
            if ancestor.pk in seen:
                errors["parent"] = "An incident cannot be part of itself."
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)

    def _derived_figure_errors(self) -> dict[str, str]:
        """Typed figures that differ from those the counted reports give, when no reviewer
        has overridden them: the database would replace them, so they are refused instead."""
        if self.pk is None or self.civilian_figures_override_reason.strip():
            return {}
        from .facts import FIGURES, _figure, counted_figures

        errors = {}
        for fact, derived in counted_figures(self).items():
            if derived is None:
                continue
            low_field, high_field, _ = FIGURES[fact]
            if (getattr(self, low_field), getattr(self, high_field)) != derived:
                errors[low_field] = (
                    f"Derived from the casualty reports marked counted: {_figure(*derived)}. "
                    "Mark other reports counted, or have a reviewer override the figures "
                    "with a reason (civilian_figures_override_reason)."
                )
        return errors


class IncidentAlias(models.Model):
    """A merged incident's dataset ids that its survivor could not take (it had its own), so
    that a later import of them updates the survivor (``incidents.interop.importer``) and a
    new incident with one of them is named a duplicate of it. The merged incident's old id
    and slug redirect through ``Incident.merged_into``."""

    incident = models.ForeignKey(
        Incident,
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="The survivor these ids now stand for.",
    )
    merged = models.OneToOneField(
        Incident,
        on_delete=models.CASCADE,
        related_name="alias",
        help_text="The incident merged into the survivor, which held these ids.",
    )
    acled_event_id = models.CharField(max_length=32, null=True, blank=True, unique=True)
    ucdp_ged_id = models.BigIntegerField(null=True, blank=True, unique=True)
    airwars_code = models.CharField(max_length=32, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "incident aliases"

    def __str__(self) -> str:
        return f"incident {self.merged_id} merged into {self.incident_id}"
