"""Keeping stored renderings: each public incident's detail and list row (``RenderedIncident``)
and each public actor's, source's, quote's, statement's and casualty report's detail
(``RenderedRecord``), as the bytes the snapshot sends and the detail endpoints answer.

A trigger withdraws an incident's row in the transaction of a write that touches the incident
(migration 0030). The feed's worker renders rows again in the transaction that announces the
changes (``refresh``, ``refresh_records``, from ``incidents.changes``), so an entry on
``/api/changes`` is never ahead of the rendering a reader gets; and it renders any public
record that has no row (``sweep``, ``sweep_records``: a ledger that predates the tables, or a
row a race left out). Rendering goes through the snapshot's set-based reader, which
tests/api/test_snapshot.py holds to the detail endpoints, and the same JSON renderer as a
response: the stored bytes are the general path's bytes, and tests/api/test_rendered.py
compares them after random curated writes.

Why a ``RenderedRecord`` is always the public state the feed has announced, or newer:

* ``_announce`` decides, per resource, the candidates whose content or visibility a batch of
  marks may have changed: the same sets its entries are made from. Each candidate's row is
  deleted and, if the record is public, rendered again from the state the builder's
  transaction sees, in that transaction. Entries, ``FeedState`` and rows commit together, under
  the builder's lock; a reader sees all of a build or none of it.
* A record whose representation changes has a mark (its own, or one the feed expands to it),
  so it is a candidate of a later build: until then its row is the state last announced, which
  is what a mirror holds, and the entry that follows tells the mirror to fetch it again.
* A record with no row is rendered by whoever reads it (the snapshot renders it in its
  stream), so a missing row costs time, never correctness.

The snapshot reads the rows in its REPEATABLE READ transaction with the feed's position: a
row is the state at that position or (rendered in the stream) later; every record whose
state differs has an entry above the position, which a mirror replays.
"""

import functools
import hashlib
import logging
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Exists, OuterRef
from rest_framework.renderers import JSONRenderer

from config.prepared import prepared_cursor
from incidents.api.exporting import add_dataset_records
from incidents.api.renderers import csv_lines
from incidents.api.serializers import INCIDENT_FIELDS
from incidents.models import Incident, RenderedIncident, RenderedRecord
from incidents.snapshot import BATCH, MODELS, _encode, _Reader

logger = logging.getLogger(__name__)
_render = JSONRenderer().render
TABLE = RenderedIncident._meta.db_table
RECORDS = RenderedRecord._meta.db_table


def etag(body: bytes) -> str:
    """The ETag of a JSON body, as ``config.api.views.etag_of`` makes it from the data."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def list_row(detail: dict) -> dict:
    """The incident's row of the list (``IncidentSerializer.row``) from its detail."""
    row = {name: detail[name] for name in INCIDENT_FIELDS}
    parent = detail["parent"]
    row.update(
        status=detail["status"],
        published_at=detail["published_at"],
        parent_id=None if parent is None else parent["id"],
        actors=[
            {
                **{name: claim["actor"][name] for name in ("id", "slug", "name", "kind")},
                "role": claim["role"],
                "attributed_by": (claim["attributed_by"] or {}).get("slug"),
            }
            for claim in detail["involvements"]
        ],
        created_at=detail["created_at"],
        updated_at=detail["updated_at"],
    )
    return row


def stored_detail(lookup: dict) -> tuple[str, str] | None:
    """The stored detail and ETag of the public incident ``lookup`` finds (``{"pk": 1}``,
    ``{"slug": "..."}``), if it is public and rendered: one statement, on the database the
    router gives public reads. Public is decided by ``Incident.objects.public()`` in the same
    statement, so a rendering never outlives its incident's publication."""
    ((field, value),) = lookup.items()
    sql, params, at = _detail_statement(field)
    params = [*params[:at], value, *params[at + 1 :]]
    with prepared_cursor(router.db_for_read(RenderedIncident)) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


_UNSET = {"pk": -1, "slug": "\x00"}  # a value no lookup is given, marking its parameter


@functools.cache
def _detail_statement(field: str) -> tuple[str, tuple, int]:
    """``stored_detail``'s statement for a lookup by ``field``, compiled once by the ORM
    (its compilation cost more than the statement): the SQL, its parameters, and where among
    them the looked-up value goes."""
    public = Incident.objects.public().filter(**{field: _UNSET[field]}).values("pk")
    found = RenderedIncident.objects.filter(incident_id__in=public).values_list("detail", "etag")
    sql, params = found.query.sql_with_params()
    return sql, params, params.index(_UNSET[field])


