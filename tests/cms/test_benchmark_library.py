"""The benchmark builder keeps working as the publishing rules tighten."""

import pytest

from cms.models import ArticlePage
from tests.benchmarks.build import build


@pytest.mark.django_db
def test_the_benchmark_builder_adds_live_reviewed_articles(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    total = build(3)

    variants = ArticlePage.objects.live().filter(slug__contains="-variant-")
    assert total == ArticlePage.objects.live().count() > variants.count()
    assert variants.count() == 3
    assert all(page.reviewed_content == page.content_digest() for page in variants)
