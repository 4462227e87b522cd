import threading
from collections import Counter

import pytest
from django.db import connections
from knox.models import AuthToken
from rest_framework.test import APIClient

from incidents.models import Incident
from tests import factories


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_patches_with_the_same_if_match_give_one_200_and_nineteen_412(
    make_user,
):
    user = make_user("racer", "Editors")
    _, token = AuthToken.objects.create(user=user)
    incident = factories.IncidentFactory(status="draft")
    url = f"/api/incidents/{incident.pk}"
    reader = APIClient()
    reader.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    etag = reader.get(url)["ETag"]

    start = threading.Barrier(20)
    statuses: list[int] = []
    titles: dict[int, str] = {}

    def edit(n: int) -> None:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        start.wait()
        try:
            response = client.patch(
                url, {"title": f"Edit number {n}"}, format="json", HTTP_IF_MATCH=etag
            )
            statuses.append(response.status_code)
            if response.status_code == 200:
                titles[n] = response.json()["title"]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(statuses) == {200: 1, 412: 19}
    [(winner, title)] = titles.items()
    assert Incident.objects.get(pk=incident.pk).title == title == f"Edit number {winner}"


@pytest.mark.django_db
def test_a_stale_if_match_changes_nothing(editor):
    incident = factories.IncidentFactory(status="draft", title="Original")
    url = f"/api/incidents/{incident.pk}"
    stale = editor.get(url)["ETag"]
    fresh = editor.patch(url, {"title": "First"}, format="json", HTTP_IF_MATCH=stale)
    assert fresh.status_code == 200 and fresh["ETag"] != stale
    refused = editor.patch(url, {"title": "Second"}, format="json", HTTP_IF_MATCH=stale)
    assert refused.status_code == 412
    assert refused.json()["errors"][0]["code"] == "precondition_failed"
    assert editor.delete(url, HTTP_IF_MATCH=stale).status_code == 412
    incident.refresh_from_db()
    assert (incident.title, incident.deleted_at) == ("First", None)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["patch", "put", "delete"])
def test_a_write_without_if_match_is_a_428(editor, method):
    incident = factories.IncidentFactory(status="draft")
    response = getattr(editor, method)(
        f"/api/incidents/{incident.pk}", {"title": "x"}, format="json"
    )
    assert response.status_code == 428
    assert Incident.objects.get(pk=incident.pk).title == incident.title


@pytest.mark.django_db
def test_every_single_record_response_carries_an_etag(editor):
    incident = factories.IncidentFactory(status="draft")
    assert editor.get(f"/api/incidents/{incident.pk}")["ETag"].startswith('"')
    created = editor.post(
        "/api/actors", {"name": "Someone", "slug": "someone", "kind": "person"}, format="json"
    )
    assert created.status_code == 201 and created["ETag"]


@pytest.mark.django_db
def test_if_none_match_with_the_current_etag_is_a_304(api_client):
    incident = factories.IncidentFactory()
    url = f"/api/incidents/{incident.pk}"
    etag = api_client.get(url)["ETag"]
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api_client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_lists_answer_if_none_match_with_a_304(api_client):
    factories.IncidentFactory()
    first = api_client.get("/api/incidents")
    assert first["ETag"]
    assert api_client.get("/api/incidents", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    factories.IncidentFactory()
    assert api_client.get("/api/incidents", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
