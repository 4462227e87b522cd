"""`GET /api/snapshot`: every public record in one stream, to start a mirror from.

The records are rendered by incidents/snapshot.py; this view picks the database (a replica
for a public read, as for any other), and compresses the stream when the client takes gzip.
"""

import re
import zlib
from collections.abc import Iterable, Iterator

from django.db import router
from django.http import StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from config.api.views import StrictParamsMixin
from incidents.models import Change
from incidents.snapshot import RESOURCES, snapshot_chunks

MEDIA_TYPE = "application/x-ndjson"
# zlib's fastest level. On the snapshot of generate_demo_data's ledger, level 1 made 8.4x
# smaller at 300 MB/s, level 6 11.6x at 70 MB/s: that would add a quarter to the time of a
# stream made at about 17 MB/s, level 1 a twentieth.
GZIP_LEVEL = 1
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

DESCRIPTION = f"""Every public record, one JSON object a line (NDJSON), to start a mirror
from: then follow `/api/changes?after=<position>` to keep it exact. With `Accept-Encoding:
gzip` the stream is gzip-compressed (`Content-Encoding: gzip`).

- The first line is `{{"kind": "snapshot", "api_version": ..., "position": ..., "generated_at":
  ...}}`: `position` is the change feed's position (`/api/changes?after=`) whose effects the
  snapshot holds. Entries after it may repeat some of what the snapshot holds; applying them
  again is harmless.
- Then one line per public record, `{{"kind": <resource>, "record": {{...}}}}`, by resource in
  this order (what a record names comes before it), each by id:
  {", ".join(f"`{r}`" for r in RESOURCES)}.
  `record` is exactly what `GET /api/<resource>/<id>` answers the public.
- The last line is `{{"kind": "end", "counts": {{<resource>: <number of records>, ...}}}}`: a
  stream without it was cut short; start again.

Everything is read in one transaction, so the records and the position agree with each
other. The request counts once against the rate limit."""


class NDJSONRenderer(JSONRenderer):
    """What the snapshot is served as: its records stream past the renderer, which renders
    only an error, one JSON object (one line)."""

    media_type = MEDIA_TYPE
    format = "ndjson"


class SnapshotView(StrictParamsMixin, APIView):
    permission_classes = [AllowAny]
    renderer_classes = [NDJSONRenderer]
    http_method_names = ["get", "options"]

    def allowed_query_params(self) -> set[str]:
        return set()

    @extend_schema(
        summary="Every public record, to start a mirror from",
        description=DESCRIPTION,
        responses={
            (200, MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="One JSON object a line, as described above."
            )
        },
    )
    def get(self, request, *args, **kwargs):
        # Chosen now: the router knows the request's database only while the view runs, and
        # the stream is read after it returns.
        using = router.db_for_read(Change)
        chunks = snapshot_chunks(using)
        gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
        response = StreamingHttpResponse(_gzipped(chunks) if gzip else chunks)
        response["Content-Type"] = MEDIA_TYPE
        if gzip:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding"])
        return response


def _gzipped(chunks: Iterable[bytes]) -> Iterator[bytes]:
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        compressed = compressor.compress(chunk)
        if compressed:
            yield compressed
    yield compressor.flush()
