"""A WSGI app whose response streams slowly, for tests/hardening/test_long_streams.py: the
production gunicorn configuration serves it as it serves the service. `/health` answers at
once (the test's readiness probe); `/slow?seconds=N` streams a line every quarter second for
N seconds, then `end`."""

import time
from urllib.parse import parse_qs


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    if environ["PATH_INFO"] != "/slow":
        return [b'{"status": "ok"}']
    seconds = float(parse_qs(environ["QUERY_STRING"]).get("seconds", ["5"])[0])

    def lines():
        for n in range(int(seconds * 4)):
            time.sleep(0.25)
            yield b"%d\n" % n
        yield b"end\n"

    return lines()
