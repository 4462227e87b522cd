"""How the OpenAPI document is made: drf-spectacular with documented errors, and a glossary.

Field meanings live in model ``help_text`` and filter ``label``s. Names whose meaning is the
same everywhere (``id``, ``created_at``, the error envelope's ``detail``...) are described once,
here, and filled in wherever a schema property or parameter has no description of its own.
"""

import re

from drf_standardized_errors.openapi import AutoSchema as StandardizedErrorsAutoSchema
from drf_standardized_errors.openapi_serializers import ClientErrorEnum, ServerErrorEnum
from drf_standardized_errors.settings import package_settings
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.settings import api_settings

from config.api.permissions import EditorPermissions

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
UNKNOWN_PARAMETER_CODES = ("unknown_parameter", "repeated_parameter")
UNKNOWN_PARAMETER_COMPONENT = "UnknownParameterErrorComponent"
LIST_INDEX = package_settings.LIST_INDEX_IN_API_SCHEMA
SEPARATOR = package_settings.NESTED_FIELD_SEPARATOR


def _error_response_serializer(status: int, name: str, error_code: str, error_type=ClientErrorEnum):
    """The envelope of an error with one code (a component like drf-standardized-errors'
    own; the ``ErrorComponent`` suffix keeps its one-value enum out of the shared enums)."""

    class Error(serializers.Serializer):
        code = serializers.ChoiceField(choices=[(error_code, error_code)])
        detail = serializers.CharField()
        attr = serializers.CharField(allow_null=True)

        class Meta:
            ref_name = f"{name}ErrorComponent"

    class ErrorResponse(serializers.Serializer):
        type = serializers.ChoiceField(choices=error_type.choices)
        errors = Error(many=True)

        class Meta:
            ref_name = f"ErrorResponse{status}"

    return ErrorResponse


EXTRA_ERROR_RESPONSES = {
    "409": _error_response_serializer(409, "Conflict", "conflict"),
    "412": _error_response_serializer(412, "PreconditionFailed", "precondition_failed"),
    "413": _error_response_serializer(413, "PayloadTooLarge", "payload_too_large"),
    "428": _error_response_serializer(428, "PreconditionRequired", "precondition_required"),
    # Answered by gunicorn before the request reaches Django (config/gunicorn_errors.py).
    "414": _error_response_serializer(414, "URITooLong", "uri_too_long"),
    "431": _error_response_serializer(
        431, "RequestHeaderFieldsTooLarge", "request_header_fields_too_large"
    ),
    # The database does not answer (config.api.errors.ServiceUnavailable), with Retry-After.
    "503": _error_response_serializer(
        503, "ServiceUnavailable", "service_unavailable", ServerErrorEnum
    ),
}


