"""Behind NUM_PROXIES proxies, django-axes and the rate limits see the client the last proxy
saw, not the proxy and not what the client wrote into X-Forwarded-For."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from config.client_address import client_address

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"
LOGIN = "/admin/login/?next=/admin/"


def _through_proxy(forwarded_for: str) -> dict:
    """What one proxy hands on: its own address as the peer, the client's appended."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


@pytest.mark.parametrize(
    ("num_proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "198.51.100.1"),
        (1, _through_proxy("203.0.113.7"), "203.0.113.7"),
        (1, _through_proxy("6.6.6.6, 1.2.3.4, 203.0.113.7"), "203.0.113.7"),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7, 10.0.0.9"},
            "203.0.113.7",
        ),
        (1, {"REMOTE_ADDR": "198.51.100.1"}, "198.51.100.1"),
    ],
)
def test_the_client_is_num_proxies_hops_in(settings, num_proxies, meta, expected):
    settings.NUM_PROXIES = num_proxies
    assert client_address(RequestFactory().get("/", **meta)) == expected


@pytest.fixture
def guarded(settings):
    settings.NUM_PROXIES = 1
    user = get_user_model().objects.create_user("guarded", password="right-horse-battery")
    user.is_staff = True
    user.save()
    return user


def _fail(client: Client, forwarded_for: str) -> int:
    data = {"username": "guarded", "password": "wrong"}
    return client.post(LOGIN, data, **_through_proxy(forwarded_for)).status_code


def test_two_clients_behind_one_proxy_do_not_lock_each_other_out(guarded, settings):
    limit = settings.AXES_FAILURE_LIMIT
    attacker = [_fail(Client(), "203.0.113.66") for _ in range(limit)]
    assert attacker[-1] == 429
    owner = Client()
    response = owner.post(
        LOGIN,
        {"username": "guarded", "password": "right-horse-battery"},
        **_through_proxy("203.0.113.7"),
    )
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(guarded.pk)


def test_a_client_cannot_escape_its_lockout_by_adding_hops(guarded, settings):
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [_fail(Client(), f"6.6.6.{n}, 203.0.113.66") for n in range(limit + 2)]
    assert statuses[limit - 1 :] == [429] * 3


def test_the_rate_limit_counts_clients_behind_the_proxy_apart(settings):
    settings.NUM_PROXIES = 1
    settings.API_RATES = {"anon": "2/min", "user": "100/min"}
    client = APIClient()
    first = [
        client.get("/api/actors", **_through_proxy(f"6.6.6.{n}, 203.0.113.7")) for n in range(3)
    ]
    assert [r.status_code for r in first] == [200, 200, 429]
    assert client.get("/api/actors", **_through_proxy("203.0.113.8")).status_code == 200
