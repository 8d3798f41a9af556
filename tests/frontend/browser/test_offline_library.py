"""The offline library on a phone: save it, read it with no signal, keep it current.

The live server answers from another thread, so the demo library is loaded in a
transactional test database (restored afterwards for the tests that follow).
"""

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from wagtail.models import Page

from cms.models import ArticlePage, RoutinePage, StretchGuidePage
from tests import factories

from .workers import open_controlled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAVE_TIMEOUT_MS = 120_000  # 33 pages and ~80 pictures, on a busy two-core machine
OFFLINE_HEADING = "Page not saved"  # /offline/, the worker's fallback
NAVIGATOR = "/where-does-it-hurt/"
# The stylesheet applied, and every picture shown at once (not lazily) loaded.
STYLED_AND_PICTURED = """() => ({
  styled: getComputedStyle(document.body).backgroundColor !== "rgba(0, 0, 0, 0)",
  missing: [...document.querySelectorAll("img[loading=eager]")]
    .filter((img) => !img.complete || img.naturalWidth === 0)
    .map((img) => img.currentSrc),
})"""

# Every picture on the page, lazy ones included (a step's pose may be far below the fold).
UNSAVED_PICTURES = """async () => {
  const failed = [];
  for (const img of document.querySelectorAll("main img[src]")) {
    const response = await fetch(img.src).catch(() => null);
    if (!response?.ok) failed.push(img.src);
  }
  return failed;
}"""

FETCH = """async (url) => {
  const response = await fetch(url);
  const type = response.headers.get("Content-Type");
  return { status: response.status, type, body: await response.text() };
}"""


def path_of(page: Page) -> str:
    return urlsplit(page.full_url).path


def library_pages() -> list[tuple[str, str]]:
    pages = [
        *ArticlePage.objects.live(),
        *StretchGuidePage.objects.live(),
        *RoutinePage.objects.live(),
    ]
    return sorted((path_of(page), page.title) for page in pages)


def save_library(tab, button="Save the library for offline", done="saved on this phone"):
    library = tab.locator("[data-offline-library]")
    expect(library).to_be_visible()
    library.get_by_role("button", name=button).click()
    expect(library.locator("[data-offline-status]")).to_contain_text(done, timeout=SAVE_TIMEOUT_MS)
    return library


def test_a_saved_library_opens_every_article_and_stretch_guide_offline(phone, demo_site):
    pages = library_pages()
    assert len(pages) > 20
    tab = open_controlled(phone)
    library = save_library(tab)
    expect(library.locator("[data-offline-state]")).to_have_text(re.compile(r"^Saved: \d+ pages$"))
    expect(library.locator("[data-offline-count]")).to_have_text(re.compile(r"^\d+ pages$"))
    expect(library.get_by_role("button", name="Update")).to_be_focused()

    phone.set_offline(True)
    for path, title in pages:
        tab.goto(path)
        expect(tab.get_by_role("heading", level=1)).to_have_text(title)
        assert tab.evaluate(STYLED_AND_PICTURED) == {"styled": True, "missing": []}, path
        assert tab.evaluate(UNSAVED_PICTURES) == [], path
    stretch = StretchGuidePage.objects.live().first()
    tab.goto(path_of(stretch))
    expect(tab.locator(".step img")).to_have_count(len(stretch.steps))
    for path in ("/", "/stretches/", "/conditions/", NAVIGATOR):
        tab.goto(path)
        expect(tab.get_by_role("heading", level=1)).not_to_have_text(OFFLINE_HEADING)
    regions = tab.locator(f"main a[href^='{NAVIGATOR}']:not([href='{NAVIGATOR}'])")
    expect(regions.first).to_be_attached()
    tab.goto(regions.last.get_attribute("href"))  # the navigator keeps a page per body region
    expect(tab.get_by_role("heading", level=1)).not_to_have_text(OFFLINE_HEADING)

    # Proof that the network really is gone: a page never saved falls back to /offline/,
    # which lists what is saved. (A search is answered from the saved index instead.)
    tab.goto("/never-saved/")
    expect(tab.get_by_role("heading", level=1)).to_have_text(OFFLINE_HEADING)
    expect(tab.locator("[data-saved-pages] li")).to_have_count(len(pages) + 1)

    # JSON is answered with JSON: the saved copy, or a problem when there is none.
    article = ArticlePage.objects.live().first()
    saved = tab.evaluate(FETCH, f"/api/v1/articles/{article.id}/")
    assert (saved["status"], saved["type"]) == (200, "application/json")
    assert json.loads(saved["body"])["title"] == article.title
    missing = tab.evaluate(FETCH, "/api/v1/search/?q=sciatica")
    assert (missing["status"], missing["type"]) == (503, "application/problem+json")


def test_update_fetches_what_changed_and_forgets_unpublished_pages(phone, demo_site):
    edited = ArticlePage.objects.live().get(slug="sciatica")
    withdrawn = ArticlePage.objects.live().get(slug="piriformis-syndrome")
    tab = open_controlled(phone)
    save_library(tab)

    phone.set_offline(True)
    tab.goto(path_of(edited))
    expect(tab.get_by_role("heading", level=1)).to_have_text(edited.title)

    edited.summary = "Rewritten while this phone was offline."
    factories.publish(edited)
    withdrawn.unpublish()

    phone.set_offline(False)
    tab.goto("/")
    save_library(tab, button="Update", done="up to date")

    phone.set_offline(True)
    tab.goto(path_of(edited))
    expect(tab.locator(".page-header .lead")).to_have_text(edited.summary)
    tab.goto(path_of(withdrawn))
    expect(tab.get_by_role("heading", level=1)).to_have_text(OFFLINE_HEADING)
    expect(tab.locator("[data-saved-pages]")).not_to_contain_text(withdrawn.title)


def test_a_saved_page_button_keeps_one_article_for_offline(phone, demo_site):
    article = ArticlePage.objects.live().get(slug="sciatica")
    tab = open_controlled(phone, path_of(article))
    box = tab.locator("[data-offline-page]")
    box.get_by_role("button", name="Save for offline").click()
    expect(box.get_by_role("status")).to_have_text("Saved on this phone for reading offline.")

    phone.set_offline(True)
    tab.goto(path_of(article))
    expect(tab.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(tab.locator("[data-offline-page]").get_by_role("button")).to_be_hidden()


def test_removing_the_saved_library_frees_the_phone(phone, demo_site):
    article = ArticlePage.objects.live().get(slug="sciatica")
    tab = open_controlled(phone)
    library = save_library(tab)

    library.get_by_text("Size, sections and more").click()
    library.get_by_role("button", name="Remove from this phone").click()

    expect(library.locator("[data-offline-status]")).to_have_text(
        "The saved library is removed from this phone."
    )
    expect(library.locator("[data-offline-count]")).to_have_text("None yet")
    expect(library.get_by_role("button", name="Save the library for offline")).to_be_focused()
    expect(library.get_by_role("button", name="Update")).to_be_hidden()
    assert tab.evaluate("() => caches.has('offline-library')") is False

    phone.set_offline(True)
    tab.goto(path_of(article))  # never opened, only saved: gone with the library
    expect(tab.get_by_role("heading", level=1)).to_have_text(OFFLINE_HEADING)
    expect(tab.locator("[data-saved-pages] li[data-saved]")).to_have_count(0)
