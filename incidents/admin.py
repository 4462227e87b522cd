import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from import_export.admin import ImportExportMixin

from config.admin import CuratedAdmin, CuratedForm, SoftDeleteAdminMixin, VersionedInlineMixin
from config.history import set_history_context
from incidents import services
from incidents.api.filters import is_id
from incidents.api.views import incident_version
from sources.admin import QuotePickerMedia, picker_context, quote_with_source

from . import admin_claims, review
from .admin_forms import (
    ActorMergeForm,
    GradeForm,
    IncidentForm,
    IncidentMergeForm,
    StatementLinkForm,
    StatementLinkFormSet,
)
from .admin_search import ActorListFilter, incidents_about, ranked_by_name_match
from .assessment import alleged_perpetrators, evidence_of, suggest_grade
from .choices import SUB_TYPES_BY_TYPE, AttributionGrade, CivilianHarmGrade, IncidentStatus
from .duplicates import duplicate_rows
from .models import (
    Actor,
    CasualtyReport,
    HistoryEvent,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
)
from .resources import ActorResource, IncidentResource, LedgerCSV

PUBLISH_PERMISSION = "incidents.publish_incident"


# The history rows of an incident's claims: each names its incident in ``after`` or, once
# deleted or moved away, in ``before``; each side probes its own index.
CLAIM_HISTORY_SQL = """
SELECT id FROM incidents_historyevent
WHERE after ? 'incident_id' AND (after ->> 'incident_id')::bigint = %s
UNION ALL
SELECT id FROM incidents_historyevent
WHERE before ? 'incident_id' AND (before ->> 'incident_id')::bigint = %s
"""


class LedgerImportExportMixin(ImportExportMixin):
    """CSV import with a dry-run preview, and CSV export, with formula-safe cells."""

    import_formats = [LedgerCSV]
    export_formats = [LedgerCSV]

    def has_import_permission(self, request) -> bool:
        # A CSV import writes many records at once, past the review gate: a reviewer's tool.
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and request.user.has_perm(PUBLISH_PERMISSION)
        )

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def process_dataset(self, dataset, form, request, **kwargs):
        name = kwargs.get("file_name") or form.cleaned_data.get("original_file_name", "")
        set_history_context(
            user=request.user,
            reason=f"CSV import of {name}".strip(),
            request_id=getattr(request, "request_id", ""),
            via="import",
        )
        return super().process_dataset(dataset, form, request, **kwargs)


class DerivedSlugAdminMixin:
    """A new record's slug may be left empty (the page fills it from the name as one types):
    it is then made from ``slug_from`` as the API makes it (services.unique_slug), free of
    the slugs already taken."""

    slug_from = "name"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields[
                "slug"
            ].help_text = f"Left empty: made from the {self.slug_from}, with -2, -3... when taken."
        return form

    def save_model(self, request, obj, form, change):
        if not change and not obj.slug:
            obj.slug = services.unique_slug(type(obj), getattr(obj, self.slug_from))
        super().save_model(request, obj, form, change)


