"""A tiny client of the Incident Ledger API, with the SDK in sdk/python (the README's
"Client SDKs" section says how to install it):

- every incident an actor was involved in, following the pages to the last;
- one incident's detail, with the quote each involvement rests on and its context.

tests/test_sdk.py type-checks this file with ``mypy --strict`` against the SDK and runs it
against a live server: a change to the document that breaks these calls fails.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from incident_ledger_client import Client
from incident_ledger_client.api.incidents import incidents_list, incidents_retrieve
from incident_ledger_client.models import Incident, IncidentDetail
from incident_ledger_sdk import NotFound, connect, pages, unwrap


def incidents_of(client: Client, actor: str, page_size: int = 50) -> Iterator[Incident]:
    """Every published incident ``actor`` (a slug or id) was involved in, page by page."""
    return pages(incidents_list.sync_detailed, client=client, actor=actor, limit=page_size)


def incident(client: Client, id_or_slug: str) -> IncidentDetail:
    """One incident with its whole evidence chain; ``NotFound`` if there is no such one."""
    # The operation may also answer CSV or JSON-LD, so its answer is typed loosely: say which.
    detail: IncidentDetail = unwrap(incidents_retrieve.sync_detailed(id_or_slug, client=client))
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
    client = connect(base_url)
    found = list(incidents_of(client, actor, page_size=2))
    for listed in found:
        print(f"{listed.start_date} {listed.title}")
    if found:
        print("\n".join(evidence(incident(client, found[0].slug))))
    try:
        incident(client, "no-such-incident")
    except NotFound as error:
        print(f"as expected: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
