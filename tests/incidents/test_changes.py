import contextlib
import threading
import time
from collections import defaultdict
from datetime import timedelta
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from incidents import changes
from incidents.changes import CHANNEL, RESOURCES, _affected, build_all, build_feed, follow
from incidents.models import Change, ChangeMark, FeedState, Incident
from tests import factories

pytestmark = pytest.mark.django_db


def _entries(**lookup) -> set[tuple[str, int, str]]:
    return set(Change.objects.filter(**lookup).values_list("resource", "object_id", "action"))


@pytest.fixture
def draft_with_claims():
    incident = factories.IncidentFactory(status="draft")
    involvement = factories.InvolvementFactory(incident=incident)
    report = factories.CasualtyReportFactory(incident=incident)
    statement = factories.StatementFactory(incidents=[incident])
    return incident, involvement, report, statement


def test_drafts_never_reach_the_feed(draft_with_claims):
    build_feed()
    assert not Change.objects.exists()


def test_publishing_announces_the_incident_and_everything_it_makes_public(draft_with_claims):
    incident, involvement, report, statement = draft_with_claims
    parent = factories.ActorFactory()
    involvement.actor.parent = parent
    involvement.actor.save()
    build_feed()
    incident.status = "published"
    incident.save()
    build_feed()
    quotes = [involvement.quote, report.quote, statement.quote]
    assert _entries() == {
        ("incidents", incident.pk, "created"),
        ("casualty-reports", report.pk, "created"),
        ("statements", statement.pk, "created"),
        *{("quotes", quote.pk, "created") for quote in quotes},
        *{("sources", quote.source_id, "created") for quote in quotes},
        *{
            ("actors", actor.pk, "created")
            for actor in [involvement.actor, parent, report.reported_by, statement.speaker]
        },
    }


def test_a_quote_a_facts_citation_rests_on_follows_its_incident_in_the_feed():
    incident = factories.IncidentFactory(status="draft", cited=False)
    citation = factories.IncidentFactFactory(incident=incident)
    build_feed()
    assert not Change.objects.exists()

    incident.status = "published"
    incident.save()
    build_feed()
    assert _entries() == {
        ("incidents", incident.pk, "created"),
        ("quotes", citation.quote_id, "created"),
        ("sources", citation.quote.source_id, "created"),
    }

    first = Change.objects.latest("id").pk
    quote = citation.quote
    citation.note, citation.quote = "Inferred after all.", None
    citation.save()
    build_feed()
    # The incident's detail shows the citation; the quote no public record rests on any more
    # stops being public, and its source with it.
    assert _entries(pk__gt=first) == {
        ("incidents", incident.pk, "updated"),
        ("quotes", quote.pk, "deleted"),
        ("sources", quote.source_id, "deleted"),
    }


def test_an_edit_is_one_update_of_what_shows_it(draft_with_claims):
    incident, _, report, statement = draft_with_claims
    incident.status = "published"
    incident.save()
    build_feed()
    first = Change.objects.latest("id").pk
    incident.title = "Corrected title"
    incident.save()
    build_feed()
    # The statement and the casualty report embed the incident's title.
    assert _entries(pk__gt=first) == {
        ("incidents", incident.pk, "updated"),
        ("casualty-reports", report.pk, "updated"),
        ("statements", statement.pk, "updated"),
    }


def test_a_change_to_an_actor_reaches_the_announced_records_that_show_it():
    actor = factories.ActorFactory()
    shown = factories.IncidentFactory.create_batch(3)
    reports = [factories.CasualtyReportFactory(incident=i, reported_by=actor) for i in shown]
    for incident in shown:
        factories.InvolvementFactory(incident=incident, actor=actor)
    build_feed()
    # Not announced yet: its own marks will announce it, so the actor's need not reach it
    # (which keeps a bulk load, whose actors name a million incidents, linear).
    waiting = factories.IncidentFactory()
    factories.InvolvementFactory(incident=waiting, actor=actor)
    content, _ = _affected(defaultdict(set, actors={actor.pk}))
    assert content["incidents"] == {incident.pk for incident in shown}

    Change.objects.all().delete()
    actor.name = "Renamed"
    actor.save()
    build_feed()
    assert _entries(resource="incidents") == {
        *{("incidents", incident.pk, "updated") for incident in shown},
        ("incidents", waiting.pk, "created"),
    }
    assert _entries(resource="casualty-reports") == {
        ("casualty-reports", report.pk, "updated") for report in reports
    }


