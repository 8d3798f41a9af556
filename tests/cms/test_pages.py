"""Every page type can be created, published and previewed, in code and in the admin."""

import pytest

from django.urls import reverse

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from cms.models import (
    ArticlePage,
    BookingPage,
    HomePage,
    SafetyNetSettings,
    SectionPage,
    StretchGuidePage,
    StretchIndexPage,
)
from tests import factories


def test_every_page_type_is_created_as_a_draft_and_published_from_its_factory(db):
    home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), slug="factory-home", live=False
    )
    section = factories.SectionPageFactory(parent=home, live=False)
    stretches = factories.StretchIndexPageFactory(parent=home, live=False)
    pages = [
        home,
        section,
        stretches,
        factories.BookingPageFactory(parent=home, live=False),
        factories.ArticlePageFactory(parent=section, live=False),
        factories.StretchGuidePageFactory(parent=stretches, live=False),
    ]
    assert {type(page) for page in pages} == {
        HomePage,
        SectionPage,
        StretchIndexPage,
        BookingPage,
        ArticlePage,
        StretchGuidePage,
    }
    assert not Page.objects.live().filter(pk__in=[page.pk for page in pages]).exists()
    # Outside any site's tree, articles take the default site's safety net.
    factories.fill_safety_net(SafetyNetSettings.for_site(Site.objects.get(is_default_site=True)))

    for page in pages:
        factories.publish(page)

    for page in pages:
        published = Page.objects.get(pk=page.pk)
        assert published.live, type(page).__name__
        assert published.live_revision.content["title"] == page.title


def _preview_html(client, page, title: str, stream_data: dict | None = None) -> str:
    """Post the page's edit form to the admin preview with a changed title; return the preview.

    StreamFields are drawn by JavaScript, so the edit page's HTML holds no block
    data: pages that have them pass what the form would post in ``stream_data``.
    """
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(edit_html, form_id="page-edit-form")
    for key, value in (stream_data or {}).items():
        data.setlist(key, value if isinstance(value, list) else [value])
    data["title"] = title
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

    response = client.post(preview_url, data)
    assert response.json() == {"is_valid": True, "is_available": True}

    response = client.get(preview_url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["home", "conditions", "stretches", "booking"])
def test_admin_preview_of_a_structural_page_shows_the_unsaved_title(admin_client, library, name):
    page = getattr(library, name)

    html = _preview_html(admin_client, page, f"Previewed {name}")

    assert f"Previewed {name}" in html


def test_admin_preview_of_an_article_shows_the_unsaved_title(
    admin_client, article, article_form_data
):
    html = _preview_html(admin_client, article, "Previewed article", article_form_data())

    assert "Previewed article" in html


def test_admin_preview_of_a_stretch_guide_shows_the_unsaved_title(
    admin_client, stretch, stretch_form_data
):
    html = _preview_html(admin_client, stretch, "Previewed stretch", stretch_form_data())

    assert "Previewed stretch" in html


def _add_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["cms", model._meta.model_name, parent.pk])


def test_admin_creates_an_article_with_nested_blocks(admin_client, library, article_form_data):
    data = article_form_data("Sciatica explained", **{"action-submit": "action-submit"})

    response = admin_client.post(_add_url(ArticlePage, library.conditions), data)

    assert response.status_code == 302, response.context["form"].errors
    # Submitted for clinical review: the content is the draft waiting to be signed.
    page = ArticlePage.objects.get(slug="sciatica-explained").get_latest_revision_as_object()
    assert page.get_parent().pk == library.conditions.pk
    assert [block.block_type for block in page.body] == [
        "heading",
        "text",
        "care_card",
        "key_facts",
    ]
    assert "affects one leg" in page.body[1].value.source
    care_card = page.body[2].value
    assert list(care_card["emergency"]) == ["Weakness in both legs"]
    assert list(care_card["see_doctor"]) == ["Pain that keeps getting worse"]
    assert list(care_card["self_care"]) == []


def test_admin_creates_a_stretch_guide_with_steps_and_muscles(
    admin_client, library, stretch_form_data
):
    piriformis = factories.MuscleFactory(name="Piriformis", slug="piriformis")
    data = stretch_form_data(
        "Figure-four stretch", muscles=[piriformis.pk], **{"action-submit": "action-submit"}
    )

    response = admin_client.post(_add_url(StretchGuidePage, library.stretches), data)

    assert response.status_code == 302, response.context["form"].errors
    page = StretchGuidePage.objects.get(slug="figure-four-stretch").get_latest_revision_as_object()
    assert [step.value["hold_seconds"] for step in page.steps] == [0, 30]
    assert list(page.muscles.all()) == [piriformis]
