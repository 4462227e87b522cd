import difflib
import re

from django import forms
from django.db.models import CharField, Exists, F, Func, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django_filters import rest_framework as filters

from config.api.filters import (
    MAX_ID,
    ChoiceField,
    ChoiceFilter,
    CommaListFilter,
    DateFilter,
    IntegerFilter,
    IsoDateTimeFilter,
    PatternMixin,
    SearchFilter,
    StableOrderingFilter,
    TextField,
    TextFilter,
    q_label,
    rank_ordering,
)
from config.api.permissions import can_see_drafts
from incidents.choices import (
    ActorKind,
    AttributionGrade,
    CasualtyCategory,
    CivilianHarmGrade,
    Fact,
    IncidentStatus,
    IncidentSubType,
    IncidentType,
    Population,
    Role,
    StatementKind,
)
from incidents.interop import countries
from incidents.models import (
    MAX_COUNT,
    Actor,
    CasualtyReport,
    Incident,
    IncidentActor,
    IncidentFact,
    Involvement,
    Statement,
)
from incidents.models.actors import ACTOR_NAMES_FUNCTION, actor_needles
from sources.models import Quote

ACTOR_LABEL = (
    "Actors by slug, name or alias, any case; a comma means any of. Each actor's descendants "
    "count too: `russia` includes the Kremlin, its spokesman and the Aerospace Forces."
)


_LAT = r"-?(90(\.0+)?|[1-8]?[0-9](\.[0-9]+)?)"
_LON = r"-?(180(\.0+)?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]+)?)"


