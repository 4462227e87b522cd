"""CSV and GeoJSON exports of the incident list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.api.filters import IncidentFilterSet
from incidents.api.renderers import CSV_COLUMNS
from incidents.choices import IncidentSubType, IncidentType, Role
from incidents.interop.coded import CODED_FIELDS
from incidents.models import Incident
from tests import factories
from tests.api.helpers import csv_rows, error_attrs, geojson, ids, iso, streamed_text

pytestmark = pytest.mark.django_db

LIST = reverse("incident-list")
CSV = {"format": "csv"}
GEOJSON = {"format": "geojson"}


def csv_ids(response) -> list[int]:
    return [int(row["id"]) for row in csv_rows(response)]


def geojson_ids(response) -> list[int]:
    return [feature["id"] for feature in geojson(response)["features"]]


@pytest.fixture
def strike_with_two_actors(ariha):
    factories.InvolvementFactory(
        incident=ariha.strike,
        actor=ariha.russia,
        role=Role.ALLEGED_PERPETRATOR,
        quote=ariha.strike_quote,
    )
    return ariha


class TestCSV:
    def test_csv_gives_one_flat_row_per_incident_with_actors_in_one_column(
        self, api_client, strike_with_two_actors
    ):
        ariha = strike_with_two_actors

        response = api_client.get(LIST, {**CSV, "q": "market"})

        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="incidents.csv"'
        assert csv_rows(response) == [
            {
                "id": str(ariha.strike.id),
                "slug": "ariha-market-airstrike",
                "title": "Airstrike on the market in Ariha",
                "type": "explosions_remote_violence",
                "sub_type": "air_drone_strike",
                "start_date": "2015-11-29",
                "end_date": "",
                "date_precision": "day",
                "country": "SY",
                "other_countries": "",
                "admin1": "Idlib",
                "location_name": "Ariha",
                "latitude": "35.8133",
                "longitude": "36.6092",
                "geo_precision": "near",
                "civilian_deaths_min": "40",
                "civilian_deaths_max": "49",
                "civilian_injuries_min": "60",
                "civilian_injuries_max": "",
                "weapons": "unguided bombs; cluster munitions",
                "actors": (
                    "Russian Aerospace Forces (perpetrator, per amnesty-international); "
                    "Russia (alleged_perpetrator)"
                ),
                "actor_slugs": "russian-aerospace-forces; russia",
                "acled_event_id": "",
                "ucdp_ged_id": "",
                "airwars_code": "",
                "civilian_harm_grade": "",
                "attribution_grade": "",
                "parent_id": str(ariha.campaign.id),
                "updated_at": iso(ariha.strike.updated_at),
                # Not imported: no dataset record, its coded columns empty.
                "dataset": "",
                **{f"dataset_{name}": "" for name, *_ in CODED_FIELDS},
            }
        ]

    def test_csv_header_is_exactly_the_documented_columns(self, api_client, ariha):
        text = streamed_text(api_client.get(LIST, CSV))

        header = text.split("\r\n", 1)[0]
        assert header == ",".join(name for name, _ in CSV_COLUMNS)

    def test_csv_of_nothing_is_the_header_alone(self, api_client):
        text = streamed_text(api_client.get(LIST, CSV))

        assert text == ",".join(name for name, _ in CSV_COLUMNS) + "\r\n"

    def test_accept_text_csv_gives_the_same_csv(self, api_client, ariha):
        by_format = streamed_text(api_client.get(LIST, CSV))
        by_accept = api_client.get(LIST, HTTP_ACCEPT="text/csv")

        assert by_accept["Content-Type"] == "text/csv; charset=utf-8"
        assert streamed_text(by_accept) == by_format

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
    def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_escaped(self, api_client, start):
        title = f'{start}HYPERLINK("https://evil.example")'
        incident = factories.IncidentFactory(title=title, location_name=f"{start}1+1")
        factories.InvolvementFactory(
            incident=incident, actor=factories.ActorFactory(name=f"{start}cmd")
        )

        row = csv_rows(api_client.get(LIST, CSV))[0]

        assert row["title"] == f"'{title}"
        assert row["location_name"] == f"'{start}1+1"
        assert row["actors"] == f"'{start}cmd (perpetrator)"

    def test_numbers_are_not_escaped_even_when_negative(self, api_client):
        factories.IncidentFactory(
            located=True, latitude=-33.9, longitude=-70.6, title="Strike in the south"
        )

        row = csv_rows(api_client.get(LIST, CSV))[0]

        assert (row["latitude"], row["longitude"], row["title"]) == (
            "-33.9",
            "-70.6",
            "Strike in the south",
        )

    def test_csv_holds_every_matching_incident_not_one_page(self, api_client):
        factories.IncidentFactory.create_batch(51)

        assert len(csv_rows(api_client.get(LIST, CSV))) == 51

    def test_csv_honours_limit_and_offset_when_given(self, api_client):
        incidents = [
            factories.IncidentFactory(start_date=datetime.date(2015, 10, day))
            for day in range(1, 6)
        ]
        newest_first = [incident.id for incident in reversed(incidents)]

        assert csv_ids(api_client.get(LIST, {**CSV, "limit": 2})) == newest_first[:2]
        assert csv_ids(api_client.get(LIST, {**CSV, "offset": 3})) == newest_first[3:]
        params = {**CSV, "limit": 2, "offset": 1}
        assert csv_ids(api_client.get(LIST, params)) == newest_first[1:3]
        assert csv_ids(api_client.get(LIST, {**CSV, "limit": 1000})) == newest_first


class TestGeoJSON:
    def test_geojson_gives_a_feature_collection_of_points_with_the_properties(
        self, api_client, ariha
    ):
        response = api_client.get(LIST, {**GEOJSON, "q": "market"})

        assert response["Content-Type"] == "application/geo+json; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="incidents.geojson"'
        assert geojson(response) == {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": ariha.strike.id,
                    "geometry": {"type": "Point", "coordinates": [36.6092, 35.8133]},
                    "properties": {
                        "id": ariha.strike.id,
                        "slug": "ariha-market-airstrike",
                        "title": "Airstrike on the market in Ariha",
                        "type": "explosions_remote_violence",
                        "sub_type": "air_drone_strike",
                        "start_date": "2015-11-29",
                        "end_date": None,
                        "date_precision": "day",
                        "country": "SY",
                        "other_countries": [],
                        "admin1": "Idlib",
                        "location_name": "Ariha",
                        "geo_precision": "near",
                        "civilian_deaths_min": 40,
                        "civilian_deaths_max": 49,
                        "civilian_injuries_min": 60,
                        "civilian_injuries_max": None,
                        "weapons": ["unguided bombs", "cluster munitions"],
                        "acled_event_id": None,
                        "ucdp_ged_id": None,
                        "airwars_code": None,
                        "civilian_harm_grade": "",
                        "attribution_grade": "",
                        "status": "published",
                        "published_at": "2015-12-24T09:00:00Z",
                        "parent_id": ariha.campaign.id,
                        "actors": [
                            {
                                "id": ariha.vks.id,
                                "slug": "russian-aerospace-forces",
                                "name": "Russian Aerospace Forces",
                                "kind": "armed_force",
                                "role": "perpetrator",
                                "attributed_by": "amnesty-international",
                            }
                        ],
                        "created_at": iso(ariha.strike.created_at),
                        "updated_at": iso(ariha.strike.updated_at),
                    },
                }
            ],
        }

    def test_an_incident_without_coordinates_has_null_geometry(self, api_client, ariha):
        features = geojson(api_client.get(LIST, GEOJSON))["features"]

        geometries = {feature["id"]: feature["geometry"] for feature in features}
        assert geometries == {
            ariha.strike.id: {"type": "Point", "coordinates": [36.6092, 35.8133]},
            ariha.rescuers.id: None,
            ariha.campaign.id: None,
        }

    def test_accept_geo_json_gives_the_same_feature_collection(self, api_client, ariha):
        by_format = geojson(api_client.get(LIST, GEOJSON))
        by_accept = api_client.get(LIST, HTTP_ACCEPT="application/geo+json")

        assert by_accept["Content-Type"] == "application/geo+json; charset=utf-8"
        assert geojson(by_accept) == by_format

    def test_geojson_of_nothing_is_an_empty_feature_collection(self, api_client):
        response = api_client.get(LIST, GEOJSON)

        assert geojson(response) == {"type": "FeatureCollection", "features": []}


class TestExportsHonourEveryFilter:
    @pytest.fixture
    def world(self):
        russia = factories.ActorFactory(name="Russia", slug="russia")
        rebels = factories.ActorFactory(name="Rebels", slug="rebels")
        usa = factories.ActorFactory(name="United States", slug="united-states")
        source = factories.SourceFactory()
        ariha = factories.IncidentFactory(
            located=True,
            title="Airstrike on the Ariha market",
            start_date=datetime.date(2015, 11, 29),
            civilian_deaths_min=40,
            civilian_deaths_max=49,
            acled_event_id="SYR1",
            ucdp_ged_id=111,
            airwars_code="CS1",
        )
        factories.InvolvementFactory(
            incident=ariha, actor=russia, quote=factories.QuoteFactory(source=source)
        )
        aleppo = factories.IncidentFactory(
            located=True,
            latitude=36.2,
            longitude=37.15,
            location_name="Aleppo",
            admin1="Aleppo",
            title="Clashes in Aleppo",
            type=IncidentType.BATTLES,
            sub_type=IncidentSubType.ARMED_CLASH,
            start_date=datetime.date(2015, 10, 10),
            end_date=datetime.date(2015, 10, 12),
            civilian_deaths_min=2,
            civilian_deaths_max=5,
            ucdp_ged_id=222,
        )
        factories.InvolvementFactory(
            incident=aleppo, actor=rebels, role=Role.TARGET, attributed_by=russia
        )
        Incident.objects.filter(pk=ariha.pk).update(
            civilian_harm_grade="fair", attribution_grade="single", graded_at=timezone.now()
        )
        Incident.objects.filter(pk=aleppo.pk).update(
            civilian_harm_grade="contested", attribution_grade="contested", graded_at=timezone.now()
        )
        mosul = factories.IncidentFactory(
            title="Strike near Mosul",
            country="IQ",
            admin1="Nineveh",
            start_date=datetime.date(2016, 1, 5),
        )
        factories.InvolvementFactory(incident=mosul, actor=usa)
        Incident.objects.filter(pk=mosul.pk).update(
            updated_at=datetime.datetime(2016, 1, 6, tzinfo=datetime.UTC)
        )
        return source

    CASES = {
        "actor": "russia",
        "role": "target",
        "attributed_by": "russia",
        "type": "battles",
        "sub_type": "air_drone_strike",
        "country": "iq",
        "admin1": "aleppo",
        "date_from": "2015-12-01",
        "date_to": "2015-10-31",
        "min_civilian_deaths": "10",
        "max_civilian_deaths": "10",
        "source": None,  # the world's source id
        "acled_event_id": "SYR1",
        "ucdp_ged_id": "222",
        "airwars_code": "CS1",
        "grade": "fair",
        "attribution": "contested",
        "q": "Ariha",
        "bbox": "35,35,38,37",
        "updated_since": "2020-01-01T00:00:00Z",
        "ordering": "title",
        "status": "published",  # all the public may see, drafts being out of reach anyway
    }

    def test_every_incident_filter_has_a_case_here(self):
        assert set(self.CASES) == set(IncidentFilterSet.base_filters)

    @pytest.mark.parametrize("name", sorted(CASES))
    def test_csv_and_geojson_hold_what_the_json_list_holds(self, api_client, world, name):
        params = {name: self.CASES[name] if name != "source" else world.id}

        expected = ids(api_client.get(LIST, params))
        everything = ids(api_client.get(LIST))

        if name == "ordering":
            assert sorted(expected) == sorted(everything) and expected != everything
        elif name == "status":
            assert expected == everything
        else:
            assert 0 < len(expected) < len(everything)
        assert csv_ids(api_client.get(LIST, {**params, **CSV})) == expected
        assert geojson_ids(api_client.get(LIST, {**params, **GEOJSON})) == expected
        accept_csv = api_client.get(LIST, params, HTTP_ACCEPT="text/csv")
        assert csv_ids(accept_csv) == expected


class TestErrorsStayJSON:
    def test_a_bad_filter_while_asking_for_csv_is_a_json_400(self, api_client):
        response = api_client.get(LIST, {**CSV, "date_from": "2015-13-01"})

        assert error_attrs(response) == ["date_from"]

    def test_a_bad_filter_while_accepting_geojson_is_a_json_400(self, api_client):
        response = api_client.get(LIST, {"bbox": "1,2"}, HTTP_ACCEPT="application/geo+json")

        assert error_attrs(response) == ["bbox"]

    def test_an_unknown_parameter_while_accepting_csv_is_a_json_400(self, api_client):
        response = api_client.get(LIST, {"actr": "russia"}, HTTP_ACCEPT="text/csv")

        assert error_attrs(response) == ["actr"]

    @pytest.mark.parametrize("params", [{"limit": "0"}, {"limit": "x"}, {"offset": "-1"}])
    def test_a_bad_limit_or_offset_on_an_export_is_a_json_400(self, api_client, params):
        response = api_client.get(LIST, {**CSV, **params})

        assert error_attrs(response) == list(params)

    @pytest.mark.parametrize("export", ["csv", "geojson"])
    def test_an_incident_detail_is_not_exported_but_refused_naming_format(self, api_client, export):
        incident = factories.IncidentFactory()
        url = reverse("incident-detail", kwargs={"id_or_slug": incident.id})

        assert error_attrs(api_client.get(url, {"format": export})) == ["format"]

    @pytest.mark.parametrize("media_type", ["text/csv", "application/geo+json"])
    def test_an_incident_detail_asked_for_in_an_export_type_is_a_json_406(
        self, api_client, media_type
    ):
        incident = factories.IncidentFactory()
        url = reverse("incident-detail", kwargs={"id_or_slug": incident.id})

        response = api_client.get(url, HTTP_ACCEPT=media_type)

        assert error_attrs(response, status=406) == [None]
        assert response.json()["errors"][0]["code"] == "not_acceptable"
