from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.revision import Revision
from ...models.server_error import ServerError
from ...models.source_detail import SourceDetail
from ...models.source_write_request import SourceWriteRequest
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: SourceWriteRequest,
    if_match: str,
    x_change_reason: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    if not isinstance(x_change_reason, Unset):
        headers["X-Change-Reason"] = x_change_reason

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/sources/{id}/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | Revision
    | ServerError
    | SourceDetail
    | None
):
    if response.status_code == 200:
        response_200 = SourceDetail.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = Revision.from_dict(response.json())

        return response_202

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

    if response.status_code == 413:
        response_413 = ClientError.from_dict(response.json())

        return response_413

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
) -> Response[
    ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail
]:
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
    body: SourceWriteRequest,
    if_match: str,
    x_change_reason: str | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail
]:
    """Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        id (str):
        if_match (str):
        x_change_reason (str | Unset):
        body (SourceWriteRequest): A write serializer that applies the model's own rules
            (``full_clean``: field
            validators, ``clean()``, unique and check constraints) and so reports each broken rule as
            a 400 naming its field, before the database would refuse it.

            Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
            Uniqueness is the model's to check too, so DRF's own unique validators are off: they
            would make every field of a unique constraint required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
        x_change_reason=x_change_reason,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SourceWriteRequest,
    if_match: str,
    x_change_reason: str | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | Revision
    | ServerError
    | SourceDetail
    | None
):
    """Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        id (str):
        if_match (str):
        x_change_reason (str | Unset):
        body (SourceWriteRequest): A write serializer that applies the model's own rules
            (``full_clean``: field
            validators, ``clean()``, unique and check constraints) and so reports each broken rule as
            a 400 naming its field, before the database would refuse it.

            Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
            Uniqueness is the model's to check too, so DRF's own unique validators are off: they
            would make every field of a unique constraint required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        if_match=if_match,
        x_change_reason=x_change_reason,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SourceWriteRequest,
    if_match: str,
    x_change_reason: str | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail
]:
    """Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        id (str):
        if_match (str):
        x_change_reason (str | Unset):
        body (SourceWriteRequest): A write serializer that applies the model's own rules
            (``full_clean``: field
            validators, ``clean()``, unique and check constraints) and so reports each broken rule as
            a 400 naming its field, before the database would refuse it.

            Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
            Uniqueness is the model's to check too, so DRF's own unique validators are off: they
            would make every field of a unique constraint required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
        x_change_reason=x_change_reason,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SourceWriteRequest,
    if_match: str,
    x_change_reason: str | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | Revision
    | ServerError
    | SourceDetail
    | None
):
    """Sources: documents (articles, NGO reports, briefings...) with their full text as
    captured and its SHA-256, and the documents they cite.

    Args:
        id (str):
        if_match (str):
        x_change_reason (str | Unset):
        body (SourceWriteRequest): A write serializer that applies the model's own rules
            (``full_clean``: field
            validators, ``clean()``, unique and check constraints) and so reports each broken rule as
            a 400 naming its field, before the database would refuse it.

            Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
            Uniqueness is the model's to check too, so DRF's own unique validators are off: they
            would make every field of a unique constraint required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | Revision | ServerError | SourceDetail
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            if_match=if_match,
            x_change_reason=x_change_reason,
        )
    ).parsed
