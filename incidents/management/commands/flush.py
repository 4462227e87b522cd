"""Django's ``flush``, for the role that owns the tables.

The history refuses TRUNCATE with a trigger (migration 0017), and ``flush`` (which tests
that commit run after each test) truncates every table. The owner, who may always disable
its own tables' triggers, lifts that guard for the length of the flush, in one transaction
with it; the runtime role, which owns nothing, cannot flush.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

GUARD = "incidents_historyevent_no_truncate"


class Command(flush.Command):
    help = flush.Command.help + " Run it as the owner: it wipes the history too."

    def handle(self, **options):
        database = options["database"]
        with transaction.atomic(using=database), connections[database].cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_trigger WHERE tgname = %s"
                " AND tgrelid = to_regclass('incidents_historyevent')",
                [GUARD],
            )
            guarded = cursor.fetchone() is not None
            if guarded:
                cursor.execute(f"ALTER TABLE incidents_historyevent DISABLE TRIGGER {GUARD}")
            super().handle(**options)
            if guarded:
                cursor.execute(f"ALTER TABLE incidents_historyevent ENABLE TRIGGER {GUARD}")
