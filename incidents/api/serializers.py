import copy
from datetime import timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.api.filters import MAX_ID
from config.api.serializers import (
    ModelValidatingSerializer,
    StrictPrimaryKeyRelatedField,
    drf_error_detail,
)
from config.api.views import etag_of
from incidents.assessment import alleged_perpetrators, evidence_of, suggest_grade
from incidents.choices import TYPE_OF_SUB_TYPE, AttributionGrade, CivilianHarmGrade
from incidents.interop.coded import CODED_FIELDS, coded_fields
from incidents.models import (
    Actor,
    CasualtyReport,
    Change,
    Incident,
    IncidentFact,
    Involvement,
    Revision,
    Statement,
    involved_actors,
)
from incidents.services import unique_slug
from sources.api.serializers import QuoteBriefSerializer, SourceBriefSerializer
from sources.choices import SourceKind
from sources.context import carry_context


class ActorBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ["id", "slug", "name", "kind", "country"]


class ActorSerializer(serializers.ModelSerializer):
    parent = ActorBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "parent",
            "aliases",
            "country",
            "wikidata_id",
            "description",
            "created_at",
            "updated_at",
        ]


class ActorDetailSerializer(ActorSerializer):
    children = ActorBriefSerializer(
        many=True, read_only=True, source="public_children", help_text="Public sub-actors."
    )

    class Meta(ActorSerializer.Meta):
        fields = [*ActorSerializer.Meta.fields, "children"]


class IncidentBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Incident
        fields = ["id", "slug", "title", "start_date", "end_date"]


class InvolvedActorSerializer(serializers.Serializer):
    """An actor as listed on an incident, with the role one quote gives it."""

    id = serializers.IntegerField(source="actor.id")
    slug = serializers.CharField(source="actor.slug")
    name = serializers.CharField(source="actor.name")
    kind = serializers.CharField(source="actor.kind")
    role = serializers.CharField()
    attributed_by = serializers.CharField(
        source="attributed_by.slug",
        allow_null=True,
        help_text="Slug of the actor who attributes the role; null: the source's own reporting.",
    )


INCIDENT_FIELDS = [
    "id",
    "slug",
    "title",
    "type",
    "sub_type",
    "start_date",
    "end_date",
    "date_precision",
    "country",
    "other_countries",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
    "civilian_deaths_min",
    "civilian_deaths_max",
    "civilian_injuries_min",
    "civilian_injuries_max",
    "weapons",
    "acled_event_id",
    "ucdp_ged_id",
    "airwars_code",
    "civilian_harm_grade",
    "attribution_grade",
]


class IncidentListSerializer(serializers.ListSerializer):
    """Many incidents at once: their actors come in one query for the whole page."""

    def to_representation(self, data):
        incidents = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        actors = involved_actors([incident.pk for incident in incidents])
        return [self.child.row(incident, actors[incident.pk]) for incident in incidents]


_DATETIME = serializers.DateTimeField()
_ZERO = timedelta(0)


