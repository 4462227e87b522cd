"""Import an ACLED or UCDP GED CSV file: ``events_import``.

Every row is read and checked first; a file with an invalid row writes nothing unless the
caller skips such rows. The writes then run in one transaction, in batches of a thousand rows
written with a handful of COPY statements each (every trigger fires as for any other write).
A row is *created* when no incident has its external id, *unchanged* when the incident, its
dataset record and the claims resting on that record already say what the row says (nothing is
written), and *updated* otherwise; a row older than the record the ledger holds (see
``Dataset.freshness``) is *older, skipped*: newer wins. An incident the import did not create (a
curated one an editor linked to the id) keeps its own fields: the row only adds its record and
claims to it.

The file is UTF-8, with or without a byte-order mark, any line ends; its columns are found by
name in any order. Each record keeps the row as the file gave it (``Source.dataset_row``), also
when nothing else changed, so that an export gives back the file last imported.
"""

import csv
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from tqdm import tqdm

from incidents.choices import Fact, IncidentStatus
from incidents.models import (
    Actor,
    CasualtyReport,
    Incident,
    IncidentAlias,
    IncidentFact,
    Involvement,
)
from sources.choices import SourceKind
from sources.models import Quote, Source, body_sha256

from .copying import Copier, reserve_ids
from .crosswalk import ActorDirectory
from .datasets import DATASETS, Dataset
from .formats import ParsedRow, RowErrors, parse_record, quote_span, record_body
from .records import find_records, load_claims

BATCH_SIZE = 1000
LOOKUP_CHUNK = 5000

# The lines of a dataset record each of an imported incident's own facts comes from (ACLED's
# columns and UCDP GED's): its facts cite those lines, as its claims cite theirs.
FACT_COLUMNS = {
    Fact.DATE: ("event_date", "year", "date_start", "date_end"),
    Fact.PLACE: ("country", "admin1", "location", "where_description", "adm_1"),
    Fact.COORDINATES: ("latitude", "longitude", "where_coordinates"),
}


class ImportRefused(Exception):
    """The file cannot be imported as it is; ``report`` says why, row by row."""

    def __init__(self, message: str, report: "ImportReport | None" = None):
        super().__init__(message)
        self.report = report


@dataclass
class ImportReport:
    dataset: str
    dry_run: bool = False
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    # Rows older than the record the ledger holds: not applied.
    older: list[int] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return (
            len(self.created)
            + len(self.updated)
            + len(self.unchanged)
            + len(self.invalid)
            + len(self.older)
        )

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.invalid)} invalid; "
            f"older, skipped: {len(self.older)}"
        )


def read_rows(dataset: Dataset, path: Path, report: ImportReport) -> list[ParsedRow]:
    """Parse every row; invalid ones go to the report with their row number (the header is
    row 1, as a spreadsheet numbers them; a row is a record, line breaks in quoted cells
    included)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            header = [column.strip() for column in next(reader)]
        except StopIteration:
            raise ImportRefused(f"{path} is empty: expected a header row.") from None
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportRefused(f"{path} is not a UTF-8 CSV file: {error}") from None
        # A spreadsheet's re-save may add empty columns at the end.
        while header and not header[-1]:
            header.pop()
        missing = [column for column in dataset.required if column not in header]
        if missing:
            raise ImportRefused(f"{path} lacks the {dataset.label} column(s) {', '.join(missing)}.")
        parsed, seen, slugs, positions = [], {}, {}, {}
        number = 1
        try:
            while True:
                number += 1
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    report.invalid.append((number, f"is not readable as CSV: {error}"))
                    continue
                if not any(cell.strip() for cell in cells):
                    continue
                while len(cells) > len(header) and not cells[-1].strip():
                    cells.pop()
                if len(cells) != len(header):
                    report.invalid.append(
                        (number, f"has {len(cells)} cells where the header has {len(header)}")
                    )
                    continue
                try:
                    row = dataset.parse(dict(zip(header, cells, strict=True)), number, header)
                except RowErrors as errors:
                    report.invalid.append((number, "; ".join(errors.reasons)))
                    continue
                row.raw = {"columns": header, "cells": cells}
                if row.external_id in seen:
                    at = positions[row.external_id]
                    try:
                        merged = dataset.merge(parsed[at], cells, header)
                    except RowErrors as errors:
                        reasons = "; ".join(errors.reasons)
                        report.invalid.append(
                            (number, f"with row {seen[row.external_id]}: {reasons}")
                        )
                        continue
                    if merged is None:
                        report.invalid.append(
                            (
                                number,
                                f"repeats the id {row.external_id} of row {seen[row.external_id]}",
                            )
                        )
                    else:
                        parsed[at] = merged
                    continue
                if row.slug in slugs:
                    report.invalid.append(
                        (number, f"its slug {row.slug} is that of row {slugs[row.slug]}")
                    )
                    continue
                seen[row.external_id] = slugs[row.slug] = number
                positions[row.external_id] = len(parsed)
                parsed.append(row)
        except UnicodeDecodeError as error:
            raise ImportRefused(f"{path}, row {number}: not readable as UTF-8: {error}") from None
    return parsed


def _chunks(items: list, size: int):
    for at in range(0, len(items), size):
        yield items[at : at + size]


def _check_against_database(dataset: Dataset, rows: list[ParsedRow], report: ImportReport):
    """Rows the database refuses: their incident was deleted, or their slug is another's."""
    valid = []
    for chunk in _chunks(rows, LOOKUP_CHUNK):
        found = incidents_by_dataset_id(
            dataset, [row.external_id for row in chunk], ["id", "slug", "deleted_at"]
        )
        new_slugs = [row.slug for row in chunk if row.external_id not in found]
        taken = dict(Incident._base_manager.filter(slug__in=new_slugs).values_list("slug", "id"))
        deleted = {incident.pk for incident in found.values() if incident.deleted_at is not None}
        for row in chunk:
            incident = found.get(row.external_id)
            if incident is not None and incident.pk in deleted:
                report.invalid.append(
                    (row.number, f"incident {incident.pk} with this id was deleted by the editors")
                )
            elif incident is None and row.slug in taken:
                report.invalid.append(
                    (row.number, f"the slug {row.slug} is taken by incident {taken[row.slug]}")
                )
            else:
                valid.append(row)
    return valid


