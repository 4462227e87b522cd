from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.casualty_reports_list_category import CasualtyReportsListCategory
from ...models.casualty_reports_list_population import CasualtyReportsListPopulation
from ...models.client_error import ClientError
from ...models.paginated_casualty_report_list import PaginatedCasualtyReportList
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    category: CasualtyReportsListCategory | Unset = UNSET,
    incident: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    population: CasualtyReportsListPopulation | Unset = UNSET,
    reported_by: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_category: str | Unset = UNSET
    if not isinstance(category, Unset):
        json_category = category.value

    params["category"] = json_category

    params["incident"] = incident

    params["limit"] = limit

    params["offset"] = offset

    json_population: str | Unset = UNSET
    if not isinstance(population, Unset):
        json_population = population.value

    params["population"] = json_population

    params["reported_by"] = reported_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/casualty-reports/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedCasualtyReportList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedCasualtyReportList.from_dict(response.json())

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
    ClientError
    | ClientError
    | ValidationError
    | PaginatedCasualtyReportList
    | ServerError
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
    category: CasualtyReportsListCategory | Unset = UNSET,
    incident: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    population: CasualtyReportsListPopulation | Unset = UNSET,
    reported_by: str | Unset = UNSET,
) -> Response[
    ClientError
    | ClientError
    | ValidationError
    | PaginatedCasualtyReportList
    | ServerError
]:
    """List casualty reports of published incidents

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        category (CasualtyReportsListCategory | Unset):
        incident (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        population (CasualtyReportsListPopulation | Unset):
        reported_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedCasualtyReportList | ServerError]
    """

    kwargs = _get_kwargs(
        category=category,
        incident=incident,
        limit=limit,
        offset=offset,
        population=population,
        reported_by=reported_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    category: CasualtyReportsListCategory | Unset = UNSET,
    incident: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    population: CasualtyReportsListPopulation | Unset = UNSET,
    reported_by: str | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedCasualtyReportList
    | ServerError
    | None
):
    """List casualty reports of published incidents

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        category (CasualtyReportsListCategory | Unset):
        incident (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        population (CasualtyReportsListPopulation | Unset):
        reported_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedCasualtyReportList | ServerError
    """

    return sync_detailed(
        client=client,
        category=category,
        incident=incident,
        limit=limit,
        offset=offset,
        population=population,
        reported_by=reported_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    category: CasualtyReportsListCategory | Unset = UNSET,
    incident: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    population: CasualtyReportsListPopulation | Unset = UNSET,
    reported_by: str | Unset = UNSET,
) -> Response[
    ClientError
    | ClientError
    | ValidationError
    | PaginatedCasualtyReportList
    | ServerError
]:
    """List casualty reports of published incidents

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        category (CasualtyReportsListCategory | Unset):
        incident (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        population (CasualtyReportsListPopulation | Unset):
        reported_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedCasualtyReportList | ServerError]
    """

    kwargs = _get_kwargs(
        category=category,
        incident=incident,
        limit=limit,
        offset=offset,
        population=population,
        reported_by=reported_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    category: CasualtyReportsListCategory | Unset = UNSET,
    incident: str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    population: CasualtyReportsListPopulation | Unset = UNSET,
    reported_by: str | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedCasualtyReportList
    | ServerError
    | None
):
    """List casualty reports of published incidents

     Casualty reports: one figure (killed, injured or displaced) for an incident, as one
    reporter gave it in one quote. The incident's curated range is the editors' reading of them.

    Args:
        category (CasualtyReportsListCategory | Unset):
        incident (str | Unset):
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        population (CasualtyReportsListPopulation | Unset):
        reported_by (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedCasualtyReportList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            category=category,
            incident=incident,
            limit=limit,
            offset=offset,
            population=population,
            reported_by=reported_by,
        )
    ).parsed
