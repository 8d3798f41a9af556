"""JSON bodies that cannot be stored or safely walked are a 400 at the door.

DRF's ``JSONParser`` turns malformed JSON into a 400, but lets through what
Python's ``json`` accepts and later code cannot handle: a lone surrogate
(``"\\ud800"``) is a valid JSON escape yet no valid UTF-8, so hashing or storing
it raises ``UnicodeEncodeError``; nesting thousands deep raises ``RecursionError``
in the parser itself. Both become a ``ParseError`` naming the problem.
"""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Deeper than any body this API takes (a booking is one flat object).
MAX_DEPTH = 32


def _check(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(f"JSON nested more than {MAX_DEPTH} levels deep.")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError("JSON text holds an invalid character (a lone surrogate).") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(key, depth + 1)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON nested more than {MAX_DEPTH} levels deep.") from None
        _check(data)
        return data
