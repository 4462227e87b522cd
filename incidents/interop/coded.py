"""The coded fields of a dataset record, as the incident detail and the CSV export serve them.

One shape for both datasets: each field is ACLED's column or GED's (empty where the dataset
has no such column), as the record keeps it (``Source.body``, see ``formats``).
"""

from .formats import parse_record

# (field, ACLED column, GED column, description)
CODED_FIELDS = [
    ("event_id", "event_id_cnty", "id", "The dataset's event id (ACLED event_id_cnty, GED id)."),
    ("fatalities", "fatalities", "best", "Fatalities (ACLED), best estimate (GED)."),
    ("inter1", "inter1", "", "ACLED's inter code of actor 1 (1 state forces ... 8 external)."),
    ("inter2", "inter2", "", "ACLED's inter code of actor 2."),
    ("interaction", "interaction", "", "ACLED's interaction code."),
    ("civilian_targeting", "civilian_targeting", "", "ACLED: 'Civilian targeting' or empty."),
    ("type_of_violence", "", "type_of_violence", "GED: 1 state-based, 2 non-state, 3 one-sided."),
    ("admin1", "admin1", "adm_1", "First-level region, as the dataset names it."),
    ("admin2", "admin2", "adm_2", "Second-level region."),
    ("admin3", "admin3", "", "Third-level region (ACLED)."),
    ("location", "location", "where_description", "Place, as the dataset names it."),
    ("source", "source", "source_original", "The dataset's sources."),
    ("source_scale", "source_scale", "", "ACLED's source scale."),
    ("notes", "notes", "", "ACLED's notes."),
    ("deaths_a", "", "deaths_a", "GED: deaths on side A."),
    ("deaths_b", "", "deaths_b", "GED: deaths on side B."),
    ("deaths_civilians", "", "deaths_civilians", "GED: civilian deaths."),
    ("deaths_unknown", "", "deaths_unknown", "GED: deaths of unknown status."),
    ("best", "", "best", "GED: best estimate of deaths."),
    ("low", "", "low", "GED: low estimate."),
    ("high", "", "high", "GED: high estimate."),
]


def dataset_of(record: dict) -> str | None:
    if "event_id_cnty" in record:
        return "acled"
    if "type_of_violence" in record:
        return "ucdp"
    return None


def coded_fields(body: str | None) -> dict | None:
    """``{"dataset": "acled" | "ucdp", field: value...}`` of a record's body; None when the
    body is no dataset record."""
    if not body:
        return None
    record = parse_record(body)
    dataset = dataset_of(record)
    if dataset is None:
        return None
    at = 1 if dataset == "acled" else 2
    coded = {"dataset": dataset}
    for spec in CODED_FIELDS:
        column = spec[at]
        coded[spec[0]] = record.get(column, "") if column else ""
    return coded
