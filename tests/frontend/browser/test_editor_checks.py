"""The editor's checks fire in the page editor, before anything is submitted for review."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from cms.models import SafetyNetSettings
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HARD_TO_READ = (
    "Notwithstanding considerable interindividual variability, musculoskeletal "
    "dysfunction characteristically necessitates comprehensive multidisciplinary "
    "rehabilitation incorporating progressive neuromuscular reconditioning."
)


@pytest.fixture
def editor_in_admin(browser, live_server, library, django_user_model):
    """A phone-less desktop browser signed in to the admin as a member of Editors."""
    from django.contrib.auth.models import Group

    Site.objects.exclude(pk=library.site.pk).delete()
    host, port = urlsplit(live_server.url).netloc.split(":")
    Site.objects.filter(pk=library.site.pk).update(hostname=host, port=int(port))
    user = django_user_model.objects.create_user("writer", password="a-long-password")
    user.groups.add(Group.objects.get(name="Editors"))
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", "writer")
    page.fill("input[name=password]", "a-long-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def test_saving_a_hard_to_read_draft_warns_about_its_reading_grade(editor_in_admin, library):
    draft = factories.ArticlePageFactory(parent=library.conditions, live=False)
    draft.save_revision()
    page = editor_in_admin
    page.goto(f"/admin/pages/{draft.pk}/edit/")

    page.fill("textarea[name=summary]", HARD_TO_READ)
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_text("above 8")).to_be_visible()
    expect(page.get_by_text("Reading grade")).to_be_visible()


def test_submitting_without_a_safety_net_is_refused_in_the_editor(editor_in_admin, library):
    factories.fill_safety_net(SafetyNetSettings.for_site(library.site), emergency="", urgent="")
    draft = factories.ArticlePageFactory(parent=library.conditions, live=False)
    draft.save_revision()
    page = editor_in_admin
    page.goto(f"/admin/pages/{draft.pk}/edit/")

    # "Submit" sits in the footer's menu of more actions; press it as the menu would.
    page.locator("button[name=action-submit]").dispatch_event("click")

    expect(page.get_by_text("The safety net has no").first).to_be_visible()
    draft.refresh_from_db()
    assert draft.current_workflow_state is None
