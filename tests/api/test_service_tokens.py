"""Services' read-only tokens (manage.py create_client): they read what the public reads, at
their own rate, cannot write, and stop working when revoked in the admin."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from incidents.models import ApiClient
from incidents.roles import EDITORS, REVIEWERS, sync_groups
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()  # tests/conftest.py's in-memory cache outlives a test


def create_client(*args) -> str:
    out = StringIO()
    call_command("create_client", *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1].split()[-1]


def make_user(username: str, group: str | None = None, superuser: bool = False):
    sync_groups()
    user = get_user_model().objects.create_user(username, is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def service(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_create_client_prints_a_token_that_reads_what_the_public_reads():
    token = create_client("maps-prod")
    published = factories.IncidentFactory()
    draft = factories.IncidentFactory(status="draft")
    client = service(token)
    listed = client.get("/api/incidents")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [published.pk]
    assert client.get(f"/api/incidents/{draft.pk}").status_code == 404
    drafts = client.get("/api/incidents?status=draft")
    assert drafts.json() == APIClient().get("/api/incidents?status=draft").json()
    assert draft.pk not in [row["id"] for row in drafts.json()["results"]]


def test_the_token_is_shown_once_and_stored_as_a_digest():
    token = create_client("maps-prod", "--rate", "10/s")
    stored = ApiClient.objects.get()
    assert token.startswith("svc_") and len(token) > 40
    assert token not in stored.digest and stored.rate == "10/s"


def test_create_client_again_replaces_the_token():
    old = create_client("maps-prod")
    new = create_client("maps-prod", "--rate", "100/min")
    assert ApiClient.objects.get().rate == "100/min"
    assert service(old).get("/api/actors").status_code == 401
    assert service(new).get("/api/actors").status_code == 200


@pytest.mark.parametrize("rate", ["fast", "10/week", "-1/min", "10 / min", ""])
def test_create_client_refuses_a_rate_it_cannot_read(rate):
    with pytest.raises(CommandError, match="rate"):
        create_client("maps-prod", "--rate", rate)
    assert not ApiClient.objects.exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/actors"),
        ("patch", "/api/incidents/{id}"),
        ("delete", "/api/incidents/{id}"),
        ("post", "/api/incidents/{id}/publish"),
        ("post", "/api/incidents/{id}/grade"),
        ("post", "/api/revisions/1/accept"),
    ],
)
def test_a_service_token_cannot_write(method, url):
    incident = factories.IncidentFactory(status="in_review")
    response = getattr(service(create_client("maps-prod")), method)(
        url.format(id=incident.pk), {}, format="json"
    )
    assert response.status_code == 403
    [error] = response.json()["errors"]
    assert "read-only token of the service 'maps-prod'" in error["detail"]
    incident.refresh_from_db()
    assert incident.status == "in_review"


def test_unknown_and_malformed_service_tokens_are_401s():
    for token in ["svc_" + "x" * 43, "svc_", "svc_é"]:
        response = service(token).get("/api/actors")
        assert response.status_code == 401, token
        assert response.json()["errors"][0]["code"] == "authentication_failed"


def test_a_token_revoked_in_the_admin_is_a_401_naming_the_service():
    token = create_client("maps-prod")
    assert service(token).get("/api/actors").status_code == 200
    admin = Client()
    admin.force_login(make_user("root", superuser=True))
    page = admin.post(
        "/admin/incidents/apiclient/",
        {"action": "revoke", "_selected_action": [ApiClient.objects.get().pk]},
        follow=True,
    )
    assert "Revoked 1 token(s)." in page.content.decode()
    pk = ApiClient.objects.get().pk
    assert b"maps-prod" in admin.get(f"/admin/incidents/apiclient/{pk}/change/").content
    refused = service(token).get("/api/actors")
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["detail"] == (
        "The token of service 'maps-prod' has been revoked."
    )


def test_only_users_with_the_permission_see_clients_in_the_admin():
    create_client("maps-prod")
    reviewer = Client()
    reviewer.force_login(make_user("rhea", REVIEWERS))
    assert reviewer.get("/admin/incidents/apiclient/").status_code == 403
    assert b"apiclient" not in reviewer.get("/admin/").content


def test_the_admin_list_cannot_be_filtered_by_the_digest():
    create_client("maps-prod")
    digest = ApiClient.objects.get().digest
    admin = Client()
    admin.force_login(make_user("root", superuser=True))
    for lookup in ["digest__startswith", "digest", "digest__regex"]:
        response = admin.get("/admin/incidents/apiclient/", {lookup: digest[:1]})
        assert response.status_code == 400, lookup
    assert admin.get("/admin/incidents/apiclient/", {"q": "maps"}).status_code == 200


def test_last_use_is_recorded_without_a_write_on_every_request():
    client = service(create_client("maps-prod"))
    assert ApiClient.objects.get().last_used_at is None
    client.get("/api/sources")
    assert ApiClient.objects.get().last_used_at is not None
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/sources").status_code == 200
    assert not [query for query in captured.captured_queries if "UPDATE" in query["sql"]]


def test_a_service_counts_in_its_own_rate_by_token_not_address(settings):
    token = create_client("maps-prod", "--rate", "3/min")
    client = service(token)
    statuses = [client.get("/api/actors", REMOTE_ADDR=f"192.0.2.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Neither anonymous callers from those addresses nor another service share its count.
    assert APIClient().get("/api/actors", REMOTE_ADDR="192.0.2.0").status_code == 200
    assert service(create_client("other", "--rate", "3/min")).get("/api/actors").status_code == 200


def test_every_counted_response_tells_where_the_caller_stands(settings):
    token = create_client("maps-prod", "--rate", "3/min")
    client = service(token)
    responses = [
        client.get("/api/actors"),
        client.get("/api/actors/999999"),
        client.get("/api/actors?nonsense=1"),
        client.get("/api/actors"),
    ]
    assert [r.status_code for r in responses] == [200, 404, 400, 429]
    assert [r["RateLimit-Limit"] for r in responses] == ["3"] * 4
    assert [r["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert all(0 < int(r["RateLimit-Reset"]) <= 60 for r in responses)
    assert int(responses[-1]["Retry-After"]) == int(responses[-1]["RateLimit-Reset"])


def test_anonymous_and_editors_requests_carry_their_own_limits(settings):
    settings.API_RATES = {"anon": "5/min", "user": "7/min"}
    anonymous = APIClient().get("/api/actors")
    assert (anonymous["RateLimit-Limit"], anonymous["RateLimit-Remaining"]) == ("5", "4")
    _, token = AuthToken.objects.create(user=make_user("edna", EDITORS))
    editor = service(token)
    assert editor.get("/api/incidents?status=draft")["RateLimit-Limit"] == "7"


def test_without_a_limit_no_headers_are_sent(settings):
    settings.API_RATES = {"anon": "", "user": ""}
    response = APIClient().get("/api/actors")
    assert response.status_code == 200
    assert "RateLimit-Limit" not in response


def test_refused_tokens_count_as_anonymous_requests_from_their_address(settings):
    # Made-up tokens, each a look-up on the primary, were answered 401 without end: no limit
    # counted a request whose authentication failed.
    settings.API_RATES = {"anon": "2/min", "user": "5/min"}
    revoked = create_client("old")
    ApiClient.objects.update(revoked_at="2026-01-01T00:00Z")
    guesses = [service(token) for token in ["svc_" + "x" * 43, revoked, "a" * 64]]
    responses = [guess.get("/api/actors", REMOTE_ADDR="192.0.2.1") for guess in guesses]
    assert [r.status_code for r in responses] == [401, 401, 429]
    assert [r["RateLimit-Remaining"] for r in responses] == ["1", "0", "0"]
    assert int(responses[-1]["Retry-After"]) == int(responses[-1]["RateLimit-Reset"])
    # The address's anonymous requests share that count; another address has its own.
    assert APIClient().get("/api/actors", REMOTE_ADDR="192.0.2.1").status_code == 429
    # A malformed token costs no look-up, and is refused before any count.
    assert service("svc_é").get("/api/actors", REMOTE_ADDR="192.0.2.1").status_code == 401
    assert service("svc_" + "y" * 43).get("/api/actors", REMOTE_ADDR="192.0.2.2").status_code == 401


def test_a_services_refused_writes_count_in_its_rate():
    client = service(create_client("maps-prod", "--rate", "2/min"))
    statuses = [client.post("/api/actors", {}, format="json").status_code for _ in range(3)]
    assert statuses == [403, 403, 429]
    assert client.get("/api/actors").status_code == 429
