"""`GET /api/snapshot` (issue 16, item 3): every public record as its detail endpoint gives it,
nothing else, with the change-feed position a mirror follows from.

The snapshot renders records on a path of its own (incidents/snapshot.py), for speed; these
tests hold it to the serializers: every record of a varied ledger is compared, whole, with the
answer of `GET /api/<resource>/<id>`, and each way of hiding a record (tests/api/test_no_leaks.py)
must take it out of the snapshot too.
"""

import gzip
import json
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.api.version import API_VERSION
from incidents import services, snapshot
from incidents.changes import build_feed
from incidents.choices import AttributionGrade, CivilianHarmGrade, Role, StatementKind
from incidents.models import Change, Incident
from incidents.roles import REVIEWERS
from tests import factories
from tests.admin.helpers import make_user
from tests.api.test_no_leaks import CASES, _leaks, build_ledger
from tests.interop.conftest import ACLED_SAMPLE

pytestmark = pytest.mark.django_db

URL = "/api/snapshot"
# The list of each resource, for the ids the public can list.
LISTS = {
    "actors": "/api/actors",
    "sources": "/api/sources",
    "quotes": "/api/quotes",
    "statements": "/api/statements",
    "casualty-reports": "/api/casualty-reports",
    "incidents": "/api/incidents",
}


RESOURCE_OF = {
    "actor": "actors",
    "source": "sources",
    "quote": "quotes",
    "statement": "statements",
    "casualty-report": "casualty-reports",
    "incident": "incidents",
}


