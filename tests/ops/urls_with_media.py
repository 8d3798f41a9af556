"""The project's URLs plus the development media view, as ``DEBUG`` would mount it."""

from django.urls import re_path

from cms import media
from cms.urls import urlpatterns as project_urlpatterns

urlpatterns = [re_path(r"^media/(?P<path>.*)$", media.serve), *project_urlpatterns]
