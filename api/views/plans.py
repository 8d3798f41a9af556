"""``/api/v1/plans/?s=...``: a routine made on a phone, whose whole plan is the URL.

Nothing is stored: the same plan always gives the same answer (until the library
changes), so it is cached and revalidated like every other public read.
"""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import plans
from api.serializers.routines import PlanSerializer, plan_representation
from cms import dosage
from cms.site_url import absolute_url

from .base import PublicReadMixin


def plan_query(entries: list[dict]) -> str:
    return urlencode([("s", value) for value in plans.encode(entries)])


def parse_or_400(request) -> plans.Plan:
    plan = plans.parse(request.GET.getlist("s"))
    if plan.errors:
        raise ValidationError({"s": plan.errors})
    if not plan.entries:
        raise ValidationError({"s": ["Choose at least one stretch: ?s=<stretch id>."]})
    return plan


# One ``s`` value that ``api.plans.parse`` accepts, limits included, for the schema.
S_PATTERN = (
    r"^[1-9][0-9]{0,9}(\.(r([1-9]|1[0-9]|20)|x[1-5]|h([1-9][0-9]?|[12][0-9]{2}|300)"
    r"|p([0-9]|[1-9][0-9]|[12][0-9]{2}|300)|both|left|right|none))*$"
)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "s",
            {
                "type": "array",
                "items": {"type": "string", "pattern": S_PATTERN},
                "minItems": 1,
                "maxItems": dosage.MAX_ROUTINE_ITEMS,
            },
            required=True,
            description="One per stretch, in order: its id, then optional dot-separated "
            "settings: r<repetitions>, x<sets>, h<hold seconds>, p<rest seconds>, and "
            "both|left|right|none. Example: s=27.r2.h30&s=31.",
        )
    ],
    responses=PlanSerializer,
)
class PlanView(PublicReadMixin, APIView):
    """A plan in a routine's shape; ids no longer in the library come back unavailable."""

    allowed_params = frozenset({"s"})

    def fresh(self, request, *args, **kwargs):
        plan = parse_or_400(request)
        query = plan_query(plan.entries)
        data = plan_representation(plan.entries, {"request": request})
        data |= {
            "type": "plan",
            "url": absolute_url(f"{reverse('frontend:my-routine')}?{query}"),
            "api_url": absolute_url(f"{reverse('api:plan')}?{query}"),
        }
        return Response(data)  # already the public shape; PlanSerializer documents it
