"""The public ledger in one stream, to start a mirror from (``GET /api/snapshot``).

Every public record, as its detail endpoint shows it to the public, one JSON line each, all
read in one REPEATABLE READ transaction together with the change-feed position that
transaction sees: a mirror loads the lines, then follows ``/api/changes?after=<position>``.

The lines are stored renderings (incidents/rendered.py), which the feed's worker keeps in the
transaction that announces their records' changes: a stored line is its record as the feed
had announced it at the position. Which records are sent is decided in this transaction by
each model's ``public()``, the gate every other path passes through; a public record without a
row is rendered in the stream, from the state this transaction sees. So a line is its record
at the position or later, and a record whose detail differs from its line was changed by a
write whose marks the worker had not yet built: its entry comes above the position. Entries
above the position may thus repeat what the snapshot holds already; applying them again is
harmless.

Rendering is by ``_Reader``: the serializers take about 15 ms per incident detail, hours for a
million; here each batch of records is read with a few set-based queries of plain values and
turned into the dicts the serializers make. tests/api/test_snapshot.py compares every record
with its detail endpoint's answer, and tests/api/test_rendered.py every stored row, so that
the renderings cannot drift apart unnoticed.
"""

import gc
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import BooleanField, CharField, Func, Max, OuterRef, Q
from django.db.models.expressions import RawSQL
from psycopg.adapt import Loader

from config.api.version import API_VERSION
from config.expressions import Probe
from incidents.api.serializers import INCIDENT_FIELDS, iso_datetime
from incidents.assessment import first_of_each_tree, publisher_key, suggest_grade, weigh
from incidents.choices import AttributionGrade
from incidents.interop.coded import coded_fields
from incidents.models import (
    Actor,
    CasualtyReport,
    Change,
    Incident,
    IncidentFact,
    Involvement,
    RenderedIncident,
    RenderedRecord,
    Statement,
    published_incident,
)
from sources.choices import SourceKind
from sources.context import context_annotations, cut_words
from sources.models import Quote, Source

BATCH = 2_000
STORED_BATCH = 5_000  # stored renderings read at a time (a few MB)
MODELS = {
    "actors": Actor,
    "sources": Source,
    "quotes": Quote,
    "statements": Statement,
    "casualty-reports": CasualtyReport,
    "incidents": Incident,
}
RESOURCES = list(MODELS)
"""The feed's resource names, in the stream's order: what a record names comes before it."""

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode

SOURCE_BRIEF = ["id", "kind", "title", "publisher", "url", "published_on"]
INCIDENT_BRIEF = ["id", "slug", "title", "start_date", "end_date"]
ACTOR_BRIEF = ["id", "slug", "name", "kind", "country"]


def snapshot_chunks(using: str) -> Iterator[bytes]:
    """The snapshot's lines, a batch of records a chunk, read from the database ``using``.

    The transaction is opened by the first chunk and lasts until the last, so a client that
    reads slowly keeps it open (and holds back vacuum) as long as it reads. Inside an
    enclosing transaction (a test's) that one is read instead."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        reader = _Reader(using)
        position = Change.objects.using(using).aggregate(last=Max("id"))["last"] or 0
        header = {
            "kind": "snapshot",
            "api_version": API_VERSION,
            "position": position,
            "generated_at": iso_datetime(reader.now()),
        }
        yield (_encode(header) + "\n").encode()
        counts = {}
        for resource in RESOURCES:
            counts[resource] = 0
            prefix = f'{{"kind":"{resource}","record":'.encode()
            batches = reader.texts(resource)
            while True:
                # The records hold no cycles, and the collector's passes over them (and over
                # the whole heap) took a fifth of the time: it is off while a batch is made.
                gc.disable()
                try:
                    texts = next(batches, None)
                    if texts is None:
                        break
                    counts[resource] += len(texts)
                    chunk = b"".join([prefix + text + b"}\n" for text in texts])
                finally:
                    gc.enable()
                yield chunk
        yield (_encode({"kind": "end", "counts": counts}) + "\n").encode()


class _Utf8(Loader):
    """Text as the UTF-8 bytes PostgreSQL sends (the connection's encoding is UTF-8)."""

    def load(self, data) -> bytes:
        return bytes(data)


class _Instant(Func):
    """A timestamp as text, as DRF writes it (``iso_datetime``) but with microseconds always:
    psycopg's loader as Django wraps it costs more than the rest of the row."""

    template = """to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""
    output_field = CharField()


def _instants(queryset, *names: str):
    """``queryset`` with each timestamp ``name`` as text, under ``<name>_iso`` (``_iso``)."""
    return queryset.annotate(**{f"{name}_iso": _Instant(name) for name in names})


def _iso(text: str | None) -> str | None:
    """An ``_Instant`` as ``iso_datetime`` writes it: no fraction when there is none."""
    if text is not None and text.endswith(".000000Z"):
        return text[:-8] + "Z"
    return text


def _date(value):
    return None if value is None else value.isoformat()


def _walk(queryset, columns: list[str], batch: int = BATCH) -> Iterator[list[tuple]]:
    """The rows of ``queryset`` as ``columns`` (the first is the id), in id order, a batch at
    a time: each batch a range scan of the primary key from where the last one stopped."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk").values_list(*columns)[:batch])
        if rows:
            yield rows
        if len(rows) < batch:
            return
        last = rows[-1][0]


