"""The API's version: bumped with every change of the document, with a major bump for anything
removed (tests/api_compat.py), checked on the committed documents and on small hand-made ones."""

import copy

import pytest
import yaml

from config.api.version import API_VERSION
from tests import api_compat

BASE = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1.0.0"},
    "paths": {
        "/api/things/": {
            "get": {
                "operationId": "things_list",
                "parameters": [
                    {"name": "kind", "in": "query", "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "results": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Thing"},
                                        }
                                    },
                                }
                            }
                        },
                    }
                },
            },
            "post": {
                "operationId": "things_create",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}
                    }
                },
                "responses": {"201": {"description": ""}},
            },
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "parent": {"allOf": [{"$ref": "#/components/schemas/Thing"}]},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            }
        }
    },
}


def document(version: str = "1.0.0", change=None) -> str:
    changed = copy.deepcopy(BASE)
    changed["info"]["version"] = version
    if change is not None:
        change(changed)
    return yaml.safe_dump(changed, sort_keys=False)


def problems(version: str, current: str, released: dict[str, str], changelog=None):
    changelog = changelog if changelog is not None else f"## {version}\n"
    return api_compat.problems(version, current, released, changelog)


def operation(doc, method="get"):
    return doc["paths"]["/api/things/"][method]


def without_parameter(name: str):
    def change(doc):
        parameters = operation(doc)["parameters"]
        operation(doc)["parameters"] = [p for p in parameters if p["name"] != name]

    return change


def test_the_committed_document_follows_the_version_rules():
    assert api_compat.check() == []


def test_the_committed_document_is_the_released_one_of_its_version():
    released = api_compat.RELEASED / f"{API_VERSION}.yaml"
    assert released.read_text() == api_compat.DOCUMENT.read_text()
    assert yaml.safe_load(released.read_text())["info"]["version"] == API_VERSION


def test_an_unchanged_document_passes():
    assert problems("1.0.0", document(), {"1.0.0": document()}) == []


def test_a_changed_document_without_a_bump_fails():
    def describe(doc):
        doc["info"]["description"] = "Now described."

    found = problems("1.0.0", document(change=describe), {"1.0.0": document()})

    assert len(found) == 1 and "bump API_VERSION" in found[0]


def test_a_bump_without_its_released_copy_or_changelog_entry_fails():
    found = problems("1.1.0", document("1.1.0"), {"1.0.0": document()}, changelog="## 1.0.0\n")

    assert any("no openapi/released/1.1.0.yaml" in problem for problem in found)
    assert any("no entry for 1.1.0" in problem for problem in found)


def test_a_removed_parameter_is_caught_and_named():
    current = document("1.1.0", without_parameter("kind"))
    found = problems("1.1.0", current, {"1.0.0": document(), "1.1.0": current})

    assert found == [
        "removed since 1.0.0 without a major version bump: parameter GET /api/things/ query:kind"
    ]


def test_an_added_parameter_operation_or_field_is_no_removal():
    def add(doc):
        operation(doc)["parameters"].append({"name": "q", "in": "query", "schema": {}})
        doc["paths"]["/api/other/"] = {"get": {"responses": {}}}
        doc["components"]["schemas"]["Thing"]["properties"]["title"] = {"type": "string"}

    current = document("1.1.0", add)

    assert problems("1.1.0", current, {"1.0.0": document(), "1.1.0": current}) == []


def test_removed_operations_and_fields_are_caught_in_requests_and_responses():
    def remove(doc):
        del doc["paths"]["/api/things/"]["post"]
        del doc["components"]["schemas"]["Thing"]["properties"]["tags"]

    before, after = yaml.safe_load(document()), yaml.safe_load(document("1.1.0", remove))
    found = set(api_compat.removed(before, after))

    assert "operation POST /api/things/" in found
    assert "response field GET /api/things/ 200 application/json results[].tags" in found
    assert "request field POST /api/things/ application/json tags" in found
    # A recursive reference is followed once.
    assert "response field GET /api/things/ 200 application/json results[].parent" not in found
    assert not any(".parent." in what for what in api_compat.surface(yaml.safe_load(document())))


def test_a_major_bump_may_remove_and_compares_with_the_latest_earlier_release():
    drop_limit = without_parameter("limit")
    current = document("2.0.0", drop_limit)
    released = {"1.0.0": document(), "1.2.0": document("1.2.0"), "2.0.0": current}

    assert problems("2.0.0", current, released) == []
    # The same removal in a minor version is refused, against 1.2.0 (not 1.0.0).
    minor = document("1.3.0", drop_limit)
    found = problems("1.3.0", minor, {**released, "1.3.0": minor})
    assert found and all("since 1.2.0" in problem for problem in found)


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0-beta"])
def test_versions_are_major_minor_patch(version):
    with pytest.raises(ValueError):
        api_compat.version_key(version)
    assert api_compat.version_key("1.10.0") > api_compat.version_key("1.9.3")
