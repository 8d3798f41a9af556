"""Keep Wagtail's search index in step with what is saved.

Wagtail indexes a page on ``post_save``, but modelcluster writes a page's
``ParentalManyToManyField`` values (muscles, regions) only after that save
returns, so the index would hold the previous publish's names. Indexing again
once the page is published fixes that. The admin's page search relies on it
(readers' search keeps its own index: ``api.search.store``).

Pages are found by their muscles' and body regions' names, which live on those
snippets: publishing a new name re-indexes the pages that carry it. (A draft
rename touches only bookkeeping fields on the row, so it changes nothing found.)

Bulk loads (the demo library, the benchmark library) index once at the end
instead: a page is saved several times on its way to publication, and each save
re-indexed it, which was most of a load's time.
"""

from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.models.signals import post_save
from django.test.utils import override_settings

from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from cms.models import BodyRegion, Muscle
from cms.models.library import LibraryPage


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


def reindex_pages_naming(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "name" not in update_fields:
        return
    lookup = "regions" if isinstance(instance, BodyRegion) else "muscles"
    for model in apps.get_models():
        if issubclass(model, LibraryPage):
            for page in model.objects.filter(**{lookup: instance}):
                insert_or_update_object(page)


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="cms.reindex_published_page")
    for model in (Muscle, BodyRegion):
        post_save.connect(reindex_pages_naming, sender=model, dispatch_uid=f"cms.reindex.{model}")
