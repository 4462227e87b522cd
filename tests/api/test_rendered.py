"""Stored renderings (incidents/rendered.py): the fast path's bytes are the general path's.

A random walk of curated writes (every resource, publish, retract, delete, merge, accepted
revisions, actors renamed and moved, sources retitled, claims added and removed) over a varied
ledger; after the feed's worker has run, every public incident's stored detail, ETag and list
row are what the general path makes, the fast path serves them, and nothing else is stored. A
write that hides an incident or changes its claims withdraws its rendering in its own
transaction, before any worker runs.
"""

import csv
import io
import json
import random
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from incidents import rendered, services, snapshot
from incidents.api.views import IncidentViewSet
from incidents.changes import STORED, build_all, render_missing
from incidents.choices import (
    AttributionGrade,
    CivilianHarmGrade,
    IncidentStatus,
    RevisionOperation,
    Role,
)
from incidents.models import (
    Actor,
    Change,
    Incident,
    Involvement,
    RenderedIncident,
    RenderedRecord,
    Statement,
)
from incidents.review import revision_accept, write_through_review
from incidents.roles import EDITORS, REVIEWERS
from incidents.snapshot import MODELS
from sources.models import Source
from tests import factories
from tests.admin.helpers import make_user
from tests.api.test_snapshot import assert_snapshot_is_the_public_api, read_snapshot, varied_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    return make_user("rhea", REVIEWERS)


def general_details(client) -> dict[int, tuple[bytes, str]]:
    """Every public incident's detail and ETag as the general path answers, rows aside."""
    stored = list(RenderedIncident.objects.all())
    RenderedIncident.objects.all().delete()
    try:
        found = {}
        for pk in Incident.objects.public().values_list("pk", flat=True):
            response = client.get(f"/api/incidents/{pk}")
            assert response.status_code == 200
            found[pk] = (response.content, response["ETag"])
        return found
    finally:
        RenderedIncident.objects.bulk_create(stored)


def general_rows(client) -> dict[int, str]:
    rows, url = {}, "/api/incidents?limit=500"
    while url:
        page = client.get(url).json()
        for row in page["results"]:
            rows[row["id"]] = JSONRenderer().render(row).decode()
        url = page["next"]
    return rows


def general_csv(client) -> dict[int, list[str]]:
    """Every public incident's CSV cells as the general path (serializers) exports them."""
    with mock.patch.object(IncidentViewSet, "export_keys", lambda self, incidents: None):
        response = client.get("/api/incidents?format=csv")
    text = b"".join(response.streaming_content).decode()
    _, *rows = csv.reader(io.StringIO(text, newline=""))
    return {int(cells[0]): cells for cells in rows}


def assert_renderings_are_the_general_path(client) -> None:
    public = set(Incident.objects.public().values_list("pk", flat=True))
    stored = {row.pk: row for row in RenderedIncident.objects.all()}
    assert set(stored) == public
    details, rows, lines = general_details(client), general_rows(client), general_csv(client)
    for pk, row in stored.items():
        assert (row.detail.encode(), row.etag) == details[pk], pk
        assert row.item == rows[pk], pk
        assert row.csv.endswith("\r\n")
        assert next(csv.reader(io.StringIO(row.csv, newline=""))) == lines[pk], pk
        # The fast path serves them, with the general path's headers.
        fast = client.get(f"/api/incidents/{pk}")
        assert fast.content == details[pk][0] and fast["ETag"] == details[pk][1]


def assert_records_are_their_details(client) -> None:
    """Every public actor, source, quote, statement and casualty report has a row, which is
    its detail endpoint's JSON; nothing else has one."""
    for resource in STORED:
        public = set(MODELS[resource].objects.public().values_list("pk", flat=True))
        stored = dict(
            RenderedRecord.objects.filter(resource=resource).values_list("object_id", "body")
        )
        assert set(stored) == public, resource
        for pk, body in stored.items():
            response = client.get(f"/api/{resource}/{pk}")
            assert response.status_code == 200, (resource, pk)
            assert json.loads(body) == response.json(), (resource, pk)


