"""Run by tests/test_replicas.py in a process whose settings have a replica database.

The "replica" here is a second, separate database that nothing copies into, so every read
shows which database it came from.
"""

import json

import pytest
from django.conf import settings
from django.db import router
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from config.db_router import PublicRead, public_read
from incidents.models import Change, Incident
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


def test_the_change_feed_reads_and_writes_on_the_primary():
    factories.IncidentFactory(title="On the primary")
    results = APIClient().get("/api/changes").json()["results"]
    assert {"resource": "incidents", "action": "created"}.items() <= results[0].items()


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