class IncidentSerializer(serializers.ModelSerializer):
    """An incident as listed: its facts and the actors involved, without the evidence.

    Lists render many rows, so a row is built straight from the model's values (``row``)
    rather than field by field; the declared fields still describe it to the schema, and the
    API tests compare whole payloads, so the two cannot drift apart unnoticed.
    """

    parent_id = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        source="public_parent_id",
        help_text="Id of the larger incident this is part of.",
    )
    actors = InvolvedActorSerializer(
        many=True,
        read_only=True,
        source="involvements",
        help_text="Each involvement's actor and role; an actor appears once per role and quote.",
    )
    # Declared, not derived: the model's grades are not editable, and a read-only field
    # derived from one loses its empty ("not graded yet") value in the schema.
    civilian_harm_grade = serializers.ChoiceField(
        choices=CivilianHarmGrade.choices,
        allow_blank=True,
        read_only=True,
        help_text="A reviewer's assessment of the civilian harm (Airwars' grades); empty until "
        "graded.",
    )
    attribution_grade = serializers.ChoiceField(
        choices=AttributionGrade.choices,
        allow_blank=True,
        read_only=True,
        help_text="A reviewer's assessment of who is responsible; empty until graded.",
    )

    class Meta:
        model = Incident
        list_serializer_class = IncidentListSerializer
        fields = [
            *INCIDENT_FIELDS,
            "status",
            "published_at",
            "parent_id",
            "actors",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, incident):
        return self.row(incident, involved_actors([incident.pk])[incident.pk])

    @staticmethod
    def row(incident: Incident, actors: list[dict]) -> dict:
        data = {name: getattr(incident, name) for name in INCIDENT_FIELDS}
        for name in ("start_date", "end_date"):
            if data[name] is not None:
                data[name] = data[name].isoformat()
        data["status"] = incident.status
        data["published_at"] = iso_datetime(incident.published_at)
        data["parent_id"] = getattr(incident, "public_parent_id", None)
        data["actors"] = actors
        data["created_at"] = iso_datetime(incident.created_at)
        data["updated_at"] = iso_datetime(incident.updated_at)
        return data


def iso_datetime(value):
    """A timestamp as DRF's DateTimeField writes it (ISO 8601, UTC as Z), quickly for the
    UTC values the database gives."""
    if value is None:
        return None
    if value.utcoffset() == _ZERO:
        return value.isoformat()[:-6] + "Z"
    return _DATETIME.to_representation(value)


class QuotedSerializer(serializers.ModelSerializer):
    """A claim with its quote: the words around the quote, when the claim's queryset cut them
    in SQL (``with_quote_context()``), go to the quote."""

    def to_representation(self, instance):
        carry_context(instance)
        return super().to_representation(instance)


class InvolvementSerializer(QuotedSerializer):
    actor = ActorBriefSerializer(read_only=True)
    attributed_by = ActorBriefSerializer(
        read_only=True,
        allow_null=True,
        help_text="Who attributes the role, in the quote's words; null: the source's own "
        "reporting.",
    )
    quote = QuoteBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Involvement
        fields = ["id", "actor", "role", "attributed_by", "note", "quote"]


class CasualtyReportInIncidentSerializer(QuotedSerializer):
    reported_by = ActorBriefSerializer(read_only=True, allow_null=True)
    quote = QuoteBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CasualtyReport
        fields = [
            "id",
            "category",
            "population",
            "min",
            "max",
            "as_of",
            "counted",
            "reported_by",
            "quote",
        ]


class IncidentFactSerializer(serializers.ModelSerializer):
    """One citation of one of the incident's own facts: a quote it comes from, or the
    editor's note saying why it is inferred."""

    quote = QuoteBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = IncidentFact
        fields = ["id", "fact", "quote", "note"]


class IncidentFactDetailSerializer(IncidentFactSerializer):
    incident = IncidentBriefSerializer(read_only=True)

    class Meta(IncidentFactSerializer.Meta):
        fields = ["id", "incident", "fact", "quote", "note", "created_at", "updated_at"]


class IncidentFactWriteSerializer(ModelValidatingSerializer):
    class Meta:
        model = IncidentFact
        validators = []
        fields = ["incident", "fact", "quote", "note"]


class StatementInIncidentSerializer(QuotedSerializer):
    speaker = ActorBriefSerializer(read_only=True)
    quote = QuoteBriefSerializer(read_only=True, allow_null=True)
    denies = serializers.SerializerMethodField(
        help_text="Id of the involvement a denial denies, when that involvement is shown: "
        "live, and of this incident or another published one."
    )

    class Meta:
        model = Statement
        fields = ["id", "speaker", "kind", "said_on", "quote", "denies"]

    def get_denies(self, statement: Statement) -> int | None:
        # Whether it is shown does not depend on who asks: the detail's ETag, which a
        # reviewer names to publish, is computed without a request.
        denied = statement.denies
        if denied is None or denied.deleted_at is not None:
            return None
        shown = self.root.instance
        if isinstance(shown, Incident) and denied.incident_id == shown.pk:
            return denied.pk
        if denied.incident.is_public:
            return denied.pk
        return None


