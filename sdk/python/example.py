"""A tiny client of the Incident Ledger API, typed by the package openapi-python-client makes
from openapi/schema.yaml (the README's "Client SDKs" section gives the command):

- every incident an actor was involved in, following the pages to the last;
- one incident's detail, with the quote each involvement rests on and its context.

tests/test_sdk.py type-checks this file with ``mypy --strict`` against the generated package
and runs it against a live server: a change to the document that breaks these calls fails.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from incident_ledger_client import Client
from incident_ledger_client.api.incidents import incidents_list, incidents_retrieve
from incident_ledger_client.models import (
    ClientError,
    Incident,
    IncidentDetail,
    PaginatedIncidentList,
    ServerError,
    ValidationError,
)
from incident_ledger_client.types import UNSET


class LedgerError(Exception):
    """The API answered with its error envelope: what was wrong, and where (``attr``)."""

    def __init__(self, error: ClientError | ServerError | ValidationError) -> None:
        self.error = error
        problems = "; ".join(
            f"{item.attr or '-'}: {item.code}: {item.detail}" for item in error.errors
        )
        super().__init__(f"{error.type_}: {problems}")


def incidents_of(client: Client, actor: str, page_size: int = 50) -> Iterator[Incident]:
    """Every published incident ``actor`` (a slug or id) was involved in, page by page."""
    offset = 0
    while True:
        page = incidents_list.sync(client=client, actor=actor, limit=page_size, offset=offset)
        if page is None:
            raise RuntimeError("no answer from GET /api/incidents/")
        if not isinstance(page, PaginatedIncidentList):
            raise LedgerError(page)
        yield from page.results
        # `next` is the URL of the following page, null (None) on the last one.
        if page.next_ is None or page.next_ is UNSET:
            return
        offset += len(page.results)


def incident(client: Client, id_or_slug: str) -> IncidentDetail:
    """One incident with its whole evidence chain."""
    detail = incidents_retrieve.sync(id_or_slug, client=client)
    if detail is None:
        raise RuntimeError(f"no answer from GET /api/incidents/{id_or_slug}/")
    if not isinstance(detail, IncidentDetail):
        raise LedgerError(detail)
    return detail


def evidence(detail: IncidentDetail) -> list[str]:
    """Who was involved, and the words (with the words around them) each part rests on."""
    lines = []
    for involvement in detail.involvements:
        quote = involvement.quote
        words = (
            f"...{quote.context_before}«{quote.text}»{quote.context_after}..."
            if quote is not None
            else "no quote"
        )
        lines.append(f"{involvement.actor.name} ({involvement.role.value}): {words}")
    return lines


def main(base_url: str, actor: str) -> int:
    client = Client(base_url=base_url)
    found = list(incidents_of(client, actor, page_size=2))
    for listed in found:
        print(f"{listed.start_date} {listed.title}")
    if found:
        print("\n".join(evidence(incident(client, found[0].slug))))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
