from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """``limit``/``offset`` paging that rejects bad values instead of quietly ignoring them."""

    default_limit = 20
    max_limit = 100

    def get_limit(self, request):
        return self._parse(request, self.limit_query_param, self.default_limit, 1, self.max_limit)

    def get_offset(self, request):
        return self._parse(request, self.offset_query_param, 0, 0, None)

    @staticmethod
    def _parse(request, name, default, minimum, maximum):
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value < minimum or (maximum is not None and value > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            raise ValidationError({name: [f"Must be a whole number of at least {minimum}{upper}."]})
        return value
