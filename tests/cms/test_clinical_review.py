"""The "Clinical review" step: only clinical reviewers approve it, and approving signs the page."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.clinical_review import stamp_review
from cms.models import ArticlePage, StretchGuidePage
from tests import factories


def _submit(client, user, url, data):
    client.force_login(user)
    response = client.post(url, {**data, "action-submit": "action-submit"})
    assert response.status_code == 302, response.content[:2000]
    client.logout()


@pytest.fixture
def submitted_article(client, editor, library, article_form_data):
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", library.conditions.pk])
    _submit(client, editor, url, article_form_data("Sciatica explained"))
    return ArticlePage.objects.get(slug="sciatica-explained")


@pytest.fixture
def submitted_stretch(client, editor, library, stretch_form_data):
    url = reverse("wagtailadmin_pages:add", args=["cms", "stretchguidepage", library.stretches.pk])
    _submit(client, editor, url, stretch_form_data("Figure-four stretch"))
    return StretchGuidePage.objects.get(slug="figure-four-stretch")


def _approve(client, user, page):
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def _task_name(page) -> str:
    page.refresh_from_db()
    return page.current_workflow_state.current_task_state.task.name


def test_the_workflow_starts_with_clinical_review_then_moderation(library):
    workflow = library.home.get_workflow()
    assert [task.name for task in workflow.tasks] == ["Clinical review", "Moderators approval"]
    task = workflow.tasks.first().specific
    assert [group.name for group in task.groups.all()] == ["Clinical reviewers"]


def test_the_clinical_reviewers_group_exists_with_admin_access(db):
    group = Group.objects.get(name="Clinical reviewers")
    assert group.permissions.filter(codename="access_admin").exists()
    assert group.permissions.filter(codename="change_safetynetsettings").exists()


def test_a_submission_waits_for_clinical_review_first(submitted_article):
    assert _task_name(submitted_article) == "Clinical review"
    assert not submitted_article.live


@pytest.mark.parametrize("who", ["moderator", "editor", "admin_user"])
def test_nobody_outside_clinical_reviewers_can_approve_the_clinical_review(
    client, submitted_article, who, request
):
    user = request.getfixturevalue(who)

    response = _approve(client, user, submitted_article)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert _task_name(submitted_article) == "Clinical review"
    latest = submitted_article.get_latest_revision_as_object()
    assert latest.last_reviewed is None and latest.reviewer_name == ""


def test_a_reviewers_approval_signs_the_page_from_their_profile(
    client, submitted_article, gp, moderator
):
    today = timezone.localdate()

    response = _approve(client, gp, submitted_article)

    assert response.status_code == 302
    assert _task_name(submitted_article) == "Moderators approval"
    draft = submitted_article.get_latest_revision_as_object()
    assert draft.last_reviewed == today
    assert draft.next_review_due == today + datetime.timedelta(days=365)
    assert draft.reviewer_name == "Dr Sam Sample"
    assert draft.reviewer_credentials == "MBBS, MRCGP, general practitioner"

    _approve(client, moderator, submitted_article)

    submitted_article.refresh_from_db()
    assert submitted_article.live
    assert submitted_article.reviewer_name == "Dr Sam Sample"
    assert submitted_article.last_reviewed == today


def test_the_review_interval_comes_from_settings(settings, submitted_article, gp, client):
    settings.CLINICAL_REVIEW_INTERVAL_DAYS = {
        **settings.CLINICAL_REVIEW_INTERVAL_DAYS,
        "cms.articlepage": 180,
    }
    response = _approve(client, gp, submitted_article)
    assert response.status_code == 302 and response.url != reverse("wagtailadmin_home")
    submitted_article.refresh_from_db()
    draft = submitted_article.get_latest_revision_as_object()
    assert draft.next_review_due - draft.last_reviewed == datetime.timedelta(days=180)


def test_a_gp_cannot_sign_off_a_stretch_guide(client, submitted_stretch, gp):
    page = StretchGuidePage.objects.get(pk=submitted_stretch.pk)
    task = page.current_workflow_state.current_task_state.task.specific
    assert "approve" not in [name for name, *_ in task.get_actions(page, gp)]

    _approve(client, gp, submitted_stretch)

    assert _task_name(submitted_stretch) == "Clinical review"
    with pytest.raises(PermissionDenied):
        stamp_review(page=page, reviewer=gp.reviewer_profile)


def test_a_physiotherapist_signs_off_a_stretch_guide(client, submitted_stretch, physio):
    _approve(client, physio, submitted_stretch)

    assert _task_name(submitted_stretch) == "Moderators approval"
    draft = submitted_stretch.get_latest_revision_as_object()
    assert draft.reviewer_name == "Ali Example"
    assert draft.reviewer_credentials.endswith("physiotherapist")


def test_exercise_professions_are_configurable(settings, client, submitted_stretch, gp):
    settings.CLINICAL_REVIEW_EXERCISE_PROFESSIONS = ["physiotherapist", "gp"]
    _approve(client, gp, submitted_stretch)
    assert _task_name(submitted_stretch) == "Moderators approval"


def test_review_fields_cannot_be_typed_in_the_editor(client, editor, library, article_form_data):
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", library.conditions.pk])
    client.force_login(editor)
    data = article_form_data("Typed review", reviewer_name="Dr Made Up", last_reviewed="2026-01-01")

    client.post(url, data)

    page = ArticlePage.objects.get(slug="typed-review").get_latest_revision_as_object()
    assert page.reviewer_name == ""
    assert page.last_reviewed is None
    form = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'name="reviewer_name"' not in form
    assert 'name="last_reviewed"' not in form


def test_pages_without_medical_content_pass_through_clinical_review(library, editor):
    section = factories.SectionPageFactory(parent=library.home, slug="new-section", live=False)
    section.save_revision()
    workflow = section.get_workflow()
    workflow.start(section, editor)
    section.refresh_from_db()
    assert section.current_workflow_state.current_task_state.task.name == "Moderators approval"


def _edit(client, user, page, data):
    """Post the page editor's form as ``user`` (``data`` says which button)."""
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_content_changed_after_the_review_cannot_go_live_by_any_road(library):
    page = factories.ArticlePageFactory(parent=library.conditions)
    page.summary = "A new claim nobody has checked."

    with pytest.raises(ValidationError, match="changed since its clinical review"):
        page.save_revision().publish()

    page.refresh_from_db()
    assert page.summary != "A new claim nobody has checked."


