from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.casualty_report import CasualtyReport
from ...models.client_error import ClientError
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/casualty-reports/{id}/".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CasualtyReport | ClientError | ClientError | ValidationError | ServerError | None:
    if response.status_code == 200:
        response_200 = CasualtyReport.from_dict(response.json())

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
    CasualtyReport | ClientError | ClientError | ValidationError | ServerError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    CasualtyReport | ClientError | ClientError | ValidationError | ServerError
]:
    """Read one casualty report

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CasualtyReport | ClientError | ClientError | ValidationError | ServerError]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> CasualtyReport | ClientError | ClientError | ValidationError | ServerError | None:
    """Read one casualty report

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CasualtyReport | ClientError | ClientError | ValidationError | ServerError
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    CasualtyReport | ClientError | ClientError | ValidationError | ServerError
]:
    """Read one casualty report

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CasualtyReport | ClientError | ClientError | ValidationError | ServerError]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
) -> CasualtyReport | ClientError | ClientError | ValidationError | ServerError | None:
    """Read one casualty report

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CasualtyReport | ClientError | ClientError | ValidationError | ServerError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
