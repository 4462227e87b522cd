import time

from django.core.management.base import BaseCommand

from incidents.changes import build_feed
from incidents.models import ChangeMark


class Command(BaseCommand):
    help = (
        "Turn the writes recorded since the last run into /api/changes entries. Readers of the "
        "feed do a small share of this work themselves; run this every minute (cron, a systemd "
        "timer) so that bulk imports reach the feed without waiting for readers. The first "
        "run on a loaded ledger announces every public record at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-seconds", type=float, default=0, help="Stop after this long (0: until done)."
        )

    def handle(self, *args, max_seconds: float, **options):
        started, made = time.monotonic(), 0
        while True:
            step = build_feed(max_batches=1, bulk=True)
            made += step
            if not step and not ChangeMark.objects.exists():
                break
            if max_seconds and time.monotonic() - started > max_seconds:
                break
        self.stdout.write(f"{made:,} feed entries made in {time.monotonic() - started:.1f} s.")
