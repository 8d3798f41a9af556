"""Keep Wagtail's search index in step with what is saved.

Wagtail indexes a page on ``post_save``, but modelcluster writes a page's
``ParentalManyToManyField`` values (muscles, regions) only after that save
returns, so the index would hold the previous publish's names. Indexing again
once the page is published fixes that. ``api.search`` relies on it: Wagtail
search must find every page the offline index does.

Bulk loads (the demo library, the benchmark library) index once at the end
instead: a page is saved several times on its way to publication, and each save
re-indexed it, which was most of a load's time.
"""

from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published


@contextmanager
def indexed_once_at_the_end():
    """Switch off indexing on save for the block, then rebuild the index once."""
    backends = {
        name: {**params, "AUTO_UPDATE": False}
        for name, params in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield
    call_command("update_index", verbosity=0)


def reindex_published_page(sender, instance, **kwargs):
    insert_or_update_object(instance)


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="cms.reindex_published_page")
