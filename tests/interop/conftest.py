import csv
from pathlib import Path

import pytest

from incidents.models import Actor, CasualtyReport, Incident, IncidentFact, Involvement, Statement
from sources.models import Quote, Source

DATA = Path(__file__).resolve().parent / "data"
ACLED_SAMPLE = DATA / "acled_sample.csv"
UCDP_SAMPLE = DATA / "ucdp_sample.csv"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def wipe() -> None:
    """Remove every record of the ledger, hard: the soft delete of the models would keep them."""
    Statement.incidents.through.objects.all().delete()
    for model in (Statement, Involvement, CasualtyReport, IncidentFact, Quote, Incident):
        model._base_manager.all().delete()
    Actor.objects.update(parent=None)
    Actor.objects.all().delete()
    Source.cites.through.objects.all().delete()
    Source._base_manager.all().delete()


@pytest.fixture
def tmp_csv(tmp_path):
    def make(rows, name="rows.csv"):
        return write_csv(tmp_path / name, rows)

    return make
