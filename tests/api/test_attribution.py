"""`?attributed_by=` on the incident list: who attributes a role, on the same involvement as
`actor` and `role`."""

import pytest
from django.urls import reverse

from incidents import changes
from incidents.choices import Role
from tests import factories
from tests.api.helpers import ids

pytestmark = pytest.mark.django_db

LIST = reverse("incident-list")


@pytest.fixture
def world():
    russia = factories.ActorFactory(slug="russia")
    syria = factories.ActorFactory(slug="syrian-government")
    usa = factories.ActorFactory(slug="united-states")
    state_department = factories.ActorFactory(slug="us-state-department", parent=usa)
    # The US blames Russia for the Alloush killing; Syria claims it itself.
    alloush = factories.IncidentFactory()
    factories.InvolvementFactory(
        incident=alloush,
        actor=russia,
        role=Role.ALLEGED_PERPETRATOR,
        attributed_by=state_department,
    )
    factories.InvolvementFactory(
        incident=alloush, actor=syria, role=Role.CLAIMED_RESPONSIBILITY, attributed_by=syria
    )
    # Both Russia and the US are named here, but the US blames Syria, not Russia.
    crossed = factories.IncidentFactory()
    factories.InvolvementFactory(incident=crossed, actor=russia, role=Role.ALLEGED_PERPETRATOR)
    factories.InvolvementFactory(
        incident=crossed, actor=syria, role=Role.ALLEGED_PERPETRATOR, attributed_by=usa
    )
    unattributed = factories.IncidentFactory()
    factories.InvolvementFactory(incident=unattributed, actor=russia)
    changes.build_all()  # one actor's pages read the actor trees the builds keep
    return alloush, crossed, unattributed


def test_attributed_by_alone_gives_incidents_where_that_actor_or_a_sub_actor_attributes(
    api_client, world
):
    alloush, crossed, _ = world

    assert set(ids(api_client.get(LIST, {"attributed_by": "united-states"}))) == {
        alloush.id,
        crossed.id,
    }
    assert ids(api_client.get(LIST, {"attributed_by": "us-state-department"})) == [alloush.id]


def test_actor_and_attributed_by_must_be_the_same_involvement(api_client, world):
    alloush, crossed, _ = world

    found = ids(api_client.get(LIST, {"actor": "russia", "attributed_by": "united-states"}))

    assert found == [alloush.id]
    assert crossed.id not in found


def test_actor_role_and_attributed_by_together_are_one_involvement(api_client, world):
    alloush, _, _ = world

    self_claim = {"actor": "syrian-government", "attributed_by": "syrian-government"}
    assert ids(api_client.get(LIST, {**self_claim, "role": "claimed_responsibility"})) == [
        alloush.id
    ]
    assert ids(api_client.get(LIST, {**self_claim, "role": "alleged_perpetrator"})) == []
    assert (
        ids(api_client.get(LIST, {"role": "claimed_responsibility", "attributed_by": "russia"}))
        == []
    )


def test_list_rows_name_who_attributes_each_role(api_client, world):
    alloush, _, _ = world

    row = next(r for r in api_client.get(LIST).json()["results"] if r["id"] == alloush.id)

    assert [(a["slug"], a["role"], a["attributed_by"]) for a in row["actors"]] == [
        ("russia", "alleged_perpetrator", "us-state-department"),
        ("syrian-government", "claimed_responsibility", "syrian-government"),
    ]


def test_the_actor_fast_path_gives_the_attributer_as_the_general_path_does(api_client, world):
    fast = api_client.get(LIST, {"actor": "russia"}).json()
    general = api_client.get(LIST, {"actor": "russia", "ordering": "-start_date"}).json()

    assert fast["results"] == general["results"]
    assert any(a["attributed_by"] for r in fast["results"] for a in r["actors"])
