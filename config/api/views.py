import hashlib

from django.apps import apps
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action, api_view, permission_classes, schema
from rest_framework.exceptions import (
    APIException,
    ErrorDetail,
    MethodNotAllowed,
    NotFound,
    ValidationError,
)
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from config.api.permissions import CanViewHistory, can_see_drafts
from config.api.serializers import drf_error_detail
from config.history import set_history_context

FORMAT_PARAM = "format"


class StrictContentNegotiation(DefaultContentNegotiation):
    """An unknown ``?format=`` is a 400 naming the parameter, not DRF's bare 404; an empty
    one too, rather than silently the default."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if not format_suffix and request.query_params.get(FORMAT_PARAM, None) == "":
            known = ", ".join(sorted(renderer.format for renderer in renderers))
            raise ValidationError({FORMAT_PARAM: [f"Give a format: one of {known}."]})
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            known = ", ".join(sorted(renderer.format for renderer in renderers))
            raise ValidationError(
                {FORMAT_PARAM: [f"Unknown format {format!r}; use one of: {known}."]}
            )
        return matching


class StrictParamsMixin:
    """A query parameter the endpoint does not know is a 400 that names it, never silently
    ignored, so that ``?actr=russia`` cannot pass for a filtered answer."""

    content_negotiation_class = StrictContentNegotiation

    def initial(self, request, *args, **kwargs):
        # A method the URL does not take is a 405 whatever else is wrong with the request.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        self.check_query_params(request.query_params)

    def allowed_query_params(self) -> set[str]:
        allowed = {FORMAT_PARAM}
        if self.action == "list":
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                allowed |= set(filterset_class.base_filters)
            allowed |= {parameter["name"] for parameter in self._pagination_parameters()}
        return allowed

    def _pagination_parameters(self) -> list[dict]:
        if self.paginator is None:
            return []
        return self.paginator.get_schema_operation_parameters(self)

    def check_query_params(self, params: QueryDict) -> None:
        allowed = self.allowed_query_params()
        unknown = sorted(set(params) - allowed)
        if unknown:
            accepted = ", ".join(sorted(allowed))
            raise ValidationError(
                {
                    name[:50]: [
                        ErrorDetail(
                            f"Unknown query parameter; this endpoint accepts {accepted}.",
                            code="unknown_parameter",
                        )
                    ]
                    for name in unknown
                }
            )
        repeated = sorted(name for name in params if len(params.getlist(name)) > 1)
        if repeated:
            raise ValidationError(
                {
                    name: [
                        ErrorDetail(
                            "Given more than once; give it once (lists are comma-separated).",
                            code="repeated_parameter",
                        )
                    ]
                    for name in repeated
                }
            )


class Conflict(APIException):
    status_code = 409
    default_detail = "The request conflicts with the stored data."
    default_code = "conflict"


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = "Send If-Match with the ETag of the version you edited."
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = 412
    default_detail = (
        "The record has changed since the version your If-Match names; fetch it again, "
        "reapply your edit and retry."
    )
    default_code = "precondition_failed"


if_match_parameter = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version being changed, from its last GET; a stale one gets 412.",
)
reason_parameter = OpenApiParameter(
    "X-Change-Reason",
    str,
    OpenApiParameter.HEADER,
    description="Why the change is made; kept in the record's history.",
)


class HistoryEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Position in the history, increasing.")
    at = serializers.DateTimeField(help_text="When the change was made.")
    operation = serializers.CharField(
        help_text="insert, update, delete, or purge (the events before it were redacted)."
    )
    username = serializers.CharField(help_text="Who made it; empty for a write with no user.")
    via = serializers.CharField(help_text="Through what: api, admin, command:NAME.")
    reason = serializers.CharField(help_text="Why, as the editor said.")
    request_id = serializers.CharField(help_text="The X-Request-ID of the request that made it.")
    changes = serializers.DictField(
        child=serializers.ListField(),
        help_text="Each changed column: [before, after].",
    )
    before = serializers.DictField(allow_null=True, help_text="The whole row before.")
    after = serializers.DictField(allow_null=True, help_text="The whole row after.")
    redacted = serializers.BooleanField(help_text="Content removed by a legal purge.")


def check_if_match(request, current: str, *, any_version: bool = False) -> None:
    """Refuse a request whose ``If-Match`` does not name ``current``: 428 without one, 412
    with another. ``*`` matches only where ``any_version`` says a blind write is allowed;
    a reviewer's decision must name the version reviewed."""
    given = request.headers.get("If-Match")
    if not given:
        raise PreconditionRequired()
    tags = [tag.strip() for tag in given.split(",")]
    if current not in tags and not (any_version and "*" in tags):
        raise PreconditionFailed()


