"""HTML to clean text with the standard library's parser: the words a reader sees, one
paragraph per block, nothing of scripts, styles, navigation or forms."""

from html.parser import HTMLParser

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
