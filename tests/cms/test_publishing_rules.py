"""What no page may go live without: a safety net, a clinical review that covers its sources."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.blocks import StructBlockValidationError

from cms.blocks import ReferenceBlock
from cms.models import ArticlePage, SafetyNetSettings, StretchGuidePage
from tests import factories


@pytest.fixture
def no_default_net(library):
    return factories.fill_safety_net(
        SafetyNetSettings.for_site(library.site), emergency="", urgent=""
    )


def test_a_page_cannot_be_published_when_no_safety_net_resolves(library, no_default_net):
    page = factories.ArticlePageFactory(parent=library.conditions, live=False)

    with pytest.raises(ValidationError, match="safety net"):
        factories.publish(page)

    assert not ArticlePage.objects.get(pk=page.pk).live


def test_a_stretch_guide_cannot_be_published_without_a_safety_net(library, no_default_net):
    page = factories.StretchGuidePageFactory(parent=library.stretches, live=False)
    with pytest.raises(ValidationError, match="safety net"):
        factories.publish(page)
    assert not StretchGuidePage.objects.get(pk=page.pk).live


def test_a_pages_own_signs_let_it_publish_without_a_default(library, no_default_net):
    page = factories.ArticlePageFactory(
        parent=library.conditions,
        live=False,
        safety_net_emergency="Weakness in both legs",
        safety_net_urgent="A fever with back pain",
    )
    assert factories.publish(page).live


def test_page_signs_come_first_and_the_default_is_never_dropped(library, article):
    article.safety_net_emergency = "Chest pain with a swollen calf\nWeakness in both legs"
    net = article.resolved_safety_net(SafetyNetSettings.for_site(library.site))
    assert net["emergency"] == [
        "Chest pain with a swollen calf",
        "Weakness in both legs",
        "Numbness around your genitals or bottom",
    ]
    assert net["urgent"] == factories.DEFAULT_SAFETY_NET["urgent"].splitlines()


def test_the_moderators_publish_button_refuses_a_page_without_a_safety_net(
    client, moderator, library, no_default_net, article_form_data
):
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", library.conditions.pk])

    response = client.post(url, article_form_data("No net", **{"action-publish": "1"}))

    assert response.status_code == 200
    assert "safety net" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="no-net").exists()


def test_an_editor_may_save_a_draft_without_a_safety_net(
    client, editor, library, no_default_net, article_form_data
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", library.conditions.pk])

    response = client.post(url, article_form_data("Draft without net"))

    assert response.status_code == 302
    assert not ArticlePage.objects.get(slug="draft-without-net").live


def test_a_submission_without_a_safety_net_is_refused(
    client, editor, library, no_default_net, article_form_data
):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", library.conditions.pk])

    response = client.post(url, article_form_data("Submitted", **{"action-submit": "1"}))

    assert response.status_code == 200
    assert "safety net" in response.content.decode()


def test_an_unreviewed_page_cannot_be_published(library):
    page = factories.ArticlePageFactory(
        parent=library.conditions, live=False, last_reviewed=None, next_review_due=None
    )
    with pytest.raises(ValidationError, match="no clinical review"):
        factories.publish(page)


def test_a_reference_dated_after_the_review_is_refused(library, article):
    article.references = [
        {
            "type": "reference",
            "value": {"title": "A later study", "year": article.last_reviewed.year + 1},
        }
    ]
    with pytest.raises(ValidationError, match="dated after the last clinical review"):
        factories.publish(article)


def test_a_reference_from_the_review_year_is_accepted(library, article):
    article.references = [
        {
            "type": "reference",
            "value": {"title": "This year's guide", "year": article.last_reviewed.year},
        }
    ]
    assert factories.publish(article).live


@pytest.mark.parametrize(
    "title", ["click here", "Here", "https://example.org/guide", "Guide", "www.example.org"]
)
def test_an_external_reference_needs_a_title_that_makes_sense_alone(title):
    block = ReferenceBlock()
    value = block.to_python({"title": title, "url": "https://example.org/guide"})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_an_external_reference_with_a_real_title_is_accepted():
    block = ReferenceBlock()
    value = block.to_python(
        {"title": "Back pain: a guide for patients", "url": "https://example.org/g"}
    )
    assert block.clean(value)["title"] == "Back pain: a guide for patients"
