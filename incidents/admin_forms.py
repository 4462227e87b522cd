"""Forms of the incidents admin that are not a model's change form."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from config.admin import CuratedForm
from config.history import MAX_REASON

from .choices import AttributionGrade, CivilianHarmGrade
from .duplicates import FIELDS as DUPLICATE_FIELDS
from .duplicates import duplicate_rows
from .models import Actor, Incident


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