class SuggestedGradeSerializer(serializers.Serializer):
    """The grades the incident's evidence suggests (incidents.assessment.suggest_grade), and
    the counts they rest on."""

    civilian_harm = serializers.ChoiceField(
        choices=CivilianHarmGrade.choices, help_text="Suggested civilian-harm grade."
    )
    attribution = serializers.ChoiceField(
        choices=AttributionGrade.choices, help_text="Suggested attribution grade."
    )
    independent_sources = serializers.IntegerField(
        help_text="Distinct publishers of the sources the claims quote."
    )
    alleged_perpetrators = serializers.IntegerField(
        help_text="Distinct actors involved as perpetrator or alleged perpetrator."
    )
    accepted_by_perpetrator = serializers.BooleanField(
        help_text="Whether an alleged perpetrator (or a body directly under it) confirmed it."
    )
    denied = serializers.BooleanField(help_text="Whether a denial statement is about it.")
    figures_disagree = serializers.BooleanField(
        help_text="Whether two reports of civilians killed give ranges that do not overlap."
    )


# The coded fields of a dataset record, as the dataset gives them (text; empty where the
# dataset has no such field): one declared field each, from incidents/interop/coded.py.
DatasetRecordSerializer = type(
    "DatasetRecordSerializer",
    (serializers.Serializer,),
    {
        "source_id": serializers.IntegerField(help_text="The record's source id."),
        "dataset": serializers.ChoiceField(
            choices=["acled", "ucdp"], help_text="The dataset: acled or ucdp."
        ),
        **{
            name: serializers.CharField(allow_blank=True, help_text=description)
            for name, _, _, description in CODED_FIELDS
        },
    },
)


