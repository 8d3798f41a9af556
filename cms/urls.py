"""The project's URLconf: the composition root that mounts cms, api and frontend."""

import re

from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.errors import api_not_found
from cms import health, media

handler500 = "api.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", api_not_found),
    path("healthz", health.healthz, name="healthz"),
]

if settings.DEBUG and settings.MEDIA_URL.startswith("/"):
    # Development only; in production nginx or the object store serves media (docs/production.md).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{re.escape(media_prefix)}(?P<path>.*)$", media.serve)]

urlpatterns += [
    path("", include("frontend.urls")),
    path("", include(wagtail_urls)),
]
