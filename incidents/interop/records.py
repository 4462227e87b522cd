"""The claims of a batch of incidents, and the dataset records an import kept for them.

Every lookup goes through a primary key or a foreign-key index: a join of the claims on the
quotes, or a lookup of sources by title (which has no index), makes PostgreSQL read the whole
quote or source table for each batch once the ledger holds millions of them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from incidents.models import CasualtyReport, Involvement
from sources.choices import SourceKind
from sources.models import Quote, Source

from .datasets import Dataset


@dataclass
class Claims:
    # incident id → [(actor id, role, quote id)]
    involvements: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    # incident id → [(actor id, role, id of the actor who attributes the role, or None)]
    attributions: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    # incident id → [(category, population, min, max, reporter id, quote id)]
    casualties: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    # quote id → (source id, start, end, text)
    quotes: dict[int, tuple[int, int, int, str]] = field(default_factory=dict)


def load_claims(incident_ids: list[int], *, live: bool = False) -> Claims:
    """The involvements and casualty reports of these incidents with their quotes; with
    ``live``, without the soft-deleted ones."""
    claims = Claims()
    manager = "objects" if live else "_base_manager"
    for incident_id, actor_id, role, quote_id, attributed_by_id in (
        getattr(Involvement, manager)
        .filter(incident_id__in=incident_ids)
        .order_by("id")
        .values_list("incident_id", "actor_id", "role", "quote_id", "attributed_by_id")
    ):
        claims.involvements[incident_id].append((actor_id, role, quote_id))
        claims.attributions[incident_id].append((actor_id, role, attributed_by_id))
    for incident_id, *claim in (
        getattr(CasualtyReport, manager)
        .filter(incident_id__in=incident_ids)
        .order_by("id")
        .values_list(
            "incident_id", "category", "population", "min", "max", "reported_by_id", "quote_id"
        )
    ):
        claims.casualties[incident_id].append(tuple(claim))
    quote_ids = {c[-1] for cs in claims.involvements.values() for c in cs if c[-1]}
    quote_ids |= {c[-1] for cs in claims.casualties.values() for c in cs if c[-1]}
    for pk, *quote in Quote._base_manager.filter(pk__in=quote_ids).values_list(
        "id", "source_id", "start", "end", "text"
    ):
        claims.quotes[pk] = tuple(quote)
    return claims


def find_records(dataset: Dataset, titles: dict[int, str], claims: Claims) -> dict[int, Source]:
    """For each incident id, the latest capture of its record (titled ``titles[id]``) among the
    sources its claims quote."""
    quoted: dict[int, set[int]] = defaultdict(set)
    for incident_id in titles:
        for claim in [*claims.involvements[incident_id], *claims.casualties[incident_id]]:
            if claim[-1] in claims.quotes:
                quoted[incident_id].add(claims.quotes[claim[-1]][0])
    sources = Source.objects.filter(
        pk__in={source_id for ids in quoted.values() for source_id in ids},
        kind=SourceKind.DATASET,
        publisher=dataset.publisher,
        title__in=set(titles.values()),
    ).only("id", "title", "body", "dataset_row")
    by_id = {source.pk: source for source in sources}
    found: dict[int, Source] = {}
    for incident_id, source_ids in quoted.items():
        for source_id in sorted(source_ids):
            source = by_id.get(source_id)
            if source is not None and source.title == titles[incident_id]:
                found[incident_id] = source
    return found
