"""gunicorn's own error answers in the API's JSON error shape.

A request gunicorn refuses before Django sees it (a request line over ``limit_request_line``,
a malformed header, headers over the limits) would otherwise get gunicorn's HTML page, which
no client of a JSON API expects and the OpenAPI document cannot describe. ``install()``
replaces the one function that writes those pages; config/gunicorn.py calls it.
"""

import json

from gunicorn import util

# The error code of each status gunicorn answers itself, as drf-standardized-errors names them.
CODES = {
    400: "parse_error",
    403: "permission_denied",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "request_header_fields_too_large",
    500: "error",
    501: "not_implemented",
}


def error_body(status: int, reason: str, message: str) -> bytes:
    """The API's error envelope for one of gunicorn's refusals."""
    detail = f"{reason}: {message}" if message else reason
    return json.dumps(
        {
            "type": "client_error" if status < 500 else "server_error",
            "errors": [{"code": CODES.get(status, "error"), "detail": detail, "attr": None}],
        }
    ).encode()


def write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    body = error_body(status_int, reason, mesg)
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin1") + body)


def install() -> None:
    if not callable(getattr(util, "write_error", None)):
        raise RuntimeError("gunicorn.util.write_error is gone: see config/gunicorn_errors.py")
    util.write_error = write_json_error
