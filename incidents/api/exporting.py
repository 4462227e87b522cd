"""The incident list's exports (`?format=csv`, `geojson`, `acled`, `ucdp`) read in keyset chunks.

A million-row export used to run one server-side cursor (WITH HOLD: PostgreSQL materialises
every row before the first leaves) and build model instances and serializer rows for each.
Here each chunk is a few short statements: the next ``CHUNK`` ids in list order (start date
and id, newest first) after the last chunk's, walked from an index (the listing index, or for
`?actor=X` the actor-incident index as incidents/api/listing.py walks it); then their rows as
the list shows them, built by PostgreSQL (``LIST_ROW_SQL``), and for the CSV their dataset
records. The first chunk leaves at once and memory stays flat. The rows are the list
serializer's dicts exactly, so every renderer writes the same bytes as before;
tests/api/test_fast_exports.py compares them with the general path.

Chunks are separate statements, not one snapshot: an incident published while an export
streams may or may not be in it, as with paging through the list.
"""

import contextlib
import datetime
import json
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connections
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan

from incidents.api.listing import LIST_ROW_SQL, list_row
from incidents.interop.coded import coded_fields

CHUNK = 2000
FIRST_CHUNK = 250  # the first bytes leave after 250 rows' reading, not 2,000

# A chunk's keys: ``(after, skip, size)`` to the (start date, id) of up to ``size`` incidents in
# list order, those after ``after`` (None: from the first) less the first ``skip``.
Keys = Callable[[tuple | None, int, int], list[tuple]]

# The body of the dataset record (ACLED's, GED's) of each of the incidents %(ids)s that has one:
# the record a live involvement quotes, else one a live casualty report quotes, the first by
# source in each case (views.DATASET_RECORD, which the general path runs per row). One
# statement for a chunk: a subquery per row cost twice as much.
_DATASET_BODIES_SQL = """
SELECT DISTINCT ON (incident_id) incident_id, body FROM (
    SELECT v.incident_id, 0 AS claim, q.source_id, s.body FROM incidents_involvement AS v
    JOIN sources_quote AS q ON q.id = v.quote_id
    JOIN sources_source AS s ON s.id = q.source_id
    WHERE v.incident_id = ANY(%(ids)s) AND v.deleted_at IS NULL AND s.kind = 'dataset'
    UNION ALL
    SELECT c.incident_id, 1, q.source_id, s.body FROM incidents_casualtyreport AS c
    JOIN sources_quote AS q ON q.id = c.quote_id
    JOIN sources_source AS s ON s.id = q.source_id
    WHERE c.incident_id = ANY(%(ids)s) AND c.deleted_at IS NULL AND s.kind = 'dataset'
) AS found
ORDER BY incident_id, claim, source_id
"""

_ROWS_SQL = """
SELECT {columns}
FROM unnest(%s::bigint[]) WITH ORDINALITY AS page(id, n)
JOIN incidents_incident AS i ON i.id = page.id
ORDER BY page.n
"""

# The next keys of the public incidents of any of the actors %(ids)s: each actor's index range
# after the key (%(d)s, %(i)s) gives its first %(k)s rows, and their union holds the answer.
_ACTOR_KEYS_SQL = """
SELECT start_date, incident_id FROM (
    SELECT DISTINCT top.incident_id, top.start_date
    FROM unnest(%(ids)s::bigint[]) AS actor(id)
    CROSS JOIN LATERAL (
        SELECT l.incident_id, l.start_date FROM incidents_incidentactor AS l
        WHERE l.actor_id = actor.id AND l.is_public
          AND (l.start_date, l.incident_id) < (%(d)s, %(i)s)
        ORDER BY l.start_date DESC, l.incident_id DESC LIMIT %(k)s
    ) AS top
) AS merged
ORDER BY start_date DESC, incident_id DESC LIMIT %(k)s - %(o)s OFFSET %(o)s
"""
# The stored list rows (CSV lines) of those of the incidents %s that have one.
_STORED_SQL = """
SELECT incident_id, item FROM incidents_renderedincident WHERE incident_id = ANY(%s)
"""
_STORED_CSV_SQL = """
SELECT incident_id, csv FROM incidents_renderedincident
WHERE incident_id = ANY(%s) AND csv IS NOT NULL
"""
_load = json.JSONDecoder().decode
_FIRST = (datetime.date.max, 2**63 - 1)  # a key before every incident's


