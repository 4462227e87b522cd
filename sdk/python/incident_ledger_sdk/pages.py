"""Answers of the generated operations as values or exceptions, and lists as iterators.

The generated ``sync_detailed`` functions return a ``Response`` whose ``parsed`` is the
record or one of the error models; ``unwrap`` gives the record or raises the matching
``ApiError``. ``pages`` follows a list's ``next`` links to the last page, whichever kind of
pagination the list has (``limit``/``offset``, or ``cursor`` for the change feed): it reads the
next page's parameters from the link the server wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping, Sequence
from http import HTTPStatus
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qs, urlsplit

from incident_ledger_client.models import ClientError, ServerError, ValidationError
from incident_ledger_client.types import Unset

from .errors import ApiError, Problem, error_from

T = TypeVar("T")
R = TypeVar("R")
T_co = TypeVar("T_co", covariant=True)

PAGINATION = {"cursor": str, "limit": int, "offset": int}
"""The query parameters a `next` link sets, and their types in the generated functions."""


class Answer(Protocol[T_co]):
    """What a generated ``sync_detailed`` returns (its ``Response``)."""

    @property
    def status_code(self) -> HTTPStatus: ...
    @property
    def headers(self) -> MutableMapping[str, str]: ...
    @property
    def content(self) -> bytes: ...
    @property
    def parsed(self) -> T_co | None: ...


class Page(Protocol[T_co]):
    """A page of any list: its records and the link to the next page."""

    @property
    def results(self) -> Sequence[T_co]: ...
    @property
    def next_(self) -> str | None | Unset: ...


Errors = ClientError | ValidationError | ServerError


def unwrap(answer: Answer[R | Errors]) -> R:
    """The record of a successful answer; the error answer as an ``ApiError``."""
    parsed = answer.parsed
    if answer.status_code >= 400 or isinstance(parsed, ClientError | ValidationError | ServerError):
        raise error_from(answer.status_code, answer.headers, answer.content)
    if parsed is None:
        problem = Problem("unexpected_answer", "an answer the client could not read", None)
        raise ApiError(answer.status_code, "unexpected_answer", [problem])
    return parsed


def pages(call: Callable[..., Answer[Page[T] | Errors]], **params: Any) -> Iterator[T]:
    """Every record of a list, page after page: ``pages(incidents_list.sync_detailed,
    client=client, actor="russia")``. ``params`` are the operation's (filters, ``limit``)."""
    while True:
        page = unwrap(call(**params))
        yield from page.results
        if not isinstance(page.next_, str):
            return
        params = {**params, **next_params(page.next_)}


def next_params(link: str) -> dict[str, Any]:
    """The pagination parameters of a `next` link, typed as the generated functions take them."""
    query = parse_qs(urlsplit(link).query)
    return {name: kind(query[name][-1]) for name, kind in PAGINATION.items() if name in query}