def etag_of(data) -> str:
    return '"' + hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:32] + '"'


def matches_if_none_match(request, etag: str) -> bool:
    """Whether the request's If-None-Match names ``etag``: the client holds this version."""
    return etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]


def representation_etag(request, data) -> str:
    """The ETag of ``data`` in the media type the request accepted. JSON's is the data's own,
    the version a write names in If-Match; another media type's (JSON-LD) is its own, so that
    a cache never answers a request for one with the other."""
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or isinstance(renderer, JSONRenderer):
        return etag_of(data)
    return etag_of({"media_type": renderer.media_type, "data": data})


@extend_schema_view(
    create=extend_schema(parameters=[reason_parameter]),
    update=extend_schema(parameters=[if_match_parameter, reason_parameter]),
    partial_update=extend_schema(parameters=[if_match_parameter, reason_parameter]),
    destroy=extend_schema(parameters=[if_match_parameter, reason_parameter]),
)
class LedgerViewSet(StrictParamsMixin, viewsets.ModelViewSet):
    """Base of every resource: public reads, editors' writes, ETags, history.

    The public reads what is public; users with the model's view permission (Editors,
    Reviewers) read every live record. Writes need the model's add, change or delete
    permission, and a change or delete needs ``If-Match``: the record is locked, its current
    ETag compared, and a stale one refused with 412, so no edit silently overwrites another.
    A delete of a record that keeps evidence is a soft delete; of one that others still
    cite, a 409 naming them.
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    write_serializer_class = None
    #: The history resource name of this viewset's records.
    resource = ""

    def is_editor(self) -> bool:
        return can_see_drafts(self.request.user, self.queryset.model)

    def get_queryset(self):
        records = super().get_queryset()
        return records if self.is_editor() else records.public()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS:
            # Now the token is authenticated, relabel the request's transaction with its user.
            set_history_context(
                user=request.user,
                reason=request.headers.get("X-Change-Reason", ""),
                request_id=getattr(request._request, "request_id", ""),
                via="api",
            )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update") and self.write_serializer_class:
            return self.write_serializer_class
        return super().get_serializer_class()

    def read_serializer_class(self):
        """The class a GET of one record uses (its ETag is computed from what it renders)."""
        action, self.action = self.action, "retrieve"
        try:
            return self.get_serializer_class()
        finally:
            self.action = action

    def written_serializer_class(self):
        """The class a write's answer uses: the read representation (whose ETag it carries),
        or one that adds what only a write reports."""
        return self.read_serializer_class()

    def etag(self, instance) -> str:
        serializer = self.read_serializer_class()(instance, context=self.get_serializer_context())
        return etag_of(serializer.data)

    def get_object(self):
        # Lock the row so that checking the ETag and writing are one step. Writes run in a
        # transaction (AtomicWritesMiddleware); an OPTIONS request, whose metadata asks for the
        # object as a PUT would, does not, and writes nothing.
        if self.request.method not in SAFE_METHODS and transaction.get_connection().in_atomic_block:
            self.queryset = self.queryset.select_for_update(of=("self",))
        instance = super().get_object()
        if self.request.method in ("PUT", "PATCH", "DELETE"):
            self.check_precondition(instance)
        return instance

    def check_precondition(self, instance) -> None:
        check_if_match(self.request, self.etag(instance), any_version=True)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if self.is_editor():
            # Editors read the public version; a pending revision of it is one link away.
            from incidents.review import pending_revision

            waiting = pending_revision(self.resource, response.data.get("id"))
            if waiting is not None:
                response["Link"] = f'</api/revisions/{waiting.pk}>; rel="pending-revision"'
        return self.with_etag(request, response)

    def with_etag(self, request, response):
        etag = representation_etag(request, response.data)
        if matches_if_none_match(request, etag):
            return Response(status=304, headers={"ETag": etag})
        response["ETag"] = etag
        return response

    def _respond_with_read_representation(self, instance, status: int):
        from incidents.review import is_held

        if is_held(instance):
            return held_response(instance)
        fresh = self.get_queryset().get(pk=instance.pk)
        data = self.read_serializer_class()(fresh, context=self.get_serializer_context()).data
        return Response(data, status=status, headers={"ETag": etag_of(data)})

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        written = self.save_or_conflict(serializer, created_by=request.user)
        return self._respond_with_read_representation(written, 201)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        written = self.save_or_conflict(serializer)
        return self._respond_with_read_representation(written, 200)

    def destroy(self, request, *args, **kwargs):
        from incidents.review import is_held

        outcome = self.perform_destroy(self.get_object())
        return held_response(outcome) if is_held(outcome) else Response(status=204)

    def save_or_conflict(self, serializer, **extra):
        accepted = {
            name: value
            for name, value in extra.items()
            if any(f.name == name for f in serializer.Meta.model._meta.get_fields())
        }
        instance = serializer.instance
        operation = "create" if instance is None else "update"
        try:
            with transaction.atomic():
                return self.through_review(instance, operation, lambda: serializer.save(**accepted))
        except DjangoValidationError as error:
            raise ValidationError(drf_error_detail(error)) from None
        except IntegrityError as error:
            raise Conflict(f"Refused by the database: {str(error).splitlines()[0]}") from None

    def through_review(self, instance, operation: str, write):
        """Run ``write`` through the review gate (``incidents.review``): a write that would
        change what the public sees, by someone who is not a reviewer, is kept as a pending
        revision instead."""
        from incidents import review

        try:
            return review.write_through_review(
                model=self.queryset.model,
                instance=instance,
                operation=operation,
                write=write,
                user=self.request.user,
                reason=self.request.headers.get("X-Change-Reason", ""),
            )
        except review.RevisionPending as pending:
            raise Conflict(str(pending)) from None

    def perform_destroy(self, instance):
        if hasattr(instance, "hard_delete"):
            return self.through_review(
                instance, "delete", lambda: instance.delete(user=self.request.user)
            )
        citing = self.citing(instance)
        if citing:
            raise Conflict(
                f"{instance._meta.verbose_name.capitalize()} {instance.pk} is still cited by: "
                + "; ".join(citing)
                + "."
            )
        try:
            with transaction.atomic():
                return self.through_review(instance, "delete", instance.delete)
        except ProtectedError as error:
            raise Conflict(
                f"{instance._meta.verbose_name.capitalize()} {instance.pk} is still cited by: "
                + "; ".join(_describe(obj) for obj in list(error.protected_objects)[:20])
                + "."
            ) from None

    def citing(self, instance) -> list[str]:
        """Records outside foreign keys that cite ``instance`` (a source's citing sources)."""
        return []

    @extend_schema(
        summary="The record's history (editors only)",
        responses={200: HistoryEventSerializer(many=True)},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filter_backends=[],
        permission_classes=[CanViewHistory],
    )
    def history(self, request, *args, **kwargs):
        """Every change to the record, oldest first: who, when, through what, why, and the
        fields before and after. Append-only; for users who may view history."""
        instance = self.get_object()
        events = apps.get_model("incidents", "HistoryEvent").objects.filter(
            resource=self.resource, object_id=instance.pk
        )
        return Response(HistoryEventSerializer(events, many=True).data)


def held_response(revision) -> Response:
    """202 Accepted: the write waits for a reviewer as ``revision``."""
    from incidents.api.serializers import RevisionSerializer

    data = RevisionSerializer(revision).data
    return Response(
        data,
        status=202,
        headers={"ETag": etag_of(data), "Location": f"/api/revisions/{revision.pk}"},
    )


def _describe(obj) -> str:
    return f"{obj._meta.verbose_name} {obj.pk} ({obj})"


class IdOrSlugLookupMixin:
    """Detail by numeric id or by slug: ``/api/actors/1`` and ``/api/actors/russia``."""

    lookup_url_kwarg = "id_or_slug"
    # One group: the document anchors it as ``^...$``, which must bind both alternatives.
    lookup_value_regex = r"(?:[0-9]+|[a-z0-9]+(?:-[a-z0-9]+)*)"

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg]
        self.lookup_field = "pk" if value.isdigit() else "slug"
        self.kwargs[self.lookup_field] = value
        return super().get_object()


id_parameter = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The record's numeric id."
)
id_or_slug_parameter = OpenApiParameter(
    "id_or_slug",
    str,
    OpenApiParameter.PATH,
    description="The record's numeric id, or its slug.",
)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@schema(None)
def api_not_found(request, *args, **kwargs):
    raise NotFound("There is no API resource at this URL; see /api/docs for those there are.")
