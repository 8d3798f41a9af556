"""The sitemap: Wagtail's, less pages whose expiry time has passed.

Wagtail leaves an expired page live until ``publish_scheduled`` runs; the
public-page rule (``api.selectors``) already leaves it out everywhere else.
"""

from wagtail.contrib.sitemaps import Sitemap

from api import selectors


class LibrarySitemap(Sitemap):
    def items(self):
        return super().items().filter(id__in=selectors.public_pages().values("id"))
