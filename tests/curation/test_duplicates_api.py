"""Possible duplicates in the write API's answers, and merging two incidents through the API."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.changes import build_feed
from incidents.choices import GeoPrecision
from incidents.models import Incident
from tests import factories
from tests.curation.conftest import patch

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 2)
ARIHA = {"latitude": 35.8133, "longitude": 36.6092, "geo_precision": GeoPrecision.NEAR}
NEW = {
    "title": "Second strike on Ariha market",
    "slug": "second-ariha-strike",
    "type": "explosions_remote_violence",
    "sub_type": "air_drone_strike",
    "start_date": "2024-05-02",
    "country": "SY",
    "admin1": "Idlib",
    "location_name": "Ariha",
    "latitude": 35.8333,
    "longitude": 36.6092,
    "geo_precision": "near",
}


def test_creating_an_incident_lists_its_possible_duplicates_and_saves_it(editor):
    first = factories.IncidentFactory(
        start_date=DAY, admin1="Idlib", location_name="Ariha", **ARIHA
    )

    response = editor.post("/api/incidents", NEW, format="json")

    assert response.status_code == 201
    assert response.json()["possible_duplicates"] == [
        {
            "id": first.pk,
            "slug": first.slug,
            "title": first.title,
            "start_date": "2024-05-02",
            "location_name": "Ariha",
            "status": "published",
            "why": ["same day", "2.2 km apart", "same admin1 and location name"],
        }
    ]
    # The ETag is the incident's detail's, as a GET of it gives it.
    created = editor.get(f"/api/incidents/{response.json()['id']}")
    assert created["ETag"] == response["ETag"]
    assert "possible_duplicates" not in created.json()


def test_a_change_lists_the_duplicates_it_makes_and_none_when_there_are_none(editor):
    factories.IncidentFactory(start_date=DAY, **ARIHA)
    draft = factories.IncidentFactory(draft=True, start_date=DAY - datetime.timedelta(days=5))
    url = f"/api/incidents/{draft.pk}"

    unrelated = patch(editor, url, {"title": "Elsewhere"})
    moved = patch(editor, url, {"start_date": "2024-05-03", **ARIHA})

    assert unrelated.status_code == 200 and unrelated.json()["possible_duplicates"] == []
    assert moved.status_code == 200
    assert [row["why"] for row in moved.json()["possible_duplicates"]] == [
        ["1 day apart", "0.0 km apart"]
    ]


def test_a_shared_dataset_id_stays_a_400_naming_the_field(editor):
    factories.IncidentFactory(acled_event_id="SYR123")

    response = editor.post("/api/incidents", {**NEW, "acled_event_id": "SYR123"}, format="json")

    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == ["acled_event_id"]


def test_the_duplicates_of_an_incident_name_only_public_ones_to_the_public(clients):
    subject = factories.IncidentFactory(start_date=DAY, **ARIHA)
    public = factories.IncidentFactory(start_date=DAY, **ARIHA)
    draft = factories.IncidentFactory(start_date=DAY, draft=True, **ARIHA)
    url = f"/api/incidents/{subject.slug}/duplicates"

    seen_by = {
        role: [row["id"] for row in clients[role].get(url).json()]
        for role in ("anonymous", "editor")
    }

    assert seen_by == {"anonymous": [public.pk], "editor": [public.pk, draft.pk]}
    assert clients["anonymous"].get(f"/api/incidents/{draft.pk}/duplicates").status_code == 404


def _merge(client, duplicate: Incident, into: int, **body):
    url = f"/api/incidents/{duplicate.pk}"
    etag = client.get(url)["ETag"]
    return client.post(f"{url}/merge", {"into": into, **body}, format="json", HTTP_IF_MATCH=etag)


def test_a_reviewer_merges_and_the_merged_id_and_slug_redirect_to_the_survivor(clients):
    keep = factories.IncidentFactory()
    duplicate = factories.IncidentFactory(slug="ariha-market-again")
    report = factories.CasualtyReportFactory(incident=duplicate)

    response = _merge(clients["reviewer"], duplicate, keep.pk, reason="same strike")

    assert response.status_code == 200
    assert [r["id"] for r in response.json()["casualty_reports"]] == [report.pk]
    by_id = clients["anonymous"].get(f"/api/incidents/{duplicate.pk}")
    by_slug = clients["anonymous"].get("/api/incidents/ariha-market-again")
    assert (by_id.status_code, by_id["Location"]) == (301, f"/api/incidents/{keep.pk}")
    assert (by_slug.status_code, by_slug["Location"]) == (301, f"/api/incidents/{keep.slug}")
    assert by_id.json()["merged_into"] == keep.pk
    history = clients["reviewer"].get(f"/api/incidents/{keep.pk}/history").json()
    assert history[-1]["reason"] == f"merged into {keep.pk}: same strike"


def test_a_merged_incident_does_not_redirect_to_a_survivor_the_reader_may_not_see(clients):
    keep = factories.IncidentFactory(draft=True)
    duplicate = factories.IncidentFactory()

    assert _merge(clients["reviewer"], duplicate, keep.pk).status_code == 200

    assert clients["anonymous"].get(f"/api/incidents/{duplicate.pk}").status_code == 404
    assert clients["editor"].get(f"/api/incidents/{duplicate.pk}").status_code == 301


def test_the_change_feed_names_the_survivor_of_a_merge(clients):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    build_feed()
    _merge(clients["reviewer"], duplicate, keep.pk)
    build_feed()  # as the feed's worker does when the merge commits

    entries = clients["anonymous"].get("/api/changes").json()["results"]

    deleted = [e for e in entries if e["action"] == "deleted"]
    assert deleted == [
        {
            "resource": "incidents",
            "id": duplicate.pk,
            "action": "deleted",
            "at": deleted[0]["at"],
            "merged_into": keep.pk,
        }
    ]
    assert {e["merged_into"] for e in entries if e["action"] != "deleted"} == {None}


def test_an_editor_may_not_merge_and_a_stale_version_is_refused(clients):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    url = f"/api/incidents/{duplicate.pk}/merge"

    assert _merge(clients["editor"], duplicate, keep.pk).status_code == 403
    stale = clients["reviewer"].post(url, {"into": keep.pk}, format="json", HTTP_IF_MATCH='"x"')
    assert stale.status_code == 412
    assert clients["reviewer"].post(url, {"into": keep.pk}, format="json").status_code == 428
    assert Incident.objects.filter(pk=duplicate.pk).exists()


@pytest.mark.parametrize(
    ("into", "attr"),
    [(None, "into"), ("x", "into"), (999_999, "into"), (10**30, "into"), ("self", "into")],
)
def test_a_bad_merge_target_is_a_400_naming_into(reviewer, into, attr):
    duplicate = factories.IncidentFactory()
    if into is None:
        body = {}
    else:
        body = {"into": duplicate.pk if into == "self" else into}
    url = f"/api/incidents/{duplicate.pk}"
    etag = reviewer.get(url)["ETag"]

    response = reviewer.post(f"{url}/merge", body, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [attr]


def test_listing_duplicates_takes_as_many_queries_however_many_there_are(editor):
    subject = factories.IncidentFactory(start_date=DAY, **ARIHA)
    factories.IncidentFactory(start_date=DAY, **ARIHA)
    url = f"/api/incidents/{subject.pk}/duplicates"
    editor.get(url)  # the token's first use is recorded once

    with CaptureQueriesContext(connection) as one:
        assert len(editor.get(url).json()) == 1
    factories.IncidentFactory.create_batch(4, start_date=DAY, **ARIHA)
    with CaptureQueriesContext(connection) as five:
        assert len(editor.get(url).json()) == 5

    assert len(one.captured_queries) == len(five.captured_queries)


def test_a_change_held_for_review_lists_the_duplicates_of_what_it_proposes(editor):
    other = factories.IncidentFactory(start_date=DAY, **ARIHA)
    public = factories.IncidentFactory(start_date=DAY - datetime.timedelta(days=9))

    held = patch(editor, f"/api/incidents/{public.pk}", {"start_date": "2024-05-02", **ARIHA})

    assert held.status_code == 202
    assert [(r["id"], r["why"]) for r in held.json()["possible_duplicates"]] == [
        (other.pk, ["same day", "0.0 km apart"])
    ]
    assert editor.get(held["Location"]).json()["after"]["start_date"] == "2024-05-02"


def test_a_draft_merged_away_stays_unknown_to_the_public(clients):
    keep = factories.IncidentFactory()
    draft = factories.IncidentFactory(draft=True, slug="secret-draft")

    assert _merge(clients["reviewer"], draft, keep.pk).status_code == 200

    for path in (f"/api/incidents/{draft.pk}", "/api/incidents/secret-draft"):
        assert clients["anonymous"].get(path).status_code == 404, path
    assert clients["anonymous"].get(f"/api/incidents/{draft.pk}").content == (
        clients["anonymous"]
        .get("/api/incidents/999999")
        .content.replace(b"999999", b"%d" % draft.pk)
    )


def test_a_merged_incident_asked_for_as_json_ld_redirects_in_json(clients):
    keep, duplicate = factories.IncidentFactory.create_batch(2)
    _merge(clients["reviewer"], duplicate, keep.pk)

    response = clients["anonymous"].get(
        f"/api/incidents/{duplicate.pk}", HTTP_ACCEPT="application/ld+json"
    )

    assert (response.status_code, response["Location"]) == (301, f"/api/incidents/{keep.pk}")
    assert response["Content-Type"] == "application/json"


def test_a_merge_into_a_published_incident_brings_nothing_it_could_not_publish(clients):
    keep = factories.IncidentFactory()
    draft = factories.IncidentFactory(draft=True)
    unquoted = factories.InvolvementFactory(incident=draft, quote=None)

    response = _merge(clients["reviewer"], draft, keep.pk)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "into" and f"Involvement {unquoted.pk}" in error["detail"]
    unquoted.refresh_from_db()
    assert unquoted.incident_id == draft.pk
    assert Incident.objects.filter(pk=draft.pk).exists()


def test_a_date_at_the_edge_of_the_calendar_is_saved_and_checked_for_duplicates(editor):
    response = editor.post("/api/incidents", {**NEW, "start_date": "0001-01-01"}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["possible_duplicates"] == []


def test_a_write_that_fails_with_a_500_leaves_nothing_behind(editor, monkeypatch):
    editor.raise_request_exception = False
    before = Incident.all_objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug after the write")

    monkeypatch.setattr("incidents.api.views.duplicate_rows", broken)
    response = editor.post("/api/incidents", NEW, format="json")

    assert response.status_code == 500
    assert Incident.all_objects.count() == before
