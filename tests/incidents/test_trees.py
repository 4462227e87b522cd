"""Actor trees and their public incidents (incidents/trees.py), kept by the feed's builds: after
random curated writes and a build, the links and counts are what a derivation from scratch
gives, and one actor's pages from them are byte for byte the general path's."""

import io
import random
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from incidents import changes, services, trees
from incidents.choices import IncidentStatus
from incidents.models import Actor, Incident, Involvement
from incidents.roles import REVIEWERS
from tests import factories
from tests.admin.helpers import make_user

pytestmark = pytest.mark.django_db

LIST = "/api/incidents"
COUNTRIES = ["SY", "IQ", "TR", "LB"]


def _derived() -> tuple[set, dict]:
    """The links and counts from scratch, from the involvements and incidents themselves
    (not from incidents_incidentactor, which the maintained tables read)."""
    closure = {}
    for actor in Actor.objects.all():
        ancestors, seen = set(), actor
        while seen is not None:
            ancestors.add(seen.pk)
            seen = seen.parent
        closure[actor.pk] = ancestors
    links = set()
    public = Incident.objects.filter(status=IncidentStatus.PUBLISHED, deleted_at__isnull=True)
    live = Involvement.objects.filter(deleted_at__isnull=True, incident__in=public)
    for incident_id, actor_id in live.values_list("incident_id", "actor_id"):
        incident = Incident.objects.get(pk=incident_id)
        for ancestor in closure[actor_id]:
            links.add(
                (
                    ancestor,
                    incident_id,
                    incident.start_date,
                    incident.end_date or incident.start_date,
                    incident.country,
                    tuple(incident.other_countries),
                )
            )
    counts = {}
    for ancestor, *_ in links:
        counts[ancestor] = counts.get(ancestor, 0) + 1
    return links, counts


def _stored() -> tuple[set, dict]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ancestor_id, incident_id, start_date, last_date, country, other_countries "
            "FROM incidents_treelink"
        )
        links = {(*row[:5], tuple(row[5])) for row in cursor.fetchall()}
        cursor.execute("SELECT ancestor_id, n FROM incidents_treecount WHERE n <> 0")
        return links, dict(cursor.fetchall())


def _write(rng: random.Random, reviewer, actors: list[Actor]) -> None:
    """One random curated write."""
    incidents = list(Incident.objects.all())
    move = rng.randrange(9)
    incident = rng.choice(incidents)
    if move == 0:  # a new incident in review, published
        start = date(2016, 1, 1) + timedelta(days=rng.randrange(60))
        new = factories.IncidentFactory(in_review=True, start_date=start)
        for actor in rng.sample(actors, rng.randrange(1, 3)):
            factories.InvolvementFactory(incident=new, actor=actor)
        services.incident_publish(incident=new, user=reviewer)
    elif move == 1 and incident.status == IncidentStatus.PUBLISHED:
        services.incident_retract(incident=incident, user=reviewer)
    elif move == 2:
        incident.delete()
    elif move == 3:
        factories.InvolvementFactory(incident=incident, actor=rng.choice(actors))
    elif move == 4:
        involvement = Involvement.objects.filter(incident=incident).first()
        if involvement is not None:
            involvement.delete()
    elif move == 5:  # an actor moves under another, or to the top
        actor = rng.choice(actors)
        actor.parent = rng.choice([None, *actors])
        try:
            actor.full_clean()
        except Exception:
            return  # a cycle: refused
        actor.save()
    elif move == 6:
        actor = rng.choice(actors)
        actor.name = f"{actor.name} renamed"
        actor.save()
    elif move == 7:
        incident.start_date = date(2016, 1, 1) + timedelta(days=rng.randrange(60))
        incident.end_date = rng.choice([None, incident.start_date + timedelta(days=3)])
        incident.save()
    else:
        incident.country = rng.choice(COUNTRIES)
        incident.other_countries = rng.sample(COUNTRIES, rng.randrange(3))
        incident.save()


