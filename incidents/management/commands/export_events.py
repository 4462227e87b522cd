from django.core.management.base import BaseCommand, CommandError

from incidents.api.filters import IncidentFilterSet
from incidents.api.serializers import IncidentSerializer
from incidents.choices import IncidentStatus
from incidents.interop.datasets import DATASETS
from incidents.interop.exporter import export_columns, stream_csv
from incidents.models import Incident

FILTERS = ["actor", "role", "type", "country", "date_from", "date_to"]


class Command(BaseCommand):
    help = (
        "Write incidents in ACLED's or UCDP GED's CSV column layout, oldest first. Columns the "
        "ledger has no field for come from the dataset record an import kept; incidents that "
        "were not imported get them derived where possible, else empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=sorted(DATASETS), help="The layout to write.")
        parser.add_argument("--output", "-o", help="File to write; standard output by default.")
        parser.add_argument(
            "--status",
            default="all",
            help="Comma-separated statuses to export "
            f"({', '.join(IncidentStatus.values)}), or all (the default).",
        )
        parser.add_argument(
            "--linked",
            action="store_true",
            help="Only incidents that have this dataset's id (ACLED event id, UCDP GED id).",
        )
        parser.add_argument("--actor", help="Actors by slug, name or alias, comma = any of.")
        parser.add_argument("--role", help="Role of the actor's involvement.")
        parser.add_argument("--type", help="Incident type, e.g. battles.")
        parser.add_argument(
            "--country", help="ISO 3166-1 alpha-2 (SY), alpha-3 (SYR), numeric (760) or name."
        )
        parser.add_argument("--date-from", help="Incidents going on at or after (YYYY-MM-DD).")
        parser.add_argument("--date-to", help="Incidents begun on or before (YYYY-MM-DD).")

    def handle(self, *args, dataset, output, status, linked, **options):
        spec = DATASETS[dataset]
        incidents = Incident.objects.all()
        if status != "all":
            statuses = [s.strip() for s in status.split(",")]
            unknown = [s for s in statuses if s not in IncidentStatus.values]
            if unknown:
                raise CommandError(
                    f"Unknown status {', '.join(unknown)}; use {', '.join(IncidentStatus.values)}"
                    " or all."
                )
            incidents = incidents.filter(status__in=statuses)
        if linked:
            incidents = incidents.filter(**{f"{spec.id_field}__isnull": False})
        data = {name: options[name] for name in FILTERS if options.get(name) is not None}
        filterset = IncidentFilterSet(data=data, queryset=incidents)
        if not filterset.is_valid():
            problems = "; ".join(
                f"--{name.replace('_', '-')}: {' '.join(errors)}"
                for name, errors in filterset.errors.items()
            )
            raise CommandError(problems)
        incidents = filterset.qs.order_by("start_date", "id").for_listing()
        exported = 0
        # One serializer for all rows: building its fields is most of the cost of a row.
        serializer = IncidentSerializer()

        def rows():
            nonlocal exported
            for incident in incidents.iterator(chunk_size=2000):
                exported += 1
                yield serializer.to_representation(incident)

        columns = export_columns(spec, incidents)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                for chunk in stream_csv(spec, rows(), columns):
                    out.write(chunk)
        else:
            for chunk in stream_csv(spec, rows(), columns):
                self.stdout.write(chunk, ending="")
        self.stderr.write(f"Exported {exported:,} incident(s) in the {spec.label} layout.")
