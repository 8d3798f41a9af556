"""The Content-Security-Policy breaks nothing: Chromium reports no violation on any screen.

Loads the reading pages and the API docs, then works the admin as an editor
would: the page editor with its choosers and date pickers, a chooser modal, the
live preview, the settings form (saved), snippets and listings. Every wait is on
a condition the screen must reach, which also proves its scripts ran; each
violation is reported to the test as it happens, from the page or any frame,
and the test fails on any.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from wagtail.models import Site

from tests import factories
from tests.chromium import launch

# Runs before any page script, in every frame; the binding is called, never eval'd.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
# Resolves once tasks queued so far (violation events among them) have run.
EVENT_LOOP_TURNED = "() => new Promise((done) => setTimeout(done, 0))"

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
    """One browser context that collects every CSP complaint it sees, as it sees it."""

    def __init__(self, browser, base_url):
        # No service worker: its background fetches would outlive the test's database.
        self.context = browser.new_context(base_url=base_url, service_workers="block")
        self.violations: list[str] = []
        self.context.expose_binding("reportViolation", self._reported)
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.on("console", self._console)

    def _reported(self, source, description):
        self.violations.append(f"{source['frame'].url}: {description}")

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(f"console: {message.text}")

    def visit(self, path: str, ready: str = "main, #main, .content"):
        """Open ``path`` and wait until ``ready`` shows."""
        response = self.page.goto(path)
        assert response.status < 400, f"{path}: {response.status}"
        expect(self.page.locator(ready).first).to_be_visible()
        self.settle()

    def settle(self):
        """Let every frame finish the tasks it has queued, so its violations are in."""
        for frame in self.page.frames:
            if not frame.is_detached():
                frame.evaluate(EVENT_LOOP_TURNED)

    def log_in(self, username, password):
        self.visit("/admin/login/", ready="form")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")


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


@pytest.fixture
def editor_signed_in(visitor, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-password")
    visitor.log_in("admin", "a-long-password")
    return visitor


def test_reading_pages_and_api_docs_run_under_their_policies(visitor, article, stretch, library):
    for path in (
        "/",
        article.get_url(),
        stretch.get_url(),
        library.booking.get_url(),
        "/search/?q=back",
    ):
        visitor.visit(path)
    visitor.visit("/api/v1/docs/", ready=".swagger-ui .info")
    assert visitor.violations == [], "\n".join(visitor.violations)


def test_the_page_editor_its_chooser_and_preview_run_under_the_admin_policy(
    editor_signed_in, article
):
    visitor, page = editor_signed_in, editor_signed_in.page
    visitor.visit(f"/admin/pages/{article.pk}/edit/", ready="form#page-edit-form")
    # The date-time pickers exist only if their inline <script> ran (nonce accepted).
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_attached()

    # A chooser, started by its inline script, opens its modal (HTML that arrives as JSON).
    page.locator("#id_hero_image-chooser .unchosen [data-chooser-action-choose]").click()
    modal = page.locator(".modal-content")
    expect(modal.locator("input[name=q]").first).to_be_visible()
    visitor.settle()
    modal.locator("button.close").first.click()
    expect(modal).to_be_hidden()

    # The live preview: the page rendered for the admin, inside a frame of the admin.
    toggle = page.locator("[data-side-panel-toggle='preview']")
    expect(toggle, "the editor has no preview panel toggle").to_have_count(1)
    toggle.click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text(article.title)
    visitor.settle()

    assert visitor.violations == [], "\n".join(visitor.violations)


def test_settings_are_saved_under_the_admin_policy(editor_signed_in, library):
    visitor, page = editor_signed_in, editor_signed_in.page
    visitor.visit(f"/admin/settings/cms/clinicsettings/{library.site.pk}/", ready="form")
    # The default call to action's snippet chooser was started by its inline script.
    chooser = page.locator("#id_default_cta-chooser .chosen")
    chooser.get_by_role("button", name="Actions").click()
    chooser.locator("[data-chooser-action-choose]").click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_text(library.clinic.default_cta.heading).first).to_be_visible()
    modal.locator("button.close").first.click()
    expect(modal).to_be_hidden()

    page.fill("input[name=name]", "Demo Back Care Clinic (Mill Lane)")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages .success")).to_be_visible()
    visitor.settle()

    library.clinic.refresh_from_db()
    assert library.clinic.name == "Demo Back Care Clinic (Mill Lane)"
    assert visitor.violations == [], "\n".join(visitor.violations)


def test_an_inline_panel_starts_the_scripts_of_the_forms_it_adds(editor_signed_in):
    """The workflow form: "Add a task" copies a form whose chooser script the panel
    runs (jQuery keeps its nonce); the chooser then opens the task chooser."""
    visitor, page = editor_signed_in, editor_signed_in.page
    visitor.visit("/admin/workflows/add/", ready="form")
    page.locator("#id_workflow_tasks-ADD").click()
    added = page.locator("#id_workflow_tasks-FORMS [id$='-task-chooser']").last
    added.locator(".unchosen [data-chooser-action-choose]").click()
    expect(page.locator(".modal-content")).to_be_visible()
    expect(page.locator(".modal-content form.task-search")).to_be_attached()
    visitor.settle()
    assert visitor.violations == [], "\n".join(visitor.violations)


def test_other_admin_screens_run_under_the_admin_policy(editor_signed_in, article):
    muscle = factories.MuscleFactory()
    for path in (
        "/admin/",
        f"/admin/pages/{article.get_parent().pk}/",
        f"/admin/pages/{article.pk}/history/",
        "/admin/snippets/cms/muscle/",
        f"/admin/snippets/cms/muscle/edit/{muscle.pk}/",
        "/admin/snippets/cms/bookingrequest/",
        "/admin/images/",
        "/admin/reports/site-history/",
    ):
        editor_signed_in.visit(path)
    violations = editor_signed_in.violations
    assert violations == [], "\n".join(violations)
