"""`GET /api/incidents?actor=X`, the public's most common question, in one SQL statement.

The statement resolves the actor terms to the actors and their descendants, walks the
actor-incident index for the page's ids and the capped count, and reads those incidents with
their actors (PostgreSQL builds each row's actor list). One round trip instead of five, and no
model instances: PERFORMANCE.md measured both as what separates a DRF list from hand-written
SQL. Its rows are the list's rows exactly; tests/api/test_actor_page.py compares them with the
general path's.
"""

from django.db import connection

from incidents.api.serializers import INCIDENT_FIELDS, iso_datetime
from incidents.models import ACTOR_TREE_CTE, PUBLIC_PAGE_CTES, actor_needles

ACTOR_PAGE_SQL = f"""
WITH RECURSIVE {ACTOR_TREE_CTE},
ids AS (SELECT array_agg(id) AS ids FROM tree),
{PUBLIC_PAGE_CTES}
SELECT counted.n, rows.*
FROM counted LEFT JOIN LATERAL (
    SELECT
        {", ".join(f"i.{name}" for name in INCIDENT_FIELDS)},
        i.status,
        i.published_at,
        CASE WHEN EXISTS (
            SELECT 1 FROM incidents_incident AS parent
            WHERE parent.id = i.parent_id AND parent.status = 'published'
              AND parent.deleted_at IS NULL
        ) THEN i.parent_id END,
        (
            SELECT coalesce(json_agg(json_build_object(
                'id', a.id, 'slug', a.slug, 'name', a.name, 'kind', a.kind, 'role', v.role
            ) ORDER BY v.id), '[]')
            FROM incidents_involvement AS v JOIN incidents_actor AS a ON a.id = v.actor_id
            WHERE v.incident_id = i.id AND v.deleted_at IS NULL
        ),
        i.created_at,
        i.updated_at
    FROM page JOIN incidents_incident AS i ON i.id = page.incident_id
) AS rows ON true
ORDER BY rows.start_date DESC, rows.id DESC
"""

_DATES = {INCIDENT_FIELDS.index("start_date"), INCIDENT_FIELDS.index("end_date")}
_FACTS = len(INCIDENT_FIELDS)


def public_incidents_of(terms: list[str], offset: int, limit: int, cap: int):
    """Rows ``offset`` to ``offset + limit`` (one more if it exists, so that the caller knows
    whether a next page follows) of the published incidents that involve any actor ``terms``
    name, or their descendants, newest first, each as the incident list shows it; and how
    many such incidents there are, counting at most ``cap + 1``."""
    with connection.cursor() as cursor:
        cursor.execute(
            ACTOR_PAGE_SQL,
            {"n": actor_needles(terms), "k": offset + limit + 1, "o": offset, "cap": cap + 1},
        )
        rows = cursor.fetchall()
    count = rows[0][0]
    return count, [_row(row) for row in rows if row[1] is not None]  # no page: one NULL row


def _row(row: tuple) -> dict:
    facts = row[1 : _FACTS + 1]
    data = dict(zip(INCIDENT_FIELDS, facts, strict=True))
    for position in _DATES:
        if facts[position] is not None:
            data[INCIDENT_FIELDS[position]] = facts[position].isoformat()
    status, published_at, parent_id, actors, created_at, updated_at = row[_FACTS + 1 :]
    data["status"] = status
    data["published_at"] = iso_datetime(published_at)
    data["parent_id"] = parent_id
    data["actors"] = actors
    data["created_at"] = iso_datetime(created_at)
    data["updated_at"] = iso_datetime(updated_at)
    return data
