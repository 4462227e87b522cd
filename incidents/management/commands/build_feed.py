import threading
import time

from django.core.management.base import BaseCommand

from incidents.changes import build_all, follow, render_missing


class Command(BaseCommand):
    help = (
        "Turn the writes recorded since the last run into /api/changes entries. With "
        "--follow, keep doing it as writes commit (woken by the database, and every "
        "--poll-seconds anyway) until stopped: run one such worker beside the web servers, "
        "as reading /api/changes builds nothing. The first run on a loaded ledger announces "
        "every public record at once. Each run also renders the public incidents that have "
        "no stored rendering yet (a ledger from before the table: minutes for a million)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-seconds", type=float, default=0, help="Stop after this long (0: until done)."
        )
        parser.add_argument(
            "--follow",
            action="store_true",
            help="Keep building as writes commit, until stopped (the feed's worker).",
        )
        parser.add_argument(
            "--poll-seconds",
            type=float,
            default=5,
            help="With --follow: build at least this often, notified or not.",
        )

    def handle(self, *args, max_seconds: float, follow: bool, poll_seconds: float, **options):
        if follow:
            return self._follow(poll_seconds)
        started = time.monotonic()
        made = build_all(max_seconds)
        self.stdout.write(f"{made:,} feed entries made in {time.monotonic() - started:.1f} s.")
        started = time.monotonic()
        rendered = render_missing(max_seconds)
        self.stdout.write(
            f"{rendered:,} public incidents rendered in {time.monotonic() - started:.1f} s."
        )

    def _follow(self, poll_seconds: float) -> None:
        self.stdout.write(f"Building the feed as writes commit (polling every {poll_seconds} s).")
        for made in follow(poll_seconds=poll_seconds, stop=threading.Event()):
            if made:
                self.stdout.write(f"{made:,} feed entries made.")
                self.stdout.flush()  # a worker's log, not a report at the end
