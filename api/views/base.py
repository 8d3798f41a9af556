"""The behaviour every public read shares: strict parameters, and dating the answer.

Keeping answers, ETags, 304s and stale copies belong to the delivery layer
(``cms.delivery``), which answers anonymous reads before this view is routed to
and keeps what it returns. A view here only refuses unknown parameters (so only
valid addresses are ever kept), answers a request with an API key from the kept
copy once DRF has checked the key and its rate, and dates its answer by the
change log (``Last-Modified``).
"""

from django.utils.http import http_date
from rest_framework.exceptions import ValidationError

from api import changes
from cms.delivery import middleware as delivery

PAGINATION_PARAMS = frozenset({"limit", "offset"})


class PublicReadMixin:
    allowed_params: frozenset[str] = frozenset()

    def initial(self, request, *args, **kwargs):
        # Before DRF's content negotiation, which would take ``?format=xml`` as its own
        # switch and answer with a bare 404.
        self._reject_unknown_params(request)
        super().initial(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        kept = delivery.kept_answer(request._request)
        if kept is not None:
            return kept
        response = self.fresh(request, *args, **kwargs)
        last_modified = changes.last_modified()
        if last_modified is not None:
            # Whole seconds, as the header states it: with microseconds left in, an
            # If-Modified-Since equal to the header would never match.
            response["Last-Modified"] = http_date(int(last_modified.timestamp()))
        return response

    def fresh(self, request, *args, **kwargs):
        """The uncached response: by default the generic view's own ``get``."""
        return super().get(request, *args, **kwargs)

    def _reject_unknown_params(self, request):
        unknown = sorted(set(request.query_params) - self.allowed_params)
        if unknown:
            allowed = ", ".join(sorted(self.allowed_params)) or "none"
            raise ValidationError(
                {name: [f"Unknown parameter. Allowed here: {allowed}."] for name in unknown}
            )
