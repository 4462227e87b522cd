"""Who may do what: anonymous, an authenticated user with no role, an editor, a reviewer and a
superuser, against every resource and method (NetBox's API test matrix, as a table)."""

import pytest

from tests import factories
from tests.curation.conftest import delete, patch

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "editor", "reviewer", "superuser"]
WRITE = {"anonymous": 401, "reader": 403, "editor": None, "reviewer": None, "superuser": None}


@pytest.fixture
def draft():
    """A draft incident with one of each claim, and what they rest on."""
    incident = factories.IncidentFactory(status="draft")
    return {
        "incidents": incident,
        "involvements": factories.InvolvementFactory(incident=incident),
        "casualty-reports": factories.CasualtyReportFactory(incident=incident),
        "statements": factories.StatementFactory(incidents=[incident]),
        "actors": factories.ActorFactory(),
        "sources": factories.SourceFactory(),
        "quotes": factories.QuoteFactory(),
    }


def _new(resource: str, draft: dict) -> dict:
    incident, quote = draft["incidents"], draft["quotes"]
    actor = draft["actors"]
    return {
        "incidents": {
            "title": "New strike",
            "slug": "new-strike",
            "type": "explosions_remote_violence",
            "sub_type": "air_drone_strike",
            "start_date": "2015-10-02",
            "country": "SY",
        },
        "involvements": {"incident": incident.pk, "actor": actor.pk, "role": "target"},
        "casualty-reports": {
            "incident": incident.pk,
            "category": "injured",
            "population": "civilians",
            "min": 4,
            "quote": quote.pk,
        },
        "statements": {"speaker": actor.pk, "kind": "claim", "incidents": [incident.pk]},
        "actors": {"name": "New actor", "slug": "new-actor", "kind": "ngo"},
        "sources": {"kind": "news_article", "title": "New article", "body": "Fresh words."},
        "quotes": {"source": draft["sources"].pk, "text": "Witnesses said the strike hit"},
    }[resource]


CHANGES = {
    "incidents": {"title": "Renamed"},
    "involvements": {"note": "Checked"},
    "casualty-reports": {"max": 9},
    "statements": {"kind": "warning"},
    "actors": {"description": "Changed"},
    "sources": {"title": "Retitled"},
    "quotes": {"text": "Witnesses said the strike hit the market at noon."},
}
RESOURCES = list(CHANGES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES)
def test_create(clients, draft, role, resource):
    response = clients[role].post(f"/api/{resource}", _new(resource, draft), format="json")
    assert response.status_code == (WRITE[role] or 201), response.content
    if response.status_code == 401:
        assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES)
def test_change_a_draft_record(clients, draft, role, resource):
    url = f"/api/{resource}/{draft[resource].pk}"
    editor = clients["editor"]
    etag = editor.get(url)["ETag"]
    response = clients[role].patch(url, CHANGES[resource], format="json", HTTP_IF_MATCH=etag)
    # Drafts are invisible to the public: the anonymous caller is told to authenticate
    # before anything is looked up, the reader finds nothing there.
    expected = {"anonymous": 401, "reader": 403}.get(role, 200)
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "resource", ["incidents", "involvements", "casualty-reports", "statements"]
)
def test_delete_a_draft_record(clients, draft, role, resource):
    url = f"/api/{resource}/{draft[resource].pk}"
    etag = clients["editor"].get(url)["ETag"]
    response = clients[role].delete(url, HTTP_IF_MATCH=etag)
    assert response.status_code == (WRITE[role] or 204), response.content


@pytest.mark.parametrize("role", ROLES)
def test_read_a_draft(clients, draft, role):
    response = clients[role].get(f"/api/incidents/{draft['incidents'].pk}")
    assert response.status_code == (200 if role in ("editor", "reviewer", "superuser") else 404)


@pytest.mark.parametrize("role", ROLES)
def test_list_drafts_by_status(clients, draft, role):
    factories.IncidentFactory()
    response = clients[role].get("/api/incidents?status=draft")
    ids = [row["id"] for row in response.json()["results"]]
    can_see = role in ("editor", "reviewer", "superuser")
    assert ids == ([draft["incidents"].pk] if can_see else [])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("dates", [{}, {"date_from": "2000-01-01", "date_to": "2100-12-31"}])
