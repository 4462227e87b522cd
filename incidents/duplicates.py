"""Possible duplicates of an incident: another record of the same event, found before a second
one is saved without a word (issue 13: two records of one Ariha market strike).

Two incidents are possibly the same event when their dates overlap, give or take a day, and
they are within ``NEAR_KM`` of each other (both with coordinates) or name the same admin1 and
location (case-insensitively); or when they share a dataset id (ACLED, UCDP GED, Airwars),
their own or one a merged incident left them (``IncidentAlias``). A duplicate is a warning:
the editor may save anyway. A shared dataset id of the incidents' own is refused by the
database's unique constraints as well.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import (
    ASin,
    Coalesce,
    Cos,
    Least,
    Lower,
    Power,
    Radians,
    Sin,
    Sqrt,
    Trim,
)

from incidents.models import Incident, IncidentAlias

NEAR_KM = 10.0
EARTH_RADIUS_KM = 6371.0088
DAYS_APART = 1
LIMIT = 20
DATASET_IDS = {
    "acled_event_id": "ACLED event id",
    "ucdp_ged_id": "UCDP GED id",
    "airwars_code": "Airwars code",
}
FIELDS = [
    "start_date",
    "end_date",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    *DATASET_IDS,
]


def _values_of(incident: Incident | Mapping) -> dict:
    if isinstance(incident, Mapping):
        return {name: incident.get(name) for name in FIELDS}
    return {name: getattr(incident, name) for name in FIELDS}


def _distance_km(latitude: float, longitude: float):
    """The haversine distance from (latitude, longitude) to each row's coordinates, in plain SQL
    arithmetic (no PostGIS); NULL where the row has none. ``Least`` keeps asin's argument at
    most 1 against rounding."""
    lat1, lon1 = Radians(Value(float(latitude))), Radians(Value(float(longitude)))
    lat2, lon2 = Radians(F("latitude")), Radians(F("longitude"))
    half_chord = Power(Sin((lat2 - lat1) / 2), 2) + Cos(lat1) * Cos(lat2) * Power(
        Sin((lon2 - lon1) / 2), 2
    )
    return ExpressionWrapper(
        2 * EARTH_RADIUS_KM * ASin(Least(Sqrt(half_chord), Value(1.0))),
        output_field=FloatField(),
    )


def possible_duplicates(
    incident: Incident | Mapping, *, among: QuerySet | None = None, exclude: int | None = None
) -> QuerySet:
    """The incidents that may record the same event as ``incident`` (a stored or unsaved
    Incident, or a mapping of its field values, e.g. a form's cleaned data), earliest
    first, at most ``LIMIT``: one query when evaluated.

    ``among`` is the set to look in (live incidents by default; pass the public ones for a
    reader who may see only those). The incident itself (``exclude``, or its own id) is never
    listed; deleted and merged incidents never are. Each row carries ``distance_km`` (None
    without coordinates on either side), ``same_place`` and one ``same_<dataset id>`` flag
    per dataset id: ``reasons()`` words them."""
    values = _values_of(incident)
    if exclude is None and isinstance(incident, Incident):
        exclude = incident.pk
    candidates = (among if among is not None else Incident.objects.all()).filter(
        deleted_at__isnull=True
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    annotations = {}
    nearby = Q(pk__in=[])
    start = values["start_date"]
    if isinstance(start, datetime.date):
        last = values["end_date"] if isinstance(values["end_date"], datetime.date) else start
        last = max(last, start)
        overlapping = Q(start_date__lte=_days_after(last, DAYS_APART)) & Q(
            last_date__gte=_days_after(start, -DAYS_APART)
        )
        place = Q(pk__in=[])
        latitude, longitude = values["latitude"], values["longitude"]
        if latitude is not None and longitude is not None:
            annotations["distance_km"] = _distance_km(latitude, longitude)
            place |= Q(distance_km__lte=NEAR_KM)
        else:
            annotations["distance_km"] = Value(None, output_field=FloatField())
        admin1, location = (values["admin1"] or "").strip(), (values["location_name"] or "").strip()
        if admin1 and location:
            annotations["admin1_key"] = Lower(Trim("admin1"))
            annotations["location_key"] = Lower(Trim("location_name"))
            same_place = Q(admin1_key=admin1.lower(), location_key=location.lower())
            place |= same_place
        else:
            same_place = Q(pk__in=[])
        annotations["same_place"] = _flag(same_place)
        nearby = overlapping & place
    else:
        annotations["distance_km"] = Value(None, output_field=FloatField())
        annotations["same_place"] = Value(False)
    shared = Q(pk__in=[])
    for name in DATASET_IDS:
        value = values[name]
        if value in (None, ""):
            annotations[f"same_{name}"] = Value(False)
            continue
        # Not correlated: evaluated once, so that each arm of the OR can use its index.
        aliased = IncidentAlias.objects.filter(**{name: value}).values("incident_id")[:1]
        same = Q(**{name: value}) | Q(pk=Subquery(aliased))
        annotations[f"same_{name}"] = _flag(same)
        shared |= same
    return (
        candidates.annotate(last_date=Coalesce("end_date", "start_date"), **annotations)
        .filter(nearby | shared)
        .order_by("start_date", "id")
        .only("id", "slug", "title", "status", *FIELDS)[:LIMIT]
    )


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


@dataclass
class _Span:
    start: datetime.date
    last: datetime.date


def reasons(incident: Incident | Mapping, found: Incident) -> list[str]:
    """Why ``found`` (a row of ``possible_duplicates(incident)``) may be the same event, in
    words: e.g. ["same day", "3.2 km apart"]."""
    values = _values_of(incident)
    why = []
    start = values["start_date"]
    if isinstance(start, datetime.date):
        ours = _Span(start, max(values["end_date"] or start, start))
        theirs = _Span(found.start_date, found.end_date or found.start_date)
        gap = max((theirs.start - ours.last).days, (ours.start - theirs.last).days, 0)
        if gap:
            why.append(f"{gap} day apart" if gap == 1 else f"{gap} days apart")
        elif ours == theirs and ours.start == ours.last:
            why.append("same day")
        else:
            why.append("dates overlap")
    if found.distance_km is not None and found.distance_km <= NEAR_KM:
        why.append(f"{found.distance_km:.1f} km apart")
    if found.same_place:
        why.append("same admin1 and location name")
    for name, label in DATASET_IDS.items():
        if getattr(found, f"same_{name}"):
            why.append(f"same {label}")
    return why


def duplicate_rows(incident: Incident | Mapping, **options) -> list[dict]:
    """``possible_duplicates`` as the API and the admin show them: id, slug, title, start
    date, location name, status and why."""
    return [
        {
            "id": found.pk,
            "slug": found.slug,
            "title": found.title,
            "start_date": found.start_date,
            "location_name": found.location_name,
            "status": found.status,
            "why": reasons(incident, found),
        }
        for found in possible_duplicates(incident, **options)
    ]


def _days_after(day: datetime.date, days: int) -> datetime.date:
    """``day`` moved by ``days``, held within the dates Python has (year 1 to 9999)."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.min if days < 0 else datetime.date.max
