"""The public API, version 1. Mounted at /api/v1/ by the project's URLconf."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import api_not_found
from api.views.bookings import BookingRequestView
from api.views.catalogue import ClinicView, MuscleListView, RegionListView, SectionListView
from api.views.changes import ChangesView
from api.views.index import ApiIndexView
from api.views.library import (
    ArticleDetailView,
    ArticleListView,
    RoutineDetailView,
    RoutineListView,
    StretchDetailView,
    StretchListView,
)
from api.views.offline import OfflinePlanView
from api.views.plans import PlanView
from api.views.search import SearchIndexView, SearchView

app_name = "api"

urlpatterns = [
    path("", ApiIndexView.as_view(), name="index"),
    path("articles/", ArticleListView.as_view(), name="article-list"),
    path("articles/<int:pk>/", ArticleDetailView.as_view(), name="article-detail"),
    path("stretches/", StretchListView.as_view(), name="stretch-list"),
    path("stretches/<int:pk>/", StretchDetailView.as_view(), name="stretch-detail"),
    path("routines/", RoutineListView.as_view(), name="routine-list"),
    path("routines/<int:pk>/", RoutineDetailView.as_view(), name="routine-detail"),
    path("plans/", PlanView.as_view(), name="plan"),
    path("muscles/", MuscleListView.as_view(), name="muscle-list"),
    path("regions/", RegionListView.as_view(), name="region-list"),
    path("sections/", SectionListView.as_view(), name="section-list"),
    path("clinic/", ClinicView.as_view(), name="clinic"),
    path("search/", SearchView.as_view(), name="search"),
    path("search/index/", SearchIndexView.as_view(), name="search-index"),
    path("changes/", ChangesView.as_view(), name="changes"),
    path("offline/", OfflinePlanView.as_view(), name="offline-plan"),
    path("booking-requests/", BookingRequestView.as_view(), name="booking-requests"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", api_not_found),
]
