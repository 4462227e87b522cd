"""API formats ``acled`` and ``ucdp``: incident lists in ACLED's and UCDP GED's CSV layouts.

Streamed like the ledger's own CSV: the incident list view hands them the rows as it reads them.
"""

from incidents.api.renderers import StreamingExportRenderer

from .datasets import DATASETS
from .exporter import stream_csv


class DatasetRenderer(StreamingExportRenderer):
    media_type = "text/csv"
    dataset_name: str

    def stream(self, rows):
        return stream_csv(DATASETS[self.dataset_name], rows)


class ACLEDRenderer(DatasetRenderer):
    """`?format=acled`: ACLED's export columns, one event a row."""

    format = "acled"
    dataset_name = "acled"


class UCDPRenderer(DatasetRenderer):
    """`?format=ucdp`: UCDP GED's columns, one event a row."""

    format = "ucdp"
    dataset_name = "ucdp"
