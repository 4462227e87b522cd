"""The benchmark's baseline: the incident list by actor, by hand.

A minimal ASGI app with a psycopg 3 pool that answers `GET /api/incidents?actor=X[&limit=&offset=]`
with one hand-written SQL statement per request and builds, in Python with the standard json
module, byte for byte the JSON the project serves for the same URL. It is what the project is
measured against: the cost of the same answer with nothing but the database and a dict.

Run: DATABASE_URL=... uvicorn tests.bench.baseline:app --port 8001
"""

import json
import os
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from psycopg.rows import tuple_row
from psycopg_pool import AsyncConnectionPool

COUNT_LIMIT = 10_000
FIELDS = [
    "id",
    "slug",
    "title",
    "type",
    "sub_type",
    "start_date",
    "end_date",
    "date_precision",
    "country",
    "other_countries",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
    "civilian_deaths_min",
    "civilian_deaths_max",
    "civilian_injuries_min",
    "civilian_injuries_max",
    "weapons",
    "acled_event_id",
    "ucdp_ged_id",
    "airwars_code",
    "civilian_harm_grade",
    "attribution_grade",
    "status",
    "published_at",
]
COLUMNS = ", ".join(f"i.{name}" for name in FIELDS)

SQL = f"""
WITH RECURSIVE tree AS (
    SELECT id FROM incidents_actor
    WHERE lower(slug) = ANY(%(terms)s) OR lower(name) = ANY(%(terms)s)
       OR EXISTS (SELECT 1 FROM unnest(aliases) AS a WHERE lower(a) = ANY(%(terms)s))
    UNION
    SELECT c.id FROM incidents_actor c JOIN tree ON c.parent_id = tree.id
), ids AS (
    SELECT array_agg(id) AS ids FROM tree
), page AS (
    SELECT incident_id FROM (
        SELECT DISTINCT top.incident_id, top.start_date
        FROM ids, unnest(ids.ids) AS actor(id)
        CROSS JOIN LATERAL (
            SELECT l.incident_id, l.start_date FROM incidents_incidentactor l
            WHERE l.actor_id = actor.id AND l.is_public
            ORDER BY l.start_date DESC, l.incident_id DESC LIMIT %(offset)s + %(limit)s + 1
        ) AS top
    ) AS merged
    ORDER BY start_date DESC, incident_id DESC LIMIT %(limit)s + 1 OFFSET %(offset)s
)
SELECT counted.n, rows.*
FROM (
    SELECT CASE WHEN sample.n_rows <= {COUNT_LIMIT} OR sample.n_incidents > {COUNT_LIMIT}
        THEN sample.n_incidents
        ELSE (
            SELECT count(DISTINCT l.incident_id) FROM incidents_incidentactor l, ids
            WHERE l.actor_id = ANY(ids.ids) AND l.is_public
        ) END AS n
    FROM (
        SELECT count(*) AS n_rows, count(DISTINCT incident_id) AS n_incidents FROM (
            SELECT l.incident_id FROM incidents_incidentactor l, ids
            WHERE l.actor_id = ANY(ids.ids) AND l.is_public LIMIT {COUNT_LIMIT + 1}
        ) AS capped_ids
    ) AS sample
) AS counted
LEFT JOIN LATERAL (
    SELECT
        {COLUMNS},
        CASE WHEN EXISTS (
            SELECT 1 FROM incidents_incident p
            WHERE p.id = i.parent_id AND p.status = 'published' AND p.deleted_at IS NULL
        ) THEN i.parent_id END,
        (SELECT coalesce(json_agg(json_build_array(a.id, a.slug, a.name, a.kind, v.role, b.slug)
                                  ORDER BY v.id), '[]')
           FROM incidents_involvement v JOIN incidents_actor a ON a.id = v.actor_id
           LEFT JOIN incidents_actor b ON b.id = v.attributed_by_id
          WHERE v.incident_id = i.id AND v.deleted_at IS NULL),
        i.created_at, i.updated_at
    FROM page JOIN incidents_incident i ON i.id = page.incident_id
) AS rows ON true
ORDER BY rows.start_date DESC, rows.id DESC
"""

# Asynchronous, so that a worker serves other requests while PostgreSQL works on one; JIT off,
# as the project's connections have it (DATABASE_SESSION_OPTIONS).
pool = AsyncConnectionPool(
    os.environ["DATABASE_URL"],
    min_size=1,
    max_size=int(os.environ.get("BASELINE_POOL", "4")),
    kwargs={"options": "-c timezone=UTC -c jit=off"},
    open=False,
)


def _iso(value):
    if isinstance(value, datetime):
        text = value.astimezone(UTC).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    return value


def _with(url: str, **params) -> str:
    scheme, netloc, path, query, fragment = urlsplit(url)
    values = parse_qs(query, keep_blank_values=True)
    for key, value in params.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = [str(value)]
    return urlunsplit(
        (scheme, netloc, path, urlencode(sorted(values.items()), doseq=True), fragment)
    )


async def incident_list(url: str, params: dict) -> dict:
    terms = sorted({t.strip().lower() for t in params["actor"][0].split(",") if t.strip()})
    limit = int(params.get("limit", ["50"])[0])
    offset = int(params.get("offset", ["0"])[0])
    async with pool.connection() as conn, conn.cursor(row_factory=tuple_row) as cursor:
        await cursor.execute(SQL, {"terms": terms, "limit": limit, "offset": offset})
        rows = await cursor.fetchall()
    count = rows[0][0]
    rows = [row for row in rows if row[1] is not None]  # an empty page is one row of NULLs
    has_next = len(rows) > limit
    results = []
    for row in rows[:limit]:
        item = {name: _iso(value) for name, value in zip(FIELDS, row[1:-4], strict=True)}
        item["parent_id"] = row[-4]
        item["actors"] = [
            {
                "id": a[0],
                "slug": a[1],
                "name": a[2],
                "kind": a[3],
                "role": a[4],
                "attributed_by": a[5],
            }
            for a in row[-3]
        ]
        item["created_at"], item["updated_at"] = _iso(row[-2]), _iso(row[-1])
        results.append(item)
    previous = None
    if offset > 0:
        previous = _with(url, limit=limit, offset=None if offset - limit <= 0 else offset - limit)
    return {
        "count": count if count <= COUNT_LIMIT else None,
        "next": _with(url, limit=limit, offset=offset + limit) if has_next else None,
        "previous": previous,
        "results": results,
    }


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
    headers = dict(scope["headers"])
    host = headers.get(b"host", b"localhost").decode()
    query = scope["query_string"].decode()
    url = f"http://{host}{scope['path']}" + (f"?{query}" if query else "")
    params = parse_qs(query)
    if scope["path"].rstrip("/") != "/api/incidents" or "actor" not in params:
        body, status = b'{"detail":"not served by the baseline"}', 404
    else:
        body = json.dumps(
            await incident_list(url, params), ensure_ascii=False, separators=(",", ":")
        ).encode()
        status = 200
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})
