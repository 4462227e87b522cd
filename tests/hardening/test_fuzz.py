"""Property-based tests of every GET operation of the committed OpenAPI document, in process.

Schemathesis generates requests from `openapi/schema.yaml` (valid ones and ones the document
forbids), calls the WSGI application with them, and applies every check that judges a
response: no server error, only documented status codes, content types, headers and bodies,
valid input accepted and invalid input refused, and public reads that need no credentials.
`.ci/fuzz` does the same, and more (writes, the stateful phase), against a live server.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from config.wsgi import application
from incidents.seed.loader import load_seed
from tests.hardening import fuzz_hooks  # noqa: F401 - registers the hooks

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261121
EXAMPLES = 12

config = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        # No crash files replayed from earlier runs: the same seed gives the same cases.
        "cache": {"enabled": False},
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
    }
)
schema = schemathesis.openapi.from_path(ROOT / "openapi" / "schema.yaml", config=config).include(
    method="GET"
)
schema.app = application


@pytest.fixture(scope="module")
def seed_for_the_module(django_db_setup, django_db_blocker):
    """The seed, loaded once in a transaction around the module's tests and rolled back after
    them; each test's own transaction is a savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_for_the_module, db):
    pass


@pytest.fixture
def in_process_requests():
    """The test's transaction must outlive each request: Django closes the connection at the
    start and end of a request when it thinks it is obsolete, which inside the test's
    transaction it would not get back."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_fuzzed_operations_see_the_seed(seeded, in_process_requests):
    response = Client().get("/api/incidents/")
    assert response.status_code == 200 and response.json()["results"]


def test_every_get_operation_is_fuzzed():
    operations = {op.ok().label for op in schema.get_all_operations()}
    assert operations and all(label.startswith("GET ") for label in operations)
    assert "GET /api/incidents/" in operations and "GET /api/changes/" in operations


@schema.parametrize()
# The fixtures hold for every generated case: the seed is only read, each case is one request.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_get_operations_conform_to_the_document(case, seeded, in_process_requests):
    case.call_and_validate()
