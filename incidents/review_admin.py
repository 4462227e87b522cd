"""The reviewers' queue in the admin: each pending revision with its diff against the public
version, accepted (naming the version read) or rejected with a reason; and the review queue page
that lists, first, the new incidents sent to review (decided on their own page: published, or
sent back to draft with a reason) then those revisions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from incidents import import_review, review
from incidents.api.serializers import revision_version
from incidents.choices import IncidentStatus
from incidents.models import ImportBatch, Incident, Revision, RevisionStatus

DECISIONS = {
    "accept": "accepted",
    "reject": "rejected",
    "withdraw": "withdrawn",
}


class DecidedNotEditedMixin:
    """Records a reviewer decides on, through their own views: never added, changed or
    deleted in the admin's forms."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Revision)
class RevisionAdmin(DecidedNotEditedMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    list_filter = ["status", "resource", "operation"]
    list_select_related = ["proposed_by", "decided_by"]
    change_form_template = "admin/incidents/revision/change_form.html"
    change_list_template = "admin/incidents/revision/change_list.html"

    def get_urls(self):
        return [
            path(
                "queue/",
                self.admin_site.admin_view(self.queue_view),
                name="incidents_revision_queue",
            ),
            path(
                "<int:pk>/decide/<str:decision>/",
                self.admin_site.admin_view(self.decide_view),
                name="incidents_revision_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if revision is not None:
            context["review"] = self._review_context(request, revision)
        return super().change_view(request, object_id, form_url, context)

    def _review_context(self, request, revision: Revision) -> dict:
        model = review.reviewed_models()[revision.resource]
        record_url = None
        if revision.object_id is not None:
            record_url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                args=[revision.object_id],
            )
        pending = revision.status == RevisionStatus.PENDING
        reviewer = review.is_reviewer(request.user)
        return {
            "changes": [
                {"field": name, "public": _shown(before), "proposed": _shown(after)}
                for name, (before, after) in revision.changes.items()
            ],
            "record_url": record_url,
            "version": revision_version(revision),
            "may_decide": pending and reviewer,
            "may_withdraw": pending and revision.proposed_by_id == request.user.pk,
            "accept_url": reverse("admin:incidents_revision_decide", args=[revision.pk, "accept"]),
            "reject_url": reverse("admin:incidents_revision_decide", args=[revision.pk, "reject"]),
            "withdraw_url": reverse(
                "admin:incidents_revision_decide", args=[revision.pk, "withdraw"]
            ),
        }

    def queue_view(self, request):
        """What waits for a reviewer, oldest first within each kind: new incidents in review
        (no public version to compare with: the incident's page shows the whole record), then
        pending revisions of public records (the revision's page shows its diff)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        incidents = (
            Incident.objects.filter(status=IncidentStatus.IN_REVIEW)
            .select_related("submitted_by")
            .order_by("submitted_at", "pk")
        )
        revisions = (
            Revision.objects.filter(status=RevisionStatus.PENDING)
            .select_related("proposed_by")
            .order_by("proposed_at", "pk")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Review queue",
            "subtitle": None,
            "opts": self.opts,
            "incidents": incidents,
            "revisions": revisions,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/incidents/revision/queue.html", context)

    def decide_view(self, request, pk: int, decision: str):
        """Accept, reject or withdraw, then back to the revision's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if decision not in DECISIONS:
            raise Http404(f"No decision {decision!r}.")
        if not self.has_view_permission(request):
            raise PermissionDenied
        revision = get_object_or_404(Revision, pk=pk)
        back = HttpResponseRedirect(reverse("admin:incidents_revision_change", args=[pk]))
        reason = request.POST.get("reason", "").strip()
        try:
            if decision == "accept":
                if request.POST.get("version") != revision_version(revision):
                    self.message_user(
                        request,
                        "Not accepted: the revision has changed since this page was loaded.",
                        messages.ERROR,
                    )
                    return back
                review.revision_accept(revision=revision, user=request.user)
            elif decision == "reject":
                review.revision_reject(revision=revision, user=request.user, reason=reason)
            else:
                review.revision_withdraw(revision=revision, user=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return back
        except (review.RevisionConflict, IntegrityError, ProtectedError) as conflict:
            self.message_user(request, str(conflict).splitlines()[0], messages.ERROR)
            return back
        self.message_user(
            request,
            format_html("Revision {} {}.", revision.pk, DECISIONS[decision]),
            messages.SUCCESS,
        )
        return back


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@admin.register(ImportBatch)
class ImportBatchAdmin(DecidedNotEditedMixin, admin.ModelAdmin):
    """Editors' imports held whole for review (``import_events --as-editor``): what each would
    change, and an action that accepts the selected ones; a rejection, which needs a reason,
    is ``manage.py review_import N --reject --reason ...``."""

    list_display = ["__str__", "status", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    list_filter = ["status", "dataset"]
    list_select_related = ["proposed_by", "decided_by"]
    readonly_fields = [
        "dataset",
        "file_name",
        "summary",
        "public_incidents",
        "status",
        "reason",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]
    exclude = ["content", "since_event", "status_on_create", "skip_invalid"]
    actions = ["accept_selected"]

    def has_publish_permission(self, request) -> bool:
        return review.is_reviewer(request.user)

    @admin.action(description="Accept the selected import batches", permissions=["publish"])
    def accept_selected(self, request, queryset):
        for batch in queryset:
            try:
                report = import_review.batch_accept(batch=batch, user=request.user)
            except (PermissionDenied, ValidationError) as refused:
                message = "; ".join(getattr(refused, "messages", [str(refused)]))
                self.message_user(request, f"{batch}: {message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Import batch {batch.pk} accepted: {report.summary()}.",
                    messages.SUCCESS,
                )
