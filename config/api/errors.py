import sys

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.views import defaults
from drf_standardized_errors.handler import ExceptionHandler as StandardizedExceptionHandler
from rest_framework.exceptions import APIException, ParseError

RETRY_AFTER_SECONDS = 5
"""What a 503 asks a client to wait: long enough for a restarted database or a failover."""

# The database refused, dropped or timed out the connection or the statement: the request
# may well succeed when retried, which is what a 503 says. (psycopg_pool's PoolTimeout
# reaches Django as an OperationalError too.)
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class PayloadTooLarge(APIException):
    status_code = 413
    default_code = "payload_too_large"


class ServiceUnavailable(APIException):
    status_code = 503
    default_code = "service_unavailable"
    default_detail = (
        f"The database is not answering; nothing was changed. "
        f"Retry in {RETRY_AFTER_SECONDS} seconds."
    )
    # drf-standardized-errors sends this as Retry-After, as DRF does for a 429.
    wait = RETRY_AFTER_SECONDS


class ExceptionHandler(StandardizedExceptionHandler):
    """drf-standardized-errors' handling, with an oversized body as a 413, a request Django
    finds suspicious (e.g. over a thousand query parameters) as a 400, and a database that
    does not answer as a 503 with Retry-After, not a 500."""

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, RequestDataTooBig):
            return PayloadTooLarge(
                f"The request body is over the limit of "
                f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
            )
        if isinstance(exc, SuspiciousOperation):
            return ParseError(f"Refused: {exc}")
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return ServiceUnavailable()
        return super().convert_known_exceptions(exc)


def error_response(status: int, code: str, detail: str, **headers) -> JsonResponse:
    """The API's error envelope, for answers made outside DRF's views."""
    response = JsonResponse(
        {
            "type": "client_error" if status < 500 else "server_error",
            "errors": [{"code": code, "detail": detail, "attr": None}],
        },
        status=status,
        headers=headers,
    )
    # Made where a middleware failed, so CommonMiddleware may never measure it.
    response["Content-Length"] = str(len(response.content))
    return response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    """Django's 400s (a Host not in ALLOWED_HOSTS...) as JSON under /api/; the admin keeps
    Django's page."""
    if _is_api(request):
        # Not the exception's text, which quotes what the client sent.
        detail = (
            "The Host header names no host this service answers to."
            if isinstance(exception, DisallowedHost)
            else f"Refused: {type(exception).__name__}."
        )
        return error_response(400, "parse_error", detail)
    return defaults.bad_request(request, exception)


def server_error(request):
    """Failures outside DRF's views (middleware, the admin): a database that does not answer
    is a 503 with Retry-After anywhere, anything else a JSON 500 under /api/."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return error_response(
            503,
            ServiceUnavailable.default_code,
            str(ServiceUnavailable.default_detail),
            **{"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if _is_api(request):
        return error_response(500, "error", "Server Error (500)")
    return defaults.server_error(request)