class AutoSchema(StandardizedErrorsAutoSchema):
    """drf-spectacular's schema with drf-standardized-errors' documented error responses,
    made to say everything the API can answer:

    - public reads carry the anonymous security requirement (``{}``) besides the tokens;
    - every operation can be a 400 validation error: an unknown or repeated query parameter
      (any ``attr``, codes ``unknown_parameter``/``repeated_parameter``), a bad ``format``,
      ``limit``, ``offset`` or ``cursor``, and ``invalid`` for any field that the model's own
      checks (``clean()``, constraints) refuse;
    - writes can be a 409 (conflict), 413 (body too large), and changes of one record a 428
      (no If-Match) or 412 (stale If-Match);
    - every operation can be a 414 (a request line over gunicorn's ``limit_request_line``)
      or a 431 (headers over its limits), and a 503 with Retry-After while the database
      does not answer;
    - filter parameters state the limits their fields enforce (``maxLength``, ``minimum``,
      ``maximum``, ``pattern``).
    """

    def get_auth(self):
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths and self._anonymous_may_read():
            auths.append({})
        return auths

    def _anonymous_may_read(self) -> bool:
        permissions = self.view.get_permissions()
        return bool(permissions) and all(
            type(permission) in (EditorPermissions, AllowAny) for permission in permissions
        )

    def get_response_serializers(self):
        # A write answers with the record as a GET of it shows it (LedgerViewSet), not with
        # the write serializer's ids.
        if getattr(self.view, "action", None) in ("create", "update", "partial_update") and hasattr(
            self.view, "read_serializer_class"
        ):
            return self.view.written_serializer_class()
        return super().get_response_serializers()

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        if filterset_class is None:
            return parameters
        for parameter in parameters:
            filter_ = filterset_class.base_filters.get(parameter["name"])
            if filter_ is not None:
                parameter["schema"].update(_filter_limits(filter_))
        return parameters

    def _get_allowed_error_status_codes(self) -> list[str]:
        return [*super()._get_allowed_error_status_codes(), *EXTRA_ERROR_RESPONSES]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        action = getattr(self.view, "action", None)
        if (
            direction == "response"
            and hasattr(self.view, "through_review")
            and action in ("create", "update", "partial_update", "destroy")
        ):
            # An editor's write to what the public sees waits for a reviewer (incidents.review).
            from incidents.api.serializers import RevisionSerializer

            held = RevisionSerializer
            # A held create or change may report more than its revision (held_serializer_class).
            if action != "destroy":
                held = getattr(self.view, "held_serializer_class", RevisionSerializer)
            responses["202"] = self._get_response_for_code(held, "202")
            responses["202"]["description"] = (
                "Held for review: the write would change what the public sees, so it waits as "
                "the pending revision returned (see /api/revisions) until a reviewer accepts it."
            )
        return responses

    def _should_add_error_response(self, responses: dict, status_code: str) -> bool:
        action_statuses = getattr(self.view, "action_error_statuses", {})
        if status_code in action_statuses.get(getattr(self.view, "action", None), ()):
            return status_code not in responses
        if status_code in ("414", "431", "503"):
            return status_code not in responses
        if status_code in ("409", "413"):
            return status_code not in responses and self._writes()
        if status_code in ("412", "428"):
            return (
                status_code not in responses
                and self.method in ("PUT", "PATCH", "DELETE")
                and hasattr(self.view, "check_precondition")
            )
        return super()._should_add_error_response(responses, status_code)

    def _writes(self) -> bool:
        return self.method in UNSAFE_METHODS and hasattr(self.view, "save_or_conflict")

    def _get_error_response_serializer(self, status_code: str):
        return EXTRA_ERROR_RESPONSES.get(status_code) or super()._get_error_response_serializer(
            status_code
        )

    def _should_add_validation_error_response(self) -> bool:
        # Every operation refuses unknown query parameters and formats with a 400.
        return True

    def _get_validation_error_codes_by_field(self, data_fields):
        codes = super()._get_validation_error_codes_by_field(data_fields)
        for name in codes:
            # Our own fields, and the models' clean() and constraints, say "invalid".
            codes[name].add("invalid")
        codes["format"].add("invalid")
        for parameter in self._get_pagination_parameters():
            codes[parameter["name"]].add("invalid")
        if self._writes() and self.method != "DELETE":
            codes[api_settings.NON_FIELD_ERRORS_KEY].update(["invalid", "unique_together"])
        return codes


GLOSSARY = {
    "id": "Numeric id, stable for the life of the record.",
    "slug": "Short unique name, usable in place of the id in URLs.",
    "title": "Title.",
    "name": "Name most commonly used.",
    "kind": "What sort of record this is.",
    "created_at": "When the record was created here (ISO 8601).",
    "updated_at": "When the record last changed here (ISO 8601).",
    "description": "The editors' short description.",
    "publisher": "Who published the document.",
    "category": "What the figure counts: killed, injured or displaced.",
    "population": "Whom the figure counts: civilians, combatants or all.",
    "role": "The actor's part in the incident.",
    "actor": "The actor involved.",
    "speaker": "Who said it.",
    "quote": "The verbatim words this rests on, with their source; null while a draft lacks one.",
    "source": "The document the words are taken from.",
    "parent": "The actor this one belongs to; null for a top-level actor.",
    "reported_by": "Who gives the figure; null when the source does not say.",
    "incident": "The incident the figure is about.",
    "involvements": "Actors' parts in the incident, each with the quote that supports it.",
    "casualty_reports": "Each figure reported for the incident, with its reporter and quote.",
    "statements": "What actors said about the incident, each in its quoted words.",
    "cites": "Public documents this one reports on.",
    "cited_by": "Public documents that report on this one.",
    "quotes": "Public quotes taken from this document.",
    "action": (
        "created: the record became public; updated: it changed; retracted: the editors "
        "withdrew it; deleted: it was deleted or is no longer public."
    ),
    "count": "Number of records matching the filters.",
    "next": "URL of the next page; null on the last page.",
    "previous": "URL of the previous page; null on the first page.",
    "results": "The records on this page.",
    "type": "validation_error (a parameter or field is wrong), client_error or server_error.",
    "errors": "What was wrong, one item per problem.",
    "code": "Machine-readable error code.",
    "detail": "What was wrong, in words.",
    "attr": "The parameter or field at fault; null when the error is not about one.",
    "id_or_slug": "The record's numeric id, or its slug.",
    "format": "Response format: json (the default), or csv / geojson where offered.",
}

