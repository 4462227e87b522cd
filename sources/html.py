"""A web page's article and metadata (``extract_article``), by trafilatura: the article's
own words without the page around it (navigation, share buttons, related links, a gallery's
"1 / 5", a photo's caption repeated under it), one paragraph per block, and what the page says
of itself (title, authors, date, canonical URL, site name) where it says it.

``html_to_text``, the standard library's parser, turns HTML into text block by block: it is
the fallback for a fragment in which trafilatura finds no article.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import trafilatura

BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
}
SKIPPED = {
    "button",
    "canvas",
    "form",
    "head",
    "iframe",
    "nav",
    "noscript",
    "object",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
}
CELLS = {"td", "th"}
# An article's own text, when the page marks it, without the page around it.
CONTENT = {"article", "main"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.preformatted = 0
        self.in_content = 0
        self.line: list[str] = []
        self.lines: list[str] = []
        # (text, inside article/main) per paragraph; a paragraph is lines joined by newlines.
        self.paragraphs: list[tuple[str, bool]] = []
        self.paragraph_in_content = False

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self._end_line()
        elif tag in CELLS:
            self.line.append(" ")
        elif tag in BLOCKS:
            self._end_paragraph()
            if tag == "pre":
                self.preformatted += 1
        if tag in CONTENT:
            self._end_paragraph()
            self.in_content += 1

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._end_line()
        elif tag == "hr":
            self._end_paragraph()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self._end_paragraph()
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)
        if tag in CONTENT:
            self.in_content = max(0, self.in_content - 1)

    def handle_data(self, data):
        if self.skipping:
            return
        if self.preformatted:
            first, *rest = data.split("\n")
            self.line.append(first)
            for part in rest:
                self._end_line(keep_space=True)
                self.line.append(part)
        else:
            self.line.append(data)
        if self.in_content and "".join(self.line).strip():
            self.paragraph_in_content = True

    def _end_line(self, keep_space: bool = False):
        text = "".join(self.line)
        self.line = []
        text = text.rstrip() if keep_space else " ".join(text.split())
        self.lines.append(text)

    def _end_paragraph(self):
        self._end_line(keep_space=bool(self.preformatted))
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        while self.lines and not self.lines[0].strip():
            self.lines.pop(0)
        if self.lines:
            self.paragraphs.append(("\n".join(self.lines), self.paragraph_in_content))
        self.lines = []
        self.paragraph_in_content = bool(self.in_content)

    def text(self) -> str:
        self._end_paragraph()
        chosen = [text for text, in_content in self.paragraphs if in_content]
        return "\n\n".join(chosen or [text for text, _ in self.paragraphs])


def html_to_text(html: str) -> str:
    """The readable text of an HTML document: paragraphs separated by a blank line, spaces
    collapsed (except in ``<pre>``), entities decoded; only the ``<article>`` or ``<main>``
    when the page has one."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text()


def looks_like_html(text: str) -> bool:
    start = text.lstrip()[:2000].lower()
    return start.startswith(("<!doctype html", "<html", "<?xml")) or any(
        tag in start for tag in ("<body", "<article", "<p>", "<p ", "<div", "<br")
    )


# A gallery's position ("1 / 5", "2 of 12"): page furniture, not the article's words.
GALLERY_COUNTER = re.compile(r"^\(?\d{1,3}\s*(/|of)\s*\d{1,3}\)?$", re.IGNORECASE)


@dataclass
class Article:
    text: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published_on: date | None = None
    url: str = ""
    site_name: str = ""


def _paragraphs(text: str) -> str:
    """One paragraph a block, separated by a blank line; a gallery's counter and a paragraph
    repeated (a caption under its photo) dropped."""
    kept, seen = [], set()
    for line in text.split("\n"):
        line = line.rstrip()  # a <pre> block's indentation stays
        if not line.strip() or GALLERY_COUNTER.match(line.strip()):
            continue
        key = " ".join(line.split()).casefold()
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return "\n\n".join(kept)


def extract_article(html: str) -> Article:
    """The article of a web page and the page's own metadata (see the module). Nothing is
    fetched: the page is read as given."""
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        # Only the dates the page states (its metadata, its byline), never a guess.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None:
        return Article(text=html_to_text(html))
    text = _paragraphs(document.text or "") or html_to_text(html)
    published_on = None
    if document.date:
        try:
            published_on = date.fromisoformat(document.date[:10])
        except ValueError:
            published_on = None
    authors = [a.strip() for a in re.split(r";", document.author or "") if a.strip()]
    return Article(
        text=text,
        title=(document.title or "").strip(),
        authors=authors,
        published_on=published_on,
        url=(document.url or "").strip(),
        site_name=(document.sitename or "").strip(),
    )
