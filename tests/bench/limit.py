"""The benchmark's limit: the service's own bytes from the best read structures we can build.

The baseline (baseline.py) runs the service's query design by hand; a ratio near 1x against it
says only that Django adds little to that design. This server asks how fast the same bytes can
be served at all: it answers the operations `make bench` measures byte for byte as the service
does (the bench checks a sample and leaves out any operation that differs), from tables it
builds once in the bench database's schema `bench_limit`, derived from the service's tables:

- `item(id, body)`: each public incident's list row, rendered once by the service's own
  serializer and renderer; a page is `string_agg` of its rows' bodies, returned as bytes;
- `detail(id, body)`: each public incident's detail, rendered the same way;
- `tree_link(root_id, start_date, incident_id)`: every actor with each public incident of
  itself or of a descendant, once, with a unique index in list order: any page of any actor
  is one index range scan; `tree_count(root_id, n)`: the exact count per tree;
- `term_root(term, root_id)`: an actor's slug, name and aliases (lower case) to the actor;
- `change(id, body)`: each entry of the feed, rendered in SQL.

Statements are prepared on first use. It serves no writes: the tables are what the service's
tables held when they were built (the rendered rows are kept between runs and rendered again
with `BENCH_LIMIT_REBUILD=1`; the rest is rebuilt on each start, in seconds).

Build: DATABASE_URL=... python -m tests.bench.limit build
Run:   DATABASE_URL=... uvicorn tests.bench.limit:app --port 8002
"""

import json
import os
import re
import sys
import time
from base64 import b64decode, b64encode
from urllib.parse import parse_qs, urlencode

from psycopg_pool import AsyncConnectionPool

from tests.bench.baseline import _with

SCHEMA = "bench_limit"
COUNT_LIMIT = 10_000  # config/api/pagination.py: counts past it are null
SEARCH_COUNT_LIMIT = 1_000  # the same for a search (`q`)
CHUNK = 2_000

RENDERED = f"""
DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
CREATE SCHEMA {SCHEMA};
CREATE TABLE {SCHEMA}.item (id bigint PRIMARY KEY, body text NOT NULL);
CREATE TABLE {SCHEMA}.detail (id bigint PRIMARY KEY, body text NOT NULL);
"""

# Built in seconds, so built again on every start (the feed grows as build_feed catches up).
DERIVED = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
DROP TABLE IF EXISTS {SCHEMA}.actor_tree, {SCHEMA}.tree_link, {SCHEMA}.tree_count,
    {SCHEMA}.term_root, {SCHEMA}.change;
CREATE TABLE {SCHEMA}.actor_tree AS
    WITH RECURSIVE t(root_id, id) AS (
        SELECT id, id FROM incidents_actor
        UNION
        SELECT t.root_id, c.id FROM t JOIN incidents_actor c ON c.parent_id = t.id
    )
    SELECT root_id, id FROM t;
CREATE TABLE {SCHEMA}.tree_link AS
    SELECT DISTINCT t.root_id, l.start_date, l.incident_id
    FROM {SCHEMA}.actor_tree t JOIN incidents_incidentactor l ON l.actor_id = t.id
    WHERE l.is_public;
CREATE UNIQUE INDEX tree_link_order
    ON {SCHEMA}.tree_link (root_id, start_date DESC, incident_id DESC);
CREATE TABLE {SCHEMA}.tree_count AS
    SELECT root_id, count(*) AS n FROM {SCHEMA}.tree_link GROUP BY root_id;
ALTER TABLE {SCHEMA}.tree_count ADD PRIMARY KEY (root_id);
CREATE TABLE {SCHEMA}.term_root AS
    SELECT DISTINCT term, id AS root_id
    FROM incidents_actor, unnest(incidents_actor_names(slug, name, aliases)) AS term;