EXAMPLES = {
    "object_id": 12,
    "resource": "involvements",
    "actor": "russia",
    "role": "alleged_perpetrator",
    "attributed_by": "united-states",
    "type": "explosions_remote_violence",
    "sub_type": "air_drone_strike",
    "country": "SY",
    "admin1": "Idlib",
    "date_from": "2015-09-30",
    "date_to": "2015-12-31",
    "min_civilian_deaths": 10,
    "max_civilian_deaths": 1000,
    "source": 1,
    "q": "market strike",
    "bbox": "35.5,34.5,37,36.5",
    "updated_since": "2015-12-01T00:00:00Z",
    "ordering": "-start_date",
    "incident": "killing-of-zahran-alloush-2015",
    "kind": "denial",
    "said_from": "2015-12-01",
    "said_to": "2015-12-31",
    "parent": "russia",
    "publisher": "Amnesty International",
    "published_from": "2015-12-01",
    "published_to": "2015-12-31",
    "reported_by": "amnesty-international",
    "category": "killed",
    "population": "civilians",
    "since": "2015-12-01T00:00:00Z",
    "acled_event_id": "SYR12345",
    "ucdp_ged_id": 123456,
    "airwars_code": "CS1740",
    "grade": "fair",
    "attribution": "contested",
    "id_or_slug": "russia",  # of an actor; an incident's is in PATH_EXAMPLES
    "limit": 50,
    "offset": 0,
    "id": 1,
}


# Examples that depend on the path: an incident's slug is not an actor's.
PATH_EXAMPLES = {
    ("/api/incidents/", "id_or_slug"): "killing-of-zahran-alloush-2015",
}


def _example(path: str, name: str):
    for (prefix, parameter), example in PATH_EXAMPLES.items():
        if parameter == name and path.startswith(prefix):
            return example
    return EXAMPLES.get(name)


def _filter_limits(filter_) -> dict:
    """What a django-filter filter's form field enforces, as JSON Schema keywords."""
    limits = {}
    schema_of = getattr(filter_.field_class, "schema", None)
    if schema_of is not None:
        limits.update(schema_of())
    for keyword, name in [
        ("maxLength", "max_length"),
        ("minimum", "min_value"),
        ("maximum", "max_value"),
    ]:
        if filter_.extra.get(name) is not None:
            limits[keyword] = filter_.extra[name]
    return limits


def admit_every_error_attr(result) -> None:
    """Postprocessing: let validation errors' ``attr`` be every name the API gives.

    An unknown or repeated query parameter is a 400 naming it, whatever its name: each
    operation's list of error items also admits one with any ``attr`` and a code of its own.
    ``attr`` is then no discriminator (it can hold any name), so the lists are plain oneOfs.
    An item of a list is named by its position.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for component in schemas.values():
        discriminator = component.get("discriminator") or {}
        if discriminator.get("propertyName") == "attr" and "oneOf" in component:
            del component["discriminator"]
            component["oneOf"].append(
                {"$ref": f"#/components/schemas/{UNKNOWN_PARAMETER_COMPONENT}"}
            )
        # An error about a list's item names it by position (`aliases.0`), where
        # drf-standardized-errors writes a placeholder (`aliases.INDEX`).
        attr = (component.get("properties") or {}).get("attr") or {}
        if len(attr.get("enum") or []) == 1 and LIST_INDEX in attr["enum"][0].split(SEPARATOR):
            parts = attr.pop("enum")[0].split(SEPARATOR)
            attr["pattern"] = (
                "^"
                + re.escape(SEPARATOR).join(
                    "[0-9]+" if part == LIST_INDEX else re.escape(part) for part in parts
                )
                + "$"
            )
            attr["description"] = "The list and the position of its item at fault (0 first)."
    schemas[UNKNOWN_PARAMETER_COMPONENT] = {
        "type": "object",
        "description": "A query parameter the operation does not take, or one given twice.",
        "properties": {
            "attr": {"type": "string", "description": "The parameter's name, as given."},
            "code": {"type": "string", "enum": list(UNKNOWN_PARAMETER_CODES)},
            "detail": {"type": "string"},
        },
        "required": ["attr", "code", "detail"],
    }
    result["components"]["schemas"] = dict(sorted(schemas.items()))


def fill_descriptions(result, generator, request, public):
    """Postprocessing hook: admit unknown-parameter errors, describe what has no description,
    and give parameters examples."""
    admit_every_error_attr(result)
    for url, path in result.get("paths", {}).items():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                parameter.setdefault("description", GLOSSARY.get(name, ""))
                if "example" in parameter or "examples" in parameter:
                    continue
                enum = parameter.get("schema", {}).get("enum")
                example = _example(url, name)
                if enum and example not in enum:
                    example = enum[0]
                if example is not None:
                    parameter["example"] = example
    for component in result.get("components", {}).get("schemas", {}).values():
        for name, prop in (component.get("properties") or {}).items():
            if prop.get("description") or name not in GLOSSARY:
                continue
            if "$ref" in prop:
                # A sibling of $ref is ignored in OpenAPI 3.0; allOf carries the description.
                component["properties"][name] = {
                    "allOf": [{"$ref": prop.pop("$ref")}],
                    **prop,
                    "description": GLOSSARY[name],
                }
            else:
                prop["description"] = GLOSSARY[name]
    return result
