import hashlib
import operator
from functools import reduce

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Length

from config.expressions import Probe
from config.validators import MAX_LIST_ITEMS, not_in_the_future

from .choices import SourceKind


def _rests_on(model: type[models.Model]) -> list[Probe]:
    """One EXISTS per model with a foreign key to ``model`` whose manager has ``public()``.

    This is how evidence learns it is public without knowing what it is evidence of: any claim
    model that points at it and can say which of its rows are public counts.
    """
    conditions = []
    for relation in model._meta.related_objects:
        manager = relation.related_model._default_manager
        if relation.one_to_many and hasattr(manager, "public"):
            rows = manager.public().filter(**{relation.field.name: OuterRef("pk")})
            conditions.append(Probe(rows))
    return conditions


class SourceQuerySet(models.QuerySet):
    def public(self) -> "SourceQuerySet":
        """Sources with a public quote, and the documents such sources cite."""
        with_public_quote = Probe(Quote.objects.public().filter(source=OuterRef("pk")))
        cited_by_one = Probe(
            Source.cites.through.objects.filter(to_source=OuterRef("pk")).filter(
                Probe(Quote.objects.public().filter(source=OuterRef("from_source")))
            )
        )
        return self.filter(with_public_quote | cited_by_one)


class QuoteQuerySet(models.QuerySet):
    def public(self) -> "QuoteQuerySet":
        """Quotes that a public claim rests on."""
        conditions = _rests_on(Quote)
        if not conditions:
            return self.none()
        return self.filter(reduce(operator.or_, conditions))


def body_sha256(body: str) -> str:
    """The hex SHA-256 of a body's UTF-8 bytes; empty for a source known only by citation."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest() if body else ""


class Source(models.Model):
    """A document: the text that claims rest on, exactly as it was captured."""

    kind = models.CharField(max_length=32, choices=SourceKind.choices)
    title = models.CharField(max_length=500)
    publisher = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        help_text=(
            "Who published the document, as it names itself; null when unknown (never a "
            "placeholder such as 'Unknown publisher')."
        ),
    )
    authors = ArrayField(
        models.CharField(max_length=200),
        size=MAX_LIST_ITEMS,
        default=list,
        blank=True,
        help_text="Authors' names as the document gives them, in its order.",
    )
    url = models.URLField(
        max_length=2000,
        null=True,
        blank=True,
        unique=True,
        help_text="Where the document was published; unique when given.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        validators=[not_in_the_future],
        help_text="The publication date the document states; not after today.",
    )
    language = models.CharField(
        max_length=35, blank=True, help_text="BCP 47 language tag of the body, e.g. 'en' or 'ar'."
    )
    body = models.TextField(
        max_length=2_000_000,
        blank=True,
        help_text=(
            "The full text exactly as captured; quotes are character spans of it. Empty for a "
            "document known only because another source cites it."
        ),
    )
    sha256 = models.CharField(
        "SHA-256",
        max_length=64,
        editable=False,
        blank=True,
        help_text="Hex SHA-256 of the body's UTF-8 bytes, computed on save; empty with no body.",
    )
    captured_at = models.DateTimeField(
        null=True, blank=True, help_text="When the body was captured from the document."
    )
    archive_url = models.URLField(
        max_length=2000, blank=True, help_text="A permanent archived copy (e.g. Wayback Machine)."
    )
    cites = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="cited_by",
        blank=True,
        help_text="Documents this one reports on, e.g. the NGO report a news article covers.",
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config="english")
        + SearchVector("publisher", weight="B", config="english")
        + SearchVector("body", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    dataset_row = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text=(
            "For a dataset record an import kept: the row as its file gave it, "
            '{"columns": [the file\'s header, in order], "cells": [the row\'s cells, as text]}, '
            "so that an export gives the file back as it was."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="sources_source_search"),
            # The list's order, walked from the top (a page stops after its rows).
            models.Index(
                models.F("published_on").desc(), models.F("id").desc(), name="sources_source_newest"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url=""), name="%(app_label)s_%(class)s_url_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^([0-9a-f]{64})?$"),
                name="%(app_label)s_%(class)s_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.pk is None:
            return
        broken = [q.pk for q in self.quotes.all() if self.body[q.start : q.end] != q.text]
        if broken:
            raise ValidationError(
                {
                    "body": (
                        "Quotes point into this body and would no longer be verbatim: "
                        + ", ".join(f"quote {pk}" for pk in broken[:20])
                        + ". A captured body does not change; ingest a new source instead."
                    )
                }
            )

    def save(self, *args, **kwargs):
        # An unknown publisher has one spelling: null, never an empty string.
        if self.publisher is not None and not self.publisher.strip():
            self.publisher = None
        # A database trigger computes the same value for writes that bypass save().
        self.sha256 = body_sha256(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sha256"}
        super().save(*args, **kwargs)


class Quote(models.Model):
    """A verbatim span of one source's body, the evidence a claim points at.

    ``body[start:end] == text`` always holds: ``save()`` refuses anything else, finding the
    offsets when only the text is given, and a database trigger backs it up.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField(
        max_length=20_000,
        help_text="The exact words, character for character, as in the body.",
    )
    start = models.PositiveIntegerField(
        null=False,
        blank=True,
        help_text="Offset of the first character in the source body (0-based, in characters).",
    )
    end = models.PositiveIntegerField(
        null=False,
        blank=True,
        help_text="Offset just past the last character: body[start:end] is the text.",
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("text", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["source_id", "start", "id"]
        indexes = [GinIndex(fields=["search_vector"], name="sources_quote_search")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "start", "end"], name="%(app_label)s_%(class)s_unique_span"
            ),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")),
                name="%(app_label)s_%(class)s_start_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("text")),
                name="%(app_label)s_%(class)s_span_length_is_text_length",
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"“{text}”"

    def locate(self) -> None:
        """Set ``start`` and ``end`` from the text, or check the given ones; raise if impossible."""
        body, text = self.source.body, self.text
        if not text:
            raise ValidationError({"text": "A quote needs the words it quotes."})
        if self.start is None:
            count = body.count(text)
            if count == 0:
                raise ValidationError(
                    {"text": f"This text does not occur in the body of source {self.source_id}."}
                )
            if count > 1:
                raise ValidationError(
                    {
                        "start": (
                            f"This text occurs {count} times in the body of source "
                            f"{self.source_id}; give the start offset of the one you mean."
                        )
                    }
                )
            self.start = body.index(text)
        if self.end is None:
            self.end = self.start + len(text)
        if body[self.start : self.end] != text:
            where = list(_find_all(body, text))
            hint = (
                f" The text occurs at offset(s) {', '.join(map(str, where[:10]))}."
                if where
                else " The text does not occur in the body at all."
            )
            raise ValidationError(
                {
                    "text": (
                        f"Not verbatim: body[{self.start}:{self.end}] of source {self.source_id} "
                        f"is not this text.{hint}"
                    )
                }
            )

    def clean(self) -> None:
        if self.source_id is not None:
            self.locate()

    def save(self, *args, **kwargs):
        self.locate()
        super().save(*args, **kwargs)


def _find_all(body: str, text: str):
    at = body.find(text)
    while at != -1:
        yield at
        at = body.find(text, at + 1)
