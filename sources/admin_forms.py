"""Admin forms for sources and quotes. They translate what a browser sends into what the models
check; the rules themselves (a quote is verbatim, a quoted body does not change) stay in
``Source.clean`` and ``Quote.locate``."""

from django import forms
from django.core.exceptions import ValidationError

from config.admin import CuratedForm, VersionedForm

from .models import Quote


def _unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


class SourceForm(CuratedForm):
    """The source's form; the admin's fieldsets name its fields."""

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        stored = self.instance.body if self.instance.pk is not None else None
        # Browsers send a textarea's line breaks as CRLF whatever the text held; an unchanged
        # body must stay the stored one, character for character, or its quotes would break.
        if stored is not None and _unix_newlines(body) == _unix_newlines(stored):
            return stored
        return _unix_newlines(body)


class QuoteSpanMixin:
    """The editor gives the words and, only when they occur more than once, the start offset
    (the picker fills it from a selection); the model finds or checks the span.

    ``end`` is never typed: it follows from the start and the words. ``start`` is forgotten
    when the words change and it does not, so that the model looks for the new words.
    """

    def clean(self):
        cleaned = self.cleaned_data
        source = cleaned.get("source") or (
            self.instance.source if self.instance.source_id else None
        )
        text = cleaned.get("text")
        if source is not None and text and text not in source.body:
            if _unix_newlines(text) in source.body:
                cleaned["text"] = _unix_newlines(text)
        if cleaned.get("text") != self.instance.text and "start" not in self.changed_data:
            cleaned["start"] = None
        self.instance.end = None
        return super().clean()

    def validate_unique(self):
        super().validate_unique()
        # The span's end is derived, so Django leaves out the constraints that name it (one
        # quote per span, end = start + length); check them once the model has found it.
        if not self.errors and self.instance.end is not None:
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                self.add_error(None, error)


_START_HELP = (
    "Character offset where the words begin. Leave it empty: it is found from the words, "
    "and selecting them in the body fills it. Needed only when they occur more than once."
)


class QuoteForm(QuoteSpanMixin, CuratedForm):
    class Meta:
        model = Quote
        fields = ["source", "text", "start"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 80})}
        help_texts = {"start": _START_HELP}


class QuoteInlineForm(QuoteSpanMixin, VersionedForm):
    class Meta:
        model = Quote
        fields = ["text", "start"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 60})}
        help_texts = {"start": _START_HELP}
