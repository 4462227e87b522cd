import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.paginated_source_list import PaginatedSourceList
from ...models.server_error import ServerError
from ...models.sources_list_kind import SourcesListKind
from ...models.sources_list_ordering_item import SourcesListOrderingItem
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: SourcesListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[SourcesListOrderingItem] | Unset = UNSET,
    published_from: datetime.date | Unset = UNSET,
    published_to: datetime.date | Unset = UNSET,
    publisher: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind.value

    params["kind"] = json_kind

    params["limit"] = limit

    params["offset"] = offset

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    json_published_from: str | Unset = UNSET
    if not isinstance(published_from, Unset):
        json_published_from = published_from.isoformat()
    params["published_from"] = json_published_from

    json_published_to: str | Unset = UNSET
    if not isinstance(published_to, Unset):
        json_published_to = published_to.isoformat()
    params["published_to"] = json_published_to

    params["publisher"] = publisher

    params["q"] = q

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/sources/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedSourceList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedSourceList.from_dict(response.json())

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
    ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError
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
    kind: SourcesListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[SourcesListOrderingItem] | Unset = UNSET,
    published_from: datetime.date | Unset = UNSET,
    published_to: datetime.date | Unset = UNSET,
    publisher: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError
]:
    """List sources of public records

     Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        kind (SourcesListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[SourcesListOrderingItem] | Unset):
        published_from (datetime.date | Unset):
        published_to (datetime.date | Unset):
        publisher (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError]
    """

    kwargs = _get_kwargs(
        kind=kind,
        limit=limit,
        offset=offset,
        ordering=ordering,
        published_from=published_from,
        published_to=published_to,
        publisher=publisher,
        q=q,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    kind: SourcesListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[SourcesListOrderingItem] | Unset = UNSET,
    published_from: datetime.date | Unset = UNSET,
    published_to: datetime.date | Unset = UNSET,
    publisher: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedSourceList
    | ServerError
    | None
):
    """List sources of public records

     Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        kind (SourcesListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[SourcesListOrderingItem] | Unset):
        published_from (datetime.date | Unset):
        published_to (datetime.date | Unset):
        publisher (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError
    """

    return sync_detailed(
        client=client,
        kind=kind,
        limit=limit,
        offset=offset,
        ordering=ordering,
        published_from=published_from,
        published_to=published_to,
        publisher=publisher,
        q=q,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    kind: SourcesListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[SourcesListOrderingItem] | Unset = UNSET,
    published_from: datetime.date | Unset = UNSET,
    published_to: datetime.date | Unset = UNSET,
    publisher: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError
]:
    """List sources of public records

     Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        kind (SourcesListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[SourcesListOrderingItem] | Unset):
        published_from (datetime.date | Unset):
        published_to (datetime.date | Unset):
        publisher (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError]
    """

    kwargs = _get_kwargs(
        kind=kind,
        limit=limit,
        offset=offset,
        ordering=ordering,
        published_from=published_from,
        published_to=published_to,
        publisher=publisher,
        q=q,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    kind: SourcesListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[SourcesListOrderingItem] | Unset = UNSET,
    published_from: datetime.date | Unset = UNSET,
    published_to: datetime.date | Unset = UNSET,
    publisher: str | Unset = UNSET,
    q: str | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedSourceList
    | ServerError
    | None
):
    """List sources of public records

     Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        kind (SourcesListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[SourcesListOrderingItem] | Unset):
        published_from (datetime.date | Unset):
        published_to (datetime.date | Unset):
        publisher (str | Unset):
        q (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedSourceList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            limit=limit,
            offset=offset,
            ordering=ordering,
            published_from=published_from,
            published_to=published_to,
            publisher=publisher,
            q=q,
        )
    ).parsed
