"""OpenAPI generation: every operation documents its error and 304 answers too."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from api.errors import ProblemSerializer

PUBLIC_PREFIX = "/api/v1/"
ERROR_STATUSES = {
    "400": "Invalid query parameters: see `errors` for each one.",
    "401": "The API key is malformed, unknown or revoked.",
    "404": "No such resource, or it is not published.",
    "405": "This method is not allowed here; see the Allow header.",
    "406": "The Accept header asks for something other than JSON.",
    "429": "Too many requests; wait for `Retry-After` seconds, or use an API key.",
}


def public_api_only(endpoints):
    """Document our API only: Wagtail's admin API under /admin/api/ is not part of it."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIX)]


class APITokenScheme(OpenApiAuthenticationExtension):
    """``Authorization: Bearer <key>``; optional, since anyone may read."""

    target_class = "api.authentication.APITokenAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A key issued by the clinic lifts the anonymous rate limit.",
        }


class PublicAPISchema(AutoSchema):
    def _get_parameters(self):
        # A query parameter sent empty is a 400 (see ``api.filters``): say so.
        parameters = super()._get_parameters()
        for parameter in parameters:
            schema = parameter.get("schema", {})
            if parameter["in"] != "query":
                continue
            if schema.get("type") == "string":
                schema.setdefault("minLength", 1)
            elif schema.get("type") == "array":
                schema.setdefault("minItems", 1)
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status, description in ERROR_STATUSES.items():
            responses.setdefault(
                status,
                self._get_response_for_code(
                    OpenApiResponse(ProblemSerializer, description=description), status
                ),
            )
        if self.method == "GET":
            responses.setdefault(
                "304", {"description": "Not modified since the ETag or date sent."}
            )
        return responses

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        if status_code in ERROR_STATUSES:
            media_types = ["application/problem+json"]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)
