from django.core.management.base import BaseCommand

from config.history import history_context
from incidents.seed.loader import load_seed


class Command(BaseCommand):
    help = (
        "Load the curated seed: the two 2015 articles on Russian airstrikes in Syria, the "
        "documents they cite, and the actors, incidents, quotes and statements drawn from them. "
        "Safe to run again: a second run changes nothing."
    )

    def handle(self, *args, **options):
        with history_context(via="command:load_seed", reason="curated seed"):
            report = load_seed()
        for outcome in ("created", "updated", "unchanged"):
            counts = getattr(report, outcome)
            if counts:
                listed = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
                self.stdout.write(f"{outcome}: {listed}")
        self.stdout.write(
            self.style.SUCCESS("Seed loaded." if report.changed else "Seed unchanged.")
        )
