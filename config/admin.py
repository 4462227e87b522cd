"""What every curated ModelAdmin shares: no lost edits, a reason for each change, the history.

Both apps' admins build on these classes, so they live beside ``config.history`` rather than in
either app (``sources`` must not import ``incidents``). The history rows themselves are written
by database triggers; this module only labels the admin's writes and shows what was recorded.

Lost edits: every change form carries, hidden, a digest of each field of the record as it was
when the form was rendered. On save the row is locked (``SELECT ... FOR UPDATE``) and digested
again; if anything changed in between, the form comes back with the stored value and the
submitted one side by side, and nothing is written. Saving that form again stores the editor's
version knowingly. Inline rows carry their own digests.
"""

import hashlib
import json
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from config.history import MAX_REASON, set_history_context
from config.history_display import LONG_VALUE, UNVERSIONED, describe_events

VERSION_FIELD = "loaded_version"
REASON_FIELD = "change_reason"
HISTORY_PAGE = 50


def versioned_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields whose change makes a form stale: every stored field but the id, the
    timestamps and generated columns, and the forward many-to-many relations."""
    return [
        field
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if field.name not in UNVERSIONED and not isinstance(field, models.GeneratedField)
    ]


def _comparable(field: models.Field, value):
    """A field's value as plain data: related objects by id, many-to-many as sorted ids."""
    if field.many_to_many:
        return sorted(getattr(item, "pk", item) for item in (value or []))
    if field.is_relation:
        return getattr(value, "pk", value)
    return value


def _stored(instance: models.Model, field: models.Field):
    if field.many_to_many:
        return getattr(instance, field.name).all() if instance.pk is not None else []
    return field.value_from_object(instance)


def _digest(value) -> str:
    text = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def field_digests(instance: models.Model) -> dict[str, str]:
    """Each versioned field of ``instance`` as a short digest of its value."""
    return {
        field.name: _digest(_comparable(field, _stored(instance, field)))
        for field in versioned_fields(type(instance))
    }


def encode_version(digests: dict[str, str]) -> str:
    """The digests in field order: one short token per form, whatever the record's size."""
    return ".".join(digests.values())


def decode_version(token: str, model: type[models.Model]) -> dict[str, str] | None:
    names = [field.name for field in versioned_fields(model)]
    digests = (token or "").split(".")
    return dict(zip(names, digests, strict=True)) if len(digests) == len(names) else None


def shown(field: models.Field, value) -> str:
    """A value as an editor reads it: choice labels, names of related records, "—" if empty."""
    if field.many_to_many:
        text = ", ".join(str(item) for item in value) if value is not None else ""
    elif field.is_relation:
        text = "" if value is None else str(value)
    elif field.choices and value not in (None, ""):
        text = str(dict(field.flatchoices).get(value, value))
    elif isinstance(value, list | tuple):
        text = ", ".join(map(str, value))
    else:
        text = "" if value is None else str(value)
    if len(text) > LONG_VALUE:
        return f"{text[:LONG_VALUE]}… ({len(text):,} characters)"
    return text or "—"


@dataclass
class ConflictRow:
    """One field on which the stored record and the submitted form disagree."""

    name: str
    label: str
    stored: str
    yours: str
    changed_since_loaded: bool


