"""Reading pages that live outside the Wagtail page tree.

Mounted before Wagtail's catch-all, so these paths win over any page slug.
"""

from django.urls import path

from . import bookings, my_routine, navigator, sitemaps, views

app_name = "frontend"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("offline/", views.offline, name="offline"),
    path("book/request/", bookings.booking_request, name="booking-request"),
    path("book/received/<str:token>/", bookings.booking_received, name="booking-received"),
    path("where-does-it-hurt/", navigator.navigator, name="navigator"),
    path("where-does-it-hurt/<slug:region_slug>/", navigator.navigator, name="navigator-region"),
    path("my-routine/", my_routine.my_routine, name="my-routine"),
    path("my-diary/", views.diary, name="diary"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap-section"),
]
