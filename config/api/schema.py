"""How the OpenAPI document is made: drf-spectacular with documented errors, and a glossary.

Field meanings live in model ``help_text`` and filter ``label``s. Names whose meaning is the
same everywhere (``id``, ``created_at``, the error envelope's ``detail``...) are described once,
here, and filled in wherever a schema property or parameter has no description of its own.
"""

from drf_standardized_errors.openapi import AutoSchema as StandardizedErrorsAutoSchema
from drf_standardized_errors.openapi_serializers import ClientErrorEnum, ServerErrorEnum
from drf_standardized_errors.settings import package_settings
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.settings import api_settings

from config.api.permissions import EditorPermissions

UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
UNKNOWN_PARAMETER_CODES = ("unknown_parameter", "repeated_parameter")
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

    - public reads have no security requirement (anyone may call them);
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
        # A public read has no security requirement: anyone may call it, and generated clients
        # (openapi-python-client types any listed requirement as needing a token) let a plain
        # client call it. The same credentials are taken there (SPECTACULAR_SETTINGS'
        # DESCRIPTION says what they add).
        if self.method in SAFE_METHODS and self._anonymous_may_read():
            return []
        return super().get_auth()

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
    "after": 41235,
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


ERROR_ENVELOPES = {
    # The shared shapes every error response has: an envelope whose ``type`` says which kind of
    # error, and a list of ``Error`` items naming the parameter or field at fault in ``attr``.
    "ValidationError": "validation_error",
    "ClientError": "client_error",
    "ServerError": "server_error",
}
ERROR_400 = "ErrorResponse400"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _resolve(schemas: dict, node: dict) -> dict:
    """The schema a ``$ref`` (or a lone ``allOf``) stands for."""
    while True:
        if "$ref" in node:
            node = schemas[node["$ref"].rsplit("/", 1)[-1]]
        elif len(node.get("allOf") or []) == 1:
            node = node["allOf"][0]
        else:
            return node


def _error_items(schemas: dict, schema: dict):
    """(type, attr, codes) of each error item an error response's schema admits; ``attr`` is
    None where it is not one name (any parameter, or null)."""
    envelope = _resolve(schemas, schema)
    if "oneOf" in envelope:
        for one in envelope["oneOf"]:
            yield from _error_items(schemas, one)
        return
    error_type = _resolve(schemas, envelope["properties"]["type"])["enum"][0]
    item = _resolve(schemas, envelope["properties"]["errors"]["items"])
    for one in item.get("oneOf") or [item]:
        one = _resolve(schemas, one)
        attrs = _resolve(schemas, one["properties"]["attr"]).get("enum") or [None]
        codes = _resolve(schemas, one["properties"]["code"]).get("enum") or []
        yield error_type, attrs[0], codes


def _attr_in_words(attr: str) -> str:
    parts = ["<n>" if part == LIST_INDEX else part for part in attr.split(SEPARATOR)]
    words = f"`{SEPARATOR.join(parts)}`"
    if LIST_INDEX in attr.split(SEPARATOR):
        words += " (an item of the list, by its position, 0 first)"
    return words


def _codes_in_words(codes) -> str:
    return ", ".join(f"`{code}`" for code in codes)


def _describe_errors(items: list) -> str:
    """What an operation's error response can say, in prose: for a 400, each parameter or
    field that can be at fault (``attr``) with its codes."""
    lines = []
    by_attr = {
        attr: codes
        for error_type, attr, codes in items
        if error_type == "validation_error" and attr is not None
    }
    if by_attr:
        lines.append(
            "A validation_error names the query parameter or body field at fault in `attr`:\n"
        )
        for attr, codes in by_attr.items():
            lines.append(f"- {_attr_in_words(attr)}: {_codes_in_words(codes)}")
        lines.append(
            "- any other query parameter: "
            + _codes_in_words(UNKNOWN_PARAMETER_CODES)
            + " (a parameter the operation does not take, or one given twice)"
        )
    others = sorted(
        {
            code
            for error_type, _, codes in items
            if error_type != "validation_error"
            for code in codes
        }
    )
    if others:
        kinds = sorted({t for t, _, _ in items if t != "validation_error"})
        code = "code" if len(others) == 1 else "codes"
        text = f"A {' or '.join(kinds)} with `attr` null, {code} {_codes_in_words(others)}."
        lines.append(("\n" if lines else "") + text)
    return "\n".join(lines)