class VersionField(forms.CharField):
    """The hidden digest of the record as the form showed it; never counts as an edit."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)

    def has_changed(self, initial, data) -> bool:
        return False


class VersionedForm(forms.ModelForm):
    """A model form that refuses to overwrite a version of the record it did not show."""

    loaded_version = VersionField()
    #: The history resource of the model, for naming who changed the record meanwhile.
    history_resource = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict: list[ConflictRow] = []
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = encode_version(field_digests(self.instance))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and (not self.prefix or self.has_changed()):
            self.check_version(cleaned)
        return cleaned

    def check_version(self, cleaned: dict) -> None:
        model = type(self.instance)
        stored = model._base_manager.select_for_update(of=("self",)).get(pk=self.instance.pk)
        current = field_digests(stored)
        loaded = decode_version(cleaned.get(VERSION_FIELD, ""), model)
        if loaded == current:
            return
        self.conflict = self._conflict_rows(stored, current, loaded)
        # The next save of this form is made knowing the stored version, so it may replace it.
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = encode_version(current)
        self.data = data
        raise ValidationError(self._conflict_message(stored), code="conflict")

    def _conflict_rows(self, stored, current: dict, loaded: dict | None) -> list[ConflictRow]:
        rows = []
        for field in versioned_fields(type(stored)):
            # A form that does not say what it showed (no version) is compared field by field.
            changed_since_loaded = (
                loaded is not None and loaded.get(field.name) != current[field.name]
            )
            stored_value = _stored(stored, field)
            if field.is_relation and not field.many_to_many:
                stored_value = getattr(stored, field.name)
            if field.name in self.cleaned_data:
                yours_value = self.cleaned_data[field.name]
                differs = _digest(_comparable(field, yours_value)) != current[field.name]
                yours = shown(field, yours_value)
            elif field.name in self.fields:
                differs, yours = True, "(not valid: see the field below)"
            else:
                differs, yours = False, "(not in this form; the stored value is kept)"
            if differs or changed_since_loaded:
                rows.append(
                    ConflictRow(
                        name=field.name,
                        label=capfirst(field.verbose_name),
                        stored=shown(field, stored_value),
                        yours=yours,
                        changed_since_loaded=changed_since_loaded,
                    )
                )
        return rows

    def _conflict_message(self, stored) -> str:
        who = self._last_change(stored)
        opening = f"This {stored._meta.verbose_name} was changed{who} since you opened it"
        if self.prefix:
            differences = "; ".join(
                f"{row.label.lower()}: stored “{row.stored}”, yours “{row.yours}”"
                for row in self.conflict
            )
            return (
                f"{opening}, so this row was not saved. {differences or 'No field differs.'} "
                "Save again to store your version, or reload the page to start from the stored one."
            )
        return (
            f"{opening}, so nothing was saved. The stored version and yours are compared below; "
            "save again to store your version over it, or reload the page to start from the "
            "stored one."
        )

    def _last_change(self, stored) -> str:
        if not self.history_resource:
            return ""
        event = (
            apps.get_model("incidents", "HistoryEvent")
            .objects.filter(resource=self.history_resource, object_id=stored.pk)
            .order_by("-id")
            .first()
        )
        if event is None:
            return ""
        return f" by {event.username or 'an unnamed writer'} at {event.at:%Y-%m-%d %H:%M:%S} UTC"


class CuratedForm(VersionedForm):
    """The main form of a curated record: versioned, with a reason for the history."""

    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Optional. Kept in the record's history with your name.",
    )


class VersionedInlineMixin:
    """An inline whose rows refuse to overwrite a version they did not show."""

    form = VersionedForm
    history_resource = ""

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != VERSION_FIELD]
        return [*fields, VERSION_FIELD] if self._editable(request, obj) else fields

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.history_resource = self.history_resource
        return formset

    def _editable(self, request, obj) -> bool:
        return self.has_change_permission(request, obj) or self.has_add_permission(request, obj)


class LowercaseSlugFormField(forms.SlugField):
    """A slug in lower case, as the API stores it (config.api.serializers.LowercaseSlugField):
    the admin's own pages find it either way, but the API's URLs take lower case only."""

    def to_python(self, value):
        return super().to_python(value).lower()


class CuratedAdmin(admin.ModelAdmin):
    """The base of every curated ModelAdmin.

    A subclass names its ``history_resource`` (the resource its history rows carry, as in
    the API: "incidents", "quotes"...). It gets conflict detection on its change form, an
    optional reason that goes into the history, a history page listing the record's history
    rows, and the request's history labels on every save.
    """

    form = CuratedForm
    formfield_overrides = {models.SlugField: {"form_class": LowercaseSlugFormField}}

    class Media:
        # Leaving a page with unsaved edits asks first (incidents/static/ledger/).
        js = ["ledger/unsaved_changes.js"]

    history_resource = ""
    change_form_template = "admin/ledger/change_form.html"
    object_history_template = "admin/ledger/history.html"

    def get_fields(self, request, obj=None):
        curation = {VERSION_FIELD, REASON_FIELD}
        return [name for name in super().get_fields(request, obj) if name not in curation]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": _without_curation_fields(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]
        editable = (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )
        if not editable:
            return fieldsets
        curation = [REASON_FIELD] if obj is None else [REASON_FIELD, VERSION_FIELD]
        return [*fieldsets, (None, {"fields": curation})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.history_resource = self.history_resource
        return form

    def get_changeform_initial_data(self, request):
        # An add page's ?actor=…: the autocomplete widget looks the value up as given, so one
        # that is no key of the related model (``x``, ``²``) was a 500. It is no initial value.
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            field = next((f for f in self.model._meta.fields if f.name == name), None)
            if field is None or not field.is_relation:
                continue
            try:
                field.target_field.to_python(value)
            except ValidationError:
                del initial[name]
        return initial

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get(REASON_FIELD, "")
        if reason:
            # Inside the request's transaction: it labels this save and the inlines' saves.
            set_history_context(
                user=request.user,
                reason=reason,
                request_id=getattr(request, "request_id", ""),
                via="admin",
            )
        request.ledger_reason = reason

        def write():
            super(CuratedAdmin, self).save_model(request, obj, form, change)
            # The record's own many-to-many (a statement's incidents, a source's citations)
            # belongs to the same write, and so to the same revision.
            form.save_m2m()
            return obj

        self.through_review(request, obj, write, "update" if change else "create")

    def save_related(self, request, form, formsets, change):
        # The form's many-to-many was saved with the record (save_model).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            self.through_review(request, obj, lambda obj=obj: _delete(obj, request.user), "delete")
        for obj in formset.new_objects:
            self.through_review(request, obj, lambda obj=obj: _saved(obj), "create")
        for obj, _ in formset.changed_objects:
            self.through_review(request, obj, lambda obj=obj: _saved(obj), "update")
        formset.save_m2m()

    def delete_model(self, request, obj):
        self.through_review(request, obj, lambda: _delete(obj, request.user), "delete")

    def delete_queryset(self, request, queryset):
        # One record at a time, each through the review gate (a bulk delete would bypass it).
        for obj in queryset:
            self.delete_model(request, obj)

    def render_delete_form(self, request, context):
        from incidents import review

        obj = context.get("object")
        if obj is not None and not review.is_reviewer(request.user):
            model, record, _ = review.gated_target(obj, "delete")
            if review.is_public(model, record.pk):
                self.message_user(
                    request,
                    f"“{obj}” is public: deleting it proposes a revision, and it stays public "
                    "until a reviewer accepts.",
                    messages.WARNING,
                )
        return super().render_delete_form(request, context)

    def through_review(self, request, obj, write, operation: str):
        """Run an admin write through the review gate (``incidents.review``): what would
        change what the public sees, by an editor who is not a reviewer, is kept as a pending
        revision and the editor is told so."""
        from incidents import review

        model, record, operation = review.gated_target(obj, operation)
        outcome = review.write_through_review(
            model=model,
            instance=record,
            operation=operation,
            write=write,
            user=request.user,
            reason=getattr(request, "ledger_reason", ""),
        )
        if review.is_held(outcome):
            held = getattr(request, "ledger_held", [])
            held.append(outcome)
            request.ledger_held = held
        return outcome

    def response_add(self, request, obj, post_url_continue=None):
        if self._tell_held(request):
            return HttpResponseRedirect(reverse("admin:incidents_revision_changelist"))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._tell_held(request):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        if self._tell_held(request):
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().response_delete(request, obj_display, obj_id)

    def log_addition(self, request, obj, message):
        if not getattr(request, "ledger_held", None):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if not getattr(request, "ledger_held", None):
            return super().log_change(request, obj, message)

    def _tell_held(self, request) -> bool:
        """Say which of the request's writes wait for review, with a link to each."""
        held = getattr(request, "ledger_held", [])
        for revision in held:
            self.message_user(
                request,
                format_html(
                    "{} would change what the public sees, so it waits for a reviewer as "
                    '<a href="{}">revision {}</a>; the public record is unchanged.',
                    capfirst(revision.describe()),
                    reverse("admin:incidents_revision_change", args=[revision.pk]),
                    revision.pk,
                ),
                messages.WARNING,
            )
        return bool(held)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        from incidents.review import RevisionPending

        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RevisionPending as pending:
            self.message_user(request, f"Nothing was saved: {pending}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        except IntegrityError as error:
            # A rule only the database knows (a trigger, a constraint no form can check): the
            # view's transaction is rolled back; say why rather than fail with a server error.
            self.message_user(
                request,
                f"The database refused this change, so nothing was saved: "
                f"{str(error).splitlines()[0]}",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def has_history_permission(self, request, obj) -> bool:
        return self.has_view_or_change_permission(request, obj) and request.user.has_perm(
            "incidents.view_historyevent"
        )

    def history_events(self, obj):
        """The history rows shown on the record's history page."""
        return apps.get_model("incidents", "HistoryEvent").objects.filter(
            resource=self.history_resource, object_id=obj.pk
        )

    def history_view(self, request, object_id, extra_context=None):
        """The record's rows of the append-only history, newest first."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_history_permission(request, obj):
            raise PermissionDenied
        events = self.history_events(obj).order_by("-id")
        page = Paginator(events, HISTORY_PAGE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "page": page,
            "events": describe_events(page, obj),
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[quote(obj.pk)],
            ),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


class SoftDeleteAdminMixin:
    """Deletes that keep the record: one or many, the row stays with ``deleted_at`` set.

    The confirmation page lists only the records themselves: nothing cascades or is
    protected, since nothing is removed. (``CuratedAdmin`` deletes them one by one, through
    the review gate, recording who deleted each.)
    """

    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        opts = self.opts
        listed = [
            format_html(
                '{}: <a href="{}">{}</a> (kept in the database, hidden everywhere)',
                capfirst(opts.verbose_name),
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(o.pk)]),
                o,
            )
            for o in objs
        ]
        refused = {str(o) for o in objs if not self.has_delete_permission(request, o)}
        return listed, {opts.verbose_name_plural: len(objs)}, refused, []


def _saved(obj):
    obj.save()
    return obj


def _delete(obj, user) -> None:
    # A soft-deletable row records who deleted it, as everywhere else.
    if hasattr(obj, "hard_delete"):
        obj.delete(user=user)
    else:
        obj.delete()


def _without_curation_fields(fields):
    kept = []
    for entry in fields:
        if isinstance(entry, list | tuple):
            line = [name for name in entry if name not in (VERSION_FIELD, REASON_FIELD)]
            if line:
                kept.append(tuple(line))
        elif entry not in (VERSION_FIELD, REASON_FIELD):
            kept.append(entry)
    return kept
