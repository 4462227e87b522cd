"""`GET /api/incidents?actor=X`, the public's most common question, in one SQL statement.

The statement resolves the actor terms to the actors and their descendants, walks the
actor-incident index for the page's ids and the capped count, and reads those incidents with
their actors (PostgreSQL builds each row's actor list). One round trip instead of five, and no
model instances: PERFORMANCE.md measured both as what separates a DRF list from hand-written
SQL. Its rows are the list's rows exactly; tests/api/test_actor_page.py compares them with the
general path's. `?q=` alone is answered the same way (tests/api/test_search_page.py).
"""

from django.db import connections, router

from config.prepared import prepared_cursor
from incidents.api.serializers import INCIDENT_FIELDS
from incidents.models import ACTOR_NAMES_FUNCTION, ACTOR_TREE_CTE, Incident, actor_needles

# For the public's most common question, "an actor's incidents, newest first" (the
# IncidentActor table and its index; PERFORMANCE.md), two fragments of a WITH clause that
# follows a CTE `ids(ids bigint[])` holding the actors' ids:
# `page`: the ids of the public incidents of any of the actors, newest first, rows %(o)s to
# %(k)s - 1: each actor's own index gives its first %(k)s rows, and their union holds the
# answer (the top-N-per-group walk; a sort of every row of every actor is what it avoids).
# `counted`: how many public incidents involve any of them, counting at most %(cap)s.
PUBLIC_PAGE_CTES = """
page AS (
    SELECT incident_id FROM (
        SELECT DISTINCT top.incident_id, top.start_date
        FROM ids, unnest(ids.ids) AS actor(id)
        CROSS JOIN LATERAL (
            SELECT l.incident_id, l.start_date FROM incidents_incidentactor l
            WHERE l.actor_id = actor.id AND l.is_public
            ORDER BY l.start_date DESC, l.incident_id DESC LIMIT %(k)s
        ) AS top
    ) AS merged
    ORDER BY start_date DESC, incident_id DESC LIMIT %(k)s - %(o)s OFFSET %(o)s
),
counted AS MATERIALIZED (
    SELECT CASE WHEN cardinality(ids.ids) = 1 THEN (
        -- One actor's rows are distinct incidents already: an index-only count.
        SELECT count(*) FROM (
            SELECT 1 FROM incidents_incidentactor l
            WHERE l.actor_id = ids.ids[1] AND l.is_public LIMIT %(cap)s
        ) AS capped
    ) ELSE (
        -- Several actors' rows may name an incident twice. The incidents among the first
        -- %(cap)s rows are the answer when those were all the rows, or when they are %(cap)s
        -- already; else (a sample with repeats, of more rows) every row is counted.
        SELECT CASE WHEN sample.n_rows < %(cap)s OR sample.n_incidents = %(cap)s
            THEN sample.n_incidents
            ELSE (
                SELECT least(count(DISTINCT l.incident_id), %(cap)s)
                FROM incidents_incidentactor l
                WHERE l.actor_id = ANY(ids.ids) AND l.is_public
            ) END
        FROM (
            SELECT count(*) AS n_rows, count(DISTINCT incident_id) AS n_incidents FROM (
                SELECT l.incident_id FROM incidents_incidentactor l
                WHERE l.actor_id = ANY(ids.ids) AND l.is_public LIMIT %(cap)s
            ) AS capped
        ) AS sample
    ) END AS n
    FROM ids
)
"""


def _iso(column: str) -> str:
    """SQL writing a timestamp as DRF does: ISO 8601 in UTC, microseconds only when there
    are some, and Z (the database's text saves parsing and formatting in Python)."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        f"mod(date_part('microseconds', {utc})::bigint, 1000000) = 0 THEN '' "
        f"ELSE to_char({utc}, '.US') END || 'Z'"
    )


def _columns() -> str:
    dates = {"start_date", "end_date"}
    return ", ".join(
        f"to_char(i.{name}, 'YYYY-MM-DD') AS {name}" if name in dates else f"i.{name}"
        for name in INCIDENT_FIELDS
    )


# The list row of incident `i`, column by column as ``list_row`` names them: the facts, then
# its status, publication, public parent, actors (PostgreSQL builds the list) and timestamps.
LIST_ROW_SQL = f"""
    {_columns()},
    i.status,
    {_iso("i.published_at")},
    -- A scalar subquery, one probe of the primary key per row: the planner may turn an
    -- EXISTS into a hash of every published incident, which a page of 50 rows does not need.
    (
        SELECT parent.id FROM incidents_incident AS parent
        WHERE parent.id = i.parent_id AND parent.status = 'published'
          AND parent.deleted_at IS NULL
    ) AS public_parent_id,
    (
        SELECT coalesce(json_agg(json_build_object(
            'id', a.id, 'slug', a.slug, 'name', a.name, 'kind', a.kind, 'role', v.role,
            'attributed_by', b.slug
        ) ORDER BY v.id), '[]')
        FROM incidents_involvement AS v JOIN incidents_actor AS a ON a.id = v.actor_id
        LEFT JOIN incidents_actor AS b ON b.id = v.attributed_by_id
        WHERE v.incident_id = i.id AND v.deleted_at IS NULL
    ),
    {_iso("i.created_at")},
    {_iso("i.updated_at")}