class BBoxField(PatternMixin, forms.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in WGS 84 degrees, each in range (the pattern says
    so); the minimum corner south-west of the maximum one."""

    pattern = rf"^{_LON},{_LAT},{_LON},{_LAT}$"

    def explain(self, value: str) -> str:
        parts = value.split(",")
        number = r"-?[0-9]+(\.[0-9]+)?"
        if len(parts) != 4 or not all(re.fullmatch(number, p) for p in parts):
            return "Expected four numbers without spaces: min_lon,min_lat,max_lon,max_lat."
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            return "Latitudes must be between -90 and 90."
        return "Longitudes must be between -180 and 180."

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in value.split(","))
        if min_lon > max_lon or min_lat > max_lat:
            raise forms.ValidationError(
                "The minimum corner must be south-west of the maximum.", code="invalid"
            )
        return (min_lon, min_lat, max_lon, max_lat)


class BBoxFilter(filters.CharFilter):
    field_class = BBoxField

    def filter(self, qs, value):
        if value is None:
            return qs
        min_lon, min_lat, max_lon, max_lat = value
        return qs.filter(
            longitude__gte=min_lon,
            longitude__lte=max_lon,
            latitude__gte=min_lat,
            latitude__lte=max_lat,
        )


class AnyCountryField(TextField):
    """A country as ISO 3166-1 alpha-2 (SY), alpha-3 (SYR), numeric (760, ACLED's ``iso``) or
    its English name (Syria, Syrian Arab Republic), any case → its alpha-2 code."""

    pattern = r"^[^\x00]{1,100}$"

    def explain(self, value: str) -> str:
        return "At most 100 characters, no null characters."

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        code = countries.code_from_any(value)
        if code is None:
            raise forms.ValidationError(
                f"Unknown country {value[:100]!r}: give an ISO 3166-1 code (SY, SYR, 760) or "
                "its English name (Syria).",
                code="invalid_choice",
            )
        return code


class AnyCountryFilter(filters.CharFilter):
    field_class = AnyCountryField


class LabelChoiceField(ChoiceField):
    """One of the choices, by its code or its label (ACLED's: "Explosions/Remote violence"),
    any case."""

    def to_python(self, value):
        value = super().to_python(value)
        by_name = {}
        for code, label in self.choices:
            by_name[str(code).casefold()] = code
            by_name[str(label).casefold()] = code
        return by_name.get(value.strip().casefold(), value) if value else value


class LabelChoiceFilter(filters.ChoiceFilter):
    field_class = LabelChoiceField


MAX_SUGGESTION_CANDIDATES = 5000


def unknown_actor_terms(terms, *, public: bool) -> list[str]:
    """The terms that name no actor (no public one when ``public``) by slug, name or alias."""
    needles = actor_needles(terms)
    if not needles:
        return []
    actors = Actor.objects.public() if public else Actor.objects.all()
    named = RawSQL(
        f"SELECT id FROM incidents_actor WHERE {ACTOR_NAMES_FUNCTION}(slug, name, aliases) "
        "&& %s::text[]",
        [needles],
    )
    names = actors.filter(pk__in=named)
    known = set()
    for slug, name, aliases in names.values_list("slug", "name", "aliases"):
        known.update(n.lower() for n in (slug, name, *aliases))
    return [term for term in terms if term.strip().lower() not in known]


def closest_actor_names(term: str, *, public: bool, n: int = 3) -> list[str]:
    """The names of (public) actors closest to ``term``, by difflib's ratio, any case."""
    actors = Actor.objects.public() if public else Actor.objects.all()
    names = list(actors.order_by("id").values_list("name", flat=True)[:MAX_SUGGESTION_CANDIDATES])
    by_lower = {}
    for name in names:
        by_lower.setdefault(name.lower(), name)
    found = difflib.get_close_matches(term.lower(), list(by_lower), n=n, cutoff=0.5)
    return [by_lower[key] for key in found]


def is_id(value: str) -> bool:
    """A numeric id rather than a slug: ASCII digits (``str.isdigit`` takes ``²`` too)."""
    return value.isascii() and value.isdigit()


class ClaimOfIncidentMixin:
    """``?incident=``: the claims of the incident of this id or slug."""

    def filter_incident(self, qs, name, value):
        return qs.filter(incident_id=value) if is_id(value) else qs.filter(incident__slug=value)


class IncidentFilterSet(filters.FilterSet):
    actor = CommaListFilter(method="filter_actor", label=ACTOR_LABEL)
    role = ChoiceFilter(
        choices=Role.choices,
        method="filter_role",
        label="Role of an involvement; with `actor`, that actor in that role.",
    )
    attributed_by = CommaListFilter(
        method="filter_attributed_by",
        label="Who attributes a role (slug, name or alias, any case; a comma means any of; "
        "descendants count too). With `actor` (and `role`), on the same involvement: "
        "`actor=russia&attributed_by=united-states` is the United States blaming Russia.",
    )
    type = LabelChoiceFilter(
        choices=IncidentType.choices,
        label="ACLED event type: its code or ACLED's label (`Explosions/Remote violence`), "
        "any case.",
    )
    sub_type = LabelChoiceFilter(
        choices=IncidentSubType.choices,
        label="ACLED sub-event type: its code or ACLED's label (`Air/drone strike`), any case.",
    )
    country = AnyCountryFilter(
        method="filter_country",
        label="Country: ISO 3166-1 alpha-2 (SY), alpha-3 (SYR), numeric (760, ACLED's `iso`) "
        "or English name (Syria), any case; the incident's main country or one of its "
        "`other_countries`.",
    )
    admin1 = TextFilter(lookup_expr="iexact", max_length=200, label="First-level region, any case.")
    date_from = DateFilter(
        method="filter_date_from", label="Incidents still going on or after this date (YYYY-MM-DD)."
    )
    date_to = DateFilter(
        method="filter_date_to", label="Incidents that began on or before this date (YYYY-MM-DD)."
    )
    min_civilian_deaths = IntegerFilter(
        method="filter_min_deaths",
        min_value=0,
        max_value=MAX_COUNT,
        label="Incidents whose curated civilian death range reaches at least this number.",
    )
    max_civilian_deaths = IntegerFilter(
        method="filter_max_deaths",
        min_value=0,
        max_value=MAX_COUNT,
        label="Incidents whose curated civilian death range reaches down to this number or less.",
    )
    source = IntegerFilter(
        method="filter_source",
        min_value=1,
        max_value=MAX_ID,
        label="Id of a source that a claim of the incident quotes.",
    )
    status = ChoiceFilter(
        choices=IncidentStatus.choices,
        label="Workflow status. The public sees only published incidents; editors see all.",
    )
    grade = ChoiceFilter(
        field_name="civilian_harm_grade",
        choices=CivilianHarmGrade.choices,
        label="Reviewers' civilian-harm grade (Airwars' rubric); ungraded incidents never match.",
    )
    attribution = ChoiceFilter(
        field_name="attribution_grade",
        choices=AttributionGrade.choices,
        label="Reviewers' attribution grade: single, contested (between the named actors of "
        "each incident's `contested_between`) or unknown.",
    )
    acled_event_id = TextFilter(
        max_length=32, label="ACLED event id (event_id_cnty) of the same event."
    )
    ucdp_ged_id = IntegerFilter(
        method="filter_ucdp_ged_id",
        min_value=1,
        max_value=MAX_ID,
        label="UCDP GED id of the same event.",
    )
    airwars_code = TextFilter(max_length=32, label="Airwars code of the same event.")
    q = SearchFilter(label=q_label("title, summary and place"))
    bbox = BBoxFilter(
        label="Bounding box min_lon,min_lat,max_lon,max_lat (WGS 84), e.g. 35.5,34.5,37,36.5."
    )
    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Incidents changed at or after this instant (ISO 8601, e.g. 2015-12-01T00:00:00Z).",
    )
    ordering = StableOrderingFilter(
        fields=[
            "start_date",
            "end_date",
            "updated_at",
            "civilian_deaths_min",
            "civilian_deaths_max",
            "title",
            "id",
        ],
        ranked=True,
        label="Sort order; prefix a field with - for descending. Default -start_date. "
        "`-rank`: the best matches of `q` first.",
    )

    class Meta:
        model = Incident
        fields = []

    def filter_actor(self, qs, name, terms):
        if not terms:
            return qs
        actors = Actor.objects.resolve_ids(*terms)
        data = self.form.cleaned_data
        if data.get("role") or data.get("attributed_by"):
            return qs.filter(Exists(self._involvements().filter(actor__in=actors)))
        # The actor-incident table, an index on actor and dates, not a scan of involvements;
        # a date range is applied there too, so that the planner walks only the actor's span.
        links = IncidentActor.objects.filter(actor__in=actors)
        if self.request is not None and not can_see_drafts(self.request.user, Incident):
            # The public see published incidents only: the index's partial rows. (No request:
            # a command such as export_events, which chooses its incidents itself.)
            links = links.filter(is_public=True)
        if date_from := self.form.cleaned_data.get("date_from"):
            links = links.filter(last_date__gte=date_from)
        if date_to := self.form.cleaned_data.get("date_to"):
            links = links.filter(start_date__lte=date_to)
        return qs.filter(pk__in=links.values("incident"))

    def _involvements(self):
        """The incident's involvements in the role and by the attributer asked for: one
        involvement must match them all (and the actor, in ``filter_actor``)."""
        involvements = Involvement.objects.filter(incident=OuterRef("pk"))
        if role := self.form.cleaned_data.get("role"):
            involvements = involvements.filter(role=role)
        if attributers := self.form.cleaned_data.get("attributed_by"):
            involvements = involvements.filter(
                attributed_by__in=Actor.objects.resolve_ids(*attributers)
            )
        return involvements

    def filter_role(self, qs, name, role):
        if not role or self.form.cleaned_data.get("actor"):
            return qs  # with an actor, filter_actor applies the role to the same involvement
        return qs.filter(Exists(self._involvements()))

    def filter_attributed_by(self, qs, name, terms):
        data = self.form.cleaned_data
        if not terms or data.get("actor") or data.get("role"):
            return qs  # filter_actor or filter_role applies it to the same involvement
        return qs.filter(Exists(self._involvements()))

    def filter_country(self, qs, name, value: str):
        return qs.filter(Q(country=value) | Q(other_countries__contains=[value]))

    def filter_date_from(self, qs, name, value):
        return qs.filter(Q(end_date__gte=value) | Q(end_date__isnull=True, start_date__gte=value))

    def filter_date_to(self, qs, name, value):
        return qs.filter(start_date__lte=value)

    def filter_min_deaths(self, qs, name, value: int):
        return qs.filter(
            Q(civilian_deaths_max__gte=value)
            | Q(civilian_deaths_max__isnull=True, civilian_deaths_min__isnull=False)
        )

    def filter_max_deaths(self, qs, name, value: int):
        return qs.filter(
            Q(civilian_deaths_min__lte=value)
            | Q(civilian_deaths_min__isnull=True, civilian_deaths_max__isnull=False)
        )

    def filter_ucdp_ged_id(self, qs, name, value: int):
        return qs.filter(ucdp_ged_id=value)

    def filter_source(self, qs, name, value: int):
        quotes = Quote.objects.filter(source_id=value)
        return qs.filter(
            Exists(Involvement.objects.filter(incident=OuterRef("pk"), quote__in=quotes))
            | Exists(CasualtyReport.objects.filter(incident=OuterRef("pk"), quote__in=quotes))
            | Exists(Statement.objects.filter(incidents=OuterRef("pk"), quote__in=quotes))
        )

    def is_valid(self):
        valid = super().is_valid()
        data = getattr(self.form, "cleaned_data", {})
        if valid and data.get("actor") and not data.get("updated_since"):
            # A term that names no actor the asker may see is a 400 with the closest names; a
            # hidden actor answers exactly as an unknown one. A poll (updated_since) gets an
            # empty page instead (filter_actor), so that a retraction never breaks it.
            # (No request: a command such as export_events, which sees every actor.)
            public = self.request is not None and not can_see_drafts(self.request.user, Incident)
            unknown = unknown_actor_terms(data["actor"], public=public)
            if unknown:
                for term in unknown:
                    closest = closest_actor_names(term, public=public)
                    hint = f" Closest: {', '.join(closest)}." if closest else ""
                    self.form.add_error(
                        "actor",
                        forms.ValidationError(
                            f"No actor is named {term[:100]!r}.{hint}", code="invalid_choice"
                        ),
                    )
                return False
        if (
            valid
            and data.get("date_from")
            and data.get("date_to")
            and data["date_from"] > data["date_to"]
        ):
            self.form.add_error(
                "date_to", forms.ValidationError("date_to is before date_from.", code="invalid")
            )
            return False
        return valid


class InvolvementFilterSet(ClaimOfIncidentMixin, filters.FilterSet):
    incident = TextFilter(method="filter_incident", label="Id or slug of the incident.")
    actor = CommaListFilter(method="filter_actor", label=ACTOR_LABEL)
    role = ChoiceFilter(choices=Role.choices, label="The actor's part in the incident.")
    attributed_by = CommaListFilter(
        method="filter_attributed_by",
        label=ACTOR_LABEL.replace("Actors", "Who attributes the role:"),
    )

    class Meta:
        model = Involvement
        fields = []

    def filter_attributed_by(self, qs, name, terms):
        return qs.filter(attributed_by__in=Actor.objects.resolve_ids(*terms)) if terms else qs

    def filter_actor(self, qs, name, terms):
        return qs.filter(actor__in=Actor.objects.resolve_ids(*terms)) if terms else qs


class StatementFilterSet(filters.FilterSet):
    actor = CommaListFilter(method="filter_actor", label=ACTOR_LABEL.replace("Actors", "Speakers"))
    incident = TextFilter(method="filter_incident", label="Id or slug of an incident it is about.")
    kind = ChoiceFilter(choices=StatementKind.choices, label="Kind of statement.")
    said_from = DateFilter(
        field_name="said_on", lookup_expr="gte", label="Said on or after (YYYY-MM-DD)."
    )
    said_to = DateFilter(
        field_name="said_on", lookup_expr="lte", label="Said on or before (YYYY-MM-DD)."
    )
    q = SearchFilter(vector="quote__search_vector", label=q_label("the quoted words"))
    ordering = rank_ordering("newest first")

    class Meta:
        model = Statement
        fields = []

    def filter_actor(self, qs, name, terms):
        return qs.filter(speaker__in=Actor.objects.resolve_ids(*terms)) if terms else qs

    def filter_incident(self, qs, name, value):
        lookup = {"incident_id": value} if is_id(value) else {"incident__slug": value}
        # Only published incidents: a draft's id or slug must match nothing, as if unknown.
        about = Statement.incidents.through.objects.filter(
            statement=OuterRef("pk"), incident__in=Incident.objects.public(), **lookup
        )
        return qs.filter(Exists(about))


class ActorFilterSet(filters.FilterSet):
    q = TextFilter(
        method="search",
        max_length=200,
        label="Part of the actor's name, slug or one of its aliases, any case.",
    )
    kind = ChoiceFilter(choices=ActorKind.choices, label="Kind of actor.")
    country = AnyCountryFilter(
        label="Country: ISO 3166-1 alpha-2 (RU), alpha-3 (RUS), numeric (643) or English name "
        "(Russia), any case."
    )
    parent = TextFilter(
        method="filter_parent", label="Id or slug of the parent: its direct sub-actors."
    )

    class Meta:
        model = Actor
        fields = []

    def search(self, qs, name, value):
        if not value:
            return qs
        aliases = Func(
            F("aliases"), Value("|"), function="array_to_string", output_field=CharField()
        )
        return qs.alias(alias_text=aliases).filter(
            Q(name__icontains=value) | Q(slug__icontains=value) | Q(alias_text__icontains=value)
        )

    def filter_parent(self, qs, name, value):
        return qs.filter(parent_id=value) if is_id(value) else qs.filter(parent__slug=value)


class CasualtyReportFilterSet(ClaimOfIncidentMixin, filters.FilterSet):
    incident = TextFilter(method="filter_incident", label="Id or slug of the incident.")
    reported_by = CommaListFilter(
        method="filter_reported_by", label=ACTOR_LABEL.replace("Actors", "Reporters")
    )
    category = ChoiceFilter(choices=CasualtyCategory.choices, label="What the figure counts.")
    population = ChoiceFilter(choices=Population.choices, label="Whom the figure counts.")

    class Meta:
        model = CasualtyReport
        fields = []

    def filter_reported_by(self, qs, name, terms):
        return qs.filter(reported_by__in=Actor.objects.resolve_ids(*terms)) if terms else qs


class IncidentFactFilterSet(ClaimOfIncidentMixin, filters.FilterSet):
    incident = TextFilter(method="filter_incident", label="Id or slug of the incident.")
    fact = ChoiceFilter(choices=Fact.choices, label="Which of the incident's facts is cited.")

    class Meta:
        model = IncidentFact
        fields = []
