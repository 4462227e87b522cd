"""The words just before and after a quote in its source's body, as every quote's
representation gives them (``context_before``, ``context_after``).

Lists and details cut them in SQL (``context_annotations``), so that a page of claims does not
fetch the whole body of each source it quotes; a quote fetched without them (a write's answer)
is cut from its source's body in Python. Both give the same words.
"""

from django.db.models import F, Value
from django.db.models.functions import Greatest, Least, Substr

CONTEXT_CHARS = 160
"""How much of the body, at most, on each side of the quote."""


def _names(quote_path: str) -> tuple[str, str]:
    prefix = f"{quote_path.replace('__', '_')}_" if quote_path else ""
    return f"{prefix}context_before_raw", f"{prefix}context_after_raw"


def context_annotations(quote_path: str = "") -> dict:
    """Annotations with the body around the quote at ``quote_path`` (a relation from the
    queryset's model, e.g. ``"quote"``; empty for a queryset of quotes): up to CONTEXT_CHARS
    characters before it, and one more than that after it (to tell whether the body goes on)."""
    prefix = f"{quote_path}__" if quote_path else ""
    body, start, end = f"{prefix}source__body", F(f"{prefix}start"), F(f"{prefix}end")
    before, after = _names(quote_path)
    return {
        # substr() counts characters from 1, as Python's offsets count them from 0.
        before: Substr(
            body,
            Greatest(start - (CONTEXT_CHARS - 1), Value(1)),
            Least(start, Value(CONTEXT_CHARS)),
        ),
        after: Substr(body, end + 1, Value(CONTEXT_CHARS + 1)),
    }


def carry_context(record, quote_path: str = "quote") -> None:
    """Hand the context annotated on a claim (``context_annotations("quote")``) to its quote."""
    quote = getattr(record, quote_path, None)
    before, after = _names(quote_path)
    if quote is not None and hasattr(record, before):
        quote.context_before_raw = getattr(record, before)
        quote.context_after_raw = getattr(record, after)


def words_around(quote) -> tuple[str, str]:
    """The words just before and just after the quote: up to CONTEXT_CHARS characters each,
    cut at a space where the body goes on beyond them so that no word is cut in two."""
    before, after = (
        getattr(quote, "context_before_raw", None),
        getattr(quote, "context_after_raw", None),
    )
    if before is None or after is None:
        body = quote.source.body
        before = body[max(0, quote.start - CONTEXT_CHARS) : quote.start]
        after = body[quote.end : quote.end + CONTEXT_CHARS + 1]
    return cut_words(quote.start, before, after)


def cut_words(start: int, before: str, after: str) -> tuple[str, str]:
    """``words_around`` of a quote at offset ``start``, from the body cut as
    ``context_annotations`` cuts it."""
    if start > CONTEXT_CHARS and " " in before:
        before = before[before.index(" ") + 1 :]  # start on a whole word
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS]
        if " " in after:
            after = after[: after.rindex(" ")]  # end on a whole word
    return before, after
