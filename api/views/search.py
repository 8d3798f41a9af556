from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView

from api import search as library_search
from api.search import store as search_store
from api.serializers.search import SearchIndexSerializer, SearchResultSerializer

from .base import PAGINATION_PARAMS, PublicReadMixin

MAX_QUERY_LENGTH = 200


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q",
            {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH},
            required=True,
            description=(
                f"Words to search for (1 to {MAX_QUERY_LENGTH} characters). Readers' words "
                "are understood: typos, unfinished words and the editors' synonyms."
            ),
        )
    ],
    responses=inline_serializer(
        "SearchPage",
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "suggestion": serializers.CharField(
                help_text='A corrected query ("sciatica" for "sciatca"), or empty.'
            ),
            "results": SearchResultSerializer(many=True),
        },
    ),
)
class SearchView(PublicReadMixin, GenericAPIView):
    """Search over published articles and stretch guides, the page *about* it first."""

    serializer_class = SearchResultSerializer
    allowed_params = PAGINATION_PARAMS | {"q"}

    def fresh(self, request, *args, **kwargs):
        query = request.query_params.get("q", "")
        if not query or len(query) > MAX_QUERY_LENGTH:
            raise ValidationError(
                {"q": [f"Give between 1 and {MAX_QUERY_LENGTH} characters to search for."]}
            )
        answer = library_search.search(query.replace("\x00", " "))
        page = self.paginate_queryset(answer.pages)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data["suggestion"] = answer.suggestion
        return response


@extend_schema(responses=SearchIndexSerializer)
class SearchIndexView(PublicReadMixin, GenericAPIView):
    """The whole library's search index, for searching offline with the same answers.

    Phones save it with the library and rank with it exactly as ``/search/`` does
    (see ``api/search/ranking.py``). Revalidate with ``If-None-Match``.
    """

    serializer_class = SearchIndexSerializer
    pagination_class = None

    def fresh(self, request, *args, **kwargs):
        # Stored as JSON text, block by block: sent as it is, never parsed and rendered again.
        return HttpResponse(search_store.offline_document(), content_type="application/json")
