"""The public change feed: what became public, changed, or stopped being public, in order.

Triggers (migration 0004) leave a ``ChangeMark`` for every record a write touches, in the
writer's transaction, so marks appear exactly when their writes commit. ``build_feed`` turns
the marks it can see into ``Change`` entries and deletes them, in one transaction under an
advisory lock: builds never overlap, and each commits its entries, with ids above every
earlier build's, all at once. A reader thus never sees an entry appear below one it has
already read, and a write that commits late is announced late, in a later build: a client that
follows the feed by id misses nothing and sees nothing twice. Each entry is decided from the
state the build sees, so however late a mark is processed the feed ends at the true state.

A record's entry says what a mirror must do: ``created`` (fetch it), ``updated`` (fetch it
again), ``retracted`` or ``deleted`` (drop it; an incident merged into another names the
survivor, ``merged_into``). Visibility is derived (a quote is public when
a public claim rests on it), so one write can change several records: publishing an incident
makes its claims, their quotes, sources and actors public. ``FeedState`` remembers which
records the feed has announced, so each transition is told exactly once.

Builds write, so they run in one worker, ``manage.py build_feed --follow`` (``follow``), never
in a request: reading ``/api/changes`` only reads, and may be answered by a read replica. A
trigger on the marks (migration 0028) notifies ``CHANNEL`` when a write that left marks
commits, so the worker builds within moments of a write, and polls anyway in case a
notification was lost with its connection.
"""

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator

import psycopg
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from config.replicas import PRIMARY, connect
from incidents import rendered, trees
from incidents.choices import IncidentStatus
from incidents.models import (
    Actor,
    CasualtyReport,
    Change,
    ChangeAction,
    ChangeMark,
    FeedState,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
)
from sources.models import Quote, Source

RESOURCES = {
    "incidents": Incident,
    "actors": Actor,
    "sources": Source,
    "quotes": Quote,
    "statements": Statement,
    "casualty-reports": CasualtyReport,
}
# Marks of actors that a claim names, left by writes to claims (migration 0015): the actor's
# visibility may change, its representation does not. Marks under "actors" are writes to the
# actor itself, whose name every record that shows it repeats.
ACTOR_REFERENCES = "actor-references"
# Marks of the parent of an actor written (migration 0034): the parent's record lists its
# children and changes, nothing that shows the parent does.
ACTOR_CHILDREN = "actor-children"
STORED = [resource for resource in RESOURCES if resource != "incidents"]
"""The resources whose renderings are ``RenderedRecord`` rows (incidents have their own)."""
LOCK_KEY = 7_340_211  # an arbitrary constant naming the feed builder's advisory lock
BATCH = 5_000
BULK = 100_000  # marks from which a first build takes fresh statistics first
SWEEP_SECONDS = 600  # how often the worker looks for public incidents without a rendering
CHANNEL = "incidents_feed"  # notified by migration 0028's trigger

Ids = dict[str, set[int]]
logger = logging.getLogger(__name__)


def build_feed(max_batches: int = 20, batch: int = BATCH, bulk: bool = False) -> int:
    """Turn the committed marks into feed entries; return how many entries were made.

    With ``bulk=True``, a feed that has announced nothing yet (a ledger just loaded) is made
    in one set-based statement instead of batches: hours of batches for a million
    incidents."""
    made = 0
    for _ in range(max_batches):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            if bulk and not FeedState.objects.exists():
                made += _announce_everything()
                # Rendered in the same transaction: nothing is announced before it is.
                after = 0
                while after := rendered.sweep(after)[1]:
                    pass
                for resource in STORED:
                    rendered.render_all(resource)
                return made
            marks = list(ChangeMark.objects.order_by("id")[:batch])
            if not marks:
                return made
            made += _announce(marks)
            ChangeMark.objects.filter(pk__in=[mark.pk for mark in marks]).delete()
    return made


def build_all(max_seconds: float = 0) -> int:
    """Build until no committed mark is left, or for about ``max_seconds`` (0: no limit);
    return how many entries were made."""
    started, made = time.monotonic(), 0
    while True:
        step = build_feed(max_batches=1, bulk=True)
        made += step
        # A batch of marks may make no entry (drafts) and leave more marks behind it.
        if not step and not ChangeMark.objects.exists():
            return made
        if max_seconds and time.monotonic() - started > max_seconds:
            return made


def render_missing(max_seconds: float = 0) -> int:
    """Render the public records that have no stored rendering (a ledger that predates the
    tables, say), a batch a transaction under the builder's lock, for about ``max_seconds``
    (0: until none is left); return how many were rendered."""
    started, made = time.monotonic(), 0
    for resource in ["incidents", *STORED]:
        after = 0
        while True:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
                if resource == "incidents":
                    step, after = rendered.sweep(after)
                else:
                    step, after = rendered.sweep_records(resource, after)
            made += step
            # Out of time, the caller comes back while this renders something; a look that
            # finds nothing goes through every resource.
            if made and max_seconds and time.monotonic() - started > max_seconds:
                return made
            if not after:
                break
    return made


def follow(*, poll_seconds: float, stop: threading.Event) -> Iterator[int]:
    """Build what is committed, then again whenever a write notifies ``CHANNEL`` or
    ``poll_seconds`` pass, until ``stop`` is set; yield how many entries each round made.

    The listening connection is opened before the first build, so that a write committed
    during a build wakes the next one. To stop a wait at once, set ``stop`` and notify
    ``CHANNEL``. A lost connection (the primary restarting) is retried every
    ``poll_seconds``. Public incidents without a stored rendering are rendered between
    builds (``render_missing``)."""
    next_sweep = 0.0
    while not stop.is_set():
        try:
            with connect(PRIMARY) as listener:
                listener.execute(f"LISTEN {CHANNEL}")
                while not stop.is_set():
                    yield build_all()
                    if time.monotonic() >= next_sweep:
                        # A few seconds of rendering what has no rendering, between builds,
                        # until nothing is left; then a look every SWEEP_SECONDS.
                        if render_missing(max_seconds=poll_seconds / 2):
                            continue
                        next_sweep = time.monotonic() + SWEEP_SECONDS
                    for _ in listener.notifies(timeout=poll_seconds, stop_after=1):
                        pass
        except (psycopg.OperationalError, OperationalError, InterfaceError) as error:
            logger.warning("The feed builder lost the database (%s); retrying.", error)
            connection.close()
            stop.wait(poll_seconds)


def _announce(marks: list[ChangeMark]) -> int:
    touched: Ids = defaultdict(set)
    for mark in marks:
        touched[mark.resource].add(mark.object_id)
    content, visibility = _affected(touched)
    # An actor moved to another parent changes the incidents of its whole subtree (their
    # actor trees; their grades' suggestions, which count perpetrators per tree and speakers
    # by parent), though their records were not touched: they are announced and rendered too.
    content["incidents"] |= _maintain_read_structures(
        touched, content["incidents"] | visibility["incidents"], [mark.pk for mark in marks]
    )
    now = timezone.now()
    entries = []
    for resource, model in RESOURCES.items():
        candidates = content[resource] | visibility[resource]
        if not candidates:
            continue
        public = _public(model, candidates)
        announced = _announced_among(resource, candidates)
        # Records whose representation lists public neighbours change when a neighbour
        # appears or goes away, though nothing of theirs was written.
        neighbours = _neighbours(resource, public ^ announced)
        if neighbours:
            others = neighbours - candidates
            others &= _public(model, others) & _announced_among(resource, others)
            candidates |= others
            public |= others
            announced |= others
            content[resource] |= neighbours & public & announced
        # The stored renderings of the other resources change with the entries that announce
        # them (the incidents' in _maintain_read_structures): those of the candidates (whose
        # content or visibility may have changed) are made again or dropped.
        if resource != "incidents":
            rendered.refresh_records(resource, candidates)
        retracted = _retracted(resource, announced - public)
        merged = _merged(resource, announced - public)
        for object_id in sorted(candidates):
            if object_id in public and object_id not in announced:
                action = ChangeAction.CREATED
            elif object_id in public and object_id in content[resource]:
                action = ChangeAction.UPDATED
            elif object_id in announced and object_id not in public:
                action = ChangeAction.RETRACTED if object_id in retracted else ChangeAction.DELETED
            else:
                continue
            entries.append(
                Change(
                    resource=resource,
                    object_id=object_id,
                    action=action,
                    at=now,
                    merged_into=merged.get(object_id) if action == ChangeAction.DELETED else None,
                )
            )
        FeedState.objects.bulk_create(
            [FeedState(resource=resource, object_id=i) for i in public - announced]
        )
        FeedState.objects.filter(resource=resource, object_id__in=announced - public).delete()
    Change.objects.bulk_create(entries)
    return len(entries)


