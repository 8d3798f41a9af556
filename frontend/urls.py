"""Reading pages that live outside the Wagtail page tree.

Mounted before Wagtail's catch-all, so these paths win over any page slug.
"""

from django.urls import path

from wagtail.contrib.sitemaps.views import sitemap

from . import views

app_name = "frontend"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("offline/", views.offline, name="offline"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
