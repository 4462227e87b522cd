"""The API's JSON parser, bounded in nesting as well as in size."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser

MAX_DEPTH = 20
"""The deepest nesting of arrays and objects a body may have (the API's own are 3 deep)."""

TOO_DEEP = f"JSON parse error - the request body is nested more than {MAX_DEPTH} levels deep."


class JSONParser(DRFJSONParser):
    """DRF's parser, with a body nested past MAX_DEPTH a 400: Python's json module recurses
    once per level and would otherwise fail a thousand levels in with a RecursionError (a
    500), and anything that walked a body just under that would fail the same way."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        if _depth_exceeds(data, MAX_DEPTH):
            raise ParseError(TOO_DEEP)
        return data


def _depth_exceeds(data, limit: int) -> bool:
    """Whether ``data`` nests containers more than ``limit`` deep, found without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
