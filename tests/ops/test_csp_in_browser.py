"""The Content-Security-Policy breaks nothing: Chromium reports no violation on any screen.

Loads the reading pages, the API docs and the admin's dashboard, page editor
(with its live preview) and snippet screens in headless Chromium, and fails on
any CSP violation the browser reports, from the page or from a frame.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from wagtail.models import Site

from tests import factories
from tests.chromium import launch

# Reported by the page itself, so violations inside frames and workers count too.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def chromium():
    """Started and stopped within each test: while Playwright's event loop runs, Django's
    connection handler answers with other connection objects, and the database reset
    between transactional tests would miss its saved state."""
    with sync_playwright() as driver:
        browser = launch(driver)
        yield browser
        browser.close()


class Visitor:
    """One browser context that collects every CSP complaint it sees."""

    def __init__(self, browser, base_url):
        # No service worker: its background fetches would outlive the test's database.
        self.context = browser.new_context(base_url=base_url, service_workers="block")
        self.context.add_init_script(LISTEN_FOR_VIOLATIONS)
        self.page = self.context.new_page()
        self.violations: list[str] = []
        self.page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(message.text)

    def visit(self, path: str, wait_for: str | None = None):
        response = self.page.goto(path, wait_until="networkidle")
        assert response.status < 400, f"{path}: {response.status}"
        if wait_for:
            self.page.wait_for_selector(wait_for)
        self.collect(path)
        return response

    def collect(self, where: str):
        """Take the violations the page and its frames recorded so far."""
        self.page.wait_for_timeout(300)
        for frame in self.page.frames:
            try:
                found = frame.evaluate("window.__cspViolations.splice(0)")
            except PlaywrightError:
                continue
            self.violations.extend(f"{where} ({frame.url}): {item}" for item in found)

    def log_in(self, username, password):
        self.visit("/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")


def path_of(page) -> str:
    return urlsplit(page.get_url()).path


@pytest.fixture
def site_on_live_server(library, live_server):
    """Pages answer on the live server's host and port, and link there."""
    Site.objects.exclude(pk=library.site.pk).delete()
    host, port = urlsplit(live_server.url).netloc.split(":")
    Site.objects.filter(pk=library.site.pk).update(hostname=host, port=int(port))
    return library


@pytest.fixture
def visitor(chromium, live_server, site_on_live_server):
    visitor = Visitor(chromium, live_server.url)
    yield visitor
    visitor.context.close()


def test_reading_pages_and_api_docs_run_under_their_policies(visitor, article, stretch, library):
    for path in (
        "/",
        article.get_url(),
        stretch.get_url(),
        library.booking.get_url(),
        "/search/?q=back",
    ):
        visitor.visit(path)
    visitor.visit("/api/v1/docs/", wait_for=".swagger-ui .info")
    assert visitor.violations == [], "\n".join(visitor.violations)


def test_admin_screens_run_under_their_policy(visitor, article, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password")
    muscle = factories.MuscleFactory()
    visitor.log_in("admin", "a-long-password")
    screens = [
        ("/admin/", None),
        (f"/admin/pages/{article.pk}/edit/", "form#page-edit-form"),
        (f"/admin/pages/{article.get_parent().pk}/", None),
        ("/admin/snippets/cms/muscle/", None),
        (f"/admin/snippets/cms/muscle/edit/{muscle.pk}/", "form"),
        ("/admin/snippets/cms/bookingrequest/", None),
        ("/admin/images/", None),
        ("/admin/reports/site-history/", None),
    ]
    for path, ready in screens:
        visitor.visit(path, wait_for=ready)
    # A chooser modal: its HTML arrives as JSON and is inserted by the admin's scripts.
    visitor.visit(f"/admin/pages/{article.pk}/edit/", wait_for="form#page-edit-form")
    visitor.page.locator("#id_hero_image-chooser [data-chooser-action-choose]").click()
    visitor.page.wait_for_selector(".modal-content form", timeout=10_000)
    visitor.collect("image chooser")
    # The live preview renders the page inside the admin, in a frame of the admin.
    visitor.visit(f"/admin/pages/{article.pk}/edit/", wait_for="form#page-edit-form")
    preview_toggle = visitor.page.locator("[data-side-panel-toggle='preview']")
    if preview_toggle.count():
        preview_toggle.first.click()
        visitor.page.wait_for_selector("iframe#w-preview-iframe, iframe", timeout=10_000)
        visitor.page.wait_for_timeout(1500)
        visitor.collect("preview panel")
    assert visitor.violations == [], "\n".join(visitor.violations)
