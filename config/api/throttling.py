"""Request-rate limits counted in the shared cache, in constant time per request.

DRF's own throttles keep every request's timestamp of the window in one cache entry and read
and rewrite it whole on each request: at a few thousand requests a minute that list is the
slowest part of a request. Here a window opens with a client's first request and lasts the
rate's period, and a counter counts the requests in it. With Redis (``REDIS_URL``) that is one
round trip, a script that increments the counter and gives its time to live; with the
database cache, a few small cache operations. Rates are read from ``settings.API_RATES`` when
used, like every other setting; a service's rate from its token (``ApiClient.rate``).

The count the throttle has just made is also what the client is told, on every response the
limits counted: ``RateLimit-Limit``, ``RateLimit-Remaining`` and ``RateLimit-Reset`` (seconds
until the window ends), added by RateLimitHeadersMiddleware with no second trip to the cache.
"""

import math
import time
from functools import cache as once
from typing import NamedTuple

import redis
from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

from config.client_address import client_address
from config.validators import parse_rate

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"

# KEYS[1]: the client's counter; ARGV[1]: the window in milliseconds. The counter's first
# increment opens the window; when it expires the next request opens a new one.
COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
"""


@once
def _redis_counter(location: str):
    """A script runner on the cache's Redis server, one per process and server."""
    return redis.Redis.from_url(location).register_script(COUNT_SCRIPT)


class RateLimit(NamedTuple):
    """The state of the window a request was counted in, as the response headers tell it."""

    limit: int
    remaining: int
    reset: int

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


def count_request(key: str, duration: int) -> tuple[int, float]:
    """Count one request in the window of ``key``; the count so far and the seconds left."""
    backend = settings.CACHES["default"]
    key = f"{backend.get('KEY_PREFIX', '')}:{key}"
    if backend["BACKEND"] == REDIS_BACKEND:
        count, left_ms = _redis_counter(backend["LOCATION"])(keys=[key], args=[duration * 1000])
        return count, left_ms / 1000
    now = time.time()
    cache.add(f"{key}:start", now, duration)
    started = cache.get(f"{key}:start", now)
    counter = f"{key}:{started}"
    cache.add(counter, 0, duration + 1)
    try:
        count = cache.incr(counter)
    except ValueError:  # expired between add and incr
        cache.set(counter, 1, duration + 1)
        count = 1
    return count, started + duration - now


class _WindowThrottle(BaseThrottle):
    scope = ""

    def get_ident(self, request) -> str | None:
        # The address django-axes sees too, NUM_PROXIES hops in (config.client_address).
        return client_address(request)

    def client(self, request) -> str | None:
        raise NotImplementedError

    def rate(self, request) -> str | None:
        return settings.API_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        client = self.client(request)
        return self.count(request, client, self.rate(request) if client is not None else None)

    def count(self, request, client: str | None, rate: str | None) -> bool:
        """Count the request of ``client`` at ``rate``; whether it is within the limit."""
        if not rate:
            return True
        limit, duration = parse_rate(rate)
        count, left = count_request(f"throttle:{self.scope}:{client}", duration)
        self.wait_seconds = max(left, 1)
        # On the Django request: what the middleware sees, whichever DRF view counted it.
        request._request.rate_limit = RateLimit(
            limit, max(limit - count, 0), math.ceil(self.wait_seconds)
        )
        return count <= limit

    def wait(self) -> float:
        return self.wait_seconds


def _service(request):
    from incidents.models import ApiClient

    return request.auth if isinstance(request.auth, ApiClient) else None


class AnonRateThrottle(_WindowThrottle):
    """Anonymous clients, counted by address (read behind NUM_PROXIES proxies)."""

    scope = "anon"

    def client(self, request):
        if (request.user and request.user.is_authenticated) or _service(request):
            return None
        return self.get_ident(request)

    def allow_refused(self, request) -> bool:
        """Count a request whose token was refused as an anonymous request from its address:
        sending made-up tokens is no way around the anonymous rate (and each one costs a
        look-up on the primary). Called while authenticating, so without ``request.user``."""
        address = self.get_ident(request)
        return self.count(request, address, self.rate(request) if address else None)


class ServiceRateThrottle(_WindowThrottle):
    """Services with a token of their own, counted by token at the token's rate, whatever
    their address."""

    scope = "service"

    def client(self, request):
        service = _service(request)
        return str(service.pk) if service else None

    def rate(self, request):
        return request.auth.rate

    def allow_refused(self, request, service) -> bool:
        """Count a service's write, refused, in its rate: a refusal costs a look-up too.
        Called while authenticating, so with the service given, not read from the request."""
        return self.count(request, str(service.pk), service.rate)


class UserRateThrottle(_WindowThrottle):
    """Authenticated clients, counted by user, whatever their address."""

    scope = "user"

    def client(self, request):
        if request.user and request.user.is_authenticated:
            return str(request.user.pk)
        return None


class RateLimitHeadersMiddleware:
    """Tells the client, on every response the rate limits counted, where it stands."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        rate_limit = getattr(request, "rate_limit", None)
        if rate_limit is not None:
            for header, value in rate_limit.headers().items():
                response[header] = value
        return response
