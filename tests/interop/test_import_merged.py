"""A later import of a merged incident's dataset id updates the incident it was merged into."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from incidents.interop.importer import events_import
from incidents.models import CasualtyReport, Incident
from incidents.roles import REVIEWERS, sync_groups
from incidents.services import incident_merge
from tests import factories

from .conftest import ACLED_SAMPLE, read_csv

pytestmark = pytest.mark.django_db


def figures(incident: Incident) -> list[tuple]:
    # SYR7001 targeted civilians: its fatalities are reported of all and of civilians.
    return sorted(
        (c.category, c.population, c.min, c.max, c.quote.text)
        for c in CasualtyReport.objects.filter(incident=incident).select_related("quote")
    )


@pytest.fixture
def reviewer():
    sync_groups()
    user = get_user_model().objects.create_user(username="reviewer")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


@pytest.mark.parametrize("survivor_has_its_own_id", [False, True])
def test_reimporting_a_merged_incidents_id_updates_the_survivor(
    tmp_csv, reviewer, survivor_has_its_own_id
):
    rows = read_csv(ACLED_SAMPLE)[:1]
    events_import(dataset="acled", path=tmp_csv(rows))
    imported = Incident.objects.get(acled_event_id="SYR7001")
    curated = factories.IncidentFactory(
        title="Ariha market strike",
        slug="ariha-market",
        acled_event_id="SYR0001" if survivor_has_its_own_id else None,
    )
    incident_merge(keep=curated, duplicate=imported, user=reviewer, reason="same strike")
    assert figures(curated) == [
        ("killed", "all", 40, 40, "fatalities: 40"),
        ("killed", "civilians", 40, 40, "fatalities: 40"),
    ]

    rows[0]["fatalities"] = "43"
    report = events_import(dataset="acled", path=tmp_csv(rows, "again.csv"))

    assert (report.created, report.updated, report.invalid) == ([], [2], [])
    assert figures(curated) == [
        ("killed", "all", 43, 43, "fatalities: 43"),
        ("killed", "civilians", 43, 43, "fatalities: 43"),
    ]
    curated.refresh_from_db()
    assert curated.title == "Ariha market strike"  # a curated incident keeps its own fields
    assert Incident._base_manager.count() == 2
    assert not Incident.objects.filter(pk=imported.pk).exists()


def test_reimporting_an_unchanged_merged_row_changes_nothing(tmp_csv, reviewer):
    rows = read_csv(ACLED_SAMPLE)[:1]
    events_import(dataset="acled", path=tmp_csv(rows))
    imported = Incident.objects.get(acled_event_id="SYR7001")
    curated = factories.IncidentFactory(acled_event_id="SYR0001")
    incident_merge(keep=curated, duplicate=imported, user=reviewer)

    report = events_import(dataset="acled", path=tmp_csv(rows, "again.csv"))

    assert (report.created, report.updated, report.unchanged) == ([], [], [2])
