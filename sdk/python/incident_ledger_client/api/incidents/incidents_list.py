import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.incidents_list_attribution import IncidentsListAttribution
from ...models.incidents_list_format import IncidentsListFormat
from ...models.incidents_list_grade import IncidentsListGrade
from ...models.incidents_list_ordering_item import IncidentsListOrderingItem
from ...models.incidents_list_role import IncidentsListRole
from ...models.incidents_list_status import IncidentsListStatus
from ...models.incidents_list_sub_type import IncidentsListSubType
from ...models.incidents_list_type import IncidentsListType
from ...models.paginated_incident_list import PaginatedIncidentList
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    acled_event_id: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    admin1: str | Unset = UNSET,
    airwars_code: str | Unset = UNSET,
    attributed_by: str | Unset = UNSET,
    attribution: IncidentsListAttribution | Unset = UNSET,
    bbox: str | Unset = UNSET,
    country: str | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: IncidentsListFormat | Unset = UNSET,
    grade: IncidentsListGrade | Unset = UNSET,
    limit: int | Unset = 50,
    max_civilian_deaths: int | Unset = UNSET,
    min_civilian_deaths: int | Unset = UNSET,
    offset: int | Unset = 0,
    ordering: list[IncidentsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    role: IncidentsListRole | Unset = UNSET,
    source: int | Unset = UNSET,
    status: IncidentsListStatus | Unset = UNSET,
    sub_type: IncidentsListSubType | Unset = UNSET,
    type_: IncidentsListType | Unset = UNSET,
    ucdp_ged_id: int | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["acled_event_id"] = acled_event_id

    params["actor"] = actor

    params["admin1"] = admin1

    params["airwars_code"] = airwars_code

    params["attributed_by"] = attributed_by

    json_attribution: str | Unset = UNSET
    if not isinstance(attribution, Unset):
        json_attribution = attribution.value

    params["attribution"] = json_attribution

    params["bbox"] = bbox

    params["country"] = country

    json_date_from: str | Unset = UNSET
    if not isinstance(date_from, Unset):
        json_date_from = date_from.isoformat()
    params["date_from"] = json_date_from

    json_date_to: str | Unset = UNSET
    if not isinstance(date_to, Unset):
        json_date_to = date_to.isoformat()
    params["date_to"] = json_date_to

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_grade: str | Unset = UNSET
    if not isinstance(grade, Unset):
        json_grade = grade.value

    params["grade"] = json_grade

    params["limit"] = limit

    params["max_civilian_deaths"] = max_civilian_deaths

    params["min_civilian_deaths"] = min_civilian_deaths

    params["offset"] = offset

    json_ordering: list[str] | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = []
        for ordering_item_data in ordering:
            ordering_item = ordering_item_data.value
            json_ordering.append(ordering_item)

    params["ordering"] = json_ordering

    params["q"] = q

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role.value

    params["role"] = json_role

    params["source"] = source

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_sub_type: str | Unset = UNSET
    if not isinstance(sub_type, Unset):
        json_sub_type = sub_type.value

    params["sub_type"] = json_sub_type

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params["ucdp_ged_id"] = ucdp_ged_id

    json_updated_since: str | Unset = UNSET
    if not isinstance(updated_since, Unset):
        json_updated_since = updated_since.isoformat()
    params["updated_since"] = json_updated_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/incidents/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedIncidentList
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PaginatedIncidentList.from_dict(response.json())

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
    ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError
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
    acled_event_id: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    admin1: str | Unset = UNSET,
    airwars_code: str | Unset = UNSET,
    attributed_by: str | Unset = UNSET,
    attribution: IncidentsListAttribution | Unset = UNSET,
    bbox: str | Unset = UNSET,
    country: str | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: IncidentsListFormat | Unset = UNSET,
    grade: IncidentsListGrade | Unset = UNSET,
    limit: int | Unset = 50,
    max_civilian_deaths: int | Unset = UNSET,
    min_civilian_deaths: int | Unset = UNSET,
    offset: int | Unset = 0,
    ordering: list[IncidentsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    role: IncidentsListRole | Unset = UNSET,
    source: int | Unset = UNSET,
    status: IncidentsListStatus | Unset = UNSET,
    sub_type: IncidentsListSubType | Unset = UNSET,
    type_: IncidentsListType | Unset = UNSET,
    ucdp_ged_id: int | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError
]:
    """List published incidents

     Published incidents, newest first, filtered and paginated. `?format=csv` (or `Accept: text/csv`) and
    `?format=geojson` (or `Accept: application/geo+json`) stream every matching incident as CSV or as a
    GeoJSON FeatureCollection of Points (geometry null where the place has no coordinates).
    `?format=acled` and `?format=ucdp` stream them in ACLED's and UCDP GED's CSV column layouts, for the
    tools built for those datasets. Exports honour every filter and ordering, and `limit`/`offset` only
    when given, with `limit` up to 10,000,000.

    Args:
        acled_event_id (str | Unset):
        actor (str | Unset):
        admin1 (str | Unset):
        airwars_code (str | Unset):
        attributed_by (str | Unset):
        attribution (IncidentsListAttribution | Unset):
        bbox (str | Unset):
        country (str | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (IncidentsListFormat | Unset):
        grade (IncidentsListGrade | Unset):
        limit (int | Unset):  Default: 50.
        max_civilian_deaths (int | Unset):
        min_civilian_deaths (int | Unset):
        offset (int | Unset):  Default: 0.
        ordering (list[IncidentsListOrderingItem] | Unset):
        q (str | Unset):
        role (IncidentsListRole | Unset):
        source (int | Unset):
        status (IncidentsListStatus | Unset):
        sub_type (IncidentsListSubType | Unset):
        type_ (IncidentsListType | Unset):
        ucdp_ged_id (int | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError]
    """

    kwargs = _get_kwargs(
        acled_event_id=acled_event_id,
        actor=actor,
        admin1=admin1,
        airwars_code=airwars_code,
        attributed_by=attributed_by,
        attribution=attribution,
        bbox=bbox,
        country=country,
        date_from=date_from,
        date_to=date_to,
        format_=format_,
        grade=grade,
        limit=limit,
        max_civilian_deaths=max_civilian_deaths,
        min_civilian_deaths=min_civilian_deaths,
        offset=offset,
        ordering=ordering,
        q=q,
        role=role,
        source=source,
        status=status,
        sub_type=sub_type,
        type_=type_,
        ucdp_ged_id=ucdp_ged_id,
        updated_since=updated_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    acled_event_id: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    admin1: str | Unset = UNSET,
    airwars_code: str | Unset = UNSET,
    attributed_by: str | Unset = UNSET,
    attribution: IncidentsListAttribution | Unset = UNSET,
    bbox: str | Unset = UNSET,
    country: str | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: IncidentsListFormat | Unset = UNSET,
    grade: IncidentsListGrade | Unset = UNSET,
    limit: int | Unset = 50,
    max_civilian_deaths: int | Unset = UNSET,
    min_civilian_deaths: int | Unset = UNSET,
    offset: int | Unset = 0,
    ordering: list[IncidentsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    role: IncidentsListRole | Unset = UNSET,
    source: int | Unset = UNSET,
    status: IncidentsListStatus | Unset = UNSET,
    sub_type: IncidentsListSubType | Unset = UNSET,
    type_: IncidentsListType | Unset = UNSET,
    ucdp_ged_id: int | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedIncidentList
    | ServerError
    | None
):
    """List published incidents

     Published incidents, newest first, filtered and paginated. `?format=csv` (or `Accept: text/csv`) and
    `?format=geojson` (or `Accept: application/geo+json`) stream every matching incident as CSV or as a
    GeoJSON FeatureCollection of Points (geometry null where the place has no coordinates).
    `?format=acled` and `?format=ucdp` stream them in ACLED's and UCDP GED's CSV column layouts, for the
    tools built for those datasets. Exports honour every filter and ordering, and `limit`/`offset` only
    when given, with `limit` up to 10,000,000.

    Args:
        acled_event_id (str | Unset):
        actor (str | Unset):
        admin1 (str | Unset):
        airwars_code (str | Unset):
        attributed_by (str | Unset):
        attribution (IncidentsListAttribution | Unset):
        bbox (str | Unset):
        country (str | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (IncidentsListFormat | Unset):
        grade (IncidentsListGrade | Unset):
        limit (int | Unset):  Default: 50.
        max_civilian_deaths (int | Unset):
        min_civilian_deaths (int | Unset):
        offset (int | Unset):  Default: 0.
        ordering (list[IncidentsListOrderingItem] | Unset):
        q (str | Unset):
        role (IncidentsListRole | Unset):
        source (int | Unset):
        status (IncidentsListStatus | Unset):
        sub_type (IncidentsListSubType | Unset):
        type_ (IncidentsListType | Unset):
        ucdp_ged_id (int | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError
    """

    return sync_detailed(
        client=client,
        acled_event_id=acled_event_id,
        actor=actor,
        admin1=admin1,
        airwars_code=airwars_code,
        attributed_by=attributed_by,
        attribution=attribution,
        bbox=bbox,
        country=country,
        date_from=date_from,
        date_to=date_to,
        format_=format_,
        grade=grade,
        limit=limit,
        max_civilian_deaths=max_civilian_deaths,
        min_civilian_deaths=min_civilian_deaths,
        offset=offset,
        ordering=ordering,
        q=q,
        role=role,
        source=source,
        status=status,
        sub_type=sub_type,
        type_=type_,
        ucdp_ged_id=ucdp_ged_id,
        updated_since=updated_since,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    acled_event_id: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    admin1: str | Unset = UNSET,
    airwars_code: str | Unset = UNSET,
    attributed_by: str | Unset = UNSET,
    attribution: IncidentsListAttribution | Unset = UNSET,
    bbox: str | Unset = UNSET,
    country: str | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: IncidentsListFormat | Unset = UNSET,
    grade: IncidentsListGrade | Unset = UNSET,
    limit: int | Unset = 50,
    max_civilian_deaths: int | Unset = UNSET,
    min_civilian_deaths: int | Unset = UNSET,
    offset: int | Unset = 0,
    ordering: list[IncidentsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    role: IncidentsListRole | Unset = UNSET,
    source: int | Unset = UNSET,
    status: IncidentsListStatus | Unset = UNSET,
    sub_type: IncidentsListSubType | Unset = UNSET,
    type_: IncidentsListType | Unset = UNSET,
    ucdp_ged_id: int | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> Response[
    ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError
]:
    """List published incidents

     Published incidents, newest first, filtered and paginated. `?format=csv` (or `Accept: text/csv`) and
    `?format=geojson` (or `Accept: application/geo+json`) stream every matching incident as CSV or as a
    GeoJSON FeatureCollection of Points (geometry null where the place has no coordinates).
    `?format=acled` and `?format=ucdp` stream them in ACLED's and UCDP GED's CSV column layouts, for the
    tools built for those datasets. Exports honour every filter and ordering, and `limit`/`offset` only
    when given, with `limit` up to 10,000,000.

    Args:
        acled_event_id (str | Unset):
        actor (str | Unset):
        admin1 (str | Unset):
        airwars_code (str | Unset):
        attributed_by (str | Unset):
        attribution (IncidentsListAttribution | Unset):
        bbox (str | Unset):
        country (str | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (IncidentsListFormat | Unset):
        grade (IncidentsListGrade | Unset):
        limit (int | Unset):  Default: 50.
        max_civilian_deaths (int | Unset):
        min_civilian_deaths (int | Unset):
        offset (int | Unset):  Default: 0.
        ordering (list[IncidentsListOrderingItem] | Unset):
        q (str | Unset):
        role (IncidentsListRole | Unset):
        source (int | Unset):
        status (IncidentsListStatus | Unset):
        sub_type (IncidentsListSubType | Unset):
        type_ (IncidentsListType | Unset):
        ucdp_ged_id (int | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError]
    """

    kwargs = _get_kwargs(
        acled_event_id=acled_event_id,
        actor=actor,
        admin1=admin1,
        airwars_code=airwars_code,
        attributed_by=attributed_by,
        attribution=attribution,
        bbox=bbox,
        country=country,
        date_from=date_from,
        date_to=date_to,
        format_=format_,
        grade=grade,
        limit=limit,
        max_civilian_deaths=max_civilian_deaths,
        min_civilian_deaths=min_civilian_deaths,
        offset=offset,
        ordering=ordering,
        q=q,
        role=role,
        source=source,
        status=status,
        sub_type=sub_type,
        type_=type_,
        ucdp_ged_id=ucdp_ged_id,
        updated_since=updated_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    acled_event_id: str | Unset = UNSET,
    actor: str | Unset = UNSET,
    admin1: str | Unset = UNSET,
    airwars_code: str | Unset = UNSET,
    attributed_by: str | Unset = UNSET,
    attribution: IncidentsListAttribution | Unset = UNSET,
    bbox: str | Unset = UNSET,
    country: str | Unset = UNSET,
    date_from: datetime.date | Unset = UNSET,
    date_to: datetime.date | Unset = UNSET,
    format_: IncidentsListFormat | Unset = UNSET,
    grade: IncidentsListGrade | Unset = UNSET,
    limit: int | Unset = 50,
    max_civilian_deaths: int | Unset = UNSET,
    min_civilian_deaths: int | Unset = UNSET,
    offset: int | Unset = 0,
    ordering: list[IncidentsListOrderingItem] | Unset = UNSET,
    q: str | Unset = UNSET,
    role: IncidentsListRole | Unset = UNSET,
    source: int | Unset = UNSET,
    status: IncidentsListStatus | Unset = UNSET,
    sub_type: IncidentsListSubType | Unset = UNSET,
    type_: IncidentsListType | Unset = UNSET,
    ucdp_ged_id: int | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
) -> (
    ClientError
    | ClientError
    | ValidationError
    | PaginatedIncidentList
    | ServerError
    | None
):
    """List published incidents

     Published incidents, newest first, filtered and paginated. `?format=csv` (or `Accept: text/csv`) and
    `?format=geojson` (or `Accept: application/geo+json`) stream every matching incident as CSV or as a
    GeoJSON FeatureCollection of Points (geometry null where the place has no coordinates).
    `?format=acled` and `?format=ucdp` stream them in ACLED's and UCDP GED's CSV column layouts, for the
    tools built for those datasets. Exports honour every filter and ordering, and `limit`/`offset` only
    when given, with `limit` up to 10,000,000.

    Args:
        acled_event_id (str | Unset):
        actor (str | Unset):
        admin1 (str | Unset):
        airwars_code (str | Unset):
        attributed_by (str | Unset):
        attribution (IncidentsListAttribution | Unset):
        bbox (str | Unset):
        country (str | Unset):
        date_from (datetime.date | Unset):
        date_to (datetime.date | Unset):
        format_ (IncidentsListFormat | Unset):
        grade (IncidentsListGrade | Unset):
        limit (int | Unset):  Default: 50.
        max_civilian_deaths (int | Unset):
        min_civilian_deaths (int | Unset):
        offset (int | Unset):  Default: 0.
        ordering (list[IncidentsListOrderingItem] | Unset):
        q (str | Unset):
        role (IncidentsListRole | Unset):
        source (int | Unset):
        status (IncidentsListStatus | Unset):
        sub_type (IncidentsListSubType | Unset):
        type_ (IncidentsListType | Unset):
        ucdp_ged_id (int | Unset):
        updated_since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | PaginatedIncidentList | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            acled_event_id=acled_event_id,
            actor=actor,
            admin1=admin1,
            airwars_code=airwars_code,
            attributed_by=attributed_by,
            attribution=attribution,
            bbox=bbox,
            country=country,
            date_from=date_from,
            date_to=date_to,
            format_=format_,
            grade=grade,
            limit=limit,
            max_civilian_deaths=max_civilian_deaths,
            min_civilian_deaths=min_civilian_deaths,
            offset=offset,
            ordering=ordering,
            q=q,
            role=role,
            source=source,
            status=status,
            sub_type=sub_type,
            type_=type_,
            ucdp_ged_id=ucdp_ged_id,
            updated_since=updated_since,
        )
    ).parsed