def queryset_keys(incidents) -> Keys:
    """Keys of ``incidents`` (a queryset in list order) through the ORM: any filter."""
    ordered = incidents.order_by("-start_date", "-id").values_list("start_date", "id")

    def keys(after, skip, size):
        page = ordered
        if after is not None:
            # `(start_date, id) < after`: one condition on the index, where it starts the walk.
            page = page.filter(TupleLessThan(Tuple(F("start_date"), F("id")), after))
        return list(page[skip : skip + size])

    return keys


def actor_keys(actor_ids: list[int], using: str) -> Keys:
    """Keys of the public incidents of any of ``actor_ids`` (an actor tree), from the
    actor-incident index."""

    def keys(after, skip, size):
        date, pk = after or _FIRST
        params = {"ids": actor_ids, "d": date, "i": pk, "k": skip + size, "o": skip}
        with connections[using].cursor() as cursor:
            cursor.execute(_ACTOR_KEYS_SQL, params)
            return cursor.fetchall()

    return keys


def add_dataset_records(cursor, rows: list[dict]) -> None:
    """Give each of the list ``rows`` its ``dataset_record`` (``coded_fields`` of the body of
    the dataset record its claims quote, or None), as the CSV's columns need."""
    cursor.execute(_DATASET_BODIES_SQL, {"ids": [row["id"] for row in rows]})
    bodies = dict(cursor.fetchall())
    for row in rows:
        row["dataset_record"] = coded_fields(bodies.get(row["id"]))


def export_rows(
    keys: Keys,
    *,
    using: str,
    offset: int = 0,
    limit: int | None = None,
    coded: bool = False,
    stored: bool = False,
) -> Iterator[dict | str]:
    """The list rows of the incidents ``keys`` walks, from the ``offset``-th, at most ``limit``;
    with ``coded``, each with its ``dataset_record`` (``coded_fields``), as the CSV needs.
    With ``stored`` (the public's export), a row is the incident's stored list row
    (incidents/rendered.py) where it has one: parsed, not built by PostgreSQL; for the CSV
    (``coded``), its stored line, a str the renderer writes as it is.

    A thread reads the next chunk, on a connection of its own, while the caller writes this one
    out: PostgreSQL and Python work on two cores at once. Inside a transaction (a test's),
    which another connection would not see, the chunks are read in turn instead."""
    sql = _ROWS_SQL.format(columns=LIST_ROW_SQL)

    def read(after, skip, left):
        """The rows of the chunk after the key ``after`` (None: the first, ``FIRST_CHUNK``
        long, so that it leaves soon), less ``skip``, at most ``left``; the key after which
        the next chunk starts (None: there is none) and how many rows are left to read."""
        size = CHUNK if after is not None else FIRST_CHUNK
        size = size if left is None else min(size, left)
        chunk = keys(after, skip, size)
        if not chunk:
            return [], None, left
        ids = [pk for _, pk in chunk]
        with connections[using].cursor() as cursor:
            found = {}
            if stored:
                # The CSV's stored lines are its rows as the renderer writes them (str); any
                # other format's are the stored list rows, parsed.
                cursor.execute(_STORED_CSV_SQL if coded else _STORED_SQL, [ids])
                found = {pk: line if coded else _load(line) for pk, line in cursor.fetchall()}
            missing = [pk for pk in ids if pk not in found]
            if missing:
                cursor.execute(sql, [missing])
                built = list(map(list_row, cursor.fetchall()))
                if coded:
                    add_dataset_records(cursor, built)
                found.update((row["id"], row) for row in built)
            rows = [found[pk] for pk in ids]
        left = None if left is None else left - len(chunk)
        return rows, None if len(chunk) < size or left == 0 else chunk[-1], left

    reader = None
    if not connections[using].in_atomic_block:
        reader = ThreadPoolExecutor(1, thread_name_prefix="export")
    submit = reader.submit if reader is not None else _now
    pending = submit(read, None, offset, limit)
    try:
        while pending is not None:
            rows, after, left = pending.result()
            pending = submit(read, after, 0, left) if after is not None else None
            yield from rows
    finally:
        if reader is not None:
            # The read under way (the client went away), then the thread's connection.
            if pending is not None:
                with contextlib.suppress(Exception):
                    pending.result()
            reader.submit(lambda: connections[using].close()).result()
            reader.shutdown()


def _now(function, *args) -> Future:
    """``function(*args)`` done at once, as a future."""
    done = Future()
    done.set_result(function(*args))
    return done
