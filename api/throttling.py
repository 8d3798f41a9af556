"""Anonymous reads are rate-limited per client; requests with an API key are not.

The client is ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` says how many
proxies (load balancer, CDN) append to ``X-Forwarded-For`` in front of the site;
DRF then takes the address that many hops from the right, which a client cannot
forge. See the README's "Use the API" section.
"""

import hashlib

from rest_framework.throttling import SimpleRateThrottle


class AnonymousReadThrottle(SimpleRateThrottle):
    scope = "anonymous_read"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class BookingClientThrottle(SimpleRateThrottle):
    """Booking requests per client address."""

    scope = "booking_client"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class BookingContactThrottle(SimpleRateThrottle):
    """Booking requests per contact detail, hashed so the cache holds no personal data."""

    scope = "booking_contact"

    def get_cache_key(self, request, view):
        contact = (
            str(request.data.get("contact", "")).strip().lower()
            if hasattr(request.data, "get")
            else ""
        )
        if not contact:
            return None
        digest = hashlib.sha256(contact.encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": digest}
