"""Schemathesis hooks shared by the in-process fuzz test and `.ci/fuzz` (SCHEMATHESIS_HOOKS).

They teach the generator the few rules the OpenAPI document states only in words, because
JSON Schema has no way to relate two values: a schema-valid request that breaks one of them is
rightly a 400, so a "positive" case must not break them. Negative cases are left alone.

- ``date_from`` is not after ``date_to`` (incidents);
- ``bbox``'s minimum corner is south-west of its maximum one (incidents);
- ``cursor`` is a position the feed handed out, not any text: positive cases leave it out, and
  the stateful phase follows the ``next`` links the feed gives;
- ``country`` names a country (a code or an English name): positive cases give SY;
- an incidents ``actor`` term names a public actor, or the request is a poll
  (``updated_since``): positive cases poll, so that any term is accepted;
- ``ordering`` by ``rank`` ranks a search: positive cases that ask for it search (``q``).
"""

import re

import schemathesis

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _positive(case) -> bool:
    meta = getattr(case, "meta", None)
    return meta is None or meta.generation.mode.is_positive


@schemathesis.hook
def map_case(context, case):
    if not _positive(case) or not isinstance(case.query, dict):
        return case
    query = dict(case.query)
    low, high = query.get("date_from"), query.get("date_to")
    if isinstance(low, str) and isinstance(high, str) and _DATE.fullmatch(low or ""):
        if _DATE.fullmatch(high) and low > high:
            query["date_from"], query["date_to"] = high, low
    bbox = query.get("bbox")
    if isinstance(bbox, str) and bbox.count(",") == 3:
        min_lon, min_lat, max_lon, max_lat = bbox.split(",")
        lons = sorted([min_lon, max_lon], key=float)
        lats = sorted([min_lat, max_lat], key=float)
        query["bbox"] = f"{lons[0]},{lats[0]},{lons[1]},{lats[1]}"
    if case.operation.path.startswith("/api/changes"):
        query.pop("cursor", None)
    if isinstance(query.get("country"), str):
        query["country"] = "SY"
    if case.operation.path.rstrip("/") == "/api/incidents" and query.get("actor"):
        query.setdefault("updated_since", "1970-01-01T00:00:00Z")
    ordering = query.get("ordering")
    fields = ordering.split(",") if isinstance(ordering, str) else ordering or []
    if {"rank", "-rank"} & set(fields) and not str(query.get("q") or "").strip():
        query["q"] = "market"
    if query != case.query:
        case.query = query
    return case
