from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.history import history_context
from incidents.choices import IncidentStatus
from incidents.interop.datasets import DATASETS
from incidents.interop.importer import ImportRefused, ImportReport, events_import


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

    def handle(self, *args, dataset, file, dry_run, skip_invalid, status, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            with history_context(via="command:import_events", reason=f"{dataset} import of {file}"):
                report = events_import(
                    dataset=dataset,
                    path=path,
                    dry_run=dry_run,
                    skip_invalid=skip_invalid,
                    status=status,
                    progress=True,
                )
        except ImportRefused as refused:
            if refused.report is not None:
                self.write_invalid(refused.report)
            raise CommandError(str(refused)) from None
        self.write_report(report, path, verbose=options["verbosity"] > 1)

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
