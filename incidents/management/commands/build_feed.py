import threading
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from incidents import trees
from incidents.changes import LOCK_KEY, build_all, follow, render_missing


class Command(BaseCommand):
    help = (
        "Turn the writes recorded since the last run into /api/changes entries. With "
        "--follow, keep doing it as writes commit (woken by the database, and every "
        "--poll-seconds anyway) until stopped: run one such worker beside the web servers, "
        "as reading /api/changes builds nothing. The first run on a loaded ledger announces "
        "every public record at once. Each run also renders the public records that have "
        "no stored rendering yet (a ledger from before the tables: minutes for a million)."
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
        parser.add_argument(
            "--rebuild-trees",
            action="store_true",
            help="First make the actor trees and their public incidents (what ?actor= pages "
            "read) from scratch: once, on a ledger that had a feed before they existed.",
        )

    def handle(
        self,
        *args,
        max_seconds: float,
        follow: bool,
        poll_seconds: float,
        rebuild_trees: bool,
        **options,
    ):
        if rebuild_trees:
            self._rebuild_trees()
        if follow:
            return self._follow(poll_seconds)
        started = time.monotonic()
        made = build_all(max_seconds)
        self.stdout.write(f"{made:,} feed entries made in {time.monotonic() - started:.1f} s.")
        started = time.monotonic()
        rendered = render_missing(max_seconds)
        self.stdout.write(
            f"{rendered:,} public records rendered (they had no stored rendering) in "
            f"{time.monotonic() - started:.1f} s."
        )

    def _rebuild_trees(self) -> None:
        started = time.monotonic()
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Under the builder's lock: no build relinks meanwhile, and one that waited
                # relinks what was written since, from the new tables.
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
                trees.rebuild()
        # The visibility map too, so that pages are index-only scans from the start (VACUUM
        # cannot run inside a transaction: called in one, statistics only).
        vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            cursor.execute(f"{vacuum} incidents_actortree, incidents_treelink, incidents_treecount")
        self.stdout.write(f"Actor trees made in {time.monotonic() - started:.1f} s.")

    def _follow(self, poll_seconds: float) -> None:
        self.stdout.write(f"Building the feed as writes commit (polling every {poll_seconds} s).")
        for made in follow(poll_seconds=poll_seconds, stop=threading.Event()):
            if made:
                self.stdout.write(f"{made:,} feed entries made.")
                self.stdout.flush()  # a worker's log, not a report at the end
