import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "openapi" / "schema.yaml"


@pytest.fixture(scope="module")
def schema() -> dict:
    return yaml.safe_load(COMMITTED.read_text())


def test_the_committed_document_is_what_the_code_generates(tmp_path):
    generated = tmp_path / "schema.yaml"
    call_command("spectacular", file=str(generated), validate=True, fail_on_warn=True)
    assert generated.read_text() == COMMITTED.read_text(), (
        "openapi/schema.yaml is stale: run `make schema` and review the diff"
    )


@pytest.mark.parametrize("debug", ["true", "false"])
def test_the_document_does_not_depend_on_debug_or_the_environment(tmp_path, debug):
    out = tmp_path / "schema.yaml"
    env = {**os.environ, "DEBUG": debug, "ALLOWED_HOSTS": "example.org", "LOG_LEVEL": "ERROR"}
    subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--file", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    assert out.read_text() == COMMITTED.read_text()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_every_parameter_has_a_description_and_every_filter_an_example(schema):
    for path, method, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            where = f"{method} {path} {parameter['name']}"
            assert parameter.get("description"), where
            if parameter["in"] == "query" and parameter["name"] != "cursor":
                assert "example" in parameter, where


def test_every_field_has_a_description(schema):
    for name, component in schema["components"]["schemas"].items():
        for field, definition in (component.get("properties") or {}).items():
            assert definition.get("description"), f"{name}.{field}"


def test_operation_ids_are_unique_and_say_what_they_do(schema):
    ids = [operation["operationId"] for _, _, operation in _operations(schema)]
    assert len(ids) == len(set(ids))
    assert "incidents_list" in ids and "incidents_retrieve" in ids


def test_errors_are_documented_on_every_operation(schema):
    for path, method, operation in _operations(schema):
        codes = set(operation["responses"])
        assert "404" in codes or "400" in codes, f"{method} {path}"
        if "{" in path:
            assert "404" in codes, f"{method} {path}"
        if operation["operationId"].endswith("_list"):
            assert "400" in codes, f"{method} {path}"


def test_enums_have_stable_names(schema):
    names = set(schema["components"]["schemas"])
    for enum in ["RoleEnum", "IncidentTypeEnum", "IncidentSubTypeEnum", "StatementKindEnum"]:
        assert enum in names


def test_docs_pages_load_their_assets_from_this_server(client):
    for page in ("/api/docs", "/api/redoc"):
        html = client.get(page).content.decode()
        assert "/static/drf_spectacular_sidecar/" in html, page
        assert "https://" not in html and "http://" not in html, page


ERROR_SCHEMAS = {
    "ErrorResponse400",
    "ValidationError",
    "ClientError",
    "ServerError",
    "Error",
}


def test_the_document_is_lean(schema):
    # Errors share a few schemas; what each operation's can name is in its description.
    names = set(schema["components"]["schemas"])
    assert len(names) <= 100, len(names)
    assert {name for name in names if "Error" in name} == ERROR_SCHEMAS
    for path, method, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            refs = {c["schema"]["$ref"].rsplit("/", 1)[-1] for c in response["content"].values()}
            assert refs <= {"ErrorResponse400", "ClientError", "ServerError"}, (path, status)
            assert response["description"], f"{method} {path} {status}"


def test_each_400_names_the_parameters_and_fields_its_errors_can_name(schema):
    listing = schema["paths"]["/api/incidents/"]["get"]["responses"]["400"]["description"]
    assert "- `actor`: `invalid`" in listing
    assert "- `limit`: `invalid`" in listing
    assert "`unknown_parameter`, `repeated_parameter`" in listing
    creating = schema["paths"]["/api/actors/"]["post"]["responses"]["400"]["description"]
    assert "- `slug`: " in creating and "`unique`" in creating
    assert "- `aliases.<n>` (an item of the list" in creating
    assert "`parse_error`" in creating


def test_public_reads_need_no_credentials_and_writes_do(schema):
    listing = schema["paths"]["/api/incidents/"]["get"]
    creating = schema["paths"]["/api/incidents/"]["post"]
    assert "security" not in listing
    assert {"knoxApiToken": []} in creating["security"] and {} not in creating["security"]