def test_a_new_claim_naming_an_actor_does_not_reannounce_what_else_shows_it():
    actor = factories.ActorFactory()
    shown = factories.IncidentFactory.create_batch(3)
    for incident in shown:
        factories.InvolvementFactory(incident=incident, actor=actor)
        factories.CasualtyReportFactory(incident=incident, reported_by=actor)
    factories.StatementFactory(incidents=shown[:1], speaker=actor)
    build_feed()
    Change.objects.all().delete()
    new = factories.IncidentFactory()
    involvement = factories.InvolvementFactory(incident=new, actor=actor)
    report = factories.CasualtyReportFactory(incident=new, reported_by=actor)
    statement = factories.StatementFactory(incidents=[new], speaker=actor)
    build_feed()
    # The actor's own record is unchanged, and so is every record that already showed it.
    assert _entries() == {
        ("incidents", new.pk, "created"),
        ("casualty-reports", report.pk, "created"),
        ("statements", statement.pk, "created"),
        *{("quotes", q.pk, "created") for q in (involvement.quote, report.quote, statement.quote)},
        *{
            ("sources", q.source_id, "created")
            for q in (involvement.quote, report.quote, statement.quote)
        },
    }


@pytest.mark.parametrize("through", ["a new claim", "publishing its incident"])
def test_a_child_actor_that_becomes_public_updates_its_parent(through):
    russia = factories.ActorFactory(slug="russia")
    kremlin = factories.ActorFactory(slug="kremlin", parent=russia)
    peskov = factories.ActorFactory(slug="peskov", parent=russia)
    factories.InvolvementFactory(actor=kremlin)
    incident = factories.IncidentFactory(draft=through == "publishing its incident")
    build_feed()
    Change.objects.all().delete()
    if through == "a new claim":
        factories.StatementFactory(incidents=[incident], speaker=peskov)
    else:
        factories.StatementFactory(incidents=[incident], speaker=peskov)
        build_feed()
        assert not _entries(resource="actors")
        incident.status = "published"
        incident.save()
    build_feed()
    # Russia's record lists its public children: Peskov now among them.
    assert _entries(resource="actors") == {
        ("actors", peskov.pk, "created"),
        ("actors", russia.pk, "updated"),
    }


def test_an_actor_whose_last_claim_is_deleted_is_withdrawn_and_its_parent_updated():
    russia = factories.ActorFactory(slug="russia")
    kremlin = factories.ActorFactory(slug="kremlin", parent=russia)
    peskov = factories.ActorFactory(slug="peskov", parent=russia)
    factories.InvolvementFactory(actor=kremlin)
    claim = factories.InvolvementFactory(actor=peskov)
    build_feed()
    Change.objects.all().delete()
    claim.delete()
    build_feed()
    assert _entries(resource="actors") == {
        ("actors", peskov.pk, "deleted"),
        ("actors", russia.pk, "updated"),
    }


def test_an_edit_updates_the_parents_children_and_citations_that_show_the_record():
    parent = factories.IncidentFactory()
    child = factories.IncidentFactory(parent=parent)
    citing = factories.InvolvementFactory(incident=parent).quote.source
    cited = factories.SourceFactory()
    citing.cites.add(cited)
    build_feed()
    for edited, shown_by in [(child, parent), (parent, child), (cited, citing), (citing, cited)]:
        last = Change.objects.latest("id").id
        edited.title = f"{edited.title} (corrected)"
        edited.save()
        build_feed()
        resource = "incidents" if isinstance(edited, Incident) else "sources"
        assert {
            (resource, edited.pk, "updated"),
            (resource, shown_by.pk, "updated"),
        } <= _entries(id__gt=last)


def test_a_retraction_is_announced_and_withdraws_what_rested_only_on_it(draft_with_claims):
    incident, involvement, report, statement = draft_with_claims
    incident.status = "published"
    incident.save()
    build_feed()
    first = Change.objects.latest("id").pk
    incident.status = "retracted"
    incident.save()
    build_feed()
    withdrawn = _entries(pk__gt=first)
    assert ("incidents", incident.pk, "retracted") in withdrawn
    assert ("statements", statement.pk, "deleted") in withdrawn
    assert ("quotes", involvement.quote_id, "deleted") in withdrawn
    assert ("actors", report.reported_by_id, "deleted") in withdrawn


def test_a_retraction_updates_a_denial_of_its_claim_about_another_incident_and_that_incident():
    denied = factories.InvolvementFactory()
    other = factories.IncidentFactory()
    denial = factories.StatementFactory(incidents=[other, denied.incident], denies=denied)
    build_feed()
    first = Change.objects.latest("id").pk
    Incident.objects.filter(pk=denied.incident_id).update(status="retracted")
    build_feed()
    # Neither shows the denied involvement any more (`denies` is null).
    assert {("statements", denial.pk, "updated"), ("incidents", other.pk, "updated")} <= (
        _entries(pk__gt=first)
    )