def test_the_seed_and_awkward_records_render_as_the_general_path(api_client, reviewer):
    varied_ledger(reviewer)
    build_all()
    assert RenderedIncident.objects.count() > 10
    assert_renderings_are_the_general_path(api_client)
    assert_records_are_their_details(api_client)


def propose_title(incident, editor, title):
    """An editor's retitling of a public incident, which waits for a reviewer."""

    def write():
        incident.title = title
        incident.save()
        return incident

    return write_through_review(
        model=Incident,
        instance=Incident.objects.get(pk=incident.pk),
        operation=RevisionOperation.UPDATE,
        write=write,
        user=editor,
    )


class Walk:
    """Random curated writes over the ledger, each one of the ways the service writes."""

    def __init__(self, seed: int, reviewer, editor):
        self.random = random.Random(seed)
        self.reviewer, self.editor = reviewer, editor
        self.done: list[str] = []

    def pick(self, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        return queryset.model._base_manager.get(pk=self.random.choice(ids)) if ids else None

    def step(self) -> None:
        name = self.random.choice(
            [
                "retitle",
                "publish",
                "retract",
                "delete",
                "merge",
                "add_involvement",
                "remove_involvement",
                "add_report",
                "add_statement",
                "remove_statement",
                "rename_actor",
                "move_actor",
                "retitle_source",
                "accepted_revision",
            ]
        )
        getattr(self, name)()
        self.done.append(name)

    def published(self):
        return self.pick(Incident.objects.public())

    def retitle(self):
        if incident := self.published():
            incident.title = f"Retitled {self.random.randrange(10**6)}"
            incident.save()

    def publish(self):
        incident = factories.IncidentFactory(in_review=True)
        factories.InvolvementFactory(incident=incident, actor=self.pick(Actor.objects.all()))
        services.incident_publish(incident=incident, user=self.reviewer)

    def retract(self):
        if incident := self.published():
            services.incident_retract(incident=incident, user=self.reviewer, reason="withdrawn")

    def delete(self):
        if incident := self.published():
            incident.delete()

    def merge(self):
        keep, duplicate = self.published(), self.published()
        if keep and duplicate and keep != duplicate:
            services.incident_merge(keep=keep, duplicate=duplicate, user=self.reviewer)

    def add_involvement(self):
        if incident := self.published():
            factories.InvolvementFactory(
                incident=incident,
                actor=self.pick(Actor.objects.all()),
                role=self.random.choice([Role.ALLEGED_PERPETRATOR, Role.VICTIM]),
            )

    def remove_involvement(self):
        if claim := self.pick(Involvement.objects.filter(incident__status="published")):
            claim.delete()

    def add_report(self):
        if incident := self.published():
            factories.CasualtyReportFactory(incident=incident)

    def add_statement(self):
        incidents = [self.published() for _ in range(2)]
        if all(incidents):
            factories.StatementFactory(speaker=self.pick(Actor.objects.all()), incidents=incidents)

    def remove_statement(self):
        if statement := self.pick(Statement.objects.all()):
            statement.delete()

    def rename_actor(self):
        actor = self.pick(Actor.objects.all())
        actor.name = f"Renamed {self.random.randrange(10**6)}"
        actor.save()

    def move_actor(self):
        actor, parent = self.pick(Actor.objects.all()), self.pick(Actor.objects.all())
        ancestors, up = set(), parent
        while up is not None:
            ancestors.add(up.pk)
            up = up.parent
        if actor.pk not in ancestors:
            Actor.objects.filter(pk=actor.pk).update(parent=parent)

    def retitle_source(self):
        Source.objects.filter(pk=self.pick(Source.objects.all()).pk).update(
            title=f"Source {self.random.randrange(10**6)}"
        )

    def accepted_revision(self):
        if incident := self.published():
            held = propose_title(incident, self.editor, f"Revised {self.random.randrange(10**6)}")
            revision_accept(revision=held, user=self.reviewer)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_curated_writes_every_rendering_is_the_general_path(
    api_client, reviewer, seed
):
    varied_ledger(reviewer)
    build_all()
    walk = Walk(seed, reviewer, make_user("ed", EDITORS))
    for number in range(40):
        walk.step()
        if walk.random.random() < 0.3:
            build_all()
        if number % 10 == 9:
            # Between builds, what is stored is never of an incident the public may not see.
            public = set(Incident.objects.public().values_list("pk", flat=True))
            assert set(RenderedIncident.objects.values_list("pk", flat=True)) <= public
    build_all()
    assert len(set(walk.done)) > 8, walk.done
    assert_renderings_are_the_general_path(api_client)
    assert_records_are_their_details(api_client)


def test_a_write_withdraws_the_rendering_in_its_own_transaction(api_client, reviewer):
    strike, other = factories.IncidentFactory.create_batch(2)
    claim = factories.InvolvementFactory(incident=strike)
    statement = factories.StatementFactory(incidents=[other])
    child = factories.IncidentFactory(parent=strike)
    build_all()
    assert set(RenderedIncident.objects.values_list("pk", flat=True)) == {
        strike.pk,
        other.pk,
        child.pk,
    }

    # A claim changed: the incident's rendering is gone before the worker runs, and the
    # detail shows the change at once (the general path).
    Involvement.objects.filter(pk=claim.pk).update(role=Role.VICTIM)
    assert not RenderedIncident.objects.filter(pk=strike.pk).exists()
    # ... and its child's, which shows it as parent.
    assert not RenderedIncident.objects.filter(pk=child.pk).exists()
    assert api_client.get(f"/api/incidents/{strike.pk}").json()["involvements"][0]["role"] == (
        Role.VICTIM
    )
    # A statement changed: the renderings of the incidents it is about.
    Statement.objects.filter(pk=statement.pk).update(said_on=None)
    assert not RenderedIncident.objects.filter(pk=other.pk).exists()

    build_all()
    assert RenderedIncident.objects.count() == 3
    # Retracted: gone at once, and the detail is a 404 for the public before any build.
    services.incident_retract(incident=other, user=reviewer, reason="wrong")
    assert not RenderedIncident.objects.filter(pk=other.pk).exists()
    assert api_client.get(f"/api/incidents/{other.pk}").status_code == 404


def test_a_rendering_left_by_a_race_is_not_served_once_its_incident_is_hidden(api_client):
    incident = factories.IncidentFactory()
    build_all()
    row = RenderedIncident.objects.get(pk=incident.pk)
    # Hidden, and the row put back as a worker that rendered it a moment earlier would.
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.RETRACTED)
    RenderedIncident.objects.bulk_create([row])
    assert api_client.get(f"/api/incidents/{incident.pk}").status_code == 404
    assert api_client.get(f"/api/incidents/{incident.slug}").status_code == 404


