"""Request bodies sent with ``Transfer-Encoding: chunked``, read rather than dropped.

Django reads a body by its ``CONTENT_LENGTH``; a chunked request has none, so Django sees an
empty body, and a PATCH sent that way answers 200 having changed nothing. gunicorn decodes
the chunks on ``wsgi.input``: this wrapper reads them up to the body limit and hands Django
the body with its length, or answers 413 past the limit without reading further.
"""

import io
import json

from django.conf import settings

READ_SIZE = 64 * 1024


class ReadChunkedBodies:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if _is_chunked(environ):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            body = _read_up_to(environ["wsgi.input"], limit)
            if limit is not None and len(body) > limit:
                return _payload_too_large(start_response, limit)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.application(environ, start_response)


def _is_chunked(environ) -> bool:
    codings = environ.get("HTTP_TRANSFER_ENCODING", "").lower().split(",")
    return "chunked" in (coding.strip() for coding in codings) and not environ.get("CONTENT_LENGTH")


def _read_up_to(stream, limit: int | None) -> bytes:
    """The whole body, or its first ``limit + 1`` bytes when it is longer than ``limit``."""
    parts, size = [], 0
    while limit is None or size <= limit:
        wanted = READ_SIZE if limit is None else min(READ_SIZE, limit + 1 - size)
        part = stream.read(wanted)
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def _payload_too_large(start_response, limit: int):
    body = json.dumps(
        {
            "type": "client_error",
            "errors": [
                {
                    "code": "payload_too_large",
                    "detail": f"The request body is over the limit of {limit} bytes.",
                    "attr": None,
                }
            ],
        }
    ).encode()
    start_response(
        "413 Content Too Large",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [body]
