import datetime

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_standardized_errors.openapi_validation_errors import extend_validation_errors
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from config.api import pagination
from config.api.authentication import TokenAuthentication
from config.api.filters import MAX_ID, IntegerFilter, IsoDateTimeFilter
from config.api.pagination import (
    COUNT_LIMIT,
    MAX_OFFSET,
    StrictCursorPagination,
    bounded_int,
)
from config.api.serializers import drf_error_detail
from config.api.views import (
    IdOrSlugLookupMixin,
    LedgerViewSet,
    StrictParamsMixin,
    check_if_match,
    etag_of,
    id_or_slug_parameter,
    id_parameter,
    if_match_parameter,
    matches_if_none_match,
    reason_parameter,
)
from config.replicas import replica_health
from incidents import services
from incidents.api import filters, serializers
from incidents.api.exporting import Keys, actor_keys, export_rows, queryset_keys
from incidents.api.feed import rendered_changes
from incidents.api.listing import public_incidents_of, public_incidents_of_one, public_search
from incidents.api.renderers import (
    CSV_COLUMNS,
    CSVRenderer,
    GeoJSONRenderer,
    IncidentJSONLDRenderer,
    StreamingExportRenderer,
)
from incidents.choices import IncidentStatus
from incidents.duplicates import FIELDS as DUPLICATE_FIELDS
from incidents.duplicates import duplicate_rows
from incidents.interop.coded import coded_fields
from incidents.interop.renderers import ACLEDRenderer, UCDPRenderer
from incidents.models import (
    Actor,
    CasualtyReport,
    Change,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
)
from incidents.rendered import stored_detail
from sources.choices import SourceKind

EXPORT_CHUNK = 2000

# The body of the dataset record (ACLED's, GED's) that a live involvement or casualty report
# of the incident quotes, the first by id: a correlated subquery of the export's one query.
_RECORD_FILTER = {"quote__source__kind": SourceKind.DATASET, "deleted_at__isnull": True}
DATASET_RECORD = Coalesce(
    Subquery(
        Involvement._base_manager.filter(incident=OuterRef("pk"), **_RECORD_FILTER)
        .order_by("quote__source_id")
        .values("quote__source__body")[:1]
    ),
    Subquery(
        CasualtyReport._base_manager.filter(incident=OuterRef("pk"), **_RECORD_FILTER)
        .order_by("quote__source_id")
        .values("quote__source__body")[:1]
    ),
)


def _with_coded_fields(chunk, rows, coded: bool):
    if not coded:
        return rows
    for incident, row in zip(chunk, rows, strict=True):
        row["dataset_record"] = coded_fields(incident.dataset_record)
    return rows


WORKFLOW_ACTIONS = ["submit", "publish", "retract"]
ACTOR_PAGE_PARAMS = {"actor", "limit", "offset", "format"}
# What a page of one actor's tree may also filter on, from its links.
TREE_PAGE_FILTERS = ("date_from", "date_to", "country")
ACTOR_FILTER = filters.IncidentFilterSet.base_filters["actor"]
LIST_ORDER = tuple(Incident._meta.ordering)
SEARCH_PAGE_PARAMS = {"q", "limit", "offset", "format"}
SEARCH_FILTER = filters.IncidentFilterSet.base_filters["q"]

JSONLD_DESCRIPTION = (
    "The same incident as JSON-LD (`Accept: application/ld+json` or `?format=jsonld`): a "
    "schema.org `Event` whose claims (involvements, casualty reports, statements) are "
    "`Claim`s, each appearing in a `Quotation` of its source, with W3C PROV for who says it "
    "(`wasAttributedTo`) and where (`wasDerivedFrom` the quotation, `wasQuotedFrom` the "
    "source), and the reviewers' grades as `ClaimReview`s. The `@context` is inline: nothing "
    "needs fetching. Records are named by their API URLs. See docs/jsonld.md."
)
CSV_DESCRIPTION = "CSV, one incident a row, columns: " + "; ".join(
    f"`{name}`: {text}" for name, text in CSV_COLUMNS
)


