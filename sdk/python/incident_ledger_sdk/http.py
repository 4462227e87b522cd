"""A client of the generated package whose every request is retried on 429 and 503.

Both statuses mean the server did nothing and asks to be asked again later: a 429 once the
rate limit's window has passed, a 503 once the database answers again, each with the wait in
``Retry-After``. The retries live in an httpx transport, so that every generated operation
and every raw request of the client gets them without wrapping each call.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
from incident_ledger_client import Client

from .errors import retry_after

RETRIED = frozenset({429, 503})


class RetryTransport(httpx.BaseTransport):
    """Send a request again while the answer is a 429 or a 503, waiting as it asks.

    At most ``attempts`` sends; an answer with no Retry-After waits 1, 2, 4... seconds; one
    asking for more than ``max_wait`` seconds is given back at once (the caller gets a
    ``RateLimited`` or ``ServiceUnavailable`` with the wait). ``sleep`` is injectable for
    tests."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        attempts: int = 5,
        max_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.transport = transport if transport is not None else httpx.HTTPTransport()
        self.attempts = attempts
        self.max_wait = max_wait
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # A body read once can be sent again.
        request.read()
        for attempt in range(1, self.attempts + 1):
            response = self.transport.handle_request(request)
            if response.status_code not in RETRIED or attempt == self.attempts:
                return response
            wait = retry_after(response.headers)
            if wait is None:
                wait = float(2 ** (attempt - 1))
            if wait > self.max_wait:
                return response
            response.close()
            self.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns")

    def close(self) -> None:
        self.transport.close()


def connect(
    base_url: str,
    *,
    token: str | None = None,
    timeout: float = 30.0,
    attempts: int = 5,
    max_wait: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> Client:
    """A client of the generated package for ``base_url`` (e.g. ``https://ledger.example.org``)
    that retries as RetryTransport does; ``token`` is a service or editor token. The retries
    are the synchronous calls' (``sync``, ``sync_detailed``)."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    retrying = RetryTransport(transport, attempts=attempts, max_wait=max_wait, sleep=sleep)
    return Client(
        base_url=base_url,
        headers=headers,
        timeout=httpx.Timeout(timeout),
        httpx_args={"transport": retrying},
    )
