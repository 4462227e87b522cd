"""Filter fields shared by the resources' FilterSets.

Each field accepts exactly what the OpenAPI document says it does: the same regular expression
checks the value here and is published as the parameter's ``pattern`` (``schema`` on the field
class, read by ``config.api.schema``), with no silent stripping of spaces, so a client or a
fuzzer that follows the document is never refused and one that does not is always refused.
"""

import datetime
import re

import django_filters.fields
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.utils.dateparse import parse_datetime
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError

from config.api.pagination import SEARCH_COUNT_LIMIT, SEARCH_RANK

MAX_Q_LENGTH = 200
MAX_LIST_ITEMS = 20
MAX_ID = 2**63 - 1
"""Largest id a record can have (PostgreSQL bigint)."""

# What str.strip() and Python's \s take for white space, spelled out so that the patterns mean
# the same in Python and in the ECMA 262 dialect of OpenAPI.
SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL = r"^[^\x00]*$"
"""Any text but the NUL character, which PostgreSQL cannot store."""


EMPTY_MESSAGE = "Give a value, or leave the parameter out."


class PatternMixin:
    """A form field whose raw value must match ``pattern``, also published in the schema."""

    pattern = NO_NUL
    message = "Null characters are not allowed."
    code = "invalid"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(*args, **kwargs)

    @classmethod
    def schema(cls) -> dict:
        return {"pattern": cls.pattern}

    def to_python(self, value):
        # Present but empty (`?date_from=`) is a value too, refused unless the pattern takes it.
        if value is not None and not re.fullmatch(self.pattern, str(value)):
            message = EMPTY_MESSAGE if value == "" else self.explain(str(value))
            raise forms.ValidationError(message, code=self.code)
        return super().to_python(value)

    def explain(self, value: str) -> str:
        return self.message


class TextField(PatternMixin, forms.CharField):
    """Text as given, not stripped; no NUL character."""

    code = "null_characters_not_allowed"


class TextFilter(filters.CharFilter):
    field_class = TextField


_ITEM = rf"[{SPACE}]*[^,\x00{SPACE}][^,\x00]*"


class CommaListField(PatternMixin, forms.CharField):
    """``a,b,c`` → ``["a", "b", "c"]``, each item stripped; an empty item or too many items is an
    error. Only white space is no list at all."""

    pattern = rf"^([{SPACE}]*|{_ITEM}(,{_ITEM}){{0,{MAX_LIST_ITEMS - 1}}})$"

    def explain(self, value: str) -> str:
        if "\x00" in value:
            return "Null characters are not allowed."
        items = value.split(",")
        if len(items) > MAX_LIST_ITEMS:
            return f"At most {MAX_LIST_ITEMS} items, got {len(items)}."
        return "A comma-separated list with an empty item."

    def to_python(self, value):
        value = super().to_python(value)
        if not value or not value.strip():
            return []
        return [item.strip() for item in value.split(",")]

    def run_validators(self, value):
        for item in value:
            super().run_validators(item)


class CommaListFilter(filters.CharFilter):
    field_class = CommaListField


class CountryField(PatternMixin, forms.CharField):
    pattern = r"^([A-Za-z]{2})?$"
    message = "Use an ISO 3166-1 alpha-2 code such as SY."

    def to_python(self, value):
        return super().to_python(value).upper()


class CountryFilter(filters.CharFilter):
    """An ISO 3166-1 alpha-2 code, any case."""

    field_class = CountryField


class IntegerField(PatternMixin, forms.IntegerField):
    """A whole number written plainly (``12``, ``-3``): no spaces, signs, decimals or other
    digits than 0-9. The bounds are the filter's ``min_value`` and ``max_value``."""

    pattern = r"^-?[0-9]{1,19}$"
    message = "Enter a whole number."

    def __init__(self, *args, **kwargs):
        kwargs.pop("strip", None)
        forms.IntegerField.__init__(self, *args, **kwargs)

    @classmethod
    def schema(cls) -> dict:
        return {}  # the schema's type is integer, with the filter's bounds


class IntegerFilter(filters.NumberFilter):
    """A whole number; django-filter's NumberFilter takes decimals. The schema types it from
    the filter method's ``value: int`` hint, with ``min_value``/``max_value`` as its bounds."""

    field_class = IntegerField


class IsoDateField(PatternMixin, forms.DateField):
    """A calendar date as YYYY-MM-DD (RFC 3339 full-date), nothing else."""

    pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    message = "Enter a valid date as YYYY-MM-DD."
    input_formats = ["%Y-%m-%d"]

    def __init__(self, *args, **kwargs):
        kwargs.pop("strip", None)
        forms.DateField.__init__(self, *args, **kwargs)

    @classmethod
    def schema(cls) -> dict:
        return {}  # format: date says it


class DateFilter(filters.DateFilter):
    field_class = IsoDateField


