from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.history import history_context
from incidents.seed.loader import SEED_COMMAND, SEED_DIR, load_seed, seed_present


class Command(BaseCommand):
    help = (
        "Load the curated seed: the two 2015 articles on Russian airstrikes in Syria, the "
        "documents they cite, and the actors, incidents, quotes and statements drawn from them. "
        "Safe to run again: a second run changes nothing. On a database loaded with an earlier "
        "seed it upgrades the records in place and removes what the seed no longer has; the "
        "history gives the reason 'curated seed upgrade'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=SEED_DIR / "curation.json",
            help="The curation to load (default: the shipped one); article paths in it are "
            "relative to the seed folder.",
        )

    def handle(self, *args, file, **options):
        if not file.is_file():
            raise CommandError(f"--file: {file} is not a file.")
        reason = "curated seed upgrade" if seed_present() else "curated seed"
        with history_context(via=SEED_COMMAND, reason=reason):
            report = load_seed(file)
        for outcome in ("created", "updated", "removed", "unchanged"):
            counts = getattr(report, outcome)
            if counts:
                listed = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
                self.stdout.write(f"{outcome}: {listed}")
        self.stdout.write(
            self.style.SUCCESS("Seed loaded." if report.changed else "Seed unchanged.")
        )
