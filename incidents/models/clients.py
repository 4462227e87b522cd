"""Services that call the API with a token of their own: read-only, at a rate of their own."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone

from config.api.authentication import SERVICE_TOKEN_PREFIX
from config.validators import validate_rate

DEFAULT_RATE = "6000/min"
#: How stale ``last_used_at`` may get: it is written at most once in this many seconds.
LAST_USED_PRECISION = 300


def token_digest(token: str) -> str:
    # The token is 32 random bytes: a plain SHA-256 is as hard to reverse as a slow hash.
    return hashlib.sha256(token.encode()).hexdigest()


class ApiClient(models.Model):
    """A service allowed to read the API with its own token and rate limit. It reads what the
    public reads and cannot write. Only the token's digest is kept: the token is shown once,
    by ``manage.py create_client``."""

    name = models.CharField(max_length=100, unique=True, help_text="Who calls, e.g. 'maps-prod'.")
    digest = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the token, in hex."
    )
    rate = models.CharField(
        max_length=32,
        default=DEFAULT_RATE,
        validators=[validate_rate],
        help_text="Requests allowed per window, e.g. 6000/min (per s, min, hour or day).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=f"When the token was last used, to within {LAST_USED_PRECISION // 60} minutes.",
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Once set, the token is refused (401)."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "API client"

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def new_token(self) -> str:
        """Give the client a new token, replacing any earlier one; the caller saves."""
        token = SERVICE_TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.digest = token_digest(token)
        return token

    def used(self, using: str) -> None:
        """Note a use, without writing on every request."""
        now = timezone.now()
        if self.last_used_at and (now - self.last_used_at).total_seconds() < LAST_USED_PRECISION:
            return
        ApiClient.objects.using(using).filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
