"""Keep the actor trees and their public incidents (incidents/models/trees.py) in step.

The feed builder (incidents/changes.py) calls these in the transaction that announces a
build's changes, under its lock: ``refresh_actor_tree`` when actors were written (a new
actor, a move to another parent, a delete), then ``relink`` for every incident whose public
content or visibility may have changed and for the incidents of every actor whose ancestors
changed. ``rebuild`` makes everything from scratch, set-based: the builder's first run on a
loaded ledger, and ``manage.py build_feed --rebuild-trees`` on an existing one.

What an incident links to is read from ``incidents_incidentactor`` (live involvements with the
incident's visibility, kept by triggers), so a link exists only for a published, undeleted
incident. Links lag the writes by one build; the read path (incidents/api/listing.py) checks
each row of a page against the incident itself, so a page never shows what is no longer
public, while a count may be one build behind.
"""

from collections.abc import Iterable

from django.db import connection

# Every actor with itself and each of its descendants. UNION, not UNION ALL: a cycle written
# past Actor.clean() ends the walk instead of looping.
CLOSURE_CTE = """
closure(ancestor_id, actor_id) AS (
    SELECT id, id FROM incidents_actor
    UNION
    SELECT c.ancestor_id, a.id
    FROM closure AS c JOIN incidents_actor AS a ON a.parent_id = c.actor_id
)
"""

# The links the incidents should have: each public incident once per tree that holds any of
# its actors. %(where)s narrows the incidents.
DESIRED_CTE = """
desired AS (
    SELECT DISTINCT t.ancestor_id, i.id AS incident_id, i.start_date,
        coalesce(i.end_date, i.start_date) AS last_date, i.country, i.other_countries
    FROM incidents_incidentactor AS l
    JOIN incidents_actortree AS t ON t.actor_id = l.actor_id
    JOIN incidents_incident AS i ON i.id = l.incident_id
    WHERE l.is_public {where}
)
"""
LINK_COLUMNS = "ancestor_id, incident_id, start_date, last_date, country, other_countries"
# Adds each tree's change in size, ``delta(ancestor_id, n)``, to its count.
COUNT_DELTA = """
INSERT INTO incidents_treecount (ancestor_id, n)
SELECT ancestor_id, {sign}count(*) FROM delta GROUP BY ancestor_id
ON CONFLICT (ancestor_id) DO UPDATE SET n = incidents_treecount.n + EXCLUDED.n
"""


def refresh_actor_tree() -> set[int]:
    """Bring ``ActorTree`` in step with ``Actor.parent``; return the actors whose ancestors
    changed (a moved actor and all its descendants, new and deleted actors)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE {CLOSURE_CTE},
            gone AS (
                DELETE FROM incidents_actortree AS t
                WHERE NOT EXISTS (
                    SELECT FROM closure AS c
                    WHERE c.ancestor_id = t.ancestor_id AND c.actor_id = t.actor_id
                )
                RETURNING t.actor_id
            ),
            made AS (
                INSERT INTO incidents_actortree (ancestor_id, actor_id)
                SELECT c.ancestor_id, c.actor_id FROM closure AS c
                WHERE NOT EXISTS (
                    SELECT FROM incidents_actortree AS t
                    WHERE t.ancestor_id = c.ancestor_id AND t.actor_id = c.actor_id
                )
                RETURNING actor_id
            )
            SELECT actor_id FROM gone UNION SELECT actor_id FROM made
            """
        )
        return {row[0] for row in cursor.fetchall()}


def incidents_of(actor_ids: Iterable[int]) -> set[int]:
    """The public incidents that involve any of ``actor_ids``: those whose links a change of
    the actors' ancestors changes."""
    actor_ids = sorted(actor_ids)
    if not actor_ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT incident_id FROM incidents_incidentactor "
            "WHERE actor_id = ANY(%s) AND is_public",
            [actor_ids],
        )
        return {row[0] for row in cursor.fetchall()}


def relink(incident_ids: Iterable[int]) -> None:
    """Give each of ``incident_ids`` exactly the links its current state calls for (none if
    it is not public, or gone), and the trees' counts the difference: rows that are right
    already are left alone, so a build that changed nothing of these writes nothing."""
    ids = sorted(incident_ids)
    if not ids:
        return
    desired = DESIRED_CTE.format(where="AND l.incident_id = ANY(%(ids)s)")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH {desired},
            delta AS (
                DELETE FROM incidents_treelink AS k
                WHERE k.incident_id = ANY(%(ids)s) AND NOT EXISTS (
                    SELECT FROM desired AS d
                    WHERE d.ancestor_id = k.ancestor_id AND d.incident_id = k.incident_id
                      AND d.start_date = k.start_date AND d.last_date = k.last_date
                      AND d.country = k.country AND d.other_countries = k.other_countries
                )
                RETURNING k.ancestor_id
            )
            {COUNT_DELTA.format(sign="-")}
            """,
            {"ids": ids},
        )
        # What is left of these incidents' links is all desired: insert the rest.
        cursor.execute(
            f"""
            WITH {desired},
            delta AS (
                INSERT INTO incidents_treelink ({LINK_COLUMNS})
                SELECT {LINK_COLUMNS} FROM desired
                ON CONFLICT DO NOTHING
                RETURNING ancestor_id
            )
            {COUNT_DELTA.format(sign="")}
            """,
            {"ids": ids},
        )


def rebuild() -> None:
    """Make the trees, links and counts from scratch, set-based: for a ledger loaded or
    deployed without them. Rows go in list order, so the list index is written in order."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM incidents_treecount")
        cursor.execute("DELETE FROM incidents_treelink")
        cursor.execute("DELETE FROM incidents_actortree")
        cursor.execute(
            f"WITH RECURSIVE {CLOSURE_CTE} "
            "INSERT INTO incidents_actortree (ancestor_id, actor_id) SELECT * FROM closure"
        )
        cursor.execute(
            f"""
            WITH {DESIRED_CTE.format(where="")}
            INSERT INTO incidents_treelink ({LINK_COLUMNS})
            SELECT {LINK_COLUMNS} FROM desired
            ORDER BY ancestor_id, start_date DESC, incident_id DESC
            """
        )
        cursor.execute(
            "INSERT INTO incidents_treecount (ancestor_id, n) "
            "SELECT ancestor_id, count(*) FROM incidents_treelink GROUP BY ancestor_id"
        )
