import csv
import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from incidents.api.renderers import CSVRenderer, GeoJSONRenderer, StreamingExportRenderer
from incidents.api.serializers import IncidentSerializer
from incidents.api.views import IncidentViewSet
from incidents.choices import ActorKind, CasualtyCategory, Population, Role
from incidents.interop.datasets import DATASETS
from incidents.interop.renderers import ACLEDRenderer, UCDPRenderer
from incidents.models import Incident
from tests import factories

from .conftest import ACLED_SAMPLE, UCDP_SAMPLE, read_csv, wipe, write_csv

pytestmark = pytest.mark.django_db


def import_file(dataset, path, *args) -> str:
    out = StringIO()
    call_command("import_events", dataset, str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export(dataset, *args) -> str:
    out = StringIO()
    call_command("export_events", dataset, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export_rows(dataset, *args) -> list[dict[str, str]]:
    return list(csv.DictReader(StringIO(export(dataset, *args))))


def snapshot(id_field: str) -> dict:
    """The imported records, by external id, without ids and timestamps."""
    result = {}
    incidents = Incident.objects.filter(**{f"{id_field}__isnull": False})
    for incident in incidents.prefetch_related("involvements__actor", "involvements__quote"):
        record = incident.involvements.first().quote.source
        result[getattr(incident, id_field)] = {
            "fields": {
                name: getattr(incident, name)
                for name in [
                    "title",
                    "slug",
                    "summary",
                    "type",
                    "sub_type",
                    "start_date",
                    "end_date",
                    "date_precision",
                    "country",
                    "admin1",
                    "location_name",
                    "latitude",
                    "longitude",
                    "geo_precision",
                    "status",
                ]
            },
            "involvements": sorted(
                (i.actor.name, i.actor.slug, i.actor.kind, i.role, i.quote.text, i.quote.start)
                for i in incident.involvements.all()
            ),
            "casualties": sorted(
                (c.category, c.population, c.min, c.max, c.reported_by.slug, c.quote.text)
                for c in incident.casualty_reports.select_related("reported_by", "quote")
            ),
            "record": (record.title, record.publisher, record.published_on, record.body),
        }
    return result


@pytest.mark.parametrize(
    "dataset, sample, id_field",
    [("acled", ACLED_SAMPLE, "acled_event_id"), ("ucdp", UCDP_SAMPLE, "ucdp_ged_id")],
)
def test_round_trip_import_export_import_gives_the_same_records(
    dataset, sample, id_field, tmp_path
):
    import_file(dataset, sample)
    first = snapshot(id_field)
    exported = tmp_path / "exported.csv"
    call_command("export_events", dataset, "--output", str(exported), stderr=StringIO())

    # Into the same database: every row is what is there already.
    again = import_file(dataset, exported)
    assert f"0 created, 0 updated, {len(first)} unchanged, 0 invalid" in again

    # Into an empty one: the same records.
    wipe()
    assert f"{len(first)} created" in import_file(dataset, exported)
    assert snapshot(id_field) == first
    assert export(dataset) == exported.read_bytes().decode("utf-8")


def test_acled_export_gives_back_every_column_of_the_imported_file():
    import_file("acled", ACLED_SAMPLE)

    exported = export_rows("acled")

    original = {row["event_id_cnty"]: row for row in read_csv(ACLED_SAMPLE)}
    assert list(exported[0]) == DATASETS["acled"].columns
    assert len(exported) == len(original)
    for row in exported:
        assert row == original[row["event_id_cnty"]]


def test_ucdp_export_gives_back_every_column_of_the_imported_file():
    import_file("ucdp", UCDP_SAMPLE)

    exported = export_rows("ucdp")

    original = {row["id"]: row for row in read_csv(UCDP_SAMPLE)}
    assert len(exported) == len(original)
    for row in exported:
        # As the file gave it, the time of day the GED adds to some dates included.
        assert row == original[row["id"]]


def test_an_edited_incident_exports_its_current_values(tmp_path):
    import_file("ucdp", UCDP_SAMPLE)
    Incident.objects.filter(ucdp_ged_id=201346).update(
        geo_precision="admin1", date_precision="month", country="IQ"
    )

    row = next(r for r in export_rows("ucdp") if r["id"] == "201346")

    # Codes that no longer mean the incident's values are those of the values.
    assert (row["where_prec"], row["date_prec"], row["country"]) == ("4", "4", "Iraq")
    assert row["relid"] == "SYR-2015-1-299-44"  # what the ledger has no field for stays


def curated_incident() -> Incident:
    strike = factories.IncidentFactory(
        located=True,
        title="Airstrike on the market in Ariha",
        start_date=datetime.date(2015, 11, 29),
        civilian_deaths_min=40,
        civilian_deaths_max=49,
    )
    vks = factories.ActorFactory(name="Russian Aerospace Forces", kind=ActorKind.ARMED_FORCE)
    civilians = factories.ActorFactory(name="Civilians of Ariha", kind=ActorKind.OTHER)
    factories.InvolvementFactory(incident=strike, actor=vks, role=Role.PERPETRATOR)
    factories.InvolvementFactory(incident=strike, actor=civilians, role=Role.VICTIM)
    factories.CasualtyReportFactory(
        incident=strike, category=CasualtyCategory.KILLED, population=Population.CIVILIANS
    )
    return strike


def test_an_incident_never_imported_gets_derived_columns():
    curated_incident()

    acled = export_rows("acled")[0]
    ucdp = export_rows("ucdp")[0]

    assert {k: acled[k] for k in ("event_id_cnty", "event_date", "disorder_type")} == {
        "event_id_cnty": "",
        "event_date": "2015-11-29",
        "disorder_type": "Political violence",
    }
    assert (acled["actor1"], acled["actor2"], acled["civilian_targeting"]) == (
        "Russian Aerospace Forces",
        "Civilians of Ariha",
        "Civilian targeting",
    )
    assert (acled["iso"], acled["country"], acled["geo_precision"], acled["fatalities"]) == (
        "760",
        "Syria",
        "2",
        "40",
    )
    assert (ucdp["type_of_violence"], ucdp["side_a"], ucdp["side_b"]) == (
        "3",
        "Russian Aerospace Forces",
        "Civilians of Ariha",
    )
    assert (ucdp["best"], ucdp["low"], ucdp["high"], ucdp["geom_wkt"]) == (
        "40",
        "40",
        "49",
        "POINT (36.6092 35.8133)",
    )


def test_export_filters_by_status_country_and_actor():
    import_file("acled", ACLED_SAMPLE)
    Incident.objects.filter(acled_event_id="UKR9001").update(status="published")

    def ids(*args):
        return [row["event_id_cnty"] for row in export_rows("acled", *args)]

    assert ids("--status", "published") == ["UKR9001"]
    assert ids("--country", "ua") == ["UKR9001", "UKR9002"]
    assert ids("--actor", "military-forces-of-russia-2000") == ["SYR7001", "UKR9001"]
    assert ids("--linked", "--type", "battles") == ["SYR7002"]
    with pytest.raises(CommandError, match="Unknown status"):
        export("acled", "--status", "gone")
    assert ids("--country", "Syria") == ids("--country", "SYR") == ["SYR7001", "SYR7002"]
    assert ids("--actor", "russia") == ["SYR7001", "UKR9001"]  # the forces' state
    with pytest.raises(CommandError, match="--country"):
        export("acled", "--country", "Atlantis")
    with pytest.raises(CommandError, match="--actor: No actor is named 'atlantis'"):
        export("acled", "--actor", "atlantis")


def test_renderers_stream_the_same_file_as_the_command():
    import_file("acled", ACLED_SAMPLE, "--status", "published")
    incidents = Incident.objects.order_by("start_date", "id").for_listing()
    rows = [IncidentSerializer(incident).data for incident in incidents]

    assert ACLEDRenderer().render(rows).decode() == export("acled")
    assert UCDPRenderer().render({"results": rows}).decode() == export("ucdp")
    assert (ACLEDRenderer.format, UCDPRenderer.format) == ("acled", "ucdp")
    assert issubclass(ACLEDRenderer, StreamingExportRenderer)


def test_the_incident_list_streams_acled_and_ucdp_once_wired(tmp_path):
    import_file("acled", ACLED_SAMPLE, "--status", "published")
    view = IncidentViewSet.as_view(
        {"get": "list"},
        renderer_classes=[
            JSONRenderer,
            CSVRenderer,
            GeoJSONRenderer,
            ACLEDRenderer,
            UCDPRenderer,
        ],
    )

    request = APIRequestFactory().get(
        "/api/incidents", {"format": "acled", "country": "SY", "ordering": "start_date"}
    )
    response = view(request)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    path = write_csv(tmp_path / "api.csv", read_csv(ACLED_SAMPLE)[:2])
    assert body.splitlines() == path.read_text(encoding="utf-8").splitlines()
