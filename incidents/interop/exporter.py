"""Incident lists as ACLED or UCDP GED CSV, streamed in batches so memory stays flat.

The rows are the list serializer's (the API's export path hands them over as they come); what
the layouts need beyond them (the summary, the claims with their quotes, the dataset record an
import kept) is loaded once per batch: seven indexed queries per ``BATCH_SIZE`` incidents.

The header is known before the first row: ``export_columns`` asks the database, in two queries,
which layouts the exported incidents' records were imported in. Records of one file (or of
files of one layout) give that layout back, its legacy columns and its order included; a mix
gives the dataset's layout and then every other column seen.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection
from django.db.models import Min, QuerySet

from incidents.models import Actor, Incident, Involvement
from sources.choices import SourceKind

from .datasets import Dataset
from .formats import Evidence, Party, parse_record
from .records import find_records, load_claims

BATCH_SIZE = 500
CHUNK_SIZE = 64 * 1024


def load_evidence(dataset: Dataset, rows: list[dict]) -> dict[int, Evidence]:
    ids = [row["id"] for row in rows]
    evidence = {pk: Evidence() for pk in ids}
    for pk, summary in Incident._base_manager.filter(pk__in=ids).values_list("id", "summary"):
        evidence[pk].summary = summary
    claims = load_claims(ids, live=True)
    titles = {
        row["id"]: dataset.record_title(row[dataset.id_field])
        for row in rows
        if row.get(dataset.id_field)
    }
    for incident_id, source in find_records(dataset, titles, claims).items():
        found = evidence[incident_id]
        kept = source.dataset_row or {}
        columns, cells = kept.get("columns") or [], kept.get("cells") or []
        found.record = parse_record(source.body, columns)
        found.record_source_id = source.pk
        if len(columns) == len(cells):
            found.raw = dict(zip(columns, cells, strict=True))
            found.raw_columns = columns
            found.raw_more = [more for more in kept.get("more") or [] if len(more) == len(columns)]
    actor_ids = {c[0] for cs in claims.involvements.values() for c in cs}
    actor_ids |= {c[2] for cs in claims.attributions.values() for c in cs if c[2]}
    actor_ids |= {c[4] for cs in claims.casualties.values() for c in cs if c[4]}
    actors = {
        pk: (name, slug, kind)
        for pk, name, slug, kind in Actor.objects.filter(pk__in=actor_ids).values_list(
            "id", "name", "slug", "kind"
        )
    }
    trees = actor_trees(actor_ids)

    def quoted(quote_id):
        quote = claims.quotes.get(quote_id)
        return (quote[3], quote[0]) if quote else (None, None)

    for incident_id, found in evidence.items():
        for actor_id, role, quote_id in claims.involvements[incident_id]:
            found.involvements.append((actors[actor_id][0], role, *quoted(quote_id)))
        for actor_id, role, attributed_by_id in claims.attributions[incident_id]:
            name, _, kind = actors[actor_id]
            by = actors[attributed_by_id][0] if attributed_by_id else None
            found.parties.append(Party(name, role, by, kind, trees.get(actor_id, actor_id)))
        for *figure, reporter_id, quote_id in claims.casualties[incident_id]:
            reporter = actors[reporter_id][1] if reporter_id else None
            found.casualties.append((*figure, reporter, *quoted(quote_id)))
    return evidence


def actor_trees(actor_ids: set[int]) -> dict[int, int]:
    """Each actor's root ancestor (its own id for a root), in one recursive query."""
    if not actor_ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH RECURSIVE up(id, ancestor, parent) AS (
                SELECT id, id, parent_id FROM incidents_actor WHERE id = ANY(%s)
                UNION ALL
                SELECT up.id, a.id, a.parent_id
                FROM up JOIN incidents_actor AS a ON a.id = up.parent
            )
            SELECT id, ancestor FROM up WHERE parent IS NULL
            """,
            [sorted(actor_ids)],
        )
        return dict(cursor.fetchall())


def export_columns(dataset: Dataset, incidents: QuerySet) -> list[str]:
    """The header of an export of these incidents (see the module's docstring)."""
    if incidents.query.is_sliced:  # the API's limit and offset
        incidents = Incident._base_manager.filter(pk__in=incidents.values("pk"))
    kept = Involvement._base_manager.filter(
        incident__in=incidents.order_by().values("pk"),
        quote__source__kind=SourceKind.DATASET,
        quote__source__publisher=dataset.publisher,
        quote__source__dataset_row__isnull=False,
    )
    # The layouts in the order they were first imported.
    layouts = [
        columns
        for columns, _ in kept.values_list("quote__source__dataset_row__columns")
        .annotate(first=Min("quote__source_id"))
        .order_by("first")
        if columns
    ]
    every_row_kept = (
        len(layouts) == 1
        and not incidents.exclude(pk__in=kept.order_by().values("incident_id")).exists()
    )
    return dataset.layout(layouts, every_row_kept)


def dataset_rows(
    dataset: Dataset, rows: Iterable[dict], columns: list[str] | None = None
) -> Iterator[list[str]]:
    """The header (``columns``, the dataset's layout by default), then one list of cells per
    incident row."""
    columns = list(columns or dataset.columns)
    yield columns
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_SIZE)):
        evidence = load_evidence(dataset, batch)
        for row in batch:
            yield dataset.export_cells(row, evidence[row["id"]], columns)
            yield from dataset.extra_rows(row, evidence[row["id"]], columns)


def stream_csv(
    dataset: Dataset, rows: Iterable[dict], columns: list[str] | None = None
) -> Iterator[str]:
    """CSV text in chunks of about ``CHUNK_SIZE`` characters. Cells are written as they are,
    without the spreadsheet-formula guard of the ledger's own CSV: these files are for the
    tools built for the datasets, and a guarded "-33.5" would no longer be a longitude."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for cells in dataset_rows(dataset, rows, columns):
        writer.writerow(cells)
        if buffer.tell() > CHUNK_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