def _maintain_read_structures(touched: Ids, incidents: set[int], consumed: list[int]) -> set[int]:
    """The read structures kept with the feed, in its transaction, for the incidents whose
    public content or visibility may have changed, public or not (one no longer public loses
    what it had); return the public incidents an actor's move reached besides. ``consumed``:
    the ids of the marks this build announces (``rendered._store``)."""
    # Actor trees and their public incidents (incidents/trees.py): a moved actor moves the
    # incidents of its whole subtree, and those its subtree's actors speak about.
    moved = trees.refresh_actor_tree() if touched["actors"] else set()
    reached = trees.incidents_of(moved)
    if moved:
        reached |= _values(
            Statement.incidents.through,
            "incident_id",
            statement__speaker__in=moved,
            statement__deleted_at__isnull=True,
            incident_id__in=Incident.objects.public().values("pk"),
        )
    trees.relink(incidents | reached)
    # The stored renderings (incidents/rendered.py), with the entries that announce them.
    rendered.refresh(incidents | reached, consumed=consumed)
    return reached


def _announce_everything() -> int:
    """Announce every public record as created and drop every mark, in one statement.

    With nothing announced, that is exactly what the batches would make of any marks: a
    record the feed has not announced can only be created, if public, or left out. One
    statement sees one snapshot, so the marks it deletes are those of the writes whose
    results it announces; marks committed meanwhile stay for the next build. Entries come in
    the batches' order: by resource as in RESOURCES, then by id. The read structures kept
    with the feed are made from scratch after it, from a state at least as new as the one
    announced: a write committed in between left marks that the next build takes."""
    with connection.cursor() as cursor:
        # A ledger just loaded in bulk (an import, a restore) may have no statistics yet:
        # planned without them, this statement's probes took over 20 minutes instead of 13
        # seconds at a million incidents.
        cursor.execute("SELECT EXISTS (SELECT FROM incidents_changemark OFFSET %s)", [BULK])
        if cursor.fetchone()[0]:
            cursor.execute("ANALYZE")
    selects, params = [], []
    for rank, (resource, model) in enumerate(RESOURCES.items()):
        sql, sql_params = model.objects.public().order_by().values("pk").query.sql_with_params()
        selects.append(f"SELECT %s, {rank}, t.id FROM ({sql}) AS t(id)")
        params += [resource, *sql_params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH gone AS (DELETE FROM incidents_changemark),
            public_records(resource, rank, object_id) AS ({" UNION ALL ".join(selects)}),
            announced AS (
                INSERT INTO incidents_feedstate (resource, object_id)
                SELECT resource, object_id FROM public_records
            ),
            made AS (
                INSERT INTO incidents_change (resource, object_id, action, at)
                SELECT resource, object_id, %s, %s FROM public_records
                ORDER BY rank, object_id
                RETURNING id
            )
            SELECT count(*) FROM made
            """,
            [*params, ChangeAction.CREATED, timezone.now()],
        )
        made = cursor.fetchone()[0]
    trees.rebuild()
    return made


def _neighbours(resource: str, ids: set[int]) -> set[int]:
    """The records of ``resource`` whose representation lists those of ``ids`` that are
    public: an actor its public children, a source the public sources it cites and that cite
    it."""
    if not ids:
        return set()
    if resource == "actors":
        return _values(Actor, "parent_id", pk__in=ids)
    if resource == "sources":
        return _values(Source.cites.through, "from_source_id", to_source__in=ids) | _values(
            Source.cites.through, "to_source_id", from_source__in=ids
        )
    return set()


def _public(model, ids: set[int]) -> set[int]:
    return (
        set(model.objects.public().filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )


def _announced_among(resource: str, ids: set[int]) -> set[int]:
    announced = FeedState.objects.filter(resource=resource, object_id__in=ids)
    return set(announced.values_list("object_id", flat=True)) if ids else set()


def _retracted(resource: str, ids: set[int]) -> set[int]:
    if resource != "incidents" or not ids:
        return set()
    retracted = Incident.objects.filter(pk__in=ids, status=IncidentStatus.RETRACTED)
    return set(retracted.values_list("pk", flat=True))


def _merged(resource: str, ids: set[int]) -> dict[int, int]:
    """Of the incidents ``ids``, those merged into a public survivor, with its id: a mirror
    drops the merged one and finds its claims on the survivor. A survivor the public may not
    see is not named."""
    if resource != "incidents" or not ids:
        return {}
    merged = Incident.all_objects.filter(
        pk__in=ids, merged_into__in=Incident.objects.public().values("pk")
    )
    return dict(merged.values_list("pk", "merged_into_id"))


def _affected(touched: Ids) -> tuple[Ids, Ids]:
    """Records whose public representation may have changed (``content``), and records whose
    visibility may have changed although their representation did not (``visibility``)."""
    content: Ids = defaultdict(set, {k: set(v) for k, v in touched.items()})
    visibility: Ids = defaultdict(set)
    incidents, actors, quotes, sources = (
        touched["incidents"],
        touched["actors"],
        touched["quotes"],
        touched["sources"],
    )

    # Representations that embed a touched record. Of incidents, statements and casualty
    # reports, only those the feed has announced: one that is public but not yet announced
    # has a mark of its own still to come (it became public by a write to itself), and will
    # be announced as created with its current content. That keeps a bulk load linear: the
    # marks of its actors would otherwise each expand to every incident that names them.
    shown_incidents = _announced("incidents")
    shown_statements = _announced("statements")
    shown_reports = _announced("casualty-reports")
    # The children of a touched incident (a write to a child marks its parent itself: the
    # triggers mark parent_id). One query for parents and children both was planned as a hash
    # join of every incident with every other: 1.4 s on a million.
    content["incidents"] |= _ids(
        Incident.objects.filter(parent__in=incidents, pk__in=shown_incidents)
    )
    content["statements"] |= _ids(
        Statement.objects.filter(incidents__in=incidents, pk__in=shown_statements)
    )
    content["casualty-reports"] |= _ids(
        CasualtyReport.objects.filter(incident__in=incidents, pk__in=shown_reports)
    )
    content["incidents"] |= _values(
        Statement.incidents.through,
        "incident_id",
        statement__in=touched["statements"],
        incident_id__in=shown_incidents,
    )
    content["incidents"] |= _values(
        CasualtyReport,
        "incident_id",
        pk__in=touched["casualty-reports"],
        incident_id__in=shown_incidents,
    )
    # A denial shows the involvement it denies only while that involvement is of a published
    # incident (StatementInIncidentSerializer.get_denies): denials of a touched incident's
    # involvements change, and so do the incidents they are about.
    denials = _ids(
        Statement.objects.filter(denies__incident__in=incidents, pk__in=shown_statements)
    )
    content["statements"] |= denials
    content["incidents"] |= _values(
        Statement.incidents.through,
        "incident_id",
        statement__in=denials,
        incident_id__in=shown_incidents,
    )
    content["actors"] |= touched[ACTOR_CHILDREN] | _ids(
        Actor.objects.filter(Q(children__in=actors) | Q(parent__in=actors))
    )
    content["incidents"] |= _values(
        Involvement, "incident_id", actor__in=actors, incident_id__in=shown_incidents
    )
    content["statements"] |= _ids(
        Statement.objects.filter(speaker__in=actors, pk__in=shown_statements)
    )
    content["casualty-reports"] |= _ids(
        CasualtyReport.objects.filter(reported_by__in=actors, pk__in=shown_reports)
    )
    content["quotes"] |= _ids(Quote.objects.filter(source__in=sources))
    content["sources"] |= _values(
        Source.cites.through, "to_source_id", from_source__in=sources
    ) | _values(Source.cites.through, "from_source_id", to_source__in=sources)
    quoted = quotes | content["quotes"]
    content["incidents"] |= _values(
        Involvement, "incident_id", quote__in=quoted, incident_id__in=shown_incidents
    )
    content["incidents"] |= _values(
        CasualtyReport, "incident_id", quote__in=quoted, incident_id__in=shown_incidents
    )
    content["incidents"] |= _values(
        IncidentFact, "incident_id", quote__in=quoted, incident_id__in=shown_incidents
    )
    content["incidents"] |= _values(
        Statement.incidents.through,
        "incident_id",
        statement__quote__in=quoted,
        incident_id__in=shown_incidents,
    )
    content["statements"] |= _ids(
        Statement.objects.filter(quote__in=quoted, pk__in=shown_statements)
    )
    content["casualty-reports"] |= _ids(
        CasualtyReport.objects.filter(quote__in=quoted, pk__in=shown_reports)
    )

    # Records whose visibility follows from a touched record's.
    all_incidents = content["incidents"]
    claims_statements = content["statements"] | _ids(
        Statement.objects.filter(incidents__in=all_incidents)
    )
    claims_reports = content["casualty-reports"] | _ids(
        CasualtyReport.objects.filter(incident__in=all_incidents)
    )
    visibility["statements"] |= claims_statements
    visibility["casualty-reports"] |= claims_reports
    visibility["quotes"] |= (
        _values(Involvement, "quote_id", incident__in=all_incidents)
        | _values(Statement, "quote_id", pk__in=claims_statements)
        | _values(CasualtyReport, "quote_id", pk__in=claims_reports)
        | _values(IncidentFact, "quote_id", incident__in=all_incidents)
    )
    visibility["actors"] |= (
        touched[ACTOR_REFERENCES]
        | _values(Involvement, "actor_id", incident__in=all_incidents)
        | _values(Statement, "speaker_id", pk__in=claims_statements)
        | _values(CasualtyReport, "reported_by_id", pk__in=claims_reports)
    )
    visibility["actors"] |= _ancestors(visibility["actors"] | content["actors"])
    visibility["sources"] |= _values(Quote, "source_id", pk__in=visibility["quotes"] | quoted)
    visibility["sources"] |= _values(
        Source.cites.through, "to_source_id", from_source__in=visibility["sources"] | sources
    )
    for resource in visibility:
        visibility[resource].discard(None)
    return content, visibility


def _announced(resource: str):
    """The ids of the records of ``resource`` that the feed has announced, as a subquery."""
    return FeedState.objects.filter(resource=resource).values("object_id")


def _ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _values(model, column: str, **lookup) -> set[int]:
    return set(model.objects.filter(**lookup).values_list(column, flat=True)) - {None}


def _ancestors(ids: Iterable[int]) -> set[int]:
    ids = list(ids)
    if not ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE up(id, parent_id) AS (
                SELECT id, parent_id FROM incidents_actor WHERE id = ANY(%s)
                UNION
                SELECT a.id, a.parent_id FROM incidents_actor a JOIN up ON a.id = up.parent_id
            )
            SELECT id FROM up
            """,
            [ids],
        )
        return {row[0] for row in cursor.fetchall()}
