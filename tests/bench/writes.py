"""`BENCH_ONLY=writes make bench`: what the main curation writes cost (issue 17, item 4).

On a throwaway copy of a bench database (``CREATE DATABASE ... TEMPLATE``; the copy is dropped
at the end, the template is never written to), with the service as in production (gunicorn,
production settings, run.py's) and the feed's worker (``manage.py build_feed --follow``)
beside it, a reviewer's token drives, one request at a time over HTTP:

1. PATCH of a published incident (its summary; a direct edit, If-Match from a GET);
2. adding a claim: POST of an involvement of a published incident, resting on a quote;
3. publishing: a draft incident submitted, read (its ETag), then published with If-Match
   (only the publish is timed);
4. renaming the actor whose public incidents number closest to ``BENCH_WRITES_ACTOR_TARGET``
   (50,000) with PATCH /api/actors/<id>, and then its fan-out: the time from the PATCH's
   answer until the feed has announced every public incident that names the actor, while
   another thread reads those incidents' details (their latency, and whether they show the
   new name).

Each write is repeated ``BENCH_WRITES`` times (default 200; the rename
``BENCH_WRITES_RENAMES`` times, default 5), after 3 unmeasured ones; p50, p99 and max in ms
are printed and written to tests/bench/results/<time>-writes.json.

Environment: BENCH_DATABASE and BENCH_INCIDENTS as for run.py (the database is built or reused
as there), or BENCH_WRITES_TEMPLATE, an existing database to copy instead (copying needs
every other connection to it closed: this closes them, so name one nobody else reads).
"""

import http.client
import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tests.bench.run import (
    DATABASE,
    HOST,
    PYTHON,
    RESULTS,
    ROOT,
    _redis_answers,
    cpu_seconds,
    database_url,
    ensure_database,
    free_port,
    log,
    machine,
    manage,
    production_env,
    psql,
    start,
    tree,
)

REPEATS = int(os.environ.get("BENCH_WRITES", "200"))
RENAMES = int(os.environ.get("BENCH_WRITES_RENAMES", "5"))
TEMPLATE = os.environ.get("BENCH_WRITES_TEMPLATE", "")
ACTOR_TARGET = int(os.environ.get("BENCH_WRITES_ACTOR_TARGET", "50000"))
FANOUT_TIMEOUT = float(os.environ.get("BENCH_WRITES_FANOUT_TIMEOUT", "1800"))
WARMUP = 3
POLL_SECONDS = 0.05


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, interpolated linearly between the two
    nearest ranks (numpy's default): p50 of [1, 2, 3, 4] is 2.5, p100 the maximum."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not within 0-100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(ms: list[float]) -> dict:
    """p50, p99 and max of durations in ms (rounded to 0.1 ms), and how many there were."""
    if not ms:
        return {"n": 0}
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "max_ms": round(max(ms), 1),
    }


def nearest_actor(counts: dict[int, int], target: int) -> tuple[int, int]:
    """The actor (id, count) whose count is closest to ``target``; of two as close, the one
    with more incidents (the costlier to rename), then the lower id."""
    if not counts:
        raise ValueError("no actor names a public incident")
    actor = min(counts, key=lambda a: (abs(counts[a] - target), -counts[a], a))
    return actor, counts[actor]


class Api:
    """One client on one kept-alive connection to the service, as a curation tool has."""

    def __init__(self, port: int, token: str | None = None):
        self.port = port
        self.headers = {"Host": HOST, "Accept": "application/json"}
        if token:
            self.headers["Authorization"] = f"Token {token}"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)

    def request(self, method: str, path: str, body=None, **headers) -> tuple[int, dict, bytes]:
        payload = None if body is None else json.dumps(body).encode()
        sent = {**self.headers, **headers}
        if payload is not None:
            sent["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=payload, headers=sent)
                response = self.connection.getresponse()
                return response.status, dict(response.getheaders()), response.read()
            except (http.client.HTTPException, ConnectionError):
                # The server closed a kept-alive connection (gunicorn's keepalive): reconnect.
                self.connection.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def timed(self, method: str, path: str, body=None, **headers):
        started = time.perf_counter()
        status, answer_headers, content = self.request(method, path, body, **headers)
        return (time.perf_counter() - started) * 1000, status, answer_headers, content

    def etag(self, path: str) -> tuple[str, dict]:
        status, headers, content = self.request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path}: {status} {content[:300]!r}")
        return headers["ETag"], json.loads(content)


