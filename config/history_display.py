"""History rows as an editor reads them: field labels, choice labels and names, not ids.

The rows (``incidents.HistoryEvent``) hold each record as the database stored it: columns
such as ``published_by_id`` and codes such as ``air_drone_strike``. Here each change is
named by its field's label, a coded value by its choice's label, and a reference by the
record's name, fetched once per model for a whole page of rows.
"""

import json
from collections import defaultdict
from functools import cache

from django.apps import apps
from django.contrib.admin.utils import quote
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst

UNVERSIONED = {"id", "created_at", "updated_at"}
LINK_WORDS = {"insert": "Link added", "delete": "Link removed"}
LONG_VALUE = 300


def history_value(value) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > LONG_VALUE:
        return f"{text[:LONG_VALUE]}… ({len(text):,} characters)"
    return text


@cache
def _tables() -> dict[str, type[models.Model]]:
    return {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}


@cache
def _columns(table: str) -> dict[str, models.Field]:
    model = _tables().get(table)
    if model is None:
        return {}
    return {field.column: field for field in model._meta.concrete_fields}


def _change_url(model: type[models.Model], pk) -> str:
    try:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_change"
        return reverse(name, args=[quote(pk)])
    except NoReverseMatch:
        return ""


def describe_events(events, record: models.Model) -> list[dict]:
    """One dict per row, for ``admin/ledger/history.html``; ``record`` is the page's record.

    A row of another table (a claim on its incident's page, a link table) says which record
    it is about, with a link to it.
    """
    events = list(events)
    names = _names_of_references(events)
    described = []
    for event in events:
        columns = _columns(event.table)
        model = _tables().get(event.table)
        created = event.operation == "insert"
        changes = []
        for column, (before, after) in event.changes.items():
            if column in UNVERSIONED or (created and after in (None, "", [])):
                continue
            field = columns.get(column)
            changes.append(
                {
                    "field": str(field.verbose_name) if field is not None else column,
                    "before": None if created else _shown(field, before, names),
                    "after": _shown(field, after, names),
                }
            )
        # A link table's row belongs to the record that declares the many-to-many relation.
        owner = (model._meta.auto_created or model) if model is not None else None
        what = event.get_operation_display()
        if owner is not model and event.operation != "purge":
            what = LINK_WORDS.get(event.operation, "Link changed")
        about, about_url = "", ""
        if owner is not None and not (owner is type(record) and event.object_id == record.pk):
            about = f"{capfirst(owner._meta.verbose_name)} {event.object_id}"
            about_url = _change_url(owner, event.object_id)
        described.append(
            {
                "event": event,
                "what": what,
                "about": about,
                "about_url": about_url,
                "table": event.table,
                "changes": changes,
            }
        )
    return described


def _shown(field: models.Field | None, value, names: dict) -> str:
    if field is None or value in (None, ""):
        return history_value(value)
    if field.is_relation and field.related_model is not None:
        name = names.get((field.related_model, _key(value)))
        return f"{name} (#{value})" if name is not None else f"#{value} (no longer exists)"
    if field.choices:
        labels = dict(field.flatchoices)
        if isinstance(value, list):
            return history_value([str(labels.get(item, item)) for item in value])
        return history_value(str(labels.get(value, value)))
    return history_value(value)


def _key(value) -> str:
    return str(value)


def _names_of_references(events) -> dict:
    """``{(model, id): name}`` of every record a page of rows refers to: one query a model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for event in events:
        columns = _columns(event.table)
        for column, pair in event.changes.items():
            field = columns.get(column)
            if field is None or not field.is_relation or field.related_model is None:
                continue
            wanted[field.related_model].update(_key(value) for value in pair if value is not None)
    names = {}
    for model, keys in wanted.items():
        manager = getattr(model, "all_objects", model._base_manager)
        for obj in manager.filter(pk__in=keys):
            names[(model, _key(obj.pk))] = str(obj)
    return names
