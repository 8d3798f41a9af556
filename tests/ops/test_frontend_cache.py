"""Publishing purges the page from the CDN (wagtail.contrib.frontend_cache)."""

import pytest

from tests import factories
from tests.ops.fakes import RecordingPurgeBackend

RECORDING = {"test": {"BACKEND": "tests.ops.fakes.RecordingPurgeBackend"}}


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = RECORDING
    RecordingPurgeBackend.purged = []
    return RecordingPurgeBackend.purged


@pytest.mark.django_db
def test_publishing_an_article_purges_its_url(library, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.publish(
            factories.ArticlePageFactory(parent=library.conditions, slug="piriformis")
        )
    assert page.get_full_url() in purged
    assert page.get_full_url().endswith("/conditions/piriformis/")


@pytest.mark.django_db
def test_unpublishing_an_article_purges_its_url(
    article, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert purged == [article.get_full_url()]
