from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from config.history import history_context
from incidents.choices import IncidentStatus
from incidents.import_review import import_as
from incidents.interop.datasets import DATASETS
from incidents.interop.importer import ImportRefused, ImportReport, events_import
from incidents.models import ImportBatch


class Command(BaseCommand):
    help = (
        "Import an ACLED or UCDP GED CSV export: incidents, actors, involvements, casualty "
        "reports by ACLED or UCDP, and one dataset record (a Source) per row that the claims "
        "quote. Importing the same file again updates what changed and leaves the rest alone; "
        "a row older than the record held (ACLED timestamp, GED version) is skipped and counted "
        "as 'older, skipped'. Columns by name in any order; every layout in use, legacy and "
        "extra columns kept. A file with invalid rows writes nothing unless --skip-invalid. "
        "One transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=sorted(DATASETS), help="The file's layout.")
        parser.add_argument("file", help="Path of the CSV file (UTF-8, with its header row).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, report what would change, then roll back: nothing is kept.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows of a file that has invalid ones (reported all the same).",
        )
        parser.add_argument(
            "--status",
            choices=[IncidentStatus.DRAFT, IncidentStatus.PUBLISHED],
            default=IncidentStatus.DRAFT,
            help="Status of the incidents the import creates (default draft); "
            "existing incidents keep theirs.",
        )
        parser.add_argument(
            "--as-editor",
            metavar="USERNAME",
            help="Import as this editor: if the import would change published incidents (or "
            "publish new ones), nothing is written and the file waits, whole, for a reviewer "
            "as an import batch (manage.py review_import). A reviewer's import goes live.",
        )

    def handle(self, *args, dataset, file, dry_run, skip_invalid, status, as_editor, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if as_editor:
            return self.import_as_editor(
                as_editor, dataset, path, dry_run, skip_invalid, status, options
            )
        with (
            self.refusals(),
            history_context(via="command:import_events", reason=f"{dataset} import of {file}"),
        ):
            report = events_import(
                dataset=dataset,
                path=path,
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                status=status,
                progress=True,
            )
        self.write_report(report, path, verbose=options["verbosity"] > 1)

    def import_as_editor(self, username, dataset, path, dry_run, skip_invalid, status, options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None or not user.has_perm("incidents.add_incident"):
            raise CommandError(f"No active editor called {username!r}.")
        with self.refusals():
            outcome = import_as(
                user,
                dataset=dataset,
                path=path,
                skip_invalid=skip_invalid,
                status=status,
                dry_run=dry_run,
            )
        if isinstance(outcome, ImportBatch):
            self.stdout.write(
                self.style.WARNING(
                    f"The import would change {len(outcome.public_incidents)} published "
                    f"incident(s) ({outcome.summary}): nothing was written; it waits for a "
                    f"reviewer as import batch {outcome.pk} "
                    f"(manage.py review_import {outcome.pk} --accept|--reject)."
                )
            )
            return
        self.write_report(outcome, path, verbose=options["verbosity"] > 1)

    @contextmanager
    def refusals(self):
        """A refused import as the command's error, its invalid rows listed first."""
        try:
            yield
        except ImportRefused as refused:
            if refused.report is not None:
                self.write_invalid(refused.report)
            raise CommandError(str(refused)) from None

    def write_invalid(self, report: ImportReport) -> None:
        for number, reason in report.invalid:
            self.stderr.write(f"  row {number}: {reason}")

    def write_report(self, report: ImportReport, path: Path, *, verbose: bool) -> None:
        label = DATASETS[report.dataset].label
        rate = report.rows / report.seconds if report.seconds else 0
        self.stdout.write(
            f"{label} import of {path}: {report.summary()} "
            f"({report.rows:,} rows in {report.seconds:.1f} s, {rate:,.0f} rows/s)."
        )
        if verbose:
            for outcome in ("created", "updated", "unchanged", "older"):
                numbers = getattr(report, outcome)
                if numbers:
                    self.stdout.write(f"{outcome}: rows {', '.join(map(str, numbers))}")
        if report.invalid:
            self.stdout.write("Invalid rows, not imported:")
            for number, reason in report.invalid:
                self.stdout.write(f"  row {number}: {reason}")
        if report.dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
