"""The project's URLconf: the composition root that mounts cms, api and frontend."""

import re

from pwa import views as pwa_views

from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.errors import api_not_found
from cms import health, media, page_passwords

handler400 = "api.errors.bad_request"
handler500 = "api.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", api_not_found),
    path("healthz", health.healthz, name="healthz"),
    # Before Wagtail's own URL of the same name: page passwords count towards lockout.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # django-pwa's views, not pwa.urls: its own /offline/ would shadow the site's.
    # At the root, so the worker's scope is the whole site (PWA_SERVICE_WORKER_PATH).
    path("manifest.json", pwa_views.manifest, name="manifest"),
    path("serviceworker.js", pwa_views.service_worker, name="serviceworker"),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # Development and tests; in production nginx or the object store serves media
    # (the README's "Running in production"), unless SERVE_MEDIA is set for a single small server.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{re.escape(media_prefix)}(?P<path>.*)$", media.serve)]

urlpatterns += [
    path("", include("frontend.urls")),
    path("", include(wagtail_urls)),
]
