"""The service worker on a phone: new releases reach readers, private things stay uncached."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pwa import app_settings

from django.conf import settings

from .workers import CACHE_NAMES, CACHED_URLS, CONTROLLED, open_controlled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LIBRARY = "offline-library"
KEEP_IN_LIBRARY = f"""async () =>
  (await caches.open("{LIBRARY}")).put("/kept", new Response("kept"))"""
READ_FROM_LIBRARY = f"""async () =>
  (await caches.match("/kept", {{ cacheName: "{LIBRARY}" }})).text()"""
# In the worker: stand in for booking-outbox.js's flush() and note when sync calls it.
STUB_FLUSH = """() => {
  self.bookingOutbox ||= {};
  self.flushed = new Promise((done) => (self.bookingOutbox.flush = async () => done("flushed")));
}"""
FLUSHED_WITHIN_10_S = """() =>
  Promise.race([self.flushed, new Promise((done) => setTimeout(done, 10000, "not flushed"))])"""
WAITING = "async () => (await navigator.serviceWorker.getRegistration()).waiting"
VERSION = re.compile(r'^const VERSION = "([^"]+)";$', re.MULTILINE)


def current_version() -> str:
    return VERSION.search(Path(settings.PWA_SERVICE_WORKER_PATH).read_text()).group(1)


def test_chromium_finds_the_library_installable(phone, demo_site):
    tab = open_controlled(phone)
    devtools = phone.new_cdp_session(tab)

    assert devtools.send("Page.getAppManifest")["errors"] == []
    errors = devtools.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito-like; every other requirement must be met.
    assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []


def test_a_new_release_takes_over_when_the_reader_reloads(phone, demo_site, monkeypatch, tmp_path):
    old = current_version()
    tab = open_controlled(phone)
    tab.reload()  # a controlled navigation fills this version's runtime cache too
    tab.evaluate(KEEP_IN_LIBRARY)
    assert tab.evaluate(CACHE_NAMES) == [LIBRARY, f"runtime-{old}", f"shell-{old}"]

    release = tmp_path / "serviceworker.js"
    source = Path(settings.PWA_SERVICE_WORKER_PATH).read_text()
    release.write_text(VERSION.sub('const VERSION = "next-release";', source))
    monkeypatch.setattr(app_settings, "PWA_SERVICE_WORKER_PATH", str(release))
    tab.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")

    prompt = tab.get_by_role("status").filter(has_text="Update available")
    expect(prompt).to_be_visible()
    with tab.expect_navigation():
        prompt.get_by_role("button", name="Reload").click()

    assert tab.evaluate(CONTROLLED) == "activated"
    assert tab.evaluate(WAITING) is None
    # The old version's caches are gone; what the reader saved is not.
    expected = [LIBRARY, "runtime-next-release", "shell-next-release"]
    assert tab.evaluate(CACHE_NAMES) == expected
    assert tab.evaluate(READ_FROM_LIBRARY) == "kept"
    expect(tab.get_by_text("Update available")).to_have_count(0)


def test_the_worker_keeps_no_admin_screens_booking_requests_or_searches(phone, demo_site):
    tab = open_controlled(phone)
    tab.goto("/admin/login/")
    tab.goto("/search/?q=sciatica")
    tab.goto("/")
    status = tab.evaluate(
        """async () => (await fetch("/api/v1/booking-requests/", {
          method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"
        })).status"""
    )
    assert status >= 400
    tab.evaluate("() => fetch('/api/v1/booking-requests/').then((r) => r.text())")
    tab.evaluate("() => fetch('/api/v1/sections/').then((r) => r.text())")

    urls = tab.evaluate(CACHED_URLS)
    assert any(url.endswith("/api/v1/sections/") for url in urls), urls
    assert [url for url in urls if "/admin/" in url or "booking-requests" in url] == []
    assert [url for url in urls if "?q=" in url] == []


def test_a_booking_outbox_sync_flushes_the_outbox(phone, demo_site):
    phone.grant_permissions(["background-sync"])
    tab = open_controlled(phone)
    (worker,) = phone.service_workers
    worker.evaluate(STUB_FLUSH)

    tab.evaluate("navigator.serviceWorker.ready.then((r) => r.sync.register('booking-outbox'))")

    assert worker.evaluate(FLUSHED_WITHIN_10_S) == "flushed"
