"""The API's version: openapi/schema.yaml's ``info.version``.

Bump it whenever the committed document changes, and say what changed in
docs/api-changelog.md: tests/test_api_version.py fails on a document that changed without a
bump, and on an operation, parameter or field of the previous release that is gone without a
major bump. Each release's document is kept as openapi/released/<version>.yaml.
"""

API_VERSION = "2.0.0"
