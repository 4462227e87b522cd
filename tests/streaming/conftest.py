"""Run by tests/test_streaming_replica.py, in a process whose DATABASE_URL and
DATABASE_REPLICA_URLS name a real primary and its streaming replica (tests/streaming/cluster.py),
made from scratch for them.

Rows written here reach the replica only by replication, so these tests use the cluster's
databases as they are, committing as the service does: no test database, no transaction
rolled back after each test. The cluster is thrown away afterwards.
"""

import os

import pytest
from django.core.management import call_command

from config.replicas import replica_health
from tests.curation.conftest import make_user  # noqa: F401 - shared fixture
from tests.streaming.cluster import Cluster

CLUSTER = "LEDGER_TEST_CLUSTER"

if CLUSTER not in os.environ:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """The cluster's own databases, migrated as in production: by `migrate`, on the primary,
    with the replica configured."""
    with django_db_blocker.unblock():
        call_command("migrate", verbosity=0)


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


@pytest.fixture(autouse=True)
def _committing_database(db):
    replica_health.reset()
    yield


@pytest.fixture
def cluster() -> Cluster:
    return Cluster.attach(os.environ[CLUSTER])
