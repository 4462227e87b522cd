import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.interop.demo import DemoRefused, demo_generate


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic data: actors in hierarchies with a skewed share of "
        "incidents, sources with bodies, verbatim quotes, incidents over 2015-2025 with "
        "involvements, casualty reports and statements. The same seed gives the same data. "
        "Written with COPY, one transaction per 25,000 incidents; prints the rate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--incidents", type=int, required=True, help="How many incidents.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--actors", type=int, default=2000, help="How many actors (default 2,000)."
        )

    def handle(self, *args, incidents, seed, actors, **options):
        if incidents < 1:
            raise CommandError("--incidents must be at least 1.")
        if actors < 300:
            raise CommandError("--actors must be at least 300 (states and reporters are 246).")
        with tqdm(
            total=incidents, desc="Generating", unit="incident", file=sys.stderr, disable=None
        ) as bar:
            try:
                report = demo_generate(
                    incidents=incidents, seed=seed, actors=actors, progress=bar.update
                )
            except DemoRefused as refused:
                raise CommandError(str(refused)) from None
        for name, count in report.counts.items():
            self.stdout.write(f"{count:>12,} {name}")
        seconds = max(report.seconds, 1e-9)
        self.stdout.write(
            f"{report.rows:,} rows in {report.seconds:.1f} s: {report.rows / seconds:,.0f} "
            f"rows/s, {incidents / seconds:,.0f} incidents/s (seed {seed})."
        )
