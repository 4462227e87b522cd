"""CSV import and export of actors and incidents (django-import-export), for the admin.

Rows name records by slug: an actor's parent and an incident's parent are slugs, and a row
whose slug exists updates that record. Lists (aliases, weapons) are separated by ``|``. Rows
are saved one by one through ``save()`` after ``full_clean()``, so each row's errors are its
own, the models' rules apply and the history triggers record each row. Status is exported but
never imported: incidents change status only through the workflow.
"""

import re

import tablib
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from .choices import IncidentStatus
from .models import Actor, Incident

LIST_SEPARATOR = "|"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def defuse(cell) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (OWASP's CSV injection
    advice: a leading quote before =, +, -, @, tab or CR). Plain numbers stay numbers."""
    text = "" if cell is None else str(cell)
    if text.startswith(FORMULA_START) and not NUMBER.match(text):
        return "'" + text
    return text


def restore(cell):
    """The value :func:`defuse` wrote, so that an exported file imports unchanged."""
    if isinstance(cell, str) and cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


class LedgerCSV(base_formats.CSV):
    """CSV whose exported cells cannot run as spreadsheet formulae, whatever the settings say
    (``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only strips a leading "=")."""

    def export_data(self, dataset, **kwargs):
        safe = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            safe.append([defuse(cell) for cell in row])
        return safe.export(self.get_title(), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        restored = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            restored.append([restore(cell) for cell in row])
        return restored


class SlugWidget(widgets.ForeignKeyWidget):
    """A related record named by its slug; an unknown slug is a clear row error."""

    def __init__(self, model):
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                f"No {self.model._meta.verbose_name} has the slug {value!r}; "
                "list a parent in an earlier row or create it first."
            ) from None


class ListWidget(widgets.SimpleArrayWidget):
    def __init__(self):
        super().__init__(separator=LIST_SEPARATOR)

    def clean(self, value, row=None, **kwargs):
        return [item.strip() for item in super().clean(value, row, **kwargs) if item.strip()]


class OptionalIdWidget(widgets.CharWidget):
    """An external id: an empty cell is no id (NULL), never an empty string."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        return text or None


class LedgerResource(resources.ModelResource):
    """Shared behaviour: rows validated by the model, saved one at a time, unchanged skipped."""

    class Meta:
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        # Row by row through save(): per-row errors, the model's save logic, one history row each.
        use_bulk = False


class ActorResource(LedgerResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=SlugWidget(Actor))
    aliases = fields.Field(attribute="aliases", column_name="aliases", widget=ListWidget())

    class Meta(LedgerResource.Meta):
        model = Actor
        fields = [
            "slug",
            "name",
            "kind",
            "parent",
            "aliases",
            "country",
            "wikidata_id",
            "description",
        ]
        export_order = fields


class IncidentResource(LedgerResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=SlugWidget(Incident))
    weapons = fields.Field(attribute="weapons", column_name="weapons", widget=ListWidget())
    acled_event_id = fields.Field(
        attribute="acled_event_id", column_name="acled_event_id", widget=OptionalIdWidget()
    )
    airwars_code = fields.Field(
        attribute="airwars_code", column_name="airwars_code", widget=OptionalIdWidget()
    )
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta(LedgerResource.Meta):
        model = Incident
        fields = [
            "slug",
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
            "parent",
            "civilian_deaths_min",
            "civilian_deaths_max",
            "civilian_injuries_min",
            "civilian_injuries_max",
            "weapons",
            "acled_event_id",
            "ucdp_ged_id",
            "airwars_code",
            "status",
        ]
        export_order = fields

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if instance._state.adding:
            instance.created_by = user if getattr(user, "is_authenticated", False) else None
        elif instance.status in (IncidentStatus.PUBLISHED, IncidentStatus.RETRACTED) and not (
            user is not None and user.has_perm("incidents.publish_incident")
        ):
            raise ValidationError(
                f"Incident {instance.slug!r} is {instance.status}; only a reviewer may change it."
            )
