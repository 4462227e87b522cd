"""The hand-written layer over the generated client (``incident_ledger_client``): a client
that retries, typed errors, every page of a list, and a mirror kept by the change feed.

Kept apart from the generated package, which ``make sdk`` replaces whole.
"""

from .errors import (
    ApiError,
    BadRequest,
    ClientError,
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    Problem,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    ValidationError,
)
from .http import RetryTransport, connect
from .mirror import Mirror, MirrorError
from .pages import pages, unwrap

__all__ = [
    "ApiError",
    "BadRequest",
    "ClientError",
    "Conflict",
    "Mirror",
    "MirrorError",
    "NotAuthenticated",
    "NotFound",
    "PermissionDenied",
    "Problem",
    "RateLimited",
    "RetryTransport",
    "ServerError",
    "ServiceUnavailable",
    "ValidationError",
    "connect",
    "pages",
    "unwrap",
]