@admin.register(Actor)
class ActorAdmin(DerivedSlugAdminMixin, LedgerImportExportMixin, CuratedAdmin):
    history_resource = "actors"
    resource_classes = [ActorResource]
    list_display = ["name", "slug", "kind", "parent", "country", "wikidata_id"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["merge_actors"]

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete keeps this order (the change list sorts by its own columns).
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        ranked = ranked_by_name_match(queryset, search_term).select_related("parent")
        return ranked, may_have_duplicates

    def autocomplete_label(self, actor: Actor) -> str:
        """An actor as autocomplete lists it: "Russian Aerospace Forces (armed force, part
        of Russia)", so that two of one name, or a unit and its state, are told apart."""
        part_of = f", part of {actor.parent.name}" if actor.parent_id else ""
        return f"{actor.name} ({actor.get_kind_display().lower()}{part_of})"

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    # A merge rewrites every claim naming the duplicates, public ones too: a reviewer's tool.
    @admin.action(description="Merge the selected actors into one actor", permissions=["publish"])
    def merge_actors(self, request, queryset):
        selected = list(queryset)
        if "apply" in request.POST:
            form = ActorMergeForm(request.POST, selected=selected, admin_site=self.admin_site)
            if form.is_valid():
                return self._merge(request, form)
        else:
            form = ActorMergeForm(selected=selected, admin_site=self.admin_site)
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "selected": selected,
            "media": self.media + form.media,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/incidents/actor/merge.html", context)

    def _merge(self, request, form: ActorMergeForm):
        keep, duplicates = form.cleaned_data["keep"], form.duplicates
        try:
            with transaction.atomic():
                for duplicate in duplicates:
                    services.actor_merge(
                        keep=keep,
                        duplicate=duplicate,
                        user=request.user,
                        reason=form.cleaned_data["reason"],
                    )
        except ValidationError as error:
            self.message_user(request, _refusal("merge into", keep, error), messages.ERROR)
            return None
        except IntegrityError as error:
            self.message_user(
                request,
                f"The database refused the merge into “{keep}”, nothing was changed: "
                f"{str(error).splitlines()[0]}",
                messages.ERROR,
            )
            return None
        names = ", ".join(f"“{duplicate}”" for duplicate in duplicates)
        self.message_user(request, f"Merged {names} into “{keep}”.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:incidents_actor_change", args=[quote(keep.pk)]))


class _UserListFilter(admin.RelatedOnlyFieldListFilter):
    """Users who did something to a listed incident, under the role's name."""

    role = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.role


class EditorListFilter(_UserListFilter):
    role = "editor"


class ReviewerListFilter(_UserListFilter):
    role = "reviewer"


class ClaimInlineMixin(VersionedInlineMixin):
    """A part of an incident on its page; an editor's change to a public one waits for review."""

    extra = 0
    show_change_link = True


