import ast
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from sources.models import Quote, Source
from tests.factories import QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

BODY = "The strike hit the market. Officials denied it. The strike hit the market again."


def test_sha256_is_computed_from_the_body_and_cannot_be_typed():
    source = SourceFactory(body=BODY)
    source.sha256 = "0" * 64
    source.save()
    source.refresh_from_db()
    assert source.sha256 == hashlib.sha256(BODY.encode()).hexdigest()


def test_sha256_follows_a_body_changed_behind_the_models_back():
    source = SourceFactory()
    Source.objects.filter(pk=source.pk).update(body="Rewritten.", sha256="f" * 64)
    source.refresh_from_db()
    assert source.sha256 == hashlib.sha256(b"Rewritten.").hexdigest()


def test_a_source_known_only_by_citation_has_no_hash():
    source = SourceFactory(body="")
    assert source.sha256 == ""


def test_urls_are_unique_when_given():
    SourceFactory(url="https://example.org/a", body="")
    SourceFactory(url=None, body="")
    SourceFactory(url=None, body="")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(url="https://example.org/a", body="")


def test_an_empty_url_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="url_not_empty"), transaction.atomic():
        SourceFactory(url="")


def test_a_quote_given_only_its_text_gets_its_offsets():
    quote = QuoteFactory(source=SourceFactory(body=BODY), text="Officials denied it.")
    assert (quote.start, quote.end) == (27, 47)
    assert BODY[quote.start : quote.end] == quote.text


def test_a_quote_whose_span_differs_from_its_text_is_refused():
    source = SourceFactory(body=BODY)
    with pytest.raises(ValidationError, match="Not verbatim: body\\[0:20\\]"):
        Quote(source=source, text="Officials denied it.", start=0, end=20).save()
    assert not Quote.objects.exists()


def test_a_quote_of_text_that_occurs_twice_needs_its_offset():
    source = SourceFactory(body=BODY)
    with pytest.raises(ValidationError, match="occurs 2 times .* give the start offset"):
        Quote(source=source, text="The strike hit the market").save()
    second = Quote.objects.create(source=source, text="The strike hit the market", start=48)
    assert (second.start, second.end) == (48, 73)


def test_a_quote_of_text_not_in_the_body_is_refused():
    with pytest.raises(ValidationError, match="does not occur in the body"):
        Quote(source=SourceFactory(body=BODY), text="Nobody was hurt.").save()


def test_an_empty_quote_is_refused():
    with pytest.raises(ValidationError, match="needs the words"):
        Quote(source=SourceFactory(body=BODY), text="").save()


def test_the_database_refuses_a_quote_that_is_not_verbatim():
    source = SourceFactory(body=BODY)
    with pytest.raises(IntegrityError, match="not verbatim"), transaction.atomic():
        Quote.objects.bulk_create([Quote(source=source, text="Officials denied", start=0, end=16)])


def test_the_database_refuses_a_quote_past_the_end_of_the_body():
    source = SourceFactory(body="Short.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.bulk_create([Quote(source=source, text="Short.xx", start=0, end=8)])


@pytest.mark.parametrize(
    ("start", "end", "constraint"),
    # The verbatim trigger runs before the length check and names the same fault.
    [(5, 5, "start_before_end"), (0, 19, "not verbatim|span_length_is_text_length")],
)
def test_quote_offsets_are_checked_by_the_database(start, end, constraint):
    source = SourceFactory(body=BODY)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Quote.objects.bulk_create([Quote(source=source, text="", start=start, end=end)])


def test_changing_a_body_under_its_quotes_is_refused():
    quote = QuoteFactory()
    with pytest.raises(IntegrityError, match="would break quote"), transaction.atomic():
        Source.objects.filter(pk=quote.source_id).update(body="Something else entirely.")


def test_a_source_with_quotes_cannot_be_deleted():
    quote = QuoteFactory()
    with pytest.raises(ProtectedError):
        quote.source.delete()


def test_cites_links_a_report_to_the_documents_it_covers():
    article, report = SourceFactory(), SourceFactory(body="")
    article.cites.add(report)
    assert list(report.cited_by.all()) == [article]
    assert list(report.cites.all()) == []


def test_sources_never_imports_incidents():
    app = Path(__file__).resolve().parents[2] / "sources"
    for path in app.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "incidents" for name in names), path
