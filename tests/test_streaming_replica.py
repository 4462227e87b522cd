"""The service on a real primary and streaming replica, made here from scratch: tests/streaming
runs migrate, load_seed and import_events with the replica configured, then stops, restarts
and pauses the replica under the running service."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.streaming.cluster import Cluster, unavailable

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    unavailable() is not None,
    reason=f"{unavailable()}: needs Debian's postgresql package (or initdb on the PATH)",
)


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster.create()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="module")
def environment(cluster) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": cluster.url("primary"),
        "DATABASE_REPLICA_URLS": cluster.url("replica"),
        "DATABASE_POOL_SIZE": "2",
        "DATABASE_REPLICA_CHECK_SECONDS": "0.2",
        "DATABASE_REPLICA_MAX_LAG_SECONDS": "1",
        "LEDGER_TEST_CLUSTER": str(cluster.root),
    }


def test_the_service_runs_on_a_streaming_replica(environment):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/streaming"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-3000:]
    assert "8 passed" in result.stdout
