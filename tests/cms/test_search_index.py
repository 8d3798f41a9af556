"""Search finds pages by the names of their muscles and body regions, as they are now."""

import pytest

from wagtail.models import Page

from tests import factories


def _found(query: str) -> set[int]:
    return {page.id for page in Page.objects.live().search(query)}


@pytest.fixture
def tagged_article(library):
    muscle = factories.MuscleFactory(name="Piriformis", slug="piriformis")
    region = factories.BodyRegionFactory(name="Buttock", slug="buttock")
    page = factories.ArticlePageFactory(parent=library.conditions, title="Deep ache", slug="ache")
    page.muscles = [muscle]
    page.regions = [region]
    return factories.publish(page), muscle, region


@pytest.mark.parametrize("which", ["muscle", "region"])
def test_renaming_a_muscle_or_region_reindexes_the_pages_that_name_it(tagged_article, which):
    article, muscle, region = tagged_article
    snippet = {"muscle": muscle, "region": region}[which]
    assert article.id in _found(snippet.name)

    snippet.name = "Quadratus"
    snippet.save_revision().publish()

    assert article.id in _found("Quadratus")
    assert article.id not in _found({"muscle": "Piriformis", "region": "Buttock"}[which])


def test_a_draft_rename_changes_nothing_found(tagged_article):
    article, muscle, _region = tagged_article

    muscle.name = "Quadratus"
    muscle.save_revision()

    assert article.id not in _found("Quadratus")
    assert article.id in _found("Piriformis")
