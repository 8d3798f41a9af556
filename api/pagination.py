from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

# The largest value a database's 64-bit integer column or OFFSET can take.
LARGEST_WHOLE_NUMBER = 2**63 - 1


def whole_number(
    request, name: str, default: int, minimum: int, maximum: int = LARGEST_WHOLE_NUMBER
) -> int:
    """A query parameter of ASCII digits within bounds, else a 400 naming it.

    ``int()`` alone would take " 5", "1_0" or "٥", and ``str.isdigit`` passes
    "²", which ``int()`` then refuses with a 500; so does a number of more than
    4300 digits, hence the length check first (2**63 has 19 digits).
    """
    raw = request.query_params.get(name)
    if raw is None:
        return default
    value = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 20 else None
    if value is None or not minimum <= value <= maximum:
        raise ValidationError({name: [f"Must be a whole number from {minimum} to {maximum}."]})
    return value


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """``limit``/``offset`` paging that rejects bad values instead of quietly ignoring them."""

    default_limit = 20
    max_limit = 100

    def get_limit(self, request):
        return whole_number(request, self.limit_query_param, self.default_limit, 1, self.max_limit)

    def get_offset(self, request):
        return whole_number(request, self.offset_query_param, 0, 0)

    def get_schema_operation_parameters(self, view):
        limit, offset = super().get_schema_operation_parameters(view)
        limit["description"] = (
            f"Results per page: 1 to {self.max_limit}, default {self.default_limit}."
        )
        limit["schema"] |= {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit}
        offset["description"] = "How many results to skip; default 0."
        offset["schema"] |= {"minimum": 0, "maximum": LARGEST_WHOLE_NUMBER, "default": 0}
        return [limit, offset]
