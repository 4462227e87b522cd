from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.client_error import ClientError
from ...models.server_error import ServerError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/snapshot/",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClientError | ClientError | ValidationError | ServerError | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
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
) -> Response[ClientError | ClientError | ValidationError | ServerError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClientError | ClientError | ValidationError | ServerError | str]:
    """Every public record, to start a mirror from

     Every public record, one JSON object a line (NDJSON), to start a mirror
    from: then follow `/api/changes?after=<position>` to keep it exact. With `Accept-Encoding:
    gzip` the stream is gzip-compressed (`Content-Encoding: gzip`).

    - The first line is `{"kind": "snapshot", "api_version": ..., "position": ..., "generated_at":
      ...}`: `position` is the change feed's position (`/api/changes?after=`) whose effects the
      snapshot holds. Entries after it may repeat some of what the snapshot holds; applying them
      again is harmless.
    - Then one line per public record, `{"kind": <resource>, "record": {...}}`, by resource in
      this order (what a record names comes before it), each by id:
      `actors`, `sources`, `quotes`, `statements`, `casualty-reports`, `incidents`.
      `record` is exactly what `GET /api/<resource>/<id>` answers the public.
    - The last line is `{"kind": "end", "counts": {<resource>: <number of records>, ...}}`: a
      stream without it was cut short; start again.

    Everything is read in one transaction, so the records and the position agree with each
    other. The request counts once against the rate limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | ServerError | str]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ClientError | ClientError | ValidationError | ServerError | str | None:
    """Every public record, to start a mirror from

     Every public record, one JSON object a line (NDJSON), to start a mirror
    from: then follow `/api/changes?after=<position>` to keep it exact. With `Accept-Encoding:
    gzip` the stream is gzip-compressed (`Content-Encoding: gzip`).

    - The first line is `{"kind": "snapshot", "api_version": ..., "position": ..., "generated_at":
      ...}`: `position` is the change feed's position (`/api/changes?after=`) whose effects the
      snapshot holds. Entries after it may repeat some of what the snapshot holds; applying them
      again is harmless.
    - Then one line per public record, `{"kind": <resource>, "record": {...}}`, by resource in
      this order (what a record names comes before it), each by id:
      `actors`, `sources`, `quotes`, `statements`, `casualty-reports`, `incidents`.
      `record` is exactly what `GET /api/<resource>/<id>` answers the public.
    - The last line is `{"kind": "end", "counts": {<resource>: <number of records>, ...}}`: a
      stream without it was cut short; start again.

    Everything is read in one transaction, so the records and the position agree with each
    other. The request counts once against the rate limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | ServerError | str
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClientError | ClientError | ValidationError | ServerError | str]:
    """Every public record, to start a mirror from

     Every public record, one JSON object a line (NDJSON), to start a mirror
    from: then follow `/api/changes?after=<position>` to keep it exact. With `Accept-Encoding:
    gzip` the stream is gzip-compressed (`Content-Encoding: gzip`).

    - The first line is `{"kind": "snapshot", "api_version": ..., "position": ..., "generated_at":
      ...}`: `position` is the change feed's position (`/api/changes?after=`) whose effects the
      snapshot holds. Entries after it may repeat some of what the snapshot holds; applying them
      again is harmless.
    - Then one line per public record, `{"kind": <resource>, "record": {...}}`, by resource in
      this order (what a record names comes before it), each by id:
      `actors`, `sources`, `quotes`, `statements`, `casualty-reports`, `incidents`.
      `record` is exactly what `GET /api/<resource>/<id>` answers the public.
    - The last line is `{"kind": "end", "counts": {<resource>: <number of records>, ...}}`: a
      stream without it was cut short; start again.

    Everything is read in one transaction, so the records and the position agree with each
    other. The request counts once against the rate limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClientError | ClientError | ValidationError | ServerError | str]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ClientError | ClientError | ValidationError | ServerError | str | None:
    """Every public record, to start a mirror from

     Every public record, one JSON object a line (NDJSON), to start a mirror
    from: then follow `/api/changes?after=<position>` to keep it exact. With `Accept-Encoding:
    gzip` the stream is gzip-compressed (`Content-Encoding: gzip`).

    - The first line is `{"kind": "snapshot", "api_version": ..., "position": ..., "generated_at":
      ...}`: `position` is the change feed's position (`/api/changes?after=`) whose effects the
      snapshot holds. Entries after it may repeat some of what the snapshot holds; applying them
      again is harmless.
    - Then one line per public record, `{"kind": <resource>, "record": {...}}`, by resource in
      this order (what a record names comes before it), each by id:
      `actors`, `sources`, `quotes`, `statements`, `casualty-reports`, `incidents`.
      `record` is exactly what `GET /api/<resource>/<id>` answers the public.
    - The last line is `{"kind": "end", "counts": {<resource>: <number of records>, ...}}`: a
      stream without it was cut short; start again.

    Everything is read in one transaction, so the records and the position agree with each
    other. The request counts once against the rate limit.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClientError | ClientError | ValidationError | ServerError | str
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
