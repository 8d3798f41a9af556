import uuid

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import bookings
from api.serializers.bookings import BookingReceiptSerializer, BookingRequestInputSerializer


def _idempotency_key(request) -> uuid.UUID:
    raw = request.headers.get("Idempotency-Key", "")
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError(
            {"Idempotency-Key": ["Send a UUID in the Idempotency-Key header."]}
        ) from None


@extend_schema(
    parameters=[
        OpenApiParameter(
            "Idempotency-Key",
            OpenApiTypes.UUID,
            OpenApiParameter.HEADER,
            required=True,
            description="A UUID made by the client once per request; retries reuse it.",
        )
    ],
    request=BookingRequestInputSerializer,
    responses={
        201: OpenApiResponse(BookingReceiptSerializer, description="Stored."),
        200: OpenApiResponse(
            BookingReceiptSerializer, description="Already stored under this key."
        ),
    },
)
class BookingRequestView(APIView):
    """Ask the clinic for a session. Stored before the answer; retries never duplicate."""

    throttle_classes = bookings.THROTTLES

    def post(self, request):
        key = _idempotency_key(request)
        receipt, created = bookings.submit_booking(request.data, idempotency_key=key)
        response = Response(
            receipt, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
        response["Cache-Control"] = "no-store"
        return response