def test_a_hard_delete_of_a_public_incident_is_announced():
    incident = factories.IncidentFactory()
    incident_id = incident.pk
    build_feed()
    incident.delete()
    build_feed()
    assert _entries() == {
        ("incidents", incident_id, "created"),
        ("incidents", incident_id, "deleted"),
    }


def _mixed_ledger() -> None:
    """Records of every kind, public and not, as a bulk load leaves them: marked, unannounced."""
    grandparent = factories.ActorFactory()
    parent = factories.ActorFactory(parent=grandparent)
    published = factories.IncidentFactory(parent=factories.IncidentFactory(draft=True))
    factories.IncidentFactory(parent=published)
    factories.IncidentFactory().delete()
    factories.InvolvementFactory(incident=published, actor=factories.ActorFactory(parent=parent))
    factories.InvolvementFactory(incident=published).delete()
    factories.InvolvementFactory(incident=factories.IncidentFactory(draft=True))
    factories.CasualtyReportFactory(incident=published)
    factories.CasualtyReportFactory(incident=factories.IncidentFactory(retracted=True))
    factories.StatementFactory(incidents=[published, factories.IncidentFactory(draft=True)])
    factories.StatementFactory(incidents=[factories.IncidentFactory(in_review=True)])
    quote = factories.QuoteFactory()
    quote.source.cites.add(factories.SourceFactory())
    factories.InvolvementFactory(incident=published, quote=quote)


def _feed() -> tuple[list, set]:
    entries = list(Change.objects.order_by("id").values_list("resource", "object_id", "action"))
    return entries, set(FeedState.objects.values_list("resource", "object_id"))


def test_a_first_bulk_build_announces_in_one_pass_what_the_batches_would():
    _mixed_ledger()
    marks = list(ChangeMark.objects.order_by("id").values("resource", "object_id", "at"))
    build_feed()
    by_batches = _feed()
    assert {resource for resource, _, _ in by_batches[0]} == set(RESOURCES)
    Change.objects.all().delete()
    FeedState.objects.all().delete()
    ChangeMark.objects.bulk_create(ChangeMark(**mark) for mark in marks)

    assert build_feed(bulk=True) == len(by_batches[0])
    assert _feed() == by_batches
    assert not ChangeMark.objects.exists()


@pytest.mark.parametrize("bulk", [True, False])
def test_a_first_build_of_a_bulk_load_takes_fresh_statistics_first(bulk, monkeypatch):
    _mixed_ledger()
    monkeypatch.setattr(changes, "BULK", ChangeMark.objects.count() - 1 if bulk else 10**9)
    with CaptureQueriesContext(connection) as queries:
        build_feed(bulk=True)
    assert any(q["sql"] == "ANALYZE" for q in queries) == bulk
    assert Change.objects.exists()


def test_bulk_builds_after_the_first_go_by_batches(draft_with_claims):
    incident = draft_with_claims[0]
    incident.status = "published"
    incident.save()
    call_command("build_feed", stdout=StringIO())
    incident.title = "A new title"
    incident.save()
    call_command("build_feed", stdout=StringIO())
    assert ("incidents", incident.pk, "updated") in _entries()
    assert not ChangeMark.objects.exists()


def _second_connection() -> psycopg.Connection:
    """A connection of its own to the test database, outside Django's."""
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    )


@pytest.mark.django_db(transaction=True)
def test_a_write_that_commits_late_is_announced_after_what_was_already_read():
    with _second_connection() as slow:
        # An older transaction writes first and stays open...
        slow.execute(
            "INSERT INTO incidents_incident (title, slug, summary, type, sub_type, start_date,"
            " date_precision, country, admin1, location_name, geo_precision, weapons, status,"
            " retraction_reason, created_at, updated_at) VALUES ('Slow', 'slow', '', 'battles',"
            " 'armed_clash', '2015-10-01', 'day', 'SY', '', '', '', '{}', 'published', '',"
            " now(), now())"
        )
        # ...while a younger one commits and is announced.
        fast = factories.IncidentFactory()
        build_feed()
        read = list(Change.objects.values_list("pk", "object_id"))
        assert [object_id for _, object_id in read] == [fast.pk]
        slow.commit()
    build_feed()
    slow_id = Incident.objects.get(slug="slow").pk
    later = list(Change.objects.values_list("pk", "object_id"))
    assert later[:1] == read
    assert later[1][1] == slow_id and later[1][0] > read[0][0]