def read_snapshot(client, **headers) -> tuple[dict, dict[str, list[dict]], dict]:
    """The header, the records by resource in stream order, and the end line."""
    response = client.get(URL, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/x-ndjson"
    body = b"".join(response.streaming_content)
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    header, *lines, end = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    records: dict[str, list[dict]] = {resource: [] for resource in snapshot.RESOURCES}
    kinds = []
    for line in lines:
        records[line["kind"]].append(line["record"])
        if not kinds or kinds[-1] != line["kind"]:
            kinds.append(line["kind"])
    assert kinds == [r for r in snapshot.RESOURCES if records[r]]  # one run each, in order
    return header, records, end


def public_ids(client, resource: str) -> list[int]:
    found, url = [], LISTS[resource] + "?limit=500"
    while url:
        page = client.get(url).json()
        found += [row["id"] for row in page["results"]]
        url = page["next"]
    return sorted(found)


def assert_snapshot_is_the_public_api(client) -> tuple[dict, dict[str, list[dict]]]:
    header, records, end = read_snapshot(client)
    assert end == {"kind": "end", "counts": {r: len(records[r]) for r in snapshot.RESOURCES}}
    for resource, shown in records.items():
        ids = [record["id"] for record in shown]
        assert ids == sorted(ids), resource
        assert ids == public_ids(client, resource), resource
        for record in shown:
            detail = client.get(f"/api/{resource}/{record['id']}")
            assert detail.status_code == 200, (resource, record["id"])
            assert record == detail.json(), (resource, record["id"])
    return header, records


def varied_ledger(reviewer):
    """The seed, an ACLED import, the no-leaks ledger, and records of each awkward kind."""
    call_command("load_seed", stdout=StringIO())
    call_command(
        "import_events",
        "acled",
        ACLED_SAMPLE,
        "--status",
        "published",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    marked, handles = build_ledger()
    # Two belligerents of separate trees blamed for one strike, graded contested; a
    # confirmation by one of them; a denial of an involvement of another published incident,
    # and one of an involvement of a draft.
    east, west = factories.ActorFactory(name="East"), factories.ActorFactory(name="West")
    east_unit = factories.ActorFactory(name="East unit", parent=east)
    contested = factories.IncidentFactory(title="Contested strike")
    blamed = [
        factories.InvolvementFactory(incident=contested, actor=actor, role=Role.ALLEGED_PERPETRATOR)
        for actor in (east_unit, west, east)
    ]
    services.incident_grade(
        incident=contested,
        user=reviewer,
        civilian_harm=CivilianHarmGrade.CONTESTED,
        attribution=AttributionGrade.CONTESTED,
        reason="Both sides blamed.",
    )
    factories.StatementFactory(
        speaker=east_unit, kind=StatementKind.CONFIRMATION, incidents=[contested]
    )
    other = factories.IncidentFactory(title="Other strike")
    other_claim = factories.InvolvementFactory(incident=other, actor=west)
    draft = factories.IncidentFactory(draft=True, title="Unreviewed strike")
    draft_claim = factories.InvolvementFactory(incident=draft, actor=west)
    factories.StatementFactory(
        speaker=west, incidents=[contested, other], denies=other_claim, said_on=None
    )
    factories.StatementFactory(speaker=west, incidents=[contested, draft], denies=draft_claim)
    factories.StatementFactory(speaker=west, incidents=[contested, draft], denies=blamed[1])
    # Deleted claims of a public incident, a retracted incident with claims, and a duplicate
    # merged into another.
    factories.InvolvementFactory(incident=other, actor=east).delete()
    factories.CasualtyReportFactory(incident=other).delete()
    factories.StatementFactory(speaker=east, incidents=[other]).delete()
    factories.CasualtyReportFactory(incident=factories.IncidentFactory(retracted=True))
    duplicate = factories.IncidentFactory(title="Duplicate strike")
    factories.InvolvementFactory(incident=duplicate, actor=east)
    factories.CasualtyReportFactory(incident=duplicate, reported_by=west)
    services.incident_merge(keep=other, duplicate=duplicate, user=reviewer)
    return marked, handles


@pytest.fixture
def reviewer(db):
    return make_user("rhea", REVIEWERS)


def test_every_record_of_the_snapshot_is_its_public_detail(api_client, reviewer, monkeypatch):
    varied_ledger(reviewer)
    build_feed()
    # Batches of three, so that every resource is read in several.
    monkeypatch.setattr(snapshot, "BATCH", 3)
    header, records = assert_snapshot_is_the_public_api(api_client)
    assert header["kind"] == "snapshot"
    assert header["api_version"] == API_VERSION
    assert header["position"] == Change.objects.order_by("-id").values_list("id", flat=True)[0]
    assert header["generated_at"].endswith("Z")
    assert all(len(records[resource]) > 3 for resource in snapshot.RESOURCES)
    incidents = {record["title"]: record for record in records["incidents"]}
    assert [a["name"] for a in incidents["Contested strike"]["contested_between"]] == [
        "East unit",
        "West",
    ]
    assert incidents["Contested strike"]["suggested_grade"]["accepted_by_perpetrator"]
    assert any(record["dataset_records"] for record in records["incidents"])
    assert "Duplicate strike" not in incidents
    assert "Unreviewed strike" not in incidents


@pytest.mark.parametrize("case", CASES)
def test_a_hidden_record_is_not_in_the_snapshot(api_client, case):
    marked, handles = build_ledger()
    hide, groups = CASES[case]
    hide(handles)
    hidden = [record for group in ["draft", *groups] for record in marked[group]]
    _, records = assert_snapshot_is_the_public_api(api_client)
    for mark in hidden:
        resource = RESOURCE_OF.get(mark.basename)
        if resource is not None:
            assert mark.pk not in [record["id"] for record in records[resource]], (case, mark)
        if mark.pk < 9_000_000 and mark.token is None:
            continue  # a small id may be another resource's too: only its own list tells
        for resource, shown in records.items():
            for record in shown:
                assert not _leaks(record, mark), (case, resource, record["id"], mark)


def test_gzip_is_the_same_stream_compressed(api_client, reviewer):
    varied_ledger(reviewer)
    plain = read_snapshot(api_client)
    compressed = read_snapshot(api_client, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert compressed[1:] == plain[1:]
    response = api_client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_a_mirror_of_the_snapshot_follows_the_feed_from_its_position(api_client, reviewer):
    marked, handles = varied_ledger(reviewer)
    build_feed()
    header, records = read_snapshot(api_client)[:2]
    mirror = {(r, record["id"]): record for r, shown in records.items() for record in shown}

    draft = Incident.objects.get(title="Unreviewed strike")
    Incident.objects.filter(pk=draft.pk).update(status="published")
    services.incident_retract(incident=Incident.objects.get(title="Other strike"), user=reviewer)
    handles["naming_claim"].delete()
    unit = handles["unit"]
    unit.name = "Air unit renamed"
    unit.save()
    build_feed()

    url = f"/api/changes?after={header['position']}"
    while url:
        page = api_client.get(url).json()
        for entry in page["results"]:
            key = (entry["resource"], entry["id"])
            response = api_client.get(f"/api/{entry['resource']}/{entry['id']}")
            if entry["action"] in ("created", "updated") and response.status_code == 200:
                mirror[key] = response.json()
            else:
                mirror.pop(key, None)
        url = page["next"]
    _, now = read_snapshot(api_client)[:2]
    expected = {(r, record["id"]): record for r, shown in now.items() for record in shown}
    assert mirror.keys() == expected.keys()
    for key, record in expected.items():
        assert mirror[key] == record, (key, [k for k in record if record[k] != mirror[key][k]])


@pytest.mark.django_db(transaction=True)
def test_the_snapshot_is_read_in_one_transaction(api_client):
    factories.InvolvementFactory()
    build_feed()
    response = api_client.get(URL)
    stream = iter(response.streaming_content)
    header = json.loads(next(stream))

    def publish_another():
        try:
            factories.InvolvementFactory(incident__title="Published meanwhile")
            build_feed()
        finally:
            connection.close()

    writer = threading.Thread(target=publish_another)
    writer.start()
    writer.join()
    rest = b"".join(stream).decode("utf-8").splitlines()
    assert not [line for line in rest if "Published meanwhile" in line]
    assert json.loads(rest[-1])["counts"]["incidents"] == 1
    later = read_snapshot(api_client)
    assert later[2]["counts"]["incidents"] == 2
    assert later[0]["position"] > header["position"]


def test_a_query_parameter_is_a_400_naming_it(api_client, db):
    response = api_client.get(URL, {"format": "json"})
    assert response.status_code == 400
    assert json.loads(response.content)["errors"][0]["attr"] == "format"


def test_an_editor_gets_the_public_snapshot(api_client, reviewer):
    factories.IncidentFactory(draft=True, title="Draft only editors see")
    factories.IncidentFactory(title="Public strike")
    api_client.force_authenticate(reviewer)
    _, records, _ = read_snapshot(api_client)
    assert [record["title"] for record in records["incidents"]] == ["Public strike"]


def test_the_queries_do_not_grow_with_the_records(api_client, db):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            read_snapshot(api_client)
        return len(captured.captured_queries)

    factories.StatementFactory(incidents=[factories.InvolvementFactory().incident])
    few = queries()
    assert few > 5  # the snapshot's statements are seen (one per resource at least)
    for _ in range(5):
        factories.StatementFactory(incidents=[factories.InvolvementFactory().incident])
    assert queries() == few
