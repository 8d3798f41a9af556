"""Saving a big library on a phone: its size first, only the sections chosen, a save
that survives a closed tab, and a full phone explained, never called "saved"."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import ArticlePage, RoutinePage, StretchGuidePage
from tests import factories

from .test_offline_library import SAVE_TIMEOUT_MS, path_of, save_library
from .workers import CACHED_URLS, open_controlled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Library pages the phone has recorded as saved, by their keys ("article:12").
SAVED_KEYS = """() => Object.keys(localStorage)
  .filter((key) => key.startsWith("offline-library:"))
  .map((key) => key.slice("offline-library:".length))"""
# The browser refusing to store more, after a few pages went in.
FULL_AFTER_20_PUTS = """(() => {
  const put = Cache.prototype.put;
  let room = 20;
  Cache.prototype.put = function (...args) {
    if (room-- > 0) return put.apply(this, args);
    return Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
  };
})()"""


def cached_paths(tab) -> set[str]:
    return {re.sub(r"^https?://[^/]+", "", url) for url in tab.evaluate(CACHED_URLS)}


def test_the_phone_says_what_saving_takes_before_it_starts(phone, demo_site, client):
    plan = client.get("/api/v1/offline/").json()
    tab = open_controlled(phone)
    library = tab.locator("[data-offline-library]")

    megabytes = f"{plan['total']['bytes'] / 1e6:.1f} MB"
    expect(library.locator("[data-offline-state]")).to_have_text(
        f"Not saved yet: {plan['total']['pages']} pages, about {megabytes}"
    )
    library.get_by_text("Size, sections and more").click()
    for section in plan["sections"]:
        choice = library.get_by_role("checkbox", name=section["title"])
        expect(choice).to_be_checked()
        label = library.locator("label").filter(has_text=section["title"])
        expect(label).to_contain_text(f"{section['pages']} pages")
    assert "offline-library" not in tab.evaluate("() => caches.keys()")


def test_only_the_chosen_sections_are_saved_and_update_keeps_to_the_choice(phone, demo_site):
    kept = ArticlePage.objects.live().filter(slug="lower-back-pain").get()  # in Conditions
    left = ArticlePage.objects.live().get(slug="slipped-disc-and-other-structural-causes")
    urgent = ArticlePage.objects.live().get(slug="when-back-pain-needs-urgent-care")  # Self-care
    stretch = StretchGuidePage.objects.live().first()
    routine = RoutinePage.objects.live().first()
    tab = open_controlled(phone)
    library = tab.locator("[data-offline-library]")
    library.get_by_text("Size, sections and more").click()
    for box in library.locator("[data-offline-section]").all():
        box.uncheck()
    library.get_by_role("checkbox", name="Conditions").check()
    expect(library.locator("[data-offline-wanted]")).to_contain_text("Your choice takes")

    save_library(tab)

    saved = cached_paths(tab)
    assert path_of(kept) in saved
    assert path_of(left) not in saved and path_of(stretch) not in saved
    # Always saved, whatever the sections: the safety net, the navigator, booking, routines.
    assert {"/", "/where-does-it-hurt/", "/book/", path_of(urgent), path_of(routine)} <= saved

    # The choice is remembered, and Update keeps to it.
    tab.reload()
    library.get_by_text("Size, sections and more").click()
    expect(library.get_by_role("checkbox", name="Causes")).not_to_be_checked()
    expect(library.get_by_role("checkbox", name="Conditions")).to_be_checked()
    left.summary = "Changed since the phone saved its sections."
    factories.publish(left)
    save_library(tab, button="Update", done="up to date")
    assert path_of(left) not in cached_paths(tab)


def test_a_save_cut_off_by_a_closed_tab_resumes_where_it_stopped(phone, demo_site):
    tab = open_controlled(phone)
    hung = []
    # Stretch guides never answer: the save stalls part-way, and the tab is closed.
    phone.route("**/api/v1/stretches/*/", lambda route: hung.append(route))
    stretch_api = re.compile(r"/api/v1/stretches/\d+/$")
    stalled = lambda request: stretch_api.search(request.url)  # noqa: E731
    with phone.expect_event("request", stalled, timeout=SAVE_TIMEOUT_MS):
        tab.locator("[data-offline-library]").get_by_role("button", name="Save the library").click()
    tab.close()
    phone.unroute_all(behavior="ignoreErrors")

    tab = open_controlled(phone)
    library = tab.locator("[data-offline-library]")
    state = library.locator("[data-offline-state]")
    expect(state).to_have_text(re.compile(r"^Partly saved: \d+ of \d+$"))
    done, total = map(int, re.findall(r"\d+", state.text_content()))
    assert 0 < done < total
    before = set(tab.evaluate(SAVED_KEYS))
    assert len([key for key in before if key.startswith("article:")]) > 0
    fetched = []
    phone.on("request", lambda request: fetched.append(request.url))

    save_library(tab, button="Resume", done="saved on this phone")

    expect(state).to_have_text(re.compile(r"^Saved: \d+ pages$"))
    apis = {url.split("/api/v1/")[-1] for url in fetched}
    again = {key for key in before if f"articles/{key.removeprefix('article:')}/" in apis}
    assert any(stretch_api.search(url) for url in fetched)  # what was left is fetched now
    assert again == set(), "resuming fetched again what was already saved"
    assert len(tab.evaluate(SAVED_KEYS)) > len(before)


def test_a_full_phone_is_explained_and_nothing_is_called_saved(phone, demo_site):
    tab = open_controlled(phone)
    tab.add_init_script(FULL_AFTER_20_PUTS)
    tab.reload()
    library = tab.locator("[data-offline-library]")

    library.get_by_role("button", name="Save the library for offline").click()

    status = library.locator("[data-offline-status]")
    expect(status).to_contain_text("no more room", timeout=SAVE_TIMEOUT_MS)
    expect(status).to_contain_text("Free some space, or save fewer sections")
    expect(status).not_to_contain_text("saved on this phone")
    state = library.locator("[data-offline-state]")
    expect(state).to_have_text(re.compile(r"^Partly saved: \d+ of \d+$"))
    expect(library.get_by_role("button", name="Resume")).to_be_focused()
    tab.reload()  # and after a reload the phone still does not claim it
    expect(state).to_have_text(re.compile(r"^Partly saved: \d+ of \d+$"))
