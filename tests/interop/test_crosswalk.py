"""Issue 14 items 5-6: imported actors join the actor tree; the rows' civilian figures and
ACLED's labels, ISO codes and country names reach the filters."""

import pytest
from django.urls import reverse

from incidents import changes
from incidents.choices import ActorKind
from incidents.interop import countries
from incidents.interop.crosswalk import cross, is_population
from incidents.models import Actor, Incident
from tests import factories
from tests.api.helpers import csv_rows

from .conftest import ACLED_SAMPLE, UCDP_SAMPLE
from .test_import_events import run

pytestmark = pytest.mark.django_db

LIST = reverse("incident-list")
CSV_FORMAT = {"format": "csv", "ordering": "id"}


def events(api_client, **params) -> list[str]:
    response = api_client.get(LIST, params)
    assert response.status_code == 200, response.content
    return sorted(
        Incident.objects.get(pk=row["id"]).acled_event_id or str(row["ucdp_ged_id"])
        for row in response.json()["results"]
    )


def test_acled_and_ged_names_cross_to_kind_and_state():
    assert cross("Military Forces of Russia (2000-)") == (
        cross("Military Forces of Russia (2000-)").__class__(
            "Military Forces of Russia (2000-)", ActorKind.ARMED_FORCE, "RU", True
        )
    )
    police = cross("Police Forces of Syria (2000-)")
    assert (police.kind, police.country, police.under_state) == ("armed_force", "SY", True)
    government = cross("Government of Russia (Soviet Union)")
    assert (government.kind, government.country) == ("government_body", "RU")
    rioters = cross("Rioters (Syria)")
    assert (rioters.kind, rioters.country, rioters.under_state) == ("other", "SY", False)
    assert cross("Jaish al Fateh", ActorKind.ARMED_GROUP).kind == ActorKind.ARMED_GROUP
    assert cross("Military Forces of Atlantis (1900-)").country == ""
    assert is_population("Civilians (Syria)") and is_population("Civilians")
    assert not is_population("Civilians of Ariha militia")


def test_countries_come_from_iso_with_the_datasets_spellings_on_top():
    assert countries.code_from_any("SYR") == countries.code_from_any("760") == "SY"
    assert countries.code_from_any("syrian arab republic") == "SY"
    assert countries.code_from_any("sy") == "SY"
    assert countries.code_from_any("Atlantis") is None
    assert countries.SHORT_NAME["RU"] == "Russia"  # ACLED's, not ISO's "Russian Federation"
    assert countries.code_from_name("DR Congo (Zaire)") == "CD"
    assert countries.code_from_name("Kosovo") == "XK" and countries.NUMERIC["XK"] is None
    assert set(countries.aliases_of("US")) >= {"US", "USA", "United States"}


def test_state_forces_sit_under_the_seed_state_and_the_filter_reaches_them(api_client):
    russia = factories.ActorFactory(
        name="Russia", slug="russia", kind=ActorKind.STATE, country="RU", aliases=["Moscow"]
    )
    run("acled", ACLED_SAMPLE, "--status", "published")

    forces = Actor.objects.get(name="Military Forces of Russia (2000-)")
    assert (forces.parent_id, forces.kind, forces.country) == (russia.pk, "armed_force", "RU")
    assert Actor.objects.filter(kind=ActorKind.STATE, country="RU").count() == 1
    iraq = Actor.objects.get(name="Military Forces of Iraq (2014-2018)").parent
    assert (iraq.name, iraq.kind, iraq.country) == ("Iraq", "state", "IQ")
    assert {"IQ", "IRQ", "Republic of Iraq"} <= set(iraq.aliases)
    # No actor for a population.
    assert not Actor.objects.filter(name__startswith="Civilians").exists()

    changes.build_all()  # one actor's pages read the actor trees the builds keep
    assert events(api_client, actor="russia") == ["SYR7001", "UKR9001"]
    assert events(api_client, actor="Russia", ordering="title") == ["SYR7001", "UKR9001"]
    assert events(api_client, actor="IRQ") == ["IRQ1234"]


def test_a_free_standing_actor_of_an_earlier_import_joins_its_state_on_reimport():
    earlier = factories.ActorFactory(
        name="Military Forces of Russia (2000-)",
        slug="military-forces-of-russia-2000",
        kind=ActorKind.OTHER,
        country="",
    )
    government = factories.ActorFactory(
        name="Government of Syria", slug="government-of-syria", kind=ActorKind.STATE, country=""
    )
    run("acled", ACLED_SAMPLE)
    run("ucdp", UCDP_SAMPLE)
    government.refresh_from_db()
    assert (government.parent.name, government.kind) == ("Syria", ActorKind.GOVERNMENT_BODY)
    earlier.refresh_from_db()
    assert (earlier.parent.name, earlier.kind) == ("Russia", ActorKind.ARMED_FORCE)
    assert Actor.objects.filter(name="Military Forces of Russia (2000-)").count() == 1


