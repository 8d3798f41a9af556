"""Where each page type may sit in the tree, and how many of it may exist."""

import pytest

from wagtail.models import Page

from cms.models import (
    ArticlePage,
    BookingPage,
    HomePage,
    RoutinePage,
    SectionPage,
    StretchGuidePage,
    StretchIndexPage,
)
from tests import factories

CMS_PAGE_TYPES = {
    HomePage,
    SectionPage,
    StretchIndexPage,
    BookingPage,
    ArticlePage,
    StretchGuidePage,
    RoutinePage,
}

# parent type -> the project's page types allowed directly beneath it
CHILDREN = {
    Page: {HomePage},
    HomePage: {SectionPage, StretchIndexPage, BookingPage},
    SectionPage: {ArticlePage},
    StretchIndexPage: {StretchGuidePage, RoutinePage},
    BookingPage: set(),
    ArticlePage: set(),
    StretchGuidePage: set(),
    RoutinePage: set(),
}


def _name(model) -> str:
    return model.__name__


@pytest.mark.parametrize("parent_model", list(CHILDREN), ids=_name)
def test_each_page_type_allows_only_its_own_child_types(parent_model):
    allowed = set(parent_model.allowed_subpage_models())
    if parent_model is not Page:
        assert allowed == CHILDREN[parent_model]
    assert allowed & CMS_PAGE_TYPES == CHILDREN[parent_model]


@pytest.mark.parametrize("child_model", sorted(CMS_PAGE_TYPES, key=_name), ids=_name)
def test_each_page_type_has_exactly_one_parent_type(child_model):
    expected = {parent for parent, children in CHILDREN.items() if child_model in children}
    assert set(child_model.allowed_parent_page_models()) == expected
    assert len(expected) == 1


def test_home_page_can_be_created_under_the_root_only(library):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    for parent in (library.home, library.conditions, library.stretches, library.booking):
        assert not HomePage.can_create_at(parent)


@pytest.mark.parametrize(
    "child_model",
    [SectionPage, StretchIndexPage, BookingPage, ArticlePage, StretchGuidePage, RoutinePage],
)
def test_library_pages_cannot_be_created_under_the_root(db, child_model):
    assert not child_model.can_create_at(Page.get_first_root_node())


def test_sections_hold_articles_but_not_stretch_guides(library):
    assert ArticlePage.can_create_at(library.conditions)
    assert not StretchGuidePage.can_create_at(library.conditions)
    assert not SectionPage.can_create_at(library.conditions)


def test_stretches_index_holds_stretch_guides_but_not_articles(library):
    assert StretchGuidePage.can_create_at(library.stretches)
    assert not ArticlePage.can_create_at(library.stretches)


def test_articles_stretch_guides_and_booking_page_take_no_children(article, stretch, library):
    for parent in (article, stretch, library.booking):
        for child_model in CMS_PAGE_TYPES:
            assert not child_model.can_create_at(parent), (child_model, parent)


def test_only_one_booking_page_can_exist_on_the_whole_site(db):
    root = Page.get_first_root_node()
    first_home = factories.HomePageFactory(parent=root, slug="first-home")
    second_home = factories.HomePageFactory(parent=root, slug="second-home")
    assert BookingPage.can_create_at(first_home)

    factories.BookingPageFactory(parent=first_home)

    assert not BookingPage.can_create_at(first_home)
    assert not BookingPage.can_create_at(second_home)


def test_each_home_page_has_at_most_one_stretches_index(db):
    root = Page.get_first_root_node()
    first_home = factories.HomePageFactory(parent=root, slug="first-home")
    second_home = factories.HomePageFactory(parent=root, slug="second-home")

    factories.StretchIndexPageFactory(parent=first_home)

    assert not StretchIndexPage.can_create_at(first_home)
    assert StretchIndexPage.can_create_at(second_home)