@dataclass
class Timings:
    """One kind of write's durations, and the answers that were not the expected status."""

    expected: int
    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    done: int = 0

    def add(self, ms: float, status: int, content: bytes, what: str) -> None:
        self.done += 1
        if status != self.expected:
            self.errors.append(f"{what}: {status} {content[:300].decode(errors='replace')}")
        elif self.done > WARMUP:
            self.ms.append(ms)

    def report(self) -> dict:
        return summary(self.ms) | {"errors": len(self.errors), "first_errors": self.errors[:3]}


def copy_database(template: str, copy: str) -> str:
    """A new database ``copy`` made from ``template`` (other connections to it closed)."""
    admin = database_url("postgres")
    psql(admin, f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    for attempt in range(10):
        psql(
            admin,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{template}' AND pid <> pg_backend_pid()",
        )
        try:
            psql(admin, f'CREATE DATABASE "{copy}" TEMPLATE "{template}"')
            break
        except Exception as error:  # noqa: BLE001 - psycopg's ObjectInUse: someone reconnected
            if attempt == 9:
                raise SystemExit(f"could not copy {template}: {error}") from None
            time.sleep(1)
    # Per-database settings stay with the template's oid: set the bench's again (run.py).
    psql(admin, f'ALTER DATABASE "{copy}" SET max_parallel_workers_per_gather = 0')
    return database_url(copy)


def choose(url: str) -> dict:
    """The records the writes work on, read from the copy: distinct incidents for each write,
    spread over the table (ordered by a hash of the id), and the actor to rename."""
    n = REPEATS + WARMUP
    published = [
        r[0]
        for r in psql(
            url,
            f"""
        SELECT i.id FROM incidents_incident i
        WHERE i.status = 'published' AND i.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM incidents_involvement v
                      WHERE v.incident_id = i.id AND v.quote_id IS NOT NULL
                        AND v.deleted_at IS NULL)
        ORDER BY md5(i.id::text) LIMIT {2 * n}""",
        )
    ]
    drafts = [
        r[0]
        for r in psql(
            url,
            f"""
        SELECT id FROM incidents_incident WHERE status = 'draft' AND deleted_at IS NULL
        ORDER BY md5(id::text) LIMIT {n}""",
        )
    ]
    claimed = published[n:]
    quotes = dict(
        psql(
            url,
            f"""
        SELECT DISTINCT ON (incident_id) incident_id, quote_id FROM incidents_involvement
        WHERE incident_id IN ({",".join(map(str, claimed)) or "NULL"})
          AND quote_id IS NOT NULL AND deleted_at IS NULL
        ORDER BY incident_id, id""",
        )
    )
    # The investigator: an NGO (the demo's reporters), else any actor.
    investigator = psql(url, "SELECT id FROM incidents_actor ORDER BY kind <> 'ngo', id LIMIT 1")[
        0
    ][0]
    counts = dict(
        psql(
            url,
            """
        SELECT actor_id, count(*) FROM incidents_incidentactor WHERE is_public
        GROUP BY actor_id""",
        )
    )
    actor, count = nearest_actor(counts, ACTOR_TARGET)
    name, slug = psql(url, f"SELECT name, slug FROM incidents_actor WHERE id = {actor}")[0]
    return {
        "patch": published[:n],
        "claim": [(i, quotes[i]) for i in claimed if i in quotes],
        "investigator": investigator,
        "drafts": drafts,
        "actor": {"id": actor, "name": name, "slug": slug, "public_incidents": count},
        "largest_actor_public_incidents": max(counts.values()),
    }


def measure_patch(api: Api, ids: list[int]) -> Timings:
    log(f"measuring: PATCH of a published incident x {len(ids)}")
    timings = Timings(expected=200)
    for pk in ids:
        path = f"/api/incidents/{pk}"
        etag, incident = api.etag(path)
        body = {"summary": (incident["summary"] + " Checked again.").strip()}
        ms, status, _, content = api.timed("PATCH", path, body, **{"If-Match": etag})
        timings.add(ms, status, content, path)
    return timings


def measure_claims(api: Api, claims: list[tuple[int, int]], actor: int) -> Timings:
    log(f"measuring: POST of an involvement x {len(claims)}")
    timings = Timings(expected=201)
    for incident, quote in claims:
        body = {"incident": incident, "actor": actor, "role": "investigator", "quote": quote}
        ms, status, _, content = api.timed("POST", "/api/involvements", body)
        timings.add(ms, status, content, f"involvement of incident {incident}")
    return timings


def measure_publish(api: Api, drafts: list[int]) -> Timings:
    log(f"measuring: publish of a submitted draft x {len(drafts)}")
    timings = Timings(expected=200)
    for pk in drafts:
        path = f"/api/incidents/{pk}"
        status, _, content = api.request("POST", f"{path}/submit", {})
        if status != 200:
            timings.add(0, status, content, f"submit of {pk}")
            continue
        etag, _ = api.etag(path)
        ms, status, _, content = api.timed(
            "POST", f"{path}/publish", {"reason": "bench"}, **{"If-Match": etag}
        )
        timings.add(ms, status, content, f"publish of {pk}")
    return timings


def affected(url: str, actor: int) -> list[int]:
    """The public incidents that name ``actor`` (the rename's fan-out)."""
    sql = (
        "SELECT incident_id FROM incidents_incidentactor "
        f"WHERE actor_id = {actor} AND is_public ORDER BY incident_id"
    )
    return [r[0] for r in psql(url, sql)]


class Reader(threading.Thread):
    """Reads affected incidents' details, one after another, until stopped; each read's
    start (perf_counter), latency and whether it showed ``needle``."""

    def __init__(self, port: int, ids: list[int], needle: bytes = b""):
        super().__init__(daemon=True)
        self.api, self.ids, self.needle = Api(port), ids, needle
        self.reads: list[tuple[float, float, bool]] = []
        self.failures = 0
        self.stop = threading.Event()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            path = f"/api/incidents/{self.ids[i % len(self.ids)]}"
            i += 1
            started = time.perf_counter()
            ms, status, _, content = self.api.timed("GET", path)
            if status != 200:
                self.failures += 1
                continue
            self.reads.append((started, ms, bool(self.needle) and self.needle in content))


def wait_for_fanout(url: str, before: int, expected: set[int]) -> tuple[float, int]:
    """Wait until the feed has announced every incident of ``expected`` after the entry
    ``before``, or until no mark is left and no entry has come for 5 s; the moment it saw
    that (perf_counter) and how many incident entries were made."""
    import psycopg

    deadline = time.monotonic() + FANOUT_TIMEOUT
    quiet_since = None
    made = last = 0
    with psycopg.connect(url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            marks, made = conn.execute(
                "SELECT (SELECT count(*) FROM incidents_changemark), (SELECT count(*) FROM "
                "incidents_change WHERE id > %s AND resource = 'incidents')",
                [before],
            ).fetchone()
            if made >= len(expected):
                return time.perf_counter(), made
            if marks == 0 and made == last:
                # Built, but short of the count: 5 s more without progress, then report that.
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 5:
                    return time.perf_counter(), made
            else:
                quiet_since = None
            last = made
            time.sleep(POLL_SECONDS)
    log(f"the fan-out did not end within {FANOUT_TIMEOUT:.0f} s")
    return time.perf_counter(), made


def measure_rename(url: str, port: int, api: Api, actor: dict, feed_pid: int) -> dict:
    ids = affected(url, actor["id"])
    expected = set(ids)
    sample = ids[:: max(1, len(ids) // 200)]
    log(f"measuring: rename of {actor['slug']} ({len(ids):,} public incidents) x {RENAMES}")
    idle = Reader(port, sample)
    idle.start()
    time.sleep(5)
    idle.stop.set()
    idle.join()
    path = f"/api/actors/{actor['id']}"
    patches, fanouts, during_patch, during_fanout = [], [], [], []
    shown = missing = failures = 0
    runs = []
    for n in range(1, RENAMES + 1):
        etag, _ = api.etag(path)
        name = f"{actor['name']} (renamed {n})"
        before = psql(url, "SELECT coalesce(max(id), 0) FROM incidents_change")[0][0]
        reader = Reader(port, sample, json.dumps(name, ensure_ascii=False).encode())
        reader.start()
        feed_cpu = cpu_seconds(tree(feed_pid))
        sent = time.perf_counter()
        ms, status, _, content = api.timed("PATCH", path, {"name": name}, **{"If-Match": etag})
        answered = time.perf_counter()
        if status != 200:
            reader.stop.set()
            raise SystemExit(f"rename: {status} {content[:300]!r}")
        done, made = wait_for_fanout(url, before, expected)
        feed_cpu = cpu_seconds(tree(feed_pid)) - feed_cpu
        reader.stop.set()
        reader.join()
        announced = {
            r[0]
            for r in psql(
                url,
                f"SELECT object_id FROM incidents_change WHERE id > {before} "
                "AND resource = 'incidents'",
            )
        }
        gone = len(expected - announced)
        missing += gone
        in_patch = [r[1] for r in reader.reads if sent <= r[0] < answered]
        in_fanout = [r for r in reader.reads if answered <= r[0] < done]
        during_patch += in_patch
        during_fanout += [r[1] for r in in_fanout]
        shown += sum(r[2] for r in in_fanout)
        failures += reader.failures
        patches.append(ms)
        fanouts.append((done - answered) * 1000)
        runs.append(
            {
                "patch_ms": round(ms, 1),
                "fanout_ms": round((done - answered) * 1000, 1),
                "incident_entries": made,
                # The worker's own process, not its PostgreSQL backend.
                "feed_worker_cpu_ms": round(feed_cpu * 1000),
                "affected_not_announced": gone,
                "reads_during_fanout": len(in_fanout),
            }
        )
        log(f"rename {n}: {runs[-1]}")
    return {
        "actor": actor | {"public_incidents_now": len(ids)},
        "patch": summary(patches),
        "fanout": summary(fanouts),
        "runs": runs,
        "affected_not_announced": missing,
        "reads": {
            "idle": summary([r[1] for r in idle.reads]),
            "during_patch": summary(during_patch),
            "during_fanout": summary(during_fanout),
            "during_fanout_showing_new_name": shown,
            "failures": idle.failures + failures,
        },
    }


def reviewer_token(url: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", "create_editor", "bench-writes", "--reviewer"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().split()[-1]


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    if "REDIS_URL" not in os.environ and _redis_answers():
        os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    template = TEMPLATE
    if not template:
        template = DATABASE
        ensure_database(database_url())
    copy = f"{template[:40]}_writes_run"
    log(f"copying {template} to {copy}")
    url = copy_database(template, copy)
    servers = []
    try:
        manage(url, "migrate", "--no-input", "-v0")
        manage(url, "build_feed")  # what the template left unbuilt, before anything is timed
        token = reviewer_token(url)
        chosen = choose(url)
        port = free_port()
        production = production_env(url, port)
        manage(url, "collectstatic", "--no-input", "-v0", **production)
        uptime_before = _uptime()
        load_before = os.getloadavg()
        command = [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
        servers.append(start(command, production, port, "writes-service"))
        feed_log = open(RESULTS / "writes-feed.log", "w")  # noqa: SIM115 - the worker's
        servers.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "build_feed", "--follow"],
                cwd=ROOT,
                env=production,
                stdout=feed_log,
                stderr=subprocess.STDOUT,
            )
        )
        api = Api(port, token)
        report = {
            "patch": measure_patch(api, chosen["patch"]).report(),
            "claim": measure_claims(api, chosen["claim"], chosen["investigator"]).report(),
            "publish": measure_publish(api, chosen["drafts"]).report(),
            "rename": measure_rename(url, port, api, chosen["actor"], servers[1].pid),
        }
    finally:
        for process in reversed(servers):
            process.terminate()
            process.wait(timeout=30)
        incidents = psql(url, "SELECT count(*) FROM incidents_incident")[0][0]
        psql(database_url("postgres"), f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
    report |= {
        "template": template,
        "incidents": incidents,
        "largest_actor_public_incidents": chosen["largest_actor_public_incidents"],
        "repeats": REPEATS,
        "renames": RENAMES,
        "warmup": WARMUP,
        "workers": production["GUNICORN_WORKERS"],
        "machine": machine(),
        "load_average": {"start": load_before, "end": os.getloadavg()},
        "uptime": {"start": uptime_before, "end": _uptime()},
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}-writes.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    log(f"results written to {out.relative_to(ROOT)}")


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def print_table(report: dict) -> None:
    rename = report["rename"]
    actor = rename["actor"]
    print()
    print(f"{report['incidents']:,} incidents (a copy of {report['template']})")
    print(f"before: {report['uptime']['start']}\nafter:  {report['uptime']['end']}")
    print()
    print("| write | n | p50 ms | p99 ms | max ms | errors |")
    print("|---|---|---|---|---|---|")
    rows = [
        ("PATCH a published incident", report["patch"]),
        ("add a claim (POST an involvement)", report["claim"]),
        ("publish a submitted draft", report["publish"]),
        (
            f"rename {actor['slug']} ({actor['public_incidents_now']:,} public incidents)",
            rename["patch"] | {"errors": 0},
        ),
        ("  its fan-out: PATCH answered -> feed announced all", rename["fanout"] | {"errors": 0}),
    ]
    for name, e in rows:
        print(
            f"| {name} | {e['n']} | {e.get('p50_ms', '-')} | {e.get('p99_ms', '-')} "
            f"| {e.get('max_ms', '-')} | {e['errors']} |"
        )
    reads = rename["reads"]
    print(
        f"\nReads of affected incidents' details: idle p50 {reads['idle'].get('p50_ms')} ms "
        f"(max {reads['idle'].get('max_ms')}); during the rename's PATCH p50 "
        f"{reads['during_patch'].get('p50_ms')} (max {reads['during_patch'].get('max_ms')}, "
        f"n {reads['during_patch']['n']}); during its fan-out p50 "
        f"{reads['during_fanout'].get('p50_ms')} (max {reads['during_fanout'].get('max_ms')}, "
        f"n {reads['during_fanout']['n']}, {reads['during_fanout_showing_new_name']} showing "
        f"the new name). Affected incidents the feed did not announce: "
        f"{rename['affected_not_announced']}."
    )
    cpu = [run["feed_worker_cpu_ms"] for run in rename["runs"]]
    entries = [run["incident_entries"] for run in rename["runs"]]
    print(
        f"Each rename's fan-out: {', '.join(map(str, entries))} incident entries; the feed "
        f"worker's process used {', '.join(map(str, cpu))} ms of CPU."
    )


if __name__ == "__main__":
    main()
