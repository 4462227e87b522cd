import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _start(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
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
