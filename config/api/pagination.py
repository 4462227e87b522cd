"""Limit/offset pagination that refuses bad parameters instead of ignoring them.

Kept in a module of its own: DRF imports DEFAULT_PAGINATION_CLASS while its generics module is
still loading, so this module must not import anything that imports DRF's views.
"""

import re
from base64 import b64encode
from urllib.parse import urlencode

from django.http import HttpResponse
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, LimitOffsetPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
COUNT_LIMIT = 10_000
SEARCH_COUNT_LIMIT = 1_000
"""The cap of a search's count (`q`): each match counted is a row read from the table (the
words' index cannot tell a public incident), 30 ms for 10,000 on a million incidents."""
SEARCH_RANK = "search_rank"
"""The annotation a search gives its matches (config/api/filters.py SearchFilter)."""
MAX_BIGINT = 2**63 - 1


class StrictLimitOffsetPagination(LimitOffsetPagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT
    limit_query_description = (
        f"Number of results per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})."
    )
    offset_query_description = "Number of results to skip before the page starts (default 0)."

    def get_limit(self, request) -> int:
        raw = request.query_params.get(self.limit_query_param)
        if raw is None:
            return self.default_limit
        return bounded_int(raw, self.limit_query_param, 1, MAX_LIMIT)

    def get_offset(self, request) -> int:
        raw = request.query_params.get(self.offset_query_param)
        if raw is None:
            return 0
        return bounded_int(raw, self.offset_query_param, 0, MAX_OFFSET)

    def get_schema_operation_parameters(self, view):
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"] |= {"minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}
        offset["schema"] |= {"minimum": 0, "maximum": MAX_OFFSET, "default": 0}
        return [limit, offset]

    # Counting is what makes a broad page slow (an exact COUNT of 850,000 incidents costs more
    # than the page itself), so the count stops at COUNT_LIMIT and `next` comes from asking
    # for one row more than the page, not from the count.

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        rows = list(queryset[self.offset : self.offset + self.limit + 1])
        return self.accept(rows, count=capped_count(queryset))

    def accept(self, rows: list, count: int | None) -> list:
        """Take a page fetched with one extra row, and the capped count of all rows."""
        self.has_next = len(rows) > self.limit
        self.count = count
        return rows[: self.limit]

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def json_page(self, results: str, count: int | None, has_next: bool) -> HttpResponse:
        """The page ``get_paginated_response`` would render, its ``results`` given as the
        rows' JSON joined by commas (stored renderings), which are sent without parsing."""
        self.has_next, self.count = has_next, count
        head = JSONRenderer().render(
            {"count": count, "next": self.get_next_link(), "previous": self.get_previous_link()}
        )
        body = b"".join((head[:-1], b',"results":[', results.encode(), b"]}"))
        return HttpResponse(body, content_type=JSONRenderer.media_type)

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"] = {
            "type": "integer",
            "nullable": True,
            "example": 123,
            "description": (
                f"Number of records matching the filters, when there are at most "
                f"{COUNT_LIMIT:,} ({SEARCH_COUNT_LIMIT:,} with `q`); null when there are more "
                "(an exact count of a broad query would cost more than the page). `next` says "
                "whether another page follows."
            ),
        }
        described["required"] = ["count", "results"]
        return described


def capped_count(queryset) -> int | None:
    """The number of rows, or None past COUNT_LIMIT (SEARCH_COUNT_LIMIT for a search's
    matches); never reads more than that cap + 1."""
    cap = SEARCH_COUNT_LIMIT if SEARCH_RANK in queryset.query.annotations else COUNT_LIMIT
    count = queryset.order_by().values("pk")[: cap + 1].count()
    return count if count <= cap else None


def bounded_int(raw: str, name: str, low: int, high: int) -> int:
    if not re.fullmatch(r"[0-9]{1,12}", raw):
        raise ValidationError({name: [f"Expected a whole number, got {raw[:50]!r}."]})
    value = int(raw)
    if not low <= value <= high:
        raise ValidationError({name: [f"Must be between {low} and {high}, got {value}."]})
    return value


class StrictCursorPagination(CursorPagination):
    """Cursor pagination whose bad cursor or limit is a 400 naming the parameter."""

    ordering = "id"
    page_size = 100
    page_size_query_param = "limit"
    max_page_size = 1000
    cursor_query_description = "Opaque position in the feed, from a previous page's `next`."
    page_size_query_description = "Number of entries per page, 1 to 1000 (default 100)."

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        return bounded_int(raw, self.page_size_query_param, 1, self.max_page_size)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = False
        if cursor is None:
            return None
        # DRF decodes any base64 text, and one with no position starts the feed over. Only
        # what encode_cursor writes is one of ours: an id of this feed, no offset (ids are
        # unique, so this feed never needs one), written exactly as encode_cursor writes it.
        if (
            cursor is False
            or cursor.offset != 0
            or cursor.position is None
            or not re.fullmatch(r"[0-9]{1,19}", cursor.position)
            or int(cursor.position) > MAX_BIGINT
            or _encoded(cursor) != request.query_params[self.cursor_query_param]
        ):
            raise ValidationError(
                {self.cursor_query_param: ["Not a cursor this feed gave out."]}
            ) from None
        return cursor

    def start_forward(self, request) -> int | None:
        """For a page read without a queryset (``accept_ids``): check the limit and cursor
        as paginate_queryset does (a 400 for a bad one), and return the id the page starts
        after, or None for a reverse cursor (a `previous` link), which that does not serve."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = (self.ordering,) if isinstance(self.ordering, str) else self.ordering
        self.cursor = self.decode_cursor(request)
        if self.cursor is not None and self.cursor.reverse:
            return None
        return 0 if self.cursor is None else int(self.cursor.position)

    def accept_ids(self, first: int | None, last: int | None, following: int | None) -> None:
        """Leave the state paginate_queryset leaves for a forward page (start_forward) whose
        first and last entries, and the entry after it, have these ids (None: no such entry),
        so that get_next_link and get_previous_link build the links as they do for it. Ids
        are unique, so those methods read no other entry of the page than its first and last."""
        self.page = [{"id": id} for id in dict.fromkeys((first, last)) if id is not None]
        position = self.cursor and self.cursor.position
        self.has_next = following is not None
        self.next_position = str(following) if self.has_next else None
        self.has_previous = position is not None
        self.previous_position = position

    def get_schema_operation_parameters(self, view):
        cursor, limit = super().get_schema_operation_parameters(view)
        limit["schema"] |= {"minimum": 1, "maximum": self.max_page_size, "default": self.page_size}
        return [cursor, limit]


def _encoded(cursor: Cursor) -> str:
    """The cursor as CursorPagination.encode_cursor writes it in its URLs."""
    tokens = {"r": "1"} if cursor.reverse else {}
    tokens["p"] = cursor.position
    return b64encode(urlencode(tokens).encode("ascii")).decode("ascii")
