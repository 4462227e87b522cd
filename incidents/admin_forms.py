"""Forms of the incidents admin that are not a model's change form."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from config.admin import CuratedForm, VersionedForm
from config.history import MAX_REASON
from sources.models import Quote

from .choices import AttributionGrade, CivilianHarmGrade, StatementKind
from .duplicates import FIELDS as DUPLICATE_FIELDS
from .duplicates import duplicate_rows
from .models import Actor, Incident, Statement


def _merge_reason() -> forms.CharField:
    return forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Optional. Kept in the history of every record the merge changes.",
    )


class ActorMergeForm(forms.Form):
    """Which actor survives a merge. With several actors selected, one of them; with one, any
    other actor, found by autocomplete."""

    keep = forms.ModelChoiceField(queryset=Actor.objects.none(), label="Actor to keep")
    reason = _merge_reason()

    def __init__(self, *args, selected: list[Actor], admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.selected = selected
        keep = self.fields["keep"]
        if len(selected) > 1:
            keep.widget = forms.RadioSelect()
            keep.empty_label = None
            keep.queryset = Actor.objects.filter(pk__in=[actor.pk for actor in selected])
            keep.help_text = (
                "The other selected actors are merged into it: their involvements, casualty "
                "reports, statements and sub-actors move to it, and their names become its "
                "aliases. Then they are deleted."
            )
        else:
            keep.widget = AutocompleteSelect(Actor._meta.get_field("parent"), admin_site)
            keep.queryset = Actor.objects.exclude(pk=selected[0].pk)
            keep.help_text = (
                f"“{selected[0]}” is merged into it: its involvements, casualty reports, "
                "statements and sub-actors move to it, and its names become its aliases. "
                "Then it is deleted."
            )

    @property
    def duplicates(self) -> list[Actor]:
        keep = self.cleaned_data["keep"]
        return [actor for actor in self.selected if actor.pk != keep.pk]


class GradeForm(forms.Form):
    """The Grade module on an incident's page, rendered for reviewers. Each option reads as
    the rubric (docs/assessment.md). It only draws the form: the grade view hands what is posted
    to ``services.incident_grade``, which refuses as it does for the API."""

    civilian_harm = forms.ChoiceField(
        label="Civilian harm",
        choices=[("", "— choose a grade —"), *CivilianHarmGrade.choices],
    )
    attribution = forms.ChoiceField(
        label="Attribution",
        choices=[("", "— choose a grade —"), *AttributionGrade.choices],
    )
    reason = forms.CharField(
        label="Reason",
        max_length=MAX_REASON,
        widget=forms.TextInput(
            attrs={"size": 60, "placeholder": "Why this grade (kept in the history)"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="id_grade_%s", **kwargs)


class IncidentForm(CuratedForm):
    """An incident's change form, which warns before saving a possible duplicate: when the
    submitted dates and place (or a dataset id) match another incident's, the form comes back
    with them listed (``duplicates``) and the editor's values kept, until the editor ticks
    "Save anyway — not a duplicate" (or changes what matched)."""

    not_a_duplicate = forms.BooleanField(
        label="Save anyway — not a duplicate",
        required=False,
        help_text="Tick to save although the incidents listed above may record the same event.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates: list[dict] = []

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("not_a_duplicate"):
            return cleaned
        if self.instance.pk is not None and not set(self.changed_data) & set(DUPLICATE_FIELDS):
            return cleaned  # nothing the check looks at was changed: it was answered before
        values = {
            name: cleaned[name] if name in cleaned else getattr(self.instance, name)
            for name in DUPLICATE_FIELDS
        }
        self.duplicates = duplicate_rows(values, exclude=self.instance.pk)
        if self.duplicates:
            count = len(self.duplicates)
            raise ValidationError(
                f"Nothing was saved: {count} other incident{'s' if count > 1 else ''} may record "
                "the same event (listed below). Open them to check; if this is a different "
                "event, tick “Save anyway — not a duplicate” and save again.",
                code="possible_duplicates",
            )
        return cleaned


class IncidentMergeForm(forms.Form):
    """Which incident a duplicate is merged into, and why."""

    into = forms.ModelChoiceField(
        queryset=Incident.objects.none(),
        label="Merge into",
        help_text="The incident that stays: this one's claims, statements, child incidents and "
        "dataset ids move to it.",
    )
    reason = _merge_reason()

    def __init__(self, *args, duplicate: Incident, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        into = self.fields["into"]
        into.widget = AutocompleteSelect(Incident._meta.get_field("parent"), admin_site)
        into.queryset = Incident.objects.exclude(pk=duplicate.pk)  # after: binds the widget


class _Shown(forms.Widget):
    """A saved row's value as text: a recorded statement is changed on its own page."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<span class="shown">{}</span>', self.text)


class StatementLinkForm(VersionedForm):
    """A row of an incident's statements: a recorded statement, chosen by autocomplete, or a
    new one written in the row (its speaker, kind, quote and date), about this incident. The
    new statement is checked by its model's rules as the row is; ``IncidentAdmin.save_formset``
    writes it through the review gate."""

    WRITTEN = ["speaker", "kind", "quote", "said_on"]
    #: Whether the user may create statements (StatementInline sets it): the rows themselves
    #: need only the right to change statements, as Django's link-table inlines do.
    may_write = True

    speaker = forms.ModelChoiceField(Actor.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), *StatementKind.choices], required=False)
    quote = forms.ModelChoiceField(Quote.objects.all(), required=False)
    said_on = forms.DateField(label="said on", required=False, widget=AdminDateWidget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_statement: Statement | None = None
        self.fields["statement"].required = False
        self.fields["statement"].help_text = "A recorded statement; or write a new one here."
        if self.instance.pk is None:
            return
        statement = self.instance.statement
        for name in self.WRITTEN:
            value = getattr(statement, name)
            if name == "kind":
                value = statement.get_kind_display()
            self.fields[name].disabled = True
            self.fields[name].widget = _Shown("—" if value is None else str(value))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None or cleaned.get("DELETE"):
            return cleaned
        written = {name: cleaned.get(name) for name in self.WRITTEN}
        given = any(value not in (None, "") for value in written.values())
        if cleaned.get("statement") is not None:
            if given:
                raise ValidationError(
                    "Choose a recorded statement or write a new one in the row, not both."
                )
            return cleaned
        if not given:
            if "statement" not in self.errors:
                self.add_error(
                    "statement", "Choose a statement, or write one: its speaker and kind."
                )
            return cleaned
        if not self.may_write:
            self.add_error(
                "statement", "Your account may not write new statements: choose a recorded one."
            )
            return cleaned
        statement = Statement(**{**written, "kind": written["kind"] or ""})
        try:
            statement.full_clean(exclude=["incidents"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else NON_FIELD_ERRORS, messages)
        else:
            self.new_statement = statement
        return cleaned


class StatementLinkFormSet(BaseInlineFormSet):
    """An incident's statement rows. A row that writes a new statement is not a link row to
    save: the formset hands the statement over (``new_statements``), and the admin writes it,
    about the incident, in one step that the review gate sees as the statement's creation."""

    def save_new_objects(self, commit=True):
        # Django's own loop, but for the rows that write a new statement.
        self.new_objects, self.new_statements = [], []
        for form in self.extra_forms:
            if not form.has_changed() or (self.can_delete and self._should_delete_form(form)):
                continue
            if form.new_statement is not None:
                self.new_statements.append(form.new_statement)
                continue
            self.new_objects.append(self.save_new(form, commit=commit))
            if not commit:
                self.saved_forms.append(form)
        return self.new_objects
