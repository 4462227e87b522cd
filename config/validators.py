"""Validators shared by both apps' models (``sources`` may not import ``incidents``)."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

MAX_LIST_ITEMS = 50
DURATIONS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"([0-9]{1,9})/(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)")


@deconstructible
class NotInTheFuture:
    """A date of something reported: it cannot lie after today (UTC, plus a day of slack for
    the time zones the reporting happened in)."""

    message = "This date is in the future; a reported date cannot be after today."
    # Read by drf-standardized-errors, which lists a validator's code in the OpenAPI document.
    code = "future_date"

    def __call__(self, value) -> None:
        if value is not None and value > timezone.now().date() + timedelta(days=1):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NotInTheFuture)


not_in_the_future = NotInTheFuture()


def parse_rate(rate: str) -> tuple[int, int]:
    """``"6000/min"`` as (6000 requests, 60 seconds); DRF's spelling of rates, checked."""
    match = RATE.fullmatch(rate)
    if match is None:
        raise ValueError(f"{rate!r} is no rate; write it like 6000/min (per s, min, hour or day).")
    return int(match[1]), DURATIONS[match[2][0]]


def validate_rate(rate: str) -> None:
    try:
        parse_rate(rate)
    except ValueError as error:
        raise ValidationError(str(error), code="invalid_rate") from error
