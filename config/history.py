"""Who, why and through what a write happens, for the history triggers to record.

The triggers of migration 0007 read ``ledger.*`` settings of the writing transaction; these
helpers set them, transaction-local, so they vanish at commit and never leak to the next user
of a pooled connection.
"""

from contextlib import contextmanager

from django.db import connection, transaction

MAX_REASON = 2000
# Commands are run by the operator, who answers for what they write as a reviewer would: their
# writes go live without the review gate (incidents.review), and their history says so.
AS_REVIEWER = " (operator's command, acting as reviewer)"


def set_history_context(*, user=None, reason: str = "", request_id: str = "", via: str = ""):
    """Label the writes of the current transaction (call inside ``transaction.atomic``).

    A command's writes (``via`` "command:NAME") are marked as made by the operator acting as a
    reviewer."""
    if via.startswith("command:"):
        reason += AS_REVIEWER
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('ledger.user_id', %s, true),"
            " set_config('ledger.username', %s, true),"
            " set_config('ledger.reason', %s, true),"
            " set_config('ledger.request_id', %s, true),"
            " set_config('ledger.via', %s, true)",
            [
                str(user.pk) if authenticated else "",
                user.get_username() if authenticated else "",
                reason[:MAX_REASON],
                request_id,
                via,
            ],
        )


def set_history_reason(reason: str, *, via: str = "") -> None:
    """Give the current transaction's writes a reason (and a channel), keeping who made them
    and the request id already labelled."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('ledger.reason', %s, true)", [reason[:MAX_REASON]])
        if via:
            cursor.execute("SELECT set_config('ledger.via', %s, true)", [via])


@contextmanager
def history_context(**labels):
    """A transaction whose writes the history attributes to ``user``, with ``reason``..."""
    with transaction.atomic():
        set_history_context(**labels)
        yield
