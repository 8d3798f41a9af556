from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView

from api import selectors
from api.serializers.search import SearchResultSerializer

from .base import PAGINATION_PARAMS, PublicReadMixin

MAX_QUERY_LENGTH = 200


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q",
            {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH},
            required=True,
            description=f"Words to search for (1 to {MAX_QUERY_LENGTH} characters).",
        )
    ]
)
class SearchView(PublicReadMixin, ListAPIView):
    """Full-text search over published articles and stretch guides, best match first."""

    serializer_class = SearchResultSerializer
    allowed_params = PAGINATION_PARAMS | {"q"}

    def get_queryset(self):
        query = self.request.query_params.get("q", "")
        if not query or len(query) > MAX_QUERY_LENGTH:
            raise ValidationError(
                {"q": [f"Give between 1 and {MAX_QUERY_LENGTH} characters to search for."]}
            )
        return selectors.search_library(query)
