from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.incident_detail import IncidentDetail
from ...models.incidents_retrieve_format import IncidentsRetrieveFormat
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id_or_slug: str,
    *,
    format_: IncidentsRetrieveFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/incidents/{id_or_slug}/".format(
            id_or_slug=quote(str(id_or_slug), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | ClientError
    | ClientError
    | ValidationError
    | IncidentDetail
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = IncidentDetail.from_dict(response.json())

        return response_200

    if response.status_code == 301:
        response_301 = cast(Any, None)
        return response_301

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
    Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id_or_slug: str,
    *,
    client: AuthenticatedClient | Client,
    format_: IncidentsRetrieveFormat | Unset = UNSET,
) -> Response[
    Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError
]:
    """Read one incident with its whole evidence chain

     The incident with every claim, its quote and the quote's source, as JSON by default. The same
    incident as JSON-LD (`Accept: application/ld+json` or `?format=jsonld`): a schema.org `Event` whose
    claims (involvements, casualty reports, statements) are `Claim`s, each appearing in a `Quotation` of
    its source, with W3C PROV for who says it (`wasAttributedTo`) and where (`wasDerivedFrom` the
    quotation, `wasQuotedFrom` the source), and the reviewers' grades as `ClaimReview`s. The `@context`
    is inline: nothing needs fetching. Records are named by their API URLs. See docs/jsonld.md.

    Args:
        id_or_slug (str):
        format_ (IncidentsRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError]
    """

    kwargs = _get_kwargs(
        id_or_slug=id_or_slug,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id_or_slug: str,
    *,
    client: AuthenticatedClient | Client,
    format_: IncidentsRetrieveFormat | Unset = UNSET,
) -> (
    Any
    | ClientError
    | ClientError
    | ValidationError
    | IncidentDetail
    | ServerError
    | None
):
    """Read one incident with its whole evidence chain

     The incident with every claim, its quote and the quote's source, as JSON by default. The same
    incident as JSON-LD (`Accept: application/ld+json` or `?format=jsonld`): a schema.org `Event` whose
    claims (involvements, casualty reports, statements) are `Claim`s, each appearing in a `Quotation` of
    its source, with W3C PROV for who says it (`wasAttributedTo`) and where (`wasDerivedFrom` the
    quotation, `wasQuotedFrom` the source), and the reviewers' grades as `ClaimReview`s. The `@context`
    is inline: nothing needs fetching. Records are named by their API URLs. See docs/jsonld.md.

    Args:
        id_or_slug (str):
        format_ (IncidentsRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError
    """

    return sync_detailed(
        id_or_slug=id_or_slug,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    id_or_slug: str,
    *,
    client: AuthenticatedClient | Client,
    format_: IncidentsRetrieveFormat | Unset = UNSET,
) -> Response[
    Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError
]:
    """Read one incident with its whole evidence chain

     The incident with every claim, its quote and the quote's source, as JSON by default. The same
    incident as JSON-LD (`Accept: application/ld+json` or `?format=jsonld`): a schema.org `Event` whose
    claims (involvements, casualty reports, statements) are `Claim`s, each appearing in a `Quotation` of
    its source, with W3C PROV for who says it (`wasAttributedTo`) and where (`wasDerivedFrom` the
    quotation, `wasQuotedFrom` the source), and the reviewers' grades as `ClaimReview`s. The `@context`
    is inline: nothing needs fetching. Records are named by their API URLs. See docs/jsonld.md.

    Args:
        id_or_slug (str):
        format_ (IncidentsRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError]
    """

    kwargs = _get_kwargs(
        id_or_slug=id_or_slug,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id_or_slug: str,
    *,
    client: AuthenticatedClient | Client,
    format_: IncidentsRetrieveFormat | Unset = UNSET,
) -> (
    Any
    | ClientError
    | ClientError
    | ValidationError
    | IncidentDetail
    | ServerError
    | None
):
    """Read one incident with its whole evidence chain

     The incident with every claim, its quote and the quote's source, as JSON by default. The same
    incident as JSON-LD (`Accept: application/ld+json` or `?format=jsonld`): a schema.org `Event` whose
    claims (involvements, casualty reports, statements) are `Claim`s, each appearing in a `Quotation` of
    its source, with W3C PROV for who says it (`wasAttributedTo`) and where (`wasDerivedFrom` the
    quotation, `wasQuotedFrom` the source), and the reviewers' grades as `ClaimReview`s. The `@context`
    is inline: nothing needs fetching. Records are named by their API URLs. See docs/jsonld.md.

    Args:
        id_or_slug (str):
        format_ (IncidentsRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ClientError | ClientError | ValidationError | IncidentDetail | ServerError
    """

    return (
        await asyncio_detailed(
            id_or_slug=id_or_slug,
            client=client,
            format_=format_,
        )
    ).parsed