"""

# After CTEs `page(incident_id)` (the page's ids) and `counted(n)` (the capped count): the
# count, and the page's incidents as the list shows them, in list order (one NULL row when the
# page is empty).
PAGE_ROWS = f"""
SELECT counted.n, rows.*
FROM counted LEFT JOIN LATERAL (
    SELECT {LIST_ROW_SQL}
    FROM page JOIN incidents_incident AS i ON i.id = page.incident_id
) AS rows ON true
ORDER BY rows.start_date COLLATE "C" DESC, rows.id DESC
"""


ACTOR_PAGE_SQL = f"""
WITH RECURSIVE {ACTOR_TREE_CTE},
ids AS (SELECT array_agg(id) AS ids FROM tree),
{PUBLIC_PAGE_CTES}
{PAGE_ROWS}"""

# `?q=` alone: the published incidents matching the search, in list order, which the listing
# index (status, start_date DESC, id DESC) gives without reading every match; the count reads
# at most %(cap)s matches, through the words' index.
SEARCH_PAGE_SQL = f"""
WITH page AS (
    SELECT i.id AS incident_id FROM incidents_incident AS i
    WHERE i.status = 'published' AND i.deleted_at IS NULL
      AND i.search_vector @@ websearch_to_tsquery('english', %(q)s)
    ORDER BY i.start_date DESC, i.id DESC LIMIT %(k)s - %(o)s OFFSET %(o)s
),
counted AS MATERIALIZED (
    SELECT count(*) AS n FROM (
        SELECT 1 FROM incidents_incident AS i
        WHERE i.status = 'published' AND i.deleted_at IS NULL
          AND i.search_vector @@ websearch_to_tsquery('english', %(q)s)
        LIMIT %(cap)s
    ) AS capped
)
{PAGE_ROWS}"""

_FACTS = len(INCIDENT_FIELDS)
_NAMES = (*INCIDENT_FIELDS, "status", "published_at", "parent_id", "actors")


def public_incidents_of(terms: list[str], offset: int, limit: int, cap: int):
    """Rows ``offset`` to ``offset + limit`` (one more if it exists, so that the caller knows
    whether a next page follows) of the published incidents that involve any actor ``terms``
    name, or their descendants, newest first, each as the incident list shows it; and how
    many such incidents there are, counting at most ``cap + 1``."""
    params = {"n": actor_needles(terms), "k": offset + limit + 1, "o": offset, "cap": cap + 1}
    return _page(ACTOR_PAGE_SQL, params)


def public_search(q: str, offset: int, limit: int, cap: int):
    """As ``public_incidents_of``, for the published incidents that match the full-text
    search ``q`` (SearchFilter's), in list order."""
    return _page(SEARCH_PAGE_SQL, {"q": q, "k": offset + limit + 1, "o": offset, "cap": cap + 1})


def _page(sql: str, params: dict):
    # Where the router sends the request's reads: a public read's replica.
    with connections[router.db_for_read(Incident)].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return rows[0][0], [list_row(row[1:]) for row in rows if row[1] is not None]  # none: NULL


def list_row(row: tuple) -> dict:
    """The list's row (the list serializer's dict) of the ``LIST_ROW_SQL`` columns ``row``."""
    data = dict(zip(_NAMES, row[: _FACTS + 4], strict=True))
    data["created_at"], data["updated_at"] = row[_FACTS + 4 : _FACTS + 6]
    return data


# `?actor=X` for one actor, from the links kept with the feed (incidents/trees.py): the term
# names one actor by the name index (%(n)s, lower case); the page is one range scan of its
# tree's links in list order, a date range and a country read from the same index entries;
# the count is the tree's exact count, or with a filter the capped count of the filtered
# links. Links lag the writes by a build: each row is checked against its incident.
TREE_PAGE_SQL = """
WITH named AS MATERIALIZED (
    SELECT min(id) AS id, count(*) AS actors FROM incidents_actor
    WHERE {names}(slug, name, aliases) && %(n)s::text[]
),
page AS (
    SELECT l.incident_id FROM incidents_treelink AS l
    WHERE l.ancestor_id = (SELECT id FROM named WHERE actors = 1) {filters}
    ORDER BY l.start_date DESC, l.incident_id DESC
    LIMIT %(k)s OFFSET %(o)s
),
counted AS MATERIALIZED (
    SELECT {count} AS n, (SELECT actors FROM named) AS actors,
        -- A write to an incident since the last build (its mark not yet taken): an incident
        -- of the tree may have been hidden, which the links and counts do not know yet.
        EXISTS (SELECT FROM incidents_changemark WHERE resource = 'incidents') AS pending
)
{rows}
"""
TREE_FILTERS = {
    "date_from": "AND l.last_date >= %(date_from)s",
    "date_to": "AND l.start_date <= %(date_to)s",
    "country": "AND (l.country = %(country)s "
    "OR l.other_countries @> ARRAY[%(country)s]::varchar[])",
}
TREE_COUNT = """coalesce((
    SELECT c.n FROM incidents_treecount AS c
    WHERE c.ancestor_id = (SELECT id FROM named WHERE actors = 1)
), 0)"""
FILTERED_COUNT = """(
    SELECT count(*) FROM (
        SELECT FROM incidents_treelink AS l
        WHERE l.ancestor_id = (SELECT id FROM named WHERE actors = 1) {filters}
        LIMIT %(cap)s
    ) AS capped
)"""
# The count, how many actors the term names, and the page's first %(limit)s rows: each
# incident's stored list row (incidents/rendered.py) joined as the page's JSON, in list order,
# by PostgreSQL; how many incidents the links gave (one more than the page when another page
# follows), how many of them are still public, and how many of those have a stored row.
TREE_ROWS = """
SELECT counted.n, counted.actors, counted.pending, rows.*
FROM counted CROSS JOIN LATERAL (
    SELECT string_agg(r.item, ',' ORDER BY page.n) FILTER (WHERE page.n <= %(limit)s) AS items,
        count(*) AS linked,
        count(i.id) AS public, count(r.item) AS stored
    FROM (SELECT incident_id, row_number() OVER () AS n FROM page) AS page
    LEFT JOIN incidents_incident AS i ON i.id = page.incident_id
        AND i.status = 'published' AND i.deleted_at IS NULL
    LEFT JOIN incidents_renderedincident AS r ON r.incident_id = i.id
) AS rows
"""


def tree_page_sql(filters: frozenset[str]) -> str:
    """The statement for a page with ``filters`` (names in ``TREE_FILTERS``)."""
    where = " ".join(TREE_FILTERS[name] for name in sorted(filters))
    return TREE_PAGE_SQL.format(
        names=ACTOR_NAMES_FUNCTION,
        filters=where,
        count=FILTERED_COUNT.format(filters=where) if filters else TREE_COUNT,
        rows=TREE_ROWS,
    )


def public_incidents_of_one(term: str, offset: int, limit: int, cap: int, **filters):
    """For one term naming one actor, from its tree's links, with ``filters`` (``date_from``,
    ``date_to``, ``country``; None or empty: none): how many public incidents it has (exact
    without a filter, else counting at most ``cap + 1``), rows ``offset`` to ``offset +
    limit`` as the list's JSON rows joined by commas, and whether more follow. None when the
    term does not name exactly one actor, or the links or renderings lag a write."""
    given = {name: value for name, value in filters.items() if value}
    with prepared_cursor(router.db_for_read(Incident)) as cursor:
        cursor.execute(
            tree_page_sql(frozenset(given)),
            {
                "n": actor_needles([term]),
                "k": limit + 1,
                "o": offset,
                "cap": cap + 1,
                "limit": limit,
                **given,
            },
        )
        count, actors, pending, items, linked, public, stored = cursor.fetchone()
    # The links and counts lag the writes by a build (usually well under a second): while a
    # write to an incident waits for it, or the page holds an incident being rendered again,
    # the general path answers, so no count or row tells of an incident hidden since.
    if actors != 1 or pending or not linked == public == stored:
        return None
    return count, items or "", linked > limit
