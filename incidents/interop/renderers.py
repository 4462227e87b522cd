"""API formats ``acled`` and ``ucdp``: incident lists in ACLED's and UCDP GED's CSV layouts.

Streamed like the ledger's own CSV: the incident list view hands them the rows as it reads them.
"""

from incidents.api.renderers import StreamingExportRenderer
from incidents.models import Incident

from .datasets import DATASETS
from .exporter import export_columns, stream_csv


class DatasetRenderer(StreamingExportRenderer):
    media_type = "text/csv"
    dataset_name: str

    def stream(self, rows, incidents=None):
        """The file; its header from ``incidents`` (the rows' queryset), or from the rows
        themselves when they are a list in memory."""
        dataset = DATASETS[self.dataset_name]
        if incidents is None and isinstance(rows, list):
            incidents = Incident._base_manager.filter(pk__in=[row["id"] for row in rows])
        columns = export_columns(dataset, incidents) if incidents is not None else None
        return stream_csv(dataset, rows, columns)

    def stream_incidents(self, incidents, rows):
        return self.stream(rows, incidents)


class ACLEDRenderer(DatasetRenderer):
    """`?format=acled`: ACLED's export columns, one event a row."""

    format = "acled"
    dataset_name = "acled"


class UCDPRenderer(DatasetRenderer):
    """`?format=ucdp`: UCDP GED's columns, one event a row."""

    format = "ucdp"
    dataset_name = "ucdp"
