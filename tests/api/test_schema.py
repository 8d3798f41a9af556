"""The OpenAPI document: it builds, it documents every answer, and the API keeps to it.

Schemathesis generates requests from the schema (valid and invalid ones) and
runs its default checks on every response: no server errors, only documented
status codes, bodies and content types that match the schema, and so on.
"""

import json
import re

import hypothesis
import pytest
import schemathesis

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from cms.models import BodyRegion, Muscle, SectionPage, StretchIndexPage

SCHEMA_URL = "/api/v1/schema/?format=json"


def _known_slugs() -> dict[str, list[str]]:
    sections = [*SectionPage.objects.live(), *StretchIndexPage.objects.live()]
    return {
        "section": sorted(page.slug for page in sections),
        "muscle": sorted(Muscle.objects.values_list("slug", flat=True)),
        "region": sorted(BodyRegion.objects.values_list("slug", flat=True)),
    }


def _pin_slug_filters_to_the_data(raw_schema: dict) -> None:
    """Slug filters take any string in the schema, but only an existing slug is valid
    (an unknown one is a 400). Telling Schemathesis the slugs of this library makes
    its valid requests use them and its invalid ones use anything else."""
    slugs = _known_slugs()
    for operations in raw_schema["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] in slugs:
                    parameter["schema"]["enum"] = slugs[parameter["name"]]


ERROR_STATUSES = {"400", "401", "404", "405", "406", "429"}
PUBLIC_RESOURCES = {
    "/api/v1/",
    "/api/v1/articles/",
    "/api/v1/articles/{id}/",
    "/api/v1/stretches/",
    "/api/v1/stretches/{id}/",
    "/api/v1/routines/",
    "/api/v1/routines/{id}/",
    "/api/v1/muscles/",
    "/api/v1/regions/",
    "/api/v1/sections/",
    "/api/v1/clinic/",
    "/api/v1/search/",
    "/api/v1/search/index/",
    "/api/v1/changes/",
    "/api/v1/offline/",
}


@pytest.fixture
def openapi(client, db) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def _operations(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _parameter(openapi, path, name):
    parameters = openapi["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)


def test_schema_is_openapi_3_describing_every_public_resource(openapi):
    assert openapi["openapi"].startswith("3.")
    assert openapi["info"]["title"] == "Back Pain Library API"
    assert set(openapi["paths"]) >= PUBLIC_RESOURCES


def test_schema_documents_only_this_api_and_not_the_admins(openapi):
    assert all(path.startswith("/api/v1/") for path in openapi["paths"])


def test_schema_is_also_served_as_yaml(client, db):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


def test_every_operation_documents_its_errors_as_problem_details(openapi):
    for path, method, operation in _operations(openapi):
        responses = operation["responses"]
        assert set(responses) >= ERROR_STATUSES, (method, path)
        for status in ERROR_STATUSES:
            content = responses[status]["content"]
            assert list(content) == ["application/problem+json"], (method, path, status)
            assert content["application/problem+json"]["schema"] == {
                "$ref": "#/components/schemas/Problem"
            }


def test_every_read_documents_its_success_and_not_modified_answers(openapi):
    for path, method, operation in _operations(openapi):
        if method == "get":
            assert {"200", "304"} <= set(operation["responses"]), path
            assert "application/json" in operation["responses"]["200"]["content"], path


def test_problem_schema_has_the_problem_details_fields(openapi):
    problem = openapi["components"]["schemas"]["Problem"]

    assert set(problem["properties"]) == {"type", "title", "status", "detail", "errors"}
    assert set(problem["required"]) == {"title", "status", "detail"}


def test_paging_limits_are_documented(openapi):
    limit = _parameter(openapi, "/api/v1/articles/", "limit")["schema"]
    feed_limit = _parameter(openapi, "/api/v1/changes/", "limit")["schema"]

    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 100, 20)
    assert (feed_limit["minimum"], feed_limit["maximum"]) == (1, 1000)
    assert _parameter(openapi, "/api/v1/articles/", "offset")["schema"]["minimum"] == 0


def test_filters_are_documented_with_their_values(openapi):
    parameters = {p["name"]: p for p in openapi["paths"]["/api/v1/stretches/"]["get"]["parameters"]}

    assert {"section", "muscle", "region", "difficulty", "updated_since", "ordering"} <= set(
        parameters
    )
    assert parameters["updated_since"]["schema"]["format"] == "date-time"
    assert set(parameters["difficulty"]["schema"]["enum"]) == {"gentle", "moderate", "challenging"}
    assert set(parameters["ordering"]["schema"]["items"]["enum"]) == {
        "title",
        "-title",
        "updated_at",
        "-updated_at",
    }
    q = _parameter(openapi, "/api/v1/search/", "q")
    assert q["required"] is True
    assert (q["schema"]["minLength"], q["schema"]["maxLength"]) == (1, 200)


def test_api_keys_are_documented_as_an_optional_bearer_scheme(openapi):
    schemes = openapi["components"]["securitySchemes"]

    assert schemes["apiKey"]["type"] == "http"
    assert schemes["apiKey"]["scheme"] == "bearer"
    security = openapi["paths"]["/api/v1/articles/"]["get"]["security"]
    assert {"apiKey": []} in security and {} in security


def test_schema_mentions_no_editor_data(openapi):
    text = json.dumps(openapi["components"]["schemas"])

    for field in ('"owner"', '"locked_by"', '"latest_revision"', '"username"'):
        assert field not in text


def test_docs_are_served_from_this_site_without_any_cdn(client, db):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)

    assert response.status_code == 200
    assert "swagger-ui" in html
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets)
    assert not re.search(r"https?://", html)
    for url in assets:
        if url.startswith(settings.STATIC_URL):
            assert finders.find(url.removeprefix(settings.STATIC_URL)), url


def test_docs_script_loads_the_schema_from_this_site(client, db):
    response = client.get("/api/v1/docs/", {"script": ""})
    script = response.content.decode()

    assert response.status_code == 200
    assert "/api/v1/schema/" in script
    assert not re.search(r"https?://", script)


@pytest.fixture
def api_schema(request, demo_library, no_throttle):
    # schemathesis 4.32 relabels the test through ``node._nodeid``, which pytest 9.2
    # renamed; give it the attribute to read so its subtests run.
    request.node._nodeid = request.node.nodeid
    # Schemathesis calls the real WSGI app, whose request signals would close the
    # test's database connection (and its transaction) on PostgreSQL; Django's own
    # test client disconnects the same handler for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    request.addfinalizer(lambda: signals.request_started.connect(close_old_connections))
    request.addfinalizer(lambda: signals.request_finished.connect(close_old_connections))
    loaded = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
    _pin_slug_filters_to_the_data(loaded.raw_schema)
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_api_keeps_to_its_schema(case):
    """Every operation, with Schemathesis's default checks, against the demo library.

    Asked for uncompressed bodies: the WSGI transport hands back what the app sent,
    with no HTTP client to undo gzip (``tests/budgets/test_html_compression.py``
    checks the compressed answers).
    """
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
