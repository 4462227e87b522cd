"""`make bench`: the service as in production against a baseline and a limit, on one database.

1. Build (or reuse) a database of N incidents with `generate_demo_data` (default 1,000,000).
2. Start the service as in production (gunicorn, DEBUG off, pooled connections, production
   settings), the baseline (tests/bench/baseline.py: the service's query design by hand) and
   the limit (tests/bench/limit.py: the same bytes from read structures it builds once in the
   schema `bench_limit`), each on a loopback port, the two references through serve.py.
3. Check that the baseline answers the actor list byte for byte as the service does, and the
   limit every operation on a sample of its URLs (an operation it answers differently, or not
   at all, gets no limit figure rather than a false one).
4. Drive each operation with wrk (Debian's package) from a separate process: requests/s at
   concurrency 8 and 32, p50 and p99; idle single-request latency on a new connection and on
   a reused one (where a stall such as Nagle's shows); SQL queries per request (counted in
   process); CPU ms per request of the server's processes and of its PostgreSQL backends.
5. Repeat the throughput rounds, take medians, print project/baseline and project/limit
   ratios and each server's RSS per worker, and write everything to
   tests/bench/results/<time>.json.
6. Read `/api/snapshot` to its end, plain and gzip: incidents/s, records/s and MB/s.
7. Read CSV exports to their end (all incidents, and the largest actor's): rows/s and the time
   to the first byte.

Environment: BENCH_INCIDENTS, BENCH_SECONDS (per measurement), BENCH_ROUNDS, BENCH_DATABASE
(a database name on DATABASE_URL's server, or on the embedded server), BENCH_WORKERS,
BENCH_ONLY=snapshot or BENCH_ONLY=exports (measure the snapshot, or the CSV exports, alone),
BENCH_ONLY=writes (the curation writes' costs instead: tests/bench/writes.py).
"""

import json
import math
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import zlib
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
RESULTS = ROOT / "tests" / "bench" / "results"
HOST = "localhost"

INCIDENTS = int(os.environ.get("BENCH_INCIDENTS", "1000000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
DATABASE = os.environ.get("BENCH_DATABASE", "ledger_bench")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
ONLY = os.environ.get("BENCH_ONLY")
SNAPSHOT_ONLY = ONLY in ("snapshot", "exports")  # the project's server alone


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(name: str = DATABASE) -> str:
    """The URL of the database ``name`` (the bench database's by default), on DATABASE_URL's
    server or on the embedded one."""
    if base := os.environ.get("DATABASE_URL"):
        scheme, netloc, _, query, _ = urlsplit(base)
        return urlunsplit((scheme, netloc, "/" + name, query, ""))
    sys.path.insert(0, str(ROOT))
    from config.embedded_postgres import database_settings

    settings = database_settings(ROOT / ".pgdata")
    return f"postgresql://postgres@/{name}?host={settings['HOST']}"


def psql(url: str, sql: str):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def manage(url: str, *args: str, **env) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, **env},
        check=True,
    )


