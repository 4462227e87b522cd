"""The admin warns before saving a possible duplicate, and reviewers merge from the page."""

import datetime

import pytest

from incidents.choices import GeoPrecision
from incidents.models import CasualtyReport, Incident
from tests import factories
from tests.admin.helpers import form_data, messages_of

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 2)
ARIHA = {"latitude": 35.8133, "longitude": 36.6092, "geo_precision": GeoPrecision.NEAR}
ADD = "/admin/incidents/incident/add/"


def _new(client, **fields) -> dict:
    return form_data(
        client.get(ADD),
        title="Second strike on Ariha market",
        slug="second-ariha-strike",
        type="explosions_remote_violence",
        sub_type="air_drone_strike",
        start_date="2024-05-02",
        country="SY",
        admin1="Idlib",
        location_name="Ariha",
        **fields,
    )


def test_adding_a_possible_duplicate_warns_and_keeps_the_form_then_saves_on_confirmation(
    editor_client,
):
    first = factories.IncidentFactory(start_date=DAY, location_name="Ariha", **ARIHA)
    data = _new(editor_client, summary="Aircraft hit the market again.")

    warned = editor_client.post(ADD, data)

    assert warned.status_code == 200
    assert not Incident.objects.filter(slug="second-ariha-strike").exists()
    form = warned.context["adminform"].form
    assert [(row["id"], row["why"]) for row in form.duplicates] == [
        (first.pk, ["same day", "same admin1 and location name"])
    ]
    page = warned.content.decode()
    assert f'href="/admin/incidents/incident/{first.pk}/change/"' in page
    assert "Save anyway — not a duplicate" in page
    assert form["summary"].value() == "Aircraft hit the market again."

    saved = editor_client.post(ADD, {**form_data(warned), "not_a_duplicate": "on"})

    assert saved.status_code == 302
    assert Incident.objects.get(slug="second-ariha-strike").summary == (
        "Aircraft hit the market again."
    )


def test_adding_an_incident_with_no_duplicate_saves_at_once(editor_client):
    factories.IncidentFactory(start_date=DAY + datetime.timedelta(days=3), location_name="Ariha")

    response = editor_client.post(ADD, _new(editor_client))

    assert response.status_code == 302
    assert Incident.objects.filter(slug="second-ariha-strike").exists()


def test_a_change_that_makes_a_duplicate_warns_and_one_that_does_not_touch_it_saves(
    editor_client,
):
    factories.IncidentFactory(start_date=DAY, **ARIHA)
    draft = factories.IncidentFactory(draft=True, start_date=DAY - datetime.timedelta(days=9))
    url = f"/admin/incidents/incident/{draft.pk}/change/"

    warned = editor_client.post(
        url,
        form_data(
            editor_client.get(url),
            start_date="2024-05-02",
            latitude="35.82",
            longitude="36.61",
            geo_precision="near",
        ),
    )
    assert warned.status_code == 200 and warned.context["adminform"].form.duplicates
    draft.refresh_from_db()
    assert draft.start_date == DAY - datetime.timedelta(days=9)

    confirmed = editor_client.post(url, {**form_data(warned), "not_a_duplicate": "on"})
    assert confirmed.status_code == 302
    renamed = editor_client.post(url, form_data(editor_client.get(url), title="Renamed"))
    assert renamed.status_code == 302  # the place and dates did not change: no second warning
    draft.refresh_from_db()
    assert (draft.start_date, draft.title) == (DAY, "Renamed")


def test_the_incident_page_lists_possible_duplicates_and_merge_for_reviewers_only(
    editor_client, reviewer_client
):
    subject = factories.IncidentFactory(start_date=DAY, **ARIHA)
    other = factories.IncidentFactory(start_date=DAY, **ARIHA)
    url = f"/admin/incidents/incident/{subject.pk}/change/"

    as_editor = editor_client.get(url).content.decode()
    as_reviewer = reviewer_client.get(url).content.decode()

    assert f'href="/admin/incidents/incident/{other.pk}/change/"' in as_editor
    assert "same day, 0.0 km apart" in as_editor
    assert 'id="merge-into"' not in as_editor
    assert 'id="merge-into"' in as_reviewer


def test_a_reviewer_merges_after_reading_what_moves(reviewer_client):
    keep = factories.IncidentFactory(start_date=DAY, **ARIHA)
    duplicate = factories.IncidentFactory(start_date=DAY, **ARIHA)
    report = factories.CasualtyReportFactory(incident=duplicate)
    url = f"/admin/incidents/incident/{duplicate.pk}/merge/"

    chosen = reviewer_client.get(url)
    confirmation = reviewer_client.post(url, {"into": keep.pk, "reason": "same strike"})

    assert chosen.status_code == 200 and f"?into={keep.pk}" in chosen.content.decode()
    assert confirmation.status_code == 200
    assert "1 casualty reports" in confirmation.content.decode()
    assert Incident.objects.filter(pk=duplicate.pk).exists()  # nothing merged yet
    merged = reviewer_client.post(
        url,
        {
            "into": keep.pk,
            "reason": "same strike",
            "confirm": "1",
            "version": confirmation.context["version"],
        },
        follow=True,
    )
    assert merged.redirect_chain[-1][0] == f"/admin/incidents/incident/{keep.pk}/change/"
    assert any("was merged into" in message for message in messages_of(merged))
    assert CasualtyReport.objects.get(pk=report.pk).incident == keep
    assert Incident.all_objects.get(pk=duplicate.pk).merged_into == keep


def test_a_merge_confirmed_on_a_stale_page_is_refused(reviewer_client):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    url = f"/admin/incidents/incident/{duplicate.pk}/merge/"

    response = reviewer_client.post(
        url, {"into": keep.pk, "confirm": "1", "version": '"stale"'}, follow=True
    )

    assert any("Not merged" in message for message in messages_of(response))
    assert Incident.objects.filter(pk=duplicate.pk).exists()


def test_a_merge_page_given_no_incident_id_shows_an_empty_choice(reviewer_client):
    duplicate = factories.IncidentFactory()
    url = f"/admin/incidents/incident/{duplicate.pk}/merge/"

    # "²" is a digit to str.isdigit(), not to the database.
    assert reviewer_client.get(url, {"into": "²"}).status_code == 200


def test_an_editor_may_not_merge(editor_client):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    url = f"/admin/incidents/incident/{duplicate.pk}/merge/"

    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"into": keep.pk, "confirm": "1"}).status_code == 403


def test_a_merged_incidents_admin_page_leads_to_the_survivor(editor_client, reviewer):
    from incidents.services import incident_merge

    keep, duplicate = factories.IncidentFactory.create_batch(2)
    incident_merge(keep=keep, duplicate=duplicate, user=reviewer)

    response = editor_client.get(f"/admin/incidents/incident/{duplicate.pk}/change/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/incidents/incident/{keep.pk}/change/"