def test_reading_the_feed_writes_nothing():
    factories.IncidentFactory()  # its marks wait for the builder
    with CaptureQueriesContext(connection) as queries:
        page = APIClient().get(reverse("change-list")).json()
    assert page["results"] == []
    assert ChangeMark.objects.exists()
    written = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert written == []


@contextlib.contextmanager
def _worker(poll_seconds: float):
    """``manage.py build_feed --follow``'s loop in a thread, stopped on the way out."""
    stop, rounds, errors = threading.Event(), [], []

    def run() -> None:
        try:
            for made in follow(poll_seconds=poll_seconds, stop=stop):
                rounds.append(made)
        except BaseException as error:  # surfaced by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield rounds
    finally:
        stop.set()
        with _second_connection() as waker:
            waker.execute(f"NOTIFY {CHANNEL}")
            waker.commit()
        thread.join(timeout=30)
    assert not thread.is_alive() and not errors


@pytest.mark.django_db(transaction=True)
def test_the_worker_builds_when_a_write_commits():
    # It polls only once an hour: what wakes it is the notification the write's marks send.
    with _worker(poll_seconds=3600) as rounds:
        _wait_for(lambda: rounds)  # its first round, at start
        incident = factories.IncidentFactory()
        _wait_for(Change.objects.exists)
    assert ("incidents", incident.pk, "created") in _entries()
    assert rounds[0] == 0 and sum(rounds) == Change.objects.count()


@pytest.mark.django_db(transaction=True)
def test_the_worker_comes_back_when_its_connection_is_cut():
    with _worker(poll_seconds=0.2) as rounds:
        _wait_for(lambda: rounds)
        with _second_connection() as admin:
            cut = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND query = %s",
                [f"LISTEN {CHANNEL}"],
            ).fetchall()
            admin.commit()
        assert cut == [(True,)]
        incident = factories.IncidentFactory()
        _wait_for(lambda: Change.objects.filter(object_id=incident.pk).exists())
    assert ("incidents", incident.pk, "created") in _entries()


def _wait_for(condition) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "not within 30 s"
        time.sleep(0.05)


def _replay(client: APIClient, mirror: dict, cursor_url: str | None) -> str | None:
    url = cursor_url or reverse("change-list") + "?limit=50"
    while url:
        page = client.get(url).json()
        for entry in page["results"]:
            records = mirror.setdefault(entry["resource"], {})
            if entry["action"] in ("created", "updated"):
                response = client.get(f"/api/{entry['resource']}/{entry['id']}")
                if response.status_code == 200:
                    records[entry["id"]] = response.json()
                else:  # withdrawn since; a later entry says so
                    assert response.status_code == 404
                    records.pop(entry["id"], None)
            else:
                records.pop(entry["id"], None)
        if page["next"] is None:
            return url
        url = page["next"]
    return url


def _public_state(client: APIClient) -> dict:
    state = {}
    for resource, model in RESOURCES.items():
        ids = model.objects.public().values_list("pk", flat=True)
        state[resource] = {i: client.get(f"/api/{resource}/{i}").json() for i in ids}
    return state


@pytest.mark.django_db(transaction=True)
def test_replaying_the_feed_keeps_an_exact_mirror_while_writes_go_on():
    client = APIClient()
    start = timezone.now() - timedelta(seconds=1)
    mirror: dict = {}
    errors: list[BaseException] = []
    stop = threading.Event()

    def writer(seed: int) -> None:
        try:
            for step in range(12):
                incident = factories.IncidentFactory(status="draft")
                factories.InvolvementFactory(incident=incident)
                factories.StatementFactory(incidents=[incident])
                incident.status = "published"
                incident.save()
                if step % 3 == 1:
                    incident.title = f"Edited {seed}-{step}"
                    incident.save()
                if step % 4 == 2:
                    incident.status = "retracted"
                    incident.save()
        except BaseException as error:  # surfaced by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    cursor = reverse("change-list") + f"?since={start.isoformat().replace('+00:00', 'Z')}"
    with _worker(poll_seconds=1):
        while any(thread.is_alive() for thread in threads):
            cursor = _replay(client, mirror, cursor)
        stop.set()
        for thread in threads:
            thread.join()
        assert not errors
    build_all()  # what the worker had not reached when it stopped
    _replay(client, mirror, cursor)

    expected = _public_state(client)
    for resource in RESOURCES:
        assert mirror.get(resource, {}) == expected[resource], resource
    assert len(expected["incidents"]) == 3 * 12 - 3 * 3
    ids = list(Change.objects.values_list("pk", flat=True))
    assert ids == sorted(ids)
