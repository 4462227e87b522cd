import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from knox.models import AuthToken
from rest_framework.test import APIClient

from incidents.roles import EDITORS, REVIEWERS, sync_groups


def _client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        _, token = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def make_user(db):
    sync_groups()

    def make(username: str, group: str | None = None, superuser: bool = False):
        # No password: these users authenticate with tokens, and hashing one costs 0.3 s.
        user = get_user_model().objects.create_user(
            username=username, is_superuser=superuser, is_staff=superuser
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def clients(make_user) -> dict[str, APIClient]:
    return {
        "anonymous": APIClient(),
        "reader": _client_for(make_user("reader")),
        "editor": _client_for(make_user("editor", EDITORS)),
        "reviewer": _client_for(make_user("reviewer", REVIEWERS)),
        "superuser": _client_for(make_user("root", superuser=True)),
    }


@pytest.fixture
def editor(clients) -> APIClient:
    return clients["editor"]


@pytest.fixture
def reviewer(clients) -> APIClient:
    return clients["reviewer"]


def patch(client: APIClient, url: str, data: dict, **headers):
    """PATCH with the If-Match of the record's current version, as a careful client does."""
    etag = client.get(url)["ETag"]
    return client.patch(url, data, format="json", HTTP_IF_MATCH=etag, **headers)


def delete(client: APIClient, url: str, **headers):
    etag = client.get(url)["ETag"]
    return client.delete(url, HTTP_IF_MATCH=etag, **headers)


def publish(client: APIClient, pk: int, data: dict | None = None):
    """Publish the incident as the reviewer just read it (If-Match of its detail)."""
    url = f"/api/incidents/{pk}"
    etag = client.get(url)["ETag"]
    return client.post(f"{url}/publish", data or {}, format="json", HTTP_IF_MATCH=etag)
