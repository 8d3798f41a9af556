"""OpenAPI generation: every operation documents its error and 304 answers too."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from api.errors import ProblemSerializer

ERROR_STATUSES = {
    "400": "Invalid query parameters: see `errors` for each one.",
    "401": "The API key is malformed, unknown or revoked.",
    "404": "No such resource, or it is not published.",
    "405": "Only GET, HEAD and OPTIONS are allowed.",
    "429": "Too many requests; wait for `Retry-After` seconds, or use an API key.",
}


class PublicAPISchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status, description in ERROR_STATUSES.items():
            responses.setdefault(
                status,
                self._get_response_for_code(
                    OpenApiResponse(ProblemSerializer, description=description), status
                ),
            )
        responses.setdefault("304", {"description": "Not modified since the ETag or date sent."})
        return responses

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        if status_code in ERROR_STATUSES:
            media_types = ["application/problem+json"]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)