class QuotedClaimInlineMixin(ClaimInlineMixin):
    """A claim's row shows its quote within the words around it, with its source and date."""

    readonly_fields = ["quote_in_context"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quote__source")

    @admin.display(description="quote in its context")
    def quote_in_context(self, claim) -> str:
        return quote_with_source(claim.quote if claim.pk else None)


class InvolvementInline(QuotedClaimInlineMixin, admin.TabularInline):
    model = Involvement
    fields = ["actor", "role", "attributed_by", "quote", "quote_in_context", "note"]
    autocomplete_fields = ["actor", "attributed_by", "quote"]
    history_resource = "involvements"


class CasualtyReportInline(QuotedClaimInlineMixin, admin.TabularInline):
    model = CasualtyReport
    fields = [
        "category",
        "population",
        "min",
        "max",
        "reported_by",
        "quote",
        "quote_in_context",
        "as_of",
        "counted",
    ]
    autocomplete_fields = ["reported_by", "quote"]
    history_resource = "casualty-reports"


class IncidentFactInline(ClaimInlineMixin, admin.TabularInline):
    """What the incident's own facts rest on: a quote each, or a note saying why inferred."""

    model = IncidentFact
    fields = ["fact", "quote", "note"]
    autocomplete_fields = ["quote"]
    history_resource = "incident-facts"
    verbose_name = "fact's citation"
    verbose_name_plural = (
        "what the facts rest on (date, place, coordinates, weapons, typed figures)"
    )


class StatementInline(ClaimInlineMixin, admin.TabularInline):
    """An incident's statements: recorded ones chosen, or new ones written in a row."""

    model = Statement.incidents.through
    form = StatementLinkForm
    formset = StatementLinkFormSet
    fields = ["statement", "speaker", "kind", "quote", "said_on", "words"]
    readonly_fields = ["words"]
    autocomplete_fields = ["statement"]
    show_change_link = False
    verbose_name = "statement about this incident"
    verbose_name_plural = "statements about this incident"

    def get_queryset(self, request):
        # The link table has no manager of its own that hides deleted statements.
        return (
            super()
            .get_queryset(request)
            .filter(statement__deleted_at__isnull=True)
            .select_related("statement__speaker__parent", "statement__quote__source")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.may_write = request.user.has_perm("incidents.add_statement")
        for name in ["speaker", "quote"]:
            field = formset.form.base_fields[name]
            field.widget = AutocompleteSelect(Statement._meta.get_field(name), self.admin_site)
            field.widget.choices = field.choices
        return formset

    @admin.display(description="words, in their context")
    def words(self, link) -> str:
        return quote_with_source(link.statement.quote if link.pk else None)

    # The columns as a reader without the right to change sees them (editors get the form's).
    @admin.display(description="speaker")
    def speaker(self, link) -> str:
        return str(link.statement.speaker)

    @admin.display(description="kind")
    def kind(self, link) -> str:
        return link.statement.get_kind_display()

    @admin.display(description="quote")
    def quote(self, link) -> str:
        return str(link.statement.quote or "—")

    @admin.display(description="said on")
    def said_on(self, link) -> str:
        return str(link.statement.said_on or "—")


def _statement_about(statement: Statement, incident: Incident) -> Statement:
    statement.save()
    statement.incidents.add(incident)
    return statement


# The names a workflow button and its fields post with the incident's form.
WORKFLOW = "_workflow"
WORKFLOW_REASON = "workflow_reason"
WORKFLOW_VERSION = "workflow_version"


@dataclass(frozen=True)
class Move:
    """One step of the workflow, as the admin offers it."""

    name: str
    service: Callable[..., Incident]
    label: str
    verb: str
    done: str
    needs_publish_permission: bool
    from_status: str
    reason_required: bool = False


MOVES = {
    move.name: move
    for move in [
        Move(
            "submit",
            services.incident_submit,
            "Send to review",
            "send to review",
            "sent to review",
            False,
            IncidentStatus.DRAFT,
        ),
        Move(
            "publish",
            services.incident_publish,
            "Publish",
            "publish",
            "published",
            True,
            IncidentStatus.IN_REVIEW,
        ),
        Move(
            "retract",
            services.incident_retract,
            "Retract",
            "retract",
            "retracted",
            True,
            IncidentStatus.PUBLISHED,
        ),
        Move(
            "return",
            services.incident_return,
            "Send back to draft",
            "return",
            "sent back to draft",
            True,
            IncidentStatus.IN_REVIEW,
            reason_required=True,
        ),
    ]
}


def _refusal(verb: str, record, error: ValidationError):
    reasons = error.messages
    if len(reasons) == 1:
        return format_html("Could not {} “{}”: {}", verb, record, reasons[0])
    return format_html(
        "Could not {} “{}”:<ul>{}</ul>",
        verb,
        record,
        format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons)),
    )


