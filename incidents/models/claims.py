"""Claims about an incident, each resting on a quote: involvements, casualty reports,
statements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q

from config.expressions import Probe
from config.validators import not_in_the_future
from sources.context import context_annotations
from sources.models import Quote

from ..choices import (
    CasualtyCategory,
    Population,
    Role,
    StatementKind,
)
from .actors import Actor
from .base import SoftDeletable, _count_field, _live_manager, _range_constraints
from .incidents import Incident, published_incident


def involved_actors(incident_ids: list[int]) -> dict[int, list[dict]]:
    """Each incident's live involvements as {id, slug, name, kind, role, attributed_by (a
    slug)}, in one query."""
    found: dict[int, list[dict]] = {pk: [] for pk in incident_ids}
    rows = (
        Involvement.objects.filter(incident_id__in=incident_ids)
        .order_by("incident_id", "id")
        .values_list(
            "incident_id",
            "actor_id",
            "actor__slug",
            "actor__name",
            "actor__kind",
            "role",
            "attributed_by__slug",
        )
    )
    for incident_id, actor_id, slug, name, kind, role, attributed_by in rows:
        found[incident_id].append(
            {
                "id": actor_id,
                "slug": slug,
                "name": name,
                "kind": kind,
                "role": role,
                "attributed_by": attributed_by,
            }
        )
    return found


class QuotedQuerySet(models.QuerySet):
    def with_quote_context(self):
        """With the words around each claim's quote cut in SQL (sources.context), and without
        the whole body of its source."""
        return self.annotate(**context_annotations("quote")).defer("quote__source__body")


class ClaimQuerySet(QuotedQuerySet):
    def public(self) -> "ClaimQuerySet":
        """Live claims about a published incident."""
        return self.filter(published_incident("incident_id"), deleted_at__isnull=True)


class StatementQuerySet(QuotedQuerySet):
    def public(self) -> "StatementQuerySet":
        """Live statements about at least one published incident."""
        about = Statement.incidents.through.objects.filter(statement_id=OuterRef("pk"))
        return self.filter(
            Probe(about.filter(published_incident("incident_id"))), deleted_at__isnull=True
        )


class Involvement(SoftDeletable):
    """An actor's part in an incident, as one quote says. Disputed attributions are several.

    Who says so is ``attributed_by``, in the words of ``quote``: the quote that supports the
    involvement is the one in which the attribution is made, so it is not given twice (two
    parties attributing in different words are two involvements). Empty ``attributed_by``
    means the source's own reporting, as all involvements recorded before attribution had an
    author do. A role an actor claims for itself is ``claimed_responsibility``, attributed
    by that actor.
    """

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
    attributed_by = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attributions",
        help_text=(
            "Who attributes the role, in the words of the quote: e.g. the US State Department "
            "blaming Russia. Empty: the source's own reporting. A claim of responsibility is "
            "attributed by the claiming actor itself."
        ),
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
                fields=["incident", "actor", "role", "quote", "attributed_by"],
                name="%(app_label)s_%(class)s_unique_claim",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.CLAIMED_RESPONSIBILITY)
                | Q(attributed_by__isnull=False, attributed_by=F("actor")),
                name="%(app_label)s_%(class)s_claim_is_own_word",
                violation_error_message=(
                    "A claim of responsibility is the claiming actor's own word: it is "
                    "attributed by the actor itself."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} as {self.get_role_display().lower()} in {self.incident}"

    def clean(self) -> None:
        if self.role == Role.CLAIMED_RESPONSIBILITY and self.actor_id is not None:
            if self.attributed_by_id is None:
                self.attributed_by_id = self.actor_id
            elif self.attributed_by_id != self.actor_id:
                raise ValidationError(
                    {
                        "attributed_by": "A claim of responsibility is attributed by the "
                        "claiming actor itself; another actor's attribution is an alleged "
                        "perpetrator."
                    }
                )


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
        help_text=(
            "The date the figure is valid for: the last day of the period it counts when the "
            "words give one ('the first six weeks' of a campaign begun on 30 September 2015: "
            "2015-11-11), else the date it was stated (the statement's date, or the date of the "
            "source that reports it as current); empty when neither is known; not after today."
        ),
    )
    counted = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Whether the incident's headline civilian figures count this report: they "
        "run from the lowest minimum to the highest maximum of the counted reports of "
        "civilians killed (and injured). Editors mark curated reports; dataset reports "
        "count by default.",
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
        help_text=(
            "When it was said, as its quote or its source dates it (a quote in the present "
            "tense: the source's date); empty when they do not say; not after today, nor after "
            "the source's publication date."
        ),
    )
    denies = models.ForeignKey(
        Involvement,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="denials",
        help_text=(
            "The involvement a denial denies (e.g. Russia denying that it struck the market); "
            "only for a denial, about that involvement's incident."
        ),
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
        constraints = [
            models.CheckConstraint(
                condition=Q(denies__isnull=True) | Q(kind=StatementKind.DENIAL),
                name="%(app_label)s_%(class)s_only_denials_deny",
                violation_error_message="Only a denial denies an involvement.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.get_kind_display().lower()}"

    def clean(self) -> None:
        if self.denies_id is not None and self.kind != StatementKind.DENIAL:
            raise ValidationError({"denies": "Only a denial denies an involvement."})
        if self.said_on is not None and self.quote_id is not None:
            published = (
                Quote.objects.filter(pk=self.quote_id)
                .values_list("source__published_on", flat=True)
                .first()
            )
            if published is not None and self.said_on > published:
                raise ValidationError(
                    {
                        "said_on": (
                            f"Said on {self.said_on.isoformat()}, after its source was published "
                            f"({published.isoformat()}): a source reports only what was said "
                            "before it."
                        )
                    }
                )

    def clean_relations(self, many: dict) -> None:
        """The rules on the statement and its incidents together, with ``many`` the relations
        about to be set (``incidents.review`` applies a revision through it)."""
        incidents = many.get("incidents")
        if incidents is None and self.pk is not None:
            incidents = self.incidents.values_list("pk", flat=True)
        self.check_denies(incidents or [])

    def check_denies(self, incident_ids) -> None:
        """That the involvement denied is about one of ``incident_ids``, the incidents the
        statement is about (a many-to-many relation, set after ``clean()``: the API and the
        admin pass the ones given)."""
        if self.denies_id is None:
            return
        denied = Involvement.all_objects.filter(pk=self.denies_id).values_list(
            "incident_id", flat=True
        )
        if not set(denied) & {int(pk) for pk in incident_ids}:
            raise ValidationError(
                {"denies": "The denied involvement is about an incident this statement is not."}
            )


def _statement_link_label(link) -> str:
    # The link's label on the incident page (Django's own would be "Statement_incidents
    # object (31)"): the statement by its speaker, who the speaker speaks for, and its kind:
    # "Maria Zakharova (Russian Foreign Ministry), denial".
    statement = link.statement
    speaker = statement.speaker
    part_of = f" ({speaker.parent.name})" if speaker.parent_id else ""
    return f"{speaker.name}{part_of}, {statement.get_kind_display().lower()}"


Statement.incidents.through.__str__ = _statement_link_label
