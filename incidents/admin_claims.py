"""Claims made from the text, on an incident's admin page: the editor selects words in a
source's body, says what they claim (an involvement, a casualty report or a statement, and who
says so) and creates the quote and the claim in one step.

The admin form here only reads the panel's fields into typed values. The rules are the API's:
the quote and the claim are validated by the API's write serializers (the models' own
``full_clean``, plus a statement's incidents), and each write passes the one review gate
(``incidents.review``), so an editor's claim on a published incident waits for a reviewer as it
would from the inline or the API. Both writes are one transaction: a refused claim leaves no
quote behind.
"""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.db import IntegrityError, transaction
from rest_framework import serializers as drf

from config.history import MAX_REASON
from sources.api.serializers import QuoteWriteSerializer
from sources.models import Quote, Source

from . import review
from .api.serializers import (
    CasualtyReportWriteSerializer,
    InvolvementWriteSerializer,
    StatementWriteSerializer,
)
from .choices import CasualtyCategory, Population, Role, StatementKind
from .models import Actor, CasualtyReport, Incident, Involvement, Statement

#: The panel's own form element: its fields sit inside the incident's form on the page but
#: belong to this one (the HTML ``form`` attribute), so the incident's Save never sends them.
FORM_ID = "claim-from-text-form"
PREFIX = "claim"

INVOLVEMENT, CASUALTY_REPORT, STATEMENT = "involvement", "casualty_report", "statement"
KINDS = {
    INVOLVEMENT: (Involvement, InvolvementWriteSerializer),
    CASUALTY_REPORT: (CasualtyReport, CasualtyReportWriteSerializer),
    STATEMENT: (Statement, StatementWriteSerializer),
}
# The form's field for each field a claim serializer names, where they differ.
FORM_NAME = {"kind": "statement_kind", "quote": "text", "incident": "claim", "incidents": "claim"}


def _choices(choices) -> list:
    return [("", "---------"), *choices]


class ClaimFromTextForm(forms.Form):
    """The panel's fields: the words (source, text, start) and the claim they make. Which
    claim fields are needed depends on the kind; the serializers say which are missing."""

    source = forms.ModelChoiceField(Source.objects.all(), required=False)
    text = forms.CharField(
        label="The words",
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Select the words in the body above, or paste them.",
    )
    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    claim = forms.ChoiceField(
        label="The words make",
        choices=[
            (INVOLVEMENT, "an involvement (an actor's part)"),
            (CASUALTY_REPORT, "a casualty report (a figure)"),
            (STATEMENT, "a statement (words an actor said)"),
        ],
    )
    actor = forms.ModelChoiceField(Actor.objects.all(), required=False)
    role = forms.ChoiceField(choices=_choices(Role.choices), required=False)
    attributed_by = forms.ModelChoiceField(
        Actor.objects.all(),
        required=False,
        help_text="Who says so; empty: the source's own reporting.",
    )
    category = forms.ChoiceField(choices=_choices(CasualtyCategory.choices), required=False)
    population = forms.ChoiceField(choices=_choices(Population.choices), required=False)
    min = forms.IntegerField(min_value=0, required=False)
    max = forms.IntegerField(min_value=0, required=False)
    reported_by = forms.ModelChoiceField(
        Actor.objects.all(), required=False, help_text="Who gives the figure; empty: unsaid."
    )
    as_of = forms.DateField(required=False, widget=AdminDateWidget)
    counted = forms.BooleanField(required=False, label="Counted in the headline figures")
    speaker = forms.ModelChoiceField(Actor.objects.all(), required=False)
    statement_kind = forms.ChoiceField(
        label="Kind", choices=_choices(StatementKind.choices), required=False
    )
    said_on = forms.DateField(required=False, widget=AdminDateWidget)
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=MAX_REASON,
        help_text="Optional, kept in the history.",
    )

    #: Which fields belong to which kind of claim (the page shows only the chosen kind's).
    kind_fields = {
        INVOLVEMENT: ["actor", "role", "attributed_by"],
        CASUALTY_REPORT: [
            "category",
            "population",
            "min",
            "max",
            "reported_by",
            "as_of",
            "counted",
        ],
        STATEMENT: ["speaker", "statement_kind", "said_on"],
    }

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, prefix=PREFIX, **kwargs)
        autocompletes = {
            "source": Quote._meta.get_field("source"),
            "actor": Involvement._meta.get_field("actor"),
            "attributed_by": Involvement._meta.get_field("attributed_by"),
            "reported_by": CasualtyReport._meta.get_field("reported_by"),
            "speaker": Statement._meta.get_field("speaker"),
        }
        for name, model_field in autocompletes.items():
            field = self.fields[name]
            field.widget = AutocompleteSelect(model_field, admin_site)
            field.widget.choices = field.choices
        for field in self.fields.values():
            field.widget.attrs["form"] = FORM_ID

    def claim_data(self, incident: Incident, quote: Quote) -> dict:
        """What the claim's serializer reads, as the API's JSON would give it: ids as integers,
        and no key for a field left empty (so a required one is named as missing)."""
        values = self.cleaned_data
        kind = values["claim"]
        data = {}
        for name in self.kind_fields[kind]:
            value = values.get(name)
            if isinstance(value, Actor):
                value = value.pk
            if value not in (None, ""):
                data["kind" if name == "statement_kind" else name] = value
        if kind == STATEMENT:
            data["incidents"] = [incident.pk]
        else:
            data["incident"] = incident.pk
        data["quote"] = quote.pk
        return data

    def claim_fields(self):
        """The kind-specific fields, as (kind, bound fields) for the template."""
        return [(kind, [self[name] for name in names]) for kind, names in self.kind_fields.items()]

    def label(self, name: str) -> str:
        field = self.fields.get(name)
        if field is None:
            return ""
        return str(field.label or name.replace("_", " ").capitalize())