def test_list_drafts_by_actor(clients, draft, role, dates):
    actor = draft["involvements"].actor
    published = factories.InvolvementFactory(actor=actor).incident
    response = clients[role].get("/api/incidents", {"actor": actor.slug, **dates})
    ids = {row["id"] for row in response.json()["results"]}
    can_see = role in ("editor", "reviewer", "superuser")
    assert ids == ({draft["incidents"].pk, published.pk} if can_see else {published.pk})


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("reader", 403), ("editor", 202), ("reviewer", 200), ("superuser", 200)],
)
def test_a_change_to_a_published_incident_waits_for_a_reviewer(clients, role, expected):
    incident = factories.IncidentFactory()
    url = f"/api/incidents/{incident.pk}"
    response = clients[role].patch(
        url, {"title": "Edited"}, format="json", HTTP_IF_MATCH=clients["anonymous"].get(url)["ETag"]
    )
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(
    ("role", "submit", "publish"),
    [
        ("anonymous", 401, 401),
        ("reader", 403, 403),
        ("editor", 200, 403),
        ("reviewer", 200, 200),
        ("superuser", 200, 200),
    ],
)
def test_workflow_actions(clients, role, submit, publish):
    incident = factories.IncidentFactory(status="draft")
    factories.InvolvementFactory(incident=incident)
    client = clients[role]
    assert client.post(f"/api/incidents/{incident.pk}/submit").status_code == submit
    incident.refresh_from_db()
    if incident.status == "in_review":
        etag = client.get(f"/api/incidents/{incident.pk}")["ETag"]
        response = client.post(f"/api/incidents/{incident.pk}/publish", HTTP_IF_MATCH=etag)
        assert response.status_code == publish


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("reader", 403), ("editor", 200), ("reviewer", 200), ("superuser", 200)],
)
def test_history_is_for_editors(clients, role, expected):
    incident = factories.IncidentFactory()
    assert clients[role].get(f"/api/incidents/{incident.pk}/history").status_code == expected


def test_a_revoked_or_unknown_token_is_a_401(clients, make_user):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    user = make_user("leaver", "Editors")
    instance, token = AuthToken.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/incidents?status=draft").status_code == 200
    instance.delete()
    assert client.get("/api/incidents").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/incidents").status_code == 401


def test_an_expired_token_is_a_401(make_user):
    from datetime import timedelta

    from knox.models import AuthToken
    from rest_framework.test import APIClient

    _, token = AuthToken.objects.create(user=make_user("late", "Editors"), expiry=timedelta(0))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/incidents").status_code == 401


def test_read_only_fields_cannot_be_written(editor):
    response = editor.post(
        "/api/incidents",
        {
            "title": "Sneaky",
            "slug": "sneaky",
            "type": "battles",
            "sub_type": "armed_clash",
            "start_date": "2015-10-02",
            "country": "SY",
            "status": "published",
            "id": 999999,
            "published_at": "2015-01-01T00:00:00Z",
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["published_at"]) == ("draft", None)
    assert body["id"] != 999999


def test_helpers_send_the_current_etag(editor):
    incident = factories.IncidentFactory(status="draft")
    assert patch(editor, f"/api/incidents/{incident.pk}", {"title": "x"}).status_code == 200
    assert delete(editor, f"/api/incidents/{incident.pk}").status_code == 204


@pytest.mark.parametrize(("role", "expected"), [("editor", 202), ("reviewer", 201)])
def test_a_claim_added_to_a_published_incident_waits_for_a_reviewer(clients, role, expected):
    incident = factories.IncidentFactory()
    quote = factories.QuoteFactory()
    response = clients[role].post(
        "/api/involvements",
        {
            "incident": incident.pk,
            "actor": factories.ActorFactory().pk,
            "role": "target",
            "quote": quote.pk,
        },
        format="json",
    )
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(("role", "expected"), [("editor", 202), ("reviewer", 200)])
def test_the_words_of_a_published_claim_move_only_when_a_reviewer_accepts(clients, role, expected):
    involvement = factories.InvolvementFactory()
    quote = involvement.quote
    url = f"/api/quotes/{quote.pk}"
    text = quote.source.body.split(". ")[2] + "."
    end = quote.source.body.index(text) + len(text)
    response = clients[role].patch(
        url,
        {"text": text, "start": end - len(text), "end": end},
        format="json",
        HTTP_IF_MATCH=clients["anonymous"].get(url)["ETag"],
    )
    assert response.status_code == expected, response.content
