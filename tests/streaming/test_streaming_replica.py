"""A real streaming replica under the service: writes and editors' work on the primary, public
reads on the replica, and a replica that dies, comes back, or falls behind never breaks a
public read."""

import contextlib
import time
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.signals import request_started
from django.db import close_old_connections, connections, reset_queries
from knox.models import AuthToken
from rest_framework.test import APIClient

from config.replicas import replica_health
from incidents.changes import build_all
from incidents.models import Incident
from incidents.roles import EDITORS, REVIEWERS
from tests import factories
from tests.curation.conftest import publish

REPLICA = "replica_0"
ACLED_SAMPLE = Path(__file__).parents[1] / "interop" / "data" / "acled_sample.csv"
WAIT_SECONDS = 30


class ServerClient(APIClient):
    """A client whose requests end as a server's do: Django's test client keeps a request's
    database connections open for the next, a server hands them back to their pool."""

    def request(self, **request):
        try:
            return super().request(**request)
        finally:
            close_old_connections()


def _client(user=None, client_class=APIClient) -> APIClient:
    # As a server answers: an error the service handles is its response, not raised here.
    client = client_class(raise_request_exception=False)
    if user is not None:
        _, token = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _until(condition, what: str):
    """Poll ``condition`` until it returns something true; fail after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.2)
    pytest.fail(f"not within {WAIT_SECONDS} s: {what}")


def _replica_sql(cluster, statement: str):
    with psycopg.connect(cluster.url("replica"), autocommit=True) as conn:
        return conn.execute(statement).fetchone()


def _published(**fields) -> Incident:
    incident = factories.IncidentFactory(status="published", **fields)
    factories.InvolvementFactory(incident=incident)
    return incident


def _reads(client: APIClient, incident: Incident, times: int) -> tuple[list[int], int]:
    """Status codes of ``times`` public list and detail reads, and how many queries the
    replica answered meanwhile."""
    statuses = []
    with _queries_on(REPLICA) as on_replica:
        for _ in range(times):
            statuses.append(client.get("/api/incidents").status_code)
            statuses.append(client.get(f"/api/incidents/{incident.pk}").status_code)
    return statuses, on_replica[0]


@contextlib.contextmanager
def _queries_on(alias: str):
    """Count the queries sent to ``alias``, as CaptureQueriesContext does but without
    connecting first: the replica may be down."""
    connection = connections[alias]
    connection.force_debug_cursor = True
    request_started.disconnect(reset_queries)
    before = len(connection.queries_log)
    counted = []
    try:
        yield counted
    finally:
        counted.append(len(connection.queries_log) - before)
        connection.force_debug_cursor = False
        request_started.connect(reset_queries)


def _ready(client: APIClient) -> tuple[int, dict]:
    response = client.get("/ready")
    return response.status_code, response.json()


def test_commands_read_their_own_writes(db):
    # load_seed's actors name parents it has just created, which the replica may not have
    # replayed yet; import_events finds the actors and sources it has just made.
    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "Seed loaded." in out.getvalue()
    call_command("import_events", "acled", str(ACLED_SAMPLE), "--status", "published", stdout=out)
    assert "5 created" in out.getvalue()
    call_command("import_events", "acled", str(ACLED_SAMPLE), stdout=out)
    assert "5 unchanged" in out.getvalue()


def test_the_editorial_workflow_runs_on_the_primary(make_user):
    suffix = uuid.uuid4().hex[:8]
    editor = _client(make_user(f"editor-{suffix}", EDITORS))
    reviewer = _client(make_user(f"reviewer-{suffix}", REVIEWERS))
    source = editor.post(
        "/api/sources",
        {"kind": "news_article", "title": "Report", "body": "Witnesses said the strike hit."},
        format="json",
    )
    assert source.status_code == 201, source.json()
    quote = editor.post(
        "/api/quotes", {"source": source.json()["id"], "text": "the strike hit"}, format="json"
    )
    assert quote.status_code == 201, quote.json()
    created = editor.post(
        "/api/incidents",
        {
            "title": "Replicated strike",
            "slug": f"replicated-strike-{suffix}",
            "type": "explosions_remote_violence",
            "sub_type": "air_drone_strike",
            "start_date": "2015-10-02",
            "country": "SY",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    actor = factories.ActorFactory()
    involvement = editor.post(
        "/api/involvements",
        {"incident": pk, "actor": actor.pk, "role": "target", "quote": quote.json()["id"]},
        format="json",
    )
    assert involvement.status_code == 201, involvement.json()
    for fact in ("date", "place"):  # what the incident's own facts rest on
        cited = editor.post(
            "/api/incident-facts",
            {"incident": pk, "fact": fact, "note": "Inferred from the report's dateline."},
            format="json",
        )
        assert cited.status_code == 201, cited.json()
    submitted = editor.post(f"/api/incidents/{pk}/submit")
    assert submitted.status_code == 200, submitted.json()
    published = publish(reviewer, pk, {"reason": "checked"})
    assert published.status_code == 200, published.json()
    # The public reads it from the replica once it has been replayed there.
    anonymous = _client()
    _until(lambda: anonymous.get(f"/api/incidents/{pk}").status_code == 200, "replicated")
    with _queries_on(REPLICA) as on_replica:
        assert anonymous.get(f"/api/incidents/{pk}").json()["title"] == "Replicated strike"
    assert on_replica[0] > 0


@pytest.mark.parametrize("client_class", [APIClient, ServerClient], ids=["kept", "pooled"])
def test_a_replica_that_dies_under_a_request_leaves_the_rotation_and_rejoins(
    cluster, settings, client_class, caplog
):
    # kept: the request's connection to the replica dies under it; pooled: the pool finds
    # its connections dead and cannot open one (within DATABASE_CONNECT_TIMEOUT).
    incident = _published()
    anonymous = _client(client_class=client_class)
    _until(lambda: anonymous.get(f"/api/incidents/{incident.pk}").status_code == 200, "replayed")
    statuses, on_replica = _reads(anonymous, incident, 3)
    assert set(statuses) == {200} and on_replica > 0
    # No periodic check notices the replica stop: a read finds its connection dead and is
    # answered again from the primary. (Only /ready checks, and lets it back in.)
    settings.DATABASE_REPLICA_CHECK_SECONDS = 3600

    cluster.stop("replica")
    try:
        statuses, on_replica = _reads(anonymous, incident, 5)
        assert statuses == [200] * 10
        assert on_replica <= 1  # the first read, which failed there
        assert replica_health.state(REPLICA).status == "down"
        status, ready = _ready(anonymous)
        assert status == 200
        assert ready["status"] == "degraded"
        assert ready["databases"]["default"] == {"status": "ok"}
        assert ready["databases"][REPLICA]["status"] == "down"
    finally:
        cluster.start("replica")

    _until(lambda: _ready(anonymous)[1]["databases"][REPLICA]["status"] == "ok", "rejoined")
    statuses, on_replica = _reads(anonymous, incident, 10)
    assert statuses == [200] * 20
    assert on_replica > 0
    status, ready = _ready(anonymous)
    assert ready["databases"][REPLICA].pop("lag_seconds") < 1
    assert (status, ready) == (
        200,
        {
            "status": "ok",
            "migrations": "applied",
            "databases": {"default": {"status": "ok"}, REPLICA: {"status": "ok"}},
        },
    )
    # What an operator (and deploy/measure) reads in the log: when it left, and came back.
    assert [r.getMessage() for r in caplog.records if r.name == "config.replicas"] == [
        f"replica {REPLICA} out of rotation: down",
        f"replica {REPLICA} back in rotation",
    ]


def test_a_replica_that_falls_behind_leaves_the_rotation_until_it_catches_up(cluster):
    anonymous = _client()
    _ready(anonymous)  # the primary's position before the replica stops replaying
    _replica_sql(cluster, "SELECT pg_wal_replay_pause()")
    try:
        incident = _published()
        # Replayed nowhere but on the primary: found once the replica lags more than
        # DATABASE_REPLICA_MAX_LAG_SECONDS (1 s here) and reads leave it.
        _until(
            lambda: anonymous.get(f"/api/incidents/{incident.pk}").status_code == 200,
            "read from the primary",
        )
        status, ready = _ready(anonymous)
        assert status == 200
        assert ready["databases"][REPLICA]["status"] == "lagging"
        assert ready["databases"][REPLICA]["lag_seconds"] > 1
    finally:
        _replica_sql(cluster, "SELECT pg_wal_replay_resume()")
    _until(lambda: _ready(anonymous)[1]["databases"][REPLICA]["status"] == "ok", "caught up")
    time.sleep(0.5)
    statuses, on_replica = _reads(anonymous, incident, 3)
    assert set(statuses) == {200} and on_replica > 0


def _feed(client: APIClient) -> list[dict]:
    """The whole feed as a public reader gets it, following `next` to the end."""
    entries, url = [], "/api/changes?limit=1000"
    while url:
        page = client.get(url).json()
        entries += page["results"]
        url = page["next"]
    return entries


def _announcing(client: APIClient, start: int, wanted: set) -> tuple[list, dict] | None:
    """The feed's entries after the first ``start`` and the records a mirror fetches for
    them, once they include ``wanted``. Every record announced must be there: a 404 would be
    the feed running ahead of the reads it leads to."""
    entries, fetched = _feed(client)[start:], {}
    for entry in entries:
        if entry["action"] in ("created", "updated"):
            response = client.get(f"/api/{entry['resource']}/{entry['id']}")
            assert response.status_code == 200, (entry, response.status_code)
            fetched[entry["resource"], entry["id"]] = response.json()
    found = {(entry["resource"], entry["id"], entry["action"]) for entry in entries}
    return (entries, fetched) if wanted <= found else None


@pytest.mark.parametrize("replica", ["kept in rotation", "left behind", "idle process"])
def test_the_feed_never_announces_what_the_reads_it_leads_to_would_miss(
    cluster, settings, make_user, replica
):
    # kept in rotation: with a lag limit of an hour the paused replica goes on serving reads;
    # left behind: past the limit (1 s here) reads leave it for the primary; idle process:
    # one that has not checked for a while cannot tell the lag, and lets the replica serve
    # only if it holds the whole feed.
    if replica != "left behind":
        settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 3600
    reviewer = _client(make_user(f"reviewer-{uuid.uuid4().hex[:8]}", REVIEWERS))
    anonymous = _client()
    edited = _published()
    build_all()  # what `manage.py build_feed --follow` does as writes commit
    _until(lambda: _announcing(anonymous, 0, {("incidents", edited.pk, "created")}), "announced")
    start = len(_feed(anonymous))
    _ready(anonymous)  # the primary's position before the replica stops replaying
    _replica_sql(cluster, "SELECT pg_wal_replay_pause()")
    try:
        draft = factories.IncidentFactory(status="in_review", title="Published while paused")
        factories.InvolvementFactory(incident=draft)
        assert publish(reviewer, draft.pk, {"reason": "checked"}).status_code == 200
        url = f"/api/incidents/{edited.pk}"
        etag = reviewer.get(url)["ETag"]
        edit = reviewer.patch(url, {"title": "Edited"}, format="json", HTTP_IF_MATCH=etag)
        assert edit.status_code == 200, edit.json()
        build_all()
        wanted = {("incidents", draft.pk, "created"), ("incidents", edited.pk, "updated")}
        if replica == "idle process":
            time.sleep(settings.DATABASE_REPLICA_CHECK_SECONDS + settings.DATABASE_CONNECT_TIMEOUT)
        if replica == "kept in rotation":
            # The replica that serves the reads holds neither write: the feed waits for it.
            for _ in range(5):
                assert _announcing(anonymous, start, set()) == ([], {})
                time.sleep(0.3)
            assert replica_health.state(REPLICA).status == "ok"
        else:
            # Reads left the replica: the feed announces what the primary holds.
            _, fetched = _until(lambda: _announcing(anonymous, start, wanted), "announced")
            assert fetched["incidents", edited.pk]["title"] == "Edited"
            assert replica_health.state(REPLICA).status == "lagging"
    finally:
        _replica_sql(cluster, "SELECT pg_wal_replay_resume()")
    _, fetched = _until(lambda: _announcing(anonymous, start, wanted), "announced")
    assert fetched["incidents", edited.pk]["title"] == "Edited"
    assert fetched["incidents", draft.pk]["title"] == "Published while paused"
