"""Every kind of response carries the security headers that fit it."""

import pytest

from django.http import HttpResponse

from cms.content_security import ContentSecurityPolicyMiddleware
from cms.settings.content_security import reading_pages

NO_SCRIPT_POLICY = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_common_headers(response, resource_policy="same-origin"):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == resource_policy
    assert "camera=()" in response["Permissions-Policy"]


def assert_strict_page_policy(csp: dict):
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    everything = " ".join(" ".join(sources) for sources in csp.values())
    assert "unsafe-eval" not in everything
    assert "unsafe-inline" not in everything


@pytest.mark.django_db
def test_reading_pages_get_the_strict_policy(client, article):
    response = client.get(article.get_url())
    assert response.status_code == 200
    assert_common_headers(response)
    csp = directives(response)
    assert_strict_page_policy(csp)
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_search_and_not_found_pages_get_the_strict_policy(client, library):
    for url in ("/search/?q=sciatica", "/no-such-page/"):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html")
        assert_strict_page_policy(directives(response))
        assert_common_headers(response)


@pytest.mark.django_db
def test_djangos_debug_404_may_style_itself_only_when_debug_is_on(client, library, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"<style" in response.content  # Django's technical 404 page
    csp = directives(response)
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["script-src"] == ["'self'"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/articles/", 200),
        ("/api/v1/articles/?colour=blue", 400),
        ("/api/v1/articles/999999/", 404),
        ("/api/v2/", 404),
    ],
)
def test_api_responses_allow_nothing_to_run(client, library, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert directives(response) == NO_SCRIPT_POLICY
    assert_common_headers(response)


@pytest.mark.django_db
def test_api_docs_get_their_own_policy_without_inline_script(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert_common_headers(response)


@pytest.mark.django_db
def test_admin_gets_its_own_policy_with_a_nonce_for_its_inline_scripts(admin_client, article):
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    csp = directives(response)
    self_source, nonce_source = csp["script-src"]
    assert self_source == "'self'"
    nonce = nonce_source.removeprefix("'nonce-").removesuffix("'")
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html  # Wagtail's date and chooser widgets
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]  # the admin frames its own previews
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert_common_headers(response)


@pytest.mark.django_db
def test_each_admin_page_gets_a_new_nonce(admin_client, article):
    url = f"/admin/pages/{article.pk}/edit/"
    first, second = (directives(admin_client.get(url))["script-src"][1] for _ in range(2))
    assert first != second


@pytest.mark.django_db
def test_healthz_is_data_and_never_cached(client):
    response = client.get("/healthz")
    assert directives(response) == NO_SCRIPT_POLICY
    assert "no-store" in response["Cache-Control"]
    assert_common_headers(response)


@pytest.mark.parametrize(
    "content_type, policy",
    [
        (
            "image/svg+xml",
            {"default-src": ["'none'"], "style-src": ["'unsafe-inline'"], "sandbox": []},
        ),
        ("text/javascript", None),
        ("text/css", None),
        ("image/png", None),
    ],
)
def test_files_get_a_policy_only_when_they_are_documents(rf, content_type, policy):
    """Static files pass through the same middleware (WhiteNoise is inside it)."""
    answer = HttpResponse(b"file", content_type=content_type)
    response = ContentSecurityPolicyMiddleware(lambda request: answer)(rf.get("/static/file"))
    if policy is None:
        assert "Content-Security-Policy" not in response
    else:
        assert directives(response) == policy


@pytest.mark.django_db
def test_a_preview_may_be_framed_by_the_admin_only(article, rf):
    """Wagtail renders a preview through the whole middleware stack on a dummy request."""
    response = article.make_preview_request()
    assert response.status_code == 200
    csp = directives(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_uploads_on_another_origin_may_be_shown_by_reading_pages():
    assert reading_pages("https://media.example.net/library/")["img-src"] == [
        "'self'",
        "data:",
        "https://media.example.net",
    ]
    assert reading_pages("/media/")["img-src"] == ["'self'", "data:"]
