from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from config.history import set_history_context
from incidents.changes import RESOURCES
from incidents.models import Incident


class Command(BaseCommand):
    help = (
        "Legal takedown: remove a record for good, and the content of its past versions from "
        "the history. The history keeps that it existed and was purged, by whom and why "
        "(one 'purge' event per record removed). "
        "Records that others still cite must be purged from the citing end first."
    )

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=sorted(RESOURCES))
        parser.add_argument("id", type=int)
        parser.add_argument("--reason", required=True, help="The legal ground; kept in history.")
        parser.add_argument("--by", default="", help="Who ordered the purge.")

    @transaction.atomic
    def handle(self, *args, resource: str, id: int, reason: str, by: str, **options):
        if not reason.strip():
            raise CommandError("Give the legal ground with --reason.")
        model = RESOURCES[resource]
        manager = getattr(model, "all_objects", model.objects)
        record = manager.filter(pk=id).first()
        if record is None:
            raise CommandError(f"There is no {resource} record {id}.")
        label = f"purge: {reason}" + (f" (by {by})" if by else "")
        set_history_context(reason=label, via="command:purge")
        purged = [(resource, id)]
        if isinstance(record, Incident):
            for claims, name in (
                (record.involvements.model.all_objects.filter(incident=record), "involvements"),
                (
                    record.casualty_reports.model.all_objects.filter(incident=record),
                    "casualty-reports",
                ),
                (record.facts.model.all_objects.filter(incident=record), "incident-facts"),
            ):
                purged += [(name, pk) for pk in claims.values_list("pk", flat=True)]
                claims.delete()
        try:
            (record.hard_delete if hasattr(record, "hard_delete") else record.delete)()
        except Exception as error:  # ProtectedError names what still cites it
            raise CommandError(f"Cannot purge {resource} {id}: {error}") from None
        # Only this database function may blank history rows, and it records each purge in
        # the history itself (migration 0017).
        redacted = 0
        with connection.cursor() as cursor:
            for name, pk in purged:
                cursor.execute("SELECT incidents_history_purge(%s, %s, %s)", [name, pk, label])
                redacted += cursor.fetchone()[0]
        self.stdout.write(
            f"Purged {resource} {id} ({len(purged) - 1} dependent records); "
            f"redacted {redacted} history events."
        )
