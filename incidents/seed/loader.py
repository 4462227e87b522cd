"""Load the curated seed (``curation.json`` and the article files beside it), idempotently.

Every record is found by a natural key and written only when a value differs, so a second
run changes nothing, not even ``updated_at``.

A database loaded with an earlier seed is upgraded in place: a claim whose role, quote,
author or kind the corrected seed changed is found again by what stayed (its actor and quote,
or its actor and role, ...) and updated, so its history shows the change; what the seed no
longer has is removed (soft-deleted, or deleted for a quote nothing rests on). Only records
the seed itself wrote are ever matched loosely or removed: those whose history begins with an
insert by the ``load_seed`` command. An editor's records on the seed's incidents stay as they
are.

Incidents are published as any other path publishes them: only once every fact and claim
rests on a quote (or a fact on an editor's note), with ``published_at`` stamped; a seed that
breaks the rule is refused, reasons listed.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from incidents.choices import IncidentStatus
from incidents.models import (
    Actor,
    CasualtyReport,
    HistoryEvent,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
)
from sources.models import Quote, Source

SEED_DIR = Path(__file__).resolve().parent
SEED_COMMAND = "command:load_seed"
"""The channel the history records the seed's writes under: how a record is known as the
seed's own."""


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)

    def note(self, model: type[models.Model], outcome: str) -> None:
        getattr(self, outcome)[str(model._meta.verbose_name_plural)] += 1

    @property
    def changed(self) -> bool:
        return bool(
            sum(self.created.values()) or sum(self.updated.values()) or sum(self.removed.values())
        )


