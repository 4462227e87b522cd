import datetime
import io
import sys

import pytest
from django.core.management import CommandError, call_command

from sources.html import html_to_text
from sources.models import Source, body_sha256
from tests import factories

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Russia reportedly kills hundreds of civilians in Syria\r\n\r\n"
    "Amnesty International says Russian airstrikes in Syria have killed at least 200 civilians.\n"
    "“Some Russian airstrikes appear to have directly attacked civilians,” it said.\n"
)
PAGE = """<!DOCTYPE html>
<html><head><title>Site — DW</title><style>p { color: red }</style>
<script>var ad = "<p>buy now</p>";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>US warns Russia over civilian deaths in Syria</h1>
<p>The US has   warned Russia
over civilian deaths&nbsp;in Syria.</p>
<p>&ldquo;Russia&rsquo;s strikes have killed civilians,&rdquo; the State Department said.<br>
Moscow denied it.</p>
<ul><li>Airstrikes</li><li>Cluster munitions</li></ul>
<pre>  a   table
  of  figures</pre>
</article>
<footer>© 2015 Deutsche Welle</footer></body></html>
"""
# The article by trafilatura: a block a paragraph (a line break too), list items marked.
PAGE_TEXT = (
    "US warns Russia over civilian deaths in Syria\n\n"
    "The US has warned Russia over civilian deaths in Syria.\n\n"
    "“Russia’s strikes have killed civilians,” the State Department said.\n\nMoscow denied it.\n\n"
    "- Airstrikes\n\n"
    "- Cluster munitions\n\n"
    "  a   table\n\n  of  figures"
)


def ingest(*args, stdin: str | None = None) -> str:
    out = io.StringIO()
    if stdin is not None:
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        try:
            call_command("ingest_article", *args, stdout=out)
        finally:
            sys.stdin = saved
    else:
        call_command("ingest_article", *args, stdout=out)
    return out.getvalue()


def test_a_text_file_is_stored_exactly_with_its_hash_and_capture_time(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))

    output = ingest(
        str(path),
        "--title",
        "Russia reportedly kills hundreds of civilians in Syria",
        "--publisher",
        "Amnesty International",
        "--url",
        "https://example.org/russia-syria",
        "--published-on",
        "2015-12-23",
        "--language",
        "en",
        "--kind",
        "ngo_report",
        "--author",
        "Jane Doe",
    )

    source = Source.objects.get()
    assert output.startswith(f"Stored source {source.pk} “Russia reportedly kills")
    assert source.body == ARTICLE  # line endings and all
    assert source.sha256 == body_sha256(ARTICLE)
    assert source.captured_at is not None
    assert (source.kind, source.publisher, source.url, source.language, source.authors) == (
        "ngo_report",
        "Amnesty International",
        "https://example.org/russia-syria",
        "en",
        ["Jane Doe"],
    )
    assert source.published_on == datetime.date(2015, 12, 23)


def test_html_becomes_clean_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    output = ingest(str(path), "--title", "US warns Russia", "--publisher", "DW")

    assert "HTML converted to" in output
    assert Source.objects.get().body == PAGE_TEXT


def test_html_on_standard_input_is_recognised():
    ingest("-", "--title", "US warns Russia", "--publisher", "DW", stdin=PAGE)

    assert Source.objects.get().body == PAGE_TEXT


def test_text_on_standard_input_is_kept_as_it_is():
    ingest("-", "--title", "T", "--publisher", "P", "--format", "text", stdin="a <b> c\n")

    assert Source.objects.get().body == "a <b> c\n"


def test_html_without_article_keeps_the_body_without_scripts():
    assert html_to_text("<p>One</p><script>x()</script><div>Two &amp; three</div>") == (
        "One\n\nTwo & three"
    )


def test_the_same_text_is_refused_naming_the_existing_source(tmp_path):
    existing = factories.SourceFactory(body=ARTICLE, title="Already here")
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))

    with pytest.raises(CommandError, match=f"source {existing.pk} “Already here”.*same text"):
        ingest(str(path), "--title", "Again", "--publisher", "P")
    assert Source.objects.count() == 1


def test_the_same_url_is_refused_naming_the_existing_source(tmp_path):
    existing = factories.SourceFactory(url="https://example.org/a", title="Already here")
    path = tmp_path / "article.txt"
    path.write_text("Different words.", encoding="utf-8")

    with pytest.raises(CommandError, match=f"source {existing.pk} “Already here”.*same URL"):
        ingest(str(path), "--title", "Again", "--publisher", "P", "--url", "https://example.org/a")
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--published-on", "2015-13-01"], "--published-on '2015-13-01' is not a date"),
        (["--url", "not a url"], "--url: Enter a valid URL"),
        (["--language", "english language"], "is not a BCP 47 tag"),
        (["--title", "  "], "--title is empty"),
        (["--publisher", ""], "--publisher is empty"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_written(tmp_path, args, message):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    base = {"--title": "T", "--publisher": "P"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))

    with pytest.raises(CommandError, match=message):
        ingest(str(path), *[part for pair in base.items() for part in pair])
    assert not Source.objects.exists()


def test_missing_empty_and_non_utf8_files_are_refused(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café".encode("latin-1"))

    with pytest.raises(CommandError, match="No such file"):
        ingest(str(tmp_path / "missing.txt"), "--title", "T", "--publisher", "P")
    with pytest.raises(CommandError, match="no text"):
        ingest(str(empty), "--title", "T", "--publisher", "P")
    with pytest.raises(CommandError, match="not UTF-8"):
        ingest(str(latin), "--title", "T", "--publisher", "P")
    assert not Source.objects.exists()


def test_a_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    output = ingest(str(path), "--title", "T", "--publisher", "P", "--dry-run")

    assert output.startswith("Dry run: would store “T”")
    assert not Source.objects.exists()
