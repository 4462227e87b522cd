"""The API's version rules, checked on the committed OpenAPI documents.

- openapi/released/<version>.yaml keeps the document of each released version; the one of
  ``API_VERSION`` (config/api/version.py) must be exactly openapi/schema.yaml, so a document
  that changed without a bump of API_VERSION fails, and so does a bump without its copy;
- every operation (method and path), parameter (name and place) and field (of a request body
  or a response, by its path from the body's root) of the previous released version must still
  be there, unless the major version went up;
- docs/api-changelog.md has an entry for API_VERSION.

``python -m tests.api_compat`` prints what is wrong and exits 1; tests/test_api_version.py
runs the same checks.
"""

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "openapi" / "schema.yaml"
RELEASED = ROOT / "openapi" / "released"
CHANGELOG = ROOT / "docs" / "api-changelog.md"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10.0"`` as ``(1, 10, 0)``, to sort versions."""
    if not re.fullmatch(r"[0-9]+(\.[0-9]+){2}", version):
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {version!r}")
    return tuple(int(part) for part in version.split("."))


def released_versions(folder: Path = RELEASED) -> list[str]:
    return sorted((path.stem for path in folder.glob("*.yaml")), key=version_key)


def surface(document: dict) -> set[str]:
    """Everything a client may rely on, one line each: operations, their parameters, and the
    fields of their request bodies and responses."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    found = set()
    for path, item in (document.get("paths") or {}).items():
        shared = item.get("parameters") or []
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            name = f"{method.upper()} {path}"
            found.add(f"operation {name}")
            for parameter in [*shared, *(operation.get("parameters") or [])]:
                parameter = _resolve(document, parameter)
                found.add(f"parameter {name} {parameter['in']}:{parameter['name']}")
            body = _resolve(document, operation.get("requestBody") or {})
            for media, content in (body.get("content") or {}).items():
                for field in _fields(schemas, content.get("schema") or {}, "", set()):
                    found.add(f"request field {name} {media} {field}")
            for status, response in (operation.get("responses") or {}).items():
                response = _resolve(document, response)
                for media, content in (response.get("content") or {}).items():
                    for field in _fields(schemas, content.get("schema") or {}, "", set()):
                        found.add(f"response field {name} {status} {media} {field}")
    return found


def _resolve(document: dict, node: dict) -> dict:
    while "$ref" in node:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _fields(schemas: dict, schema: dict, prefix: str, seen: set[str]):
    """The paths of the fields a schema has (``results[].title``), through references,
    compositions (allOf, oneOf, anyOf) and arrays; a recursive reference stops there."""
    ref = schema.get("$ref")
    if ref is not None:
        name = ref.rsplit("/", 1)[-1]
        if name in seen:
            return
        yield from _fields(schemas, schemas.get(name) or {}, prefix, seen | {name})
        return
    for keyword in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(keyword) or []:
            yield from _fields(schemas, part, prefix, seen)
    if "items" in schema:
        yield from _fields(schemas, schema["items"], f"{prefix}[]", seen)
    for name, definition in (schema.get("properties") or {}).items():
        field = f"{prefix}.{name}" if prefix else name
        yield field
        yield from _fields(schemas, definition, field, seen)


def removed(previous: dict, current: dict) -> list[str]:
    """What ``previous`` offers that ``current`` no longer does."""
    return sorted(surface(previous) - surface(current))


def problems(
    version: str,
    document_text: str,
    released: dict[str, str],
    changelog: str,
) -> list[str]:
    """What breaks the rules; ``released`` maps each released version to its document."""
    found = []
    document = yaml.safe_load(document_text)
    if document["info"]["version"] != version:
        found.append(
            f"openapi/schema.yaml says version {document['info']['version']}, API_VERSION "
            f"is {version}: regenerate it (make schema)"
        )
    if version not in released:
        found.append(
            f"no openapi/released/{version}.yaml: copy openapi/schema.yaml there when "
            f"releasing {version}"
        )
    elif released[version] != document_text:
        found.append(
            f"openapi/schema.yaml differs from openapi/released/{version}.yaml: the document "
            f"changed, so bump API_VERSION (config/api/version.py), say what changed in "
            f"docs/api-changelog.md and copy the document to openapi/released/<new version>.yaml"
        )
    earlier = [v for v in released if version_key(v) < version_key(version)]
    if earlier:
        previous = max(earlier, key=version_key)
        if version_key(version)[0] == version_key(previous)[0]:
            gone = removed(yaml.safe_load(released[previous]), document)
            found.extend(
                f"removed since {previous} without a major version bump: {what}" for what in gone
            )
    if not re.search(rf"^#+ .*\b{re.escape(version)}\b", changelog, re.MULTILINE):
        found.append(f"docs/api-changelog.md has no entry for {version}")
    return found


def check() -> list[str]:
    from config.api.version import API_VERSION

    return problems(
        API_VERSION,
        DOCUMENT.read_text(),
        {version: (RELEASED / f"{version}.yaml").read_text() for version in released_versions()},
        CHANGELOG.read_text() if CHANGELOG.exists() else "",
    )


def main() -> int:
    found = check()
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
