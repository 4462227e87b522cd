"""Exports in list order are read in keyset chunks of raw rows (incidents/api/exporting.py);
any other order takes the general path of one cursor, model instances and the list serializer.
Both must write the same bytes in every format, for every filter, page and viewer, on data
with every case either could get wrong: equal dates across chunk boundaries, drafts, deleted
and retracted incidents and involvements, hidden parents, graded rows and imported records."""

import pytest

from incidents.api import exporting
from incidents.api.views import IncidentViewSet
from incidents.changes import build_all, render_missing
from incidents.models import RenderedIncident
from tests.api.test_actor_page import world  # noqa: F401 (a fixture)
from tests.interop.conftest import ACLED_SAMPLE, UCDP_SAMPLE
from tests.interop.test_export_events import import_file

pytestmark = pytest.mark.django_db

LIST = "/api/incidents"
FORMATS = ["csv", "geojson", "acled", "ucdp"]
PARAMS = [
    {},
    {"actor": "russia"},
    {"actor": "RUSSIAN FEDERATION", "limit": "9", "offset": "4"},
    {"actor": "syria,pilot"},
    {"actor": "vks", "offset": "3"},
    {"actor": "russia", "role": "perpetrator"},
    {"actor": "nobody-at-all"},  # a 400, the same either way
    {"country": "SY"},
    {"date_from": "2015-10-05", "date_to": "2015-10-12"},
    {"limit": "11"},
    {"limit": "5", "offset": "13"},
    {"offset": "30"},
    {"offset": "5000"},  # nothing left
    {"date_from": "2030-01-01"},  # nothing at all: the header alone
    {"status": "published"},
]


@pytest.fixture
def imported(world):  # noqa: F811 (the fixture imported above)
    """The actor-page world, with ACLED and UCDP imports whose records give coded columns."""
    import_file("acled", ACLED_SAMPLE, "--status", "published")
    import_file("ucdp", UCDP_SAMPLE, "--status", "published")
    # Stored list rows (incidents/rendered.py) for the public's exports, but not for every
    # incident: a row being rendered again is built by PostgreSQL instead.
    build_all()
    stored = list(RenderedIncident.objects.order_by("pk").values_list("pk", flat=True))
    RenderedIncident.objects.filter(pk__in=stored[::3]).delete()
    return world


def _export(client, params: dict) -> tuple[int, bytes]:
    response = client.get(LIST, params)
    if response.status_code != 200 or not response.streaming:
        return response.status_code, response.content
    return response.status_code, b"".join(response.streaming_content)


def _both_paths(monkeypatch, client, params) -> tuple[tuple[int, bytes], tuple[int, bytes]]:
    with monkeypatch.context() as patched:

        def no_general_path(*args):
            raise AssertionError("an export in list order took the general path")

        patched.setattr(IncidentViewSet, "export_rows_of_serializers", no_general_path)
        fast = _export(client, params)
    with monkeypatch.context() as patched:
        patched.setattr(IncidentViewSet, "export_keys", lambda self, incidents: None)
        general = _export(client, params)
    return fast, general


@pytest.mark.parametrize("params", PARAMS, ids=lambda params: repr(params) or "all")
@pytest.mark.parametrize("viewer", ["public", "editor"])
def test_the_keyset_export_writes_the_general_paths_bytes(
    monkeypatch, api_client, editor_client, imported, params, viewer
):
    monkeypatch.setattr(exporting, "CHUNK", 4)  # many chunks, with equal dates across them
    monkeypatch.setattr(exporting, "FIRST_CHUNK", 3)
    client = api_client if viewer == "public" else editor_client

    for fmt in FORMATS:
        fast, general = _both_paths(monkeypatch, client, {**params, "format": fmt})

        assert fast == general, fmt
        if not {"offset", "date_from"} & set(params) and params.get("actor") != "nobody-at-all":
            rows = fast[1].count(b'"Feature"' if fmt == "geojson" else b"\n")
            assert fast[0] == 200 and rows > 2, fast  # rows, not only a header


def test_an_export_in_another_order_takes_the_general_path(monkeypatch, api_client, imported):
    monkeypatch.setattr(exporting, "export_rows", None)  # would fail if called

    for params in ({"ordering": "title"}, {"q": "airstrike"}):
        status, body = _export(api_client, {**params, "format": "csv"})
        assert status == 200 and body.count(b"\n") > 1


def test_each_chunk_is_its_own_few_statements(
    monkeypatch, api_client, imported, django_assert_num_queries
):
    monkeypatch.setattr(exporting, "CHUNK", 10)
    monkeypatch.setattr(exporting, "FIRST_CHUNK", 10)
    render_missing()  # every row stored: none built by PostgreSQL
    total = _export(api_client, {"format": "csv"})[1].count(b"\r\n") - 1
    chunks = total // 10 + 1  # the last one short (or empty: its keys alone)

    # Expect, per chunk: its keys from the listing index; its stored CSV lines (the dataset
    # records are in them). Once: the filters' and the response's own (none here); the CSV
    # needs no header query.
    with django_assert_num_queries(2 * chunks - (total % 10 == 0)) as context:
        _export(api_client, {"format": "csv"})
    assert all("incidents_" in query["sql"] for query in context.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_chunks_read_by_a_thread_of_their_own_give_the_same_bytes(
    monkeypatch,
    api_client,
    world,  # noqa: F811 (the fixture imported above)
):
    # Committed data (a transactional test): the reading thread's connection sees it.
    threads = []

    class Reader(exporting.ThreadPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            threads.append(self)

    monkeypatch.setattr(exporting, "ThreadPoolExecutor", Reader)
    monkeypatch.setattr(exporting, "CHUNK", 4)
    monkeypatch.setattr(exporting, "FIRST_CHUNK", 3)

    for params in ({}, {"actor": "russia"}, {"limit": "9", "offset": "2"}):
        fast, general = _both_paths(monkeypatch, api_client, {**params, "format": "csv"})
        assert fast == general and fast[1].count(b"\n") > 5

    assert len(threads) == 3
