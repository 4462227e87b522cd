import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.paginated_statement_list import PaginatedStatementList
from ...models.server_error import ServerError
from ...models.statements_list_kind import StatementsListKind
from ...models.statements_list_ordering_item import StatementsListOrderingItem
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    actor: str | Unset = UNSET,
    incident: str | Unset = UNSET,
    kind: StatementsListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[StatementsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    said_from: datetime.date | Unset = UNSET,
    said_to: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["actor"] = actor

    params["incident"] = incident

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

    params["q"] = q

    json_said_from: str | Unset = UNSET
    if not isinstance(said_from, Unset):
        json_said_from = said_from.isoformat()
    params["said_from"] = json_said_from

    json_said_to: str | Unset = UNSET
    if not isinstance(said_to, Unset):
        json_said_to = said_to.isoformat()
    params["said_to"] = json_said_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/statements/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedStatementList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedStatementList.from_dict(response.json())

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
    ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError
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
    actor: str | Unset = UNSET,
    incident: str | Unset = UNSET,
    kind: StatementsListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[StatementsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    said_from: datetime.date | Unset = UNSET,
    said_to: datetime.date | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError
]:
    """List statements about published incidents

     Statements: what an actor said (a claim, denial, accusation...), in the quoted words,
    about one or more incidents.

    Args:
        actor (str | Unset):
        incident (str | Unset):
        kind (StatementsListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[StatementsListOrderingItem] | Unset):
        q (str | Unset):
        said_from (datetime.date | Unset):
        said_to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError]
    """

    kwargs = _get_kwargs(
        actor=actor,
        incident=incident,
        kind=kind,
        limit=limit,
        offset=offset,
        ordering=ordering,
        q=q,
        said_from=said_from,
        said_to=said_to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    actor: str | Unset = UNSET,
    incident: str | Unset = UNSET,
    kind: StatementsListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[StatementsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    said_from: datetime.date | Unset = UNSET,
    said_to: datetime.date | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedStatementList
    | ServerError
    | None
):
    """List statements about published incidents

     Statements: what an actor said (a claim, denial, accusation...), in the quoted words,
    about one or more incidents.

    Args:
        actor (str | Unset):
        incident (str | Unset):
        kind (StatementsListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[StatementsListOrderingItem] | Unset):
        q (str | Unset):
        said_from (datetime.date | Unset):
        said_to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError
    """

    return sync_detailed(
        client=client,
        actor=actor,
        incident=incident,
        kind=kind,
        limit=limit,
        offset=offset,
        ordering=ordering,
        q=q,
        said_from=said_from,
        said_to=said_to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    actor: str | Unset = UNSET,
    incident: str | Unset = UNSET,
    kind: StatementsListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[StatementsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    said_from: datetime.date | Unset = UNSET,
    said_to: datetime.date | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError
]:
    """List statements about published incidents

     Statements: what an actor said (a claim, denial, accusation...), in the quoted words,
    about one or more incidents.

    Args:
        actor (str | Unset):
        incident (str | Unset):
        kind (StatementsListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[StatementsListOrderingItem] | Unset):
        q (str | Unset):
        said_from (datetime.date | Unset):
        said_to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError]
    """

    kwargs = _get_kwargs(
        actor=actor,
        incident=incident,
        kind=kind,
        limit=limit,
        offset=offset,
        ordering=ordering,
        q=q,
        said_from=said_from,
        said_to=said_to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    actor: str | Unset = UNSET,
    incident: str | Unset = UNSET,
    kind: StatementsListKind | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    ordering: list[StatementsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    said_from: datetime.date | Unset = UNSET,
    said_to: datetime.date | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedStatementList
    | ServerError
    | None
):
    """List statements about published incidents

     Statements: what an actor said (a claim, denial, accusation...), in the quoted words,
    about one or more incidents.

    Args:
        actor (str | Unset):
        incident (str | Unset):
        kind (StatementsListKind | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        ordering (list[StatementsListOrderingItem] | Unset):
        q (str | Unset):
        said_from (datetime.date | Unset):
        said_to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedStatementList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            actor=actor,
            incident=incident,
            kind=kind,
            limit=limit,
            offset=offset,
            ordering=ordering,
            q=q,
            said_from=said_from,
            said_to=said_to,
        )
    ).parsed