def refusal_message(form: ClaimFromTextForm, errors: dict[str, list[str]]) -> str:
    """ "Nothing was created: Actor: This field is required." with each field by its label."""
    reasons = [
        f"{form.label(name)}: {message}" if form.label(name) else message
        for name, messages in errors.items()
        for message in messages
    ]
    return "Nothing was created: " + " ".join(reasons)


def last_quoted_source(incident: Incident) -> Source | None:
    """The source of the incident's newest quoted claim: the article the editor is likely
    curating, shown first in the panel."""
    claims = ("involvements__incident", "casualty_reports__incident", "statements__incidents")
    newest = [
        Quote.objects.filter(**{claim: incident}).order_by("-id").values_list("pk", "source_id")[:1]
        for claim in claims
    ]
    found = max((row for rows in newest for row in rows), default=None)
    return Source.objects.filter(pk=found[1]).first() if found else None


class Refused(Exception):
    """The quote or the claim broke a rule; ``errors`` names each field of the panel."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))


def _errors(detail, rename: dict[str, str]) -> dict[str, list[str]]:
    if not isinstance(detail, dict):
        detail = {"non_field_errors": detail}
    return {
        rename.get(name, name): [str(message) for message in messages]
        for name, messages in detail.items()
    }


def _validated(serializer_class, data: dict, rename: dict[str, str]):
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise Refused(_errors(serializer.errors, rename))
    return serializer


def _quote(form: ClaimFromTextForm, user, reason: str) -> Quote:
    """The quote of the selected words: the one already marked on that span, or a new one."""
    values = form.cleaned_data
    source, text, start = values.get("source"), values.get("text") or "", values.get("start")
    if source is None:
        raise Refused({"source": ["Choose the source whose words these are."]})
    if start is None and text and source.body.count(text) == 1:
        start = source.body.index(text)
    existing = Quote.objects.filter(source=source, text=text, start=start).first()
    if existing is not None:
        return existing
    data = {"source": source.pk, "text": text}
    if start is not None:
        data["start"] = start
    return _create(Quote, _validated(QuoteWriteSerializer, data, {}), user, reason)


def _create(model, serializer, user, reason: str):
    """Save a validated serializer's new record through the review gate."""
    return review.write_through_review(
        model=model,
        instance=None,
        operation="create",
        write=serializer.save,
        user=user,
        reason=reason,
    )


def claim_from_text(*, form: ClaimFromTextForm, incident: Incident, user):
    """Create the quote (unless that span is already one) and the claim resting on it, in one
    transaction, each through the review gate. Returns (quote, claim or its pending revision);
    raises ``Refused`` naming the panel's fields, having written nothing."""
    kind = form.cleaned_data["claim"]
    model, serializer_class = KINDS[kind]
    reason = form.cleaned_data.get("reason", "")
    try:
        with transaction.atomic():
            quote = _quote(form, user, reason)
            serializer = _validated(serializer_class, form.claim_data(incident, quote), FORM_NAME)
            claim = _create(model, serializer, user, reason)
    except IntegrityError as error:
        raise Refused(
            {"non_field_errors": [f"Refused by the database: {str(error).splitlines()[0]}"]}
        ) from None
    except drf.ValidationError as error:
        raise Refused(_errors(error.detail, FORM_NAME)) from None
    return quote, claim
