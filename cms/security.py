"""Security headers that neither Django's ``SecurityMiddleware`` nor django-csp sets.

Django sends HSTS (in production), ``X-Content-Type-Options``, ``Referrer-Policy``
and ``Cross-Origin-Opener-Policy``; django-csp sends the Content-Security-Policy
(``cms.content_security``). This adds ``Cross-Origin-Resource-Policy`` and a
``Permissions-Policy`` that turns off the device features the site never uses.
Listed before WhiteNoise in ``MIDDLEWARE`` so static files get them too.
"""

from django.conf import settings

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.media_prefix = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy(request))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def resource_policy(self, request) -> str:
        """Uploads may be shown by the API's consumers on other sites; nothing else may be."""
        if self.media_prefix and request.path.startswith(self.media_prefix):
            return "cross-origin"
        return "same-origin"
