from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.paginated_revision_list import PaginatedRevisionList
from ...models.revisions_list_resource import RevisionsListResource
from ...models.revisions_list_status import RevisionsListStatus
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    object_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    resource: RevisionsListResource | Unset = UNSET,
    status: RevisionsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["object_id"] = object_id

    params["offset"] = offset

    json_resource: str | Unset = UNSET
    if not isinstance(resource, Unset):
        json_resource = resource.value

    params["resource"] = json_resource

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/revisions/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedRevisionList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedRevisionList.from_dict(response.json())

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

    if response.status_code == 401:
        response_401 = ClientError.from_dict(response.json())

        return response_401

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
    ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    object_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    resource: RevisionsListResource | Unset = UNSET,
    status: RevisionsListStatus | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError
]:
    """List revisions waiting for review, and decided ones (editors)

     Revisions: an editor's write to a public record (or one that would make a record public),
    held out of the public's sight until a reviewer accepts it. Each shows the record's fields
    as the editor found them (`before`), as the edit leaves them (`after`) and the difference
    (`changes`). Editors and reviewers see them all; reviewers accept (with `If-Match`: the
    ETag of the revision as they read it) or reject with a reason; the proposing editor may
    withdraw one. A record has at most one pending revision: a second write to it is a 409
    naming the first.

    Args:
        limit (int | Unset):  Default: 50.
        object_id (int | Unset):
        offset (int | Unset):  Default: 0.
        resource (RevisionsListResource | Unset):
        status (RevisionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError]
    """

    kwargs = _get_kwargs(
        limit=limit,
        object_id=object_id,
        offset=offset,
        resource=resource,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    object_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    resource: RevisionsListResource | Unset = UNSET,
    status: RevisionsListStatus | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedRevisionList
    | ServerError
    | None
):
    """List revisions waiting for review, and decided ones (editors)

     Revisions: an editor's write to a public record (or one that would make a record public),
    held out of the public's sight until a reviewer accepts it. Each shows the record's fields
    as the editor found them (`before`), as the edit leaves them (`after`) and the difference
    (`changes`). Editors and reviewers see them all; reviewers accept (with `If-Match`: the
    ETag of the revision as they read it) or reject with a reason; the proposing editor may
    withdraw one. A record has at most one pending revision: a second write to it is a 409
    naming the first.

    Args:
        limit (int | Unset):  Default: 50.
        object_id (int | Unset):
        offset (int | Unset):  Default: 0.
        resource (RevisionsListResource | Unset):
        status (RevisionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError
    """

    return sync_detailed(
        client=client,
        limit=limit,
        object_id=object_id,
        offset=offset,
        resource=resource,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    object_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    resource: RevisionsListResource | Unset = UNSET,
    status: RevisionsListStatus | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError
]:
    """List revisions waiting for review, and decided ones (editors)

     Revisions: an editor's write to a public record (or one that would make a record public),
    held out of the public's sight until a reviewer accepts it. Each shows the record's fields
    as the editor found them (`before`), as the edit leaves them (`after`) and the difference
    (`changes`). Editors and reviewers see them all; reviewers accept (with `If-Match`: the
    ETag of the revision as they read it) or reject with a reason; the proposing editor may
    withdraw one. A record has at most one pending revision: a second write to it is a 409
    naming the first.

    Args:
        limit (int | Unset):  Default: 50.
        object_id (int | Unset):
        offset (int | Unset):  Default: 0.
        resource (RevisionsListResource | Unset):
        status (RevisionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError]
    """

    kwargs = _get_kwargs(
        limit=limit,
        object_id=object_id,
        offset=offset,
        resource=resource,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    object_id: int | Unset = UNSET,
    offset: int | Unset = 0,
    resource: RevisionsListResource | Unset = UNSET,
    status: RevisionsListStatus | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedRevisionList
    | ServerError
    | None
):
    """List revisions waiting for review, and decided ones (editors)

     Revisions: an editor's write to a public record (or one that would make a record public),
    held out of the public's sight until a reviewer accepts it. Each shows the record's fields
    as the editor found them (`before`), as the edit leaves them (`after`) and the difference
    (`changes`). Editors and reviewers see them all; reviewers accept (with `If-Match`: the
    ETag of the revision as they read it) or reject with a reason; the proposing editor may
    withdraw one. A record has at most one pending revision: a second write to it is a 409
    naming the first.

    Args:
        limit (int | Unset):  Default: 50.
        object_id (int | Unset):
        offset (int | Unset):  Default: 0.
        resource (RevisionsListResource | Unset):
        status (RevisionsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedRevisionList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            object_id=object_id,
            offset=offset,
            resource=resource,
            status=status,
        )
    ).parsed
