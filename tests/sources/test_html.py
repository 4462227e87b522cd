"""Issue 14 item 8: a web page's article and metadata by trafilatura, on pages written by hand
to the shapes of real ones (a news page with a photo gallery and its caption repeated, og: and
JSON-LD metadata, a canonical link; an NGO page with a carousel and a donation box)."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from sources.html import extract_article
from sources.models import Source

PAGES = Path(__file__).resolve().parent / "pages"
NEWS = (PAGES / "news_gallery.html").read_text(encoding="utf-8")
NGO = (PAGES / "ngo_report.html").read_text(encoding="utf-8")


def test_a_news_page_gives_its_article_without_gallery_furniture_or_a_repeated_caption():
    article = extract_article(NEWS)

    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Syria: Russian strikes on Ariha market kill dozens"
    assert paragraphs[1].startswith("Warplanes struck the central market of Ariha")
    assert paragraphs[-1].startswith("Amnesty International later said the attack")
    # What the hand-written parser kept: the gallery's counter and buttons, the caption twice,
    # the advertisement slot, share links, related stories, the cookie banner, the footer.
    for furniture in (
        "1 / 5",
        "Previous",
        "Advertisement",
        "Share on",
        "Related stories",
        "cookies",
        "All rights reserved",
        "Politics",
    ):
        assert furniture not in article.text, furniture
    assert article.text.count("Smoke rises over the central market") <= 1


def test_a_news_page_gives_its_own_metadata():
    article = extract_article(NEWS)

    assert article.title == "Syria: Russian strikes on Ariha market kill dozens"
    assert article.authors == ["Jane Doe", "Omar Haddad"]
    assert article.published_on == datetime.date(2015, 11, 30)
    assert article.url == "https://www.dailycourier.example/world/2015/11/30/ariha-market-strike"
    assert article.site_name == "The Daily Courier"


def test_an_ngo_page_with_a_carousel_and_a_donation_box():
    article = extract_article(NGO)

    assert article.title == "Syria: Civilian objects were not damaged"
    assert article.published_on == datetime.date(2015, 12, 23)
    assert article.url == (
        "https://www.amnesty.example/en/latest/news/2015/12/syria-civilian-objects/"
    )
    assert "some 49 civilians were killed" in article.text
    assert "Some Russian airstrikes appear to have directly attacked civilians" in article.text
    assert "2 of 4" not in article.text.split("\n\n")
    assert article.text.count("A street in Ariha after the strike") <= 1
    assert "Skip to content" not in article.text
    assert "About us" not in article.text


@pytest.mark.django_db
def test_ingest_article_records_the_pages_metadata_where_no_option_gives_it(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(NEWS, encoding="utf-8")

    call_command("ingest_article", str(path), stdout=io.StringIO())

    source = Source.objects.get()
    assert (source.title, source.publisher, source.url, source.authors, source.published_on) == (
        "Syria: Russian strikes on Ariha market kill dozens",
        "The Daily Courier",
        "https://www.dailycourier.example/world/2015/11/30/ariha-market-strike",
        ["Jane Doe", "Omar Haddad"],
        datetime.date(2015, 11, 30),
    )
    assert "1 / 5" not in source.body.split("\n\n")


@pytest.mark.django_db
def test_the_options_given_win_over_the_pages_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(NEWS, encoding="utf-8")

    call_command(
        "ingest_article",
        str(path),
        "--title",
        "Ariha market strike",
        "--publisher",
        "Courier",
        "--author",
        "Desk",
        stdout=io.StringIO(),
    )

    source = Source.objects.get()
    assert (source.title, source.publisher, source.authors) == (
        "Ariha market strike",
        "Courier",
        ["Desk"],
    )
    assert source.published_on == datetime.date(2015, 11, 30)  # the page's, none given


def test_extraction_fetches_nothing(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the extraction tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert extract_article(NGO).title == "Syria: Civilian objects were not damaged"
