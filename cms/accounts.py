"""Who is signing in from where: the client address django-axes counts failures by.

The same rule as the API's rate limits (DRF's ``NUM_PROXIES``, from
``TRUSTED_PROXY_COUNT``): ``REMOTE_ADDR`` with no proxy, else the address that
many hops from the right of ``X-Forwarded-For``, which a client cannot forge.
"""

from django.conf import settings


def client_address(request) -> str | None:
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR")
