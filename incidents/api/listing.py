"""`GET /api/incidents?actor=X`, the public's most common question, in one SQL statement.

The statement resolves the actor terms to the actors and their descendants, walks the
actor-incident index for the page's ids and the capped count, and reads those incidents with
their actors (PostgreSQL builds each row's actor list). One round trip instead of five, and no
model instances: PERFORMANCE.md measured both as what separates a DRF list from hand-written
SQL. Its rows are the list's rows exactly; tests/api/test_actor_page.py compares them with the
general path's.
"""

from django.db import connections, router

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


# The rows of a page: ``page(incident_id)``'s incidents as the list shows them, beside the
# count ``counted(n)``, newest first; one row of NULLs beside the count when the page is empty.
# {still_public}: a condition on each incident, for a page from links that may lag the writes.
ROWS_SQL = f"""
SELECT counted.n, rows.*
FROM counted LEFT JOIN LATERAL (
    SELECT
        {_columns()},
        i.status,
        {_iso("i.published_at")},
        CASE WHEN EXISTS (
            SELECT 1 FROM incidents_incident AS parent
            WHERE parent.id = i.parent_id AND parent.status = 'published'
              AND parent.deleted_at IS NULL
        ) THEN i.parent_id END,
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
    FROM page JOIN incidents_incident AS i ON i.id = page.incident_id
    {{still_public}}
) AS rows ON true
ORDER BY rows.start_date COLLATE "C" DESC, rows.id DESC
"""

ACTOR_PAGE_SQL = f"""
WITH RECURSIVE {ACTOR_TREE_CTE},
ids AS (SELECT array_agg(id) AS ids FROM tree),
{PUBLIC_PAGE_CTES}
{ROWS_SQL.format(still_public="")}
"""

_FACTS = len(INCIDENT_FIELDS)
_NAMES = (*INCIDENT_FIELDS, "status", "published_at", "parent_id", "actors")


def public_incidents_of(terms: list[str], offset: int, limit: int, cap: int):
    """Rows ``offset`` to ``offset + limit`` (one more if it exists, so that the caller knows
    whether a next page follows) of the published incidents that involve any actor ``terms``
    name, or their descendants, newest first, each as the incident list shows it; and how
    many such incidents there are, counting at most ``cap + 1``."""
    # Where the router sends the request's reads: a public read's replica.
    with connections[router.db_for_read(Incident)].cursor() as cursor:
        cursor.execute(
            ACTOR_PAGE_SQL,
            {"n": actor_needles(terms), "k": offset + limit + 1, "o": offset, "cap": cap + 1},
        )
        rows = cursor.fetchall()
    count = rows[0][0]
    return count, [_row(row) for row in rows if row[1] is not None]  # no page: one NULL row


def _row(row: tuple) -> dict:
    data = dict(zip(_NAMES, row[1 : _FACTS + 5], strict=True))
    data["created_at"], data["updated_at"] = row[_FACTS + 5 :]
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
counted AS MATERIALIZED (SELECT {count} AS n, (SELECT actors FROM named) AS actors)
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
STILL_PUBLIC = "WHERE i.status = 'published' AND i.deleted_at IS NULL"


def tree_page_sql(filters: frozenset[str]) -> str:
    """The statement for a page with ``filters`` (names in ``TREE_FILTERS``)."""
    where = " ".join(TREE_FILTERS[name] for name in sorted(filters))
    return TREE_PAGE_SQL.format(
        names=ACTOR_NAMES_FUNCTION,
        filters=where,
        count=FILTERED_COUNT.format(filters=where) if filters else TREE_COUNT,
        rows=ROWS_SQL.format(still_public=STILL_PUBLIC).replace(
            "SELECT counted.n, rows.*", "SELECT counted.n, counted.actors, rows.*", 1
        ),
    )


def public_incidents_of_one(term: str, offset: int, limit: int, cap: int, **filters):
    """As ``public_incidents_of`` for one term naming one actor, from its tree's links, with
    ``filters`` (``date_from``, ``date_to``, ``country``; None or empty: none). The count is
    exact without a filter, else counts at most ``cap + 1``. None when the term does not name
    exactly one actor."""
    given = {name: value for name, value in filters.items() if value}
    with connections[router.db_for_read(Incident)].cursor() as cursor:
        cursor.execute(
            tree_page_sql(frozenset(given)),
            {
                "n": actor_needles([term]),
                "k": limit + 1,
                "o": offset,
                "cap": cap + 1,
                **given,
            },
        )
        rows = cursor.fetchall()
    count, actors = rows[0][:2]
    if actors != 1:
        return None
    return count, [_row(row[1:]) for row in rows if row[2] is not None]
