"""The reviewers' queue in the API: pending revisions, their diffs, accept and reject."""

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from config.api.filters import MAX_ID, ChoiceFilter, IntegerFilter
from config.api.permissions import CanViewRevisions
from config.api.serializers import drf_error_detail
from config.api.views import (
    Conflict,
    StrictParamsMixin,
    check_if_match,
    etag_of,
    id_parameter,
    if_match_parameter,
)
from incidents import review
from incidents.api.serializers import (
    RevisionDecisionSerializer,
    RevisionSerializer,
    revision_version,
)
from incidents.models import Revision, RevisionStatus


class RevisionFilterSet(django_filters.FilterSet):
    # The API's strict filters: django-filter's own take `object_id=0.5` or an empty `status`.
    status = ChoiceFilter(
        choices=RevisionStatus.choices, label="Only revisions in this state, e.g. `pending`."
    )
    resource = ChoiceFilter(
        choices=[(name, name) for name in sorted(review.reviewed_models())],
        label="Only revisions of this resource, e.g. `involvements`.",
    )
    object_id = IntegerFilter(
        min_value=1,
        max_value=MAX_ID,
        label="Only revisions of the record with this id (with `resource`).",
    )

    class Meta:
        model = Revision
        fields = []


@extend_schema_view(
    list=extend_schema(summary="List revisions waiting for review, and decided ones (editors)"),
    retrieve=extend_schema(summary="Read one revision with its diff", parameters=[id_parameter]),
)
class RevisionViewSet(StrictParamsMixin, viewsets.ReadOnlyModelViewSet):
    """Revisions: an editor's write to a public record (or one that would make a record public),
    held out of the public's sight until a reviewer accepts it. Each shows the record's fields
    as the editor found them (`before`), as the edit leaves them (`after`) and the difference
    (`changes`). Editors and reviewers see them all; reviewers accept (with `If-Match`: the
    ETag of the revision as they read it) or reject with a reason; the proposing editor may
    withdraw one. A record has at most one pending revision: a second write to it is a 409
    naming the first."""

    queryset = Revision.objects.select_related("proposed_by", "decided_by")
    serializer_class = RevisionSerializer
    filterset_class = RevisionFilterSet
    permission_classes = [CanViewRevisions]
    lookup_value_regex = r"[0-9]+"
    action_error_statuses = {
        "accept": ["409", "412", "428"],
        "reject": ["409"],
        "withdraw": ["409"],
    }

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_of(response.data)  # as revision_version() computes it
        return response

    def _reviewers_only(self, request) -> None:
        # Before the revision's state, If-Match or the body are judged: an editor who may not
        # decide learns that, not that a made-up ETag is stale or a reason is missing.
        if not review.is_reviewer(request.user):
            raise PermissionDenied("Only a reviewer may accept or reject a revision.")

    def _decide(self, request, decide, options):
        revision = self.get_object()
        body = RevisionDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            decide(revision=revision, user=request.user, **options(body.validated_data))
        except DjangoValidationError as error:
            raise ValidationError(drf_error_detail(error)) from None
        except review.RevisionConflict as conflict:
            raise Conflict(str(conflict)) from None
        except (IntegrityError, ProtectedError) as error:
            # What the revision rests on has changed since (a quote deleted, a slug taken).
            raise Conflict(
                f"Revision {revision.pk} can no longer be applied: {str(error).splitlines()[0]}"
            ) from None
        decided = self.get_queryset().get(pk=revision.pk)
        return Response(
            RevisionSerializer(decided).data, headers={"ETag": revision_version(decided)}
        )

    @extend_schema(
        summary="Accept a revision (reviewers)",
        request=RevisionDecisionSerializer,
        parameters=[if_match_parameter],
        responses={200: RevisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, *args, **kwargs):
        """Apply the revision to the public record, as the reviewer, with the proposing editor
        named in the history. Needs `If-Match` with the revision's ETag as read (428 without,
        412 if it no longer matches); a 409 if the record has changed since the edit was made."""
        self._reviewers_only(request)
        check_if_match(request, revision_version(self.get_object()))
        return self._decide(request, review.revision_accept, options=lambda data: {})

    @extend_schema(
        summary="Reject a revision, saying why (reviewers)",
        request=RevisionDecisionSerializer,
        responses={200: RevisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, *args, **kwargs):
        """Refuse the revision; the record stays as it is. `reason` is required."""
        self._reviewers_only(request)
        return self._decide(
            request,
            review.revision_reject,
            options=lambda data: {"reason": data.get("reason", "")},
        )

    @extend_schema(
        summary="Withdraw one's own revision",
        request=RevisionDecisionSerializer,
        responses={200: RevisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        """Take back a pending revision one proposed, so the record can be edited again."""
        return self._decide(request, review.revision_withdraw, options=lambda data: {})
