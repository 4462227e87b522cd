from django_filters import rest_framework as filters

from config.api.filters import (
    MAX_ID,
    ChoiceFilter,
    DateFilter,
    IntegerFilter,
    SearchFilter,
    TextFilter,
    q_label,
    rank_ordering,
)
from sources.choices import SourceKind
from sources.models import Quote, Source


class SourceFilterSet(filters.FilterSet):
    kind = ChoiceFilter(choices=SourceKind.choices, label="Kind of document.")
    publisher = TextFilter(lookup_expr="iexact", max_length=200, label="Publisher, any case.")
    published_from = DateFilter(
        field_name="published_on", lookup_expr="gte", label="Published on or after (YYYY-MM-DD)."
    )
    published_to = DateFilter(
        field_name="published_on", lookup_expr="lte", label="Published on or before (YYYY-MM-DD)."
    )
    q = SearchFilter(label=q_label("title, publisher and body"))
    ordering = rank_ordering("newest first")

    class Meta:
        model = Source
        fields = []


class QuoteFilterSet(filters.FilterSet):
    source = IntegerFilter(
        method="filter_source", min_value=1, max_value=MAX_ID, label="Id of the source quoted."
    )
    q = SearchFilter(label=q_label("the quoted words"))
    ordering = rank_ordering("by source, in the order of the text")

    class Meta:
        model = Quote
        fields = []

    def filter_source(self, qs, name, value: int):
        return qs.filter(source_id=value)