def incidents_by_dataset_id(dataset: Dataset, ids: list, fields: list[str]) -> dict:
    """The incidents that hold the dataset's ``ids``, by id: the incident whose own id it is,
    or else the survivor of a merged incident that held it (``IncidentAlias``), so that a
    merged record's row updates its survivor. Two queries."""
    name = dataset.id_field
    found = {
        getattr(incident, name): incident
        for incident in Incident._base_manager.filter(**{f"{name}__in": ids}).only(*fields, name)
    }
    missing = [value for value in ids if value not in found]
    if missing:
        aliases = IncidentAlias.objects.filter(**{f"{name}__in": missing})
        for alias in aliases.select_related("incident"):
            found[getattr(alias, name)] = alias.incident
    return found


def reporter_of(dataset: Dataset) -> Actor:
    spec = dataset.reporter
    actor = Actor.objects.filter(slug=spec["slug"]).first()
    if actor is None:
        actor = Actor(**spec)
        actor.full_clean()
        actor.save()
    return actor


INCIDENT_FIELDS = [
    "title",
    "summary",
    "type",
    "sub_type",
    "start_date",
    "end_date",
    "date_precision",
    "country",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    "geo_precision",
]
# The civilian figures are not among them: the database derives them from the casualty
# reports marked counted, as the dataset's are (GED's deaths_civilians, ACLED's fatalities
# where civilians were targeted), by the one rule of incidents.models.facts.