class IsoDateTimeField(PatternMixin, forms.DateTimeField):
    """An instant as RFC 3339 date-time, with its offset: ``2015-12-01T00:00:00Z``."""

    pattern = (
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
        r"([Zz]|[+-][0-9]{2}:[0-9]{2})$"
    )
    message = "Enter an instant as in 2015-12-01T00:00:00Z, with its time zone."

    def __init__(self, *args, **kwargs):
        kwargs.pop("strip", None)
        forms.DateTimeField.__init__(self, *args, **kwargs)

    @classmethod
    def schema(cls) -> dict:
        return {}  # format: date-time says it

    def to_python(self, value):
        if value is None:
            return None
        if not re.fullmatch(self.pattern, str(value)):
            raise forms.ValidationError(
                EMPTY_MESSAGE if value == "" else self.message, code="invalid"
            )
        try:
            parsed = parse_datetime(str(value).upper())
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(self.message, code="invalid")
        # In UTC, as PostgreSQL takes offsets of at most 15:59 and RFC 3339 up to 23:59. An
        # instant UTC cannot hold in years 1 to 9999 is before or after any stored one.
        try:
            return parsed.astimezone(datetime.UTC)
        except OverflowError:
            edge = datetime.datetime.min if parsed.year == 1 else datetime.datetime.max
            return edge.replace(tzinfo=datetime.UTC)


class IsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = IsoDateTimeField


class ChoiceField(django_filters.fields.ChoiceField):
    """One of the choices; present but empty is not one of them."""

    def to_python(self, value):
        if value == "":
            raise forms.ValidationError(EMPTY_MESSAGE, code="invalid_choice")
        return super().to_python(value)


class ChoiceFilter(filters.ChoiceFilter):
    field_class = ChoiceField


class OrderingCSVField(django_filters.fields.BaseCSVField):
    """The comma-separated fields of an ordering, none of them empty: ``,`` or ``,,title``
    name no field, and are refused rather than read as no ordering."""

    def clean(self, value):
        if value is not None and "" in value:
            raise forms.ValidationError(
                "A comma-separated list of fields with an empty item.", code="invalid_choice"
            )
        return super().clean(value)


RANK = "rank"
"""The `ordering` name of a search's rank (``SearchFilter``): `-rank` is best first."""


class StableOrderingFilter(filters.OrderingFilter):
    """An ordering whose ties are broken by id, in the direction of the last field given, so
    that pages neither repeat nor skip a row. With ``ranked=True`` it also takes `rank`, the
    rank that `q` gives (``SearchFilter``): `-rank` is best first, ties in the list's usual
    order; without `q` there is nothing to rank by, a 400."""

    base_field_class = OrderingCSVField

    def __init__(self, *args, ranked: bool = False, **kwargs):
        if ranked:
            kwargs["fields"] = [*kwargs.get("fields", []), (SEARCH_RANK, RANK)]
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        ranked = any(self.get_ordering_value(p).lstrip("-") == SEARCH_RANK for p in value or [])
        if ranked and SEARCH_RANK not in qs.query.annotations:
            raise ValidationError(
                {self.field_name: [f"`{RANK}` orders the results of a search: give `q` too."]}
            )
        ordered = super().filter(qs, value)
        ordering = list(ordered.query.order_by)
        if ordering and ordering[-1].lstrip("-") == SEARCH_RANK:
            # Equal ranks in the list's usual order, as the list without `ordering`.
            return ordered.order_by(*ordering, *(qs.query.order_by or qs.model._meta.ordering))
        if value and not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            ordered = ordered.order_by(*ordering, "-id" if ordering[-1].startswith("-") else "id")
        return ordered


class SearchFilter(filters.CharFilter):
    """PostgreSQL full-text search in websearch syntax on a stored tsvector. The matches keep
    the list's usual order, which an index gives a page of without reading every match; each
    carries its rank (``search_rank``), for `ordering=-rank` (``StableOrderingFilter``)."""

    field_class = TextField

    def __init__(self, *args, vector: str = "search_vector", **kwargs):
        kwargs.setdefault("max_length", MAX_Q_LENGTH)
        super().__init__(*args, **kwargs)
        self.vector = vector

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value or not value.strip():
            return qs
        query = SearchQuery(value, search_type="websearch", config="english")
        return qs.filter(**{self.vector: query}).annotate(
            **{SEARCH_RANK: SearchRank(F(self.vector), query)}
        )


def q_label(what: str) -> str:
    return (
        f'Full-text search of {what}, in web-search syntax: words, "exact phrase", OR, -exclude. '
        "Matches come in the list's usual order; `ordering=-rank` puts the best first "
        "(it ranks every match: slower for a common word). The count stops at "
        f"{SEARCH_COUNT_LIMIT:,} (null past it). At most {MAX_Q_LENGTH} characters."
    )


def rank_ordering(usual: str) -> StableOrderingFilter:
    """The `ordering` of a resource that is ordered only by its search's rank."""
    return StableOrderingFilter(
        ranked=True,
        label=f"`-rank`: the best matches of `q` first. Default: {usual}.",
    )