def _pages(api_client, actors: list[Actor], rng: random.Random) -> None:
    for actor in actors:
        for params in (
            {},
            {"limit": 3},
            {"limit": 2, "offset": 4},
            {"date_from": "2016-01-20"},
            {"date_to": "2016-02-10", "country": rng.choice(COUNTRIES)},
            {"date_from": "2016-01-10", "date_to": "2016-02-01", "country": "Syria"},
        ):
            fast = api_client.get(LIST, {"actor": actor.slug, **params})
            general = api_client.get(
                LIST, {"actor": actor.slug, "ordering": "-start_date", **params}
            )
            assert fast.status_code == general.status_code, (actor.slug, params)
            if fast.status_code != 200:
                continue
            fast_page, general_page = fast.json(), general.json()
            assert fast_page["results"] == general_page["results"], (actor.slug, params)
            assert fast_page["count"] == general_page["count"], (actor.slug, params)
            assert (fast_page["next"] is None) == (general_page["next"] is None)


def test_links_and_pages_follow_random_curated_writes(api_client):
    rng = random.Random(17)
    reviewer = make_user("rhea", REVIEWERS)
    root = factories.ActorFactory(slug="russia")
    actors = [root]
    for _ in range(7):
        actors.append(factories.ActorFactory(parent=rng.choice([None, *actors])))
    for _ in range(25):
        start = date(2016, 1, 1) + timedelta(days=rng.randrange(60))
        incident = factories.IncidentFactory(
            status=rng.choice([IncidentStatus.PUBLISHED] * 3 + [IncidentStatus.DRAFT]),
            start_date=start,
            country=rng.choice(COUNTRIES),
            other_countries=rng.sample(COUNTRIES, rng.randrange(2)),
        )
        for actor in rng.sample(actors, rng.randrange(1, 3)):
            factories.InvolvementFactory(incident=incident, actor=actor)
    changes.build_all()
    assert _stored() == _derived()
    for round_ in range(6):
        for _ in range(rng.randrange(1, 8)):
            _write(rng, reviewer, actors)
        changes.build_all()
        assert _stored() == _derived(), round_
        _pages(api_client, actors, rng)


def test_a_rebuild_gives_what_the_builds_kept():
    rng = random.Random(3)
    actors = [factories.ActorFactory()]
    actors += [factories.ActorFactory(parent=rng.choice(actors)) for _ in range(4)]
    for _ in range(10):
        factories.InvolvementFactory(actor=rng.choice(actors))
    changes.build_all()
    kept = _stored()
    assert kept[0]
    trees.rebuild()
    assert _stored() == kept == _derived()
    # The deploy's way: a ledger whose trees are missing or stale gets them made again.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM incidents_treelink WHERE ancestor_id = %s", [actors[0].pk])
    call_command("build_feed", "--rebuild-trees", stdout=io.StringIO())
    assert _stored() == kept


def test_one_actors_page_is_one_statement(api_client, django_assert_num_queries):
    actor = factories.ActorFactory(slug="russia")
    for _ in range(3):
        factories.InvolvementFactory(actor=actor)
    changes.build_all()
    # Expect 1 query: the actor named, its page of links checked against the incidents, and
    # the tree's count. (The public's throttle and authentication read none here.)
    with django_assert_num_queries(1):
        response = api_client.get(LIST, {"actor": "russia", "country": "SY"})
    assert response.status_code == 200 and response.json()["count"] == 3


def test_a_term_naming_several_actors_takes_the_general_path(api_client):
    first = factories.ActorFactory(slug="one", aliases=["shared"])
    second = factories.ActorFactory(slug="two", aliases=["shared"])
    mine = factories.InvolvementFactory(actor=first).incident
    theirs = factories.InvolvementFactory(actor=second).incident
    changes.build_all()
    page = api_client.get(LIST, {"actor": "shared"}).json()
    assert {row["id"] for row in page["results"]} == {mine.pk, theirs.pk}
    assert page["count"] == 2
    response = api_client.get(LIST, {"actor": "shared", "date_from": "1900-01-01"})
    assert {row["id"] for row in response.json()["results"]} == {mine.pk, theirs.pk}