INCIDENT_COLUMNS = [
    *INCIDENT_FIELDS,
    "graded_at_iso",
    "status",
    "published_at_iso",
    "summary",
    "civilian_figures_override_reason",
    "public_parent_id",
    "created_at_iso",
    "updated_at_iso",
]
QUOTE_COLUMNS = [
    "id",
    "text",
    "start",
    "end",
    *(f"source__{name}" for name in SOURCE_BRIEF),
    *context_annotations(),
]


def _among(model, column: str, ids) -> RawSQL:
    """``column = ANY(ids)``, with the ids as one array: an ``IN`` list of thousands of
    parameters costs more to send and parse than the query takes to run."""
    table = model._meta.db_table
    return RawSQL(f'"{table}"."{column}" = ANY(%s)', (list(ids),), output_field=BooleanField())


class _Reader:
    """Reads and renders one resource's public records a batch at a time, on one connection
    (the snapshot's transaction)."""

    def __init__(self, using: str):
        self.using = using
        self.actors: dict[int, dict] = {}
        self.parents: dict[int, int | None] = {}
        self.order: dict[int, int] = {}
        self.rows: dict[int, tuple] = {}
        for rank, row in enumerate(
            Actor.objects.using(using)
            .order_by("name", "id")
            .values_list(
                *ACTOR_BRIEF,
                "parent_id",
                "aliases",
                "wikidata_id",
                "description",
                "created_at",
                "updated_at",
            )
        ):
            self.actors[row[0]] = dict(zip(ACTOR_BRIEF, row[:5], strict=True))
            self.parents[row[0]] = row[5]
            self.order[row[0]] = rank
            self.rows[row[0]] = row
        self.roots: dict[int, int] = {}
        self.sources: dict[int, dict] = {}
        self._public_quotes: bytearray | None = None

    def now(self):
        with connections[self.using].cursor() as cursor:
            cursor.execute("SELECT now()")
            return cursor.fetchone()[0]

    def texts(self, resource: str) -> Iterator[list[bytes]]:
        """The public records of ``resource`` as JSON texts (UTF-8), a batch at a time, in id
        order: each its stored rendering (incidents/rendered.py), rendered here only if it has
        none yet. The stored text is read as the bytes PostgreSQL sends: decoding hundreds of
        megabytes to ``str`` and encoding them back took a fifth of the stream's time."""
        if resource == "incidents":
            stored = RenderedIncident.objects.using(self.using).values_list("pk", "detail")
        else:
            stored = RenderedRecord.objects.using(self.using).filter(resource=resource)
            stored = stored.values_list("object_id", "body")
        key = stored.model._meta.pk.name if resource == "incidents" else "object_id"
        public = self.objects(MODELS[resource]).public()
        with connections[self.using].cursor() as cursor:
            cursor.cursor.adapters.register_loader("text", _Utf8)
            for rows in _walk(public, ["pk"], batch=STORED_BATCH):
                ids = [pk for (pk,) in rows]
                # The rows of the batch's range of ids, in one range scan of the primary key (a
                # probe per record cost more); a row of a record the public does not see is
                # passed over.
                page = stored.filter(**{f"{key}__gte": ids[0], f"{key}__lte": ids[-1]})
                cursor.execute(*page.query.get_compiler(self.using).as_sql())
                texts = dict(cursor.fetchall())
                missing = [pk for pk in ids if pk not in texts]
                for start in range(0, len(missing), BATCH):
                    for record in self.among(resource, missing[start : start + BATCH]):
                        texts[record["id"]] = _encode(record).encode()
                # (Each is, unless a write committed since ``public`` was read: only in a
                # READ COMMITTED transaction enclosing this one, a test's.)
                yield [texts[pk] for pk in ids if pk in texts]

    def batches(self, resource: str, ids: list[int] | None = None) -> Iterator[list[dict]]:
        """The public records of ``resource`` (of those ``ids`` only, if given: each read by
        id, no table walked) as their details show them, a batch at a time, in id order."""
        return {
            "actors": self.actor_batches,
            "sources": self.source_batches,
            "quotes": self.quote_batches,
            "statements": self.statement_batches,
            "casualty-reports": self.report_batches,
            "incidents": self.incident_batches,
        }[resource](ids)

    def among(self, resource: str, ids: list[int]) -> list[dict]:
        """The public ones of the records ``ids`` (sorted) of ``resource``, as their details
        show them."""
        if resource == "incidents":
            return self.incidents_among(ids)
        return [record for records in self.batches(resource, ids) for record in records]

    def only(self, queryset, ids: list[int] | None):
        """``queryset`` restricted to the records ``ids`` (``None``: all of them)."""
        return queryset if ids is None else queryset.filter(_among(queryset.model, "id", ids))

    def objects(self, model):
        return model.objects.using(self.using)

    def root(self, actor_id: int) -> int:
        """The root of the actor's tree, as ``ACTOR_ROOT_SQL`` finds it."""
        if actor_id not in self.roots:
            parent = self.parents[actor_id]
            self.roots[actor_id] = actor_id if parent is None else self.root(parent)
        return self.roots[actor_id]

    def actor(self, actor_id: int | None) -> dict | None:
        return None if actor_id is None else self.actors[actor_id]

    def source(self, values) -> dict:
        """A source brief (shared by every record of a batch that names the source)."""
        brief = self.sources.get(values[0])
        if brief is None:
            brief = dict(zip(SOURCE_BRIEF, values, strict=True))
            brief["published_on"] = _date(brief["published_on"])
            self.sources[values[0]] = brief
        return brief

    def quotes(self, ids) -> dict[int, dict]:
        """The briefs of the quotes ``ids`` (of public claims: public quotes), by id."""
        rows = (
            Quote.objects.using(self.using)
            .filter(_among(Quote, "id", set(ids) - {None}))
            .annotate(**context_annotations())
            .values_list(*QUOTE_COLUMNS)
        )
        return {row[0]: self.quote(row) for row in rows}

    def quote(self, values) -> dict:
        """A quote brief from ``QUOTE_COLUMNS`` values."""
        before, after = cut_words(values[2], values[10], values[11])
        return {
            "id": values[0],
            "text": values[1],
            "start": values[2],
            "end": values[3],
            "context_before": before,
            "context_after": after,
            "source": self.source(values[4:10]),
        }

    def actor_batches(self, ids: list[int] | None) -> Iterator[list[dict]]:
        # Every public actor, for the children each lists (a few thousand actors at most).
        public = sorted(self.objects(Actor).public().values_list("pk", flat=True))
        children = defaultdict(list)
        for pk in sorted(public, key=self.order.__getitem__):
            if self.parents[pk] is not None:
                children[self.parents[pk]].append(self.actors[pk])
        if ids is not None:
            public = sorted(set(public).intersection(ids))
        for start in range(0, len(public), BATCH):
            records = []
            for pk in public[start : start + BATCH]:
                row = self.rows[pk]
                records.append(
                    {
                        "id": pk,
                        "slug": row[1],
                        "name": row[2],
                        "kind": row[3],
                        "parent": self.actor(row[5]),
                        "aliases": row[6],
                        "country": row[4],
                        "wikidata_id": row[7],
                        "description": row[8],
                        "created_at": iso_datetime(row[9]),
                        "updated_at": iso_datetime(row[10]),
                        "children": children.get(pk, []),
                    }
                )
            yield records

    def source_batches(self, ids: list[int] | None) -> Iterator[list[dict]]:
        columns = [
            "id",
            "kind",
            "title",
            "publisher",
            "authors",
            "url",
            "published_on",
            "language",
            "sha256",
            "captured_at_iso",
            "archive_url",
            "created_at_iso",
            "updated_at_iso",
            "body",
        ]
        links = Source.cites.through.objects.using(self.using)
        sources = _instants(
            self.only(self.objects(Source).public(), ids), "captured_at", "created_at", "updated_at"
        )
        for rows in _walk(sources, columns):
            ids = [row[0] for row in rows]
            cites, cited_by = defaultdict(list), defaultdict(list)
            for source_id, *brief in (
                links.filter(
                    _public_source("to_source_id"), _among(links.model, "from_source_id", ids)
                )
                .order_by("from_source_id", "-to_source__published_on", "-to_source_id")
                .values_list("from_source_id", *(f"to_source__{n}" for n in SOURCE_BRIEF))
            ):
                cites[source_id].append(self.source(brief))
            for source_id, *brief in (
                links.filter(
                    _public_source("from_source_id"), _among(links.model, "to_source_id", ids)
                )
                .order_by("to_source_id", "-from_source__published_on", "-from_source_id")
                .values_list("to_source_id", *(f"from_source__{n}" for n in SOURCE_BRIEF))
            ):
                cited_by[source_id].append(self.source(brief))
            quotes = defaultdict(list)
            of_sources = self.objects(Quote).filter(_among(Quote, "source_id", ids))
            public = self.public_quotes(None if ids is None else of_sources)
            for row in (
                of_sources.annotate(**context_annotations())
                .order_by("source_id", "start", "id")
                .values_list(*QUOTE_COLUMNS)
            ):
                if not public(row[0]):
                    continue
                quote = self.quote(row)
                del quote["source"]
                quotes[row[4]].append(quote)
            records = []
            for row in rows:
                record = dict(zip(columns, row, strict=True))
                record["published_on"] = _date(record["published_on"])
                for name in ("captured_at", "created_at", "updated_at"):
                    record[name] = _iso(record.pop(f"{name}_iso"))
                record["cites"] = cites.get(row[0], [])
                record["cited_by"] = cited_by.get(row[0], [])
                record["quotes"] = quotes.get(row[0], [])
                records.append(record)
            self.sources.clear()
            yield records

    def public_quotes(self, among=None) -> Callable[[int], bool]:
        """Whether a quote (by id) is public. Of the quotes ``among`` (a queryset), probed
        for these alone; else of every quote, a byte per id: ``Quote.objects.public()`` probes
        each quote's claims, once for the sources' quotes and the quotes both."""
        if among is not None:
            return set(among.public().values_list("pk", flat=True)).__contains__
        if self._public_quotes is None:
            last = self.objects(Quote).aggregate(last=Max("id"))["last"] or 0
            self._public_quotes = bytearray(last + 1)
            public = self.objects(Quote).public().order_by().values_list("pk", flat=True)
            for pk in public.iterator(chunk_size=BATCH):
                if pk <= last:  # outside a snapshot's transaction, one made since may show
                    self._public_quotes[pk] = 1
        found = self._public_quotes
        # A quote made after the count (outside a snapshot's transaction) reads as not public
        # here; its own change mark has the next build render it.
        return lambda pk: pk < len(found) and found[pk] == 1

    def quote_batches(self, ids: list[int] | None) -> Iterator[list[dict]]:
        queryset = self.only(self.objects(Quote), ids)
        public = self.public_quotes(None if ids is None else queryset)
        queryset = _instants(queryset.annotate(**context_annotations()), "created_at", "updated_at")
        for rows in _walk(queryset, [*QUOTE_COLUMNS, "created_at_iso", "updated_at_iso"]):
            records = []
            for row in rows:
                if not public(row[0]):
                    continue
                record = self.quote(row)
                record["created_at"] = _iso(row[12])
                record["updated_at"] = _iso(row[13])
                records.append(record)
            self.sources.clear()
            yield records

    def statement_batches(self, ids: list[int] | None) -> Iterator[list[dict]]:
        queryset = (
            self.only(self.objects(Statement), ids)
            .public()
            .annotate(denied_shown=published_incident("denies__incident_id"))
        )
        queryset = _instants(queryset, "created_at", "updated_at")
        columns = [
            "id",
            "speaker_id",
            "kind",
            "said_on",
            "quote_id",
            "denies_id",
            "denies__deleted_at",
            "denied_shown",
            "created_at_iso",
            "updated_at_iso",
        ]
        links = Statement.incidents.through.objects.using(self.using)
        for rows in _walk(queryset, columns):
            about = defaultdict(list)
            for statement_id, *brief in (
                links.filter(
                    published_incident("incident_id"),
                    _among(links.model, "statement_id", [row[0] for row in rows]),
                )
                .order_by("statement_id", "-incident__start_date", "-incident_id")
                .values_list("statement_id", *(f"incident__{n}" for n in INCIDENT_BRIEF))
            ):
                about[statement_id].append(_incident_brief(brief))
            quotes = self.quotes(row[4] for row in rows)
            records = []
            for pk, speaker, kind, said_on, quote, denies, gone, shown, created, updated in rows:
                # A live denied involvement of a published incident is shown
                # (StatementInIncidentSerializer.get_denies).
                records.append(
                    {
                        "id": pk,
                        "speaker": self.actors[speaker],
                        "kind": kind,
                        "said_on": _date(said_on),
                        "quote": quotes.get(quote),
                        "denies": denies if gone is None and shown else None,
                        "incidents": about.get(pk, []),
                        "created_at": _iso(created),
                        "updated_at": _iso(updated),
                    }
                )
            self.sources.clear()
            yield records

    def report_batches(self, ids: list[int] | None) -> Iterator[list[dict]]:
        columns = [
            "id",
            *(f"incident__{name}" for name in INCIDENT_BRIEF),
            "category",
            "population",
            "min",
            "max",
            "as_of",
            "counted",
            "reported_by_id",
            "quote_id",
            "created_at_iso",
            "updated_at_iso",
        ]
        reports = self.only(self.objects(CasualtyReport).public(), ids)
        reports = _instants(reports, "created_at", "updated_at")
        for rows in _walk(reports, columns):
            quotes = self.quotes(row[13] for row in rows)
            records = [
                {
                    "id": row[0],
                    "incident": _incident_brief(row[1:6]),
                    "category": row[6],
                    "population": row[7],
                    "min": row[8],
                    "max": row[9],
                    "as_of": _date(row[10]),
                    "counted": row[11],
                    "reported_by": self.actor(row[12]),
                    "quote": quotes.get(row[13]),
                    "created_at": _iso(row[14]),
                    "updated_at": _iso(row[15]),
                }
                for row in rows
            ]
            self.sources.clear()
            yield records

    def incident_batches(self, ids: list[int] | None) -> Iterator[list[dict]]:
        for rows in _walk(self.only(self.public_incidents(), ids), INCIDENT_COLUMNS):
            yield self.incidents(rows, INCIDENT_COLUMNS)
            self.sources.clear()

    def public_incidents(self):
        return _instants(
            self.objects(Incident).public().for_listing(),
            "graded_at",
            "published_at",
            "created_at",
            "updated_at",
        )

    def incidents_among(self, ids: list[int]) -> list[dict]:
        """The public ones of the incidents ``ids`` (sorted), as their details show them."""
        incidents = self.public_incidents().filter(_among(Incident, "id", ids)).order_by("pk")
        rows = list(incidents.values_list(*INCIDENT_COLUMNS))
        records = self.incidents(rows, INCIDENT_COLUMNS) if rows else []
        self.sources.clear()
        return records

    def incidents(self, rows: list[tuple], columns: list[str]) -> list[dict]:
        ids = [row[0] for row in rows]
        parent_ids = {row[columns.index("public_parent_id")] for row in rows} - {None}
        parents = {
            brief[0]: _incident_brief(brief)
            for brief in Incident.all_objects.using(self.using)
            .filter(_among(Incident, "id", parent_ids))
            .values_list(*INCIDENT_BRIEF)
        }
        children = defaultdict(list)
        for parent_id, *brief in (
            self.objects(Incident)
            .public()
            .filter(_among(Incident, "parent_id", ids))
            .order_by("parent_id", "-start_date", "-id")
            .values_list("parent_id", *INCIDENT_BRIEF)
        ):
            children[parent_id].append(_incident_brief(brief))
        claims = self.claims(ids)
        records = []
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            involvements, reports, statements, facts, evidence = claims[record["id"]]
            for name in ("start_date", "end_date"):
                record[name] = _date(record[name])
            perpetrators = first_of_each_tree(evidence.perpetrators)
            suggested = weigh(
                publishers=evidence.publishers,
                involvements=evidence.roles,
                alleged=len(perpetrators),
                statements=evidence.statements,
                reports=evidence.reports,
            )
            graded = record.pop("graded_at_iso")
            tail = [record.pop(name) for name in columns[len(INCIDENT_FIELDS) + 1 :]]
            status, published, summary, reason, parent, created, updated = tail
            record.update(
                graded_at=_iso(graded),
                contested_between=[self.actors[a] for a in perpetrators]
                if record["attribution_grade"] == AttributionGrade.CONTESTED
                else [],
                suggested_grade=suggest_grade(suggested).as_dict(),
                status=status,
                published_at=_iso(published),
                summary=summary,
                civilian_figures_override_reason=reason,
                parent=parents.get(parent),
                children=children.get(record["id"], []),
                involvements=involvements,
                casualty_reports=reports,
                statements=statements,
                facts=facts,
                sources=[evidence.quoted[pk] for pk in sorted(evidence.quoted)],
                dataset_records=evidence.dataset_records,
                created_at=_iso(created),
                updated_at=_iso(updated),
            )
            records.append(record)
        return records

    def claims(self, ids: list[int]) -> dict[int, tuple]:
        """Each incident's involvements, casualty reports, statements and facts as its detail
        shows them, and its ``_Evidence``. The incidents ``ids`` (sorted) are a batch's, a
        range of ids whose other incidents' claims are read and left out, or a few scattered
        ones (the feed's worker rendering what a write changed), read by id."""
        found = {pk: ([], [], [], [], _Evidence()) for pk in ids}

        def within(model):
            if ids[-1] - ids[0] < 4 * len(ids):
                return Q(incident_id__gte=ids[0], incident_id__lte=ids[-1])
            return _among(model, "incident_id", ids)

        involvements = list(
            self.objects(Involvement)
            .filter(within(Involvement))
            .order_by("incident_id", "id")
            .values_list(
                "incident_id", "id", "actor_id", "role", "attributed_by_id", "note", "quote_id"
            )
        )
        reports = list(
            self.objects(CasualtyReport)
            .filter(within(CasualtyReport))
            .order_by("incident_id", "id")
            .values_list(
                "incident_id",
                "id",
                "category",
                "population",
                "min",
                "max",
                "as_of",
                "counted",
                "reported_by_id",
                "quote_id",
            )
        )
        statements = list(
            Statement.incidents.through.objects.using(self.using)
            .filter(within(Statement.incidents.through), statement__deleted_at__isnull=True)
            .annotate(denied_shown=published_incident("statement__denies__incident_id"))
            .order_by("incident_id", "-statement__said_on", "-statement_id")
            .values_list(
                "incident_id",
                "statement_id",
                "statement__speaker_id",
                "statement__kind",
                "statement__said_on",
                "statement__quote_id",
                "statement__denies_id",
                "statement__denies__deleted_at",
                "statement__denies__incident_id",
                "denied_shown",
            )
        )
        facts = list(
            self.objects(IncidentFact)
            .filter(within(IncidentFact))
            .order_by("incident_id", "fact", "id")
            .values_list("incident_id", "id", "fact", "note", "quote_id")
        )
        quotes = self.quotes(
            row[-1]
            for claims in (involvements, reports, facts)
            for row in claims
            if row[0] in found
        )
        quotes.update(self.quotes(row[5] for row in statements if row[0] in found))

        def quoted(evidence: _Evidence, quote_id, counts: bool = True) -> dict | None:
            quote = quotes.get(quote_id)
            if quote is not None:
                source = quote["source"]
                evidence.quoted[source["id"]] = source
                if counts:
                    evidence.publishers.add(publisher_key(source["publisher"], source["id"]))
            return quote

        for incident_id, pk, actor, role, by, note, quote in involvements:
            if incident_id not in found:
                continue
            claims = found[incident_id]
            claims[0].append(
                {
                    "id": pk,
                    "actor": self.actors[actor],
                    "role": role,
                    "attributed_by": self.actor(by),
                    "note": note,
                    "quote": quoted(claims[4], quote),
                }
            )
            claims[4].roles.append((role, actor))
            claims[4].perpetrators.append((role, self.root(actor), actor))
        for incident_id, pk, category, population, low, high, as_of, counted, by, quote in reports:
            if incident_id not in found:
                continue
            claims = found[incident_id]
            claims[1].append(
                {
                    "id": pk,
                    "category": category,
                    "population": population,
                    "min": low,
                    "max": high,
                    "as_of": _date(as_of),
                    "counted": counted,
                    "reported_by": self.actor(by),
                    "quote": quoted(claims[4], quote),
                }
            )
            claims[4].reports.append((category, population, low, high))
        for (
            incident_id,
            pk,
            speaker,
            kind,
            said_on,
            quote,
            denies,
            gone,
            denied_in,
            shown,
        ) in statements:
            if incident_id not in found:
                continue
            claims = found[incident_id]
            # A denial's involvement is shown when it is live, and of this incident or of
            # another published one (StatementInIncidentSerializer.get_denies).
            claims[2].append(
                {
                    "id": pk,
                    "speaker": self.actors[speaker],
                    "kind": kind,
                    "said_on": _date(said_on),
                    "quote": quoted(claims[4], quote),
                    "denies": denies
                    if gone is None and (denied_in == incident_id or shown)
                    else None,
                }
            )
            claims[4].statements.append((kind, speaker, self.parents[speaker]))
        for incident_id, pk, fact, note, quote in facts:
            if incident_id in found:
                claims = found[incident_id]
                claims[3].append(
                    {"id": pk, "fact": fact, "quote": quoted(claims[4], quote, False), "note": note}
                )
        datasets = {
            source_id
            for claims in found.values()
            for source_id, source in claims[4].quoted.items()
            if source["kind"] == SourceKind.DATASET
        }
        if datasets:
            bodies = dict(
                Source.objects.using(self.using)
                .filter(_among(Source, "id", datasets))
                .values_list("pk", "body")
            )
            for claims in found.values():
                for source_id in sorted(claims[4].quoted):
                    coded = coded_fields(bodies.get(source_id))
                    if coded is not None:
                        claims[4].dataset_records.append({"source_id": source_id, **coded})
        return found


@dataclass
class _Evidence:
    """What an incident's claims count and cite, gathered as its claims are rendered."""

    publishers: set = field(default_factory=set)
    roles: list = field(default_factory=list)
    perpetrators: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    reports: list = field(default_factory=list)
    quoted: dict = field(default_factory=dict)
    dataset_records: list = field(default_factory=list)


def _public_source(column: str) -> Probe:
    return Probe(Source.objects.public().filter(pk=OuterRef(column)))


def _incident_brief(values) -> dict:
    return {
        "id": values[0],
        "slug": values[1],
        "title": values[2],
        "start_date": _date(values[3]),
        "end_date": _date(values[4]),
    }