CREATE INDEX term_root_term ON {SCHEMA}.term_root (term);
CREATE TABLE {SCHEMA}.change AS
    SELECT id, '{{"resource":' || to_json(resource) || ',"id":' || object_id
        || ',"action":' || to_json(action) || ',"at":"'
        || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN mod(date_part('microseconds', at AT TIME ZONE 'UTC')::bigint, 1000000) = 0
           THEN '' ELSE to_char(at AT TIME ZONE 'UTC', '.US') END
        || 'Z","merged_into":' || coalesce(merged_into::text, 'null') || '}}' AS body
    FROM incidents_change;
ALTER TABLE {SCHEMA}.change ADD PRIMARY KEY (id);
"""


def derive(conn) -> None:
    conn.execute(DERIVED)
    # Vacuumed for index-only scans of the links (a statement of its own: not in a block).
    conn.execute(f"VACUUM ANALYZE {SCHEMA}.tree_link, {SCHEMA}.tree_count, {SCHEMA}.term_root")
    conn.execute(f"VACUUM ANALYZE {SCHEMA}.change")


def build(url: str) -> None:
    """Create the schema's tables from the service's (rendering rows with its serializers)."""
    import django
    import psycopg

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from rest_framework.renderers import JSONRenderer

    from incidents.api import serializers
    from incidents.models import Incident

    render = JSONRenderer().render
    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        rendered = conn.execute(
            "SELECT to_regclass(%s) IS NOT NULL", [f"{SCHEMA}.detail"]
        ).fetchone()[0]
        render_again = not rendered or os.environ.get("BENCH_LIMIT_REBUILD")
        if render_again:
            conn.execute(RENDERED)
        derive(conn)
        print(f"[limit] links, counts, terms, feed: {time.monotonic() - started:.0f} s", flush=True)
        if not render_again:
            print(f"[limit] reusing the rendered rows in {SCHEMA}", flush=True)
            return
        public = Incident.objects.public()
        ids = list(public.order_by("id").values_list("id", flat=True))
        if _copy_stored_renderings(conn, len(ids)):
            print(f"[limit] built in {time.monotonic() - started:.0f} s", flush=True)
            return
        for kind, table, queryset, serializer in (
            ("list rows", "item", public.for_listing(), serializers.IncidentSerializer),
            ("details", "detail", public.with_evidence(), serializers.IncidentDetailSerializer),
        ):
            began = time.monotonic()
            with conn.cursor().copy(f"COPY {SCHEMA}.{table} (id, body) FROM STDIN") as copy:
                for start in range(0, len(ids), CHUNK):
                    chunk = list(queryset.filter(id__in=ids[start : start + CHUNK]))
                    for incident, data in zip(
                        chunk, serializer(chunk, many=True).data, strict=True
                    ):
                        copy.write_row((incident.pk, render(data).decode()))
            rate = len(ids) / max(time.monotonic() - began, 1e-9)
            print(f"[limit] {len(ids):,} {kind} rendered, {rate:,.0f}/s", flush=True)
        conn.execute(f"ANALYZE {SCHEMA}.item, {SCHEMA}.detail")
    print(f"[limit] built in {time.monotonic() - started:.0f} s", flush=True)


def _copy_stored_renderings(conn, public: int) -> bool:
    """Fill ``item`` and ``detail`` from the service's stored renderings when it holds one
    for every public incident (the same bytes, which tests/api/test_rendered.py holds to the
    serializers): seconds instead of rendering a million details with the serializers."""
    stored = conn.execute(
        """SELECT count(*) FROM incidents_renderedincident r
           JOIN incidents_incident i ON i.id = r.incident_id
           WHERE i.status = 'published' AND i.deleted_at IS NULL"""
    ).fetchone()[0]
    if stored != public:
        return False
    for table, column in (("item", "item"), ("detail", "detail")):
        conn.execute(
            f"INSERT INTO {SCHEMA}.{table} (id, body) "
            f"SELECT incident_id, {column} FROM incidents_renderedincident"
        )
    conn.execute(f"ANALYZE {SCHEMA}.item, {SCHEMA}.detail")
    print(f"[limit] {public:,} list rows and details copied from the stored renderings")
    return True


ACTOR_PAGE = f"""
SELECT (SELECT n FROM {SCHEMA}.tree_count WHERE root_id = %(root)s),
       (SELECT string_agg(i.body, ',' ORDER BY p.start_date DESC, p.incident_id DESC)
        FROM (SELECT start_date, incident_id FROM {SCHEMA}.tree_link
              WHERE root_id = %(root)s
              ORDER BY start_date DESC, incident_id DESC LIMIT %(limit)s OFFSET %(offset)s) p
        JOIN {SCHEMA}.item i ON i.id = p.incident_id)
