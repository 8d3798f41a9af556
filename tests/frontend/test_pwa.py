"""The installable web app: manifest, icons, our service worker, and the offline markup."""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from django.conf import settings
from django.contrib.staticfiles import finders

JS_DIR = Path(settings.BASE_DIR) / "frontend" / "static" / "frontend" / "js"
SITE_CSS = Path(settings.BASE_DIR) / "frontend" / "static" / "frontend" / "css" / "site.css"
OUR_JS = ("offline-library.js", "offline-store.js", "serviceworker.js")
JS_BUDGET_BYTES = 30_000  # every script one page loads, imports included, gzipped
# Registration, the library panel, saving with sections, resume and quota, the worker.
OUR_JS_BUDGET_BYTES = 11_500


def static_file(url: str) -> Path:
    return Path(finders.find(url.removeprefix(settings.STATIC_URL)))


def css_variable(name: str) -> str:
    """The light-scheme value of a custom property in site.css."""
    return re.search(rf"{name}:\s*(#[0-9a-f]{{6}});", SITE_CSS.read_text()).group(1)


@pytest.fixture
def manifest(client, db):
    response = client.get("/manifest.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_manifest_makes_the_library_installable(manifest):
    assert manifest["name"] == "Back Pain Library"
    assert manifest["short_name"] == "Back Pain"
    assert manifest["description"]
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["orientation"] == "any"
    assert manifest["theme_color"] == manifest["background_color"] == css_variable("--bg")
    assert "status_bar" not in manifest


def test_manifest_icons_are_pngs_of_the_sizes_they_claim(manifest):
    declared = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any")} <= declared
    assert {("192x192", "maskable"), ("512x512", "maskable")} <= declared
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        with Image.open(static_file(icon["src"])) as image:
            assert image.format == "PNG"
            assert "x".join(map(str, image.size)) == icon["sizes"]


def test_maskable_icons_fill_the_square(manifest):
    for icon in manifest["icons"]:
        if icon["purpose"] == "maskable":
            with Image.open(static_file(icon["src"])) as image:
                assert image.mode == "RGB"  # no transparency for the platform to fill
                assert image.getpixel((0, 0)) == image.getpixel((image.width - 1, 0))


def test_manifest_shortcuts_lead_to_stretches_and_booking(manifest):
    assert [shortcut["url"] for shortcut in manifest["shortcuts"]] == ["/stretches/", "/book/"]
    for shortcut in manifest["shortcuts"]:
        assert shortcut["name"]
        assert static_file(shortcut["icons"][0]["src"]).exists()


def test_the_site_serves_our_service_worker_with_one_version_constant(client, db):
    response = client.get("/serviceworker.js")
    source = Path(settings.PWA_SERVICE_WORKER_PATH).read_text()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert response.content.decode() == source
    assert len(re.findall(r"^const VERSION = ", source, re.MULTILINE)) == 1
    assert "django-pwa-v" not in source  # the default worker's cache names


@pytest.mark.parametrize("kind", ["home", "article", "offline"])
def test_every_page_links_the_manifest_and_the_offline_module(get_html, library, article, kind):
    path = {"home": "/", "article": article.url, "offline": "/offline/"}[kind]
    head = get_html(path).head

    assert head.find("link", rel="manifest")["href"] == "/manifest.json"
    assert head.find("link", rel="icon")["href"].endswith("/icons/icon.svg")
    assert head.find("link", rel="apple-touch-icon")["href"].endswith("/apple-touch-icon.png")
    module = head.find("script", type="module")
    assert module["src"].endswith("/frontend/js/offline-library.js")
    assert not module.string  # no inline code: the CSP allows only files from the site


@pytest.mark.parametrize("path", ["/", "/offline/"])
def test_save_the_library_waits_hidden_until_the_script_can_do_it(get_html, library, path):
    section = get_html(path).find(attrs={"data-offline-library": True})

    assert section.has_attr("hidden")
    button = section.find("button", attrs={"data-offline-save": True})
    assert button.get_text() == "Save the library for offline"  # "Save" shows; the rest is read
    assert section.find(attrs={"data-offline-status": True})["role"] == "status"


@pytest.mark.django_db  # the page fixture is looked up by name, so say so for test ordering
@pytest.mark.parametrize("fixture", ["article", "stretch"])
def test_articles_and_stretches_offer_save_for_offline(client, get_html, request, fixture):
    page = request.getfixturevalue(fixture)
    box = get_html(page.url).find(attrs={"data-offline-page": True})
    kind = {"article": "articles", "stretch": "stretches"}[fixture]
    api = client.get(f"/api/v1/{kind}/{page.id}/").json()

    assert box.has_attr("hidden")
    assert box["data-api"] == api["api_url"]
    assert box["data-key"] == f"{api['type']}:{api['id']}"
    assert box.find("button").get_text(strip=True) == "Save for offline"


STATIC_IMPORT = re.compile(r"""^import\s[^;]*?from\s+["']\./([\w.-]+\.js)["']""", re.MULTILINE)


def _scripts_with_imports(names: set[str]) -> set[str]:
    """The script files ``names`` load, following their static ``import``s."""
    found, pending = set(), list(names)
    while pending:
        name = pending.pop()
        if name not in found:
            found.add(name)
            pending += STATIC_IMPORT.findall((JS_DIR / name).read_text())
    return found


PAGE_TYPES = [
    "/",
    "/conditions/",
    "/conditions/sciatica/",
    "/stretches/",
    "/stretches/knees-to-chest-stretch/",
    "/stretches/ten-minutes-after-a-day-at-a-desk/",
    "/where-does-it-hurt/",
    "/where-does-it-hurt/buttock/",
    "/search/?q=sciatica",
    "/book/",
    "/my-routine/?s=1",
    "/my-diary/",
    "/offline/",
]


def test_each_page_loads_at_most_30_kb_of_compressed_javascript(client, demo_library, subtests):
    """One demo library for every page type: loading it is most of this test's time."""
    for path in PAGE_TYPES:
        with subtests.test(path=path):
            response = client.get(path, follow=True)
            assert response.status_code == 200, path
            page = BeautifulSoup(response.content, "html.parser")
            sources = [tag["src"] for tag in page.find_all("script", src=True)]
            sources += [tag["href"] for tag in page.find_all("link", rel="modulepreload")]
            names = {Path(src.split("?")[0]).name for src in sources}
            assert names, f"{path} loads no script at all: is the page the right one?"

            loaded = _scripts_with_imports(names)
            sizes = {name: len(gzip.compress((JS_DIR / name).read_bytes())) for name in loaded}

            assert sum(sizes.values()) <= JS_BUDGET_BYTES, sizes


def test_the_offline_scripts_stay_small():
    sizes = {name: len(gzip.compress((JS_DIR / name).read_bytes())) for name in OUR_JS}
    assert sum(sizes.values()) < OUR_JS_BUDGET_BYTES, sizes


def test_offline_module_writes_text_not_html():
    for name in OUR_JS:
        source = (JS_DIR / name).read_text()
        assert "innerHTML" not in source
        assert "insertAdjacentHTML" not in source