def ensure_database(url: str) -> None:
    admin = url.replace(f"/{DATABASE}", "/postgres", 1)
    exists = psql(admin, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
    count = 0
    if exists:
        try:
            count = psql(url, "SELECT count(*) FROM incidents_incident")[0][0]
        except Exception:
            count = 0
    if count >= INCIDENTS:
        log(f"reusing {DATABASE}: {count:,} incidents")
        manage(url, "migrate", "--no-input", "-v0")
        manage(url, "build_feed", "--max-seconds", "60")
        return
    log(f"building {DATABASE} with {INCIDENTS:,} incidents (generate_demo_data)")
    psql(admin, f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    psql(admin, f'CREATE DATABASE "{DATABASE}"')
    manage(url, "migrate", "--no-input", "-v0")
    manage(url, "generate_demo_data", "--incidents", str(INCIDENTS), "--seed", "1")
    manage(url, "build_feed", "--max-seconds", "120")
    psql(url, "VACUUM ANALYZE")
    # PERFORMANCE.md: parallel query made these pages 4-6x slower on two cores.
    psql(url, f'ALTER DATABASE "{DATABASE}" SET max_parallel_workers_per_gather = 0')


def start(command: list[str], env: dict, port: int, log_name: str) -> subprocess.Popen:
    out = open(RESULTS / f"{log_name}.log", "w")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except urllib.error.HTTPError:
            return process  # it answers (the baseline has no /health)
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"{log_name} did not start; see {out.name}")


def get(port: int, path: str) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def tree(pid: int) -> list[int]:
    """A process and its descendants (a server's master and its workers)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo.extend(parents.get(found[-1], []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """CPU (user + system) the processes have used, in seconds."""
    return sum(_cpu_of(pid)[0] for pid in pids)


def _cpu_of(pid: int) -> tuple[float, float, int]:
    """A process's own CPU seconds, those of its children it has reaped, and its parent (all
    0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0.0, 0
    tick = os.sysconf("SC_CLK_TCK")
    return (
        (int(fields[11]) + int(fields[12])) / tick,
        (int(fields[13]) + int(fields[14])) / tick,
        int(fields[1]),
    )


class CpuMeter:
    """The CPU that processes (a server's, or a database's backends) use from ``start`` to
    ``stop``, counting those that exit meanwhile (a gunicorn worker recycled after
    GUNICORN_MAX_REQUESTS, and its pool's backends with it) by what their parent ``reaper``
    has reaped: the server's master, or the postmaster (which reaps every backend of the
    server, so another client's short-lived connection counts too: the bench's own, a few
    milliseconds). ``find`` gives the pids to measure."""

    def __init__(self, find, reaper: int):
        self.find, self.reaper = find, reaper

    def _own(self) -> dict[int, float]:
        return {pid: _cpu_of(pid)[0] for pid in self.find()}

    def start(self) -> None:
        self.before, self.reaped = self._own(), _cpu_of(self.reaper)[1]

    def stop(self) -> float:
        after = self._own()
        live = sum(cpu - self.before.get(pid, 0.0) for pid, cpu in after.items())
        gone = sum(cpu for pid, cpu in self.before.items() if pid not in after)
        return live - gone + _cpu_of(self.reaper)[1] - self.reaped


def backends(url: str) -> list[int]:
    """The PostgreSQL backends serving the bench database (the servers' pools)."""
    sql = (
        f"SELECT pid FROM pg_stat_activity WHERE datname = '{DATABASE}' AND pid <> pg_backend_pid()"
    )
    return [r[0] for r in psql(url, sql)]


def wrk(server: dict, paths: list[str], connections: int, seconds: int = SECONDS) -> dict:
    script = RESULTS / "mix.lua"
    script.write_text(
        "local paths = {"
        + ",".join(json.dumps(p) for p in paths)
        + "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
        f'  return wrk.format("GET", paths[i], {{Host = "{HOST}"}})\nend\n'
    )
    master, found = server["process"].pid, backends(server["url"])
    app = CpuMeter(lambda: tree(master), master)
    database = CpuMeter(lambda: backends(server["url"]), _cpu_of(found[0])[2] if found else 0)
    app.start()
    database.start()
    result = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{server['port']}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    # The server's own processes and its database backends, not the machine's busy time:
    # other work on a shared machine is not the server's.
    app_cpu, database_cpu = app.stop(), database.stop()
    out = result.stdout
    requests = max(int(out.split(" requests in ")[0].split()[-1]), 1)
    return {
        "rps": float(out.split("Requests/sec:")[1].split()[0]),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "requests": requests,
        "errors": "Non-2xx" in out or "Socket errors" in out,
        "cpu_ms_per_request": round((app_cpu + database_cpu) * 1000 / requests, 2),
        "app_cpu_ms_per_request": round(app_cpu * 1000 / requests, 2),
        "db_cpu_ms_per_request": round(database_cpu * 1000 / requests, 2),
    }


def _ms(text: str) -> float:
    units = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}
    for unit in ("us", "ms", "s", "m"):
        if text.endswith(unit):
            return round(float(text[: -len(unit)]) * units[unit], 2)
    return float(text)


