"""Reads from replicas, writes to the primary, and the primary whenever a request must see
its own or its editors' latest writes.

A request is pinned to the primary when it writes, when it is an editor's (a token or a
session: they read drafts they have just saved), or when it is the change feed (which
builds and so writes). Everything else, the public's reads, goes to a replica chosen at
random. Without DATABASE_REPLICA_URLS this router is not installed at all.
"""

import contextvars
import random

from django.conf import settings

pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("pinned_to_primary", default=False)

PRIMARY = "default"
PINNED_PATHS = ("/admin/", "/api/changes", "/ready")


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if pinned.get() or not settings.DATABASE_REPLICAS:
            return PRIMARY
        return random.choice(settings.DATABASE_REPLICAS)  # noqa: S311 - load spreading

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # replicas hold the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # `migrate` is run on the primary; replicas get the schema by replication. (Tests,
        # whose stand-in replica is a separate database, migrate it too.)
        return True


class PinToPrimaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = (
            request.method not in ("GET", "HEAD", "OPTIONS")
            or "HTTP_AUTHORIZATION" in request.META
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(PINNED_PATHS)
        )
        token = pinned.set(primary)
        try:
            return self.get_response(request)
        finally:
            pinned.reset(token)
