"""The project's URLconf plus Wagtail's API v2 at /api/v2/, for comparison only."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms import urls as project_urls

wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PagesAPIViewSet)

# Before the project's own patterns, whose catch-all answers anything else under /api/.
urlpatterns = [path("api/v2/", wagtail_api.urls), *project_urls.urlpatterns]
