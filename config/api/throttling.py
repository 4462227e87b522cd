"""Request-rate limits counted in the shared cache, in constant time per request.

DRF's own throttles keep every request's timestamp of the window in one cache entry and read
and rewrite it whole on each request: at a few thousand requests a minute that list is the
slowest part of a request. Here a window opens with a client's first request and a counter is
incremented in the cache (atomic in Redis), so every check is three small cache operations.
Rates are read from ``settings.API_RATES`` when used, like every other setting.
"""

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

DURATIONS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class _WindowThrottle(BaseThrottle):
    scope = ""

    def client(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        rate = settings.API_RATES.get(self.scope)
        client = self.client(request)
        if not rate or client is None:
            return True
        number, period = rate.split("/")
        limit, duration = int(number), DURATIONS[period[0]]
        base = f"throttle:{self.scope}:{client}"
        now = time.time()
        cache.add(f"{base}:start", now, duration)
        started = cache.get(f"{base}:start", now)
        counter = f"{base}:{started}"
        cache.add(counter, 0, duration + 1)
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.set(counter, 1, duration + 1)
            count = 1
        self.wait_seconds = max(started + duration - now, 1)
        return count <= limit

    def wait(self) -> float:
        return self.wait_seconds


class AnonRateThrottle(_WindowThrottle):
    """Anonymous clients, counted by address (read behind NUM_PROXIES proxies)."""

    scope = "anon"

    def client(self, request):
        if request.user and request.user.is_authenticated:
            return None
        return self.get_ident(request)


class UserRateThrottle(_WindowThrottle):
    """Authenticated clients, counted by user, whatever their address."""

    scope = "user"

    def client(self, request):
        if request.user and request.user.is_authenticated:
            return str(request.user.pk)
        return None
