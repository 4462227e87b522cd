"""Validators shared by both apps' models (``sources`` may not import ``incidents``)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

MAX_LIST_ITEMS = 50


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