class CanChangeIncidents(BasePermission):
    def has_permission(self, request, view) -> bool:
        return _has_perm(request, "incidents.change_incident")


class CanPublishIncidents(BasePermission):
    def has_permission(self, request, view) -> bool:
        return _has_perm(request, "incidents.publish_incident")


def _has_perm(request, permission: str) -> bool:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    return request.user.has_perm(permission)


@extend_schema_view(
    list=extend_schema(
        summary="List published incidents",
        description=(
            "Published incidents, newest first, filtered and paginated. `?format=csv` (or "
            "`Accept: text/csv`) and `?format=geojson` (or `Accept: application/geo+json`) stream "
            "every matching incident as CSV or as a GeoJSON FeatureCollection of Points (geometry "
            "null where the place has no coordinates). `?format=acled` and `?format=ucdp` "
            "stream them in ACLED's and UCDP GED's CSV column layouts, for the tools built for "
            "those datasets. Exports honour every filter and ordering, "
            f"and `limit`/`offset` only when given, with `limit` up to {MAX_OFFSET:,}."
        ),
        responses={
            (200, "application/json"): serializers.IncidentSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=CSV_DESCRIPTION),
            (200, "application/geo+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A GeoJSON FeatureCollection."
            ),
        },
    ),
    retrieve=extend_schema(
        summary="Read one incident with its whole evidence chain",
        description="The incident with every claim, its quote and the quote's source, as JSON "
        "by default. " + JSONLD_DESCRIPTION,
        parameters=[
            id_or_slug_parameter,
            OpenApiParameter(
                "format",
                str,
                enum=["json", "jsonld"],
                description="Response format: json (the default) or jsonld (JSON-LD); the "
                "Accept header chooses as well.",
            ),
        ],
        responses={
            (200, "application/json"): serializers.IncidentDetailSerializer,
            (200, "application/ld+json"): OpenApiResponse(
                {"type": "object", "description": "A JSON-LD document (docs/jsonld.md)."},
                description=JSONLD_DESCRIPTION,
            ),
            301: OpenApiResponse(
                description="The incident was merged into another as a duplicate: `Location` "
                "is the survivor's URL (by id for an id, by slug for a slug)."
            ),
        },
    ),
    create=extend_schema(parameters=[reason_parameter]),
    update=extend_schema(parameters=[if_match_parameter, reason_parameter]),
    partial_update=extend_schema(parameters=[if_match_parameter, reason_parameter]),
)
# A workflow move the incident's state or claims do not allow names what stands in the way.
@extend_validation_errors(["invalid"], field_name="status", actions=WORKFLOW_ACTIONS)
@extend_validation_errors(["invalid"], field_name="quote", actions=WORKFLOW_ACTIONS)
class IncidentViewSet(IdOrSlugLookupMixin, LedgerViewSet):
    """Incidents: something that happened at a time and place, with every claim about it
    (who was involved, how many were killed, who said what) resting on a verbatim quote."""

    queryset = Incident.objects.all()
    filterset_class = filters.IncidentFilterSet
    renderer_classes = [JSONRenderer, CSVRenderer, GeoJSONRenderer, ACLEDRenderer, UCDPRenderer]
    write_serializer_class = serializers.IncidentWriteSerializer
    resource = "incidents"
    action_error_statuses = {"publish": ["412", "428"], "merge": ["412", "428"]}

    def get_queryset(self):
        incidents = super().get_queryset()
        if self.action in ("list", None):
            return incidents.for_listing()
        return incidents.with_evidence()

    def get_serializer_class(self):
        if self.action in ("list", None):
            return serializers.IncidentSerializer
        return super().get_serializer_class()

    serializer_class = serializers.IncidentDetailSerializer

    def written_serializer_class(self):
        return serializers.IncidentWrittenSerializer

    def retrieve(self, request, *args, **kwargs):
        stored = self._stored_detail(request)
        if stored is not None:
            return stored
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            survivor = self._survivor_of(self.kwargs[self.lookup_url_kwarg])
            if survivor is None:
                raise
        by = survivor.pk if self.lookup_field == "pk" else survivor.slug
        location = reverse("incident-detail", kwargs={self.lookup_url_kwarg: by})
        return Response(
            {"detail": f"Merged into incident {survivor.pk}.", "merged_into": survivor.pk},
            status=301,
            headers={"Location": location},
        )

    def _stored_detail(self, request) -> HttpResponse | None:
        """The public's plain JSON read of a public incident from its stored rendering
        (incidents/rendered.py): the general path's bytes and ETag, without building them.
        None (take the general path) for editors, JSON-LD or indented JSON, any parameter,
        and an incident that is not public or not rendered (a write is being rendered)."""
        if (
            request.query_params
            or request.accepted_media_type != JSONRenderer.media_type
            or self.is_editor()
        ):
            return None
        value = self.kwargs[self.lookup_url_kwarg]
        if not value.isdigit():
            found = stored_detail({"slug": value})
        elif len(value) < len(str(MAX_ID)):
            found = stored_detail({"pk": int(value)})
        else:
            return None
        if found is None:
            return None
        detail, etag = found
        if matches_if_none_match(request, etag):
            return Response(status=304, headers={"ETag": etag})
        response = HttpResponse(detail, content_type=JSONRenderer.media_type)
        response["ETag"] = etag
        return response

    def _survivor_of(self, value: str) -> Incident | None:
        """The incident a merged one (by id or slug) was merged into, if the reader may see
        it: a reader who may not see the survivor learns nothing of it."""
        # Only one the public once saw: a draft merged away stays unknown (404), its id and
        # slug never confirmed.
        merged = Incident.all_objects.filter(
            Q(status=IncidentStatus.PUBLISHED) | Q(published_at__isnull=False),
            **{"pk" if filters.is_id(value) else "slug": value},
            merged_into__isnull=False,
        )
        return (
            super()
            .get_queryset()
            .filter(pk__in=merged.values("merged_into_id"))
            .only("id", "slug")
            .first()
        )

    def create(self, request, *args, **kwargs):
        return self._with_duplicates(super().create(request, *args, **kwargs))

    def update(self, request, *args, **kwargs):
        return self._with_duplicates(super().update(request, *args, **kwargs))

    held_serializer_class = serializers.HeldIncidentWriteSerializer

    def _with_duplicates(self, response):
        if response.status_code in (200, 201):
            incident = Incident.objects.only(*DUPLICATE_FIELDS).get(pk=response.data["id"])
            rows = duplicate_rows(incident, among=self._visible())
        elif response.status_code == 202:
            # Held for review: the incident as the revision proposes it.
            proposed = {
                name: datetime.date.fromisoformat(value)
                if name in ("start_date", "end_date") and value
                else value
                for name, value in response.data["after"].items()
            }
            rows = duplicate_rows(
                proposed, among=self._visible(), exclude=response.data["object_id"]
            )
        else:
            return response
        response.data["possible_duplicates"] = serializers.PossibleDuplicateSerializer(
            rows, many=True
        ).data
        return response

    def _visible(self):
        # Not the view's queryset, which a write locks (get_object): only reading others.
        return Incident.objects.all() if self.is_editor() else Incident.objects.public()

    @extend_schema(
        summary="List incidents that may record the same event",
        parameters=[id_or_slug_parameter],
        responses={200: serializers.PossibleDuplicateSerializer(many=True)},
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def duplicates(self, request, *args, **kwargs):
        """Incidents whose dates overlap this one's within a day and that are within 10 km of
        it or name the same admin1 and location (case-insensitively), or that share a dataset
        id with it; earliest first, at most 20. Editors see drafts among them; the
        public only published incidents."""
        incident = self.get_object()
        rows = duplicate_rows(incident, among=self._visible())
        return Response(serializers.PossibleDuplicateSerializer(rows, many=True).data)

    @extend_schema(
        summary="Merge a duplicate into another incident (reviewers)",
        request=serializers.MergeSerializer,
        parameters=[id_or_slug_parameter, if_match_parameter],
        responses={200: serializers.IncidentDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanPublishIncidents])
    def merge(self, request, *args, **kwargs):
        """Merge this incident, a duplicate, into the incident `into`: its involvements,
        casualty reports, statements and child incidents move there, with its dataset ids
        (kept as aliases where `into` has its own), and it is deleted: its id and slug then
        answer 301 to `into`, its history stays, and /api/changes reports it `deleted` with
        `merged_into`. `If-Match` must carry the ETag of this incident's detail as read (428
        without, 412 if it has changed since). Answers with `into` as it now stands."""
        duplicate = self.get_object()
        check_if_match(request, incident_version(duplicate.pk))
        body = serializers.MergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        keep = Incident.objects.filter(pk=body.validated_data["into"]).first()
        if keep is None:
            raise ValidationError({"into": [f"No incident {body.validated_data['into']}."]})
        reason = body.validated_data.get("reason") or request.headers.get("X-Change-Reason", "")
        try:
            keep = services.incident_merge(
                keep=keep, duplicate=duplicate, user=request.user, reason=reason
            )
        except DjangoValidationError as error:
            raise ValidationError(drf_error_detail(error)) from None
        return self._respond_with_read_representation(keep, 200)

    def _workflow(self, request, move, success: int = 200, names_version: bool = False):
        incident = self.get_object()
        if names_version:
            # The reviewer publishes the version they read, evidence chain included: any change
            # to the incident or a claim of it since then is a 412, and nothing is published.
            check_if_match(request, incident_version(incident.pk))
        body = serializers.WorkflowSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason = body.validated_data.get("reason") or request.headers.get("X-Change-Reason", "")
        try:
            move(incident=incident, user=request.user, reason=reason)
        except DjangoValidationError as error:
            raise ValidationError(drf_error_detail(error)) from None
        return self._respond_with_read_representation(incident, success)

    @extend_schema(
        summary="Send a draft to review",
        request=serializers.WorkflowSerializer,
        responses={200: serializers.IncidentDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanChangeIncidents])
    def submit(self, request, *args, **kwargs):
        """Move a draft to review; records who sent it and when."""
        return self._workflow(request, services.incident_submit)

    @extend_schema(
        summary="Publish an incident in review (reviewers)",
        request=serializers.WorkflowSerializer,
        parameters=[if_match_parameter],
        responses={200: serializers.IncidentDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanPublishIncidents])
    def publish(self, request, *args, **kwargs):
        """Publish an incident in review, as the reviewer read it: `If-Match` must carry the
        ETag of its detail (evidence chain included) from that reading; 428 without it, 412
        if the incident or any claim of it has changed since. Refused, with the reasons
        listed, while any involvement, casualty report or statement of it rests on no quote
        (`quote`), or any of its own facts with a value (date, place, coordinates, weapons,
        typed civilian figures) cites no quote and carries no editor's note (`facts`)."""
        return self._workflow(request, services.incident_publish, names_version=True)

    @extend_schema(
        summary="Retract a published incident (reviewers)",
        request=serializers.WorkflowSerializer,
        responses={200: serializers.IncidentDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanPublishIncidents])
    def retract(self, request, *args, **kwargs):
        """Withdraw a published incident. The record is kept and sync clients see a
        retraction in /api/changes."""
        return self._workflow(request, services.incident_retract)

    @extend_schema(
        summary="Grade an incident (reviewers)",
        request=serializers.GradeSerializer,
        responses={200: serializers.IncidentDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[CanPublishIncidents])
    def grade(self, request, *args, **kwargs):
        """Set the incident's assessment grades (civilian harm, attribution) from the rubric,
        with the reason, which the history keeps. A reviewer's act: it applies at once, on
        a published incident too. The detail shows the grade the evidence suggests beside
        it (`suggested_grade`)."""
        incident = self.get_object()
        body = serializers.GradeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.incident_grade(incident=incident, user=request.user, **body.validated_data)
        except DjangoValidationError as error:
            raise ValidationError(drf_error_detail(error)) from None
        return self._respond_with_read_representation(incident, 200)

    def get_renderers(self):
        # The exports are flat rows of a list; a detail is JSON or JSON-LD; anything else (a
        # write's answer, a history, OPTIONS) is JSON only.
        if self.action == "retrieve":
            return [JSONRenderer(), IncidentJSONLDRenderer()]
        if self.action != "list":
            return [JSONRenderer()]
        return super().get_renderers()

    def list(self, request, *args, **kwargs):
        renderer = request.accepted_renderer
        if not isinstance(renderer, StreamingExportRenderer):
            page = self.actor_page(request)
            if isinstance(page, HttpResponse):
                return page  # stored rows, already JSON
            if page is None:
                page = self.search_page(request)
            if page is not None:
                return self.get_paginated_response(page)
            return super().list(request, *args, **kwargs)
        incidents = self.filter_queryset(self.get_queryset())
        params = request.query_params
        offset, limit = 0, None
        if "limit" in params or "offset" in params:
            offset = self.paginator.get_offset(request) if "offset" in params else 0
            limit = _export_limit(params.get("limit"))
        exported = incidents
        if offset or limit:
            exported = incidents[offset : offset + limit] if limit else incidents[offset:]
        coded = renderer.format == "csv"
        keys = self.export_keys(incidents)
        if keys is None:
            rows = self.export_rows_of_serializers(exported, coded)
        else:
            rows = export_rows(
                keys,
                using=incidents.db,
                offset=offset,
                limit=limit,
                coded=coded,
                stored=not self.is_editor(),
            )
        response = StreamingHttpResponse(
            renderer.stream_incidents(exported, rows),
            content_type=f"{renderer.media_type}; charset=utf-8",
        )
        name = f"incidents.{renderer.format}"
        if renderer.media_type == "text/csv" and renderer.format != "csv":
            name = f"incidents-{renderer.format}.csv"  # the ACLED and UCDP layouts
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def export_keys(self, incidents) -> "Keys | None":
        """How an export in list order walks its incidents in keyset chunks
        (incidents/api/exporting.py): `?actor=X` alone by the actor-incident index, like
        ``actor_page``, any other filter through the ORM. None for another order (`ordering`,
        `q`'s ranking): those take the general path, ``export_rows_of_serializers``."""
        query = incidents.query
        if tuple(query.order_by) not in ((), LIST_ORDER) or query.extra_order_by:
            return None
        params = self.request.query_params
        if not self.is_editor() and params.get("actor") and not set(params) - ACTOR_PAGE_PARAMS:
            terms = ACTOR_FILTER.field.clean(params["actor"])  # the filters have checked them
            actor_ids = Actor.objects.db_manager(incidents.db).resolve_ids(*terms)
            return actor_keys(actor_ids, incidents.db)
        return queryset_keys(incidents)

    @staticmethod
    def export_rows_of_serializers(incidents, coded: bool):
        """The list rows of ``incidents`` in any order, through model instances and the list
        serializer: one server-side cursor over them all."""
        if coded:
            # Each incident's dataset record, in the same query: its coded fields are columns.
            incidents = incidents.annotate(dataset_record=DATASET_RECORD)
        return (
            row
            for chunk in _chunks(incidents.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK)
            for row in _with_coded_fields(
                chunk, serializers.IncidentSerializer(chunk, many=True).data, coded
            )
        )

    def actor_page(self, request) -> "list[dict] | None":
        """The public's most common question, `?actor=X`, answered in one statement: for one
        term naming one actor (with a date range and a country, if asked), from its tree's
        links; for several terms, from the actor-incident index (incidents/api/listing.py).
        Rows as the list serializer makes them. Any other filter or ordering, and editors,
        take the general path, which also reports bad input."""
        params = request.query_params
        if self.is_editor() or not params.get("actor"):
            return None
        try:
            terms = ACTOR_FILTER.field.clean(params["actor"])
            cleaned = {
                name: filters.IncidentFilterSet.base_filters[name].field.clean(params[name])
                for name in TREE_PAGE_FILTERS
                if name in params
            }
        except DjangoValidationError:
            return None  # the general path reports the error
        if set(params) - ACTOR_PAGE_PARAMS - set(cleaned):
            return None
        given = {name: value for name, value in cleaned.items() if value}
        start, end = given.get("date_from"), given.get("date_to")
        if start and end and start > end:
            return None
        paginator = self._start_page(request)
        if len(terms) == 1 and request.accepted_media_type == JSONRenderer.media_type:
            page = public_incidents_of_one(
                terms[0], paginator.offset, paginator.limit, COUNT_LIMIT, **given
            )
            if page is not None:
                count, items, more = page
                if not count and filters.unknown_actor_terms(terms, public=True):
                    return None  # the general path reports a term that names no public actor
                count = count if count <= COUNT_LIMIT else None
                return paginator.json_page(items, count=count, has_next=more)
        if given:
            return None  # several actors named, and filters: the general path
        count, rows = public_incidents_of(terms, paginator.offset, paginator.limit, COUNT_LIMIT)
        if (count == 0 or len(terms) > 1) and filters.unknown_actor_terms(terms, public=True):
            return None  # the general path reports the terms that name no public actor
        return paginator.accept(rows, count=count if count <= COUNT_LIMIT else None)

    def search_page(self, request) -> "list[dict] | None":
        """`?q=` alone, answered in one statement (incidents/api/listing.py): the matches in
        list order through the listing index, rows as the list serializer makes them. Any
        other filter or ordering (`-rank`), and editors, take the general path."""
        params = request.query_params
        if self.is_editor() or "q" not in params or set(params) - SEARCH_PAGE_PARAMS:
            return None
        try:
            q = SEARCH_FILTER.field.clean(params["q"])
        except DjangoValidationError:
            return None  # the general path reports the error
        if not q.strip():
            return None
        paginator = self._start_page(request)
        cap = pagination.SEARCH_COUNT_LIMIT
        count, rows = public_search(q, paginator.offset, paginator.limit, cap)
        return paginator.accept(rows, count=count if count <= cap else None)

    def _start_page(self, request):
        """The paginator, its limit and offset read from the request (a 400 for bad ones)."""
        paginator = self.paginator
        paginator.request, paginator.limit = request, paginator.get_limit(request)
        paginator.offset = paginator.get_offset(request)
        return paginator

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors and redirects are JSON whatever format was asked for.
        renderer = getattr(request, "accepted_renderer", None)
        if (
            response.status_code >= 300
            and renderer is not None
            and not isinstance(renderer, JSONRenderer)
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.action == "retrieve":
            patch_vary_headers(response, ["Accept"])
        return response


def incident_version(pk: int) -> str:
    """The ETag of the incident's detail, evidence chain included: the version a reviewer
    names to publish it, in the API (If-Match) and in the admin alike."""
    incident = Incident.all_objects.with_evidence().get(pk=pk)
    return etag_of(serializers.IncidentDetailSerializer(incident).data)


def _chunks(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _export_limit(raw: str | None) -> int | None:
    return None if raw is None else bounded_int(raw, "limit", 1, MAX_OFFSET)


@extend_schema_view(
    list=extend_schema(summary="List actors named by public records"),
    retrieve=extend_schema(summary="Read one actor", parameters=[id_or_slug_parameter]),
)
class ActorViewSet(IdOrSlugLookupMixin, LedgerViewSet):
    """Actors: states, government bodies, forces, groups, people, NGOs and media, in a hierarchy
    (Dmitry Peskov → Kremlin → Russia). Listed when a public record names them or one of their
    sub-actors."""

    queryset = Actor.objects.select_related("parent")
    filterset_class = filters.ActorFilterSet
    serializer_class = serializers.ActorDetailSerializer
    write_serializer_class = serializers.ActorWriteSerializer
    resource = "actors"

    def get_queryset(self):
        actors = super().get_queryset()
        if self.action in ("list", None):
            return actors
        children = Actor.objects.all() if self.is_editor() else Actor.objects.public()
        return actors.prefetch_related(
            Prefetch("children", queryset=children, to_attr="public_children")
        )

    def get_serializer_class(self):
        if self.action in ("list", None):
            return serializers.ActorSerializer
        return super().get_serializer_class()


@extend_schema_view(
    list=extend_schema(summary="List statements about published incidents"),
    retrieve=extend_schema(summary="Read one statement", parameters=[id_parameter]),
)
class StatementViewSet(LedgerViewSet):
    """Statements: what an actor said (a claim, denial, accusation...), in the quoted words,
    about one or more incidents."""

    queryset = Statement.objects.select_related(
        "speaker", "quote__source", "denies__incident"
    ).with_quote_context()
    serializer_class = serializers.StatementSerializer
    write_serializer_class = serializers.StatementWriteSerializer
    filterset_class = filters.StatementFilterSet
    lookup_value_regex = r"[0-9]+"
    resource = "statements"

    def get_queryset(self):
        about = Incident.objects.all() if self.is_editor() else Incident.objects.public()
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("incidents", queryset=about, to_attr="public_incidents"))
        )


@extend_schema_view(
    list=extend_schema(summary="List casualty reports of published incidents"),
    retrieve=extend_schema(summary="Read one casualty report", parameters=[id_parameter]),
)
class CasualtyReportViewSet(LedgerViewSet):
    """Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them."""

    queryset = CasualtyReport.objects.select_related(
        "incident", "reported_by", "quote__source"
    ).with_quote_context()
    serializer_class = serializers.CasualtyReportSerializer
    write_serializer_class = serializers.CasualtyReportWriteSerializer
    filterset_class = filters.CasualtyReportFilterSet
    lookup_value_regex = r"[0-9]+"
    resource = "casualty-reports"


@extend_schema_view(
    list=extend_schema(summary="List the citations of published incidents' facts"),
    retrieve=extend_schema(
        summary="Read one citation of an incident's fact", parameters=[id_parameter]
    ),
)
class IncidentFactViewSet(LedgerViewSet):
    """Incident facts: what an incident's own date, place, coordinates, weapons and typed
    headline figures rest on, one citation each: a quote the fact comes from, or the
    editor's note saying why it is inferred. An incident is published only once each of
    its facts with a value has one."""

    queryset = IncidentFact.objects.select_related("incident", "quote__source")
    serializer_class = serializers.IncidentFactDetailSerializer
    write_serializer_class = serializers.IncidentFactWriteSerializer
    filterset_class = filters.IncidentFactFilterSet
    lookup_value_regex = r"[0-9]+"
    resource = "incident-facts"


@extend_schema_view(
    list=extend_schema(summary="List involvements in published incidents"),
    retrieve=extend_schema(summary="Read one involvement", parameters=[id_parameter]),
)
class InvolvementViewSet(LedgerViewSet):
    """Involvements: an actor's part in an incident (perpetrator, alleged perpetrator, target,
    victim, investigator), as one quote says. A disputed attribution is several of them."""

    queryset = Involvement.objects.select_related(
        "incident", "actor", "attributed_by", "quote__source"
    ).with_quote_context()
    serializer_class = serializers.InvolvementDetailSerializer
    write_serializer_class = serializers.InvolvementWriteSerializer
    filterset_class = filters.InvolvementFilterSet
    lookup_value_regex = r"[0-9]+"
    resource = "involvements"


class ChangeFilterSet(django_filters.FilterSet):
    since = IsoDateTimeFilter(
        field_name="at",
        lookup_expr="gt",
        label="Only entries that entered the feed after this instant (ISO 8601 with time zone).",
    )
    after = IntegerFilter(
        method="filter_after",
        min_value=0,
        max_value=MAX_ID,
        label="Only entries after this position in the feed: the `position` of a snapshot "
        "(/api/snapshot), to keep a mirror made from it exact.",
    )

    class Meta:
        model = Change
        fields = []

    def filter_after(self, qs, name, value: int):
        return qs.filter(pk__gt=value)


CHANGE_PAGE_PARAMS = {"since", "after", "cursor", "limit", "format"}
JSON = JSONRenderer.media_type


def _cleaned(filterset_class, name: str, params):
    """The value of one filter of ``filterset_class`` as its form would clean it (None when
    the parameter is absent); a django ValidationError when it is not valid."""
    raw = params.get(name)
    return None if raw is None else filterset_class.base_filters[name].field.clean(raw)


@extend_schema_view(list=extend_schema(summary="Follow every change to public records"))
class ChangeViewSet(StrictParamsMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The change feed, for keeping a mirror: every record that became public (`created`),
    changed (`updated`), was retracted (`retracted`) or stopped being public (`deleted`), in
    the order the changes were made, one entry per change.

    Start with `after` set to the `position` of a snapshot (/api/snapshot), or with `since`
    set to an instant before your first full download (or with neither), then follow `next`
    until it is null, and later continue from the last `next` you got. On `created` or
    `updated` fetch `/api/{resource}/{id}` (a 404 there means a later entry will withdraw it);
    on `retracted` or `deleted` drop the record. An entry appears once
    the write that made it has committed, after every entry already given out, so following
    the cursors never skips a change nor repeats one."""

    queryset = Change.objects.all()
    # The feed is the same for everyone; a token only decides whose rate a request counts in
    # (a mirroring service's own, say).
    authentication_classes = [TokenAuthentication]
    permission_classes = [AllowAny]
    serializer_class = serializers.ChangeSerializer
    filterset_class = ChangeFilterSet
    pagination_class = StrictCursorPagination

    def get_queryset(self):
        # Built by `manage.py build_feed --follow`, never here: this only reads, on a replica
        # too, and stops at the last entry every replica serving reads holds.
        fence = replica_health.feed_fence()
        queryset = super().get_queryset()
        return queryset if fence is None else queryset.filter(pk__lte=fence)

    def list(self, request, *args, **kwargs):
        page = self.rendered_page(request)
        return page if page is not None else super().list(request, *args, **kwargs)

    def rendered_page(self, request) -> HttpResponse | None:
        """The page rendered by PostgreSQL in one statement (incidents/api/feed.py) and sent
        as it comes, with the envelope and links the paginator writes: the same bytes as the
        general path. A filter it cannot read, and a `previous` link's reverse cursor, take
        the general path (which reports the errors)."""
        params = request.query_params
        # `Accept: application/json; indent=4` asks the renderer for indented JSON.
        if set(params) - CHANGE_PAGE_PARAMS or request.accepted_media_type != JSON:
            return None
        try:
            since = _cleaned(ChangeFilterSet, "since", params)
            after = _cleaned(ChangeFilterSet, "after", params)
        except DjangoValidationError:
            return None
        paginator = self.paginator
        start = paginator.start_forward(request)
        if start is None:
            return None
        first, last, following, entries = rendered_changes(
            after=max(start, after or 0),
            fence=replica_health.feed_fence(),
            since=since,
            limit=paginator.page_size,
        )
        paginator.accept_ids(first, last, following)
        links = JSONRenderer().render(
            {"next": paginator.get_next_link(), "previous": paginator.get_previous_link()}
        )
        body = b"".join((links[:-1], b',"results":[', entries.encode(), b"]}"))
        return HttpResponse(body, content_type=JSON)