@admin.register(Incident)
class IncidentAdmin(
    DerivedSlugAdminMixin, LedgerImportExportMixin, SoftDeleteAdminMixin, CuratedAdmin
):
    history_resource = "incidents"
    slug_from = "title"
    resource_classes = [IncidentResource]
    form = IncidentForm
    change_form_template = "admin/incidents/incident/change_form.html"
    # What fits beside the filters at 1366 px; type, place and reviewer are filters.
    list_display = ["title", "start_date", "country", "status", "created_by"]
    list_filter = [
        ActorListFilter,
        "status",
        ("created_by", EditorListFilter),
        ("published_by", ReviewerListFilter),
        "type",
        "sub_type",
        "country",
        "date_precision",
        "civilian_harm_grade",
        "attribution_grade",
    ]
    list_select_related = ["created_by", "published_by"]
    search_fields = ["title", "slug", "summary", "location_name", "admin1"]
    date_hierarchy = "start_date"

    class Media:
        css = {"all": ["leaflet/leaflet.css", *QuotePickerMedia.css["all"]]}
        js = [
            "leaflet/leaflet.js",
            "ledger/incident_map.js",
            "ledger/sub_types.js",
            *QuotePickerMedia.js,
            "ledger/claim_from_text.js",
        ]

    @admin.display(description="Map")
    def map(self, incident: Incident | None) -> str:
        """The point on a map (incidents/static/ledger/incident_map.js); a click sets it."""
        stored = [getattr(incident, name, None) for name in ("latitude", "longitude")]
        return format_html(
            '<div id="ledger-map" class="ledger-map" data-tiles="{}" data-attribution="{}" '
            'data-latitude="{}" data-longitude="{}"></div>'
            '<p id="ledger-map-note" class="help"></p>',
            settings.MAP_TILE_URL,
            settings.MAP_TILE_ATTRIBUTION,
            *("" if value is None else value for value in stored),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "sub_type" and field is not None:
            field.widget.attrs["data-by-type"] = json.dumps(SUB_TYPES_BY_TYPE)
        return field

    def history_events(self, obj):
        # One timeline: the incident's own rows and those of its claims (migration 0022).
        return super().history_events(obj) | HistoryEvent.objects.filter(
            pk__in=RawSQL(CLAIM_HISTORY_SQL, (obj.pk, obj.pk))  # noqa: S611 - bound
        )

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return found, may_have_duplicates
        return found | queryset.filter(incidents_about(search_term)), may_have_duplicates

    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    readonly_fields = [
        "map",
        "status",
        "created_by",
        "submitted_by",
        "submitted_at",
        "published_by",
        "published_at",
        "retracted_by",
        "retracted_at",
        "retraction_reason",
        "civilian_harm_grade",
        "attribution_grade",
        "graded_by",
        "graded_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "summary", ("type", "sub_type"), "parent"]}),
        ("When", {"fields": [("start_date", "end_date", "date_precision")]}),
        (
            "Where",
            {
                "fields": [
                    ("country", "admin1"),
                    "location_name",
                    ("latitude", "longitude", "geo_precision"),
                    "map",
                ]
            },
        ),
        (
            "Civilian casualties: derived from the reports marked counted",
            {
                "fields": [
                    ("civilian_deaths_min", "civilian_deaths_max"),
                    ("civilian_injuries_min", "civilian_injuries_max"),
                    "civilian_figures_override_reason",
                    "weapons",
                ]
            },
        ),
        (
            "The same event in other datasets",
            {
                "fields": [("acled_event_id", "ucdp_ged_id", "airwars_code")],
                "classes": ["collapse"],
            },
        ),
        (
            # Set by reviewers through services.incident_grade (the API's grade action, or the
            # Grade module above this form, IncidentAdmin.grade_view); shown here, never edited
            # in the form, so that an editor's save cannot set it past the reviewers.
            "Assessment (docs/assessment.md)",
            {"fields": [("civilian_harm_grade", "attribution_grade"), ("graded_by", "graded_at")]},
        ),
        (
            "Workflow",
            {
                "fields": [
                    "created_by",
                    ("submitted_by", "submitted_at"),
                    ("published_by", "published_at"),
                    ("retracted_by", "retracted_at"),
                    "retraction_reason",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]
    inlines = [InvolvementInline, CasualtyReportInline, StatementInline, IncidentFactInline]
    # No bulk publish: publishing names the version the reviewer read, from the incident's page.
    actions = ["submit_selected", "retract_selected"]

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        # Statements written in their rows: each a new statement about this incident.
        for statement in getattr(formset, "new_statements", []):
            self.through_review(
                request, statement, partial(_statement_about, statement, form.instance), "create"
            )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Only a reviewer overrides the figures derived from the counted reports.
        if not self.has_publish_permission(request):
            readonly.append("civilian_figures_override_reason")
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/<str:move>/",
                self.admin_site.admin_view(self.workflow_view),
                name="incidents_incident_workflow",
            ),
            path(
                "<path:object_id>/grade/",
                self.admin_site.admin_view(self.grade_view),
                name="incidents_incident_grade",
            ),
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name="incidents_incident_merge",
            ),
            path(
                "<path:object_id>/claim-from-text/",
                self.admin_site.admin_view(self.claim_from_text_view),
                name="incidents_incident_claim_from_text",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow"] = self._workflow_context(request, obj)
            context["grade"] = self._grade_context(request, obj)
            context["duplicates"] = {
                "rows": duplicate_rows(obj),
                "merge_url": reverse("admin:incidents_incident_merge", args=[quote(obj.pk)])
                if self.has_publish_permission(request)
                else "",
            }
            if self._may_claim_from_text(request, obj):
                context["claim_from_text"] = self._claim_from_text_context(obj)
                context["media"] += context["claim_from_text"]["form"].media
        else:
            # A new incident is a draft: it can be saved and sent to review at once.
            context["workflow"] = {"moves": [self._move_button(MOVES["submit"])]}
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The workflow buttons belong to the page's main form: a move saves what the page holds
    # first, then moves; a form with errors comes back with them and nothing moves, so no
    # edit on the page is lost to a button.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and request.POST.get(WORKFLOW) == "publish":
            # Publishing names what the reviewer read: nothing may have changed since the page
            # was loaded but what the reviewer changes on it now.
            request.ledger_publish_stale = request.POST.get(WORKFLOW_VERSION) != incident_version(
                unquote(object_id)
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        if self._save_then_move(request, obj):
            return self._back_to(obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._save_then_move(request, obj):
            return self._back_to(obj)
        return super().response_change(request, obj)

    def _save_then_move(self, request, incident: Incident) -> bool:
        """The move a workflow button asked for, once the page's form is saved; whether one
        was asked for (and said what came of it)."""
        move = MOVES.get(request.POST.get(WORKFLOW, ""))
        if move is None or getattr(request, "ledger_held", None):
            return False  # the held save says why nothing else happened
        reason = request.POST.get(f"{WORKFLOW_REASON}_{move.name}", "")
        if not self._may_move(request, move, incident):
            self.message_user(
                request,
                f"Saved, but not {move.done}: only a reviewer may {move.verb} it.",
                messages.ERROR,
            )
        elif move.name == "publish" and getattr(request, "ledger_publish_stale", True):
            self.message_user(
                request,
                f"Saved, but not published: “{incident}” or one of its claims was changed by "
                "someone else since this page was loaded. Read the page again, then publish "
                "what you reviewed.",
                messages.ERROR,
            )
        elif self._move(request, incident, move, reason=reason):
            self.message_user(request, f"“{incident}” was saved and {move.done}.", messages.SUCCESS)
        return True

    def _back_to(self, incident: Incident) -> HttpResponseRedirect:
        return HttpResponseRedirect(
            reverse("admin:incidents_incident_change", args=[quote(incident.pk)])
        )

    @staticmethod
    def _move_button(move: Move) -> dict:
        return {
            "name": move.name,
            "label": f"Save and {move.label[0].lower()}{move.label[1:]}",
            "reason_required": move.reason_required,
        }

    def _workflow_context(self, request, incident: Incident) -> dict:
        moves = [
            self._move_button(move)
            for move in MOVES.values()
            if move.from_status == incident.status and self._may_move(request, move, incident)
        ]
        # Publishing names the version the reviewer reads on this page (the API's ETag).
        version = incident_version(incident.pk) if moves else ""
        blockers = (
            services.publish_blockers(incident)
            if incident.status in (IncidentStatus.DRAFT, IncidentStatus.IN_REVIEW)
            else []
        )
        return {
            "status": incident.get_status_display(),
            "moves": moves,
            "blockers": blockers,
            "version": version,
            # Why a reviewer sent it back, for its editor to act on.
            "returned": (
                services.last_return(incident) if incident.status == IncidentStatus.DRAFT else None
            ),
        }

    def _grade_context(self, request, incident: Incident) -> dict:
        """The Grade module: the current grade, the grade the evidence suggests with the counts
        it rests on, and for a reviewer the form that sets it."""
        counted = Incident.objects.with_evidence().get(pk=incident.pk)
        evidence = evidence_of(counted)
        suggested = suggest_grade(evidence)
        perpetrators = ", ".join(str(actor) for actor in alleged_perpetrators(counted))
        yes_no = {True: "yes", False: "no"}
        form = None
        if self.has_publish_permission(request):
            form = GradeForm(
                initial={
                    "civilian_harm": incident.civilian_harm_grade,
                    "attribution": incident.attribution_grade,
                }
            )
        return {
            "civilian_harm": incident.get_civilian_harm_grade_display() or "Not graded",
            "attribution": incident.get_attribution_grade_display() or "Not graded",
            "graded_by": incident.graded_by,
            "graded_at": incident.graded_at,
            "suggested_civilian_harm": CivilianHarmGrade(suggested.civilian_harm).label,
            "suggested_attribution": AttributionGrade(suggested.attribution).label,
            "evidence": [
                ("Independent sources", evidence.independent_sources),
                (
                    "Alleged perpetrators",
                    f"{evidence.alleged_perpetrators} ({perpetrators})"
                    if perpetrators
                    else evidence.alleged_perpetrators,
                ),
                ("Accepted by the perpetrator", yes_no[evidence.accepted_by_perpetrator]),
                ("Denied", yes_no[evidence.denied]),
                ("Civilian figures disagree", yes_no[evidence.figures_disagree]),
            ],
            "form": form,
            "url": reverse("admin:incidents_incident_grade", args=[quote(incident.pk)]),
        }

    def grade_view(self, request, object_id):
        """The Grade module's form: a reviewer's grade, with the reason, then back to the page.
        The service judges the values and the reason, so the admin refuses what the API does,
        in the same words."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        incident = self.get_object(request, unquote(object_id))
        if incident is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        try:
            # The service grades a fresh, locked copy of the row and returns it.
            incident = services.incident_grade(
                incident=incident,
                user=request.user,
                civilian_harm=request.POST.get("civilian_harm", ""),
                attribution=request.POST.get("attribution", ""),
                reason=request.POST.get("reason", "").strip(),
            )
        except ValidationError as error:
            self.message_user(request, _refusal("grade", incident, error), messages.ERROR)
        else:
            self.message_user(
                request,
                f"“{incident}” was graded: civilian harm {incident.civilian_harm_grade}, "
                f"attribution {incident.attribution_grade}.",
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse("admin:incidents_incident_change", args=[quote(incident.pk)])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A merged incident's page leads to the incident it was merged into, as its API URL does.
        survivor = None
        if is_id(object_id) and self.has_view_permission(request):
            merged = Incident.all_objects.filter(pk=object_id, merged_into__isnull=False)
            survivor = merged.values_list("merged_into_id", flat=True).first()
        if survivor is not None:
            self.message_user(
                request, f"Incident {object_id} was merged into this one.", messages.INFO
            )
            return HttpResponseRedirect(
                reverse("admin:incidents_incident_change", args=[quote(survivor)])
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def merge_view(self, request, object_id):
        """ "Merge into…" on an incident's page (reviewers): choose the incident that stays,
        read what will move, confirm. The confirmation names the version of this incident
        read on it; a change since is refused, as publishing is."""
        # Permission first, as Django's own views: who may not merge learns nothing of ids.
        if not self.has_publish_permission(request):
            raise PermissionDenied
        duplicate = self.get_object(request, unquote(object_id))
        if duplicate is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        page = reverse("admin:incidents_incident_change", args=[quote(duplicate.pk)])
        data = request.POST if request.method == "POST" else None
        into = request.GET.get("into", "")
        initial = {"into": into} if into.isascii() and into.isdigit() else {}  # not "²"
        form = IncidentMergeForm(
            data, initial=initial, duplicate=duplicate, admin_site=self.admin_site
        )
        moves = None
        if data is not None and form.is_valid():
            keep = form.cleaned_data["into"]
            if "confirm" not in request.POST:
                moves = services.merge_moves(keep=keep, duplicate=duplicate)
            elif request.POST.get("version") != incident_version(duplicate.pk):
                self.message_user(
                    request,
                    f"Not merged: “{duplicate}” or one of its claims has changed since the "
                    "confirmation was shown. Read it again, then merge.",
                    messages.ERROR,
                )
                return HttpResponseRedirect(page)
            else:
                try:
                    services.incident_merge(
                        keep=keep,
                        duplicate=duplicate,
                        user=request.user,
                        reason=form.cleaned_data["reason"].strip(),
                    )
                except ValidationError as error:
                    self.message_user(request, _refusal("merge", duplicate, error), messages.ERROR)
                    return HttpResponseRedirect(page)
                self.message_user(
                    request,
                    f"“{duplicate}” was merged into “{keep}”; its id and slug now lead here.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:incidents_incident_change", args=[quote(keep.pk)])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge “{duplicate}” into another incident",
            "subtitle": None,
            "opts": self.opts,
            "original": duplicate,
            "form": form,
            "moves": moves,
            "version": incident_version(duplicate.pk) if moves is not None else "",
            "duplicates": duplicate_rows(duplicate),
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/incidents/incident/merge.html", context)

    def _may_claim_from_text(self, request, incident: Incident) -> bool:
        needed = ["sources.add_quote"] + [
            f"incidents.add_{model._meta.model_name}" for model, _ in admin_claims.KINDS.values()
        ]
        return self.has_change_permission(request, incident) and request.user.has_perms(needed)

    def _claim_from_text_context(self, incident: Incident) -> dict:
        source = admin_claims.last_quoted_source(incident)
        form = admin_claims.ClaimFromTextForm(
            admin_site=self.admin_site, initial={"source": source}
        )
        return {
            "form": form,
            "form_id": admin_claims.FORM_ID,
            "url": reverse("admin:incidents_incident_claim_from_text", args=[quote(incident.pk)]),
            "picker": picker_context(
                source,
                mode="claim",
                body_url=reverse("admin:sources_quote_source_body"),
                source_field=form["source"],
                text_id=form["text"].auto_id,
                start_id=form["start"].auto_id,
            ),
        }

    def claim_from_text_view(self, request, object_id):
        """The panel "A claim from the text" (incidents.admin_claims): the quote and the claim
        in one step. Answers JSON for the page's script (ledger/claim_from_text.js): the
        message, and on success the ids, with the message also kept for the page's reload."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        incident = self.get_object(request, unquote(object_id))
        if incident is None:
            return JsonResponse({"message": f"There is no incident {object_id}."}, status=404)
        if not self._may_claim_from_text(request, incident):
            return JsonResponse(
                {"message": "Your account may not add quotes and claims to this incident."},
                status=403,
            )
        form = admin_claims.ClaimFromTextForm(request.POST, admin_site=self.admin_site)
        if not form.is_valid():
            errors = {name: list(messages) for name, messages in form.errors.items()}
            return self._claim_refused(form, errors)
        if form.cleaned_data["reason"]:
            # Inside the request's transaction: it labels both writes' history rows.
            set_history_context(
                user=request.user,
                reason=form.cleaned_data["reason"],
                request_id=getattr(request, "request_id", ""),
                via="admin",
            )
        try:
            quoted, claim = admin_claims.claim_from_text(
                form=form, incident=incident, user=request.user
            )
        except admin_claims.Refused as refused:
            return self._claim_refused(form, refused.errors)
        if review.is_held(claim):
            model = admin_claims.KINDS[form.cleaned_data["claim"]][0]
            message = (
                f"The quote is marked; the new {model._meta.verbose_name} would change what the "
                f"public sees, so it waits for a reviewer as revision {claim.pk}."
            )
            self.message_user(request, message, messages.WARNING)
            answer = {"message": message, "quote": quoted.pk, "revision": claim.pk}
            return JsonResponse(answer, status=202)
        message = f"Created from the words of “{quoted.source}”: {claim} (quote {quoted.pk})."
        self.message_user(request, message, messages.SUCCESS)
        answer = {"message": message, "quote": quoted.pk, "claim": claim.pk}
        return JsonResponse(answer, status=201)

    @staticmethod
    def _claim_refused(form, errors: dict[str, list[str]]) -> JsonResponse:
        message = admin_claims.refusal_message(form, errors)
        return JsonResponse({"message": message, "errors": errors}, status=400)

    def _may_move(self, request, move: Move, incident: Incident | None = None) -> bool:
        if move.needs_publish_permission:
            return self.has_publish_permission(request)
        return self.has_change_permission(request, incident)

    def workflow_view(self, request, object_id, move):
        """A workflow button on the incident's page: one move, then back to the page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if move not in MOVES:
            raise Http404(f"No workflow step {move!r}.")
        incident = self.get_object(request, unquote(object_id))
        if incident is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self._may_move(request, MOVES[move], incident):
            raise PermissionDenied
        if move == "publish" and request.POST.get("version") != incident_version(incident.pk):
            self.message_user(
                request,
                f"Not published: “{incident}” or one of its claims has changed since this page "
                "was loaded. Read the page again, then publish what you reviewed.",
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:incidents_incident_change", args=[quote(incident.pk)])
            )
        if self._move(request, incident, MOVES[move], reason=request.POST.get("reason", "")):
            self.message_user(request, f"“{incident}” was {MOVES[move].done}.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:incidents_incident_change", args=[quote(incident.pk)])
        )

    def _move(self, request, incident: Incident, move: Move, reason: str = "") -> bool:
        try:
            move.service(incident=incident, user=request.user, reason=reason.strip())
        except ValidationError as error:
            self.message_user(request, _refusal(move.verb, incident, error), messages.ERROR)
            return False
        return True

    def _move_selected(self, request, queryset, move: Move) -> None:
        done = 0
        for incident in queryset:
            if not self._may_move(request, move, incident):
                self.message_user(
                    request,
                    f"Could not {move.verb} “{incident}”: only a reviewer may change it.",
                    messages.ERROR,
                )
            elif self._move(request, incident, move):
                done += 1
        if done:
            noun = "incident" if done == 1 else "incidents"
            self.message_user(request, f"{done} {noun} {move.done}.", messages.SUCCESS)

    @admin.action(description="Send the selected drafts to review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._move_selected(request, queryset, MOVES["submit"])

    @admin.action(description="Retract the selected published incidents", permissions=["publish"])
    def retract_selected(self, request, queryset):
        self._move_selected(request, queryset, MOVES["retract"])


class ClaimAdmin(SoftDeleteAdminMixin, CuratedAdmin):
    """A claim on its own page; an editor's change to a public one waits for review."""


@admin.register(Involvement)
class InvolvementAdmin(ClaimAdmin):
    history_resource = "involvements"
    list_display = ["incident", "actor", "role", "attributed_by", "quote"]
    list_filter = ["role"]
    list_select_related = ["incident", "actor", "attributed_by", "quote"]
    search_fields = ["incident__title", "actor__name", "attributed_by__name", "quote__text"]
    autocomplete_fields = ["incident", "actor", "attributed_by", "quote"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(CasualtyReport)
class CasualtyReportAdmin(ClaimAdmin):
    history_resource = "casualty-reports"
    list_display = [
        "incident",
        "category",
        "population",
        "min",
        "max",
        "reported_by",
        "as_of",
        "counted",
    ]
    list_filter = ["category", "population", "counted"]
    list_select_related = ["incident", "reported_by"]
    search_fields = ["incident__title", "reported_by__name", "quote__text"]
    autocomplete_fields = ["incident", "reported_by", "quote"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(IncidentFact)
class IncidentFactAdmin(ClaimAdmin):
    history_resource = "incident-facts"
    list_display = ["incident", "fact", "quote", "note"]
    list_filter = ["fact"]
    list_select_related = ["incident", "quote"]
    search_fields = ["incident__title", "quote__text", "note"]
    autocomplete_fields = ["incident", "quote"]
    readonly_fields = ["created_at", "updated_at"]


class StatementForm(CuratedForm):
    """A statement's page: a denial's involvement must be about an incident it is about (a
    many-to-many the model's ``clean()`` cannot see before saving)."""

    def clean(self):
        cleaned = super().clean()
        if "incidents" in cleaned and "denies" in cleaned:
            # The instance takes the form's values only after clean(): check the given ones.
            statement = Statement(denies=cleaned["denies"])
            try:
                statement.check_denies(incident.pk for incident in cleaned["incidents"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


@admin.register(Statement)
class StatementAdmin(ClaimAdmin):
    history_resource = "statements"
    form = StatementForm
    list_display = ["speaker", "kind", "said_on", "quote"]
    list_filter = ["kind"]
    list_select_related = ["speaker", "quote"]
    search_fields = ["speaker__name", "quote__text"]
    autocomplete_fields = ["speaker", "quote", "incidents", "denies"]
    readonly_fields = ["created_at", "updated_at"]


# Registered with the admin on import: the reviewers' queue, the services' API tokens.
from . import admin_clients, review_admin  # noqa: E402,F401
