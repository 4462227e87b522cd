import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.paginated_change_list import PaginatedChangeList
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    since: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after"] = after

    params["cursor"] = cursor

    params["limit"] = limit

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/changes/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedChangeList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedChangeList.from_dict(response.json())

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
    ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError
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
    after: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    since: datetime.datetime | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError
]:
    """Follow every change to public records

     The change feed, for keeping a mirror: every record that became public (`created`),
    changed (`updated`), was retracted (`retracted`) or stopped being public (`deleted`), in
    the order the changes were made, one entry per change.

    Start with `after` set to the `position` of a snapshot (/api/snapshot), or with `since`
    set to an instant before your first full download (or with neither), then follow `next`
    until it is null, and later continue from the last `next` you got. On `created` or
    `updated` fetch `/api/{resource}/{id}` (a 404 there means a later entry will withdraw it);
    on `retracted` or `deleted` drop the record. An entry appears once
    the write that made it has committed, after every entry already given out, so following
    the cursors never skips a change nor repeats one.

    Args:
        after (int | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError]
    """

    kwargs = _get_kwargs(
        after=after,
        cursor=cursor,
        limit=limit,
        since=since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    after: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    since: datetime.datetime | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedChangeList
    | ServerError
    | None
):
    """Follow every change to public records

     The change feed, for keeping a mirror: every record that became public (`created`),
    changed (`updated`), was retracted (`retracted`) or stopped being public (`deleted`), in
    the order the changes were made, one entry per change.

    Start with `after` set to the `position` of a snapshot (/api/snapshot), or with `since`
    set to an instant before your first full download (or with neither), then follow `next`
    until it is null, and later continue from the last `next` you got. On `created` or
    `updated` fetch `/api/{resource}/{id}` (a 404 there means a later entry will withdraw it);
    on `retracted` or `deleted` drop the record. An entry appears once
    the write that made it has committed, after every entry already given out, so following
    the cursors never skips a change nor repeats one.

    Args:
        after (int | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError
    """

    return sync_detailed(
        client=client,
        after=after,
        cursor=cursor,
        limit=limit,
        since=since,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    after: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    since: datetime.datetime | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError
]:
    """Follow every change to public records

     The change feed, for keeping a mirror: every record that became public (`created`),
    changed (`updated`), was retracted (`retracted`) or stopped being public (`deleted`), in
    the order the changes were made, one entry per change.

    Start with `after` set to the `position` of a snapshot (/api/snapshot), or with `since`
    set to an instant before your first full download (or with neither), then follow `next`
    until it is null, and later continue from the last `next` you got. On `created` or
    `updated` fetch `/api/{resource}/{id}` (a 404 there means a later entry will withdraw it);
    on `retracted` or `deleted` drop the record. An entry appears once
    the write that made it has committed, after every entry already given out, so following
    the cursors never skips a change nor repeats one.

    Args:
        after (int | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError]
    """

    kwargs = _get_kwargs(
        after=after,
        cursor=cursor,
        limit=limit,
        since=since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    after: int | Unset = UNSET,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    since: datetime.datetime | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedChangeList
    | ServerError
    | None
):
    """Follow every change to public records

     The change feed, for keeping a mirror: every record that became public (`created`),
    changed (`updated`), was retracted (`retracted`) or stopped being public (`deleted`), in
    the order the changes were made, one entry per change.

    Start with `after` set to the `position` of a snapshot (/api/snapshot), or with `since`
    set to an instant before your first full download (or with neither), then follow `next`
    until it is null, and later continue from the last `next` you got. On `created` or
    `updated` fetch `/api/{resource}/{id}` (a 404 there means a later entry will withdraw it);
    on `retracted` or `deleted` drop the record. An entry appears once
    the write that made it has committed, after every entry already given out, so following
    the cursors never skips a change nor repeats one.

    Args:
        after (int | Unset):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedChangeList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            cursor=cursor,
            limit=limit,
            since=since,
        )
    ).parsed
