"""Who is on which side when the ledger's own incidents go out as ACLED and UCDP rows
(issue 14, item 4): side one acted, side two was hit, no one else is an actor, and a
disputed attribution is written down rather than resolved."""

import datetime

import pytest

from incidents.choices import ActorKind, CasualtyCategory, Population, Role
from tests import factories

from .test_export_events import export_rows

pytestmark = pytest.mark.django_db

ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def _involve(incident, actor, role, attributed_by=None):
    factories.InvolvementFactory(
        incident=incident, actor=actor, role=role, attributed_by=attributed_by
    )


def _civilians_killed(incident, count=49):
    factories.CasualtyReportFactory(
        incident=incident,
        category=CasualtyCategory.KILLED,
        population=Population.CIVILIANS,
        min=count,
        max=count,
    )


@pytest.fixture
def russia():
    return factories.ActorFactory(name="Russia", slug="russia", kind=ActorKind.STATE)


def test_investigators_reporters_and_others_are_never_actors(russia):
    campaign = factories.IncidentFactory(start_date=datetime.date(2015, 9, 30))
    kremlin = factories.ActorFactory(name="Kremlin", parent=russia, kind=ActorKind.GOVERNMENT_BODY)
    isis = factories.ActorFactory(name="ISIS", kind=ActorKind.ARMED_GROUP)
    _involve(campaign, russia, Role.PERPETRATOR)
    _involve(campaign, kremlin, Role.PERPETRATOR)
    _involve(campaign, factories.ActorFactory(name="Iran"), Role.SUPPORTER)
    _involve(campaign, isis, Role.TARGET, attributed_by=russia)
    _involve(campaign, factories.ActorFactory(name="Amnesty International"), Role.INVESTIGATOR)
    _involve(campaign, factories.ActorFactory(name="United Nations"), Role.OTHER)
    # Civilians died, but the named target is an armed group: not civilian targeting.
    _civilians_killed(campaign, 200)

    [row] = export_rows("acled")
    [ged] = export_rows("ucdp")

    assert {column: row[column] for column in ACTOR_COLUMNS} == {
        "actor1": "Russia",
        "assoc_actor_1": "Kremlin; Iran",
        "actor2": "ISIS",
        "assoc_actor_2": "",
    }
    assert row["civilian_targeting"] == ""
    assert "Attribution disputed" not in row["notes"]
    assert (ged["side_a"], ged["side_b"], ged["type_of_violence"]) == ("Russia", "ISIS", "1")


def test_a_disputed_attribution_goes_to_the_notes_not_to_side_one(russia):
    killing = factories.IncidentFactory(summary="Zahran Alloush was killed in an air strike.")
    syria = factories.ActorFactory(name="Syrian government", kind=ActorKind.GOVERNMENT_BODY)
    state_department = factories.ActorFactory(name="US State Department")
    commander = factories.ActorFactory(name="Zahran Alloush", kind=ActorKind.PERSON)
    _involve(killing, russia, Role.ALLEGED_PERPETRATOR, attributed_by=state_department)
    _involve(killing, syria, Role.CLAIMED_RESPONSIBILITY, attributed_by=syria)
    _involve(killing, commander, Role.VICTIM)
    _civilians_killed(killing, 12)

    [row] = export_rows("acled")
    [ged] = export_rows("ucdp")

    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == (
        "Unidentified Armed Group (Syria)",
        "",
        "Zahran Alloush",
    )
    assert row["notes"] == (
        "Zahran Alloush was killed in an air strike. Attribution disputed: attributed to "
        "Russia by US State Department; claimed by Syrian government."
    )
    # The killing of a commander is not an attack on civilians, whoever else died.
    assert row["civilian_targeting"] == ""
    assert (ged["side_a"], ged["side_b"]) == ("Unidentified Armed Group (Syria)", "Zahran Alloush")


def test_alleged_perpetrators_of_one_actor_tree_are_undisputed(russia):
    market = factories.IncidentFactory()
    air_force = factories.ActorFactory(name="Russian Aerospace Forces", parent=russia)
    _involve(market, russia, Role.ALLEGED_PERPETRATOR)
    _involve(market, air_force, Role.ALLEGED_PERPETRATOR)
    _involve(market, factories.ActorFactory(name="Amnesty International"), Role.INVESTIGATOR)
    _civilians_killed(market)

    [row] = export_rows("acled")
    [ged] = export_rows("ucdp")

    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == (
        "Russia",
        "Russian Aerospace Forces",
        "",
    )
    assert row["civilian_targeting"] == "Civilian targeting"
    assert "Attribution disputed" not in row["notes"]
    assert (ged["side_a"], ged["side_b"], ged["type_of_violence"]) == ("Russia", "Civilians", "3")


def test_an_allegation_against_another_tree_than_the_perpetrators_is_noted(russia):
    shootdown = factories.IncidentFactory(summary="")
    turkey = factories.ActorFactory(name="Turkey", kind=ActorKind.STATE)
    _involve(shootdown, turkey, Role.PERPETRATOR)
    _involve(shootdown, russia, Role.TARGET)
    _involve(
        shootdown,
        factories.ActorFactory(name="Turkmen brigades", kind=ActorKind.ARMED_GROUP),
        Role.ALLEGED_PERPETRATOR,
        attributed_by=russia,
    )

    [row] = export_rows("acled")

    assert (row["actor1"], row["actor2"]) == ("Turkey", "Russia")
    assert row["notes"] == "Attribution disputed: attributed to Turkmen brigades by Russia."


def test_the_seed_exports_with_only_parties_to_each_event_as_actors():
    from django.core.management import call_command

    from incidents.models import Involvement

    call_command("load_seed", verbosity=0)
    bystanders = set(
        Involvement.objects.filter(role__in=[Role.INVESTIGATOR, Role.OTHER])
        .exclude(
            actor__in=Involvement.objects.exclude(role__in=[Role.INVESTIGATOR, Role.OTHER]).values(
                "actor"
            )
        )
        .values_list("actor__name", flat=True)
    )
    assert {"Amnesty International", "Human Rights Watch"} <= bystanders

    rows = {row["notes"][:40]: row for row in export_rows("acled")}

    named = {
        name.strip()
        for row in rows.values()
        for column in ACTOR_COLUMNS
        for name in row[column].split(";")
        if name.strip()
    }
    assert not named & bystanders
    [alloush] = [row for row in rows.values() if "Alloush" in row["notes"]]
    assert alloush["actor1"] == "Unidentified Armed Group (Syria)"
    assert "Attribution disputed: attributed to Russia" in alloush["notes"]
    assert alloush["civilian_targeting"] == ""
