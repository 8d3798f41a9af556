"""Keep Wagtail's search index in step with a page's muscles and body regions.

Wagtail indexes a page on ``post_save``, but modelcluster writes a page's
``ParentalManyToManyField`` values (muscles, regions) only after that save
returns, so the index would hold the previous publish's names. Indexing again
once the page is published fixes that. ``api.search`` relies on it: Wagtail
search must find every page the offline index does.
"""

from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs):
    insert_or_update_object(instance)


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="cms.reindex_published_page")
