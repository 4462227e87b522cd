import re
import sys
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from config.history import history_context
from sources.choices import SourceKind
from sources.html import extract_article, looks_like_html
from sources.models import body_sha256
from sources.services import DuplicateSource, source_ingest

OPTIONS = {"title", "publisher", "url", "published_on", "language", "kind", "authors"}
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class Command(BaseCommand):
    help = (
        "Store an article (a text or HTML file, or standard input with -) as a Source: the body "
        "exactly the text (HTML is turned into clean text first), its SHA-256 and the capture "
        "time. A document already stored, by the same text or the same URL, is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH_OR_-", help="The file, or - for stdin.")
        parser.add_argument(
            "--title", help="The document's title; by default a web page's own (og:title...)."
        )
        parser.add_argument(
            "--publisher", help="Who published it; by default a web page's site name."
        )
        parser.add_argument(
            "--url",
            help="Where it was published; unique among sources. By default a web page's "
            "canonical URL.",
        )
        parser.add_argument(
            "--published-on",
            help="Publication date, YYYY-MM-DD; by default the date a web page states.",
        )
        parser.add_argument("--language", default="", help="BCP 47 tag of the text, e.g. en.")
        parser.add_argument(
            "--kind",
            default=SourceKind.NEWS_ARTICLE,
            choices=SourceKind.values,
            help="Kind of document (default news_article).",
        )
        parser.add_argument(
            "--author",
            action="append",
            default=[],
            help="An author; repeat for several. By default a web page's own authors.",
        )
        parser.add_argument(
            "--format",
            choices=["auto", "text", "html"],
            default="auto",
            help="How to read the file; auto takes .htm/.html files and text that starts as "
            "HTML for HTML.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check everything, store nothing."
        )

    def handle(self, *args, path, title, publisher, url, published_on, language, **options):
        if title is not None and not title.strip():
            raise CommandError("--title is empty.")
        if publisher is not None and not publisher.strip():
            raise CommandError("--publisher is empty.")
        if language and not LANGUAGE_TAG.match(language):
            raise CommandError(f"--language {language!r} is not a BCP 47 tag such as en or ar.")
        day = None
        if published_on:
            try:
                day = date.fromisoformat(published_on)
            except ValueError:
                raise CommandError(
                    f"--published-on {published_on!r} is not a date such as 2015-12-23."
                ) from None
        text, name = self.read(path)
        is_html = options["format"] == "html" or (
            options["format"] == "auto"
            and (Path(name).suffix.lower() in (".htm", ".html", ".xhtml") or looks_like_html(text))
        )
        authors = [a.strip() for a in options["author"] if a.strip()]
        body = text
        if is_html:
            # The article and what the page says of itself; the options given win.
            article = extract_article(text)
            body = article.text
            title = title or article.title
            publisher = publisher or article.site_name
            url = url or article.url or None
            day = day or article.published_on
            authors = authors or article.authors
        if not (title or "").strip():
            raise CommandError("--title is needed: the document gives none.")
        if not (publisher or "").strip():
            raise CommandError("--publisher is needed: the document gives none.")
        title, publisher = title.strip(), publisher.strip()
        try:
            with history_context(via="command:ingest_article", reason=f"ingested {name}"):
                source = source_ingest(
                    body=body,
                    title=title,
                    publisher=publisher,
                    kind=options["kind"],
                    url=url or None,
                    published_on=day,
                    language=language,
                    authors=authors,
                    dry_run=options["dry_run"],
                )
        except DuplicateSource as duplicate:
            raise CommandError(str(duplicate)) from None
        except ValidationError as error:
            problems = "; ".join(
                f"{'--' + field.replace('_', '-') if field in OPTIONS else field}: "
                f"{' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from None
        except IntegrityError as error:
            raise CommandError(f"Refused by the database: {error}") from None
        what = f"{'HTML converted to ' if is_html else ''}{len(body):,} characters"
        digest = body_sha256(body)[:12]
        if options["dry_run"]:
            self.stdout.write(f"Dry run: would store “{title}” ({what}, sha256 {digest}…).")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Stored source {source.pk} “{source.title}” ({what}, sha256 {digest}…)."
                )
            )

    def read(self, path: str) -> tuple[str, str]:
        if path == "-":
            data, name = sys.stdin.buffer.read(), "<stdin>"
        else:
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"No such file: {path}")
            data, name = file.read_bytes(), path
        try:
            return data.decode("utf-8-sig"), name
        except UnicodeDecodeError as error:
            raise CommandError(f"{name} is not UTF-8 text: {error}") from None