def idle_latency(port: int, paths: list[str], n: int = 20) -> float:
    times = []
    for i in range(n):
        started = time.perf_counter()
        get(port, paths[i % len(paths)])
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def first_pages(port: int, paths: list[str]) -> dict:
    """Each path's idle latency (median of 7), and their median and maximum."""
    by_path = {path: idle_latency(port, [path], 7) for path in paths}
    slowest = max(by_path, key=by_path.get)
    return {
        "median": round(statistics.median(by_path.values()), 2),
        "max": by_path[slowest],
        "slowest": slowest,
        "by_path": by_path,
    }


def queries_per_request(url: str, paths: list[str]) -> list[int]:
    code = (
        "import os, sys, json, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "settings.ALLOWED_HOSTS = ['*']\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "counts = []\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        response = client.get(path)\n"
        "        if response.streaming:  # a CSV export queries as it streams\n"
        "            b''.join(response.streaming_content)\n"
        "    counts.append(len(ctx.captured_queries))\n"
        "print(json.dumps(counts))\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "ANON_RATE": "100000000/min", "LOG_LEVEL": "ERROR"}
    result = subprocess.run(
        [PYTHON, "-c", code, json.dumps(paths)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def operations(url: str) -> dict[str, dict]:
    """The measured operations, with data-dependent ids and slugs read from the database."""
    actors = [
        r[0]
        for r in psql(
            url,
            """
        WITH ranked AS (
            SELECT a.slug, row_number() OVER (ORDER BY count(*) DESC, a.slug) AS r
            FROM incidents_incidentactor l JOIN incidents_actor a ON a.id = l.actor_id
            WHERE l.is_public GROUP BY a.slug
        )
        SELECT slug FROM ranked
        WHERE r IN (1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 120, 180, 250, 350, 500, 700, 900,
                    1200, 1500)
           OR r = (SELECT max(r) FROM ranked)  -- the smallest actor with public incidents
        ORDER BY r""",
        )
    ]
    largest = actors[0]
    # The combined filter's country and year: the commonest among the actor's own public
    # incidents, so that the filter finds some (the commonest overall may find none).
    country, year = psql(
        url,
        f"""
        SELECT i.country, extract(year FROM i.start_date)::int
        FROM incidents_incidentactor l
        JOIN incidents_actor a ON a.id = l.actor_id AND a.slug = '{actors[4]}'
        JOIN incidents_incident i ON i.id = l.incident_id
        WHERE l.is_public GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1""",
    )[0]
    details = [
        r[0]
        for r in psql(
            url,
            """
        SELECT id FROM incidents_incident WHERE status = 'published'
        ORDER BY id LIMIT 50""",
        )
    ]
    word = psql(
        url,
        """
        SELECT word FROM ts_stat('SELECT search_vector FROM incidents_incident
                                  WHERE id < 20000')
        WHERE length(word) > 4 ORDER BY ndoc DESC OFFSET 20 LIMIT 1""",
    )[0][0]
    mix = [
        f"/api/incidents?actor={slug}" + (f"&offset={page * 50}" if page else "")
        for slug in actors
        for page in range(3)
    ]
    return {
        "actor mix (20 actors, pages 1-3)": {
            "paths": mix,
            "baseline": True,
            "limit": True,
            # The target "page 1 of any actor on an idle server", actor by actor.
            "first_pages": [f"/api/incidents?actor={slug}" for slug in actors],
        },
        "page 200 of the largest actor": {
            "paths": [f"/api/incidents?actor={largest}&offset=9950"],
            "baseline": True,
            "limit": True,
        },
        "actor + date range + country": {
            "paths": [
                f"/api/incidents?actor={actors[4]}&country={country}"
                f"&date_from={year}-01-01&date_to={year}-12-31"
            ],
            "baseline": False,
            "limit": True,
        },
        "full-text q": {"paths": [f"/api/incidents?q={word}"], "baseline": False, "limit": True},
        "incident detail (evidence chain)": {
            "paths": [f"/api/incidents/{i}" for i in details],
            "baseline": False,
            "limit": True,
        },
        "CSV export, 10,000 rows": {
            "paths": ["/api/incidents?format=csv&limit=10000"],
            "baseline": False,
            "connections": [1, 2],
        },
        "walk of /api/changes": {
            "paths": ["/api/changes?limit=1000"],
            "baseline": False,
            "limit": True,
            "walk": 30,  # pages, following `next` from the first
        },
    }


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    RESULTS.mkdir(parents=True, exist_ok=True)
    if "REDIS_URL" not in os.environ and _redis_answers():
        # Rate-limit counters in Redis, as a deployment has them, not in the database.
        os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    url = database_url()
    ensure_database(url)
    if not SNAPSHOT_ONLY:
        subprocess.run(
            [PYTHON, "-m", "tests.bench.limit", "build"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"},
            check=True,
        )
    ops = operations(url)
    load_before = os.getloadavg()
    ports = {name: free_port() for name in ("project", "baseline", "limit")}
    production = production_env(url, ports["project"])
    manage(url, "collectstatic", "--no-input", "-v0", **production)
    commands = {
        "project": [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        "baseline": [PYTHON, "-m", "tests.bench.serve", "tests.bench.baseline:app"],
        "limit": [PYTHON, "-m", "tests.bench.serve", "tests.bench.limit:app"],
    }
    servers = {}
    try:
        for name, command in commands.items():
            if name != "project":
                command, env = [*command, str(ports[name]), WORKERS], {**os.environ}
            else:
                env = production
            env["DATABASE_URL"] = url
            process = start(command, env, ports[name], name)
            servers[name] = {"port": ports[name], "process": process, "url": url}
            if SNAPSHOT_ONLY:
                break
        report = {"operations": {}}
        if not SNAPSHOT_ONLY:
            report = measure(url, ops, servers)
        if ONLY != "exports":
            report["snapshot"] = measure_snapshot(ports["project"])
        if ONLY != "snapshot":
            report["exports"] = {
                name: measure_export(ports["project"], path)
                for name, path in export_reads(url).items()
            }
        report["rss_mib_per_worker"] = {name: rss(s["process"].pid) for name, s in servers.items()}
    finally:
        for server in servers.values():
            server["process"].terminate()
            server["process"].wait(timeout=30)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report["machine"] = machine()
    report["load_average"] = {"start": load_before, "end": os.getloadavg()}
    report["incidents"] = psql(url, "SELECT count(*) FROM incidents_incident")[0][0]
    # Feed building still to do (no worker runs here: the walk reads what was built).
    report["pending_change_marks"] = psql(url, "SELECT count(*) FROM incidents_changemark")[0][0]
    out = RESULTS / f"{stamp}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    log(f"results written to {out.relative_to(ROOT)}")


def production_env(url: str, port: int) -> dict:
    """The environment of the service as in production, on ``url``, serving ``port``."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DATABASE_POOL_SIZE": "4",
        "ANON_RATE": "100000000/min",
        "USER_RATE": "100000000/min",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": WORKERS,
        "PORT": str(port),
    }


def rss(pid: int) -> list[float]:
    """Resident memory of each worker (each process of the server but its master), MiB."""
    sizes = []
    for child in tree(pid)[1:]:
        try:
            status = Path(f"/proc/{child}/status").read_text()
            if b"resource_tracker" in Path(f"/proc/{child}/cmdline").read_bytes():
                continue  # multiprocessing's helper beside uvicorn's workers
        except OSError:
            continue
        if match := re.search(r"^VmRSS:\s+(\d+) kB", status, re.M):
            sizes.append(round(int(match.group(1)) / 1024, 1))
    return sorted(sizes)


def same_bytes(servers: dict, name: str, paths: list[str]) -> list[str]:
    """The paths (of a sample) that ``name`` answers differently from the project."""
    differing = []
    for path in paths[:: max(1, len(paths) // 8)]:
        try:
            if get(servers["project"]["port"], path) != get(servers[name]["port"], path):
                differing.append(path)
        except urllib.error.HTTPError:
            differing.append(path)
    return differing


def reused_ms(server: dict, paths: list[str]) -> float:
    """Median latency of one client on one reused connection (the stall new ones hide)."""
    return wrk(server, paths, 1, 2)["p50_ms"]


def measure(url: str, ops: dict, servers: dict) -> dict:
    project = servers["project"]
    results = {}
    for name, op in ops.items():
        log(f"measuring: {name}")
        paths = op["paths"]
        try:
            if op.get("walk"):
                paths = cursor_pages(project["port"], paths[0], op["walk"])
            for path in paths[:5]:
                get(project["port"], path)  # warm caches
        except (urllib.error.URLError, TimeoutError) as error:
            # A failing operation is a finding to report, not a reason to lose the others.
            log(f"{name}: {error}; not measured")
            results[name] = {"error": str(error)}
            continue
        entry = {
            "idle_ms": idle_latency(project["port"], paths, 10 if "CSV" in name else 20),
            "queries": sorted(set(queries_per_request(url, paths[:3]))),
        }
        references = []
        for reference in ("baseline", "limit"):
            if op.get(reference):
                differing = same_bytes(servers, reference, paths)
                entry[f"{reference}_differs"] = differing
                if differing:
                    log(f"{name}: the {reference} answers differently for {differing}: left out")
                else:
                    references.append(reference)
        for reference in ["project", *references]:
            prefix = "" if reference == "project" else f"{reference}_"
            if "CSV" not in name:
                entry[f"{prefix}reused_ms"] = reused_ms(servers[reference], paths)
            if reference != "project":
                entry[f"{prefix}idle_ms"] = idle_latency(servers[reference]["port"], paths)
        for connections in op.get("connections", [8, 32]):
            # A run shorter than a few times the queue's wait counts only the requests that
            # finished in it, while the server did the work of the rest: at c=32 full-text q
            # (about 4.5 s in the queue) showed 1.5 req/s in 6 s and 8.7 in 20 s.
            queue_wait = entry["idle_ms"] / 1000 * connections / int(WORKERS)
            seconds = max(SECONDS, math.ceil(3 * queue_wait))
            rounds = [wrk(project, paths, connections, seconds) for _ in range(ROUNDS)]
            entry[f"c{connections}"] = _median(rounds)
            for reference in references:
                if reference == "limit" and connections != 32:
                    continue  # the limit's figure that counts: throughput at c=32
                theirs = [
                    wrk(servers[reference], paths, connections, SECONDS) for _ in range(ROUNDS)
                ]
                entry[f"{reference}_c{connections}"] = _median(theirs)
                # A round the reference did not serve (0 req/s) gives no ratio, not a crash.
                ratios = [
                    p["rps"] / b["rps"] for p, b in zip(rounds, theirs, strict=True) if b["rps"]
                ]
                entry[f"{reference}_ratio_c{connections}"] = (
                    round(statistics.median(ratios), 3) if ratios else None
                )
        if op.get("first_pages"):
            for reference in ["project", *references]:
                prefix = "" if reference == "project" else f"{reference}_"
                entry[f"{prefix}page1_idle_ms"] = first_pages(
                    servers[reference]["port"], op["first_pages"]
                )
        results[name] = entry
    return {"operations": results, "rounds": ROUNDS, "seconds": SECONDS}


def measure_snapshot(port: int) -> dict:
    """`GET /api/snapshot` read to its end line, plain and gzip: incidents (and records) a
    second, and megabytes a second as sent. Each is read once: one read is minutes at 1M."""
    results = {}
    for encoding in ("identity", "gzip"):
        log(f"measuring: snapshot ({encoding})")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/snapshot",
            headers={"Host": HOST, "Accept-Encoding": encoding},
        )
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        sent = size = 0
        tail = b""
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=3600) as response:
            while chunk := response.read(1 << 20):
                sent += len(chunk)
                if inflate is not None:
                    chunk = inflate.decompress(chunk)
                size += len(chunk)
                tail = (tail + chunk)[-4096:]
        seconds = time.perf_counter() - started
        end = json.loads(tail.rstrip(b"\n").rsplit(b"\n", 1)[-1])
        if end.get("kind") != "end":
            raise SystemExit(f"the snapshot ({encoding}) ended without its end line")
        counts = end["counts"]
        results[encoding] = {
            "seconds": round(seconds, 1),
            "incidents": counts["incidents"],
            "records": sum(counts.values()),
            "incidents_per_s": round(counts["incidents"] / seconds),
            "records_per_s": round(sum(counts.values()) / seconds),
            "mb_sent": round(sent / 1e6, 1),
            "mb_per_s": round(sent / 1e6 / seconds, 1),
            "mb_uncompressed": round(size / 1e6, 1),
        }
        log(f"snapshot ({encoding}): {results[encoding]}")
    return results


def export_reads(url: str) -> dict[str, str]:
    """The CSV exports read to their end: every public incident, and the largest actor's."""
    largest = psql(
        url,
        """
        SELECT a.slug FROM incidents_incidentactor l JOIN incidents_actor a ON a.id = l.actor_id
        WHERE l.is_public GROUP BY a.slug ORDER BY count(*) DESC, a.slug LIMIT 1""",
    )[0][0]
    return {
        "CSV export, all incidents": "/api/incidents?format=csv",
        f"CSV export, the largest actor ({largest})": f"/api/incidents?format=csv&actor={largest}",
    }


def measure_export(port: int, path: str) -> dict:
    """A CSV export read to its end on an idle server: its rows a second and the time to its
    first byte (the response's head and first chunk leave together)."""
    log(f"measuring: {path} to its end")
    with socket.create_connection(("127.0.0.1", port), timeout=3600) as conn:
        started = time.perf_counter()
        # HTTP/1.0: the body comes as it is, not in chunks, and ends when the server closes.
        conn.sendall(f"GET {path} HTTP/1.0\r\nHost: {HOST}\r\n\r\n".encode())
        first = conn.recv(1 << 16)
        first_byte = time.perf_counter() - started
        head, _, body = first.partition(b"\r\n\r\n")
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            raise SystemExit(f"{path}: {head[:200]!r}")
        lines, size = body.count(b"\r\n"), len(first)
        while chunk := conn.recv(1 << 20):
            lines += chunk.count(b"\r\n")  # each row ends with CRLF
            size += len(chunk)
        seconds = time.perf_counter() - started
    rows = lines - 1  # the header (a quoted cell's own line breaks are rare enough)
    result = {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "first_byte_ms": round(first_byte * 1000, 1),
        "mb": round(size / 1e6, 1),
    }
    log(f"{path}: {result}")
    return result


def cursor_pages(port: int, first: str, pages: int) -> list[str]:
    """The paths of up to ``pages`` pages of a cursor-paginated list, following ``next``."""
    paths = [first]
    while len(paths) < pages:
        following = json.loads(get(port, paths[-1]))["next"]
        if not following:
            break
        parts = urlsplit(following)
        paths.append(f"{parts.path}?{parts.query}")
    return paths


def _median(runs: list[dict]) -> dict:
    keys = ["rps", "p50_ms", "p99_ms", "cpu_ms_per_request", "app_cpu_ms_per_request"]
    keys.append("db_cpu_ms_per_request")
    return {k: round(statistics.median(r[k] for r in runs), 2) for k in keys} | {
        "errors": any(r["errors"] for r in runs)
    }


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": sys.version.split()[0],
        "kernel": os.uname().release,
    }


def print_table(report: dict) -> None:
    print()
    for name, e in report.get("exports", {}).items():
        print(
            f"{name}: {e['rows']:,} rows in {e['seconds']} s: {e['rows_per_s']:,} rows/s, "
            f"first byte after {e['first_byte_ms']} ms, {e['mb']} MB"
        )
    for encoding, e in report.get("snapshot", {}).items():
        print(
            f"snapshot ({encoding}): {e['incidents']:,} incidents, {e['records']:,} records in "
            f"{e['seconds']} s: {e['incidents_per_s']:,} incidents/s, {e['records_per_s']:,} "
            f"records/s, {e['mb_sent']} MB sent at {e['mb_per_s']} MB/s"
        )
    print()
    print(
        "| operation | req/s c=8 | req/s c=32 | p50 / p99 ms (c=8) | idle ms (reused conn.) "
        "| queries | CPU ms/req c=32 (app + PostgreSQL) | vs baseline (c=32) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, e in report["operations"].items():
        if "error" in e:
            print(f"| {name} | {e['error']} | | | | | | |")
            continue
        c8, c32 = e.get("c8") or e.get("c1"), e.get("c32") or e.get("c2")
        ratio = e.get("baseline_ratio_c32")
        versus = "answers differently" if e.get("baseline_differs") else "-"
        print(
            f"| {name} | {c8['rps']} | {c32['rps']} | {c8['p50_ms']} / {c8['p99_ms']} "
            f"| {e['idle_ms']} ({e.get('reused_ms', '-')}) | {', '.join(map(str, e['queries']))} "
            f"| {_cpu(c32)} | {f'{ratio}x' if ratio else versus} |"
        )
    for name, e in report["operations"].items():
        if "baseline_c32" in e:
            print(
                f"\n{name}, the baseline: {e['baseline_c8']['rps']} / {e['baseline_c32']['rps']} "
                f"req/s c=8 / c=32, idle {e['baseline_idle_ms']} ms (reused connection "
                f"{e['baseline_reused_ms']} ms), CPU ms/req c=32 {_cpu(e['baseline_c32'])}"
            )
    print("\nAgainst the limit (the same bytes from read-optimised structures, limit.py):\n")
    print(
        "| operation | req/s c=32: project / limit | ratio | idle ms (reused conn.): project "
        "/ limit | CPU ms/req c=32: project / limit |"
    )
    print("|---|---|---|---|---|")
    for name, e in report["operations"].items():
        if "error" in e or "limit_differs" not in e:
            continue
        if e["limit_differs"]:
            print(f"| {name} | differs on {len(e['limit_differs'])} URL(s): not compared | | | |")
            continue
        c32, theirs = e["c32"], e["limit_c32"]
        print(
            f"| {name} | {c32['rps']} / {theirs['rps']} | {e['limit_ratio_c32']}x "
            f"(the limit {theirs['rps'] / c32['rps']:.0f}x faster) "
            f"| {e['idle_ms']} ({e['reused_ms']}) / {e['limit_idle_ms']} ({e['limit_reused_ms']}) "
            f"| {_cpu(c32)} / {_cpu(theirs)} |"
        )
    for name, e in report["operations"].items():
        if "page1_idle_ms" in e:
            line = ", ".join(
                f"{who} median {e[key]['median']} ms, max {e[key]['max']} ms"
                for who, key in (
                    ("project", "page1_idle_ms"),
                    ("baseline", "baseline_page1_idle_ms"),
                    ("limit", "limit_page1_idle_ms"),
                )
                if key in e
            )
            print(f"\n{name}, page 1 of each actor on an idle server: {line}")
    for name, sizes in report.get("rss_mib_per_worker", {}).items():
        print(f"RSS per worker at the end, {name}: {', '.join(map(str, sizes))} MiB")


def _cpu(run: dict) -> str:
    return (
        f"{run['cpu_ms_per_request']} ({run['app_cpu_ms_per_request']} + "
        f"{run['db_cpu_ms_per_request']})"
    )


if __name__ == "__main__":
    if os.environ.get("BENCH_ONLY") == "writes":
        sys.path.insert(0, str(ROOT))
        from tests.bench.writes import main as measure_writes

        measure_writes()
    else:
        main()