def test_reviewed_content_may_go_live_again_unchanged(library):
    page = factories.ArticlePageFactory(parent=library.conditions)
    revision = page.save_revision()
    page.unpublish()

    revision.publish()

    page.refresh_from_db()
    assert page.live, "taking a page down and putting the same words back needs no new review"


def test_a_moderator_cannot_publish_their_own_changes_under_the_old_review(
    client, moderator, library, article_form_data
):
    page = factories.ArticlePageFactory(parent=library.conditions, title="Sciatica explained")
    data = article_form_data(page.title, slug=page.slug, summary="Massage cures sciatica.")

    response = _edit(client, moderator, page, {**data, "action-publish": "action-publish"})

    assert response.status_code == 200
    assert "changed since its clinical review" in response.content.decode()
    page.refresh_from_db()
    assert page.summary != "Massage cures sciatica."


def test_changes_made_at_the_moderation_step_go_back_to_clinical_review(
    client, submitted_article, gp, moderator, article_form_data
):
    _approve(client, gp, submitted_article)
    data = article_form_data("Sciatica explained", summary="Changed after the review.")

    response = _edit(client, moderator, submitted_article, data)  # Save draft

    assert response.status_code == 302
    assert _task_name(submitted_article) == "Clinical review"
    _approve(client, gp, submitted_article)
    _approve(client, moderator, submitted_article)
    submitted_article.refresh_from_db()
    assert submitted_article.live
    assert submitted_article.summary == "Changed after the review."


def test_approving_with_changes_at_the_moderation_step_is_refused_with_a_reason(
    client, submitted_article, gp, moderator, article_form_data
):
    _approve(client, gp, submitted_article)
    submitted_article.refresh_from_db()
    task_state = submitted_article.current_workflow_state.current_task_state
    data = article_form_data("Sciatica explained", summary="Changed while approving.")
    data |= {
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-task-state-id": task_state.pk,
    }

    response = _edit(client, moderator, submitted_article, data)

    assert response.status_code == 200
    assert "changed since its clinical review" in response.content.decode()
    submitted_article.refresh_from_db()
    assert not submitted_article.live
