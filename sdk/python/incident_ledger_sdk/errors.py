"""The API's error envelope as exceptions, one class per kind of failure.

Every error the API sends has the same shape, ``{"type": ..., "errors": [{"code", "detail",
"attr"}]}``, where ``attr`` names the parameter or field at fault. A caller catches
``NotFound`` or ``ValidationError`` and reads ``.attr`` instead of matching status codes and
digging through JSON; ``RateLimited`` and ``ServiceUnavailable`` carry how long the server
asked to wait (the retrying transport has already waited that long, as often as allowed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class Problem:
    """One entry of the envelope's ``errors``."""

    code: str
    detail: str
    attr: str | None


class ApiError(Exception):
    """The API answered with an error status."""

    def __init__(self, status: int, type_: str, problems: list[Problem]) -> None:
        self.status = status
        self.type = type_
        self.problems = problems
        listed = "; ".join(f"{p.attr or '-'}: {p.code}: {p.detail}" for p in problems)
        super().__init__(f"{status} {type_}: {listed}")

    @property
    def code(self) -> str | None:
        """The first problem's code, e.g. ``not_found``."""
        return self.problems[0].code if self.problems else None

    @property
    def attr(self) -> str | None:
        """The first parameter or field named as at fault, if any."""
        return next((p.attr for p in self.problems if p.attr), None)

    @property
    def attrs(self) -> list[str]:
        """Every parameter or field named, in the order the server gave them."""
        return [p.attr for p in self.problems if p.attr]


class ClientError(ApiError):
    """A 4xx: the request was wrong; sending it again as it is will not help."""


class ValidationError(ClientError):
    """A 400 about a parameter or field's value: ``.attr`` names it."""


class BadRequest(ClientError):
    """A 400 that is not about one value (a body that does not parse...)."""


class NotAuthenticated(ClientError):
    """A 401: no token, or one the server does not know."""


class PermissionDenied(ClientError):
    """A 403: the token's user may not do this."""


class NotFound(ClientError):
    """A 404: no such record, or not a public one."""


class Conflict(ClientError):
    """A 409: the record's state does not allow this (publishing a published incident...)."""


class RateLimited(ClientError):
    """A 429: too many requests; ``retry_after`` is the wait the server asked for, seconds."""

    def __init__(
        self, status: int, type_: str, problems: list[Problem], retry_after: float | None
    ) -> None:
        super().__init__(status, type_, problems)
        self.retry_after = retry_after


class ServerError(ApiError):
    """A 5xx: the server failed."""


class ServiceUnavailable(ServerError):
    """A 503: the database did not answer and nothing was changed; ``retry_after`` in
    seconds."""

    def __init__(
        self, status: int, type_: str, problems: list[Problem], retry_after: float | None
    ) -> None:
        super().__init__(status, type_, problems)
        self.retry_after = retry_after


BY_STATUS: dict[int, type[ClientError]] = {
    401: NotAuthenticated,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
}


def error_from(status: int, headers: Mapping[str, str], content: bytes) -> ApiError:
    """The exception for an error answer, from its status, headers and body."""
    type_, problems = _envelope(status, content)
    if status == 429:
        return RateLimited(status, type_, problems, retry_after(headers))
    if status == 503:
        return ServiceUnavailable(status, type_, problems, retry_after(headers))
    if status >= 500:
        return ServerError(status, type_, problems)
    if status == 400:
        kind = ValidationError if type_ == "validation_error" else BadRequest
        return kind(status, type_, problems)
    return BY_STATUS.get(status, ClientError)(status, type_, problems)


def retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Retry-After in seconds (it may be a number of seconds or an HTTP date), or None."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _envelope(status: int, content: bytes) -> tuple[str, list[Problem]]:
    """The envelope's type and problems; a body that is not one (a proxy's page) becomes one
    problem quoting its start."""
    fallback = "client_error" if status < 500 else "server_error"
    try:
        body = json.loads(content)
        problems = [
            Problem(code=str(e["code"]), detail=str(e["detail"]), attr=e.get("attr"))
            for e in body["errors"]
        ]
        return str(body.get("type", fallback)), problems
    except (ValueError, TypeError, KeyError, AttributeError):
        text = content[:200].decode("utf-8", errors="replace")
        return fallback, [Problem(code="unexpected_answer", detail=text, attr=None)]