def test_ged_government_is_the_seed_actor_not_a_new_one():
    syria = factories.ActorFactory(name="Syria", slug="syria", kind="state", country="SY")
    government = factories.ActorFactory(
        name="Government of Syria", slug="syrian-government", kind="government_body", parent=syria
    )
    run("ucdp", UCDP_SAMPLE)
    assert Actor.objects.filter(name__iexact="government of syria").count() == 1
    assert government.involvements.count() == 2
    assert Actor.objects.filter(kind="state", country="SY").count() == 1


def test_dataset_civilian_figures_reach_the_incident_and_its_filter(api_client):
    run("ucdp", UCDP_SAMPLE, "--status", "published")
    run("acled", ACLED_SAMPLE, "--status", "published")

    ged = Incident.objects.get(ucdp_ged_id=201345)
    assert (ged.civilian_deaths_min, ged.civilian_deaths_max) == (40, 40)
    found = events(api_client, min_civilian_deaths=1)
    assert "201345" in found and "SYR7001" in found  # GED's deaths, ACLED's targeted
    assert "SYR7002" not in found  # a clash: its fatalities are not civilians


@pytest.mark.parametrize(
    "params",
    [
        {"type": "Explosions/Remote violence"},
        {"type": "explosions_remote_violence"},
        {"sub_type": "air/DRONE strike"},
        {"type": "EXPLOSIONS/REMOTE VIOLENCE", "country": "Syria"},
        {"country": "SYR", "sub_type": "Air/drone strike"},
        {"country": "760", "sub_type": "air_drone_strike"},
        {"country": "Syrian Arab Republic", "sub_type": "Air/drone strike"},
        {"country": "sy", "sub_type": "Air/drone strike"},
    ],
)
def test_type_and_country_filters_take_acled_labels_and_iso_codes(api_client, params):
    run("acled", ACLED_SAMPLE, "--status", "published")
    found = events(api_client, **params)
    assert "SYR7001" in found
    assert all(not event.startswith(("IRQ", "UKR")) for event in found) or "type" in params


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"country": "Atlantis"}, "country"), ({"type": "Explosions"}, "type")],
)
def test_an_unknown_country_or_label_is_a_400_naming_the_parameter(api_client, params, parameter):
    response = api_client.get(LIST, params)
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == parameter


def test_the_detail_and_the_csv_carry_each_records_coded_fields(api_client):
    run("acled", ACLED_SAMPLE, "--status", "published")
    run("ucdp", UCDP_SAMPLE, "--status", "published")
    strike = Incident.objects.get(acled_event_id="SYR7001")
    ged = Incident.objects.get(ucdp_ged_id=201345)

    [record] = api_client.get(reverse("incident-detail", args=[strike.pk])).json()[
        "dataset_records"
    ]
    assert record["dataset"] == "acled" and record["source_id"] > 0
    assert (record["event_id"], record["fatalities"], record["civilian_targeting"]) == (
        "SYR7001",
        "40",
        "Civilian targeting",
    )
    assert record["inter1"] and record["inter2"] and record["source_scale"]
    assert record["admin1"] == "Idleb" and record["deaths_civilians"] == ""
    [coded] = api_client.get(reverse("incident-detail", args=[ged.pk])).json()["dataset_records"]
    assert (coded["dataset"], coded["event_id"], coded["deaths_civilians"]) == (
        "ucdp",
        "201345",
        "40",
    )
    assert (coded["best"], coded["low"], coded["high"]) == ("40", "40", "49")

    rows = {
        row["id"]: row for row in csv_rows(api_client.get(reverse("incident-list"), CSV_FORMAT))
    }
    row = rows[str(strike.pk)]
    assert (row["dataset"], row["dataset_event_id"], row["dataset_fatalities"]) == (
        "acled",
        "SYR7001",
        "40",
    )
    assert row["dataset_inter1"] == record["inter1"]
    assert row["dataset_admin2"] == record["admin2"]
    assert row["dataset_notes"].startswith("On 29 November 2015")
    assert rows[str(ged.pk)]["dataset_deaths_civilians"] == "40"


def test_a_row_without_a_civilian_figure_leaves_the_incidents_as_it_is():
    run("acled", ACLED_SAMPLE)
    clash = Incident.objects.filter(acled_event_id="SYR7002")
    # An editor's figure, and a field the row will set back: the row is applied again.
    clash.update(civilian_deaths_min=3, civilian_deaths_max=5, title="Edited")
    assert "1 updated" in run("acled", ACLED_SAMPLE)
    assert clash.values_list("title", "civilian_deaths_min", "civilian_deaths_max").get() == (
        "Armed clash in Al-Eis",
        3,
        5,
    )
