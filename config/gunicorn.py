"""gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Each setting can be overridden by its environment variable. The service is CPU-bound on
PostgreSQL and Python alike (see PERFORMANCE.md), so about two workers per core, each with a
few threads and a small pool of database connections (DATABASE_POOL_SIZE), is the measured
sweet spot.
"""

import multiprocessing
import os
import re

from config import gunicorn_errors

# gunicorn's own refusals (a URL over limit_request_line...) as JSON errors, not HTML pages.
gunicorn_errors.install()

# The loopback interface: the TLS-terminating proxy runs on the same machine. A load balancer
# on another machine needs GUNICORN_BIND=0.0.0.0:8000 (or the private address) and a firewall
# that lets only it in: nothing but the proxy may reach gunicorn (NUM_PROXIES trusts it).
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")


def _control_socket(bind: str) -> str:
    """One control socket (gunicornc's) per instance, named after the address it serves:
    gunicorn's default is one path per user, which the last instance started takes over."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    directory = runtime if os.path.isdir(runtime) else os.path.expanduser("~/.gunicorn")
    return os.path.join(directory, "ledger-" + re.sub(r"[^A-Za-z0-9.]+", "_", bind) + ".ctl")


control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or _control_socket(bind)
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
# Threaded workers: a request runs in one of the worker's threads while its main thread keeps
# telling the arbiter it lives, so a response that streams for longer than `timeout` (a
# snapshot, a large export) completes; a sync worker busy with one is killed mid-stream.
# `timeout` then bounds a worker whose main loop is stuck, not a request's length. Each thread
# has its own database connection (from the pool when DATABASE_POOL_SIZE is set, which should
# then be at least twice `threads`: an export reads on a second one, and a thread waits for a
# free one). Measured in README, "gunicorn".
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
# (gunicorn turns "sync" into "gthread" when threads > 1: GUNICORN_WORKER_CLASS=sync means one.)
threads = int(os.environ.get("GUNICORN_THREADS", "2")) if worker_class == "gthread" else 1
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# A request line (method, path and query) over this many bytes is a 414, stated in the
# OpenAPI document; gunicorn's default, kept explicit because the document quotes it.
limit_request_line = 4094
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
# The app, not gunicorn, decides who the client is (NUM_PROXIES); trust no forwarded headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
