"""CSV and GeoJSON exports of incident lists, streamed row by row so memory stays flat, and
the incident detail as JSON-LD."""

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.urls import reverse
from rest_framework.renderers import BaseRenderer

from incidents.interop.coded import CODED_FIELDS
from incidents.jsonld import incident_document

CSV_COLUMNS = [
    ("id", "Incident id."),
    ("slug", "Incident slug."),
    ("title", "Title."),
    ("type", "ACLED event type."),
    ("sub_type", "ACLED sub-event type."),
    ("start_date", "First day, YYYY-MM-DD."),
    ("end_date", "Last day, empty for one day."),
    ("date_precision", "day, week, month or year."),
    ("country", "ISO 3166-1 alpha-2 code."),
    ("other_countries", "Further countries it took place in, codes separated by '; '."),
    ("admin1", "First-level region."),
    ("location_name", "Town, site or area."),
    ("latitude", "WGS 84 degrees."),
    ("longitude", "WGS 84 degrees."),
    ("geo_precision", "What the coordinates stand for."),
    ("civilian_deaths_min", "Curated lower bound of civilians killed."),
    ("civilian_deaths_max", "Curated upper bound of civilians killed."),
    ("civilian_injuries_min", "Curated lower bound of civilians injured."),
    ("civilian_injuries_max", "Curated upper bound of civilians injured."),
    ("weapons", "Weapons, separated by '; '."),
    (
        "actors",
        "Involved actors as 'Name (role)', or 'Name (role, per attributer-slug)' when an actor "
        "attributes the role, separated by '; '.",
    ),
    ("actor_slugs", "The same actors' slugs, separated by '; ', in the same order."),
    ("acled_event_id", "ACLED's event_id_cnty for the same event."),
    ("ucdp_ged_id", "UCDP GED id for the same event."),
    ("airwars_code", "Airwars' code for the same event."),
    (
        "civilian_harm_grade",
        "Reviewers' grade: confirmed, fair, weak, contested or discounted; empty if ungraded.",
    ),
    ("attribution_grade", "Reviewers' grade: single, contested or unknown; empty if ungraded."),
    ("parent_id", "Id of the larger incident this is part of."),
    ("updated_at", "Last change, ISO 8601."),
    ("dataset", "The dataset the incident was imported from: acled, ucdp or empty."),
    *((f"dataset_{name}", description) for name, _, _, description in CODED_FIELDS),
]

CHUNK_SIZE = 64 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_CSV_NAMES = [name for name, _ in CSV_COLUMNS]
_CODED_NAMES = [(f"dataset_{name}", name) for name, *_ in CODED_FIELDS]


def csv_lines(rows: list[dict]) -> list[str]:
    """Each of the list ``rows`` (with its ``dataset_record``) as the CSV's line, as
    ``CSVRenderer`` writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(csv_row(row))
        lines.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    return lines


def csv_row(row: dict) -> list[str]:
    """The CSV cells of a list row, spreadsheet-safe: text that a spreadsheet would run as a
    formula (starting with = + - @, tab or carriage return) is prefixed with a quote mark
    (OWASP); None is empty. (A million-row export spends most of its time here.)"""
    flat = dict(row)
    flat["weapons"] = "; ".join(row["weapons"])
    flat["other_countries"] = "; ".join(row["other_countries"])
    flat["actors"] = "; ".join(_involved(a) for a in row["actors"])
    flat["actor_slugs"] = "; ".join(a["slug"] for a in row["actors"])
    coded = row.get("dataset_record") or {}
    flat["dataset"] = coded.get("dataset", "")
    for column, name in _CODED_NAMES:
        flat[column] = coded.get(name, "")
    return [
        ("'" + value if value.startswith(FORMULA_START) else value)
        if isinstance(value, str)
        else ("" if value is None else str(value))
        for value in map(flat.__getitem__, _CSV_NAMES)
    ]


def _involved(actor: dict) -> str:
    if actor.get("attributed_by"):
        return f"{actor['name']} ({actor['role']}, per {actor['attributed_by']})"
    return f"{actor['name']} ({actor['role']})"


def geojson_feature(row: dict) -> dict:
    located = row["latitude"] is not None and row["longitude"] is not None
    properties = {key: value for key, value in row.items() if key not in ("latitude", "longitude")}
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": (
            {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            if located
            else None
        ),
        "properties": properties,
    }


class StreamingExportRenderer(BaseRenderer):
    """A renderer whose output the view streams from rows, never building it whole."""

    charset = "utf-8"

    def stream(self, rows: Iterable[dict]) -> Iterator[str]:
        raise NotImplementedError

    def stream_incidents(self, incidents, rows: Iterable[dict]) -> Iterator[str]:
        """``stream``, for a format whose header depends on the incidents (their queryset)."""
        return self.stream(rows)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only reached for a list that fits in memory anyway (tests, the schema's examples).
        rows = data["results"] if isinstance(data, dict) and "results" in data else data
        return "".join(self.stream(rows)).encode(self.charset)


class CSVRenderer(StreamingExportRenderer):
    media_type = "text/csv"
    format = "csv"

    def stream(self, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([name for name, _ in CSV_COLUMNS])
        for row in rows:
            if isinstance(row, str):
                buffer.write(row)  # a stored line (incidents/rendered.py)
            else:
                writer.writerow(csv_row(row))
            if buffer.tell() > CHUNK_SIZE:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()


class GeoJSONRenderer(StreamingExportRenderer):
    media_type = "application/geo+json"
    format = "geojson"

    def stream(self, rows):
        yield '{"type":"FeatureCollection","features":['
        for index, row in enumerate(rows):
            yield ("," if index else "") + json.dumps(geojson_feature(row), separators=(",", ":"))
        yield "]}"


class IncidentJSONLDRenderer(BaseRenderer):
    """The incident detail as JSON-LD (incidents/jsonld), from the same data as the JSON
    detail; records are named by their absolute API URLs, built from the request."""

    media_type = "application/ld+json"
    format = "jsonld"
    charset = None  # JSON-LD is UTF-8 by definition, as JSON is

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""  # a 304
        request = renderer_context["request"]
        root = request.build_absolute_uri(reverse("api-root"))
        document = incident_document(data, lambda resource, pk: f"{root}{resource}/{pk}", root)
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
