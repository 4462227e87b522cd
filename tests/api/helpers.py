"""Readers of API responses and makers of public records, shared by the API tests."""

import csv
import io
import json
from datetime import datetime

from tests import factories


def iso(moment: datetime) -> str:
    """A timestamp as the API writes it: ISO 8601 in UTC with a Z."""
    return moment.isoformat().replace("+00:00", "Z")


def ids(response) -> list[int]:
    """The ids of a JSON list page, in order."""
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def error_attrs(response, status: int = 400) -> list[str | None]:
    """The ``attr`` of every error in the one JSON error shape, after checking the shape."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    expected_type = "validation_error" if status == 400 else "client_error"
    assert body["type"] == expected_type
    assert body["errors"]
    for error in body["errors"]:
        assert set(error) == {"code", "detail", "attr"}
        assert error["code"] and error["detail"]
    return [error["attr"] for error in body["errors"]]


def streamed_text(response) -> str:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    """An export's CSV rows as dicts keyed by the header."""
    return list(csv.DictReader(io.StringIO(streamed_text(response))))


def geojson(response) -> dict:
    return json.loads(streamed_text(response))


def make_public(basename: str, count: int) -> list[int]:
    """``count`` public records of the resource (with what their rows show); all their ids."""
    if basename == "incident":
        parent = factories.IncidentFactory()
        incidents = factories.IncidentFactory.create_batch(count, parent=parent)
        for incident in incidents:
            factories.InvolvementFactory.create_batch(2, incident=incident)
        return [incident.id for incident in incidents] + [parent.id]
    if basename == "actor":
        parent = factories.ActorFactory()
        involvements = factories.InvolvementFactory.create_batch(count, actor__parent=parent)
        return [involvement.actor_id for involvement in involvements] + [parent.id]
    if basename == "source":
        involvements = factories.InvolvementFactory.create_batch(count)
        return [involvement.quote.source_id for involvement in involvements]
    if basename == "quote":
        involvements = factories.InvolvementFactory.create_batch(count)
        return [involvement.quote_id for involvement in involvements]
    if basename == "statement":
        incidents = factories.IncidentFactory.create_batch(2)
        statements = factories.StatementFactory.create_batch(count, incidents=incidents)
        return [statement.id for statement in statements]
    if basename == "casualty-report":
        reports = factories.CasualtyReportFactory.create_batch(count)
        return [report.id for report in reports]
    raise ValueError(basename)
