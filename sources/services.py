"""Writes on sources that carry rules."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from .choices import SourceKind
from .models import Source, body_sha256


class DuplicateSource(Exception):
    """The document is already stored: ``existing`` has the same text or the same URL."""

    def __init__(self, existing: Source, same: str):
        self.existing = existing
        self.same = same
        where = f", {existing.url}" if existing.url else ""
        super().__init__(
            f"Refused: source {existing.pk} “{existing.title}”{where} already has the same {same}."
        )


def source_ingest(
    *,
    body: str,
    title: str,
    publisher: str,
    kind: str = SourceKind.NEWS_ARTICLE,
    url: str | None = None,
    published_on: date | None = None,
    language: str = "",
    authors: list[str] | None = None,
    dry_run: bool = False,
) -> Source:
    """Store a captured document as a Source, its body exactly ``body``, captured now.

    Raises ``DuplicateSource`` when a source has the same body (by hash) or the same URL, and
    ``ValidationError`` for anything the model refuses; with ``dry_run`` it checks all that
    and returns the unsaved source.
    """
    if not body.strip():
        raise ValidationError({"body": "The document has no text."})
    existing = Source.objects.filter(sha256=body_sha256(body)).order_by("id").first()
    if existing is not None:
        raise DuplicateSource(existing, "text")
    if url:
        existing = Source.objects.filter(url=url).first()
        if existing is not None:
            raise DuplicateSource(existing, "URL")
    source = Source(
        kind=kind,
        title=title,
        publisher=publisher,
        url=url or None,
        published_on=published_on,
        language=language,
        authors=authors or [],
        body=body,
        captured_at=timezone.now(),
    )
    source.full_clean()
    if not dry_run:
        source.save()
    return source
