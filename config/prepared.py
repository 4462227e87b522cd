"""Prepared statements for the few hot public reads (one actor's page, an incident's stored
detail, a page of the change feed).

Django sends every other statement with its parameters bound on the client and never prepares
one (``prepare_threshold`` None: connection poolers in transaction mode lose prepared
statements). These reads are one statement each, the same text every time, and PostgreSQL
spent more time parsing and planning them than running them: an actor's page on a million
incidents, 0.77 ms of its backend's CPU bound on the client, 0.23 ms prepared with a generic
plan (README, Performance). So here they are bound on the server and prepared on each
connection the first time it runs them, with the session's ``plan_cache_mode`` set to
``force_generic_plan``: their plans do not depend on the values (an actor's id comes from the
statement itself; page bounds are a LIMIT), and a custom plan each time was what cost. A
statement whose plan does depend on a value (a feed page from an instant) is not run here.
``plan_cache_mode`` only governs prepared statements, which nothing else on the connection
makes.

``DATABASE_PREPARED_STATEMENTS=false`` (settings) turns this off, for a pooler that cannot
keep prepared statements; the statements then run as any other.

The cursor is Django's wrapper around a server-binding psycopg cursor: the statements show in
``connection.queries``, ``CaptureQueriesContext`` and execute wrappers like any other.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.db.backends.postgresql.base import CursorDebugWrapper, ServerBindingCursor

# Statements only ever prepared when asked to (``prepare=True``): psycopg prepares nothing
# while a connection's threshold is None, and this one is never reached by counting.
_ASKED_ONLY = 2**31


class _PreparedCursor(ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class _DebugWrapper(CursorDebugWrapper):
    """Logs a statement as its text: psycopg keeps no query of a prepared execution, where
    Django reads the executed query from."""

    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):
        return super().debug_sql(sql, params, use_last_executed_query=False, many=many)


@contextmanager
def prepared_cursor(alias: str):
    """A cursor on the database ``alias`` whose statements are prepared on the connection
    (or, turned off, Django's usual cursor)."""
    wrapper = connections[alias]
    if not settings.DATABASE_PREPARED_STATEMENTS:
        with wrapper.cursor() as cursor:
            yield cursor
        return
    wrapper.ensure_connection()
    wrapper.validate_thread_sharing()
    raw = wrapper.connection
    if raw.prepare_threshold is None:
        raw.prepare_threshold = _ASKED_ONLY
    if not getattr(raw, "ledger_generic_plans", False) and not wrapper.in_atomic_block:
        # Outside a transaction, so that no rollback takes the setting back.
        raw.execute("SET plan_cache_mode = force_generic_plan")
        raw.ledger_generic_plans = True
    cursor = _PreparedCursor(raw)
    wrapped = (
        _DebugWrapper(cursor, wrapper) if wrapper.queries_logged else wrapper.make_cursor(cursor)
    )
    with wrapped:
        yield wrapped
