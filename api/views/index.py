from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from cms.site_url import absolute_url

from .base import PublicReadMixin

RESOURCES = {
    "articles": "api:article-list",
    "stretches": "api:stretch-list",
    "routines": "api:routine-list",
    "muscles": "api:muscle-list",
    "regions": "api:region-list",
    "sections": "api:section-list",
    "clinic": "api:clinic",
    "search": "api:search",
    "search_index": "api:search-index",
    "changes": "api:changes",
    "offline": "api:offline-plan",
    "schema": "api:schema",
    "docs": "api:docs",
}


@extend_schema(
    responses=inline_serializer("ApiIndex", {name: serializers.URLField() for name in RESOURCES})
)
class ApiIndexView(PublicReadMixin, APIView):
    """Links to every resource of the API and to its documentation."""

    def fresh(self, request, *args, **kwargs):
        return Response({name: absolute_url(reverse(route)) for name, route in RESOURCES.items()})
