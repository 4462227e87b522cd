"""The Python SDK: openapi-python-client turns the committed openapi/schema.yaml into a client
with no warning, and that client reads every resource from a live server.

The client is generated once per session into a temporary folder and imported from there; the
README's "Client SDKs" section gives the same command for people. The client stays small (at
most MAX_FILES files), and sdk/python/example.py, a user's code, type-checks against it with
``mypy --strict`` and runs against a live server.
"""

import datetime
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.seed.loader import load_seed

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "openapi" / "schema.yaml"
EXAMPLE = ROOT / "sdk" / "python" / "example.py"
PACKAGE = "incident_ledger_client"
MAX_FILES = 200
"""What a lean document makes: one module per operation and per component schema."""

pytestmark = pytest.mark.sdk


@pytest.fixture(scope="session")
def generation(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """Run the generator as a person would, with its default post hooks (ruff) on the PATH."""
    out = tmp_path_factory.mktemp("python-sdk")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(SCHEMA),
        "--output-path",
        str(out / PACKAGE),
        "--meta",
        "none",
        "--fail-on-warning",
    ]
    result = subprocess.run(command, cwd=out, env=env, capture_output=True, text=True, timeout=300)
    return out, result


@pytest.fixture(scope="session")
def sdk(generation):
    """A function that imports a module of the generated package: ``sdk("models")``."""
    out, result = generation
    if result.returncode != 0:
        pytest.fail(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")
    sys.path.insert(0, str(out))
    try:
        yield lambda dotted: importlib.import_module(f"{PACKAGE}.{dotted}")
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture
def client(sdk, live_server):
    load_seed()
    # The reads are public, so the plain Client is enough.
    return sdk("client").Client(base_url=live_server.url, raise_on_unexpected_status=True)


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


def test_the_example_type_checks_with_mypy_strict(generation, tmp_path):
    out, result = generation
    assert result.returncode == 0, result.stdout + result.stderr
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            str(EXAMPLE),
        ],
        cwd=out,
        env={**os.environ, "MYPYPATH": str(out)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.django_db(transaction=True)
def test_the_example_follows_the_pages_and_reads_the_evidence(sdk, client):
    sys.path.insert(0, str(EXAMPLE.parent))
    try:
        example = importlib.import_module("example")
    finally:
        sys.path.remove(str(EXAMPLE.parent))
        sys.modules.pop("example", None)

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
    with pytest.raises(example.LedgerError, match="not_found"):
        example.incident(client, "no-such-incident")


@pytest.mark.django_db(transaction=True)
def test_list_incidents_of_an_actor_gives_typed_results(sdk, client):
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
def test_read_one_incident_by_id_and_by_slug(sdk, client):
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
def test_an_unknown_incident_is_a_typed_404(sdk, client):
    incidents_retrieve = sdk("api.incidents.incidents_retrieve")

    response = incidents_retrieve.sync_detailed("no-such-incident", client=client)

    assert response.status_code == 404
    assert isinstance(response.parsed, sdk("models").ClientError)
    assert [(e.code, e.attr) for e in response.parsed.errors] == [("not_found", None)]


@pytest.mark.django_db(transaction=True)
def test_read_an_actor_by_slug_and_by_id(sdk, client):
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
def test_list_and_read_each_other_resource(
    sdk, client, resource, page_class, item_class, detail_class
):
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
