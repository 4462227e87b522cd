import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _start(env: dict, code: str = "import django; django.setup()") -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_SESSION_OPTIONS", "DATABASE_REPLICA_URLS"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "ENV_FILE": "/nonexistent"}
        | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _start({"DATABASE_URL": "postgres://unused/none"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_placeholder_secret_key():
    result = _start({"DATABASE_URL": "postgres://unused/none", "SECRET_KEY": "django-insecure-x"})
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _start(
        {"DATABASE_URL": "postgres://unused/none", "SECRET_KEY": secrets.token_urlsafe(50)}
    )
    assert result.returncode == 0, result.stderr


def test_a_rate_setting_that_is_no_rate_stops_the_start():
    result = _start(
        {
            "DATABASE_URL": "postgres://unused/none",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ANON_RATE": "120/fortnight",
        }
    )
    assert result.returncode != 0
    assert "ANON_RATE: '120/fortnight' is no rate" in result.stderr


@pytest.mark.django_db
def test_sessions_run_without_jit_compilation():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize(
    ("options", "expected"),
    [(None, "-c jit=off"), ("", None), ("-c work_mem=8MB", "-c work_mem=8MB")],
)
def test_replicas_get_the_primarys_session_options(options, expected):
    env = {
        "DATABASE_URL": "postgres://unused/none",
        "DATABASE_REPLICA_URLS": "postgres://replica/none",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    if options is not None:
        env["DATABASE_SESSION_OPTIONS"] = options
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.DATABASES[a].get('OPTIONS', {}).get('options') "
        "for a in ('default', 'replica_0')]))"
    )
    result = _start(env, code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [expected, expected]
