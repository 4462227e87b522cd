"""Run by tests/test_replicas.py in a process whose settings have a replica database.

The "replica" here is a second, separate database that nothing copies into, so every read
shows which database it came from.
"""

import json
import re

import pytest
from django.conf import settings
from django.db import connections, router
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from config.db_router import PublicRead, public_read
from config.replicas import replica_health
from incidents.changes import build_all
from incidents.models import Actor, ApiClient, Change, Incident
from tests import factories

pytestmark = [
    pytest.mark.skipif(not settings.DATABASE_REPLICAS, reason="needs DATABASE_REPLICA_URLS"),
    pytest.mark.django_db(databases=["default", "replica_0"]),
]


def _titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def test_public_reads_go_to_the_replica():
    factories.IncidentFactory(title="On the primary")
    factories.IncidentFactory.build(title="On the replica").save(using="replica_0")
    assert _titles(APIClient().get("/api/incidents")) == ["On the replica"]


def test_public_reads_stay_on_the_replica_while_the_rate_limits_count_on_the_primary(settings):
    # Without Redis, the rate limits count in the database cache: a write on every request,
    # which must neither send the request's reads to the primary nor read a stale count.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ledger_cache",
        }
    }
    settings.API_RATES = {"anon": "2/min", "user": "2/min"}
    factories.IncidentFactory.build(title="On the replica").save(using="replica_0")
    client = APIClient()
    assert _titles(client.get("/api/incidents")) == ["On the replica"]
    assert _titles(client.get("/api/incidents")) == ["On the replica"]
    assert client.get("/api/incidents").status_code == 429


def test_the_actor_page_reads_the_replica():
    # One raw statement (incidents/api/listing.py): on the database the router chose, not
    # Django's default connection.
    factories.InvolvementFactory(actor__slug="on-both")
    factories.ActorFactory.build(pk=10**6, slug="on-both").save(using="replica_0")
    with CaptureQueriesContext(connections["default"]) as on_primary:
        response = APIClient().get("/api/incidents?actor=on-both")
    assert [query["sql"] for query in on_primary] == []
    assert response.status_code == 400  # no public claim names it on the replica


def test_actor_lookups_read_where_a_public_read_goes():
    factories.ActorFactory(slug="on-both", parent=None)
    factories.ActorFactory.build(pk=10**6, slug="on-both").save(using="replica_0")
    token = public_read.set(PublicRead())
    try:
        assert Actor.objects.resolve_ids("on-both") == [10**6]
    finally:
        public_read.reset(token)
    assert Actor.objects.resolve_ids("on-both") != [10**6]  # outside a request: the primary


def test_editors_reads_and_writes_go_to_the_primary(make_user):
    factories.IncidentFactory(title="On the primary", status="draft")
    factories.IncidentFactory.build(title="On the replica").save(using="replica_0")
    _, token = AuthToken.objects.create(user=make_user("ed", "Editors"))
    editor = APIClient()
    editor.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert _titles(editor.get("/api/incidents")) == ["On the primary"]
    created = editor.post(
        "/api/actors", {"name": "Written", "slug": "written", "kind": "ngo"}, format="json"
    )
    assert created.status_code == 201
    assert Incident.objects.using("replica_0").count() == 1


def test_a_services_reads_go_to_the_replica_and_its_token_is_checked_on_the_primary():
    # The token exists on the primary only: found there, noted as used there (a write that
    # must not send the request's reads to the primary), and the data read from the replica.
    client = ApiClient(name="maps-prod")
    token = client.new_token()
    client.save()
    factories.IncidentFactory(title="On the primary")
    factories.IncidentFactory.build(title="On the replica").save(using="replica_0")
    service = APIClient()
    service.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert _titles(service.get("/api/incidents")) == ["On the replica"]
    assert ApiClient.objects.get().last_used_at is not None
    assert service.post("/api/actors", {"name": "W", "kind": "ngo"}).status_code == 403


def _feed(client: APIClient) -> list[int]:
    return [entry["id"] for entry in client.get("/api/changes").json()["results"]]


@pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])
def test_the_change_feed_is_read_on_the_replica_up_to_what_it_held_when_checked():
    factories.IncidentFactory(title="On the primary")
    build_all()  # entries on the primary, which nothing copies here
    on_replica = Change.objects.using("replica_0")
    on_replica.create(resource="incidents", object_id=7, action="created", at=timezone.now())
    replica_health.reset()
    anonymous = APIClient()
    with CaptureQueriesContext(connections["replica_0"]) as queries:
        assert _feed(anonymous) == [7]
    # Only reads (the feed's page is one statement, WITH ... SELECT, rendered by PostgreSQL).
    assert queries and all(_reads_only(query["sql"]) for query in queries)
    # Entered after the check: announced once a check finds every replica holds it.
    on_replica.create(resource="incidents", object_id=8, action="created", at=timezone.now())
    assert _feed(anonymous) == [7]
    replica_health.check()
    assert _feed(anonymous) == [7, 8]


def test_reads_outside_a_request_go_to_the_primary():
    # Management commands, shells and workers read what they have just written.
    factories.IncidentFactory(title="On the primary")
    factories.IncidentFactory.build(title="On the replica").save(using="replica_0")
    assert list(Incident.objects.values_list("title", flat=True)) == ["On the primary"]


def test_a_public_request_reads_the_primary_after_it_writes():
    read = PublicRead()
    token = public_read.set(read)
    try:
        assert router.db_for_read(Incident) == "replica_0"
        assert router.db_for_write(Incident) == "default"
        assert router.db_for_read(Incident) == "default"
    finally:
        public_read.reset(token)


def test_the_snapshot_reads_its_records_and_its_position_on_the_replica():
    factories.IncidentFactory(title="On the primary")
    factories.IncidentFactory.build(title="On the replica").save(using="replica_0")
    on_replica = Change.objects.using("replica_0").create(
        resource="incidents", object_id=1, action="created", at=timezone.now()
    )
    response = APIClient().get("/api/snapshot")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert lines[0]["position"] == on_replica.pk
    titles = [line["record"]["title"] for line in lines if line["kind"] == "incidents"]
    assert titles == ["On the replica"]


def _reads_only(sql: str) -> bool:
    return sql.lstrip().startswith(("SELECT", "WITH")) and not re.search(
        r"\b(INSERT|UPDATE|DELETE|MERGE)\b", sql, re.IGNORECASE
    )
