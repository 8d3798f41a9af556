"""Articles and stretch guides: lists with filters, and details by page id."""

from django_filters.rest_framework import DjangoFilterBackend

from rest_framework.generics import ListAPIView, RetrieveAPIView

from api import selectors
from api.filters import LibraryPageFilter, StretchFilter
from api.serializers.pages import (
    ArticleDetailSerializer,
    ArticleSummarySerializer,
    StretchDetailSerializer,
    StretchSummarySerializer,
)

from .base import PAGINATION_PARAMS, PublicReadMixin

LIST_PARAMS = PAGINATION_PARAMS | {"section", "muscle", "region", "updated_since", "ordering"}


class LibraryListView(PublicReadMixin, ListAPIView):
    filter_backends = [DjangoFilterBackend]
    allowed_params = LIST_PARAMS

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # A stable order whatever the client asked for, so paging never repeats a page.
        ordering = list(queryset.query.order_by) or ["title"]
        return queryset.order_by(*ordering, "id")


class ArticleListView(LibraryListView):
    """Published articles, newest changes findable with ``updated_since``."""

    serializer_class = ArticleSummarySerializer
    filterset_class = LibraryPageFilter

    def get_queryset(self):
        return selectors.public_articles()


class ArticleDetailView(PublicReadMixin, RetrieveAPIView):
    serializer_class = ArticleDetailSerializer

    def get_queryset(self):
        return selectors.public_article_details()


class StretchListView(LibraryListView):
    """Published stretch guides, with their difficulty, sides and illustration."""

    serializer_class = StretchSummarySerializer
    filterset_class = StretchFilter
    allowed_params = LIST_PARAMS | {"difficulty"}

    def get_queryset(self):
        return selectors.public_stretches()


class StretchDetailView(PublicReadMixin, RetrieveAPIView):
    serializer_class = StretchDetailSerializer

    def get_queryset(self):
        return selectors.public_stretch_details()
