"""A page of `/api/changes` rendered by PostgreSQL and returned as it comes.

The general path reads up to 1,001 `Change` instances, serializes each into a dict and has the
renderer encode them again: 25 ms for a page of 1,000 on a million incidents, where the
database builds the same JSON in 2 ms (PERFORMANCE.md, second round). Here one statement
selects the page in feed order, renders each entry exactly as `ChangeSerializer` and DRF's
JSON renderer write it and joins them with `string_agg`; Python only adds the envelope.
tests/api/test_changes_page.py compares its bytes with the general path's.
"""

from datetime import datetime

from django.db import connections, router

from config.api.filters import MAX_ID
from config.prepared import prepared_cursor
from incidents.api.listing import _iso
from incidents.models import Change

# One entry as ChangeSerializer's fields in order, compact, as JSONRenderer writes it.
ENTRY = (
    """'{"resource":' || to_json(c.resource) || ',"id":' || c.object_id"""
    """ || ',"action":' || to_json(c.action) || ',"at":"' || """
    + _iso("c.at")
    + """ || '","merged_into":' || coalesce(c.merged_into::text, 'null') || '}'"""
)

# The page's entries after position %(after)s (or from the start), up to the fence, in feed
# order, one more than the page to tell whether another follows: its first and last ids, the
# id of the one after it, and the page's entries joined as a JSON array's inside.
PAGE_SQL = f"""
SELECT min(id) FILTER (WHERE n <= %(limit)s),
       max(id) FILTER (WHERE n <= %(limit)s),
       max(id) FILTER (WHERE n > %(limit)s),
       string_agg({ENTRY}, ',' ORDER BY id) FILTER (WHERE n <= %(limit)s)
FROM (
    SELECT c.*, row_number() OVER (ORDER BY c.id) AS n
    FROM (
        SELECT * FROM incidents_change
        WHERE id > %(after)s AND id <= %(fence)s AND at > %(since)s
        ORDER BY id LIMIT %(limit)s + 1
    ) AS c
) AS c
"""

MIN_INSTANT = datetime.fromisoformat("0001-01-01T00:00:00+00:00")


def rendered_changes(
    *, after: int, fence: int | None, since: datetime | None, limit: int
) -> tuple[int | None, int | None, int | None, str]:
    """The first and last ids of the page of ``limit`` entries after ``after`` (none: None),
    the id of the entry following it (None: none follows), and the page's entries joined by
    commas, each as ChangeSerializer and JSONRenderer write it."""
    params = {
        "after": after,
        "fence": MAX_ID if fence is None else fence,
        "since": since or MIN_INSTANT,
        "limit": limit,
    }
    alias = router.db_for_read(Change)
    # From an instant (`since`), planned for its value: on a generic plan an instant after most
    # entries had the primary key read past them (270 ms at 3.5 million entries, against 0.3).
    reading = prepared_cursor(alias) if since is None else connections[alias].cursor()
    with reading as cursor:
        cursor.execute(PAGE_SQL, params)
        first, last, following, entries = cursor.fetchone()
    return first, last, following, entries or ""