"""

# `date_from`: still going on then; `date_to`: begun by then; the country is the main one or
# one of the others (incidents/api/filters.py).
FILTERED = f"""
WITH hits AS (
    SELECT l.start_date, l.incident_id FROM {SCHEMA}.tree_link l
    JOIN incidents_incident x ON x.id = l.incident_id
    WHERE l.root_id = %(root)s AND l.start_date <= %(to)s
      AND (x.end_date >= %(from)s OR x.end_date IS NULL AND x.start_date >= %(from)s)
      AND (x.country = %(country)s OR x.other_countries @> ARRAY[%(country)s]::varchar[])
    ORDER BY l.start_date DESC, l.incident_id DESC
)
SELECT (SELECT count(*) FROM (SELECT 1 FROM hits LIMIT {COUNT_LIMIT + 1}) c),
       (SELECT string_agg(i.body, ',' ORDER BY p.start_date DESC, p.incident_id DESC)
        FROM (SELECT * FROM hits LIMIT %(limit)s OFFSET %(offset)s) p
        JOIN {SCHEMA}.item i ON i.id = p.incident_id),
       EXISTS (SELECT 1 FROM hits OFFSET %(limit)s + %(offset)s)
"""

# The service's search (config/api/filters.py SearchFilter): the matches in list order, which
# the list index gives a page of, counted up to SEARCH_COUNT_LIMIT.
SEARCH = f"""
WITH hits AS (
    SELECT x.id, x.start_date
    FROM incidents_incident x, websearch_to_tsquery('english', %(q)s) q
    WHERE x.search_vector @@ q AND x.status = 'published' AND x.deleted_at IS NULL
)
SELECT (SELECT count(*) FROM (SELECT 1 FROM hits LIMIT {SEARCH_COUNT_LIMIT + 1}) c),
       (SELECT string_agg(i.body, ',' ORDER BY p.start_date DESC, p.id DESC)
        FROM (SELECT * FROM hits ORDER BY start_date DESC, id DESC
              LIMIT %(limit)s OFFSET %(offset)s) p
        JOIN {SCHEMA}.item i ON i.id = p.id),
       EXISTS (SELECT 1 FROM hits OFFSET %(limit)s + %(offset)s)
