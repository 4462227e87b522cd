"""Idle latency of one actor's pages from the actor trees, against the general path.

    BENCH_DATABASE=ledger_copy .venv/bin/python -m tests.bench.tree_pages

(a database on DATABASE_URL's server). Starts the service as `make bench` does (gunicorn,
DEBUG off, production settings) on it, and prints the median idle latency (a new connection
per request) of page 1 of the bench's 20 actors, page 200 of the largest, and actor + date
range + country, each also through the general path (`ordering=-start_date` sends it there),
whose counts and rows must match. The database must have its trees built (migration 0030, or
`build_feed --rebuild-trees`).
"""

import json
import os
import secrets
import statistics

from tests.bench.run import (
    HOST,
    PYTHON,
    database_url,
    free_port,
    get,
    idle_latency,
    log,
    manage,
    operations,
    start,
)


def main() -> None:
    url = database_url()
    ops = operations(url)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DATABASE_POOL_SIZE": "4",
        "ANON_RATE": "100000000/min",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": "2",
        "PORT": str(port),
    }
    manage(url, "collectstatic", "--no-input", "-v0", **env)
    server = start(
        [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        env,
        port,
        "tree_pages",
    )
    try:
        cases = {
            "page 1, median of 20 actors": ops["actor mix (20 actors, pages 1-3)"]["first_pages"],
            "page 200 of the largest actor": ops["page 200 of the largest actor"]["paths"],
            "actor + date range + country": ops["actor + date range + country"]["paths"],
        }
        log(f"load average {os.getloadavg()}")
        for name, paths in cases.items():
            general = [f"{path}&ordering=-start_date" for path in paths]
            for fast_path, general_path in zip(paths, general, strict=True):
                # Their `next` links differ by the ordering parameter: compare the rest.
                fast_page, general_page = (
                    json.loads(get(port, path)) for path in (fast_path, general_path)
                )
                if [fast_page[k] for k in ("count", "results")] != [
                    general_page[k] for k in ("count", "results")
                ]:
                    log(f"DIFFERENT BYTES: {fast_path}")
            fast = statistics.median(idle_latency(port, [path], 15) for path in paths)
            slow = statistics.median(idle_latency(port, [path], 15) for path in general)
            log(f"{name}: trees {fast:.2f} ms, general path {slow:.2f} ms ({paths[0]})")
        log(f"load average {os.getloadavg()}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
