"""Editors submit, clinical reviewers sign, moderators approve: the workflow through the admin."""

import datetime
from unittest import mock

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cms.models import ArticlePage
from tests import factories


def _add_article_url(section) -> str:
    return reverse("wagtailadmin_pages:add", args=["cms", "articlepage", section.pk])


@pytest.fixture
def submitted_article(client, editor, moderator, library, article_form_data):
    """An article an editor has written in the admin and submitted for moderation."""
    client.force_login(editor)
    data = article_form_data("Sciatica explained", **{"action-submit": "action-submit"})

    response = client.post(_add_article_url(library.conditions), data)

    assert response.status_code == 302
    client.logout()
    return ArticlePage.objects.get(slug="sciatica-explained")


def _approve_url(page) -> str:
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_root_carries_the_clinical_review_and_moderation_workflow(library):
    workflow = library.home.get_workflow()
    assert workflow.name == "Clinical review and moderation"
    assert [task.name for task in workflow.tasks] == ["Clinical review", "Moderators approval"]


def test_editor_submission_waits_for_clinical_review_and_is_not_live(submitted_article):
    workflow_state = submitted_article.current_workflow_state

    assert not submitted_article.live
    assert workflow_state.status == workflow_state.STATUS_IN_PROGRESS
    assert workflow_state.current_task_state.task.name == "Clinical review"
    assert workflow_state.requested_by.username == "eddie"


def test_reviewers_then_moderators_are_emailed(
    client, gp, moderator, editor, library, article_form_data
):
    client.force_login(editor)
    data = article_form_data("Sciatica explained", **{"action-submit": "action-submit"})
    client.post(_add_article_url(library.conditions), data)
    page = ArticlePage.objects.get(slug="sciatica-explained")
    assert any(gp.email in message.to for message in mail.outbox)
    assert not any(moderator.email in message.to for message in mail.outbox)

    client.force_login(gp)
    client.post(_approve_url(page), {"comment": ""})

    assert any(moderator.email in message.to for message in mail.outbox)


def test_moderator_approval_after_clinical_review_publishes_the_article(
    client, submitted_article, gp, moderator
):
    client.force_login(gp)
    client.post(_approve_url(submitted_article), {"comment": ""})
    submitted_article.refresh_from_db()
    client.force_login(moderator)

    response = client.post(_approve_url(submitted_article), {"comment": ""})

    assert response.status_code == 302
    submitted_article.refresh_from_db()
    assert submitted_article.live
    assert submitted_article.current_workflow_state is None
    assert submitted_article.live_revision == submitted_article.latest_revision


def test_editor_cannot_approve_a_submission(client, submitted_article, editor):
    client.force_login(editor)

    response = client.post(_approve_url(submitted_article), {"comment": ""})

    # Wagtail answers a forbidden admin action by sending the user back to the dashboard.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    submitted_article.refresh_from_db()
    assert not submitted_article.live
    assert submitted_article.current_workflow_state.status == "in_progress"


def test_editor_cannot_publish_directly(client, editor, library, article_form_data):
    assert not library.conditions.permissions_for_user(editor).can_publish_subpage()
    client.force_login(editor)
    data = article_form_data("Straight to live", **{"action-publish": "action-publish"})

    response = client.post(_add_article_url(library.conditions), data)

    # Wagtail quietly saves a draft instead of publishing.
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="straight-to-live")
    assert not page.live
    assert page.live_revision is None
    assert not page.permissions_for_user(editor).can_publish()


def test_editor_cannot_publish_an_existing_draft_from_the_edit_view(
    client, editor, library, article_form_data
):
    draft = factories.ArticlePageFactory(parent=library.conditions, live=False)
    draft.save_revision()
    client.force_login(editor)
    data = article_form_data(draft.title, slug=draft.slug, **{"action-publish": "action-publish"})

    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.revisions.count() == 2, "the editor's changes were saved as a draft"
    assert not draft.live
    assert draft.live_revision is None


def test_moderator_cannot_publish_an_unreviewed_page_directly(
    client, moderator, library, article_form_data
):
    client.force_login(moderator)
    data = article_form_data("Not reviewed", **{"action-publish": "action-publish"})

    response = client.post(_add_article_url(library.conditions), data)

    assert response.status_code == 200
    assert "no clinical review yet" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="not-reviewed").exists()


def test_scheduled_revision_goes_live_when_publish_scheduled_runs(library):
    page = factories.ArticlePageFactory(parent=library.conditions, live=False)
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at == go_live_at

    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live, "published before its time"

    two_hours_later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=two_hours_later):
        call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert page.live_revision == revision


def test_only_moderators_may_change_search_synonyms(editor, moderator):
    # Synonyms change every reader's search answers, so they need a moderator.
    assert not editor.has_perm("cms.change_searchsynonym")
    assert not editor.has_perm("cms.add_searchsynonym")
    assert moderator.has_perm("cms.change_searchsynonym")
    assert moderator.has_perm("cms.add_searchsynonym")