"""

CHANGES = f"""
SELECT array_agg(id ORDER BY id), string_agg(body, ',' ORDER BY id)
FROM (SELECT id, body FROM {SCHEMA}.change WHERE id > %(after)s ORDER BY id LIMIT %(limit)s) p
"""

# Prepared on first use on each connection (prepare_threshold 0); JIT off as the service's.
pool = AsyncConnectionPool(
    os.environ["DATABASE_URL"],
    min_size=int(os.environ.get("LIMIT_POOL", "4")),
    max_size=int(os.environ.get("LIMIT_POOL", "4")),
    kwargs={"options": "-c timezone=UTC -c jit=off", "prepare_threshold": 0},
    open=False,
)


async def one(sql: str, params: dict) -> tuple:
    async with pool.connection() as conn:
        cursor = await conn.execute(sql, params)
        return await cursor.fetchone()


def envelope(count, next_url, previous_url, rows: str | None) -> bytes:
    head = json.dumps(
        {"count": count, "next": next_url, "previous": previous_url},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return f'{head[:-1]},"results":[{rows or ""}]}}'.encode()


def page(
    url: str, limit: int, offset: int, count, has_next: bool, rows, cap: int = COUNT_LIMIT
) -> bytes:
    """A limit/offset page as StrictLimitOffsetPagination writes it (config/api/pagination.py)."""
    previous = None
    if offset > 0:
        previous = _with(url, limit=limit, offset=None if offset - limit <= 0 else offset - limit)
    following = _with(url, limit=limit, offset=offset + limit) if has_next else None
    return envelope(count if count <= cap else None, following, previous, rows)


async def incidents(url: str, params: dict) -> bytes | None:
    limit = int(params.pop("limit", "50"))
    offset = int(params.pop("offset", "0"))
    if "q" in params and not params.keys() - {"q"}:
        count, rows, more = await one(SEARCH, {"q": params["q"], "limit": limit, "offset": offset})
        return page(url, limit, offset, count, more, rows, cap=SEARCH_COUNT_LIMIT)
    if "actor" not in params or "," in params["actor"]:
        return None
    root = await one(
        f"SELECT min(root_id), count(DISTINCT root_id) FROM {SCHEMA}.term_root WHERE term = %s",
        [params["actor"].strip().lower()],
    )
    if root[1] != 1:
        return None  # no actor or several: not served here
    if params.keys() == {"actor"}:
        count, rows = await one(ACTOR_PAGE, {"root": root[0], "limit": limit, "offset": offset})
        count = count or 0
        return page(url, limit, offset, count, count > offset + limit, rows)
    if params.keys() == {"actor", "country", "date_from", "date_to"}:
        values = {
            "root": root[0],
            "country": params["country"],
            "from": params["date_from"],
            "to": params["date_to"],
            "limit": limit,
            "offset": offset,
        }
        count, rows, more = await one(FILTERED, values)
        return page(url, limit, offset, count, more, rows)
    return None


def cursor(position: int, reverse: bool = False) -> str:
    """A cursor as StrictCursorPagination writes it (config/api/pagination.py)."""
    tokens = {"r": "1"} if reverse else {}
    tokens["p"] = str(position)
    return b64encode(urlencode(tokens).encode("ascii")).decode("ascii")


async def changes(url: str, params: dict) -> bytes | None:
    """A page of the feed as DRF's CursorPagination writes it, ordered by id."""
    after = None
    if raw := params.get("cursor"):
        tokens = parse_qs(b64decode(raw.encode()).decode())
        if "r" in tokens or "o" in tokens:
            return None
        after = int(tokens["p"][0])
    limit = int(params.get("limit", "100"))
    ids, rows = await one(CHANGES, {"after": after or 0, "limit": limit + 1})
    ids = ids or []
    if len(ids) > limit:
        # The body of the extra row is dropped: bodies are joined by "," and hold none at
        # their top level, so the page is everything before the last "},{" split.
        rows = rows[: rows.rindex(',{"resource":')]
    following = _with(url, cursor=cursor(ids[limit - 1])) if len(ids) > limit else None
    previous = _with(url, cursor=cursor(ids[0], reverse=True)) if after and ids else None
    head = json.dumps({"next": following, "previous": previous}, separators=(",", ":"))
    return f'{head[:-1]},"results":[{rows or ""}]}}'.encode()


async def respond(path: str, url: str, query: str) -> tuple[int, bytes]:
    params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    if path == "/api/incidents":
        body = await incidents(url, params)
    elif match := re.fullmatch(r"/api/incidents/([0-9]{1,18})", path):
        found = await one(
            f"SELECT body FROM {SCHEMA}.detail WHERE id = %(id)s", {"id": int(match[1])}
        )
        body = found and found[0].encode()
    elif path == "/api/changes":
        body = await changes(url, params)
    else:
        body = None
    if body is None:
        return 404, b'{"detail":"not served by the limit server"}'
    return 200, body


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await pool.open(wait=True)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    host = dict(scope["headers"]).get(b"host", b"localhost").decode()
    query = scope["query_string"].decode()
    url = f"http://{host}{scope['path']}" + (f"?{query}" if query else "")
    status, body = await respond(scope["path"].rstrip("/"), url, query)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


if __name__ == "__main__" and sys.argv[1:] == ["build"]:
    build(os.environ["DATABASE_URL"])
