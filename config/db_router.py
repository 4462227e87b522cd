"""Reads from replicas, writes to the primary, and the primary for everything that is not a
public read.

Only a request the ReadRoutingMiddleware lets read from a replica does: a GET, HEAD or
OPTIONS with no credentials (no token, no session) or a service's token (``svc_…``, told by
its prefix: services read what the public reads), outside the admin. Everything else reads
on the primary by construction: management commands, shells and workers (no request at all),
editors' and reviewers' requests (they read drafts they have just saved), every write
request, and the rest of a public request once it has written anything (the rate limits'
database cache, say). Rows the database cache reads decide writes, so they always come from
the primary, as do services' tokens (config.api.authentication).

A request reads from one replica, chosen at random among those config.replicas finds healthy
(none: the primary). When that replica fails under it (a 5xx after an error on its
connection), the request is answered again, once, from the primary, and a replica whose
connection is dead leaves the rotation at once. The change feed is a public read like any
other: it only announces what every replica in rotation holds (config.replicas.feed_fence),
so the reads it leads to find what it announced wherever they go. Without
DATABASE_REPLICA_URLS this router is not installed at all.
"""

import contextvars
import random

from django.conf import settings
from django.db import connections

from config.api.authentication import is_service_authorization
from config.replicas import PRIMARY, replica_health

PINNED_PATHS = ("/admin/",)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
ALWAYS_ON_PRIMARY = {"django_cache"}


class PublicRead:
    """A request allowed to read from a replica, and which one it reads from."""

    def __init__(self):
        self.replica: str | None = None
        self.chosen = False
        self.primary_only = False

    def database(self) -> str:
        if self.primary_only:
            return PRIMARY
        if not self.chosen:
            self.chosen = True
            usable = replica_health.usable()
            self.replica = random.choice(usable) if usable else None  # noqa: S311 - spreading
        return self.replica or PRIMARY


public_read: contextvars.ContextVar[PublicRead | None] = contextvars.ContextVar(
    "public_read", default=None
)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        request = public_read.get()
        if request is None or model._meta.app_label in ALWAYS_ON_PRIMARY:
            return PRIMARY
        return request.database()

    def db_for_write(self, model, **hints):
        request = public_read.get()
        if request is not None and model._meta.app_label not in ALWAYS_ON_PRIMARY:
            # Read what was just written: the rest of the request reads on the primary. (The
            # rate limits' counters in the database cache are no data the request reads.)
            request.primary_only = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # `migrate` is run on the primary; replicas get the schema by replication. (Tests,
        # whose stand-in replica is a separate database, migrate it too.)
        return True


class ReadRoutingMiddleware:
    """Lets public reads use a replica, and answers one again from the primary when its
    replica fails under it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICAS or not _public_read(request):
            return self.get_response(request)
        for alias in settings.DATABASE_REPLICAS:
            # Left over from a connection that failed to open in an earlier request.
            if connections[alias].connection is None:
                connections[alias].errors_occurred = False
        read = PublicRead()
        token = public_read.set(read)
        try:
            response = self.get_response(request)
            failed = read.replica if read.replica and not read.primary_only else None
            if response.status_code >= 500 and failed and connections[failed].errors_occurred:
                connection = connections[failed]
                if connection.connection is None or not connection.is_usable():
                    replica_health.mark_down(failed, "connection lost")
                read.primary_only = True
                response.close()
                response = self.get_response(request)
            return response
        finally:
            public_read.reset(token)


def _public_read(request) -> bool:
    authorization = request.META.get("HTTP_AUTHORIZATION")
    return (
        request.method in SAFE_METHODS
        and (authorization is None or is_service_authorization(authorization))
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(PINNED_PATHS)
    )
