import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _url(settings: dict, name: str) -> str:
    host = settings["HOST"] or "localhost"
    host = quote(host, safe="") if host.startswith("/") else host
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}{port}/{name}"


@pytest.fixture
def probe_databases():
    settings = connection.settings_dict
    names = ["ledger_primary_probe", "ledger_replica_probe"]
    server = psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with server:
        for name in names:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{name}"')
        yield settings
        for name in names:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_reads_and_writes_are_routed_between_primary_and_replica(probe_databases):
    """Runs tests/replicas in a process configured with a primary and a replica."""
    settings = probe_databases
    env = {
        **os.environ,
        "DATABASE_URL": _url(settings, "ledger_primary_probe"),
        "DATABASE_REPLICA_URLS": _url(settings, "ledger_replica_probe"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/replicas"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "7 passed" in result.stdout
