"""What an incident's own facts rest on: its date, place, coordinates, weapons and headline
civilian figures each cite the quotes they come from, or carry an editor's note saying why
they are inferred."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..choices import CasualtyCategory, Fact, Population
from .base import SoftDeletable, _live_manager
from .claims import CasualtyReport, ClaimQuerySet
from .incidents import Incident

# The headline figure of each fact, and the casualty reports it is derived from.
FIGURES = {
    Fact.CIVILIAN_DEATHS: ("civilian_deaths_min", "civilian_deaths_max", CasualtyCategory.KILLED),
    Fact.CIVILIAN_INJURIES: (
        "civilian_injuries_min",
        "civilian_injuries_max",
        CasualtyCategory.INJURED,
    ),
}


class IncidentFact(SoftDeletable):
    """One citation of one of an incident's own facts: a quote it comes from, or, when no
    quote says it, the editor's note saying why it is inferred. A fact with several quotes
    has several citations; at most one note."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="facts")
    fact = models.CharField(
        max_length=20, choices=Fact.choices, help_text="Which of the incident's facts it cites."
    )
    quote = models.ForeignKey(
        "sources.Quote",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_facts",
        help_text="The words the fact comes from; empty when the note says why it is inferred.",
    )
    note = models.TextField(
        blank=True,
        max_length=2_000,
        help_text="Why the fact is inferred, when no quote says it (e.g. 'coordinates of the "
        "town centre named in the quote'); empty when a quote is given.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = _live_manager(ClaimQuerySet)
    all_objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["incident_id", "fact", "id"]
        verbose_name = "incident fact"
        constraints = [
            models.CheckConstraint(
                condition=(Q(quote__isnull=False) & Q(note=""))
                | (Q(quote__isnull=True) & Q(note__regex=r"\S")),
                name="%(app_label)s_%(class)s_quote_or_note",
                violation_error_message="Cite a quote, or write a note saying why the fact is "
                "inferred; not both.",
            ),
            models.UniqueConstraint(
                fields=["incident", "fact", "quote"],
                condition=Q(deleted_at__isnull=True),
                nulls_distinct=False,
                name="%(app_label)s_%(class)s_cited_once",
                violation_error_message="This fact already cites that quote (or has a note).",
            ),
        ]

    def __str__(self) -> str:
        basis = f"quote {self.quote_id}" if self.quote_id else "editor's note"
        return f"{self.get_fact_display()} of {self.incident_id}: {basis}"

    def clean(self) -> None:
        self.note = self.note.strip()
        if self.quote_id is None and not self.note:
            raise ValidationError(
                {"note": "Cite a quote, or write a note saying why the fact is inferred."}
            )
        if self.quote_id is not None and self.note:
            raise ValidationError(
                {
                    "note": "A fact cites a quote or carries a note, not both: cite the quote "
                    "alone, and add the note as a citation of its own when it says more."
                }
            )


def counted_figures(incident: Incident) -> dict[str, tuple[int | None, int | None] | None]:
    """Per headline fact, the range its counted reports give (lowest minimum to highest
    maximum; None for an open end), or None when no report of it is counted. The database
    (migration 0022) stores the same derivation on the incident."""
    found: dict = {fact: None for fact in FIGURES}
    reports = CasualtyReport.objects.filter(
        incident_id=incident.pk, counted=True, population=Population.CIVILIANS
    ).values_list("category", "min", "max")
    by_category: dict[str, list] = {}
    for category, low, high in reports:
        by_category.setdefault(category, []).append((low, high))
    for fact, (_, _, category) in FIGURES.items():
        ranges = by_category.get(category)
        if not ranges:
            continue
        lows = [low for low, _ in ranges]
        highs = [high for _, high in ranges]
        found[fact] = (
            None if None in lows else min(lows),
            None if None in highs else max(highs),
        )
    return found


def fact_values(incident: Incident) -> dict[str, str]:
    """The incident's facts that have a value, each as a reader would name it; only these
    need citing. Headline figures derived from counted reports rest on those reports' quotes,
    and overridden ones on the reviewer's reason, so neither is listed."""
    values = {}
    span = incident.start_date.isoformat() if incident.start_date else ""
    if incident.end_date and incident.end_date != incident.start_date:
        span = f"{span} to {incident.end_date.isoformat()}"
    if span:
        values[Fact.DATE] = span
    place = [p for p in (incident.location_name, incident.admin1) if p] or [incident.country]
    if any(place):
        values[Fact.PLACE] = ", ".join(p for p in place if p)
    if incident.latitude is not None and incident.longitude is not None:
        values[Fact.COORDINATES] = f"{incident.latitude}, {incident.longitude}"
    if incident.weapons:
        values[Fact.WEAPONS] = ", ".join(incident.weapons)
    if not incident.civilian_figures_override_reason:
        derived = counted_figures(incident) if incident.pk else {}
        for fact, (low_field, high_field, _) in FIGURES.items():
            low, high = getattr(incident, low_field), getattr(incident, high_field)
            if (low is None and high is None) or derived.get(fact) is not None:
                continue
            values[fact] = _figure(low, high)
    return values


def _figure(low, high) -> str:
    if low == high:
        return f"{low}"
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"at most {high}"
    return f"{low}–{high}"