def test_a_shared_record_renamed_is_rendered_again_with_its_announcement(api_client):
    actor = factories.ActorFactory(name="Old name")
    incidents = factories.IncidentFactory.create_batch(3)
    for incident in incidents:
        factories.InvolvementFactory(incident=incident, actor=actor)
    build_all()
    last = Change.objects.order_by("-id").values_list("id", flat=True).first()

    Actor.objects.filter(pk=actor.pk).update(name="New name")
    # Until the worker runs, the incidents keep the rendering the feed last announced.
    assert "Old name" in RenderedIncident.objects.get(pk=incidents[0].pk).detail
    build_all()

    announced = set(
        Change.objects.filter(id__gt=last, resource="incidents").values_list("object_id", flat=True)
    )
    assert announced == {incident.pk for incident in incidents}
    for incident in incidents:
        body = api_client.get(f"/api/incidents/{incident.pk}").json()
        assert body["involvements"][0]["actor"]["name"] == "New name"
        assert "New name" in RenderedIncident.objects.get(pk=incident.pk).item


def test_the_fast_detail_is_one_query_and_editors_take_the_general_path(
    api_client, reviewer, django_user_model
):
    incident = factories.IncidentFactory()
    factories.InvolvementFactory(incident=incident)
    build_all()
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"/api/incidents/{incident.pk}")
    assert response.status_code == 200
    ledger = [q["sql"] for q in queries.captured_queries if "incidents_" in q["sql"]]
    assert len(ledger) == 1 and "incidents_renderedincident" in ledger[0]

    # An editor reads through the general path: a pending revision is one link away.
    editor = make_user("ed", EDITORS)
    propose_title(incident, editor, "New")
    api_client.force_authenticate(editor)
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"/api/incidents/{incident.pk}")
    assert "pending-revision" in response["Link"]
    assert not any("renderedincident" in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize(
    "query", ["?format=jsonld", "?format=json", "?unknown=1"], ids=["jsonld", "json", "unknown"]
)
def test_anything_but_plain_json_takes_the_general_path(api_client, query):
    incident = factories.IncidentFactory()
    build_all()
    RenderedIncident.objects.filter(pk=incident.pk).update(detail='{"stale":true}')
    response = api_client.get(f"/api/incidents/{incident.pk}{query}")
    assert b"stale" not in response.content
    indented = api_client.get(
        f"/api/incidents/{incident.pk}", HTTP_ACCEPT="application/json; indent=2"
    )
    assert indented.status_code == 200 and b"stale" not in indented.content
    assert api_client.get(f"/api/incidents/{incident.pk}").json() == {"stale": True}


def test_a_conditional_read_of_the_stored_version_is_304(api_client):
    incident = factories.IncidentFactory()
    build_all()
    etag = api_client.get(f"/api/incidents/{incident.pk}")["ETag"]
    response = api_client.get(f"/api/incidents/{incident.pk}", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag
    assert api_client.get(
        f"/api/incidents/{incident.pk}", HTTP_IF_NONE_MATCH='"x"'
    ).status_code == (200)


def test_a_ledger_without_renderings_is_rendered_by_the_sweep(api_client, reviewer, monkeypatch):
    varied_ledger(reviewer)
    build_all()
    RenderedIncident.objects.all().delete()
    RenderedRecord.objects.all().delete()
    monkeypatch.setattr(rendered, "BATCH", 3)
    public = sum(MODELS[name].objects.public().count() for name in ["incidents", *STORED])
    assert render_missing() == public
    assert render_missing() == 0
    assert_renderings_are_the_general_path(api_client)
    assert_records_are_their_details(api_client)


def test_the_snapshot_serves_stored_renderings_and_renders_those_without(
    api_client, reviewer, monkeypatch
):
    varied_ledger(reviewer)
    build_all()
    without = list(Incident.objects.public().order_by("pk").values_list("pk", flat=True))[::2]
    RenderedIncident.objects.filter(pk__in=without).delete()
    for row in RenderedRecord.objects.all()[::2]:
        row.delete()
    monkeypatch.setattr(snapshot, "STORED_BATCH", 4)
    monkeypatch.setattr(snapshot, "BATCH", 3)
    _, records = assert_snapshot_is_the_public_api(api_client)
    assert len(records["incidents"]) == Incident.objects.public().count()
    # The stored text is what the snapshot sends: a row changed behind the service's back
    # shows there (nothing is rendered twice).
    kept = RenderedIncident.objects.first()
    RenderedIncident.objects.filter(pk=kept.pk).update(detail=f'{{"id":{kept.pk},"x":1}}')
    _, records, _ = read_snapshot(api_client)
    assert {"id": kept.pk, "x": 1} in records["incidents"]


def test_a_retitled_source_renders_its_quotes_again_reading_them_by_id(api_client):
    claim, other = factories.InvolvementFactory.create_batch(2)
    build_all()
    Source.objects.filter(pk=claim.quote.source_id).update(title="Retitled source")
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        build_all()
    stored = RenderedRecord.objects.get(resource="quotes", object_id=claim.quote_id)
    assert json.loads(stored.body)["source"]["title"] == "Retitled source"
    assert json.loads(stored.body) == api_client.get(f"/api/quotes/{claim.quote_id}").json()
    source = RenderedRecord.objects.get(resource="sources", object_id=claim.quote.source_id)
    assert json.loads(source.body)["title"] == "Retitled source"
    quotes = RenderedRecord.objects.filter(resource="quotes")
    assert set(quotes.values_list("object_id", flat=True)) == {claim.quote_id, other.quote_id}
    # The quotes' visibility was probed for the quotes rendered, not for every quote.
    assert any("renderedrecord" in sql for sql in statements)
    assert not [sql for sql in statements if 'MAX("sources_quote"."id")' in sql]


def test_an_actor_moved_to_another_tree_renders_its_subtrees_incidents_again(api_client, reviewer):
    # Two perpetrators of separate trees, graded contested: the incident shows the first of
    # each tree. Moving one tree's root under the other's leaves one tree, though no record
    # of the incident, nor of the actors it names, was written.
    east, west = factories.ActorFactory(name="East"), factories.ActorFactory(name="West")
    east_unit = factories.ActorFactory(name="East unit", parent=east)
    west_unit = factories.ActorFactory(name="West unit", parent=west)
    incident = factories.IncidentFactory(title="Contested")
    for actor in (east_unit, west_unit):
        factories.InvolvementFactory(incident=incident, actor=actor, role=Role.ALLEGED_PERPETRATOR)
    services.incident_grade(
        incident=incident,
        user=reviewer,
        civilian_harm=CivilianHarmGrade.CONTESTED,
        attribution=AttributionGrade.CONTESTED,
        reason="Both blamed.",
    )
    build_all()
    before = api_client.get(f"/api/incidents/{incident.pk}").json()
    assert len(before["contested_between"]) == 2
    last = Change.objects.order_by("-id").values_list("id", flat=True).first()

    Actor.objects.filter(pk=east.pk).update(parent=west)
    build_all()

    after = api_client.get(f"/api/incidents/{incident.pk}").json()
    assert len(after["contested_between"]) == 1  # one tree now
    assert Change.objects.filter(id__gt=last, resource="incidents", object_id=incident.pk).exists()
    assert_renderings_are_the_general_path(api_client)


def test_renaming_an_actor_announces_its_parent_but_not_the_incidents_naming_the_parent():
    parent = factories.ActorFactory(name="Armed forces")
    child = factories.ActorFactory(name="Old unit", parent=parent)
    of_child, of_parent = factories.IncidentFactory(), factories.IncidentFactory()
    factories.InvolvementFactory(incident=of_child, actor=child)
    factories.InvolvementFactory(incident=of_parent, actor=parent)
    build_all()
    last = Change.objects.order_by("-id").values_list("id", flat=True).first()
    stored = RenderedIncident.objects.get(pk=of_parent.pk).rendered_at

    Actor.objects.filter(pk=child.pk).update(name="New unit")
    build_all()

    announced = set(Change.objects.filter(id__gt=last).values_list("resource", "object_id"))
    # The child, the parent (whose record lists its children) and the child's incident.
    assert announced == {("actors", child.pk), ("actors", parent.pk), ("incidents", of_child.pk)}
    assert RenderedIncident.objects.get(pk=of_parent.pk).rendered_at == stored


def test_a_source_citing_one_that_appears_or_goes_away_is_rendered_again(api_client):
    # Y has a public quote and cites A, which is public only for that; A cites S, which no
    # public source with a quote cites: S is not public, and A's record does not list it.
    cited = factories.SourceFactory(title="S")
    middle = factories.SourceFactory(title="A")
    middle.cites.add(cited)
    claim = factories.InvolvementFactory()
    claim.quote.source.cites.add(middle)
    build_all()
    assert not Source.objects.public().filter(pk=cited.pk).exists()

    def stored_cites() -> list[int]:
        body = RenderedRecord.objects.get(resource="sources", object_id=middle.pk).body
        assert json.loads(body) == api_client.get(f"/api/sources/{middle.pk}").json()
        return [source["id"] for source in json.loads(body)["cites"]]

    assert stored_cites() == []
    last = Change.objects.order_by("-id").values_list("id", flat=True).first()

    # S gets a public quote of its own: A, not written, now lists it.
    of_cited = factories.InvolvementFactory(quote__source=cited)
    build_all()
    assert stored_cites() == [cited.pk]
    assert Change.objects.filter(id__gt=last, resource="sources", object_id=middle.pk).exists()
    last = Change.objects.order_by("-id").values_list("id", flat=True).first()

    # And no longer once that quote's claim is gone.
    of_cited.delete()
    build_all()
    assert stored_cites() == []
    assert Change.objects.filter(id__gt=last, resource="sources", object_id=middle.pk).exists()
    assert_records_are_their_details(api_client)
