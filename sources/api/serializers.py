from rest_framework import serializers

from config.api.serializers import ModelValidatingSerializer, StrictPrimaryKeyRelatedField
from sources.context import words_around
from sources.models import Quote, Source

MAX_OFFSET = 2**31 - 1
"""The largest offset the database column (a PostgreSQL integer) holds."""


class SourceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "kind", "title", "publisher", "url", "published_on"]


class QuoteContextFields(serializers.Serializer):
    """The words around a quote, which every representation of a quote gives (sources.context)."""

    context_before = serializers.SerializerMethodField(
        help_text="The words just before the quote in the source body (up to about 160 characters)."
    )
    context_after = serializers.SerializerMethodField(
        help_text="The words just after the quote in the source body (up to about 160 characters)."
    )

    def get_context_before(self, quote: Quote) -> str:
        return words_around(quote)[0]

    def get_context_after(self, quote: Quote) -> str:
        return words_around(quote)[1]


class QuoteBriefSerializer(QuoteContextFields, serializers.ModelSerializer):
    """A quote as it is embedded in a claim: the words, where they sit, with the words around
    them, and in what."""

    source = SourceBriefSerializer(read_only=True)

    class Meta:
        model = Quote
        fields = ["id", "text", "start", "end", "context_before", "context_after", "source"]


class QuoteSerializer(QuoteContextFields, serializers.ModelSerializer):
    source = SourceBriefSerializer(read_only=True)

    class Meta:
        model = Quote
        fields = [
            "id",
            "text",
            "start",
            "end",
            "context_before",
            "context_after",
            "source",
            "created_at",
            "updated_at",
        ]


class QuoteInSourceSerializer(QuoteContextFields, serializers.ModelSerializer):
    class Meta:
        model = Quote
        fields = ["id", "text", "start", "end", "context_before", "context_after"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id",
            "kind",
            "title",
            "publisher",
            "authors",
            "url",
            "published_on",
            "language",
            "sha256",
            "captured_at",
            "archive_url",
            "created_at",
            "updated_at",
        ]


class SourceDetailSerializer(SourceSerializer):
    """A source with its full body, what it cites, what cites it, and the public quotes in it."""

    cites = SourceBriefSerializer(many=True, read_only=True, source="public_cites")
    cited_by = SourceBriefSerializer(many=True, read_only=True, source="public_cited_by")
    quotes = QuoteInSourceSerializer(many=True, read_only=True, source="public_quotes")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "body", "cites", "cited_by", "quotes"]


class SourceWriteSerializer(ModelValidatingSerializer):
    cites = StrictPrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Source.objects.all(),
        help_text="Ids of the documents this one reports on.",
    )

    class Meta:
        model = Source
        validators = []
        fields = [
            "kind",
            "title",
            "publisher",
            "authors",
            "url",
            "published_on",
            "language",
            "body",
            "captured_at",
            "archive_url",
            "cites",
        ]


class QuoteWriteSerializer(ModelValidatingSerializer):
    """Give the text, and the start offset when the text occurs more than once in the body:
    the end is found, and anything not verbatim is refused."""

    start = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_OFFSET,
        help_text="Offset of the first character; found if omitted.",
    )
    end = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_OFFSET,
        help_text="Offset past the last character; found if omitted.",
    )

    class Meta:
        model = Quote
        validators = []
        fields = ["source", "text", "start", "end"]
