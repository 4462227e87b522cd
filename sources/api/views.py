from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view

from config.api.views import LedgerViewSet, id_parameter
from sources.api import filters, serializers
from sources.context import context_annotations
from sources.models import Quote, Source


@extend_schema_view(
    list=extend_schema(summary="List sources of public records"),
    retrieve=extend_schema(
        summary="Read one source with its body, citations and quotes", parameters=[id_parameter]
    ),
)
class SourceViewSet(LedgerViewSet):
    """Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite."""

    queryset = Source.objects.all()
    filterset_class = filters.SourceFilterSet
    serializer_class = serializers.SourceDetailSerializer
    write_serializer_class = serializers.SourceWriteSerializer
    lookup_value_regex = r"[0-9]+"
    resource = "sources"

    def get_queryset(self):
        sources = super().get_queryset()
        if self.action in ("list", None):
            return sources.defer("body")
        editor = self.is_editor()
        shown = Source.objects.all() if editor else Source.objects.public()
        quotes = Quote.objects.all() if editor else Quote.objects.public()
        return sources.prefetch_related(
            Prefetch("cites", queryset=shown, to_attr="public_cites"),
            Prefetch("cited_by", queryset=shown, to_attr="public_cited_by"),
            Prefetch(
                "quotes",
                queryset=quotes.annotate(**context_annotations()),
                to_attr="public_quotes",
            ),
        )

    def get_serializer_class(self):
        if self.action in ("list", None):
            return serializers.SourceSerializer
        return super().get_serializer_class()

    def citing(self, source) -> list[str]:
        return [f"source {s.pk} ({s})" for s in source.cited_by.all()[:20]]


@extend_schema_view(
    list=extend_schema(summary="List quotes that public records rest on"),
    retrieve=extend_schema(
        summary="Read one quote with the words around it", parameters=[id_parameter]
    ),
)
class QuoteViewSet(LedgerViewSet):
    """Quotes: verbatim spans of a source's body (``body[start:end] == text``, checked on every
    write), each with the words just before and after it."""

    # The words around each quote are cut in SQL; the whole body is not fetched.
    queryset = (
        Quote.objects.select_related("source")
        .annotate(**context_annotations())
        .defer("source__body")
    )
    serializer_class = serializers.QuoteSerializer
    write_serializer_class = serializers.QuoteWriteSerializer
    filterset_class = filters.QuoteFilterSet
    lookup_value_regex = r"[0-9]+"
    resource = "quotes"
