"""Load the curated seed (``curation.json`` and the article files beside it), idempotently.

Every record is found by a natural key and written only when a value differs, so a second
run changes nothing, not even ``updated_at``. Incidents are published as any other path
publishes them: only once every fact and claim rests on a quote (or a fact on an editor's
note), with ``published_at`` stamped; a seed that breaks the rule is refused, reasons listed.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from incidents.choices import IncidentStatus
from incidents.models import (
    Actor,
    CasualtyReport,
    Incident,
    IncidentFact,
    Involvement,
    Statement,
)
from sources.models import Quote, Source

SEED_DIR = Path(__file__).resolve().parent


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def note(self, model: type[models.Model], outcome: str) -> None:
        getattr(self, outcome)[str(model._meta.verbose_name_plural)] += 1

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


def _upsert(report: LoadReport, model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.note(model, "created")
        return obj
    differs = [name for name, value in values.items() if getattr(obj, name) != value]
    if differs:
        for name in differs:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        report.note(model, "updated")
    else:
        report.note(model, "unchanged")
    return obj


def _set_links(report: LoadReport, manager, targets: list, label: str) -> None:
    if {t.pk for t in manager.all()} != {t.pk for t in targets}:
        manager.set(targets)
        report.updated[label] += 1


def _read_article(name: str) -> str:
    with open(SEED_DIR / name, encoding="utf-8", newline="") as f:
        return f.read()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


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
            "publisher": item.get("publisher") or "",
            "authors": item.get("authors") or [],
            "published_on": _date(item.get("published_on")),
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
        for part in item.get("involvements", []):
            _upsert(
                report,
                Involvement,
                {
                    "incident": incident,
                    "actor": actors[part["actor"]],
                    "role": part["role"],
                    "quote": quotes[part["quote"]],
                },
                {"note": part.get("note") or ""},
            )
        for part in item.get("casualty_reports", []):
            _upsert(
                report,
                CasualtyReport,
                {
                    "incident": incident,
                    "category": part["category"],
                    "population": part["population"],
                    "reported_by": actors[part["reported_by"]] if part.get("reported_by") else None,
                    "quote": quotes[part["quote"]],
                },
                {
                    "min": part.get("min"),
                    "max": part.get("max"),
                    "as_of": _date(part.get("as_of")),
                    "counted": bool(part.get("counted")),
                },
            )
        for part in item.get("facts", []):
            # One citation per quote, or the editor's note when no quote says it.
            cited = [quotes[key] for key in part.get("quotes", [])] or [None]
            for quote in cited:
                _upsert(
                    report,
                    IncidentFact,
                    {"incident": incident, "fact": part["fact"], "quote": quote},
                    {"note": "" if quote else part.get("note") or ""},
                )

    for item in data["statements"]:
        statement = _upsert(
            report,
            Statement,
            {
                "speaker": actors[item["speaker"]],
                "quote": quotes[item["quote"]],
                "kind": item["kind"],
            },
            {"said_on": _date(item.get("said_on"))},
        )
        about = [incidents[slug] for slug in item.get("incidents", [])]
        _set_links(report, statement.incidents, about, "incidents of statements")

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
