"""The Python SDK in sdk/python: the committed client is what openapi-python-client makes of
the committed openapi/schema.yaml today, with no warning; the package's version is the API's;
sdk/python/example.py, a user's code, type-checks with ``mypy --strict`` against it and the
hand-written layer, and runs against a live server; the generated operations read every
resource. The hand layer's own behaviour is in tests/test_sdk_layer.py and
tests/test_sdk_mirror.py.
"""

import datetime
import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from incident_ledger_client import Client
from incident_ledger_sdk import NotFound

from config.api.version import API_VERSION
from incidents import changes
from incidents.seed.loader import load_seed

ROOT = Path(__file__).resolve().parents[1]
SDK = ROOT / "sdk" / "python"
EXAMPLE = SDK / "example.py"
PACKAGE = "incident_ledger_client"
MAX_FILES = 200
"""What a lean document makes: one module per operation and per component schema."""

pytestmark = pytest.mark.sdk


def _generator():
    """sdk/python/generate.py, the script `make sdk` runs."""
    spec = importlib.util.spec_from_file_location("sdk_generate", SDK / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generation(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A fresh generation from the committed document, as `make sdk` makes it."""
    out = tmp_path_factory.mktemp("python-sdk")
    return out, _generator().generate(out)


def test_the_generator_prints_no_warning(generation):
    out, result = generation
    printed = result.stdout + result.stderr
    assert result.returncode == 0, printed
    assert "warning" not in printed.lower(), printed
    operations = {p.stem for p in (out / PACKAGE / "api").glob("*/*.py") if p.stem != "__init__"}
    resources = ["actors", "casualty_reports", "incidents", "quotes", "sources", "statements"]
    assert operations >= {f"{r}_{op}" for r in resources for op in ("list", "retrieve")}


def test_the_generated_client_is_small(generation):
    out, result = generation
    assert result.returncode == 0, result.stdout + result.stderr
    files = [path for path in (out / PACKAGE).rglob("*") if path.is_file()]
    assert 0 < len(files) <= MAX_FILES, f"{len(files)} files"


def test_the_committed_client_is_a_fresh_generation(generation):
    out, result = generation
    assert result.returncode == 0, result.stdout + result.stderr
    changed = _generator().differences(out / PACKAGE, SDK / PACKAGE)
    assert not changed, f"run `make sdk` and commit: {changed}"


def test_the_sdk_is_versioned_with_the_api():
    project = tomllib.loads((SDK / "pyproject.toml").read_text())["project"]
    assert project["version"] == API_VERSION


def test_the_example_and_the_hand_layer_type_check_with_mypy_strict(tmp_path):
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "example.py",
            "incident_ledger_sdk",
        ],
        cwd=SDK,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def sdk(dotted: str):
    """A module of the committed generated package: ``sdk("models")``."""
    return importlib.import_module(f"{PACKAGE}.{dotted}")


@pytest.fixture
def client(live_server):
    load_seed()
    changes.build_all()  # one actor's pages read the actor trees the builds keep
    # The reads are public, so the plain Client is enough.
    return Client(base_url=live_server.url, raise_on_unexpected_status=True)


@pytest.mark.django_db(transaction=True)
def test_the_example_follows_the_pages_and_reads_the_evidence(client):
    example = importlib.import_module("example")

    # Two to a page: the seed's incidents of Russia take several pages.
    paged = list(example.incidents_of(client, "russia", page_size=2))

    everything = client.get_httpx_client().get("/api/incidents", params={"actor": "russia"})
    assert [i.id for i in paged] == [i["id"] for i in everything.json()["results"]]
    assert len(paged) > 2
    detail = example.incident(client, paged[0].slug)
    lines = example.evidence(detail)
    assert len(lines) == len(detail.involvements) > 0
    quoted = [i.quote for i in detail.involvements if i.quote is not None]
    assert quoted and all(q.context_before or q.context_after for q in quoted)
    with pytest.raises(NotFound, match="not_found"):
        example.incident(client, "no-such-incident")


@pytest.mark.django_db(transaction=True)
def test_list_incidents_of_an_actor_gives_typed_results(client):
    models = sdk("models")
    incidents_list = sdk("api.incidents.incidents_list")

    page = incidents_list.sync(client=client, actor="russia")

    assert isinstance(page, models.PaginatedIncidentList), page
    assert page.count == len(page.results) > 0
    for incident in page.results:
        assert isinstance(incident, models.Incident)
        assert isinstance(incident.type_, models.IncidentTypeEnum)
        assert isinstance(incident.start_date, datetime.date)
        assert all(isinstance(a, models.InvolvedActor) for a in incident.actors)
    assert page.results[0].title
    # The typed page holds exactly what the server sent.
    raw = client.get_httpx_client().get("/api/incidents", params={"actor": "russia"}).json()
    assert [(i.id, i.slug, i.title) for i in page.results] == [
        (i["id"], i["slug"], i["title"]) for i in raw["results"]
    ]
    assert page.count == raw["count"]


@pytest.mark.django_db(transaction=True)
def test_read_one_incident_by_id_and_by_slug(client):
    models = sdk("models")
    incidents_list = sdk("api.incidents.incidents_list")
    incidents_retrieve = sdk("api.incidents.incidents_retrieve")
    listed = incidents_list.sync(client=client, actor="russia").results[0]

    by_id = incidents_retrieve.sync(str(listed.id), client=client)
    by_slug = incidents_retrieve.sync(listed.slug, client=client)

    assert isinstance(by_id, models.IncidentDetail), by_id
    assert by_id.to_dict() == by_slug.to_dict()
    assert (by_id.id, by_id.slug, by_id.title) == (listed.id, listed.slug, listed.title)
    # The evidence chain comes typed too.
    assert by_id.involvements
    for involvement in by_id.involvements:
        assert isinstance(involvement, models.Involvement)
        assert isinstance(involvement.actor, models.ActorBrief)
        assert isinstance(involvement.role, models.RoleEnum)
    assert all(isinstance(s, models.SourceBrief) for s in by_id.sources)


@pytest.mark.django_db(transaction=True)
def test_an_unknown_incident_is_a_typed_404(client):
    incidents_retrieve = sdk("api.incidents.incidents_retrieve")

    response = incidents_retrieve.sync_detailed("no-such-incident", client=client)

    assert response.status_code == 404
    assert isinstance(response.parsed, sdk("models").ClientError)
    assert [(e.code, e.attr) for e in response.parsed.errors] == [("not_found", None)]


@pytest.mark.django_db(transaction=True)
def test_read_an_actor_by_slug_and_by_id(client):
    models = sdk("models")
    actors_retrieve = sdk("api.actors.actors_retrieve")

    by_slug = actors_retrieve.sync("russian-armed-forces", client=client)
    by_id = actors_retrieve.sync(str(by_slug.id), client=client)

    assert isinstance(by_slug, models.ActorDetail), by_slug
    assert isinstance(by_slug.kind, models.ActorKindEnum)
    assert by_slug.parent.slug == "russia"
    assert by_id.to_dict() == by_slug.to_dict()


@pytest.mark.parametrize(
    ("resource", "page_class", "item_class", "detail_class"),
    [
        ("actors", "PaginatedActorList", "Actor", "ActorDetail"),
        ("sources", "PaginatedSourceList", "Source", "SourceDetail"),
        ("quotes", "PaginatedQuoteList", "Quote", "Quote"),
        ("statements", "PaginatedStatementList", "Statement", "Statement"),
        ("casualty_reports", "PaginatedCasualtyReportList", "CasualtyReport", "CasualtyReport"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_list_and_read_each_other_resource(client, resource, page_class, item_class, detail_class):
    models = sdk("models")
    resource_list = sdk(f"api.{resource}.{resource}_list")
    resource_retrieve = sdk(f"api.{resource}.{resource}_retrieve")

    page = resource_list.sync(client=client)

    assert isinstance(page, getattr(models, page_class)), page
    assert page.count == len(page.results) > 0
    assert all(isinstance(item, getattr(models, item_class)) for item in page.results)
    one = resource_retrieve.sync(str(page.results[0].id), client=client)
    assert isinstance(one, getattr(models, detail_class)), one
    assert one.id == page.results[0].id