def _upsert(report: LoadReport, model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None and hasattr(model, "all_objects"):
        # A soft-deleted record holds the key still (the unique constraints count it): the
        # seed has it again, so it is restored, and the history says so.
        obj = model.all_objects.filter(**lookup, deleted_at__isnull=False).first()
        if obj is not None:
            values = {**values, "deleted_at": None, "deleted_by": None}
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.note(model, "created")
        return obj
    _write(report, model, obj, values)
    return obj


def _write(report: LoadReport, model, obj, values: dict) -> None:
    """Set ``values`` on ``obj``, saving only when one differs."""
    differs = [name for name, value in values.items() if getattr(obj, name) != value]
    if differs:
        for name in differs:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        report.note(model, "updated")
    else:
        report.note(model, "unchanged")


def _seeded(*models) -> dict:
    """Ids of each model's records that the seed command created, in one read of the history."""
    tables = {model._meta.db_table: model for model in models}
    found: dict = {model: set() for model in models}
    events = HistoryEvent.objects.filter(
        table__in=list(tables), operation="insert", via=SEED_COMMAND
    ).values_list("table", "object_id")
    for table, object_id in events:
        found[tables[table]].add(object_id)
    return found


def seed_present() -> bool:
    """Whether the database already holds records the seed command wrote."""
    return HistoryEvent.objects.filter(via=SEED_COMMAND, operation="insert").exists()


def _claims(report: LoadReport, model, wanted: list[tuple[dict, dict]], live, loose, seeded):
    """Write the claims ``wanted`` (natural key, values) of one scope, whose live records are
    ``live``: each key found as it is, else (the seed's own records only) by the first of the
    ``loose`` key subsets that names exactly one record no other claim took; the rest is
    created. Returns the records, in ``wanted``'s order, and the seed's live records that no
    claim took (what the seed no longer has)."""
    pool = list(live)
    taken: set[int] = set()
    found: list = [None] * len(wanted)

    def matches(obj, key: dict, names) -> bool:
        return all(getattr(obj, name) == key[name] for name in names)

    for i, (key, _) in enumerate(wanted):
        obj = next((o for o in pool if o.pk not in taken and matches(o, key, key)), None)
        if obj is not None:
            found[i] = obj
            taken.add(obj.pk)
    for names in loose:
        for i, (key, _) in enumerate(wanted):
            if found[i] is not None:
                continue
            candidates = [
                o for o in pool if o.pk not in taken and o.pk in seeded and matches(o, key, names)
            ]
            if len(candidates) == 1:
                found[i] = candidates[0]
                taken.add(found[i].pk)
    for i, (key, values) in enumerate(wanted):
        obj = found[i]
        if obj is None:
            found[i] = _upsert(report, model, key, values)
            continue
        _write(report, model, obj, {**key, **values})
    left = [o for o in pool if o.pk not in taken and o.pk in seeded]
    return found, left


def _remove(report: LoadReport, records) -> None:
    """Soft-delete what the seed no longer has (the history keeps it)."""
    for record in records:
        record.delete()
        report.removed[str(record._meta.verbose_name_plural)] += 1


def _set_links(report: LoadReport, manager, targets: list, label: str) -> None:
    if {t.pk for t in manager.all()} != {t.pk for t in targets}:
        manager.set(targets)
        report.updated[label] += 1


def _read_article(name: str) -> str:
    with open(SEED_DIR / name, encoding="utf-8", newline="") as f:
        return f.read()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@transaction.atomic
def load_seed(path: Path = SEED_DIR / "curation.json") -> LoadReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    report = LoadReport()

    sources: dict[str, Source] = {}
    for item in data["sources"]:
        # A cited document without a URL is known by its title.
        lookup = {"url": item["url"]} if item.get("url") else {"title": item["title"], "url": None}
        values = {
            "kind": item["kind"],
            "publisher": item.get("publisher") or None,
            "authors": item.get("authors") or [],
            "published_on": _date(item.get("published_on")),
            "captured_at": _datetime(item.get("captured_at")),
            "language": item.get("language") or "",
            "archive_url": item.get("archive_url") or "",
            "body": _read_article(item["file"]) if item.get("file") else "",
        }
        if "title" not in lookup:
            values["title"] = item["title"]
        sources[item["key"]] = _upsert(report, Source, lookup, values)
    for item in data["sources"]:
        cited = [sources[k] for k in item.get("cites", [])]
        _set_links(report, sources[item["key"]].cites, cited, "citations of sources")

    actors: dict[str, Actor] = {}
    for item in data["actors"]:
        actors[item["slug"]] = _upsert(
            report,
            Actor,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "kind": item["kind"],
                "parent": actors[item["parent"]] if item.get("parent") else None,
                "aliases": item.get("aliases") or [],
                "country": item.get("country") or "",
                "wikidata_id": item.get("wikidata_id") or "",
                "description": item.get("description") or "",
            },
        )

    seeded = _seeded(Quote, Incident, Involvement, CasualtyReport, Statement, IncidentFact)
    quotes: dict[str, Quote] = {}
    for item in data["quotes"]:
        source = sources[item["source"]]
        quote = Quote(source=source, text=item["text"], start=item.get("start"))
        quote.locate()
        quotes[item["key"]] = _upsert(
            report,
            Quote,
            {"source": source, "start": quote.start, "end": quote.end},
            {"text": quote.text},
        )

    incidents: dict[str, Incident] = {}
    for item in data["incidents"]:
        incident = _upsert(
            report,
            Incident,
            {"slug": item["slug"]},
            {
                "title": item["title"],
                "summary": item.get("summary") or "",
                "type": item["type"],
                "sub_type": item["sub_type"],
                "start_date": _date(item["start_date"]),
                "end_date": _date(item.get("end_date")),
                "date_precision": item.get("date_precision") or "day",
                "country": item["country"],
                "other_countries": item.get("other_countries") or [],
                "admin1": item.get("admin1") or "",
                "location_name": item.get("location_name") or "",
                "latitude": item.get("latitude"),
                "longitude": item.get("longitude"),
                "geo_precision": item.get("geo_precision") or "",
                "parent": incidents[item["parent"]] if item.get("parent") else None,
                "civilian_deaths_min": item.get("civilian_deaths_min"),
                "civilian_deaths_max": item.get("civilian_deaths_max"),
                "civilian_injuries_min": item.get("civilian_injuries_min"),
                "civilian_injuries_max": item.get("civilian_injuries_max"),
                "weapons": item.get("weapons") or [],
                "civilian_figures_override_reason": (
                    item.get("civilian_figures_override_reason") or ""
                ),
            },
        )
        incidents[item["slug"]] = incident
        _, left = _claims(
            report,
            Involvement,
            [
                (
                    {
                        "incident": incident,
                        "actor": actors[part["actor"]],
                        "role": part["role"],
                        "quote": quotes[part["quote"]],
                        "attributed_by": (
                            actors[part["attributed_by"]] if part.get("attributed_by") else None
                        ),
                    },
                    {"note": part.get("note") or ""},
                )
                for part in item.get("involvements", [])
            ],
            incident.involvements.all(),
            loose=[("actor", "quote"), ("actor", "role")],
            seeded=seeded[Involvement],
        )
        _remove(report, left)
        _, left = _claims(
            report,
            CasualtyReport,
            [
                (
                    {
                        "incident": incident,
                        "category": part["category"],
                        "population": part["population"],
                        "reported_by": (
                            actors[part["reported_by"]] if part.get("reported_by") else None
                        ),
                        "quote": quotes[part["quote"]],
                    },
                    {
                        "min": part.get("min"),
                        "max": part.get("max"),
                        "as_of": _date(part.get("as_of")),
                        "counted": bool(part.get("counted")),
                    },
                )
                for part in item.get("casualty_reports", [])
            ],
            incident.casualty_reports.all(),
            loose=[("category", "population", "reported_by", "quote"), ("category", "quote")],
            seeded=seeded[CasualtyReport],
        )
        _remove(report, left)
        _, left = _claims(
            report,
            IncidentFact,
            [
                # One citation per quote, or the editor's note when no quote says it.
                (
                    {"incident": incident, "fact": part["fact"], "quote": quote},
                    {"note": "" if quote else part.get("note") or ""},
                )
                for part in item.get("facts", [])
                for quote in ([quotes[key] for key in part.get("quotes", [])] or [None])
            ],
            incident.facts.all(),
            loose=[],
            seeded=seeded[IncidentFact],
        )
        _remove(report, left)
    _remove(
        report,
        Incident.objects.filter(pk__in=seeded[Incident]).exclude(
            pk__in=[i.pk for i in incidents.values()]
        ),
    )

    statements, left = _claims(
        report,
        Statement,
        [
            (
                {
                    "speaker": actors[item["speaker"]],
                    "quote": quotes[item["quote"]],
                    "kind": item["kind"],
                },
                {"said_on": _date(item.get("said_on"))},
            )
            for item in data["statements"]
        ],
        Statement.objects.filter(
            models.Q(quote__in=list(quotes.values())) | models.Q(pk__in=seeded[Statement])
        ),
        loose=[("speaker", "quote")],
        seeded=seeded[Statement],
    )
    _remove(report, left)
    for item, statement in zip(data["statements"], statements, strict=True):
        about = [incidents[slug] for slug in item.get("incidents", [])]
        _set_links(report, statement.incidents, about, "incidents of statements")

    # A quote the seed no longer has goes when nothing rests on it, a removed claim included
    # (a claim keeps its quote: PROTECT); one still under a removed claim stays, and is not
    # public, since no live claim rests on it.
    kept = {q.pk for q in quotes.values()}
    for quote in Quote.objects.filter(pk__in=seeded[Quote]).exclude(pk__in=kept):
        if not any(
            model.all_objects.filter(quote=quote).exists()
            for model in (Involvement, CasualtyReport, Statement, IncidentFact)
        ):
            quote.delete()
            report.removed[str(Quote._meta.verbose_name_plural)] += 1
    for incident in incidents.values():
        _publish(report, incident)
    return report


def _publish(report: LoadReport, incident: Incident) -> None:
    """Publish a seed incident as ``services.incident_publish`` would (the seed is the
    reviewers' work, so it skips the review step): refused, reasons listed, while a fact or
    claim of it rests on nothing."""
    from incidents.services import publish_refusal

    if incident.status == IncidentStatus.PUBLISHED and incident.published_at is not None:
        return
    refusal = publish_refusal(incident)
    if refusal is not None:
        raise ValidationError({incident.slug: refusal.messages})
    incident.status = IncidentStatus.PUBLISHED
    incident.published_at = incident.published_at or timezone.now()
    incident.save(update_fields=["status", "published_at", "updated_at"])
    report.note(Incident, "updated")
