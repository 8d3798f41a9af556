from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.models import ContentChange
from api.serializers.changes import ChangesPageSerializer

from .base import PublicReadMixin

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _whole_number(request, name: str, default: int, minimum: int, maximum: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < minimum or (maximum and int(raw) > maximum):
        upper = f" and at most {maximum}" if maximum else ""
        raise ValidationError({name: [f"Must be a whole number of at least {minimum}{upper}."]})
    return int(raw)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "since",
            OpenApiTypes.INT,
            description="Cursor from the previous poll's next_since; 0 or absent for everything.",
        ),
        OpenApiParameter(
            "limit", OpenApiTypes.INT, description=f"1 to {MAX_LIMIT}, default {DEFAULT_LIMIT}."
        ),
    ],
    responses=ChangesPageSerializer,
)
class ChangesView(PublicReadMixin, APIView):
    """Every publish, update, unpublish and delete after a cursor, oldest first.

    Replaying the feed from 0 and applying each change (fetch ``api_url`` on
    publish/update, drop the object on unpublish/delete) reproduces exactly the
    public library. Poll with the ``next_since`` of the last page.
    """

    allowed_params = frozenset({"since", "limit"})

    def fresh(self, request, *args, **kwargs):
        since = _whole_number(request, "since", 0, 0, None)
        limit = _whole_number(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        changes = list(ContentChange.objects.filter(id__gt=since).order_by("id")[: limit + 1])
        page = changes[:limit]
        data = {
            "results": page,
            "next_since": page[-1].id if page else since,
            "has_more": len(changes) > limit,
        }
        return Response(ChangesPageSerializer(data, context={"request": request}).data)
