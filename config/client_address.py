"""Who the client is: the address NUM_PROXIES hops in from the right of X-Forwarded-For.

The one notion of the client's address that django-axes (AXES_CLIENT_IP_CALLABLE) and the
API's rate limits both use. Each proxy in front appends the address it received the request
from, so with NUM_PROXIES proxies the client is the NUM_PROXIES-th entry from the right;
what the client wrote further left, forged or not, is never read. With no proxies the
header is ignored and the peer's address (REMOTE_ADDR) is the client.
"""

from functools import cache

from django.conf import settings
from python_ipware import IpWare


@cache
def _forwarded_for(num_proxies: int) -> IpWare:
    # python-ipware counts the proxies listed in the header besides the client; the last
    # proxy's own address is the peer's, not in the header: NUM_PROXIES - 1 of them.
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=num_proxies - 1)


def client_address(request) -> str | None:
    num_proxies = settings.NUM_PROXIES
    if num_proxies:
        address, _ = _forwarded_for(num_proxies).get_client_ip(request.META)
        if address is not None:
            return str(address)
    # No proxy, or a request that reached this server without passing through them.
    return request.META.get("REMOTE_ADDR")