class IncidentDetailSerializer(IncidentSerializer):
    """An incident with its whole evidence chain: every claim with its quote and source."""

    parent_id = None
    actors = None
    to_representation = serializers.ModelSerializer.to_representation

    parent = serializers.SerializerMethodField(help_text="The larger incident this is part of.")
    children = IncidentBriefSerializer(
        many=True, read_only=True, source="public_children", help_text="Incidents within this one."
    )
    involvements = InvolvementSerializer(many=True, read_only=True)
    casualty_reports = CasualtyReportInIncidentSerializer(many=True, read_only=True)
    statements = StatementInIncidentSerializer(many=True, read_only=True)
    facts = IncidentFactSerializer(
        many=True,
        read_only=True,
        help_text="What the incident's own facts (date, place, coordinates, weapons, typed "
        "headline figures) rest on: each cited quote, or the editor's note saying why the "
        "fact is inferred.",
    )
    sources = serializers.SerializerMethodField(
        help_text="Every source quoted by a claim or a fact of this incident, once each."
    )
    contested_between = serializers.SerializerMethodField(
        help_text="When a reviewer grades the attribution contested: the named actors held "
        "responsible (perpetrators and alleged perpetrators); otherwise empty."
    )
    suggested_grade = serializers.SerializerMethodField(
        help_text="The grades the evidence suggests, beside the reviewer's."
    )
    dataset_records = serializers.SerializerMethodField(
        help_text="The coded fields of each dataset record (ACLED, UCDP GED) a claim of this "
        "incident quotes, one entry per record, by source id."
    )

    class Meta(IncidentSerializer.Meta):
        list_serializer_class = serializers.ListSerializer
        fields = [
            *INCIDENT_FIELDS,
            "graded_at",
            "contested_between",
            "suggested_grade",
            "status",
            "published_at",
            "summary",
            "civilian_figures_override_reason",
            "parent",
            "children",
            "involvements",
            "casualty_reports",
            "statements",
            "facts",
            "sources",
            "dataset_records",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(IncidentBriefSerializer(allow_null=True))
    def get_parent(self, incident: Incident) -> dict | None:
        # IncidentQuerySet.with_evidence() selects the parent only if public; Django sets no
        # attribute for a filtered relation that matched nothing.
        parent = getattr(incident, "public_parent", None)
        return None if parent is None else IncidentBriefSerializer(parent).data

    @extend_schema_field(ActorBriefSerializer(many=True))
    def get_contested_between(self, incident: Incident) -> list[dict]:
        if incident.attribution_grade != AttributionGrade.CONTESTED:
            return []
        return ActorBriefSerializer(alleged_perpetrators(incident), many=True).data

    @extend_schema_field(SuggestedGradeSerializer)
    def get_suggested_grade(self, incident: Incident) -> dict:
        return suggest_grade(evidence_of(incident)).as_dict()

    @staticmethod
    def quoted_sources(incident: Incident) -> list:
        claims = [
            *incident.involvements.all(),
            *incident.casualty_reports.all(),
            *incident.statements.all(),
            *incident.facts.all(),
        ]
        found = {claim.quote.source.pk: claim.quote.source for claim in claims if claim.quote}
        return sorted(found.values(), key=lambda source: source.pk)

    @extend_schema_field(SourceBriefSerializer(many=True))
    def get_sources(self, incident: Incident) -> list[dict]:
        return SourceBriefSerializer(self.quoted_sources(incident), many=True).data

    @extend_schema_field(DatasetRecordSerializer(many=True))
    def get_dataset_records(self, incident: Incident) -> list[dict]:
        records = []
        for source in self.quoted_sources(incident):
            if source.kind != SourceKind.DATASET:
                continue
            coded = coded_fields(source.body)
            if coded is not None:
                records.append({"source_id": source.pk, **coded})
        return records


class PossibleDuplicateSerializer(serializers.Serializer):
    """Another incident that may record the same event (incidents/duplicates.py)."""

    id = serializers.IntegerField(help_text="The other incident's id.")
    slug = serializers.SlugField(help_text="The other incident's slug.")
    title = serializers.CharField(help_text="The other incident's title.")
    start_date = serializers.DateField(help_text="The other incident's first day.")
    location_name = serializers.CharField(help_text="The other incident's town, site or area.")
    status = serializers.CharField(
        help_text="The other incident's status: draft, in_review, published or retracted."
    )
    why = serializers.ListField(
        child=serializers.CharField(),
        help_text='What the two share, in words: e.g. ["same day", "3.2 km apart"], '
        '["same admin1 and location name"], ["same ACLED event id"].',
    )


class IncidentWrittenSerializer(IncidentDetailSerializer):
    """An incident as a write leaves it, with the incidents that may record the same event:
    a warning, not a refusal. The `ETag` header is that of the incident's detail."""

    possible_duplicates = PossibleDuplicateSerializer(
        many=True,
        read_only=True,
        help_text="Incidents whose dates overlap this one's within a day and that are within "
        "10 km of it or name the same admin1 and location, or that share a dataset id; "
        "earliest first, at most 20. Empty when none.",
    )

    class Meta(IncidentDetailSerializer.Meta):
        fields = [*IncidentDetailSerializer.Meta.fields, "possible_duplicates"]


class MergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text="The id of the incident that stays: the merged one's claims move there.",
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Why; kept in the history."
    )


class CasualtyReportSerializer(CasualtyReportInIncidentSerializer):
    incident = IncidentBriefSerializer(read_only=True)

    class Meta(CasualtyReportInIncidentSerializer.Meta):
        fields = [
            "id",
            "incident",
            "category",
            "population",
            "min",
            "max",
            "as_of",
            "counted",
            "reported_by",
            "quote",
            "created_at",
            "updated_at",
        ]


