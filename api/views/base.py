"""The behaviour every public read shares: strict parameters, caching, conditional GET.

A response is cached as rendered JSON under a key made of the content version
(see ``api.changes``) and the full request URL, so publishing anything makes
every old entry unreachable at once: no invalidation to forget. The same key is
the ETag, so a client revalidating an unchanged resource costs two small
queries and a cache lookup, and gets a 304.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from api import changes

CACHE_CONTROL = "public, no-cache, stale-if-error=86400"
PAGINATION_PARAMS = frozenset({"limit", "offset"})


class PublicReadMixin:
    allowed_params: frozenset[str] = frozenset()

    def initial(self, request, *args, **kwargs):
        # Before DRF's content negotiation, which would take ``?format=xml`` as its own
        # switch and answer with a bare 404.
        self._reject_unknown_params(request)
        super().initial(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        version = changes.current_version()
        # Scheme and host too: bodies carry absolute URLs built from them.
        url = request.build_absolute_uri()
        tag = self.content_tag(version.tag)
        etag = '"{}"'.format(
            hashlib.blake2b(f"v1|{tag}|{url}".encode(), digest_size=12).hexdigest()
        )
        cache_key = f"api:v1:{etag}"
        body = cache.get(cache_key)
        if body is None:
            data = self.fresh(request, *args, **kwargs).data
            body = JSONRenderer().render(data)
            cache.set(cache_key, body, settings.API_CACHE_SECONDS)

        # Whole seconds, as the header states it: with microseconds left in, an
        # If-Modified-Since equal to the header would never match.
        last_modified = int(version.last_modified.timestamp()) if version.last_modified else None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = CACHE_CONTROL
        return response

    def content_tag(self, tag: str) -> str:
        """What the body depends on besides the URL; search adds the editors' synonyms."""
        return tag

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
