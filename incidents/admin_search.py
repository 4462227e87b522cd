"""Finding things in the admin: actors by how well a name matches, incidents by who and what.

Autocomplete shows the best match first, and Enter picks it: an actor whose slug, name or
alias *is* the term, then those where one starts with it, then those where a word in one
starts with it, then the rest; shorter names first within each. Incident search also finds
incidents through their actors (with their members, as the API's ``?actor=``), the words of
the quotes their claims rest on, and the titles of those quotes' sources.
"""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from .models import Actor, CasualtyReport, Involvement, Statement
from .models.actors import ACTOR_NAMES_FUNCTION

_ACTOR = '"incidents_actor"'
_NAMES = f"{ACTOR_NAMES_FUNCTION}({_ACTOR}.slug, {_ACTOR}.name, {_ACTOR}.aliases)"
_MATCH_RANK = f"""
CASE WHEN %s = ANY({_NAMES}) THEN 0
     WHEN EXISTS (SELECT 1 FROM unnest({_NAMES}) AS n WHERE n LIKE %s) THEN 1
     WHEN EXISTS (
         SELECT 1 FROM unnest({_NAMES}) AS n WHERE n LIKE ANY (ARRAY[%s, %s, %s])
     ) THEN 2
     ELSE 3 END
"""


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _searchable(term: str) -> str:
    # PostgreSQL text cannot hold a NUL character: a term with one finds nothing, not a 500.
    return term.replace("\x00", "").strip()


def ranked_by_name_match(queryset: QuerySet, term: str) -> QuerySet:
    """``queryset`` of actors, best matches of ``term`` first (see the module's docstring)."""
    term = " ".join(_searchable(term).lower().split())
    if not term:
        return queryset
    prefix = _like_escaped(term) + "%"
    # A word starts after a space, a hyphen ("Pro-Russian") or a parenthesis.
    words = ("% " + prefix, "%-" + prefix, "%(" + prefix)
    rank = RawSQL(_MATCH_RANK, (term, prefix, *words))  # noqa: S611 - parameters bound
    return queryset.annotate(name_match=rank).order_by("name_match", Length("name"), "name", "pk")


def incidents_about(term: str) -> Q:
    """Incidents that ``term`` names through an actor (and its members) or the evidence."""
    term = _searchable(term)
    actors = Actor.objects.resolve_ids(term)
    quoted = Q(quote__text__icontains=term) | Q(quote__source__title__icontains=term)
    return (
        Q(pk__in=Involvement.objects.filter(Q(actor_id__in=actors) | quoted).values("incident_id"))
        | Q(pk__in=CasualtyReport.objects.filter(quoted).values("incident_id"))
        | Q(pk__in=Statement.objects.filter(quoted).values("incidents"))
    )


class ActorListFilter(admin.ListFilter):
    """``?actor=russia``: incidents naming that actor or one of its members in an involvement.

    A box to type into rather than a list to pick from (there are thousands of actors); the
    term is resolved as the API's ``?actor=`` resolves it: slug, name or alias, any case.
    """

    title = "actor (with its members)"
    parameter_name = "actor"
    template = "admin/ledger/text_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        values = params.pop(self.parameter_name, [""])
        self.term = _searchable(values[-1] if isinstance(values, list) else values)
        if self.term:
            self.used_parameters[self.parameter_name] = self.term

    def has_output(self) -> bool:
        return True

    def expected_parameters(self) -> list[str]:
        return [self.parameter_name]

    def queryset(self, request, queryset):
        if not self.term:
            return queryset
        actors = Actor.objects.resolve_ids(*self.term.split(","))
        return queryset.filter(
            pk__in=Involvement.objects.filter(actor_id__in=actors).values("incident_id")
        )

    def choices(self, changelist):
        # Every other parameter of the page (filters, search, ordering), but not its page number.
        kept = [
            (key, value) for key, value in changelist.params.items() if key != self.parameter_name
        ]
        yield {
            "parameter": self.parameter_name,
            "value": self.term,
            "hidden": kept,
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
        }
