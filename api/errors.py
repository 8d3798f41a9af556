"""One error shape for the whole API: RFC 9457 problem details.

``{"type", "title", "status", "detail"}``, plus ``errors`` (field -> messages)
for invalid parameters, served as ``application/problem+json``.
"""

import logging
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
logger = logging.getLogger(__name__)


class DatabaseUnavailable(exceptions.APIException):
    """The database is down: a 503 with Retry-After (DRF sends ``wait``), never a trace."""

    status_code = 503
    default_detail = "The library is briefly unavailable. Please try again shortly."
    wait = 30


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For 400s: each invalid parameter and what is wrong with it.",
    )


def problem(status: int, detail: str, errors: dict | None = None) -> dict:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(status: int, detail: str) -> JsonResponse:
    """A problem answered outside DRF (before routing, or for no resource at all)."""
    return JsonResponse(problem(status, detail), status=status, content_type=PROBLEM_CONTENT_TYPE)


def _field_errors(data) -> dict:
    if isinstance(data, dict):
        return {
            str(field): [
                str(message) for message in (messages if isinstance(messages, list) else [messages])
            ]
            for field, messages in data.items()
        }
    return {"non_field_errors": [str(message) for message in data]}


def problem_exception_handler(exc, context):
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database unavailable while serving the API: %s", exc)
        exc = DatabaseUnavailable()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
        response.data = problem(response.status_code, detail, errors)
    else:
        response.data = problem(response.status_code, str(getattr(exc, "detail", exc)))
    response.content_type = PROBLEM_CONTENT_TYPE
    # Always JSON, whatever the view renders on success: the schema view would
    # otherwise write a problem as YAML under a problem+json content type.
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any address under /api/ that names no resource."""
    return problem_response(404, "There is no API resource at this address. See /api/v1/.")


def server_error(request):
    """A 500 without a stack trace: problem details for the API, the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            problem(500, "Something went wrong on our side. Please try again later."),
            status=500,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    return defaults.server_error(request)


def bad_request(request, exception):
    """Requests Django refuses before any view (a body too large, a bad Host): the API's
    clients get problem details like every other 400."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            problem(400, "The request could not be read (too large or malformed)."),
            status=400,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    return defaults.bad_request(request, exception)
