from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from drf_standardized_errors.handler import ExceptionHandler as StandardizedExceptionHandler
from rest_framework.exceptions import APIException, ParseError


class PayloadTooLarge(APIException):
    status_code = 413
    default_code = "payload_too_large"


class ExceptionHandler(StandardizedExceptionHandler):
    """drf-standardized-errors' handling, with an oversized body as a 413 and a request Django
    finds suspicious (e.g. over a thousand query parameters) as a 400, not a 500."""

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, RequestDataTooBig):
            return PayloadTooLarge(
                f"The request body is over the limit of "
                f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
            )
        if isinstance(exc, SuspiciousOperation):
            return ParseError(f"Refused: {exc}")
        return super().convert_known_exceptions(exc)
