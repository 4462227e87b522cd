from django.contrib import admin
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from config.admin import CuratedAdmin, VersionedInlineMixin

from .admin_forms import QuoteForm, QuoteInlineForm, SourceForm
from .models import Quote, Source

CONTEXT_CHARS = 80


def _html_text(text: str) -> str:
    # A bare CR in HTML source would be read as a line feed; as a reference it stays a CR, so
    # the rendered text is the body character for character and selections map to offsets.
    return escape(text).replace("\r", "&#13;")


def highlighted_body(body: str, spans: list[tuple[int, int, int]], current: int | None = None):
    """``body`` as HTML, each quoted span (pk, start, end) in a ``<mark>``; overlapping
    quotes split into pieces each marked with every quote covering it."""
    cuts = sorted({0, len(body), *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    parts = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [pk for pk, s, e in spans if s <= start and end <= e]
        text = _html_text(body[start:end])
        if covering:
            parts.append(
                format_html(
                    '<mark class="{}" data-quotes="{}" title="{}">{}</mark>',
                    "quote current" if current in covering else "quote",
                    " ".join(map(str, covering)),
                    ", ".join(f"quote {pk}" for pk in covering),
                    SafeString(text),
                )
            )
        else:
            parts.append(text)
    return mark_safe("".join(parts))


def quote_in_context(quote: Quote) -> str:
    """The quote marked within the words around it in its source."""
    body = quote.source.body
    before = body[max(0, quote.start - CONTEXT_CHARS) : quote.start]
    after = body[quote.end : quote.end + CONTEXT_CHARS]
    return format_html(
        '<span class="quote-context">{}{}<mark class="quote current">{}</mark>{}{}</span>',
        "…" if quote.start > CONTEXT_CHARS else "",
        before,
        body[quote.start : quote.end],
        after,
        "…" if quote.end + CONTEXT_CHARS < len(body) else "",
    )


def quote_with_source(quote: Quote | None) -> str:
    """The quote within its words, then which source says it and when: a claim row's evidence
    as the editor reads it."""
    if quote is None:
        return "—"
    when = quote.source.published_on.isoformat() if quote.source.published_on else "undated"
    return format_html(
        '{} <span class="quote-source">— {}, {}</span>',
        quote_in_context(quote),
        quote.source.title,
        when,
    )


def picker_context(source: Source | None, *, mode: str, current: int | None = None, **extra):
    """What the quote picker template shows: the body with its quotes highlighted."""
    if source is None:
        return {"mode": mode, "body_html": "", "has_body": False, **extra}
    spans = list(source.quotes.values_list("pk", "start", "end"))
    return {
        "mode": mode,
        "source": source,
        "current": current,
        "has_body": bool(source.body),
        "body_html": highlighted_body(source.body, spans, current),
        **extra,
    }


class QuoteInline(VersionedInlineMixin, admin.TabularInline):
    model = Quote
    form = QuoteInlineForm
    fields = ["text", "start", "end", "in_context"]
    readonly_fields = ["end", "in_context"]
    extra = 0
    show_change_link = True
    history_resource = "quotes"
    verbose_name_plural = "quotes: select words in the body above, or paste them into a new row"

    @admin.display(description="in the body")
    def in_context(self, quote: Quote) -> str:
        return quote_in_context(quote) if quote.pk else "—"


class QuotePickerMedia:
    css = {"all": ["sources/quote_picker.css"]}
    js = ["sources/quote_picker.js"]


@admin.register(Source)
class SourceAdmin(CuratedAdmin):
    form = SourceForm
    history_resource = "sources"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_form_template = "admin/sources/source/change_form.html"
    list_display = ["title", "kind", "publisher", "published_on", "language", "quote_count"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "publisher", "url", "authors"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["cites"]
    readonly_fields = ["sha256", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "kind",
                    ("publisher", "authors"),
                    ("published_on", "language"),
                    "url",
                    ("archive_url", "captured_at"),
                    "cites",
                ]
            },
        ),
        ("Body", {"fields": ["body", "sha256"]}),
        ("Timestamps", {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    Media = QuotePickerMedia

    def get_inlines(self, request, obj):
        # Quotes are spans of a stored body: they are marked once the source is saved.
        return [QuoteInline] if obj is not None else []

    def get_queryset(self, request):
        # A subquery, not a join: the count adds no GROUP BY to what else selects sources.
        quotes = (
            Quote.objects.filter(source=OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return super().get_queryset(request).annotate(quote_total=Coalesce(Subquery(quotes), 0))

    @admin.display(description="quotes", ordering="quote_total")
    def quote_count(self, source: Source) -> int:
        return source.quote_total

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["quote_picker"] = picker_context(obj, mode="inline")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Citations are a many-to-many link Django would quietly drop; they are evidence too.
        citing = [
            format_html(
                'Source: <a href="{}">{}</a> cites “{}”',
                reverse("admin:sources_source_change", args=[quote(citer.pk)]),
                citer,
                source,
            )
            for source in objs
            for citer in source.cited_by.all()
        ]
        return deleted, model_count, perms_needed, [*protected, *citing]


@admin.register(Quote)
class QuoteAdmin(CuratedAdmin):
    form = QuoteForm
    history_resource = "quotes"
    change_form_template = "admin/sources/quote/change_form.html"
    list_display = ["__str__", "source", "start", "end", "in_context"]
    list_filter = ["source__kind"]
    list_select_related = ["source"]
    search_fields = ["text", "source__title"]
    autocomplete_fields = ["source"]
    readonly_fields = ["end", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["source", "text", "start", "end"]}),
        ("Timestamps", {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]
    Media = QuotePickerMedia

    @admin.display(description="in the body")
    def in_context(self, quote: Quote) -> str:
        return quote_in_context(quote)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return found.select_related("source").defer("source__body"), may_have_duplicates

    def autocomplete_label(self, quote: Quote) -> str:
        """A quote as autocomplete lists it: its words, then where and when they were said."""
        words = quote.text if len(quote.text) <= 120 else f"{quote.text[:119]}…"
        when = quote.source.published_on.isoformat() if quote.source.published_on else "undated"
        return f"“{words}” — {quote.source.title}, {when}"

    def get_urls(self):
        return [
            path(
                "source-body/",
                self.admin_site.admin_view(self.source_body_view),
                name="sources_quote_source_body",
            ),
            *super().get_urls(),
        ]

    def source_body_view(self, request):
        """A source's body and quoted spans, for the picker when the editor picks a source."""
        if not self.admin_site._registry[Source].has_view_permission(request):
            raise PermissionDenied
        source = get_object_or_404(Source, pk=_int_or_none(request.GET.get("source")))
        spans = list(source.quotes.values_list("pk", "start", "end"))
        return JsonResponse({"id": source.pk, "body": source.body, "quotes": spans})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        source = obj.source if obj is not None else _initial_source(context)
        context["quote_picker"] = picker_context(
            source,
            mode="form",
            current=obj.pk if obj is not None else None,
            body_url=reverse("admin:sources_quote_source_body"),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)


def _int_or_none(value) -> int | None:
    # isdigit() alone takes "²", which int() refuses.
    return int(value) if value and value.isascii() and value.isdigit() else None


def _initial_source(context) -> Source | None:
    form = context["adminform"].form
    pk = form["source"].value() if "source" in form.fields else None
    return Source.objects.filter(pk=_int_or_none(str(pk or ""))).first()
