from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.paginated_quote_list import PaginatedQuoteList
from ...models.quotes_list_ordering_item import QuotesListOrderingItem
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[QuotesListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    source: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["q"] = q

    params["source"] = source

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/quotes/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedQuoteList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedQuoteList.from_dict(response.json())

        return response_200

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ClientError | ValidationError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_error_response_400_type_0 = ValidationError.from_dict(
                    data
                )

                return componentsschemas_error_response_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_error_response_400_type_1 = ClientError.from_dict(data)

            return componentsschemas_error_response_400_type_1

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = ClientError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ClientError.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = ClientError.from_dict(response.json())

        return response_405

    if response.status_code == 406:
        response_406 = ClientError.from_dict(response.json())

        return response_406

    if response.status_code == 414:
        response_414 = ClientError.from_dict(response.json())

        return response_414

    if response.status_code == 415:
        response_415 = ClientError.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ClientError.from_dict(response.json())

        return response_429

    if response.status_code == 431:
        response_431 = ClientError.from_dict(response.json())

        return response_431

    if response.status_code == 500:
        response_500 = ServerError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ServerError.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[QuotesListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    source: int | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError
]:
    """List quotes that public records rest on

     Quotes: verbatim spans of a source's body (``body[start:end] == text``, checked on every
    write), each with the words just before and after it.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[QuotesListOrderingItem] | Unset):
        q (str | Unset):
        source (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        ordering=ordering,
        q=q,
        source=source,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[QuotesListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    source: int | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedQuoteList
    | ServerError
    | None
):
    """List quotes that public records rest on

     Quotes: verbatim spans of a source's body (``body[start:end] == text``, checked on every
    write), each with the words just before and after it.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[QuotesListOrderingItem] | Unset):
        q (str | Unset):
        source (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
        ordering=ordering,
        q=q,
        source=source,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[QuotesListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    source: int | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError
]:
    """List quotes that public records rest on

     Quotes: verbatim spans of a source's body (``body[start:end] == text``, checked on every
    write), each with the words just before and after it.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[QuotesListOrderingItem] | Unset):
        q (str | Unset):
        source (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        ordering=ordering,
        q=q,
        source=source,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[QuotesListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    source: int | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedQuoteList
    | ServerError
    | None
):
    """List quotes that public records rest on

     Quotes: verbatim spans of a source's body (``body[start:end] == text``, checked on every
    write), each with the words just before and after it.

    Args:
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[QuotesListOrderingItem] | Unset):
        q (str | Unset):
        source (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedQuoteList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
            ordering=ordering,
            q=q,
            source=source,
        )
    ).parsed