def refresh(ids: Iterable[int], using: str = DEFAULT_DB_ALIAS, consumed: Iterable[int] = ()) -> int:
    """Render again those of the incidents ``ids`` that are public and drop the rows of the
    others; return how many were rendered. ``consumed``: the ids of the change marks the
    calling build announces (see ``_store``)."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE incident_id = ANY(%s)", [ids])
    reader, rendered = _Reader(using), 0
    for start in range(0, len(ids), BATCH):
        records = reader.incidents_among(ids[start : start + BATCH])
        rendered += _store(records, using, consumed)
    return rendered


def sweep(after: int = 0, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Render the first batch of public incidents after id ``after`` that have no row (or a
    row from before the CSV line was stored);
    return how many were rendered and the last id looked at (0: none was left)."""
    missing = list(
        Incident.objects.using(using)
        .public()
        .filter(pk__gt=after)
        .filter(
            ~Exists(RenderedIncident.objects.filter(incident_id=OuterRef("pk"), csv__isnull=False))
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not missing:
        return 0, 0
    return _store(_Reader(using).incidents_among(missing), using), missing[-1]


# The incidents a change mark other than those %(consumed)s withdraws the rendering of, as
# the trigger of migration 0030 does: the marked, the children of the marked, and those of
# the marked statements.
_DIRTY_SQL = """
WITH pending AS MATERIALIZED (
    SELECT resource, object_id FROM incidents_changemark
    WHERE resource IN ('incidents', 'statements')
        -- a hashed anti-join: a build consumes thousands of marks
        AND id NOT IN (SELECT unnest(%(consumed)s::bigint[]))
), dirty AS (
    SELECT object_id AS id FROM pending WHERE resource = 'incidents'
    UNION SELECT i.id FROM pending m JOIN incidents_incident i ON i.parent_id = m.object_id
    WHERE m.resource = 'incidents'
    UNION SELECT l.incident_id FROM pending m
    JOIN incidents_statement_incidents l ON l.statement_id = m.object_id
    WHERE m.resource = 'statements'
)
"""


def _store(records: list[dict], using: str, consumed: Iterable[int] = ()) -> int:
    """Store the renderings of ``records``, but not of an incident that a write committed
    since they were read has touched (a change mark other than those ``consumed`` by the
    calling build): that write's trigger found no row to withdraw, and the rendering is of
    the state before it. Such an incident stays unrendered (the general path answers) until
    the build that announces the write renders it. The INSERT reads the marks in a snapshot
    of its own, taken after the records were read."""
    if not records:
        return 0
    details = [_render(record) for record in records]
    rows = [list_row(record) for record in records]
    items = [_render(row).decode() for row in rows]
    with connections[using].cursor() as cursor:
        add_dataset_records(cursor, rows)
        cursor.execute(
            f"""
            {_DIRTY_SQL}
            INSERT INTO {TABLE} (incident_id, start_date, detail, etag, item, csv)
            SELECT * FROM unnest(
                %(ids)s::bigint[], %(dates)s::date[], %(details)s::text[], %(etags)s::text[],
                %(items)s::text[], %(csv)s::text[]
            ) AS r(id)
            WHERE r.id NOT IN (SELECT id FROM dirty)
            ON CONFLICT (incident_id) DO UPDATE SET start_date = excluded.start_date,
                detail = excluded.detail, etag = excluded.etag, item = excluded.item,
                csv = excluded.csv, rendered_at = now()
            """,
            {
                "consumed": sorted(consumed),
                "ids": [record["id"] for record in records],
                "dates": [record["start_date"] for record in records],
                "details": [body.decode() for body in details],
                "etags": [etag(body) for body in details],
                "items": items,
                "csv": csv_lines(rows),
            },
        )
        return cursor.rowcount


def refresh_records(resource: str, ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> int:
    """Render again those of the records ``ids`` of ``resource`` (not incidents) that are
    public and drop the rows of the others; return how many were rendered. Each is read by
    id: the cost follows the records, not the tables."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {RECORDS} WHERE resource = %s AND object_id = ANY(%s)", [resource, ids]
        )
    reader, rendered = _Reader(using), 0
    for start in range(0, len(ids), BATCH):
        records = reader.among(resource, ids[start : start + BATCH])
        rendered += _store_records(resource, records, using)
    return rendered


def render_all(resource: str, using: str = DEFAULT_DB_ALIAS) -> int:
    """Render every public record of ``resource`` (not incidents), walking its table as the
    snapshot did before it had rows; for a ledger whose feed is built in bulk, where none has
    a row. Return how many were rendered."""
    rendered = 0
    for records in _Reader(using).batches(resource):
        rendered += _store_records(resource, records, using)
    return rendered


def sweep_records(resource: str, after: int = 0, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Render the first batch of public records of ``resource`` (not incidents) after id
    ``after`` that have no row; return how many were rendered and the last id looked at (0:
    none was left)."""
    stored = RenderedRecord.objects.filter(resource=resource, object_id=OuterRef("pk"))
    missing = list(
        MODELS[resource]
        .objects.using(using)
        .public()
        .filter(pk__gt=after)
        .filter(~Exists(stored))
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    if not missing:
        return 0, 0
    return _store_records(resource, _Reader(using).among(resource, missing), using), missing[-1]


def _store_records(resource: str, records: list[dict], using: str) -> int:
    if not records:
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {RECORDS} (resource, object_id, body)
            SELECT %s, * FROM unnest(%s::bigint[], %s::text[])
            ON CONFLICT (resource, object_id) DO UPDATE SET body = excluded.body
            """,
            [resource, [record["id"] for record in records], [_encode(r) for r in records]],
        )
    return len(records)
