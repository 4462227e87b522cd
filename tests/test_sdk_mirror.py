"""The SDK's Mirror end to end: it starts from GET /api/snapshot, the server's curators then
edit, publish, retract, delete and merge incidents and add a claim, the mirror syncs from
/api/changes, and every public record of every feed resource, as the API's detail gives it,
is in the mirror exactly, and nothing else is. In SQLite and in PostgreSQL."""

import json
import sqlite3

import httpx
import psycopg
import pytest
from django.db import connection
from incident_ledger_sdk import Mirror, MirrorError, connect
from incident_ledger_sdk.mirror import RESOURCES
from knox.models import AuthToken
from rest_framework.test import APIClient

from incidents.changes import build_feed
from incidents.roles import REVIEWERS, sync_groups
from incidents.seed.loader import load_seed
from tests import factories

pytestmark = pytest.mark.sdk


@pytest.fixture
def reviewer(django_user_model) -> APIClient:
    sync_groups()
    user = django_user_model.objects.create_user(username="reviewer")
    user.groups.add(django_user_model.groups.rel.model.objects.get(name=REVIEWERS))
    _, token = AuthToken.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A DB-API connection for the mirror: an SQLite file, or the test database (tables of
    their own, dropped after)."""
    if request.param == "sqlite":
        db = sqlite3.connect(tmp_path / "mirror.sqlite3")
        yield db
        db.close()
        return
    db = psycopg.connect(**connection.get_connection_params())
    yield db
    db.rollback()
    db.execute("DROP TABLE IF EXISTS sdk_mirror_records, sdk_mirror_state")
    db.commit()
    db.close()


def _api_records(client, resource: str) -> dict[int, dict]:
    """Every public record of ``resource`` as its detail endpoint gives it, found by listing."""
    http = client.get_httpx_client()
    ids, url = [], f"/api/{resource}/?limit=500"
    while url:
        page = http.get(url)
        assert page.status_code == 200, page.text
        ids += [item["id"] for item in page.json()["results"]]
        url = page.json()["next"]
    details = {}
    for id in ids:
        detail = http.get(f"/api/{resource}/{id}/")
        assert detail.status_code == 200, detail.text
        details[id] = detail.json()
    return details


def _assert_exact(mirror: Mirror, client) -> None:
    for resource in RESOURCES:
        assert mirror.records(resource) == _api_records(client, resource), resource


@pytest.mark.django_db(transaction=True)
def test_a_mirror_stays_exact_through_every_kind_of_change(live_server, reviewer, database):
    load_seed()
    edited, retracted, deleted, merged = factories.IncidentFactory.create_batch(4)
    for incident in (edited, retracted, deleted, merged):
        factories.InvolvementFactory(incident=incident)
    new = factories.IncidentFactory(in_review=True)
    factories.InvolvementFactory(incident=new)
    claim = factories.InvolvementFactory(incident=factories.IncidentFactory(draft=True))
    build_feed()
    client = connect(live_server.url, sleep=lambda _: None)
    mirror = Mirror(client, database, prefix="sdk_mirror_")

    counts = mirror.start()

    assert counts["incidents"] >= 5 and counts["quotes"] > 0
    _assert_exact(mirror, client)

    # (method, path, body, the record whose version If-Match names)
    writes = [
        ("patch", f"/api/incidents/{edited.pk}", {"title": "Renamed"}, edited),
        ("post", f"/api/incidents/{new.pk}/publish", {}, new),
        ("post", f"/api/incidents/{retracted.pk}/retract", {"reason": "withdrawn"}, None),
        ("delete", f"/api/incidents/{deleted.pk}", None, deleted),
        ("post", f"/api/incidents/{merged.pk}/merge", {"into": edited.pk}, merged),
        # A new claim on a published incident, resting on a quote no public record cited.
        (
            "post",
            "/api/involvements",
            {"incident": edited.pk, "actor": claim.actor_id, "role": "victim"}
            | {"quote": claim.quote_id},
            None,
        ),
    ]
    for method, path, body, version_of in writes:
        headers = {}
        if version_of is not None:
            headers["HTTP_IF_MATCH"] = reviewer.get(f"/api/incidents/{version_of.pk}")["ETag"]
        answer = getattr(reviewer, method)(path, body, format="json", **headers)
        assert answer.status_code in (200, 201, 204), (path, answer.content)
    build_feed()

    applied = mirror.sync()

    assert applied >= 6
    _assert_exact(mirror, client)
    assert mirror.get("incidents", edited.pk)["title"] == "Renamed"
    assert mirror.get("incidents", new.pk) is not None
    assert all(mirror.get("incidents", i.pk) is None for i in (retracted, deleted, merged))
    assert mirror.get("quotes", claim.quote_id) is not None
    # Nothing new: nothing applied, and entries already applied are not applied again.
    assert mirror.sync() == 0


HEAD = {"kind": "snapshot", "api_version": "1.0.0", "position": 41, "generated_at": "..."}
ACTOR = {"kind": "actors", "record": {"id": 7, "name": "Russia"}}
END = {"kind": "end", "counts": {"actors": 1, "incidents": 0}}


def _serving(*snapshots: list[dict]) -> Mirror:
    """A mirror in memory whose server answers each GET /api/snapshot with the next lines."""
    bodies = ["".join(json.dumps(line) + "\n" for line in lines) for lines in snapshots]
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text=bodies.pop(0)))
    return Mirror(connect("http://ledger.test", transport=transport), sqlite3.connect(":memory:"))


def test_a_snapshot_cut_short_is_refused_and_the_copy_kept():
    mirror = _serving([HEAD, ACTOR, END], [HEAD, {**ACTOR, "record": {"id": 8}}])

    assert mirror.start() == {"actors": 1}
    with pytest.raises(MirrorError, match="cut short"):
        mirror.start()

    assert mirror.records("actors") == {7: {"id": 7, "name": "Russia"}}
    # The feed is to be followed from after the snapshot's position.
    assert mirror.state()["position"] == "41"


def test_a_snapshot_whose_lines_disagree_with_its_counts_is_refused():
    mirror = _serving([HEAD, ACTOR, ACTOR | {"record": {"id": 8}}, END])
    with pytest.raises(MirrorError, match="counts"):
        mirror.start()
    assert mirror.records("actors") == {}


def test_a_mirror_refuses_a_sync_before_it_started():
    mirror = _serving()
    with pytest.raises(MirrorError, match="start"):
        mirror.sync()