class BatchWriter:
    def __init__(self, dataset: Dataset, status: str, report: ImportReport):
        self.dataset = dataset
        self.status = status
        self.report = report
        self.actors = ActorDirectory()
        self.reporter = reporter_of(dataset)
        now = timezone.now()
        self.copy = {
            "incidents": Copier(
                Incident,
                ["id", "slug", "status", "published_at", dataset.id_field, *INCIDENT_FIELDS],
                now,
            ),
            "sources": Copier(
                Source,
                [
                    "id",
                    "kind",
                    "title",
                    "publisher",
                    "language",
                    "body",
                    "sha256",
                    "captured_at",
                    "published_on",
                    "dataset_row",
                ],
                now,
            ),
            "quotes": Copier(Quote, ["id", "source", "text", "start", "end"], now),
            "involvements": Copier(Involvement, ["incident", "actor", "role", "quote"], now),
            "casualty reports": Copier(
                CasualtyReport,
                [
                    "incident",
                    "category",
                    "population",
                    "min",
                    "max",
                    "reported_by",
                    "quote",
                    "counted",
                ],
                now,
            ),
            "facts": Copier(IncidentFact, ["incident", "fact", "quote"], now),
        }

    def expected_claims(self, row: ParsedRow, spans) -> tuple[set, set]:
        involvements = {
            (self.actors.ids[spec.actor], spec.role, quote_span(spans, spec.columns))
            for spec in row.involvements
        }
        casualties = {
            (
                spec.category,
                spec.population,
                spec.min,
                spec.max,
                self.reporter.pk,
                quote_span(spans, spec.columns),
            )
            for spec in row.casualties
        }
        return involvements, casualties

    @staticmethod
    def fact_spans(row: ParsedRow, spans) -> dict[str, tuple[int, int]]:
        """The span of the record's lines each fact of the row's incident comes from."""
        found = {}
        for fact, columns in FACT_COLUMNS.items():
            if fact == Fact.COORDINATES and row.incident.get("latitude") is None:
                continue
            lines = [spans[column] for column in columns if column in spans]
            if lines:
                found[fact] = (min(start for start, _ in lines), max(end for _, end in lines))
        return found

    def write(self, rows: list[ParsedRow]) -> None:
        dataset, now = self.dataset, timezone.now()
        self.actors.resolve({spec.actor: spec.actor_kind for r in rows for spec in r.involvements})
        existing = incidents_by_dataset_id(
            dataset, [row.external_id for row in rows], ["id", "slug", *INCIDENT_FIELDS]
        )
        titles = {
            existing[row.external_id].pk: row.source_title
            for row in rows
            if row.external_id in existing
        }
        claims = load_claims([incident.pk for incident in existing.values()])
        found = find_records(dataset, titles, claims)
        records = {titles[incident_id]: source for incident_id, source in found.items()}
        unrecorded = [title for incident_id, title in titles.items() if incident_id not in found]
        if unrecorded:
            # Rare: an incident whose record no claim quotes (a curated one, or one whose
            # claims the editors removed). Only then is the record looked up by its title.
            for source in (
                Source.objects.filter(
                    kind=SourceKind.DATASET, publisher=dataset.publisher, title__in=unrecorded
                )
                .only("id", "title", "body", "dataset_row")
                .order_by("id")
            ):
                records[source.title] = source
        record_ids = {source.pk for source in records.values()}
        current_involvements, current_casualties = defaultdict(set), defaultdict(set)
        for incident_id in titles:
            for actor_id, role, quote_id in claims.involvements[incident_id]:
                quote = claims.quotes.get(quote_id)
                if quote and quote[0] in record_ids:
                    current_involvements[incident_id].add((actor_id, role, quote[1:3]))
            for *figure, quote_id in claims.casualties[incident_id]:
                quote = claims.quotes.get(quote_id)
                if quote and quote[0] in record_ids:
                    current_casualties[incident_id].add((*figure, quote[1:3]))

        new_incidents, changed_incidents, writes, reraw = [], [], [], []
        for row in rows:
            body, spans = record_body(row.record)
            incident = existing.get(row.external_id)
            record = records.get(row.source_title)
            if record is not None and self.is_older(row, record):
                self.report.older.append(row.number)
                continue
            if record is not None and record.body == body and record.dataset_row != row.raw:
                record.dataset_row = row.raw  # the same record, given as another file gave it
                reraw.append(record)
            expected = self.expected_claims(row, spans)
            if incident is None:
                incident = Incident(
                    slug=row.slug,
                    status=self.status,
                    **{dataset.id_field: row.external_id},
                    **row.incident,
                )
                new_incidents.append(incident)
                self.report.created.append(row.number)
                facts = self.fact_spans(row, spans)
                writes.append((row, incident, None, body, facts, expected))
                continue
            owned = incident.slug == row.slug
            differs = owned and any(
                getattr(incident, name) != value for name, value in row.incident.items()
            )
            same_record = record is not None and record.body == body
            same_claims = same_record and expected == (
                current_involvements[incident.pk],
                current_casualties[incident.pk],
            )
            if not differs and same_claims:
                self.report.unchanged.append(row.number)
                continue
            if differs:
                for name, value in row.incident.items():
                    setattr(incident, name, value)
                incident.updated_at = now
                changed_incidents.append(incident)
            self.report.updated.append(row.number)
            # The row's facts are the incident's only if the import made it: a curated
            # incident linked to the id keeps its own fields, and its own citations.
            facts = self.fact_spans(row, spans) if owned else {}
            writes.append((row, incident, record, body, facts, expected))
        if reraw:
            Source._base_manager.bulk_update(reraw, ["dataset_row"], batch_size=BATCH_SIZE)
        if not writes:
            return

        incident_ids = iter(reserve_ids(Incident, len(new_incidents)))
        for incident in new_incidents:
            incident.pk = next(incident_ids)
        self.copy["incidents"].write(
            (
                incident.pk,
                incident.slug,
                incident.status,
                now if incident.status == IncidentStatus.PUBLISHED else None,
                getattr(incident, dataset.id_field),
                *(getattr(incident, name) for name in INCIDENT_FIELDS),
            )
            for incident in new_incidents
        )
        if changed_incidents:
            Incident._base_manager.bulk_update(
                changed_incidents, [*INCIDENT_FIELDS, "updated_at"], batch_size=BATCH_SIZE
            )
        # The claims an updated row made before go; the row's claims are written anew below.
        old_records = [record.pk for _, _, record, *_ in writes if record is not None]
        touched = [incident.pk for _, incident, record, *_ in writes if record is not None]
        if old_records:
            Involvement._base_manager.filter(
                incident_id__in=touched, quote__source_id__in=old_records
            ).delete()
            CasualtyReport._base_manager.filter(
                incident_id__in=touched, quote__source_id__in=old_records
            ).delete()
            IncidentFact._base_manager.filter(
                incident_id__in=touched, quote__source_id__in=old_records
            ).delete()

        # (row, incident id, record id, body, claims) for each row to write claims for.
        pending, new_records = [], []
        for row, incident, record, body, facts, claims in writes:
            if record is not None and record.body == body:
                pending.append((incident.pk, record.pk, body, claims, facts))
            else:
                new_records.append((row, body))
                pending.append((incident.pk, None, body, claims, facts))
        record_ids = iter(reserve_ids(Source, len(new_records)))
        source_rows = []
        for row, body in new_records:
            source_rows.append(
                (
                    next(record_ids),
                    SourceKind.DATASET,
                    row.source_title,
                    dataset.publisher,
                    "en",
                    body,
                    body_sha256(body),
                    now,
                    row.published_on,
                    json.dumps(row.raw, ensure_ascii=False) if row.raw is not None else None,
                )
            )
        self.copy["sources"].write(source_rows)
        fresh = iter(source_row[0] for source_row in source_rows)
        pending = [
            (incident_id, record_id if record_id is not None else next(fresh), body, claims, facts)
            for incident_id, record_id, body, claims, facts in pending
        ]

        quote_ids: dict[tuple[int, int, int], int] = {}
        reused = [record_id for _, record_id, *_ in pending]
        for pk, source_id, start, end in Quote._base_manager.filter(
            source_id__in=reused
        ).values_list("id", "source_id", "start", "end"):
            quote_ids[(source_id, start, end)] = pk
        quote_rows = []
        for _, source_id, body, (involvements, casualties), facts in pending:
            spans = {claim[-1] for claim in involvements} | {claim[-1] for claim in casualties}
            spans |= set(facts.values())
            for start, end in sorted(spans):
                if (source_id, start, end) not in quote_ids:
                    quote_rows.append([None, source_id, body[start:end], start, end])
                    quote_ids[(source_id, start, end)] = len(quote_rows) - 1
        new_quote_ids = reserve_ids(Quote, len(quote_rows))
        for quote_row, pk in zip(quote_rows, new_quote_ids, strict=True):
            quote_row[0] = pk
            quote_ids[(quote_row[1], quote_row[3], quote_row[4])] = pk
        self.copy["quotes"].write(quote_rows)

        involvement_rows, casualty_rows, fact_rows = [], [], []
        for incident_id, source_id, _, (involvements, casualties), facts in pending:
            for fact, span in sorted(facts.items()):
                fact_rows.append((incident_id, fact, quote_ids[(source_id, *span)]))
            for actor_id, role, span in sorted(involvements):
                quote_id = quote_ids[(source_id, *span)]
                involvement_rows.append((incident_id, actor_id, role, quote_id))
            for category, population, low, high, reporter_id, span in sorted(
                casualties, key=lambda c: c[-1]
            ):
                quote_id = quote_ids[(source_id, *span)]
                # Dataset reports count by default toward the incident's headline figures.
                casualty_rows.append(
                    (incident_id, category, population, low, high, reporter_id, quote_id, True)
                )
        self.copy["involvements"].write(involvement_rows)
        self.copy["casualty reports"].write(casualty_rows)
        self.copy["facts"].write(fact_rows)
        if self.status == IncidentStatus.PUBLISHED:
            self.refuse_unsupported([incident.pk for incident in new_incidents], writes)
        self.drop_unquoted(
            [r.pk for _, _, r, body, *_ in writes if r is not None and r.body != body]
        )

    def is_older(self, row: ParsedRow, record: Source) -> bool:
        """Whether the row is older than the record the ledger holds: newer wins."""
        incoming = self.dataset.freshness(row.record)
        held = self.dataset.freshness(parse_record(record.body, row.record))
        return incoming is not None and held is not None and incoming < held

    def refuse_unsupported(self, incident_ids: list[int], writes) -> None:
        """Refuse the import if an incident it publishes has a fact that rests on nothing,
        as ``services.publish_blockers`` would: one reason per row and fact."""
        if not incident_ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(UNSUPPORTED_FACTS, [incident_ids])
            missing = cursor.fetchall()
        if not missing:
            return
        rows = {incident.pk: row.number for row, incident, *_ in writes}
        for incident_id, fact in missing:
            self.report.invalid.append(
                (
                    rows[incident_id],
                    f"fact '{fact}' rests on no line of the record and carries no editor's "
                    "note, so the incident cannot be published",
                )
            )
        self.report.invalid.sort()
        raise ImportRefused(
            f"{len(missing)} fact(s) of incidents to publish rest on nothing; nothing was "
            "imported.",
            self.report,
        )

    def drop_unquoted(self, source_ids: list[int]) -> None:
        """Delete superseded captures of records that no claim quotes any more; one that an
        editor's claim still quotes stays, as the evidence of what that claim read."""
        if not source_ids:
            return
        quoted = set(
            Quote._base_manager.filter(source_id__in=source_ids)
            .filter(
                Q(involvements__isnull=False)
                | Q(casualty_reports__isnull=False)
                | Q(statements__isnull=False)
                | Q(incident_facts__isnull=False)
            )
            .values_list("source_id", flat=True)
        )
        unquoted = [pk for pk in source_ids if pk not in quoted]
        Quote._base_manager.filter(source_id__in=unquoted).delete()
        Source._base_manager.filter(pk__in=unquoted).delete()


