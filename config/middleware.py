import re
import uuid

from django.conf import settings
from django.db import transaction

from config.history import set_history_context
from config.logging import request_id as logging_request_id

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,200}$")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class RequestIdMiddleware:
    """Accept the caller's ``X-Request-ID`` when it is sane, or make one; echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        token = logging_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            logging_request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class AtomicWritesMiddleware:
    """Each write request is one transaction, labelled for the history.

    A request that fails writes nothing. An API request with no credentials at all (no
    token, no session) is no write: the API refuses it with a 401 before it reads anything,
    so it opens no transaction, and is refused even while the database is down.

    The label names the request id, the channel (admin or api), the user the session knows
    and an ``X-Change-Reason``; API views relabel the transaction with the user their token
    authenticates.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS or _anonymous_api_request(request):
            return self.get_response(request)
        with transaction.atomic():
            set_history_context(
                user=getattr(request, "user", None),
                reason=request.headers.get("X-Change-Reason", ""),
                request_id=getattr(request, "request_id", ""),
                via="admin" if request.path.startswith("/admin/") else "api",
            )
            response = self.get_response(request)
            # Django answers an unhandled error with a 500 response, not an exception: the
            # transaction must not commit what the failed request wrote.
            if response.status_code >= 500:
                transaction.set_rollback(True)
            return response


def _anonymous_api_request(request) -> bool:
    return (
        request.path.startswith("/api/")
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )
