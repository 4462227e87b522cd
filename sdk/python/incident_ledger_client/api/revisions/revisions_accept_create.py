from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.revision import Revision
from ...models.revision_decision_request import RevisionDecisionRequest
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: RevisionDecisionRequest | Unset = UNSET,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/revisions/{id}/accept/".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientError | ClientError | ValidationError | Revision | ServerError | None:
    if response.status_code == 200:
        response_200 = Revision.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ClientError.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = ClientError.from_dict(response.json())

        return response_412

    if response.status_code == 414:
        response_414 = ClientError.from_dict(response.json())

        return response_414

    if response.status_code == 415:
        response_415 = ClientError.from_dict(response.json())

        return response_415

    if response.status_code == 428:
        response_428 = ClientError.from_dict(response.json())

        return response_428

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
) -> Response[ClientError | ClientError | ValidationError | Revision | ServerError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RevisionDecisionRequest | Unset = UNSET,
    if_match: str,
) -> Response[ClientError | ClientError | ValidationError | Revision | ServerError]:
    """Accept a revision (reviewers)

     Apply the revision to the public record, as the reviewer, with the proposing editor
    named in the history. Needs `If-Match` with the revision's ETag as read (428 without,
    412 if it no longer matches); a 409 if the record has changed since the edit was made.

    Args:
        id (str):
        if_match (str):
        body (RevisionDecisionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | Revision | ServerError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RevisionDecisionRequest | Unset = UNSET,
    if_match: str,
) -> ClientError | ClientError | ValidationError | Revision | ServerError | None:
    """Accept a revision (reviewers)

     Apply the revision to the public record, as the reviewer, with the proposing editor
    named in the history. Needs `If-Match` with the revision's ETag as read (428 without,
    412 if it no longer matches); a 409 if the record has changed since the edit was made.

    Args:
        id (str):
        if_match (str):
        body (RevisionDecisionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | Revision | ServerError
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RevisionDecisionRequest | Unset = UNSET,
    if_match: str,
) -> Response[ClientError | ClientError | ValidationError | Revision | ServerError]:
    """Accept a revision (reviewers)

     Apply the revision to the public record, as the reviewer, with the proposing editor
    named in the history. Needs `If-Match` with the revision's ETag as read (428 without,
    412 if it no longer matches); a 409 if the record has changed since the edit was made.

    Args:
        id (str):
        if_match (str):
        body (RevisionDecisionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | Revision | ServerError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: RevisionDecisionRequest | Unset = UNSET,
    if_match: str,
) -> ClientError | ClientError | ValidationError | Revision | ServerError | None:
    """Accept a revision (reviewers)

     Apply the revision to the public record, as the reviewer, with the proposing editor
    named in the history. Needs `If-Match` with the revision's ETag as read (428 without,
    412 if it no longer matches); a 409 if the record has changed since the edit was made.

    Args:
        id (str):
        if_match (str):
        body (RevisionDecisionRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | Revision | ServerError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
