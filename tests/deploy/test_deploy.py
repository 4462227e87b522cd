"""deploy/: the systemd units pass `systemd-analyze verify`; deploy/local-cluster runs the
whole topology (nginx with TLS, two gunicorn servers, a PostgreSQL primary and streaming
replica, Redis), and deploy/rolling-restart restarts both app servers through it while
clients read and write, without one failed request."""

import http.client
import importlib.util
import itertools
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
LOAD_THREADS = 4
LOAD_SECONDS = 20  # at the least: the load goes on until the restart is over, and 3 s more


def _cluster_missing() -> str | None:
    """deploy/local-cluster's own answer (a script, so imported by its path)."""
    loader = SourceFileLoader("local_cluster", str(DEPLOY / "local-cluster"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module.missing()


def test_systemd_units_verify(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("no systemd-analyze (apt-get install systemd)")
    # The units run the checkout at /opt/incident-ledger; verify checks that the programs exist.
    for unit in (DEPLOY / "systemd").iterdir():
        text = unit.read_text().replace("/opt/incident-ledger", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    units = ["incident-ledger@8001.service", "incident-ledger-feed.service"]
    units.append("incident-ledger.target")
    result = subprocess.run(
        ["systemd-analyze", "verify", *(f"./{unit}" for unit in units)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    # verify exits 0 on many mistakes (an unknown setting, a bad value): it only warns.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.fixture(scope="module")
def cluster():
    reason = _cluster_missing()
    if reason:
        pytest.skip(reason)
    state = Path(tempfile.mkdtemp(prefix="ledger-cluster-"))
    environment = {**os.environ, "ANON_RATE": "100000/min", "USER_RATE": "100000/min"}

    def run(*args, timeout=180):
        return subprocess.run(
            [sys.executable, str(DEPLOY / "local-cluster"), "--state", str(state), *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    try:
        started = run("start")
        assert started.returncode == 0, started.stdout + started.stderr
        yield state, run
    finally:
        run("stop", "--clean")
        shutil.rmtree(state, ignore_errors=True)


class Load:
    """Clients reading and writing through nginx, each request on a new connection, until
    stopped; every answer that is not a 2xx is a failure."""

    def __init__(self, state: Path, token: str):
        config = json.loads((state / "cluster.json").read_text())
        self.port = config["ports"]["https"]
        self.tls = ssl.create_default_context(cafile=str(state / "nginx" / "cert.pem"))
        self.token = token
        self.stopping = threading.Event()
        self.done: list[tuple[float, str, int]] = []
        self.failures: list[tuple[str, str, object]] = []
        self.lock = threading.Lock()

    def request(self, method: str, path: str, body: dict | None = None, token: bool = False):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Token {self.token}"
        connection = http.client.HTTPSConnection(
            "localhost", self.port, context=self.tls, timeout=30
        )
        try:
            connection.request(method, path, json.dumps(body) if body else None, headers)
            response = connection.getresponse()
            response.read()
            outcome = response.status
        except OSError as error:
            outcome = repr(error)
        finally:
            connection.close()
        with self.lock:
            if isinstance(outcome, int) and 200 <= outcome < 300:
                self.done.append((time.monotonic(), method, outcome))
            else:
                self.failures.append((method, path, outcome))

    def client(self) -> None:
        for step in itertools.count():
            if self.stopping.is_set():
                return
            kind = step % 4
            if kind == 0:
                self.request("GET", "/api/incidents")
            elif kind == 1:
                self.request("GET", "/api/actors?limit=20")
            elif kind == 2:
                self.request("GET", "/api/actors?limit=5", token=True)
            else:
                name = f"Load {uuid.uuid4().hex[:12]}"
                self.request("POST", "/api/actors", {"name": name, "kind": "ngo"}, token=True)

    def count(self, method: str, start: float, end: float) -> int:
        return sum(1 for at, done, _ in self.done if done == method and start <= at <= end)


def test_rolling_restart_under_load_loses_nothing(cluster):
    state, run = cluster
    editor = run("manage", "create_editor", "loader", timeout=60)
    assert editor.returncode == 0, editor.stderr
    load = Load(state, editor.stdout.split()[-1])
    pidfiles = sorted(state.glob("app-*.pid"))
    before = [path.read_text() for path in pidfiles]

    began = time.monotonic()
    with ThreadPoolExecutor(LOAD_THREADS) as pool:
        clients = [pool.submit(load.client) for _ in range(LOAD_THREADS)]
        time.sleep(3)
        restart_began = time.monotonic()
        restart = run("rolling-restart", timeout=150)
        restart_ended = time.monotonic()
        time.sleep(max(3, LOAD_SECONDS - (restart_ended - began)))
        load.stopping.set()
        for client in clients:
            client.result()

    assert restart.returncode == 0, restart.stdout + restart.stderr
    assert restart.stdout.count("restarted and back") == 2, restart.stdout
    after = [path.read_text() for path in pidfiles]
    assert all(new != old for new, old in zip(after, before, strict=True)), (before, after)
    assert sorted(set(load.failures))[:10] == [], f"{len(load.failures)} failed"
    # Reads and writes went on while the servers were restarted, one after the other.
    assert load.count("GET", restart_began, restart_ended) > 20
    assert load.count("POST", restart_began, restart_ended) > 5
    # The feed's worker took in every write's marks, through both servers' restarts.
    status = run("status", timeout=60)
    assert re.search(r"^feed worker +running", status.stdout, re.M), status.stdout
    assert _unbuilt_marks(run, within=30) == 0
    print(
        f"{len(load.done)} requests in {time.monotonic() - began:.0f} s, "
        f"{load.count('POST', began, time.monotonic())} of them writes, none failed; "
        f"rolling restart: {restart.stdout.strip()}"
    )


def _unbuilt_marks(run, within: float) -> int:
    """How many change marks wait for the feed's worker, once none do or ``within`` s end."""
    code = "from incidents.models import ChangeMark; print(ChangeMark.objects.count())"
    deadline = time.monotonic() + within
    while True:
        counted = run("manage", "shell", "-c", code, timeout=60)
        left = int(counted.stdout.split()[-1])
        if left == 0 or time.monotonic() > deadline:
            return left
        time.sleep(1)
