"""Anonymous reads are rate-limited per client; requests with an API key are not.

The client is ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` says how many
proxies (load balancer, CDN) append to ``X-Forwarded-For`` in front of the site;
DRF then takes the address that many hops from the right, which a client cannot
forge. See the README's "Use the API" section.
"""

import hashlib
import math
import threading
from collections import OrderedDict

from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import SimpleRateThrottle

from api.contacts import contact_identity

# Each process takes a window's allowance from the shared counter in leases of
# 1/LEASE_FRACTION of the rate, and spends them without asking again.
LEASE_FRACTION = 50
LEASES_KEPT = 10_000


class AnonymousReadThrottle(SimpleRateThrottle):
    """A counter per client and window, shared by every process, taken in leases.

    DRF's sliding window stores every request's time and rewrites the whole list
    on each request: at a few hundred requests a second that list, not the
    answer, was the cost of a read. A fixed window allows at most twice the rate
    across a window's edge, which is fine for a limit meant to stop floods.

    A kept API answer costs no database query, so one round trip to the shared
    cache per request was half its cost. Instead a process reserves a lease of
    ``rate / LEASE_FRACTION`` requests at once (one ``INCRBY``) and spends it
    locally. The limit still holds across processes: leases are counted when
    taken, so a client gets at most the rate per window; a lease a process does
    not use up is lost to that client for the window (at most 2% per process).
    At small rates a lease is one request, as a plain counter.
    """

    scope = "anonymous_read"
    _leases: OrderedDict[str, int] = OrderedDict()
    _leases_lock = threading.Lock()

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
        counter = f"{key}:{window}"
        lease = f"{counter}/{self.rate}"  # a changed rate starts afresh
        if self._spend_lease(lease):
            return True
        size = max(1, self.num_requests // LEASE_FRACTION)
        taken_before = self._count(counter, size) - size
        granted = min(size, self.num_requests - taken_before)
        if granted <= 0:
            return False
        self._keep_lease(lease, granted - 1)
        return True

    def _spend_lease(self, lease: str) -> bool:
        with self._leases_lock:
            left = self._leases.get(lease, 0)
            if left > 0:
                self._leases[lease] = left - 1
                return True
        return False

    def _keep_lease(self, lease: str, left: int) -> None:
        if left <= 0:
            return
        with self._leases_lock:
            self._leases[lease] = left
            self._leases.move_to_end(lease)
            while len(self._leases) > LEASES_KEPT:  # old windows and idle clients go first
                self._leases.popitem(last=False)

    def _count(self, counter: str, amount: int) -> int:
        """Add ``amount`` and return the total: one round trip to Redis (INCRBY and EXPIRE).

        Django's ``incr`` asks whether the key exists first, and a first request
        would also need ``add``: three round trips.
        """
        if isinstance(self.cache, RedisCache):
            name = self.cache.make_and_validate_key(counter)
            client = self.cache._cache.get_client(name, write=True)
            with client.pipeline() as pipe:
                count, _ = (
                    pipe.incrby(name, amount).expire(name, self.duration + 1, nx=True).execute()
                )
            return count
        self.cache.add(counter, 0, self.duration + 1)
        try:
            return self.cache.incr(counter, amount)
        except ValueError:  # evicted between add and incr: count this one only
            return amount

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
