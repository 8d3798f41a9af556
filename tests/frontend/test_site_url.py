"""Every absolute address comes from ``SITE_URL``, never from the request's Host.

A request arriving as ``127.0.0.1:9999`` (allowed, say, for a proxy's health
check) must not put that port into the sitemap, canonical links, JSON-LD or the
API's links: they would be kept and served to every reader.
"""

import json
import re

import pytest

from django.core.cache import cache

SITE = "https://library.example.org"
ODD_HOST = "127.0.0.1:9999"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    cache.clear()


def get(client, path, **params):
    response = client.get(path, params, HTTP_HOST=ODD_HOST)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def locations(xml: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_sitemap_index_and_pages_use_the_site_url(client, site_url, article):
    index = locations(get(client, "/sitemap.xml"))
    pages = locations(get(client, "/sitemap-pages.xml"))

    assert index == [f"{SITE}/sitemap-pages.xml"]
    assert f"{SITE}/conditions/sciatica/" in pages
    assert all(url.startswith(f"{SITE}/") for url in pages)


def test_canonical_json_ld_and_api_agree_on_the_site_url(client, site_url, library, article):
    html = get(client, article.url)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
    json_ld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S)[1])
    detail = json.loads(get(client, f"/api/v1/articles/{article.id}/"))

    assert canonical == f"{SITE}/conditions/sciatica/"
    assert detail["url"] == canonical
    assert detail["api_url"] == f"{SITE}/api/v1/articles/{article.id}/"
    assert canonical in json.dumps(json_ld)
    assert ODD_HOST not in html and ODD_HOST not in json.dumps(detail)


def test_home_navigator_and_robots_use_the_site_url(client, site_url, library):
    home = get(client, "/")
    navigator = get(client, "/where-does-it-hurt/")
    robots = get(client, "/robots.txt")

    assert f'<link rel="canonical" href="{SITE}/">' in home
    assert f'<link rel="canonical" href="{SITE}/where-does-it-hurt/">' in navigator
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    assert ODD_HOST not in home + navigator + robots


def test_production_refuses_a_site_url_left_at_the_laptop(settings):
    from cms.checks import unsafe_defaults

    settings.SITE_URL = "http://127.0.0.1:8000"
    assert "cms.E005" in {error.id for error in unsafe_defaults(None)}
    settings.SITE_URL = SITE
    assert "cms.E005" not in {error.id for error in unsafe_defaults(None)}
