"""Token authentication that refuses a malformed token as a 401 before asking the database."""

import re

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

# knox hands out hex digests; anything else (bytes that are not UTF-8 included) is no token.
TOKEN = re.compile(rb"[0-9A-Za-z_-]{1,256}")


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate_credentials(self, token: bytes):
        if not TOKEN.fullmatch(token):
            raise AuthenticationFailed("Invalid token.")
        return super().authenticate_credentials(token)


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme of knox's tokens, for this subclass (unchanged)."""

    target_class = "config.api.authentication.TokenAuthentication"
