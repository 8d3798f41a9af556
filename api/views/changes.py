from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api import selectors
from api.models import ContentChange
from api.pagination import LARGEST_WHOLE_NUMBER, whole_number
from api.serializers.changes import ChangesPageSerializer

from .base import PublicReadMixin

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Pages that live in a section: their changes say which one.
Kind = ContentChange.Kind
LIBRARY_PAGE_KINDS = (Kind.ARTICLE, Kind.STRETCH, Kind.ROUTINE)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "since",
            {"type": "integer", "minimum": 0, "maximum": LARGEST_WHOLE_NUMBER, "default": 0},
            description="Cursor from the previous poll's next_since; 0 or absent for everything.",
        ),
        OpenApiParameter(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            description=f"Changes per page: 1 to {MAX_LIMIT}, default {DEFAULT_LIMIT}.",
        ),
    ],
    responses=ChangesPageSerializer,
)
class ChangesView(PublicReadMixin, APIView):
    """Every publish, update, unpublish and delete after a cursor, oldest first.

    Replaying the feed from 0 and applying each change (fetch ``api_url`` on
    publish/update, drop the object on unpublish/delete) reproduces exactly the
    public library. Poll with the ``next_since`` of the last page.

    Reading never writes: the log is written where content changes (signals,
    ``publish_scheduled``) and checked or repaired by ``check_change_log``.
    """

    allowed_params = frozenset({"since", "limit"})

    def fresh(self, request, *args, **kwargs):
        since = whole_number(request, "since", 0, 0)
        limit = whole_number(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        found = list(ContentChange.objects.filter(id__gt=since).order_by("id")[: limit + 1])
        page = found[:limit]
        pages = [c for c in page if c.kind in LIBRARY_PAGE_KINDS and not c.removes]
        by_page = selectors.sections_of_pages({c.object_id for c in pages}) if pages else {}
        sections = {c.id: by_page.get(c.object_id) for c in pages}
        data = {
            "results": page,
            "next_since": page[-1].id if page else since,
            "has_more": len(found) > limit,
        }
        context = {"request": request, "sections": sections}
        return Response(ChangesPageSerializer(data, context=context).data)
