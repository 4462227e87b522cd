import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.choices import GeoPrecision
from incidents.duplicates import duplicate_rows, possible_duplicates
from incidents.models import IncidentAlias
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 2)
ARIHA = {"latitude": 35.8133, "longitude": 36.6092, "geo_precision": GeoPrecision.NEAR}
KM_NORTH = 1 / 111.2  # degrees of latitude in a kilometre


def strike(**fields):
    values = {"start_date": DAY, "admin1": "Idlib", "location_name": "", **fields}
    return factories.IncidentFactory(**values)


def north(km: float) -> dict:
    return {**ARIHA, "latitude": ARIHA["latitude"] + km * KM_NORTH}


def test_the_same_day_within_ten_km_is_a_possible_duplicate_with_its_distance():
    first = strike(**ARIHA, location_name="Ariha market")
    second = strike(**north(3.2), location_name="south of Ariha")

    rows = duplicate_rows(second)

    assert rows == [
        {
            "id": first.pk,
            "slug": first.slug,
            "title": first.title,
            "start_date": DAY,
            "location_name": "Ariha market",
            "status": "published",
            "why": ["same day", "3.2 km apart"],
        }
    ]


def test_a_day_apart_or_overlapping_dates_count_but_more_than_a_day_apart_does_not():
    subject = strike(**ARIHA)
    next_day = strike(**north(1), start_date=DAY + datetime.timedelta(days=1))
    campaign = strike(**north(2), start_date=DAY - datetime.timedelta(days=30), end_date=DAY)
    strike(**north(1), start_date=DAY + datetime.timedelta(days=2))
    strike(
        **north(1),
        start_date=DAY - datetime.timedelta(days=9),
        end_date=DAY - datetime.timedelta(days=2),
    )

    found = {row["id"]: row["why"] for row in duplicate_rows(subject)}

    assert found == {
        next_day.pk: ["1 day apart", "1.0 km apart"],
        campaign.pk: ["dates overlap", "2.0 km apart"],
    }


def test_more_than_ten_km_away_is_not_a_duplicate():
    subject = strike(**ARIHA)
    strike(**north(10.5))
    near = strike(**north(9.5))

    assert [incident.pk for incident in possible_duplicates(subject)] == [near.pk]


def test_the_same_admin1_and_location_name_match_whatever_the_case_without_coordinates():
    subject = strike(location_name="Ariha")
    same = strike(location_name="ARIHA ", admin1="idlib")
    strike(location_name="Ariha", admin1="Aleppo")
    strike(location_name="Saraqib")
    strike(location_name="Ariha", start_date=DAY + datetime.timedelta(days=3))

    rows = duplicate_rows(subject)

    assert [(row["id"], row["why"]) for row in rows] == [
        (same.pk, ["same day", "same admin1 and location name"])
    ]


def test_an_empty_location_name_matches_nothing_by_place():
    subject = strike(location_name="")
    strike(location_name="")

    assert list(possible_duplicates(subject)) == []


def test_a_shared_dataset_id_is_a_duplicate_whatever_the_dates_and_place():
    imported = strike(acled_event_id="SYR123", start_date=DAY - datetime.timedelta(days=40))
    merged = strike(deleted_at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC))
    survivor = strike(start_date=DAY - datetime.timedelta(days=400), ucdp_ged_id=9)
    IncidentAlias.objects.create(incident=survivor, merged=merged, ucdp_ged_id=77)
    values = {
        "start_date": DAY,
        "end_date": None,
        "admin1": "Aleppo",
        "location_name": "",
        "latitude": None,
        "longitude": None,
        "acled_event_id": "SYR123",
        "ucdp_ged_id": 77,
        "airwars_code": None,
    }

    found = {row["id"]: row["why"] for row in duplicate_rows(values)}

    assert found == {
        survivor.pk: ["400 days apart", "same UCDP GED id"],
        imported.pk: ["40 days apart", "same ACLED event id"],
    }


def test_the_incident_itself_deleted_and_merged_incidents_are_never_listed():
    subject = strike(**ARIHA)
    strike(**ARIHA, deleted_at=datetime.datetime(2024, 6, 1, tzinfo=datetime.UTC))

    assert list(possible_duplicates(subject)) == []


def test_drafts_are_found_unless_the_search_is_among_public_incidents():
    from incidents.models import Incident

    subject = strike(**ARIHA)
    draft = strike(**ARIHA, draft=True)

    assert [i.pk for i in possible_duplicates(subject)] == [draft.pk]
    assert list(possible_duplicates(subject, among=Incident.objects.public())) == []


def test_the_duplicate_check_is_one_query_however_many_it_finds():
    subject = strike(**ARIHA, location_name="Ariha", acled_event_id="SYR1")
    strike(**ARIHA)

    with CaptureQueriesContext(connection) as one:
        duplicate_rows(subject)
    for _ in range(5):
        strike(**ARIHA, location_name="Ariha")
    # Expect 1 query: the candidates with their distance, place and dataset-id flags.
    with CaptureQueriesContext(connection) as six:
        rows = duplicate_rows(subject)

    assert len(rows) == 6
    assert len(one.captured_queries) == len(six.captured_queries) == 1
