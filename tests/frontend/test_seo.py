"""What search engines and link previews read: JSON-LD, meta tags, sitemap, robots."""

import json

import pytest
from bs4 import BeautifulSoup

from tests import factories


@pytest.mark.django_db  # the page fixture is looked up by name, so say so for test ordering
@pytest.mark.parametrize("kind", ["article", "stretch"])
def test_embedded_json_ld_is_the_api_detail_json_ld(client, get_html, request, kind):
    page = request.getfixturevalue(kind)
    api_path = f"/api/v1/{'articles' if kind == 'article' else 'stretches'}/{page.id}/"

    scripts = get_html(page.url).find_all("script", type="application/ld+json")

    assert len(scripts) == 1
    assert json.loads(scripts[0].string) == client.get(api_path).json()["json_ld"]


def test_json_ld_is_escaped_for_a_script_element(client, library):
    article = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions, title="Aches </script><b>bold</b> & pains"
        )
    )

    html = client.get(article.url).content.decode()

    assert "</script><b>" not in html
    assert "\\u003C/script\\u003E" in html


def test_article_has_title_canonical_description_and_open_graph(get_html, article):
    head = get_html(article.url).head

    assert head.title.get_text() == "Sciatica | Back Pain Library"
    assert head.find("link", rel="canonical")["href"] == "http://testserver/conditions/sciatica/"
    assert head.find("meta", attrs={"name": "description"})["content"] == ("A short plain summary.")
    assert head.find("meta", property="og:type")["content"] == "article"
    assert head.find("meta", property="og:title")["content"] == "Sciatica"
    assert head.find("meta", property="og:url")["content"] == (
        "http://testserver/conditions/sciatica/"
    )


def test_structural_pages_have_canonical_and_description(get_html, library):
    head = get_html(library.conditions.url).head

    assert head.find("link", rel="canonical")["href"] == "http://testserver/conditions/"
    assert head.find("meta", attrs={"name": "description"})["content"] == (
        "A way into the library."
    )


def test_robots_txt_points_to_the_sitemap(client, library):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("path", ["home", "article", "stretch", "booking", "search", "offline"])
def test_pages_carry_no_inline_styles_or_scripts(client, library, article, stretch, path):
    """A strict Content-Security-Policy forbids both; JSON data blocks are not scripts."""
    url = {
        "home": library.home.url,
        "article": article.url,
        "stretch": stretch.url,
        "booking": library.booking.url,
        "search": "/search/?q=sciatica",
        "offline": "/offline/",
    }[path]

    soup = BeautifulSoup(client.get(url).content, "html.parser")

    assert not soup.find(style=True)
    assert not soup.find("style")
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    for script in soup.find_all("script"):
        if script.get("src"):
            assert script["src"].startswith("/static/") and not script.string
        else:
            assert script.get("type") in {"application/json", "application/ld+json"}
    for image in soup.find_all("img"):
        assert image.get("width") and image.get("height")