def lean_errors(result) -> None:
    """Postprocessing: every error response uses a few shared schemas (``ErrorResponse400``,
    ``ValidationError``, ``ClientError``, ``ServerError`` and their ``Error`` item), and what
    each operation's errors can say (the ``attr`` at fault, the codes) is in the response's
    description, not in a schema per operation and field. The answers themselves are
    drf-standardized-errors' as before."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                if not status.isdigit() or int(status) < 400 or not response.get("content"):
                    continue
                old = next(iter(response["content"].values()))["schema"]
                items = list(_error_items(schemas, old))
                types = {error_type for error_type, _, _ in items}
                if status == "400":
                    new = _ref(ERROR_400)
                else:
                    (error_type,) = types
                    new = _ref(
                        {"client_error": "ClientError", "server_error": "ServerError"}[error_type]
                    )
                for media in response["content"].values():
                    media["schema"] = new
                description = _describe_errors(items)
                response["description"] = " ".join(
                    part for part in (response.get("description"), description) if part
                )
    schemas["Error"] = {
        "type": "object",
        "description": "One problem; the response's description lists the codes and attrs.",
        "properties": {
            "code": {"type": "string"},
            "detail": {"type": "string"},
            "attr": {"type": "string", "nullable": True},
        },
        "required": ["attr", "code", "detail"],
    }
    for name, value in ERROR_ENVELOPES.items():
        # The kind of error as a string held to its one value by a pattern, not an enum
        # component of its own: validators tell the kinds of ``ErrorResponse400`` apart
        # (``oneOf`` needs exactly one to match), and a generated client is three files
        # smaller.
        schemas[name] = {
            "type": "object",
            "properties": {
                "type": {
                    "type": "string",
                    "pattern": f"^{value}$",
                    "description": f"Always `{value}`.",
                },
                "errors": {"type": "array", "items": _ref("Error")},
            },
            "required": ["errors", "type"],
        }
    schemas[ERROR_400] = {
        "oneOf": [_ref("ValidationError"), _ref("ClientError")],
        "discriminator": {
            "propertyName": "type",
            "mapping": {
                "validation_error": "#/components/schemas/ValidationError",
                "client_error": "#/components/schemas/ClientError",
            },
        },
    }
    _drop_unreferenced(result)


def _drop_unreferenced(result) -> None:
    """Remove the components nothing in the document refers to any more."""
    schemas = result["components"]["schemas"]
    seen: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen:
                    seen.add(name)
                    walk(schemas[name])
            for key, value in node.items():
                if key != "$ref":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({key: value for key, value in result.items() if key != "components"})
    walk({key: value for key, value in result["components"].items() if key != "schemas"})
    result["components"]["schemas"] = {name: schemas[name] for name in sorted(seen)}


def fill_descriptions(result, generator, request, public):
    """Postprocessing hook: share the error schemas, describe what has no description, and give
    parameters examples."""
    lean_errors(result)
    for url, path in result.get("paths", {}).items():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                name = parameter["name"]
                parameter.setdefault("description", GLOSSARY.get(name, ""))
                if "example" in parameter or "examples" in parameter:
                    continue
                schema = parameter.get("schema", {})
                # A list's choices (`ordering`) are its items'.
                enum = schema.get("enum") or schema.get("items", {}).get("enum")
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


RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window: the anonymous rate, an editor's, "
    "or the service token's own.",
    "RateLimit-Remaining": "Requests left in the current window, this one counted.",
    "RateLimit-Reset": "Seconds until the current window ends and the count starts again.",
}


def rate_limit_headers(result, generator, request, public):
    """Postprocessing hook: the RateLimit-* headers (config.api.throttling), defined once under
    ``components.headers``, on each operation's answers and its 429. (Its counted errors,
    400, 404, 409, 412..., carry them too; the document's description says so, rather than
    thousands of lines.)"""
    result.setdefault("components", {})["headers"] = {
        name: {"description": description, "schema": {"type": "integer", "minimum": 0}}
        for name, description in RATE_LIMIT_HEADERS.items()
    }
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                if status.startswith("2") or status == "429":
                    response.setdefault("headers", {}).update(
                        {
                            name: {"$ref": f"#/components/headers/{name}"}
                            for name in RATE_LIMIT_HEADERS
                        }
                    )
    return result
