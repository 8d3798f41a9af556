"""Articles, stretch guides and routines: lists with filters, and details by page id."""

from django_filters.rest_framework import DjangoFilterBackend

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView

from api import selectors
from api.filters import LibraryPageFilter, StretchFilter
from api.serializers.pages import (
    ArticleDetailSerializer,
    ArticleSummarySerializer,
    StretchDetailSerializer,
    StretchSummarySerializer,
)
from api.serializers.routines import RoutineDetailSerializer, RoutineSummarySerializer
from cms.delivery import middleware as delivery

from .base import PAGINATION_PARAMS, PublicReadMixin

LIST_PARAMS = PAGINATION_PARAMS | {"section", "muscle", "region", "updated_since", "ordering"}
# Wagtail's page ids are 32-bit; a larger one cannot exist, and would overflow the lookup.
MAX_PAGE_ID = 2**31 - 1


class LibraryListView(PublicReadMixin, ListAPIView):
    filter_backends = [DjangoFilterBackend]
    allowed_params = LIST_PARAMS

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # The order asked for, else by title (the page manager's default is tree
        # order); then by id, so paging never repeats or skips a page.
        asked = "ordering" in self.request.query_params
        ordering = list(queryset.query.order_by) if asked else ["title"]
        return queryset.order_by(*ordering, "id")


class ArticleListView(LibraryListView):
    """Published articles, newest changes findable with ``updated_since``."""

    serializer_class = ArticleSummarySerializer
    filterset_class = LibraryPageFilter

    def get_queryset(self):
        return selectors.public_articles()


class LibraryDetailView(PublicReadMixin, RetrieveAPIView):
    """One published page by id; anything else (draft, private, expired, absent) is a 404."""

    not_found = "No published page has this id."

    def get(self, request, *args, **kwargs):
        # Before the page is read: only this page's changes (and the frame's) make it cold.
        delivery.depend_on_page(request._request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_object(self):
        if self.kwargs["pk"] > MAX_PAGE_ID:
            raise NotFound(self.not_found)
        try:
            page = super().get_object()
        except Http404:
            raise NotFound(self.not_found) from None
        delivery.expires_at(self.request._request, page.expire_at)
        return page


class ArticleDetailView(LibraryDetailView):
    serializer_class = ArticleDetailSerializer
    not_found = "No published article has this id."

    def get_queryset(self):
        return selectors.public_article_details()


class StretchListView(LibraryListView):
    """Published stretch guides, with their difficulty, sides and illustration."""

    serializer_class = StretchSummarySerializer
    filterset_class = StretchFilter
    allowed_params = LIST_PARAMS | {"difficulty"}

    def get_queryset(self):
        return selectors.public_stretches()


class StretchDetailView(LibraryDetailView):
    serializer_class = StretchDetailSerializer
    not_found = "No published stretch guide has this id."

    def get_queryset(self):
        return selectors.public_stretch_details()


class RoutineListView(LibraryListView):
    """Published routines, with their schedule and total time."""

    serializer_class = RoutineSummarySerializer
    filterset_class = LibraryPageFilter

    def get_queryset(self):
        return selectors.public_routines()


class RoutineDetailView(LibraryDetailView):
    serializer_class = RoutineDetailSerializer
    not_found = "No published routine has this id."

    def get_queryset(self):
        return selectors.public_routine_details()
