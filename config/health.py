"""Liveness and readiness for load balancers and orchestrators: plain Django views, outside
the API's rate limits, answering in JSON.

HealthCheckMiddleware answers them ahead of the HTTPS redirect and the Host check, so that a
load balancer can probe each server over plain HTTP by its address (Host: 10.0.0.5), with
settings made for the public (HTTPS=true, ALLOWED_HOSTS=ledger.example.org).
"""

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.replicas import PRIMARY, replica_health

# What the middleware below them would have added: a JSON body needs no script or style.
PROBE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = {"/health": health, "/ready": ready}.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        response = probe(request)
        for header, value in PROBE_HEADERS.items():
            response.headers.setdefault(header, value)
        # As CommonMiddleware would: a probe reads a sized body, not a chunked one.
        response["Content-Length"] = str(len(response.content))
        return response


@never_cache
@require_safe
def health(request):
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    """The instance can serve: a database answers and has every migration applied.

    Each database's state is reported: the primary's (``ok`` or ``down``) and each replica's
    (``ok``, ``down``, or ``lagging`` with its lag). A replica down or lagging is no reason to
    take the instance out of rotation (its reads go to the primary), and neither is a primary
    down while a replica answers (public reads are served, writes are 503s until it is back):
    the answer is a 503 only when no database answers, or the schema is behind the code.
    """
    replica_health.check()
    databases = {PRIMARY: replica_health.primary.as_json()}
    for alias in settings.DATABASE_REPLICAS:
        databases[alias] = replica_health.state(alias).as_json()
    answering = [alias for alias, state in databases.items() if state["status"] != "down"]
    migrations = _migrations(answering[0]) if answering else "unknown"
    if not answering:
        status = "unavailable"
    elif migrations == "pending":
        status = "migrations pending"
    elif migrations != "applied":
        status = "unavailable"
    elif len(answering) < len(databases):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "migrations": migrations, "databases": databases},
        status=200 if status in ("ok", "degraded") else 503,
    )


_migrated = False


def _migrations(alias: str) -> str:
    """``applied``, or ``pending`` while the database lacks a migration this code has (the
    instance started before `migrate` ran). Once applied, not looked up again."""
    global _migrated
    if _migrated:
        return "applied"
    try:
        executor = MigrationExecutor(connections[alias])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return f"unknown ({type(error).__name__})"
    _migrated = not pending
    return "pending" if pending else "applied"