# The facts with a value (services.fact_values, for what an import writes) of the given
# incidents that no live citation supports; the importer never types headline figures.
UNSUPPORTED_FACTS = """
SELECT i.id, f.fact
FROM incidents_incident i
CROSS JOIN LATERAL (VALUES
    ('date', true),
    ('place', true),
    ('coordinates', i.latitude IS NOT NULL),
    ('weapons', cardinality(i.weapons) > 0)
) AS f(fact, has_value)
WHERE i.id = ANY(%s) AND f.has_value
  AND NOT EXISTS (
      SELECT 1 FROM incidents_incidentfact c
      WHERE c.incident_id = i.id AND c.fact = f.fact AND c.deleted_at IS NULL
  )
ORDER BY i.id, f.fact
"""


def events_import(
    *,
    dataset: str,
    path: Path,
    dry_run: bool = False,
    skip_invalid: bool = False,
    status: str = IncidentStatus.DRAFT,
    progress: bool = False,
) -> ImportReport:
    """Import an ACLED or UCDP GED CSV file; see the module's docstring.

    Raises ``ImportRefused`` (with the report) when the file has invalid rows and
    ``skip_invalid`` is false: then nothing is written. With ``progress``, a bar on stderr
    follows the writing, when stderr is a terminal.
    """
    if status not in (IncidentStatus.DRAFT, IncidentStatus.PUBLISHED):
        raise ImportRefused(f"Imported incidents are draft or published, not {status!r}.")
    spec = DATASETS[dataset]
    report = ImportReport(dataset=dataset, dry_run=dry_run)
    started = time.monotonic()
    rows = read_rows(spec, Path(path), report)
    rows = _check_against_database(spec, rows, report)
    report.invalid.sort()
    if report.invalid and not skip_invalid:
        raise ImportRefused(
            f"{len(report.invalid)} invalid row(s); nothing was imported "
            "(give --skip-invalid to import the valid rows).",
            report,
        )
    bar = tqdm(
        total=len(rows),
        desc=f"Importing {spec.label}",
        unit="row",
        file=sys.stderr,
        disable=None if progress else True,
    )
    with bar, transaction.atomic():
        writer = BatchWriter(spec, status, report)
        for batch in _chunks(rows, BATCH_SIZE):
            writer.write(batch)
            bar.update(len(batch))
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.monotonic() - started
    return report