class StatementSerializer(StatementInIncidentSerializer):
    incidents = IncidentBriefSerializer(
        many=True, read_only=True, source="public_incidents", help_text="What it is about."
    )

    class Meta(StatementInIncidentSerializer.Meta):
        fields = [
            "id",
            "speaker",
            "kind",
            "said_on",
            "quote",
            "denies",
            "incidents",
            "created_at",
            "updated_at",
        ]


class ChangeSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="object_id", help_text="The record's id in `resource`.")
    resource = serializers.ChoiceField(
        choices=["incidents", "actors", "sources", "quotes", "statements", "casualty-reports"],
        help_text="The API resource the record belongs to: /api/{resource}/{id}.",
    )

    merged_into = serializers.IntegerField(
        allow_null=True,
        help_text="On `deleted` of an incident merged into another as a duplicate: the id of "
        "the incident it was merged into (its claims are there now); null otherwise.",
    )

    class Meta:
        model = Change
        fields = ["resource", "id", "action", "at", "merged_into"]


class DerivedSlugMixin:
    """A new record's slug may be left out: it is made from ``slug_from`` (unique_slug)."""

    slug_from = "name"

    def validate(self, attrs):
        if self.instance is None and not attrs.get("slug") and attrs.get(self.slug_from):
            attrs["slug"] = unique_slug(self.Meta.model, attrs[self.slug_from])
        return super().validate(attrs)


class ActorWriteSerializer(DerivedSlugMixin, ModelValidatingSerializer):
    """An actor; the slug of a new one may be left out (made from the name)."""

    class Meta:
        model = Actor
        validators = []
        extra_kwargs = {
            "slug": {
                "required": False,
                "help_text": "Short unique name, usable in place of the id in URLs. Left out "
                "of a new actor: made from the name (lower case, hyphens, -2, -3... when "
                "taken).",
            },
        }
        fields = [
            "name",
            "slug",
            "kind",
            "parent",
            "aliases",
            "country",
            "wikidata_id",
            "description",
        ]


class IncidentWriteSerializer(DerivedSlugMixin, ModelValidatingSerializer):
    """An incident's own facts. Its status changes only through submit, publish and retract.

    The slug may be left out (made from the title), and so may the type when the sub-type is
    given (the one type it belongs to)."""

    slug_from = "title"

    class Meta:
        model = Incident
        validators = []
        extra_kwargs = {
            "slug": {
                "required": False,
                "help_text": "Short unique name, usable in place of the id in URLs. Left out "
                "of a new incident: made from the title (lower case, hyphens, -2, -3... when "
                "taken).",
            },
            "type": {
                "required": False,
                "help_text": "ACLED event type. Left out: the type the sub-type belongs to.",
            },
        }
        fields = [
            "title",
            "slug",
            "summary",
            "type",
            "sub_type",
            "start_date",
            "end_date",
            "date_precision",
            "country",
            "other_countries",
            "admin1",
            "location_name",
            "latitude",
            "longitude",
            "geo_precision",
            "parent",
            "civilian_deaths_min",
            "civilian_deaths_max",
            "civilian_injuries_min",
            "civilian_injuries_max",
            "civilian_figures_override_reason",
            "weapons",
            "acled_event_id",
            "ucdp_ged_id",
            "airwars_code",
        ]

    def validate(self, attrs):
        if not attrs.get("type") and attrs.get("sub_type") in TYPE_OF_SUB_TYPE:
            attrs["type"] = TYPE_OF_SUB_TYPE[attrs["sub_type"]]
        return super().validate(attrs)

    def validate_civilian_figures_override_reason(self, value: str) -> str:
        from incidents.services import figure_override_refusal

        before = self.instance.civilian_figures_override_reason if self.instance else ""
        refusal = figure_override_refusal(self.context["request"].user, before, value)
        if refusal:
            raise serializers.ValidationError(refusal)
        return value


class InvolvementWriteSerializer(ModelValidatingSerializer):
    class Meta:
        model = Involvement
        validators = []
        fields = ["incident", "actor", "role", "attributed_by", "quote", "note"]


