"""Token authentication: editors' knox tokens and services' read-only tokens, one header.

Both travel as ``Authorization: Token <token>``. A service's token starts with ``svc_`` (knox
hands out hex digests, which never do), so the replica router can tell a service's read, a
public read, from an editor's without a query; the token itself is checked here as usual.
A malformed token is a 401 before the database is asked, and before any count. A token looked
up and refused counts as an anonymous request from its address, and a service's refused write
in the service's rate: a look-up costs the primary a query, so past the rate it is a 429.
"""

import re

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied, Throttled
from rest_framework.permissions import SAFE_METHODS

from config.api.throttling import AnonRateThrottle, ServiceRateThrottle
from config.replicas import PRIMARY

# knox hands out hex digests, services svc_ and URL-safe base64; anything else (bytes that are
# not UTF-8 included) is no token.
TOKEN = re.compile(rb"[0-9A-Za-z_-]{1,256}")
SERVICE_TOKEN_PREFIX = "svc_"
SERVICE_AUTHORIZATION = re.compile(rf"\s*token\s+{SERVICE_TOKEN_PREFIX}\S*\s*", re.IGNORECASE)


def is_service_authorization(header: str) -> bool:
    """Whether an Authorization header carries a service's token (valid or not)."""
    return SERVICE_AUTHORIZATION.fullmatch(header) is not None


class TokenAuthentication(KnoxTokenAuthentication):
    #: Whether this request's token was looked up (an instance serves one request).
    looked_up = False

    def authenticate(self, request):
        try:
            credentials = super().authenticate(request)
        except AuthenticationFailed:
            throttle = AnonRateThrottle()
            if self.looked_up and not throttle.allow_refused(request):
                raise Throttled(throttle.wait()) from None
            raise
        if credentials is None or not isinstance(credentials[0], AnonymousUser):
            return credentials
        if request.method not in SAFE_METHODS:
            throttle = ServiceRateThrottle()
            if not throttle.allow_refused(request, credentials[1]):
                raise Throttled(throttle.wait())
            # Here, the one gate every view passes, whatever its permission classes say.
            raise PermissionDenied(
                f"This is the read-only token of the service {credentials[1].name!r}: it "
                f"cannot {request.method}. Writes need an editor's token."
            )
        return credentials

    def authenticate_credentials(self, token: bytes):
        if not TOKEN.fullmatch(token):
            raise AuthenticationFailed("Invalid token.")
        self.looked_up = True
        if token.startswith(SERVICE_TOKEN_PREFIX.encode()):
            return AnonymousUser(), self.service(token.decode())
        return super().authenticate_credentials(token)

    def service(self, token: str):
        from incidents.models import ApiClient
        from incidents.models.clients import token_digest

        # From the primary, even on a replica's request: a revocation holds at once, and a new
        # token works at once.
        try:
            client = ApiClient.objects.using(PRIMARY).get(digest=token_digest(token))
        except ApiClient.DoesNotExist:
            raise AuthenticationFailed("Invalid token.") from None
        if not client.active:
            raise AuthenticationFailed(f"The token of service {client.name!r} has been revoked.")
        client.used(using=PRIMARY)
        return client


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme of this class's tokens: knox's, and services'."""

    target_class = "config.api.authentication.TokenAuthentication"

    def get_security_definition(self, auto_schema):
        return {
            **super().get_security_definition(auto_schema),
            "description": (
                'Token-based authentication with required prefix "Token": an editor\'s token '
                "(create_editor), or a service's read-only token, svc_… (create_client)."
            ),
        }
