"""Anonymous reads are rate-limited per client; requests with an API key are not.

The client is ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` says how many
proxies (load balancer, CDN) append to ``X-Forwarded-For`` in front of the site;
DRF then takes the address that many hops from the right, which a client cannot
forge. See the README's "Use the API" section.
"""

import hashlib
import math

from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import SimpleRateThrottle

from api.contacts import contact_identity


class AnonymousReadThrottle(SimpleRateThrottle):
    """A counter per client and window, so a check costs one cache increment.

    DRF's sliding window stores every request's time and rewrites the whole list
    on each request: at a few hundred requests a second that list, not the
    answer, was the cost of a read. A fixed window allows at most twice the rate
    across a window's edge, which is fine for a limit meant to stop floods.
    """

    scope = "anonymous_read"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.client_key(request)

    def client_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        return key is None or self.allow_key(key)

    def allow_key(self, key: str) -> bool:
        window = int(self.timer() // self.duration)
        self.window_ends = (window + 1) * self.duration
        return self._count(f"{key}:{window}") <= self.num_requests

    def _count(self, counter: str) -> int:
        """Add one and return the count: one round trip to Redis (INCR and EXPIRE together).

        Django's ``incr`` asks whether the key exists first, and a first request
        would also need ``add``: three round trips on every kept API answer.
        """
        if isinstance(self.cache, RedisCache):
            name = self.cache.make_and_validate_key(counter)
            client = self.cache._cache.get_client(name, write=True)
            with client.pipeline() as pipe:
                count, _ = pipe.incr(name).expire(name, self.duration + 1, nx=True).execute()
            return count
        self.cache.add(counter, 0, self.duration + 1)
        try:
            return self.cache.incr(counter)
        except ValueError:  # evicted between add and incr: count this one only
            return 1

    def wait(self):
        return max(self.window_ends - self.timer(), 1)


def refuse_kept_read_over_rate(request):
    """The same limit for anonymous reads answered from a kept copy, before any view runs."""
    from api.errors import problem_response  # it imports DRF's views, which import this

    throttle = AnonymousReadThrottle()
    if throttle.rate is None or throttle.allow_key(throttle.client_key(request)):
        return None
    wait = math.ceil(throttle.wait())
    detail = f"Request was throttled. Expected available in {wait} seconds."
    response = problem_response(429, detail)
    response["Retry-After"] = str(wait)
    return response


class BookingClientThrottle(SimpleRateThrottle):
    """Booking requests per client address."""

    scope = "booking_client"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class BookingContactThrottle(SimpleRateThrottle):
    """Booking requests per person, counted by their normalised contact detail
    (``api.contacts``) and hashed so the cache holds no personal data."""

    scope = "booking_contact"

    def get_cache_key(self, request, view):
        contact = str(request.data.get("contact", "")) if hasattr(request.data, "get") else ""
        identity = contact_identity(contact) if contact.strip() else ""
        if not identity:
            return None
        # surrogatepass: a lone surrogate cannot crash the count; the serializer refuses it.
        digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": digest}