class CasualtyReportWriteSerializer(ModelValidatingSerializer):
    class Meta:
        model = CasualtyReport
        validators = []
        fields = [
            "incident",
            "category",
            "population",
            "min",
            "max",
            "reported_by",
            "quote",
            "as_of",
            "counted",
        ]


class StatementWriteSerializer(ModelValidatingSerializer):
    incidents = StrictPrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Incident.objects.all(),
        help_text="Ids of the incidents the statement is about.",
    )

    class Meta:
        model = Statement
        validators = []
        fields = ["speaker", "quote", "kind", "incidents", "said_on", "denies"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        statement = copy.copy(self.instance) if self.instance is not None else Statement()
        if "denies" in attrs:
            statement.denies = attrs["denies"]
        if "incidents" in attrs:
            incident_ids = [incident.pk for incident in attrs["incidents"]]
        elif self.instance is not None:
            incident_ids = list(self.instance.incidents.values_list("pk", flat=True))
        else:
            incident_ids = []
        try:
            statement.check_denies(incident_ids)
        except DjangoValidationError as error:
            raise serializers.ValidationError(drf_error_detail(error)) from None
        return attrs


class InvolvementDetailSerializer(InvolvementSerializer):
    incident = IncidentBriefSerializer(read_only=True)

    class Meta(InvolvementSerializer.Meta):
        fields = [
            "id",
            "incident",
            "actor",
            "role",
            "attributed_by",
            "note",
            "quote",
            "created_at",
            "updated_at",
        ]


class WorkflowSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Why; kept in the history."
    )


class GradeSerializer(serializers.Serializer):
    """A reviewer's assessment grade, from the rubric of each choice."""

    civilian_harm = serializers.ChoiceField(
        choices=CivilianHarmGrade.choices, help_text="How well the civilian harm is supported."
    )
    attribution = serializers.ChoiceField(
        choices=AttributionGrade.choices,
        help_text="Who is responsible: contested needs two or more named (alleged) perpetrators.",
    )
    reason = serializers.CharField(
        max_length=2000, help_text="Why this grade; kept in the history with it."
    )


class RevisionSerializer(serializers.ModelSerializer):
    """A pending (or decided) revision of a public record, with its diff."""

    record = serializers.SerializerMethodField(
        help_text="The API path of the record it revises; null for a record still to create."
    )
    proposed_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text="The editor who proposed it."
    )
    decided_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text="The reviewer who accepted or rejected it (the editor, for a withdrawal).",
    )
    changes = serializers.DictField(
        child=serializers.ListField(),
        read_only=True,
        help_text="Each field it changes: [public value, proposed value].",
    )
    before = serializers.DictField(
        read_only=True, allow_null=True, help_text="The record's fields when the edit was made."
    )
    after = serializers.DictField(
        read_only=True, allow_null=True, help_text="The record's fields as the edit leaves them."
    )

    class Meta:
        model = Revision
        fields = [
            "id",
            "resource",
            "object_id",
            "record",
            "operation",
            "status",
            "reason",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "decision_reason",
            "changes",
            "before",
            "after",
        ]
        read_only_fields = fields

    def get_record(self, revision: Revision) -> str | None:
        if revision.object_id is None:
            return None
        return f"/api/{revision.resource}/{revision.object_id}"


class HeldIncidentWriteSerializer(RevisionSerializer):
    """An editor's write of an incident held for review, with the incidents that may record
    the same event as the incident it proposes."""

    possible_duplicates = PossibleDuplicateSerializer(
        many=True,
        read_only=True,
        help_text="As in the answer of a write that is made: incidents that may record the same "
        "event as the incident this revision proposes. Empty when none.",
    )

    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "possible_duplicates"]
        read_only_fields = fields


def revision_version(revision: Revision) -> str:
    """The revision's ETag as a reader gets it: what accepting it names (API and admin)."""
    return etag_of(RevisionSerializer(revision).data)


class RevisionDecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Why; required to reject, kept on the revision.",
    )
